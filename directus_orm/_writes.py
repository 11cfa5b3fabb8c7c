"""Run writes: create, update and delete items, and save or delete model instances.

Directus quirks handled here: PATCH and DELETE of a missing key answer 204 as if
they worked, so single-item writes check that the item exists; batch answers are
sorted by primary key and cut at the query limit, so creates ask for every row back
and put results in input order; a filtered PATCH or DELETE without a limit only
touches the first 100 rows, so ``limit: -1`` is always sent with it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python

from directus_orm import _models
from directus_orm._compiler import compile_query
from directus_orm._exceptions import (
    DirectusError,
    DoesNotExist,
    InternalServerError,
    InvalidDataError,
    OutcomeUnknownError,
    PartialWriteError,
    QueryError,
    RecordNotUniqueError,
    ServiceUnavailableError,
    TransportError,
    UsageError,
)
from directus_orm._expressions import F
from directus_orm._lookups import LOOKUPS, rewritten_by_server
from directus_orm._model_fields import model_fields
from directus_orm._paths import item_path, items_path
from directus_orm._reads import client_for, get_by_key, get_one, rows_from
from directus_orm._retry import never_sent
from directus_orm._sentinel import MISSING
from directus_orm._types import MAX_SAFE_INTEGER

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._state import QueryState
    from directus_orm._types import Item, JSONValue, PrimaryKey
    from directus_orm.schema._validate import ItemValidator

_ALL_ROWS = {"limit": "-1"}
BATCH_BYTES: Final = 512 * 1024
"""JSON bytes of one ``bulk_create`` batch by default: half of Directus's default
``MAX_PAYLOAD_SIZE`` (1 MB; a larger body is refused whole with 400)."""


# -- create ------------------------------------------------------------------------


async def create(state: QueryState, data: object, fields: dict[str, object]) -> Any:
    """Create one item or a list of items; see ``QuerySet.create``."""
    if data is MISSING:
        data = fields
    elif fields:
        raise UsageError("create() takes a dict, a model or keywords, not both")
    if isinstance(data, list | tuple):
        return await _create_many(state, list(data))
    instance = _instance(state, data)
    rows = await _post(state, [instance if instance is not None else data], single=True)
    return rows[0]


async def bulk_create(
    state: QueryState, items: Sequence[object], batch_size: int | None
) -> list[Any]:
    """Create ``items`` in batches; results in input order.

    ``batch_size=None`` cuts batches by body size (``BATCH_BYTES``), else by count.
    """
    if batch_size is not None and batch_size < 1:
        raise QueryError("batch_size must be >= 1")
    client = client_for(state)
    prepared = [_instance(state, item) or item for item in items]
    _assign_client_keys(state, prepared)
    # Check every item before the first request: a bad item must not leave the
    # batches before it committed.
    bodies = await _checked_bodies(state, client, prepared)
    batches = _batches(bodies, batch_size)
    created: list[Any] = []
    for start, end in batches:
        try:
            created.extend(
                await _send_create(
                    state, client, prepared[start:end], bodies[start:end], single=False
                )
            )
        except DirectusError as exc:
            if len(batches) == 1:
                raise  # one request: the error itself says all
            unknown = isinstance(exc, OutcomeUnknownError)
            raise PartialWriteError(created, items[start:], unknown=unknown) from exc
    return created


def _batches(bodies: Sequence[Item], batch_size: int | None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each batch: ``batch_size`` items, or by JSON size."""
    if batch_size is not None:
        return [
            (start, min(start + batch_size, len(bodies)))
            for start in range(0, len(bodies), batch_size)
        ]
    batches: list[tuple[int, int]] = []
    start, size = 0, 2
    for index, body in enumerate(bodies):
        length = len(json.dumps(body, separators=(",", ":"))) + 1
        if index > start and size + length > BATCH_BYTES:
            batches.append((start, index))
            start, size = index, 2
        size += length
    if start < len(bodies):
        batches.append((start, len(bodies)))
    return batches


async def _create_many(state: QueryState, items: list[object]) -> list[Any]:
    if not items:
        return []
    prepared = [_instance(state, item) or item for item in items]
    return await _post(state, prepared, single=False)


