"""Run read queries: send, decode, parse rows into models, page through results."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import re
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Final
from urllib.parse import urlencode

from directus_orm._compiler import compile_query, to_params
from directus_orm._exceptions import (
    DoesNotExist,
    ForbiddenError,
    InvalidQueryError,
    ModelNotBoundError,
    MultipleObjectsReturned,
    UnexpectedResponseError,
)
from directus_orm._expressions import F
from directus_orm._paths import item_path, items_path
from directus_orm._response import DirectusResponse
from directus_orm._sentinel import MISSING, Missing

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._state import QueryState
    from directus_orm._types import Item, JSONObject, JSONValue, PrimaryKey

MAX_URL_LENGTH: Final = 8000
"""Longer GET URLs are sent as ``SEARCH`` with a JSON body (Directus answers 431 to
URLs of ~23 KB; proxies often stop at 8 KB)."""

_LIMIT_MAX = re.compile(r'"limit" must be less than or equal to (\d+)')
_INTEGER_AGGREGATES = frozenset({"count", "countDistinct", "countAll"})
_NUMERIC_AGGREGATES = frozenset({"sum", "sumDistinct", "avg", "avgDistinct"})


def client_for(state: QueryState) -> Directus:
    """Return the client a query goes through.

    Raises:
        ModelNotBoundError: A model query with no client given or bound.
    """
    if state.client is not None:
        return state.client
    if state.model is not None:
        from directus_orm._models import bound_client

        client = bound_client(state.model)
        if client is not None:
            return client
        name = state.model.__name__
        raise ModelNotBoundError(
            f"{name} is not bound to a client: call directus.bind({name}) or use "
            f"{name}.objects.using(directus)"
        )
    raise ModelNotBoundError("this query has no client; use .using(directus)")


async def send_query(
    state: QueryState,
) -> tuple[list[JSONValue] | JSONValue, JSONObject]:
    """Send the query (``GET``, or ``SEARCH`` when too long) and return data, meta."""
    client = client_for(state)
    query = compile_query(state)
    path = items_path(state.collection)
    params = to_params(query)
    if len(client.url) + len(path) + len(urlencode(params)) > MAX_URL_LENGTH:
        body = await client.request("SEARCH", path, json_body={"query": query})
    else:
        body = await client.request("GET", path, params=params)
    meta = body.get("meta")
    return body.get("data"), meta if isinstance(meta, dict) else {}


def parse_rows(state: QueryState, data: JSONValue) -> list[object]:
    """Turn the ``data`` of an answer into models, aggregate dicts or item dicts."""
    if data is None:
        return []
    rows = data if isinstance(data, list) else [data]
    if state.is_aggregate:
        return [_normalise_aggregate(row) for row in rows]
    if state.model is None:
        return list(rows)
    from directus_orm._models import from_server

    client = client_for(state)
    return [from_server(state.model, _object(row), client) for row in rows]


async def read(state: QueryState, pk: PrimaryKey | Missing) -> DirectusResponse[object]:
    """Send the query as it is; with ``pk``, read that one item by its path."""
    if pk is MISSING:
        data, meta = await send_query(state)
        return DirectusResponse(parse_rows(state, data), meta)
    client = client_for(state)
    params = to_params(compile_query(state))
    body = await client.request("GET", item_path(state.collection, pk), params=params)
    return DirectusResponse(parse_rows(state, body.get("data")), {}, single=True)


async def fetch_all(state: QueryState) -> list[object]:
    """Return every row; with no limit set, every page (whatever QUERY_LIMIT_MAX)."""
    if state.limit not in (None, -1) or state.page is not None or state.is_aggregate:
        data, _ = await send_query(state)
        return parse_rows(state, data)
    # limit=-1 is silently capped by QUERY_LIMIT_MAX: the filter count tells if it was.
    first = dataclasses.replace(state, limit=-1, include_count=True)
    data, meta = await send_query(first)
    rows = parse_rows(state, data)
    expected = DirectusResponse[object]([], meta).filter_count
    if expected is not None and len(rows) < expected - (state.offset or 0) and rows:
        rest = dataclasses.replace(
            ordered(state), offset=(state.offset or 0) + len(rows)
        )
        rows.extend([row async for row in stream(rest, len(rows))])
    return rows


async def fetch_dicts(state: QueryState) -> list[Item]:
    """Return every row as a dict, ignoring the model."""
    rows = await fetch_all(as_dicts(state))
    return [_object(row) for row in rows]


def as_dicts(state: QueryState) -> QueryState:
    """Return ``state`` reading plain dicts, still through the model's client."""
    return dataclasses.replace(state, model=None, client=client_for(state))


def ordered(state: QueryState) -> QueryState:
    """Return ``state`` with the primary key as the last sort key (stable paging)."""
    pk = state.primary_key
    if pk in state.sort or f"-{pk}" in state.sort:
        return state
    return dataclasses.replace(state, sort=(*state.sort, pk))


