"""Directus field types as Python annotations; safe names; source laid out like ruff.

The type comes from the field's ``type`` plus ``meta.special``, never from
``schema.data_type``, which is vendor-specific (SQLite reports a ``decimal`` column as
``float`` with no precision):

===================== ================= ============================================
Directus ``type``     Python            note
===================== ================= ============================================
string, text, hash    ``str``           hash: the server returns the hash
uuid                  ``UUID``
integer, bigInteger   ``int``           bigInteger loses precision past 2**53 (JSON)
float                 ``float``
decimal               ``Decimal``       ``max_digits``/``decimal_places`` if known
boolean               ``bool``
json                  ``JsonValue``
csv (or cast-csv)     ``list[str]``     REST sends the list, not ``"x,y,z"``
user-created/updated  ``str``           keys of directus_users, whatever the type
date, time            ``date``, ``time``
dateTime              ``datetime``      naive: Directus sends no offset
timestamp             ``AwareDatetime`` sent as ``"2026-11-21T05:22:30.570Z"``
binary                ``str``           fallback (commented): sent as a string
geometry, geometry.*  ``JsonValue``     GeoJSON (commented)
anything else         ``JsonValue``     commented; an unknown type never fails
===================== ================= ============================================
"""

from __future__ import annotations

import dataclasses
import json
import keyword
import math
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence

from pydantic import JsonValue

from directus_orm._models import DirectusModel

LINE_LENGTH = 88
# Where each name that generated code may use is imported from.
SYMBOL_MODULES = {
    "date": "datetime",
    "datetime": "datetime",
    "time": "datetime",
    "Decimal": "decimal",
    "Literal": "typing",
    "UUID": "uuid",
    "AwareDatetime": "pydantic",
    "Field": "pydantic",
    "JsonValue": "pydantic",
    "DirectusConfig": "directus_orm",
    "DirectusModel": "directus_orm",
}
# Fields are often called like these; the import gets aliased instead of the field
# renamed, as datamodel-code-generator does (``from datetime import date as ...``).
ALIASABLE_SYMBOLS = frozenset({"date", "datetime", "time"})
RESERVED_FIELD_NAMES = (
    frozenset(name for name in dir(DirectusModel) if not name.startswith("_"))
    | {"bool", "float", "int", "list", "str"}  # builtins the annotations use
    | (SYMBOL_MODULES.keys() - ALIASABLE_SYMBOLS)
    | {f"{name}_aliased" for name in ALIASABLE_SYMBOLS}
)
_RESERVED_CLASS_NAMES = SYMBOL_MODULES.keys() | {"False", "None", "True"}


