"""``directus.schema``: models from the server, and the server from models.

Generates model source, checks models against the live schema, creates collections
from models, and keeps what name-based queries learn from the schema: per-collection
validators, and where numbers are (see ``directus_orm._numbers``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from directus_orm._exceptions import DoesNotExist, ForbiddenError, UsageError
from directus_orm._model_fields import FieldSpec, model_fields
from directus_orm._numbers import NumberSchema
from directus_orm.schema._check import Difference, compare
from directus_orm.schema._objects import FieldInfo, FieldMeta, FieldSchema
from directus_orm.schema._render import render_models
from directus_orm.schema._validate import ItemValidator

if TYPE_CHECKING:
    from collections.abc import Sequence

    from directus_orm._client import Directus
    from directus_orm._models import DirectusModel
    from directus_orm.schema._objects import CollectionInfo

_SPECIALS = {"boolean": ["cast-boolean"], "json": ["cast-json"], "csv": ["cast-csv"]}


class SchemaAPI:
    """The schema as a whole: models from the server and the server from models."""

    def __init__(self, client: Directus) -> None:
        self._client = client
        self._validators: dict[str, ItemValidator] = {}
        self._numbers: NumberSchema | None = None

    async def generate_models(
        self,
        collections: Sequence[str] | None = None,
        *,
        include_system: bool = False,
    ) -> str:
        """Return the source of a module of ``DirectusModel`` classes for the server.

        Args:
            collections: Only these collections (default: every user collection).
            include_system: Also the ``directus_*`` collections.
        """
        found = await self._client.collections.list()
        fields = await self._client.fields.list()
        relations = await self._client.relations.list()
        return render_models(
            found, fields, relations,
            source=self._client.url,
            collections_filter=collections,
            include_system=include_system,
        )  # fmt: skip

    async def check_models(self, *models: type[DirectusModel]) -> list[Difference]:
        """Return how ``models`` differ from the server's schema (``[]`` if not)."""
        from directus_orm._models import model_meta

        differences: list[Difference] = []
        for model in models:
            collection = model_meta(model).collection
            try:
                await self._client.collections.get(collection)
                fields = await self._client.fields.list(collection)
            except DoesNotExist:
                fields = []
            differences.extend(compare(model, collection, fields))
        return differences

    async def create_collection(self, model: type[DirectusModel]) -> CollectionInfo:
        """Create the model's collection and its fields (and many-to-one relations).

        To-many fields are left out: they are aliases whose relation is made from the
        other side's many-to-one field.
        """
        from directus_orm._models import model_meta

        meta = model_meta(model)
        specs = model_fields(model).by_key
        if meta.primary_key not in specs:
            raise UsageError(f"{model.__name__} has no primary key field")
        fields = [_primary_key(meta.collection, specs[meta.primary_key])]
        relations: list[FieldSpec] = []
        for key, spec in specs.items():
            if key == meta.primary_key or (spec.many and spec.related is not None):
                continue
            fields.append(_column(meta.collection, spec))
            if spec.related is not None:
                relations.append(spec)
        created = await self._client.collections.create(meta.collection, fields=fields)
        for spec in relations:
            assert spec.related is not None
            await self._client.relations.create(
                meta.collection, spec.key, model_meta(spec.related).collection
            )
        return created

    async def validator(self, collection: str) -> ItemValidator:
        """Return the validator for ``collection``, built once from ``/fields``."""
        if collection not in self._validators:
            fields = await self._client.fields.list(collection)
            self._validators[collection] = ItemValidator(collection, fields)
        return self._validators[collection]

    async def number_schema(self) -> NumberSchema:
        """Return where numbers are, built once from ``/fields`` and ``/relations``.

        A user who may not read them gets an empty schema: results stay as sent.
        """
        if self._numbers is None:
            try:
                fields = await self._client.fields.list()
                relations = await self._client.relations.list()
            except ForbiddenError:
                fields, relations = [], []
            self._numbers = NumberSchema.build(fields, relations)
        return self._numbers

    def forget(self, collection: str | None = None) -> None:
        """Drop what was learnt from the schema (after a schema change)."""
        self._numbers = None
        if collection is None:
            self._validators.clear()
        else:
            self._validators.pop(collection, None)


def _primary_key(collection: str, spec: FieldSpec) -> FieldInfo:
    if spec.directus_type == "uuid":
        return FieldInfo(
            collection=collection, field=spec.key, type="uuid",
            meta=FieldMeta(special=["uuid"], hidden=True, readonly=True),
            schema=FieldSchema(is_primary_key=True, has_auto_increment=False),
        )  # fmt: skip
    if spec.directus_type == "string":
        return FieldInfo(
            collection=collection, field=spec.key, type="string",
            schema=FieldSchema(is_primary_key=True, has_auto_increment=False),
        )  # fmt: skip
    return FieldInfo(
        collection=collection, field=spec.key, type="integer",
        meta=FieldMeta(hidden=True, readonly=True),
        schema=FieldSchema(is_primary_key=True, has_auto_increment=True),
    )  # fmt: skip


def _column(collection: str, spec: FieldSpec) -> FieldInfo:
    kind = spec.directus_type or "json"
    if spec.related is not None:
        kind = spec.directus_type or "integer"
    schema = FieldSchema(is_nullable=spec.nullable)
    if spec.max_length is not None:
        schema.max_length = spec.max_length
    special = ["m2o"] if spec.related is not None else _SPECIALS.get(kind)
    return FieldInfo(
        collection=collection,
        field=spec.key,
        type=kind,
        meta=FieldMeta(special=special, required=spec.required and not spec.nullable),
        schema=schema,
    )
