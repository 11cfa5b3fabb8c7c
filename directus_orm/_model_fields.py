"""What a model knows about its collection's fields, read from its annotations.

The query layer uses it to reject unknown fields and operators that the field's type
does not support before anything is sent, and to follow relational paths.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import functools
import types
import typing
import uuid
from typing import TYPE_CHECKING, Literal, Union, get_args, get_origin

from annotated_types import MaxLen

from directus_orm._exceptions import FieldError

if TYPE_CHECKING:
    from directus_orm._models import DirectusModel


@dataclasses.dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a model, as Directus sees it.

    Attributes:
        name: The Python attribute name.
        key: The Directus field name (the alias, if the model sets one).
        directus_type: The Directus type inferred from the annotation, if known.
        related: The related model for a relational field, if annotated with one.
        many: Whether the field holds a list (one-to-many, many-to-many).
        nullable: Whether the annotation admits ``None``.
        required: Whether the model requires a value (no default).
        max_length: The ``max_length`` constraint of the field, if any.
    """

    name: str
    key: str
    directus_type: str | None
    related: type[DirectusModel] | None
    many: bool
    nullable: bool = True
    required: bool = False
    max_length: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class ModelFields:
    """The fields of one model, by Directus key and by Python name."""

    model: type[DirectusModel]
    by_key: dict[str, FieldSpec]
    by_name: dict[str, FieldSpec]

    def resolve(self, name: str) -> FieldSpec:
        """Return the field called ``name`` (Directus key or Python name).

        Raises:
            FieldError: The model has no such field.
        """
        spec = self.by_key.get(name) or self.by_name.get(name)
        if spec is None:
            valid = ", ".join(sorted(self.by_key))
            raise FieldError(
                f"{self.model.__name__} has no field {name!r}; valid fields: {valid}"
            )
        return spec


@functools.cache
def model_fields(model: type[DirectusModel]) -> ModelFields:
    """Return the field table of ``model`` (cached per class)."""
    specs = []
    for name, info in model.model_fields.items():
        directus_type, related, many = _classify(info.annotation)
        key = info.alias or name
        nullable = type(None) in _union_arms(info.annotation)
        max_length = next(
            (m.max_length for m in info.metadata if isinstance(m, MaxLen)), None
        )
        specs.append(
            FieldSpec(
                name, key, directus_type, related, many,
                nullable, info.is_required(), max_length,
            )
        )  # fmt: skip
    return ModelFields(
        model=model,
        by_key={spec.key: spec for spec in specs},
        by_name={spec.name: spec for spec in specs},
    )


_SCALARS: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "float"),
    (decimal.Decimal, "decimal"),
    (str, "string"),
    (datetime.datetime, "dateTime"),
    (datetime.date, "date"),
    (datetime.time, "time"),
    (uuid.UUID, "uuid"),
)


def _classify(
    annotation: object,
) -> tuple[str | None, type[DirectusModel] | None, bool]:
    """Return (Directus type, related model, many) for an annotation."""
    arms = [arm for arm in _union_arms(annotation) if arm is not type(None)]
    related = next((arm for arm in arms if _is_directus_model(arm)), None)
    if related is not None:
        keys = [arm for arm in arms if arm is not related]
        key_type = _scalar_type(keys[0]) if len(keys) == 1 else None
        return key_type, typing.cast("type[DirectusModel]", related), False
    if len(arms) == 1 and get_origin(arms[0]) in (list, tuple, set, frozenset):
        (inner,) = get_args(arms[0])[:1] or (object,)
        inner_arms = [arm for arm in _union_arms(inner) if arm is not type(None)]
        inner_related = next((a for a in inner_arms if _is_directus_model(a)), None)
        if inner_related is not None:
            return "alias", typing.cast("type[DirectusModel]", inner_related), True
        return ("csv" if inner_arms == [str] else None), None, True
    if len(arms) == 1:
        return _scalar_type(arms[0]), None, False
    kinds = {_scalar_type(arm) for arm in arms}
    return (kinds.pop() if len(kinds) == 1 else None), None, False


def _scalar_type(annotation: object) -> str | None:
    origin = get_origin(annotation)
    if origin is Literal:
        kinds = {_scalar_type(type(value)) for value in get_args(annotation)}
        return kinds.pop() if len(kinds) == 1 else None
    if origin is dict or annotation is dict:
        return "json"
    if isinstance(annotation, type):
        if issubclass(annotation, enum.Enum):
            for base, _ in _SCALARS:
                if issubclass(annotation, base):
                    return _scalar_type(base)
            return None
        for base, name in _SCALARS:
            if issubclass(annotation, base):
                return name
    return None


def _union_arms(annotation: object) -> list[object]:
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        arms: list[object] = []
        for arm in get_args(annotation):
            arms.extend(_union_arms(arm))
        return arms
    if origin is typing.Annotated:
        return _union_arms(get_args(annotation)[0])
    return [annotation]


def _is_directus_model(annotation: object) -> bool:
    from directus_orm._models import DirectusModel

    return isinstance(annotation, type) and issubclass(annotation, DirectusModel)
