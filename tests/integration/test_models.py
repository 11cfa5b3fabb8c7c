"""The ORM layer on the real server: managers, save/delete/refresh, bulk, relations."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from directus_orm import (
    Directus,
    DirectusConfig,
    DirectusModel,
    DoesNotExist,
    F,
    FieldError,
    ModelNotBoundError,
    MultipleObjectsReturned,
)
from directus_orm.testing import DirectusServer
from tests.integration.conftest import (
    PRODUCT_ROWS,
    MakeCollection,
    Product,
    add_m2o,
    field,
    pk_field,
    product_model,
    rows,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def model(products: str, directus: Directus) -> type[Product]:
    """A Product model on this test's collection, bound to the admin client."""
    bound = product_model(products)
    directus.bind(bound)
    return bound


@pytest.fixture
async def recorder(
    directus_server: DirectusServer,
) -> AsyncIterator[tuple[Directus, list[httpx.Request]]]:
    """A client whose requests are recorded, to check what went over the wire."""
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    connection = httpx.AsyncClient(event_hooks={"request": [record]})
    client = Directus(
        directus_server.url, token=directus_server.token, connection=connection
    )
    yield client, sent
    await connection.aclose()


async def test_all_get_first_last_count_exists(model: type[Product]) -> None:
    everything = await model.objects.all()
    assert [p.name for p in everything] == [r["name"] for r in PRODUCT_ROWS]
    assert all(isinstance(p, model) for p in everything)
    assert [p.name for p in await model.objects.filter(price__gte=3)] == [
        "durian",
        "fennel",
    ]
    assert (await model.objects.get(2)).name == "banana"
    assert (await model.objects.get(name="carrot")).id == 3
    with pytest.raises(model.DoesNotExist):
        await model.objects.get(999)
    with pytest.raises(DoesNotExist):
        await model.objects.get(name="nothing")
    with pytest.raises(MultipleObjectsReturned):
        await model.objects.get(category="fruit")
    first = await model.objects.sort("-price").first()
    assert first is not None
    assert first.name == "durian"
    last = await model.objects.last()
    assert last is not None
    assert last.name == "fennel"
    assert await model.objects.filter(stock=0).count() == 2
    assert await model.objects.filter(stock=0).exists()
    assert not await model.objects.filter(stock=12345).exists()
    assert await model.objects.filter(name="none").first() is None


async def test_in_bulk_and_values(model: type[Product]) -> None:
    found = await model.objects.in_bulk([1, 3, 99])
    assert sorted(found) == [1, 3]
    assert found[3].name == "carrot"
    values = await model.objects.filter(category="veg").sort("name").values("name")
    assert values == [{"name": "carrot"}, {"name": "fennel"}]


async def test_unknown_fields_fail_before_any_request(model: type[Product]) -> None:
    with pytest.raises(FieldError, match="valid fields"):
        model.objects.filter(colour="red")
    with pytest.raises(FieldError):
        model.objects.sort("-colour")
    with pytest.raises(FieldError):
        model.objects.fields("name", "colour")


async def test_unbound_model_says_how_to_bind() -> None:
    class Lonely(DirectusModel):
        model_config = DirectusConfig(collection="lonely")
        id: int | None = None

    with pytest.raises(ModelNotBoundError, match=r"bind\(Lonely\)"):
        await Lonely.objects.all()


async def test_using_overrides_the_bound_client(
    model: type[Product], directus_server: DirectusServer
) -> None:
    async with Directus(directus_server.url, token="not-a-real-token") as wrong:
        model_on_wrong = type(
            "Other",
            (model,),
            {"model_config": model.model_config, "__module__": __name__},
        )
        wrong.bind(model_on_wrong)
        async with Directus(directus_server.url, token=directus_server.token) as right:
            assert len(await model_on_wrong.objects.using(right).all()) == 6


