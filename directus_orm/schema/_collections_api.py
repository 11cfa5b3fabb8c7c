"""``directus.collections`` and ``directus.relations``: list, get, create, delete.

Enough to set up collections with fields and relations from Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from directus_orm._exceptions import DoesNotExist, ForbiddenError, QueryError
from directus_orm._paths import check_collection, segment
from directus_orm.schema._fields_api import check_field_key, dump_part, objects
from directus_orm.schema._objects import (
    CollectionInfo,
    CollectionMeta,
    FieldInfo,
    RelationInfo,
    RelationMeta,
    RelationSchema,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from directus_orm._client import Directus
    from directus_orm._types import JSONObject, JSONValue


class CollectionsAPI:
    """Collections: list, get, create (with fields), delete.

    ```python
    await directus.collections.create("products", fields=[
        FieldInfo(collection="products", field="id", type="integer",
                  schema={"is_primary_key": True, "has_auto_increment": True}),
    ])
    ```
    """

    def __init__(self, client: Directus) -> None:
        self._client = client

    async def list(self) -> list[CollectionInfo]:
        """Return every collection, system ones included."""
        body = await self._client.request("GET", "/collections")
        return [CollectionInfo.model_validate(row) for row in objects(body.get("data"))]

    async def get(self, collection: str) -> CollectionInfo:
        """Return one collection.

        Raises:
            DoesNotExist: No such collection, or not visible to this user.
        """
        check_collection(collection)
        data = await _read_or_missing(
            self._client, f"/collections/{segment(collection)}",
            f"no collection {collection!r}",
        )  # fmt: skip
        return CollectionInfo.model_validate(data)

    async def create(
        self,
        collection: str,
        *,
        fields: Sequence[FieldInfo | JSONObject] = (),
        meta: CollectionMeta | JSONObject | None = None,
        folder: bool = False,
    ) -> CollectionInfo:
        """Create a collection (a table, unless ``folder=True``) with its fields.

        Raises:
            QueryError: A name Directus would refuse (``directus_`` prefix, ``/``)
                or an invalid field key.
        """
        check_collection(collection)
        if collection.startswith("directus_"):
            raise QueryError("collection names starting with 'directus_' are reserved")
        rows: list[JSONValue] = []
        for field in fields:
            row = dump_part(field)
            if not isinstance(row, dict):
                raise QueryError(f"a field definition must be an object: {row!r}")
            row.pop("collection", None)
            check_field_key(str(row.get("field")))
            rows.append(row)
        body: JSONObject = {
            "collection": collection,
            "meta": dump_part(meta) if meta is not None else {},
            "schema": None if folder else {},
            "fields": rows,
        }
        answer = await self._client.request("POST", "/collections", json_body=body)
        return CollectionInfo.model_validate(answer.get("data"))

    async def delete(self, collection: str) -> None:
        """Delete a collection. Destructive: its table and every item are dropped.

        Raises:
            DoesNotExist: No such collection.
        """
        await self.get(collection)
        await self._client.request("DELETE", f"/collections/{segment(collection)}")


class RelationsAPI:
    """Relations between collections: list, get, create, delete."""

    def __init__(self, client: Directus) -> None:
        self._client = client

    async def list(self, collection: str | None = None) -> list[RelationInfo]:
        """Return every relation, or those of one (many-side) collection."""
        path = "/relations"
        if collection is not None:
            path = f"/relations/{segment(check_collection(collection))}"
        body = await self._client.request("GET", path)
        return [RelationInfo.model_validate(row) for row in objects(body.get("data"))]

    async def get(self, collection: str, field: str) -> RelationInfo:
        """Return the relation of ``collection.field``.

        Raises:
            DoesNotExist: The field has no relation (or is not visible).
        """
        check_collection(collection)
        data = await _read_or_missing(
            self._client, f"/relations/{segment(collection)}/{segment(field)}",
            f"no relation on {collection}.{field}",
        )  # fmt: skip
        return RelationInfo.model_validate(data)

    async def create(
        self,
        collection: str,
        field: str,
        related_collection: str | None,
        *,
        meta: RelationMeta | JSONObject | None = None,
        schema: RelationSchema | JSONObject | None = None,
    ) -> RelationInfo:
        """Create a relation: ``collection.field`` points at ``related_collection``.

        ``meta={"one_field": "items"}`` also names the one-to-many alias on the
        other side (create that alias field first).
        """
        check_collection(collection)
        check_field_key(field)
        body: JSONObject = {
            "collection": collection,
            "field": field,
            "related_collection": related_collection,
        }
        if meta is not None:
            body["meta"] = dump_part(meta)
        if schema is not None:
            body["schema"] = dump_part(schema)
        answer = await self._client.request("POST", "/relations", json_body=body)
        return RelationInfo.model_validate(answer.get("data"))

    async def delete(self, collection: str, field: str) -> None:
        """Delete the relation of ``collection.field`` (the field itself stays).

        On SQLite the foreign key constraint stays in the table; the relation's
        ``meta``, which Directus follows for nested reads and writes, is removed.
        """
        await self.get(collection, field)
        await self._client.request(
            "DELETE", f"/relations/{segment(collection)}/{segment(field)}"
        )


async def _read_or_missing(client: Directus, path: str, missing: str) -> JSONValue:
    """Return the ``data`` of a schema object; Directus's 403 means missing here.

    Raises:
        DoesNotExist: The server answered 403 (missing, or not visible).
    """
    try:
        body = await client.request("GET", path)
    except ForbiddenError as exc:
        raise DoesNotExist(missing) from exc
    return body.get("data")
