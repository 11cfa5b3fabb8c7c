"""Quickstart: a model, a collection, and the four CRUD operations on a real server.

Run it with ``python -m docs_src.quickstart.first_steps``: it starts a throw-away local
Directus, runs ``main`` against it and stops it.
"""

from __future__ import annotations

import asyncio
import uuid

from directus_orm import Directus, DirectusConfig, DirectusModel, F
from directus_orm.testing import DirectusServer, LocalDirectus


# --8<-- [start:model]
class Book(DirectusModel):
    """A book; ``model_config`` names its Directus collection."""

    model_config = DirectusConfig(collection=f"books_{uuid.uuid4().hex[:8]}")

    id: int | None = None  # set by the server on create
    title: str
    year: int | None = None
    rating: float = 0.0


# --8<-- [end:model]


async def main(server: DirectusServer) -> dict[str, object]:
    """Create a collection, write and read books, then drop the collection."""
    # --8<-- [start:connect]
    async with Directus(server.url, token=server.token) as directus:
        directus.bind(Book)  # Book.objects now talks to this server
        await directus.schema.create_collection(Book)
        # --8<-- [end:connect]
        try:
            # --8<-- [start:crud]
            dune = await Book.objects.create(title="Dune", year=1965, rating=4.5)
            await Book.objects.create(
                [
                    {"title": "Neuromancer", "year": 1984, "rating": 4.1},
                    {"title": "Hyperion", "year": 1989, "rating": 4.3},
                    {"title": "Snow Crash", "year": 1992},
                ]
            )

            classics = await Book.objects.filter(year__lt=1990).sort("year").all()
            print([book.title for book in classics])
            # ['Dune', 'Neuromancer', 'Hyperion']

            dune.rating = 4.7
            await dune.save()  # sends PATCH {"rating": 4.7}: only what changed

            unrated = Book.objects.filter(F(rating=0) | F(year=None))
            print(await unrated.count())  # 1
            await unrated.delete()

            top = await Book.objects.sort("-rating").first()
            print(top)
            # id=1 title='Dune' year=1965 rating=4.7
            # --8<-- [end:crud]
            return {
                "classics": [book.title for book in classics],
                "top": top,
                "left": [book.title for book in await Book.objects.sort("id").all()],
            }
        finally:
            await directus.collections.delete(Book.model_config["collection"])


# --8<-- [start:run]
if __name__ == "__main__":
    with LocalDirectus() as local:  # a throw-away server, stopped at the end
        asyncio.run(main(local.server))
# --8<-- [end:run]
