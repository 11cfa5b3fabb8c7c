from __future__ import annotations

import datetime
import decimal
import uuid
from pathlib import Path
from typing import Any

import pytest

from directus_orm import (
    DirectusConfig,
    DirectusModel,
    F,
    FieldError,
    QueryError,
    QuerySet,
    UsageError,
)
from directus_orm._filters import compile_filter, negate
from directus_orm._lookups import (
    COMPARISON_OPERATORS,
    INVERSE,
    LOOKUPS,
    PATTERN_OPERATORS,
    RELATIONAL_OPERATORS,
    allowed_for,
)
from directus_orm._model_fields import model_fields
from tests.unit.models import Article, Author, Product

GEO = {"type": "Point", "coordinates": [1.5, 2.5]}
OPERATORS_BY_TYPE_MD = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "reference"
    / "directus-12.3.1"
    / "operators-by-type.md"
)


class AllTypes(DirectusModel):
    """One field per Directus type that an annotation can express."""

    model_config = DirectusConfig(collection="all_types")

    id: int | None = None
    f_string: str | None = None
    f_integer: int | None = None
    f_float: float | None = None
    f_decimal: decimal.Decimal | None = None
    f_boolean: bool | None = None
    f_uuid: uuid.UUID | None = None
    f_date: datetime.date | None = None
    f_time: datetime.time | None = None
    f_datetime: datetime.datetime | None = None
    f_csv: list[str] | None = None
    f_json: dict[str, Any] | None = None


def compiled(condition: F, model: type[DirectusModel] | None = None) -> object:
    return compile_filter(condition, model_fields(model) if model else None)


# -- lookups → filter objects ----------------------------------------------------------

