"""PostgreSQL databases for local Directus servers: one template, a copy each.

Each installation bootstraps one template database the first time a server
asks for PostgreSQL: ``directus_orm_template_<version>`` (dots as underscores),
marked ``IS_TEMPLATE`` and closed to connections. Every server then gets its own
``CREATE DATABASE directus_orm_<hex> TEMPLATE …`` (well under a second) and drops
it on close. The template's comment holds a hash of the admin credentials, so a
re-installed cache (new token) rebuilds it instead of reusing stale users.

Each server database's comment names the Python process that created it. The
first server of a process drops the databases left by crashed runs: those whose
owner process is gone or, when the owner cannot be checked (another PID
namespace, another boot), those older than six hours. Plain ``DROP DATABASE``
refuses a database still in use, so a live server is never dropped by mistake.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
import tempfile
import threading
import time
from pathlib import Path
from typing import Final

from directus_orm.testing._install import (
    DIRECTUS_VERSION,
    Installation,
    Runner,
    locked,
    write_workdir,
)
from directus_orm.testing._psql import (
    PG_HOST,
    PG_PORT,
    PG_USER,
    PostgresError,
    ensure_running,
    psql,
)

__all__ = [
    "connection_settings",
    "create_database",
    "drop_database",
    "drop_stale_databases",
    "ensure_template",
    "template_name",
]

_LOG = logging.getLogger("directus_orm.testing")
_PREFIX: Final = "directus_orm_"
_STALE_AFTER: Final = 6 * 3600.0
_BOOTSTRAP_TIMEOUT: Final = 300.0
_LIST_SQL: Final = """\
SELECT coalesce(json_agg(json_build_object(
    'name', datname,
    'comment', shobj_description(oid, 'pg_database'),
    'age', extract(epoch FROM now() - (pg_stat_file(
        'base/' || oid || '/PG_VERSION', true)).modification)
)), '[]') FROM pg_database
WHERE datname LIKE 'directus\\_orm\\_%' AND NOT datistemplate"""

_cleanup_lock = threading.Lock()
_cleaned_up = False


def template_name() -> str:
    """Return the name of this Directus version's template database."""
    return f"{_PREFIX}template_{DIRECTUS_VERSION.replace('.', '_')}"


def connection_settings(database: str) -> dict[str, str]:
    """Return the Directus ``DB_*`` settings for a database on the local server."""
    return {
        "DB_CLIENT": "pg",
        "DB_HOST": PG_HOST,
        "DB_PORT": str(PG_PORT),
        "DB_DATABASE": database,
        "DB_USER": PG_USER,
    }


def ensure_template(installation: Installation) -> str:
    """Bootstrap the template database once per installation; return its name.

    Raises:
        PostgresError: A psql command failed.
        InstallError: ``directus bootstrap`` failed; see the log it names.
    """
    name = template_name()
    wanted = _fingerprint(installation)
    if _template_comment(name) == wanted:
        return name
    lock_path = installation.root.parent / f"{installation.root.name}.postgres.lock"
    with locked(lock_path) as lock_fd:
        if _template_comment(name) != wanted:
            started = time.monotonic()
            _build_template(installation, name, wanted, lock_fd)
            _LOG.warning(
                "bootstrapped PostgreSQL template %s in %.1f s",
                name,
                time.monotonic() - started,
            )
    return name


def create_database(installation: Installation) -> str:
    """Create a fresh database from the template and return its name.

    Starts PostgreSQL if needed, drops databases of crashed runs (once per
    process) and bootstraps the template on first use.

    Raises:
        PostgresError: PostgreSQL is unreachable or a psql command failed.
        InstallError: Bootstrapping the template failed.
    """
    ensure_running()
    _drop_stale_once()
    template = ensure_template(installation)
    name = f"{_PREFIX}{secrets.token_hex(8)}"
    psql(
        f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
        _comment_sql(name, json.dumps({"owner": _owner()})),
    )
    return name


