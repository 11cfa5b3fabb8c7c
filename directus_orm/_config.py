"""``DirectusConfig``: the model_config keys directus-orm reads, typed."""

from __future__ import annotations

from pydantic import ConfigDict


class DirectusConfig(ConfigDict, total=False):
    """``model_config`` of a ``DirectusModel``: pydantic's keys plus two of ours.

    ```python
    class Product(DirectusModel):
        model_config = DirectusConfig(collection="products", primary_key="id")
    ```

    Attributes:
        collection: The Directus collection the model maps to.
        primary_key: The primary key field (default ``id``).
    """

    collection: str
    primary_key: str
