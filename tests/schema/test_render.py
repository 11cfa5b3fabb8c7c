"""render_models: captured Directus 12.3.1 schema JSON → expected modules (goldens).

Set DIRECTUS_ORM_UPDATE_GOLDENS=1 to rewrite the goldens from the current output.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import random
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import ValidationError

from directus_orm import DirectusModel, UsageError
from directus_orm._model_fields import model_fields
from directus_orm._models import model_meta
from directus_orm.schema._objects import CollectionInfo, FieldInfo, RelationInfo
from directus_orm.schema._render import render_models
from directus_orm.schema._typemap import class_name, field_name

REFERENCE = Path("/work/shared/reference/directus-12.3.1")
GOLDENS = Path(__file__).parent / "goldens"
ROOT = Path(__file__).parents[2]
SOURCE = "http://127.0.0.1:8062"

Schema = tuple[list[CollectionInfo], list[FieldInfo], list[RelationInfo]]


def _load(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((REFERENCE / name).read_text())["data"]
    return data


def fixture_schema() -> Schema:
    return (
        [CollectionInfo.model_validate(c) for c in _load("collections.json")],
        [FieldInfo.model_validate(f) for f in _load("fields.json")],
        [RelationInfo.model_validate(r) for r in _load("relations.json")],
    )


def _field(
    collection: str,
    field: str,
    type_: str,
    schema: dict[str, Any] | None = None,
    **meta: Any,
) -> FieldInfo:
    return FieldInfo.model_validate(
        {
            "collection": collection,
            "field": field,
            "type": type_,
            "meta": {"collection": collection, "field": field, **meta},
            "schema": schema,
        }
    )


def _collection(name: str, note: str | None = None, folder: bool = False) -> Any:
    schema = None if folder else {"name": name}
    return CollectionInfo.model_validate(
        {"collection": name, "meta": {"note": note}, "schema": schema}
    )


def _relation(collection: str, field: str, related: str | None, **meta: Any) -> Any:
    return RelationInfo.model_validate(
        {
            "collection": collection,
            "field": field,
            "related_collection": related,
            "meta": {"many_collection": collection, "many_field": field, **meta},
        }
    )


INT_PK = {"is_primary_key": True, "has_auto_increment": True, "is_nullable": False}
LONG = "a_collection_with_a_rather_long_name_for_line_wrapping"


def edge_schema() -> Schema:
    """Names Python rejects, unknown types, long lines, everything generated once."""
    collections = [
        _collection(
            "events",
            note='Events, "quoted", with a back\\slash and caf\u00e9 \u2013 '
            "long enough to need a docstring body instead of a single line here.",
        ),
        _collection(LONG),
        _collection("1st items", note="first: \u6807\u9898\uff0c\u5b8c\u6210"),
        _collection("decimal"),
        _collection("directus_users"),
        _collection("group_folder", folder=True),
    ]
    fields = [
        _field("events", "id", "uuid", {"is_primary_key": True}, special=["uuid"]),
        _field("events", "date", "date", {}, sort=2),
        _field("events", "time", "time", {}, sort=3),
        _field("events", "class", "string", {"max_length": 10}, sort=4),
        _field("events", "my field", "integer", {"is_nullable": False}, required=True),
        _field("events", "pk", "string", {}),
        _field("events", "json", "json", {}, special=["cast-json"]),
        _field("events", "model_number", "integer", {}),
        _field("events", "_secret", "text", {}),
        _field("events", "\u6807\u9898", "string", {"max_length": 50}),
        _field(
            "events",
            "amount",
            "decimal",
            {"numeric_precision": 10, "numeric_scale": 2, "default_value": "12.50"},
        ),
        _field(
            "events",
            "priority",
            "integer",
            {"is_nullable": False, "default_value": 2},
            interface="select-radio",
            options={"choices": [{"text": str(n), "value": n} for n in (1, 2, 3)]},
        ),
        _field(
            "events",
            "kind",
            "string",
            {},
            interface="select-dropdown",
            options={"allowOther": True, "choices": [{"text": "A", "value": "a"}]},
        ),
        _field(
            "events",
            "status",
            "string",
            {"is_nullable": False, "default_value": "draft-version"},
            interface="select-dropdown",
            options={
                "choices": [
                    {"text": v, "value": v}
                    for v in (
                        "draft-version",
                        "in-review-by-the-editors",
                        "published-to-the-website",
                        "archived-for-good",
                        'with "quotes"',
                        None,
                    )
                ]
            },
        ),
        _field("events", "vector", "vector", {}),
        _field("events", "blob", "binary", {}),
        _field("events", "location", "geometry.Point", {}),
        _field("events", "tags", "csv", {}, special=["cast-csv"]),
        _field("events", "created", "timestamp", {}, special=["date-created"]),
        _field("events", "updated_by", "uuid", {}, special=["user-updated"]),
        _field(
            "events",
            "a_very_long_field_name_for_an_m2o_relation_to_another_one",
            "string",
            {},
            special=["m2o"],
        ),
        _field("events", "sessions", "alias", None, special=["o2m"]),
        _field(
            "events",
            "divider",
            "alias",
            None,
            special=["alias", "no-data"],
            interface="presentation-divider",
        ),
        _field("events", "readonly_note", "text", {}, readonly=True),
        _field(LONG, "code", "string", {"is_primary_key": True, "is_nullable": False}),
        _field(LONG, "events_with_a_long_alias_name", "alias", None, special=["o2m"]),
        _field(LONG, "item", "string", {}),
        _field("1st items", "id", "integer", INT_PK),
        _field("1st items", "Date", "dateTime", {}),
        _field("decimal", "id", "integer", INT_PK),
        _field("directus_users", "id", "uuid", {"is_primary_key": True}),
    ]
    relations = [
        _relation("events", "updated_by", "directus_users"),
        _relation(
            "events",
            "a_very_long_field_name_for_an_m2o_relation_to_another_one",
            LONG,
            one_collection=LONG,
            one_field="events_with_a_long_alias_name",
        ),
        _relation(
            LONG,
            "item",
            None,
            one_allowed_collections=["events", "decimal", "1st items", "missing"],
        ),
    ]
    return collections, fields, relations


def render(schema: Schema, **options: Any) -> str:
    return render_models(*schema, source=SOURCE, **options)


def check_golden(name: str, text: str) -> None:
    path = GOLDENS / name
    if os.environ.get("DIRECTUS_ORM_UPDATE_GOLDENS") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} is stale"


# -- goldens and determinism -----------------------------------------------------------


def test_golden_user_collections() -> None:
    check_golden("user_collections.py", render(fixture_schema()))


def test_golden_edge_cases() -> None:
    check_golden("edge_cases.py", render(edge_schema()))


@pytest.mark.parametrize("make", [fixture_schema, edge_schema], ids=["fixture", "edge"])
def test_input_order_does_not_change_a_byte(make: Any) -> None:
    collections, fields, relations = make()
    expected = render((collections, fields, relations))
    for seed in range(3):
        rng = random.Random(seed)
        shuffled = [list(part) for part in (collections, fields, relations)]
        for part in shuffled:
            rng.shuffle(part)
        assert render((shuffled[0], shuffled[1], shuffled[2])) == expected


def test_header_has_source_and_hash_but_no_clock() -> None:
    text = render(fixture_schema())
    assert text.startswith(f'"""Generated by directus-orm from {SOURCE}; do not edit.')
    assert "schema hash: " in text
    assert str(datetime.date.today().year) not in text


