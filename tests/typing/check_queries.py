"""Static checks that mypy --strict must accept (run by tests/unit/test_typing)."""

from __future__ import annotations

from typing import assert_type

from directus_orm import (
    Directus,
    DirectusConfig,
    DirectusModel,
    DirectusResponse,
    F,
    Manager,
    QuerySet,
)
from directus_orm._types import Item


class Product(DirectusModel):
    model_config = DirectusConfig(collection="products")

    id: int | None = None
    name: str
    price: float = 0.0


async def model_queries() -> None:
    assert_type(Product.objects, Manager[Product])
    qs = Product.objects.filter(F(price__gte=10) | ~F(name="x")).sort("-price")
    assert_type(qs, QuerySet[Product])
    assert_type(await qs.all(), list[Product])
    assert_type(await qs, list[Product])
    assert_type(await Product.objects.get(1), Product)
    assert_type(await qs.first(), Product | None)
    assert_type(await qs.count(), int)
    assert_type(await qs.read(), DirectusResponse[Product])
    assert_type(await Product.objects.create(name="x"), Product)
    assert_type(await Product.objects.create([{"name": "x"}]), list[Product])
    assert_type(await Product.objects.get_or_create(name="x"), tuple[Product, bool])
    assert_type(qs.aggregate(count="*"), QuerySet[Item])
    async for product in qs:
        assert_type(product, Product)


async def saving(product: Product) -> None:
    assert_type(await product.save(), Product)
    assert_type(await product.refresh(), Product)
    assert_type(product.changed_fields, set[str])


async def client_queries(directus: Directus) -> None:
    assert_type(directus.collection("products"), QuerySet[Item])
    assert_type(directus.collection(Product), QuerySet[Product])
    response = await directus.collection(Product).read()
    assert_type(response.items, list[Product])
    assert_type(response.item, Product | None)
    assert_type(response.items_as_dict(), list[Item])
