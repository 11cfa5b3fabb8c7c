r"""Property test: a random ``F`` tree selects exactly the rows its predicate selects.

Hypothesis builds filter trees (``F`` objects combined with ``&``, ``|`` and ``~``,
keyword lookups, bare ``field=value`` and raw filter dicts) over a seeded collection.
Each tree is compiled by the library and run on the real server; the ids that come
back must be the ids that a Python evaluation of the same predicate selects.

The Python side models what Directus does with SQL (checked on Directus 12.3.1,
SQLite and PostgreSQL): a comparison with NULL is *unknown*, ``~unknown`` is unknown,
``&``/``|`` follow Kleene's three-valued logic, ``_null``/``_nnull`` are never
unknown, and a row is selected only when the predicate is *true*. ``F(x=None)`` means
``x IS NULL`` and ``F(x__neq=None)`` means ``x IS NOT NULL``. An empty ``F()`` is no
condition at all: it is the identity of ``&`` and ``|`` and ``~F()`` is ``F()`` (as
Django's ``Q()``). String equality is exact on both databases: no case folding, no
Unicode normalisation.

The string pattern operators (``_contains``, ``_starts_with``, ``_iends_with``, ...)
are SQL ``LIKE`` (``apply-query/filter/operator.js``): ``col LIKE '%v%'``, and for the
``i`` forms ``LOWER(col) LIKE '%' || lower(v) || '%'``, where ``v`` is lowered by
JavaScript's ``toLowerCase()`` (full Unicode mapping, as Python's ``str.lower()``) and
the column by the database's ``LOWER()``. The ``n`` forms are ``NOT LIKE`` (unknown on
NULL). Case is the database's (``DIRECTUS_TEST_DB``): SQLite's ``LIKE`` and
``LOWER()`` fold ASCII letters only; PostgreSQL's ``LIKE`` is case-sensitive and its
``LOWER()`` follows the database's locale (``towlower()`` per character for a libc
locale such as ``C.UTF-8``, ASCII only for ``C``), read from ``pg_database``. Values
never hold ``%``, ``_`` or ``\`` (the library refuses them in keyword lookups,
``test_like_characters_are_refused_before_sending``), and draw their letters from a
fixed set of cased characters plus uncased categories, so that Python, Node and the
C library agree on case whatever their Unicode versions. ``_icontains`` has no
inverse on the server: the library refuses a tree that negates it, and the test
checks that refusal (and that nothing was sent) instead of the rows.

Directus rewrites some string *filter values* before comparing (``parseFilter`` in
``@directus/utils``): ``"true"``/``"false"`` become booleans, ``"null"``/``"NULL"``
become NULL, and strings starting with ``$NOW``, ``$CURRENT_USER``, ``$CURRENT_ROLE``
or ``$CURRENT_POLICIES`` become dynamic values; ``_eq``/``_neq`` refuse ``""``. The
generated trees never compare with those values (the rows do hold them); what the
library does with them is pinned by ``test_values_directus_rewrites`` below. No
value holds NUL, which PostgreSQL cannot store or compare (a filter holding it is a
500 there).
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import string
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

import httpx
import pytest
from hypothesis import event, example, given, note, settings
from hypothesis import strategies as st

from directus_orm import (
    APIError,
    Directus,
    DirectusConfig,
    DirectusModel,
    F,
    QueryError,
    QuerySet,
    UsageError,
)
from directus_orm.testing import DirectusServer
from directus_orm.testing._plugin import database_from_env
from directus_orm.testing._postgres import template_name
from directus_orm.testing._psql import psql
from tests.integration.conftest import field, pk_field

pytestmark = pytest.mark.integration

# -- the seeded data ---------------------------------------------------------------

N_POOL: Final[list[int | None]] = [
    None, 0, 1, -1, 2, 7, 42, -100, 2**31 - 1, -(2**31), 2**53 - 1, -(2**53 - 1), 7,
]  # fmt: skip
# Floats exact in binary (and in float32), so that equality is not a rounding matter.
X_POOL: Final[list[float | None]] = [
    None, 0.0, 0.5, -0.5, 1.25, 3.0, -2.75, 1e6, 0.125, 3, 1048576.5,
]  # fmt: skip
REWRITTEN: Final[list[str]] = [
    "", "null", "NULL", "true", "false",
    "$NOW", "$NOW(-1 day)", "$CURRENT_USER", "$CURRENT_ROLE", "$CURRENT_POLICIES",
]  # fmt: skip
S_POOL: Final[list[str | None]] = [
    None, "a", "A", "ab", "O'Brien", 'say "hi"', "back\\slash", "two  spaces",
    " lead", "trail ", "ünïcödé", "日本語", "🙂", "👍🏽 ok", "%", "_", "a%b", "a_b",
    "1", "0", "01", "e\u0301", "\u00e9", "{\"a\": 1}", *REWRITTEN,
    "Ärger", "STRASSE", "ΣΟΦΙΑΣ", "\u212a", "İstanbul",
]  # fmt: skip
B_POOL: Final[list[bool | None]] = [None, True, False, True, False]
T_POOL: Final[list[str]] = [
    "x", "X", "", "x y", "\\", "'", '"', "ä", "z" * 250, "tab\there", "new\nline",
    "🙂🙂", "%_%", "0", "1.0", "x", "ÄÖÜ", "Mixed Case", "σοφιας",
]  # fmt: skip
ROW_COUNT: Final = 48


def seed_rows() -> list[dict[str, Any]]:
    """Rows mixing every pool value, NULLs and repeated values."""
    return [
        {
            "n": N_POOL[i % len(N_POOL)],
            "x": X_POOL[(3 * i) % len(X_POOL)],
            "s": S_POOL[i % len(S_POOL)],
            "b": B_POOL[(7 * i) % len(B_POOL)],
            "t": T_POOL[(5 * i) % len(T_POOL)],
        }
        for i in range(ROW_COUNT)
    ]


FIELDS = [
    pk_field(),
    field("n", "bigInteger", is_nullable=True),  # PostgreSQL's integer is 32-bit
    field("x", "float", is_nullable=True),
    field("s", "string", is_nullable=True),
    field("b", "boolean", is_nullable=True),
    field("t", "string", is_nullable=False),
]


class Row(DirectusModel):
    """The model of ``FIELDS``; ``Seeded.model`` aims it at the seeded collection."""

    model_config = DirectusConfig(collection="placeholder")

    id: int | None = None
    n: int | None = None
    x: float | None = None
    s: str | None = None
    b: bool | None = None
    t: str | None = None


# -- the database's case rules ------------------------------------------------------

DATABASE: Final = database_from_env()
_ASCII_LOWER: Final = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def ascii_lower(text: str) -> str:
    """SQLite's LOWER() and what its LIKE folds; PostgreSQL's LOWER() in locale C."""
    return text.translate(_ASCII_LOWER)


def simple_lower(text: str) -> str:
    """towlower() per character: Unicode's simple mapping (U+0130 İ → i, Σ → U+03C3).

    Python's ``str.lower()`` is the full mapping: only İ lowers to two characters
    (i + U+0307), and a word-final Σ becomes U+03C2.
    """
    return "".join(char.lower()[0] for char in text)


def exact(text: str) -> str:
    return text


@dataclasses.dataclass(frozen=True)
class Folding:
    """How the database treats case in ``LIKE`` and ``LOWER()``."""

    like: Callable[[str], str]  # applied to both sides of LIKE
    lower: Callable[[str], str]  # the database's LOWER(col)


def database_folding() -> Folding:
    if DATABASE == "sqlite":
        return Folding(like=ascii_lower, lower=ascii_lower)
    # Every server's database is a copy of the template, locale included.
    found = psql(
        "SELECT datlocprovider::text || ' ' || datctype FROM pg_database "
        f"WHERE datname = '{template_name()}'"
    )
    provider, _, ctype = found.partition(" ")
    if provider != "c":
        pytest.fail(f"the oracle does not model LOWER() for the locale {found!r}")
    return Folding(
        like=exact, lower=ascii_lower if ctype in ("C", "POSIX") else simple_lower
    )


@dataclasses.dataclass(frozen=True)
class Seeded:
    url: str
    token: str
    collection: str
    model: type[Row]
    rows: list[dict[str, Any]]
    folding: Folding


@pytest.fixture(scope="module")
def seeded(directus_server: DirectusServer) -> Iterator[Seeded]:
    """A collection holding ``seed_rows()`` plus decoys; dropped after the module."""
    name = f"props_{uuid.uuid4().hex[:8]}"
    with httpx.Client(
        base_url=directus_server.url,
        headers={"Authorization": f"Bearer {directus_server.token}"},
        timeout=30,
    ) as http:
        me = http.get("/users/me", params={"fields": "id,role"})
        assert me.status_code == 200, me.text
        # Decoys: what "$CURRENT_USER" and "$CURRENT_ROLE" turn into on the server.
        decoys = [
            {"n": None, "x": None, "s": value, "b": None, "t": "decoy"}
            for value in (me.json()["data"]["id"], me.json()["data"]["role"])
        ]
        created = http.post(
            "/collections",
            json={"collection": name, "meta": {}, "schema": {}, "fields": FIELDS},
        )
        assert created.status_code == 200, created.text
        try:
            sent = seed_rows() + decoys
            response = http.post(f"/items/{name}", json=sent)
            assert response.status_code == 200, response.text
            response = http.get(f"/items/{name}", params={"limit": "-1", "sort": "id"})
            assert response.status_code == 200, response.text
            stored: list[dict[str, Any]] = response.json()["data"]
            # The oracle evaluates the stored rows: they must be what was sent.
            # (PostgreSQL sends bigIntegers as strings in raw JSON.)
            for row in stored:
                if isinstance(row["n"], str):
                    row["n"] = int(row["n"])
            assert [{k: r[k] for k in "nxsbt"} for r in stored] == sent
            model = type(
                "Row",
                (Row,),
                {
                    "model_config": DirectusConfig(collection=name),
                    "__module__": __name__,
                },
            )
            yield Seeded(
                directus_server.url,
                directus_server.token,
                name,
                model,
                stored,
                database_folding(),
            )
        finally:
            http.delete(f"/collections/{name}")


# -- filter trees and their Python meaning -------------------------------------------

NUMERIC_OPS = ("eq", "neq", "lt", "lte", "gt", "gte", "in", "nin", "null", "nnull",
               "between", "nbetween")  # fmt: skip
STRING_OPS = ("eq", "neq", "in", "nin", "null", "nnull")
PATTERN_OPS = ("contains", "ncontains", "icontains",
               "starts_with", "nstarts_with", "istarts_with", "nistarts_with",
               "ends_with", "nends_with", "iends_with", "niends_with")  # fmt: skip
BOOLEAN_OPS = ("eq", "neq", "null", "nnull")
OPS: Final[dict[str, tuple[str, ...]]] = {
    "n": NUMERIC_OPS,
    "x": NUMERIC_OPS,
    "s": STRING_OPS + PATTERN_OPS,
    "t": STRING_OPS + PATTERN_OPS,
    "b": BOOLEAN_OPS,
}
# Enough extra values in a list to make the GET URL longer than 8000 characters, so
# the library sends the query as SEARCH with a JSON body.
FILLER: Final = list(range(10**12, 10**12 + 700))


@dataclasses.dataclass(frozen=True)
class Leaf:
    """One condition; ``form`` is how it is written in Python."""

    field: str
    op: str
    value: Any
    form: str  # "lookup": f__op=v; "bare": f=v (eq only); "raw": {f: {_op: v}}

    @property
    def keyword(self) -> str:
        return self.field if self.form == "bare" else f"{self.field}__{self.op}"


@dataclasses.dataclass(frozen=True)
class Group:
    """Several conditions in one ``F(...)`` (keywords, or one raw dict): AND."""

    leaves: tuple[Leaf, ...]
    raw: bool


@dataclasses.dataclass(frozen=True)
class Junction:
    connector: str  # "and" | "or"
    children: tuple[Tree, ...]


@dataclasses.dataclass(frozen=True)
class Not:
    child: Tree


@dataclasses.dataclass(frozen=True)
class Empty:
    """``F()``: no condition."""


Tree = Group | Junction | Not | Empty


def build(tree: Tree) -> F:
    """Return the F object for ``tree``."""
    if isinstance(tree, Empty):
        return F()
    if isinstance(tree, Not):
        return ~build(tree.child)
    if isinstance(tree, Junction):
        result = build(tree.children[0])
        for child in tree.children[1:]:
            result = (
                result & build(child)
                if tree.connector == "and"
                else result | build(child)
            )
        return result
    if tree.raw:
        raw: dict[str, dict[str, Any]] = {}
        for leaf in tree.leaves:
            value = list(leaf.value) if isinstance(leaf.value, tuple) else leaf.value
            raw.setdefault(leaf.field, {})[f"_{leaf.op}"] = value
        return F(raw)
    return F(**{leaf.keyword: leaf.value for leaf in tree.leaves})


# Truth values: True, False, or None for SQL's unknown. ABSENT: an empty F.
ABSENT: Final = "absent"


def kleene_and(values: Sequence[bool | None]) -> bool | None:
    if any(value is False for value in values):
        return False
    return None if any(value is None for value in values) else True


def kleene_or(values: Sequence[bool | None]) -> bool | None:
    if any(value is True for value in values):
        return True
    return None if any(value is None for value in values) else False


MATCHES: Final[dict[str, Callable[[str, str], bool]]] = {
    "contains": lambda column, pattern: pattern in column,
    "starts_with": str.startswith,
    "ends_with": str.endswith,
}


def like(op: str, x: str, v: str, folding: Folding) -> bool:
    """``[NOT] col LIKE p``; for the ``i`` forms ``[NOT] LOWER(col) LIKE lower(p)``."""
    negated = op.startswith("n")
    kind = op[1:] if negated else op
    if kind not in MATCHES:  # the i forms: JavaScript lowers v, the database col
        kind = kind[1:]
        x, v = folding.lower(x), v.lower()
    return MATCHES[kind](folding.like(x), folding.like(v)) != negated


def compare(leaf: Leaf, x: Any, folding: Folding) -> bool | None:
    """The truth of one condition for the row value ``x``."""
    op, v = leaf.op, leaf.value
    if op in ("null", "nnull"):
        return bool((x is None) == v if op == "null" else (x is not None) == v)
    if op in ("eq", "neq") and v is None:
        return (x is None) if op == "eq" else (x is not None)
    if x is None:
        return None
    if op in PATTERN_OPS:
        return like(op, x, v, folding)
    if op == "eq":
        return bool(x == v)
    if op == "neq":
        return bool(x != v)
    if op == "lt":
        return bool(x < v)
    if op == "lte":
        return bool(x <= v)
    if op == "gt":
        return bool(x > v)
    if op == "gte":
        return bool(x >= v)
    if op in ("in", "nin"):
        return (x in list(v)) == (op == "in")
    low, high = v
    return bool(low <= x <= high) == (op == "between")


def evaluate(tree: Tree, row: dict[str, Any], folding: Folding) -> bool | str | None:
    if isinstance(tree, Empty):
        return ABSENT
    if isinstance(tree, Group):
        return kleene_and(
            [compare(leaf, row[leaf.field], folding) for leaf in tree.leaves]
        )
    if isinstance(tree, Not):
        inner = evaluate(tree.child, row, folding)
        return inner if inner is None or inner == ABSENT else not inner
    values = [evaluate(child, row, folding) for child in tree.children]
    present = [value for value in values if value != ABSENT]
    if not present:
        return ABSENT
    combine = kleene_and if tree.connector == "and" else kleene_or
    return combine(present)  # type: ignore[arg-type]


def expected_ids(tree: Tree, seeded: Seeded) -> list[int]:
    return sorted(
        row["id"]
        for row in seeded.rows
        if evaluate(tree, row, seeded.folding) in (True, ABSENT)
    )


def leaves_of(tree: Tree) -> Iterator[Leaf]:
    if isinstance(tree, Group):
        yield from tree.leaves
    elif isinstance(tree, Not):
        yield from leaves_of(tree.child)
    elif isinstance(tree, Junction):
        for child in tree.children:
            yield from leaves_of(child)


def has_icontains(tree: Tree) -> bool:
    return any(leaf.op == "icontains" for leaf in leaves_of(tree))


def negates_icontains(tree: Tree, style: str) -> bool:
    """Whether the library must refuse the query: ``_icontains`` has no inverse.

    ``exclude(~F)`` negates the whole tree (twice: the library does not cancel
    ``~~``), otherwise each ``~`` negates its subtree.
    """
    if style == "name-exclude" or isinstance(tree, Not):
        return has_icontains(tree)
    if isinstance(tree, Junction):
        return any(negates_icontains(child, style) for child in tree.children)
    return False


# -- strategies ----------------------------------------------------------------------


def is_plain(value: str) -> bool:
    """Whether Directus compares ``value`` as the string itself (see the docstring)."""
    return value not in REWRITTEN and not value.startswith(
        ("$NOW", "$CURRENT_USER", "$CURRENT_ROLE", "$CURRENT_POLICIES")
    )


SEEDED_STRINGS = sorted(
    {v for v in [*S_POOL, *T_POOL] if v is not None and is_plain(v)}
)
LIKE_SPECIAL: Final = ("%", "_", "\\")


def is_literal(value: str) -> bool:
    """Whether LIKE and Directus read ``value`` as itself (no wildcard or escape)."""
    return bool(value) and is_plain(value) and not any(c in value for c in LIKE_SPECIAL)


# Pieces of the seeded strings, so that patterns often match, and the same pieces in
# another case, which match only where the database ignores case.
CUTS: Final = {
    text[start : start + size]
    for text in {v for v in [*S_POOL, *T_POOL] if v is not None}
    for start in range(len(text))
    for size in (1, 2, 3, 6, len(text))
}
PIECES = sorted(piece for piece in CUTS if is_literal(piece))
RECASED = sorted(
    piece
    for piece in {
        change(cut) for cut in CUTS for change in (str.upper, str.lower, str.swapcase)
    }
    - CUTS
    if is_literal(piece)
)
# Non-ASCII letters are where SQLite's LOWER(), PostgreSQL's and JavaScript's differ.
NON_ASCII = [
    piece
    for piece in PIECES + RECASED
    if not piece.isascii() and piece.lower() != piece.upper()
]
# Cased letters, chosen so that JavaScript's toLowerCase(), Python's str.lower() and
# glibc's towlower() agree (checked on every code point: they differ only where one
# Unicode version has letters another lacks); the uncased categories never change.
CASED: Final = "aAbBeEiIkKoOsSzZ\u212aİ\u0131éÉüÜäÄßẞ\u03c3\u03c2ΣΩωЖжǅǆ"
pattern_chars = st.one_of(
    st.sampled_from(CASED),
    st.sampled_from(" '\".-0🙂👍🏽日"),
    st.characters(
        categories=("Lo", "Nd", "Mn", "Zs", "Po"),
        exclude_characters="".join(LIKE_SPECIAL),
    ),
)
pattern_values = st.one_of(
    st.sampled_from(PIECES),
    st.sampled_from(RECASED),
    st.sampled_from(NON_ASCII),
    st.text(pattern_chars, min_size=1, max_size=5),
).filter(is_literal)

seeded_n = st.sampled_from([v for v in N_POOL if v is not None])
seeded_x = st.sampled_from([v for v in X_POOL if v is not None])
seeded_s = st.sampled_from(SEEDED_STRINGS)

VALUES: Final[dict[str, st.SearchStrategy[Any]]] = {
    "n": st.one_of(
        seeded_n, seeded_n, seeded_n,
        # Integers only: a fractional value for an integer field is compared on
        # SQLite but a 500 on PostgreSQL (model queries refuse it before sending).
        st.sampled_from([3, 6, -5, 2**53 - 2, 100]),
        st.integers(-(2**53 - 1), 2**53 - 1),
    ),
    "x": st.one_of(
        seeded_x, seeded_x, seeded_x,
        st.sampled_from([2.0, 0.25, -1, 0, 7]),
        st.floats(-1e7, 1e7, allow_nan=False, width=32),
    ),
    "s": st.one_of(
        seeded_s, seeded_s, seeded_s,
        st.sampled_from(["b", "nope", "A ", "ü", "a\\", "é "]),
        # No NUL: PostgreSQL's text cannot hold it, so it answers 500.
        st.text(st.characters(exclude_characters="\x00"), min_size=1, max_size=6)
        .filter(is_plain),
    ),
    "b": st.booleans(),
}  # fmt: skip
VALUES["t"] = VALUES["s"]


def value_for(field_name: str, op: str) -> st.SearchStrategy[Any]:
    values = VALUES[field_name]
    if op in PATTERN_OPS:
        return pattern_values
    if op in ("null", "nnull"):
        return st.booleans()
    if op in ("eq", "neq"):
        return st.one_of(values, values, values, st.none())
    if op in ("lt", "lte", "gt", "gte"):
        return values
    if op in ("between", "nbetween"):
        return st.one_of(
            st.lists(values, min_size=2, max_size=2),
            st.tuples(values, values),
        )
    lists = st.lists(values, min_size=1, max_size=5)
    choices = [lists, lists.map(tuple)]
    if field_name == "n":
        choices.append(
            st.lists(values, min_size=1, max_size=3).map(lambda v: v + FILLER)
        )
    return st.one_of(*choices)


FORMS: Final = ("lookup", "raw")


@st.composite
def leaves(draw: st.DrawFn) -> Leaf:
    field_name = draw(st.sampled_from(sorted(OPS)))
    # Half the string conditions are patterns, half the exact operators.
    exact_ops = [op for op in OPS[field_name] if op not in PATTERN_OPS]
    choices = st.sampled_from(exact_ops)
    if len(exact_ops) < len(OPS[field_name]):
        choices |= st.sampled_from(PATTERN_OPS)
    op = draw(choices)
    value = draw(value_for(field_name, op))
    forms = [*FORMS, *(["bare"] if op == "eq" else [])]
    return Leaf(field_name, op, value, draw(st.sampled_from(forms)))


groups = st.one_of(
    leaves().map(lambda leaf: Group((leaf,), raw=leaf.form == "raw")),
    st.lists(leaves(), min_size=2, max_size=3, unique_by=lambda leaf: leaf.keyword).map(
        lambda items: Group(tuple(items), raw=False)
    ),
    st.lists(
        leaves(), min_size=2, max_size=3, unique_by=lambda leaf: (leaf.field, leaf.op)
    ).map(lambda items: Group(tuple(items), raw=True)),
)

trees: st.SearchStrategy[Tree] = st.recursive(
    st.one_of(groups, groups, groups, groups, st.just(Empty())),
    lambda children: st.one_of(
        st.lists(children, min_size=2, max_size=3).map(
            lambda kids: Junction("and", tuple(kids))
        ),
        st.lists(children, min_size=2, max_size=3).map(
            lambda kids: Junction("or", tuple(kids))
        ),
        children.map(Not),
    ),
    max_leaves=10,
)

STYLES = ("name", "name-exclude", "model", "model-split")


def ids_of(rows: Sequence[dict[str, Any]]) -> list[int]:
    return sorted(int(row["id"]) for row in rows)


class CountingTransport(httpx.AsyncHTTPTransport):
    """httpx's transport, counting the requests that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        return await super().handle_async_request(request)


