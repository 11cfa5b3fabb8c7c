"""Tests of your own code against a real Directus, with directus-orm's pytest plugin.

``directus_server`` and ``directus_server_factory`` come from the plugin, which
pytest loads by itself once directus-orm is installed.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from directus_orm import Directus, DirectusConfig, DirectusModel
from directus_orm.testing import DirectusServer, ServerFactory


class Note(DirectusModel):
    """The model under test."""

    model_config = DirectusConfig(collection=f"notes_{uuid.uuid4().hex[:8]}")

    id: int | None = None
    text: str


@pytest.fixture
async def directus(directus_server: DirectusServer) -> AsyncIterator[Directus]:
    """A client for the session's server, with a fresh notes collection."""
    async with Directus(directus_server.url, token=directus_server.token) as client:
        client.bind(Note)
        await client.schema.create_collection(Note)
        yield client
        await client.collections.delete(Note.model_config["collection"])


async def test_notes_round_trip(directus: Directus) -> None:
    """A note written is a note read back."""
    note = await Note.objects.create(text="hello")
    assert note.pk is not None
    assert (await Note.objects.get(note.pk)).text == "hello"
    assert await Note.objects.count() == 1


async def test_with_other_server_settings(
    directus_server_factory: ServerFactory,
) -> None:
    """A second server with other settings (started once, stopped at session end)."""
    local = directus_server_factory({"QUERY_LIMIT_MAX": "5"})
    server = local.server
    async with httpx.AsyncClient(base_url=server.url) as http:
        response = await http.get(
            "/users",
            params={"limit": "10"},
            headers={"Authorization": f"Bearer {server.token}"},
        )
    assert response.status_code == 400  # limit above QUERY_LIMIT_MAX
