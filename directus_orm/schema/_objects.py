"""Typed objects for Directus's schema endpoints: fields, collections, relations.

They follow the Fields API reference (and what Directus 12.3.1 returns on top of it).
``meta`` and ``schema`` may be ``None`` (alias fields have no column; folders have no
table). Keys a newer server adds are kept (``extra="allow"``), never dropped, never
fatal. GraphQL answers are normalised to the same shapes as REST ones.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator


class _SchemaObject(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class FieldMeta(_SchemaObject):
    """``meta`` of a field: how the Directus app treats it (``directus_fields``)."""

    id: int | None = None
    collection: str | None = None
    field: str | None = None
    special: list[str] | None = None
    interface: str | None = None
    options: dict[str, JsonValue] | None = None
    display: str | None = None
    display_options: dict[str, JsonValue] | None = None
    readonly: bool = False
    hidden: bool = False
    sort: int | None = None
    width: str | None = None
    translations: list[JsonValue] | dict[str, JsonValue] | None = None
    note: str | None = None
    conditions: list[JsonValue] | None = None
    required: bool = False
    group: str | None = None
    validation: dict[str, JsonValue] | None = None
    validation_message: str | None = None
    searchable: bool = True

    @field_validator("id", "sort", mode="before")
    @classmethod
    def _int_from_graphql(cls, value: object) -> object:
        # GraphQL sends ids as strings.
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        return value

    @field_validator("special", mode="before")
    @classmethod
    def _special_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part for part in value.split(",") if part]
        return value

    @field_validator("options", "display_options", "validation", mode="before")
    @classmethod
    def _json_object(cls, value: object) -> object:
        if isinstance(value, str):
            return json.loads(value)
        return value


class FieldSchema(_SchemaObject):
    """``schema`` of a field: the database column."""

    name: str | None = None
    table: str | None = None
    data_type: str | None = None
    default_value: JsonValue = None
    max_length: int | None = None
    numeric_precision: int | None = None
    numeric_scale: int | None = None
    is_nullable: bool = True
    is_unique: bool = False
    is_indexed: bool = False
    is_primary_key: bool = False
    is_generated: bool = False
    generation_expression: str | None = None
    has_auto_increment: bool = False
    foreign_key_column: str | None = None
    foreign_key_table: str | None = None
    comment: str | None = None


class FieldInfo(_SchemaObject):
    """One field of a collection, as ``GET /fields/:collection/:field`` returns it.

    ```python
    price = await directus.fields.get("products", "price")
    price.type, price.schema_.max_length, price.meta.required
    ```
    """

    collection: str
    field: str
    type: str
    meta: FieldMeta | None = None
    schema_: FieldSchema | None = Field(default=None, alias="schema")

    @property
    def is_alias(self) -> bool:
        """Whether the field has no column (o2m, m2m, m2a, presentation)."""
        return self.type == "alias" or self.schema_ is None

    @property
    def special(self) -> list[str]:
        """``meta.special`` as a list (``[]`` when absent)."""
        return list(self.meta.special or []) if self.meta else []


class CollectionMeta(_SchemaObject):
    """``meta`` of a collection (``directus_collections``)."""

    collection: str | None = None
    icon: str | None = None
    note: str | None = None
    hidden: bool = False
    singleton: bool = False
    sort_field: str | None = None
    group: str | None = None


class CollectionSchema(_SchemaObject):
    """``schema`` of a collection: its table (``None`` for folders)."""

    name: str | None = None
    comment: str | None = None


class CollectionInfo(_SchemaObject):
    """One collection, as ``GET /collections/:collection`` returns it."""

    collection: str
    meta: CollectionMeta | None = None
    schema_: CollectionSchema | None = Field(default=None, alias="schema")

    @property
    def is_folder(self) -> bool:
        """Whether this is a folder (no table)."""
        return self.schema_ is None

    @property
    def is_system(self) -> bool:
        """Whether this is a ``directus_*`` system collection."""
        return self.collection.startswith("directus_")


class RelationMeta(_SchemaObject):
    """``meta`` of a relation (``directus_relations``)."""

    id: int | None = None
    many_collection: str | None = None
    many_field: str | None = None
    one_collection: str | None = None
    one_field: str | None = None
    one_allowed_collections: list[str] | None = None
    one_collection_field: str | None = None
    one_deselect_action: str | None = None
    junction_field: str | None = None
    sort_field: str | None = None
    system: bool | None = None


class RelationSchema(_SchemaObject):
    """``schema`` of a relation: the foreign key constraint."""

    table: str | None = None
    column: str | None = None
    foreign_key_table: str | None = None
    foreign_key_column: str | None = None
    on_update: str | None = None
    on_delete: str | None = None
    constraint_name: str | None = None


class RelationInfo(_SchemaObject):
    """One relation: ``collection.field`` points at ``related_collection``.

    ``related_collection`` is ``None`` for the item field of a many-to-any junction.
    """

    collection: str
    field: str
    related_collection: str | None = None
    meta: RelationMeta | None = None
    schema_: RelationSchema | None = Field(default=None, alias="schema")


def dump(obj: BaseModel) -> dict[str, Any]:
    """Return the JSON body Directus takes for a schema object (``schema`` key)."""
    body: dict[str, Any] = obj.model_dump(
        mode="json", by_alias=True, exclude_unset=True
    )
    return body