LOOKUP_CASES = [
    pytest.param(F(name="x"), {"name": {"_eq": "x"}}, id="bare-keyword-is-eq"),
    pytest.param(F(price__gte=10), {"price": {"_gte": 10}}, id="price__gte"),
    pytest.param(F(x__eq=1), {"x": {"_eq": 1}}, id="eq"),
    pytest.param(F(x__neq=1), {"x": {"_neq": 1}}, id="neq"),
    pytest.param(F(x__lt=1), {"x": {"_lt": 1}}, id="lt"),
    pytest.param(F(x__lte=1), {"x": {"_lte": 1}}, id="lte"),
    pytest.param(F(x__gt=1), {"x": {"_gt": 1}}, id="gt"),
    pytest.param(F(x__gte=1), {"x": {"_gte": 1}}, id="gte"),
    pytest.param(F(x__in=[1, 2]), {"x": {"_in": [1, 2]}}, id="in"),
    pytest.param(F(x__nin=[1, 2]), {"x": {"_nin": [1, 2]}}, id="nin"),
    pytest.param(F(x__null=True), {"x": {"_null": True}}, id="null"),
    pytest.param(F(x__nnull=True), {"x": {"_nnull": True}}, id="nnull"),
    pytest.param(F(x__contains="a"), {"x": {"_contains": "a"}}, id="contains"),
    pytest.param(F(x__ncontains="a"), {"x": {"_ncontains": "a"}}, id="ncontains"),
    pytest.param(F(x__icontains="a"), {"x": {"_icontains": "a"}}, id="icontains"),
    pytest.param(F(x__starts_with="a"), {"x": {"_starts_with": "a"}}, id="starts_with"),
    pytest.param(
        F(x__nstarts_with="a"), {"x": {"_nstarts_with": "a"}}, id="nstarts_with"
    ),
    pytest.param(
        F(x__istarts_with="a"), {"x": {"_istarts_with": "a"}}, id="istarts_with"
    ),
    pytest.param(
        F(x__nistarts_with="a"), {"x": {"_nistarts_with": "a"}}, id="nistarts_with"
    ),
    pytest.param(F(x__ends_with="a"), {"x": {"_ends_with": "a"}}, id="ends_with"),
    pytest.param(F(x__nends_with="a"), {"x": {"_nends_with": "a"}}, id="nends_with"),
    pytest.param(F(x__iends_with="a"), {"x": {"_iends_with": "a"}}, id="iends_with"),
    pytest.param(F(x__niends_with="a"), {"x": {"_niends_with": "a"}}, id="niends_with"),
    pytest.param(F(x__between=[1, 9]), {"x": {"_between": [1, 9]}}, id="between"),
    pytest.param(F(x__nbetween=[1, 9]), {"x": {"_nbetween": [1, 9]}}, id="nbetween"),
    pytest.param(F(x__empty=True), {"x": {"_empty": True}}, id="empty"),
    pytest.param(F(x__nempty=True), {"x": {"_nempty": True}}, id="nempty"),
    pytest.param(F(x__intersects=GEO), {"x": {"_intersects": GEO}}, id="intersects"),
    pytest.param(F(x__nintersects=GEO), {"x": {"_nintersects": GEO}}, id="nintersects"),
    pytest.param(
        F(x__intersects_bbox=GEO),
        {"x": {"_intersects_bbox": GEO}},
        id="intersects_bbox",
    ),
    pytest.param(
        F(x__nintersects_bbox=GEO),
        {"x": {"_nintersects_bbox": GEO}},
        id="nintersects_bbox",
    ),
    pytest.param(
        F(tags__some=F(name="x")),
        {"tags": {"_some": {"name": {"_eq": "x"}}}},
        id="some",
    ),
    pytest.param(
        F(tags__none=F(name="x")),
        {"tags": {"_none": {"name": {"_eq": "x"}}}},
        id="none",
    ),
    pytest.param(
        F(tags__some__name="x"),
        {"tags": {"_some": {"name": {"_eq": "x"}}}},
        id="some-as-path",
    ),
    pytest.param(
        F(tags__some={"name": {"_eq": "x"}}),
        {"tags": {"_some": {"name": {"_eq": "x"}}}},
        id="some-with-raw-dict",
    ),
    pytest.param(
        F(author__name__icontains="an"),
        {"author": {"name": {"_icontains": "an"}}},
        id="relational-path",
    ),
    pytest.param(F(x=None), {"x": {"_null": True}}, id="none-value-is-null"),
    pytest.param(F(x__neq=None), {"x": {"_nnull": True}}, id="neq-none-is-nnull"),
    pytest.param(F(x__in=(1, 2)), {"x": {"_in": [1, 2]}}, id="in-tuple"),
    pytest.param(F(x__in=range(3)), {"x": {"_in": [0, 1, 2]}}, id="in-range"),
    pytest.param(F(x__between=(1, 9)), {"x": {"_between": [1, 9]}}, id="between-tuple"),
    pytest.param(
        F(x__gte=datetime.date(2024, 2, 29)),
        {"x": {"_gte": "2024-02-29"}},
        id="date-as-iso",
    ),
    pytest.param(
        F(x=decimal.Decimal("12.34")), {"x": {"_eq": "12.34"}}, id="decimal-as-str"
    ),
    pytest.param(
        F(x=uuid.UUID(int=1)),
        {"x": {"_eq": "00000000-0000-0000-0000-000000000001"}},
        id="uuid-as-str",
    ),
    pytest.param(
        F(a=1, b=2),
        {"_and": [{"a": {"_eq": 1}}, {"b": {"_eq": 2}}]},
        id="several-keywords-are-anded",
    ),
    pytest.param(F({"a": {"_eq": 1}}), {"a": {"_eq": 1}}, id="raw-dict-passes-through"),
    pytest.param(
        F({"a": {"_eq": 1}}, b=2),
        {"_and": [{"a": {"_eq": 1}}, {"b": {"_eq": 2}}]},
        id="raw-dict-and-keywords",
    ),
]


@pytest.mark.parametrize(("condition", "expected"), LOOKUP_CASES)
def test_lookup_compiles_to_directus_filter(condition: F, expected: object) -> None:
    assert compiled(condition) == expected


def test_lookup_table_covers_every_lookup() -> None:
    covered = {case.id for case in LOOKUP_CASES}
    assert covered >= LOOKUPS, f"no case for {sorted(LOOKUPS - covered)}"


def test_lookups_are_exactly_the_operators_without_underscore() -> None:
    assert {f"_{lookup}" for lookup in LOOKUPS} == (
        COMPARISON_OPERATORS | RELATIONAL_OPERATORS
    )


# -- combination -----------------------------------------------------------------------

