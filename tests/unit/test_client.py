from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from directus_orm import (
    NO_RETRY,
    APIError,
    ConfigurationError,
    Directus,
    InternalServerError,
    InvalidCredentialsError,
    QueryError,
    RequestTimeoutError,
    TokenExpiredError,
    TransportError,
    UnexpectedResponseError,
)

URL = "http://directus.test"
EMAIL = "admin@example.com"
PASSWORD = "pa55-w0rd-secret"
STATIC = "static-token-secret"

TOKEN_EXPIRED = {
    "errors": [{"message": "Token expired.", "extensions": {"code": "TOKEN_EXPIRED"}}]
}
INVALID_CREDENTIALS = {
    "errors": [
        {
            "message": "Invalid user credentials.",
            "extensions": {"code": "INVALID_CREDENTIALS"},
        }
    ]
}
SERVER_ERROR = {
    "errors": [{"message": "boom", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
}
ROWS = {"data": [{"id": 1, "name": "pen"}]}


class Transport(httpx.MockTransport):
    """A MockTransport that remembers whether it was closed."""

    def __init__(self, handler: Callable[[httpx.Request], Any]) -> None:
        super().__init__(handler)
        self.closed = False

    async def aclose(self) -> None:
        self.closed = True


class FakeDirectus:
    """Answers the auth routes like Directus 12.3.1 and every other route with ROWS.

    Access tokens in ``expired`` are answered with 401 TOKEN_EXPIRED. Every login and
    refresh issues new, numbered tokens (refresh tokens rotate, as on the server).
    """

    def __init__(self, expires_ms: int = 900_000) -> None:
        self.requests: list[httpx.Request] = []
        self.logins = 0
        self.refreshes = 0
        self.logouts: list[object] = []
        self.expired: set[str] = set()
        self.refresh_is_dead = False
        self.logout_fails = False
        self.expires_ms = expires_ms
        self.transport = Transport(self.handle)

    def tokens(self, prefix: str) -> httpx.Response:
        n = self.logins if prefix == "login" else self.refreshes
        data = {
            "expires": self.expires_ms,
            "refresh_token": f"refresh-{prefix}-{n}",
            "access_token": f"access-{prefix}-{n}",
        }
        return httpx.Response(200, json={"data": data})

    async def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path == "/auth/login":
            self.logins += 1
            body = json.loads(request.content)
            if body.get("password") != PASSWORD:
                return httpx.Response(401, json=INVALID_CREDENTIALS)
            return self.tokens("login")
        if path == "/auth/refresh":
            self.refreshes += 1
            await asyncio.sleep(0.01)  # let concurrent requests pile up
            if self.refresh_is_dead:
                return httpx.Response(401, json=INVALID_CREDENTIALS)
            return self.tokens("refresh")
        if path == "/auth/logout":
            self.logouts.append(json.loads(request.content))
            if self.logout_fails:
                return httpx.Response(500, json=SERVER_ERROR)
            return httpx.Response(204)
        await asyncio.sleep(0)
        if bearer(request) in self.expired:
            return httpx.Response(401, json=TOKEN_EXPIRED)
        return httpx.Response(200, json=ROWS)

    def items_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if not r.url.path.startswith("/auth/")]


def bearer(request: httpx.Request) -> str | None:
    value = request.headers.get("authorization")
    if value is None:
        return None
    scheme, _, token = str(value).partition(" ")
    assert scheme == "Bearer"
    return token


@pytest.fixture
def server() -> FakeDirectus:
    return FakeDirectus()


# -- login, tokens, lifecycle ----------------------------------------------------------


async def test_awaiting_logs_in_with_json_mode_then_sends_the_access_token(
    server: FakeDirectus,
) -> None:
    directus = await Directus(
        URL, email=EMAIL, password=PASSWORD, transport=server.transport
    )
    try:
        await directus.collection("products").read()
    finally:
        await directus.close()

    login, read = server.requests
    assert login.method == "POST"
    assert login.url == f"{URL}/auth/login"
    assert json.loads(login.content) == {
        "email": EMAIL,
        "password": PASSWORD,
        "mode": "json",
    }
    assert bearer(login) is None
    assert read.url.path == "/items/products"
    assert bearer(read) == "access-login-1"


async def test_email_and_password_may_be_positional(server: FakeDirectus) -> None:
    directus = await Directus(URL, EMAIL, PASSWORD, transport=server.transport)
    await directus.collection("products").read()
    await directus.close()
    assert server.logins == 1
    assert bearer(server.requests[-1]) == "access-login-1"


async def test_static_token_is_sent_as_bearer_without_login(
    server: FakeDirectus,
) -> None:
    directus = await Directus(URL, token=STATIC, transport=server.transport)
    await directus.collection("products").read()
    await directus.close()

    (read,) = server.requests
    assert read.headers["authorization"] == f"Bearer {STATIC}"
    assert server.logins == 0


async def test_login_failure_raises_invalid_credentials(server: FakeDirectus) -> None:
    with pytest.raises(InvalidCredentialsError):
        await Directus(URL, email=EMAIL, password="wrong", transport=server.transport)


async def test_async_with_logs_in_then_logs_out_and_closes(
    server: FakeDirectus,
) -> None:
    async with Directus(
        URL, email=EMAIL, password=PASSWORD, transport=server.transport
    ) as directus:
        await directus.collection("products").read()
        assert not server.transport.closed

    assert [r.url.path for r in server.requests] == [
        "/auth/login",
        "/items/products",
        "/auth/logout",
    ]
    assert server.logouts == [{"refresh_token": "refresh-login-1", "mode": "json"}]
    assert server.transport.closed


async def test_async_with_a_static_token_does_not_log_out(
    server: FakeDirectus,
) -> None:
    async with Directus(URL, token=STATIC, transport=server.transport) as directus:
        await directus.collection("products").read()
    assert server.logouts == []
    assert server.logins == 0
    assert server.transport.closed


async def test_async_with_closes_even_when_logout_fails(server: FakeDirectus) -> None:
    server.logout_fails = True
    with pytest.raises(InternalServerError):
        async with Directus(
            URL, email=EMAIL, password=PASSWORD, transport=server.transport
        ):
            pass
    assert server.transport.closed


async def test_close_closes_the_connection_it_created(server: FakeDirectus) -> None:
    directus = Directus(URL, token=STATIC, transport=server.transport)
    await directus.close()
    assert server.transport.closed


async def test_a_passed_in_connection_is_not_closed(server: FakeDirectus) -> None:
    connection = httpx.AsyncClient(transport=server.transport)
    try:
        directus = Directus(URL, token=STATIC, connection=connection)
        await directus.collection("products").read()
        await directus.close()
        assert not connection.is_closed
        assert not server.transport.closed

        async with Directus(
            URL, email=EMAIL, password=PASSWORD, connection=connection
        ) as other:
            await other.collection("products").read()
        assert not connection.is_closed

        # Still usable by its owner and by the first client.
        await directus.collection("products").read()
    finally:
        await connection.aclose()


async def test_two_identities_share_one_connection(server: FakeDirectus) -> None:
    async with httpx.AsyncClient(transport=server.transport) as connection:
        static = await Directus(URL, token=STATIC, connection=connection)
        user = await Directus(
            URL, email=EMAIL, password=PASSWORD, connection=connection
        )
        await static.collection("a").read()
        await user.collection("b").read()
    tokens = {r.url.path: bearer(r) for r in server.items_requests()}
    assert tokens == {"/items/a": STATIC, "/items/b": "access-login-1"}


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param(
            {"token": STATIC, "email": EMAIL, "password": PASSWORD}, id="both"
        ),
        pytest.param({"email": EMAIL}, id="email-only"),
        pytest.param({"password": PASSWORD}, id="password-only"),
        pytest.param(
            {"connection": "set", "transport": "set"}, id="connection-and-transport"
        ),
    ],
)
async def test_bad_configuration_raises(
    server: FakeDirectus, kwargs: dict[str, Any]
) -> None:
    async with httpx.AsyncClient(transport=server.transport) as connection:
        if kwargs.get("connection") == "set":
            kwargs = {"connection": connection, "transport": server.transport}
        with pytest.raises(ConfigurationError):
            Directus(URL, **kwargs)