def drop_database(name: str) -> None:
    """Drop a database, closing any connection still open to it."""
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_stale_databases() -> list[str]:
    """Drop server databases left behind by crashed runs; return their names."""
    dropped = []
    for entry in json.loads(psql(_LIST_SQL) or "[]"):
        if not _is_stale(entry.get("comment"), entry.get("age")):
            continue
        name = entry["name"]
        try:
            # Without FORCE: a database someone still uses is left alone.
            psql(f'DROP DATABASE IF EXISTS "{name}"')
        except PostgresError as exc:
            _LOG.warning("could not drop stale database %s: %s", name, exc)
        else:
            dropped.append(name)
    if dropped:
        _LOG.warning("dropped stale Directus databases: %s", ", ".join(dropped))
    return dropped


def _drop_stale_once() -> None:
    global _cleaned_up
    with _cleanup_lock:
        if not _cleaned_up:
            drop_stale_databases()
            _cleaned_up = True


def _build_template(
    installation: Installation, name: str, fingerprint: str, lock_fd: int
) -> None:
    # Bootstrapped under a scratch name and renamed at the end, so a crash
    # never leaves a half-built database under the template's name.
    build = f"{_PREFIX}build_{secrets.token_hex(6)}"
    psql(
        f'CREATE DATABASE "{build}" TEMPLATE template0',
        _comment_sql(build, json.dumps({"owner": _owner()})),
    )
    try:
        run = Runner(installation.root / "postgres-template.log", lock_fd)
        with tempfile.TemporaryDirectory(prefix="directus-orm-") as scratch:
            workdir = Path(scratch)
            write_workdir(workdir)
            env = installation.env(connection_settings(build), workdir)
            # The same admin as the SQLite template, so tests can use either.
            env.update(
                SECRET=secrets.token_hex(32),
                ADMIN_EMAIL=installation.email,
                ADMIN_PASSWORD=installation.password,
                ADMIN_TOKEN=installation.token,
                LOG_LEVEL="info",
            )
            command = installation.command("bootstrap")
            run(command, workdir, env, timeout=_BOOTSTRAP_TIMEOUT)
        if _exists(name):
            psql(
                f'ALTER DATABASE "{name}" IS_TEMPLATE false',
                f'DROP DATABASE "{name}"',
            )
        # Closed to connections like template0: a stray session on a
        # template makes every CREATE DATABASE … TEMPLATE fail.
        psql(
            f'ALTER DATABASE "{build}" RENAME TO "{name}"',
            f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false',
            _comment_sql(name, fingerprint),
        )
    except BaseException:
        with contextlib.suppress(PostgresError):
            drop_database(build)
        raise


def _template_comment(name: str) -> str:
    return psql(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
        f"WHERE datname = '{name}' AND datistemplate"
    )


def _exists(name: str) -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def _fingerprint(installation: Installation) -> str:
    secret = "\0".join([installation.email, installation.password, installation.token])
    digest = hashlib.sha256(secret.encode()).hexdigest()[:16]
    return json.dumps({"directus": DIRECTUS_VERSION, "admin": digest})


def _comment_sql(name: str, comment: str) -> str:
    quoted = comment.replace("'", "''")
    return f"COMMENT ON DATABASE \"{name}\" IS '{quoted}'"


def _owner() -> dict[str, str | int | None]:
    pid = os.getpid()
    return {
        "boot": _read_text("/proc/sys/kernel/random/boot_id"),
        "pidns": _read_link("/proc/self/ns/pid"),
        "pid": pid,
        "start": _start_time(pid),
    }


def _is_stale(comment: object, age: object) -> bool:
    try:
        owner = json.loads(comment)["owner"] if isinstance(comment, str) else None
    except (ValueError, KeyError, TypeError):
        owner = None
    here = _owner()
    if (
        isinstance(owner, dict)
        and isinstance(owner.get("pid"), int)
        and owner.get("start") is not None
        and here["boot"] is not None
        and here["pidns"] is not None
        and (owner.get("boot"), owner.get("pidns")) == (here["boot"], here["pidns"])
    ):
        # Same kernel boot and PID namespace: the start time tells a live
        # owner from a recycled PID.
        return bool(_start_time(owner["pid"]) != owner.get("start"))
    return isinstance(age, int | float) and age > _STALE_AFTER


def _start_time(pid: int) -> str | None:
    stat = _read_text(f"/proc/{pid}/stat")
    if stat is None:
        return None
    # Field 22, counted after the parenthesised command name that may hold spaces.
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None


def _read_text(path: str) -> str | None:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return None


def _read_link(path: str) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None