COMBINATION_CASES = [
    pytest.param(
        F(a=1) & F(b=2),
        {"_and": [{"a": {"_eq": 1}}, {"b": {"_eq": 2}}]},
        id="and",
    ),
    pytest.param(
        F(a=1) | F(b=2),
        {"_or": [{"a": {"_eq": 1}}, {"b": {"_eq": 2}}]},
        id="or",
    ),
    pytest.param(
        F(a=1) & F(b=2) & F(c=3),
        {"_and": [{"a": {"_eq": 1}}, {"b": {"_eq": 2}}, {"c": {"_eq": 3}}]},
        id="and-chain-flattens",
    ),
    pytest.param(
        F(a=1) & (F(b=2) & F(c=3)),
        {"_and": [{"a": {"_eq": 1}}, {"b": {"_eq": 2}}, {"c": {"_eq": 3}}]},
        id="and-right-nesting-flattens",
    ),
    pytest.param(
        (F(a=1) | F(b=2)) | (F(c=3) | F(d=4)),
        {
            "_or": [
                {"a": {"_eq": 1}},
                {"b": {"_eq": 2}},
                {"c": {"_eq": 3}},
                {"d": {"_eq": 4}},
            ]
        },
        id="or-of-ors-flattens",
    ),
    pytest.param(
        (F(a=1) & F(b=2)) | F(c=3),
        {
            "_or": [
                {"_and": [{"a": {"_eq": 1}}, {"b": {"_eq": 2}}]},
                {"c": {"_eq": 3}},
            ]
        },
        id="and-inside-or-is-kept",
    ),
    pytest.param(
        F(a=1) & (F(b=2) | F(c=3)),
        {
            "_and": [
                {"a": {"_eq": 1}},
                {"_or": [{"b": {"_eq": 2}}, {"c": {"_eq": 3}}]},
            ]
        },
        id="or-inside-and-is-kept",
    ),
    pytest.param(
        (F(first_name="John") | F(first_name="Jane")) & F(last_name="Doe"),
        {
            "_and": [
                {
                    "_or": [
                        {"first_name": {"_eq": "John"}},
                        {"first_name": {"_eq": "Jane"}},
                    ]
                },
                {"last_name": {"_eq": "Doe"}},
            ]
        },
        id="cheat-sheet-example",
    ),
    pytest.param(F() & F(a=1), {"a": {"_eq": 1}}, id="empty-and-x"),
    pytest.param(F(a=1) | F(), {"a": {"_eq": 1}}, id="x-or-empty"),
    pytest.param(F() & F(), {}, id="empty-and-empty"),
    pytest.param(F(), {}, id="empty"),
    pytest.param(~F(), {}, id="negated-empty"),
]


@pytest.mark.parametrize(("condition", "expected"), COMBINATION_CASES)
def test_combination_compiles(condition: F, expected: object) -> None:
    assert compiled(condition) == expected


@pytest.mark.parametrize(
    "combine",
    [
        pytest.param(lambda a, b: a & b, id="and"),
        pytest.param(lambda a, b: a | b, id="or"),
    ],
)
def test_empty_f_is_the_identity(combine: Any) -> None:
    x = F(a=1)
    assert combine(F(), x) is x
    assert combine(x, F()) is x
    assert combine(F(), F()).is_empty


def test_negating_empty_f_selects_everything() -> None:
    assert (~F()).is_empty
    assert QuerySet.for_collection("products").filter(~F()).params() == {}


def test_combining_leaves_operands_unchanged() -> None:
    a, b = F(a=1), F(b=2)
    _ = a & b
    _ = a | b
    _ = ~a
    assert compiled(a) == {"a": {"_eq": 1}}
    assert compiled(b) == {"b": {"_eq": 2}}


def test_f_is_immutable() -> None:
    condition = F(a=1)
    with pytest.raises(AttributeError):
        condition.negated = True
    with pytest.raises(AttributeError):
        condition.anything = 1


def test_f_equality_follows_structure() -> None:
    assert F(a=1) == F(a=1)
    assert hash(F(a=1) & F(b=2)) == hash(F(a=1) & F(b=2))
    assert F(a=1) != F(a=2)
    assert F(a=1) & F(b=2) != F(a=1) | F(b=2)
    assert ~F(a=1) != F(a=1)


NOT_F = [
    pytest.param({"a": {"_eq": 1}}, id="dict"),
    pytest.param(1, id="int"),
    pytest.param(True, id="bool"),
    pytest.param(None, id="none"),
    pytest.param("a", id="str"),
]


@pytest.mark.parametrize("other", NOT_F)
def test_non_f_operand_raises_type_error_on_either_side(other: Any) -> None:
    with pytest.raises(TypeError):
        F(a=1) & other
    with pytest.raises(TypeError):
        F(a=1) | other
    with pytest.raises(TypeError):
        other & F(a=1)
    with pytest.raises(TypeError):
        other | F(a=1)


