"""Render Directus collections as the source of a module of ``DirectusModel`` classes.

A pure function of the schema (no I/O, no clock): the same collections, fields and
relations give the same bytes whatever order the server listed them in. The output is
already in ``ruff format`` style and passes ``ruff check`` (the project's rules) and
``mypy --strict``, so generated modules can live in a linted tree [dmcg].

Decisions (``_typemap`` has the type table):

- A field is required (no default) only when ``meta.required``, not nullable, without
  a default, not the primary key and not server-set: an auto-increment key, a
  generated column, or ``special`` ``uuid``/``date-created``/``date-updated``/
  ``user-created``/``user-updated``. Everything else defaults to ``None``, or to
  ``schema.default_value`` when that is a literal of the field's type; a
  non-nullable field with such a default drops ``| None``.
- ``meta.readonly`` is an app setting the API does not enforce, so it becomes a
  comment, not validation.
- Relations are ``key | Model``; to a collection that is not generated, the key alone.
  Presentation aliases are left out, and aliases without a relation are left out
  with a comment.
- The schema hash is the sha256 of the canonical JSON of the facts the renderer read
  (not of whole server answers, so GraphQL and REST inputs hash alike).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence

from directus_orm._exceptions import UsageError
from directus_orm.schema._objects import CollectionInfo, FieldInfo, RelationInfo
from directus_orm.schema._typemap import (
    ALIASABLE_SYMBOLS,
    LINE_LENGTH,
    NONE,
    RESERVED_FIELD_NAMES,
    SYMBOL_MODULES,
    Call,
    Expr,
    Name,
    Sub,
    choice_values,
    class_name,
    comment,
    default_literal,
    doc_text,
    docstring,
    field_name,
    flat,
    py_str,
    quoted,
    renamed,
    scalar_type,
    sentence,
    statement,
    sym,
    symbols,
    union,
    unique,
    wrap,
)

_SERVER_SET = {"uuid", "date-created", "date-updated", "user-created", "user-updated"}
_CHOICE_INTERFACES = ("select-dropdown", "select-radio")
_UNKNOWN_KEY = union([Name("int"), Name("str")])
_IMPORT_GROUPS = (("datetime", "decimal", "typing", "uuid"), ("pydantic",))


def render_models(
    collections: Sequence[CollectionInfo],
    fields: Sequence[FieldInfo],
    relations: Sequence[RelationInfo],
    *,
    source: str,
    collections_filter: Sequence[str] | None = None,
    include_system: bool = False,
) -> str:
    """Return the source of a module with one ``DirectusModel`` per collection.

    Folders (no table) never get a class; ``directus_*`` collections only with
    ``include_system`` or when ``collections_filter`` names them.

    Args:
        collections: ``GET /collections``.
        fields: ``GET /fields``, in any order.
        relations: ``GET /relations``, in any order.
        source: Where the schema came from (URL or file), for the header.
        collections_filter: Generate only these collections. Relations to the
            others are typed by their key only.
        include_system: Also generate the ``directus_*`` collections.

    Returns:
        The module source, ending in a newline.

    Raises:
        UsageError: ``collections_filter`` names a collection the schema lacks.
    """
    schema = _Schema(collections, fields, relations)
    selected = schema.select(collections_filter, include_system=include_system)
    namer = _Namer(schema, selected)
    classes = [_class_spec(schema, namer, collection) for collection in selected]
    return _module(classes, namer.aliases, source, schema.digest())


# -- the schema, indexed ---------------------------------------------------------------


class _Schema:
    """The inputs in a canonical order, indexed; remembers what the renderer read."""

    def __init__(
        self,
        collections: Sequence[CollectionInfo],
        fields: Sequence[FieldInfo],
        relations: Sequence[RelationInfo],
    ) -> None:
        self._used: set[str] = set()
        # Sorting first makes duplicates resolve the same way for any input order.
        self.collections: dict[str, CollectionInfo] = {}
        for info in sorted(collections, key=_collection_key):
            self.collections.setdefault(info.collection, info)
        self._fields: dict[str, dict[str, FieldInfo]] = {}
        for field in sorted(fields, key=_field_key):
            self._fields.setdefault(field.collection, {}).setdefault(field.field, field)
        self._many: dict[tuple[str, str], RelationInfo] = {}
        self._one: dict[tuple[str, str], RelationInfo] = {}
        for relation in sorted(relations, key=_relation_key):
            self._many.setdefault((relation.collection, relation.field), relation)
            meta = relation.meta
            one = (meta and meta.one_collection) or relation.related_collection
            if meta and meta.one_field and one:
                self._one.setdefault((one, meta.one_field), relation)

    def select(
        self, wanted: Sequence[str] | None, *, include_system: bool
    ) -> list[str]:
        """Return the names of the collections to generate, sorted."""
        wanted = [wanted] if isinstance(wanted, str) else wanted
        unknown = sorted(set(wanted or ()) - set(self.collections))
        if unknown:
            raise UsageError(f"unknown collections: {', '.join(unknown)}")
        selected = []
        for name, info in sorted(self.collections.items()):
            if wanted is None:
                if info.is_folder or (info.is_system and not include_system):
                    continue
            elif info.is_folder or name not in wanted:
                continue
            self._used.add(_collection_key(info))
            selected.append(name)
        return selected

    def fields_of(self, collection: str) -> list[FieldInfo]:
        """Return the fields of ``collection`` in ``meta.sort`` order, then by name."""
        found = list(self._fields.get(collection, {}).values())
        self._used.update(map(_field_key, found))
        return sorted(found, key=_display_order)

    def primary_key(self, collection: str | None) -> FieldInfo | None:
        """Return the primary key field of ``collection`` (the first, by name)."""
        found = self._fields.get(collection or "", {})
        for name in sorted(found):
            if (column := found[name].schema_) and column.is_primary_key:
                self._used.add(_field_key(found[name]))
                return found[name]
        return None

    def key_type(self, collection: str | None) -> Expr | None:
        """Return the Python type of the primary key of ``collection``, if known."""
        key = self.primary_key(collection)
        return scalar_type(key.type, key.special).annotation if key else None

    def many_side(self, collection: str, field: str) -> RelationInfo | None:
        """Return the relation stored in ``collection.field`` (M2O, M2A item)."""
        return self._use(self._many.get((collection, field)))

    def one_side(self, collection: str, field: str) -> RelationInfo | None:
        """Return the relation listed by the alias ``collection.field`` (O2M...)."""
        return self._use(self._one.get((collection, field)))

    def _use(self, relation: RelationInfo | None) -> RelationInfo | None:
        if relation is not None:
            self._used.add(_relation_key(relation))
        return relation

    def digest(self) -> str:
        """Return the sha256 of the canonical JSON of everything the renderer read."""
        document = "[" + ",".join(sorted(self._used)) + "]"
        return hashlib.sha256(document.encode()).hexdigest()


def _canonical(facts: dict[str, object]) -> str:
    return json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _collection_key(info: CollectionInfo) -> str:
    note = info.meta.note if info.meta else None
    return _canonical(
        {"collection": info.collection, "folder": info.is_folder, "note": note}
    )


def _field_key(field: FieldInfo) -> str:
    meta, column = field.meta, field.schema_
    options = (meta.options if meta else None) or {}
    return _canonical(
        {
            "collection": field.collection,
            "field": field.field,
            "type": field.type,
            "special": list(field.special),
            "meta": meta.model_dump(include=_META_FACTS) if meta else None,
            "choices": options.get("choices"),
            "allowOther": options.get("allowOther"),
            "schema": column.model_dump(include=_SCHEMA_FACTS) if column else None,
        }
    )


_META_FACTS = {"interface", "readonly", "required", "sort"}
_RELATION_FACTS = {"one_collection", "one_field", "one_allowed_collections"}
_SCHEMA_FACTS = {
    "default_value",
    "max_length",
    "numeric_precision",
    "numeric_scale",
    "is_nullable",
    "is_primary_key",
    "is_generated",
    "has_auto_increment",
}


def _relation_key(relation: RelationInfo) -> str:
    meta = relation.meta
    return _canonical(
        {
            "collection": relation.collection,
            "field": relation.field,
            "related_collection": relation.related_collection,
            "meta": meta.model_dump(include=_RELATION_FACTS) if meta else None,
        }
    )


def _display_order(field: FieldInfo) -> tuple[bool, int, str]:
    sort = field.meta.sort if field.meta else None
    return (sort is None, sort or 0, field.field)


# -- names -----------------------------------------------------------------------------


class _Namer:
    """Class names of the generated collections and Python names of their fields."""

    def __init__(self, schema: _Schema, selected: Sequence[str]) -> None:
        self.classes: dict[str, str] = {}
        for collection in selected:
            taken = set(self.classes.values())
            self.classes[collection] = unique(class_name(collection), taken, "")
        reserved = RESERVED_FIELD_NAMES | set(self.classes.values())
        self.fields = {
            collection: _field_names(
                [f.field for f in schema.fields_of(collection) if _kept(schema, f)],
                reserved,
            )
            for collection in selected
        }
        used = {name for names in self.fields.values() for name in names.values()}
        # A field called like an imported type would shadow it in the class body.
        self.aliases = {name: f"{name}_aliased" for name in ALIASABLE_SYMBOLS & used}


def _field_names(wanted: Sequence[str], reserved: frozenset[str]) -> dict[str, str]:
    # Names that need no change claim theirs first, so renames never steal one.
    names = {field: field for field in wanted if field_name(field, reserved) == field}
    for field in wanted:
        if field not in names:
            names[field] = unique(field_name(field, reserved), set(names.values()))
    return names


def _presentation(field: FieldInfo) -> bool:
    interface = (field.meta.interface if field.meta else None) or ""
    return "no-data" in field.special or interface.startswith(
        ("presentation-", "group-")
    )


def _kept(schema: _Schema, field: FieldInfo) -> bool:
    if _presentation(field):
        return False
    return not field.is_alias or bool(schema.one_side(field.collection, field.field))


# -- classes and fields ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Field:
    name: str
    annotation: Expr
    default: Call | str | None  # None: required
    keywords: list[str]
    comments: list[str]

    def value(self) -> Call | str | None:
        if not self.keywords:
            return self.default
        default = [] if self.default is None else [f"default={flat(self.default)}"]
        return Call("Field", (*default, *self.keywords))


@dataclasses.dataclass(frozen=True, slots=True)
class _Class:
    name: str
    collection: str
    note: str | None
    config: list[str]
    body: list[_Field | str]  # a str is a comment


def _class_spec(schema: _Schema, namer: _Namer, collection: str) -> _Class:
    info = schema.collections[collection]
    config = [f"collection={py_str(collection)}"]
    body: list[_Field | str] = []
    names = namer.fields[collection]
    for field in schema.fields_of(collection):
        if field.field in names:
            body.append(_field_spec(schema, namer, field, names[field.field]))
        elif not _presentation(field):
            body.append(f"{quoted(field.field)}: alias without a relation, left out.")
    key = schema.primary_key(collection)
    if key and key.field != "id":
        config.append(f"primary_key={py_str(key.field)}")
    if any(name.startswith("model_") for name in names.values()):
        config.append("protected_namespaces=()")  # pydantic < 2.10 warns on model_*
    note = info.meta.note if info.meta else None
    return _Class(namer.classes[collection], collection, note, config, body)


def _field_spec(schema: _Schema, namer: _Namer, field: FieldInfo, name: str) -> _Field:
    meta, column = field.meta, field.schema_
    spec = _Field(name, NONE, None, [], [])
    server_set = bool(
        _SERVER_SET.intersection(field.special)
        or (column and (column.is_generated or column.has_auto_increment))
    )
    if meta and meta.readonly and not server_set:  # server-set speaks for itself
        spec.comments.append("Read-only in the Directus app.")
    if name != field.field:
        spec.keywords.append(f"alias={py_str(field.field)}")
    if field.is_alias:
        relation = schema.one_side(field.collection, field.field)
        many = relation.collection if relation else None
        model = [Name(namer.classes[many])] if many in namer.classes else []
        items = union([schema.key_type(many) or _UNKNOWN_KEY, *model])
        annotation = union([Sub(Name("list"), (items,)), NONE])
        return dataclasses.replace(spec, annotation=annotation, default="None")

    scalar = scalar_type(field.type, field.special)
    spec.comments.extend([scalar.note] if scalar.note else [])
    annotation, default = scalar.annotation, None
    relation = schema.many_side(field.collection, field.field)
    if relation and relation.related_collection:
        related = relation.related_collection
        model = [Name(namer.classes[related])] if related in namer.classes else []
        key = schema.key_type(related) if model else None
        annotation = union([key or scalar.annotation, *model])
    elif relation and relation.meta and relation.meta.one_allowed_collections:
        allowed = sorted(relation.meta.one_allowed_collections)
        keys = [key for key in map(schema.key_type, allowed) if key]
        models = [Name(namer.classes[c]) for c in allowed if c in namer.classes]
        annotation = union([scalar.annotation, *keys, *models])
    elif column:
        choices: list[Name] = []
        if meta and meta.interface in _CHOICE_INTERFACES:
            choices = choice_values(meta.options, scalar.kind)
        if not server_set:
            default = default_literal(column.default_value, scalar.kind)
        if choices and (default is None or Name(flat(default)) in choices):
            annotation = Sub(sym("Literal"), tuple(choices))
        elif scalar.kind == "str" and column.max_length:
            spec.keywords.append(f"max_length={column.max_length}")
        digits, places = column.numeric_precision, column.numeric_scale
        if scalar.kind == "decimal" and digits is not None and places is not None:
            spec.keywords.extend([f"max_digits={digits}", f"decimal_places={places}"])

    nullable = column.is_nullable if column else True
    is_pk = bool(column and column.is_primary_key)
    if meta and meta.required and not (nullable or default or is_pk or server_set):
        return dataclasses.replace(spec, annotation=annotation)
    if default is None or nullable:
        annotation = union([annotation, NONE])
    return dataclasses.replace(spec, annotation=annotation, default=default or "None")


# -- the module ------------------------------------------------------------------------


def _module(
    classes: Sequence[_Class], aliases: dict[str, str], source: str, digest: str
) -> str:
    lines = _header(source, digest)
    lines += ["", "from __future__ import annotations", *_imports(classes, aliases)]
    for spec in classes:
        lines += ["", "", *_class_lines(spec, aliases)]
    if classes:
        lines += ["", "", *(f"{spec.name}.model_rebuild()" for spec in classes)]
    return "\n".join(lines) + "\n"


def _header(source: str, digest: str) -> list[str]:
    tail = ["", f"schema hash: {digest}", '"""']
    origin = doc_text(source)
    short = "Generated by directus-orm; do not edit."
    summary = (
        f"Generated by directus-orm from {origin}; do not edit." if origin else short
    )
    if len(summary) + 3 > LINE_LENGTH:  # a long source gets lines of its own
        return ['"""' + short, "", "Source:", *wrap(origin, LINE_LENGTH), *tail]
    return ['"""' + summary, *tail]


