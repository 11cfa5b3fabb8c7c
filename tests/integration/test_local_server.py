"""The local Directus server of directus_orm.testing: fixtures, restarts, CLI."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from directus_orm.testing import (
    DirectusServer,
    LocalDirectus,
    ServerFactory,
    ServerStartError,
    free_port,
)

pytestmark = pytest.mark.integration


def admin_client(server: DirectusServer) -> httpx.Client:
    return httpx.Client(
        base_url=server.url,
        headers={"Authorization": f"Bearer {server.token}"},
        timeout=30,
        trust_env=False,
    )


def create_collection(client: httpx.Client) -> str:
    name = f"local_server_{uuid.uuid4().hex[:8]}"
    fields: list[dict[str, Any]] = [
        {
            "field": "id",
            "type": "integer",
            "meta": {"hidden": True},
            "schema": {"is_primary_key": True, "has_auto_increment": True},
        },
        {"field": "name", "type": "string", "meta": {}, "schema": {}},
    ]
    response = client.post(
        "/collections",
        json={"collection": name, "meta": {}, "schema": {}, "fields": fields},
    )
    assert response.status_code == 200, response.text
    return name


def is_listening(url: str) -> bool:
    try:
        httpx.get(f"{url}/server/ping", timeout=1, trust_env=False)
    except httpx.TransportError:
        return False
    return True


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if text.encode() in cmdline:
                found.append(int(entry.name))
    return found


def wait_for(predicate: Any, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_server_answers_ping_and_admin_token(directus_server: DirectusServer) -> None:
    with admin_client(directus_server) as client:
        ping = client.get("/server/ping")
        me = client.get("/users/me")

    assert (ping.status_code, ping.text) == (200, "pong")
    assert me.status_code == 200, me.text
    if directus_server.email:
        assert me.json()["data"]["email"] == directus_server.email


def test_password_login_works(directus_server: DirectusServer) -> None:
    if not directus_server.password:
        pytest.skip("DIRECTUS_TEST_PASSWORD is not set for the external server")
    response = httpx.post(
        f"{directus_server.url}/auth/login",
        json={"email": directus_server.email, "password": directus_server.password},
        trust_env=False,
        timeout=30,
    )

    assert response.status_code == 200, response.text
    assert response.json()["data"]["access_token"]


def test_repr_hides_secrets(directus_server: DirectusServer) -> None:
    text = repr(directus_server)

    assert directus_server.url in text
    assert directus_server.token not in text
    if directus_server.password:
        assert directus_server.password not in text


def test_port_in_env_is_rejected() -> None:
    with pytest.raises(ValueError, match="port"):
        LocalDirectus(env={"PORT": "8055"})


def test_failed_start_raises_with_log_tail() -> None:
    local = LocalDirectus(env={"DB_CLIENT": "pg"})
    try:
        with pytest.raises(ServerStartError, match="DB_HOST"):
            local.start()
        assert not local.running
    finally:
        local.close()


def test_factory_server_applies_extra_env(
    directus_server_factory: ServerFactory,
) -> None:
    local = directus_server_factory({"QUERY_LIMIT_MAX": "7"})
    with admin_client(local.server) as client:
        info = client.get("/server/info")
        name = create_collection(client)
        created = client.post(
            f"/items/{name}", json=[{"name": str(i)} for i in range(9)]
        )
        all_rows = client.get(f"/items/{name}", params={"limit": "-1"})
        too_many = client.get(f"/items/{name}", params={"limit": "8"})

    assert info.json()["data"]["queryLimit"]["max"] == 7
    assert created.status_code == 200, created.text
    assert len(all_rows.json()["data"]) == 7
    assert too_many.status_code == 400
    assert too_many.json()["errors"][0]["extensions"]["code"] == "INVALID_QUERY"


def test_kill_and_restart_keep_port_and_data(
    directus_server_factory: ServerFactory,
) -> None:
    local = directus_server_factory()
    url = local.server.url
    with admin_client(local.server) as client:
        name = create_collection(client)
        created = client.post(f"/items/{name}", json={"name": "survivor"})
        assert created.status_code == 200, created.text

    local.kill()
    assert not local.running
    assert not is_listening(url)
    local.restart()

    assert local.running
    assert local.server.url == url
    with admin_client(local.server) as client:
        response = client.get(f"/items/{name}", params={"fields": "name"})
    assert response.status_code == 200, response.text
    assert response.json()["data"] == [{"name": "survivor"}]


def test_context_manager_stops_and_cleans_up() -> None:
    with LocalDirectus() as local:
        url = local.url
        workdir = local.log_path.parent
        assert is_listening(url)

    assert not local.running
    assert not is_listening(url)
    assert not workdir.exists()


def run_module(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "directus_orm.testing", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def test_cli_serve_prints_url_and_stops_on_sigterm() -> None:
    port = free_port()
    with run_module("serve", "--port", str(port)) as cli:
        assert cli.stdout is not None
        first = cli.stdout.readline()
        token_line = cli.stdout.readline()
        assert first.strip() == f"Directus running at http://127.0.0.1:{port}"
        token = token_line.split(":", 1)[1].strip()
        me = httpx.get(
            f"http://127.0.0.1:{port}/users/me",
            headers={"Authorization": f"Bearer {token}"},
            trust_env=False,
        )
        assert me.status_code == 200, me.text

        cli.send_signal(signal.SIGTERM)
        remaining, _ = cli.communicate(timeout=30)

    assert cli.returncode == 0
    assert "stopping Directus" in remaining
    assert not is_listening(f"http://127.0.0.1:{port}")


def test_server_stops_when_python_parent_is_killed() -> None:
    script = (
        "from directus_orm.testing import LocalDirectus\n"
        "local = LocalDirectus()\n"
        "local.start()\n"
        "print(local.url, local.log_path.parent, flush=True)\n"
        "import time; time.sleep(600)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    ) as parent:
        assert parent.stdout is not None
        url, workdir = parent.stdout.readline().split()
        assert is_listening(url)
        assert processes_mentioning(workdir)

        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()

    try:
        assert wait_for(lambda: not processes_mentioning(workdir))
        assert not is_listening(url)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
