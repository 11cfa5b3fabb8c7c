"""Run read queries: send, decode, parse rows into models, page through results."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Coroutine
from typing import TYPE_CHECKING, Final
from urllib.parse import urlencode

from directus_orm import _numbers
from directus_orm._compiler import compile_query, to_params
from directus_orm._every_row import EVERY_ROW, limit_max
from directus_orm._exceptions import (
    InvalidQueryError,
    ModelNotBoundError,
    UnexpectedResponseError,
)
from directus_orm._paths import item_path, items_path
from directus_orm._response import DirectusResponse, load_json, load_rows
from directus_orm._sentinel import MISSING, Missing

if TYPE_CHECKING:
    import httpx

    from directus_orm._client import Directus
    from directus_orm._state import QueryState
    from directus_orm._types import Item, JSONObject, JSONValue, PrimaryKey

MAX_URL_LENGTH: Final = 8000
"""Longer GET URLs are sent as ``SEARCH`` with a JSON body (Directus answers 431 to
URLs of ~23 KB; proxies often stop at 8 KB)."""
_SEND_TURNS: Final = 10
"""Event-loop turns given to a read-ahead request to reach the socket (httpx takes
three or four) before the caller's work on the current page holds the loop."""
_FULL_SHARE: Final = 0.75
"""A page whose body has this share of a full page's bytes is taken to be full."""
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
    answer = await _send(client_for(state), state)
    body = answer if isinstance(answer, dict) else decode(answer)
    meta = body.get("meta")
    return body.get("data"), meta if isinstance(meta, dict) else {}


async def query_rows(state: QueryState) -> tuple[list[object], JSONObject]:
    """Send the query and return its rows (models or dicts) and its ``meta``."""
    client = client_for(state)
    return await _rows_of(state, await _send(client, state), client)


async def _send(client: Directus, state: QueryState) -> httpx.Response | JSONObject:
    """Send the query; return the response, or the decoded body if the client caches.

    The response's bytes go straight into models (see ``_rows_of``); the read cache
    of ``start_cache()`` keeps decoded bodies, so a caching client goes through
    ``Directus.request`` as before.
    """
    query = compile_query(state)
    path = items_path(state.collection)
    params = to_params(query)
    # Percent-encoding at most triples a character; encode only when it might matter.
    length = len(client.url) + len(path) + 2 * len(params)
    length += sum(len(key) + len(value) for key, value in params.items())
    if length * 3 > MAX_URL_LENGTH:
        length = len(client.url) + len(path) + len(urlencode(params))
    ask = client.send if client._cache is None else client.request
    if length > MAX_URL_LENGTH:
        return await ask("SEARCH", path, json_body={"query": query})
    return await ask("GET", path, params=params)


async def _rows_of(
    state: QueryState, answer: httpx.Response | JSONObject, client: Directus
) -> tuple[list[object], JSONObject]:
    if isinstance(answer, dict):
        body = answer
    else:
        if state.model is not None and not state.is_aggregate and answer.content:
            loaded = load_json(state.model, answer.content, client)
            if loaded is not None:
                return loaded
        body = decode(answer)
    meta = body.get("meta")
    rows = await rows_from(state, body.get("data"), client)
    return rows, meta if isinstance(meta, dict) else {}


def decode(response: httpx.Response) -> JSONObject:
    """Decode a body as ``Directus.request`` does (``{}`` for 204 or no content)."""
    if response.status_code == 204 or not response.content:
        return {}
    from directus_orm._client import decode_envelope

    return decode_envelope(response)


async def rows_from(
    state: QueryState, data: JSONValue, client: Directus
) -> list[object]:
    """Return ``parse_rows``, with dicts holding the same numbers on every database.

    See ``directus_orm._numbers``: a PostgreSQL-backed server sends bigIntegers and
    decimals as strings; models convert them, dicts are converted here.
    """
    rows = parse_rows(state, data)
    if state.model is not None and not state.is_aggregate:
        return rows
    if not _numbers.has_numeric_strings(rows):
        return rows
    schema = await client.schema.number_schema()
    if schema is None:
        return rows  # the schema could not be read: never fail a read or a write
    if state.is_aggregate:
        return _numbers.coerce_aggregates(rows, state.collection, schema)
    return _numbers.coerce_rows(rows, state.collection, schema)


def parse_rows(state: QueryState, data: JSONValue) -> list[object]:
    """Turn the ``data`` of an answer into models, aggregate dicts or item dicts."""
    if data is None:
        return []
    rows = data if isinstance(data, list) else [data]
    if state.is_aggregate:
        return [_normalise_aggregate(row) for row in rows]
    if state.model is None:
        return list(rows)
    return load_rows(state.model, [as_object(row) for row in rows], client_for(state))


