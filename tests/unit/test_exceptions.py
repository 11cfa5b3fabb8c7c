from __future__ import annotations

import inspect
import json
from typing import Any

import httpx
import pytest

import directus_orm
from directus_orm import _exceptions
from directus_orm._exceptions import (
    ERROR_CODES,
    APIError,
    AuthenticationError,
    ContainsNullValuesError,
    ContentTooLargeError,
    DirectusError,
    DoesNotExist,
    ErrorCode,
    FailedValidationError,
    ForbiddenError,
    GraphQLValidationError,
    InternalServerError,
    InvalidCredentialsError,
    InvalidForeignKeyError,
    InvalidPayloadError,
    InvalidQueryError,
    InvalidTokenError,
    MethodNotAllowedError,
    MultipleObjectsReturned,
    NotNullViolationError,
    RateLimitedError,
    RecordNotUniqueError,
    RequestHeaderTooLargeError,
    RequestTimeoutError,
    ResourceRestrictedError,
    RouteNotFoundError,
    ServiceUnavailableError,
    TokenExpiredError,
    TransportError,
    UnexpectedResponseError,
    UnsupportedMediaTypeError,
    UsageError,
    ValueOutOfRangeError,
    ValueTooLongError,
    error_class,
    raise_for_response,
)

EXPECTED_CLASSES: dict[str, type[APIError]] = {
    "FORBIDDEN": ForbiddenError,
    "INVALID_CREDENTIALS": InvalidCredentialsError,
    "INVALID_TOKEN": InvalidTokenError,
    "TOKEN_EXPIRED": TokenExpiredError,
    "INVALID_QUERY": InvalidQueryError,
    "INVALID_PAYLOAD": InvalidPayloadError,
    "FAILED_VALIDATION": FailedValidationError,
    "RECORD_NOT_UNIQUE": RecordNotUniqueError,
    "INVALID_FOREIGN_KEY": InvalidForeignKeyError,
    "VALUE_TOO_LONG": ValueTooLongError,
    "VALUE_OUT_OF_RANGE": ValueOutOfRangeError,
    "NOT_NULL_VIOLATION": NotNullViolationError,
    "CONTAINS_NULL_VALUES": ContainsNullValuesError,
    "ROUTE_NOT_FOUND": RouteNotFoundError,
    "METHOD_NOT_ALLOWED": MethodNotAllowedError,
    "CONTENT_TOO_LARGE": ContentTooLargeError,
    "UNSUPPORTED_MEDIA_TYPE": UnsupportedMediaTypeError,
    "RESOURCE_RESTRICTED": ResourceRestrictedError,
    "GRAPHQL_VALIDATION": GraphQLValidationError,
    "REQUESTS_EXCEEDED": RateLimitedError,
    "INTERNAL_SERVER_ERROR": InternalServerError,
    "SERVICE_UNAVAILABLE": ServiceUnavailableError,
}

JSON_TYPE = {"content-type": "application/json; charset=utf-8"}