async def stream(state: QueryState, page_size: int) -> AsyncIterator[object]:
    """Yield rows page by page, fetching the next page while the caller works."""
    state = ordered(state)
    remaining = None if state.limit in (None, -1) else state.limit
    offset = state.offset or 0
    size = page_size

    async def fetch(at: int, count: int) -> list[object]:
        nonlocal size
        page_state = dataclasses.replace(state, limit=count, offset=at, page=None)
        try:
            data, _ = await send_query(page_state)
        except InvalidQueryError as exc:
            match = _LIMIT_MAX.search(exc.message)
            if match is None or int(match.group(1)) >= count:
                raise
            size = int(match.group(1))  # the server's QUERY_LIMIT_MAX
            page_state = dataclasses.replace(page_state, limit=size)
            data, _ = await send_query(page_state)
        return parse_rows(state, data)

    def want() -> int:
        return size if remaining is None else min(size, remaining)

    pending: asyncio.Task[list[object]] | None = None
    try:
        if remaining == 0:
            return
        rows = await fetch(offset, want())
        while True:
            asked = want()
            offset += len(rows)
            if remaining is not None:
                remaining -= len(rows)
            done = not rows or len(rows) < asked or remaining == 0
            pending = None if done else asyncio.create_task(fetch(offset, want()))
            for row in rows:
                yield row
            if pending is None:
                return
            rows = await pending
            pending = None
    finally:
        if pending is not None:
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await pending


async def get_one(state: QueryState) -> object:
    """Return the single row the query selects."""
    rows = parse_rows(state, (await send_query(dataclasses.replace(state, limit=2)))[0])
    if not rows:
        raise _does_not_exist(state)(f"no {_label(state)} matches {_describe(state)}")
    if len(rows) > 1:
        raise _multiple(state)(
            f"more than one {_label(state)} matches {_describe(state)}"
        )
    return rows[0]


async def first(state: QueryState, *, reverse: bool) -> object | None:
    """Return the first (or last) row by the sort, primary key last."""
    state = ordered(state)
    if reverse:
        flipped = tuple(
            key[1:] if key.startswith("-") else f"-{key}" for key in state.sort
        )
        state = dataclasses.replace(state, sort=flipped)
    data, _ = await send_query(dataclasses.replace(state, limit=1))
    rows = parse_rows(state, data)
    return rows[0] if rows else None


async def count(state: QueryState) -> int:
    """Return how many rows match the filter."""
    counted = dataclasses.replace(
        state, aggregate=(("count", "*"),), group_by=(), sort=(), fields=(),
        limit=None, offset=None, page=None,
    )  # fmt: skip
    data, _ = await send_query(counted)
    rows = parse_rows(counted, data)
    value = _object(rows[0]).get("count") if rows else 0
    if not isinstance(value, int):
        raise UnexpectedResponseError(f"count answered {value!r}", status_code=200)
    return value


async def exists(state: QueryState) -> bool:
    """Return whether any row matches."""
    probe = dataclasses.replace(as_dicts(state), fields=(state.primary_key,), limit=1)
    data, _ = await send_query(probe)
    return bool(parse_rows(probe, data))


async def in_bulk(
    state: QueryState, pks: Sequence[PrimaryKey]
) -> dict[PrimaryKey, object]:
    """Return the rows whose primary keys are in ``pks``, keyed by primary key."""
    if not pks:
        return {}
    selected = dataclasses.replace(
        state,
        filters=(*state.filters, F(**{f"{state.primary_key}__in": list(pks)})),
        limit=-1,
    )
    rows = await fetch_all(dataclasses.replace(selected, limit=None))
    return {_pk_of(state, row): row for row in rows}


def _pk_of(state: QueryState, row: object) -> PrimaryKey:
    from directus_orm._models import DirectusModel

    value = (
        getattr(row, "pk", None)
        if isinstance(row, DirectusModel)
        else _object(row).get(state.primary_key)
    )
    if not isinstance(value, int | str) or isinstance(value, bool):
        raise UnexpectedResponseError(
            f"row without a primary key: {row!r}", status_code=200
        )
    return value


def _object(row: object) -> JSONObject:
    if not isinstance(row, dict):
        raise UnexpectedResponseError(
            f"expected an item object, got {row!r}", status_code=200
        )
    return row


def _normalise_aggregate(row: JSONValue) -> JSONObject:
    # PostgreSQL sends counts and sums as strings; callers get numbers either way.
    item = dict(_object(row))
    for key, value in item.items():
        if key in _INTEGER_AGGREGATES or key in _NUMERIC_AGGREGATES:
            item[key] = (
                {field: _number(inner) for field, inner in value.items()}
                if isinstance(value, dict)
                else _number(value)
            )
    return item


def _number(value: JSONValue) -> JSONValue:
    if not isinstance(value, str):
        return value
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def _label(state: QueryState) -> str:
    return state.model.__name__ if state.model else f"{state.collection} item"


def _describe(state: QueryState) -> str:
    return to_params(compile_query(state)).get("filter", "the query")


def _does_not_exist(state: QueryState) -> type[DoesNotExist]:
    return state.model.DoesNotExist if state.model else DoesNotExist


def _multiple(state: QueryState) -> type[MultipleObjectsReturned]:
    return (
        state.model.MultipleObjectsReturned if state.model else MultipleObjectsReturned
    )


async def get_by_path(state: QueryState, pk: PrimaryKey) -> object:
    """Read one item by its path, for keys no filter can match (``"true"``).

    Directus answers 403 for a missing item as for a forbidden one: both raise
    ``DoesNotExist`` here.
    """
    client = client_for(state)
    params = to_params(compile_query(state))
    try:
        body = await client.request(
            "GET", item_path(state.collection, pk), params=params
        )
    except ForbiddenError as exc:
        raise _does_not_exist(state)(
            f"no {_label(state)} with {state.primary_key}={pk!r}"
        ) from exc
    return parse_rows(state, body.get("data"))[0]
