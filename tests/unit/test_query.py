from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from directus_orm import (
    Agg,
    AggregationOperators,
    Directus,
    DirectusConfig,
    DoesNotExist,
    F,
    FieldError,
    Manager,
    QueryError,
    QuerySet,
    UsageError,
)
from tests.unit.models import Product

URL = "http://directus.test"
JSON_PARAMS = ("filter", "deep", "alias")


ROW = {"id": 1, "name": "pen", "price": 1.5}


def _answer(request: httpx.Request) -> httpx.Response:
    params = request.url.params
    if "aggregate[count]" in params:
        return httpx.Response(200, json={"data": [{"count": "1"}]})
    return httpx.Response(200, json={"data": [ROW], "meta": {"filter_count": 1}})


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return _answer(request)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def directus(recorder: Recorder) -> AsyncIterator[Directus]:
    client = Directus(
        URL, token="static-token", transport=httpx.MockTransport(recorder)
    )
    yield client
    await client.close()


def decoded(params: dict[str, str]) -> dict[str, object]:
    """Params with the JSON-valued ones parsed, so tests don't pin whitespace."""
    return {
        key: json.loads(value) if key in JSON_PARAMS else value
        for key, value in params.items()
    }


# -- builders: the params they produce -------------------------------------------------

Builder = Callable[[Any], Any]