@pytest.mark.parametrize("other", NOT_F)
def test_non_f_operand_raises_even_with_empty_f(other: Any) -> None:
    with pytest.raises(TypeError):
        F() & other
    with pytest.raises(TypeError):
        other | F()


def test_f_refuses_a_non_dict_positional_argument() -> None:
    with pytest.raises(TypeError):
        F([("a", 1)])  # type: ignore[arg-type]


# -- negation --------------------------------------------------------------------------

_SAMPLES: dict[str, Any] = {
    "_in": [1, 2],
    "_nin": [1, 2],
    "_between": [1, 9],
    "_nbetween": [1, 9],
    "_null": True,
    "_nnull": True,
    "_empty": True,
    "_nempty": True,
    "_intersects": GEO,
    "_nintersects": GEO,
    "_intersects_bbox": GEO,
    "_nintersects_bbox": GEO,
    "_some": {"name": {"_eq": "x"}},
    "_none": {"name": {"_eq": "x"}},
}
_INVERSE_PAIRS = [
    ("_eq", "_neq"),
    ("_lt", "_gte"),
    ("_lte", "_gt"),
    ("_in", "_nin"),
    ("_null", "_nnull"),
    ("_contains", "_ncontains"),
    ("_starts_with", "_nstarts_with"),
    ("_istarts_with", "_nistarts_with"),
    ("_ends_with", "_nends_with"),
    ("_iends_with", "_niends_with"),
    ("_between", "_nbetween"),
    ("_empty", "_nempty"),
    ("_intersects", "_nintersects"),
    ("_intersects_bbox", "_nintersects_bbox"),
    ("_some", "_none"),
]
_BOTH_WAYS = [*_INVERSE_PAIRS, *((b, a) for a, b in _INVERSE_PAIRS)]


def test_inverse_table_is_the_expected_pairs_both_ways() -> None:
    assert dict(_BOTH_WAYS) == INVERSE


def test_inverse_is_an_involution() -> None:
    for operator, inverse in INVERSE.items():
        assert inverse != operator
        assert INVERSE[inverse] == operator


def test_only_icontains_lacks_an_inverse() -> None:
    every = COMPARISON_OPERATORS | RELATIONAL_OPERATORS
    assert every - set(INVERSE) == {"_icontains"}


@pytest.mark.parametrize(
    ("operator", "inverse"),
    [pytest.param(a, b, id=f"{a}->{b}") for a, b in _BOTH_WAYS],
)
def test_negating_a_raw_filter_flips_the_operator(operator: str, inverse: str) -> None:
    value = _SAMPLES.get(operator, "v")
    assert compiled(~F({"x": {operator: value}})) == {"x": {inverse: value}}
    assert negate({"x": {operator: value}}) == {"x": {inverse: value}}


@pytest.mark.parametrize(
    ("operator", "inverse"),
    [
        pytest.param(a, b, id=f"{a}->{b}")
        for a, b in _BOTH_WAYS
        if "intersects" not in a  # GeoJSON values: see test_lookup_compiles...
    ],
)
def test_negating_a_lookup_flips_the_operator(operator: str, inverse: str) -> None:
    value = _SAMPLES.get(operator, "v")
    keyword = f"x__{operator[1:]}"
    if operator in ("_some", "_none"):
        value = F(name="x")
        expected: object = {"x": {inverse: {"name": {"_eq": "x"}}}}
    else:
        expected = {"x": {inverse: value}}
    assert compiled(~F(**{keyword: value})) == expected


