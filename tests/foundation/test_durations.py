"""Duration values: construction, normalisation, equality, order, repr and bad input."""

from __future__ import annotations

import math
from datetime import UTC, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.durations import (
    CalendarDays,
    Months,
    NoTimeLimit,
    SameDay,
    WorkingDays,
    WorkingHours,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, 5),
        (Decimal("5"), 5),
        (Decimal("5.00"), 5),
        (0.5, Decimal("0.5")),
        (Decimal("0.50"), Decimal("0.5")),
        (Decimal("1.25"), Decimal("1.25")),
        (0, 0),
    ],
)
def test_working_days_normalises_value(value: object, expected: object) -> None:
    d = WorkingDays(value)  # type: ignore[arg-type]
    assert d.value == expected
    assert type(d.value) is type(expected)


def test_equal_values_are_equal_and_hash_alike() -> None:
    assert WorkingDays(5) == WorkingDays(Decimal("5.0"))
    assert hash(WorkingDays(5)) == hash(WorkingDays(Decimal("5")))
    assert WorkingHours(0.5) == WorkingHours(Decimal("0.50"))
    assert {WorkingDays(5), WorkingDays(Decimal(5))} == {WorkingDays(5)}


def test_different_units_are_never_equal() -> None:
    assert WorkingDays(5) != CalendarDays(5)
    assert WorkingHours(8) != WorkingDays(1)
    assert Months(1) != CalendarDays(30)


def test_order_within_a_type() -> None:
    assert WorkingDays(3) < WorkingDays(Decimal("3.5")) < WorkingDays(5)
    assert sorted([Months(3), Months(1)]) == [Months(1), Months(3)]
    assert SameDay() < SameDay(time(15, 0))
    with pytest.raises(TypeError):
        _ = WorkingDays(3) < CalendarDays(5)  # type: ignore[operator]


@pytest.mark.parametrize(
    "value",
    [
        WorkingDays(5),
        WorkingDays(Decimal("0.5")),
        CalendarDays(30),
        WorkingHours(4),
        WorkingHours(Decimal("0.5")),
        Months(12),
        SameDay(),
        SameDay(time(15, 0)),
        SameDay(time(14, 30)),
        NoTimeLimit(),
    ],
)
def test_repr_pastes_back(value: pk.Duration) -> None:
    namespace = {
        "Decimal": Decimal,
        "time": time,
        **{name: getattr(pk, name) for name in pk.__all__},
    }
    assert eval(repr(value), namespace) == value


def test_units_are_stable_keys() -> None:
    assert [
        c.unit for c in (WorkingDays, CalendarDays, WorkingHours, Months, SameDay, NoTimeLimit)
    ] == [
        "working_days",
        "calendar_days",
        "working_hours",
        "months",
        "same_day",
        "no_time_limit",
    ]


def test_values_are_frozen() -> None:
    d = WorkingDays(5)
    with pytest.raises(AttributeError):
        d.value = 6  # type: ignore[misc]


@pytest.mark.parametrize(
    ("cls", "value", "error"),
    [
        (WorkingDays, -1, pk.InvalidArgumentError),
        (WorkingDays, math.nan, pk.InvalidArgumentError),
        (WorkingDays, math.inf, pk.InvalidArgumentError),
        (WorkingDays, Decimal("NaN"), pk.InvalidArgumentError),
        (WorkingDays, Decimal("-0.5"), pk.InvalidArgumentError),
        (WorkingDays, "five", pk.InvalidTypeError),
        (WorkingDays, "5", pk.InvalidTypeError),  # text is read by parse_duration
        (WorkingDays, 10**7, pk.InvalidArgumentError),
        (WorkingDays, True, pk.InvalidTypeError),
        (WorkingDays, None, pk.InvalidTypeError),
        (WorkingDays, [5], pk.InvalidTypeError),
        (CalendarDays, 0.5, pk.InvalidArgumentError),
        (Months, Decimal("1.5"), pk.InvalidArgumentError),
        (WorkingHours, -0.5, pk.InvalidArgumentError),
    ],
)
def test_bad_values_raise_named_errors(cls: type, value: object, error: type) -> None:
    with pytest.raises(error) as info:
        cls(value)
    assert isinstance(info.value, pk.ProcedureKitError)
    assert f"{cls.__name__}.value" in str(info.value)
    assert info.value.path == f"{cls.__name__}.value"


def test_same_day_cutoff_must_be_a_naive_time() -> None:
    with pytest.raises(pk.InvalidTypeError, match=r"SameDay\.cutoff"):
        SameDay("15:00")  # type: ignore[arg-type]
    with pytest.raises(pk.InvalidArgumentError, match="tzinfo"):
        SameDay(time(15, 0, tzinfo=UTC))


@given(st.decimals(min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=3))
def test_fractional_amounts_round_trip_through_repr(value: Decimal) -> None:
    d = WorkingHours(value)
    assert d.value == value
    assert eval(repr(d), {"WorkingHours": WorkingHours, "Decimal": Decimal}) == d


@given(st.integers(min_value=0, max_value=10**6))
def test_integral_amounts_are_ints(value: int) -> None:
    for cls in (WorkingDays, CalendarDays, WorkingHours, Months):
        assert cls(value).value == value
        assert type(cls(value).value) is int
