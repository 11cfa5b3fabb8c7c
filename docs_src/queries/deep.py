"""``deep``: filter, sort and limit the related items of each result."""

from __future__ import annotations

import asyncio

from directus_orm import Directus
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.library import Author, Book, library


async def main(server: DirectusServer) -> dict[str, list[str]]:
    """Read each author with their latest book only."""
    async with Directus(server.url, token=server.token) as directus, library(directus):
        # --8<-- [start:example]
        latest = (
            Author.objects.fields("name", "books.title", "books.year")
            .deep({"books": {"_sort": ["-year"], "_limit": 1}})
            .sort("name")
        )
        found = {}
        for author in await latest:
            found[author.name] = [
                b.title for b in author.books or [] if isinstance(b, Book)
            ]
        print(found)  # {'Ada': ['Notes on the Engine'], 'Mary': ['The Last Man']}
        # --8<-- [end:example]
        return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