async def run(
    seeded: Seeded, tree: Tree, style: str, transport: httpx.AsyncBaseTransport
) -> tuple[list[int], str]:
    """Run the tree through the library; return (sorted ids, params sent)."""
    condition = build(tree)
    async with Directus(
        seeded.url, token=seeded.token, transport=transport
    ) as directus:
        if style.startswith("name"):
            base = directus.collection(seeded.collection)
            named = (
                base.exclude(~condition)
                if style == "name-exclude"
                else base.filter(condition)
            )
            named = named.fields("id").limit(None)
            rows = await named.all()
            return ids_of(rows), repr(named)
        parts = (
            [build(child) for child in tree.children]
            if style == "model-split"
            and isinstance(tree, Junction)
            and tree.connector == "and"
            else [condition]
        )
        query: QuerySet[Row] = directus.collection(seeded.model).filter(*parts)
        items = await query.fields("id").all()
        ids = sorted(item.id for item in items if item.id is not None)
        assert await query.count() == len(ids), "count() disagrees with all()"
        return ids, repr(query)


def pattern(field_name: str, op: str, value: str) -> Group:
    return Group((Leaf(field_name, op, value, "lookup"),), raw=False)


@settings(max_examples=150, deadline=None, database=None)
@given(tree=trees, style=st.sampled_from(STYLES))
# The case rules, every run: SQLite's LIKE folds ASCII only ("A", not "Ä"); its
# LOWER() too, so "ärger" misses "Ärger"; PostgreSQL's LOWER() maps "K" (Kelvin) to
# "k" and a final "Σ" to U+03C3 where JavaScript gives U+03C2; "İ" lowers to "i"
# there but to "i" + U+0307 in JavaScript. ~_icontains is refused.
@example(
    tree=Junction(
        "or", (pattern("s", "contains", "a"), pattern("t", "ends_with", "X"))
    ),
    style="name",
)
@example(tree=pattern("s", "icontains", "ärger"), style="model")
@example(
    tree=Junction(
        "or", (pattern("s", "iends_with", "ΦΙΑΣ"), pattern("t", "iends_with", "ΦΙΑΣ"))
    ),
    style="name",
)
@example(
    tree=Junction(
        "or", (pattern("s", "istarts_with", "İst"), pattern("s", "icontains", "k"))
    ),
    style="model",
)
@example(tree=pattern("s", "niends_with", "GER"), style="name-exclude")
@example(tree=Not(pattern("s", "icontains", "stanbul")), style="name")
def test_filter_trees_select_what_three_valued_logic_selects(
    seeded: Seeded, tree: Tree, style: str
) -> None:
    check(seeded, tree, style)


