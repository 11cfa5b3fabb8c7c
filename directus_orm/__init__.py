"""directus-orm: an async, Pydantic v2, ORM-style client for Directus.

The public names are imported on first use (PEP 562), as pydantic does: ``import
directus_orm`` loads neither httpx nor pydantic, and the first use of a name such as
``Directus`` pays for the modules behind it.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Final

from directus_orm._version import __version__

if TYPE_CHECKING:
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

_EXPORTS: Final = {
    "_aggregates": ("Agg", "AggregationOperators"),
    "_client": ("Directus",),
    "_config": ("DirectusConfig",),
    "_exceptions": (
        "APIError",
        "AuthenticationError",
        "ConfigurationError",
        "ContainsNullValuesError",
        "ContentTooLargeError",
        "DirectusError",
        "DoesNotExist",
        "ErrorCode",
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
        "MethodNotAllowedError",
        "ModelNotBoundError",
        "MultipleObjectsReturned",
        "NotNullViolationError",
        "OutcomeUnknownError",
        "PartialWriteError",
        "QueryError",
        "RateLimitedError",
        "RecordNotUniqueError",
        "RequestHeaderTooLargeError",
        "RequestTimeoutError",
        "ResourceRestrictedError",
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
    ),
    "_expressions": ("F",),
    "_manager": ("Manager",),
    "_models": ("DirectusModel",),
    "_query": ("QuerySet",),
    "_response": ("DirectusResponse",),
    "_retry": ("NO_RETRY", "RetryPolicy"),
}
"""Defining module → the public names it holds; the imports above, for runtime."""

_MODULE_OF: Final = {
    name: module for module, names in _EXPORTS.items() for name in names
}


if not TYPE_CHECKING:
    # Hidden from type checkers, so that a misspelt name stays an error for them.

    def __getattr__(name: str) -> object:
        """Import the public name ``name`` on first use (PEP 562).

        Raises:
            AttributeError: ``name`` is not a public name of the package.
        """
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{__name__}.{module}"), name)
        _bind_loaded()
        return value


def __dir__() -> list[str]:
    """List the public names too, including those not imported yet."""
    return sorted({*globals(), *__all__})


def _bind_loaded() -> None:
    """Bind the public names of every loaded module and show them as directus_orm.X.

    All of them, not only the name asked for: the exceptions a call raises then show
    as ``directus_orm.ForbiddenError`` in reprs and tracebacks, as httpx's do, even
    if the caller never imported them.
    """
    namespace = globals()
    for module_name, names in _EXPORTS.items():
        module = sys.modules.get(f"{__name__}.{module_name}")
        if module is None:
            continue
        for name in names:
            # A module still being imported (an import cycle, another thread) may
            # not define every name yet; a later call binds the rest.
            if name in namespace or not hasattr(module, name):
                continue
            value = getattr(module, name)
            if isinstance(value, type):
                value.__module__ = __name__
            namespace[name] = value
