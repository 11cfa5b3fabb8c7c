"""Reach the local PostgreSQL through its command-line tools, starting it if needed.

Only ``psql``, ``pg_isready`` and ``pg_ctlcluster`` are used, so directus-orm
needs no Python driver. The server is fixed: 127.0.0.1:5432, user ``postgres``,
trust authentication.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Final

__all__ = ["PG_HOST", "PG_PORT", "PG_USER", "PostgresError", "ensure_running", "psql"]

PG_HOST: Final = "127.0.0.1"
PG_PORT: Final = 5432
PG_USER: Final = "postgres"

_LOG = logging.getLogger("directus_orm.testing")
_PSQL_TIMEOUT: Final = 120.0
_START_TIMEOUT: Final = 30.0
_CLUSTERS: Final = Path("/etc/postgresql")


class PostgresError(RuntimeError):
    """PostgreSQL is unreachable, or creating or dropping a database failed."""


def psql(*commands: str, database: str = "postgres") -> str:
    """Run SQL commands through ``psql``, each in its own transaction.

    ``CREATE DATABASE`` cannot run inside a transaction block, so each command
    goes in a separate ``-c``; psql stops at the first failing one.

    Args:
        *commands: SQL statements.
        database: Database to connect to.

    Returns:
        The unaligned, tuples-only output, stripped.

    Raises:
        PostgresError: psql is missing, timed out or failed; the message holds
            its error output.
    """
    conninfo = (
        f"host={PG_HOST} port={PG_PORT} user={PG_USER} dbname={database} "
        "connect_timeout=10 application_name=directus_orm"
    )
    argv = [_tool("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
    argv += ["-d", conninfo]
    for command in commands:
        argv += ["-c", command]
    try:
        completed = subprocess.run(
            argv,
            env=_clean_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=_PSQL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PostgresError(f"psql timed out running {commands[0]!r}") from exc
    if completed.returncode != 0:
        error = completed.stderr.strip() or f"exit code {completed.returncode}"
        raise PostgresError(f"psql failed running {commands!r}: {error}")
    return completed.stdout.strip()


def ensure_running() -> None:
    """Make sure PostgreSQL accepts connections on 127.0.0.1:5432.

    Starts the newest local cluster with ``pg_ctlcluster`` when it does not.

    Raises:
        PostgresError: PostgreSQL is not running and could not be started.
    """
    if _ready():
        return
    versions = sorted(
        (p.parent.name for p in _CLUSTERS.glob("*/main") if p.parent.name.isdigit()),
        key=int,
    )
    starter = shutil.which("pg_ctlcluster")
    output = "pg_ctlcluster not found" if versions else f"no cluster in {_CLUSTERS}"
    if starter is not None and versions:
        output = _start_cluster(
            [starter, "--skip-systemctl-redirect", versions[-1], "main", "start"]
        )
        # Another process may be starting it too: only readiness counts.
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if _ready():
                return
            time.sleep(0.2)
    raise PostgresError(
        f"PostgreSQL is not accepting connections on {PG_HOST}:{PG_PORT} and "
        f"could not be started ({output or 'no output'})"
    )


def _start_cluster(argv: list[str]) -> str:
    _LOG.warning("starting PostgreSQL: %s", " ".join(argv))
    # A file, not a pipe, catches the output: the daemon must not keep our
    # pipe open. Its own session keeps a Ctrl-C on the test run away from it.
    with tempfile.TemporaryFile() as output:
        try:
            subprocess.run(
                argv,
                env=_clean_env(),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                timeout=_START_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"pg_ctlcluster did not return in {_START_TIMEOUT:.0f} s"
        output.seek(0)
        return output.read().decode(errors="replace").strip()


def _ready() -> bool:
    argv = [_tool("pg_isready"), "-q", "-h", PG_HOST, "-p", str(PG_PORT), "-t", "3"]
    try:
        completed = subprocess.run(
            argv, env=_clean_env(), stdin=subprocess.DEVNULL, timeout=10, check=False
        )
    except subprocess.TimeoutExpired:
        return False
    return completed.returncode == 0


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise PostgresError(f"{name} not found on PATH; install the PostgreSQL client")
    return path


def _clean_env() -> dict[str, str]:
    # PGPASSWORD, PGSERVICE, PGOPTIONS … in the caller's shell must not
    # redirect or alter the connection.
    return {k: v for k, v in os.environ.items() if not k.startswith("PG")}