def _imports(classes: Sequence[_Class], aliases: dict[str, str]) -> list[str]:
    used: set[str] = set()
    for spec in classes:
        for item in spec.body:
            if isinstance(item, _Field):
                used |= symbols(item.annotation) | (
                    {"Field"} if item.keywords else set()
                )
    lines = []
    for group in (*_IMPORT_GROUPS, ("directus_orm",) if classes else ()):
        statements = []
        for module in group:
            names = sorted(name for name in used if SYMBOL_MODULES[name] == module)
            if module == "directus_orm":
                names = ["DirectusConfig", "DirectusModel"]
            plain = [name for name in names if name not in aliases]
            if plain:
                statements.append((module, plain[0], ", ".join(plain)))
            statements += [
                (module, name, f"{name} as {aliases[name]}")
                for name in names
                if name in aliases
            ]
        lines += [""] if statements else []
        lines += [f"from {m} import {what}" for m, _, what in sorted(statements)]
    return lines


def _class_lines(spec: _Class, aliases: dict[str, str]) -> list[str]:
    fallback = f"The {doc_text(spec.collection)} collection."
    note = doc_text(spec.note or "")
    lines = [f"class {spec.name}(DirectusModel):"]
    lines += [*docstring(4, sentence(note) if note else fallback, fallback), ""]
    lines += statement(
        4, "model_config", None, Call("DirectusConfig", tuple(spec.config))
    )
    lines += [""] if spec.body else []
    for item in spec.body:
        if isinstance(item, str):
            lines += comment(4, item)
            continue
        for text in item.comments:
            lines += comment(4, text)
        annotation = renamed(item.annotation, aliases)
        lines += statement(4, item.name, annotation, item.value())
    return lines