def _instance(state: QueryState, data: object) -> _models.DirectusModel | None:
    """Validate ``data`` through the query's model (model-based queries only)."""
    if state.model is None:
        if isinstance(data, BaseModel | Mapping):
            return None
        raise UsageError(f"cannot create from {type(data).__name__}; pass a dict")
    if isinstance(data, state.model):
        return data
    if isinstance(data, Mapping):
        fields = model_fields(state.model)
        for key in data:
            fields.resolve(str(key))  # pydantic would drop unknown keys silently
        with _invalid_data(state.collection):
            return state.model.model_validate(dict(data))
    raise UsageError(
        f"cannot create a {state.model.__name__} from {type(data).__name__}"
    )


def _body(item: object) -> Item:
    if isinstance(item, _models.DirectusModel):
        return _models.payload(item, None)
    if isinstance(item, BaseModel):
        dumped: Item = item.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return dumped
    converted: Item = to_jsonable_python(dict(item))  # type: ignore[call-overload]
    return converted


async def _post(state: QueryState, items: list[object], *, single: bool) -> list[Any]:
    client = client_for(state)
    _assign_client_keys(state, items)
    bodies = await _checked_bodies(state, client, items)
    return await _send_create(state, client, items, bodies, single=single)


async def _checked_bodies(
    state: QueryState, client: Directus, items: Sequence[object]
) -> list[Item]:
    """Return the JSON bodies of ``items``, each checked before anything is sent.

    Raises:
        InvalidDataError: An item the live schema refuses or JSON would mangle.
    """
    bodies = [_body(item) for item in items]
    validator = await _validator(state, client)
    for body in bodies:
        if validator is not None:
            validator.check(body, partial=False)  # names every bad field
        _check_safe(state, body)
    return bodies


async def _send_create(
    state: QueryState,
    client: Directus,
    items: Sequence[object],
    bodies: list[Item],
    *,
    single: bool,
) -> list[Any]:
    pk = state.primary_key
    sent: JSONValue = bodies[0] if single else list(bodies)
    try:
        answer = await client.request(
            "POST", items_path(state.collection), params=_ALL_ROWS, json_body=sent
        )
    except (InternalServerError, ServiceUnavailableError, TransportError) as exc:
        if isinstance(exc, TransportError) and never_sent(exc):
            raise
        # A 4xx means refused, and batches are atomic; anything else may have
        # committed (Directus can insert the row and then fail to read it back).
        raise OutcomeUnknownError(state.collection, bodies) from exc
    data = answer.get("data")
    rows: list[JSONValue] = [data] if isinstance(data, dict) else list(data or [])  # type: ignore[arg-type]
    if not single and all(pk in body for body in bodies):
        by_key = {_key(row, pk): row for row in rows}
        rows = [by_key.get(_key(body, pk), body) for body in bodies]
    results = await rows_from(
        dataclasses.replace(state, aggregate=(), group_by=()), rows, client
    )
    for item, result in zip(items, results, strict=False):
        if isinstance(item, _models.DirectusModel) and isinstance(
            result, _models.DirectusModel
        ):
            item._client = client
            item._load(result.__dict__)
    if state.model is None:
        return results
    return [
        item if isinstance(item, _models.DirectusModel) else result
        for item, result in zip(items, results, strict=False)
    ]


def _assign_client_keys(state: QueryState, items: list[object]) -> None:
    """Give UUID-keyed model instances a key before a batch create.

    Batch answers are sorted by primary key, so pairing them with inputs needs keys
    known in advance; integer auto-increment keys come back in insertion order.
    """
    if state.model is None or len(items) < 2:
        return
    spec = model_fields(state.model).by_key.get(state.primary_key)
    if spec is None or spec.directus_type != "uuid":
        return
    for item in items:
        if isinstance(item, _models.DirectusModel) and item.pk is None:
            setattr(item, spec.name, uuid.uuid4())


def _key(row: object, pk: str) -> str:
    value = row.get(pk) if isinstance(row, dict) else None
    return str(value)


# -- update ------------------------------------------------------------------------


