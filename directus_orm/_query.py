"""``QuerySet``: the one immutable, chainable query over a Directus collection.

``directus.collection("products")``, ``directus.collection(Product)`` and
``Product.objects`` all hand out this class. Builders return a new QuerySet and never
change the one they are called on; terminals (``read``, ``all``, ``get``, ``create``,
...) are awaitable and run the request.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import AsyncIterator, Generator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, cast, overload

from directus_orm import _reads, _single_reads
from directus_orm._aggregates import Agg
from directus_orm._compiler import compile_query, to_params
from directus_orm._exceptions import FieldError, QueryError
from directus_orm._expressions import F
from directus_orm._filters import compile_filter
from directus_orm._model_fields import ModelFields, model_fields
from directus_orm._paths import check_collection
from directus_orm._sentinel import MISSING, Missing
from directus_orm._state import QueryState
from directus_orm._types import ItemT

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._models import DirectusModel
    from directus_orm._response import DirectusResponse
    from directus_orm._types import Item, JSONObject, ModelT, PrimaryKey

DEFAULT_PAGE_SIZE = 5000
"""Rows per request when streaming with ``async for``: fewer requests cost less
server time, and memory stays under a tenth of a full load (docs/performance.md)."""


class QuerySet(Generic[ItemT]):
    """A lazy, immutable query over one collection.

    ```python
    qs = directus.collection(Product).filter(F(price__gte=10) | ~F(stock=0))
    cheapest = await qs.sort("price").first()
    async for product in qs.sort("-price"):
        ...
    ```
    """

    __slots__ = ("_state",)

    def __init__(self, state: QueryState) -> None:
        self._state = state

    @classmethod
    def for_collection(
        cls,
        collection: str,
        *,
        client: Directus | None = None,
        primary_key: str = "id",
        validate: bool = False,
    ) -> QuerySet[Item]:
        """Return a query whose rows are dicts."""
        check_collection(collection)
        state = QueryState(
            collection, client=client, primary_key=primary_key, validate=validate
        )
        return QuerySet(state)

    @classmethod
    def for_model(
        cls, model: type[ModelT], *, client: Directus | None = None
    ) -> QuerySet[ModelT]:
        """Return a query whose rows parse into ``model``."""
        from directus_orm._models import model_meta

        meta = model_meta(model)
        state = QueryState(
            meta.collection, model=model, client=client, primary_key=meta.primary_key
        )
        return QuerySet(state)

    # -- plumbing --------------------------------------------------------------------

    @property
    def state(self) -> QueryState:
        """The frozen state of this query."""
        return self._state

    @property
    def model(self) -> type[DirectusModel] | None:
        """The model rows parse into, or ``None``."""
        return self._state.model

    def _chain(self, **changes: Any) -> QuerySet[ItemT]:
        # Always a plain QuerySet: a Manager's builders give QuerySets, as in Django.
        return QuerySet(dataclasses.replace(self._state, **changes))

    def _fields(self) -> ModelFields | None:
        return model_fields(self._state.model) if self._state.model else None

    def _check_path(self, path: str, what: str) -> None:
        fields = self._fields()
        if not path or any(not part for part in path.split(".")):
            raise FieldError(f"{what}: malformed field path {path!r}")
        for part in path.split("."):
            if fields is None or part == "*" or part.startswith("$"):
                return
            spec = fields.resolve(part)
            fields = model_fields(spec.related) if spec.related else None

    def __repr__(self) -> str:
        params = to_params(compile_query(self._state))
        name = self._state.model.__name__ if self._state.model else "dict"
        return f"<QuerySet[{name}] {self._state.collection} {params!r}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QuerySet):
            return NotImplemented
        return self._state == other._state

    __hash__ = None  # type: ignore[assignment]

    def params(self) -> dict[str, str]:
        """Return the query-string parameters this query sends; no I/O."""
        return to_params(compile_query(self._state))

    # -- builders --------------------------------------------------------------------

    def filter(
        self, *conditions: F | Mapping[str, object], **lookups: object
    ) -> QuerySet[ItemT]:
        """Return a new QuerySet that also requires the conditions (AND).

        Args:
            conditions: ``F`` objects or raw Directus filter dicts.
            lookups: ``field=value`` (``_eq``), ``field__op=value``, relational
                paths ``author__name__icontains="an"``.

        Raises:
            FieldError: A field unknown to the model.
            QueryError: An unknown operator or a value that does not fit it.
        """
        node = _to_f(conditions, lookups)
        if node.is_empty:
            return self._chain()
        compile_filter(node, self._fields())
        return self._chain(filters=(*self._state.filters, node))

    def exclude(
        self, *conditions: F | Mapping[str, object], **lookups: object
    ) -> QuerySet[ItemT]:
        """Return a new QuerySet without the rows the conditions select.

        The same as ``filter(~F(...))``. Rows with NULL in a compared field match
        neither ``filter(x=v)`` nor ``exclude(x=v)``.
        """
        node = _to_f(conditions, lookups)
        if node.is_empty:
            return self._chain()
        return self.filter(~node)

    def sort(self, *fields: str, asc: bool = True) -> QuerySet[ItemT]:
        """Return a new QuerySet sorted by ``fields`` after any earlier sort.

        ``"-price"`` sorts descending; ``asc=False`` flips every field given here.
        """
        keys = []
        for field in fields:
            descending = field.startswith("-")
            name = field[1:] if descending else field
            self._check_path(name, "sort")
            keys.append(name if descending == (not asc) else f"-{name}")
        return self._chain(sort=(*self._state.sort, *keys))

    def limit(self, count: int | None) -> QuerySet[ItemT]:
        """Return a new QuerySet reading at most ``count`` rows; ``None`` for all."""
        if count is None:
            return self._chain(limit=-1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise QueryError(f"limit must be a non-negative int or None, not {count!r}")
        return self._chain(limit=count)

    def offset(self, count: int) -> QuerySet[ItemT]:
        """Return a new QuerySet that skips the first ``count`` rows."""
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise QueryError(f"offset must be a non-negative int, not {count!r}")
        return self._chain(offset=count)

    def page(self, number: int) -> QuerySet[ItemT]:
        """Return a new QuerySet reading page ``number`` (from 1) of ``limit`` rows."""
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise QueryError(f"page must be an int >= 1, not {number!r}")
        return self._chain(page=number)

    def fields(self, *fields: str) -> QuerySet[ItemT]:
        """Return a new QuerySet reading only ``fields`` (``"author.name"``, ``*``)."""
        for field in fields:
            self._check_path(field, "fields")
        return self._chain(fields=(*self._state.fields, *fields))

    def search(self, term: str) -> QuerySet[ItemT]:
        """Return a new QuerySet of rows where any searchable field has ``term``."""
        if not isinstance(term, str):
            raise QueryError(f"search takes a string, not {term!r}")
        return self._chain(search=term)

    def deep(self, deep: JSONObject) -> QuerySet[ItemT]:
        """Return a new QuerySet with Directus ``deep`` (queries on relations)."""
        if not isinstance(deep, dict):
            raise QueryError("deep takes a dict")
        return self._chain(deep=copy.deepcopy(deep))

    def alias(self, alias: Mapping[str, str]) -> QuerySet[ItemT]:
        """Return a new QuerySet with Directus ``alias`` (renamed field reads)."""
        if not isinstance(alias, Mapping):
            raise QueryError("alias takes a dict of alias → field")
        for target in alias.values():
            self._check_path(target, "alias")
        return self._chain(alias=copy.deepcopy(dict(alias)))

    def include_count(self) -> QuerySet[ItemT]:
        """Return a new QuerySet whose response carries total and filter counts."""
        return self._chain(include_count=True)

    def using(self, client: Directus) -> QuerySet[ItemT]:
        """Return a new QuerySet sent through ``client`` instead of the bound one."""
        return self._chain(client=client)

    def aggregate(self, *aggs: Agg, **operators: str) -> QuerySet[Item]:
        """Return a new QuerySet of aggregate rows (dicts).

        ``aggregate()`` alone counts rows. ``aggregate(count="*")``,
        ``aggregate(sum="price")``, ``aggregate(Agg(...))``; chained calls add up.
        ``count="*"`` gives ``{"count": 5}``; ``count="id"`` gives
        ``{"count": {"id": 5}}``.
        """
        pairs = [pair for agg in aggs for pair in _agg(agg).pairs()]
        pairs += [
            pair for op, fields in operators.items() for pair in Agg(op, fields).pairs()
        ]
        if not aggs and not operators:
            pairs = list(Agg("count").pairs())
        for _, field in pairs:
            if field != "*":
                self._check_path(field, "aggregate")
        state = dataclasses.replace(
            self._state, aggregate=(*self._state.aggregate, *pairs)
        )
        return QuerySet(state)

    def group_by(self, *fields: str) -> QuerySet[Item]:
        """Return a new QuerySet of rows grouped by ``fields`` (dicts)."""
        for field in fields:
            inner = field.partition("(")[2].rstrip(")") if "(" in field else field
            self._check_path(inner, "group_by")
        state = dataclasses.replace(
            self._state, group_by=(*self._state.group_by, *fields)
        )
        return QuerySet(state)

    # -- reads -----------------------------------------------------------------------

    async def read(self, pk: PrimaryKey | Missing = MISSING) -> DirectusResponse[ItemT]:
        """Send the query as it is and return the response (one item with ``pk``)."""
        return cast("DirectusResponse[ItemT]", await _reads.read(self._state, pk))

    async def all(self) -> list[ItemT]:
        """Return every row the query selects (all pages when no limit is set)."""
        return cast("list[ItemT]", await _reads.fetch_all(self._state))

    def __await__(self) -> Generator[Any, None, list[ItemT]]:
        return self.all().__await__()

    def __aiter__(self) -> AsyncIterator[ItemT]:
        return self.iterator()

    def iterator(self, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncIterator[ItemT]:
        """Stream the rows page by page, holding one page (and the next) in memory."""
        if page_size < 1:
            raise QueryError("page_size must be >= 1")
        return cast("AsyncIterator[ItemT]", _reads.stream(self._state, page_size))

    async def get(self, pk: PrimaryKey | Missing = MISSING, **lookups: object) -> ItemT:
        """Return the one row with ``pk`` and/or matching ``lookups``.

        Raises:
            DoesNotExist: Nothing matched (``Model.DoesNotExist`` for models).
            MultipleObjectsReturned: More than one row matched.
        """
        if (
            pk is not MISSING
            and not lookups
            and _single_reads.by_key_alone(self._state, pk)
        ):
            return cast("ItemT", await _single_reads.get_by_key(self._state, pk))
        qs = self if pk is MISSING else self.filter(**{self._state.primary_key: pk})
        qs = qs.filter(**lookups) if lookups else qs
        return cast("ItemT", await _single_reads.get_one(qs._state))

    async def first(self) -> ItemT | None:
        """Return the first row (by the sort, else by primary key), or ``None``."""
        return cast(
            "ItemT | None", await _single_reads.first(self._state, reverse=False)
        )

    async def last(self) -> ItemT | None:
        """Return the last row (by the sort, else by primary key), or ``None``."""
        return cast(
            "ItemT | None", await _single_reads.first(self._state, reverse=True)
        )

    async def count(self) -> int:
        """Return how many rows match."""
        return await _single_reads.count(self._state)

    async def exists(self) -> bool:
        """Return whether any row matches."""
        return await _single_reads.exists(self._state)

    async def in_bulk(self, pks: Sequence[PrimaryKey]) -> dict[PrimaryKey, ItemT]:
        """Return the rows with the given primary keys, keyed by primary key."""
        return cast(
            "dict[PrimaryKey, ItemT]", await _single_reads.in_bulk(self._state, pks)
        )

    async def values(self, *fields: str) -> list[Item]:
        """Return every matching row as a dict, with only ``fields`` if given."""
        qs = self.fields(*fields) if fields else self
        return await _reads.fetch_dicts(qs._state)

    # -- writes ----------------------------------------------------------------------

    @overload
    async def create(self, data: Sequence[Any], /) -> list[ItemT]: ...
    @overload
    async def create(self, data: Mapping[str, object] | DirectusModel, /) -> ItemT: ...
    @overload
    async def create(self, /, **fields: object) -> ItemT: ...

    async def create(
        self, data: object = MISSING, /, **fields: object
    ) -> ItemT | list[ItemT]:
        """Create one item (dict, model or keywords) or several (a list).

        Returns what the server stored, with server-set fields (primary key, defaults)
        filled in: models for a model-based query, dicts otherwise. A list comes back
        in input order.
        """
        from directus_orm import _creates

        return cast(
            "ItemT | list[ItemT]", await _creates.create(self._state, data, fields)
        )

    async def bulk_create(
        self, items: Sequence[Any], *, batch_size: int | None = None
    ) -> list[ItemT]:
        """Create many items in as few requests as fit, returned in input order.

        By default each request carries up to 512 KiB of JSON (Directus refuses
        bodies over its ``MAX_PAYLOAD_SIZE``, 1 MB by default); ``batch_size`` sends
        that many items per request instead. Every item is checked before the
        first request. Each request is atomic on the server; when a later one
        fails, ``PartialWriteError`` says which items were created and which not.

        Model instances passed in are updated in place and returned.
        """
        from directus_orm import _creates

        result = await _creates.bulk_create(self._state, items, batch_size)
        return cast("list[ItemT]", result)

    async def update(
        self,
        target: object = MISSING,
        data: object = MISSING,
        /,
        *,
        all_items: bool = False,
        **fields: object,
    ) -> Any:
        """Update items by key, by keys, or by this query's filter.

        - ``update(pk, {...})``: one item; raises ``DoesNotExist`` if it is gone.
        - ``update([pk, ...], {...})``: the same change for each.
        - ``update([pk, ...], [{...}, ...])``: one change per item, one request.
        - ``update({...})`` or ``update(field=value)``: every row the filter selects;
          refused on an unfiltered query unless ``all_items=True``.

        Returns the updated item, or the list of updated items.
        """
        from directus_orm import _writes

        return await _writes.update(self._state, target, data, fields, all_items)

    async def bulk_update(self, items: Sequence[Any], fields: Sequence[str]) -> int:
        """Save ``fields`` of each model instance in one batch PATCH.

        Raises:
            DoesNotExist: Some items are gone on the server (listed in the message).
        """
        from directus_orm import _writes

        return await _writes.bulk_update(self._state, items, fields)

    async def delete(
        self, target: object = MISSING, /, *, all_items: bool = False
    ) -> int:
        """Delete by key, keys, instance, or by this query's filter; return the count.

        ``delete(pk)`` raises ``DoesNotExist`` when the item is not there.
        ``delete()`` on an unfiltered query is refused unless ``all_items=True``.
        """
        from directus_orm import _writes

        return await _writes.delete(self._state, target, all_items)

    async def get_or_create(
        self, defaults: Mapping[str, object] | None = None, **lookups: object
    ) -> tuple[ItemT, bool]:
        """Return ``(row, created)``: the matching row, or a new one made from both."""
        from directus_orm import _instances

        row, created = await _instances.get_or_create(self._state, defaults, lookups)
        return cast("ItemT", row), created

    async def update_or_create(
        self, defaults: Mapping[str, object] | None = None, **lookups: object
    ) -> tuple[ItemT, bool]:
        """Return ``(row, created)`` after updating the match with ``defaults``."""
        from directus_orm import _instances

        row, created = await _instances.update_or_create(self._state, defaults, lookups)
        return cast("ItemT", row), created


def _to_f(
    conditions: Sequence[F | Mapping[str, object]], lookups: dict[str, object]
) -> F:
    node = F(**lookups) if lookups else F()
    for condition in conditions:
        if isinstance(condition, F):
            node = node & condition
        elif isinstance(condition, Mapping):
            node = node & F(condition)
        else:
            kind = type(condition).__name__
            raise TypeError(f"filter() takes F objects, dicts and keywords, not {kind}")
    return node


def _agg(value: object) -> Agg:
    if not isinstance(value, Agg):
        raise TypeError(f"aggregate() takes Agg objects, not {type(value).__name__}")
    return value
