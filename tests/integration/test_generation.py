"""Models generated from the live server, drift checks, and live-schema validation."""

from __future__ import annotations

import asyncio
import datetime
import decimal
import importlib.util
import sys
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from pydantic import Field

from directus_orm import (
    Directus,
    DirectusConfig,
    DirectusModel,
    InvalidDataError,
    SchemaMismatchError,
    ValueTooLongError,
)
from directus_orm._cli import main as cli
from directus_orm.testing import DirectusServer
from tests.integration.conftest import MakeCollection, add_m2o, field, pk_field, rows

pytestmark = pytest.mark.integration


def every_type(suffix: str) -> list[dict[str, Any]]:
    """Fields of every Directus type that SQLite can read back (no geometry)."""
    return [
        pk_field(),
        {
            "field": "f_string",
            "type": "string",
            "meta": {"required": True},
            "schema": {"max_length": 20, "is_nullable": False, "is_unique": True},
        },
        {
            "field": "f_choice",
            "type": "string",
            "meta": {
                "interface": "select-dropdown",
                "options": {
                    "choices": [
                        {"text": "A", "value": "a"},
                        {"text": "B", "value": "b"},
                    ]
                },
            },
            "schema": {"default_value": "a"},
        },
        field("f_text", "text"),
        {
            "field": "f_integer",
            "type": "integer",
            "schema": {"default_value": 42, "is_nullable": False},
        },
        field("f_biginteger", "bigInteger"),
        field("f_float", "float"),
        field("f_decimal", "decimal", numeric_precision=10, numeric_scale=2),
        {
            "field": "f_boolean",
            "type": "boolean",
            "meta": {"special": ["cast-boolean"]},
            "schema": {"default_value": False, "is_nullable": False},
        },
        {
            "field": "f_uuid",
            "type": "uuid",
            "meta": {"special": ["uuid"]},
            "schema": {},
        },
        field("f_json", "json"),
        field("f_csv", "csv"),
        field("f_date", "date"),
        field("f_time", "time"),
        field("f_datetime", "dateTime"),
        {
            "field": "f_timestamp",
            "type": "timestamp",
            "meta": {"special": ["date-created"]},
            "schema": {},
        },
        {
            "field": "f_hash",
            "type": "hash",
            "meta": {"special": ["hash"]},
            "schema": {},
        },
        {
            "field": "f_divider",
            "type": "alias",
            "meta": {
                "interface": "presentation-divider",
                "special": ["alias", "no-data"],
            },
        },
    ]


async def run_cli(args: list[str]) -> int:
    """Run the command line in a thread, as its own process would (own loop)."""
    return await asyncio.to_thread(cli, args)


def load(source: str, tmp_path: Path) -> ModuleType:
    path = tmp_path / f"generated_{uuid.uuid4().hex[:8]}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def model_for(module: ModuleType, collection: str) -> type[DirectusModel]:
    for value in vars(module).values():
        if (
            isinstance(value, type)
            and issubclass(value, DirectusModel)
            and value.model_config.get("collection") == collection
        ):
            return value
    raise AssertionError(f"no model for {collection}")


async def test_generated_models_round_trip(
    directus: Directus,
    make_collection: MakeCollection,
    admin_http: httpx.AsyncClient,
    tmp_path: Path,
) -> None:
    suffix = uuid.uuid4().hex[:6]
    types_name = await make_collection("types", every_type(suffix))
    owners = await make_collection("owners", [pk_field(), field("name", "string")])
    await add_m2o(admin_http, types_name, "owner", owners, one_field="things")
    source = await directus.schema.generate_models([types_name, owners])
    assert "do not edit" in source
    assert source == await directus.schema.generate_models([owners, types_name])
    module = load(source, tmp_path)
    Types = model_for(module, types_name)
    Owner = model_for(module, owners)
    assert "f_divider" not in Types.model_fields
    directus.bind(Types, Owner)

    owner = Owner.model_validate({"name": "Ada"})
    await owner.save()
    item = Types.model_validate(
        {
            "f_string": "row1",
            "f_text": "long text",
            "f_biginteger": 2**40,
            "f_float": 3.5,
            "f_decimal": decimal.Decimal("12.34"),
            "f_boolean": True,
            "f_json": {"a": [1, 2, {"b": None}]},
            "f_csv": ["x", "y"],
            "f_date": datetime.date(2024, 2, 29),
            "f_time": datetime.time(13, 45, 30),
            "f_datetime": datetime.datetime(2024, 2, 29, 13, 45, 30),
            "f_hash": "secret",
            "owner": owner.pk,
        }
    )
    await item.save()
    stored = (await rows(admin_http, types_name))[0]
    assert stored["f_string"] == "row1"
    assert stored["f_integer"] == 42  # server default
    assert stored["f_choice"] == "a"
    assert stored["f_csv"] == ["x", "y"]
    assert stored["f_json"] == {"a": [1, 2, {"b": None}]}
    assert stored["f_date"] == "2024-02-29"
    assert stored["f_hash"].startswith("$argon2")

    loaded: Any = await Types.objects.get(item.pk)
    assert loaded.f_date == datetime.date(2024, 2, 29)
    assert loaded.f_time == datetime.time(13, 45, 30)
    assert loaded.f_datetime == datetime.datetime(2024, 2, 29, 13, 45, 30)
    assert loaded.f_timestamp.tzinfo is not None
    assert isinstance(loaded.f_uuid, uuid.UUID)
    assert loaded.f_boolean is True
    assert loaded.owner == owner.pk
    expanded: Any = await Types.objects.fields("*", "owner.*").get(item.pk)
    assert isinstance(expanded.owner, Owner)

    loaded.f_float = 4.5
    loaded.f_csv = ["z"]
    assert loaded.changed_fields == {"f_float", "f_csv"}
    await loaded.save()
    stored = (await rows(admin_http, types_name))[0]
    assert (stored["f_float"], stored["f_csv"]) == (4.5, ["z"])
    with pytest.raises(InvalidDataError):
        await Types.objects.create(f_string="x" * 21)  # max_length from the schema
    await loaded.delete()
    assert await rows(admin_http, types_name) == []


