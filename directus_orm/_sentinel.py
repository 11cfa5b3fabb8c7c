"""The sentinel that tells "not passed" from ``None``."""

from __future__ import annotations

import enum
from typing import Final, Literal, TypeAlias


class _Missing(enum.Enum):
    MISSING = enum.auto()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing.MISSING
"""Default of arguments where ``None`` is a meaningful value."""

Missing: TypeAlias = Literal[_Missing.MISSING]
