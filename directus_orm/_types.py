"""Type aliases and type variables shared by the whole package."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeAlias, TypeVar

if TYPE_CHECKING:
    from directus_orm._models import DirectusModel

JSONValue: TypeAlias = (
    "dict[str, JSONValue] | list[JSONValue] | str | int | float | bool | None"
)
"""Any value that JSON can carry, as decoded by the standard library."""

JSONObject: TypeAlias = "dict[str, JSONValue]"
"""A decoded JSON object: one Directus item, one filter, one response body."""

Item: TypeAlias = "dict[str, JSONValue]"
"""One item of a collection read without a model."""

PrimaryKey: TypeAlias = "int | str"
"""A primary key as Directus sends it: integers, UUIDs and strings."""

Params: TypeAlias = "dict[str, str]"
"""Query-string parameters after compilation."""

ModelT = TypeVar("ModelT", bound="DirectusModel")
"""A DirectusModel subclass."""

ItemT = TypeVar("ItemT")
"""What a query yields: a DirectusModel subclass, or ``Item`` for name-based queries."""

MAX_SAFE_INTEGER: Final = 2**53 - 1
"""Integers beyond this lose precision in the server's JSON (JavaScript numbers)."""
