"""Relations: many-to-one and one-to-many fields as keys or as expanded models."""

from __future__ import annotations

import asyncio

from directus_orm import Directus
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.library import Author, Book, library


async def main(server: DirectusServer) -> dict[str, object]:
    """Read, write and filter across the authors ↔ books relation."""
    found: dict[str, object] = {}
    async with Directus(server.url, token=server.token) as directus, library(directus):
        # --8<-- [start:many_to_one]
        book = await Book.objects.get(title="Frankenstein")
        print(book.author)  # 2: a related item is its key unless you ask for more

        book = await Book.objects.fields("*", "author.*").get(title="Frankenstein")
        assert isinstance(book.author, Author)
        print(book.author.name)  # Mary

        ada = await Author.objects.get(name="Ada")
        book.author = ada  # a model or a key; either is sent as the key
        print(book.changed_fields)  # {'author'}
        await book.save()  # PATCH {"author": 1}
        # --8<-- [end:many_to_one]
        found["moved_to"] = (await Book.objects.get(title="Frankenstein")).author

        # --8<-- [start:one_to_many]
        mary = await Author.objects.get(name="Mary")
        print(mary.books)  # [3]: keys of the books whose author is Mary

        with_books = await Author.objects.fields("name", "books.title").get(name="Ada")
        print(sorted(b.title for b in with_books.books or [] if isinstance(b, Book)))
        # ['Frankenstein', 'Notes on the Engine']
        # --8<-- [end:one_to_many]
        found["mary_books"] = mary.books
        found["ada_titles"] = sorted(
            b.title for b in with_books.books or [] if isinstance(b, Book)
        )

        # --8<-- [start:filter]
        # Follow a relation with __: a many-to-one field...
        by_ada = Book.objects.filter(author__name="Ada").sort("year")
        print([b.title for b in await by_ada])
        # ['Frankenstein', 'Notes on the Engine']

        # ...or a one-to-many field, with some (any related item) or none.
        old = Author.objects.filter(books__some__year__lt=1830).sort("name")
        print([a.name for a in await old])  # ['Ada', 'Mary']
        modern = Author.objects.filter(books__none__year__gt=1830)
        print([a.name for a in await modern])  # ['Mary']
        orphans = Book.objects.filter(author=None)
        print([b.title for b in await orphans])  # ['Anonymous Pamphlet']
        # --8<-- [end:filter]
        found["by_ada"] = [b.title for b in await by_ada]
        found["old"] = [a.name for a in await old]
        found["modern"] = [a.name for a in await modern]
        found["orphans"] = [b.title for b in await orphans]
    return found


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
