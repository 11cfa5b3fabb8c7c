"""The cases written with directus-orm, as an application would write them."""

from __future__ import annotations

import asyncio
from typing import Any

from benchmarks._data import mock_transport
from directus_orm import Directus, DirectusConfig, DirectusModel

NAME = "directus-orm"


Product = DirectusModel  # what the models built by _model() are

_FIELDS: dict[str, tuple[Any, Any]] = {
    "id": (int | None, None),
    "name": (str, ...),
    "sku": (str, ...),
    "price": (float, 0.0),
    "stock": (int | None, None),
    "category": (str | None, None),
    "active": (bool, True),
}


def _model(collection: str, client: Directus) -> type[Product]:
    """Return ``class Product(DirectusModel)`` for ``collection``, bound to ``client``.

    Built with ``type()`` because the collection's name is known at run time only;
    the class is the one a user would write (a direct subclass of DirectusModel).
    """
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__annotations__": {name: kind for name, (kind, _) in _FIELDS.items()},
        "model_config": DirectusConfig(collection=collection),
    }
    namespace.update({k: d for k, (_, d) in _FIELDS.items() if d is not ...})
    model: type[Product] = type("Product", (DirectusModel,), namespace)
    client.bind(model)
    return model


async def _count(model: type[Product], page_size: int | None) -> int:
    rows = model.objects if page_size is None else model.objects.iterator(page_size)
    count = 0
    async for _ in rows:
        count += 1
    return count


def version() -> str:
    """Return the library's version."""
    from directus_orm import __version__

    return str(__version__)


class Bench:
    """One client on the server, and clients on canned answers for the mock cases."""

    def __init__(self, config: dict[str, Any]) -> None:
        names = config["collections"]
        self.server = Directus(config["url"], token=config["token"])
        self.rows = _model(names["rows"], self.server)
        self.memory = _model(names["memory"], self.server)
        self.create = _model(names["create"], self.server)
        self._mocks: dict[str, tuple[Directus, type[Product]]] = {}

    async def close(self) -> None:
        """Close every client."""
        await self.server.close()
        for client, _ in self._mocks.values():
            await client.close()

    def _mock(self, rows: int) -> type[Product]:
        key = f"rows{rows}"
        if key not in self._mocks:
            client = Directus(
                "http://directus.mock", token="t", transport=mock_transport(rows)
            )
            self._mocks[key] = (client, _model("bench_products", client))
        return self._mocks[key][1]

    async def mock_rows(self, n: int) -> list[Product]:
        """Case 1: ``n`` rows into models from a canned answer."""
        model = self._mock(n)
        return await model.objects.all()

    async def mock_get(self, n: int) -> int:
        """Case 2: ``n`` single-item reads from canned answers."""
        model = self._mock(1)
        for pk in range(1, n + 1):
            await model.objects.get(pk)
        return n

    async def read_all(self) -> list[Product]:
        """Case 3: every row into models, one request."""
        return await self.rows.objects.all()

    async def stream_all(self, page_size: int | None = None) -> int:
        """Case 4: every row, streamed with ``async for`` (or ``iterator()``)."""
        return await _count(self.rows, page_size)

    async def stream_big(self, page_size: int | None = None) -> int:
        """Case 4, memory: stream the big collection."""
        return await _count(self.memory, page_size)

    async def load_big(self) -> list[Product]:
        """Case 4, memory: load the big collection at once."""
        return await self.memory.objects.all()

    async def create_bulk(
        self, rows: list[dict[str, Any]], batch: int | None = None
    ) -> int:
        """Case 5: ``bulk_create`` (default batch size unless ``batch``)."""
        if batch is None:
            created = await self.create.objects.bulk_create(rows)
        else:
            created = await self.create.objects.bulk_create(rows, batch_size=batch)
        return len(created)

    async def create_single(self, rows: list[dict[str, Any]]) -> int:
        """Case 5: one ``create()`` (one request) per row."""
        for row in rows:
            await self.create.objects.create(row)
        return len(rows)

    async def concurrent_get(self, n: int) -> int:
        """Case 6: ``n`` concurrent ``get()`` calls on one client."""
        got = await asyncio.gather(
            *(self.rows.objects.get(pk) for pk in range(1, n + 1))
        )
        return len(got)
