"""Demo: start a local Directus, then use the cheat sheet's calls and the model API.

Run with ``./scripts/demo``. Every result printed comes from the real server.
"""

from __future__ import annotations

import asyncio
import uuid

import httpx

from directus_orm import (
    Agg,
    AggregationOperators,
    Directus,
    DirectusConfig,
    DirectusModel,
    F,
)
from directus_orm.testing import DirectusServer, LocalDirectus


class Product(DirectusModel):
    """A product; the collection name is set when the demo creates it."""

    model_config = DirectusConfig(collection="products")

    id: int | None = None
    name: str
    price: float = 0.0
    stock: int | None = None
    category: str | None = None


async def create_collection(server: DirectusServer, name: str) -> None:
    """Create the demo collection with plain REST calls."""
    fields = [
        {"field": "id", "type": "integer", "meta": {"hidden": True},
         "schema": {"is_primary_key": True, "has_auto_increment": True}},
        {"field": "name", "type": "string", "schema": {"is_nullable": False}},
        {"field": "price", "type": "float", "schema": {}},
        {"field": "stock", "type": "integer", "schema": {}},
        {"field": "category", "type": "string", "schema": {}},
    ]  # fmt: skip
    async with httpx.AsyncClient(base_url=server.url) as http:
        response = await http.post(
            "/collections",
            json={"collection": name, "schema": {}, "meta": {}, "fields": fields},
            headers={"Authorization": f"Bearer {server.token}"},
        )
        response.raise_for_status()


def show(title: str, value: object) -> None:
    """Print one result."""
    print(f"\n== {title}\n{value}")


async def main(server: DirectusServer) -> None:
    """Run the cheat sheet's calls, then the model API, against ``server``."""
    collection = f"products_{uuid.uuid4().hex[:6]}"
    await create_collection(server, collection)
    print(f"Directus at {server.url}; collection {collection}")

    async with Directus(server.url, email=server.email, password=server.password) as d:
        products = d.collection(collection)
        created = await products.create(
            [
                {"name": "apple", "price": 1.5, "stock": 10, "category": "fruit"},
                {"name": "banana", "price": 0.5, "stock": 0, "category": "fruit"},
                {"name": "carrot", "price": 0.8, "stock": None, "category": "veg"},
                {"name": "durian", "price": 12.0, "stock": 2, "category": "fruit"},
            ]
        )
        show("create (list of dicts)", [item["id"] for item in created])

        fruit_or_cheap = await products.filter(
            F(category="fruit") & (F(price__lt=1) | F(price__gt=10))
        ).read()
        show("filter F(...) & (F | F)", [i["name"] for i in fruit_or_cheap.items])

        not_fruit = await products.filter(~F(category="fruit")).read()
        show("filter ~F(category='fruit')", [i["name"] for i in not_fruit.items])

        in_stock = await products.exclude(stock=0).read()
        show(
            "exclude(stock=0)  (NULL stock matches neither)",
            [i["name"] for i in in_stock.items],
        )

        by_price = await products.sort("price", asc=False).limit(2).read()
        show("sort('price', asc=False).limit(2)", [i["name"] for i in by_price.items])

        totals = await products.aggregate(count="*").aggregate(sum="stock").read()
        show("aggregate(count='*').aggregate(sum='stock')", totals.items)

        avg = await products.aggregate(
            Agg(operator=AggregationOperators.Average, fields="price")
        ).read()
        show("aggregate(Agg(Average, 'price'))", avg.items)

        grouped = await products.aggregate(count="*").group_by("category").read()
        show("aggregate(count='*').group_by('category')", grouped.items)

        await products.update(1, {"price": 1.75})
        await products.update([2, 3], {"stock": 5})
        await products.filter(category="veg").update({"category": "vegetable"})
        show(
            "after update(pk), update([pks]), filter().update()",
            [
                (i["name"], i["price"], i["stock"], i["category"])
                for i in (await products.sort("id").read()).items
            ],
        )

        deleted = await products.delete([3, 4])
        show("delete([3, 4])", f"{deleted} deleted")

        # The model API: managers, save() of changes only, delete().
        model = type(
            "Product",
            (Product,),
            {"model_config": DirectusConfig(collection=collection)},
        )
        d.bind(model)
        pear = model(name="pear", price=2.0, stock=4)
        await pear.save()
        show("Product(...).save()", pear)
        pear.price = 2.2
        show("changed_fields", pear.changed_fields)
        await pear.save()
        cheap = await model.objects.filter(price__lt=2).sort("-price").all()
        show("Product.objects.filter(price__lt=2).sort('-price').all()", cheap)
        show("Product.objects.count()", await model.objects.count())
        await pear.delete()
        show("after pear.delete(), names", [p.name for p in await model.objects.all()])

        # Models generated from the live schema (what `directus-orm generate` writes).
        source = await d.schema.generate_models([collection])
        show("directus.schema.generate_models([collection])", source)
        drift = await d.check_models(model)
        show("check_models(Product): the hand-written model vs the server", drift)


def run() -> None:
    """Start the server, run the demo, stop the server."""
    with LocalDirectus() as local:
        asyncio.run(main(local.server))


if __name__ == "__main__":
    run()
