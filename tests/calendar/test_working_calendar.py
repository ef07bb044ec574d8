"""The WorkingCalendar core on a hand-built calendar: conventions, boundaries, changes, errors."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.calendar.working import FIRST_DAY, LAST_DAY, DayEntry, DayKind, WorkingCalendar

# A small calendar: 2030-01-01 (Tue) is a holiday, 2030-01-05 (Sat) is a make-up working day.
HOLIDAY = DayEntry(date(2030, 1, 1), DayKind.STATUTORY, "Tết Dương lịch", "New Year's Day")
MAKEUP = DayEntry(
    date(2030, 1, 5), DayKind.MAKEUP, "Làm bù", "make-up working day", working=True, source="X/Y"
)
CAL = WorkingCalendar([HOLIDAY, MAKEUP], complete_years=[2030], name="test", data_version="t1")


def test_receipt_day_is_not_counted() -> None:
    # Civil Code 147(2): n > 0 is the n-th working day strictly after d.
    assert CAL.add_working_days(date(2030, 1, 2), 1) == date(2030, 1, 3)
    assert CAL.add_working_days(date(2030, 1, 4), 1) == date(2030, 1, 5)  # make-up Saturday
    assert CAL.add_working_days(date(2030, 1, 4), 2) == date(2030, 1, 7)
    assert CAL.add_working_days(date(2029, 12, 31), 1) == date(2030, 1, 2)  # over the holiday


def test_zero_and_negative() -> None:
    assert CAL.add_working_days(date(2030, 1, 1), 0) == date(2030, 1, 2)
    assert CAL.add_working_days(date(2030, 1, 2), 0) == date(2030, 1, 2)
    assert CAL.add_working_days(date(2030, 1, 2), -1) == date(2029, 12, 31)
    assert CAL.add_working_days(date(2030, 1, 6), -1) == date(2030, 1, 5)


def test_between_is_half_open() -> None:
    assert CAL.working_days_between(date(2030, 1, 4), date(2030, 1, 7)) == 2
    assert CAL.working_days_between(date(2030, 1, 7), date(2030, 1, 4)) == -2
    assert CAL.working_days_between(date(2030, 1, 4), date(2030, 1, 4)) == 0
    assert CAL.working_days_between(date(2029, 12, 31), date(2030, 1, 1)) == 0


def test_reasons_and_entries() -> None:
    assert CAL.reason(date(2030, 1, 1)) == ("Tết Dương lịch", "New Year's Day", None)
    assert CAL.reason(date(2030, 1, 6)) == ("Chủ nhật (nghỉ cuối tuần)", "Sunday (weekend)", None)
    assert CAL.reason(date(2030, 1, 5)) is None
    assert CAL.entry(date(2030, 1, 5)) == MAKEUP
    assert CAL.days_off(2030) == [HOLIDAY]
    assert CAL.makeup_days(2030) == [MAKEUP]
    assert CAL.entries(2031) == ()


def test_provisional_years() -> None:
    assert not CAL.is_provisional(date(2030, 6, 1))
    assert CAL.is_provisional(date(2031, 6, 1))


def test_with_changes_returns_a_new_calendar() -> None:
    local = CAL.with_changes(days_off=[date(2030, 1, 3)], working_days=[date(2030, 1, 12)])
    assert local is not CAL
    assert not local.is_working_day(date(2030, 1, 3))
    assert CAL.is_working_day(date(2030, 1, 3))
    assert local.is_working_day(date(2030, 1, 12))
    assert local.entry(date(2030, 1, 3)).kind is DayKind.LOCAL  # type: ignore[union-attr]
    assert local.data_version.startswith("t1+")
    assert local.add_working_days(date(2030, 1, 2), 1) == date(2030, 1, 4)
    named = CAL.with_changes(days_off=[date(2030, 1, 3)], name="ubnd-x")
    assert named.name == "ubnd-x"


def test_with_changes_keeps_the_names_of_a_mapping() -> None:
    local = CAL.with_changes(
        days_off={date(2030, 1, 3): "Ngày thành lập Sở"},
        working_days={date(2030, 1, 12): ("Làm bù cho ngày 03/01", "make-up for 3 January")},
    )
    off, worked = local.entry(date(2030, 1, 3)), local.entry(date(2030, 1, 12))
    assert off == DayEntry(
        date(2030, 1, 3), DayKind.LOCAL, "Ngày thành lập Sở", "Ngày thành lập Sở"
    )
    assert worked == DayEntry(
        date(2030, 1, 12),
        DayKind.LOCAL,
        "Làm bù cho ngày 03/01",
        "make-up for 3 January",
        working=True,
    )
    assert not local.is_working_day(date(2030, 1, 3))
    assert local.is_working_day(date(2030, 1, 12))
    assert local.reason(date(2030, 1, 3)) == ("Ngày thành lập Sở", "Ngày thành lập Sở", None)
    # The same dates as a list get the generic names: only a mapping carries names.
    plain = CAL.with_changes(days_off=[date(2030, 1, 3)])
    assert plain.reason(date(2030, 1, 3)) == ("Ngày nghỉ của cơ quan", "local day off", None)
    # The names reach a deadline's explanation.
    dl = pk.DeadlineRules(local).due(datetime(2030, 1, 2, 9), pk.WorkingDays(2))
    assert (date(2030, 1, 3), "Ngày thành lập Sở", "Ngày thành lập Sở", None) in dl.explain()


@pytest.mark.parametrize("names", ["", "  ", 3, ("only one",), ("vi", 2), None])
def test_with_changes_refuses_a_bad_name_naming_the_day(names: object) -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        CAL.with_changes(days_off={date(2030, 1, 3): names})  # type: ignore[dict-item]
    assert info.value.path == "days_off[2030-01-03]"
    assert info.value.value == names


def test_with_changes_refuses_a_datetime_key() -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        CAL.with_changes(working_days={datetime(2030, 1, 12, 8): "x"})
    assert info.value.path == "working_days"


def test_calendar_is_immutable() -> None:
    with pytest.raises(AttributeError):
        CAL._name = "x"  # type: ignore[misc]


def test_range_edges() -> None:
    assert CAL.is_working_day(FIRST_DAY) is True  # a Friday, and this calendar has no 2010 holiday
    assert CAL.is_working_day(LAST_DAY) is True  # 2060-12-31 is a Friday
    assert CAL.working_days_between(FIRST_DAY, LAST_DAY) > 13_000
    with pytest.raises(pk.CalendarRangeError, match="2009-12-31"):
        CAL.is_working_day(date(2009, 12, 31))
    with pytest.raises(pk.CalendarRangeError):
        CAL.add_working_days(date(2061, 1, 1), 1)
    with pytest.raises(pk.CalendarRangeError, match="outside the calendar's range"):
        CAL.add_working_days(date(2060, 12, 20), 30)
    with pytest.raises(pk.CalendarRangeError):
        CAL.add_working_days(date(2010, 1, 5), -30)
    with pytest.raises(pk.CalendarRangeError):
        CAL.days_off(2061)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: CAL.add_working_days(datetime(2030, 1, 2, 9), 1), "d"),  # type: ignore[arg-type]
        (lambda: CAL.add_working_days("2030-01-02", 1), "d"),  # type: ignore[arg-type]
        (lambda: CAL.add_working_days(date(2030, 1, 2), 1.5), "n"),  # type: ignore[arg-type]
        (lambda: CAL.add_working_days(date(2030, 1, 2), True), "n"),  # type: ignore[arg-type]
        (lambda: CAL.working_days_between(date(2030, 1, 2), None), "b"),  # type: ignore[arg-type]
        (lambda: CAL.is_working_day(datetime(2030, 1, 2)), "d"),  # type: ignore[arg-type]
        (lambda: CAL.with_changes(days_off=[datetime(2030, 1, 2)]), "days_off"),  # type: ignore[list-item]
        (lambda: CAL.days_off("2030"), "year"),  # type: ignore[arg-type]
    ],
)
def test_wrong_types_are_refused_by_name(call: object, name: str) -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        call()  # type: ignore[operator]
    assert info.value.path == name
    assert isinstance(info.value, TypeError)


def test_weekend_must_be_weekday_numbers() -> None:
    with pytest.raises(pk.InvalidArgumentError, match="weekend"):
        WorkingCalendar(weekend=(7,))


def reference_is_working(d: date) -> bool:
    if d == HOLIDAY.day:
        return False
    if d == MAKEUP.day:
        return True
    return d.weekday() < 5


# 300 working days are at most 14 months: every sum stays inside the 2010–2060 range.
days = st.dates(min_value=date(2011, 3, 1), max_value=date(2059, 1, 1))


@given(days, st.integers(min_value=-300, max_value=300))
def test_add_matches_a_day_by_day_reference(d: date, n: int) -> None:
    got = CAL.add_working_days(d, n)
    assert CAL.is_working_day(got)
    if n == 0:
        x = d
        while not reference_is_working(x):
            x += timedelta(days=1)
        assert got == x
        return
    step = timedelta(days=1 if n > 0 else -1)
    x, left = d, abs(n)
    while left:
        x += step
        if reference_is_working(x):
            left -= 1
    assert got == x


@given(days, st.integers(min_value=1, max_value=300))
def test_add_then_count_gives_n_back(d: date, n: int) -> None:
    start = CAL.add_working_days(d, 0)
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n
    assert CAL.add_working_days(CAL.add_working_days(start, n), -n) == start


class _MyDate(date):
    """A date subclass (not a datetime), as some libraries return."""


def test_date_subclasses_are_served() -> None:
    d = _MyDate(2030, 1, 4)
    assert CAL.add_working_days(d, 1) == date(2030, 1, 5)
    assert CAL.add_working_days(d, -1) == date(2030, 1, 3)
    assert CAL.is_working_day(d)
    assert CAL.working_days_between(d, _MyDate(2030, 1, 7)) == 2


def test_huge_n_is_a_range_error() -> None:
    with pytest.raises(pk.CalendarRangeError):
        CAL.add_working_days(date(2030, 1, 4), 10**20)
    with pytest.raises(pk.CalendarRangeError):
        CAL.add_working_days(date(2030, 1, 4), -(10**20))


# -- test strength (issue "Test strength", gaps 5-6) -------------------------------------------


def test_with_changes_keeps_the_complete_years() -> None:
    """Gap 5: a local change of one day does not make the year provisional."""
    vn = pk.WorkingCalendar.vietnam()
    changed = vn.with_changes(days_off=[date(2025, 3, 7)])
    assert not changed.is_provisional(date(2025, 3, 3))
    assert changed.complete_years == vn.complete_years
    assert changed.is_provisional(date(2030, 1, 2)) == vn.is_provisional(date(2030, 1, 2))
    assert not changed.is_working_day(date(2025, 3, 7))


def test_roll_forward_at_the_first_day_of_the_range() -> None:
    """Gap 6: 2010-01-01 (New Year, a Friday) rolls to Monday 2010-01-04."""
    vn = pk.WorkingCalendar.vietnam()
    assert vn.roll_forward(FIRST_DAY) == date(2010, 1, 4)
    assert vn.roll_forward(date(2010, 1, 4)) == date(2010, 1, 4)
    assert vn.add_working_days(FIRST_DAY, 0) == date(2010, 1, 4)