NEGATION_CASES = [
    pytest.param(
        ~(F(a=1) & F(b=2)),
        {"_or": [{"a": {"_neq": 1}}, {"b": {"_neq": 2}}]},
        id="de-morgan-and",
    ),
    pytest.param(
        ~(F(a=1) | F(b=2)),
        {"_and": [{"a": {"_neq": 1}}, {"b": {"_neq": 2}}]},
        id="de-morgan-or",
    ),
    pytest.param(
        ~F(a=1, b=2),
        {"_or": [{"a": {"_neq": 1}}, {"b": {"_neq": 2}}]},
        id="several-keywords",
    ),
    pytest.param(
        ~((F(a=1) | F(b__lt=2)) & F(c=None)),
        {
            "_or": [
                {"_and": [{"a": {"_neq": 1}}, {"b": {"_gte": 2}}]},
                {"c": {"_nnull": True}},
            ]
        },
        id="nested",
    ),
    pytest.param(~F(x=None), {"x": {"_nnull": True}}, id="null"),
    pytest.param(
        ~F({"a": {"_gt": 0, "_lt": 9}}),
        {"_or": [{"a": {"_lte": 0}}, {"a": {"_gte": 9}}]},
        id="multi-operator-field",
    ),
    pytest.param(
        ~F({"a": {"_eq": 1}, "b": {"_in": [2]}}),
        {"_or": [{"a": {"_neq": 1}}, {"b": {"_nin": [2]}}]},
        id="multi-field-raw-dict",
    ),
    pytest.param(
        ~F({"_or": [{"a": {"_eq": 1}}, {"b": {"_in": [1]}}]}),
        {"_and": [{"a": {"_neq": 1}}, {"b": {"_nin": [1]}}]},
        id="raw-or",
    ),
    pytest.param(
        ~F(
            {
                "_and": [
                    {"a": {"_eq": 1}},
                    {"_or": [{"b": {"_lt": 2}}, {"c": {"_null": True}}]},
                ]
            }
        ),
        {
            "_or": [
                {"a": {"_neq": 1}},
                {"_and": [{"b": {"_gte": 2}}, {"c": {"_nnull": True}}]},
            ]
        },
        id="raw-nested",
    ),
    pytest.param(
        ~F({"author": {"name": {"_eq": "x"}}}),
        {"author": {"name": {"_neq": "x"}}},
        id="raw-relational-path",
    ),
    pytest.param(
        ~F(author__name__starts_with="A"),
        {"author": {"name": {"_nstarts_with": "A"}}},
        id="relational-lookup",
    ),
    pytest.param(
        ~F(tags__some__name="x"),
        {"tags": {"_none": {"name": {"_eq": "x"}}}},
        id="some-path-to-none",
    ),
    pytest.param(
        ~F(tags__some__name__icontains="x"),
        {"tags": {"_none": {"name": {"_icontains": "x"}}}},
        id="some-keeps-inner-icontains",
    ),
    pytest.param(
        ~F(tags__none=F(name="x")),
        {"tags": {"_some": {"name": {"_eq": "x"}}}},
        id="none-to-some",
    ),
    pytest.param(
        F(a=1) & ~F(b=2),
        {"_and": [{"a": {"_eq": 1}}, {"b": {"_neq": 2}}]},
        id="negated-operand",
    ),
]


@pytest.mark.parametrize(("condition", "expected"), NEGATION_CASES)
def test_negation(condition: F, expected: object) -> None:
    assert compiled(condition) == expected


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(F(a=1), id="leaf"),
        pytest.param(F(a=1) & F(b__in=[1, 2]), id="and"),
        pytest.param(F(a=1) | ~F(b__lt=3), id="or"),
        pytest.param(F({"a": {"_in": [1, 2]}}), id="raw"),
        pytest.param(F(tags__some=F(name="x")), id="some"),
    ],
)
def test_double_negation_compiles_like_the_original(condition: F) -> None:
    assert compiled(~~condition) == compiled(condition)


def test_negated_icontains_raises_query_error() -> None:
    with pytest.raises(QueryError, match="_icontains"):
        compiled(~F(name__icontains="x"))
    with pytest.raises(QueryError, match="_icontains"):
        compiled(~F({"name": {"_icontains": "x"}}))
    with pytest.raises(QueryError):
        compiled(F(a=1) & ~(F(b=2) | F(name__icontains="x")))


def test_negated_icontains_raises_when_the_query_is_built() -> None:
    qs = QuerySet.for_collection("products")
    with pytest.raises(QueryError):
        qs.filter(~F(name__icontains="x"))
    with pytest.raises(QueryError):
        qs.exclude(name__icontains="x")
    with pytest.raises(QueryError):
        Product.objects.exclude(name__icontains="x")


@pytest.mark.parametrize(
    "node",
    [
        pytest.param({"_eq": 1}, id="bare-operator"),
        pytest.param({"_and": {"a": {"_eq": 1}}}, id="and-without-list"),
        pytest.param({"a": {"_foo": 1}}, id="unknown-operator"),
        pytest.param({"a": 1}, id="not-a-filter-object"),
    ],
)
def test_negating_a_malformed_raw_filter_raises(node: dict[str, Any]) -> None:
    with pytest.raises(QueryError):
        negate(node)


