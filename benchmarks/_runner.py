"""Run the suite: start (or use) a server, seed it, drive the workers, report.

Repetitions are interleaved: repetition ``r`` runs every library once, in an order
rotated by ``r``, so slow drift of the machine (other processes, thermal limits)
spreads over all columns instead of landing on one.
"""

from __future__ import annotations

import compileall
import contextlib
import dataclasses
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from benchmarks._cases import IMPORTS, LIBRARIES, Case, cases
from benchmarks._data import FULL, QUICK, Collections, Sizes, make_rows, product_fields
from benchmarks._report import Report, Result

ROOT = Path(__file__).resolve().parent.parent
_SEED_BATCH = 5_000  # rows per seeding POST; under Directus's 1 MB body limit


@dataclasses.dataclass(frozen=True)
class Settings:
    """What to run.

    Attributes:
        quick: Small sizes and few repetitions (the test suite's mode).
        url: Use this server instead of starting one (with ``token``).
        token: An admin token for ``url``.
        only: Run only these case keys (all when empty).
        libraries: The libraries to run.
        progress: Where to report progress (``None``: nowhere).
        profile: Instead of timing, run these cases once per library under
            pyinstrument and print the profiles (to ``progress``).
    """

    quick: bool = False
    url: str | None = None
    token: str | None = None
    only: tuple[str, ...] = ()
    libraries: tuple[str, ...] = LIBRARIES
    progress: IO[str] | None = sys.stderr
    profile: bool = False

    @property
    def sizes(self) -> Sizes:
        """The sizes of this run."""
        return QUICK if self.quick else FULL


def run(settings: Settings) -> Report:
    """Run the suite and return its report.

    The import cases (case 7) time fresh interpreters: when only they are selected
    (``--only 7 7-model``), no Directus is started or seeded.
    """
    sizes = settings.sizes
    selected = [c for c in cases(sizes) if not settings.only or c.key in settings.only]
    names = Collections.with_suffix(uuid.uuid4().hex[:8])
    with contextlib.ExitStack() as stack:
        url, token, server = "http://unused.invalid", "", "none (import cases only)"
        if any(case.op != "import" for case in selected):
            url, token, version = stack.enter_context(_server(settings))
            server = f"Directus {version} (SQLite) on loopback"
            _say(settings, f"seeding {url}")
            stack.enter_context(_seeded(url, token, names, sizes, selected))
        config = {"url": url, "token": token, "page_size": sizes.page_size,
                  "collections": dataclasses.asdict(names)}  # fmt: skip
        environment = _environment(server, sizes)
        if settings.quick:
            environment["mode"] = "quick: sizes too small for the targets"
        workers, libraries = stack.enter_context(_workers(settings, config))
        if settings.profile:
            for case in selected:
                _profile_case(settings, case, workers)
            selected = []
        results = [_run_case(settings, case, workers) for case in selected]
        environment["load average after"] = _load()
    return Report(environment, libraries, results)


def _say(settings: Settings, message: str) -> None:
    if settings.progress is not None:
        print(message, file=settings.progress, flush=True)


@contextlib.contextmanager
def _server(settings: Settings) -> Iterator[tuple[str, str, str]]:
    from directus_orm.testing import DIRECTUS_VERSION, LocalDirectus

    if settings.url and settings.token:
        yield settings.url, settings.token, DIRECTUS_VERSION
        return
    _say(settings, "starting the local Directus (first run: installs it)")
    with LocalDirectus() as local:
        yield local.server.url, local.server.token, DIRECTUS_VERSION


@contextlib.contextmanager
def _seeded(
    url: str, token: str, names: Collections, sizes: Sizes, selected: list[Case]
) -> Iterator[None]:
    import httpx

    ops = {case.op for case in selected}
    reads = {"read_all", "stream_all", "concurrent_get"}
    big = {"stream_big", "load_big"}
    wanted = {names.rows: sizes.rows if ops & reads else 0,
              names.memory: sizes.memory_rows if ops & big else 0,
              names.create: 0}  # fmt: skip
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=auth, timeout=300) as admin:
        try:
            for name, count in wanted.items():
                # Accountability off for the seeded tables only: seeding is not
                # measured. The create case keeps Directus's default ("all").
                meta = {} if name == names.create else {"accountability": None}
                body = {"collection": name, "meta": meta, "schema": {},
                        "fields": product_fields()}  # fmt: skip
                admin.post("/collections", json=body).raise_for_status()
                for start in range(0, count, _SEED_BATCH):
                    batch = make_rows(min(_SEED_BATCH, count - start), start)
                    admin.post(
                        f"/items/{name}", json=batch, params={"fields": "id"}
                    ).raise_for_status()
            yield
        finally:
            for name in wanted:
                admin.delete(f"/collections/{name}")


