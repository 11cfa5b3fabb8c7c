"""Benchmarks: directus-orm against raw httpx (the bound) and py_directus.

Run ``./scripts/bench`` (or ``python -m benchmarks``): it starts the project's local
Directus, seeds its own collections, runs every case with interleaved repetitions and
prints one table. ``python -m benchmarks --quick`` runs every case with small sizes;
``tests/benchmarks/test_quick.py`` does that in the test suite. See
``docs/performance.md`` for the cases, the targets and the findings.

Each library runs in its own worker process (``_worker.py``), so that one library's
imports and monkey-patches (py_directus patches ``json.JSONEncoder``) cannot slow
another down; the runner sends each worker one measurement at a time.
"""

from __future__ import annotations

from benchmarks._report import Report
from benchmarks._runner import Settings, run

__all__ = ["Report", "Settings", "run"]
