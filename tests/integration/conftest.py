"""Fixtures for tests against the real Directus server of directus_orm.testing.

Every test makes its own uniquely named collections and drops them afterwards, so
tests do not depend on each other. Server state is checked with a plain httpx client
(``admin_http``), not only through the library under test.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from directus_orm import Directus, DirectusConfig, DirectusModel
from directus_orm.testing import DirectusServer

Schema = list[dict[str, Any]]
MakeCollection = Callable[..., Awaitable[str]]


def pk_field(kind: str = "integer") -> dict[str, Any]:
    """Return the field definition of a primary key."""
    if kind == "integer":
        return {
            "field": "id",
            "type": "integer",
            "meta": {"hidden": True, "readonly": True},
            "schema": {"is_primary_key": True, "has_auto_increment": True},
        }
    if kind == "uuid":
        return {
            "field": "id",
            "type": "uuid",
            "meta": {"special": ["uuid"], "hidden": True, "readonly": True},
            "schema": {
                "is_primary_key": True,
                "length": 36,
                "has_auto_increment": False,
            },
        }
    return {
        "field": "code",
        "type": "string",
        "meta": {},
        "schema": {"is_primary_key": True, "has_auto_increment": False},
    }


def field(name: str, kind: str, **schema: Any) -> dict[str, Any]:
    """Return a plain field definition."""
    meta: dict[str, Any] = {}
    if kind == "boolean":
        meta["special"] = ["cast-boolean"]
    if kind == "json":
        meta["special"] = ["cast-json"]
    if kind == "csv":
        meta["special"] = ["cast-csv"]
    return {"field": name, "type": kind, "meta": meta, "schema": schema}


@pytest.fixture
async def admin_http(
    directus_server: DirectusServer,
) -> AsyncIterator[httpx.AsyncClient]:
    """A raw httpx client with the admin token: the test's view of the server."""
    async with httpx.AsyncClient(
        base_url=directus_server.url,
        headers={"Authorization": f"Bearer {directus_server.token}"},
        timeout=30,
    ) as client:
        yield client


@pytest.fixture
async def directus(directus_server: DirectusServer) -> AsyncIterator[Directus]:
    """The library's client, as the admin, with a static token."""
    async with Directus(directus_server.url, token=directus_server.token) as client:
        yield client


@pytest.fixture
async def make_collection(
    admin_http: httpx.AsyncClient,
) -> AsyncIterator[MakeCollection]:
    """Create uniquely named collections; drop them after the test."""
    created: list[str] = []

    async def make(prefix: str, fields: Schema, **meta: Any) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        response = await admin_http.post(
            "/collections",
            json={"collection": name, "meta": meta, "schema": {}, "fields": fields},
        )
        assert response.status_code == 200, response.text
        created.append(name)
        return name

    yield make
    for name in reversed(created):
        await admin_http.delete(f"/collections/{name}")


async def add_m2o(
    admin_http: httpx.AsyncClient,
    collection: str,
    field_name: str,
    related: str,
    one_field: str | None = None,
) -> None:
    """Add a many-to-one field (and the one-to-many alias on the other side)."""
    response = await admin_http.post(
        f"/fields/{collection}",
        json={"field": field_name, "type": "integer", "meta": {"special": ["m2o"]},
              "schema": {}},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    if one_field:
        response = await admin_http.post(
            f"/fields/{related}",
            json={"field": one_field, "type": "alias", "meta": {"special": ["o2m"]}},
        )
        assert response.status_code == 200, response.text
    response = await admin_http.post(
        "/relations",
        json={
            "collection": collection,
            "field": field_name,
            "related_collection": related,
            "meta": {"one_field": one_field},
            "schema": {"on_delete": "SET NULL"},
        },
    )
    assert response.status_code == 200, response.text


async def rows(
    admin_http: httpx.AsyncClient, collection: str, **params: str
) -> list[Any]:
    """Read every row of ``collection`` straight from the server, sorted by id."""
    query = {"limit": "-1", "sort": "id", **params}
    response = await admin_http.get(f"/items/{collection}", params=query)
    assert response.status_code == 200, response.text
    data: list[Any] = response.json()["data"]
    return data


PRODUCT_FIELDS: Schema = [
    pk_field(),
    field("name", "string", max_length=100, is_nullable=False, is_unique=True),
    field("price", "float"),
    field("stock", "integer", is_nullable=True),
    field("category", "string", is_nullable=True),
    field("tags", "csv"),
]

PRODUCT_ROWS: list[dict[str, Any]] = [
    {"name": "apple", "price": 1.5, "stock": 10, "category": "fruit", "tags": ["red"]},
    {"name": "banana", "price": 0.5, "stock": 0, "category": "fruit", "tags": []},
    {"name": "carrot", "price": 0.8, "stock": None, "category": "veg", "tags": ["x"]},
    {"name": "durian", "price": 12.0, "stock": 2, "category": "fruit", "tags": None},
    {"name": "eggplant", "price": 2.25, "stock": 0, "category": None, "tags": None},
    {"name": "fennel", "price": 3.0, "stock": 7, "category": "veg", "tags": ["green"]},
]


@pytest.fixture
async def products(
    make_collection: MakeCollection, admin_http: httpx.AsyncClient
) -> str:
    """A seeded products collection; returns its name."""
    name = await make_collection("products", PRODUCT_FIELDS)
    response = await admin_http.post(f"/items/{name}", json=PRODUCT_ROWS)
    assert response.status_code == 200, response.text
    return name


class Product(DirectusModel):
    """The model of ``PRODUCT_FIELDS``; ``product_model`` aims it at a collection."""

    model_config = DirectusConfig(collection="placeholder")

    id: int | None = None
    name: str
    price: float = 0.0
    stock: int | None = None
    category: str | None = None
    tags: list[str] | None = None


def product_model(collection: str) -> type[Product]:
    """Return a Product subclass for this test's collection."""
    return type(
        "Product",
        (Product,),
        {"model_config": DirectusConfig(collection=collection), "__module__": __name__},
    )
