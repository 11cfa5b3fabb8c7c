"""Every comparison lookup, with the Directus operator it sends."""

from __future__ import annotations

import asyncio

from directus_orm import Directus, F
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import Product, catalog


async def main(server: DirectusServer) -> dict[str, list[str]]:
    """Run one query per lookup on the catalog and return the names it selects."""
    found: dict[str, list[str]] = {}
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:example]
        conditions = [
            F(category="veg"),  # _eq: a bare field=value
            F(category__eq="veg"),  # _eq
            F(category__neq="fruit"),  # _neq (NULL category not included)
            F(price__lt=1),  # _lt
            F(price__lte=1.5),  # _lte
            F(price__gt=3),  # _gt
            F(price__gte=3),  # _gte
            F(name__in=["apple", "fennel"]),  # _in
            F(name__nin=["apple", "fennel"]),  # _nin
            F(stock=None),  # _null: the same as stock__null=True
            F(stock__nnull=True),  # _nnull
            F(name__contains="an"),  # _contains (case: see the guide)
            F(name__ncontains="an"),  # _ncontains
            F(name__icontains="AN"),  # _icontains (case-insensitive)
            F(name__starts_with="b"),  # _starts_with
            F(name__nstarts_with="b"),  # _nstarts_with
            F(name__istarts_with="B"),  # _istarts_with
            F(name__nistarts_with="B"),  # _nistarts_with
            F(name__ends_with="t"),  # _ends_with
            F(name__nends_with="t"),  # _nends_with
            F(name__iends_with="T"),  # _iends_with
            F(name__niends_with="T"),  # _niends_with
            F(price__between=[1, 3]),  # _between (inclusive)
            F(price__nbetween=[1, 3]),  # _nbetween
            F(category__empty=True),  # _empty: NULL or ""
            F(category__nempty=True),  # _nempty
        ]
        for condition in conditions:
            query = Product.objects.filter(condition).sort("name")
            names = [product.name for product in await query]
            print(f"{condition!r:34} {query.params()['filter']:40} {names}")
            # --8<-- [end:example]
            found[repr(condition)] = names
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
