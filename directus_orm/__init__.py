"""directus-orm: an async, Pydantic v2, ORM-style client for Directus."""

from __future__ import annotations

from directus_orm._aggregates import Agg, AggregationOperators
from directus_orm._client import Directus
from directus_orm._config import DirectusConfig
from directus_orm._exceptions import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    ContainsNullValuesError,
    ContentTooLargeError,
    DirectusError,
    DoesNotExist,
    ErrorCode,
    FailedValidationError,
    FieldError,
    ForbiddenError,
    GraphQLValidationError,
    InternalServerError,
    InvalidCredentialsError,
    InvalidDataError,
    InvalidForeignKeyError,
    InvalidPayloadError,
    InvalidQueryError,
    InvalidTokenError,
    MethodNotAllowedError,
    ModelNotBoundError,
    MultipleObjectsReturned,
    NotNullViolationError,
    OutcomeUnknownError,
    PartialWriteError,
    QueryError,
    RateLimitedError,
    RecordNotUniqueError,
    RequestHeaderTooLargeError,
    RequestTimeoutError,
    ResourceRestrictedError,
    RouteNotFoundError,
    SchemaMismatchError,
    ServiceUnavailableError,
    TokenExpiredError,
    TransportError,
    UnexpectedResponseError,
    UnsupportedMediaTypeError,
    UsageError,
    ValueOutOfRangeError,
    ValueTooLongError,
)
from directus_orm._expressions import F
from directus_orm._manager import Manager
from directus_orm._models import DirectusModel
from directus_orm._query import QuerySet
from directus_orm._response import DirectusResponse
from directus_orm._retry import NO_RETRY, RetryPolicy
from directus_orm._version import __version__

__all__ = [
    "NO_RETRY",
    "APIError",
    "Agg",
    "AggregationOperators",
    "AuthenticationError",
    "ConfigurationError",
    "ContainsNullValuesError",
    "ContentTooLargeError",
    "Directus",
    "DirectusConfig",
    "DirectusError",
    "DirectusModel",
    "DirectusResponse",
    "DoesNotExist",
    "ErrorCode",
    "F",
    "FailedValidationError",
    "FieldError",
    "ForbiddenError",
    "GraphQLValidationError",
    "InternalServerError",
    "InvalidCredentialsError",
    "InvalidDataError",
    "InvalidForeignKeyError",
    "InvalidPayloadError",
    "InvalidQueryError",
    "InvalidTokenError",
    "Manager",
    "MethodNotAllowedError",
    "ModelNotBoundError",
    "MultipleObjectsReturned",
    "NotNullViolationError",
    "OutcomeUnknownError",
    "PartialWriteError",
    "QueryError",
    "QuerySet",
    "RateLimitedError",
    "RecordNotUniqueError",
    "RequestHeaderTooLargeError",
    "RequestTimeoutError",
    "ResourceRestrictedError",
    "RetryPolicy",
    "RouteNotFoundError",
    "SchemaMismatchError",
    "ServiceUnavailableError",
    "TokenExpiredError",
    "TransportError",
    "UnexpectedResponseError",
    "UnsupportedMediaTypeError",
    "UsageError",
    "ValueOutOfRangeError",
    "ValueTooLongError",
    "__version__",
]

# Show the public names as directus_orm.X in reprs and tracebacks, as httpx does.
for _name in __all__:
    if not _name.startswith("__") and isinstance(globals()[_name], type):
        globals()[_name].__module__ = "directus_orm"
del _name
