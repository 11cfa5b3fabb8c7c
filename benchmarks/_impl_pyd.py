"""The cases written with py_directus (the peer), as its README shows.

py_directus has no streaming and no bulk-create helper: paging is a hand-written loop
of ``limit``/``offset`` reads, and a batch create is ``create([...])``.
"""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import httpx

from benchmarks._data import mock_transport

with warnings.catch_warnings():
    # py_directus 0.0.30 warns about its own models at import.
    warnings.simplefilter("ignore")
    import py_directus
    from py_directus import Directus
    from py_directus.models import DirectusModel

NAME = "py_directus"


def version() -> str:
    """Return py_directus's version."""
    from importlib.metadata import version as installed

    return installed("py-directus")


def _model(collection: str) -> type[DirectusModel]:
    fields = {
        "id": (int | None, None),
        "name": (str, ...),
        "sku": (str, ...),
        "price": (float, 0.0),
        "stock": (int | None, None),
        "category": (str | None, None),
        "active": (bool, True),
    }
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__annotations__": {name: kind for name, (kind, _) in fields.items()},
        "model_config": {"collection": collection},
    }
    for name, (_, default) in fields.items():
        if default is not ...:
            namespace[name] = default
    return type("Product", (DirectusModel,), namespace)


class Bench:
    """One client on the server, and clients on canned answers for the mock cases."""

    def __init__(self, config: dict[str, Any]) -> None:
        names = config["collections"]
        self.url: str = config["url"]
        self.token: str = config["token"]
        self.page_size: int = config["page_size"]
        self.rows = _model(names["rows"])
        self.memory = _model(names["memory"])
        self.create = _model(names["create"])
        self.mock_model = _model("bench_products")
        self._server: Directus | None = None
        self._mocks: dict[str, Directus] = {}

    async def _client(self) -> Directus:
        if self._server is None:
            connection = httpx.AsyncClient(timeout=60)
            self._server = await Directus(
                self.url, token=self.token, connection=connection
            )
        return self._server

    async def close(self) -> None:
        """Close every client."""
        for client in [self._server, *self._mocks.values()]:
            if client is not None:
                await client.close_connection()

    async def _mock(self, rows: int) -> Directus:
        key = f"rows{rows}"
        if key not in self._mocks:
            connection = httpx.AsyncClient(transport=mock_transport(rows))
            self._mocks[key] = await Directus(
                "http://directus.mock", token="t", connection=connection
            )
        return self._mocks[key]

    async def mock_rows(self, n: int) -> list[Any]:
        """Case 1: ``n`` rows into models from a canned answer."""
        client = await self._mock(n)
        response = await client.collection(self.mock_model).limit(-1).read()
        return list(response.items)

    async def mock_get(self, n: int) -> int:
        """Case 2: ``n`` single-item reads from canned answers."""
        client = await self._mock(1)
        for pk in range(1, n + 1):
            response = await client.collection(self.mock_model).read(pk)
            assert response.item is not None
        return n

    async def read_all(self) -> list[Any]:
        """Case 3: every row into models, one request."""
        client = await self._client()
        response = await client.collection(self.rows).limit(-1).read()
        return list(response.items)

    async def stream_all(self) -> int:
        """Case 4: no streaming in py_directus; pages read by hand."""
        return await self._page(self.rows)

    async def stream_big(self) -> int:
        """Case 4, memory: page through the big collection by hand."""
        return await self._page(self.memory)

    async def load_big(self) -> list[Any]:
        """Case 4, memory: load the big collection at once."""
        client = await self._client()
        response = await client.collection(self.memory).limit(-1).read()
        return list(response.items)

    async def _page(self, model: type[DirectusModel]) -> int:
        client = await self._client()
        count = offset = 0
        while True:
            request = client.collection(model).sort("id").limit(self.page_size)
            response = await request.offset(offset).read()
            page = response.items or []
            count += len(page)
            offset += len(page)
            if len(page) < self.page_size:
                return count

    async def create_bulk(
        self, rows: list[dict[str, Any]], batch: int | None = None
    ) -> int:
        """Case 5: one batch ``create([...])``."""
        client = await self._client()
        response = await client.collection(self.create).create(rows)
        assert response.items
        return len(rows)

    async def create_single(self, rows: list[dict[str, Any]]) -> int:
        """Case 5: one ``create({...})`` per row."""
        client = await self._client()
        for row in rows:
            response = await client.collection(self.create).create(row)
            assert response.item is not None
        return len(rows)

    async def concurrent_get(self, n: int) -> int:
        """Case 6: ``n`` concurrent single-item reads on one client."""
        client = await self._client()
        responses = await asyncio.gather(
            *(client.collection(self.rows).read(pk) for pk in range(1, n + 1))
        )
        return sum(response.item is not None for response in responses)


__all__ = ["NAME", "Bench", "py_directus", "version"]
