"""Run updates and deletes, and hold the checks every write shares.

``update``, ``bulk_update`` and ``delete`` live here, with what ``_creates`` and
``_instances`` also use: the JSON-safety check (NaN, infinities, integers beyond
2**53), the live-schema validator, pydantic errors turned into ``InvalidDataError``.

Directus quirks handled here: PATCH and DELETE of a missing key answer 204 as if
they worked, so single-item writes check that the item exists; a filtered PATCH or
DELETE without a limit only touches the first 100 rows, so ``limit: -1`` is always
sent with it.
"""

from __future__ import annotations

import contextlib
import math
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python

from directus_orm import _models
from directus_orm._compiler import compile_query
from directus_orm._every_row import (
    EVERY_ROW_PARAMS,
    existing_keys,
    limit_max,
    listed,
    send_rows,
    with_keys,
)
from directus_orm._exceptions import (
    DoesNotExist,
    InvalidDataError,
    InvalidQueryError,
    UsageError,
)
from directus_orm._lookups import rewritten_by_server
from directus_orm._model_fields import model_fields
from directus_orm._paths import item_path, items_path
from directus_orm._reads import client_for, rows_from
from directus_orm._sentinel import MISSING
from directus_orm._single_reads import get_by_key
from directus_orm._types import MAX_SAFE_INTEGER

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._state import QueryState
    from directus_orm._types import Item, JSONValue, PrimaryKey
    from directus_orm.schema._validate import ItemValidator


async def update(
    state: QueryState,
    target: object,
    data: object,
    fields: dict[str, object],
    all_items: bool,
) -> Any:
    """Update by key, by keys, or by filter; see ``QuerySet.update``."""
    client = client_for(state)
    validator = await live_validator(state, client)

    def _change(state: QueryState, change: object) -> Item:
        body = _partial(state, change)
        if validator is not None:
            validator.check(body, partial=True)  # names every bad field
        check_safe(state, body)
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
        path = items_path(state.collection)
        if isinstance(data, list | tuple):
            if len(data) != len(keys):
                raise UsageError("update(keys, changes): one change per key")
            each = [
                {**_change(state, change), state.primary_key: key}
                for key, change in zip(keys, data, strict=True)
            ]
            found = await send_rows(client, "PATCH", path, each, list)
        else:
            change = _change(state, data)
            found = await send_rows(
                client,
                "PATCH",
                path,
                keys,
                lambda part: {"keys": [*part], "data": change},
            )
        rows = await rows_from(state, found, client)
        _check_all_updated(state, keys, found)
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
    path = items_path(state.collection)
    try:
        answer = await client.request(
            "PATCH",
            path,
            params=EVERY_ROW_PARAMS,
            json_body={"query": query, "data": change},
            idempotent=True,
        )
        found = listed(answer)
    except InvalidQueryError as exc:
        if limit_max(exc) is None:
            raise
        # The server caps a filtered PATCH at QUERY_LIMIT_MAX rows (and says so
        # only for this explicit limit): update the matching keys instead.
        keys = await existing_keys(client, state, query)
        found = await send_rows(client, "PATCH", path, keys, with_keys(change))
    return await rows_from(state, found, client)


def check_safe(state: QueryState, body: JSONValue) -> None:
    """Refuse values the server would mangle or fail on.

    NaN and infinities are not JSON; integers beyond 2**53 are rounded by the
    server's JSON; a NUL character is a 500 on PostgreSQL (after which a create's
    outcome would look unknown), so it is refused on every database.

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
        elif isinstance(value, str) and "\x00" in value:
            problems.append(f"{path}: a NUL character cannot be stored")
        elif isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    problems.append(f"{path}: a NUL character cannot be stored")
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")

    walk(body, "")
    if problems:
        raise InvalidDataError(state.collection, problems)


async def live_validator(state: QueryState, client: Directus) -> ItemValidator | None:
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
    with invalid_data(state.collection):
        for key, value in change.items():
            spec = fields.resolve(key)
            state.model.__pydantic_validator__.validate_assignment(
                probe, spec.name, value
            )
            body[spec.key] = _models.payload(probe, {spec.key})[spec.key]
    return body


@contextlib.contextmanager
def invalid_data(collection: str) -> Iterator[None]:
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
    returned = {key_text(row, state.primary_key) for row in data or []}  # type: ignore[union-attr]
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
    check_safe(state, body)  # type: ignore[arg-type]
    client = client_for(state)
    found = await send_rows(client, "PATCH", items_path(state.collection), body, list)
    _check_all_updated(state, keys, found)
    for instance in instances:
        instance._load(instance.__dict__)
    return len(instances)


async def delete(state: QueryState, target: object, all_items: bool) -> int:
    """Delete by key, keys, instance, or filter; return how many were deleted."""
    client = client_for(state)
    query: dict[str, JSONValue]
    if target is MISSING:
        query = _filter_query(state, all_items, "delete")
        keys = await existing_keys(client, state, query)
    elif isinstance(target, list | tuple):
        wanted = [_pk_value(item) for item in target]
        if not wanted:
            return 0
        query = {
            "filter": {state.primary_key: {"_in": cast("list[JSONValue]", wanted)}}
        }
        keys = await existing_keys(client, state, query)
    else:
        key = _pk_value(target)
        if isinstance(key, str) and rewritten_by_server(key):
            await get_by_key(state, key)  # raises DoesNotExist when missing
            await client.request("DELETE", item_path(state.collection, key))
            return 1
        query = {"filter": {state.primary_key: {"_eq": key}}}
        keys = await existing_keys(client, state, query)
        if not keys:
            raise _missing(state, [key])
    if keys:
        await client.request("DELETE", items_path(state.collection), json_body=keys)
    return len(keys)


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


def key_text(row: object, pk: str) -> str:
    value = row.get(pk) if isinstance(row, dict) else None
    return str(value)


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