def response(
    status: int,
    body: bytes | dict[str, Any] = b"",
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    content = json.dumps(body).encode() if isinstance(body, dict) else body
    all_headers = {**(JSON_TYPE if isinstance(body, dict) else {}), **(headers or {})}
    return httpx.Response(
        status,
        content=content,
        headers=all_headers,
        request=httpx.Request("GET", "http://directus.test/items/articles"),
    )


def raised(resp: httpx.Response) -> APIError:
    with pytest.raises(APIError) as caught:
        raise_for_response(resp)
    return caught.value


# -- every code has a class ------------------------------------------------------------


@pytest.mark.parametrize("code", list(ErrorCode), ids=str)
def test_every_error_code_maps_to_its_class(code: ErrorCode) -> None:
    assert code.value in EXPECTED_CLASSES, f"the test table lacks {code}"
    assert ERROR_CODES.get(code) is EXPECTED_CLASSES[code.value]
    assert error_class(code.value, 400) is EXPECTED_CLASSES[code.value]


@pytest.mark.parametrize("code", list(ErrorCode), ids=str)
def test_every_error_code_is_raised_as_its_class(code: ErrorCode) -> None:
    body = {"errors": [{"message": "m", "extensions": {"code": code.value}}]}
    exc = raised(response(400, body))
    assert type(exc) is EXPECTED_CLASSES[code.value]
    assert exc.code == code.value


def test_code_table_and_enum_agree() -> None:
    assert set(ERROR_CODES) == set(ErrorCode)
    assert set(EXPECTED_CLASSES) == {code.value for code in ErrorCode}


# -- real payloads captured from Directus 12.3.1 (BEHAVIOUR.md) ------------------------

CAPTURED = [
    pytest.param(
        403,
        {
            "errors": [
                {
                    "message": "You don't have permission to access collection "
                    '"nope_collection" or it does not exist. Queried in root.',
                    "extensions": {
                        "reason": "You don't have permission to access collection "
                        '"nope_collection" or it does not exist. Queried in root.',
                        "code": "FORBIDDEN",
                    },
                }
            ]
        },
        ForbiddenError,
        id="FORBIDDEN",
    ),
    pytest.param(
        400,
        {
            "errors": [
                {
                    "message": "GraphQL validation error.",
                    "extensions": {
                        "errors": [
                            {
                                "message": 'Cannot query field "bogus" on type '
                                '"directus_fields".',
                                "locations": [{"line": 1, "column": 75}],
                            }
                        ],
                        "code": "GRAPHQL_VALIDATION",
                    },
                }
            ]
        },
        GraphQLValidationError,
        id="GRAPHQL_VALIDATION",
    ),
    pytest.param(
        500,
        {
            "errors": [
                {
                    "message": "delete from `atom_items` where `id` in (2, 3, 4, 5, 6)"
                    " - SQLITE_CONSTRAINT: FOREIGN KEY constraint failed",
                    "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                }
            ]
        },
        InternalServerError,
        id="INTERNAL_SERVER_ERROR",
    ),
    pytest.param(
        401,
        {
            "errors": [
                {
                    "message": "Invalid user credentials.",
                    "extensions": {"code": "INVALID_CREDENTIALS"},
                }
            ]
        },
        InvalidCredentialsError,
        id="INVALID_CREDENTIALS",
    ),
    pytest.param(
        400,
        {
            "errors": [
                {
                    "message": "Invalid foreign key.",
                    "extensions": {
                        "collection": None,
                        "field": None,
                        "value": None,
                        "code": "INVALID_FOREIGN_KEY",
                    },
                }
            ]
        },
        InvalidForeignKeyError,
        id="INVALID_FOREIGN_KEY",
    ),
    pytest.param(
        400,
        {
            "errors": [
                {
                    "message": 'Invalid payload. "collection" can\'t contain "/".',
                    "extensions": {
                        "reason": '"collection" can\'t contain "/"',
                        "code": "INVALID_PAYLOAD",
                    },
                }
            ]
        },
        InvalidPayloadError,
        id="INVALID_PAYLOAD",
    ),
    pytest.param(
        400,
        {
            "errors": [
                {
                    "message": 'Invalid query. "string" field type does not contain '
                    'the "_foo" filter operator.',
                    "extensions": {
                        "reason": '"string" field type does not contain the "_foo" '
                        "filter operator",
                        "code": "INVALID_QUERY",
                    },
                }
            ]
        },
        InvalidQueryError,
        id="INVALID_QUERY",
    ),
    pytest.param(
        403,
        {
            "errors": [
                {
                    "message": "Invalid token.",
                    "extensions": {"code": "INVALID_TOKEN"},
                }
            ]
        },
        InvalidTokenError,
        id="INVALID_TOKEN",
    ),
    pytest.param(
        400,
        {
            "errors": [
                {
                    "message": 'Value "ada@example.com" for field "email" in '
                    'collection "authors" has to be unique.',
                    "extensions": {
                        "collection": "authors",
                        "field": "email",
                        "value": "ada@example.com",
                        "code": "RECORD_NOT_UNIQUE",
                    },
                }
            ]
        },
        RecordNotUniqueError,
        id="RECORD_NOT_UNIQUE",
    ),
    pytest.param(
        429,
        {
            "errors": [
                {
                    "message": "Too many requests, retry after 927ms.",
                    "extensions": {
                        "limit": 5,
                        "reset": "2026-11-21T05:25:46.193Z",
                        "code": "REQUESTS_EXCEEDED",
                    },
                }
            ]
        },
        RateLimitedError,
        id="REQUESTS_EXCEEDED",
    ),
    pytest.param(
        403,
        {
            "errors": [
                {
                    "message": "custom_permission_rules_enabled is a restricted "
                    "resource.",
                    "extensions": {
                        "category": "custom_permission_rules_enabled",
                        "code": "RESOURCE_RESTRICTED",
                    },
                }
            ]
        },
        ResourceRestrictedError,
        id="RESOURCE_RESTRICTED",
    ),
    pytest.param(
        404,
        {
            "errors": [
                {
                    "message": "Route /nope doesn't exist.",
                    "extensions": {"path": "/nope", "code": "ROUTE_NOT_FOUND"},
                }
            ]
        },
        RouteNotFoundError,
        id="ROUTE_NOT_FOUND",
    ),
    pytest.param(
        401,
        {
            "errors": [
                {
                    "message": "Token expired.",
                    "extensions": {"code": "TOKEN_EXPIRED"},
                }
            ]
        },
        TokenExpiredError,
        id="TOKEN_EXPIRED",
    ),
]


@pytest.mark.parametrize(("status", "body", "expected"), CAPTURED)
def test_captured_error_maps_to_its_class(
    status: int, body: dict[str, Any], expected: type[APIError]
) -> None:
    resp = response(status, body)
    exc = raised(resp)
    (error,) = body["errors"]
    assert type(exc) is expected
    assert exc.status_code == status
    assert exc.code == error["extensions"]["code"]
    assert exc.message.startswith(error["message"])
    for nested in error["extensions"].get("errors", []):
        assert nested["message"] in exc.message  # GraphQL validation details
    assert exc.extensions == error["extensions"]
    assert exc.response is resp


@pytest.mark.parametrize(("status", "body", "expected"), CAPTURED)
def test_str_shows_message_and_code(
    status: int, body: dict[str, Any], expected: type[APIError]
) -> None:
    exc = raised(response(status, body))
    (error,) = body["errors"]
    assert error["message"] in str(exc)
    assert error["extensions"]["code"] in str(exc)
    assert expected.__name__ in repr(exc)


def test_invalid_token_is_an_authentication_error_though_sent_as_403() -> None:
    body = {
        "errors": [
            {"message": "Invalid token.", "extensions": {"code": "INVALID_TOKEN"}}
        ]
    }
    exc = raised(response(403, body))
    assert isinstance(exc, AuthenticationError)
    assert not isinstance(exc, ForbiddenError)


def test_record_not_unique_is_not_mapped_by_its_400_status() -> None:
    body = {
        "errors": [
            {
                "message": 'Value "1" for field "id" in collection "articles" has to '
                "be unique.",
                "extensions": {
                    "collection": "articles",
                    "field": "id",
                    "value": 1,
                    "code": "RECORD_NOT_UNIQUE",
                },
            }
        ]
    }
    exc = raised(response(400, body))
    assert type(exc) is RecordNotUniqueError
    assert exc.extensions["field"] == "id"
    plain = raised(response(400, {"errors": [{"message": "bad"}]}))
    assert type(plain) is APIError


def test_code_wins_over_status() -> None:
    body = {"errors": [{"message": "m", "extensions": {"code": "INVALID_PAYLOAD"}}]}
    assert type(raised(response(500, body))) is InvalidPayloadError
    body = {"errors": [{"message": "m", "extensions": {"code": "FORBIDDEN"}}]}
    assert type(raised(response(404, body))) is ForbiddenError


def test_unknown_code_falls_back_to_the_status_and_keeps_the_code() -> None:
    body = {"errors": [{"message": "m", "extensions": {"code": "BRAND_NEW"}}]}
    exc = raised(response(403, body))
    assert type(exc) is ForbiddenError
    assert exc.code == "BRAND_NEW"
    assert type(raised(response(400, body))) is APIError


# -- answers without a Directus body ---------------------------------------------------

BODILESS = [
    pytest.param(431, b"", {}, RequestHeaderTooLargeError, id="431-empty"),
    pytest.param(
        502,
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        {"content-type": "text/html"},
        ServiceUnavailableError,
        id="502-html",
    ),
    pytest.param(
        503,
        b"<html>Service Unavailable</html>",
        {"content-type": "text/html"},
        ServiceUnavailableError,
        id="503-html",
    ),
    pytest.param(504, b"", {}, ServiceUnavailableError, id="504-empty"),
    pytest.param(
        418,
        b"<html><body>I'm a teapot</body></html>",
        {"content-type": "text/html"},
        UnexpectedResponseError,
        id="418-html",
    ),
    pytest.param(
        400,
        b"<html>Bad Request</html>",
        {"content-type": "text/html"},
        UnexpectedResponseError,
        id="400-html",
    ),
    pytest.param(401, b"", {}, AuthenticationError, id="401-empty"),
    pytest.param(403, b"", {}, ForbiddenError, id="403-empty"),
    pytest.param(404, b"Not Found", {}, RouteNotFoundError, id="404-text"),
    pytest.param(413, b"", {}, ContentTooLargeError, id="413"),
    pytest.param(500, b"oops", {}, InternalServerError, id="500-text"),
]


@pytest.mark.parametrize(("status", "body", "headers", "expected"), BODILESS)
def test_answers_without_a_directus_body(
    status: int, body: bytes, headers: dict[str, str], expected: type[APIError]
) -> None:
    exc = raised(response(status, body, headers))
    assert type(exc) is expected
    assert exc.status_code == status
    assert exc.code is None
    assert str(status) in str(exc)


@pytest.mark.parametrize("status", [200, 201, 204, 304])
def test_success_does_not_raise(status: int) -> None:
    raise_for_response(response(status, {"data": None}))


# -- rate limiting ---------------------------------------------------------------------

RATE_LIMITED = {
    "errors": [
        {
            "message": "Too many requests, retry after 927ms.",
            "extensions": {"limit": 5, "code": "REQUESTS_EXCEEDED"},
        }
    ]
}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param({"retry-after": "1"}, 1.0, id="seconds"),
        pytest.param({"Retry-After": "2.5"}, 2.5, id="fraction"),
        pytest.param({}, None, id="absent"),
        pytest.param({"retry-after": "soon"}, None, id="garbage"),
    ],
)
def test_retry_after_comes_from_the_header(
    header: dict[str, str], expected: float | None
) -> None:
    exc = raised(response(429, RATE_LIMITED, header))
    assert isinstance(exc, RateLimitedError)
    assert exc.retry_after == expected


