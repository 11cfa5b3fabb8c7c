"""RetryPolicy and the client's retries, against a scripted fake transport."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import httpx
import pytest

from directus_orm import (
    Directus,
    OutcomeUnknownError,
    PartialWriteError,
    RateLimitedError,
    RecordNotUniqueError,
    RetryPolicy,
    ServiceUnavailableError,
    TransportError,
)

URL = "http://directus.test"
TOKEN = "static-secret-token"
FAST = RetryPolicy(attempts=4, backoff=0.0, jitter=0.0)
Step = Callable[[httpx.Request], httpx.Response]


def script(*steps: Step | int) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A transport answering each request with the next step (status or callable)."""
    seen: list[httpx.Request] = []
    queue = list(steps)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        step = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(step, int):
            if step == 200:
                body = json.loads(request.content) if request.content else [{"id": 1}]
                return httpx.Response(200, json={"data": body})
            if step == 429:
                return httpx.Response(
                    429,
                    headers={"Retry-After": "0"},
                    json={"errors": [{"message": "Too many requests",
                                      "extensions": {"code": "REQUESTS_EXCEEDED"}}]},
                )  # fmt: skip
            return httpx.Response(step, text="<html>bad gateway</html>")
        return step(request)

    return httpx.MockTransport(handle), seen


def cut(request: httpx.Request) -> httpx.Response:
    raise httpx.RemoteProtocolError("server disconnected", request=request)


def refused(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def client(transport: httpx.MockTransport, policy: RetryPolicy = FAST) -> Directus:
    return Directus(URL, token=TOKEN, transport=transport, retry=policy)


async def test_reads_ride_out_502_503_504() -> None:
    transport, seen = script(502, 503, 504, 200)
    async with client(transport) as directus:
        response = await directus.collection("items").read()
    assert response.items == [{"id": 1}]
    assert len(seen) == 4


async def test_reads_retry_a_cut_connection() -> None:
    transport, seen = script(cut, 200)
    async with client(transport) as directus:
        await directus.collection("items").read()
    assert len(seen) == 2


async def test_attempts_are_bounded() -> None:
    transport, seen = script(503)
    async with client(transport) as directus:
        with pytest.raises(ServiceUnavailableError):
            await directus.collection("items").read()
    assert len(seen) == FAST.attempts


async def test_total_time_is_bounded() -> None:
    transport, seen = script(503)
    policy = RetryPolicy(attempts=50, backoff=0.05, jitter=0.0, total=0.2)
    async with client(transport, policy) as directus:
        with pytest.raises(ServiceUnavailableError):
            await directus.collection("items").read()
    assert 2 <= len(seen) < 10


async def test_a_create_is_never_repeated_after_a_502() -> None:
    transport, seen = script(502, 200)
    async with client(transport) as directus:
        with pytest.raises(OutcomeUnknownError) as caught:
            await directus.collection("items").create({"name": "x"})
    assert len(seen) == 1
    assert caught.value.payload == [{"name": "x"}]
    assert isinstance(caught.value.__cause__, ServiceUnavailableError)


async def test_a_create_cut_mid_way_has_an_unknown_outcome() -> None:
    transport, seen = script(cut, 200)
    async with client(transport) as directus:
        with pytest.raises(OutcomeUnknownError) as caught:
            await directus.collection("items").create([{"name": "a"}, {"name": "b"}])
    assert len(seen) == 1
    assert caught.value.payload == [{"name": "a"}, {"name": "b"}]
    assert isinstance(caught.value.__cause__, TransportError)


async def test_a_create_that_never_left_is_sent_again() -> None:
    transport, seen = script(refused, 200)
    async with client(transport) as directus:
        created = await directus.collection("items").create({"name": "x"})
    assert created == {"name": "x"}
    assert [r.method for r in seen] == ["POST", "POST"]


async def test_429_waits_and_retries_any_method() -> None:
    transport, seen = script(429, 429, 200)
    async with client(transport) as directus:
        await directus.collection("items").create({"name": "x"})
    assert [r.method for r in seen] == ["POST"] * 3


async def test_429_with_a_long_retry_after_raises() -> None:
    def long_wait(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429,
            headers={"Retry-After": "600"},
            json={"errors": [{"message": "slow down",
                              "extensions": {"code": "REQUESTS_EXCEEDED"}}]},
        )  # fmt: skip

    transport, seen = script(long_wait)
    async with client(transport) as directus:
        with pytest.raises(RateLimitedError) as caught:
            await directus.collection("items").read()
    assert len(seen) == 1
    assert caught.value.retry_after == 600


async def test_updates_by_key_are_idempotent_and_retried() -> None:
    transport, seen = script(502, 200)
    async with client(transport) as directus:
        updated = await directus.collection("items").update(1, {"name": "y"})
    assert updated == {"name": "y"}
    assert [r.method for r in seen] == ["PATCH", "PATCH"]


async def test_retries_are_logged_without_secrets(
    caplog: pytest.LogCaptureFixture,
) -> None:
    transport, _ = script(503, 200)
    with caplog.at_level(logging.WARNING, logger="directus_orm"):
        async with client(transport) as directus:
            await directus.collection("items").read()
    (record,) = caplog.records
    assert "503" in record.getMessage()
    assert "/items/items" in record.getMessage()
    assert TOKEN not in caplog.text


async def test_bulk_create_reports_what_was_committed() -> None:
    def duplicate(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            400,
            json={"errors": [{"message": "duplicate",
                              "extensions": {"code": "RECORD_NOT_UNIQUE"}}]},
        )  # fmt: skip

    transport, seen = script(200, duplicate)
    items = [{"name": f"n{i}"} for i in range(5)]
    async with client(transport) as directus:
        with pytest.raises(PartialWriteError) as caught:
            await directus.collection("items").bulk_create(items, batch_size=2)
    assert caught.value.committed == items[:2]
    assert caught.value.failed == items[2:]
    assert caught.value.unknown is False
    assert isinstance(caught.value.__cause__, RecordNotUniqueError)
    assert len(seen) == 2


def test_policy_waits() -> None:
    policy = RetryPolicy(backoff=0.5, max_backoff=3.0, jitter=0.0)
    assert [policy.wait(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert policy.wait(1, retry_after=7) == 7
    assert policy.wait(1, retry_after=1000) == policy.max_retry_after
    jittered = RetryPolicy(backoff=1.0, jitter=0.5)
    assert all(0.5 <= jittered.wait(1) <= 1.0 for _ in range(50))
    with pytest.raises(ValueError, match="attempts"):
        RetryPolicy(attempts=0)
