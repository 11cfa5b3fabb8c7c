"""Run throw-away Directus servers on loopback, each on a copy of the template DB.

On SQLite the copy is a file in the server's folder; on PostgreSQL it is a
database created from a template database (see ``_postgres.py``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Final, Literal, Protocol, TypeAlias, get_args

from directus_orm.testing._install import (
    Installation,
    ensure_installed,
    read_tail,
    write_workdir,
)
from directus_orm.testing._postgres import (
    connection_settings,
    create_database,
    drop_database,
)
from directus_orm.testing._process import (
    PARENT_FD_ENV,
    WATCHDOG_JS,
    signal_group,
    track,
    untrack,
)

__all__ = [
    "DatabaseKind",
    "DirectusServer",
    "LocalDirectus",
    "ServerFactory",
    "ServerStartError",
    "free_port",
]

DatabaseKind: TypeAlias = Literal["sqlite", "postgres"]
"""The database a :class:`LocalDirectus` runs on."""

_HOST: Final = "127.0.0.1"
_STOP_GRACE: Final = 10.0


class ServerStartError(RuntimeError):
    """A local Directus server exited or did not answer /server/ping in time."""


@dataclass(frozen=True)
class DirectusServer:
    """Where a Directus server listens and how to log in as its admin.

    The repr hides the token and password so they stay out of test reports.

    ```python
    server = DirectusServer("http://127.0.0.1:8055", token="…", email="a@b.c")
    auth = {"Authorization": f"Bearer {server.token}"}
    httpx.get(f"{server.url}/users/me", headers=auth)
    ```

    Attributes:
        url: Base URL without trailing slash, e.g. ``http://127.0.0.1:8055``.
        token: Static token of the admin user.
        email: Admin e-mail, for password logins ("" if unknown).
        password: Admin password ("" if unknown).
    """

    url: str
    token: str = field(repr=False)
    email: str = ""
    password: str = field(default="", repr=False)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((_HOST, 0))
        port: int = sock.getsockname()[1]
        return port


class LocalDirectus:
    """A Directus server on loopback with its own copy of the template database.

    Installs Directus on first use (see :func:`ensure_installed`). The process
    runs in its own process group, which :meth:`stop`, :meth:`kill` and an
    ``atexit`` hook terminate, and it stops itself if this Python process dies.

    On PostgreSQL (127.0.0.1:5432, user ``postgres``, trust authentication)
    each server gets a fresh database ``directus_orm_<hex>`` copied from a
    template that is bootstrapped once per installation; :meth:`close` drops
    it. PostgreSQL is started with ``pg_ctlcluster`` if it is not running.

    ```python
    with LocalDirectus(env={"QUERY_LIMIT_MAX": "1000"}) as directus:
        httpx.get(f"{directus.server.url}/server/ping")

    with LocalDirectus(database="postgres") as directus:
        print(directus.database_name)
    ```

    Args:
        env: Directus settings added to, or replacing, the defaults (the
            database, no cache, no rate limiter, ``LOG_LEVEL=warn``). HOST and
            PORT are not accepted; pass ``port`` instead.
        port: Port to listen on; a free one is picked when omitted.
        database: ``"sqlite"`` (a file in the server's folder) or
            ``"postgres"``; the admin credentials are the same on both.
        startup_timeout: Seconds :meth:`start` waits for ``/server/ping``.

    Raises:
        ValueError: ``env`` sets HOST or PORT, or ``database`` is unknown.
        InstallError: Directus is not installed and installing it failed, or
            bootstrapping the PostgreSQL template failed.
        PostgresError: PostgreSQL is unreachable or creating the database
            failed.
    """

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        port: int | None = None,
        *,
        database: DatabaseKind = "sqlite",
        startup_timeout: float = 60.0,
    ) -> None:
        extra = dict(env or {})
        if {"HOST", "PORT"} & extra.keys():
            raise ValueError("set the port with LocalDirectus(port=...), not env")
        if database not in get_args(DatabaseKind):
            raise ValueError(f"unknown database {database!r}; use sqlite or postgres")
        self._installation: Installation = ensure_installed()
        self._database: DatabaseKind = database
        self._database_name: str | None = None
        self._database_dropped = False
        self._extra_env = extra
        self._port = free_port() if port is None else port
        self._pick_port = port is None
        self._timeout = startup_timeout
        self._secret = secrets.token_hex(32)
        self._process: subprocess.Popen[bytes] | None = None
        self._pipe_fd: int | None = None
        self._workdir = Path(tempfile.mkdtemp(prefix="directus-orm-"))
        track(self)
        try:
            write_workdir(self._workdir)
            (self._workdir / "watchdog.cjs").write_text(WATCHDOG_JS)
            if database == "postgres":
                self._database_name = create_database(self._installation)
            else:
                shutil.copyfile(self._installation.template_db, self.db_path)
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<LocalDirectus {self.url} {self._database} {state}>"

    @property
    def url(self) -> str:
        """Base URL of the server, e.g. ``http://127.0.0.1:41234``."""
        return f"http://{_HOST}:{self._port}"

    @property
    def server(self) -> DirectusServer:
        """URL and admin credentials of this server."""
        install = self._installation
        return DirectusServer(
            self.url,
            token=install.token,
            email=install.email,
            password=install.password,
        )

    @property
    def log_path(self) -> Path:
        """File receiving the server's stdout and stderr across restarts."""
        return self._workdir / "server.log"

    @property
    def database(self) -> DatabaseKind:
        """The database the server runs on: ``"sqlite"`` or ``"postgres"``."""
        return self._database

    @property
    def db_path(self) -> Path:
        """The SQLite database file, kept across restarts (unused on PostgreSQL)."""
        return self._workdir / "data.db"

    @property
    def database_name(self) -> str | None:
        """The PostgreSQL database, kept across restarts; ``None`` on SQLite."""
        return self._database_name

    @property
    def running(self) -> bool:
        """Whether the server process is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the server and wait until it answers ``/server/ping``.

        Raises:
            RuntimeError: The server is already running.
            ServerStartError: The process exited or did not answer in time;
                the message ends with the tail of the server log.
        """
        if self.running:
            raise RuntimeError(f"{self!r} is already running")
        self._reap()
        for attempt in range(3):
            try:
                self._spawn()
                self._wait_until_ready()
            except ServerStartError:
                self.kill()
                taken = "EADDRINUSE" in read_tail(self.log_path, 2000)
                if not (taken and self._pick_port and attempt < 2):
                    raise
                # Another process took the port between free_port() and listen.
                self._port = free_port()
            else:
                return

    def stop(self, grace: float = _STOP_GRACE) -> None:
        """Stop the server: SIGTERM, then SIGKILL after ``grace`` seconds."""
        process = self._process
        if process is not None and process.poll() is None:
            signal_group(process.pid, signal.SIGTERM)
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                signal_group(process.pid, signal.SIGKILL)
        self._reap()

    def kill(self) -> None:
        """Kill the server with SIGKILL, as a crash would; the DB file stays."""
        if self._process is not None:
            signal_group(self._process.pid, signal.SIGKILL)
        self._reap()

    def restart(self) -> None:
        """Stop the server if it runs, then start it on the same port and DB."""
        self.stop()
        pick, self._pick_port = self._pick_port, False
        try:
            self.start()
        finally:
            self._pick_port = pick

    def close(self) -> None:
        """Stop the server and delete its folder, log and database.

        Raises:
            PostgresError: Dropping the PostgreSQL database failed; the folder
                is deleted anyway.
        """
        try:
            self.stop()
            name = self._database_name
            if name is not None and not self._database_dropped:
                drop_database(name)
                self._database_dropped = True
        finally:
            shutil.rmtree(self._workdir, ignore_errors=True)
            untrack(self)

    def __enter__(self) -> LocalDirectus:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _spawn(self) -> None:
        name = self._database_name
        database = self.db_path if name is None else connection_settings(name)
        env = self._installation.env(database, self._workdir)
        env.update(
            HOST=_HOST,
            PORT=str(self._port),
            PUBLIC_URL=self.url,
            SECRET=self._secret,
            CACHE_ENABLED="false",
            RATE_LIMITER_ENABLED="false",
        )
        env.update(self._extra_env)
        read_fd, write_fd = os.pipe()
        env[PARENT_FD_ENV] = str(read_fd)
        argv = self._installation.command("start")
        argv[1:1] = ["--require", str(self._workdir / "watchdog.cjs")]
        try:
            with self.log_path.open("ab") as log:
                log.write(f"--- directus start on {self.url}\n".encode())
                log.flush()
                self._process = subprocess.Popen(
                    argv,
                    cwd=self._workdir,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=(read_fd,),
                    start_new_session=True,
                )
        except BaseException:
            os.close(write_fd)
            raise
        finally:
            os.close(read_fd)
        self._pipe_fd = write_fd

    def _wait_until_ready(self) -> None:
        # Imported here so loading the pytest plugin stays free of httpx.
        import httpx

        assert self._process is not None
        deadline = time.monotonic() + self._timeout
        with httpx.Client(timeout=2.0, trust_env=False) as client:
            while True:
                code = self._process.poll()
                if code is not None:
                    self._fail(f"exited with code {code} before answering")
                with contextlib.suppress(httpx.HTTPError):
                    reply = client.get(f"{self.url}/server/ping")
                    if reply.status_code == 200 and reply.text == "pong":
                        return
                if time.monotonic() > deadline:
                    self._fail(f"did not answer /server/ping in {self._timeout:.0f} s")
                time.sleep(0.1)

    def _fail(self, reason: str) -> None:
        tail = read_tail(self.log_path)
        raise ServerStartError(
            f"Directus on {self.url} {reason}; end of {self.log_path}:\n{tail}"
        )

    def _reap(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(_STOP_GRACE)
            if process.returncode is None:
                signal_group(process.pid, signal.SIGKILL)
                process.wait()
            # Kills whatever else Directus left in its process group.
            signal_group(process.pid, signal.SIGKILL)
        if self._pipe_fd is not None:
            os.close(self._pipe_fd)
            self._pipe_fd = None


class ServerFactory(Protocol):
    """Type of the ``directus_server_factory`` fixture."""

    def __call__(
        self,
        env: Mapping[str, str] | None = None,
        *,
        database: DatabaseKind | None = None,
    ) -> LocalDirectus:
        """Start a Directus server with ``env`` added to the default settings.

        Args:
            env: Directus settings, e.g. ``{"QUERY_LIMIT_MAX": "1000"}``.
            database: ``"sqlite"`` or ``"postgres"``; by default the value of
                the ``DIRECTUS_TEST_DB`` environment variable, else SQLite.

        Returns:
            The running server; it is stopped and deleted at session end.
        """
        ...
