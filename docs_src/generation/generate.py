"""Models from the live schema, and the schema checked against hand-written models."""

from __future__ import annotations

import asyncio

from directus_orm import Directus, DirectusConfig, DirectusModel, SchemaMismatchError
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, Product, catalog


# --8<-- [start:stale]
class OldProduct(DirectusModel):
    """A model written before the catalog got ``tags`` and a nullable ``stock``."""

    model_config = DirectusConfig(collection=COLLECTION)

    id: int | None = None
    name: str
    price: float = 0.0
    stock: int
    category: str | None = None


# --8<-- [end:stale]


async def main(server: DirectusServer) -> dict[str, object]:
    """Generate the catalog's model source, then check two models against it."""
    found: dict[str, object] = {}
    async with Directus(server.url, token=server.token) as directus, catalog(directus):
        # --8<-- [start:generate]
        source = await directus.schema.generate_models([COLLECTION])
        print(source)
        # --8<-- [end:generate]
        found["source"] = source

        # --8<-- [start:check]
        print(await directus.check_models(Product))  # []: no drift
        for difference in await directus.check_models(OldProduct):
            print(difference)
        # OldProduct (docs_products_….tags): field missing on model: not in the model
        # OldProduct (docs_products_….stock): nullability mismatch: server allows
        #     null; the model cannot hold it

        try:
            await directus.bind(OldProduct, validate=True)  # check when binding
        except SchemaMismatchError as exc:
            print(len(exc.differences))  # 2
            # --8<-- [end:check]
            found["mismatch"] = [str(d) for d in exc.differences]
        found["product_drift"] = await directus.check_models(Product)
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
