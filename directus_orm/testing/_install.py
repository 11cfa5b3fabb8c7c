"""Install Node 22 and Directus into a cache folder and bootstrap a template DB.

Layout of ``<DIRECTUS_ORM_HOME>/directus-<version>/``::

    node/            npm project holding the ``node@22`` package (binary + headers)
    app/             npm project holding ``directus@<version>``
    template/        bootstrapped SQLite database copied for every fresh server
    install.log      output of npm and ``directus bootstrap``
    installed.json   marker with the admin credentials, written last

The marker is written only after the native modules and the ``pg`` driver load
under Node 22 and the template exists, so an interrupted install is wiped and
redone on the next call. An ``fcntl`` lock beside the folder keeps two processes
from installing at once. The PostgreSQL template is built later, on first use
(see ``_postgres.py``), so SQLite users never need PostgreSQL.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

__all__ = [
    "DIRECTUS_VERSION",
    "InstallError",
    "Installation",
    "cache_home",
    "ensure_installed",
]

DIRECTUS_VERSION: Final = "12.3.1"
NODE_MAJOR: Final = "22"
ADMIN_EMAIL: Final = "admin@example.com"

_LOG = logging.getLogger("directus_orm.testing")
_MARKER_FORMAT: Final = 1
_SECRETS: Final = ("email", "password", "token")
_NPM_TIMEOUT: Final = 30 * 60.0
_STEP_TIMEOUT: Final = 120.0
_LOG_TAIL: Final = 4000

# npm 11 runs dependency install scripts with a notice unless `allowScripts`
# covers them, and later npm versions block them by default. The native modules
# Directus loads at start must build (isolated-vm, sqlite3: no prebuilds are
# reachable, so node-gyp compiles them) or check their prebuild (argon2,
# esbuild); the rest are denied because Directus on SQLite never needs them.
_APP_ALLOW_SCRIPTS: Final[Mapping[str, bool]] = {
    "argon2": True,
    "braintrust": False,
    "esbuild": True,
    "isolated-vm": True,
    "oracledb": False,
    "protobufjs": False,
    "sqlite3": True,
}
# The PostgreSQL driver `pg` is pure JavaScript; @directus/api pins it (8.16.3)
# as an optional dependency, which `--include=optional` installs even when the
# user's npm config omits optional packages. _NATIVE_CHECK proves it loads.
_NPM_INSTALL: Final = ("install", "--no-audit", "--no-fund", "--include=optional")
_NATIVE_CHECK: Final = (
    "if (!process.versions.node.startsWith('22.')) throw new Error("
    "'expected Node 22, got ' + process.versions.node);"
    "for (const m of ['isolated-vm', 'sqlite3', 'argon2', 'pg']) require(m);"
)
# Environment variables passed through to Node; everything else is dropped so a
# stray DB_CLIENT or CACHE_STORE in the caller's shell cannot reach Directus.
_PASSTHROUGH_ENV: Final = ("HOME", "LANG", "LC_ALL", "TMPDIR", "TZ", "USER")


class InstallError(RuntimeError):
    """Installing Node 22 or Directus, or bootstrapping the template, failed."""


@dataclass(frozen=True)
class Installation:
    """A complete, verified Directus installation in the cache folder.

    Attributes:
        root: The ``directus-<version>`` folder.
        node: The Node 22 executable.
        template_db: Bootstrapped SQLite database to copy for each server.
        email: Admin e-mail stored in the template.
        password: Admin password stored in the template.
        token: Admin static token stored in the template.
    """

    root: Path
    node: Path
    template_db: Path
    email: str
    password: str = field(repr=False)
    token: str = field(repr=False)

    @property
    def cli(self) -> Path:
        """The Directus API command line entry point.

        ``directus/cli.js`` first asks registry.npmjs.org for a newer release and
        waits up to 8 s for it, so the API's own entry point is used instead.
        """
        return _cli_path(self.root)

    def command(self, *args: str) -> list[str]:
        """Return the argv that runs ``directus <args>`` under Node 22."""
        return [str(self.node), str(self.cli), *args]

    def env(self, database: Path | Mapping[str, str], workdir: Path) -> dict[str, str]:
        """Return a clean environment for a Directus process.

        Args:
            database: The SQLite file to use, or the ``DB_*`` settings of
                another database (see ``_postgres.connection_settings``).
            workdir: Folder for uploads and extensions; also the process cwd.

        Returns:
            Environment variables; callers add HOST, PORT, SECRET and overrides.
        """
        env = {k: os.environ[k] for k in _PASSTHROUGH_ENV if k in os.environ}
        env.update(
            PATH=os.pathsep.join(
                [str(self.node.parent), os.environ.get("PATH", os.defpath)]
            ),
            TELEMETRY="false",
            EXTENSIONS_PATH=str(workdir / "extensions"),
            STORAGE_LOCATIONS="local",
            STORAGE_LOCAL_ROOT=str(workdir / "uploads"),
            LOG_LEVEL="warn",
        )
        if isinstance(database, Path):
            env.update(DB_CLIENT="sqlite3", DB_FILENAME=str(database))
        else:
            env.update(database)
        return env


def cache_home() -> Path:
    """Return the cache folder: ``$DIRECTUS_ORM_HOME`` or ``~/.cache/directus-orm``."""
    configured = os.environ.get("DIRECTUS_ORM_HOME")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "directus-orm"


def ensure_installed(home: Path | None = None) -> Installation:
    """Install Node 22 and Directus once, then return the installation.

    Safe to call from several processes: the first one installs (about three
    minutes and 900 MB on a cold machine) while the others wait on a file lock.

    Args:
        home: Cache folder; defaults to :func:`cache_home`.

    Returns:
        The verified installation.

    Raises:
        InstallError: npm is missing, or a step failed; the message holds the
            tail of ``install.log``.
    """
    home = cache_home() if home is None else home
    root = home / f"directus-{DIRECTUS_VERSION}"
    found = _read_marker(root)
    if found is not None:
        return found
    home.mkdir(parents=True, exist_ok=True)
    with locked(home / f"directus-{DIRECTUS_VERSION}.lock") as lock_fd:
        found = _read_marker(root)
        if found is not None:
            return found
        _LOG.warning("installing Directus %s into %s", DIRECTUS_VERSION, root)
        return _install(root, lock_fd)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[int]:
    """Hold an exclusive ``fcntl`` lock on ``path``; yield its file descriptor."""
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _LOG.warning("waiting for another process holding %s", path)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield handle.fileno()


def _cli_path(root: Path) -> Path:
    return root / "app/node_modules/@directus/api/dist/cli/run.js"


def _find_node(root: Path) -> Path | None:
    # The `node` package pulls in one node-<os>-<arch> package holding the real
    # binary and, beside it, the headers node-gyp needs.
    packages = root / "node/node_modules/node/node_modules"
    return next(iter(sorted(packages.glob("node-*-*/bin/node"))), None)


def _read_marker(root: Path) -> Installation | None:
    try:
        data = json.loads((root / "installed.json").read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _MARKER_FORMAT:
        return None
    node = _find_node(root)
    if node is None or not all(isinstance(data.get(k), str) for k in _SECRETS):
        return None
    installation = Installation(
        root=root,
        node=node,
        template_db=root / "template" / "data.db",
        email=data["email"],
        password=data["password"],
        token=data["token"],
    )
    # A cache lacking the `pg` driver (see _NPM_INSTALL) is redone.
    pg_driver = root / "app/node_modules/pg/package.json"
    needed = (installation.cli, installation.template_db, pg_driver)
    return installation if all(p.is_file() for p in needed) else None


def _install(root: Path, lock_fd: int) -> Installation:
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError("npm not found on PATH; Node.js with npm is required")
    for leftover in ("node", "app", "template", "installed.json", "install.log"):
        path = root / leftover
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    run = Runner(root / "install.log", lock_fd)

    # node@22 lives in its own npm project: installed beside directus, npm
    # prunes it as extraneous mid-install and node-gyp loses its headers.
    _write_package(root / "node", {"node": NODE_MAJOR}, {"node": True})
    run([npm, *_NPM_INSTALL], root / "node")
    node = _find_node(root)
    if node is None:
        raise InstallError(run.explain(f"node@{NODE_MAJOR} installed no binary"))
    node_dir = node.parent.parent

    _write_package(root / "app", {"directus": DIRECTUS_VERSION}, _APP_ALLOW_SCRIPTS)
    build_env = dict(os.environ)
    build_env.update(
        PATH=os.pathsep.join([str(node.parent), os.environ.get("PATH", os.defpath)]),
        # node-gyp reads this itself. npm 11 calls --nodedir an unknown config
        # that "will stop working", and without the variable npm hands scripts
        # the nodedir of ~/.npmrc, building isolated-vm for the wrong Node.
        npm_config_nodedir=str(node_dir),
    )
    run(
        [npm, *_NPM_INSTALL, f"--nodedir={node_dir}"],
        root / "app",
        build_env,
        timeout=_NPM_TIMEOUT,
    )
    run([str(node), "-e", _NATIVE_CHECK], root / "app", build_env)

    installation = Installation(
        root=root,
        node=node,
        template_db=root / "template" / "data.db",
        email=ADMIN_EMAIL,
        password=secrets.token_urlsafe(18),
        token=secrets.token_hex(24),
    )
    _bootstrap(installation, run)
    marker = {
        "format": _MARKER_FORMAT,
        "directus": DIRECTUS_VERSION,
        "email": installation.email,
        "password": installation.password,
        "token": installation.token,
    }
    _write_private(root / "installed.json", json.dumps(marker, indent=2) + "\n")
    _LOG.warning("installed Directus %s into %s", DIRECTUS_VERSION, root)
    return installation


def _bootstrap(installation: Installation, run: Runner) -> None:
    template = installation.template_db.parent
    template.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=template) as scratch:
        workdir = Path(scratch)
        write_workdir(workdir)
        db_file = workdir / "data.db"
        env = installation.env(db_file, workdir)
        env.update(
            SECRET=secrets.token_hex(32),
            ADMIN_EMAIL=installation.email,
            ADMIN_PASSWORD=installation.password,
            ADMIN_TOKEN=installation.token,
            LOG_LEVEL="info",
        )
        run(installation.command("bootstrap"), workdir, env)
        if not db_file.is_file():
            raise InstallError(run.explain("bootstrap wrote no database"))
        # The admin token is stored in clear in directus_users.
        db_file.chmod(0o600)
        os.replace(db_file, installation.template_db)


def write_workdir(workdir: Path) -> None:
    """Prepare a Directus working folder: package.json, uploads, extensions.

    Directus resolves npm extensions from the package.json in its cwd and warns
    when the folder has none.
    """
    (workdir / "uploads").mkdir(exist_ok=True)
    (workdir / "extensions").mkdir(exist_ok=True)
    package = {"name": "directus-orm-server", "private": True}
    (workdir / "package.json").write_text(json.dumps(package) + "\n")


def _write_package(
    folder: Path, dependencies: Mapping[str, str], allow: Mapping[str, bool]
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    package = {
        "name": f"directus-orm-{folder.name}",
        "private": True,
        "dependencies": dict(dependencies),
        "allowScripts": dict(allow),
    }
    (folder / "package.json").write_text(json.dumps(package, indent=2) + "\n")


def _write_private(path: Path, text: str) -> None:
    scratch = path.with_suffix(".tmp")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.replace(scratch, path)


class Runner:
    """Runs install steps, logging to a file such as ``install.log``.

    Every step inherits the install lock's file descriptor: if this Python
    process is killed mid-install, the lock stays held until npm and node-gyp
    have exited too, so the next installer never wipes a folder npm still writes.
    """

    def __init__(self, log_path: Path, lock_fd: int) -> None:
        self.log_path = log_path
        self._lock_fd = lock_fd

    def __call__(
        self,
        argv: list[str],
        cwd: Path,
        env: Mapping[str, str] | None = None,
        *,
        timeout: float = _STEP_TIMEOUT,
    ) -> None:
        _LOG.info("running %s in %s", " ".join(argv[:3]), cwd)
        with self.log_path.open("ab") as log:
            log.write(f"\n$ {' '.join(argv)}  (cwd {cwd})\n".encode())
            log.flush()
            try:
                completed = subprocess.run(
                    argv,
                    cwd=cwd,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=(self._lock_fd,),
                    timeout=timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired as exc:
                message = f"{argv[0]} timed out after {timeout:.0f} s"
                raise InstallError(self.explain(message)) from exc
        if completed.returncode != 0:
            message = f"{' '.join(argv[:3])} exited with {completed.returncode}"
            raise InstallError(self.explain(message))

    def explain(self, message: str) -> str:
        """Return ``message`` followed by the end of the install log."""
        return f"{message}; end of {self.log_path}:\n{read_tail(self.log_path)}"


def read_tail(path: Path, size: int = _LOG_TAIL) -> str:
    """Return the last ``size`` characters of a log file, or "" if unreadable."""
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - size))
            return handle.read().decode(errors="replace")
    except OSError:
        return ""