async def read(state: QueryState, pk: PrimaryKey | Missing) -> DirectusResponse[object]:
    """Send the query as it is; with ``pk``, read that one item by its path."""
    if pk is MISSING:
        rows, meta = await query_rows(state)
        return DirectusResponse(rows, meta)
    client = client_for(state)
    params = to_params(compile_query(state))
    body = await client.request("GET", item_path(state.collection, pk), params=params)
    rows = await rows_from(state, body.get("data"), client)
    return DirectusResponse(rows, {}, single=True)


async def fetch_all(state: QueryState) -> list[object]:
    """Return every row; with no limit set, every page (whatever QUERY_LIMIT_MAX)."""
    if state.limit not in (None, -1) or state.page is not None or state.is_aggregate:
        return (await query_rows(state))[0]
    # One request, and no count: a server with QUERY_LIMIT_MAX refuses the explicit
    # limit (limit=-1 would be cut silently) and says its maximum, the page size.
    try:
        return (await query_rows(dataclasses.replace(state, limit=EVERY_ROW)))[0]
    except InvalidQueryError as exc:
        size = limit_max(exc)
        if size is None:
            raise
    return [row async for row in stream(dataclasses.replace(state, limit=None), size)]


async def fetch_dicts(state: QueryState) -> list[Item]:
    """Return every row as a dict, ignoring the model."""
    rows = await fetch_all(as_dicts(state))
    return [as_object(row) for row in rows]


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
    """Yield rows page by page, the next page on its way while this one is used.

    The next page is asked for before the caller gets this one. Once a full page has
    shown how many bytes a row takes, a page whose body looks full has the request
    for the page after it sent before it is parsed, so the server works while this
    process parses. A page that looked full but was short cancels that request.
    """
    state = ordered(state)
    client = client_for(state)
    remaining = None if state.limit in (None, -1) else state.limit
    offset = state.offset or 0
    size = page_size
    row_bytes = 0.0  # body bytes per row, learnt from the first full page

    async def fetch(at: int, count: int) -> tuple[httpx.Response | JSONObject, int]:
        nonlocal size
        page_state = dataclasses.replace(state, limit=count, offset=at, page=None)
        try:
            return await _send(client, page_state), count
        except InvalidQueryError as exc:
            limit = limit_max(exc)
            if limit is None or limit >= count:
                raise
            size = limit  # the server's QUERY_LIMIT_MAX
            page_state = dataclasses.replace(page_state, limit=size)
            return await _send(client, page_state), size

    def want(left: int | None) -> int:
        return size if left is None else min(size, left)

    pending: asyncio.Task[tuple[httpx.Response | JSONObject, int]] | None = None
    try:
        if remaining == 0:
            return
        response, asked = await fetch(offset, want(remaining))
        while True:
            left = None if remaining is None else remaining - asked
            if left != 0 and _looks_full(response, asked, row_bytes):
                pending = await _started(fetch(offset + asked, want(left)))
            rows, _ = await _rows_of(state, response, client)
            if not row_bytes and rows and len(rows) == asked:
                row_bytes = _body_size(response) / asked
            offset += len(rows)
            if remaining is not None:
                remaining -= len(rows)
            if not rows or len(rows) < asked or remaining == 0:
                if pending is not None:
                    pending.cancel()  # it looked full, but was the last page
                for row in rows:
                    yield row
                return
            if pending is None:
                pending = await _started(fetch(offset, want(remaining)))
            for row in rows:
                yield row
            del rows, response  # parse the next page with one page in memory, not two
            response, asked = await pending
            pending = None
    finally:
        if pending is not None:
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await pending


async def _started(
    fetch: Coroutine[object, object, tuple[httpx.Response | JSONObject, int]],
) -> asyncio.Task[tuple[httpx.Response | JSONObject, int]]:
    """Run ``fetch`` as a task, and give it the turns it needs to send its request."""
    task = asyncio.create_task(fetch)
    for _ in range(_SEND_TURNS):
        if task.done():
            break
        await asyncio.sleep(0)
    return task


def _body_size(answer: httpx.Response | JSONObject) -> int:
    return 0 if isinstance(answer, dict) else len(answer.content)


def _looks_full(
    answer: httpx.Response | JSONObject, asked: int, row_bytes: float
) -> bool:
    """Tell whether a page's body is big enough to hold all ``asked`` rows."""
    return bool(row_bytes) and _body_size(answer) >= _FULL_SHARE * row_bytes * asked


def as_object(row: object) -> JSONObject:
    if not isinstance(row, dict):
        raise UnexpectedResponseError(
            f"expected an item object, got {row!r}", status_code=200
        )
    return row


def _normalise_aggregate(row: JSONValue) -> JSONObject:
    # PostgreSQL sends counts and sums as strings; callers get numbers either way.
    item = dict(as_object(row))
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
