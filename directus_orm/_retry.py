"""``RetryPolicy``: when and how long the client waits before sending again.

What is retried:

- 429 ``REQUESTS_EXCEEDED``: any request (the rate limiter refuses before the request
  is handled), after the ``Retry-After`` the server sent.
- Connection refused (the request never left): any request, with backoff.
- 502, 503, 504 and connections cut off mid-request: only requests that are safe to
  repeat (reads, and writes that are idempotent by construction: PATCH with values
  by key, DELETE by key). A create is never repeated blindly: its outcome is unknown
  and the caller gets an ``OutcomeUnknownError`` carrying the payload.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Final

import httpx

from directus_orm._exceptions import TransportError

logger = logging.getLogger("directus_orm")

RETRYABLE_STATUSES: Final = frozenset({502, 503, 504})
"""Answers from a proxy or a restarting server, worth sending again."""


@dataclasses.dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How the client retries; ``RetryPolicy(attempts=1)`` never retries.

    ```python
    Directus(url, token=..., retry=RetryPolicy(attempts=8, total=60.0))
    ```

    Attributes:
        attempts: Sends at most, the first included.
        backoff: Wait before the first retry, in seconds; doubles each time.
        max_backoff: Longest wait between two sends.
        jitter: Random share (0 to 1) taken off each wait, so that many clients
            do not retry in step.
        max_retry_after: Longest ``Retry-After`` honoured; longer ones raise.
        total: Seconds after the first send when no retry starts any more.
    """

    attempts: int = 5
    backoff: float = 0.25
    max_backoff: float = 5.0
    jitter: float = 0.5
    max_retry_after: float = 60.0
    total: float = 60.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be >= 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")

    def wait(self, attempt: int, retry_after: float | None = None) -> float:
        """Return the seconds to wait after failed send number ``attempt`` (from 1)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        delay: float = min(self.backoff * 2.0 ** (attempt - 1), self.max_backoff)
        return delay * (1.0 - self.jitter * random.random())

    def allows(self, attempt: int, elapsed: float, wait: float) -> bool:
        """Tell whether another send may follow send number ``attempt``."""
        return attempt < self.attempts and elapsed + wait <= self.total


NO_RETRY: Final = RetryPolicy(attempts=1)
"""A policy that sends each request once."""


_SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS", "SEARCH", "PUT", "DELETE"})
_NOT_SENT: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def never_sent(exc: TransportError) -> bool:
    """Tell whether a failed request never reached the server (safe to resend)."""
    return isinstance(exc.__cause__, _NOT_SENT)


def is_idempotent(method: str) -> bool:
    """Tell whether a method is safe to repeat by its nature (POST, PATCH are not)."""
    return method.upper() in _SAFE_METHODS


async def send_with_retries(
    policy: RetryPolicy,
    attempt: Callable[[], Awaitable[httpx.Response]],
    *,
    what: str,
    idempotent: bool,
) -> httpx.Response:
    """Call ``attempt`` until it gives an answer not worth retrying, per ``policy``.

    Returns the last answer (error statuses included: the caller raises for them).

    Raises:
        TransportError: The last send got no answer.
    """
    started = time.monotonic()
    number = 0
    while True:
        number += 1
        try:
            response = await attempt()
        except TransportError as exc:
            if not (idempotent or never_sent(exc)):
                raise
            wait = policy.wait(number)
            if not policy.allows(number, time.monotonic() - started, wait):
                raise
            logger.warning(
                "%s failed (%s); retry %d/%d in %.2f s",
                what, type(exc.__cause__).__name__, number, policy.attempts - 1, wait,
            )  # fmt: skip
            await asyncio.sleep(wait)
            continue
        retry_after: float | None = None
        if response.status_code == 429:
            retry_after = _retry_after(response)
            if retry_after > policy.max_retry_after:
                return response
        elif not (idempotent and response.status_code in RETRYABLE_STATUSES):
            return response
        wait = policy.wait(number, retry_after)
        if not policy.allows(number, time.monotonic() - started, wait):
            return response
        logger.warning(
            "%s answered %d; retry %d/%d in %.2f s",
            what, response.status_code, number, policy.attempts - 1, wait,
        )  # fmt: skip
        await asyncio.sleep(wait)


def _retry_after(response: httpx.Response) -> float:
    """Seconds from ``Retry-After`` (Directus sends whole seconds); 1 if absent."""
    try:
        return float(response.headers.get("retry-after", "1"))
    except ValueError:
        return 1.0
