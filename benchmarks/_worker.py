"""A worker process: runs one library's cases on request, one at a time.

Started as ``python -m benchmarks._worker LIBRARY`` with the run's settings as JSON
in ``BENCH_CONFIG``. Reads one JSON request per line on stdin, answers one JSON line
on stdout: ``{"seconds": s, "check": rows, "peak": bytes | None, "profile": text}``.
Libraries that print go to stderr, so stdout carries the protocol only.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import json
import os
import sys
import time
import traceback
import tracemalloc
from typing import Any, TextIO

from benchmarks._data import make_rows

MODULES = {"orm": "benchmarks._impl_orm", "raw": "benchmarks._impl_raw",
           "pyd": "benchmarks._impl_pyd"}  # fmt: skip


async def _measure(bench: Any, request: dict[str, Any]) -> dict[str, Any]:
    operation = getattr(bench, request["op"])
    args = dict(request.get("args", {}))
    if "creates" in args:
        start = int(args.pop("start", 0))
        args["rows"] = make_rows(int(args.pop("creates")), start)
    mode = request.get("mode", "time")
    gc.collect()
    if mode == "memory":
        tracemalloc.start()
        tracemalloc.reset_peak()
        result = await operation(**args)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"seconds": None, "check": _count(result), "peak": peak}
    if mode == "profile":
        from pyinstrument import Profiler

        profiler = Profiler(async_mode="enabled", interval=0.0005)
        profiler.start()
        result = await operation(**args)
        profiler.stop()
        text = profiler.output_text(unicode=False, color=False, show_all=False)
        return {"seconds": None, "check": _count(result), "profile": text}
    started, cpu = time.perf_counter(), time.process_time()
    result = await operation(**args)
    reply = {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
    }
    # Rows are handed back and freed here, outside the timed part, for every library.
    return {**reply, "check": _count(result)}


def _count(result: int | list[object]) -> int:
    return len(result) if isinstance(result, list) else result


async def _serve(library: str, replies: TextIO) -> None:
    config = json.loads(os.environ["BENCH_CONFIG"])
    try:
        module = importlib.import_module(MODULES[library])
        bench = module.Bench(config)
    except Exception as exc:  # reported to the runner, which marks the column
        replies.write(json.dumps({"ready": False, "error": repr(exc)}) + "\n")
        replies.flush()
        return
    replies.write(
        json.dumps({"ready": True, "name": module.NAME, "version": module.version()})
        + "\n"
    )
    replies.flush()
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                reply = await _measure(bench, json.loads(line))
            except Exception:  # the runner shows it and goes on
                reply = {"error": traceback.format_exc()}
            replies.write(json.dumps(reply) + "\n")
            replies.flush()
    finally:
        await bench.close()


def main() -> None:
    """Serve requests for the library named on the command line."""
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout = sys.stderr  # keep library prints out of the protocol
    asyncio.run(_serve(sys.argv[1], replies))


if __name__ == "__main__":
    main()
