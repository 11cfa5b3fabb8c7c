"""Updating and deleting through a query: by key, or every row a filter selects."""

from __future__ import annotations

import asyncio

from directus_orm import Directus, DoesNotExist, UsageError
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Update and delete catalog rows by key and by filter."""
    found: dict[str, object] = {}
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:update]
        products = directus.collection(COLLECTION)

        apple = await products.update(1, {"price": 1.75})  # one item, by key
        print(apple["price"])  # 1.75

        changed = await products.filter(category="veg").update({"stock": 50})
        print([item["name"] for item in changed])  # ['carrot', 'fennel']

        await Product.objects.filter(stock=0).update(category="clearance")
        print(await Product.objects.filter(category="clearance").count())  # 2
        # --8<-- [end:update]
        found["apple"] = apple["price"]
        found["changed"] = sorted(item["name"] for item in changed)
        found["clearance"] = await Product.objects.filter(category="clearance").count()

        # --8<-- [start:delete]
        print(await products.delete(6))  # 1
        print(await Product.objects.filter(price__lt=1).delete())  # 2

        try:
            await products.delete(6)  # Directus would answer 204 and do nothing
        except DoesNotExist as exc:
            print(exc)  # docs_products_…: no item with id in [6]

        try:
            await products.delete()  # no filter: refused
        except UsageError as exc:
            print(exc)
            # delete() on a query with no filter would touch every item; pass
            # all_items=True if that is what you mean
        print(await products.delete(all_items=True))  # 3
        # --8<-- [end:delete]
        found["left"] = await Product.objects.count()
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
