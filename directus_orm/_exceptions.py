"""Every error directus-orm raises, and the table that maps Directus answers to them.

```
DirectusError
├── TransportError                 the request did not get an HTTP answer (wraps httpx)
│   └── RequestTimeoutError        also a builtin TimeoutError
├── APIError                       the server answered with an error
│   ├── AuthenticationError        401
│   │   ├── InvalidCredentialsError    INVALID_CREDENTIALS
│   │   ├── InvalidTokenError          INVALID_TOKEN (sent with 403)
│   │   └── TokenExpiredError          TOKEN_EXPIRED
│   ├── ForbiddenError             FORBIDDEN: not allowed, or does not exist
│   ├── InvalidQueryError          INVALID_QUERY
│   ├── InvalidPayloadError        INVALID_PAYLOAD
│   ├── FailedValidationError      FAILED_VALIDATION
│   ├── RecordNotUniqueError       RECORD_NOT_UNIQUE
│   ├── InvalidForeignKeyError     INVALID_FOREIGN_KEY
│   ├── ValueTooLongError          VALUE_TOO_LONG
│   ├── ValueOutOfRangeError       VALUE_OUT_OF_RANGE
│   ├── NotNullViolationError      NOT_NULL_VIOLATION
│   ├── ContainsNullValuesError    CONTAINS_NULL_VALUES
│   ├── RouteNotFoundError         ROUTE_NOT_FOUND
│   ├── MethodNotAllowedError      METHOD_NOT_ALLOWED
│   ├── ContentTooLargeError       CONTENT_TOO_LARGE
│   ├── UnsupportedMediaTypeError  UNSUPPORTED_MEDIA_TYPE
│   ├── ResourceRestrictedError    RESOURCE_RESTRICTED
│   ├── GraphQLValidationError     GRAPHQL_VALIDATION
│   ├── RateLimitedError           REQUESTS_EXCEEDED (429)
│   ├── RequestHeaderTooLargeError 431 (empty body)
│   ├── InternalServerError        INTERNAL_SERVER_ERROR
│   ├── ServiceUnavailableError    SERVICE_UNAVAILABLE, 502, 503, 504
│   └── UnexpectedResponseError    not a Directus answer (an HTML page from a proxy)
├── OutcomeUnknownError            a create whose answer was lost; .payload
├── PartialWriteError              a batched write that failed part way; .committed
├── DoesNotExist                   get() found nothing; also a LookupError
├── MultipleObjectsReturned        get() found several; also a LookupError
└── UsageError                     wrong use of the library, raised before any request
    ├── ConfigurationError
    ├── FieldError
    ├── QueryError
    ├── InvalidDataError           data that does not fit the schema; nothing sent
    ├── SchemaMismatchError        models that do not match the server (schema)
    └── ModelNotBoundError
```

Directus errors are mapped by ``extensions.code`` first and by HTTP status only when
there is no code: ``RECORD_NOT_UNIQUE`` arrives as a 400 like many others, and a
missing item arrives as 403 ``FORBIDDEN``.
"""

from __future__ import annotations

import enum
import json
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Sequence

    import httpx

    from directus_orm._types import JSONObject


class ErrorCode(enum.StrEnum):
    """The ``extensions.code`` values Directus 12 sends."""

    FORBIDDEN = "FORBIDDEN"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_TOKEN = "INVALID_TOKEN"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    INVALID_QUERY = "INVALID_QUERY"
    INVALID_PAYLOAD = "INVALID_PAYLOAD"
    FAILED_VALIDATION = "FAILED_VALIDATION"
    RECORD_NOT_UNIQUE = "RECORD_NOT_UNIQUE"
    INVALID_FOREIGN_KEY = "INVALID_FOREIGN_KEY"
    VALUE_TOO_LONG = "VALUE_TOO_LONG"
    VALUE_OUT_OF_RANGE = "VALUE_OUT_OF_RANGE"
    NOT_NULL_VIOLATION = "NOT_NULL_VIOLATION"
    CONTAINS_NULL_VALUES = "CONTAINS_NULL_VALUES"
    ROUTE_NOT_FOUND = "ROUTE_NOT_FOUND"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    CONTENT_TOO_LARGE = "CONTENT_TOO_LARGE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    RESOURCE_RESTRICTED = "RESOURCE_RESTRICTED"
    GRAPHQL_VALIDATION = "GRAPHQL_VALIDATION"
    REQUESTS_EXCEEDED = "REQUESTS_EXCEEDED"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"


