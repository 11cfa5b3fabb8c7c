"""Turn ``F`` trees and lookups into Directus filter objects; negate filter objects.

Pure functions, no I/O. When a model's field table is given, field names, relational
paths and each operator's fitness for the field's type are checked here, so a wrong
query raises before a request is sent.

Keyword lookups are checked; raw filter dicts (``F({"name": {"_contains": "a_b"}})``
and the dicts given to ``_some``/``_none``) are sent as written, the way out when a
check refuses something the caller means.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pydantic_core import to_jsonable_python

from directus_orm import _lookups
from directus_orm._exceptions import FieldError, QueryError
from directus_orm._expressions import AND, F
from directus_orm._model_fields import model_fields

if TYPE_CHECKING:
    from directus_orm._model_fields import FieldSpec, ModelFields
    from directus_orm._types import JSONObject, JSONValue


def compile_filter(condition: F, fields: ModelFields | None = None) -> JSONObject:
    r"""Return the Directus filter object for ``condition``.

    Keyword lookups are checked; raw filter dicts are sent as written (only a
    negation looks into them, to flip their operators). A pattern lookup
    (``name__contains="a_b"``) whose value holds ``%``, ``_`` or ``\`` is refused:
    Directus pastes the value into SQL ``LIKE`` unescaped, where those are
    wildcards or an escape. ``F({"name": {"_contains": "a_b"}})`` sends it anyway.

    Args:
        condition: The F tree.
        fields: The model's field table, for checks; ``None`` checks nothing.

    Raises:
        FieldError: A field is unknown to the model.
        QueryError: An unknown operator, a bad value, or a negation with no inverse.
    """
    if condition.children:
        parts = [compile_filter(child, fields) for child in condition.children]
        parts = [part for part in parts if part]
        compiled = _join(parts, condition.connector)
    else:
        parts = [dict(condition.raw)] if condition.raw else []
        parts += [_compile_lookup(k, v, fields) for k, v in condition.lookups]
        compiled = _join(parts, AND)
    if condition.negated and compiled:
        return negate(compiled)
    return compiled


def combine(filters: Sequence[JSONObject]) -> JSONObject | None:
    """AND several filter objects together; ``None`` when there is none."""
    present = [item for item in filters if item]
    if not present:
        return None
    return _join(present, AND)


def _join(parts: list[JSONObject], connector: str) -> JSONObject:
    if not parts:
        return {}
    if len(parts) == 1:
        return parts[0]
    flat: list[JSONValue] = []
    for part in parts:
        inner = part.get(connector)
        if len(part) == 1 and isinstance(inner, list):
            flat.extend(inner)
        else:
            flat.append(part)
    return {connector: flat}


def negate(node: JSONObject) -> JSONObject:
    """Return the filter that selects what ``node`` does not (NULL rows aside).

    Directus has no ``_not``: the negation is pushed to the leaves by De Morgan
    (``_and`` ↔ ``_or``) and each operator is replaced by its inverse.

    Raises:
        QueryError: An operator has no inverse on the server (``_icontains``).
    """
    if len(node) != 1:
        return {"_or": [negate({key: value}) for key, value in node.items()]}
    ((key, value),) = node.items()
    if key in ("_and", "_or"):
        if not isinstance(value, list):
            raise QueryError(f"{key} takes a list of filters, not {value!r}")
        flipped = "_or" if key == "_and" else "_and"
        return {flipped: [negate(_as_object(item)) for item in value]}
    if key.startswith("_"):
        raise QueryError(f"operator {key} must be nested under a field")
    condition = _as_object(value)
    if len(condition) != 1:
        return {"_or": [negate({key: {k: v}}) for k, v in condition.items()]}
    ((inner_key, inner_value),) = condition.items()
    if inner_key in _lookups.INVERSE:
        return {key: {_lookups.INVERSE[inner_key]: inner_value}}
    if inner_key.startswith("_") and inner_key not in ("_and", "_or"):
        raise QueryError(
            f"{inner_key} has no negation on Directus (the server refuses "
            f"{inner_key[:1]}n{inner_key[1:]}); rewrite the condition without ~"
        )
    return {key: negate(condition)}


def _as_object(value: JSONValue) -> JSONObject:
    if not isinstance(value, dict):
        raise QueryError(f"expected a filter object, got {value!r}")
    return value


def _compile_lookup(
    keyword: str, value: object, fields: ModelFields | None
) -> JSONObject:
    parts = keyword.split("__")
    if any(not part for part in parts):
        raise QueryError(f"malformed lookup {keyword!r}")
    if parts[-1] in _lookups.REFUSED and len(parts) > 1:
        raise QueryError(
            f"{keyword!r}: Directus does not support _{parts[-1]} on any field type"
        )
    if parts[-1] in _lookups.LOOKUPS and len(parts) > 1:
        operator = _lookups.operator_for(parts[-1])
        path = parts[:-1]
    else:
        operator = "_eq"
        path = parts
    if operator == "_eq" and value is None:
        operator, value = "_null", True
    elif operator == "_neq" and value is None:
        operator, value = "_nnull", True
    elif operator in ("_eq", "_neq") and value == "":
        # The server refuses _eq "" but compares _in [""] exactly.
        operator, value = ("_in" if operator == "_eq" else "_nin"), [""]
    current = fields
    field_type: str | None = None
    keys: list[str] = []
    previous: FieldSpec | None = None
    for position, part in enumerate(path):
        if part in ("some", "none"):
            _check_quantified(keyword, part, keys, previous)
            keys.append(f"_{part}")
            continue
        if part.startswith("_"):
            raise QueryError(f"{keyword!r}: unknown lookup {part!r}")
        if current is None:
            keys.append(part)
            field_type = None
            continue
        spec = previous = current.resolve(part)
        keys.append(spec.key)
        field_type = spec.directus_type
        last = position == len(path) - 1
        if spec.related is not None:
            current = model_fields(spec.related)
        elif not last and field_type is not None and field_type != "json":
            raise FieldError(
                f"{keyword!r}: {current.model.__name__}.{spec.name} is not a relation"
            )
        else:
            current = None
    if operator in ("_some", "_none"):
        _check_quantified(keyword, operator[1:], keys, previous)
        condition: JSONValue = _nested(value, current)
    else:
        if keys[-1] in ("_some", "_none"):
            raise QueryError(f"{keyword!r}: '{keys[-1][1:]}' needs a field after it")
        _check_operator(keyword, operator, field_type)
        condition = _value(keyword, operator, value)
        if field_type in ("integer", "bigInteger"):
            _check_integral(keyword, condition)
    node: JSONObject = {operator: condition}
    for key in reversed(keys):
        node = {key: node}
    if operator in _lookups.PATTERN_OPERATORS:
        _check_pattern(keyword, operator, condition, node)
    return node


def _check_quantified(
    keyword: str, word: str, keys: list[str], spec: FieldSpec | None
) -> None:
    """``some``/``none`` need a one-to-many or many-to-many field before them."""
    if not keys or keys[-1].startswith("_"):
        raise QueryError(f"{keyword!r}: '{word}' must follow a relational field")
    if spec is not None and spec.key == keys[-1] and not spec.many:
        raise QueryError(
            f"{keyword!r}: '{word}' applies to one-to-many and many-to-many fields; "
            f"{spec.name} is not one"
        )


def _nested(value: object, fields: ModelFields | None) -> JSONObject:
    if isinstance(value, F):
        return compile_filter(value, fields)
    if isinstance(value, Mapping):
        return dict(value)
    raise QueryError(f"_some/_none take an F or a filter dict, not {value!r}")


def _check_operator(keyword: str, operator: str, field_type: str | None) -> None:
    if operator not in _lookups.COMPARISON_OPERATORS:
        raise QueryError(f"{keyword!r}: unknown operator {operator}")
    if field_type is None:
        return
    allowed = _lookups.allowed_for(field_type)
    if allowed is not None and operator not in allowed:
        raise QueryError(
            f"{keyword!r}: Directus does not allow {operator} on a {field_type} "
            f"field; allowed: {', '.join(sorted(allowed))}"
        )


def _value(keyword: str, operator: str, value: object) -> JSONValue:
    if operator in _lookups.FLAG_VALUED:
        if not isinstance(value, bool):
            raise QueryError(f"{keyword!r}: {operator} takes True or False")
        return value
    if operator in _lookups.LIST_VALUED:
        if isinstance(value, str | bytes | Mapping) or not _is_iterable(value):
            raise QueryError(f"{keyword!r}: {operator} takes a list of values")
        items = [_json(keyword, item) for item in value]  # type: ignore[attr-defined]
        if not items:
            raise QueryError(f"{keyword!r}: {operator} needs at least one value")
        return items
    if operator in _lookups.PAIR_VALUED:
        items = list(value) if _is_iterable(value) else []  # type: ignore[call-overload]
        if isinstance(value, str | bytes | Mapping) or len(items) != 2:
            raise QueryError(f"{keyword!r}: {operator} takes a pair [low, high]")
        return [_json(keyword, item) for item in items]
    if operator in _lookups.GEOMETRY_VALUED:
        if not isinstance(value, Mapping | str):
            raise QueryError(f"{keyword!r}: {operator} takes a GeoJSON object")
        return _json(keyword, value)
    if isinstance(value, list | tuple | set | frozenset | Mapping):
        raise QueryError(f"{keyword!r}: {operator} takes a single value")
    return _json(keyword, value)


def _check_pattern(
    keyword: str, operator: str, value: JSONValue, node: JSONObject
) -> None:
    r"""Refuse what ``LIKE`` would not read literally in a pattern operator's value.

    Directus 12.3.1 builds ``col LIKE '%value%'`` (or ``'value%'``, ``'%value'``)
    without escaping: ``%`` and ``_`` are wildcards on every database and ``\``
    escapes the next character on PostgreSQL (SQLite has no escape character).

    Raises:
        QueryError: The value holds one of those characters, or is empty (Directus
            refuses an empty pattern).
    """
    if not isinstance(value, str):
        return
    if not value:
        raise QueryError(f"{keyword!r}: {operator} needs a non-empty string")
    for char in _lookups.LIKE_SPECIAL:
        if char in value:
            role = (
                "the escape character on PostgreSQL" if char == "\\" else "a wildcard"
            )
            raise QueryError(
                f"{keyword!r}: {value!r} holds {char!r}, which Directus sends "
                f"unescaped into SQL LIKE for {operator}, where it is {role}; "
                f"a raw filter dict is sent as written: F({node!r})"
            )


def _check_integral(keyword: str, value: JSONValue) -> None:
    """Refuse fractions for integer fields, as PostgreSQL does (SQLite compares).

    Raises:
        QueryError: A value is not integral.
    """
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, float) and not item.is_integer():
            raise QueryError(f"{keyword!r}: {item} is not an integer")


def _is_iterable(value: object) -> bool:
    return isinstance(value, list | tuple | set | frozenset | range)


def _json(keyword: str, value: object) -> JSONValue:
    from directus_orm._models import DirectusModel

    if isinstance(value, DirectusModel):
        value = value.pk  # a related item is compared by its key
    if isinstance(value, float) and not math.isfinite(value):
        raise QueryError(f"{keyword!r}: {value} cannot be sent as JSON")
    if isinstance(value, str) and "\x00" in value:
        raise QueryError(f"{keyword!r}: a NUL character cannot be sent (PostgreSQL)")
    if isinstance(value, str) and _lookups.rewritten_by_server(value):
        raise QueryError(
            f"{keyword!r}: Directus reads the string {value!r} in a filter as a "
            "boolean, null or dynamic value; it cannot be compared as written"
        )
    try:
        converted: JSONValue = to_jsonable_python(value)
    except Exception as exc:
        raise QueryError(f"{keyword!r}: cannot send {value!r} to Directus") from exc
    return converted
