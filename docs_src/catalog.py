"""The product catalog that the query, aggregation and model examples share.

Each example creates the collection with :func:`catalog`, fills it with ``ROWS`` and
drops it afterwards. The name is unique per run, so the examples can run against any
server, yours included, without touching its data.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from directus_orm import Directus, DirectusConfig, DirectusModel

COLLECTION = f"docs_products_{uuid.uuid4().hex[:8]}"


# --8<-- [start:model]
class Product(DirectusModel):
    """One product of the catalog."""

    model_config = DirectusConfig(collection=COLLECTION)

    id: int | None = None
    name: str
    price: float = 0.0
    stock: int | None = None
    category: str | None = None
    tags: list[str] | None = None


ROWS = [
    {"name": "apple", "price": 1.5, "stock": 10, "category": "fruit", "tags": ["red"]},
    {"name": "banana", "price": 0.5, "stock": 0, "category": "fruit", "tags": []},
    {"name": "carrot", "price": 0.8, "stock": None, "category": "veg", "tags": ["x"]},
    {"name": "durian", "price": 12.0, "stock": 2, "category": "fruit", "tags": None},
    {"name": "eggplant", "price": 2.25, "stock": 0, "category": None, "tags": None},
    {"name": "fennel", "price": 3.0, "stock": 7, "category": "veg", "tags": ["green"]},
]
# --8<-- [end:model]


@asynccontextmanager
async def catalog(directus: Directus) -> AsyncIterator[str]:
    """Create the collection from ``Product``, add ``ROWS``, and drop it at the end.

    Yields:
        The collection's name; ``Product`` is bound to ``directus`` meanwhile.
    """
    await directus.schema.create_collection(Product)
    try:
        await directus.collection(COLLECTION).create(ROWS)
        directus.bind(Product)
        yield COLLECTION
    finally:
        await directus.collections.delete(COLLECTION)
