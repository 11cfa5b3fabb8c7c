"""Bad input: each mistake raises a typed error and changes nothing on the server.

Every case names the exact class it expects. Server state is snapshotted with the
raw ``admin_http`` client before and after; where an error is meant to come before
any request, the query runs on a client whose transport records what it is sent.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Annotated, Any

import httpx
import pytest
from pydantic import Field

from directus_orm import (
    NO_RETRY,
    APIError,
    ConfigurationError,
    Directus,
    DirectusConfig,
    DirectusError,
    DirectusModel,
    DoesNotExist,
    F,
    FieldError,
    ForbiddenError,
    InvalidDataError,
    InvalidQueryError,
    ModelNotBoundError,
    OutcomeUnknownError,
    QueryError,
    QuerySet,
    RecordNotUniqueError,
    UsageError,
)
from directus_orm._lookups import rewritten_by_server
from tests.integration.conftest import MakeCollection, field, pk_field, rows

pytestmark = pytest.mark.integration

Action = Callable[..., object]


async def outcome(action: Callable[[], object]) -> object:
    """Call ``action`` and await what it returns, if that is awaitable."""
    result = action()
    if inspect.isawaitable(result):
        return await result
    return result


async def each_refused(
    admin_http: httpx.AsyncClient,
    collection: str,
    writes: Mapping[str, Callable[[], object]],
    error: type[DirectusError],
) -> list[str]:
    """Run each write; return a line for each that was not refused with ``error``
    or that changed the collection."""
    problems = []
    for step, write in writes.items():
        before = await snapshot(admin_http, collection)
        try:
            await outcome(write)
        except error:
            pass
        except DirectusError as exc:
            problems.append(f"{step}: {type(exc).__name__} instead of {error.__name__}")
        else:
            problems.append(f"{step}: not refused")
        after = await snapshot(admin_http, collection)
        if after != before:
            changed = [
                row for row in after[collection] if row not in before[collection]
            ]
            problems.append(f"{step}: the server changed: {changed}")
    return problems


# -- collections, models, snapshots ----------------------------------------------------

THING_FIELDS = [
    pk_field(),
    field("name", "string", max_length=20, is_unique=True),
    field("qty", "integer", is_nullable=True),
    field("price", "float", is_nullable=True),
    field("flag", "boolean", is_nullable=True),
]
THING_ROWS = [
    {"name": "alpha", "qty": 1, "price": 1.5, "flag": True},
    {"name": "beta", "qty": 0, "price": 0.5, "flag": False},
    {"name": "gamma", "qty": None, "price": None, "flag": None},
    {"name": "delta", "qty": 7, "price": 3.0, "flag": True},
]


class Thing(DirectusModel):
    """The model of ``THING_FIELDS``; ``aimed()`` points it at a collection."""

    model_config = DirectusConfig(collection="placeholder")

    id: int | None = None
    name: Annotated[str, Field(max_length=20)] | None = None
    qty: int | None = None
    price: float | None = None
    flag: bool | None = None


class Coded(DirectusModel):
    """A string-keyed item (``pk_field("string")``)."""

    model_config = DirectusConfig(collection="placeholder", primary_key="code")

    code: str
    name: str | None = None


def aimed(model: type[DirectusModel], collection: str) -> Any:
    """Return a subclass of ``model`` for ``collection``."""
    config = DirectusConfig(**{**model.model_config, "collection": collection})
    return type(
        model.__name__, (model,), {"model_config": config, "__module__": __name__}
    )


@pytest.fixture
async def things(make_collection: MakeCollection, admin_http: httpx.AsyncClient) -> str:
    name = await make_collection("things", THING_FIELDS)
    response = await admin_http.post(f"/items/{name}", json=THING_ROWS)
    assert response.status_code == 200, response.text
    return name


async def snapshot(admin_http: httpx.AsyncClient, *collections: str) -> dict[str, Any]:
    """The collection list, and the fields and rows of ``collections``."""
    listed = await admin_http.get("/collections")
    assert listed.status_code == 200, listed.text
    state: dict[str, Any] = {
        "collections": sorted(c["collection"] for c in listed.json()["data"])
    }
    for name in collections:
        fields = await admin_http.get(f"/fields/{name}")
        assert fields.status_code == 200, fields.text
        state[f"{name} fields"] = sorted(f["field"] for f in fields.json()["data"])
        pk = "code" if "code" in state[f"{name} fields"] else "id"
        state[name] = await rows(admin_http, name, sort=pk)
    return state


@pytest.fixture
async def offline() -> AsyncIterator[tuple[Directus, list[httpx.Request]]]:
    """A client whose transport records every request (and answers 500)."""
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500, json={"errors": [{"message": "must not be sent"}]})

    async with Directus(
        "http://directus.invalid",
        token="unused",
        transport=httpx.MockTransport(record),
        retry=NO_RETRY,
    ) as client:
        yield client, sent


# -- unknown fields --------------------------------------------------------------------

MODEL_FIELD_MISTAKES = [
    pytest.param(lambda q: q.filter(nope=1), id="filter-keyword"),
    pytest.param(lambda q: q.filter(F(nope__gte=1)), id="filter-F"),
    pytest.param(lambda q: q.filter(F(qty=1) | ~F(nope=1)), id="filter-nested"),
    pytest.param(lambda q: q.exclude(nope=1), id="exclude"),
    pytest.param(lambda q: q.sort("nope"), id="sort"),
    pytest.param(lambda q: q.sort("name", "-nope"), id="sort-desc"),
    pytest.param(lambda q: q.fields("id", "nope"), id="fields"),
    pytest.param(lambda q: q.aggregate(sum="nope"), id="aggregate"),
    pytest.param(lambda q: q.group_by("nope"), id="group-by"),
    pytest.param(lambda q: q.alias({"x": "nope"}), id="alias"),
    pytest.param(lambda q: q.get(nope=1), id="get-lookup"),
    pytest.param(lambda q: q.update(1, {"nope": 1}), id="update-by-key"),
    # Not a lookup, so "foo" reads as a field of a relation, and qty is no relation.
    pytest.param(lambda q: q.filter(F(qty__foo=1)), id="unknown-operator"),
]


@pytest.mark.parametrize("mistake", MODEL_FIELD_MISTAKES)
async def test_unknown_field_on_a_model_fails_before_any_request(
    offline: tuple[Directus, list[httpx.Request]], mistake: Action
) -> None:
    client, sent = offline
    query = client.collection(aimed(Thing, "things"))
    with pytest.raises(FieldError):
        await outcome(lambda: mistake(query))
    assert sent == []


NAME_FIELD_MISTAKES = [
    pytest.param(lambda q: q.filter(nope=1).all(), id="filter"),
    pytest.param(
        lambda q: q.filter(F(qty=1) | F(nope__gt=1)).all(), id="filter-nested"
    ),
    pytest.param(lambda q: q.sort("-nope").all(), id="sort"),
    pytest.param(lambda q: q.fields("id", "nope").all(), id="fields"),
    pytest.param(lambda q: q.aggregate(sum="nope").all(), id="aggregate"),
    pytest.param(lambda q: q.filter(nope=1).count(), id="count"),
    pytest.param(lambda q: q.filter(nope=1).update({"qty": 99}), id="update"),
    pytest.param(lambda q: q.filter(nope=1).delete(), id="delete"),
    # "foo" is taken as a field under qty: the server names field "foo".
    pytest.param(lambda q: q.filter(F(qty__foo=1)).all(), id="unknown-operator"),
]


@pytest.mark.parametrize("mistake", NAME_FIELD_MISTAKES)
async def test_unknown_field_by_name_is_forbidden_by_the_server(
    directus: Directus, things: str, admin_http: httpx.AsyncClient, mistake: Action
) -> None:
    before = await snapshot(admin_http, things)
    with pytest.raises(ForbiddenError):
        await outcome(lambda: mistake(directus.collection(things)))
    assert await snapshot(admin_http, things) == before


async def test_raw_filter_dicts_are_not_checked_against_the_model(
    directus: Directus, things: str, admin_http: httpx.AsyncClient
) -> None:
    before = await snapshot(admin_http, things)
    model = aimed(Thing, things)
    with pytest.raises(ForbiddenError):
        await directus.collection(model).filter(F({"nope": {"_eq": 1}})).all()
    assert await snapshot(admin_http, things) == before


# -- operators and values --------------------------------------------------------------

NAN = math.nan
INF = math.inf

# (query on "model" or "name", condition, expected error)
CONDITION_MISTAKES = [
    # Unknown operators.
    pytest.param("model", F({"qty": {"_foo": 1}}), InvalidQueryError, id="raw-model"),
    pytest.param("name", F({"qty": {"_foo": 1}}), InvalidQueryError, id="raw-name"),
    pytest.param("name", F(qty__regex="1"), QueryError, id="regex"),
    pytest.param("name", F(name__nicontains="a"), QueryError, id="nicontains"),
    pytest.param("name", F(qty__not=1), QueryError, id="not"),
    pytest.param("name", ~F(name__icontains="a"), QueryError, id="negated-icontains"),
    pytest.param("name", F(qty__=1), QueryError, id="empty-lookup"),
    # Operators the field's type does not take.
    pytest.param("model", F(flag__in=[True]), QueryError, id="in-on-boolean-model"),
    pytest.param("name", F(flag__in=[True]), InvalidQueryError, id="in-on-bool-name"),
    pytest.param("model", F(qty__contains=1), QueryError, id="contains-on-int-model"),
    pytest.param("name", F(qty__contains=1), InvalidQueryError,
                 id="contains-on-int-name"),
    pytest.param("model", F(name__gt="a"), QueryError, id="gt-on-string-model"),
    # Values of the wrong type or shape.
    pytest.param("name", F(qty="abc"), InvalidQueryError, id="string-into-int-name"),
    # The model knows qty is an int, but values are not checked: the server refuses.
    pytest.param("model", F(qty="abc"), InvalidQueryError, id="string-into-int-model"),
    pytest.param("name", F(qty__gte="abc"), InvalidQueryError, id="string-gte-int"),
    pytest.param("name", F(qty__in=1), QueryError, id="in-scalar"),
    pytest.param("name", F(qty__in="1,2"), QueryError, id="in-string"),
    pytest.param("name", F(qty__nin={"a": 1}), QueryError, id="nin-dict"),
    pytest.param("name", F(qty={"_eq": 1}), QueryError, id="dict-as-value"),
    pytest.param("name", F(qty__gt=[1]), QueryError, id="list-as-value"),
    pytest.param("name", F(qty__between=[1]), QueryError, id="between-one"),
    pytest.param("name", F(qty__between=[1, 2, 3]), QueryError, id="between-three"),
    pytest.param("name", F(qty__nbetween=5), QueryError, id="nbetween-scalar"),
    pytest.param("name", F(qty__null="yes"), QueryError, id="null-string"),
    pytest.param("name", F(qty__nnull=1), QueryError, id="nnull-int"),
    pytest.param("name", F(qty__gt=object()), QueryError, id="unserialisable"),
    # The server refuses "_in": [] ("has to be an array of values"); nothing can
    # match an empty list, so it should be refused (or answered) before sending.
    pytest.param("name", F(qty__in=[]), QueryError, id="in-empty"),
    pytest.param("name", ~F(qty__in=[]), QueryError, id="nin-empty"),
    # NaN and infinity are not JSON; sending them gives the server invalid JSON.
    pytest.param("name", F(price__gt=NAN), QueryError, id="nan"),
    pytest.param("name", F(price__lt=INF), QueryError, id="infinity"),
    pytest.param("name", F(price__in=[1.5, NAN]), QueryError, id="nan-in-list"),
    pytest.param("model", F(price__between=[-INF, 0]), QueryError, id="infinity-model"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "condition", "error"), CONDITION_MISTAKES)
async def test_bad_condition_raises_and_changes_nothing(
    directus: Directus,
    things: str,
    admin_http: httpx.AsyncClient,
    kind: str,
    condition: F,
    error: type[DirectusError],
) -> None:
    before = await snapshot(admin_http, things)
    target = aimed(Thing, things) if kind == "model" else things
    query = directus.collection(target)
    with pytest.raises(error):
        await query.filter(condition).all()
    # The same condition must not slip through a write either.
    with pytest.raises(error):
        await query.filter(condition).update({"qty": 99})
    with pytest.raises(error):
        await query.filter(condition).delete()
    assert await snapshot(admin_http, things) == before


# -- payloads --------------------------------------------------------------------------

BAD_VALUES = [
    pytest.param({"name": "x" * 21}, id="too-long"),
    pytest.param({"qty": "abc"}, id="string-into-int"),
    pytest.param({"qty": 1.5}, id="fraction-into-int"),
    pytest.param({"flag": "notbool"}, id="string-into-bool"),
    pytest.param({"price": "cheap"}, id="string-into-float"),
    # JSON numbers beyond 2**53 are rounded by the server (2**60 is stored as
    # 1152921504606847000): the value would change silently.
    pytest.param({"qty": 2**60}, id="int-beyond-2**53"),
    # Not JSON: the body would be refused as invalid JSON (INVALID_PAYLOAD).
    pytest.param({"price": NAN}, id="nan"),
    pytest.param({"price": INF}, id="infinity"),
    # PostgreSQL answers 500 to a NUL character (after which a create's outcome
    # would look unknown); SQLite stores it: refused on both.
    pytest.param({"name": "a\x00b"}, id="nul-character"),
]


@pytest.mark.parametrize("values", BAD_VALUES)
async def test_bad_payload_through_a_model_is_refused_before_sending(
    directus: Directus,
    things: str,
    admin_http: httpx.AsyncClient,
    values: dict[str, Any],
) -> None:
    query = directus.collection(aimed(Thing, things))
    # Distinct names, so that one write let through does not fail the next on
    # the unique name.
    writes = {
        "create": lambda: query.create({"name": "new 1", **values}),
        "create-keywords": lambda: query.create(**{"name": "new 2", **values}),
        "create-batch": lambda: query.create(
            [{"name": "ok 3"}, {"name": "new 3", **values}]
        ),
        "bulk_create": lambda: query.bulk_create([{"name": "ok 4"}, values]),
        "update-key": lambda: query.update(1, values),
        "update-keys": lambda: query.update([1, 2], values),
        "update-each": lambda: query.update([1, 2], [{"qty": 5}, values]),
        "update-filter": lambda: query.filter(qty__gte=0).update(values),
        "update-keywords": lambda: query.filter(id=1).update(**values),
    }
    problems = await each_refused(admin_http, things, writes, InvalidDataError)
    assert not problems, "\n".join(problems)


async def test_bulk_create_validates_every_item_before_sending(
    directus: Directus, things: str, admin_http: httpx.AsyncClient
) -> None:
    # Model validation needs no server: a bad item in a later batch must not leave
    # the earlier batches written (PartialWriteError).
    before = await snapshot(admin_http, things)
    query = directus.collection(aimed(Thing, things))
    with pytest.raises(InvalidDataError):
        await query.bulk_create([{"name": "ok"}, {"qty": "abc"}], batch_size=1)
    assert await snapshot(admin_http, things) == before


async def test_unknown_field_in_a_model_create_is_refused(
    directus: Directus, things: str, admin_http: httpx.AsyncClient
) -> None:
    # update(1, {"nope": 1}) raises FieldError; create() should not instead drop the
    # field and create an item without it.
    before = await snapshot(admin_http, things)
    query = directus.collection(aimed(Thing, things))
    with pytest.raises(FieldError):
        await query.update(1, {"nope": 1})
    with pytest.raises(FieldError):
        await query.create({"name": "typo", "nmae": "x"})
    with pytest.raises(FieldError):
        await query.create(name="typo", nmae="x")
    assert await snapshot(admin_http, things) == before


@pytest.mark.parametrize(
    "values", [*BAD_VALUES, pytest.param({"nope": 1}, id="unknown-field")]
)
async def test_bad_payload_with_validation_is_refused_before_sending(
    directus: Directus,
    things: str,
    admin_http: httpx.AsyncClient,
    values: dict[str, Any],
) -> None:
    query = directus.collection(things, validate=True)
    writes = {
        "create": lambda: query.create({"name": "new 1", **values}),
        "create-batch": lambda: query.create(
            [{"name": "ok 2"}, {"name": "new 2", **values}]
        ),
        "update-key": lambda: query.update(1, values),
        "update-keys": lambda: query.update([1, 2], values),
        "update-each": lambda: query.update([1, 2], [{"qty": 5}, values]),
        "update-filter": lambda: query.filter(qty__gte=0).update(values),
    }
    problems = await each_refused(admin_http, things, writes, InvalidDataError)
    assert not problems, "\n".join(problems)


async def test_without_validation_the_server_decides(
    directus: Directus, things: str, admin_http: httpx.AsyncClient
) -> None:
    # SQLite enforces neither varchar lengths nor column types, and Directus passes
    # the values through: a plain name-based create stores 21 characters in a
    # varchar(20), "abc" in an integer, "notbool" in a boolean and "cheap" in a float,
    # and reads them back as given. (PostgreSQL refuses such writes with an APIError.)
    before = await snapshot(admin_http, things)
    odd = {"name": "x" * 21, "qty": "abc", "flag": "notbool", "price": "cheap"}
    try:
        created = await directus.collection(things).create(odd)
    except (APIError, OutcomeUnknownError) as exc:
        # PostgreSQL refuses (a 400, or a 500 for "notbool", which a create reports
        # as an unknown outcome); nothing may be written.
        refusal = exc.__cause__ if isinstance(exc, OutcomeUnknownError) else exc
        assert isinstance(refusal, APIError)
        assert await snapshot(admin_http, things) == before
        return
    stored = await rows(
        admin_http, things, filter=f'{{"id":{{"_eq":{created["id"]}}}}}'
    )
    assert [{key: row[key] for key in odd} for row in stored] == [odd]


# -- malformed and missing keys --------------------------------------------------------

# (query on "model" or "name", call, expected error, ids the call writes anyway)
KEY_MISTAKES = [
    pytest.param("name", lambda q: q.read("abc"), ForbiddenError, [], id="read-abc"),
    pytest.param("model", lambda q: q.read("abc"), ForbiddenError, [],
                 id="read-abc-model"),
    # get() filters on the key, and the server refuses "abc" for an integer field
    # ("Invalid numeric value"): not a DoesNotExist, and not refused before sending.
    pytest.param("model", lambda q: q.get("abc"), InvalidQueryError, [],
                 id="get-abc-model"),
    pytest.param("name", lambda q: q.get("abc"), InvalidQueryError, [], id="get-abc"),
    pytest.param("name", lambda q: q.update("abc", {"qty": 5}), ForbiddenError, [],
                 id="update-abc"),
    pytest.param("name", lambda q: q.update(["abc"], {"qty": 5}), ForbiddenError, [],
                 id="update-keys-abc"),
    pytest.param("model", lambda q: q.delete("abc"), InvalidQueryError, [],
                 id="delete-abc"),
    pytest.param("name", lambda q: q.in_bulk(["abc"]), InvalidQueryError, [],
                 id="in-bulk-abc"),
    pytest.param("name", lambda q: q.read(""), QueryError, [], id="read-empty"),
    pytest.param("name", lambda q: q.update(1.5, {"qty": 5}), UsageError, [],
                 id="update-float"),
    pytest.param("name", lambda q: q.delete(1.5), UsageError, [], id="delete-float"),
    pytest.param("name", lambda q: q.delete(True), UsageError, [], id="delete-bool"),
    pytest.param("name", lambda q: q.delete(None), UsageError, [], id="delete-none"),
    pytest.param("name", lambda q: q.delete([1, None]), UsageError, [],
                 id="delete-list-none"),
    pytest.param("model", lambda q: q.get(999_999), DoesNotExist, [], id="get-missing"),
    pytest.param("name", lambda q: q.update(999_999, {"qty": 5}), DoesNotExist, [],
                 id="update-missing"),
    # A batch PATCH writes the keys that exist; the error names the missing one.
    pytest.param("name", lambda q: q.update([1, 999_999], {"qty": 5}), DoesNotExist,
                 [1], id="update-keys-missing"),
    pytest.param("model", lambda q: q.delete(999_999), DoesNotExist, [],
                 id="delete-missing"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "mistake", "error", "written"), KEY_MISTAKES)
async def test_malformed_or_missing_key(
    directus: Directus,
    things: str,
    admin_http: httpx.AsyncClient,
    kind: str,
    mistake: Action,
    error: type[DirectusError],
    written: list[int],
) -> None:
    before = await snapshot(admin_http, things)
    target = aimed(Thing, things) if kind == "model" else things
    with pytest.raises(error) as raised:
        await outcome(lambda: mistake(directus.collection(target)))
    if written:
        assert "999999" in str(raised.value)
    after = await snapshot(admin_http, things)
    changed = [row["id"] for row in after[things] if row not in before[things]]
    assert changed == written
    assert {**after, things: None} == {**before, things: None}


# -- collection names ------------------------------------------------------------------

BAD_COLLECTIONS = ["../users", "a/b", ".", "..", "", "...", "/items", "users/",
                   " users", "users ", "a\x00b", "a\nb"]  # fmt: skip


@pytest.mark.parametrize("name", BAD_COLLECTIONS)
async def test_bad_collection_name_fails_before_any_request(
    offline: tuple[Directus, list[httpx.Request]], name: str
) -> None:
    client, sent = offline
    with pytest.raises(QueryError):
        client.collection(name)
    with pytest.raises(QueryError):
        QuerySet.for_collection(name, client=client, primary_key="code")
    assert sent == []


MODEL_OPERATIONS = [
    pytest.param(lambda q: q.all(), id="all"),
    pytest.param(lambda q: q.read(), id="read"),
    pytest.param(lambda q: q.read(1), id="read-key"),
    pytest.param(lambda q: q.get(1), id="get"),
    pytest.param(lambda q: q.first(), id="first"),
    pytest.param(lambda q: q.count(), id="count"),
    pytest.param(lambda q: q.exists(), id="exists"),
    pytest.param(lambda q: q.in_bulk([1]), id="in-bulk"),
    pytest.param(lambda q: q.iterator().__anext__(), id="iterator"),
    pytest.param(lambda q: q.create({"name": "x"}), id="create"),
    pytest.param(lambda q: q.bulk_create([{"name": "x"}]), id="bulk-create"),
    pytest.param(lambda q: q.update(1, {"name": "x"}), id="update"),
    pytest.param(lambda q: q.filter(id=1).update({"name": "x"}), id="update-filter"),
    pytest.param(lambda q: q.delete(1), id="delete"),
    pytest.param(lambda q: q.filter(id=1).delete(), id="delete-filter"),
    pytest.param(lambda q: q.get_or_create(name="x"), id="get-or-create"),
]


@pytest.mark.parametrize("name", [n for n in BAD_COLLECTIONS if n])
@pytest.mark.parametrize("operation", MODEL_OPERATIONS)
async def test_model_with_bad_collection_fails_before_any_request(
    offline: tuple[Directus, list[httpx.Request]], name: str, operation: Action
) -> None:
    client, sent = offline
    query = client.collection(aimed(Thing, name))
    with pytest.raises(QueryError):
        await outcome(lambda: operation(query))
    assert sent == []


async def test_model_aimed_at_a_system_path_touches_nothing(
    directus: Directus, things: str, admin_http: httpx.AsyncClient
) -> None:
    # "../users" unescaped would be /items/../users, which is /users after
    # dot-segment removal: a create there would make a user.
    before = await snapshot(admin_http, things)
    users = await admin_http.get("/users", params={"fields": "id", "limit": "-1"})
    evil = aimed(Thing, "../users")
    with pytest.raises(QueryError):
        await directus.collection(evil).create({"name": "evil"})
    with pytest.raises(QueryError):
        await directus.collection(evil).filter(id__gte=0).delete()
    assert await snapshot(admin_http, things) == before
    again = await admin_http.get("/users", params={"fields": "id", "limit": "-1"})
    assert again.json() == users.json()


# -- keys with special characters ------------------------------------------------------

SIBLING = "../{sibling}"  # replaced by "../<the sibling collection>"
ODD_KEYS = ["..", "a/b", "%2F", "a b", "ü", ".", "...", "a.b", "a+b", "%ZZ", "%2E%2E",
            "?x=1", "#frag", "a\\b", "🙂", SIBLING,
            # Strings Directus rewrites in filters: "true" is compared as 1 (and
            # matches the key "1"), "null" as NULL, "$CURRENT_USER" as the user id.
            "true", "false", "null", "$CURRENT_USER"]  # fmt: skip
DECOYS = ["1", "0", "plain"]


@pytest.fixture
async def keyed(
    make_collection: MakeCollection, admin_http: httpx.AsyncClient
) -> tuple[str, str, str]:
    """(string-keyed collection, sibling collection, admin user id)."""
    keys = await make_collection("keys", [pk_field("string"), field("name", "string")])
    sibling = await make_collection("sib", [pk_field(), field("name", "string")])
    response = await admin_http.post(
        f"/items/{sibling}", json=[{"name": "sibling 1"}, {"name": "sibling 2"}]
    )
    assert response.status_code == 200, response.text
    me = await admin_http.get("/users/me", params={"fields": "id"})
    return keys, sibling, me.json()["data"]["id"]


async def seed_keys(
    admin_http: httpx.AsyncClient, collection: str, keys: list[str]
) -> dict[str, str | None]:
    items = [{"code": key, "name": f"seed {key}"} for key in keys]
    response = await admin_http.post(f"/items/{collection}", json=items)
    assert response.status_code == 200, response.text
    return {key: f"seed {key}" for key in keys}


async def stored_keys(
    admin_http: httpx.AsyncClient, collection: str
) -> dict[str, str | None]:
    return {
        row["code"]: row["name"]
        for row in await rows(admin_http, collection, sort="code")
    }


def resolve(key: str, sibling: str) -> str:
    return f"../{sibling}" if key == SIBLING else key


@pytest.mark.parametrize("template", ODD_KEYS)
async def test_odd_key_round_trip_hits_exactly_that_item(
    directus: Directus,
    admin_http: httpx.AsyncClient,
    keyed: tuple[str, str, str],
    template: str,
) -> None:
    collection, sibling, user_id = keyed
    key = resolve(template, sibling)
    others = [resolve(k, sibling) for k in ODD_KEYS if k != template]
    expected: dict[str, str | None] = await seed_keys(
        admin_http, collection, [*others, *DECOYS, user_id]
    )
    sibling_before = await rows(admin_http, sibling)
    model = aimed(Coded, collection)
    query = directus.collection(model)

    async def check(step: str) -> None:
        assert await stored_keys(admin_http, collection) == expected, step
        assert await rows(admin_http, sibling) == sibling_before, step

    created = await query.create(model(code=key, name="created"))
    assert created.code == key
    expected[key] = "created"
    await check("create")

    assert (await query.read(key)).item.code == key  # type: ignore[union-attr]
    by_name = await directus.collection(collection).read(key)
    assert by_name.item == {"code": key, "name": "created"}
    await check("read")

    updated = await query.update(key, {"name": "updated"})
    assert (updated.code, updated.name) == (key, "updated")
    expected[key] = "updated"
    await check("update through the model")

    await directus.collection(collection).update(key, {"name": "by name"})
    expected[key] = "by name"
    await check("update by name")

    updated.name = "saved"
    await updated.save()
    expected[key] = "saved"
    await check("save")

    assert await query.delete(key) == 1
    del expected[key]
    await check("delete")


@pytest.mark.parametrize("template", ODD_KEYS)
async def test_odd_key_lookups_find_exactly_that_item(
    directus: Directus,
    admin_http: httpx.AsyncClient,
    keyed: tuple[str, str, str],
    template: str,
) -> None:
    collection, sibling, user_id = keyed
    key = resolve(template, sibling)
    all_keys = [resolve(k, sibling) for k in ODD_KEYS]
    expected: dict[str, str | None] = await seed_keys(
        admin_http, collection, [*all_keys, *DECOYS, user_id]
    )
    model = aimed(Coded, collection)
    query = directus.collection(model)
    problems = []

    try:
        found = await query.get(key)
    except DoesNotExist as exc:
        problems.append(f"get() raised {exc!r}")
    else:
        if (found.code, found.name) != (key, f"seed {key}"):
            problems.append(f"get() found {found.code!r}")
    instance = (await query.read(key)).item  # by path: the right item
    assert instance is not None
    assert instance.code == key
    instance.name = "changed locally"
    try:
        await instance.refresh()
    except DoesNotExist as exc:
        problems.append(f"refresh() raised {exc!r}")
    else:
        if (instance.code, instance.name) != (key, f"seed {key}"):
            problems.append(f"refresh() loaded {instance.code!r}")
    if rewritten_by_server(key):
        # No filter can match these strings as written: refused before sending.
        with pytest.raises(QueryError, match="cannot be compared"):
            await query.in_bulk([key])
        with pytest.raises(QueryError, match="cannot be compared"):
            query.filter(code=key)
    else:
        if list(await query.in_bulk([key])) != [key]:
            problems.append(f"in_bulk() found {list(await query.in_bulk([key]))!r}")
        if await query.filter(code=key).count() != 1:
            problems.append(f"count() is {await query.filter(code=key).count()}")
    assert await stored_keys(admin_http, collection) == expected

    instance = (await query.read(key)).item
    assert instance is not None
    try:
        await instance.delete()
    except DoesNotExist as exc:
        problems.append(f"delete() of the instance raised {exc!r}")
    else:
        del expected[key]
    stored = await stored_keys(admin_http, collection)
    if stored != expected:
        lost = sorted(set(expected) - set(stored))
        problems.append(f"delete() of the instance deleted {lost!r}")
    assert not problems, "\n".join(problems)


# -- builder misuse --------------------------------------------------------------------


def _unbound_query(client: Directus) -> object:
    return aimed(Thing, "things").objects.all()


def _no_collection_model(client: Directus) -> object:
    class Loose(DirectusModel):
        id: int | None = None

    return client.collection(Loose)


BUILDER_MISTAKES = [
    pytest.param(lambda q, c: q.limit(-1), QueryError, id="limit-negative"),
    pytest.param(lambda q, c: q.limit(True), QueryError, id="limit-bool"),
    pytest.param(lambda q, c: q.limit(1.5), QueryError, id="limit-float"),
    pytest.param(lambda q, c: q.limit("10"), QueryError, id="limit-string"),
    pytest.param(lambda q, c: q.offset(-1), QueryError, id="offset-negative"),
    pytest.param(lambda q, c: q.offset(None), QueryError, id="offset-none"),
    pytest.param(lambda q, c: q.page(0), QueryError, id="page-zero"),
    pytest.param(lambda q, c: q.page(-2), QueryError, id="page-negative"),
    pytest.param(lambda q, c: q.page(True), QueryError, id="page-bool"),
    pytest.param(lambda q, c: q.iterator(page_size=0), QueryError, id="page-size-zero"),
    pytest.param(lambda q, c: q.search(1), QueryError, id="search-int"),
    pytest.param(lambda q, c: q.deep("x"), QueryError, id="deep-string"),
    pytest.param(lambda q, c: q.alias("x"), QueryError, id="alias-string"),
    pytest.param(lambda q, c: q.bulk_create([{"name": "x"}], batch_size=0), QueryError,
                 id="batch-size-zero"),
    pytest.param(lambda q, c: q.create({"name": "x"}, qty=1), UsageError,
                 id="create-dict-and-keywords"),
    pytest.param(lambda q, c: q.create("x"), UsageError, id="create-string"),
    pytest.param(lambda q, c: q.update(1, {"qty": 1}, qty=2), UsageError,
                 id="update-data-and-keywords"),
    pytest.param(lambda q, c: q.update([1, 2], [{"qty": 1}]), UsageError,
                 id="update-fewer-changes"),
    pytest.param(lambda q, c: q.update(1, "qty=1"), UsageError, id="update-string"),
    pytest.param(lambda q, c: q.update(1), UsageError, id="update-key-only"),
    pytest.param(lambda q, c: q.bulk_update([{"id": 1}], ["qty"]), UsageError,
                 id="bulk-update-dicts"),
    pytest.param(lambda q, c: q.bulk_update([Thing(id=1)], []), UsageError,
                 id="bulk-update-no-fields"),
    pytest.param(lambda q, c: q.bulk_update([Thing(qty=1)], ["qty"]), UsageError,
                 id="bulk-update-name-query"),
    pytest.param(lambda q, c: q.get_or_create(), UsageError, id="get-or-create-bare"),
    pytest.param(lambda q, c: _unbound_query(c), ModelNotBoundError, id="unbound"),
    pytest.param(lambda q, c: _no_collection_model(c), ConfigurationError,
                 id="model-without-collection"),
    pytest.param(lambda q, c: Directus("ftp://example.com"), ConfigurationError,
                 id="client-ftp-url"),
    pytest.param(lambda q, c: Directus("example.com"), ConfigurationError,
                 id="client-no-scheme"),
]  # fmt: skip


@pytest.mark.parametrize(("mistake", "error"), BUILDER_MISTAKES)
async def test_builder_misuse_fails_before_any_request(
    offline: tuple[Directus, list[httpx.Request]],
    mistake: Callable[[QuerySet[Any], Directus], object],
    error: type[DirectusError],
) -> None:
    client, sent = offline
    with pytest.raises(error):
        await outcome(lambda: mistake(client.collection("things"), client))
    assert sent == []


# STYLE §3: a non-F operand of & or | is a TypeError, as for Django's Q; so is a
# filter() argument that is neither an F, a dict nor a keyword.
OPERAND_MISTAKES = [
    pytest.param(lambda: F(qty=1) & 1, id="and-int"),
    pytest.param(lambda: 1 & F(qty=1), id="rand-int"),
    pytest.param(lambda: F(qty=1) | None, id="or-none"),
    pytest.param(lambda: None | F(qty=1), id="ror-none"),
    pytest.param(lambda: F(qty=1) | {"qty": {"_eq": 1}}, id="or-dict"),
    pytest.param(lambda: F() & True, id="empty-and-bool"),
    pytest.param(lambda: F("qty=1"), id="F-of-string"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("mistake", OPERAND_MISTAKES)
def test_non_f_operands_are_a_type_error(mistake: Callable[[], object]) -> None:
    with pytest.raises(TypeError):
        mistake()


async def test_filter_with_a_non_f_argument_is_a_type_error(
    offline: tuple[Directus, list[httpx.Request]],
) -> None:
    client, sent = offline
    with pytest.raises(TypeError):
        client.collection("things").filter(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.collection("things").aggregate("count")  # type: ignore[arg-type]
    assert sent == []


# -- writes without a filter -----------------------------------------------------------

UNFILTERED_WRITES = [
    pytest.param("name", lambda q: q.update({"qty": 9}), id="update-dict"),
    pytest.param("name", lambda q: q.update(qty=9), id="update-keywords"),
    pytest.param("name", lambda q: q.delete(), id="delete"),
    pytest.param("name", lambda q: q.filter(F()).delete(), id="delete-empty-F"),
    pytest.param("name", lambda q: q.filter(F() & F() | F()).update({"qty": 9}),
                 id="update-empty-tree"),
    pytest.param("name", lambda q: q.exclude(F()).delete(), id="delete-exclude-empty"),
    pytest.param("name", lambda q: q.sort("-qty").limit(1).delete(), id="delete-top"),
    pytest.param("model", lambda q: q.update(qty=9), id="model-update"),
    pytest.param("model", lambda q: q.delete(), id="model-delete"),
    # An empty search selects every row (Directus ignores search=""): it is no
    # filter either, and must not unlock a write of the whole collection.
    pytest.param("name", lambda q: q.search("").delete(), id="delete-empty-search"),
    pytest.param("name", lambda q: q.search("").update({"qty": 9}),
                 id="update-empty-search"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "write"), UNFILTERED_WRITES)
async def test_write_without_filter_is_refused(
    directus: Directus,
    things: str,
    admin_http: httpx.AsyncClient,
    kind: str,
    write: Action,
) -> None:
    before = await snapshot(admin_http, things)
    target = aimed(Thing, things) if kind == "model" else things
    with pytest.raises(UsageError):
        await outcome(lambda: write(directus.collection(target)))
    assert await snapshot(admin_http, things) == before


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda q: q.delete(), id="delete"),
        pytest.param(lambda q: q.update({"qty": 9}), id="update"),
        pytest.param(lambda q: q.offset(3).delete(), id="delete-offset"),
    ],
)
async def test_filtered_write_respects_limit_or_refuses_it(
    directus: Directus, things: str, admin_http: httpx.AsyncClient, write: Action
) -> None:
    # filter(...).limit(1).delete() must not touch more than one row: either the
    # limit is honoured or the call is refused (Django refuses a sliced delete).
    before = await snapshot(admin_http, things)
    query = directus.collection(things).filter(qty__gte=0).sort("id").limit(1)
    try:
        await outcome(lambda: write(query))
    except UsageError:
        assert await snapshot(admin_http, things) == before
        return
    after = await snapshot(admin_http, things)
    touched = [row for row in before[things] if row not in after[things]]
    assert len(touched) <= 1, f"limit(1) wrote {len(touched)} rows: {touched}"


# -- batches ---------------------------------------------------------------------------


async def test_bulk_update_with_a_deleted_key_names_it(
    directus: Directus, things: str, admin_http: httpx.AsyncClient
) -> None:
    model = aimed(Thing, things)
    items = await directus.collection(model).sort("id").all()
    gone = items[1].id
    response = await admin_http.delete(f"/items/{things}/{gone}")
    assert response.status_code == 204, response.text
    for item in items:
        item.qty = 100
    with pytest.raises(model.DoesNotExist) as raised:
        await directus.collection(model).bulk_update(items, ["qty"])
    assert isinstance(raised.value, DoesNotExist)
    assert isinstance(raised.value, LookupError)
    assert f"[{gone}]" in str(raised.value)
    # Directus applies a batch PATCH to the keys that exist and skips the others:
    # the rest were written (the message says so) and the deleted item stays gone.
    stored = await rows(admin_http, things)
    assert [row["id"] for row in stored] == [
        item.id for item in items if item.id != gone
    ]
    assert {row["qty"] for row in stored} == {100}


@pytest.mark.parametrize(
    ("kind", "write"),
    [
        pytest.param(
            "name",
            lambda q, m: q.create([{"name": "n1"}, {"name": "n2"}, {"name": "n1"}]),
            id="duplicate-within-batch",
        ),
        pytest.param(
            "model",
            lambda q, m: q.create([m(name="fresh"), m(name="beta")]),
            id="duplicate-of-existing",
        ),
        pytest.param(
            "model",
            lambda q, m: q.bulk_create([m(name="n1"), m(name="n2"), m(name="n2")]),
            id="bulk-create-one-batch",
        ),
        pytest.param(
            "name",
            lambda q, m: q.create([{"name": "n1"}, {"name": "n2", "id": 1}]),
            id="duplicate-primary-key",
        ),
    ],
)
async def test_duplicate_unique_value_in_a_batch_writes_nothing(
    directus: Directus,
    things: str,
    admin_http: httpx.AsyncClient,
    kind: str,
    write: Callable[[QuerySet[Any], Any], object],
) -> None:
    before = await snapshot(admin_http, things)
    model = aimed(Thing, things)
    query = directus.collection(model if kind == "model" else things)
    with pytest.raises(RecordNotUniqueError) as raised:
        await outcome(lambda: write(query, model))
    assert raised.value.extensions.get("collection") == things
    assert raised.value.extensions.get("field") in ("name", "id")
    assert await snapshot(admin_http, things) == before
