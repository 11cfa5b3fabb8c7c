"""Writes touch and report every row on a server with QUERY_LIMIT_MAX.

Directus caps ``limit=-1`` at QUERY_LIMIT_MAX without a word: a batch POST or PATCH
lists only that many rows in its answer, and a filtered PATCH or a key search even
*touches* only that many. The client asks for every row with an explicit limit,
which such a server refuses before writing, naming its maximum; it then works in
chunks of that size.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from directus_orm import Directus, DirectusConfig, DirectusModel
from directus_orm.testing import DirectusServer
from tests.integration.conftest import field, pk_field

pytestmark = pytest.mark.integration

LIMIT = 50


@pytest.fixture(scope="module")
def capped(directus_server_factory: Any) -> DirectusServer:
    server: DirectusServer = directus_server_factory(
        {"QUERY_LIMIT_MAX": str(LIMIT)}
    ).server
    return server


@pytest.fixture
async def admin(capped: DirectusServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=capped.url,
        headers={"Authorization": f"Bearer {capped.token}"},
        timeout=30,
    ) as client:
        yield client


@pytest.fixture
async def collection(admin: httpx.AsyncClient) -> AsyncIterator[str]:
    name = f"capped_{uuid.uuid4().hex[:8]}"
    response = await admin.post(
        "/collections",
        json={"collection": name, "meta": {}, "schema": {},
              "fields": [pk_field(), field("n", "integer"), field("tag", "string")]},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    yield name
    await admin.delete(f"/collections/{name}")


async def stored(admin: httpx.AsyncClient, name: str) -> list[dict[str, Any]]:
    """Every row, read page by page (the server caps each read at LIMIT)."""
    found: list[dict[str, Any]] = []
    while True:
        params = {"limit": str(LIMIT), "offset": str(len(found)), "sort": "id"}
        page = (await admin.get(f"/items/{name}", params=params)).json()["data"]
        found.extend(page)
        if len(page) < LIMIT:
            return found


async def test_the_server_cuts_writes_at_its_limit(
    admin: httpx.AsyncClient, collection: str
) -> None:
    """What the client works around, shown on the raw server."""
    created = await admin.post(
        f"/items/{collection}",
        params={"limit": "-1"},
        json=[{"n": i} for i in range(80)],
    )
    assert len(created.json()["data"]) == LIMIT  # 80 created, 50 listed
    patched = await admin.patch(
        f"/items/{collection}",
        params={"limit": "-1"},
        json={
            "query": {"filter": {"n": {"_gte": 0}}, "limit": -1},
            "data": {"tag": "x"},
        },
    )
    assert patched.status_code == 200
    assert sum(row["tag"] == "x" for row in await stored(admin, collection)) == LIMIT


async def test_writes_by_name_touch_every_row(
    capped: DirectusServer, admin: httpx.AsyncClient, collection: str
) -> None:
    async with Directus(capped.url, token=capped.token) as directus:
        query = directus.collection(collection)
        created = await query.create([{"n": i} for i in range(120)])
        assert [row["n"] for row in created] == list(range(120))
        keys = [row["id"] for row in created]
        assert len(set(keys)) == 120

        updated = await query.filter(n__gte=10).update({"tag": "filtered"})
        assert len(updated) == 110
        rows = await stored(admin, collection)
        assert [row["tag"] for row in rows] == [None] * 10 + ["filtered"] * 110

        by_keys = await query.update(keys[:70], {"tag": "keys"})
        assert sorted(row["id"] for row in by_keys) == sorted(keys[:70])
        rows = await stored(admin, collection)
        assert [row["tag"] for row in rows] == ["keys"] * 70 + ["filtered"] * 50

        assert await query.filter(n__lt=100).delete() == 100
        assert [row["n"] for row in await stored(admin, collection)] == list(
            range(100, 120)
        )


async def test_models_get_every_key_back(
    capped: DirectusServer, admin: httpx.AsyncClient, collection: str
) -> None:
    class Row(DirectusModel):
        model_config = DirectusConfig(collection=collection)
        id: int | None = None
        n: int
        tag: str | None = None

    async with Directus(capped.url, token=capped.token) as directus:
        made = await Row.objects.using(directus).bulk_create(
            [Row(n=i) for i in range(130)]
        )
        assert all(row.id is not None for row in made)
        assert sorted(row.id for row in made if row.id) == [
            row["id"] for row in await stored(admin, collection)
        ]
        for row in made:
            row.tag = f"t{row.n}"
        assert await Row.objects.using(directus).bulk_update(made, ["tag"]) == 130
        rows = await stored(admin, collection)
        assert [row["tag"] for row in rows] == [f"t{i}" for i in range(130)]
        made[0].tag = "saved"
        await made[0].save()  # a known key: PATCH, not a second POST
        assert len(await stored(admin, collection)) == 130
