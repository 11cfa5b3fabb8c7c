"""Numbers a PostgreSQL-backed Directus sends as strings, made numbers again.

On PostgreSQL, Directus sends ``bigInteger`` and ``decimal`` values, and ``min``,
``max`` and group keys over them, as JSON strings (``"12.30"``), where a
SQLite-backed server sends numbers (``12.3``). Models convert by their field types;
name-based results (dicts) come through here, so that a caller sees the same values
whatever the database. Which fields hold numbers is read from ``/fields`` and
``/relations``, once per client (and its ``with_options()`` copies), and only when a
result holds a string that looks like a number: on a SQLite-backed server only when a
string field holds digits alone (a SKU ``"00123"``).

``bigInteger`` and ``integer`` values become ``int``; ``decimal`` and ``float``
values become ``float``, as a SQLite-backed server sends them (a model with a
``Decimal`` field keeps every digit).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from directus_orm.schema._objects import FieldInfo, RelationInfo

__all__ = ["NumberSchema", "coerce_aggregates", "coerce_rows", "has_numeric_strings"]

_LOOKS_NUMERIC: Final = re.compile(r"-?\d+(?:\.\d+)?")


def _integer(text: str) -> int | float:
    # "1.50" in an integer field: the schema changed since it was read.
    return float(text) if "." in text else int(text)


_CONVERTERS: Final[dict[str, Callable[[str], int | float]]] = {
    "integer": _integer,
    "bigInteger": _integer,
    "decimal": float,
    "float": float,
}
_BY_FIELD: Final = frozenset({"min", "max"})
"""Aggregates whose values keep the type of their field (``count``, ``sum`` and
``avg`` are numbers whatever the field: see ``_reads``)."""
_AGGREGATES: Final = frozenset(
    {"count", "countDistinct", "countAll", "sum", "sumDistinct", "avg", "avgDistinct"}
    | _BY_FIELD
)

Converter = Callable[[str], int | float]


@dataclasses.dataclass(frozen=True)
class NumberSchema:
    """Where numbers live: numeric fields, and where relational fields lead."""

    numbers: Mapping[str, Mapping[str, Converter]]
    """Collection → numeric field → how to convert its string form."""
    related: Mapping[str, Mapping[str, str]]
    """Collection → relational field → the collection its items (or keys) are in."""
    any_related: Mapping[str, Mapping[str, str]]
    """Collection → many-to-any item field → the field naming the item's collection."""
    primary_keys: Mapping[str, str]
    """Collection → primary key field."""

    @classmethod
    def build(
        cls, fields: Iterable[FieldInfo], relations: Iterable[RelationInfo]
    ) -> NumberSchema:
        """Return the schema of ``/fields`` and ``/relations`` answers."""
        numbers: dict[str, dict[str, Converter]] = {}
        keys: dict[str, str] = {}
        for info in fields:
            if info.type in _CONVERTERS:
                numbers.setdefault(info.collection, {})[info.field] = _CONVERTERS[
                    info.type
                ]
            if info.schema_ is not None and info.schema_.is_primary_key:
                keys[info.collection] = info.field
        related: dict[str, dict[str, str]] = {}
        any_related: dict[str, dict[str, str]] = {}
        for relation in relations:
            meta = relation.meta
            if relation.related_collection is None:
                if meta is not None and meta.one_collection_field:
                    any_related.setdefault(relation.collection, {})[relation.field] = (
                        meta.one_collection_field
                    )
                continue
            related.setdefault(relation.collection, {})[relation.field] = (
                relation.related_collection
            )
            if meta is not None and meta.one_field:
                related.setdefault(relation.related_collection, {})[meta.one_field] = (
                    relation.collection
                )
        return cls(numbers, related, any_related, keys)


def has_numeric_strings(value: object) -> bool:
    """Tell whether ``value`` holds, at any depth, a string that looks like a number."""
    if isinstance(value, str):
        return _LOOKS_NUMERIC.fullmatch(value) is not None
    if isinstance(value, dict):
        return any(has_numeric_strings(inner) for inner in value.values())
    if isinstance(value, list):
        return any(has_numeric_strings(inner) for inner in value)
    return False


def coerce_rows(
    rows: list[object], collection: str, schema: NumberSchema
) -> list[object]:
    """Return ``rows`` of ``collection`` with numeric strings made numbers (copies)."""
    return [_row(row, collection, schema) for row in rows]


def coerce_aggregates(
    rows: list[object], collection: str, schema: NumberSchema
) -> list[object]:
    """Return aggregate rows with ``min``/``max`` and group keys made numbers."""
    numbers = schema.numbers.get(collection, {})
    result: list[object] = []
    for row in rows:
        if not isinstance(row, dict):
            result.append(row)
            continue
        fixed = dict(row)
        for key, value in row.items():
            if key in _BY_FIELD and isinstance(value, dict):
                fixed[key] = {
                    name: _number(inner, numbers.get(name))
                    for name, inner in value.items()
                }
            elif key not in _AGGREGATES:
                fixed[key] = _value(value, collection, key, row, schema)
        result.append(fixed)
    return result


def _row(row: object, collection: str, schema: NumberSchema) -> object:
    if not isinstance(row, dict):
        return _key(row, collection, schema)
    return {
        name: _value(value, collection, name, row, schema)
        for name, value in row.items()
    }


def _value(
    value: object,
    collection: str,
    name: str,
    row: Mapping[str, object],
    schema: NumberSchema,
) -> object:
    if isinstance(value, str):
        converter = schema.numbers.get(collection, {}).get(name)
        if converter is not None:
            return _number(value, converter)
    target = schema.related.get(collection, {}).get(name)
    if target is None:
        sibling = schema.any_related.get(collection, {}).get(name)
        named = row.get(sibling) if sibling is not None else None
        target = named if isinstance(named, str) else None
    if target is None or value is None:
        return value
    if isinstance(value, list):
        return [_row(item, target, schema) for item in value]
    return _row(value, target, schema)


def _key(value: object, collection: str, schema: NumberSchema) -> object:
    """Return a related item's key as its collection's primary key type has it."""
    pk = schema.primary_keys.get(collection)
    converter = schema.numbers.get(collection, {}).get(pk) if pk else None
    return _number(value, converter)


def _number(value: object, converter: Converter | None) -> object:
    if (
        converter is None
        or not isinstance(value, str)
        or _LOOKS_NUMERIC.fullmatch(value) is None
    ):
        return value
    return converter(value)