async def update(
    state: QueryState,
    target: object,
    data: object,
    fields: dict[str, object],
    all_items: bool,
) -> Any:
    """Update by key, by keys, or by filter; see ``QuerySet.update``."""
    client = client_for(state)
    validator = await _validator(state, client)

    def _change(state: QueryState, change: object) -> Item:
        body = _partial(state, change)
        if validator is not None:
            validator.check(body, partial=True)  # names every bad field
        _check_safe(state, body)
        return body

    if data is MISSING:
        change: object
        if target is MISSING:
            change = fields
        elif isinstance(target, Mapping | BaseModel) and not fields:
            change = target
        else:
            raise UsageError("update() takes (pk, data), (pks, data), data or keywords")
        return await _update_by_filter(state, client, _change(state, change), all_items)
    if fields:
        raise UsageError("update() takes data or keywords, not both")
    if isinstance(target, list | tuple):
        keys = [_pk_value(key) for key in target]
        if isinstance(data, list | tuple):
            if len(data) != len(keys):
                raise UsageError("update(keys, changes): one change per key")
            body: JSONValue = [
                {**_change(state, change), state.primary_key: key}
                for key, change in zip(keys, data, strict=True)
            ]
        else:
            body = {"keys": list(keys), "data": _change(state, data)}
        answer = await client.request(
            "PATCH",
            items_path(state.collection),
            params=_ALL_ROWS,
            json_body=body,
            idempotent=True,
        )
        rows = await rows_from(state, answer.get("data"), client)
        _check_all_updated(state, keys, answer.get("data"))
        return rows
    key = _pk_value(target)
    answer = await client.request(
        "PATCH",
        item_path(state.collection, key),
        json_body=_change(state, data),
        idempotent=True,
    )
    if "data" not in answer:
        raise _missing(state, [key])
    return (await rows_from(state, answer.get("data"), client))[0]


async def _update_by_filter(
    state: QueryState, client: Directus, change: Item, all_items: bool
) -> list[Any]:
    query = _filter_query(state, all_items, "update")
    answer = await client.request(
        "PATCH",
        items_path(state.collection),
        params=_ALL_ROWS,
        json_body={"query": query, "data": change},
        idempotent=True,
    )
    return await rows_from(state, answer.get("data"), client)


def _check_safe(state: QueryState, body: JSONValue) -> None:
    """Refuse values the server's JSON would mangle: NaN, infinities, big integers.

    Raises:
        InvalidDataError: With every offending path.
    """
    problems: list[str] = []

    def walk(value: JSONValue, path: str) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(f"{path}: {value} is not a JSON number")
        elif isinstance(value, int) and abs(value) > MAX_SAFE_INTEGER:
            problems.append(f"{path}: {value} is beyond 2**53 and would be rounded")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")

    walk(body, "")
    if problems:
        raise InvalidDataError(state.collection, problems)


async def _validator(state: QueryState, client: Directus) -> ItemValidator | None:
    """Return the live-schema validator of a name-based query that asked for one."""
    if not state.validate or state.model is not None:
        return None
    return await client.schema.validator(state.collection)


def _partial(state: QueryState, change: object) -> Item:
    """Return the JSON body of a partial update, validated field by field."""
    if isinstance(change, _models.DirectusModel):
        return _models.payload(change, None)
    if isinstance(change, BaseModel):
        dumped: Item = change.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return dumped
    if not isinstance(change, Mapping):
        raise UsageError(
            f"an update takes a dict or a model, not {type(change).__name__}"
        )
    if state.model is None:
        converted: Item = to_jsonable_python(dict(change))
        return converted
    probe = state.model.model_construct()
    fields = model_fields(state.model)
    body: Item = {}
    with _invalid_data(state.collection):
        for key, value in change.items():
            spec = fields.resolve(key)
            state.model.__pydantic_validator__.validate_assignment(
                probe, spec.name, value
            )
            body[spec.key] = _models.payload(probe, {spec.key})[spec.key]
    return body


@contextlib.contextmanager
def _invalid_data(collection: str) -> Iterator[None]:
    """Turn pydantic's validation errors into ``InvalidDataError``."""
    try:
        yield
    except ValidationError as exc:
        problems = [
            f"{'.'.join(map(str, error['loc'])) or 'item'}: {error['msg']}"
            for error in exc.errors()
        ]
        raise InvalidDataError(collection, problems) from exc


