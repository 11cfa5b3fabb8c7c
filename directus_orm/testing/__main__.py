"""Command line: ``python -m directus_orm.testing {install,serve}``.

``install`` installs Node 22 and Directus into the cache folder. ``serve`` runs a
fresh server in the foreground (``--db postgres`` for PostgreSQL), prints its URL
and admin credentials, and stops it on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Sequence
from types import FrameType

from directus_orm.testing._install import InstallError, ensure_installed
from directus_orm.testing._psql import PostgresError
from directus_orm.testing._server import DatabaseKind, LocalDirectus, ServerStartError


class _Stop(Exception):
    """Raised from the signal handler to leave the serve loop."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns:
        The process exit code.
    """
    args = _parser().parse_args(argv)
    try:
        if args.command == "install":
            installation = ensure_installed()
            print(f"Directus installed in {installation.root}")
            return 0
        return _serve(args.port, dict(args.env), args.db)
    except (InstallError, PostgresError, ServerStartError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _serve(port: int | None, env: dict[str, str], database: DatabaseKind) -> int:
    def on_signal(signum: int, frame: FrameType | None) -> None:
        raise _Stop

    previous_int = signal.getsignal(signal.SIGINT)
    previous_term = signal.signal(signal.SIGTERM, on_signal)
    directus: LocalDirectus | None = None
    try:
        directus = LocalDirectus(env=env, port=port, database=database)
        directus.start()
        server = directus.server
        print(f"Directus running at {server.url}", flush=True)
        print(f"  admin token:    {server.token}")
        print(f"  admin email:    {server.email}")
        print(f"  admin password: {server.password}")
        print(f"  log:            {directus.log_path}")
        where = directus.database_name or directus.db_path
        print(f"  database:       {directus.database} ({where})")
        print("Press Ctrl-C to stop.", flush=True)
        while directus.running:
            time.sleep(0.5)
        print(f"error: Directus exited; see {directus.log_path}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, _Stop):
        print("stopping Directus", flush=True)
        return 0
    finally:
        # Signals are ignored while cleaning up, so a second Ctrl-C cannot
        # leave the server running or its folder behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if directus is not None:
            directus.close()
        signal.signal(signal.SIGINT, previous_int)
        signal.signal(signal.SIGTERM, previous_term)


def _env_pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m directus_orm.testing",
        description="Install and run a local Directus server for tests and demos.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("install", help="install Node 22 and Directus, then exit")
    serve = commands.add_parser("serve", help="run a fresh server in the foreground")
    serve.add_argument("--port", type=int, default=None, help="port (default: free)")
    serve.add_argument(
        "--db",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="database to run on (default: sqlite)",
    )
    serve.add_argument(
        "--env",
        type=_env_pair,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra Directus setting; repeatable",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
