"""Keep local servers from outliving Python: watchdog, process groups, atexit."""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import threading
from typing import Final, Protocol

__all__ = ["PARENT_FD_ENV", "WATCHDOG_JS", "signal_group", "track", "untrack"]

_LOG = logging.getLogger("directus_orm.testing")

PARENT_FD_ENV: Final = "DIRECTUS_ORM_PARENT_FD"
# Preloaded into Node: the read end of a pipe whose write end only this Python
# process holds. When Python dies, even by SIGKILL, the pipe closes and Directus
# stops itself, so no server outlives the test run that started it.
WATCHDOG_JS: Final = f"""\
'use strict';
const fd = Number(process.env.{PARENT_FD_ENV});
delete process.env.{PARENT_FD_ENV};
if (Number.isInteger(fd) && fd > 2) {{
  const pipe = new (require('node:net').Socket)({{ fd, readable: true }});
  const stop = () => {{
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), 5000).unref();
  }};
  pipe.on('error', stop);
  pipe.on('close', stop);
  pipe.resume();
  pipe.unref();
}}
"""


class _Closable(Protocol):
    def close(self) -> None: ...


_live: set[_Closable] = set()
_live_lock = threading.Lock()
_atexit_registered = False


def signal_group(pgid: int, signum: signal.Signals) -> None:
    """Send ``signum`` to a process group that may already be gone."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


def track(server: _Closable) -> None:
    """Close ``server`` at interpreter exit unless :func:`untrack` runs first."""
    global _atexit_registered
    with _live_lock:
        _live.add(server)
        if not _atexit_registered:
            atexit.register(_close_all)
            _atexit_registered = True


def untrack(server: _Closable) -> None:
    """Forget a server closed by its owner."""
    with _live_lock:
        _live.discard(server)


def _close_all() -> None:
    with _live_lock:
        servers = list(_live)
    for server in servers:
        # One failure (e.g. PostgreSQL gone) must not leave the others running.
        try:
            server.close()
        except Exception:
            _LOG.exception("could not close %r at exit", server)
