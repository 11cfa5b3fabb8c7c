"""``Directus``: the client. Owns (or borrows) the HTTP connection and the session."""

from __future__ import annotations

import copy
import functools
import json
import logging
from collections.abc import Coroutine, Generator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, cast, overload
from urllib.parse import urlencode

import httpx

from directus_orm._auth import AuthState, Tokens
from directus_orm._cache import READS, ResponseCache
from directus_orm._exceptions import (
    AuthenticationError,
    ConfigurationError,
    ErrorCode,
    RequestTimeoutError,
    SchemaMismatchError,
    TransportError,
    UnexpectedResponseError,
    UsageError,
    raise_for_response,
)
from directus_orm._query import QuerySet
from directus_orm._retry import RetryPolicy, is_idempotent, send_with_retries
from directus_orm._schema_memory import SchemaMemory, changes_schema
from directus_orm._sentinel import MISSING, Missing

if TYPE_CHECKING:
    from typing import Self

    from directus_orm._models import DirectusModel
    from directus_orm._types import Item, JSONObject, JSONValue, ModelT, Params
    from directus_orm.schema._check import Difference
    from directus_orm.schema._collections_api import CollectionsAPI, RelationsAPI
    from directus_orm.schema._fields_api import FieldsAPI
    from directus_orm.schema._service import SchemaAPI

logger = logging.getLogger("directus_orm")

DEFAULT_TIMEOUT = 30.0
"""Seconds before a request fails with ``RequestTimeoutError``."""

DEFAULT_RETRY = RetryPolicy()
"""Five sends at most within a minute: rides out a server restart (about 3 s)."""