async def test_save_creates_then_patches_only_changes(
    model: type[Product],
    products: str,
    admin_http: httpx.AsyncClient,
    recorder: tuple[Directus, list[httpx.Request]],
) -> None:
    client, sent = recorder
    client.bind(model)
    product = model(name="grape", price=2.0)
    assert await product.save() is product
    assert product.id == 7
    product.price = 2.5
    assert product.changed_fields == {"price"}
    sent.clear()
    await product.save()
    assert [(r.method, json.loads(r.content)) for r in sent] == [
        ("PATCH", {"price": 2.5})
    ]
    assert product.changed_fields == set()
    sent.clear()
    await product.save()
    assert sent == []  # nothing changed, nothing sent
    # In-place edits of a list are changes too.
    product.tags = ["a"]
    await product.save()
    product.tags.append("b")
    assert product.changed_fields == {"tags"}
    await product.save()
    stored = (await rows(admin_http, products))[-1]
    assert (stored["name"], stored["price"], stored["tags"]) == (
        "grape",
        2.5,
        ["a", "b"],
    )


async def test_save_of_deleted_item_raises(
    model: type[Product], products: str, admin_http: httpx.AsyncClient
) -> None:
    product = await model.objects.get(1)
    await admin_http.delete(f"/items/{products}/1")
    product.price = 100.0
    with pytest.raises(model.DoesNotExist):
        await product.save()
    assert all(row["id"] != 1 for row in await rows(admin_http, products))


async def test_delete_and_refresh(
    model: type[Product], products: str, admin_http: httpx.AsyncClient
) -> None:
    product = await model.objects.get(2)
    await admin_http.patch(f"/items/{products}/2", json={"price": 42.0})
    product.stock = 999
    assert await product.refresh() is product
    assert (product.price, product.stock) == (42.0, 0)
    assert product.changed_fields == set()
    await product.delete()
    assert [row["id"] for row in await rows(admin_http, products)] == [1, 3, 4, 5, 6]
    carrot = await model.objects.get(3)
    await carrot.delete()
    with pytest.raises(model.DoesNotExist):
        await model.objects.get(3)
    with pytest.raises(model.DoesNotExist):
        await carrot.delete()  # already gone
    again = await model.objects.get(4)
    await admin_http.delete(f"/items/{products}/4")
    with pytest.raises(model.DoesNotExist):
        await again.delete()


async def test_create_fills_server_fields(
    make_collection: MakeCollection, directus: Directus, admin_http: httpx.AsyncClient
) -> None:
    name = await make_collection(
        "defaults",
        [
            pk_field(),
            field("label", "string"),
            field("qty", "integer", default_value=5),
        ],
    )

    class Thing(DirectusModel):
        model_config = DirectusConfig(collection=name)
        id: int | None = None
        label: str
        qty: int | None = None

    directus.bind(Thing)
    thing = await Thing.objects.create(label="x")
    assert (thing.id, thing.qty) == (1, 5)  # the server's default, not a null we sent
    assert (await rows(admin_http, name))[0]["qty"] == 5


async def test_bulk_create_keeps_input_order_for_uuid_keys(
    make_collection: MakeCollection, directus: Directus, admin_http: httpx.AsyncClient
) -> None:
    name = await make_collection("uuids", [pk_field("uuid"), field("label", "string")])

    class Thing(DirectusModel):
        model_config = DirectusConfig(collection=name)
        id: uuid.UUID | None = None
        label: str

    directus.bind(Thing)
    labels = [f"item-{i:03d}" for i in range(250)]
    made = await Thing.objects.bulk_create(
        [Thing(label=x) for x in labels], batch_size=100
    )
    assert [t.label for t in made] == labels
    stored = await rows(admin_http, name, sort="label")
    assert {row["id"]: row["label"] for row in stored} == {
        str(t.id): t.label for t in made
    }