@pytest.mark.parametrize("url", ["directus.test", "ftp://directus.test", "http://"])
def test_url_must_be_http(url: str) -> None:
    with pytest.raises(ConfigurationError):
        Directus(url, token=STATIC)


# -- refresh ---------------------------------------------------------------------------


async def test_token_expired_refreshes_once_and_replays(server: FakeDirectus) -> None:
    directus = await Directus(
        URL, email=EMAIL, password=PASSWORD, transport=server.transport
    )
    server.expired.add("access-login-1")

    response = await directus.collection("products").read()
    await directus.collection("products").read()
    await directus.close()

    assert response.items == ROWS["data"]
    assert server.refreshes == 1
    refresh = next(r for r in server.requests if r.url.path == "/auth/refresh")
    assert json.loads(refresh.content) == {
        "refresh_token": "refresh-login-1",
        "mode": "json",
    }
    assert bearer(refresh) is None  # an expired bearer would make /auth/refresh 401
    assert [bearer(r) for r in server.items_requests()] == [
        "access-login-1",
        "access-refresh-1",
        "access-refresh-1",
    ]


async def test_concurrent_expiries_cause_exactly_one_refresh(
    server: FakeDirectus,
) -> None:
    directus = await Directus(
        URL, email=EMAIL, password=PASSWORD, transport=server.transport
    )
    server.expired.add("access-login-1")

    responses = await asyncio.gather(
        *(directus.collection("products").read() for _ in range(20))
    )
    await directus.close()

    assert server.refreshes == 1
    assert server.logins == 1
    assert all(r.items == ROWS["data"] for r in responses)
    replays = [r for r in server.items_requests() if bearer(r) == "access-refresh-1"]
    assert len(replays) == 20