PARAM_CASES = [
    pytest.param(lambda qs: qs, {}, id="nothing"),
    pytest.param(lambda qs: qs.sort("price"), {"sort": "price"}, id="sort"),
    pytest.param(
        lambda qs: qs.sort("price", asc=False), {"sort": "-price"}, id="sort-desc"
    ),
    pytest.param(
        lambda qs: qs.sort("-price", "name"), {"sort": "-price,name"}, id="sort-minus"
    ),
    pytest.param(
        lambda qs: qs.sort("price", asc=True).sort("name", asc=False),
        {"sort": "price,-name"},
        id="sort-chained",
    ),
    pytest.param(
        lambda qs: qs.sort("name", "price", asc=False),
        {"sort": "-name,-price"},
        id="sort-desc-applies-to-all",
    ),
    pytest.param(lambda qs: qs.limit(10), {"limit": "10"}, id="limit"),
    pytest.param(lambda qs: qs.limit(0), {"limit": "0"}, id="limit-0"),
    pytest.param(lambda qs: qs.limit(None), {"limit": "-1"}, id="limit-none-is-all"),
    pytest.param(lambda qs: qs.limit(5).limit(7), {"limit": "7"}, id="limit-replaced"),
    pytest.param(lambda qs: qs.offset(20), {"offset": "20"}, id="offset"),
    pytest.param(lambda qs: qs.page(2), {"page": "2"}, id="page"),
    pytest.param(lambda qs: qs.search("pen"), {"search": "pen"}, id="search"),
    pytest.param(
        lambda qs: qs.fields("id", "name"), {"fields": "id,name"}, id="fields"
    ),
    pytest.param(
        lambda qs: qs.fields("id").fields("author.name"),
        {"fields": "id,author.name"},
        id="fields-chained",
    ),
    pytest.param(
        lambda qs: qs.fields("*", "author.*"), {"fields": "*,author.*"}, id="fields-*"
    ),
    pytest.param(
        lambda qs: qs.deep({"tags": {"_limit": 3}}),
        {"deep": {"tags": {"_limit": 3}}},
        id="deep",
    ),
    pytest.param(
        lambda qs: qs.alias({"label": "name"}),
        {"alias": {"label": "name"}},
        id="alias",
    ),
    pytest.param(
        lambda qs: qs.include_count(),
        {"meta": "total_count,filter_count"},
        id="include_count",
    ),
    pytest.param(
        lambda qs: qs.aggregate(), {"aggregate[count]": "*"}, id="aggregate-empty"
    ),
    pytest.param(
        lambda qs: qs.aggregate(count="*"), {"aggregate[count]": "*"}, id="count-*"
    ),
    pytest.param(
        lambda qs: qs.aggregate(countDistinct="id").aggregate(sum="price"),
        {"aggregate[countDistinct]": "id", "aggregate[sum]": "price"},
        id="aggregate-chained",
    ),
    pytest.param(
        lambda qs: qs.aggregate(count="*").aggregate(count="id"),
        {"aggregate[count]": "*,id"},
        id="aggregate-same-operator-chained",
    ),
    pytest.param(
        lambda qs: qs.aggregate(Agg(operator=AggregationOperators.Sum, fields="price")),
        {"aggregate[sum]": "price"},
        id="agg-sum",
    ),
    pytest.param(
        lambda qs: qs.aggregate(Agg(operator=AggregationOperators.Count)),
        {"aggregate[count]": "*"},
        id="agg-count-is-*",
    ),
    pytest.param(
        lambda qs: qs.aggregate(
            Agg(AggregationOperators.Average, ["price", "stock"]),
            Agg(AggregationOperators.Maximum, "price"),
        ),
        {"aggregate[avg]": "price,stock", "aggregate[max]": "price"},
        id="agg-several",
    ),
    pytest.param(
        lambda qs: qs.group_by("author", "name"),
        {"groupBy": "author,name"},
        id="group_by",
    ),
    pytest.param(
        lambda qs: qs.aggregate(count="*").group_by("author"),
        {"aggregate[count]": "*", "groupBy": "author"},
        id="aggregate-group_by",
    ),
    pytest.param(
        lambda qs: qs.filter(name="pen"),
        {"filter": {"name": {"_eq": "pen"}}},
        id="filter",
    ),
    pytest.param(
        lambda qs: qs.filter(name="pen").filter(price__gte=10),
        {"filter": {"_and": [{"name": {"_eq": "pen"}}, {"price": {"_gte": 10}}]}},
        id="filter-chained-is-and",
    ),
    pytest.param(
        lambda qs: qs.filter(F(name="a") | F(name="b"), price__lt=5),
        {
            "filter": {
                "_and": [
                    {"price": {"_lt": 5}},
                    {"_or": [{"name": {"_eq": "a"}}, {"name": {"_eq": "b"}}]},
                ]
            }
        },
        id="filter-f-and-keywords",
    ),
    pytest.param(
        lambda qs: qs.filter({"price": {"_gt": 1}}),
        {"filter": {"price": {"_gt": 1}}},
        id="filter-raw-dict",
    ),
    pytest.param(lambda qs: qs.filter(), {}, id="filter-nothing"),
    pytest.param(
        lambda qs: qs.exclude(name="pen"),
        {"filter": {"name": {"_neq": "pen"}}},
        id="exclude",
    ),
    pytest.param(
        lambda qs: qs.exclude(name="pen", price=1),
        {"filter": {"_or": [{"name": {"_neq": "pen"}}, {"price": {"_neq": 1}}]}},
        id="exclude-is-not-of-the-and",
    ),
    pytest.param(
        lambda qs: qs.filter(name="pen").sort("-price").limit(3).offset(6),
        {
            "filter": {"name": {"_eq": "pen"}},
            "sort": "-price",
            "limit": "3",
            "offset": "6",
        },
        id="combined",
    ),
]


@pytest.fixture(params=["model", "name"])
def base(request: pytest.FixtureRequest, directus: Directus) -> QuerySet[Any]:
    if request.param == "model":
        return Product.objects
    return directus.collection("products")


@pytest.mark.parametrize(("build", "expected"), PARAM_CASES)
def test_params(base: QuerySet[Any], build: Builder, expected: object) -> None:
    assert decoded(build(base).params()) == expected


def test_agg_on_a_name_based_collection(directus: Directus) -> None:
    qs = directus.collection("transactions").aggregate(
        Agg(operator=AggregationOperators.Sum, fields="amount")
    )
    assert qs.params() == {"aggregate[sum]": "amount"}


@pytest.mark.parametrize(
    "operator", [op for op in AggregationOperators if op.value != "countAll"]
)
def test_every_rest_aggregate_operator(
    directus: Directus, operator: AggregationOperators
) -> None:
    qs = directus.collection("transactions").aggregate(Agg(operator, "amount"))
    assert qs.params() == {f"aggregate[{operator.value}]": "amount"}


# -- builder errors --------------------------------------------------------------------