async def test_bulk_create_and_update(
    model: type[Product], products: str, admin_http: httpx.AsyncClient
) -> None:
    made = await model.objects.bulk_create(
        [model(name=f"n{i}", price=i) for i in range(30)], batch_size=7
    )
    assert [p.name for p in made] == [f"n{i}" for i in range(30)]
    assert [p.id for p in made] == list(range(7, 37))
    for product in made[:5]:
        product.stock = 3
        product.price = -1  # not in fields: not sent
    assert await model.objects.bulk_update(made[:5], fields=["stock"]) == 5
    stored = {row["id"]: row for row in await rows(admin_http, products)}
    assert [stored[i]["stock"] for i in range(7, 12)] == [3] * 5
    assert [stored[i]["price"] for i in range(7, 12)] == [0, 1, 2, 3, 4]
    await admin_http.delete(f"/items/{products}/8")
    with pytest.raises(model.DoesNotExist, match="8"):
        await model.objects.bulk_update(made[:2], fields=["stock"])


async def test_get_or_create_twice_gives_one_row(
    model: type[Product], products: str, admin_http: httpx.AsyncClient
) -> None:
    first, created = await model.objects.get_or_create(
        name="grape", defaults={"price": 3}
    )
    assert created
    assert first.price == 3
    second, created_again = await model.objects.get_or_create(
        name="grape", defaults={"price": 4}
    )
    assert not created_again
    assert second.id == first.id
    assert [
        r["price"] for r in await rows(admin_http, products) if r["name"] == "grape"
    ] == [3]
    updated, created = await model.objects.update_or_create(
        name="grape", defaults={"price": 5}
    )
    assert not created
    assert updated.price == 5
    new, created = await model.objects.update_or_create(
        name="kiwi", defaults={"price": 6}
    )
    assert created
    assert new.id is not None
    stored = {r["name"]: r["price"] for r in await rows(admin_http, products)}
    assert (stored["grape"], stored["kiwi"]) == (5, 6)


async def test_queryset_update_and_delete(
    model: type[Product], products: str, admin_http: httpx.AsyncClient
) -> None:
    updated = await model.objects.filter(category="veg").update(stock=1)
    assert sorted(p.name for p in updated) == ["carrot", "fennel"]
    assert await model.objects.filter(F(stock=0) | F(stock=None)).delete() == 2
    stored = await rows(admin_http, products)
    assert [(r["name"], r["stock"]) for r in stored] == [
        ("apple", 10), ("carrot", 1), ("durian", 2), ("fennel", 1)
    ]  # fmt: skip


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: F(stock=0), id="eq"),
        pytest.param(lambda: F(stock__gt=2), id="gt"),
        pytest.param(lambda: F(category="fruit") | F(price__lt=1), id="or"),
        pytest.param(lambda: F(category="fruit") & F(stock__gte=2), id="and"),
        pytest.param(lambda: F(name__in=["apple", "carrot"]), id="in"),
        pytest.param(lambda: F(stock__between=[1, 8]), id="between"),
    ],
)
async def test_negation_selects_the_complement_minus_nulls(
    model: type[Product], build: Callable[[], F]
) -> None:
    everything = await model.objects.all()
    condition = build()
    selected = {p.id for p in await model.objects.filter(condition)}
    negated = {p.id for p in await model.objects.filter(~condition)}
    excluded = {p.id for p in await model.objects.exclude(condition)}
    assert negated == excluded
    assert not selected & negated
    expected = {p.id for p in everything if _python_negation(condition, p)}
    assert negated == expected


def _python_negation(condition: F, product: Product) -> bool:
    """Evaluate NOT(condition) with SQL NULL semantics (NULL compares as unknown)."""
    value = _evaluate(condition, product)
    return value is False


def _evaluate(condition: F, product: Product) -> bool | None:
    if condition.children:
        values = [_evaluate(child, product) for child in condition.children]
        if condition.connector == "_and":
            result = False if False in values else (None if None in values else True)
        else:
            result = True if True in values else (None if None in values else False)
        return (None if result is None else not result) if condition.negated else result
    results: list[bool | None] = []
    for key, expected in condition.lookups:
        name, _, op = key.partition("__")
        actual: Any = getattr(product, name)
        if actual is None:
            results.append(None)
        elif op == "":
            results.append(actual == expected)
        elif op == "gt":
            results.append(actual > expected)  # type: ignore[operator]
        elif op == "lt":
            results.append(actual < expected)  # type: ignore[operator]
        elif op == "gte":
            results.append(actual >= expected)  # type: ignore[operator]
        elif op == "in":
            results.append(actual in expected)  # type: ignore[operator]
        elif op == "between":
            low, high = expected  # type: ignore[misc]
            results.append(low <= actual <= high)
        else:
            raise AssertionError(op)
    if False in results:
        return False
    return None if None in results else True


