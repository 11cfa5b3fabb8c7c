"""Choosing fields, renaming them with alias, full-text search, one item by key."""

from __future__ import annotations

import asyncio

from directus_orm import Directus
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Read parts of items, under other names, and search the catalog."""
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:example]
        products = directus.collection(COLLECTION)  # rows as dicts

        slim = await products.fields("name", "price").sort("id").limit(2).read()
        print(slim.items)
        # [{'name': 'apple', 'price': 1.5}, {'name': 'banana', 'price': 0.5}]

        renamed = await products.alias({"label": "name"}).fields("id", "label").read(3)
        print(renamed.item)  # {'id': 3, 'label': 'carrot'}

        hits = await products.search("ana").read()  # any searchable field
        print([item["name"] for item in hits.items])  # ['banana']

        print(await Product.objects.filter(category="veg").values("name"))
        # [{'name': 'carrot'}, {'name': 'fennel'}]
        # --8<-- [end:example]
        return {
            "slim": slim.items,
            "renamed": renamed.item,
            "search": [item["name"] for item in hits.items],
            "values": await Product.objects.filter(category="veg").values("name"),
        }


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
