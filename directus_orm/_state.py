"""``QueryState``: everything a query has been told, frozen."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from directus_orm._client import Directus
    from directus_orm._expressions import F
    from directus_orm._models import DirectusModel
    from directus_orm._types import JSONObject


@dataclasses.dataclass(frozen=True, slots=True)
class QueryState:
    """The immutable state behind a QuerySet; builders replace it, never change it.

    Attributes:
        collection: The Directus collection name.
        model: The model that rows parse into, or ``None`` for plain dicts.
        client: The client to use; ``None`` means the model's bound client.
        primary_key: The primary key field.
        filters: Conditions, ANDed together.
    """

    collection: str
    model: type[DirectusModel] | None = None
    client: Directus | None = None
    primary_key: str = "id"
    filters: tuple[F, ...] = ()
    sort: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    limit: int | None = None
    offset: int | None = None
    page: int | None = None
    search: str | None = None
    deep: JSONObject | None = None
    alias: JSONObject | None = None
    aggregate: tuple[tuple[str, str], ...] = ()
    group_by: tuple[str, ...] = ()
    include_count: bool = False
    validate: bool = False

    @property
    def is_aggregate(self) -> bool:
        """Whether rows are aggregate results rather than items."""
        return bool(self.aggregate or self.group_by)
