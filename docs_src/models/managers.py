"""Models and managers: ``Product.objects`` and the terminals that run a query."""

from __future__ import annotations

import asyncio

from directus_orm import Directus, FieldError, MultipleObjectsReturned
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Use the manager of the catalog's ``Product`` model."""
    found: dict[str, object] = {}
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:terminals]
        directus.bind(Product)  # Product.objects now goes through `directus`

        everything = await Product.objects.all()  # or: await Product.objects
        print(len(everything), type(everything[0]).__name__)  # 6 Product

        apple = await Product.objects.get(1)  # by primary key
        carrot = await Product.objects.get(name="carrot")  # by lookups
        print(apple.name, carrot.id)  # apple 3

        print(await Product.objects.filter(stock=0).count())  # 2
        print(await Product.objects.filter(price__gt=100).exists())  # False
        print(await Product.objects.filter(price__gt=100).first())  # None
        found_by_key = await Product.objects.in_bulk([1, 3, 99])
        print(sorted(found_by_key))  # [1, 3]: missing keys are left out
        # --8<-- [end:terminals]
        found["count"] = len(everything)
        found["apple"] = apple.name
        found["carrot"] = carrot.id
        found["in_bulk"] = sorted(found_by_key)

        # --8<-- [start:errors]
        try:
            await Product.objects.get(99)
        except Product.DoesNotExist as exc:  # also directus_orm.DoesNotExist
            print(exc)  # no Product matches {"id":{"_eq":99}}
        try:
            await Product.objects.get(category="fruit")
        except MultipleObjectsReturned as exc:
            print(exc)  # more than one Product matches {"category":{"_eq":"fruit"}}
        try:
            Product.objects.filter(colour="red")  # raises before any request
        except FieldError as exc:
            print(exc)
            # Product has no field 'colour'; valid fields: category, id, name, ...
        # --8<-- [end:errors]
        found["does_not_exist"] = Product.DoesNotExist.__qualname__

        # --8<-- [start:using]
        # using() sends one query through another client: another user, or another
        # server with the same schema.
        async with Directus(server.url, token=server.token) as other:
            print(await Product.objects.using(other).filter(category="veg").count())
            # 2
            # --8<-- [end:using]
            found["using"] = await Product.objects.using(other).count()
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
