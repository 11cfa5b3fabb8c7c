"""Read or write every row a request selects, whatever the server's QUERY_LIMIT_MAX.

Directus cuts ``limit=-1`` at QUERY_LIMIT_MAX without a word (a filtered PATCH then
even changes only that many rows), but refuses a larger explicit limit, before
reading or writing anything, and names the maximum. So a request that must reach
every row asks with ``EVERY_ROW``; when refused, ``limit_max`` reads the maximum
from the error and the request goes again in pages or chunks of that size.

Shared by reads (``_reads``) and writes (``_writes``, ``_creates``), so it imports
none of them: callers pass the client in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar

from directus_orm._exceptions import InvalidQueryError
from directus_orm._paths import items_path

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._state import QueryState
    from directus_orm._types import Item, JSONObject, JSONValue

_LIMIT_MAX = re.compile(r'"limit" must be less than or equal to (\d+)')
EVERY_ROW: Final = 2**31 - 1
"""The limit that asks for every row: Directus silently caps ``limit=-1`` at
QUERY_LIMIT_MAX (a filtered PATCH then even changes only that many rows), but
refuses a larger explicit limit, before reading or writing anything, and names the
maximum (see ``limit_max``)."""
EVERY_ROW_PARAMS: Final = {"limit": str(EVERY_ROW)}
"""Query string of a write whose answer must list every row it touched."""
_U = TypeVar("_U")


def limit_max(exc: InvalidQueryError) -> int | None:
    """Return the QUERY_LIMIT_MAX an INVALID_QUERY names, if it is about the limit."""
    match = _LIMIT_MAX.search(exc.message)
    return int(match.group(1)) if match else None


async def existing_keys(
    client: Directus, state: QueryState, query: dict[str, JSONValue]
) -> list[JSONValue]:
    """Return the keys of every row ``query`` selects, page by page if need be."""
    pk = state.primary_key
    path = items_path(state.collection)
    asked: JSONObject = {**query, "fields": [pk], "limit": EVERY_ROW}
    try:
        answer = await client.request("SEARCH", path, json_body={"query": asked})
        return _keys(listed(answer), pk)
    except InvalidQueryError as exc:
        size = limit_max(exc)
        if size is None:
            raise
    keys: list[JSONValue] = []
    while True:
        page: JSONObject = {**asked, "limit": size, "offset": len(keys), "sort": [pk]}
        answer = await client.request("SEARCH", path, json_body={"query": page})
        found = _keys(listed(answer), pk)
        keys.extend(found)
        if len(found) < size:
            return keys


def _keys(rows: list[JSONValue], pk: str) -> list[JSONValue]:
    return [row.get(pk) for row in rows if isinstance(row, dict)]


async def send_rows(
    client: Directus,
    method: str,
    path: str,
    units: Sequence[_U],
    build: Callable[[list[_U]], JSONValue],
) -> list[JSONValue]:
    """Send ``build(units)`` (an idempotent batch) and return every row it touched.

    The answer is asked for with an explicit limit (``EVERY_ROW``): ``limit=-1`` is
    cut at the server's QUERY_LIMIT_MAX without a word, while a larger explicit limit
    is refused before anything is written and names the maximum. The units then go
    in chunks of that size, each atomic on the server.
    """
    units = list(units)
    try:
        answer = await client.request(
            method, path, params=EVERY_ROW_PARAMS, json_body=build(units),
            idempotent=True,
        )  # fmt: skip
        return listed(answer)
    except InvalidQueryError as exc:
        size = limit_max(exc)
        if size is None:
            raise
    rows: list[JSONValue] = []
    for start in range(0, len(units), size):
        answer = await client.request(
            method, path, params={"limit": str(size)},
            json_body=build(units[start : start + size]), idempotent=True,
        )  # fmt: skip
        rows.extend(listed(answer))
    return rows


def with_keys(change: Item) -> Callable[[list[Any]], JSONValue]:
    """Return the body builder of a PATCH of ``change`` to some keys."""
    return lambda keys: {"keys": keys, "data": change}


def listed(answer: JSONObject) -> list[JSONValue]:
    """Return the rows of an answer's ``data`` (one object, a list, or nothing)."""
    data = answer.get("data")
    if isinstance(data, list):
        return data
    return [] if data is None else [data]
