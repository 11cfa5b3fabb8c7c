"""``F``: filter conditions that combine with ``&``, ``|`` and ``~``."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

    from directus_orm._types import JSONObject

Connector = Literal["_and", "_or"]

AND: Final[Connector] = "_and"
OR: Final[Connector] = "_or"


class F:
    """A filter condition, immutable, combinable like Django's ``Q``.

    Keywords are lookups (``price__gte=10``, ``author__name__icontains="an"``); several
    keywords in one ``F`` are combined with AND. A raw Directus filter dict may be
    passed positionally; it is sent as written, without the checks keywords get.
    ``&`` and ``|`` build a new parent node, ``~`` a negated copy.
    An empty ``F()`` is the identity of both ``&`` and ``|``.

    ```python
    cheap_or_out = F(price__lt=10) | F(stock=0)
    await Product.objects.filter(cheap_or_out & ~F(name__starts_with="old")).all()
    ```

    Rows where a field is NULL match neither ``F(x=v)`` nor ``~F(x=v)``: the server
    compares with SQL's three-valued logic.
    """

    __slots__ = ("children", "connector", "lookups", "negated", "raw")

    children: tuple[F, ...]
    connector: Connector
    lookups: tuple[tuple[str, object], ...]
    negated: bool
    raw: JSONObject | None

    def __init__(
        self, raw: Mapping[str, object] | None = None, /, **lookups: object
    ) -> None:
        if raw is not None and not isinstance(raw, dict):
            raise TypeError(f"F() takes a filter dict, not {type(raw).__name__}")
        object.__setattr__(self, "children", ())
        object.__setattr__(self, "connector", AND)
        # Copies, so that changing a list after filter() cannot change the query.
        object.__setattr__(
            self, "lookups", tuple((k, _frozen(v)) for k, v in lookups.items())
        )
        object.__setattr__(self, "negated", False)
        object.__setattr__(self, "raw", copy.deepcopy(dict(raw)) if raw else None)

    @classmethod
    def _node(
        cls, connector: Connector, children: tuple[F, ...], negated: bool = False
    ) -> F:
        node = cls()
        object.__setattr__(node, "children", children)
        object.__setattr__(node, "connector", connector)
        object.__setattr__(node, "negated", negated)
        return node

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("F objects are immutable")

    @property
    def is_empty(self) -> bool:
        """Whether this F selects everything (no condition at all)."""
        return not (self.children or self.lookups or self.raw)

    def _combine(self, other: object, connector: Connector) -> F:
        if not isinstance(other, F):
            raise TypeError(
                f"cannot combine F with {type(other).__name__}; wrap it in F(...)"
            )
        if other.is_empty:
            return self
        if self.is_empty:
            return other
        return F._node(connector, (self, other))

    def __and__(self, other: object) -> F:
        return self._combine(other, AND)

    def __or__(self, other: object) -> F:
        return self._combine(other, OR)

    def __rand__(self, other: object) -> F:
        raise TypeError(f"cannot combine {type(other).__name__} with F")

    __ror__ = __rand__

    def __invert__(self) -> F:
        if self.is_empty:
            return self
        return F._node(AND, (self,), negated=True)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, F):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(repr(self._key()))

    def _key(self) -> tuple[object, ...]:
        return (self.connector, self.negated, self.lookups, self.raw, self.children)

    def __repr__(self) -> str:
        if self.children:
            joiner = " & " if self.connector == AND else " | "
            body = joiner.join(repr(child) for child in self.children)
            return f"~({body})" if self.negated else f"({body})"
        parts = [repr(self.raw)] if self.raw else []
        parts += [f"{key}={value!r}" for key, value in self.lookups]
        return f"F({', '.join(parts)})"


def _frozen(value: object) -> object:
    if isinstance(value, list | set | frozenset | dict):
        return copy.deepcopy(value)
    return value
