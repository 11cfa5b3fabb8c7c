r"""Lookups as data: Django-style suffix → Directus operator, its inverse, its types.

A lookup is the part after the last ``__`` of a filter keyword (``price__gte``). Each
emits the Directus operator of the same name with a leading underscore; see
https://directus.io/docs/guides/connect/filter-rules for what each one means.

Directus has no ``_not``: negation is pushed down to the leaves and each operator is
replaced by its inverse from ``INVERSE``. ``_icontains`` has no inverse on the server
(``_nicontains`` is refused for every field type), so negating it is an error.

The pattern operators (``_contains``, ``_starts_with``, ...) become SQL ``LIKE``
with the value pasted in unescaped, so ``%`` and ``_`` in it are wildcards and ``\``
is PostgreSQL's escape character; ``_filters`` refuses them in keyword lookups.

Which operator works on which field type was measured on Directus 12.3.1 (see
``operators-by-type.md`` in the reference folder) and is kept in ``OPERATORS_BY_TYPE``.
"""

from __future__ import annotations

from typing import Final

COMPARISON_OPERATORS: Final[frozenset[str]] = frozenset(
    {
        "_eq", "_neq", "_lt", "_lte", "_gt", "_gte", "_in", "_nin", "_null", "_nnull",
        "_contains", "_ncontains", "_icontains",
        "_starts_with", "_nstarts_with", "_istarts_with", "_nistarts_with",
        "_ends_with", "_nends_with", "_iends_with", "_niends_with",
        "_between", "_nbetween", "_empty", "_nempty",
        "_intersects", "_nintersects", "_intersects_bbox", "_nintersects_bbox",
    }
)  # fmt: skip
"""Operators that compare a field with a value."""

RELATIONAL_OPERATORS: Final[frozenset[str]] = frozenset({"_some", "_none"})
"""Operators that quantify over the items of a one-to-many or many-to-many field."""

LOGICAL_OPERATORS: Final[frozenset[str]] = frozenset({"_and", "_or"})
"""Operators that combine filters."""

LOOKUPS: Final[frozenset[str]] = frozenset(
    op[1:] for op in COMPARISON_OPERATORS | RELATIONAL_OPERATORS
)
"""Suffixes accepted in filter keywords: ``gte`` for ``_gte`` and so on."""

_PAIRS: Final[tuple[tuple[str, str], ...]] = (
    ("_eq", "_neq"),
    ("_lt", "_gte"),
    ("_lte", "_gt"),
    ("_in", "_nin"),
    ("_null", "_nnull"),
    ("_contains", "_ncontains"),
    ("_starts_with", "_nstarts_with"),
    ("_istarts_with", "_nistarts_with"),
    ("_ends_with", "_nends_with"),
    ("_iends_with", "_niends_with"),
    ("_between", "_nbetween"),
    ("_empty", "_nempty"),
    ("_intersects", "_nintersects"),
    ("_intersects_bbox", "_nintersects_bbox"),
    ("_some", "_none"),
)

INVERSE: Final[dict[str, str]] = {
    **{a: b for a, b in _PAIRS},
    **{b: a for a, b in _PAIRS},
}
"""Operator → the operator that selects the complement (NULL rows aside)."""

LIST_VALUED: Final[frozenset[str]] = frozenset({"_in", "_nin"})
"""Operators whose value is a list."""

PAIR_VALUED: Final[frozenset[str]] = frozenset({"_between", "_nbetween"})
"""Operators whose value is a pair ``[low, high]``."""

FLAG_VALUED: Final[frozenset[str]] = frozenset({"_null", "_nnull", "_empty", "_nempty"})
"""Operators whose value is ``True`` or ``False``."""

GEOMETRY_VALUED: Final[frozenset[str]] = frozenset(
    {"_intersects", "_nintersects", "_intersects_bbox", "_nintersects_bbox"}
)
"""Operators whose value is a GeoJSON geometry."""

