"""The results of one run and the table they print as."""

from __future__ import annotations

import dataclasses
import json
import statistics
from typing import Any

from benchmarks._cases import Case, Medians

_COLUMNS = {"orm": "directus-orm", "raw": "raw httpx (bound)", "pyd": "py_directus"}


@dataclasses.dataclass
class Result:
    """The samples of one case: seconds (or peak bytes) per library."""

    case: Case
    samples: dict[str, list[float]] = dataclasses.field(default_factory=dict)
    errors: dict[str, str] = dataclasses.field(default_factory=dict)

    def median(self, library: str) -> float | None:
        """Return the median sample of ``library``, if it ran."""
        values = self.samples.get(library)
        return statistics.median(values) if values else None

    def spread(self, library: str) -> float | None:
        """Return half the range of the samples, relative to the median."""
        values = self.samples.get(library)
        if not values or len(values) < 2:
            return None
        return (max(values) - min(values)) / 2 / statistics.median(values)


@dataclasses.dataclass
class Report:
    """Everything one run measured, with where and when it ran."""

    environment: dict[str, str]
    libraries: dict[str, str]
    results: list[Result]

    def result(self, key: str) -> Result:
        """Return the result of the case ``key``."""
        return next(result for result in self.results if result.case.key == key)

    def medians(self) -> Medians:
        """Return case key → library → median, for the libraries that ran."""
        table: Medians = {}
        for result in self.results:
            table[result.case.key] = {
                library: median
                for library in result.samples
                if (median := result.median(library)) is not None
            }
        return table

    def targets(self) -> dict[str, tuple[bool, str] | None]:
        """Return case key → (met, measured), or ``None`` when it cannot be told."""
        medians = self.medians()
        verdicts: dict[str, tuple[bool, str] | None] = {}
        for result in self.results:
            check = result.case.check
            try:
                verdicts[result.case.key] = check(medians) if check else None
            except (KeyError, ZeroDivisionError):
                verdicts[result.case.key] = None
        return verdicts

    def render(self) -> str:
        """Return the report as Markdown: the environment, then the table."""
        lines = [f"- {key}: {value}" for key, value in self.environment.items()]
        lines += [
            f"- {_COLUMNS[key]}: {value}" for key, value in self.libraries.items()
        ]
        header = ["Case", *_COLUMNS.values(), "orm / raw", "py_directus / raw",
                  "Target", "Met"]  # fmt: skip
        lines += ["", "| " + " | ".join(header) + " |",
                  "|" + "---|" * len(header)]  # fmt: skip
        medians = self.medians()
        verdicts = self.targets()
        for result in self.results:
            case = result.case
            bound = medians.get(case.key, {}).get("raw")
            cells = [case.label]
            for library in _COLUMNS:
                cells.append(self._cell(result, library))
            for library in ("orm", "pyd"):
                value = medians.get(case.key, {}).get(library)
                cells.append(f"{value / bound:.2f}" if value and bound else "")
            verdict = verdicts.get(case.key)
            cells.append(case.target)
            cells.append(
                ""
                if verdict is None
                else ("yes" if verdict[0] else "NO") + f": {verdict[1]}"
            )
            lines.append("| " + " | ".join(cells) + " |")
        errors = [
            f"- {result.case.key} / {_COLUMNS[library]}: {_last_line(message)}"
            for result in self.results
            for library, message in result.errors.items()
        ]
        if errors:
            lines += ["", "Errors:", *errors]
        return "\n".join(lines) + "\n"

    def _cell(self, result: Result, library: str) -> str:
        if library in result.errors:
            return "error"
        median = result.median(library)
        if median is None:
            return "n/a" if library in result.case.libs else ""
        if result.case.mode == "memory":
            return f"{median / 1e6:.1f} MB"
        text = f"{median * 1e3:.1f} ms" if median < 10 else f"{median:.2f} s"
        spread = result.spread(library)
        return text if spread is None else f"{text} ±{spread:.0%}"

    def to_json(self) -> str:
        """Return the raw samples as JSON (for ``--json``)."""
        data: dict[str, Any] = {
            "environment": self.environment,
            "libraries": self.libraries,
            "results": [
                {"key": r.case.key, "label": r.case.label, "mode": r.case.mode,
                 "samples": r.samples, "errors": r.errors}
                for r in self.results
            ],
        }  # fmt: skip
        return json.dumps(data, indent=2)


def _last_line(message: str) -> str:
    lines = message.strip().splitlines()
    return lines[-1] if lines else "failed"
