"""``ensure_running()`` really starts a stopped PostgreSQL.

The test stops the local cluster, so it must not run beside a PostgreSQL-backed
Directus: ``tests/conftest.py`` keeps it out of every recursive collection and
``./scripts/test`` runs it on its own, just before the integration tests on
PostgreSQL, which then also depend on the restart. Needs root (or the ``postgres``
user) for ``pg_ctlcluster``; it is never skipped.
"""

from __future__ import annotations

import logging
import subprocess
import time
from pathlib import Path

import pytest

from directus_orm.testing._psql import PG_HOST, PG_PORT, ensure_running, psql

CLUSTERS = Path("/etc/postgresql")


def newest_cluster() -> str:
    """The version of the cluster ``ensure_running()`` starts: the newest one."""
    versions = sorted(
        (p.parent.name for p in CLUSTERS.glob("*/main") if p.parent.name.isdigit()),
        key=int,
    )
    assert versions, f"no PostgreSQL cluster in {CLUSTERS}"
    return versions[-1]


def accepting() -> bool:
    argv = ["pg_isready", "-q", "-h", PG_HOST, "-p", str(PG_PORT), "-t", "3"]
    return subprocess.run(argv, check=False, timeout=10).returncode == 0


def pg_ctlcluster(version: str, *action: str) -> None:
    argv = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", *action]
    completed = subprocess.run(
        argv, capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, f"{' '.join(argv)}: {completed.stderr}"


def test_ensure_running_starts_a_stopped_cluster(
    caplog: pytest.LogCaptureFixture,
) -> None:
    version = newest_cluster()
    ensure_running()  # down from the start (a fresh machine): up, to be stopped
    assert accepting()
    pg_ctlcluster(version, "stop", "-m", "fast")
    try:
        assert not accepting(), "PostgreSQL still answers after pg_ctlcluster stop"
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="directus_orm.testing"):
            ensure_running()
        took = time.monotonic() - started
        assert "starting PostgreSQL" in caplog.text, "ensure_running() did not start it"
        assert accepting(), f"not accepting connections {took:.1f} s after the start"
        assert psql("SELECT 1") == "1"
    finally:
        if not accepting():
            pg_ctlcluster(version, "start")