BUILD_ERRORS = [
    pytest.param(lambda qs: qs.limit(-1), QueryError, id="limit-negative"),
    pytest.param(lambda qs: qs.limit(-5), QueryError, id="limit-very-negative"),
    pytest.param(lambda qs: qs.limit(1.5), QueryError, id="limit-float"),
    pytest.param(lambda qs: qs.limit(True), QueryError, id="limit-bool"),
    pytest.param(lambda qs: qs.offset(-1), QueryError, id="offset-negative"),
    pytest.param(lambda qs: qs.page(0), QueryError, id="page-0"),
    pytest.param(lambda qs: qs.page(-1), QueryError, id="page-negative"),
    pytest.param(lambda qs: qs.search(5), QueryError, id="search-not-str"),
    pytest.param(lambda qs: qs.deep([1]), QueryError, id="deep-not-dict"),
    pytest.param(
        lambda qs: qs.aggregate(Agg(AggregationOperators.CountAll)),
        QueryError,
        id="countAll-over-rest",
    ),
    pytest.param(
        lambda qs: qs.aggregate(countAll="*"), QueryError, id="countAll-keyword"
    ),
    pytest.param(lambda qs: qs.aggregate(bogus="id"), QueryError, id="unknown-op"),
    pytest.param(
        lambda qs: qs.aggregate(Agg("median", "price")), QueryError, id="agg-unknown"
    ),
    pytest.param(lambda qs: qs.aggregate(sum="*"), QueryError, id="sum-of-*"),
    pytest.param(lambda qs: qs.aggregate(Agg("sum")), QueryError, id="sum-no-field"),
    pytest.param(lambda qs: qs.aggregate(sum=""), QueryError, id="sum-empty-field"),
    pytest.param(lambda qs: qs.aggregate("sum"), TypeError, id="aggregate-not-agg"),
    pytest.param(lambda qs: qs.filter(1), TypeError, id="filter-not-f"),
]


@pytest.mark.parametrize(("build", "error"), BUILD_ERRORS)
def test_builder_errors(
    base: QuerySet[Any], build: Builder, error: type[Exception]
) -> None:
    with pytest.raises(error):
        build(base)


FIELD_ERRORS = [
    pytest.param(lambda qs: qs.sort("nope"), id="sort"),
    pytest.param(lambda qs: qs.sort("-nope"), id="sort-desc"),
    pytest.param(lambda qs: qs.sort("price", "nope"), id="sort-second"),
    pytest.param(lambda qs: qs.fields("nope"), id="fields"),
    pytest.param(lambda qs: qs.fields("author.nope"), id="fields-relational"),
    pytest.param(lambda qs: qs.group_by("nope"), id="group_by"),
    pytest.param(lambda qs: qs.group_by("name", "nope"), id="group_by-second"),
    pytest.param(lambda qs: qs.aggregate(sum="nope"), id="aggregate"),
    pytest.param(lambda qs: qs.alias({"x": "nope"}), id="alias"),
    pytest.param(lambda qs: qs.filter(nope=1), id="filter"),
    pytest.param(lambda qs: qs.exclude(author__nope=1), id="exclude-relational"),
]


@pytest.mark.parametrize("build", FIELD_ERRORS)
def test_unknown_field_on_a_model_query_raises_field_error(build: Builder) -> None:
    with pytest.raises(FieldError, match="nope"):
        build(Product.objects)


@pytest.mark.parametrize("build", FIELD_ERRORS)
def test_name_based_queries_take_any_field(directus: Directus, build: Builder) -> None:
    build(directus.collection("products"))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("a/b", id="slash"),
        pytest.param("", id="empty"),
        pytest.param("..", id="dots"),
        pytest.param("a\nb", id="control"),
    ],
)
def test_bad_collection_name_raises_query_error(directus: Directus, name: str) -> None:
    with pytest.raises(QueryError):
        directus.collection(name)


# -- immutability ----------------------------------------------------------------------

