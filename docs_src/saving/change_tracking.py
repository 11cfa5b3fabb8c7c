"""Saving a model: create, PATCH only what changed, refresh, delete."""

from __future__ import annotations

import asyncio
import json

import httpx

from directus_orm import Directus
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Save a product several times and record what went over the wire."""
    sent: list[str] = []

    async def record(request: httpx.Request) -> None:
        if request.method in ("POST", "PATCH", "DELETE"):
            body = json.loads(request.content) if request.content else None
            sent.append(f"{request.method} {request.url.path} {body}")

    connection = httpx.AsyncClient(event_hooks={"request": [record]})
    async with (
        Directus(server.url, token=server.token, connection=connection) as directus,
        catalog(directus),
    ):
        sent.clear()  # forget the catalog's setup
        # --8<-- [start:example]
        grape = Product(name="grape", price=2.0)
        await grape.save()  # not saved yet: POST, and the server's id is filled in
        print(grape.id)  # 7

        grape.price = 2.5
        grape.tags = ["green"]
        print(grape.changed_fields)  # {'price', 'tags'}
        await grape.save()  # PATCH {"price": 2.5, "tags": ["green"]}
        await grape.save()  # nothing changed: nothing is sent

        grape.tags.append("seedless")  # in-place changes are tracked too
        await grape.save()  # PATCH {"tags": ["green", "seedless"]}

        grape.price = 99.0
        await grape.refresh()  # reload from the server; unsaved changes are dropped
        print(grape.price)  # 2.5

        await grape.delete()
        # --8<-- [end:example]
        print(*sent, sep="\n")
        found: dict[str, object] = {"sent": list(sent), "id": grape.id}

        # --8<-- [start:gone]
        banana = await Product.objects.get(name="banana")
        await Product.objects.delete(banana.id)  # someone else deletes it
        banana.price = 0.4
        try:
            await banana.save()
        except Product.DoesNotExist as exc:
            print(exc)  # Product id=2 no longer exists; the change was not saved
            # --8<-- [end:gone]
            found["gone"] = str(exc)
    await connection.aclose()
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