class Directus:
    """An async client for one Directus server and one identity.

    Args:
        url: The server's base URL, e.g. ``http://127.0.0.1:8055``.
        email: Log in with this email (with ``password``) when awaited or entered.
        password: The password for ``email``.
        token: A static token instead of a login.
        connection: An ``httpx.AsyncClient`` to share; it is never closed by us.
        transport: An httpx transport for the client we create (tests, proxies).
        timeout: Seconds per request; ``None`` waits forever.
        retry: When to send again after a failure (see ``RetryPolicy``).

    ```python
    async with Directus("http://127.0.0.1:8055", email="a@b.c", password="pw") as d:
        rows = await d.collection("products").filter(price__gte=10).read()
    directus = await Directus(url, token="static-token")
    ```
    """

    def __init__(
        self,
        url: str,
        email: str | None = None,
        password: str | None = None,
        *,
        token: str | None = None,
        connection: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
    ) -> None:
        parsed = httpx.URL(url)
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise ConfigurationError(f"not an http(s) URL: {url!r}")
        if connection is not None and transport is not None:
            raise ConfigurationError("pass connection=... or transport=..., not both")
        self.url = str(parsed).rstrip("/")
        self._auth = AuthState.create(token, email, password)
        self._timeout = timeout
        self.retry = retry
        self._owns_connection = connection is None
        self._connection = connection or httpx.AsyncClient(
            transport=transport, timeout=timeout, follow_redirects=False
        )
        self._logged_in = False
        self._cache: ResponseCache | None = None
        self._schema_memory = SchemaMemory()

    def __repr__(self) -> str:
        who = (
            f"email={self._auth.email!r}"
            if self._auth.has_login
            else ("token=**********" if self._auth.static_token else "anonymous")
        )
        shown = str(httpx.URL(self.url).copy_with(username=None, password=None))
        return f"Directus({shown!r}, {who})"

    # -- lifecycle -------------------------------------------------------------------

    def __await__(self) -> Generator[Any, None, Self]:
        return self._start().__await__()

    async def _start(self) -> Self:
        if self._auth.has_login and self._auth.tokens is None:
            try:
                await self.login()
            except BaseException:
                await self.close()  # nobody gets a client to close it
                raise
        return self

    async def __aenter__(self) -> Self:
        return await self._start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if self._logged_in and self._auth.tokens is not None:
                await self.logout()
        finally:
            await self.close()

    def with_options(
        self,
        *,
        timeout: float | Missing | None = MISSING,
        retry: RetryPolicy | Missing = MISSING,
    ) -> Directus:
        """Return this client with another timeout or retry policy, for some calls.

        The copy shares the server, the session (tokens, refreshes) and the
        connection; closing or leaving it does neither close nor log out.

        ```python
        quick = directus.with_options(timeout=2.0, retry=NO_RETRY)
        await Product.objects.using(quick).filter(sku="x").first()
        ```
        """
        clone = copy.copy(self)
        for cached in ("fields", "collections", "relations", "schema"):
            clone.__dict__.pop(cached, None)
        clone._owns_connection = False  # the original closes it
        clone._logged_in = False  # and logs out
        if timeout is not MISSING:
            clone._timeout = timeout
        if retry is not MISSING:
            clone.retry = retry
        return clone

    async def start_cache(self, ttl: float = 60.0, max_entries: int = 1024) -> None:
        """Answer repeated reads from memory for ``ttl`` seconds (py_directus's call).

        Any write through this client clears the cache.
        """
        self._cache = ResponseCache(ttl, max_entries)

    async def stop_cache(self) -> None:
        """Stop caching and forget every cached answer."""
        self._cache = None

    async def close(self) -> None:
        """Close the HTTP connection if this client created it."""
        if self._owns_connection:
            await self._connection.aclose()

    # -- authentication --------------------------------------------------------------

    async def login(self) -> None:
        """Log in with the email and password given to the constructor.

        Raises:
            ConfigurationError: The client was not given an email and password.
            InvalidCredentialsError: The server refused them.
        """
        if not self._auth.has_login:
            raise ConfigurationError(
                "login() needs Directus(url, email=..., password=...)"
            )
        assert self._auth.password is not None
        body: JSONObject = {
            "email": self._auth.email,
            "password": self._auth.password.get_secret_value(),
            "mode": "json",
        }
        data = await self._post_auth("/auth/login", body)
        self._auth.set_tokens(Tokens.from_login(data))
        self._logged_in = True
        logger.debug("logged in to %s", self.url)

    async def refresh(self) -> None:
        """Exchange the refresh token for new tokens.

        Raises:
            AuthenticationError: There is no session to refresh, or it is gone.
        """
        async with self._auth.lock:
            await self._refresh_locked()

    async def _refresh_locked(self) -> None:
        tokens = self._auth.tokens
        if tokens is None or tokens.refresh is None:
            raise AuthenticationError(
                "no refresh token: log in first (static tokens do not refresh)",
                status_code=401,
            )
        body: JSONObject = {
            "refresh_token": tokens.refresh.get_secret_value(),
            "mode": "json",
        }
        data = await self._post_auth("/auth/refresh", body)
        self._auth.set_tokens(Tokens.from_login(data))
        logger.info("refreshed the access token for %s", self.url)

    async def logout(self) -> None:
        """End the session: revoke the refresh token and forget both tokens."""
        tokens = self._auth.tokens
        self._auth.set_tokens(None)
        self._logged_in = False
        if tokens is None or tokens.refresh is None:
            return
        body: JSONObject = {
            "refresh_token": tokens.refresh.get_secret_value(),
            "mode": "json",
        }
        await self._post_auth("/auth/logout", body)
        logger.debug("logged out of %s", self.url)

    async def _post_auth(self, path: str, body: JSONObject) -> JSONValue:
        response = await self._send("POST", path, json_body=body, bearer=None)
        raise_for_response(response)
        if response.status_code == 204:
            return None
        return decode_envelope(response).get("data")

    async def me(self) -> Item:
        """Return the current user (``GET /users/me``)."""
        data = (await self.request("GET", "/users/me")).get("data")
        if not isinstance(data, dict):
            raise UnexpectedResponseError("/users/me without data", status_code=200)
        return data

    # -- queries ---------------------------------------------------------------------

    @overload
    def collection(
        self, target: str, *, validate: bool = False, primary_key: str = "id"
    ) -> QuerySet[Item]: ...

    @overload
    def collection(
        self, target: type[ModelT], *, validate: bool = False
    ) -> QuerySet[ModelT]: ...

    def collection(
        self,
        target: str | type[DirectusModel],
        *,
        validate: bool = False,
        primary_key: str | None = None,
    ) -> QuerySet[Item] | QuerySet[ModelT]:
        """Return a query over a collection, by name or by model.

        ``"directus_users"`` and the other system collections talk to their own
        endpoints (``/users``). A model makes rows parse into that model.

        Args:
            target: A collection name, or a model.
            validate: Check writes by name against the live ``/fields`` first.
            primary_key: The collection's primary key field, when it is not ``id``
                (a model says its own).
        """
        if primary_key == "":
            raise UsageError("primary_key must name a field")
        if isinstance(target, str):
            return QuerySet.for_collection(
                target, client=self, validate=validate, primary_key=primary_key or "id"
            )
        if primary_key is not None:
            raise UsageError("a model names its own primary key; drop primary_key=")
        return QuerySet.for_model(cast("type[ModelT]", target), client=self)

    @functools.cached_property
    def fields(self) -> FieldsAPI:
        """The Fields API, over REST unless ``fields.transport = "graphql"``."""
        from directus_orm.schema._fields_api import FieldsAPI

        return FieldsAPI(self)

    @functools.cached_property
    def collections(self) -> CollectionsAPI:
        """The Collections API."""
        from directus_orm.schema._collections_api import CollectionsAPI

        return CollectionsAPI(self)

    @functools.cached_property
    def relations(self) -> RelationsAPI:
        """The Relations API."""
        from directus_orm.schema._collections_api import RelationsAPI

        return RelationsAPI(self)

    @functools.cached_property
    def schema(self) -> SchemaAPI:
        """Model generation, model checks, collections from models."""
        from directus_orm.schema._service import SchemaAPI

        return SchemaAPI(self)

    async def check_models(self, *models: type[DirectusModel]) -> list[Difference]:
        """Return how ``models`` differ from the server's schema (``[]`` if not)."""
        return await self.schema.check_models(*models)

    @overload
    def bind(
        self, *models: type[DirectusModel], validate: Literal[False] = False
    ) -> None: ...

    @overload
    def bind(
        self, *models: type[DirectusModel], validate: Literal[True]
    ) -> Coroutine[object, object, None]: ...

    def bind(
        self, *models: type[DirectusModel], validate: bool = False
    ) -> Coroutine[object, object, None] | None:
        """Make this client the one that ``Model.objects`` of each model uses.

        With ``validate=True`` it returns a coroutine to await, which checks the
        models against the server and raises ``SchemaMismatchError`` on drift.
        """
        from directus_orm._models import bind_model

        for model in models:
            bind_model(model, self)
        return self._validate_bound(models) if validate else None

    async def _validate_bound(self, models: Sequence[type[DirectusModel]]) -> None:
        differences = await self.check_models(*models)
        if differences:
            raise SchemaMismatchError(differences)

    # -- transport -------------------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json_body: JSONValue | Missing = MISSING,
        timeout: float | Missing | None = MISSING,
        idempotent: bool | None = None,
    ) -> JSONObject:
        """Send a request as this client's identity and return the decoded body.

        An expired session is refreshed once and the request replayed. A 204 answer
        gives ``{}``.

        Raises:
            APIError: The server answered with an error (a subclass by code).
            TransportError: No answer (connection refused, cut off, timed out).
        """
        cache = self._cache
        key = None
        if cache is not None:
            if method.upper() in READS:
                body = None if json_body is MISSING else json_body
                key = cache.key(method.upper(), path, params, body)
                cached = cache.get(key)
                if cached is not None:
                    return cached
            else:
                cache.clear()  # a write: what we read before may be stale
        response = await self.send(
            method, path, params=params, json_body=json_body, timeout=timeout,
            idempotent=idempotent,
        )  # fmt: skip
        if response.status_code == 204 or not response.content:
            return {}
        decoded = decode_envelope(response)
        if cache is not None and key is not None:
            cache.put(key, decoded)
        return decoded

    async def send(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json_body: JSONValue | Missing = MISSING,
        timeout: float | Missing | None = MISSING,
        idempotent: bool | None = None,
    ) -> httpx.Response:
        """Like ``request`` but return the checked ``httpx.Response`` undecoded.

        Args:
            method: The HTTP method.
            path: The path below the server's URL.
            params: Query-string parameters.
            json_body: A body to send as JSON.
            timeout: Seconds for this request, instead of the client's.
            idempotent: Whether repeating the request is safe (by default: by method;
                POST and PATCH are not). Only safe requests are retried after a
                502/503/504 or a cut connection.
        """

        async def attempt() -> httpx.Response:
            await self._refresh_if_expiring()
            generation = self._auth.generation
            response = await self._send(
                method, path, params=params, json_body=json_body, timeout=timeout,
                bearer=self._auth.bearer(),
            )  # fmt: skip
            if response.status_code == 401 and self._can_refresh(response):
                await self._refresh_after_expiry(generation)
                response = await self._send(
                    method, path, params=params, json_body=json_body,
                    timeout=timeout, bearer=self._auth.bearer(),
                )  # fmt: skip
            return response

        safe = is_idempotent(method) if idempotent is None else idempotent
        try:
            response = await send_with_retries(
                self.retry, attempt, what=f"{method} {path}", idempotent=safe
            )
        finally:
            if changes_schema(method, path):
                self._schema_memory.forget()  # even a failed write may have changed it
        raise_for_response(response)
        if response.is_redirect:
            raise UnexpectedResponseError(
                f"{method} {path} was redirected; redirects are not followed so that "
                "credentials never go to another address",
                status_code=response.status_code,
                response=response,
            )
        return response

    def _can_refresh(self, response: httpx.Response) -> bool:
        if self._auth.tokens is None:
            return False
        try:
            errors = json.loads(response.content).get("errors") or [{}]
            code = errors[0].get("extensions", {}).get("code")
        except (ValueError, AttributeError, IndexError):
            return False
        return bool(code == ErrorCode.TOKEN_EXPIRED)

    async def _refresh_if_expiring(self) -> None:
        tokens = self._auth.tokens
        if tokens is not None and tokens.refresh is not None and tokens.expiring():
            await self._refresh_after_expiry(self._auth.generation)

    async def _refresh_after_expiry(self, seen_generation: int) -> None:
        async with self._auth.lock:
            if self._auth.generation != seen_generation:
                return  # another task refreshed while we waited
            try:
                await self._refresh_locked()
            except AuthenticationError:
                if not self._auth.has_login:
                    raise
                logger.info("session for %s is gone; logging in again", self.url)
                await self.login()

    async def _send(
        self,
        method: str,
        path: str,
        *,
        bearer: str | None,
        params: Params | None = None,
        json_body: JSONValue | Missing = MISSING,
        timeout: float | Missing | None = MISSING,
    ) -> httpx.Response:
        headers = {"Accept": "application/json"}
        if bearer is not None:
            headers["Authorization"] = f"Bearer {bearer}"
        content = None
        if json_body is not MISSING:
            headers["Content-Type"] = "application/json"
            content = json.dumps(json_body, separators=(",", ":")).encode()
        effective = self._timeout if timeout is MISSING else timeout
        url = self.url + path
        if params:
            # Encoded here as httpx would (urlencode, quote_plus): given separately,
            # httpx parses the URL twice, a third of a small request's client time.
            url += "?" + urlencode(params)
        try:
            return await self._connection.request(
                method,
                url,
                content=content,
                headers=headers,
                timeout=effective,
                follow_redirects=False,
            )
        except httpx.TimeoutException as exc:
            raise RequestTimeoutError(
                f"{method} {path} timed out after {effective} s"
            ) from exc
        except httpx.TransportError as exc:
            raise TransportError(f"{method} {path} failed: {exc}") from exc


def decode_envelope(response: httpx.Response) -> JSONObject:
    """Decode a Directus JSON body.

    Raises:
        UnexpectedResponseError: The body is not a JSON object.
    """
    try:
        body = json.loads(response.content)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise UnexpectedResponseError(
            "expected a Directus JSON object, got "
            f"{response.headers.get('content-type') or 'no content type'}",
            status_code=response.status_code,
            response=response,
        )
    return body