@st.composite
def pattern_leaves(draw: st.DrawFn) -> Leaf:
    field_name = draw(st.sampled_from(["s", "t"]))
    op = draw(st.sampled_from(PATTERN_OPS))
    return Leaf(field_name, op, draw(pattern_values), draw(st.sampled_from(FORMS)))


# One pattern per query: in a larger tree the other conditions often hide the rows
# where the case rules matter.
@settings(max_examples=100, deadline=None, database=None)
@given(leaf=pattern_leaves(), negated=st.booleans(), style=st.sampled_from(STYLES))
def test_pattern_lookups_select_what_the_database_matches(
    seeded: Seeded, leaf: Leaf, negated: bool, style: str
) -> None:
    tree = Group((leaf,), raw=leaf.form == "raw")
    check(seeded, Not(tree) if negated else tree, style)


def check(seeded: Seeded, tree: Tree, style: str) -> None:
    """Run ``tree`` on the server; fail unless it selects what the oracle selects."""
    note(f"F: {build(tree)!r}")
    event(f"style {style}")
    if any(leaf.op in PATTERN_OPS for leaf in leaves_of(tree)):
        event("has a pattern operator")
    transport = CountingTransport()
    if negates_icontains(tree, style):
        event("refused: negates _icontains")
        with pytest.raises(QueryError, match="_icontains has no negation"):
            asyncio.run(run(seeded, tree, style, transport))
        assert transport.sent == 0, "sent a request for a refused query"
        return
    expected = expected_ids(tree, seeded)
    event(
        "selects nothing" if not expected
        else "selects every row" if len(expected) == len(seeded.rows)
        else "selects some rows"
    )  # fmt: skip
    actual, sent = asyncio.run(run(seeded, tree, style, transport))
    if sent.count(",") > len(FILLER):
        event("long URL: sent as SEARCH")
    note(f"query: {sent[:2000]}")
    if actual != expected:
        by_id = {row["id"]: row for row in seeded.rows}
        extra = [by_id[i] for i in sorted(set(actual) - set(expected))]
        missing = [by_id[i] for i in sorted(set(expected) - set(actual))]
        pytest.fail(
            f"wrong rows for {build(tree)!r} ({style})\n"
            f"  selected but should not be: {extra}\n"
            f"  should be selected but were not: {missing}"
        )


