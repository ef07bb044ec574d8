"""Test strength (mutation testing): duration values (durations.py).

Each test pins a behaviour a surviving mutant showed unpinned (docs/explanation/testing.md).
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest

import procedurekit as pk

NAMESPACE = {"time": time, "Decimal": Decimal, **{n: getattr(pk, n) for n in pk.__all__}}


@pytest.mark.parametrize(
    "value",
    [
        pk.ElapsedHours(2),
        pk.ElapsedHours(Decimal("1.5")),
        pk.SameDay(time(15, 0, 30)),
        pk.SameDay(time(15, 0, 0, 250)),
        pk.SameDay(time(15, 0, 30, 250)),
        pk.SameDay(time(15, 0)),
        pk.SameDay(),
    ],
    ids=repr,
)
def test_repr_pastes_back(value: pk.Duration) -> None:
    assert eval(repr(value), NAMESPACE) == value


def test_same_day_repr_shows_only_the_parts_it_needs() -> None:
    assert repr(pk.SameDay(time(15, 0))) == "SameDay(time(15, 0))"
    assert repr(pk.SameDay(time(15, 0, 30))) == "SameDay(time(15, 0, 30))"
    assert repr(pk.SameDay(time(15, 0, 0, 250))) == "SameDay(time(15, 0, 0, 250))"
    assert repr(pk.ElapsedHours(2)) == "ElapsedHours(2)"


def test_no_cutoff_sorts_before_every_cutoff_even_midnight() -> None:
    assert pk.SameDay() < pk.SameDay(time(0, 0))
    assert not pk.SameDay(time(0, 0)) < pk.SameDay()
    assert sorted([pk.SameDay(time(15)), pk.SameDay(time(0)), pk.SameDay()]) == [
        pk.SameDay(),
        pk.SameDay(time(0)),
        pk.SameDay(time(15)),
    ]


def test_cutoff_of_the_wrong_type_error_structure() -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        pk.SameDay("15:00")  # type: ignore[arg-type]
    err = info.value
    assert err.message == "SameDay.cutoff must be a datetime.time or None, got str '15:00'"
    assert (err.path, err.value, err.expected) == (
        "SameDay.cutoff",
        "15:00",
        "datetime.time(15, 0) or None",
    )


def test_cutoff_with_a_timezone_error_structure() -> None:
    cutoff = time(15, 0, tzinfo=pk.VIETNAM_TZ)
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.SameDay(cutoff)
    err = info.value
    assert err.message.startswith("SameDay.cutoff is a local office-clock time and takes no")
    assert (err.path, err.value, err.expected) == (
        "SameDay.cutoff",
        cutoff,
        "datetime.time(15, 0)",
    )


@pytest.mark.parametrize(
    "cls",
    [pk.WorkingDays, pk.WorkingHours, pk.ElapsedHours, pk.CalendarDays, pk.Months],
)
def test_amount_errors_name_their_class(cls: type[pk.WorkingDays]) -> None:
    name = cls.__name__
    with pytest.raises(pk.InvalidTypeError) as info:
        cls(True)
    assert info.value.value is True
    assert info.value.path == f"{name}.value"
    assert info.value.expected == "a non-negative number, e.g. 5 or Decimal('0.5')"
    assert info.value.message == f"{name}.value must be a number (int or Decimal), got bool True"
    with pytest.raises(pk.InvalidArgumentError) as info2:
        cls(-1)
    assert info2.value.path == f"{name}.value"
    assert info2.value.value == -1
    assert info2.value.expected == "a non-negative number, e.g. 5 or Decimal('0.5')"
    assert info2.value.message == f"{name}.value must be a finite number from 0 to 1000000, got -1"


@pytest.mark.parametrize("cls", [pk.CalendarDays, pk.Months])
def test_whole_units_refuse_fractions(cls: type[pk.CalendarDays]) -> None:
    name = cls.__name__
    with pytest.raises(pk.InvalidArgumentError) as info:
        cls(Decimal("1.5"))
    err = info.value
    assert err.message == (
        f"{name}.value must be a whole number ({name} counts whole units), got Decimal('1.5')"
    )
    assert (err.path, err.expected) == (f"{name}.value", "a whole number, e.g. 15")
    assert err.value == Decimal("1.5")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_000_000, 1_000_000),
        (Decimal("2.50"), Decimal("2.5")),
        (0.5, Decimal("0.5")),
        (3.0, 3),
        (Decimal("4.0"), 4),
    ],
)
def test_amount_normalisation(value: object, expected: object) -> None:
    got = pk.WorkingDays(value).value  # type: ignore[arg-type]
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize("value", [" 3 ", "x", True, None])
def test_amount_refuses_what_is_not_a_number(value: object) -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        pk.WorkingDays(value)  # type: ignore[arg-type]
    err = info.value
    assert err.message == (
        f"WorkingDays.value must be a number (int or Decimal), got {type(value).__name__} {value!r}"
    )
    assert (err.path, err.value) == ("WorkingDays.value", value)
    assert err.expected == "a non-negative number, e.g. 5 or Decimal('0.5')"


@pytest.mark.parametrize("value", [1_000_001, float("nan"), float("inf"), Decimal("NaN")])
def test_amount_out_of_range_or_not_a_number(value: object) -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.WorkingDays(value)  # type: ignore[arg-type]
    assert info.value.path == "WorkingDays.value"