_BUILDERS: dict[str, Builder] = {
    "filter": lambda qs: qs.filter(stock__gt=0),
    "filter-f": lambda qs: qs.filter(F(stock__gt=0)),
    "filter-nothing": lambda qs: qs.filter(),
    "exclude": lambda qs: qs.exclude(stock=0),
    "sort": lambda qs: qs.sort("-name"),
    "limit": lambda qs: qs.limit(9),
    "limit-none": lambda qs: qs.limit(None),
    "offset": lambda qs: qs.offset(9),
    "page": lambda qs: qs.page(3),
    "fields": lambda qs: qs.fields("id"),
    "search": lambda qs: qs.search("x"),
    "deep": lambda qs: qs.deep({"tags": {"_limit": 1}}),
    "alias": lambda qs: qs.alias({"n": "name"}),
    "include_count": lambda qs: qs.include_count(),
    "aggregate": lambda qs: qs.aggregate(sum="price"),
    "aggregate-empty": lambda qs: qs.aggregate(),
    "group_by": lambda qs: qs.group_by("author"),
}
BUILDERS = [pytest.param(build, id=name) for name, build in _BUILDERS.items()]


@pytest.mark.parametrize("build", BUILDERS)
def test_builders_return_a_new_queryset_and_leave_the_original_alone(
    base: QuerySet[Any], build: Builder
) -> None:
    original = base.filter(name="pen").sort("price").limit(5).fields("id", "name")
    state, params = original.state, original.params()

    result = build(original)

    assert isinstance(result, QuerySet)
    assert result is not original
    assert original.state is state
    assert original.state == state
    assert original.params() == params


def test_builders_change_the_copy(base: QuerySet[Any]) -> None:
    original = base.filter(name="pen")
    for name, build in _BUILDERS.items():
        if name == "filter-nothing":
            assert build(original).state == original.state
        else:
            assert build(original).state != original.state, name


def test_using_returns_a_copy(directus: Directus) -> None:
    original = Product.objects.filter(name="pen")
    aimed = original.using(directus)
    assert aimed is not original
    assert aimed.state.client is directus
    assert original.state.client is None
    assert aimed.params() == original.params()


def test_a_queryset_reused_after_a_builder_gives_independent_branches() -> None:
    root = Product.objects.filter(price__gt=1)
    cheap = root.filter(price__lt=5)
    dear = root.filter(price__gte=50)
    assert decoded(cheap.params())["filter"] == {
        "_and": [{"price": {"_gt": 1}}, {"price": {"_lt": 5}}]
    }
    assert decoded(dear.params())["filter"] == {
        "_and": [{"price": {"_gt": 1}}, {"price": {"_gte": 50}}]
    }
    assert decoded(root.params())["filter"] == {"price": {"_gt": 1}}


def test_changing_the_dict_given_to_deep_does_not_change_the_query() -> None:
    deep: dict[str, Any] = {"tags": {"_limit": 3}}
    qs = Product.objects.deep(deep)
    before = qs.params()
    deep["tags"]["_limit"] = 99
    deep["author"] = {"_limit": 1}
    assert qs.params() == before


def test_changing_the_list_given_to_filter_does_not_change_the_query() -> None:
    ids = [1, 2]
    qs = Product.objects.filter(id__in=ids)
    before = qs.params()
    ids.append(3)
    assert qs.params() == before


TERMINALS = [
    pytest.param(lambda qs: qs.read(), id="read"),
    pytest.param(lambda qs: qs.read(1), id="read-pk"),
    pytest.param(lambda qs: qs.all(), id="all"),
    pytest.param(lambda qs: qs.first(), id="first"),
    pytest.param(lambda qs: qs.last(), id="last"),
    pytest.param(lambda qs: qs.get(1), id="get"),
    pytest.param(lambda qs: qs.get(name="pen"), id="get-lookups"),
    pytest.param(lambda qs: qs.count(), id="count"),
    pytest.param(lambda qs: qs.exists(), id="exists"),
    pytest.param(lambda qs: qs.values("id"), id="values"),
    pytest.param(lambda qs: qs.in_bulk([1]), id="in_bulk"),
]


@pytest.mark.parametrize("terminal", TERMINALS)
async def test_terminals_leave_the_queryset_alone(
    directus: Directus, recorder: Recorder, terminal: Builder
) -> None:
    qs = Product.objects.using(directus).filter(name="pen").sort("price")
    state, params = qs.state, qs.params()

    await terminal(qs)

    assert recorder.requests, "the terminal sent nothing"
    assert qs.state is state
    assert qs.params() == params


