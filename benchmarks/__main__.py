"""``python -m benchmarks``: run the suite and print the table (see ``--help``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from benchmarks._cases import LIBRARIES, cases
from benchmarks._data import FULL
from benchmarks._runner import Settings, run


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, few reps")
    parser.add_argument("--url", help="use this Directus instead of starting one")
    parser.add_argument("--token", help="admin token for --url")
    keys = [case.key for case in cases(FULL)]
    parser.add_argument("--only", nargs="+", choices=keys, default=(), metavar="CASE",
                        help=f"run only these cases: {', '.join(keys)}")  # fmt: skip
    parser.add_argument("--libraries", nargs="+", choices=LIBRARIES, default=LIBRARIES)
    parser.add_argument("--json", metavar="FILE", help="also write the raw samples")
    parser.add_argument("--profile", action="store_true",
                        help="profile the cases with pyinstrument instead")  # fmt: skip
    args = parser.parse_args(argv)
    settings = Settings(
        quick=args.quick, url=args.url, token=args.token, only=tuple(args.only),
        libraries=tuple(args.libraries), profile=args.profile,
    )  # fmt: skip
    report = run(settings)
    if args.profile:
        return 0
    sys.stdout.write(report.render())
    if args.json:
        with open(args.json, "w") as file:
            file.write(report.to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
