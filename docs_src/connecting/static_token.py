"""Connecting with a static token: ``await``, ``async with``, and closing."""

from __future__ import annotations

import asyncio

from directus_orm import Directus
from directus_orm.testing import DirectusServer, LocalDirectus


async def main(server: DirectusServer) -> dict[str, object]:
    """Connect with the admin's static token in the two supported ways."""
    url, token = server.url, server.token
    # --8<-- [start:example]
    # 1. As a context manager: the connection is closed when the block ends.
    async with Directus(url, token=token) as directus:
        me = await directus.me()
        print(me["email"])  # admin@example.com

    # 2. Awaited: you close it yourself.
    directus = await Directus(url, token=token)
    try:
        print(repr(directus))  # Directus('http://127.0.0.1:8055', token=**********)
        users = await directus.collection("directus_users").fields("email").read()
    finally:
        await directus.close()
    # --8<-- [end:example]
    return {"me": me["email"], "repr": repr(directus), "users": users.items}


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
