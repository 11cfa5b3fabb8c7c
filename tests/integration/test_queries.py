"""Name-based queries (the py_directus cheat sheet calls) against the real server."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from directus_orm import (
    Agg,
    AggregationOperators,
    Directus,
    F,
    ForbiddenError,
    InvalidQueryError,
    QueryError,
)
from tests.integration.conftest import PRODUCT_ROWS

pytestmark = pytest.mark.integration


def names(items: list[Any]) -> list[str]:
    return [item["name"] for item in items]


async def test_read_returns_every_row_as_dicts(
    directus: Directus, products: str
) -> None:
    response = await directus.collection(products).sort("id").read()
    assert names(response.items) == [row["name"] for row in PRODUCT_ROWS]
    assert response.item == response.items[0]
    assert response.item_as_dict() == response.items[0]


async def test_empty_result_is_an_empty_list(directus: Directus, products: str) -> None:
    response = await directus.collection(products).filter(name="nothing").read()
    assert response.items == []
    assert response.item is None


async def test_chained_filters_are_and(directus: Directus, products: str) -> None:
    response = (
        await directus.collection(products)
        .filter(category="fruit")
        .filter(price__gte=1)
        .sort("name")
        .read()
    )
    assert names(response.items) == ["apple", "durian"]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        pytest.param(F(category="veg") | F(price__gt=10),
                     {"carrot", "fennel", "durian"}, id="or"),
        pytest.param((F(category="fruit") | F(category="veg")) & F(stock=0), {"banana"},
                     id="and-or"),
        pytest.param(~F(category="fruit"), {"carrot", "fennel"}, id="not-eq"),
        pytest.param(~(F(category="fruit") & F(stock__gt=0)),
                     {"banana", "carrot", "eggplant", "fennel"}, id="de-morgan"),
        pytest.param(~F(price__between=[1, 3]), {"banana", "carrot", "durian"},
                     id="not-between"),
        pytest.param(F(name__in=["apple", "fennel"]), {"apple", "fennel"}, id="in"),
        pytest.param(~F(name__in=["apple", "fennel"]),
                     {"banana", "carrot", "durian", "eggplant"}, id="nin"),
        pytest.param(F(stock=None), {"carrot"}, id="null"),
        pytest.param(~F(stock=None),
                     {"apple", "banana", "durian", "eggplant", "fennel"}, id="nnull"),
        pytest.param(F(name__starts_with="d") | F(name__ends_with="t"),
                     {"durian", "carrot", "eggplant"}, id="starts-ends"),
        pytest.param(F(name__icontains="AN"), {"banana", "durian", "eggplant"},
                     id="icontains"),
        pytest.param(~F(name__contains="an"), {"apple", "carrot", "fennel"},
                     id="ncontains"),
        pytest.param(F(category__nempty=True),
                     {"apple", "banana", "carrot", "durian", "fennel"}, id="nempty"),
        pytest.param(F({"price": {"_lt": 1}}), {"banana", "carrot"}, id="raw-dict"),
        pytest.param(~F({"price": {"_lt": 1}}),
                     {"apple", "durian", "eggplant", "fennel"}, id="raw-dict-negated"),
    ],
)  # fmt: skip
async def test_f_objects_select_what_the_predicate_says(
    directus: Directus, products: str, condition: F, expected: set[str]
) -> None:
    response = await directus.collection(products).filter(condition).read()
    assert set(names(response.items)) == expected


async def test_exclude_is_filter_of_negation(directus: Directus, products: str) -> None:
    excluded = await directus.collection(products).exclude(stock=0).read()
    # carrot has stock NULL: it matches neither stock=0 nor its negation.
    assert set(names(excluded.items)) == {"apple", "durian", "fennel"}


async def test_sort_limit_offset_page(directus: Directus, products: str) -> None:
    query = directus.collection(products)
    by_price = await query.sort("price", asc=False).limit(2).read()
    assert names(by_price.items) == ["durian", "fennel"]
    # Where NULLs sort depends on the database (SQLite: lowest; PostgreSQL:
    # highest), so the NULL category is left out of these two.
    known = query.filter(category__nnull=True)
    mixed = await known.sort("-category", "name").read()
    assert names(mixed.items) == ["carrot", "fennel", "apple", "banana", "durian"]
    chained = await known.sort("category", asc=True).sort("price", asc=False).read()
    assert names(chained.items) == ["durian", "apple", "banana", "fennel", "carrot"]
    second = await query.sort("name").limit(2).offset(2).read()
    assert names(second.items) == ["carrot", "durian"]
    page = await query.sort("name").limit(2).page(3).read()
    assert names(page.items) == ["eggplant", "fennel"]


async def test_search_fields_and_counts(directus: Directus, products: str) -> None:
    query = directus.collection(products)
    found = await query.search("ana").read()
    assert names(found.items) == ["banana"]
    slim = await query.fields("name", "price").sort("id").limit(1).read()
    assert slim.item == {"name": "apple", "price": 1.5}
    counted = await query.filter(category="veg").include_count().limit(1).read()
    assert counted.total_count == len(PRODUCT_ROWS)
    assert counted.filter_count == 2
    assert len(counted.items) == 1


async def test_alias_reads_a_field_under_another_name(
    directus: Directus, products: str
) -> None:
    response = (
        await directus.collection(products)
        .alias({"label": "name"})
        .fields("id", "label")
        .sort("id")
        .limit(1)
        .read()
    )
    assert response.item == {"id": 1, "label": "apple"}


async def test_read_one_by_primary_key(directus: Directus, products: str) -> None:
    response = await directus.collection(products).read(3)
    assert response.item is not None
    assert response.item["name"] == "carrot"
    assert response.items == [response.item]


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        pytest.param(lambda q: q.aggregate(), [{"count": 6}], id="default-count"),
        pytest.param(lambda q: q.aggregate(count="*"), [{"count": 6}], id="count-star"),
        pytest.param(lambda q: q.aggregate(count="stock"), [{"count": {"stock": 5}}],
                     id="count-field"),
        pytest.param(lambda q: q.aggregate(countDistinct="category")
                                .aggregate(sum="stock"),
                     [{"countDistinct": {"category": 2}, "sum": {"stock": 19}}],
                     id="chained"),
        pytest.param(lambda q: q.aggregate(Agg(operator=AggregationOperators.Sum,
                                               fields="stock")),
                     [{"sum": {"stock": 19}}], id="agg-object"),
        pytest.param(lambda q: q.aggregate(Agg(operator=AggregationOperators.Count)),
                     [{"count": 6}], id="agg-count-all-rows"),
        pytest.param(lambda q: q.aggregate(max="price", min="price"),
                     [{"max": {"price": 12.0}, "min": {"price": 0.5}}], id="min-max"),
    ],
)  # fmt: skip
async def test_aggregates(
    directus: Directus, products: str, build: Any, expected: list[dict[str, Any]]
) -> None:
    response = await build(directus.collection(products)).read()
    assert response.items == expected


async def test_group_by(directus: Directus, products: str) -> None:
    response = (
        await directus.collection(products)
        .aggregate(count="*")
        .aggregate(sum="stock")
        .group_by("category")
        .read()
    )
    assert sorted(response.items, key=lambda row: str(row["category"])) == [
        {"category": None, "count": 1, "sum": {"stock": 0}},
        {"category": "fruit", "count": 3, "sum": {"stock": 12}},
        {"category": "veg", "count": 2, "sum": {"stock": 7}},
    ]  # numbers as numbers on PostgreSQL too (it sends counts and sums as strings)


async def test_count_all_is_graphql_only(directus: Directus, products: str) -> None:
    with pytest.raises(QueryError, match="GraphQL"):
        directus.collection(products).aggregate(
            Agg(operator=AggregationOperators.CountAll)
        )


async def test_long_query_goes_as_search(directus: Directus, products: str) -> None:
    wanted = list(range(1, 6000))
    query = directus.collection(products).filter(id__in=wanted).sort("id")
    assert len(str(query.params())) > 23_000  # the server answers 431 to this as GET
    response = await query.read()
    assert len(response.items) == len(PRODUCT_ROWS)


async def test_deep_limits_nested_rows(
    directus: Directus, make_collection: Any, admin_http: httpx.AsyncClient
) -> None:
    from tests.integration.conftest import add_m2o, field, pk_field

    authors = await make_collection("authors", [pk_field(), field("name", "string")])
    books = await make_collection("books", [pk_field(), field("title", "string")])
    await add_m2o(admin_http, books, "author", authors, one_field="books")
    await admin_http.post(f"/items/{authors}", json=[{"name": "Ada"}, {"name": "Bob"}])
    await admin_http.post(
        f"/items/{books}",
        json=[{"title": t, "author": 1} for t in ("a", "b", "c")]
        + [{"title": "d", "author": 2}],
    )
    response = (
        await directus.collection(authors)
        .fields("name", "books.title")
        .deep({"books": {"_sort": ["-title"], "_limit": 2}})
        .sort("id")
        .read()
    )
    assert response.items == [
        {"name": "Ada", "books": [{"title": "c"}, {"title": "b"}]},
        {"name": "Bob", "books": [{"title": "d"}]},
    ]
    relational = await directus.collection(books).filter(author__name="Bob").read()
    assert [item["title"] for item in relational.items] == ["d"]
    some = await directus.collection(authors).filter(books__some__title="b").read()
    assert [item["name"] for item in some.items] == ["Ada"]
    none = await directus.collection(authors).exclude(books__some__title="b").read()
    assert [item["name"] for item in none.items] == ["Bob"]


async def test_system_collection_by_name(directus: Directus) -> None:
    response = await directus.collection("directus_users").fields("email").read()
    assert "admin@example.com" in [item["email"] for item in response.items]


async def test_server_errors_are_typed(directus: Directus, products: str) -> None:
    with pytest.raises(ForbiddenError) as missing:
        await directus.collection("no_such_collection").read()
    assert missing.value.status_code == 403
    assert missing.value.code == "FORBIDDEN"
    with pytest.raises(InvalidQueryError, match="numeric"):
        await directus.collection(products).filter({"stock": {"_eq": "abc"}}).read()