# -- annotations -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Name:
    """An atom (name, literal, ``None``); ``symbol``: one of ``SYMBOL_MODULES``."""

    text: str
    symbol: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Sub:
    """A subscript: ``list[int]``, ``Literal["a", "b"]``."""

    base: Name
    args: tuple[Expr, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Union:
    """``a | b | None``."""

    arms: tuple[Expr, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Call:
    """A call with its arguments as source: ``Field(alias="x")``."""

    func: str
    args: tuple[str, ...]


Expr = Name | Sub | Union
NONE = Name("None")


def sym(name: str) -> Name:
    """Return the imported name ``name`` as an atom."""
    return Name(name, symbol=True)


def union(arms: Iterable[Expr]) -> Expr:
    """Return the union of ``arms``: flattened, without repeats, ``None`` last."""
    items: list[Expr] = []
    for arm in arms:
        items += [a for a in (arm.arms if isinstance(arm, Union) else (arm,))]
    unique_items = [a for i, a in enumerate(items) if a not in items[:i] and a != NONE]
    unique_items += [NONE] if NONE in items else []
    return unique_items[0] if len(unique_items) == 1 else Union(tuple(unique_items))


def symbols(expr: Expr) -> set[str]:
    """Return the imported names ``expr`` uses."""
    if isinstance(expr, Name):
        return {expr.text} if expr.symbol else set()
    parts = (expr.base, *expr.args) if isinstance(expr, Sub) else expr.arms
    return set().union(*map(symbols, parts))


def renamed(expr: Expr, aliases: dict[str, str]) -> Expr:
    """Return ``expr`` with the imported names in ``aliases`` replaced."""
    if isinstance(expr, Name):
        return Name(aliases.get(expr.text, expr.text)) if expr.symbol else expr
    if isinstance(expr, Sub):
        return Sub(expr.base, tuple(renamed(arg, aliases) for arg in expr.args))
    return Union(tuple(renamed(arm, aliases) for arm in expr.arms))


@dataclasses.dataclass(frozen=True, slots=True)
class Scalar:
    """The Python side of a column type.

    Attributes:
        annotation: The annotation, without ``None``.
        kind: Which defaults and constraints apply (``str``, ``int``, ``float``,
            ``decimal``, ``bool``, or ``other`` for none).
        note: A comment for the generated field, on fallback mappings.
    """

    annotation: Expr
    kind: str = "other"
    note: str | None = None


_SCALARS = {
    "string": Scalar(Name("str"), "str"),
    "text": Scalar(Name("str"), "str"),
    "hash": Scalar(Name("str")),
    "uuid": Scalar(sym("UUID")),
    "integer": Scalar(Name("int"), "int"),
    "bigInteger": Scalar(Name("int"), "int"),
    "float": Scalar(Name("float"), "float"),
    "decimal": Scalar(sym("Decimal"), "decimal"),
    "boolean": Scalar(Name("bool"), "bool"),
    "json": Scalar(sym("JsonValue")),
    "csv": Scalar(Sub(Name("list"), (Name("str"),))),
    "date": Scalar(sym("date")),
    "time": Scalar(sym("time")),
    "dateTime": Scalar(sym("datetime")),
    "timestamp": Scalar(sym("AwareDatetime")),
    "binary": Scalar(Name("str"), note="Directus sends binary columns as strings."),
}


def scalar_type(directus_type: str, special: Sequence[str]) -> Scalar:
    """Return the Python type of a column of ``directus_type``; never fails."""
    if "cast-csv" in special:
        return _SCALARS["csv"]
    if "user-created" in special or "user-updated" in special:
        # Keys of directus_users; Directus reports them as string even if created
        # as uuid, so they stay str whatever the type says.
        return Scalar(Name("str"))
    if directus_type in _SCALARS:
        return _SCALARS[directus_type]
    if directus_type == "geometry" or directus_type.startswith("geometry."):
        return Scalar(sym("JsonValue"), note=f"GeoJSON {quoted(directus_type)}.")
    note = f"Unknown Directus type {quoted(directus_type)}: typed as JsonValue."
    return Scalar(sym("JsonValue"), note=note)


def choice_values(options: dict[str, JsonValue] | None, kind: str) -> list[Name]:
    """Return dropdown choices as ``Literal`` arguments; ``[]``: keep the type.

    Only ``str`` and ``int`` columns qualify, when every value fits the type and
    the interface does not allow other values. A ``null`` choice is dropped (the
    field's nullability decides ``None``).
    """
    options = options or {}
    choices = options.get("choices")
    if kind not in ("str", "int") or options.get("allowOther"):
        return []
    values: list[Name] = []
    for choice in choices if isinstance(choices, list) else []:
        value = choice.get("value") if isinstance(choice, dict) else None
        literal = None if value is None else default_literal(value, kind)
        if value is not None and not isinstance(literal, str):
            return []
        if isinstance(literal, str) and Name(literal) not in values:
            values.append(Name(literal))
    return values


def default_literal(value: object, kind: str) -> str | Call | None:
    """Return ``value`` as source if it is a literal of ``kind``, else None."""
    if kind == "bool" or isinstance(value, bool):
        return repr(value) if kind == "bool" and isinstance(value, bool) else None
    if kind == "int" and isinstance(value, int):
        return repr(value)
    if kind == "float" and isinstance(value, int | float) and math.isfinite(value):
        return repr(value)
    if kind == "str" and isinstance(value, str):
        return py_str(value)
    text = str(value).strip()
    number = re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text)
    if kind == "decimal" and isinstance(value, int | float | str) and number:
        return Call("Decimal", (py_str(text),))
    return None


# -- names and text --------------------------------------------------------------------


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def class_name(collection: str) -> str:
    """Return the PascalCase class name of ``collection`` (before de-duplication)."""
    parts = re.split(r"[^0-9A-Za-z]+", _ascii(collection))
    name = "".join(part[:1].upper() + part[1:] for part in parts)
    if not name or name[0].isdigit():
        name = "Collection" + name
    return name + "Model" if name in _RESERVED_CLASS_NAMES else name


def field_name(field: str, reserved: frozenset[str]) -> str:
    """Return a Python attribute name for the Directus field ``field``.

    Leading underscores go (pydantic would make the field private), runs of
    underscores collapse (``__`` separates lookups), and keywords and ``reserved``
    names get a trailing underscore.
    """
    name = re.sub(r"_{2,}", "_", re.sub(r"\W", "_", _ascii(field))).lstrip("_")
    name = "field_" + name if name[:1].isdigit() else name or "field"
    return name + "_" if keyword.iskeyword(name) or name in reserved else name


def unique(name: str, taken: set[str], separator: str = "_") -> str:
    """Return ``name``, or ``name`` plus the first free number (``pk_2``)."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}{'' if name.endswith('_') else separator}{number}"
    return candidate


def py_str(text: str) -> str:
    """Return ``text`` as an ASCII string literal, quoted as ruff formats it.

    Non-ASCII characters are escaped, so ruff's RUF001 (confusable characters)
    never fires on names taken from the server.
    """
    body = "".join(
        char if 0x20 <= ord(char) < 0x7F and char != "\\" else _escape(char)
        for char in text
    )
    quote = "'" if body.count('"') > body.count("'") else '"'
    return quote + body.replace(quote, "\\" + quote) + quote


def _escape(char: str) -> str:
    code = ord(char)
    special = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in special:
        return special[char]
    return f"\\x{code:02x}" if code < 0x100 else _unicode_escape(char)


def _unicode_escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def doc_text(text: str) -> str:
    r"""Return ``text`` on one line, safe in a docstring or a comment.

    Backslashes, double quotes and non-ASCII characters become ``\u`` escapes,
    which ruff's D301 accepts and its RUF002/RUF003 never see.
    """
    return "".join(
        char
        if 0x20 <= ord(char) < 0x7F and char not in '\\"'
        else _unicode_escape(char)
        for char in " ".join(text.split())
    )


def sentence(text: str) -> str:
    """Return ``text`` capitalized and ending in punctuation (D403, D415)."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def quoted(text: str) -> str:
    """Return ``text`` as an ASCII JSON string, for comments."""
    return json.dumps(text, ensure_ascii=True)


# -- layout, as ruff format writes it --------------------------------------------------


def flat(expr: Expr | Call | str) -> str:
    """Return ``expr`` on one line."""
    if isinstance(expr, str):
        return expr
    if isinstance(expr, Call):
        return f"{expr.func}({', '.join(expr.args)})"
    if isinstance(expr, Name):
        return expr.text
    if isinstance(expr, Sub):
        return f"{expr.base.text}[{', '.join(map(flat, expr.args))}]"
    return " | ".join(map(flat, expr.arms))


def _fits(line: str) -> bool:
    return len(line) <= LINE_LENGTH


def _expr_lines(expr: Expr, indent: int, prefix: str, suffix: str) -> list[str]:
    pad = " " * indent
    line = f"{pad}{prefix}{flat(expr)}{suffix}"
    if _fits(line) or isinstance(expr, Name):
        return [line]
    if isinstance(expr, Union):
        last = len(expr.arms) - 1
        return [
            line
            for i, arm in enumerate(expr.arms)
            for line in _expr_lines(
                arm, indent, prefix if i == 0 else "| ", suffix if i == last else ""
            )
        ]
    inner = indent + 4
    joined = " " * inner + ", ".join(map(flat, expr.args))
    if len(expr.args) == 1:  # no trailing comma: it would make a tuple
        body = _expr_lines(expr.args[0], inner, "", "")
    elif _fits(joined):
        body = [joined]
    else:
        body = [line for arg in expr.args for line in _expr_lines(arg, inner, "", ",")]
    return [f"{pad}{prefix}{expr.base.text}[", *body, f"{pad}]{suffix}"]


def _call_lines(head: str, call: Call, indent: int) -> list[str]:
    inner = " " * (indent + 4)
    joined = inner + ", ".join(call.args)
    body = [joined] if _fits(joined) else [f"{inner}{arg}," for arg in call.args]
    return [f"{head}{call.func}(", *body, " " * indent + ")"]


def statement(
    indent: int, target: str, annotation: Expr | None, value: Call | str | None
) -> list[str]:
    """Return ``target: annotation = value`` split over lines as ruff does.

    ruff splits the right-hand side first, when the line up to the opening bracket
    fits: a call at its own brackets, else the whole value in parentheses.
    Otherwise it breaks the annotation (a union in parentheses, a subscript at its
    brackets) and then, if still needed, the call.
    """
    pad = " " * indent
    head = pad + target + (f": {flat(annotation)}" if annotation else "")
    rhs = "" if value is None else f" = {flat(value)}"
    if _fits(head + rhs) or (value is None and not isinstance(annotation, Sub | Union)):
        return [head + rhs]
    if isinstance(value, Call) and _fits(f"{head} = {value.func}("):
        return _call_lines(f"{head} = ", value, indent)
    inner = f"{pad}    {flat(value or '')}"
    if value is not None and _fits(f"{head} = (") and _fits(inner):
        return [f"{head} = (", inner, f"{pad})"]
    if isinstance(annotation, Union):
        lines = [f"{pad}{target}: (", *_expr_lines(annotation, indent + 4, "", "")]
        lines.append(f"{pad}){rhs}")
    elif isinstance(annotation, Sub):
        lines = _expr_lines(annotation, indent, f"{target}: ", rhs)
    else:
        lines = [head + rhs]
    if isinstance(value, Call) and not _fits(lines[-1]):
        lines += _call_lines(f"{lines.pop()[: -len(rhs)]} = ", value, indent)
    return lines


def docstring(indent: int, text: str, summary: str) -> list[str]:
    """Return a docstring: ``text`` on one line, else ``summary`` then ``text``.

    Both must be escaped (``doc_text``); ``summary`` must end in punctuation.
    """
    pad = " " * indent
    if _fits(f'{pad}"""{text}"""'):
        return [f'{pad}"""{text}"""']
    body = [pad + line for line in wrap(text, LINE_LENGTH - indent)]
    return [f'{pad}"""{summary}', "", *body, f'{pad}"""']


def comment(indent: int, text: str) -> list[str]:
    """Return ``text`` as ``#`` comment lines."""
    return [f"{' ' * indent}# {line}" for line in wrap(text, LINE_LENGTH - indent - 2)]


def wrap(text: str, width: int) -> list[str]:
    """Return ``text`` wrapped at spaces; a longer word gets a line of its own."""
    while True:
        lines = textwrap.wrap(
            text, width, break_long_words=False, break_on_hyphens=False
        )
        # A line that reads as a section name ("Note:") would open a Google section.
        if width < 20 or not any(map(_section_like, lines)):
            return lines
        width -= 1


_SECTIONS = {
    *("args", "arguments", "attention", "attributes", "caution", "danger", "error"),
    *("example", "examples", "hint", "important", "keyword", "methods", "note"),
    *("notes", "other", "parameters", "raise", "raises", "references", "return"),
    *("returns", "see", "tip", "todo", "warning", "warnings", "warns", "yield"),
    "yields",
}


def _section_like(line: str) -> bool:
    words = line.rstrip(":").lower().split()
    return 0 < len(words) <= 2 and words[0] in _SECTIONS
