"""Build request paths: item endpoints, system collections, safe path segments."""

from __future__ import annotations

import functools
import re
from typing import Final
from urllib.parse import quote

from directus_orm._exceptions import QueryError

SYSTEM_PREFIX: Final = "directus_"

_BAD_COLLECTION = re.compile(r"[/\x00-\x1f\x7f]|^\.+$|^\s|\s$")


def segment(value: object) -> str:
    """Percent-encode one path segment, so that it cannot leave its place.

    ``/`` becomes ``%2F``; the dot segments ``.`` and ``..``, which HTTP clients and
    servers collapse, become ``%2E`` and ``%2E%2E``.
    """
    if type(value) is int:
        return str(value)  # digits and "-": nothing to encode
    text = str(value)
    if text == "":
        raise QueryError("an empty string cannot be a collection name or key")
    if set(text) == {"."}:
        return "%2E" * len(text)
    return quote(text, safe="")


def check_collection(name: str) -> str:
    """Return ``name`` if it is a usable Directus collection name.

    Directus refuses ``/`` in collection names; control characters, names made of
    dots only and leading or trailing blanks are refused here too.

    Raises:
        QueryError: The name cannot be a Directus collection name.
    """
    if not isinstance(name, str) or not name or _BAD_COLLECTION.search(name):
        raise QueryError(f"invalid collection name {name!r}")
    return name


@functools.lru_cache(maxsize=256)
def items_path(collection: str) -> str:
    """Return the endpoint for the items of ``collection``.

    System collections have their own endpoints: ``directus_users`` is ``/users``.
    """
    check_collection(collection)
    if collection.startswith(SYSTEM_PREFIX):
        return "/" + segment(collection[len(SYSTEM_PREFIX) :])
    return "/items/" + segment(collection)


def item_path(collection: str, key: object) -> str:
    """Return the endpoint of one item of ``collection``."""
    return f"{items_path(collection)}/{segment(key)}"
