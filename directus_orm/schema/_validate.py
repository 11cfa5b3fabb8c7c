"""Check item data against the live ``/fields`` before it is sent.

SQLite-backed Directus stores 101 characters in a varchar(100) and "abc" in an
integer column, and JSON loses integers beyond 2**53: values like these are refused
here, with every offending field named, and nothing is sent.
"""

from __future__ import annotations

import datetime
import math
import re
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

from directus_orm._exceptions import InvalidDataError
from directus_orm._types import MAX_SAFE_INTEGER

if TYPE_CHECKING:
    from collections.abc import Sequence

    from directus_orm.schema._objects import FieldInfo


_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


class ItemValidator:
    """Validates item dicts for one collection, from its field list."""

    def __init__(self, collection: str, fields: Sequence[FieldInfo]) -> None:
        self.collection = collection
        self._fields = {f.field: f for f in fields}

    def check(self, item: Mapping[str, object], *, partial: bool) -> None:
        """Raise ``InvalidDataError`` listing every field that would be mangled.

        Args:
            item: The field values to write.
            partial: An update (missing required fields are fine) or a create.
        """
        problems: list[str] = []
        for key, value in item.items():
            field = self._fields.get(key)
            if field is None:
                problems.append(f"{key}: no such field (the server would drop it)")
                continue
            problem = _problem(field, value)
            if problem:
                problems.append(f"{key}: {problem}")
        if not partial:
            for key, field in self._fields.items():
                if key in item or field.schema_ is None:
                    continue
                required = field.meta is not None and field.meta.required
                if required and field.schema_.default_value is None:
                    problems.append(f"{key}: required")
        if problems:
            raise InvalidDataError(self.collection, problems)


def _problem(field: FieldInfo, value: object) -> str | None:
    schema = field.schema_
    if value is None:
        if schema is not None and not schema.is_nullable and not schema.is_primary_key:
            return "cannot be null"
        return None
    check = _CHECKS.get(field.type)
    return check(field, value) if check else None


def _string(field: FieldInfo, value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected a string, got {type(value).__name__}"
    limit = field.schema_.max_length if field.schema_ else None
    if limit and len(value) > limit:
        return f"{len(value)} characters, at most {limit} allowed"
    return None


def _integer(field: FieldInfo, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"expected an integer, got {type(value).__name__}"
    if abs(value) > MAX_SAFE_INTEGER:
        return f"{value} is beyond 2**53 and would be rounded by the server's JSON"
    return None


def _number(field: FieldInfo, value: object) -> str | None:
    if isinstance(value, str) and _is_number(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, got {value!r}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a JSON number"
    return None


def _boolean(field: FieldInfo, value: object) -> str | None:
    if not isinstance(value, bool):
        return f"expected true or false, got {type(value).__name__}"
    return None


def _parsed_by(parse: Callable[[str], object], what: str) -> Check:
    def check(field: FieldInfo, value: object) -> str | None:
        if not isinstance(value, str) or not _parses(parse, value):
            return f"expected {what}, got {value!r}"
        return None

    return check


def _time(text: str) -> object:
    if not _TIME.match(text):
        raise ValueError(text)
    return text


def _csv(field: FieldInfo, value: object) -> str | None:
    if isinstance(value, str):
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return "expected a list of strings"
    return None


Check = Callable[["FieldInfo", object], "str | None"]

_CHECKS: Final[dict[str, Check]] = {
    "string": _string,
    "text": _string,
    "hash": _string,
    "integer": _integer,
    "bigInteger": _integer,
    "float": _number,
    "decimal": _number,
    "boolean": _boolean,
    "uuid": _parsed_by(uuid.UUID, "a UUID"),
    "date": _parsed_by(datetime.date.fromisoformat, "a date (YYYY-MM-DD)"),
    "dateTime": _parsed_by(datetime.datetime.fromisoformat, "a date and time"),
    "timestamp": _parsed_by(datetime.datetime.fromisoformat, "a date and time"),
    "time": _parsed_by(_time, "a time (HH:MM:SS)"),
    "csv": _csv,
}
"""Directus type → check of one non-null value (types not listed take anything)."""


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _parses(parse: Callable[[str], object], value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True