def _check_all_updated(
    state: QueryState, keys: list[PrimaryKey], data: JSONValue
) -> None:
    returned = {_key(row, state.primary_key) for row in data or []}  # type: ignore[union-attr]
    missing = [key for key in keys if str(key) not in returned]
    if missing:
        raise _missing(state, missing, others_written=True)


async def bulk_update(
    state: QueryState, items: Sequence[object], fields: Sequence[str]
) -> int:
    """PATCH ``fields`` of each instance in one batch; see ``QuerySet.bulk_update``."""
    if not fields:
        raise UsageError("bulk_update() needs the fields to save")
    if not items:
        return 0
    instances = [item for item in items if isinstance(item, _models.DirectusModel)]
    if len(instances) != len(items) or state.model is None:
        raise UsageError("bulk_update() takes model instances of a model-based query")
    spec = model_fields(state.model)
    names = {spec.resolve(field).key for field in fields}
    keys = []
    body = []
    for instance in instances:
        if instance.pk is None:
            raise UsageError("bulk_update() of an unsaved instance; save() it first")
        keys.append(instance.pk)
        body.append(
            {**_models.payload(instance, names), state.primary_key: instance.pk}
        )
    _check_safe(state, body)  # type: ignore[arg-type]
    client = client_for(state)
    answer = await client.request(
        "PATCH",
        items_path(state.collection),
        params=_ALL_ROWS,
        json_body=body,  # type: ignore[arg-type]
        idempotent=True,
    )
    _check_all_updated(state, keys, answer.get("data"))
    for instance in instances:
        instance._load(instance.__dict__)
    return len(instances)


# -- delete ------------------------------------------------------------------------


async def delete(state: QueryState, target: object, all_items: bool) -> int:
    """Delete by key, keys, instance, or filter; return how many were deleted."""
    client = client_for(state)
    query: dict[str, JSONValue]
    if target is MISSING:
        query = _filter_query(state, all_items, "delete")
        keys = await _existing_keys(state, query)
    elif isinstance(target, list | tuple):
        wanted = [_pk_value(item) for item in target]
        if not wanted:
            return 0
        query = {
            "filter": {state.primary_key: {"_in": cast("list[JSONValue]", wanted)}}
        }
        keys = await _existing_keys(state, query)
    else:
        key = _pk_value(target)
        if isinstance(key, str) and rewritten_by_server(key):
            await get_by_key(state, key)  # raises DoesNotExist when missing
            await client.request("DELETE", item_path(state.collection, key))
            return 1
        query = {"filter": {state.primary_key: {"_eq": key}}}
        keys = await _existing_keys(state, query)
        if not keys:
            raise _missing(state, [key])
    if keys:
        await client.request("DELETE", items_path(state.collection), json_body=keys)
    return len(keys)


async def _existing_keys(
    state: QueryState, query: dict[str, JSONValue]
) -> list[JSONValue]:
    client = client_for(state)
    query = {**query, "fields": [state.primary_key], "limit": -1}
    answer = await client.request(
        "SEARCH", items_path(state.collection), json_body={"query": query}
    )
    rows = answer.get("data") or []
    return [row.get(state.primary_key) for row in rows if isinstance(row, dict)]  # type: ignore[union-attr]


def _filter_query(
    state: QueryState, all_items: bool, verb: str
) -> dict[str, JSONValue]:
    if state.limit is not None or state.offset is not None or state.page is not None:
        raise UsageError(
            f"{verb}() applies to every matching item; limit/offset/page cannot "
            "narrow it (select the keys first, then pass them)"
        )
    query = compile_query(state)
    selected: dict[str, JSONValue] = {
        key: query[key] for key in ("filter", "search") if query.get(key)
    }
    if "filter" in selected and not _constrains(selected["filter"]):
        del selected["filter"]  # e.g. a raw F({"_and": []}): it selects every row
    if not selected and not all_items:
        raise UsageError(
            f"{verb}() on a query with no filter would touch every item; "
            f"pass all_items=True if that is what you mean"
        )
    return {**selected, "limit": -1}


def _constrains(node: JSONValue) -> bool:
    """Tell whether a filter has a condition (the server drops empty groups)."""
    if not isinstance(node, dict):
        return False
    for key, value in node.items():
        if key in ("_and", "_or"):
            if isinstance(value, list) and any(_constrains(child) for child in value):
                return True
        elif not isinstance(value, dict) or value:
            return True
    return False