# -- value errors ----------------------------------------------------------------------

VALUE_ERRORS = [
    pytest.param(F(x__in=5), id="in-int"),
    pytest.param(F(x__in="ab"), id="in-str"),
    pytest.param(F(x__in={"a": 1}), id="in-dict"),
    pytest.param(F(x__nin=None), id="nin-none"),
    pytest.param(F(x__between=[1]), id="between-one"),
    pytest.param(F(x__between=[1, 2, 3]), id="between-three"),
    pytest.param(F(x__nbetween=5), id="nbetween-scalar"),
    pytest.param(F(x__between="ab"), id="between-str"),
    pytest.param(F(x__null=1), id="null-int"),
    pytest.param(F(x__null="true"), id="null-str"),
    pytest.param(F(x__nnull=None), id="nnull-none"),
    pytest.param(F(x__empty=0), id="empty-int"),
    pytest.param(F(x=[1, 2]), id="eq-list"),
    pytest.param(F(x__gt={"a": 1}), id="gt-dict"),
    pytest.param(F(x=object()), id="eq-not-json"),
    pytest.param(F(tags__some="x"), id="some-scalar"),
    pytest.param(F(a____b=1), id="empty-path-part"),
    pytest.param(F(_a=1), id="leading-underscore"),
    pytest.param(F(some="x"), id="some-without-field"),
]


@pytest.mark.parametrize("condition", VALUE_ERRORS)
def test_bad_value_raises_query_error(condition: F) -> None:
    with pytest.raises(QueryError):
        compiled(condition)


# -- LIKE wildcards in pattern lookups -------------------------------------------------

PATTERN_LOOKUPS = [
    "contains", "ncontains", "icontains",
    "starts_with", "nstarts_with", "istarts_with", "nistarts_with",
    "ends_with", "nends_with", "iends_with", "niends_with",
]  # fmt: skip


def test_pattern_operators_are_the_like_operators() -> None:
    assert {f"_{lookup}" for lookup in PATTERN_LOOKUPS} == PATTERN_OPERATORS
    assert PATTERN_OPERATORS <= COMPARISON_OPERATORS


@pytest.mark.parametrize("lookup", PATTERN_LOOKUPS)
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("a_b", id="underscore"),
        pytest.param("50%", id="percent"),
        pytest.param("back\\slash", id="backslash"),
        pytest.param("%", id="only-percent"),
        pytest.param("_", id="only-underscore"),
    ],
)
def test_like_wildcards_in_a_pattern_lookup_raise(lookup: str, value: str) -> None:
    with pytest.raises(QueryError) as caught:
        compiled(F(**{f"name__{lookup}": value}))
    message = str(caught.value)
    special = next(char for char in "%_\\" if char in value)
    assert repr(special) in message
    assert "LIKE" in message
    assert f"F({{'name': {{'_{lookup}': {value!r}}}}})" in message


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(~F(name__contains="a_b"), id="negated"),
        pytest.param(F(a=1) | F(name__ends_with="%"), id="in-a-junction"),
        pytest.param(F(author__name__istarts_with="x_"), id="relational-path"),
        pytest.param(F(tags__some=F(name__contains="50%")), id="inside-some-f"),
    ],
)
def test_like_wildcards_raise_wherever_the_lookup_is(condition: F) -> None:
    with pytest.raises(QueryError, match="LIKE"):
        compiled(condition)


def test_like_wildcards_raise_when_the_query_is_built() -> None:
    with pytest.raises(QueryError):
        QuerySet.for_collection("products").filter(name__contains="a_b")
    with pytest.raises(QueryError):
        Product.objects.exclude(name__istarts_with="50%")


RAW_PATTERNS = [
    pytest.param(
        F({"name": {"_contains": "a_b"}}),
        {"name": {"_contains": "a_b"}},
        id="raw-dict",
    ),
    pytest.param(
        ~F({"name": {"_starts_with": "50%"}}),
        {"name": {"_nstarts_with": "50%"}},
        id="negated-raw-dict",
    ),
    pytest.param(
        F(tags__some={"name": {"_ends_with": "\\"}}),
        {"tags": {"_some": {"name": {"_ends_with": "\\"}}}},
        id="raw-dict-under-some",
    ),
    pytest.param(F(name="a_b%\\"), {"name": {"_eq": "a_b%\\"}}, id="eq-is-exact"),
    pytest.param(
        F(name__in=["50%", "a_b"]), {"name": {"_in": ["50%", "a_b"]}}, id="in-is-exact"
    ),
    pytest.param(F(name__contains="a b"), {"name": {"_contains": "a b"}}, id="plain"),
]


