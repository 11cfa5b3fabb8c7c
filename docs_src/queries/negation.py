"""Negation: ``~F`` and ``exclude()``, compiled by De Morgan, and NULL rows."""

from __future__ import annotations

import asyncio

from directus_orm import Directus, F, QueryError, QuerySet
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import Product, catalog


async def names(query: QuerySet[Product]) -> list[str]:
    """Return the sorted names a query selects."""
    return [product.name for product in await query.sort("name")]


async def main(server: DirectusServer) -> dict[str, object]:
    """Negate conditions and show what happens to rows with NULL."""
    found: dict[str, object] = {}
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:compile]
        # Directus has no _not: ~ is pushed down to the leaves (De Morgan) and each
        # operator is swapped for its inverse.
        query = Product.objects.filter(~(F(category="fruit") & F(stock__gt=0)))
        print(query.params()["filter"])
        # {"_or":[{"category":{"_neq":"fruit"}},{"stock":{"_lte":0}}]}
        print(await names(query))  # ['banana', 'carrot', 'eggplant', 'fennel']
        # --8<-- [end:compile]
        found["compiled"] = query.params()["filter"]
        found["de_morgan"] = await names(query)

        # --8<-- [start:nulls]
        # carrot's stock is NULL: it matches neither stock=0 nor its negation.
        print(await names(Product.objects.filter(stock=0)))  # ['banana', 'eggplant']
        print(await names(Product.objects.filter(~F(stock=0))))
        # ['apple', 'durian', 'fennel']
        print(await names(Product.objects.exclude(stock=0)))  # the same as ~F
        # ['apple', 'durian', 'fennel']
        # Ask for the NULL rows explicitly to get the whole complement.
        print(await names(Product.objects.filter(~F(stock=0) | F(stock=None))))
        # ['apple', 'carrot', 'durian', 'fennel']
        # --8<-- [end:nulls]
        found["eq"] = await names(Product.objects.filter(stock=0))
        found["not_eq"] = await names(Product.objects.filter(~F(stock=0)))
        found["exclude"] = await names(Product.objects.exclude(stock=0))
        found["complement"] = await names(
            Product.objects.filter(~F(stock=0) | F(stock=None))
        )

        # --8<-- [start:no_inverse]
        try:
            Product.objects.exclude(name__icontains="AN")
        except QueryError as exc:
            print(exc)  # Directus has no _nicontains ...
            # --8<-- [end:no_inverse]
            found["no_inverse"] = str(exc)
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
