"""Sorting, limits, offsets, pages, counts, and streaming every row."""

from __future__ import annotations

import asyncio

from directus_orm import Directus
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Order and cut the catalog in the ways the Queries page describes."""
    found: dict[str, object] = {}
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:sort]
        by_price = Product.objects.sort("-price")  # "-" for descending
        print([p.name for p in await by_price.limit(3)])
        # ['durian', 'fennel', 'eggplant']
        same = Product.objects.sort("price", asc=False)  # py_directus's spelling
        print(same.params())  # {'sort': '-price'}
        # Later keys break ties. Where NULLs sort depends on the database, so leave
        # them out when the order matters.
        mixed = Product.objects.exclude(category=None).sort("-category", "name")
        print([p.name for p in await mixed.limit(3)])  # ['carrot', 'fennel', 'apple']
        # --8<-- [end:sort]
        found["by_price"] = [p.name for p in await by_price.limit(3)]
        found["same"] = same.params()
        found["mixed"] = [p.name for p in await mixed.limit(3)]

        # --8<-- [start:paging]
        ordered = Product.objects.sort("name")
        print([p.name for p in await ordered.limit(2).offset(2)])
        # ['carrot', 'durian']
        print([p.name for p in await ordered.limit(2).page(3)])  # pages count from 1
        # ['eggplant', 'fennel']
        cheapest = await Product.objects.sort("price").first()  # None if no match
        print(cheapest.name if cheapest else None)  # banana
        # --8<-- [end:paging]
        found["offset"] = [p.name for p in await ordered.limit(2).offset(2)]
        found["page"] = [p.name for p in await ordered.limit(2).page(3)]
        first, last = await ordered.first(), await ordered.last()
        found["first_last"] = (
            first.name if first else None,
            last.name if last else None,
        )
        found["cheapest"] = cheapest.name if cheapest else None

        # --8<-- [start:counts]
        response = (
            await directus.collection(COLLECTION)
            .filter(category="veg")
            .include_count()
            .limit(1)
            .read()
        )
        print(len(response.items), response.filter_count, response.total_count)
        # 1 2 6
        print(await Product.objects.filter(category="veg").count())  # 2
        print(await Product.objects.filter(stock__gt=100).exists())  # False
        # --8<-- [end:counts]
        found["counts"] = (
            len(response.items),
            response.filter_count,
            response.total_count,
        )

        # --8<-- [start:stream]
        # `await query` reads every row (all pages); `async for` streams them, one
        # request per page, fetching the next page while you work on this one.
        async for product in Product.objects.sort("id").iterator(page_size=4):
            print(product.id, product.name)
        # --8<-- [end:stream]
        found["streamed"] = [
            p.name async for p in Product.objects.sort("id").iterator(page_size=4)
        ]
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
