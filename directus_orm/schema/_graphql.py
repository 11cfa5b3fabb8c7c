"""Talk to Directus's system GraphQL endpoint (``/graphql/system``).

GraphQL answers HTTP 200 with an ``errors`` list for many failures; those raise the
same typed errors as REST ones. Values are written as GraphQL literals so that the
Fields API's loosely typed inputs (``meta``, ``schema``) need no schema type names.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from directus_orm._exceptions import UnexpectedResponseError, error_class

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._types import JSONObject, JSONValue

FIELD_SELECTION = (
    "collection field type "
    "meta { collection field special interface options display display_options "
    "readonly hidden sort width translations note conditions required group "
    "validation validation_message searchable } "
    "schema { name table data_type default_value max_length numeric_precision "
    "numeric_scale is_generated generation_expression is_indexed is_nullable "
    "is_unique is_primary_key has_auto_increment foreign_key_column "
    "foreign_key_table comment }"
)
"""Every field key, without ``meta.id``: selecting it makes the server fail on
system fields, whose ``meta`` is null."""


def literal(value: JSONValue) -> str:
    """Write a JSON value as a GraphQL input literal."""
    if isinstance(value, dict):
        inner = ", ".join(f"{key}: {literal(item)}" for key, item in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    return json.dumps(value)


async def system_query(client: Directus, document: str) -> JSONObject:
    """Run a query or mutation on ``/graphql/system`` and return its ``data``.

    Raises:
        APIError: The answer carries ``errors`` (a subclass chosen by their code).
    """
    try:
        response = await client.send(
            "POST", "/graphql/system", json_body={"query": document}
        )
    finally:
        if document.lstrip().startswith("mutation"):
            client._schema_memory.forget()  # as for REST writes (Directus.send)
    body = json.loads(response.content)
    errors = body.get("errors") if isinstance(body, dict) else None
    if errors:
        first = errors[0] if isinstance(errors[0], dict) else {}
        extensions = first.get("extensions") or {}
        code = extensions.get("code")
        raise error_class(code, response.status_code)(
            str(first.get("message", "GraphQL error")),
            status_code=response.status_code,
            code=code,
            extensions=extensions,
            response=response,
        )
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise UnexpectedResponseError(
            "GraphQL answer without data", status_code=response.status_code
        )
    return data
