"""Bulk operations: many items per request, in input order."""

from __future__ import annotations

import asyncio

from directus_orm import Directus
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Create, update and delete several catalog items at once."""
    found: dict[str, object] = {}
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:create]
        herbs = [Product(name=name, price=1.0, category="herb") for name in "abcde"]
        created = await Product.objects.bulk_create(herbs, batch_size=2)  # 3 requests
        print([p.id for p in created])  # [7, 8, 9, 10, 11]: the same objects, saved

        more = await Product.objects.create(
            [{"name": "kale", "price": 2.0}, Product(name="leek", price=1.2)]
        )  # one request; dicts and models may be mixed
        print([(p.id, p.name) for p in more])  # [(12, 'kale'), (13, 'leek')]
        # --8<-- [end:create]
        found["created"] = [p.id for p in created]
        found["more"] = [(p.id, p.name) for p in more]

        # --8<-- [start:update]
        for herb in herbs:
            herb.price = 1.5
        print(await Product.objects.bulk_update(herbs, ["price"]))  # 5: one PATCH

        products = directus.collection(COLLECTION)
        await products.update([12, 13], {"category": "veg"})  # the same change
        await products.update([12, 13], [{"stock": 3}, {"stock": 4}])  # one each
        leek = await products.fields("category", "stock").read(13)
        print(leek.item)  # {'category': 'veg', 'stock': 4}
        # --8<-- [end:update]
        found["leek"] = leek.item
        found["herb_prices"] = {
            p.price for p in await Product.objects.filter(category="herb")
        }

        # --8<-- [start:delete]
        print(await products.delete([12, 13, 99]))  # 2: missing keys are skipped
        print(await Product.objects.delete([p.id for p in herbs]))  # 5
        # --8<-- [end:delete]
        found["left"] = await Product.objects.count()

        # --8<-- [start:get_or_create]
        fig, created_now = await Product.objects.get_or_create(
            name="fig", defaults={"price": 4.0}
        )
        print(fig.price, created_now)  # 4.0 True
        fig, created_now = await Product.objects.update_or_create(
            name="fig", defaults={"price": 4.5}
        )
        print(fig.price, created_now)  # 4.5 False
        # --8<-- [end:get_or_create]
        found["fig"] = (fig.price, created_now)
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
