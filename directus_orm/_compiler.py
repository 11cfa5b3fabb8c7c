"""Compile a ``QueryState`` into Directus query parameters. Pure; no I/O.

Two shapes come out of one compilation: the JSON query object that the ``SEARCH``
method takes in its body, and the flat query-string parameters of ``GET`` (``filter``,
``deep`` and ``alias`` as JSON; ``fields``, ``sort``, ``groupBy`` comma-joined).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from directus_orm._filters import combine, compile_filter
from directus_orm._model_fields import model_fields

if TYPE_CHECKING:
    from directus_orm._state import QueryState
    from directus_orm._types import JSONObject, JSONValue, Params


def compile_query(state: QueryState) -> JSONObject:
    """Return the Directus query object for ``state`` (the ``SEARCH`` body shape)."""
    fields = model_fields(state.model) if state.model is not None else None
    query: JSONObject = {}
    filter_object = combine([compile_filter(f, fields) for f in state.filters])
    if filter_object is not None:
        query["filter"] = filter_object
    if state.fields:
        query["fields"] = list(state.fields)
    if state.sort:
        query["sort"] = list(state.sort)
    if state.limit is not None:
        query["limit"] = state.limit
    if state.offset is not None:
        query["offset"] = state.offset
    if state.page is not None:
        query["page"] = state.page
    if state.search is not None:
        query["search"] = state.search
    if state.deep is not None:
        query["deep"] = state.deep
    if state.alias is not None:
        query["alias"] = state.alias
    if state.aggregate:
        aggregate: dict[str, JSONValue] = {}
        for operator, field in state.aggregate:
            targets = aggregate.setdefault(operator, [])
            assert isinstance(targets, list)
            if field not in targets:
                targets.append(field)
        query["aggregate"] = aggregate
    if state.group_by:
        query["groupBy"] = list(state.group_by)
    if state.include_count:
        query["meta"] = ["total_count", "filter_count"]
    return query


def to_params(query: JSONObject) -> Params:
    """Flatten a query object into query-string parameters for ``GET``."""
    params: Params = {}
    for key, value in query.items():
        if key == "aggregate" and isinstance(value, dict):
            for operator, targets in value.items():
                assert isinstance(targets, list)
                params[f"aggregate[{operator}]"] = ",".join(map(str, targets))
        elif isinstance(value, dict):
            params[key] = _dumps(value)
        elif isinstance(value, list):
            params[key] = ",".join(map(str, value))
        else:
            params[key] = str(value)
    return params


def _dumps(value: JSONValue) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
