"""F objects: conditions combined with ``&`` (AND), ``|`` (OR) and ``~`` (NOT)."""

from __future__ import annotations

import asyncio

from directus_orm import Directus, F
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import Product, catalog


async def main(server: DirectusServer) -> dict[str, object]:
    """Combine conditions in the ways the Queries page describes."""
    found: dict[str, object] = {}
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:combine]
        cheap_or_veg = F(price__lt=1) | F(category="veg")
        fruit_in_stock = F(category="fruit") & F(stock__gt=0)
        query = Product.objects.filter(cheap_or_veg | fruit_in_stock).sort("name")
        print([p.name for p in await query])
        # ['apple', 'banana', 'carrot', 'durian', 'fennel']
        print(query.params()["filter"])
        # {"_or":[{"price":{"_lt":1}},{"category":{"_eq":"veg"}},
        #         {"_and":[{"category":{"_eq":"fruit"}},{"stock":{"_gt":0}}]}]}
        # --8<-- [end:combine]
        found["combined"] = [p.name for p in await query]
        found["combined_filter"] = query.params()["filter"]

        # --8<-- [start:chain]
        # Several keywords, several arguments and chained calls are all AND.
        a = Product.objects.filter(category="fruit", price__gte=1)
        b = Product.objects.filter(F(category="fruit"), F(price__gte=1))
        c = Product.objects.filter(category="fruit").filter(price__gte=1)
        print(a.params() == b.params() == c.params())  # True
        print(a.params()["filter"])
        # {"_and":[{"category":{"_eq":"fruit"}},{"price":{"_gte":1}}]}
        print([p.name for p in await c.sort("name")])  # ['apple', 'durian']
        # --8<-- [end:chain]
        found["chain_equal"] = a.params() == b.params() == c.params()
        found["chain"] = [p.name for p in await c.sort("name")]

        # --8<-- [start:raw]
        # A Directus filter object, as in the REST docs, is an F too.
        raw = F({"_or": [{"price": {"_lt": 1}}, {"stock": {"_gte": 7}}]})
        print([p.name for p in await Product.objects.filter(raw).sort("name")])
        # ['apple', 'banana', 'carrot', 'fennel']
        # --8<-- [end:raw]
        found["raw"] = [p.name for p in await Product.objects.filter(raw).sort("name")]

        # --8<-- [start:immutable]
        base = Product.objects.filter(category="fruit")
        pricey = base.filter(price__gt=1)  # a new QuerySet; `base` is unchanged
        print(await base.count(), await pricey.count())  # 3 2
        print(F() & F(stock=0) == F(stock=0))  # True: an empty F changes nothing
        # --8<-- [end:immutable]
        found["counts"] = (await base.count(), await pricey.count())
        found["identity"] = F() & F(stock=0) == F(stock=0)
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
