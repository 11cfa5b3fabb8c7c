"""The Collections and Relations APIs: set up related collections from Python."""

from __future__ import annotations

import asyncio
import uuid

from directus_orm import Directus, DoesNotExist
from directus_orm.schema import CollectionMeta, FieldInfo, FieldSchema
from directus_orm.testing import DirectusServer, LocalDirectus


async def main(server: DirectusServer) -> dict[str, object]:
    """Create two collections and a relation, inspect them, and drop them."""
    found: dict[str, object] = {}
    suffix = uuid.uuid4().hex[:8]
    teams, players = f"docs_teams_{suffix}", f"docs_players_{suffix}"
    async with Directus(server.url, token=server.token) as directus:
        # --8<-- [start:example]
        key = FieldSchema(is_primary_key=True, has_auto_increment=True)
        await directus.collections.create(
            teams,
            fields=[
                FieldInfo(collection=teams, field="id", type="integer", schema=key),
                FieldInfo(collection=teams, field="name", type="string"),
            ],
            meta=CollectionMeta(note="Sports teams"),
        )
        await directus.collections.create(
            players,
            fields=[
                {
                    "field": "id",
                    "type": "integer",
                    "schema": {"is_primary_key": True, "has_auto_increment": True},
                },
                {"field": "name", "type": "string", "schema": {}},
            ],  # plain dicts, as in the REST reference, work too
        )
        await directus.fields.create(players, "team", "integer")
        await directus.relations.create(players, "team", teams)  # many-to-one

        info = await directus.collections.get(teams)
        print(
            info.meta.note if info.meta else None, info.is_folder
        )  # Sports teams False
        relation = await directus.relations.get(players, "team")
        print(relation.related_collection == teams)  # True
        print([r.field for r in await directus.relations.list(players)])  # ['team']

        await directus.collections.delete(players)  # drops the table and its items
        await directus.collections.delete(teams)
        try:
            await directus.collections.get(teams)
        except DoesNotExist as exc:
            print(exc)  # no collection 'docs_teams_…'
        # --8<-- [end:example]
        found["note"] = info.meta.note if info.meta else None
        found["related"] = relation.related_collection == teams
        found["gone"] = teams not in {
            c.collection for c in await directus.collections.list()
        }
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
