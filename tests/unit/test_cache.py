from __future__ import annotations

import json
import time

import httpx

from directus_orm import Directus
from directus_orm._cache import ResponseCache

URL = "http://directus.test"


def counting() -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "GET":
            return httpx.Response(200, json={"data": [{"id": len(seen)}]})
        return httpx.Response(200, json={"data": json.loads(request.content)})

    return httpx.MockTransport(handle), seen


async def test_reads_are_cached_until_a_write() -> None:
    transport, seen = counting()
    async with Directus(URL, token="t", transport=transport) as directus:
        items = directus.collection("items")
        await directus.start_cache(ttl=60)
        first = await items.filter(id=1).read()
        again = await items.filter(id=1).read()
        assert again.items == first.items
        assert len(seen) == 1
        other = await items.filter(id=2).read()  # another query: not cached
        assert other.items != first.items
        await items.create({"name": "x"})  # clears the cache
        fresh = await items.filter(id=1).read()
        assert fresh.items != first.items
        assert [r.method for r in seen] == ["GET", "GET", "POST", "GET"]
        await directus.stop_cache()
        await items.filter(id=1).read()
        await items.filter(id=1).read()
        assert len(seen) == 6


async def test_without_start_cache_every_read_is_sent() -> None:
    transport, seen = counting()
    async with Directus(URL, token="t", transport=transport) as directus:
        await directus.collection("items").read()
        await directus.collection("items").read()
    assert len(seen) == 2


def test_entries_expire_and_the_oldest_goes_first() -> None:
    cache = ResponseCache(ttl=0.05, max_entries=2)
    cache.put("a", {"data": 1})
    cache.put("b", {"data": 2})
    cache.put("c", {"data": 3})
    assert cache.get("a") is None
    assert cache.get("c") == {"data": 3}
    time.sleep(0.06)
    assert cache.get("c") is None
