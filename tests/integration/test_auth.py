"""Logging in, refreshing, logging out and sharing a connection, on the server."""

from __future__ import annotations

import httpx
import pytest

from directus_orm import (
    Directus,
    InvalidCredentialsError,
    InvalidTokenError,
    RouteNotFoundError,
)
from directus_orm.testing import DirectusServer

pytestmark = pytest.mark.integration


async def refresh_status(server: DirectusServer, refresh_token: str) -> int:
    async with httpx.AsyncClient(base_url=server.url) as raw:
        response = await raw.post(
            "/auth/refresh", json={"refresh_token": refresh_token, "mode": "json"}
        )
    return response.status_code


async def test_await_logs_in(directus_server: DirectusServer) -> None:
    directus = await Directus(
        directus_server.url,
        email=directus_server.email,
        password=directus_server.password,
    )
    try:
        me = await directus.me()
        assert me["email"] == directus_server.email
    finally:
        await directus.logout()
        await directus.close()


async def test_async_with_logs_in_and_out(directus_server: DirectusServer) -> None:
    async with Directus(
        directus_server.url, directus_server.email, directus_server.password
    ) as directus:
        assert (await directus.me())["email"] == directus_server.email
        tokens = directus._auth.tokens
        assert tokens is not None
        assert tokens.refresh is not None
        refresh_token = tokens.refresh.get_secret_value()
    # Leaving the block logged out: the refresh token is dead on the server.
    assert await refresh_status(directus_server, refresh_token) == 401


async def test_async_with_await(directus_server: DirectusServer) -> None:
    async with await Directus(
        directus_server.url,
        email=directus_server.email,
        password=directus_server.password,
    ) as directus:
        assert (await directus.me())["email"] == directus_server.email


async def test_refresh_rotates_tokens(directus_server: DirectusServer) -> None:
    async with Directus(
        directus_server.url,
        email=directus_server.email,
        password=directus_server.password,
    ) as directus:
        assert directus._auth.tokens is not None
        old = directus._auth.tokens.refresh
        assert old is not None
        await directus.refresh()
        assert directus._auth.tokens.refresh != old
        assert (await directus.me())["email"] == directus_server.email
        # A refresh token works once.
        assert await refresh_status(directus_server, old.get_secret_value()) == 401


async def test_logout_forgets_the_session(directus_server: DirectusServer) -> None:
    directus = await Directus(
        directus_server.url,
        email=directus_server.email,
        password=directus_server.password,
    )
    assert directus._auth.tokens is not None
    access = directus._auth.tokens.access.get_secret_value()
    await directus.logout()
    assert directus._auth.tokens is None
    with pytest.raises(InvalidCredentialsError):
        await directus.me()  # anonymous now: /users/me needs a user
    await directus.close()
    # The server keeps an issued access token valid until it expires, which is why
    # the client must forget it.
    async with httpx.AsyncClient(base_url=directus_server.url) as raw:
        response = await raw.get(
            "/users/me", headers={"Authorization": f"Bearer {access}"}
        )
    assert response.status_code == 200


async def test_wrong_password(directus_server: DirectusServer) -> None:
    with pytest.raises(InvalidCredentialsError) as caught:
        await Directus(
            directus_server.url, email=directus_server.email, password="nope"
        )
    assert caught.value.status_code == 401
    assert "nope" not in str(caught.value) + repr(caught.value)


async def test_bad_tokens(directus_server: DirectusServer) -> None:
    async with Directus(directus_server.url, token="not-a-real-token") as directus:
        with pytest.raises(InvalidCredentialsError):
            await directus.me()
    async with Directus(directus_server.url, email=directus_server.email,
                        password=directus_server.password) as directus:  # fmt: skip
        assert directus._auth.tokens is not None
        jwt = directus._auth.tokens.access.get_secret_value()
    tampered = jwt[:-4] + ("AAAA" if not jwt.endswith("AAAA") else "BBBB")
    async with Directus(directus_server.url, token=tampered) as directus:
        with pytest.raises(InvalidTokenError):
            await directus.me()


async def test_shared_connection(directus_server: DirectusServer) -> None:
    async with httpx.AsyncClient() as connection:
        admin = await Directus(
            directus_server.url, token=directus_server.token, connection=connection
        )
        user = await Directus(
            directus_server.url,
            email=directus_server.email,
            password=directus_server.password,
            connection=connection,
        )
        assert (await admin.me())["email"] == (await user.me())["email"]
        await user.logout()
        await admin.close()
        await user.close()
        assert not connection.is_closed  # not ours to close
        response = await connection.get(f"{directus_server.url}/server/ping")
        assert response.text == "pong"


async def test_unknown_route(directus: Directus) -> None:
    with pytest.raises(RouteNotFoundError):
        await directus.request("GET", "/nope")
