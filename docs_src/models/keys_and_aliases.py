"""A model with a string primary key and a field stored under another name."""

from __future__ import annotations

import asyncio
import uuid

from pydantic import Field

from directus_orm import Directus, DirectusConfig, DirectusModel
from directus_orm.testing import DirectusServer, LocalDirectus


# --8<-- [start:model]
class Country(DirectusModel):
    """A country keyed by its ISO code."""

    model_config = DirectusConfig(
        collection=f"docs_countries_{uuid.uuid4().hex[:8]}",
        primary_key="code",  # the default is "id"
    )

    code: str
    name: str
    # Stored as "population_millions" in Directus, `population` in Python.
    population: float | None = Field(default=None, alias="population_millions")


# --8<-- [end:model]


async def main(server: DirectusServer) -> dict[str, object]:
    """Create the collection from the model, write by code and read it back."""
    async with Directus(server.url, token=server.token) as directus:
        collection = Country.model_config["collection"]
        directus.bind(Country)
        await directus.schema.create_collection(Country)
        try:
            # --8<-- [start:example]
            await Country.objects.create(code="PT", name="Portugal", population=10.4)
            portugal = await Country.objects.get("PT")
            print(portugal.pk, portugal.population)  # PT 10.4

            rows = await directus.collection(collection).read()
            print(rows.items)
            # [{'code': 'PT', 'name': 'Portugal', 'population_millions': 10.4}]

            big = Country.objects.filter(population__gt=5)  # Python name or alias
            print([c.name for c in await big])  # ['Portugal']
            # --8<-- [end:example]
            return {
                "pk": portugal.pk,
                "rows": rows.items,
                "big": [c.name for c in await big],
            }
        finally:
            await directus.collections.delete(collection)


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
