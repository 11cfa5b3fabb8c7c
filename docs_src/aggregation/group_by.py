"""Grouping: one row per group, with the group's fields and its aggregates."""

from __future__ import annotations

import asyncio

from directus_orm import Directus
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Group the catalog by category, with and without a filter."""
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:example]
        per_category = await (
            directus.collection(COLLECTION)
            .aggregate(count="*", sum="stock")
            .group_by("category")
            .sort("category")
            .read()
        )
        for row in per_category.items:
            print(row)
        # {'category': None, 'count': 1, 'sum': {'stock': 0}}
        # {'category': 'fruit', 'count': 3, 'sum': {'stock': 12}}
        # {'category': 'veg', 'count': 2, 'sum': {'stock': 7}}

        in_stock = (
            Product.objects.filter(stock__gt=0)
            .aggregate(max="price")
            .group_by("category")
            .sort("category")
        )
        print(await in_stock)
        # [{'category': 'fruit', 'max': {'price': 12}},
        #  {'category': 'veg', 'max': {'price': 3}}]
        # --8<-- [end:example]
        return {"per_category": per_category.items, "in_stock": await in_stock}


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
