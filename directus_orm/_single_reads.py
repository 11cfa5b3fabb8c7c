"""Run the reads that answer with one row or one number.

``get`` (by filter, or by the item's path), ``first``/``last``, ``count``,
``exists`` and ``in_bulk``: each narrows the query (``limit=2``, ``limit=1``, a
``count`` aggregate, a primary-key filter) and checks the answer's size, where
``_reads`` sends, decodes and parses rows and pages through every one of them.

Directus quirk handled here: a missing item read by its path answers 403 like a
forbidden one, so ``get_by_key`` falls back to a filtered read to tell them apart.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from directus_orm._compiler import compile_query, to_params
from directus_orm._exceptions import (
    DoesNotExist,
    ForbiddenError,
    MultipleObjectsReturned,
    UnexpectedResponseError,
)
from directus_orm._expressions import F
from directus_orm._lookups import rewritten_by_server
from directus_orm._paths import SYSTEM_PREFIX, item_path
from directus_orm._reads import (
    as_dicts,
    as_object,
    client_for,
    decode,
    fetch_all,
    ordered,
    parse_rows,
    query_rows,
    rows_from,
    send_query,
)
from directus_orm._response import load_one_json

if TYPE_CHECKING:
    from directus_orm._state import QueryState
    from directus_orm._types import PrimaryKey


async def get_one(state: QueryState) -> object:
    """Return the single row the query selects."""
    rows, _ = await query_rows(dataclasses.replace(state, limit=2))
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
    rows, _ = await query_rows(dataclasses.replace(state, limit=1))
    return rows[0] if rows else None


async def count(state: QueryState) -> int:
    """Return how many rows match the filter."""
    counted = dataclasses.replace(
        state, aggregate=(("count", "*"),), group_by=(), sort=(), fields=(),
        limit=None, offset=None, page=None,
    )  # fmt: skip
    data, _ = await send_query(counted)
    rows = parse_rows(counted, data)
    value = as_object(rows[0]).get("count") if rows else 0
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
        else as_object(row).get(state.primary_key)
    )
    if not isinstance(value, int | str) or isinstance(value, bool):
        raise UnexpectedResponseError(
            f"row without a primary key: {row!r}", status_code=200
        )
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


def by_key_alone(state: QueryState, pk: object) -> bool:
    """Tell whether ``get(pk)`` on ``state`` can read the item's path.

    ``GET /items/c/pk``: no filter to build or run, and the answer is the item
    itself. Only for a query with no conditions, a key that is a non-empty string,
    an integer or a UUID, and a user collection (system endpoints differ:
    ``/users/me``, the ``/settings`` singleton, ``/fields/<collection>``); keys that
    Directus rewrites in filters (``"true"``) always go by path.
    """
    if state.filters or state.search is not None or state.is_aggregate:
        return False
    if isinstance(pk, str) and rewritten_by_server(pk):
        return True
    if state.collection.startswith(SYSTEM_PREFIX):
        return False
    return (
        type(pk) is int
        or isinstance(pk, uuid.UUID)
        or (isinstance(pk, str) and pk != "")
    )


async def get_by_key(state: QueryState, pk: PrimaryKey) -> object:
    """Read one item by its path; see ``by_key_alone``.

    Directus answers 403 for a missing item as for a forbidden one: the filtered
    read then tells them apart (``DoesNotExist``, ``ForbiddenError``, or the
    server's error for a malformed key). Keys Directus rewrites in filters
    (``"true"``) cannot be told apart: a 403 raises ``DoesNotExist``.
    """
    client = client_for(state)
    params = to_params(compile_query(state))
    path = item_path(state.collection, pk)
    try:
        if state.model is not None and client._cache is None:
            response = await client.send("GET", path, params=params)
            with contextlib.suppress(ValueError):
                row = load_one_json(state.model, response.content, client)
                if row is not None:
                    return row
            body = decode(response)
        else:
            body = await client.request("GET", path, params=params)
    except ForbiddenError as exc:
        if isinstance(pk, str) and rewritten_by_server(pk):
            raise _does_not_exist(state)(
                f"no {_label(state)} with {state.primary_key}={pk!r}"
            ) from exc
        keyed = F(**{state.primary_key: pk})
        return await get_one(dataclasses.replace(state, filters=(keyed,)))
    rows = await rows_from(state, body.get("data"), client)
    if not rows:
        raise _does_not_exist(state)(
            f"no {_label(state)} with {state.primary_key}={pk!r}"
        )
    return rows[0]