async def test_dead_refresh_token_falls_back_to_login(server: FakeDirectus) -> None:
    directus = await Directus(
        URL, email=EMAIL, password=PASSWORD, transport=server.transport
    )
    server.expired.add("access-login-1")
    server.refresh_is_dead = True

    response = await directus.collection("products").read()
    await directus.close()

    assert response.items == ROWS["data"]
    assert server.refreshes == 1
    assert server.logins == 2
    assert bearer(server.items_requests()[-1]) == "access-login-2"


async def test_static_token_expired_is_raised_without_refresh(
    server: FakeDirectus,
) -> None:
    server.expired.add(STATIC)
    directus = Directus(URL, token=STATIC, transport=server.transport)
    with pytest.raises(TokenExpiredError):
        await directus.collection("products").read()
    await directus.close()
    assert server.refreshes == 0
    assert server.logins == 0
    assert len(server.requests) == 1


async def test_expired_replay_is_not_retried_forever(server: FakeDirectus) -> None:
    directus = await Directus(
        URL, email=EMAIL, password=PASSWORD, transport=server.transport
    )
    server.expired.update({"access-login-1", "access-refresh-1"})
    with pytest.raises(TokenExpiredError):
        await directus.collection("products").read()
    await directus.close()
    assert server.refreshes == 1
    assert len(server.items_requests()) == 2


async def test_token_about_to_expire_is_refreshed_before_sending() -> None:
    server = FakeDirectus(expires_ms=500)
    directus = await Directus(
        URL, email=EMAIL, password=PASSWORD, transport=server.transport
    )
    await directus.collection("products").read()  # fresh: no refresh
    await asyncio.sleep(0.42)  # within the last fifth of the token's life
    await directus.collection("products").read()
    await directus.close()
    assert [r.url.path for r in server.requests] == [
        "/auth/login",
        "/items/products",
        "/auth/refresh",
        "/items/products",
    ]
    assert bearer(server.requests[-1]) == "access-refresh-1"


