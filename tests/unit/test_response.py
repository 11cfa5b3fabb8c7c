from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest
from pydantic import BaseModel, Field

from directus_orm import Directus, DirectusConfig, DirectusModel, DirectusResponse


class User(BaseModel):
    id: str
    first_name: str | None = None


class Article(DirectusModel):
    model_config = DirectusConfig(collection="articles")

    id: int | None = None
    title: str
    published_on: datetime.date | None = Field(default=None, alias="publish_date")


ROWS: list[dict[str, Any]] = [
    {"id": "u1", "first_name": "John"},
    {"id": "u2", "first_name": "Jane"},
]


def test_empty_response() -> None:
    response: DirectusResponse[dict[str, Any]] = DirectusResponse([])
    assert response.items == []
    assert response.item is None
    assert response.items_as_dict() == []
    assert response.item_as_dict() is None
    assert response.items_as(User) == []
    assert response.item_as(User) is None
    assert response.meta == {}
    assert response.total_count is None
    assert response.filter_count is None


def test_items_and_item() -> None:
    response = DirectusResponse(ROWS)
    assert response.items == ROWS
    assert response.item == ROWS[0]


def test_items_is_a_copy() -> None:
    response = DirectusResponse(list(ROWS))
    response.items.append({"id": "u3"})
    response.items.clear()
    assert len(response.items) == 2


def test_single_read_item() -> None:
    response = DirectusResponse([ROWS[1]], single=True)
    assert response.item == ROWS[1]
    assert response.items == [ROWS[1]]


def test_items_as_parses_dicts_into_a_model() -> None:
    response = DirectusResponse(ROWS)
    users = response.items_as(User)
    assert users == [User(id="u1", first_name="John"), User(id="u2", first_name="Jane")]
    assert response.item_as(User) == User(id="u1", first_name="John")


def test_item_as_keeps_an_instance_of_that_model() -> None:
    user = User(id="u1")
    assert DirectusResponse([user]).item_as(User) is user


def test_items_as_converts_models_into_another_model() -> None:
    article = Article(id=1, title="Alpha", publish_date=datetime.date(2024, 2, 29))

    class Summary(BaseModel):
        id: int
        title: str

    assert DirectusResponse([article]).items_as(Summary) == [
        Summary(id=1, title="Alpha")
    ]


def test_as_dict_of_dict_rows() -> None:
    response = DirectusResponse(ROWS)
    assert response.items_as_dict() == ROWS
    assert response.item_as_dict() == ROWS[0]
    first = response.item_as_dict()
    assert first is not None
    first["first_name"] = "changed"
    assert response.item == {"id": "u1", "first_name": "John"}


def test_as_dict_of_models_is_json_ready_and_uses_directus_names() -> None:
    article = Article(id=1, title="Alpha", publish_date=datetime.date(2024, 2, 29))
    response = DirectusResponse([article])
    expected = {"id": 1, "title": "Alpha", "publish_date": "2024-02-29"}
    assert response.item_as_dict() == expected
    assert response.items_as_dict() == [expected]


@pytest.mark.parametrize(
    ("meta", "total", "filtered"),
    [
        pytest.param({"total_count": 12, "filter_count": 3}, 12, 3, id="ints"),
        pytest.param({"total_count": "12", "filter_count": "3"}, 12, 3, id="strings"),
        pytest.param({"total_count": 0, "filter_count": "0"}, 0, 0, id="zero"),
        pytest.param({"filter_count": 3}, None, 3, id="only-filter"),
        pytest.param({}, None, None, id="absent"),
        pytest.param({"total_count": None}, None, None, id="null"),
        pytest.param({"total_count": True}, None, None, id="bool"),
        pytest.param({"total_count": "many"}, None, None, id="garbage"),
        pytest.param({"total_count": "-1"}, None, None, id="negative-string"),
    ],
)
def test_counts(meta: dict[str, Any], total: int | None, filtered: int | None) -> None:
    response: DirectusResponse[Any] = DirectusResponse([], meta)
    assert response.total_count == total
    assert response.filter_count == filtered


def test_meta_is_a_copy() -> None:
    response: DirectusResponse[Any] = DirectusResponse([], {"filter_count": 3})
    response.meta["filter_count"] = 99
    assert response.filter_count == 3


async def test_read_returns_the_counts_of_the_answer() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.params["meta"] == "total_count,filter_count"
        return httpx.Response(
            200,
            json={"data": ROWS, "meta": {"total_count": "40", "filter_count": "2"}},
        )

    async with Directus(
        "http://directus.test", token="t", transport=httpx.MockTransport(answer)
    ) as directus:
        response = await directus.collection("directus_users").include_count().read()
    assert response.items == ROWS
    assert response.total_count == 40
    assert response.filter_count == 2
    assert response.items_as(User)[1].first_name == "Jane"


async def test_read_of_a_model_collection_gives_models() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        row = {"id": 1, "title": "Alpha", "publish_date": "2024-02-29"}
        return httpx.Response(200, json={"data": row})

    async with Directus(
        "http://directus.test", token="t", transport=httpx.MockTransport(answer)
    ) as directus:
        response = await directus.collection(Article).read(1)
    assert isinstance(response.item, Article)
    assert response.item.published_on == datetime.date(2024, 2, 29)
    assert response.item_as_dict() == {
        "id": 1,
        "title": "Alpha",
        "publish_date": "2024-02-29",
    }
