"""Pytest plugin giving tests a real Directus server.

Registered through the ``pytest11`` entry point, so it loads in every pytest run
of anyone who installed directus-orm: importing it must stay cheap and do
nothing. Directus is installed and started only when a test requests a fixture.

Fixtures:
    directus_server: session-wide :class:`DirectusServer`. With the environment
        variables ``DIRECTUS_TEST_URL`` and ``DIRECTUS_TEST_TOKEN`` set, it
        points at that server (optionally ``DIRECTUS_TEST_EMAIL`` and
        ``DIRECTUS_TEST_PASSWORD``) instead of starting one.
    directus_server_factory: session-wide callable
        ``(env=None, *, database=None) -> LocalDirectus`` starting extra servers
        with extra settings; all stop at session end.

Local servers run on the database named by the environment variable
``DIRECTUS_TEST_DB``: ``sqlite`` (the default) or ``postgres``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from directus_orm.testing._server import (
        DatabaseKind,
        DirectusServer,
        LocalDirectus,
        ServerFactory,
    )

__all__ = ["database_from_env", "directus_server", "directus_server_factory"]

_DATABASES: tuple[DatabaseKind, ...] = ("sqlite", "postgres")


def database_from_env() -> DatabaseKind:
    """Return the database chosen by ``DIRECTUS_TEST_DB`` (default ``sqlite``).

    Raises:
        pytest.UsageError: The variable holds another value.
    """
    value = os.environ.get("DIRECTUS_TEST_DB", "").strip().lower() or "sqlite"
    for database in _DATABASES:
        if value == database:
            return database
    raise pytest.UsageError(
        f"DIRECTUS_TEST_DB must be 'sqlite' or 'postgres', not {value!r}"
    )


@pytest.fixture(scope="session")
def directus_server_factory() -> Iterator[ServerFactory]:
    """Start extra Directus servers on demand and stop them at session end."""
    from directus_orm.testing._server import LocalDirectus

    started: list[LocalDirectus] = []

    def factory(
        env: Mapping[str, str] | None = None,
        *,
        database: DatabaseKind | None = None,
    ) -> LocalDirectus:
        chosen = database_from_env() if database is None else database
        server = LocalDirectus(env=env, database=chosen)
        started.append(server)
        server.start()
        return server

    try:
        yield factory
    finally:
        for server in reversed(started):
            server.close()


@pytest.fixture(scope="session")
def directus_server(directus_server_factory: ServerFactory) -> DirectusServer:
    """Return the session's Directus server, started on first use.

    It runs on the database named by ``DIRECTUS_TEST_DB`` (default SQLite).
    """
    from directus_orm.testing._server import DirectusServer

    url = os.environ.get("DIRECTUS_TEST_URL")
    token = os.environ.get("DIRECTUS_TEST_TOKEN")
    if url and token:
        return DirectusServer(
            url.rstrip("/"),
            token=token,
            email=os.environ.get("DIRECTUS_TEST_EMAIL", ""),
            password=os.environ.get("DIRECTUS_TEST_PASSWORD", ""),
        )
    return directus_server_factory().server