class DirectusError(Exception):
    """Root of every error raised by directus-orm.

    ```python
    try:
        await directus.collection("products").create({"name": "x"})
    except directus_orm.DirectusError as exc:
        log.warning("directus failed: %s", exc)
    ```
    """


class TransportError(DirectusError):
    """The request got no HTTP answer: connection refused, reset, cut off mid-way."""


class RequestTimeoutError(TransportError, TimeoutError):
    """The request did not complete within the configured timeout."""


class APIError(DirectusError):
    """The server answered with an error.

    Attributes:
        status_code: The HTTP status.
        code: Directus's ``extensions.code``, or ``None`` when the body had none.
        message: The server's message.
        extensions: Every other key the server put in ``extensions``.
        response: The ``httpx.Response``.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: str | None = None,
        extensions: JSONObject | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.code = code
        self.extensions: JSONObject = extensions or {}
        self.response = response

    def __str__(self) -> str:
        suffix = (
            f"{self.code}, HTTP {self.status_code}"
            if self.code
            else (f"HTTP {self.status_code}")
        )
        return f"{self.message} [{suffix}]"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, "
            f"status_code={self.status_code}, code={self.code!r})"
        )


class AuthenticationError(APIError):
    """The server did not accept who we are (HTTP 401)."""


class InvalidCredentialsError(AuthenticationError):
    """Wrong email/password, unknown static token, or a dead refresh token."""


class InvalidTokenError(AuthenticationError):
    """The access token is malformed or its signature is wrong (sent as 403)."""


class TokenExpiredError(AuthenticationError):
    """The access token has expired; a refresh gives a new one."""


class ForbiddenError(APIError):
    """Not allowed, or does not exist: Directus does not tell the two apart."""


class InvalidQueryError(APIError):
    """The server refused the query parameters."""


class InvalidPayloadError(APIError):
    """The server refused the request body."""


class FailedValidationError(APIError):
    """A value broke a field's validation rule (required, not null, ...)."""


class RecordNotUniqueError(APIError):
    """A value broke a unique constraint (also a duplicate primary key)."""


class InvalidForeignKeyError(APIError):
    """A relation points at an item that does not exist."""


class ValueTooLongError(APIError):
    """A value is longer than its column allows."""


class ValueOutOfRangeError(APIError):
    """A number is outside its column's range."""


class NotNullViolationError(APIError):
    """A NOT NULL column got a null."""


class ContainsNullValuesError(APIError):
    """A schema change failed because existing rows hold nulls."""


class RouteNotFoundError(APIError):
    """No such endpoint."""


class MethodNotAllowedError(APIError):
    """The endpoint does not take this HTTP method."""


class ContentTooLargeError(APIError):
    """The request body is too large for the server."""


class UnsupportedMediaTypeError(APIError):
    """The server does not take the body's content type."""


class ResourceRestrictedError(APIError):
    """The server's licence or configuration forbids the operation."""


class GraphQLValidationError(APIError):
    """A GraphQL document did not validate against the schema."""