async def test_explicit_refresh_rotates_the_tokens(server: FakeDirectus) -> None:
    async with Directus(
        URL, email=EMAIL, password=PASSWORD, transport=server.transport
    ) as directus:
        await directus.refresh()
        await directus.collection("products").read()
    assert bearer(server.items_requests()[-1]) == "access-refresh-1"
    assert server.logouts == [{"refresh_token": "refresh-refresh-1", "mode": "json"}]


# -- secrets ---------------------------------------------------------------------------


def _secrets_absent(text: str) -> None:
    for secret in (PASSWORD, STATIC, "access-login", "refresh-login"):
        assert secret not in text


async def test_client_repr_shows_no_secret(server: FakeDirectus) -> None:
    static = Directus(URL, token=STATIC, transport=server.transport)
    login = await Directus(
        URL, email=EMAIL, password=PASSWORD, transport=server.transport
    )
    for client in (static, login):
        _secrets_absent(repr(client))
        _secrets_absent(str(client))
        _secrets_absent(repr(client.collection("products").state))
    assert URL in repr(static)
    await static.close()
    await login.close()


def test_client_repr_hides_a_password_in_the_url() -> None:
    directus = Directus("http://user:url-secret@directus.test", token=STATIC)
    assert "url-secret" not in repr(directus)


async def _error_from(directus: Directus) -> BaseException:
    try:
        await directus.collection("products").read()
    except Exception as exc:
        return exc
    raise AssertionError("no error raised")


async def test_errors_show_no_secret() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth/login":
            return httpx.Response(401, json=INVALID_CREDENTIALS)
        return httpx.Response(401, json=TOKEN_EXPIRED)

    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    errors: list[BaseException] = []
    with pytest.raises(InvalidCredentialsError) as caught:
        await Directus(
            URL, email=EMAIL, password=PASSWORD, transport=httpx.MockTransport(refuse)
        )
    errors.append(caught.value)
    for handler in (refuse, unreachable, slow):
        directus = Directus(
            URL, token=STATIC, transport=httpx.MockTransport(handler), retry=NO_RETRY
        )
        errors.append(await _error_from(directus))
        await directus.close()

    assert [type(e) for e in errors] == [
        InvalidCredentialsError,
        TokenExpiredError,
        TransportError,
        RequestTimeoutError,
    ]
    for error in errors:
        _secrets_absent(str(error))
        _secrets_absent(repr(error))


# -- paths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("collection", "path"),
    [
        pytest.param("products", "/items/products", id="user-collection"),
        pytest.param("directus_users", "/users", id="directus_users"),
        pytest.param("directus_files", "/files", id="directus_files"),
        pytest.param("my collection", "/items/my%20collection", id="space"),
    ],
)
async def test_collection_endpoint(
    server: FakeDirectus, collection: str, path: str
) -> None:
    directus = Directus(URL, token=STATIC, transport=server.transport)
    await directus.collection(collection).read()
    await directus.close()
    assert server.requests[-1].url.raw_path == path.encode()


@pytest.mark.parametrize("name", ["a/b", "products/1", "/products"])
async def test_collection_with_a_slash_raises_before_sending(
    server: FakeDirectus, name: str
) -> None:
    directus = Directus(URL, token=STATIC, transport=server.transport)
    with pytest.raises(QueryError):
        directus.collection(name)
    await directus.close()
    assert server.requests == []


@pytest.mark.parametrize(
    ("key", "raw_path"),
    [
        pytest.param("..", b"/items/products/%2E%2E", id="dot-dot"),
        pytest.param(".", b"/items/products/%2E", id="dot"),
        pytest.param("a/b", b"/items/products/a%2Fb", id="slash"),
        pytest.param("a b", b"/items/products/a%20b", id="space"),
        pytest.param("a?b#c", b"/items/products/a%3Fb%23c", id="query-and-fragment"),
        pytest.param("%2F", b"/items/products/%252F", id="literal-percent"),
        pytest.param(7, b"/items/products/7", id="int"),
    ],
)
async def test_item_keys_are_percent_encoded(
    server: FakeDirectus, key: str | int, raw_path: bytes
) -> None:
    directus = Directus(URL, token=STATIC, transport=server.transport)
    await directus.collection("products").read(key)
    await directus.close()
    request = server.requests[-1]
    assert request.url.raw_path.split(b"?")[0] == raw_path


