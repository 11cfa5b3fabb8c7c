"""Run creates: ``create``, ``bulk_create`` and the POST behind a new model's ``save``.

Directus quirks handled here: batch answers are sorted by primary key and cut at the
query limit, so creates ask for every row back and put results in input order
(UUID-keyed instances get their key before a batch so the answer can be paired with
them); a body over ``MAX_PAYLOAD_SIZE`` is refused whole, so ``bulk_create`` cuts
batches by JSON size. Every item is checked before the first request, so a bad item
cannot leave the batches before it committed.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from directus_orm import _models
from directus_orm._every_row import EVERY_ROW, limit_max
from directus_orm._exceptions import (
    DirectusError,
    InternalServerError,
    InvalidQueryError,
    OutcomeUnknownError,
    PartialWriteError,
    QueryError,
    ServiceUnavailableError,
    TransportError,
    UsageError,
)
from directus_orm._model_fields import model_fields
from directus_orm._paths import items_path
from directus_orm._reads import client_for, rows_from
from directus_orm._retry import never_sent
from directus_orm._sentinel import MISSING
from directus_orm._writes import (
    check_safe,
    invalid_data,
    key_text,
    live_validator,
)

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._state import QueryState
    from directus_orm._types import Item, JSONValue

BATCH_BYTES: Final = 512 * 1024
"""JSON bytes of one ``bulk_create`` batch by default: half of Directus's default
``MAX_PAYLOAD_SIZE`` (1 MB; a larger body is refused whole with 400)."""


async def create(state: QueryState, data: object, fields: dict[str, object]) -> Any:
    """Create one item or a list of items; see ``QuerySet.create``."""
    if data is MISSING:
        data = fields
    elif fields:
        raise UsageError("create() takes a dict, a model or keywords, not both")
    if isinstance(data, list | tuple):
        return await _create_many(state, list(data))
    instance = _instance(state, data)
    rows = await post_items(
        state, [instance if instance is not None else data], single=True
    )
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
    index = 0
    cap: int | None = None
    while index < len(batches):
        start, end = batches[index]
        try:
            batch = await _send_create(
                state, client, prepared[start:end], bodies[start:end],
                single=False, limit=cap or EVERY_ROW,
            )  # fmt: skip
            created.extend(batch)
        except DirectusError as exc:
            most = limit_max(exc) if isinstance(exc, InvalidQueryError) else None
            if cap is None and most is not None:
                # Refused before writing: the server lists at most QUERY_LIMIT_MAX
                # rows in an answer. Batches of at most that many from here on.
                cap = most
                rest = _batches(bodies[start:], batch_size, cap)
                batches[index:] = [(start + a, start + b) for a, b in rest]
                continue
            if len(batches) == 1:
                raise  # one request: the error itself says all
            unknown = isinstance(exc, OutcomeUnknownError)
            raise PartialWriteError(created, items[start:], unknown=unknown) from exc
        index += 1
    return created


def _batches(
    bodies: Sequence[Item], batch_size: int | None, cap: int | None = None
) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each batch: ``batch_size`` items, or by JSON size.

    ``cap``: at most that many items a batch (the server's QUERY_LIMIT_MAX).
    """
    most = min(batch_size or len(bodies), cap or len(bodies)) or 1
    batches: list[tuple[int, int]] = []
    start, size = 0, 2
    for index, body in enumerate(bodies):
        length = 0
        if batch_size is None:
            length = len(json.dumps(body, separators=(",", ":"))) + 1
        if index > start and (size + length > BATCH_BYTES or index - start >= most):
            batches.append((start, index))
            start, size = index, 2
        size += length
    if start < len(bodies):
        batches.append((start, len(bodies)))
    return batches


async def _create_many(state: QueryState, items: list[object]) -> list[Any]:
    """``create([...])``: one request, or as few as QUERY_LIMIT_MAX allows."""
    if not items:
        return []
    return await bulk_create(state, items, len(items))


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
        with invalid_data(state.collection):
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


async def post_items(
    state: QueryState, items: list[object], *, single: bool
) -> list[Any]:
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
    validator = await live_validator(state, client)
    for body in bodies:
        if validator is not None:
            validator.check(body, partial=False)  # names every bad field
        check_safe(state, body)
    return bodies


async def _send_create(
    state: QueryState,
    client: Directus,
    items: Sequence[object],
    bodies: list[Item],
    *,
    single: bool,
    limit: int = EVERY_ROW,
) -> list[Any]:
    pk = state.primary_key
    sent: JSONValue = bodies[0] if single else list(bodies)
    try:
        answer = await client.request(
            "POST",
            items_path(state.collection),
            params={"limit": str(limit)},
            json_body=sent,
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
        by_key = {key_text(row, pk): row for row in rows}
        rows = [by_key.get(key_text(body, pk), body) for body in bodies]
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
