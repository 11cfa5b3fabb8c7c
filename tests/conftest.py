"""Collection rules for the whole test tree."""

from __future__ import annotations

# tests/postgres_start stops the local PostgreSQL, which would cut off any
# PostgreSQL-backed Directus of the same run: no recursive collection picks it up
# (``pytest``, ``pytest tests``, ``pytest -m integration``). Naming the folder runs
# it, as ./scripts/test does on its own, just before the PostgreSQL run.
collect_ignore = ["postgres_start"]