class RateLimitedError(APIError):
    """Too many requests (HTTP 429, ``REQUESTS_EXCEEDED``).

    Attributes:
        retry_after: Seconds to wait, from the ``Retry-After`` header, if sent.
    """

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked us to wait, or ``None``."""
        if self.response is None:
            return None
        value = self.response.headers.get("retry-after")
        try:
            return float(value) if value is not None else None
        except ValueError:
            return None


class RequestHeaderTooLargeError(APIError):
    """The URL or headers were too large (HTTP 431, sent with an empty body)."""


class InternalServerError(APIError):
    """The server failed; a write may or may not have been committed."""


class ServiceUnavailableError(APIError):
    """The server or a proxy in front of it is unavailable (502, 503, 504)."""


class UnexpectedResponseError(APIError):
    """The answer is not what Directus sends (not JSON, or not its envelope)."""


class OutcomeUnknownError(DirectusError):
    """A create got no usable answer: it may or may not have been committed.

    Directus can commit a create and still fail (a 500 from reading the row back,
    a connection cut after the insert), so creates are never repeated blindly.
    Check the server for the payload before trying again.

    Attributes:
        collection: Where the items were to be created.
        payload: What was sent, as JSON-ready dicts.
    """

    def __init__(self, collection: str, payload: Sequence[object]) -> None:
        self.collection = collection
        self.payload = list(payload)
        super().__init__(
            f"creating {len(self.payload)} item(s) in {collection} failed without a "
            "clear answer; they may have been created: check before retrying "
            "(the cause is attached)"
        )


class PartialWriteError(DirectusError):
    """A write split into several requests failed part way.

    Every batch is atomic on the server, so items are either in ``committed`` (on
    the server) or in ``failed`` (not written, or, for ``unknown``, not known).

    Attributes:
        committed: Items the server stored, as returned by it.
        failed: Items that were not stored.
        unknown: Whether the failing batch's outcome is unknown (lost answer).
    """

    def __init__(
        self, committed: Sequence[object], failed: Sequence[object], *, unknown: bool
    ) -> None:
        self.committed = list(committed)
        self.failed = list(failed)
        self.unknown = unknown
        state = "may or may not have been written" if unknown else "were not written"
        super().__init__(
            f"{len(self.committed)} item(s) written, {len(self.failed)} {state} "
            "(the cause is attached)"
        )


class DoesNotExist(DirectusError, LookupError):
    """No item matched; each model also has its own ``Model.DoesNotExist``."""


class MultipleObjectsReturned(DirectusError, LookupError):
    """More than one item matched where exactly one was expected."""


class UsageError(DirectusError):
    """The library was used wrongly; raised before any request is sent."""


class ConfigurationError(UsageError):
    """The client or a model is configured wrongly."""


class FieldError(UsageError):
    """A field name is not known to the model."""


class QueryError(UsageError):
    """A query is malformed: an unknown operator, a bad value, a negative limit."""


class InvalidDataError(UsageError, ValueError):
    """Data to write does not fit the collection's fields; nothing was sent.

    Attributes:
        problems: One line per offending field.
    """

    def __init__(self, collection: str, problems: list[str]) -> None:
        self.problems = problems
        listed = "; ".join(problems)
        super().__init__(f"invalid data for {collection}: {listed}")


class SchemaMismatchError(UsageError):
    """Models do not match the server's schema; ``.differences`` lists how."""

    def __init__(self, differences: Sequence[object]) -> None:
        self.differences = list(differences)
        lines = "\n".join(f"  - {difference}" for difference in self.differences)
        super().__init__(f"{len(self.differences)} schema difference(s):\n{lines}")


class ModelNotBoundError(UsageError):
    """A model was used before a client was bound to it."""


