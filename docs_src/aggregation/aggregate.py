"""Aggregates over REST: counts, sums, averages, minimum, maximum; their shapes."""

from __future__ import annotations

import asyncio

from directus_orm import Agg, AggregationOperators, Directus, QueryError
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Aggregate the catalog in every shape the Aggregation page shows."""
    found: dict[str, object] = {}
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        products = directus.collection(COLLECTION)
        # --8<-- [start:shapes]
        # Counting rows: a bare number under "count".
        print((await products.aggregate().read()).items)  # [{'count': 6}]
        print((await products.aggregate(count="*").read()).items)  # [{'count': 6}]
        # With a field: one level deeper, keyed by the field.
        print((await products.aggregate(count="stock").read()).items)
        # [{'count': {'stock': 5}}]  (non-NULL values only)
        summed = await products.aggregate(sum="stock").aggregate(avg="price").read()
        print(summed.items)  # [{'sum': {'stock': 19}, 'avg': {'price': 3.341...}}]
        # --8<-- [end:shapes]
        found["count"] = (await products.aggregate().read()).items
        found["count_star"] = (await products.aggregate(count="*").read()).items
        found["count_field"] = (await products.aggregate(count="stock").read()).items
        found["sum_avg"] = summed.items

        # --8<-- [start:operators]
        every = await products.aggregate(
            countDistinct="category",
            sum="stock",
            sumDistinct="stock",
            avg="price",
            avgDistinct="stock",
            min="price",
            max="price",
        ).read()
        print(every.item)
        # {'countDistinct': {'category': 2}, 'sum': {'stock': 19},
        #  'sumDistinct': {'stock': 19}, 'avg': {'price': 3.341...},
        #  'avgDistinct': {'stock': 4.75}, 'min': {'price': 0.5}, 'max': {'price': 12}}
        # --8<-- [end:operators]
        found["every"] = every.item

        # --8<-- [start:agg]
        # Agg objects, as in py_directus; fields may be a list or "a,b".
        total = Agg(operator=AggregationOperators.Sum, fields=["stock", "price"])
        rows = Agg(operator=AggregationOperators.Count)  # no field: all rows
        print((await products.aggregate(total, rows).read()).item)
        # {'sum': {'stock': 19, 'price': 20.05}, 'count': 6}
        # Through a model, aggregates come back as dicts too, filter applied first.
        fruit = Product.objects.filter(category="fruit").aggregate(max="price")
        print(await fruit)  # [{'max': {'price': 12}}]
        # --8<-- [end:agg]
        found["agg"] = (await products.aggregate(total, rows).read()).item
        found["fruit"] = await fruit

        # --8<-- [start:count_all]
        try:
            products.aggregate(Agg(operator=AggregationOperators.CountAll))
        except QueryError as exc:
            print(exc)
            # countAll exists only in Directus's GraphQL API; over REST use Count
            # with no field (count of all rows)
            # --8<-- [end:count_all]
            found["count_all"] = str(exc)
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