async def test_stream_2500_rows_in_pages_of_1000(
    directus_server_factory: Any,
) -> None:
    server = directus_server_factory({"QUERY_LIMIT_MAX": "1000"}).server
    async with httpx.AsyncClient(
        base_url=server.url, headers={"Authorization": f"Bearer {server.token}"}
    ) as admin:
        name = f"stream_{uuid.uuid4().hex[:8]}"
        response = await admin.post(
            "/collections",
            json={"collection": name, "schema": {}, "meta": {},
                  "fields": [pk_field(), field("n", "integer")]},
        )  # fmt: skip
        assert response.status_code == 200, response.text
        for start in range(0, 2500, 500):
            batch = [{"n": i} for i in range(start, start + 500)]
            assert (await admin.post(f"/items/{name}", json=batch)).status_code == 200

    class Row(DirectusModel):
        model_config = DirectusConfig(collection=name)
        id: int
        n: int

    pages: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        pages.append(request)

    async with httpx.AsyncClient(event_hooks={"request": [record]}) as connection:
        directus = Directus(server.url, token=server.token, connection=connection)
        seen = [
            row.n async for row in Row.objects.using(directus).iterator(page_size=1000)
        ]
        assert seen == list(range(2500))
        assert [r.url.params["limit"] for r in pages] == ["1000", "1000", "1000"]
        # all() is not cut at QUERY_LIMIT_MAX either (limit=-1 is capped silently).
        pages.clear()
        everything = await Row.objects.using(directus).all()
        assert [row.n for row in everything] == list(range(2500))
        unlimited = await Row.objects.using(directus).limit(None).all()
        assert len(unlimited) == 2500
        # Asking for more than the server allows adapts the page size.
        adapted = [
            row.n async for row in Row.objects.using(directus).iterator(page_size=5000)
        ]
        assert adapted == list(range(2500))


async def test_relations_hold_keys_or_models(
    make_collection: MakeCollection, directus: Directus, admin_http: httpx.AsyncClient
) -> None:
    authors = await make_collection("authors", [pk_field(), field("name", "string")])
    books = await make_collection("books", [pk_field(), field("title", "string")])
    await add_m2o(admin_http, books, "author", authors, one_field="books")

    class Author(DirectusModel):
        model_config = DirectusConfig(collection=authors)
        id: int | None = None
        name: str
        books: list[int | Book] | None = None

    class Book(DirectusModel):
        model_config = DirectusConfig(collection=books)
        id: int | None = None
        title: str
        author: int | Author | None = None

    Author.model_rebuild()
    directus.bind(Author, Book)
    ada = await Author.objects.create(name="Ada")
    bob = await Author.objects.create(name="Bob")
    book = Book(title="Notes", author=ada)
    await book.save()  # the related model is sent as its key
    assert (await rows(admin_http, books))[0]["author"] == ada.id
    plain = await Book.objects.get(book.id)
    assert plain.author == ada.id
    expanded = await Book.objects.fields("*", "author.*").get(book.id)
    assert isinstance(expanded.author, Author)
    assert expanded.author.name == "Ada"
    expanded.author = bob
    assert expanded.changed_fields == {"author"}
    await expanded.save()
    assert (await rows(admin_http, books))[0]["author"] == bob.id
    with_books = await Author.objects.fields("*", "books.*").get(bob.id)
    assert [b.title for b in with_books.books or [] if isinstance(b, Book)] == ["Notes"]
    assert (await Author.objects.get(bob.id)).books == [book.id]
    assert [b.title for b in await Book.objects.filter(author__name="Bob")] == ["Notes"]
    with pytest.raises(FieldError):
        Book.objects.filter(author__nope="x")