@pytest.mark.parametrize(("condition", "expected"), RAW_PATTERNS)
def test_raw_dicts_and_exact_operators_keep_like_characters(
    condition: F, expected: object
) -> None:
    assert compiled(condition) == expected
    assert compiled(condition, Product) == expected


# -- checks against a model ------------------------------------------------------------

MODEL_CASES = [
    pytest.param(Product, F(name="pen"), {"name": {"_eq": "pen"}}, id="string-eq"),
    pytest.param(
        Product, F(price__between=[1, 2]), {"price": {"_between": [1, 2]}}, id="float"
    ),
    pytest.param(Product, F(stock=None), {"stock": {"_null": True}}, id="null"),
    pytest.param(
        Product, F(author__in=[1, 2]), {"author": {"_in": [1, 2]}}, id="m2o-key"
    ),
    pytest.param(
        Product,
        F(author__name__icontains="an"),
        {"author": {"name": {"_icontains": "an"}}},
        id="m2o-path",
    ),
    pytest.param(
        Product,
        F(tags__some__name="x"),
        {"tags": {"_some": {"name": {"_eq": "x"}}}},
        id="untyped-m2m-path",
    ),
    pytest.param(
        Article,
        F(tags__some=F(name__starts_with="py")),
        {"tags": {"_some": {"name": {"_starts_with": "py"}}}},
        id="m2m-some-f",
    ),
    pytest.param(
        Product,
        F(author=Author(id=3, name="Ada")),
        {"author": {"_eq": 3}},
        id="related-instance-is-its-key",
    ),
]


@pytest.mark.parametrize(("model", "condition", "expected"), MODEL_CASES)
def test_model_filter(
    model: type[DirectusModel], condition: F, expected: object
) -> None:
    assert compiled(condition, model) == expected


def test_unknown_field_raises_field_error_naming_valid_fields() -> None:
    with pytest.raises(FieldError) as caught:
        compiled(F(nope=1), Product)
    message = str(caught.value)
    assert "nope" in message
    for name in Product.model_fields:
        assert name in message


def test_unknown_field_is_caught_when_the_query_is_built() -> None:
    with pytest.raises(FieldError):
        Product.objects.filter(nope=1)
    with pytest.raises(FieldError):
        Product.objects.exclude(F(name="x") | F(nope=1))


def test_name_based_queries_do_not_check_fields() -> None:
    qs = QuerySet.for_collection("products").filter(nope__gt=1)
    assert qs.params() == {"filter": '{"nope":{"_gt":1}}'}


FIELD_ERRORS = [
    pytest.param(Product, F(author__nope=1), "Author", id="m2o-unknown"),
    pytest.param(Product, F(author__nope__gt=1), "Author", id="m2o-unknown-op"),
    pytest.param(Product, F(price__name="x"), "price", id="path-through-scalar"),
    pytest.param(Article, F(tags__some__nope="x"), "Tag", id="m2m-path-unknown"),
    pytest.param(Article, F(tags__some=F(nope="x")), "Tag", id="m2m-some-f-unknown"),
]


@pytest.mark.parametrize(("model", "condition", "mentioned"), FIELD_ERRORS)
def test_relational_paths_are_checked_through_the_related_model(
    model: type[DirectusModel], condition: F, mentioned: str
) -> None:
    with pytest.raises(FieldError, match=mentioned):
        compiled(condition, model)


OPERATOR_ERRORS = [
    pytest.param(Product, F(name__gt="a"), id="string-gt"),
    pytest.param(Product, F(name__between=["a", "b"]), id="string-between"),
    pytest.param(Product, F(price__contains=1), id="float-contains"),
    pytest.param(Product, F(price__icontains="1"), id="float-icontains"),
    pytest.param(Product, F(stock__empty=True), id="integer-empty"),
    pytest.param(Product, F(on_sale__in=[True]), id="boolean-in"),
    pytest.param(Product, F(on_sale__gt=False), id="boolean-gt"),
    pytest.param(Product, F(author__name__gt="a"), id="related-string-gt"),
    pytest.param(Article, F(tags__some=F(name__lt="a")), id="inside-some"),
    pytest.param(Product, F(name__some=F(x=1)), id="some-on-string"),
    pytest.param(Product, F(price__none=F(x=1)), id="none-on-float"),
    pytest.param(Product, F(name__regex="x"), id="regex-refused-by-directus"),
    pytest.param(None, F(name__nicontains="x"), id="nicontains-refused-by-directus"),
]