PATTERN_OPERATORS: Final[frozenset[str]] = frozenset(
    {
        "_contains", "_ncontains", "_icontains",
        "_starts_with", "_nstarts_with", "_istarts_with", "_nistarts_with",
        "_ends_with", "_nends_with", "_iends_with", "_niends_with",
    }
)  # fmt: skip
"""Operators Directus runs as SQL ``LIKE`` with the value pasted in unescaped."""

LIKE_SPECIAL: Final[tuple[str, ...]] = ("%", "_", "\\")
"""Characters ``LIKE`` reads specially: wildcards, and PostgreSQL's escape."""

REFUSED: Final[frozenset[str]] = frozenset({"regex", "nicontains", "not"})
"""Lookups Directus 12.3.1 refuses for every field type (or does not have)."""

_EQUALITY = {"_eq", "_neq", "_null", "_nnull"}
_SET = {"_in", "_nin"}
_ORDER = {"_lt", "_lte", "_gt", "_gte", "_between", "_nbetween"}
_TEXT = {
    "_contains", "_ncontains", "_icontains",
    "_starts_with", "_nstarts_with", "_istarts_with", "_nistarts_with",
    "_ends_with", "_nends_with", "_iends_with", "_niends_with",
    "_empty", "_nempty",
}  # fmt: skip
_GEOMETRY = {"_intersects", "_nintersects", "_intersects_bbox", "_nintersects_bbox"}
_NUMERIC = _EQUALITY | _SET | _ORDER
_TEMPORAL = _EQUALITY | _SET | _ORDER

OPERATORS_BY_TYPE: Final[dict[str, frozenset[str]]] = {
    "string": frozenset(_EQUALITY | _SET | _TEXT),
    "text": frozenset(_EQUALITY | _SET | _TEXT),
    "hash": frozenset(_EQUALITY | _SET | _TEXT),
    "csv": frozenset(_EQUALITY | _SET | _TEXT),
    "uuid": frozenset(_EQUALITY | _SET | _TEXT),
    "integer": frozenset(_NUMERIC),
    "bigInteger": frozenset(_NUMERIC),
    "float": frozenset(_NUMERIC),
    "decimal": frozenset(_NUMERIC),
    "boolean": frozenset(_EQUALITY),
    "date": frozenset(_TEMPORAL),
    "time": frozenset(_TEMPORAL),
    "dateTime": frozenset(_TEMPORAL),
    "timestamp": frozenset(
        _TEMPORAL | {"_contains", "_ncontains", "_empty", "_nempty"}
    ),
    "json": frozenset({"_null", "_nnull"}),
    "geometry": frozenset({"_null", "_nnull"} | _GEOMETRY),
    "alias": frozenset(RELATIONAL_OPERATORS | {"_null", "_nnull"}),
}
"""Directus field type → operators the server accepts for it (measured on 12.3.1)."""


_REWRITTEN: Final[frozenset[str]] = frozenset({"true", "false", "null", "NULL"})
_DYNAMIC: Final[tuple[str, ...]] = (
    "$NOW", "$CURRENT_USER", "$CURRENT_ROLE", "$CURRENT_POLICIES",
)  # fmt: skip


def rewritten_by_server(value: str) -> bool:
    """Tell whether Directus replaces this string in a filter before comparing.

    ``"true"``/``"false"`` become booleans, ``"null"`` becomes NULL and
    ``$NOW``/``$CURRENT_USER``/... become dynamic values, also inside ``_in``: no
    filter can compare a field with these strings as written.
    """
    return value in _REWRITTEN or value.startswith(_DYNAMIC)


def operator_for(lookup: str) -> str:
    """Return the Directus operator for a lookup suffix (``"gte"`` → ``"_gte"``)."""
    return f"_{lookup}"


def is_operator(key: str) -> bool:
    """Tell whether a filter key is an operator rather than a field name."""
    return key in COMPARISON_OPERATORS or key in RELATIONAL_OPERATORS


def allowed_for(directus_type: str) -> frozenset[str] | None:
    """Return the operators allowed for a Directus type, or ``None`` if unknown."""
    if directus_type.startswith("geometry"):
        return OPERATORS_BY_TYPE["geometry"]
    return OPERATORS_BY_TYPE.get(directus_type)
