"""Validation before sending: through the model, or against the live schema."""

from __future__ import annotations

import asyncio

from directus_orm import Directus, InvalidDataError, QueryError
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, Product, catalog


async def main(server: DirectusServer) -> int:
    """Try to write and query bad values; return the rows left (nothing was sent)."""
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:model]
        try:
            await Product.objects.create({"name": "kiwi", "price": "cheap"})
        except InvalidDataError as exc:
            print(exc.problems)
            # ['price: Input should be a valid number, unable to parse string as a
            #   number']
        try:
            await Product.objects.update(1, {"stock": "lots"})
        except InvalidDataError as exc:
            print(exc.problems)
            # ['stock: Input should be a valid integer, unable to parse string as an
            #   integer']
        # --8<-- [end:model]

        # --8<-- [start:live]
        # A query by name checks against the server's /fields (read once, cached).
        products = directus.collection(COLLECTION, validate=True)
        try:
            await products.create({"name": "x" * 300, "stock": 2**60, "colour": "red"})
        except InvalidDataError as exc:
            print(*exc.problems, sep="\n")
            # name: 300 characters, at most 255 allowed
            # stock: 1152921504606846976 is beyond 2**53 and would be rounded by the
            #   server's JSON
            # colour: no such field (the server would drop it)
        # --8<-- [end:live]

        # --8<-- [start:query]
        try:
            Product.objects.filter(price__contains=1)
        except QueryError as exc:
            print(exc)
            # 'price__contains': Directus does not allow _contains on a float field;
            # allowed: _between, _eq, _gt, _gte, _in, _lt, _lte, _nbetween, ...
        try:
            Product.objects.limit(-5)
        except QueryError as exc:
            print(exc)  # limit must be a non-negative int or None, not -5
        # --8<-- [end:query]
        return await Product.objects.count()  # still the six rows


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
