"""``start_cache()``: an in-memory cache of read answers, as py_directus offers.

Reads (``GET``, ``SEARCH``) are answered from memory for ``ttl`` seconds. Any write
through the same client clears the cache, so a client never reads its own stale
data; writes by others show up after at most ``ttl`` seconds.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from directus_orm._types import JSONObject, JSONValue, Params

READS: Final = frozenset({"GET", "SEARCH"})


class ResponseCache:
    """Decoded read answers by request, each kept for ``ttl`` seconds."""

    def __init__(self, ttl: float, max_entries: int) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[str, tuple[float, JSONObject]] = {}

    @staticmethod
    def key(method: str, path: str, params: Params | None, body: JSONValue) -> str:
        """Return the cache key of a request."""
        return json.dumps([method, path, params or {}, body], sort_keys=True)

    def get(self, key: str) -> JSONObject | None:
        """Return the cached answer for ``key`` if it is still fresh."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        stored_at, body = entry
        if time.monotonic() - stored_at > self.ttl:
            del self._entries[key]
            return None
        return body

    def put(self, key: str, body: JSONObject) -> None:
        """Remember ``body`` for ``key``, dropping the oldest entry when full."""
        if len(self._entries) >= self.max_entries:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = (time.monotonic(), body)

    def clear(self) -> None:
        """Forget every answer."""
        self._entries.clear()