def test_retry_after_without_a_response_is_none() -> None:
    assert RateLimitedError("m", status_code=429).retry_after is None


# -- hierarchy -------------------------------------------------------------------------


def test_timeout_is_a_builtin_timeout_and_a_transport_error() -> None:
    assert issubclass(RequestTimeoutError, TimeoutError)
    assert issubclass(RequestTimeoutError, TransportError)
    assert issubclass(RequestTimeoutError, DirectusError)
    assert not issubclass(TransportError, APIError)


def test_lookup_errors() -> None:
    assert issubclass(DoesNotExist, LookupError)
    assert issubclass(MultipleObjectsReturned, LookupError)
    assert not issubclass(DoesNotExist, APIError)


def test_authentication_errors() -> None:
    for cls in (InvalidCredentialsError, InvalidTokenError, TokenExpiredError):
        assert issubclass(cls, AuthenticationError)
    assert issubclass(AuthenticationError, APIError)


def _exception_classes() -> list[type[BaseException]]:
    found = {
        obj
        for obj in vars(_exceptions).values()
        if inspect.isclass(obj) and issubclass(obj, BaseException)
    }
    found |= {
        obj
        for name in directus_orm.__all__
        if inspect.isclass(obj := getattr(directus_orm, name))
        and issubclass(obj, BaseException)
    }
    return sorted(found, key=lambda cls: cls.__name__)


@pytest.mark.parametrize("cls", _exception_classes(), ids=lambda cls: cls.__name__)
def test_public_exception_has_a_docstring_and_the_common_root(
    cls: type[BaseException],
) -> None:
    assert issubclass(cls, DirectusError)
    # A class without a docstring has __doc__ None: it is not inherited.
    assert cls.__doc__ is not None
    assert cls.__doc__.strip()


@pytest.mark.parametrize("cls", _exception_classes(), ids=lambda cls: cls.__name__)
def test_every_exception_class_is_exported(cls: type[BaseException]) -> None:
    assert getattr(directus_orm, cls.__name__, None) is cls


def test_usage_errors() -> None:
    for name in (
        "ConfigurationError",
        "FieldError",
        "QueryError",
        "ModelNotBoundError",
    ):
        assert issubclass(getattr(directus_orm, name), UsageError)
