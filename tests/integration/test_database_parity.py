"""Name-based results hold the same Python values on SQLite and PostgreSQL.

A PostgreSQL-backed Directus sends bigInteger and decimal values (also keys, nested
items, ``min``/``max`` and group keys) as JSON strings; a SQLite-backed one sends
numbers. The library makes them numbers on both (``directus_orm._numbers``). Each
test runs on the database of ``DIRECTUS_TEST_DB``; the PostgreSQL run is the one
that needs the conversion, and it checks that the raw server really sent strings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from directus_orm import Directus
from tests.integration.conftest import MakeCollection, field, pk_field, rows

pytestmark = pytest.mark.integration

ON_POSTGRES = os.environ.get("DIRECTUS_TEST_DB", "sqlite").strip().lower() == "postgres"
BIG = 2**40 + 7


@dataclass(frozen=True)
class Schema:
    owners: str
    things: str


@pytest.fixture
async def schema(
    admin_http: httpx.AsyncClient, make_collection: MakeCollection
) -> Schema:
    """``owners`` (bigInteger keys) and ``things`` (an m2o to owners, alias back)."""
    owners = await make_collection(
        "owners",
        [
            {
                "field": "id",
                "type": "bigInteger",
                "meta": {},
                "schema": {"is_primary_key": True, "has_auto_increment": False},
            },
            field("label", "string"),
            field("worth", "decimal", numeric_precision=12, numeric_scale=2),
        ],
    )
    things = await make_collection(
        "things",
        [
            pk_field(),
            field("n", "bigInteger"),
            field("d", "decimal", numeric_precision=10, numeric_scale=2),
            field("x", "float"),
            field("i", "integer"),
            field("s", "string"),
            {"field": "owner", "type": "bigInteger", "meta": {"special": ["m2o"]},
             "schema": {}},
        ],
    )  # fmt: skip
    response = await admin_http.post(
        f"/fields/{owners}",
        json={"field": "things", "type": "alias", "meta": {"special": ["o2m"]}},
    )
    assert response.status_code == 200, response.text
    response = await admin_http.post(
        "/relations",
        json={"collection": things, "field": "owner", "related_collection": owners,
              "meta": {"one_field": "things"}, "schema": {"on_delete": "SET NULL"}},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    response = await admin_http.post(
        f"/items/{owners}",
        json=[{"id": BIG, "label": "big", "worth": "1234.50"},
              {"id": 3, "label": "small", "worth": "0.25"}],
    )  # fmt: skip
    assert response.status_code == 200, response.text
    response = await admin_http.post(
        f"/items/{things}",
        json=[
            {"n": BIG, "d": "12.30", "x": 0.5, "i": 7, "s": "123", "owner": BIG},
            {"n": -5, "d": "-0.75", "x": 2.25, "i": -1, "s": "-4.5", "owner": 3},
            {"n": None, "d": None, "x": None, "i": None, "s": None, "owner": None},
        ],
    )
    assert response.status_code == 200, response.text
    return Schema(owners, things)


async def test_raw_server_sends_strings_only_on_postgres(
    schema: Schema, admin_http: httpx.AsyncClient
) -> None:
    """What the conversion is for: the raw JSON differs between the databases."""
    raw = await rows(admin_http, schema.things)
    assert isinstance(raw[0]["n"], str) is ON_POSTGRES
    assert isinstance(raw[0]["d"], str) is ON_POSTGRES
    assert isinstance(raw[0]["owner"], str) is ON_POSTGRES


async def test_rows_by_name_hold_numbers(schema: Schema, directus: Directus) -> None:
    found = await directus.collection(schema.things).sort("id").all()
    assert [_plain(row) for row in found] == [
        {"n": BIG, "d": 12.3, "x": 0.5, "i": 7, "s": "123", "owner": BIG},
        {"n": -5, "d": -0.75, "x": 2.25, "i": -1, "s": "-4.5", "owner": 3},
        {"n": None, "d": None, "x": None, "i": None, "s": None, "owner": None},
    ]
    assert [type(row["n"]) for row in found[:2]] == [int, int]
    assert [type(row["d"]) for row in found[:2]] == [float, float]
    assert [type(row["owner"]) for row in found[:2]] == [int, int]


async def test_nested_items_and_keys_hold_numbers(
    schema: Schema, directus: Directus
) -> None:
    things = directus.collection(schema.things)
    nested = await things.fields("id", "owner.*").sort("id").limit(2).all()
    assert [row["owner"] for row in nested] == [
        {"id": BIG, "label": "big", "worth": 1234.5, "things": [nested[0]["id"]]},
        {"id": 3, "label": "small", "worth": 0.25, "things": [nested[1]["id"]]},
    ]
    owners = directus.collection(schema.owners)
    back = await owners.fields("id", "things.n", "things.d").sort("id").all()
    assert back == [
        {"id": 3, "things": [{"n": -5, "d": -0.75}]},
        {"id": BIG, "things": [{"n": BIG, "d": 12.3}]},
    ]
    one = (await owners.read(BIG)).item
    assert one is not None
    assert (one["id"], one["worth"]) == (BIG, 1234.5)


async def test_aggregates_and_group_keys_hold_numbers(
    schema: Schema, directus: Directus
) -> None:
    things = directus.collection(schema.things)
    totals = await things.aggregate(
        min="n,d", max="n,d", sum="n", count="*", avg="x"
    ).all()
    assert totals == [
        {
            "min": {"n": -5, "d": -0.75},
            "max": {"n": BIG, "d": 12.3},
            "sum": {"n": BIG - 5},
            "count": 3,
            "avg": {"x": 1.375},
        }
    ]
    grouped = await things.aggregate(count="*").group_by("owner").all()
    assert sorted(grouped, key=lambda row: (row["owner"] is None, row["owner"])) == [
        {"owner": 3, "count": 1},
        {"owner": BIG, "count": 1},
        {"owner": None, "count": 1},
    ]


async def test_writes_by_name_return_numbers(
    schema: Schema, directus: Directus, admin_http: httpx.AsyncClient
) -> None:
    things = directus.collection(schema.things)
    created = await things.create({"n": BIG + 1, "d": "3.10", "s": "77"})
    assert (created["n"], created["d"], created["s"]) == (BIG + 1, 3.1, "77")
    updated = await things.update(created["id"], {"n": -(BIG + 1)})
    assert updated["n"] == -(BIG + 1)
    stored = await rows(admin_http, schema.things)
    assert int(stored[-1]["n"]) == -(BIG + 1)


def _plain(row: Any) -> dict[str, Any]:
    return {key: row[key] for key in ("n", "d", "x", "i", "s", "owner")}