def test_hash_follows_the_facts_read_not_cosmetics() -> None:
    collections, fields, relations = fixture_schema()
    digest = render((collections, fields, relations)).split("schema hash: ")[1][:64]
    cosmetic = []
    for field in fields:
        meta = (
            field.meta.model_copy(update={"width": "half", "id": 9})
            if field.meta
            else None
        )
        cosmetic.append(field.model_copy(update={"meta": meta}))
    same = render((collections, cosmetic, relations))
    assert same.split("schema hash: ")[1][:64] == digest
    relevant = [
        f.model_copy(update={"type": "integer"}) if f.field == "f_text" else f
        for f in fields
    ]
    changed = render((collections, relevant, relations))
    assert changed.split("schema hash: ")[1][:64] != digest


def test_long_source_gets_its_own_lines() -> None:
    source = "https://" + "very-long-host." * 8 + "example.com/path"
    text = render_models(*edge_schema(), source=source)
    assert text.startswith('"""Generated by directus-orm; do not edit.\n\nSource:\n')
    assert f"\n{source}\n" in text


# -- the type map ----------------------------------------------------------------------


def field_lines(*fields: FieldInfo, relations: list[RelationInfo] | None = None) -> str:
    """Render ``things`` with ``fields``; return its field lines after ``id``."""
    pk = _field("things", "id", "integer", INT_PK, sort=0)
    text = render(([_collection("things")], [pk, *fields], relations or []))
    body = text.split("    id: int | None = None\n", 1)[1]
    return body.split("\n\n\n", 1)[0]