ERROR_CODES: Final[dict[str, type[APIError]]] = {
    ErrorCode.FORBIDDEN: ForbiddenError,
    ErrorCode.INVALID_CREDENTIALS: InvalidCredentialsError,
    ErrorCode.INVALID_TOKEN: InvalidTokenError,
    ErrorCode.TOKEN_EXPIRED: TokenExpiredError,
    ErrorCode.INVALID_QUERY: InvalidQueryError,
    ErrorCode.INVALID_PAYLOAD: InvalidPayloadError,
    ErrorCode.FAILED_VALIDATION: FailedValidationError,
    ErrorCode.RECORD_NOT_UNIQUE: RecordNotUniqueError,
    ErrorCode.INVALID_FOREIGN_KEY: InvalidForeignKeyError,
    ErrorCode.VALUE_TOO_LONG: ValueTooLongError,
    ErrorCode.VALUE_OUT_OF_RANGE: ValueOutOfRangeError,
    ErrorCode.NOT_NULL_VIOLATION: NotNullViolationError,
    ErrorCode.CONTAINS_NULL_VALUES: ContainsNullValuesError,
    ErrorCode.ROUTE_NOT_FOUND: RouteNotFoundError,
    ErrorCode.METHOD_NOT_ALLOWED: MethodNotAllowedError,
    ErrorCode.CONTENT_TOO_LARGE: ContentTooLargeError,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: UnsupportedMediaTypeError,
    ErrorCode.RESOURCE_RESTRICTED: ResourceRestrictedError,
    ErrorCode.GRAPHQL_VALIDATION: GraphQLValidationError,
    ErrorCode.REQUESTS_EXCEEDED: RateLimitedError,
    ErrorCode.INTERNAL_SERVER_ERROR: InternalServerError,
    ErrorCode.SERVICE_UNAVAILABLE: ServiceUnavailableError,
}
"""``extensions.code`` → class. Consulted before the status table."""

ERROR_STATUSES: Final[dict[int, type[APIError]]] = {
    401: AuthenticationError,
    403: ForbiddenError,
    404: RouteNotFoundError,
    405: MethodNotAllowedError,
    413: ContentTooLargeError,
    415: UnsupportedMediaTypeError,
    429: RateLimitedError,
    431: RequestHeaderTooLargeError,
    500: InternalServerError,
    502: ServiceUnavailableError,
    503: ServiceUnavailableError,
    504: ServiceUnavailableError,
}
"""HTTP status → class, for answers that carry no Directus code."""


def error_class(code: str | None, status_code: int) -> type[APIError]:
    """Return the exception class for a Directus error code and HTTP status."""
    if code is not None and code in ERROR_CODES:
        return ERROR_CODES[code]
    return ERROR_STATUSES.get(status_code, APIError)


def raise_for_response(response: httpx.Response) -> None:
    """Raise the matching ``APIError`` if ``response`` is an error answer.

    Raises:
        APIError: A subclass chosen by ``extensions.code``, else by status.
    """
    if response.status_code < 400:
        return
    error = _first_error(response)
    if error is None:
        reason = response.reason_phrase or "error"
        exc_class = error_class(None, response.status_code)
        if exc_class is APIError and response.content:
            exc_class = UnexpectedResponseError
        raise exc_class(
            f"HTTP {response.status_code} {reason} without a Directus error body",
            status_code=response.status_code,
            response=response,
        )
    message, extensions = error
    code = extensions.get("code")
    code_str = code if isinstance(code, str) else None
    raise error_class(code_str, response.status_code)(
        message,
        status_code=response.status_code,
        code=code_str,
        extensions=extensions,
        response=response,
    )


def _first_error(response: httpx.Response) -> tuple[str, JSONObject] | None:
    """Return the message and extensions of the first error in a Directus body."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    errors = body.get("errors")
    if not isinstance(errors, list) or not errors or not isinstance(errors[0], dict):
        return None
    first = errors[0]
    message = first.get("message")
    text = message if isinstance(message, str) else "Directus error"
    extensions = first.get("extensions")
    if not isinstance(extensions, dict):
        extensions = {}
    nested = extensions.get("errors")  # GraphQL validation details
    if isinstance(nested, list):
        details = [e.get("message") for e in nested if isinstance(e, dict)]
        text = " ".join([text, *[d for d in details if isinstance(d, str)]])
    return text, extensions
