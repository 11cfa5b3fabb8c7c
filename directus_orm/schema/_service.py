"""``directus.schema``: models from the server, and the server from models.

Generates model source, checks models against the live schema, creates collections
from models, and keeps what name-based queries learn from the schema: per-collection
validators, and where numbers are (see ``directus_orm._numbers``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, TypeVar

from directus_orm._exceptions import (
    DirectusError,
    DoesNotExist,
    ForbiddenError,
    UsageError,
)
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

logger = logging.getLogger("directus_orm")
_T = TypeVar("_T")
_SPECIALS = {"boolean": ["cast-boolean"], "json": ["cast-json"], "csv": ["cast-csv"]}


class SchemaAPI:
    """The schema as a whole: models from the server and the server from models."""

    def __init__(self, client: Directus) -> None:
        self._client = client
        self._memory = client._schema_memory  # shared with with_options() copies

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
        memory = self._memory
        found = memory.validators.get(collection)
        if found is None:
            generation = memory.generation
            fields = await self._client.fields.list(collection)
            found = ItemValidator(collection, fields)
            if memory.generation == generation:
                memory.validators[collection] = found
        return found

    async def number_schema(self) -> NumberSchema | None:
        """Return where numbers are, built once from ``/fields`` and ``/relations``.

        One build at a time: concurrent reads wait for it. A user who may not read
        ``/relations`` gets numbers of top-level fields only, one who may not read
        ``/fields`` none. ``None`` when the schema could not be read (the server
        failed): results then stay as sent, and the next read tries again.
        """
        memory = self._memory
        if memory.numbers is not None:
            return memory.numbers
        async with memory.lock:
            if memory.numbers is not None:
                return memory.numbers
            generation = memory.generation
            try:
                fields = await _or_nothing(self._client.fields.list())
                relations = await _or_nothing(self._client.relations.list())
            except DirectusError as exc:
                logger.warning("schema unreadable, numbers left as sent: %s", exc)
                return None
            built = NumberSchema.build(fields, relations)
            if memory.generation == generation:
                memory.numbers = built
            return built

    def forget(self, collection: str | None = None) -> None:
        """Drop what was learnt from the schema (after a schema change).

        ``collection`` is accepted for compatibility; everything is forgotten.
        """
        self._memory.forget()


async def _or_nothing(read: Awaitable[list[_T]]) -> list[_T]:
    """Return what ``read`` gives, or ``[]`` if this user may not read it."""
    try:
        return await read
    except ForbiddenError:
        return []


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
