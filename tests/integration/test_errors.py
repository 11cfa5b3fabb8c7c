"""Each Directus error code, produced by the real server, arrives as its class."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from directus_orm import (
    NO_RETRY,
    Directus,
    InternalServerError,
    InvalidForeignKeyError,
    InvalidPayloadError,
    RateLimitedError,
    TokenExpiredError,
)
from directus_orm._exceptions import raise_for_response
from directus_orm.testing import DirectusServer, ServerFactory
from tests.integration.conftest import MakeCollection, add_m2o, field, pk_field, rows

pytestmark = pytest.mark.integration


async def test_invalid_foreign_key(
    directus: Directus, make_collection: MakeCollection, admin_http: httpx.AsyncClient
) -> None:
    authors = await make_collection("authors", [pk_field(), field("name", "string")])
    books = await make_collection("books", [pk_field(), field("title", "string")])
    await add_m2o(admin_http, books, "author", authors)
    with pytest.raises(InvalidForeignKeyError) as caught:
        await directus.collection(books).create({"title": "x", "author": 9999})
    assert caught.value.code == "INVALID_FOREIGN_KEY"
    assert await rows(admin_http, books) == []


async def test_invalid_payload(directus: Directus) -> None:
    with pytest.raises(InvalidPayloadError) as caught:
        await directus.request(
            "POST", "/auth/login", json_body={"email": "not-an-email"}
        )
    assert caught.value.status_code == 400


async def test_internal_server_error(
    directus: Directus, make_collection: MakeCollection
) -> None:
    # Without SpatiaLite or PostGIS the database has no geometry functions: SQLite
    # fails every read of a geometry column with a 500, PostgreSQL the creation.
    name = await make_collection("geo", [pk_field()])

    async def add_and_read() -> None:
        await directus.fields.create(name, field="where", type="geometry.Point")
        await directus.collection(name).read()

    with pytest.raises(InternalServerError) as caught:
        await add_and_read()
    assert caught.value.status_code == 500


async def test_expired_token_is_refreshed_once(
    directus_server_factory: ServerFactory,
) -> None:
    server: DirectusServer = directus_server_factory({"ACCESS_TOKEN_TTL": "2s"}).server
    async with Directus(server.url, email=server.email, password=server.password) as d:
        assert d._auth.tokens is not None
        old_access = d._auth.tokens.access.get_secret_value()
        await asyncio.sleep(2.5)
        async with httpx.AsyncClient(base_url=server.url) as raw:
            expired = await raw.get(
                "/users/me", headers={"Authorization": f"Bearer {old_access}"}
            )
        with pytest.raises(TokenExpiredError):
            raise_for_response(expired)
        results = await asyncio.gather(*(d.me() for _ in range(10)))
        assert {me["email"] for me in results} == {server.email}
        assert d._auth.tokens.access.get_secret_value() != old_access


async def test_rate_limited(directus_server_factory: ServerFactory) -> None:
    server = directus_server_factory(
        {
            "RATE_LIMITER_ENABLED": "true",
            "RATE_LIMITER_STORE": "memory",
            "RATE_LIMITER_POINTS": "5",
            "RATE_LIMITER_DURATION": "1",
        }
    ).server
    await asyncio.sleep(1.1)  # the readiness probe spent points of this window
    async with Directus(server.url, token=server.token, retry=NO_RETRY) as directus:
        results = await asyncio.gather(
            *(directus.me() for _ in range(10)), return_exceptions=True
        )
    limited = [r for r in results if isinstance(r, RateLimitedError)]
    assert len(limited) >= 5  # 5 points per window; the rest are refused
    assert all(not isinstance(r, BaseException) for r in results if r not in limited)
    assert limited[0].status_code == 429
    assert limited[0].code == "REQUESTS_EXCEEDED"
    assert limited[0].retry_after is not None
    assert limited[0].retry_after >= 1
    # With the default policy the same burst succeeds: 429s wait Retry-After.
    await asyncio.sleep(1.1)
    async with Directus(server.url, token=server.token) as directus:
        burst = await asyncio.gather(*(directus.me() for _ in range(20)))
    assert len(burst) == 20
