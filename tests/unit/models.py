"""Models shared by the unit tests."""

from __future__ import annotations

from directus_orm import DirectusConfig, DirectusModel


class Author(DirectusModel):
    model_config = DirectusConfig(collection="authors")

    id: int | None = None
    name: str


class Product(DirectusModel):
    model_config = DirectusConfig(collection="products")

    id: int | None = None
    name: str
    price: float
    stock: int | None = None
    author: int | Author | None = None
    tags: list[int] | None = None
    on_sale: bool = False


class Tag(DirectusModel):
    model_config = DirectusConfig(collection="tags")

    id: int | None = None
    name: str


class Article(DirectusModel):
    model_config = DirectusConfig(collection="articles")

    id: int | None = None
    title: str
    tags: list[Tag] | None = None
