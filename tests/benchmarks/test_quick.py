"""The benchmark suite in quick mode: every case runs and gives sane numbers.

Timings are not asserted (the machine decides them); this keeps the suite from
rotting. The full run is ``./scripts/bench`` (see docs/performance.md).
"""

from __future__ import annotations

import pytest

from benchmarks import Report, Settings, run
from benchmarks._cases import cases
from benchmarks._data import QUICK
from directus_orm.testing import DirectusServer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def report(directus_server: DirectusServer) -> Report:
    settings = Settings(
        quick=True,
        url=directus_server.url,
        token=directus_server.token,
        progress=None,
    )
    return run(settings)


def test_every_case_runs_for_directus_orm_and_raw_httpx(report: Report) -> None:
    assert [result.case.key for result in report.results] == [
        case.key for case in cases(QUICK)
    ]
    for result in report.results:
        for library in ("orm", "raw"):
            if library not in result.case.libs:
                continue
            assert library not in result.errors, result.errors[library]
            assert len(result.samples[library]) == (
                1 if result.case.mode == "memory" else result.case.reps
            )


def test_numbers_are_sane(report: Report) -> None:
    for result in report.results:
        for library, samples in result.samples.items():
            for value in samples:
                if result.case.mode == "memory":
                    assert 10_000 < value < 500_000_000, (result.case.key, library)
                else:
                    assert 0 < value < 120, (result.case.key, library)
    verdicts = report.targets()
    checked = [key for key, verdict in verdicts.items() if verdict is not None]
    assert {"1", "2", "3", "4", "5-bulk", "6", "7"} <= set(checked)


def test_the_table_has_a_row_per_case(report: Report) -> None:
    table = report.render()
    assert "| Case | directus-orm | raw httpx (bound) | py_directus |" in table
    for result in report.results:
        assert f"| {result.case.label} |" in table
    assert "machine:" in table
    assert "date:" in table
    assert "directus-orm:" in table


def test_py_directus_is_measured_or_said_to_be_missing(report: Report) -> None:
    status = report.libraries["pyd"]
    if status.startswith("not available"):
        assert all(not result.samples.get("pyd") for result in report.results)
    else:
        assert report.result("1").samples["pyd"]
