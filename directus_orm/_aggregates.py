"""Aggregation: ``Agg`` objects and the operators Directus knows."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence

from directus_orm._exceptions import QueryError


class AggregationOperators(enum.StrEnum):
    """Directus aggregate functions, named as in the py_directus cheat sheet."""

    Count = "count"
    CountDistinct = "countDistinct"
    CountAll = "countAll"
    Sum = "sum"
    SumDistinct = "sumDistinct"
    Average = "avg"
    AverageDistinct = "avgDistinct"
    Minimum = "min"
    Maximum = "max"


GRAPHQL_ONLY = frozenset({AggregationOperators.CountAll})
"""Operators that the REST API does not know (the server silently ignores them)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Agg:
    """One aggregate: an operator and the fields it applies to.

    ``fields=None`` means every row (``*``), which only ``Count`` accepts.

    ```python
    await directus.collection("transactions").aggregate(
        Agg(operator=AggregationOperators.Sum, fields="amount")
    ).read()
    ```
    """

    operator: AggregationOperators | str
    fields: str | Sequence[str] | None = None

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Return ``(operator, field)`` pairs, checked for the REST API.

        Raises:
            QueryError: An unknown operator, a GraphQL-only one, or no field for an
                operator that needs one.
        """
        try:
            operator = AggregationOperators(self.operator)
        except ValueError:
            known = ", ".join(op.value for op in AggregationOperators)
            raise QueryError(
                f"unknown aggregate {self.operator!r}; known: {known}"
            ) from None
        if operator in GRAPHQL_ONLY:
            raise QueryError(
                f"{operator.value} exists only in Directus's GraphQL API; over REST "
                "use Count with no field (count of all rows)"
            )
        if self.fields is None:
            fields: tuple[str, ...] = ("*",)
        elif isinstance(self.fields, str):
            fields = tuple(part.strip() for part in self.fields.split(","))
        else:
            fields = tuple(self.fields)
        if not fields or any(not field for field in fields):
            raise QueryError(f"aggregate {operator.value} needs field names")
        if "*" in fields and operator is not AggregationOperators.Count:
            raise QueryError(f"aggregate {operator.value} needs a field, not '*'")
        return tuple((operator.value, field) for field in fields)
