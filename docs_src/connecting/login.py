"""Logging in with email and password; refreshing; logging out."""

from __future__ import annotations

import asyncio

from directus_orm import Directus, InvalidCredentialsError
from directus_orm.testing import DirectusServer, LocalDirectus


async def main(server: DirectusServer) -> dict[str, object]:
    """Log in three ways, refresh the session, log out, and get refused."""
    url, email, password = server.url, server.email, server.password
    seen: dict[str, object] = {}
    # --8<-- [start:login]
    # Awaiting the client logs in (POST /auth/login).
    directus = await Directus(url, email=email, password=password)
    seen["awaited"] = (await directus.me())["email"]
    await directus.refresh()  # new access and refresh tokens; the old refresh is dead
    seen["after refresh"] = (await directus.me())["email"]
    await directus.logout()  # revokes the refresh token, forgets both tokens
    await directus.close()

    # `async with` logs in on entry, and logs out and closes on exit.
    async with Directus(url, email, password) as directus:
        seen["async with"] = (await directus.me())["email"]

    # py_directus's spelling works too: `async with await Directus(...)`.
    async with await Directus(url, email=email, password=password) as directus:
        seen["async with await"] = (await directus.me())["email"]

    # Log in later, by hand.
    directus = Directus(url, email=email, password=password)
    await directus.login()
    seen["manual login"] = (await directus.me())["email"]
    await directus.logout()
    await directus.close()
    # --8<-- [end:login]

    # --8<-- [start:wrong]
    try:
        await Directus(url, email=email, password="wrong")
    except InvalidCredentialsError as exc:
        print(exc.status_code, exc.code)  # 401 INVALID_CREDENTIALS
        seen["wrong password"] = (exc.status_code, exc.code)
    # --8<-- [end:wrong]
    return seen


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
