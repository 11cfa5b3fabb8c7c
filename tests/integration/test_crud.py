"""Create, update and delete through the query object, checked on the server."""

from __future__ import annotations

import httpx
import pytest

from directus_orm import (
    Directus,
    DoesNotExist,
    F,
    FailedValidationError,
    InvalidPayloadError,
    RecordNotUniqueError,
    UsageError,
)
from tests.integration.conftest import (
    MakeCollection,
    field,
    pk_field,
    product_model,
    rows,
)

pytestmark = pytest.mark.integration


async def test_create_dict_and_list(
    directus: Directus, products: str, admin_http: httpx.AsyncClient
) -> None:
    query = directus.collection(products)
    one = await query.create({"name": "grape", "price": 4.0})
    assert one["id"] == 7
    assert one["name"] == "grape"
    many = await query.create([{"name": "kiwi"}, {"name": "lime", "stock": 3}])
    assert [item["name"] for item in many] == ["kiwi", "lime"]
    stored = await rows(admin_http, products)
    assert [row["name"] for row in stored][-3:] == ["grape", "kiwi", "lime"]
    assert stored[-1]["stock"] == 3


async def test_create_with_models(
    directus: Directus, products: str, admin_http: httpx.AsyncClient
) -> None:
    model = product_model(products)
    created = await directus.collection(model).create(model(name="grape", price=2.0))
    assert isinstance(created, model)
    assert created.id == 7
    batch = await directus.collection(model).create(
        [model(name="kiwi"), model(name="lime", stock=1)]
    )
    assert [item.id for item in batch] == [8, 9]
    # A model passed to a name-based query is sent as its set fields.
    plain = await directus.collection(products).create(model(name="mango"))
    assert plain["name"] == "mango"
    stored = await rows(admin_http, products, filter='{"id":{"_gte":7}}')
    assert [(r["name"], r["price"], r["stock"]) for r in stored] == [
        ("grape", 2.0, None),
        ("kiwi", 0.0, None),
        ("lime", 0.0, 1),
        ("mango", 0.0, None),
    ]


async def test_update_one_and_many(
    directus: Directus, products: str, admin_http: httpx.AsyncClient
) -> None:
    query = directus.collection(products)
    updated = await query.update(1, {"price": 9.5})
    assert updated["price"] == 9.5
    same = await query.update([2, 3], {"stock": 50})
    assert sorted(item["id"] for item in same) == [2, 3]
    different = await query.update(
        [4, 5], [{"price": 40.0}, {"price": 50.0, "stock": 5}]
    )
    assert sorted(item["id"] for item in different) == [4, 5]
    stored = {row["id"]: row for row in await rows(admin_http, products)}
    assert stored[1]["price"] == 9.5
    assert stored[2]["stock"] == stored[3]["stock"] == 50
    assert (stored[4]["price"], stored[5]["price"], stored[5]["stock"]) == (40, 50, 5)
    assert stored[6]["price"] == 3.0  # untouched


async def test_update_with_a_model(
    directus: Directus, products: str, admin_http: httpx.AsyncClient
) -> None:
    model = product_model(products)
    await directus.collection(products).update(1, model(name="apple", price=7.0))
    assert (await rows(admin_http, products))[0]["price"] == 7.0


async def test_update_by_filter_touches_all_matching_rows(
    directus: Directus, products: str, admin_http: httpx.AsyncClient
) -> None:
    query = directus.collection(products)
    await query.create([{"name": f"bulk{i}", "category": "bulk"} for i in range(150)])
    changed = await query.filter(category="bulk").update({"stock": 1})
    assert len(changed) == 150  # the server's default limit of 100 does not apply
    await query.filter(category="fruit").update(price=1.0)
    stored = await rows(admin_http, products)
    assert sum(1 for row in stored if row["stock"] == 1) == 150
    assert {row["price"] for row in stored if row["category"] == "fruit"} == {1.0}


async def test_update_of_missing_item_raises(
    directus: Directus, products: str, admin_http: httpx.AsyncClient
) -> None:
    query = directus.collection(products)
    with pytest.raises(DoesNotExist):
        await query.update(999, {"price": 1.0})
    with pytest.raises(DoesNotExist, match="998"):
        await query.update([1, 998], {"stock": 99})
    stored = await rows(admin_http, products)
    assert len(stored) == 6  # the server created nothing for the missing keys


async def test_unfiltered_update_and_delete_are_refused(
    directus: Directus, products: str, admin_http: httpx.AsyncClient
) -> None:
    query = directus.collection(products)
    with pytest.raises(UsageError, match="all_items=True"):
        await query.update({"stock": 0})
    with pytest.raises(UsageError, match="all_items=True"):
        await query.delete()
    # A raw filter of empty groups selects every row on the server: no filter either.
    empty = query.filter(F({"_or": [{"_and": []}, {"_and": [{"_or": []}]}]}))
    assert len(await empty.all()) == 6
    with pytest.raises(UsageError, match="all_items=True"):
        await empty.update({"stock": 0})
    with pytest.raises(UsageError, match="all_items=True"):
        await empty.delete()
    assert [row["stock"] for row in await rows(admin_http, products)] == [
        10, 0, None, 2, 0, 7
    ]  # fmt: skip
    await query.update({"stock": 0}, all_items=True)
    assert {row["stock"] for row in await rows(admin_http, products)} == {0}
    assert await query.delete(all_items=True) == 6
    assert await rows(admin_http, products) == []


async def test_delete_one_many_and_by_filter(
    directus: Directus, products: str, admin_http: httpx.AsyncClient
) -> None:
    query = directus.collection(products)
    assert await query.delete(1) == 1
    assert await query.delete([2, 3, 777]) == 2
    assert await query.filter(category="veg").delete() == 1  # fennel; carrot is gone
    assert [row["name"] for row in await rows(admin_http, products)] == [
        "durian",
        "eggplant",
    ]
    with pytest.raises(DoesNotExist):
        await query.delete(1)


async def test_write_errors_change_nothing(
    directus: Directus, products: str, admin_http: httpx.AsyncClient
) -> None:
    query = directus.collection(products)
    with pytest.raises(RecordNotUniqueError) as duplicate:
        await query.create([{"name": "new"}, {"name": "apple"}])
    assert duplicate.value.status_code == 400
    assert duplicate.value.extensions["field"] == "name"
    with pytest.raises(FailedValidationError):
        await query.create({"name": None})
    assert len(await rows(admin_http, products)) == 6


async def test_bulk_create_cuts_batches_under_the_server_body_limit(
    directus: Directus, make_collection: MakeCollection, admin_http: httpx.AsyncClient
) -> None:
    name = await make_collection("big", [pk_field(), field("body", "text")])
    bodies = [f"{i:04d}" + "x" * 5000 for i in range(250)]  # 1.25 MB of JSON
    query = directus.collection(name)
    # In one request the server refuses the whole body and stores nothing ...
    with pytest.raises(InvalidPayloadError, match="too large"):
        await query.bulk_create([{"body": b} for b in bodies], batch_size=250)
    assert await rows(admin_http, name) == []
    # ... by default the batches stay under its limit.
    made = await query.bulk_create([{"body": b} for b in bodies])
    assert [row["body"] for row in made] == bodies
    assert [row["body"] for row in await rows(admin_http, name)] == bodies