async def test_cli_generate_and_check(
    directus_server: DirectusServer,
    directus: Directus,
    make_collection: MakeCollection,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name = await make_collection("cli", [pk_field(), field("title", "string")])
    target = tmp_path / "models.py"
    base = ["--url", directus_server.url, "--token", directus_server.token]
    assert (
        await run_cli(["generate", *base, "--collection", name, "-o", str(target)]) == 0
    )
    first = target.read_text()
    args = ["generate", *base, "--collection", name, "-o", str(target), "--check"]
    assert await run_cli(args) == 0
    await directus.fields.create(name, field="added", type="integer")
    capsys.readouterr()
    assert await run_cli(args) == 1
    assert "+    added" in capsys.readouterr().out
    assert target.read_text() == first  # --check never writes
    bad = ["generate", "--url", directus_server.url, "--token", "wrong", "-o", "x.py"]
    assert await run_cli(bad) == 2
    assert "wrong" not in capsys.readouterr().err


async def test_check_models_and_bind_validate(
    directus: Directus, make_collection: MakeCollection
) -> None:
    name = await make_collection(
        "drift",
        [pk_field(), field("title", "string", max_length=50), field("qty", "integer")],
    )

    class Good(DirectusModel):
        model_config = DirectusConfig(collection=name)
        id: int | None = None
        title: str | None = Field(default=None, max_length=50)
        qty: int | None = None

    class Bad(DirectusModel):
        model_config = DirectusConfig(collection=name, primary_key="title")
        title: str = Field(max_length=20)
        qty: str | None = None
        colour: str | None = None

    class Missing(DirectusModel):
        model_config = DirectusConfig(collection=f"{name}_nope")
        id: int | None = None

    assert await directus.check_models(Good) == []
    await directus.bind(Good, validate=True)
    kinds = {(d.kind.value, d.field) for d in await directus.check_models(Bad)}
    assert kinds == {
        ("field missing on server", "colour"),
        ("field missing on model", "id"),
        ("type mismatch", "qty"),
        ("nullability mismatch", "title"),
        ("max_length mismatch", "title"),
        ("primary key mismatch", "title"),
    }
    with pytest.raises(SchemaMismatchError) as caught:
        await directus.bind(Bad, Missing, validate=True)
    assert "collection missing" in str(caught.value)


async def test_name_based_validation_uses_the_live_schema(
    directus: Directus, make_collection: MakeCollection, admin_http: httpx.AsyncClient
) -> None:
    name = await make_collection(
        "checked",
        [pk_field(), field("title", "string", max_length=100), field("n", "integer"),
         field("big", "bigInteger")],
    )  # fmt: skip
    query = directus.collection(name, validate=True)
    with pytest.raises(InvalidDataError, match="101 characters"):
        await query.create({"title": "x" * 101})
    with pytest.raises(InvalidDataError, match="integer"):
        await query.create({"title": "ok", "n": "abc"})
    with pytest.raises(InvalidDataError, match="2\\*\\*53"):
        await query.create({"big": 2**53 + 1})
    with pytest.raises(InvalidDataError, match="no such field"):
        await query.create({"nope": 1})
    assert await rows(admin_http, name) == []  # nothing reached the server
    made = await query.create({"title": "ok", "n": 1})
    with pytest.raises(InvalidDataError):
        await query.update(made["id"], {"n": 1.5})
    # A schema change through this client refreshes the validator.
    await directus.fields.create(name, field="extra", type="string")
    await query.create({"title": "second", "extra": "fine"})
    # Unvalidated queries send what they are given: SQLite stores it, PostgreSQL
    # refuses it.
    try:
        await directus.collection(name).create({"title": "y" * 101})
    except ValueTooLongError:
        assert len(await rows(admin_http, name)) == 2
    else:
        assert len(await rows(admin_http, name)) == 3


async def test_create_collection_from_a_model(
    directus: Directus, admin_http: httpx.AsyncClient
) -> None:
    suffix = uuid.uuid4().hex[:8]

    class Maker(DirectusModel):
        model_config = DirectusConfig(collection=f"makers_{suffix}")
        id: int | None = None
        name: str = Field(max_length=40)

    class Gadget(DirectusModel):
        model_config = DirectusConfig(collection=f"gadgets_{suffix}")
        id: int | None = None
        label: str = Field(max_length=30)
        price: float | None = None
        tags: list[str] | None = None
        maker: int | Maker | None = None

    try:
        await directus.schema.create_collection(Maker)
        await directus.schema.create_collection(Gadget)
        assert await directus.check_models(Maker, Gadget) == []
        directus.bind(Maker, Gadget)
        acme = await Maker.objects.create(name="Acme")
        gadget = await Gadget.objects.create(label="g", tags=["a"], maker=acme)
        expanded = await Gadget.objects.fields("*", "maker.*").get(gadget.pk)
        assert isinstance(expanded.maker, Maker)
        assert expanded.maker.name == "Acme"
        assert expanded.tags == ["a"]
    finally:
        for name in (Gadget, Maker):
            await admin_http.delete(f"/collections/{name.model_config['collection']}")
