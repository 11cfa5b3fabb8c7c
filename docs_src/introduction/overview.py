"""The two ways in: queries by collection name (dicts), and models with managers."""

from __future__ import annotations

import asyncio

from directus_orm import Directus, F
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Read the catalog by name, then through its model."""
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:example]
        # By collection name: rows are dicts, as in py_directus.
        response = await directus.collection(COLLECTION).filter(category="veg").read()
        print([row["name"] for row in response.items])  # ['carrot', 'fennel']

        # Through a model: rows are Product instances that save themselves.
        directus.bind(Product)
        query = Product.objects.filter(F(price__gte=1) & ~F(stock=0))
        cheapest = await query.sort("price").first()
        assert cheapest is not None
        cheapest.stock = 5
        await cheapest.save()  # PATCH {"stock": 5}
        print(cheapest)
        # id=1 name='apple' price=1.5 stock=5 category='fruit' tags=['red']
        # --8<-- [end:example]
        return {"veg": [row["name"] for row in response.items], "cheapest": cheapest}


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
