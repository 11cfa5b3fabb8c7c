"""Reliability on the real server: expiring tokens, restarts, load, no secrets."""

from __future__ import annotations

import asyncio
import logging
import random
import time
import uuid
from collections import Counter
from typing import Any

import httpx
import pytest

from directus_orm import (
    Directus,
    OutcomeUnknownError,
    RetryPolicy,
    TransportError,
)
from directus_orm.testing import ServerFactory
from tests.integration.conftest import field, pk_field

pytestmark = pytest.mark.integration

PATIENT = RetryPolicy(attempts=40, backoff=0.2, max_backoff=1.0, total=60.0)
"""Rides out a restart (about 3 s) with room to spare."""


def recording_connection(seen: list[httpx.Request], **kwargs: Any) -> httpx.AsyncClient:
    async def record(request: httpx.Request) -> None:
        seen.append(request)

    return httpx.AsyncClient(event_hooks={"request": [record]}, **kwargs)


async def make_table(url: str, token: str, prefix: str) -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    async with httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {token}"}
    ) as admin:
        response = await admin.post(
            "/collections",
            json={"collection": name, "schema": {}, "meta": {},
                  "fields": [pk_field(), field("n", "integer", is_unique=True),
                             field("label", "string")]},
        )  # fmt: skip
        assert response.status_code == 200, response.text
    return name


async def server_rows(url: str, token: str, name: str) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {token}"}
    ) as admin:
        response = await admin.get(f"/items/{name}", params={"limit": "-1"})
        assert response.status_code == 200, response.text
        rows: list[dict[str, Any]] = response.json()["data"]
        return rows


async def test_expiring_tokens_with_20_concurrent_tasks(
    directus_server_factory: ServerFactory,
) -> None:
    ttl = 3.0
    server = directus_server_factory({"ACCESS_TOKEN_TTL": f"{int(ttl)}s"}).server
    seen: list[httpx.Request] = []
    errors: list[BaseException] = []
    reads = 0
    async with recording_connection(seen) as connection:
        directus = await Directus(
            server.url, server.email, server.password, connection=connection
        )
        deadline = time.monotonic() + 3 * ttl

        async def worker() -> None:
            nonlocal reads
            while time.monotonic() < deadline:
                try:
                    me = await directus.me()
                    assert me["email"] == server.email
                    reads += 1
                except Exception as exc:
                    errors.append(exc)
                await asyncio.sleep(random.uniform(0, 0.05))

        await asyncio.gather(*(worker() for _ in range(20)))
        await directus.logout()
    assert errors == []
    assert reads > 200
    refreshes = sum(1 for r in seen if r.url.path == "/auth/refresh")
    # One refresh per token lifetime (refreshed a little before expiry).
    assert 2 <= refreshes <= 5
    logins = sum(1 for r in seen if r.url.path == "/auth/login")
    assert logins == 1


async def test_server_killed_and_restarted_during_work(
    directus_server_factory: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    local = directus_server_factory()
    server = local.server
    name = await make_table(server.url, server.token, "restart")
    created: list[int] = []
    unknown: list[int] = []
    failed: list[int] = []
    read_errors: list[BaseException] = []
    async with Directus(server.url, token=server.token, retry=PATIENT) as directus:
        items = directus.collection(name)

        async def writer() -> None:
            for n in range(120):
                try:
                    await items.create({"n": n, "label": f"item {n}"})
                    created.append(n)
                except OutcomeUnknownError:
                    unknown.append(n)
                except TransportError:
                    failed.append(n)
                await asyncio.sleep(0.01)

        async def reader() -> None:
            for _ in range(150):
                try:
                    await items.filter(n__gte=0).limit(5).read()
                except Exception as exc:
                    read_errors.append(exc)
                await asyncio.sleep(0.01)

        async def chaos() -> None:
            await asyncio.sleep(0.4)
            local.kill()
            await asyncio.to_thread(local.restart)

        with caplog.at_level(logging.WARNING, logger="directus_orm"):
            await asyncio.gather(writer(), reader(), reader(), chaos())
    assert "retry" in caplog.text  # the kill happened while work was going on
    assert read_errors == []  # idempotent work rode out the restart
    rows = await server_rows(server.url, server.token, name)
    stored = Counter(row["n"] for row in rows)
    assert all(count == 1 for count in stored.values())  # nothing duplicated
    assert set(created) <= set(stored)  # nothing reported as written was lost
    assert set(stored) <= set(created) | set(unknown)  # nothing written unreported
    assert len(created) + len(unknown) + len(failed) == 120  # every write reported


async def test_load_2000_operations_50_tasks_bounded_pool(
    directus_server_factory: ServerFactory,
) -> None:
    server = directus_server_factory().server
    name = await make_table(server.url, server.token, "load")
    limits = httpx.Limits(max_connections=10, max_keepalive_connections=10)
    expected: dict[int, str] = {}
    async with httpx.AsyncClient(limits=limits, timeout=60) as connection:
        directus = Directus(server.url, token=server.token, connection=connection)
        items = directus.collection(name)
        counter = iter(range(10**6))

        async def task(seed: int) -> None:
            rng = random.Random(seed)
            mine: list[tuple[int, int]] = []  # (id, n)
            for _ in range(40):
                op = rng.random()
                if op < 0.4 or not mine:
                    n = next(counter)
                    row = await items.create({"n": n, "label": "new"})
                    mine.append((row["id"], n))
                    expected[n] = "new"
                elif op < 0.7:
                    key, n = rng.choice(mine)
                    got = await items.read(key)
                    assert got.item is not None
                    assert got.item["n"] == n
                elif op < 0.9:
                    key, n = rng.choice(mine)
                    label = f"upd-{rng.randrange(1000)}"
                    await items.update(key, {"label": label})
                    expected[n] = label
                else:
                    key, n = mine.pop(rng.randrange(len(mine)))
                    assert await items.delete(key) == 1
                    expected.pop(n)

        await asyncio.gather(*(task(seed) for seed in range(50)))
        pool = connection._transport._pool  # type: ignore[attr-defined]
        assert len(pool.connections) <= 10
    rows = await server_rows(server.url, server.token, name)
    assert {row["n"]: row["label"] for row in rows} == expected


async def test_no_secret_in_logs_or_reprs(
    directus_server_factory: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    server = directus_server_factory({"ACCESS_TOKEN_TTL": "2s"}).server
    secrets: list[str] = [server.password, server.token]
    texts: list[str] = []
    with caplog.at_level(logging.DEBUG):
        async with Directus(server.url, server.email, server.password) as directus:
            assert directus._auth.tokens is not None
            secrets.append(directus._auth.tokens.access.get_secret_value())
            assert directus._auth.tokens.refresh is not None
            secrets.append(directus._auth.tokens.refresh.get_secret_value())
            await asyncio.sleep(2.2)
            await directus.me()  # refreshes
            tokens = directus._auth.tokens
            assert tokens.refresh is not None
            secrets += [
                tokens.access.get_secret_value(),
                tokens.refresh.get_secret_value(),
            ]
            texts += [repr(directus), str(directus), repr(tokens), repr(directus._auth)]
            try:
                await directus.collection("nope").read()
            except Exception as exc:
                texts += [str(exc), repr(exc)]
        async with Directus(server.url, token=server.token) as static:
            texts += [repr(static), repr(server)]
    texts.append(caplog.text)
    assert "refreshed the access token" in caplog.text
    for secret in secrets:
        assert all(secret not in text for text in texts)
