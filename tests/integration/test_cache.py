"""The cheat sheet's start_cache() on the real server."""

from __future__ import annotations

import httpx
import pytest

from directus_orm import Directus
from directus_orm.testing import DirectusServer

pytestmark = pytest.mark.integration


async def test_start_cache_serves_reads_until_this_client_writes(
    directus_server: DirectusServer, products: str, admin_http: httpx.AsyncClient
) -> None:
    async with Directus(
        directus_server.url, directus_server.email, directus_server.password
    ) as directus:
        await directus.login()  # as in the cheat sheet: a second login is harmless
        await directus.start_cache()
        query = directus.collection(products).filter(name="apple")
        assert (await query.read()).items[0]["price"] == 1.5
        await admin_http.patch(f"/items/{products}/1", json={"price": 9.0})
        assert (await query.read()).items[0]["price"] == 1.5  # from the cache
        await directus.collection(products).update(2, {"stock": 1})  # our write
        assert (await query.read()).items[0]["price"] == 9.0  # read again