@pytest.mark.parametrize(
    ("type_", "special", "annotation"),
    [
        pytest.param("string", [], "str", id="string"),
        pytest.param("text", [], "str", id="text"),
        pytest.param("hash", ["hash"], "str", id="hash"),
        pytest.param("uuid", [], "UUID", id="uuid"),
        pytest.param("integer", [], "int", id="integer"),
        pytest.param("bigInteger", [], "int", id="bigInteger"),
        pytest.param("float", [], "float", id="float"),
        pytest.param("decimal", [], "Decimal", id="decimal"),
        pytest.param("boolean", ["cast-boolean"], "bool", id="boolean"),
        pytest.param("json", ["cast-json"], "JsonValue", id="json"),
        pytest.param("csv", ["cast-csv"], "list[str]", id="csv"),
        pytest.param("text", ["cast-csv"], "list[str]", id="cast-csv"),
        pytest.param("date", [], "date", id="date"),
        pytest.param("time", [], "time", id="time"),
        pytest.param("dateTime", [], "datetime", id="dateTime"),
        pytest.param("timestamp", ["cast-timestamp"], "AwareDatetime", id="timestamp"),
        pytest.param("binary", [], "str", id="binary"),
        pytest.param("geometry", [], "JsonValue", id="geometry"),
        pytest.param("geometry.Point", [], "JsonValue", id="geometry.Point"),
        pytest.param("geometry.MultiPolygon", [], "JsonValue", id="geometry.Multi"),
        pytest.param("vector", [], "JsonValue", id="unknown"),
        pytest.param("string", ["user-created"], "str", id="user-created-string"),
        pytest.param("uuid", ["user-updated"], "str", id="user-updated-uuid"),
        pytest.param("uuid", ["file"], "UUID", id="file"),
    ],
)
def test_type_map(type_: str, special: list[str], annotation: str) -> None:
    lines = field_lines(_field("things", "f", type_, {}, special=special))
    assert lines.splitlines()[-1] == f"    f: {annotation} | None = None"


@pytest.mark.parametrize(
    ("type_", "comment"),
    [
        pytest.param("binary", "# Directus sends binary columns as strings.", id="bin"),
        pytest.param("geometry.Point", '# GeoJSON "geometry.Point".', id="geo"),
        pytest.param("vector", '# Unknown Directus type "vector": typed as', id="new"),
    ],
)
def test_fallback_types_are_commented(type_: str, comment: str) -> None:
    assert comment in field_lines(_field("things", "f", type_, {}))


