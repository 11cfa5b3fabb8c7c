"""The package and tests/typing pass mypy --strict, so typing regressions fail tests."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[2]


def test_typing_fixtures_pass_mypy_strict() -> None:
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", str(ROOT / "tests" / "typing")]
    )
    assert status == 0, stdout + stderr