# -- values Directus rewrites ----------------------------------------------------------


def shown(values: list[Any]) -> str:
    return repr(values) if len(values) <= 4 else f"<{len(values)} rows>"


@pytest.mark.parametrize("value", REWRITTEN)
async def test_values_directus_rewrites(seeded: Seeded, value: str) -> None:
    """A string the server would rewrite is compared as itself, or refused before
    sending (QueryError); never silently compared as something else.

    Directus turns "true" into a boolean (SQLite then matches the string "1"),
    "null" into NULL, "$CURRENT_USER" into the caller's id, and refuses ``_eq: ""``.
    """
    conditions = {
        "eq": F(s=value),
        "neq": F(s__neq=value),
        "in": F(s__in=[value, "a"]),
        "nin": F(s__nin=[value, "a"]),
        "not-eq": ~F(s=value),
    }
    leaves_for = {
        "eq": Leaf("s", "eq", value, "bare"),
        "neq": Leaf("s", "neq", value, "lookup"),
        "in": Leaf("s", "in", [value, "a"], "lookup"),
        "nin": Leaf("s", "nin", [value, "a"], "lookup"),
    }
    trees_for: dict[str, Tree] = {
        key: Group((leaf,), raw=False) for key, leaf in leaves_for.items()
    }
    trees_for["not-eq"] = Not(trees_for["eq"])
    problems = []
    async with Directus(seeded.url, token=seeded.token) as directus:
        for name, condition in conditions.items():
            expected = expected_ids(trees_for[name], seeded)
            try:
                query = directus.collection(seeded.collection).filter(condition)
                rows = await query.fields("id").limit(None).all()
            except UsageError:
                continue  # refused before sending: acceptable
            except APIError as exc:
                problems.append(f"{name}: the server refused it: {exc}")
                continue
            actual = set(ids_of(rows))
            if actual != set(expected):
                s_of = {row["id"]: row["s"] for row in seeded.rows}
                wrong = sorted(actual - set(expected))
                lost = sorted(set(expected) - actual)
                problems.append(
                    f"{name}: also selected s={shown([s_of[i] for i in wrong])}; "
                    f"missed s={shown([s_of[i] for i in lost])}"
                )
    assert not problems, f"filters on s with {value!r}:\n" + "\n".join(problems)


