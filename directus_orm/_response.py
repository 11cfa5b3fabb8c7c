"""Answers to reads: ``DirectusResponse``, and rows loaded from the server into models.

Loading is the hot path of every model read: ``load_json`` hands the response bytes
to pydantic-core, which builds the models without a ``json.loads`` or a dict per row,
and ``_attach`` gives all rows of one answer their client and snapshot in one pass.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import decimal
import enum
import functools
import types
import typing
import uuid
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, TypeVar, cast

from pydantic import BaseModel, ValidationError

from directus_orm._types import ItemT

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._models import DirectusModel
    from directus_orm._types import Item, JSONObject, JSONValue

_T = TypeVar("_T", bound=BaseModel)
_ModelT = TypeVar("_ModelT", bound=BaseModel)
_set = object.__setattr__


class DirectusResponse(Generic[ItemT]):
    """The answer to a read: items (models or dicts) and the ``meta`` counts.

    ```python
    response = await directus.collection("directus_users").include_count().read()
    response.items          # list, [] when nothing matched
    response.item           # the first item, or None
    response.items_as(User) # parse into another model
    response.total_count    # with include_count()
    ```
    """

    __slots__ = ("_items", "_meta", "_single")

    def __init__(
        self,
        items: list[ItemT],
        meta: JSONObject | None = None,
        *,
        single: bool = False,
    ) -> None:
        self._items = items
        self._meta = meta or {}
        self._single = single

    def __repr__(self) -> str:
        return f"<DirectusResponse items={len(self._items)} meta={self._meta!r}>"

    @property
    def items(self) -> list[ItemT]:
        """Every item; ``[]`` when nothing matched."""
        return list(self._items)

    @property
    def item(self) -> ItemT | None:
        """The item of a single read, or the first of a list; ``None`` if empty."""
        return self._items[0] if self._items else None

    @property
    def meta(self) -> JSONObject:
        """The ``meta`` object of the answer (``{}`` when absent)."""
        return dict(self._meta)

    @property
    def total_count(self) -> int | None:
        """Rows in the collection, after ``include_count()``."""
        return _count(self._meta.get("total_count"))

    @property
    def filter_count(self) -> int | None:
        """Rows matching the filter, after ``include_count()``."""
        return _count(self._meta.get("filter_count"))

    def items_as_dict(self) -> list[Item]:
        """Every item as a JSON-ready dict."""
        return [_as_dict(item) for item in self._items]

    def item_as_dict(self) -> Item | None:
        """The first item as a JSON-ready dict, or ``None``."""
        return _as_dict(self._items[0]) if self._items else None

    def items_as(self, model: type[_T]) -> list[_T]:
        """Every item parsed into ``model``."""
        return [_as_model(item, model) for item in self._items]

    def item_as(self, model: type[_T]) -> _T | None:
        """The first item parsed into ``model``, or ``None``."""
        return _as_model(self._items[0], model) if self._items else None


def _count(value: JSONValue) -> int | None:
    # PostgreSQL-backed servers send counts as strings.
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _as_dict(item: object) -> Item:
    if isinstance(item, BaseModel):
        return cast("Item", item.model_dump(mode="json", by_alias=True))
    return dict(cast("Item", item))


def _as_model(item: object, model: type[_T]) -> _T:
    if isinstance(item, model):
        return item
    return model.model_validate(_as_dict(item))


# -- rows from the server into models -------------------------------------------


def load_rows(
    model: type[DirectusModel], rows: list[Item], client: Directus
) -> list[Any]:
    """Validate rows from the server into ``model``, remembering client and state."""
    instances = [model.model_validate(row) for row in rows]
    _attach(instances, client, _plan(model))
    return instances


def load_json(
    model: type[DirectusModel], content: bytes, client: Directus
) -> tuple[list[Any], JSONObject] | None:
    """Parse a list answer's bytes straight into models: ``(rows, meta)``.

    pydantic-core reads the bytes once into the models (no ``json.loads``, no dict
    per row). Returns ``None`` when the answer does not fit (not a list, a row the
    model refuses): ``load_rows`` then gives the error it always gave.
    """
    plan = _plan(model)
    if plan.envelope is None:
        return None
    try:
        answer: Any = plan.envelope.__pydantic_validator__.validate_json(content)
    except ValidationError:
        return None
    instances: list[Any] = answer.data or []
    _attach(instances, client, plan)
    return instances, cast("JSONObject", answer.meta)


def load_one_json(
    model: type[DirectusModel], content: bytes, client: Directus
) -> Any | None:
    """Parse a single-item answer's bytes straight into a model (``None``: no item).

    Raises:
        ValueError: The answer does not fit; ``load_rows`` then gives the error it
            always gave.
    """
    plan = _plan(model)
    if plan.single is None:
        raise ValueError("no single-item envelope for this model")
    instance: Any = plan.single.__pydantic_validator__.validate_json(content).data
    if instance is not None:
        _attach([instance], client, plan)
    return instance


@functools.cache
def _row_model() -> Any:
    """Return the generic model of a single-item answer, built on first use."""

    class Row(BaseModel, Generic[_ModelT]):
        """A Directus single-item answer, parsed into a model."""

        data: _ModelT | None = None

    return Row


@functools.cache
def _rows_model() -> Any:
    """Return the generic model of a list answer, built on first use.

    Built lazily: creating a pydantic model takes milliseconds, and ``import
    directus_orm`` should not pay for it.
    """

    class Rows(BaseModel, Generic[_ModelT]):
        """A Directus list answer, parsed into models."""

        data: list[_ModelT] | None = None
        meta: dict[str, object] = {}

    return Rows


@dataclasses.dataclass(frozen=True, slots=True)
class _LoadPlan:
    """How rows of one model are loaded (built once per model, see ``_plan``).

    Attributes:
        validator: The model's validator when the plan was made (rebuilt models
            get a new one, and a new plan).
        envelope: ``Rows[model]`` (see ``_rows_model``), or ``None`` if it cannot
            be built.
        single: ``Row[model]`` for single-item answers (see ``_row_model``).
        containers: Fields whose values may be lists or dicts.
        shares_dict: Whether a snapshot may be the loaded ``__dict__`` itself.
    """

    validator: object = dataclasses.field(repr=False)
    envelope: type[BaseModel] | None
    single: type[BaseModel] | None
    containers: tuple[str, ...]
    shares_dict: bool


def _plan(model: type[DirectusModel]) -> _LoadPlan:
    plan = model.__dict__.get("__directus_load_plan__")
    if isinstance(plan, _LoadPlan) and plan.validator is model.__pydantic_validator__:
        return plan
    containers = tuple(
        name
        for name, info in model.model_fields.items()
        if not _immutable(info.annotation)
    )
    # validate_assignment makes pydantic replace ``__dict__`` on every assignment
    # instead of editing it, so the dict a row was loaded into stays as it was;
    # pydantic private attributes would be edited in place in a shared dict.
    shares = (
        not containers
        and bool(model.model_config.get("validate_assignment"))
        and not model.__private_attributes__
    )
    envelope: type[BaseModel] | None = None
    single: type[BaseModel] | None = None
    if model.__pydantic_complete__:
        try:
            envelope = _rows_model()[model]
            single = _row_model()[model]
        except Exception:  # an unresolved annotation; rows load one by one
            envelope = single = None
    plan = _LoadPlan(model.__pydantic_validator__, envelope, single, containers, shares)
    if envelope is not None:
        type.__setattr__(model, "__directus_load_plan__", plan)
    return plan


class _Unchanged:
    """The snapshot of instances still as loaded: each one's own ``__dict__``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNCHANGED"

    def __reduce__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged()


