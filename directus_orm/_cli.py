"""``directus-orm``: generate models from a live server, check models against it.

```
directus-orm generate --url URL --token TOKEN [--collection NAME ...]
                      [--include-system] [-o models.py] [--check]
directus-orm check --url URL --token TOKEN myapp.models
```

Exit codes: 0 when done (or current), 1 when ``--check`` or ``check`` finds drift,
2 on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import enum
import importlib
import inspect
import os
import sys
from pathlib import Path

from directus_orm._client import Directus
from directus_orm._exceptions import DirectusError
from directus_orm._models import DirectusModel


class Exit(enum.IntEnum):
    """Process exit codes."""

    OK = 0
    DIFF = 1
    ERROR = 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: Exit = asyncio.run(args.run(args))
    except (DirectusError, OSError, ImportError, ValueError) as exc:
        print(f"directus-orm: error: {exc}", file=sys.stderr)
        return Exit.ERROR
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="directus-orm", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    generate = commands.add_parser(
        "generate", help="write models for a server's schema"
    )
    _server_options(generate)
    generate.add_argument(
        "--collection",
        action="append",
        dest="collections",
        metavar="NAME",
        help="only this collection (repeatable)",
    )
    generate.add_argument(
        "--include-system",
        action="store_true",
        help="also the directus_* system collections",
    )
    generate.add_argument(
        "-o", "--output", type=Path, help="file to write (default: stdout)"
    )
    generate.add_argument(
        "--check",
        action="store_true",
        help="compare with --output instead of writing; exit 1 on drift",
    )
    generate.set_defaults(run=_generate)

    check = commands.add_parser(
        "check", help="compare a module's models with the server"
    )
    _server_options(check)
    check.add_argument(
        "module", help="dotted module path holding DirectusModel classes"
    )
    check.set_defaults(run=_check)
    return parser  # fmt: skip


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", required=True, help="Directus base URL")
    token = os.environ.get("DIRECTUS_TOKEN")
    parser.add_argument(
        "--token",
        default=token,
        required=token is None,
        help="a static token with admin access (default: $DIRECTUS_TOKEN)",
    )


async def _generate(args: argparse.Namespace) -> Exit:
    async with Directus(args.url, token=args.token) as directus:
        source = await directus.schema.generate_models(
            args.collections, include_system=args.include_system
        )
    if args.check:
        if args.output is None:
            raise ValueError("--check needs -o/--output, the file to compare")
        current = args.output.read_text() if args.output.exists() else ""
        if current == source:
            return Exit.OK
        diff = difflib.unified_diff(
            current.splitlines(keepends=True), source.splitlines(keepends=True),
            fromfile=str(args.output), tofile="generated",
        )  # fmt: skip
        sys.stdout.writelines(diff)
        return Exit.DIFF
    if args.output is None:
        sys.stdout.write(source)
    else:
        args.output.write_text(source)
    return Exit.OK


async def _check(args: argparse.Namespace) -> Exit:
    module = importlib.import_module(args.module)
    models = [
        value
        for _, value in inspect.getmembers(module, inspect.isclass)
        if issubclass(value, DirectusModel)
        and value is not DirectusModel
        and value.__module__ == module.__name__
        and "collection" in value.model_config
    ]
    if not models:
        raise ValueError(f"no DirectusModel with a collection in {args.module}")
    async with Directus(args.url, token=args.token) as directus:
        differences = await directus.check_models(*models)
    for difference in differences:
        print(difference)
    if differences:
        return Exit.DIFF
    print(f"{len(models)} model(s) match the server")
    return Exit.OK


if __name__ == "__main__":
    sys.exit(main())
