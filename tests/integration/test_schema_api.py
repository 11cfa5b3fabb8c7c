"""The Fields, Collections and Relations APIs over REST and GraphQL, on the server."""

from __future__ import annotations

import uuid

import httpx
import pytest

from directus_orm import Directus, DoesNotExist, QueryError
from directus_orm.schema import FieldInfo, FieldMeta, FieldSchema
from tests.integration.conftest import MakeCollection, field, pk_field

pytestmark = pytest.mark.integration

TRANSPORTS = [pytest.param("rest", id="rest"), pytest.param("graphql", id="graphql")]


async def server_field(
    admin_http: httpx.AsyncClient, collection: str, name: str
) -> int:
    response = await admin_http.get(f"/fields/{collection}/{name}")
    return response.status_code


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_field_lifecycle(
    directus: Directus,
    make_collection: MakeCollection,
    admin_http: httpx.AsyncClient,
    transport: str,
) -> None:
    name = await make_collection("fieldy", [pk_field(), field("title", "string")])
    api = directus.fields
    listed = await api.list(name, transport=transport)  # type: ignore[arg-type]
    assert [f.field for f in sorted(listed, key=lambda f: f.field)] == ["id", "title"]
    everything = await api.list(transport=transport)  # type: ignore[arg-type]
    assert {(f.collection, f.field) for f in everything} >= {
        (name, "id"),
        (name, "title"),
    }

    created = await api.create(
        name,
        field="qty",
        type="integer",
        meta={"note": "how many", "required": False},
        schema={"default_value": 5, "is_nullable": False},
        transport=transport,  # type: ignore[arg-type]
    )
    assert created.type == "integer"
    assert created.schema_ is not None
    assert created.schema_.default_value == 5  # typed, also over GraphQL
    assert await server_field(admin_http, name, "qty") == 200

    got = await api.get(name, "qty", transport=transport)  # type: ignore[arg-type]
    assert got.meta is not None
    assert got.meta.note == "how many"
    assert got.schema_ is not None
    assert got.schema_.is_nullable is False

    updated = await api.update(
        name,
        "qty",
        meta=FieldMeta(note="changed"),
        transport=transport,  # type: ignore[arg-type]
    )
    assert updated.meta is not None
    assert updated.meta.note == "changed"
    raw = (await admin_http.get(f"/fields/{name}/qty")).json()["data"]
    assert raw["meta"]["note"] == "changed"

    await api.delete(name, "qty", transport=transport)  # type: ignore[arg-type]
    assert await server_field(admin_http, name, "qty") == 403


async def test_field_quirks_are_guarded(
    directus: Directus, make_collection: MakeCollection, admin_http: httpx.AsyncClient
) -> None:
    name = await make_collection("quirky", [pk_field()])
    with pytest.raises(DoesNotExist):
        await directus.fields.update(name, "ghost", meta={"note": "x"})
    assert await server_field(admin_http, name, "ghost") == 403  # no alias created
    with pytest.raises(QueryError):
        await directus.fields.create(name, field="bad name!", type="string")
    with pytest.raises(QueryError):
        await directus.fields.create(name, field="untyped", type=None)
    with pytest.raises(QueryError):
        await directus.fields.create(name, field="odd", type="unknown")
    assert await server_field(admin_http, name, "untyped") == 403
    with pytest.raises(DoesNotExist):
        await directus.fields.get(name, "ghost")
    with pytest.raises(DoesNotExist):
        await directus.fields.delete(name, "ghost")


async def test_collections_and_relations_from_python(
    directus: Directus, admin_http: httpx.AsyncClient
) -> None:
    suffix = uuid.uuid4().hex[:8]
    authors, books = f"authors_{suffix}", f"books_{suffix}"
    pk = FieldInfo(
        collection=authors,
        field="id",
        type="integer",
        schema=FieldSchema(is_primary_key=True, has_auto_increment=True),
    )
    try:
        made = await directus.collections.create(
            authors, fields=[pk, {"field": "name", "type": "string", "schema": {}}]
        )
        assert made.collection == authors
        await directus.collections.create(books, fields=[pk.model_copy()])
        await directus.fields.create(books, field="author", type="integer")
        await directus.fields.create(
            authors, field="books", type="alias", meta={"special": ["o2m"]}
        )
        relation = await directus.relations.create(
            books, "author", authors, meta={"one_field": "books"}
        )
        assert relation.related_collection == authors
        assert (await directus.relations.get(books, "author")).meta is not None
        listed = await directus.collections.list()
        assert {authors, books} <= {c.collection for c in listed}
        assert (await directus.collections.get(authors)).is_folder is False
        # The relation works on the server: a nested read follows it.
        await admin_http.post(f"/items/{authors}", json={"name": "Ada"})
        await admin_http.post(f"/items/{books}", json={"author": 1})
        read = await admin_http.get(
            f"/items/{authors}/1", params={"fields": "books.id"}
        )
        assert read.json()["data"] == {"books": [{"id": 1}]}
        await directus.relations.delete(books, "author")
        # The relation's meta, what Directus follows, is gone; PostgreSQL also drops
        # the foreign key, SQLite keeps it.
        try:
            left = await directus.relations.get(books, "author")
        except DoesNotExist:
            pass
        else:
            assert left.meta is None
    finally:
        for name in (books, authors):
            deleted = await admin_http.delete(f"/collections/{name}")
            assert deleted.status_code == 204, deleted.text
    with pytest.raises(DoesNotExist):
        await directus.collections.get(authors)
    with pytest.raises(QueryError):
        await directus.collections.create("directus_mine")