# -- LIKE wildcards ------------------------------------------------------------------


def like_regex(pattern: str) -> re.Pattern[str]:
    """What the database's LIKE matches: ``%`` any run, ``_`` one character.

    PostgreSQL reads ``\\`` as an escape and compares case exactly; SQLite has no
    escape character and ignores the case of ASCII letters.
    """
    parts: list[str] = []
    chars = iter(pattern)
    for char in chars:
        if char == "\\" and DATABASE == "postgres":
            parts.append(re.escape(next(chars)))
        else:
            parts.append({"%": ".*", "_": "."}.get(char, re.escape(char)))
    flags = re.DOTALL | (re.IGNORECASE | re.ASCII if DATABASE == "sqlite" else 0)
    return re.compile("".join(parts), flags)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("a%b", id="percent"),
        pytest.param("a_b", id="underscore"),
        pytest.param("k\\s", id="backslash"),
    ],
)
async def test_like_characters_are_refused_before_sending(
    seeded: Seeded, value: str
) -> None:
    """``F(s__contains="a_b")`` raises QueryError and sends nothing; the raw dict
    ``F({"s": {"_contains": "a_b"}})`` is sent as written and read as a pattern."""
    transport = CountingTransport()
    async with Directus(
        seeded.url, token=seeded.token, transport=transport
    ) as directus:
        for query in (
            directus.collection(seeded.collection),
            directus.collection(seeded.model),
        ):
            for op in PATTERN_OPS:
                with pytest.raises(QueryError, match="LIKE"):
                    query.filter(**{f"s__{op}": value})
                with pytest.raises(QueryError, match="LIKE"):
                    query.exclude(F(t__neq="x") | F(**{f"t__{op}": value}))
        assert transport.sent == 0
        raw = directus.collection(seeded.collection).filter(
            F({"s": {"_contains": value}})
        )
        actual = ids_of(await raw.fields("id").limit(None).all())
    assert transport.sent > 0
    pattern = like_regex(f"%{value}%")
    expected = sorted(
        row["id"]
        for row in seeded.rows
        if row["s"] is not None and pattern.fullmatch(row["s"])
    )
    assert actual == expected
    holding = [row["id"] for row in seeded.rows if value in (row["s"] or "")]
    if value == "k\\s":
        # PostgreSQL reads "\s" as "s", so the row holding "k\s" is lost there.
        assert (actual == holding) == (DATABASE == "sqlite")
    else:
        # Wildcards: "a%b" and "a_b" also select rows that do not hold them.
        assert set(actual) > set(holding)
