"""Who the client is: a static token, or a login with access and refresh tokens.

Secrets are held as ``SecretStr`` so that no repr, log line or exception shows them.
Refreshes are single-flight: a refresh token works once on Directus, and two parallel
refreshes would leave only one of the new tokens valid.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from typing import TYPE_CHECKING

from pydantic import SecretStr

from directus_orm._exceptions import ConfigurationError, UnexpectedResponseError

if TYPE_CHECKING:
    from directus_orm._types import JSONValue

logger = logging.getLogger("directus_orm")

REFRESH_AHEAD_SECONDS = 10.0
"""Refresh this long before the access token's announced expiry, at most."""

REFRESH_AHEAD_SHARE = 0.2
"""...and at most this share of the token's lifetime (short TTLs)."""


@dataclasses.dataclass(slots=True)
class Tokens:
    """The tokens of a logged-in session.

    Attributes:
        access: The access token.
        refresh: The refresh token, if the session has one.
        expires_at: ``time.monotonic()`` at which the access token expires.
    """

    access: SecretStr
    refresh: SecretStr | None = None
    expires_at: float | None = None
    lifetime: float | None = None

    @classmethod
    def from_login(cls, data: JSONValue) -> Tokens:
        """Read the ``data`` of ``/auth/login`` or ``/auth/refresh``.

        Raises:
            UnexpectedResponseError: The answer has no access token.
        """
        if not isinstance(data, dict) or not isinstance(data.get("access_token"), str):
            raise UnexpectedResponseError(
                "login answer without an access token", status_code=200
            )
        refresh = data.get("refresh_token")
        expires = data.get("expires")
        lifetime = None
        if isinstance(expires, int | float) and not isinstance(expires, bool):
            lifetime = expires / 1000.0  # Directus sends milliseconds
        return cls(
            access=SecretStr(str(data["access_token"])),
            refresh=SecretStr(refresh) if isinstance(refresh, str) else None,
            expires_at=time.monotonic() + lifetime if lifetime is not None else None,
            lifetime=lifetime,
        )

    def expiring(self, now: float | None = None) -> bool:
        """Tell whether the access token is about to expire."""
        if self.expires_at is None or self.lifetime is None:
            return False
        ahead = min(REFRESH_AHEAD_SECONDS, self.lifetime * REFRESH_AHEAD_SHARE)
        current = time.monotonic() if now is None else now
        return current >= self.expires_at - ahead


@dataclasses.dataclass(slots=True)
class AuthState:
    """Credentials, the current tokens and the lock that serialises refreshes."""

    static_token: SecretStr | None = None
    email: str | None = None
    password: SecretStr | None = None
    tokens: Tokens | None = None
    generation: int = 0
    lock: asyncio.Lock = dataclasses.field(default_factory=asyncio.Lock)

    @classmethod
    def create(
        cls, token: str | None, email: str | None, password: str | None
    ) -> AuthState:
        """Check the combination of credentials and build the state.

        Raises:
            ConfigurationError: Both a token and a login, or half a login.
        """
        if token is not None and (email is not None or password is not None):
            raise ConfigurationError(
                "pass either token=... or email/password, not both"
            )
        if (email is None) != (password is None):
            raise ConfigurationError("email and password go together")
        return cls(
            static_token=SecretStr(token) if token is not None else None,
            email=email,
            password=SecretStr(password) if password is not None else None,
        )

    @property
    def has_login(self) -> bool:
        """Whether the client holds an email and password."""
        return self.email is not None and self.password is not None

    def bearer(self) -> str | None:
        """Return the token to send, or ``None`` for anonymous requests."""
        if self.tokens is not None:
            return self.tokens.access.get_secret_value()
        if self.static_token is not None:
            return self.static_token.get_secret_value()
        return None

    def set_tokens(self, tokens: Tokens | None) -> None:
        """Replace the session tokens (``None`` forgets them)."""
        self.tokens = tokens
        self.generation += 1
