"""Compare models with the live schema: the differences ``check_models`` reports.

Pure: takes the server's field list and a model, returns differences. A model may be
less strict than the server (no ``max_length`` where the column has one) without a
difference; it may not be wrong (another length, a column it lacks, a type that
cannot hold the column's values, a nullable column it cannot read).
"""

from __future__ import annotations

import dataclasses
import enum
from typing import TYPE_CHECKING, Final

from directus_orm._model_fields import model_fields

if TYPE_CHECKING:
    from collections.abc import Sequence

    from directus_orm._models import DirectusModel
    from directus_orm.schema._objects import FieldInfo


class DifferenceKind(enum.StrEnum):
    """What kind of drift a ``Difference`` is."""

    COLLECTION_MISSING = "collection missing"
    FIELD_MISSING_ON_SERVER = "field missing on server"
    FIELD_MISSING_ON_MODEL = "field missing on model"
    TYPE_MISMATCH = "type mismatch"
    NULLABILITY_MISMATCH = "nullability mismatch"
    MAX_LENGTH_MISMATCH = "max_length mismatch"
    PRIMARY_KEY_MISMATCH = "primary key mismatch"


@dataclasses.dataclass(frozen=True, slots=True)
class Difference:
    """One way a model and the server's schema disagree."""

    kind: DifferenceKind
    model: str
    collection: str
    field: str | None
    detail: str

    def __str__(self) -> str:
        where = f"{self.collection}.{self.field}" if self.field else self.collection
        return f"{self.model} ({where}): {self.kind.value}: {self.detail}"


# Server type → model types (as _model_fields infers them) that can hold its values.
_COMPATIBLE: Final[dict[str, frozenset[str | None]]] = {
    "string": frozenset({"string"}),
    "text": frozenset({"string"}),
    "hash": frozenset({"string"}),
    "uuid": frozenset({"uuid", "string"}),
    "integer": frozenset({"integer"}),
    "bigInteger": frozenset({"integer"}),
    "float": frozenset({"float", "decimal"}),
    "decimal": frozenset({"decimal", "float"}),
    "boolean": frozenset({"boolean"}),
    "csv": frozenset({"csv"}),
    "date": frozenset({"date"}),
    "time": frozenset({"time"}),
    "dateTime": frozenset({"dateTime"}),
    "timestamp": frozenset({"dateTime"}),
}


def compare(
    model: type[DirectusModel], collection: str, server_fields: Sequence[FieldInfo]
) -> list[Difference]:
    """Return the differences between ``model`` and the server's fields."""
    name = model.__name__

    Kind = DifferenceKind

    def diff(kind: DifferenceKind, field: str | None, detail: str) -> Difference:
        return Difference(kind, name, collection, field, detail)

    if not server_fields:
        return [diff(Kind.COLLECTION_MISSING, None, "no such collection")]
    from directus_orm._models import model_meta

    specs = model_fields(model).by_key
    columns = {f.field: f for f in server_fields if not _presentation(f)}
    found: list[Difference] = []
    missing_on_server = [key for key in specs if key not in columns]
    missing_on_model = [key for key in columns if key not in specs]
    found += [
        diff(Kind.FIELD_MISSING_ON_SERVER, key, "not on the server")
        for key in missing_on_server
    ]
    found += [
        diff(Kind.FIELD_MISSING_ON_MODEL, key, "not in the model")
        for key in missing_on_model
    ]
    for key, column in columns.items():
        spec = specs.get(key)
        if spec is None:
            continue
        allowed = _COMPATIBLE.get(column.type)
        if column.type == "alias" and not spec.many and spec.directus_type is not None:
            detail = "server has a to-many relation; the model has one value"
            found.append(diff(Kind.TYPE_MISMATCH, key, detail))
        elif allowed is not None and spec.directus_type not in allowed | {None}:
            detail = f"server {column.type}, model {spec.directus_type}"
            found.append(diff(Kind.TYPE_MISMATCH, key, detail))
        schema = column.schema_
        if schema is None:
            continue
        if schema.is_nullable and not spec.nullable and not schema.is_primary_key:
            detail = "server allows null; the model cannot hold it"
            found.append(diff(Kind.NULLABILITY_MISMATCH, key, detail))
        if spec.max_length is not None and spec.max_length != schema.max_length:
            detail = f"server {schema.max_length}, model {spec.max_length}"
            found.append(diff(Kind.MAX_LENGTH_MISMATCH, key, detail))
    server_pk = next(
        (f.field for f in columns.values() if f.schema_ and f.schema_.is_primary_key),
        None,
    )
    model_pk = model_meta(model).primary_key
    if server_pk is not None and server_pk != model_pk:
        detail = f"server {server_pk}, model {model_pk}"
        found.append(diff(Kind.PRIMARY_KEY_MISMATCH, model_pk, detail))
    return found


def _presentation(field: FieldInfo) -> bool:
    """Presentation-only aliases (dividers, groups) hold no data."""
    return "no-data" in field.special
