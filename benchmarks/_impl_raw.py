"""The bound: hand-written httpx calls, pydantic-core parsing the response bytes.

This is the fastest straightforward code a service would write without a client
library: one shared ``httpx.AsyncClient``, bodies parsed by ``model_validate_json``
of an envelope model (no ``json.loads`` and no per-row Python), paging by hand.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from pydantic import BaseModel

from benchmarks._data import mock_transport

NAME = "raw httpx"


class Product(BaseModel):
    """The benchmark's product as a plain pydantic model."""

    id: int | None = None
    name: str
    sku: str
    price: float = 0.0
    stock: int | None = None
    category: str | None = None
    active: bool = True


class Rows(BaseModel):
    """A Directus list answer."""

    data: list[Product]


class Row(BaseModel):
    """A Directus single-item answer."""

    data: Product


def version() -> str:
    """Return the versions of httpx and pydantic."""
    import pydantic

    return f"httpx {httpx.__version__}, pydantic {pydantic.VERSION}"


class Bench:
    """One client on the server, and clients on canned answers for the mock cases."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.names: dict[str, str] = config["collections"]
        self.page_size: int = config["page_size"]
        self.server = httpx.AsyncClient(
            base_url=config["url"],
            headers={"Authorization": f"Bearer {config['token']}"},
            timeout=60,
        )
        self._mocks: dict[str, httpx.AsyncClient] = {}

    async def close(self) -> None:
        """Close every client."""
        await self.server.aclose()
        for client in self._mocks.values():
            await client.aclose()

    def _path(self, key: str) -> str:
        return f"/items/{self.names[key]}"

    def _mock(self, rows: int) -> httpx.AsyncClient:
        key = f"rows{rows}"
        if key not in self._mocks:
            self._mocks[key] = httpx.AsyncClient(
                base_url="http://directus.mock",
                headers={"Authorization": "Bearer t"},
                transport=mock_transport(rows),
            )
        return self._mocks[key]

    async def _rows(
        self, client: httpx.AsyncClient, path: str, **params: str
    ) -> list[Product]:
        response = await client.get(path, params=params)
        response.raise_for_status()
        return Rows.model_validate_json(response.content).data

    async def _row(self, client: httpx.AsyncClient, path: str) -> Product:
        response = await client.get(path)
        response.raise_for_status()
        return Row.model_validate_json(response.content).data

    async def mock_rows(self, n: int) -> list[Product]:
        """Case 1: ``n`` rows into models from a canned answer."""
        client = self._mock(n)
        return await self._rows(client, "/items/bench_products", limit="-1")

    async def mock_get(self, n: int) -> int:
        """Case 2: ``n`` single-item reads (``GET /items/c/pk``) from canned answers."""
        client = self._mock(1)
        for pk in range(1, n + 1):
            await self._row(client, f"/items/bench_products/{pk}")
        return n

    async def read_all(self) -> list[Product]:
        """Case 3 (and the bound of case 4): every row, one request."""
        return await self._rows(self.server, self._path("rows"), limit="-1")

    async def stream_all(self, page_size: int | None = None) -> list[Product]:
        """Case 4: the bound is one request (see ``read_all``)."""
        return await self.read_all()

    async def stream_big(self) -> int:
        """Case 4, memory: page through the big collection by hand."""
        return await self._page(self._path("memory"))

    async def load_big(self) -> list[Product]:
        """Case 4, memory: load the big collection with one request."""
        return await self._rows(self.server, self._path("memory"), limit="-1")

    async def _page(self, path: str) -> int:
        count = offset = 0
        while True:
            page = await self._rows(
                self.server,
                path,
                limit=str(self.page_size),
                offset=str(offset),
                sort="id",
            )
            count += len(page)
            offset += len(page)
            if len(page) < self.page_size:
                return count

    async def create_bulk(
        self, rows: list[dict[str, Any]], batch: int | None = None
    ) -> int:
        """Case 5: one hand-made batch POST; the stored rows come back as models."""
        response = await self.server.post(
            self._path("create"), json=rows, params={"limit": "-1"}
        )
        response.raise_for_status()
        return len(Rows.model_validate_json(response.content).data)

    async def create_single(self, rows: list[dict[str, Any]]) -> int:
        """Case 5: one POST per row."""
        for row in rows:
            response = await self.server.post(self._path("create"), json=row)
            response.raise_for_status()
            Row.model_validate_json(response.content)
        return len(rows)

    async def concurrent_get(self, n: int) -> int:
        """Case 6: ``n`` concurrent single-item reads on one client."""
        path = self._path("rows")
        got = await asyncio.gather(
            *(self._row(self.server, f"{path}/{pk}") for pk in range(1, n + 1))
        )
        return len(got)
