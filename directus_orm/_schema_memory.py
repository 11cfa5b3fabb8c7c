"""What a client has learnt from the server's schema, shared with its copies.

Name-based queries validate against ``/fields`` and read numbers by the field types
(``directus_orm._numbers``); both are built once and kept here. ``with_options()``
copies of a client share one memory, and any schema write through any of them
(``/fields``, ``/collections``, ``/relations``) forgets it. A build that was under
way when the schema changed is not kept: ``generation`` tells.
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from directus_orm._numbers import NumberSchema
    from directus_orm.schema._validate import ItemValidator

SCHEMA_PATHS: Final = ("/fields", "/collections", "/relations", "/schema/apply")
"""Endpoints whose writes change the schema."""


@dataclasses.dataclass(eq=False)
class SchemaMemory:
    """Per-collection validators and the number schema, with their generation."""

    validators: dict[str, ItemValidator] = dataclasses.field(default_factory=dict)
    numbers: NumberSchema | None = None
    generation: int = 0
    lock: asyncio.Lock = dataclasses.field(default_factory=asyncio.Lock)

    def forget(self) -> None:
        """Drop everything learnt: the schema has changed."""
        self.validators.clear()
        self.numbers = None
        self.generation += 1


def changes_schema(method: str, path: str) -> bool:
    """Tell whether a request may change the schema."""
    return method.upper() not in ("GET", "SEARCH") and path.startswith(SCHEMA_PATHS)
