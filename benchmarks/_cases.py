"""The cases: what each measures, how big it is, and the target it is held to."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from benchmarks._data import Sizes

LIBRARIES = ("orm", "raw", "pyd")

Medians = dict[str, dict[str, float]]
"""Case key → library → median seconds (or peak bytes)."""

Check = Callable[[Medians], tuple[bool, str]]


@dataclasses.dataclass(frozen=True)
class Case:
    """One row of the table.

    Attributes:
        key: Short id (``--only`` takes these).
        label: What the row measures.
        op: The worker method each library runs (``import`` runs in the runner).
        args: Its arguments.
        expected: The count each run must return (a sanity check).
        mode: ``time`` or ``memory`` (peak bytes of one run, by tracemalloc).
        clock: ``wall`` (perf_counter), or ``cpu`` (process_time: for client-only
            cases, where it is the whole cost and other processes do not blur it).
        reps: Repetitions, interleaved across libraries.
        libs: The libraries that run it.
        warmup: Arguments of the untimed warm-up run (default: ``args``).
        target: The target, as text.
        check: Given the medians, return (met, what was measured).
    """

    key: str
    label: str
    op: str
    args: dict[str, Any]
    expected: int | None
    mode: str = "time"
    clock: str = "wall"
    reps: int = 1
    libs: tuple[str, ...] = LIBRARIES
    warmup: dict[str, Any] | None = None
    target: str = ""
    check: Check | None = None


def _ratio_at_most(key: str, limit: float) -> Check:
    def check(medians: Medians) -> tuple[bool, str]:
        ratio = medians[key]["orm"] / medians[key]["raw"]
        return ratio <= limit, f"{ratio:.2f}x"

    return check


def _share_below(key: str, whole: str, limit: float) -> Check:
    def check(medians: Medians) -> tuple[bool, str]:
        share = medians[key]["orm"] / medians[whole]["orm"]
        return share < limit, f"{share:.1%} of loading all"

    return check


def _bulk_vs_single(medians: Medians) -> tuple[bool, str]:
    speedup = medians["5-single"]["orm"] / medians["5-bulk"]["orm"]
    return speedup >= 5, f"{speedup:.1f}x faster"


def cases(sizes: Sizes) -> list[Case]:
    """Return the cases at ``sizes``, in table order."""
    rows, big, n = f"{sizes.rows:,}", f"{sizes.memory_rows:,}", sizes.creates
    reps, few = sizes.reps, {"creates": min(n, 20)}
    pages = sizes.stream_pages
    return [
        Case("1", f"1. {rows} rows into models, no server (CPU time)", "mock_rows",
             {"n": sizes.rows}, sizes.rows, clock="cpu", reps=sizes.cpu_reps,
             target="<= 1.05x", check=_ratio_at_most("1", 1.05)),
        Case("2", f"2. {sizes.gets:,} get(), no server (CPU time)", "mock_get",
             {"n": sizes.gets}, sizes.gets, clock="cpu", reps=sizes.cpu_reps,
             target="<= 1.10x", check=_ratio_at_most("2", 1.10)),
        Case("3", f"3. {rows} rows from the server, one request", "read_all", {},
             sizes.rows, reps=reps, target="<= 1.05x",
             check=_ratio_at_most("3", 1.05)),
        Case("4", f"4. stream {rows} rows, async for (default page size); raw: "
             "one request", "stream_all", {}, sizes.rows, reps=reps,
             target="<= 1.3x", check=_ratio_at_most("4", 1.3)),
        *(Case(f"4-{page}", f"4. stream {rows} rows, iterator(page_size={page:,});"
               " raw: one request", "stream_all", {"page_size": page}, sizes.rows,
               reps=reps, libs=("orm", "raw"), target="<= 1.3x",
               check=_ratio_at_most(f"4-{page}", 1.3)) for page in pages),
        Case("4m-stream", f"4. peak memory, stream {big} rows (default page size)",
             "stream_big", {}, sizes.memory_rows, mode="memory",
             target="< 10% of load all",
             check=_share_below("4m-stream", "4m-load", 0.1)),
        *(Case(f"4m-{page}", f"4. peak memory, stream {big} rows, "
               f"page_size={page:,}", "stream_big", {"page_size": page},
               sizes.memory_rows, mode="memory", libs=("orm",),
               target="< 10% of load all",
               check=_share_below(f"4m-{page}", "4m-load", 0.1)) for page in pages),
        Case("4m-load", f"4. peak memory, load {big} rows at once", "load_big", {},
             sizes.memory_rows, mode="memory"),
        Case("5-bulk", f"5. {n:,} creates: bulk_create (default: 512 KiB batches) / "
             "one batch POST", "create_bulk", {"creates": n, "batch": None}, n,
             reps=sizes.create_reps, warmup=few, target="<= 1.15x",
             check=_ratio_at_most("5-bulk", 1.15)),
        Case("5-bulk1k", f"5. {n:,} creates: bulk_create(batch_size={n:,}) / one "
             "batch POST", "create_bulk", {"creates": n, "batch": n}, n,
             reps=sizes.create_reps,
             libs=("orm", "raw"), warmup=few, target="<= 1.15x",
             check=_ratio_at_most("5-bulk1k", 1.15)),
        Case("5-single", f"5. {n:,} creates, one request each", "create_single",
             {"creates": n}, n, reps=sizes.single_create_reps, warmup=few,
             target="bulk_create >= 5x faster", check=_bulk_vs_single),
        Case("6", f"6. {sizes.concurrent} concurrent get() on one client",
             "concurrent_get", {"n": sizes.concurrent}, sizes.concurrent,
             reps=reps, target="<= 1.05x", check=_ratio_at_most("6", 1.05)),
        Case("7", "7. import, fresh interpreter: `import directus_orm` / `import "
             "httpx, pydantic` / `import py_directus`", "import", {}, None,
             reps=sizes.import_reps, target="<= 1.2x", check=_ratio_at_most("7", 1.2)),
        Case("7-model", "7. in use: `from directus_orm import Directus, DirectusModel` "
             "and one model / asyncio, httpx and one pydantic model",
             "import", {}, None, reps=sizes.import_reps, libs=("orm", "raw")),
    ]  # fmt: skip


IMPORTS = {
    "7": {
        "orm": "import directus_orm",
        "raw": "import httpx, pydantic",
        "pyd": "import warnings; warnings.simplefilter('ignore'); import py_directus",
    },
    "7-model": {
        "orm": "from directus_orm import Directus, DirectusModel\n"
        "class Product(DirectusModel):\n    id: int\n    name: str",
        "raw": "import asyncio, httpx\nfrom pydantic import BaseModel\n"
        "class Product(BaseModel):\n    id: int\n    name: str",
    },
}
"""What case 7 imports in a fresh interpreter, per library."""
