"""How writes are cut into requests, and what counts as a filter (pure functions)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from directus_orm._creates import BATCH_BYTES, _batches
from directus_orm._writes import _constrains


def bodies(count: int, size: int) -> list[dict[str, Any]]:
    """``count`` bodies of about ``size`` JSON bytes each."""
    return [{"s": "x" * (size - 8)} for _ in range(count)]


def test_by_count() -> None:
    assert _batches(bodies(5, 10), 2) == [(0, 2), (2, 4), (4, 5)]
    assert _batches(bodies(0, 10), 2) == []


def test_by_size_every_batch_fits() -> None:
    items = bodies(300, 5000)
    batches = _batches(items, None)
    assert batches[0][0] == 0
    assert batches[-1][1] == 300
    assert all(a[1] == b[0] for a, b in itertools.pairwise(batches))
    for start, end in batches:
        sent = json.dumps(items[start:end], separators=(",", ":"))
        assert len(sent) <= BATCH_BYTES
    assert len(batches) == 3  # 1.5 MB in 512 KiB batches


def test_by_size_small_items_go_in_one_request() -> None:
    assert _batches(bodies(1000, 100), None) == [(0, 1000)]


def test_an_item_larger_than_a_batch_goes_alone() -> None:
    items = [*bodies(2, 100), {"s": "x" * (BATCH_BYTES + 10)}, *bodies(2, 100)]
    assert _batches(items, None) == [(0, 2), (2, 3), (3, 5)]


@pytest.mark.parametrize("batch_size", [None, 40, 7])
def test_a_server_cap_bounds_every_batch(batch_size: int | None) -> None:
    batches = _batches(bodies(100, 50), batch_size, cap=10)
    assert all(end - start <= min(10, batch_size or 10) for start, end in batches)
    assert sum(end - start for start, end in batches) == 100


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ({"_and": []}, False),
        ({"_or": [{"_and": []}, {"_and": [{"_or": []}]}]}, False),
        ({"name": {}}, False),
        ({"name": {"_eq": "x"}}, True),
        ({"_or": [{"_and": []}, {"id": {"_in": [1]}}]}, True),
        ({"author": {"name": {"_eq": "x"}}}, True),
        ({"_and": "not a list"}, False),
    ],
)
def test_what_counts_as_a_filter(node: dict[str, Any], expected: bool) -> None:
    assert _constrains(node) is expected