@contextlib.contextmanager
def _workers(
    settings: Settings, config: dict[str, Any]
) -> Iterator[tuple[dict[str, _Worker], dict[str, str]]]:
    env = {**os.environ, "BENCH_CONFIG": json.dumps(config), "PYTHONPATH": str(ROOT)}
    started = {name: _Worker(name, env) for name in settings.libraries}
    workers: dict[str, _Worker] = {}
    libraries: dict[str, str] = {}
    try:
        for name, worker in started.items():
            hello = worker.hello()
            if hello.get("ready"):
                workers[name] = worker
                libraries[name] = f"{hello['version']}"
            else:
                libraries[name] = f"not available ({hello.get('error')})"
        for name in LIBRARIES:
            libraries.setdefault(name, "not run")
        yield workers, libraries
    finally:
        for worker in started.values():
            worker.stop()


class _Worker:
    """One worker process and its pipes."""

    def __init__(self, library: str, env: dict[str, str]) -> None:
        self.library = library
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks._worker", library],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log, text=True,
        )  # fmt: skip

    def hello(self) -> dict[str, Any]:
        line = self._readline()
        return json.loads(line) if line else {"ready": False, "error": self.stderr()}

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self._readline()
        return json.loads(line) if line else {"error": self.stderr()}

    def _readline(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline()

    def stderr(self) -> str:
        self.log.seek(0)
        return self.log.read()[-2000:] or "worker exited"

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            assert self.process.stdin is not None
            self.process.stdin.close()  # the worker's signal to finish
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        assert self.process.stdout is not None
        self.process.stdout.close()
        self.log.close()


def _run_case(settings: Settings, case: Case, workers: dict[str, _Worker]) -> Result:
    result = Result(case)
    libraries = [name for name in case.libs if name in settings.libraries]
    _say(settings, f"{case.label}: {case.reps} repetition(s)")
    runnable = [name for name in libraries if name in workers]
    if case.op != "import" and case.mode == "time":
        warmup = _request(case, case.warmup)
        for name in runnable:  # warm-up: connections, caches, first imports
            _record(result, name, workers[name].ask(warmup), case, keep=False)
    for rep in range(case.reps):
        shift = rep % len(runnable) if runnable else 0
        for name in runnable[shift:] + runnable[:shift]:
            if name in result.errors:
                continue
            if case.op == "import":
                _time_import(result, name)
            else:
                _record(result, name, workers[name].ask(_request(case)), case)
    return result


def _profile_case(settings: Settings, case: Case, workers: dict[str, _Worker]) -> None:
    for name in case.libs:
        if name not in workers or case.op == "import":
            continue
        workers[name].ask(_request(case, case.warmup))  # warm up first
        reply = workers[name].ask({**_request(case), "mode": "profile"})
        text = reply.get("profile") or reply.get("error", "")
        _say(settings, f"=== {case.label} / {name}\n{text}")


def _request(case: Case, args: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"op": case.op, "args": case.args if args is None else args,
            "mode": case.mode}  # fmt: skip


def _record(
    result: Result, name: str, reply: dict[str, Any], case: Case, keep: bool = True
) -> None:
    if "error" in reply:
        result.errors[name] = reply["error"]
        return
    if not keep:
        return
    if case.expected is not None and reply.get("check") != case.expected:
        result.errors[name] = (
            f"returned {reply.get('check')} rows, expected {case.expected}"
        )
        return
    if case.mode == "memory":
        value = reply["peak"]
    else:
        value = reply["cpu"] if case.clock == "cpu" else reply["seconds"]
    result.samples.setdefault(name, []).append(float(value))


def _time_import(result: Result, name: str) -> None:
    # Timed as installed from a wheel: pip compiles every module, so ours too
    # (an editable install under PYTHONDONTWRITEBYTECODE would recompile each run).
    compileall.compile_dir(ROOT / "directus_orm", quiet=1)
    statement = IMPORTS[result.case.key][name]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", statement], cwd=ROOT, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        result.errors[name] = done.stderr or f"exit status {done.returncode}"
    else:
        result.samples.setdefault(name, []).append(elapsed)


def _environment(server: str, sizes: Sizes) -> dict[str, str]:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{cpu}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "server": server,
        "repetitions": f"{sizes.reps} (batch creates {sizes.create_reps}, single "
        f"creates {sizes.single_create_reps}, imports {sizes.import_reps}), "
        "interleaved; medians, ± half the range",
        "load average before": _load(),
    }


def _load() -> str:
    with contextlib.suppress(OSError):
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    return "unknown"
