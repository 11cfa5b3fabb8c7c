"""The benchmark's data: sizes, the products schema, rows and canned responses.

Imported by every worker, so it uses the standard library only: the raw-httpx worker
must not load directus_orm by accident.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import httpx

CATEGORIES = ("fruit", "vegetables", "dairy", "bakery", "drinks")


@dataclasses.dataclass(frozen=True)
class Sizes:
    """How big each case is; ``FULL`` is the documented run, ``QUICK`` the test."""

    rows: int = 10_000
    gets: int = 1_000
    memory_rows: int = 100_000
    creates: int = 1_000
    concurrent: int = 200
    page_size: int = 1_000  # raw httpx's and py_directus's hand-written paging
    stream_pages: tuple[int, ...] = (2_500, 5_000)  # tried beside the default
    reps: int = 9
    cpu_reps: int = 9
    create_reps: int = 5
    single_create_reps: int = 3
    import_reps: int = 9


FULL = Sizes()
QUICK = Sizes(
    rows=300,
    gets=40,
    memory_rows=2_500,
    creates=30,
    concurrent=20,
    page_size=1_000,
    stream_pages=(200,),
    reps=2,
    cpu_reps=2,
    create_reps=1,
    single_create_reps=1,
    import_reps=1,
)


@dataclasses.dataclass(frozen=True)
class Collections:
    """Names of the collections one run seeds (unique per run)."""

    rows: str
    memory: str
    create: str

    @classmethod
    def with_suffix(cls, suffix: str) -> Collections:
        """Return the names for a run tagged ``suffix``."""
        return cls(
            rows=f"bench_products_{suffix}",
            memory=f"bench_products_big_{suffix}",
            create=f"bench_created_{suffix}",
        )


def product_fields() -> list[dict[str, Any]]:
    """Return the Directus field definitions of the 7-field products collection."""

    def plain(name: str, kind: str, **schema: Any) -> dict[str, Any]:
        meta: dict[str, Any] = {}
        if kind == "boolean":
            meta["special"] = ["cast-boolean"]
        return {"field": name, "type": kind, "meta": meta, "schema": schema}

    return [
        {
            "field": "id",
            "type": "integer",
            "meta": {"hidden": True, "readonly": True},
            "schema": {"is_primary_key": True, "has_auto_increment": True},
        },
        plain("name", "string", max_length=100, is_nullable=False),
        plain("sku", "string", max_length=20, is_nullable=False),
        plain("price", "float"),
        plain("stock", "integer"),
        plain("category", "string", max_length=30),
        plain("active", "boolean"),
    ]


def make_row(i: int) -> dict[str, Any]:
    """Return product number ``i`` (without its primary key)."""
    return {
        "name": f"product {i}",
        "sku": f"SKU-{i:08d}",
        "price": round((i * 37) % 50_000 / 100, 2),
        "stock": (i * 13) % 500,
        "category": CATEGORIES[i % len(CATEGORIES)],
        "active": i % 7 != 0,
    }


def make_rows(count: int, start: int = 0) -> list[dict[str, Any]]:
    """Return ``count`` products numbered from ``start``."""
    return [make_row(i) for i in range(start, start + count)]


def list_body(count: int) -> bytes:
    """Return the bytes of a Directus answer listing ``count`` stored products."""
    rows = [{"id": i + 1, **make_row(i)} for i in range(count)]
    return dumps({"data": rows})


def item_body(pk: int = 1) -> bytes:
    """Return the bytes of a Directus answer with one stored product."""
    return dumps({"data": {"id": pk, **make_row(pk - 1)}})


def dumps(value: object) -> bytes:
    """Encode ``value`` as compact JSON, as Directus sends it."""
    return json.dumps(value, separators=(",", ":")).encode()


def mock_transport(rows: int) -> httpx.MockTransport:
    """A no-server transport: item paths get one row, collection paths ``rows``."""
    list_answer, single = list_body(rows), item_body()
    headers = {"content-type": "application/json; charset=utf-8"}

    def answer(request: httpx.Request) -> httpx.Response:
        one = request.url.path.rstrip("/").count("/") > 2
        return httpx.Response(
            200, content=single if one else list_answer, headers=headers
        )

    return httpx.MockTransport(answer)