def _attach(instances: list[Any], client: Directus, plan: _LoadPlan) -> None:
    """Give freshly loaded instances their client and snapshot (the hot loop)."""
    if plan.shares_dict:
        shared = {"_client": client, "_snapshot": UNCHANGED}
        for instance in instances:
            _set(instance, "__pydantic_private__", shared)
        return
    for instance in instances:
        private = own_private(instance)
        private["_client"] = client
        private["_snapshot"] = snapshot_of(instance, plan)


def own_private(instance: DirectusModel, *, create: bool = True) -> dict[str, Any]:
    """Return the instance's private dict, after making it its own if shared.

    An instance without one gets an empty one, unless ``create`` is false.
    """
    private = instance.__pydantic_private__
    if private is None:
        if not create:
            return {}
        private = {}
    elif private.get("_snapshot") is UNCHANGED:
        private = {**private, "_snapshot": instance.__dict__}
    else:
        return private
    _set(instance, "__pydantic_private__", private)
    return private


def unshared(copied: _ModelT) -> _ModelT:
    """Finish a copy of a loaded model: a snapshot apart from its ``__dict__``."""
    private = copied.__pydantic_private__
    if private is not None and private.get("_snapshot") is UNCHANGED:
        private = {**private, "_snapshot": dict(copied.__dict__)}
        _set(copied, "__pydantic_private__", private)
    return copied


def snapshot_of(
    instance: DirectusModel, plan: _LoadPlan | None = None
) -> dict[str, object]:
    plan = plan or _plan(type(instance))
    if plan.shares_dict:
        return instance.__dict__
    # Lists and dicts are copied so that in-place edits show up as changes.
    snapshot = dict(instance.__dict__)
    for name in plan.containers:
        value = snapshot.get(name)
        if isinstance(value, list | dict):
            snapshot[name] = copy.deepcopy(value)
    return snapshot


_IMMUTABLE = (
    str, int, float, bool, bytes, type(None), decimal.Decimal, datetime.date,
    datetime.time, datetime.timedelta, uuid.UUID, enum.Enum,
)  # fmt: skip


def _immutable(annotation: object) -> bool:
    """Tell whether values of ``annotation`` can never be edited in place."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return all(_immutable(arm) for arm in typing.get_args(annotation))
    if origin is typing.Annotated:
        return _immutable(typing.get_args(annotation)[0])
    if origin is Literal or annotation is None:
        return True
    return isinstance(annotation, type) and issubclass(annotation, _IMMUTABLE)
