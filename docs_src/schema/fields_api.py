"""The Fields API over REST and over GraphQL, with the same results."""

from __future__ import annotations

import asyncio
import uuid

from directus_orm import Directus, DoesNotExist
from directus_orm.schema import FieldInfo, FieldSchema
from directus_orm.testing import DirectusServer, LocalDirectus


async def main(server: DirectusServer) -> dict[str, object]:
    """Create, read, change and delete fields of a new collection."""
    found: dict[str, object] = {}
    name = f"docs_parts_{uuid.uuid4().hex[:8]}"
    async with Directus(server.url, token=server.token) as directus:
        # --8<-- [start:create]
        await directus.collections.create(
            name,
            fields=[
                FieldInfo(
                    collection=name,
                    field="id",
                    type="integer",
                    schema=FieldSchema(is_primary_key=True, has_auto_increment=True),
                )
            ],
        )
        # REST (the default) and GraphQL take the same arguments.
        await directus.fields.create(name, "sku", "string", schema={"max_length": 32})
        await directus.fields.create(
            name, "weight", "float", meta={"note": "in kg"}, transport="graphql"
        )
        # --8<-- [end:create]
        try:
            # --8<-- [start:read]
            fields = await directus.fields.list(name)
            print([(f.field, f.type) for f in fields])
            # [('id', 'integer'), ('sku', 'string'), ('weight', 'float')]

            by_rest = await directus.fields.get(name, "sku")
            by_graphql = await directus.fields.get(name, "sku", transport="graphql")
            for field in (by_rest, by_graphql):
                print(field.schema_.max_length if field.schema_ else None)  # 32
            # --8<-- [end:read]
            found["fields"] = [(f.field, f.type) for f in fields]
            found["max_length"] = [
                f.schema_.max_length if f.schema_ else None
                for f in (by_rest, by_graphql)
            ]

            # --8<-- [start:change]
            weight = await directus.fields.update(
                name, "weight", meta={"note": "in grams"}, transport="graphql"
            )
            print(weight.meta.note if weight.meta else None)  # in grams
            await directus.fields.delete(name, "weight")
            try:
                await directus.fields.get(name, "weight")
            except DoesNotExist as exc:
                print(exc)  # no field docs_parts_….weight (or no permission to see it)
            # --8<-- [end:change]
            found["note"] = weight.meta.note if weight.meta else None
            found["after_delete"] = [f.field for f in await directus.fields.list(name)]
        finally:
            await directus.collections.delete(name)
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
