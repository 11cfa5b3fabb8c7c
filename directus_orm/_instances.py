"""Row-level conveniences built on ``_creates`` and ``_writes``.

``save_instance`` and ``delete_instance`` (behind ``DirectusModel.save`` and
``delete``), ``get_or_create`` and ``update_or_create``.

``DirectusModel.save`` POSTs a new instance or PATCHes only its changed fields; a PATCH
of a deleted item answers 204 with no data (Directus quirk), which is raised as
``DoesNotExist`` instead of losing the edit. ``get_or_create`` lets a concurrent
creator's row win a unique race.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from directus_orm import _models
from directus_orm._creates import create, post_items
from directus_orm._exceptions import DoesNotExist, RecordNotUniqueError, UsageError
from directus_orm._expressions import F
from directus_orm._lookups import LOOKUPS
from directus_orm._model_fields import model_fields
from directus_orm._paths import item_path
from directus_orm._reads import client_for
from directus_orm._single_reads import get_one
from directus_orm._writes import check_safe, delete, update

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._state import QueryState


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


async def save_instance(instance: _models.DirectusModel, client: Directus) -> None:
    """Create or PATCH ``instance``; see ``DirectusModel.save``."""
    model = type(instance)
    meta = _models.model_meta(model)
    if instance._snapshot is None:
        state = _state_for(model, client)
        await post_items(state, [instance], single=True)
        return
    changed = instance.changed_fields
    if not changed:
        return
    key = instance.pk
    if key is None:
        raise UsageError(f"{model.__name__} has no primary key value to save by")
    body = _models.payload(instance, changed)
    check_safe(_state_for(model, client), body)
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
