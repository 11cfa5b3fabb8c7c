"""Authors and books: the related collections of the relation and ``deep`` examples.

:func:`library` creates both collections with the Collections, Fields and Relations
APIs (a many-to-one ``book.author`` and its one-to-many side ``author.books``), adds
a few rows, and drops both at the end. Names are unique per run.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from directus_orm import Directus, DirectusConfig, DirectusModel
from directus_orm.schema import FieldInfo, FieldSchema

_SUFFIX = uuid.uuid4().hex[:8]
AUTHORS = f"docs_authors_{_SUFFIX}"
BOOKS = f"docs_books_{_SUFFIX}"


# --8<-- [start:models]
class Author(DirectusModel):
    """A writer; ``books`` is the one-to-many side of ``Book.author``."""

    model_config = DirectusConfig(collection=AUTHORS)

    id: int | None = None
    name: str
    books: list[int | Book] | None = None  # keys, or Books when expanded


class Book(DirectusModel):
    """A book, with a many-to-one ``author``."""

    model_config = DirectusConfig(collection=BOOKS)

    id: int | None = None
    title: str
    year: int | None = None
    author: int | Author | None = None  # a key, or an Author when expanded


Author.model_rebuild()  # Author refers to Book, defined after it
# --8<-- [end:models]


@asynccontextmanager
async def library(directus: Directus) -> AsyncIterator[None]:
    """Create authors and books, add rows, and drop both collections at the end."""
    # --8<-- [start:schema]
    key = FieldSchema(is_primary_key=True, has_auto_increment=True)
    await directus.collections.create(
        AUTHORS,
        fields=[
            FieldInfo(collection=AUTHORS, field="id", type="integer", schema=key),
            FieldInfo(collection=AUTHORS, field="name", type="string"),
        ],
    )
    await directus.collections.create(
        BOOKS,
        fields=[
            FieldInfo(collection=BOOKS, field="id", type="integer", schema=key),
            FieldInfo(collection=BOOKS, field="title", type="string"),
            FieldInfo(collection=BOOKS, field="year", type="integer"),
        ],
    )
    await directus.fields.create(BOOKS, "author", "integer", meta={"special": ["m2o"]})
    await directus.fields.create(AUTHORS, "books", "alias", meta={"special": ["o2m"]})
    await directus.relations.create(
        BOOKS, "author", AUTHORS, meta={"one_field": "books"}
    )
    # --8<-- [end:schema]
    try:
        directus.bind(Author, Book)
        ada, mary = await Author.objects.create([{"name": "Ada"}, {"name": "Mary"}])
        await Book.objects.create(
            [
                {"title": "Notes on the Engine", "year": 1843, "author": ada.id},
                {"title": "Frankenstein", "year": 1818, "author": mary.id},
                {"title": "The Last Man", "year": 1826, "author": mary.id},
                {"title": "Anonymous Pamphlet", "year": 1900},
            ]
        )
        yield
    finally:
        await directus.collections.delete(BOOKS)
        await directus.collections.delete(AUTHORS)