# -- get_or_create / update_or_create ------------------------------------------------


async def get_or_create(
    state: QueryState, defaults: Mapping[str, object] | None, lookups: dict[str, object]
) -> tuple[Any, bool]:
    """Return ``(row, created)``; a concurrent creator's row wins a unique race."""
    selected = _with_lookups(state, lookups)
    try:
        return await get_one(selected), False
    except DoesNotExist:
        pass
    values = {**_plain_values(lookups), **(defaults or {})}
    try:
        return await create(state, values, {}), True
    except RecordNotUniqueError:
        return await get_one(selected), False


async def update_or_create(
    state: QueryState, defaults: Mapping[str, object] | None, lookups: dict[str, object]
) -> tuple[Any, bool]:
    """Update the matching row with ``defaults``, or create it."""
    selected = _with_lookups(state, lookups)
    try:
        row = await get_one(selected)
    except DoesNotExist:
        values = {**_plain_values(lookups), **(defaults or {})}
        return await create(state, values, {}), True
    if not defaults:
        return row, False
    if isinstance(row, _models.DirectusModel):
        for key, value in defaults.items():
            setattr(row, model_fields(type(row)).resolve(key).name, value)
        await save_instance(row, client_for(state))
        return row, False
    updated = await update(state, row[state.primary_key], dict(defaults), {}, False)  # type: ignore[index]
    return updated, False


def _with_lookups(state: QueryState, lookups: dict[str, object]) -> QueryState:
    if not lookups:
        raise UsageError("get_or_create()/update_or_create() need lookups")
    return dataclasses.replace(state, filters=(*state.filters, F(**lookups)))


def _plain_values(lookups: dict[str, object]) -> dict[str, object]:
    values = {}
    for keyword, value in lookups.items():
        parts = keyword.split("__")
        if parts[-1] == "eq":
            parts = parts[:-1]
        if len(parts) == 1 and parts[0] not in LOOKUPS:
            values[parts[0]] = value
    return values


# -- instances ---------------------------------------------------------------------


async def save_instance(instance: _models.DirectusModel, client: Directus) -> None:
    """Create or PATCH ``instance``; see ``DirectusModel.save``."""
    model = type(instance)
    meta = _models.model_meta(model)
    if instance._snapshot is None:
        state = _state_for(model, client)
        await _post(state, [instance], single=True)
        return
    changed = instance.changed_fields
    if not changed:
        return
    key = instance.pk
    if key is None:
        raise UsageError(f"{model.__name__} has no primary key value to save by")
    body = _models.payload(instance, changed)
    _check_safe(_state_for(model, client), body)
    answer = await client.request(
        "PATCH",
        item_path(meta.collection, key),
        json_body=body,
        idempotent=True,
    )
    data = answer.get("data")
    if not isinstance(data, dict):
        raise model.DoesNotExist(
            f"{model.__name__} {meta.primary_key}={key!r} no longer exists; "
            "the change was not saved"
        )
    fresh = _models.from_server(model, data, client)
    instance._client = client
    instance._load(fresh.__dict__)


async def delete_instance(instance: _models.DirectusModel, client: Directus) -> None:
    """Delete ``instance`` on the server; see ``DirectusModel.delete``."""
    model = type(instance)
    if instance.pk is None:
        raise model.DoesNotExist(f"{model.__name__} was never saved")
    await delete(_state_for(model, client), instance.pk, False)
    instance._snapshot = None


def _state_for(model: type[_models.DirectusModel], client: Directus) -> QueryState:
    from directus_orm._query import QuerySet

    return QuerySet.for_model(model, client=client).state


def _pk_value(value: object) -> PrimaryKey:
    if isinstance(value, _models.DirectusModel):
        value = value.pk
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise UsageError(f"not a primary key: {value!r}")
    return value


def _missing(
    state: QueryState, keys: Sequence[object], *, others_written: bool = False
) -> DoesNotExist:
    label = state.model.__name__ if state.model else state.collection
    error = state.model.DoesNotExist if state.model else DoesNotExist
    note = " (the other items were updated)" if others_written else ""
    return error(f"{label}: no item with {state.primary_key} in {list(keys)!r}{note}")