async def test_awaiting_and_iterating_leave_the_queryset_alone(
    directus: Directus,
) -> None:
    qs = Product.objects.using(directus).filter(name="pen")
    state = qs.state
    assert [row.name for row in await qs] == ["pen"]
    assert [row.name async for row in qs] == ["pen"]
    assert qs.state is state


# -- exclude, repr, manager ------------------------------------------------------------


@pytest.mark.parametrize(
    "lookups",
    [
        pytest.param({"name": "pen"}, id="one"),
        pytest.param({"name": "pen", "price__lt": 5}, id="two"),
        pytest.param({"author__name__starts_with": "A"}, id="relational"),
    ],
)
def test_exclude_is_filter_of_negated_f(
    base: QuerySet[Any], lookups: dict[str, Any]
) -> None:
    assert base.exclude(**lookups) == base.filter(~F(**lookups))
    assert base.exclude(**lookups).params() == base.filter(~F(**lookups)).params()


def test_exclude_of_f_objects() -> None:
    condition = F(name="a") | F(price__gt=3)
    assert Product.objects.exclude(condition) == Product.objects.filter(~condition)


async def test_repr_shows_the_params_and_does_no_io(
    directus: Directus, recorder: Recorder
) -> None:
    qs = directus.collection("products").filter(name="pen").limit(3)
    text = repr(qs)
    model_text = repr(Product.objects.using(directus).sort("-price"))
    assert recorder.requests == []
    assert "products" in text
    assert "'limit': '3'" in text
    assert "_eq" in text
    assert "Product" in model_text
    assert "-price" in model_text


def test_repr_of_a_queryset_does_not_show_the_token(directus: Directus) -> None:
    qs = directus.collection("products").filter(name="pen")
    assert "static-token" not in repr(qs)
    assert "static-token" not in repr(qs.state)


def test_manager_is_on_the_class() -> None:
    assert isinstance(Product.objects, Manager)
    assert Product.objects.model is Product
    assert Product.objects.state.collection == "products"
    assert Product.objects.params() == {}


def test_each_model_class_has_one_manager_of_its_own() -> None:
    class Special(Product):
        model_config = DirectusConfig(collection="specials")

    assert Product.objects is Product.objects
    assert Special.objects is Special.objects
    assert Special.objects.model is Special
    assert Special.objects.state.collection == "specials"
    assert Product.objects.state.collection == "products"


def test_the_manager_follows_a_changed_collection() -> None:
    class Moving(Product):
        model_config = DirectusConfig(collection="before")

    assert Moving.objects.state.collection == "before"
    Moving.model_config["collection"] = "after"
    assert Moving.objects.state.collection == "after"
    assert Moving.objects is Moving.objects


def test_manager_is_not_reachable_on_instances() -> None:
    product = Product(name="pen", price=1.5)
    with pytest.raises(AttributeError, match="instances"):
        _ = product.objects
    assert not hasattr(product, "objects")


def test_manager_is_not_a_model_field() -> None:
    assert "objects" not in Product.model_fields
    assert "objects" not in Product(name="pen", price=1.0).model_dump()


@pytest.mark.parametrize("build", BUILDERS)
def test_builders_on_a_manager_return_a_plain_queryset(build: Builder) -> None:
    result = build(Product.objects)
    assert type(result) is QuerySet


def test_filter_on_the_manager_returns_a_queryset() -> None:
    qs = Product.objects.filter(name="pen")
    assert type(qs) is QuerySet
    assert not isinstance(qs, Manager)
    assert qs.model is Product


def test_a_stored_manager_is_not_changed_by_its_builders() -> None:
    manager = Product.objects
    manager.filter(name="pen").limit(3)
    manager.sort("price")
    assert manager.params() == {}


def test_aggregate_and_group_by_give_dict_rows() -> None:
    assert Product.objects.aggregate(count="*").state.is_aggregate
    assert Product.objects.group_by("author").state.is_aggregate
    assert not Product.objects.filter(name="x").state.is_aggregate


# -- get(pk): by the item's path -----------------------------------------------------


class ItemServer:
    """Answers ``GET /items/products/<pk>`` with ``found``, or 403 when missing."""

    def __init__(self, found: dict[str, Any] | None) -> None:
        self.found = found
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path.count("/") == 3:  # /items/products/<pk>
            if self.found is None:
                error = {
                    "message": "You don't have permission to access this.",
                    "extensions": {"code": "FORBIDDEN"},
                }
                return httpx.Response(403, json={"errors": [error]})
            return httpx.Response(200, json={"data": self.found})
        return httpx.Response(200, json={"data": []})


