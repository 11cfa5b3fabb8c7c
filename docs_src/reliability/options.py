"""Timeouts and retry policies: per client, per copy of a client, per request."""

from __future__ import annotations

import asyncio

from directus_orm import NO_RETRY, Directus, RequestTimeoutError, RetryPolicy
from directus_orm.testing import DirectusServer, LocalDirectus


async def main(server: DirectusServer) -> dict[str, object]:
    """Set a policy and a timeout, make a copy with others, and time a request out."""
    url, token = server.url, server.token
    # --8<-- [start:example]
    directus = Directus(url, token=token, retry=RetryPolicy(attempts=10, total=120))
    quick = directus.with_options(timeout=2.0, retry=NO_RETRY)  # shares the session

    health = await quick.request("GET", "/server/health")
    print(health["status"])  # ok
    try:
        await quick.request("GET", "/server/health", timeout=0.000_001)
    except RequestTimeoutError as exc:
        print(isinstance(exc, TimeoutError))  # True: also a builtin TimeoutError
        timed_out = exc
    await directus.close()  # closes the connection that both share
    # --8<-- [end:example]
    return {
        "health": health["status"],
        "retry": directus.retry,
        "quick_retry": quick.retry,
        "timed_out": timed_out,
    }


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
