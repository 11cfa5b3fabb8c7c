"""Name-based results get numbers where a PostgreSQL-backed server sends strings."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from directus_orm import Directus

URL = "http://directus.test"
FORBIDDEN = "You don't have permission to access this."  # Directus 12.3.1's 403

FIELDS = [
    {"collection": "t", "field": "id", "type": "bigInteger",
     "schema": {"is_primary_key": True}},
    {"collection": "t", "field": "n", "type": "bigInteger"},
    {"collection": "t", "field": "d", "type": "decimal"},
    {"collection": "t", "field": "s", "type": "string"},
    {"collection": "t", "field": "j", "type": "json"},
    {"collection": "t", "field": "o", "type": "bigInteger"},
    {"collection": "o", "field": "id", "type": "bigInteger",
     "schema": {"is_primary_key": True}},
    {"collection": "o", "field": "w", "type": "decimal"},
    {"collection": "o", "field": "ts", "type": "alias"},
    {"collection": "m", "field": "item", "type": "string"},
    {"collection": "m", "field": "collection", "type": "string"},
]  # fmt: skip
RELATIONS = [
    {"collection": "t", "field": "o", "related_collection": "o",
     "meta": {"one_field": "ts"}},
    {"collection": "m", "field": "item", "related_collection": None,
     "meta": {"one_collection_field": "collection", "one_allowed_collections": ["o"]}},
]  # fmt: skip


class Server:
    """Answers like a PostgreSQL-backed Directus; counts schema reads."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path == "/fields":
            return httpx.Response(200, json={"data": FIELDS})
        if request.url.path == "/relations":
            return httpx.Response(200, json={"data": RELATIONS})
        if "aggregate[min]" in request.url.params:
            return httpx.Response(
                200,
                json={"data": [{"o": "7", "min": {"n": "-3", "s": "12"},
                                "sum": {"n": "9"}, "count": "2"}]},
            )  # fmt: skip
        return httpx.Response(200, json={"data": self.rows})


def _using(server: Server) -> Directus:
    return Directus(URL, token="static-token", transport=httpx.MockTransport(server))


async def test_strings_of_numeric_fields_become_numbers() -> None:
    server = Server(
        [{"id": "9007199254740993", "n": "-12", "d": "12.30", "s": "5", "j": {"k": "1"},
          "o": {"id": "4", "w": "0.50", "ts": ["9007199254740993"]}}]
    )  # fmt: skip
    async with _using(server) as directus:
        found = await directus.collection("t").all()
        again = await directus.collection("t").all()
    assert found == again == [
        {"id": 9007199254740993, "n": -12, "d": 12.3, "s": "5", "j": {"k": "1"},
         "o": {"id": 4, "w": 0.5, "ts": [9007199254740993]}}
    ]  # fmt: skip
    assert type(found[0]["d"]) is float
    # The schema is read once per client, not per query.
    assert server.paths.count("/fields") == server.paths.count("/relations") == 1


async def test_many_to_any_items_follow_their_collection_field() -> None:
    server = Server([{"item": {"id": "8", "w": "1.5"}, "collection": "o"}])
    async with _using(server) as directus:
        found = await directus.collection("m").all()
    assert found == [{"item": {"id": 8, "w": 1.5}, "collection": "o"}]


async def test_no_schema_read_without_numeric_strings() -> None:
    # What a SQLite-backed server sends: the result is used as it is.
    server = Server([{"id": 1, "n": 2, "d": 12.3, "s": "five", "o": None}])
    async with _using(server) as directus:
        found = await directus.collection("t").all()
    assert found == [{"id": 1, "n": 2, "d": 12.3, "s": "five", "o": None}]
    assert server.paths == ["/items/t"]


async def test_aggregates_min_max_and_group_keys() -> None:
    server = Server([])
    async with _using(server) as directus:
        found = (
            await directus.collection("t")
            .aggregate(min="n,s", sum="n", count="*")
            .group_by("o")
            .all()
        )
    assert found == [{"o": 7, "min": {"n": -3, "s": "12"}, "sum": {"n": 9}, "count": 2}]


async def test_schema_forgotten_after_a_schema_change() -> None:
    server = Server([{"id": "1", "n": "2"}])
    async with _using(server) as directus:
        await directus.collection("t").all()
        directus.schema.forget("t")
        await directus.collection("t").all()
    assert server.paths.count("/fields") == 2


async def test_forbidden_schema_leaves_results_as_sent() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path in ("/fields", "/relations"):
            return httpx.Response(
                403, json={"errors": [{"message": FORBIDDEN, "extensions": {
                    "code": "FORBIDDEN"}}]},
            )  # fmt: skip
        return httpx.Response(200, json={"data": [{"id": "1", "n": "2"}]})

    async with Directus(
        URL, token="static-token", transport=httpx.MockTransport(answer)
    ) as directus:
        assert await directus.collection("t").all() == [{"id": "1", "n": "2"}]


class FailingSchema(Server):
    """As ``Server``, but ``/fields`` answers 500; POST creates answer strings."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path == "/fields":
            error = {
                "message": "An unexpected error occurred.",
                "extensions": {"code": "INTERNAL_SERVER_ERROR"},
            }
            return httpx.Response(500, json={"errors": [error]})
        return httpx.Response(200, json={"data": self.rows})


async def test_a_write_never_fails_because_the_schema_cannot_be_read() -> None:
    # The POST committed: an error from the schema read would make the caller retry
    # (and duplicate the row). The numbers stay as sent; the next read tries again.
    server = FailingSchema([{"id": "1", "n": "2"}])
    async with _using(server) as directus:
        created = await directus.collection("t").create({"n": 2})
        assert created == {"id": "1", "n": "2"}
        await directus.collection("t").all()
    assert server.paths.count("/fields") == 2


async def test_concurrent_reads_build_the_schema_once() -> None:
    server = Server([{"id": "1", "n": "2"}])
    async with _using(server) as directus:
        found = await asyncio.gather(
            *(directus.collection("t").all() for _ in range(5))
        )
    assert found == [[{"id": 1, "n": 2}]] * 5
    assert server.paths.count("/fields") == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/relations"), ("PATCH", "/fields/t/n"), ("DELETE", "/collections/x")],
)
async def test_schema_writes_forget_what_was_learnt(method: str, path: str) -> None:
    server = Server([{"id": "1", "n": "2"}])
    async with _using(server) as directus:
        await directus.collection("t").all()
        await directus.request(method, path, json_body={})
        await directus.request("GET", "/relations")  # a read forgets nothing
        await directus.collection("t").all()
    assert server.paths.count("/fields") == 2


async def test_copies_with_other_options_share_what_was_learnt() -> None:
    server = Server([{"id": "1", "n": "2"}])
    async with _using(server) as directus:
        await directus.collection("t").all()
        quick = directus.with_options(timeout=5)
        assert await quick.collection("t").all() == [{"id": 1, "n": 2}]
        await quick.request("POST", "/fields/t", json_body={})
        await directus.collection("t").all()
    assert server.paths.count("/fields") == 2