@pytest.mark.parametrize(
    ("field", "line"),
    [
        pytest.param(
            _field("things", "f", "string", {"is_nullable": False}, required=True),
            "f: str",
            id="required",
        ),
        pytest.param(
            _field("things", "f", "string", {}, required=True),
            "f: str | None = None",
            id="required-but-nullable",
        ),
        pytest.param(
            _field(
                "things", "f", "integer", {"is_nullable": False, "default_value": 4}
            ),
            "f: int = 4",
            id="not-null-default",
        ),
        pytest.param(
            _field(
                "things",
                "f",
                "integer",
                {"is_nullable": False, "default_value": 4},
                required=True,
            ),
            "f: int = 4",
            id="required-with-default",
        ),
        pytest.param(
            _field("things", "f", "float", {"default_value": 1.5}),
            "f: float | None = 1.5",
            id="nullable-default",
        ),
        pytest.param(
            _field("things", "f", "boolean", {"default_value": False}),
            "f: bool | None = False",
            id="bool-default",
        ),
        pytest.param(
            _field("things", "f", "integer", {"default_value": "nextval('x')"}),
            "f: int | None = None",
            id="expression-default",
        ),
        pytest.param(
            _field("things", "f", "integer", {"default_value": True}),
            "f: int | None = None",
            id="bool-is-no-int",
        ),
        pytest.param(
            _field(
                "things",
                "f",
                "timestamp",
                {"is_nullable": False, "default_value": "CURRENT_TIMESTAMP"},
                required=True,
                special=["date-created", "cast-timestamp"],
            ),
            "f: AwareDatetime | None = None",
            id="server-set",
        ),
        pytest.param(
            _field("things", "f", "string", {"max_length": 20, "default_value": "a"}),
            'f: str | None = Field(default="a", max_length=20)',
            id="max-length",
        ),
        pytest.param(
            _field("things", "f", "decimal", {"numeric_precision": 10}),
            "f: Decimal | None = None",
            id="decimal-precision-only",
        ),
        pytest.param(
            _field(
                "things", "f", "decimal", {"numeric_precision": 8, "numeric_scale": 3}
            ),
            "f: Decimal | None = Field(default=None, max_digits=8, decimal_places=3)",
            id="decimal-precision-scale",
        ),
        pytest.param(
            _field(
                "things",
                "f",
                "string",
                {"default_value": "c"},
                interface="select-dropdown",
                options={"choices": [{"text": "A", "value": "a"}]},
            ),
            'f: str | None = "c"',
            id="default-outside-choices",
        ),
        pytest.param(
            _field("things", "f", "integer", {}, readonly=True),
            "# Read-only in the Directus app.\n    f: int | None = None",
            id="readonly",
        ),
    ],
)
def test_required_defaults_and_constraints(field: FieldInfo, line: str) -> None:
    assert field_lines(field).strip() == line


@pytest.mark.parametrize(
    ("collection", "expected"),
    [
        pytest.param("articles_tags", "ArticlesTags", id="snake"),
        pytest.param("my collection", "MyCollection", id="space"),
        pytest.param("1st_items", "Collection1stItems", id="digit"),
        pytest.param("\u00e4rtikel", "Artikel", id="non-ascii"),
        pytest.param("\u6807\u9898", "Collection", id="nothing-ascii"),
        pytest.param("decimal", "DecimalModel", id="clashes-with-import"),
    ],
)
def test_class_name(collection: str, expected: str) -> None:
    assert class_name(collection) == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        pytest.param("title", "title", id="valid"),
        pytest.param("class", "class_", id="keyword"),
        pytest.param("my field", "my_field", id="space"),
        pytest.param("1st", "field_1st", id="digit"),
        pytest.param("_secret", "secret", id="private"),
        pytest.param("a__b", "a_b", id="lookup-separator"),
        pytest.param("pk", "pk_", id="model-api"),
        pytest.param("json", "json_", id="basemodel"),
        pytest.param("schema", "schema_", id="basemodel-schema"),
        pytest.param("model_config", "model_config_", id="model-config"),
        pytest.param("objects", "objects_", id="manager"),
        pytest.param("str", "str_", id="builtin-in-annotations"),
        pytest.param("\u6807\u9898", "field", id="nothing-ascii"),
    ],
)
def test_field_name(field: str, expected: str) -> None:
    from directus_orm.schema._typemap import RESERVED_FIELD_NAMES

    assert field_name(field, RESERVED_FIELD_NAMES) == expected


def test_unknown_type_and_bad_names_do_not_crash() -> None:
    text = field_lines(
        _field("things", "class", "vector", {}),
        _field("things", "my field", "integer", {}),
        _field("things", "my_field", "integer", {}),
        _field("things", "pk", "string", {}),
        _field("things", "pk_", "string", {}),
    )
    assert 'class_: JsonValue | None = Field(default=None, alias="class")' in text
    assert "    my_field: int | None = None" in text  # the valid name keeps its own
    assert 'my_field_2: int | None = Field(default=None, alias="my field")' in text
    assert '    pk_2: str | None = Field(default=None, alias="pk")' in text


# -- relations and selection -----------------------------------------------------------


def test_relations_to_collections_not_generated_are_keys() -> None:
    text = render(fixture_schema(), collections_filter=["articles"])
    assert "class Articles(DirectusModel):" in text
    assert "class Authors" not in text
    assert "    author: int | None = None" in text
    assert "    tags: list[int] | None = None" in text


def test_filter_rejects_unknown_collections() -> None:
    assert "class Tags(" in render(fixture_schema(), collections_filter="tags")
    with pytest.raises(UsageError, match="unknown collections: nope"):
        render(fixture_schema(), collections_filter=["articles", "nope"])


