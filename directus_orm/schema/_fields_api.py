"""``directus.fields``: the Fields API over REST or GraphQL, with the same results.

Guards against the server's quirks (Directus 12.3.1): a PATCH of a missing field
creates a meta-only alias, a POST without ``type`` answers 204 and creates nothing,
and odd field names such as ``bad name!`` are accepted. Here an update of a missing
field raises, a create needs a valid key and type, and names are checked first.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Final, Literal

from pydantic import BaseModel

from directus_orm._exceptions import (
    DoesNotExist,
    ForbiddenError,
    QueryError,
    UnexpectedResponseError,
)
from directus_orm._paths import check_collection, segment
from directus_orm.schema._graphql import FIELD_SELECTION, literal, system_query
from directus_orm.schema._objects import FieldInfo, FieldMeta, FieldSchema

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._types import JSONObject, JSONValue

Transport = Literal["rest", "graphql"]

FIELD_TYPES: Final[frozenset[str]] = frozenset(
    {
        "alias", "bigInteger", "binary", "boolean", "csv", "date", "dateTime",
        "decimal", "float", "geometry", "geometry.Point", "geometry.LineString",
        "geometry.Polygon", "geometry.MultiPoint", "geometry.MultiLineString",
        "geometry.MultiPolygon", "hash", "integer", "json", "string", "text", "time",
        "timestamp", "uuid",
    }
)  # fmt: skip
"""Field types Directus 12 creates (others are silently stored as ``alias``)."""

_FIELD_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_NUMERIC = frozenset({"integer", "bigInteger", "float", "decimal"})

FieldPart = FieldMeta | FieldSchema | dict[str, "JSONValue"] | None


def check_field_key(field: str) -> str:
    """Return ``field`` if it is a usable field key (letters, digits, ``_``).

    Raises:
        QueryError: The key is empty, too long, or has other characters.
    """
    if not isinstance(field, str) or not _FIELD_KEY.match(field):
        raise QueryError(
            f"invalid field key {field!r}: use letters, digits and '_', "
            "not starting with a digit, at most 64 characters"
        )
    return field


class FieldsAPI:
    """The fields of collections: list, get, create, update, delete.

    Each call goes over REST (``/fields``) or GraphQL (``/graphql/system``), chosen
    per call or by the ``transport`` given here, and returns the same ``FieldInfo``.

    ```python
    fields = await directus.fields.list("products")
    await directus.fields.create("products", field="sku", type="string",
                                 schema={"max_length": 32})
    ```
    """

    def __init__(self, client: Directus, transport: Transport = "rest") -> None:
        self._client = client
        self.transport: Transport = transport

    def _use(self, transport: Transport | None) -> Transport:
        chosen = transport or self.transport
        if chosen not in ("rest", "graphql"):
            raise QueryError(f"transport must be 'rest' or 'graphql', not {chosen!r}")
        return chosen

    async def list(
        self, collection: str | None = None, *, transport: Transport | None = None
    ) -> list[FieldInfo]:
        """Return every field, or the fields of one collection."""
        if collection is not None:
            check_collection(collection)
        if self._use(transport) == "graphql":
            if collection is None:
                data = await system_query(
                    self._client, f"{{ fields {{ {FIELD_SELECTION} }} }}"
                )
                rows = data.get("fields")
            else:
                data = await system_query(
                    self._client,
                    f"{{ fields_in_collection(collection: {literal(collection)}) "
                    f"{{ {FIELD_SELECTION} }} }}",
                )
                rows = data.get("fields_in_collection")
            return [_from_graphql(row) for row in objects(rows)]
        path = "/fields" if collection is None else f"/fields/{segment(collection)}"
        body = await self._client.request("GET", path)
        return [FieldInfo.model_validate(row) for row in objects(body.get("data"))]

    async def get(
        self, collection: str, field: str, *, transport: Transport | None = None
    ) -> FieldInfo:
        """Return one field.

        Raises:
            DoesNotExist: No such field, or not visible to this user (Directus answers
                403 for both).
        """
        check_collection(collection)
        try:
            if self._use(transport) == "graphql":
                data = await system_query(
                    self._client,
                    f"{{ fields_by_name(collection: {literal(collection)}, "
                    f"field: {literal(field)}) {{ {FIELD_SELECTION} }} }}",
                )
                row = data.get("fields_by_name")
                if not isinstance(row, dict):
                    raise ForbiddenError("field not found", status_code=200)
                return _from_graphql(row)
            body = await self._client.request(
                "GET", f"/fields/{segment(collection)}/{segment(field)}"
            )
        except ForbiddenError as exc:
            raise DoesNotExist(
                f"no field {collection}.{field} (or no permission to see it)"
            ) from exc
        return FieldInfo.model_validate(body.get("data"))

    async def create(
        self,
        collection: str,
        field: str | FieldInfo,
        type: str | None = None,
        meta: FieldPart = None,
        schema: FieldPart = None,
        *,
        transport: Transport | None = None,
    ) -> FieldInfo:
        """Create a field (a column, unless the type is ``alias``).

        Raises:
            QueryError: The key or the type is missing or invalid (checked before any
                request: the server would accept odd keys and ignore a missing type).
        """
        check_collection(collection)
        if isinstance(field, FieldInfo):
            type = type or field.type
            meta = meta if meta is not None else field.meta
            schema = schema if schema is not None else field.schema_
            field = field.field
        check_field_key(field)
        if type not in FIELD_TYPES:
            raise QueryError(
                f"field {field!r}: type must be one of {', '.join(sorted(FIELD_TYPES))}"
            )
        data: JSONObject = {"field": field, "type": type}
        if meta is not None:
            data["meta"] = dump_part(meta)
        if schema is not None or type != "alias":
            data["schema"] = dump_part(schema) if schema is not None else {}
        if self._use(transport) == "graphql":
            result = await system_query(
                self._client,
                f"mutation {{ create_fields_item(collection: {literal(collection)}, "
                f"data: {literal(_graphql_input(data))}) {{ {FIELD_SELECTION} }} }}",
            )
            return _from_graphql(result.get("create_fields_item"))
        body = await self._client.request(
            "POST", f"/fields/{segment(collection)}", json_body=data
        )
        return FieldInfo.model_validate(body.get("data"))

    async def update(
        self,
        collection: str,
        field: str,
        type: str | None = None,
        meta: FieldPart = None,
        schema: FieldPart = None,
        *,
        transport: Transport | None = None,
    ) -> FieldInfo:
        """Change a field's type, meta or schema.

        Raises:
            DoesNotExist: The field does not exist (Directus would create a meta-only
                alias field instead of failing).
        """
        await self.get(collection, field, transport="rest")
        data: JSONObject = {}
        if type is not None:
            if type not in FIELD_TYPES:
                raise QueryError(f"unknown field type {type!r}")
            data["type"] = type
        if meta is not None:
            data["meta"] = dump_part(meta)
        if schema is not None:
            data["schema"] = dump_part(schema)
        if self._use(transport) == "graphql":
            result = await system_query(
                self._client,
                f"mutation {{ update_fields_item(collection: {literal(collection)}, "
                f"field: {literal(field)}, data: {literal(_graphql_input(data))}) "
                f"{{ {FIELD_SELECTION} }} }}",
            )
            return _from_graphql(result.get("update_fields_item"))
        body = await self._client.request(
            "PATCH", f"/fields/{segment(collection)}/{segment(field)}", json_body=data
        )
        return FieldInfo.model_validate(body.get("data"))

    async def delete(
        self, collection: str, field: str, *, transport: Transport | None = None
    ) -> None:
        """Delete a field. Destructive: the column and all its data are dropped.

        Raises:
            DoesNotExist: The field does not exist (the server would answer 204).
        """
        await self.get(collection, field, transport="rest")
        if self._use(transport) == "graphql":
            await system_query(
                self._client,
                f"mutation {{ delete_fields_item(collection: {literal(collection)}, "
                f"field: {literal(field)}) {{ collection field }} }}",
            )
            return
        await self._client.request(
            "DELETE", f"/fields/{segment(collection)}/{segment(field)}"
        )


def dump_part(part: BaseModel | JSONObject | None) -> JSONValue:
    """Return the JSON body of a ``meta`` or ``schema`` part (model or dict)."""
    if isinstance(part, BaseModel):
        dumped: JSONValue = part.model_dump(
            mode="json", by_alias=True, exclude_unset=True
        )
        return dumped
    return dict(part) if part is not None else None


def _graphql_input(data: JSONObject) -> JSONObject:
    """GraphQL types ``schema.default_value`` as a string; send it as one."""
    schema = data.get("schema")
    if isinstance(schema, dict) and "default_value" in schema:
        value = schema["default_value"]
        if value is not None and not isinstance(value, str):
            data = {**data, "schema": {**schema, "default_value": json.dumps(value)}}
    return data


def objects(value: JSONValue) -> list[JSONObject]:
    """Return ``value`` as a list of JSON objects.

    Raises:
        UnexpectedResponseError: It is not one.
    """
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise UnexpectedResponseError(
            f"expected a list of objects, got {value!r:.200}", status_code=200
        )
    return [v for v in value if isinstance(v, dict)]


def _from_graphql(row: JSONValue) -> FieldInfo:
    """Parse a GraphQL field object; its ``default_value`` is always a string."""
    info = FieldInfo.model_validate(row)
    schema = info.schema_
    if schema is not None and isinstance(schema.default_value, str):
        schema.default_value = _typed_default(info.type, schema.default_value)
    return info


def _typed_default(field_type: str, text: str) -> JSONValue:
    if field_type in _NUMERIC:
        try:
            number: JSONValue = json.loads(text)
        except ValueError:
            return text
        return number if isinstance(number, int | float) else text
    if field_type == "boolean" and text in ("true", "false"):
        return text == "true"
    if field_type == "json":
        try:
            parsed: JSONValue = json.loads(text)
        except ValueError:
            return text
        return parsed
    return text
