"""``DirectusResponse``: what ``read()`` returns, with the cheat sheet's accessors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast

from pydantic import BaseModel

from directus_orm._types import ItemT

if TYPE_CHECKING:
    from directus_orm._types import Item, JSONObject, JSONValue

_T = TypeVar("_T", bound=BaseModel)


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