def test_folders_and_system_collections_are_skipped() -> None:
    text = render(fixture_schema())
    assert "ContentFolder" not in text
    assert "class Directus" not in text
    named = render(fixture_schema(), collections_filter=["directus_users"])
    assert "class DirectusUsers(DirectusModel):" in named


def test_include_system_links_users() -> None:
    text = render(fixture_schema(), include_system=True)
    assert "    user_created: UUID | DirectusUsers | None = None" in text
    assert "    f_file: UUID | DirectusFiles | None = None" in text
    module = load_module(text, "directus_orm_generated_system")
    assert issubclass(module.DirectusUsers, DirectusModel)


# -- the generated module works --------------------------------------------------------


def load_module(text: str, name: str) -> ModuleType:
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic resolves forward references through it
    try:
        exec(compile(text, f"<{name}>", "exec"), module.__dict__)
    finally:
        del sys.modules[name]
    return module


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    path = tmp_path_factory.mktemp("generated") / "generated_models.py"
    path.write_text((GOLDENS / "user_collections.py").read_text())
    spec = importlib.util.spec_from_file_location("generated_models", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generated_models"] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules["generated_models"]


# GET /items/all_types (non-geometry fields), BEHAVIOUR.md §1.
ALL_TYPES_ROW = {
    "id": 1,
    "f_string": "row1",
    "f_string_default": "a",
    "f_text": "long text",
    "f_integer": 7,
    "f_biginteger": 9007199254740992,
    "f_float": 3.14,
    "f_decimal": 12.34,
    "f_boolean": True,
    "f_uuid": "b656bd4b-055d-4b09-ae5a-ff7088205703",
    "f_json": {"a": [1, 2, {"b": None}]},
    "f_csv": ["x", "y", "z"],
    "f_date": "2024-02-29",
    "f_time": "13:45:30",
    "f_datetime": "2024-02-29T13:45:30",
    "f_timestamp": "2026-11-21T05:22:30.570Z",
    "f_hash": "$argon2id$v=19$m=65536,t=3,p=4$Sw74uelvh61Y7q6Ow2Nx2w$W+d/uozSmhdABx",
    "f_binary": None,
    "user_created": "3093d69d-3379-46a2-9f0d-3bc48f2f5290",
    "f_file": None,
    "children": [1, 2],
    "f_m2a": [1, 2],
}


def test_all_types_row_validates(models: ModuleType) -> None:
    item = models.AllTypes.model_validate(ALL_TYPES_ROW)
    assert item.f_timestamp == datetime.datetime(
        2026, 11, 21, 5, 22, 30, 570000, tzinfo=datetime.UTC
    )
    assert item.f_datetime == datetime.datetime(2024, 2, 29, 13, 45, 30)
    assert item.f_date == datetime.date(2024, 2, 29)
    assert item.f_time == datetime.time(13, 45, 30)
    assert item.f_uuid == uuid.UUID("b656bd4b-055d-4b09-ae5a-ff7088205703")
    assert item.f_csv == ["x", "y", "z"]
    assert item.f_json == {"a": [1, 2, {"b": None}]}
    assert item.f_decimal == 12.34
    assert item.children == [1, 2]
    assert item.f_m2a == [1, 2]
    assert item.user_created == "3093d69d-3379-46a2-9f0d-3bc48f2f5290"


def test_defaults_only_row_validates(models: ModuleType) -> None:
    row = {key: None for key in ALL_TYPES_ROW} | {
        "id": 2,
        "f_string": "row2",
        "f_string_default": "a",
        "f_integer": 42,
        "f_float": 1.5,
        "f_boolean": False,
        "f_uuid": "8f009394-64a1-4662-a6b4-2f7028c38713",
        "f_timestamp": "2026-11-21T05:22:30.740Z",
        "children": [],
        "f_m2a": [],
    }
    assert models.AllTypes.model_validate(row).f_integer == 42
    fresh = models.AllTypes(f_string="new")
    assert (fresh.f_integer, fresh.f_boolean, fresh.f_string_default) == (
        42,
        False,
        "a",
    )


def test_expanded_relations_hold_models(models: ModuleType) -> None:
    # GET /items/all_types/1?fields=id,children.*,f_m2a.*,f_m2a.item:authors.name,...
    item = models.AllTypes.model_validate(
        {
            "id": 1,
            "f_string": "row1",
            "children": [
                {"id": 1, "label": "child A", "parent": 1},
                {"id": 2, "label": "child B", "parent": 1},
            ],
            "f_m2a": [
                {
                    "id": 1,
                    "all_types_id": 1,
                    "collection": "authors",
                    "item": {"name": "Ada"},
                },
                {"id": 2, "all_types_id": 1, "collection": "tags", "item": "2"},
            ],
        }
    )
    assert isinstance(item.children[0], models.AllTypesChildren)
    assert item.children[1].parent == 1
    assert isinstance(item.f_m2a[0].item, models.Authors)
    assert item.f_m2a[0].item.name == "Ada"
    assert item.f_m2a[1].item == "2"
    # GET /items/articles?fields=id,title,tags.tags_id.name,author.name
    article = models.Articles.model_validate(
        {
            "id": 1,
            "title": "Alpha",
            "tags": [{"tags_id": {"name": "python"}}],
            "author": {"name": "Ada"},
        }
    )
    assert isinstance(article.author, models.Authors)
    assert isinstance(article.tags[0], models.ArticlesTags)
    assert isinstance(article.tags[0].tags_id, models.Tags)


def test_article_rows_validate(models: ModuleType) -> None:
    # POST /items/articles response, BEHAVIOUR.md §1.
    article = models.Articles.model_validate(
        {
            "id": 1,
            "title": "Alpha",
            "body": "first post about python",
            "status": "published",
            "published": True,
            "publish_date": "2023-05-01",
            "created_at": "2023-05-01T10:00:00",
            "rating": 4.5,
            "price": 10.5,
            "views": 100,
            "big_views": 9007199254740992,
            "author": 1,
            "tags": [1, 2],
        }
    )
    assert (article.author, article.tags) == (1, [1, 2])
    author = models.Authors.model_validate(
        {"id": 3, "name": "Cy", "email": None, "birth_date": None, "articles": []}
    )
    assert author.articles == []
    assert models.UuidItems.model_validate({"id": str(uuid.UUID(int=1))}).id.int == 1
    assert models.StringItems.model_validate({"code": "a", "name": "A"}).pk == "a"
    assert models.SiteSettings().site_name == "My site"


def test_constraints_are_enforced(models: ModuleType) -> None:
    with pytest.raises(ValidationError):
        models.AllTypes(f_string="x" * 21)
    with pytest.raises(ValidationError):
        models.AllTypes(f_string="ok", f_string_default="c")
    with pytest.raises(ValidationError):
        models.Authors()


def test_query_layer_reads_the_generated_models(models: ModuleType) -> None:
    assert model_meta(models.StringItems).primary_key == "code"
    assert model_meta(models.ArticlesTags).collection == "articles_tags"
    fields = model_fields(models.Articles)
    assert fields.resolve("author").related is models.Authors
    assert fields.resolve("tags").related is models.ArticlesTags
    assert fields.resolve("tags").many
    assert fields.resolve("price").directus_type == "float"


def test_edge_case_module_works() -> None:
    module = load_module(render(edge_schema()), "directus_orm_generated_edge")
    event = module.Events.model_validate(
        {"date": "2024-01-01", "my field": 3, "class": "c", "pk": "p", "amount": "1.5"}
    )
    assert event.date == datetime.date(2024, 1, 1)
    assert (event.my_field, event.class_, event.pk_) == (3, "c", "p")
    assert event.model_dump(by_alias=True)["my field"] == 3
    assert event.status == "draft-version"
    with pytest.raises(ValidationError):
        module.Events(my_field=1, priority=4)


# -- the goldens are clean code --------------------------------------------------------


def test_goldens_pass_ruff_and_mypy() -> None:
    goldens = sorted(str(path) for path in GOLDENS.glob("*.py"))
    assert goldens
    tools = ROOT / ".venv" / "bin"
    commands: list[list[str]] = [
        [str(tools / "ruff"), "check", "--no-cache", *goldens],
        [str(tools / "ruff"), "format", "--check", "--no-cache", *goldens],
        [str(tools / "mypy"), "--strict", *goldens],
    ]
    for command in commands:
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
