"""The local Directus server of directus_orm.testing on PostgreSQL.

Needs PostgreSQL on 127.0.0.1:5432 with trust authentication for ``postgres``;
the tests start the local cluster if it is stopped.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import uuid
from typing import Any

import httpx
import pytest

from directus_orm.testing import (
    DatabaseKind,
    DirectusServer,
    LocalDirectus,
    ServerFactory,
    free_port,
)
from directus_orm.testing._postgres import drop_stale_databases
from directus_orm.testing._psql import psql

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        shutil.which("psql") is None, reason="the PostgreSQL client is not installed"
    ),
]


def admin_client(server: DirectusServer) -> httpx.Client:
    return httpx.Client(
        base_url=server.url,
        headers={"Authorization": f"Bearer {server.token}"},
        timeout=30,
        trust_env=False,
    )


def create_collection(client: httpx.Client, *fields: dict[str, Any]) -> str:
    name = f"local_pg_{uuid.uuid4().hex[:8]}"
    primary_key = {
        "field": "id",
        "type": "integer",
        "meta": {"hidden": True},
        "schema": {"is_primary_key": True, "has_auto_increment": True},
    }
    response = client.post(
        "/collections",
        json={
            "collection": name,
            "meta": {},
            "schema": {},
            "fields": [primary_key, *fields],
        },
    )
    assert response.status_code == 200, response.text
    return name


def string_field(name: str, **schema: Any) -> dict[str, Any]:
    return {"field": name, "type": "string", "meta": {}, "schema": schema}


def credentials(server: DirectusServer) -> tuple[str, str, str]:
    return server.token, server.email, server.password


def database_exists(name: str) -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def is_listening(url: str) -> bool:
    try:
        httpx.get(f"{url}/server/ping", timeout=1, trust_env=False)
    except httpx.TransportError:
        return False
    return True


def test_postgres_server_answers_with_the_sqlite_admin(
    directus_server_factory: ServerFactory,
) -> None:
    local = directus_server_factory(database="postgres")
    sqlite = LocalDirectus()
    try:
        with admin_client(local.server) as client:
            ping = client.get("/server/ping")
            me = client.get("/users/me")
        login = httpx.post(
            f"{local.url}/auth/login",
            json={"email": local.server.email, "password": local.server.password},
            trust_env=False,
            timeout=30,
        )

        assert local.database == "postgres"
        assert local.database_name is not None
        assert local.database_name.startswith("directus_orm_")
        assert database_exists(local.database_name)
        assert (ping.status_code, ping.text) == (200, "pong")
        assert me.status_code == 200, me.text
        assert me.json()["data"]["email"] == local.server.email
        assert login.status_code == 200, login.text
        assert credentials(local.server) == credentials(sqlite.server)
        assert sqlite.database_name is None
    finally:
        sqlite.close()
        local.close()


def test_postgres_data_survives_kill_and_restart(
    directus_server_factory: ServerFactory,
) -> None:
    local = directus_server_factory(database="postgres")
    url, database = local.url, local.database_name
    try:
        with admin_client(local.server) as client:
            name = create_collection(client, string_field("name"))
            created = client.post(f"/items/{name}", json={"name": "survivor"})
            assert created.status_code == 200, created.text

        local.kill()
        assert not local.running
        assert not is_listening(url)
        local.restart()

        assert local.running
        assert (local.url, local.database_name) == (url, database)
        with admin_client(local.server) as client:
            response = client.get(f"/items/{name}", params={"fields": "name"})
        assert response.status_code == 200, response.text
        assert response.json()["data"] == [{"name": "survivor"}]
    finally:
        local.close()


def test_two_postgres_servers_get_separate_databases(
    directus_server_factory: ServerFactory,
) -> None:
    first = directus_server_factory(database="postgres")
    second = directus_server_factory(database="postgres")
    try:
        with admin_client(first.server) as client:
            name = create_collection(client, string_field("name"))
        with admin_client(second.server) as client:
            missing = client.get(f"/items/{name}")

        assert first.database_name != second.database_name
        # Directus answers 403, not 404, for a collection it does not know.
        assert missing.status_code == 403, missing.text
    finally:
        second.close()
        first.close()


def test_database_is_dropped_on_close() -> None:
    with LocalDirectus(database="postgres") as local:
        name = local.database_name
        assert name is not None
        assert database_exists(name)

    assert not local.running
    assert not database_exists(name)
    local.close()  # a second close is a no-op


@pytest.mark.parametrize(
    ("database", "status", "code"),
    [
        pytest.param("sqlite", 200, None, id="sqlite-stores-it"),
        pytest.param("postgres", 400, "VALUE_TOO_LONG", id="postgres-refuses-it"),
    ],
)
def test_over_long_string(
    directus_server_factory: ServerFactory,
    database: DatabaseKind,
    status: int,
    code: str | None,
) -> None:
    local = directus_server_factory(database=database)
    try:
        with admin_client(local.server) as client:
            name = create_collection(client, string_field("code", max_length=5))
            fits = client.post(f"/items/{name}", json={"code": "12345"})
            too_long = client.post(f"/items/{name}", json={"code": "123456"})
    finally:
        local.close()

    assert fits.status_code == 200, fits.text
    assert too_long.status_code == status, too_long.text
    if code is not None:
        assert too_long.json()["errors"][0]["extensions"]["code"] == code


def test_database_of_a_killed_process_is_dropped_as_stale() -> None:
    script = (
        "from directus_orm.testing import LocalDirectus\n"
        "local = LocalDirectus(database='postgres')\n"
        "print(local.database_name, local.log_path.parent, flush=True)\n"
        "import time; time.sleep(600)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    ) as parent:
        assert parent.stdout is not None
        name, workdir = parent.stdout.readline().split()
        try:
            assert database_exists(name)
            assert name not in drop_stale_databases()  # its owner still runs
        finally:
            parent.send_signal(signal.SIGKILL)
            parent.wait()
            shutil.rmtree(workdir, ignore_errors=True)

    assert name in drop_stale_databases()
    assert not database_exists(name)


def test_factory_reads_directus_test_db(
    directus_server_factory: ServerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIRECTUS_TEST_DB", "postgres")
    local = directus_server_factory()
    local.close()
    monkeypatch.setenv("DIRECTUS_TEST_DB", "mysql")

    assert local.database == "postgres"
    with pytest.raises(pytest.UsageError, match="DIRECTUS_TEST_DB"):
        directus_server_factory()


def test_unknown_database_is_rejected() -> None:
    with pytest.raises(ValueError, match="mysql"):
        LocalDirectus(database="mysql")  # type: ignore[arg-type]


def test_cli_serve_on_postgres_drops_its_database() -> None:
    port = free_port()
    argv = [sys.executable, "-m", "directus_orm.testing", "serve"]
    argv += ["--port", str(port), "--db", "postgres"]
    with subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as cli:
        assert cli.stdout is not None
        lines = [cli.stdout.readline() for _ in range(6)]
        assert lines[0].strip() == f"Directus running at http://127.0.0.1:{port}"
        database_line = lines[5].split(":", 1)[1].split()
        assert database_line[0] == "postgres"
        name = database_line[1].strip("()")
        assert database_exists(name)

        cli.send_signal(signal.SIGTERM)
        remaining, _ = cli.communicate(timeout=30)

    assert cli.returncode == 0
    assert "stopping Directus" in remaining
    assert not is_listening(f"http://127.0.0.1:{port}")
    assert not database_exists(name)
