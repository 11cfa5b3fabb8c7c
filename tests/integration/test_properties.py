"""Property test: a random ``F`` tree selects exactly the rows its predicate selects.

Hypothesis builds filter trees (``F`` objects combined with ``&``, ``|`` and ``~``,
keyword lookups, bare ``field=value`` and raw filter dicts) over a seeded collection.
Each tree is compiled by the library and run on the real server; the ids that come
back must be the ids that a Python evaluation of the same predicate selects.

The Python side models what Directus does with SQL (checked on Directus 12.3.1,
SQLite): a comparison with NULL is *unknown*, ``~unknown`` is unknown, ``&``/``|``
follow Kleene's three-valued logic, ``_null``/``_nnull`` are never unknown, and a row
is selected only when the predicate is *true*. ``F(x=None)`` means ``x IS NULL`` and
``F(x__neq=None)`` means ``x IS NOT NULL``. An empty ``F()`` is no condition at all:
it is the identity of ``&`` and ``|`` and ``~F()`` is ``F()`` (as Django's ``Q()``).

Only operators whose semantics are exact in Python are generated: string pattern
operators (``_contains``, ``_starts_with``, ...) are left out, since SQLite's LIKE is
case-insensitive for ASCII and treats ``%`` and ``_`` as wildcards. String equality is
exact (SQLite's BINARY collation): no case folding, no Unicode normalisation.

Directus rewrites some string *filter values* before comparing (``parseFilter`` in
``@directus/utils``): ``"true"``/``"false"`` become booleans, ``"null"``/``"NULL"``
become NULL, and strings starting with ``$NOW``, ``$CURRENT_USER``, ``$CURRENT_ROLE``
or ``$CURRENT_POLICIES`` become dynamic values; ``_eq``/``_neq`` refuse ``""``. The
generated trees never compare with those values (the rows do hold them); what the
library does with them is pinned by ``test_values_directus_rewrites`` below.
"""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import Iterator, Sequence
from typing import Any, Final

import httpx
import pytest
from hypothesis import event, given, note, settings
from hypothesis import strategies as st

from directus_orm import (
    APIError,
    Directus,
    DirectusConfig,
    DirectusModel,
    F,
    QuerySet,
    UsageError,
)
from directus_orm.testing import DirectusServer
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
]  # fmt: skip
B_POOL: Final[list[bool | None]] = [None, True, False, True, False]
T_POOL: Final[list[str]] = [
    "x", "X", "", "x y", "\\", "'", '"', "ä", "z" * 250, "tab\there", "new\nline",
    "🙂🙂", "%_%", "0", "1.0", "x",
]  # fmt: skip
ROW_COUNT: Final = 40


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


@dataclasses.dataclass(frozen=True)
class Seeded:
    url: str
    token: str
    collection: str
    model: type[Row]
    rows: list[dict[str, Any]]


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
                directus_server.url, directus_server.token, name, model, stored
            )
        finally:
            http.delete(f"/collections/{name}")


# -- filter trees and their Python meaning -------------------------------------------

NUMERIC_OPS = ("eq", "neq", "lt", "lte", "gt", "gte", "in", "nin", "null", "nnull",
               "between", "nbetween")  # fmt: skip
STRING_OPS = ("eq", "neq", "in", "nin", "null", "nnull")
BOOLEAN_OPS = ("eq", "neq", "null", "nnull")
OPS: Final[dict[str, tuple[str, ...]]] = {
    "n": NUMERIC_OPS,
    "x": NUMERIC_OPS,
    "s": STRING_OPS,
    "t": STRING_OPS,
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


def compare(leaf: Leaf, x: Any) -> bool | None:
    """The truth of one condition for the row value ``x``."""
    op, v = leaf.op, leaf.value
    if op in ("null", "nnull"):
        return bool((x is None) == v if op == "null" else (x is not None) == v)
    if op in ("eq", "neq") and v is None:
        return (x is None) if op == "eq" else (x is not None)
    if x is None:
        return None
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


def evaluate(tree: Tree, row: dict[str, Any]) -> bool | str | None:
    if isinstance(tree, Empty):
        return ABSENT
    if isinstance(tree, Group):
        return kleene_and([compare(leaf, row[leaf.field]) for leaf in tree.leaves])
    if isinstance(tree, Not):
        inner = evaluate(tree.child, row)
        return inner if inner is None or inner == ABSENT else not inner
    values = [evaluate(child, row) for child in tree.children]
    present = [value for value in values if value != ABSENT]
    if not present:
        return ABSENT
    combine = kleene_and if tree.connector == "and" else kleene_or
    return combine(present)  # type: ignore[arg-type]


def expected_ids(tree: Tree, rows: list[dict[str, Any]]) -> list[int]:
    return sorted(row["id"] for row in rows if evaluate(tree, row) in (True, ABSENT))


# -- strategies ----------------------------------------------------------------------


def is_plain(value: str) -> bool:
    """Whether Directus compares ``value`` as the string itself (see the docstring)."""
    return value not in REWRITTEN and not value.startswith(
        ("$NOW", "$CURRENT_USER", "$CURRENT_ROLE", "$CURRENT_POLICIES")
    )


SEEDED_STRINGS = sorted(
    {v for v in [*S_POOL, *T_POOL] if v is not None and is_plain(v)}
)
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
        st.text(min_size=1, max_size=6).filter(is_plain),
    ),
    "b": st.booleans(),
}  # fmt: skip
VALUES["t"] = VALUES["s"]


def value_for(field_name: str, op: str) -> st.SearchStrategy[Any]:
    values = VALUES[field_name]
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


@st.composite
def leaves(draw: st.DrawFn) -> Leaf:
    field_name = draw(st.sampled_from(sorted(OPS)))
    op = draw(st.sampled_from(OPS[field_name]))
    value = draw(value_for(field_name, op))
    forms = ["lookup", "raw", *(["bare"] if op == "eq" else [])]
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


async def run(seeded: Seeded, tree: Tree, style: str) -> tuple[list[int], str]:
    """Run the tree through the library; return (sorted ids, params sent)."""
    condition = build(tree)
    async with Directus(seeded.url, token=seeded.token) as directus:
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


@settings(max_examples=150, deadline=None, database=None)
@given(tree=trees, style=st.sampled_from(STYLES))
def test_filter_trees_select_what_three_valued_logic_selects(
    seeded: Seeded, tree: Tree, style: str
) -> None:
    expected = expected_ids(tree, seeded.rows)
    event(f"style {style}")
    event(
        "selects nothing" if not expected
        else "selects every row" if len(expected) == len(seeded.rows)
        else "selects some rows"
    )  # fmt: skip
    actual, sent = asyncio.run(run(seeded, tree, style))
    if sent.count(",") > len(FILLER):
        event("long URL: sent as SEARCH")
    note(f"F: {build(tree)!r}")
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
            expected = expected_ids(trees_for[name], seeded.rows)
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