@pytest.mark.parametrize(("model", "condition"), OPERATOR_ERRORS)
def test_operator_not_allowed_for_the_field_type(
    model: type[DirectusModel], condition: F
) -> None:
    with pytest.raises(QueryError):
        compiled(condition, model)


def test_type_errors_are_usage_errors_raised_at_build_time() -> None:
    with pytest.raises(UsageError):
        Product.objects.filter(name__gt="a")
    with pytest.raises(UsageError):
        Product.objects.filter(on_sale__in=[True])


# -- the operator table against the server's measurements ------------------------------


def _measured() -> dict[str, dict[str, bool]]:
    """Type → operator → accepted, read from operators-by-type.md."""
    if not OPERATORS_BY_TYPE_MD.exists():
        pytest.skip(f"{OPERATORS_BY_TYPE_MD} is not beside the project")
    types: list[str] = []
    table: dict[str, dict[str, bool]] = {}
    for line in OPERATORS_BY_TYPE_MD.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] == "operator":
            types = cells[1:]
        elif cells[0].startswith("`_"):
            operator = cells[0].strip("`")
            for kind, cell in zip(types, cells[1:], strict=True):
                table.setdefault(kind, {})[operator] = cell == "✓"
    assert table, "operators-by-type.md has no table"
    return table


MEASURED_TYPES = [
    "string", "text", "integer", "bigInteger", "float", "decimal", "boolean",
    "uuid", "date", "time", "dateTime", "timestamp", "csv", "json",
]  # fmt: skip


@pytest.mark.parametrize("directus_type", MEASURED_TYPES)
def test_operator_table_matches_the_measurements(directus_type: str) -> None:
    measured = _measured()[directus_type]
    allowed = allowed_for(directus_type)
    assert allowed is not None
    wrong = {
        operator: accepted
        for operator, accepted in measured.items()
        if (operator in allowed) != accepted
    }
    assert not wrong, f"{directus_type}: server accepted={wrong}"


_TYPED_FIELDS = {
    "string": "f_string",
    "integer": "f_integer",
    "float": "f_float",
    "decimal": "f_decimal",
    "boolean": "f_boolean",
    "uuid": "f_uuid",
    "date": "f_date",
    "time": "f_time",
    "dateTime": "f_datetime",
    "csv": "f_csv",
    "json": "f_json",
}


def _sample(operator: str) -> object:
    if operator in ("_in", "_nin"):
        return [1]
    if operator in ("_between", "_nbetween"):
        return [1, 2]
    if operator in ("_null", "_nnull", "_empty", "_nempty"):
        return True
    return 1


@pytest.mark.parametrize(
    ("directus_type", "field"),
    [pytest.param(kind, field, id=kind) for kind, field in _TYPED_FIELDS.items()],
)
def test_model_filters_refuse_what_the_server_refuses(
    directus_type: str, field: str
) -> None:
    wrong = []
    for operator, accepted in _measured()[directus_type].items():
        if operator not in COMPARISON_OPERATORS:
            continue
        condition = F(**{f"{field}__{operator[1:]}": _sample(operator)})
        try:
            compiled(condition, AllTypes)
        except QueryError:
            refused = True
        else:
            refused = False
        if refused == accepted:
            wrong.append(operator)
    assert not wrong, f"{directus_type}: checked wrongly: {wrong}"


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda: F(name="a\x00b"), id="eq"),
        pytest.param(lambda: F(name__in=["ok", "\x00"]), id="in"),
        pytest.param(lambda: F(name__contains="x\x00"), id="contains"),
        pytest.param(lambda: F(name__contains=""), id="empty-pattern"),
        pytest.param(lambda: F(name__starts_with=""), id="empty-prefix"),
    ],
)
def test_values_the_server_cannot_take_are_refused(condition: Any) -> None:
    # PostgreSQL answers 500 to a NUL character; Directus refuses an empty pattern.
    with pytest.raises(QueryError):
        compile_filter(condition())