@pytest.mark.parametrize("by_name", [False, True], ids=["model", "name"])
async def test_get_by_key_reads_the_item_path(by_name: bool) -> None:
    server = ItemServer(ROW)
    async with Directus(URL, token="t", transport=httpx.MockTransport(server)) as d:
        qs = d.collection("products") if by_name else Product.objects.using(d)
        found = await qs.fields("id", "name", "price").get(1)
    assert [(r.method, r.url.path) for r in server.requests] == [
        ("GET", "/items/products/1")
    ]
    assert dict(server.requests[0].url.params) == {"fields": "id,name,price"}
    if by_name:
        assert found == ROW
    else:
        assert isinstance(found, Product)
        assert (found.id, found.name, found.price) == (1, "pen", 1.5)
        found.price = 2.0  # loaded with its snapshot: only the change is sent
        assert found.changed_fields == {"price"}


async def test_get_by_key_of_a_missing_item_asks_the_filter_which_403_it_was() -> None:
    server = ItemServer(None)
    async with Directus(URL, token="t", transport=httpx.MockTransport(server)) as d:
        with pytest.raises(Product.DoesNotExist):
            await Product.objects.using(d).get(7)
    assert [r.url.path for r in server.requests] == [
        "/items/products/7",
        "/items/products",
    ]
    assert decoded(dict(server.requests[1].url.params)) == {
        "filter": {"id": {"_eq": 7}},
        "limit": "2",
    }


async def test_get_by_key_of_a_rewritten_key_does_not_filter() -> None:
    server = ItemServer(None)
    async with Directus(URL, token="t", transport=httpx.MockTransport(server)) as d:
        with pytest.raises(DoesNotExist):
            await d.collection("products").get("true")
    assert [r.url.path for r in server.requests] == ["/items/products/true"]


async def test_get_on_a_filtered_query_keeps_the_filter(recorder: Recorder) -> None:
    async with Directus(URL, token="t", transport=httpx.MockTransport(recorder)) as d:
        await Product.objects.using(d).filter(name="pen").get(1)
    (request,) = recorder.requests
    assert request.url.path == "/items/products"
    assert decoded(dict(request.url.params))["filter"] == {
        "_and": [{"name": {"_eq": "pen"}}, {"id": {"_eq": 1}}]
    }


async def test_collection_by_name_takes_its_primary_key(recorder: Recorder) -> None:
    async with Directus(URL, token="t", transport=httpx.MockTransport(recorder)) as d:
        things = d.collection("things", primary_key="code")
        assert things.state.primary_key == "code"
        await things.first()
        await things.filter(name="pen").get("a")
        with pytest.raises(UsageError, match="primary key"):
            d.collection(Product, primary_key="code")  # type: ignore[call-overload]
        with pytest.raises(UsageError, match="primary_key"):
            d.collection("things", primary_key="")
    first, get = (decoded(dict(r.url.params)) for r in recorder.requests)
    assert first["sort"] == "code"
    assert get["filter"] == {"_and": [{"name": {"_eq": "pen"}}, {"code": {"_eq": "a"}}]}


@pytest.mark.parametrize(
    ("collection", "pk", "path"),
    [
        ("products", None, "/items/products"),  # a null key: filtered, IS NULL
        ("products", 1.0, "/items/products"),  # not a key type: the filter checks it
        ("directus_users", "me", "/users"),  # /users/me is the caller, not a key
        ("directus_settings", 1, "/settings"),  # a singleton: no /settings/1
        ("products", uuid.UUID(int=7), f"/items/products/{uuid.UUID(int=7)}"),
        ("directus_users", "true", "/users/true"),  # a key no filter can match
    ],
)
async def test_get_goes_by_path_only_where_the_path_is_the_item(
    recorder: Recorder, collection: str, pk: Any, path: str
) -> None:
    async with Directus(URL, token="t", transport=httpx.MockTransport(recorder)) as d:
        await d.collection(collection).get(pk)
    assert [r.url.path for r in recorder.requests] == [path]