async def test_a_very_long_filter_is_sent_as_search(server: FakeDirectus) -> None:
    directus = Directus(URL, token=STATIC, transport=server.transport)
    ids = list(range(5000))
    await directus.collection("products").filter(id__in=ids).sort("id").read()
    await directus.close()

    (request,) = server.requests
    assert request.method == "SEARCH"
    assert request.url.raw_path == b"/items/products"
    assert request.headers["content-type"].startswith("application/json")
    assert json.loads(request.content) == {
        "query": {"filter": {"id": {"_in": ids}}, "sort": ["id"]}
    }


async def test_a_short_filter_is_sent_as_get(server: FakeDirectus) -> None:
    directus = Directus(URL, token=STATIC, transport=server.transport)
    await directus.collection("products").filter(id__in=[1, 2]).read()
    await directus.close()
    (request,) = server.requests
    assert request.method == "GET"
    assert json.loads(request.url.params["filter"]) == {"id": {"_in": [1, 2]}}
    assert request.content == b""


# -- transport failures ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        pytest.param(httpx.ConnectError, TransportError, id="connect"),
        pytest.param(httpx.RemoteProtocolError, TransportError, id="protocol"),
        pytest.param(httpx.ReadError, TransportError, id="read"),
        pytest.param(httpx.ReadTimeout, RequestTimeoutError, id="read-timeout"),
        pytest.param(httpx.ConnectTimeout, RequestTimeoutError, id="connect-timeout"),
        pytest.param(httpx.PoolTimeout, RequestTimeoutError, id="pool-timeout"),
    ],
)
async def test_httpx_errors_are_translated(
    raised: type[httpx.TransportError], expected: type[TransportError]
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise raised("failed", request=request)

    directus = Directus(
        URL, token=STATIC, transport=httpx.MockTransport(fail), retry=NO_RETRY
    )
    with pytest.raises(expected) as caught:
        await directus.collection("products").read()
    await directus.close()
    assert isinstance(caught.value.__cause__, raised)
    if expected is TransportError:
        assert not isinstance(caught.value, TimeoutError)
    else:
        assert isinstance(caught.value, TimeoutError)


async def test_redirects_are_not_followed() -> None:
    seen: list[str] = []

    def redirect(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == "/items/products":
            return httpx.Response(
                302,
                headers={"location": f"{URL}/elsewhere"},
                content=b"Found. Redirecting to /elsewhere",
            )
        return httpx.Response(200, json=ROWS)

    directus = Directus(URL, token=STATIC, transport=httpx.MockTransport(redirect))
    with pytest.raises(APIError):
        await directus.collection("products").read()
    await directus.close()
    assert seen == ["/items/products"]


async def test_an_empty_redirect_is_an_error_not_an_empty_result() -> None:
    def redirect(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"location": "https://directus.test/"})

    directus = Directus(URL, token=STATIC, transport=httpx.MockTransport(redirect))
    with pytest.raises(UnexpectedResponseError):
        await directus.collection("products").read()
    await directus.close()


async def test_a_non_json_success_is_an_unexpected_response() -> None:
    def html(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, html="<html>login portal</html>")

    directus = Directus(URL, token=STATIC, transport=httpx.MockTransport(html))
    with pytest.raises(UnexpectedResponseError):
        await directus.collection("products").read()
    await directus.close()


async def test_api_errors_surface_with_their_class(server: FakeDirectus) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, json=SERVER_ERROR)

    directus = Directus(URL, token=STATIC, transport=httpx.MockTransport(fail))
    with pytest.raises(InternalServerError, match="boom"):
        await directus.collection("products").read()
    await directus.close()
