"""Test strength (mutation testing): the working calendar (calendar/working.py).

Each test pins a behaviour a surviving mutant showed unpinned (docs/explanation/testing.md).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

import procedurekit as pk
from procedurekit.calendar import _build
from procedurekit.calendar.vietnam import calendar_from_table


@pytest.fixture(scope="module")
def cal() -> pk.WorkingCalendar:
    return pk.WorkingCalendar.vietnam()


def test_next_and_previous_working_day(cal: pk.WorkingCalendar) -> None:
    # Friday 13 February 2026, then Tết 16-20 February: next is Monday 23 February.
    assert cal.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert cal.previous_working_day(date(2026, 2, 23)) == date(2026, 2, 13)
    assert cal.next_working_day(date(2026, 2, 23)) == date(2026, 2, 24)
    assert cal.previous_working_day(date(2026, 2, 24)) == date(2026, 2, 23)


def test_working_days_lists_the_closed_interval(cal: pk.WorkingCalendar) -> None:
    days = list(cal.working_days(date(2026, 2, 13), date(2026, 2, 24)))
    assert days == [date(2026, 2, 13), date(2026, 2, 23), date(2026, 2, 24)]
    assert list(cal.working_days(date(2026, 2, 14), date(2026, 2, 22))) == []
    with pytest.raises(pk.InvalidTypeError) as info:
        list(cal.working_days(date(2026, 2, 14), "2026-02-22"))  # type: ignore[arg-type]
    assert info.value.path == "end"


def test_the_first_and_last_day_of_the_range(cal: pk.WorkingCalendar) -> None:
    first, last = date(2010, 1, 1), date(2060, 12, 31)
    assert cal.is_working_day(first) is False  # New Year's Day
    assert cal.reason(first) is not None
    assert cal.entry(first) is not None
    assert cal.is_working_day(last) is (last.weekday() < 5)  # 31 December: no holiday
    assert cal.working_days_between(first, last) > 0
    assert cal.days_off(2010)
    assert cal.days_off(2060)
    assert cal.makeup_days(2060) == []
    assert cal.makeup_days(2010) == [e for e in cal.entries(2010) if e.working]


def test_entry_and_reason_name_the_day(cal: pk.WorkingCalendar) -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        cal.entry("2026-01-01")  # type: ignore[arg-type]
    assert info.value.path == "d"
    with pytest.raises(pk.InvalidTypeError) as info:
        cal.reason("2026-01-01")  # type: ignore[arg-type]
    assert info.value.path == "d"
    with pytest.raises(pk.InvalidTypeError) as info:
        cal.makeup_days("2026")  # type: ignore[arg-type]
    assert info.value.path == "year"
    with pytest.raises(pk.CalendarRangeError) as range_info:
        cal.makeup_days(2061)
    assert (range_info.value.path, range_info.value.value) == ("year", 2061)
    with pytest.raises(pk.CalendarRangeError) as range_info:
        cal.days_off(2009)
    assert (range_info.value.path, range_info.value.value) == ("year", 2009)


def test_local_entries_from_plain_dates(cal: pk.WorkingCalendar) -> None:
    off, worked = date(2026, 3, 4), date(2026, 3, 7)
    local = cal.with_changes(days_off=[off], working_days=[worked])
    e_off, e_work = local.entry(off), local.entry(worked)
    assert e_off == pk.DayEntry(off, pk.DayKind.LOCAL, "Ngày nghỉ của cơ quan", "local day off")
    assert e_work == pk.DayEntry(
        worked, pk.DayKind.LOCAL, "Ngày làm việc của cơ quan", "local working day", working=True
    )
    assert local.reason(off) == ("Ngày nghỉ của cơ quan", "local day off", None)
    assert not local.is_working_day(off)
    assert local.is_working_day(worked)


def test_local_entries_given_as_entries_are_kept(cal: pk.WorkingCalendar) -> None:
    off = pk.DayEntry(date(2026, 3, 4), pk.DayKind.LOCAL, "Nghỉ", "Closed", source="QĐ 1")
    worked = pk.DayEntry(date(2026, 3, 7), pk.DayKind.LOCAL, "Làm", "Open", working=True)
    local = cal.with_changes(days_off=[off], working_days=[worked])
    assert local.entry(off.day) == off
    assert local.entry(worked.day) == worked


def test_with_changes_names_and_versions(cal: pk.WorkingCalendar) -> None:
    unnamed = cal.with_changes(days_off=[date(2026, 3, 4)])
    assert unnamed.name == "vietnam+local"
    assert unnamed.data_version == f"{cal.data_version}+vietnam+local"
    named = cal.with_changes(days_off=[date(2026, 3, 4)], name="H21")
    assert named.name == "H21"
    assert named.data_version == f"{cal.data_version}+H21"
    assert named.weekend == cal.weekend == frozenset({5, 6})
    assert named.complete_years == cal.complete_years


def test_equal_calendars_hash_alike(cal: pk.WorkingCalendar) -> None:
    a = cal.with_changes(days_off=[date(2026, 3, 4)], name="a")
    b = cal.with_changes(days_off=[date(2026, 3, 4)], name="b")
    c = cal.with_changes(days_off=[date(2026, 3, 5)], name="a")
    assert a == b
    assert hash(a) == hash(b)
    assert a != c
    assert len({a, b, c}) == 2


def test_the_vietnam_calendar_keeps_weekends_and_names(cal: pk.WorkingCalendar) -> None:
    assert cal.weekend == frozenset({5, 6})
    assert cal.name == "vietnam"
    assert cal.is_working_day(date(2025, 3, 8)) is False  # a plain Saturday
    assert cal.is_working_day(date(2025, 3, 9)) is False  # a plain Sunday
    assert cal.reason(date(2025, 3, 8)) == ("Thứ Bảy (nghỉ cuối tuần)", "Saturday (weekend)", None)
    assert cal.reason(date(2025, 3, 9)) == ("Chủ nhật (nghỉ cuối tuần)", "Sunday (weekend)", None)
    assert repr(cal) == "WorkingCalendar.vietnam()"


def _shipped_table() -> dict[str, Any]:
    return json.loads(_build.table_path().read_text(encoding="utf-8"))


def test_the_calendar_from_the_shipped_table_keeps_its_names_and_weekend() -> None:
    # WorkingCalendar.vietnam() is cached; the table is read again here so that the fast
    # constructor itself runs.
    table = _shipped_table()
    cal = calendar_from_table(table)
    assert cal.weekend == frozenset({5, 6})
    assert cal.name == "vietnam"
    assert cal.data_version == str(table["data_version"])
    assert cal.is_working_day(date(2025, 3, 8)) is False  # a plain Saturday
    assert cal.reason(date(2025, 3, 9)) == ("Chủ nhật (nghỉ cuối tuần)", "Sunday (weekend)", None)


def test_a_table_of_the_wrong_length_is_refused() -> None:
    table = _shipped_table()
    table["working_days"] = {**table["working_days"], "2060": table["working_days"]["2060"][:-1]}
    n = (date(2060, 12, 31) - date(2010, 1, 1)).days + 1
    with pytest.raises(pk.InvalidArgumentError) as info:
        calendar_from_table(table)
    err = info.value
    assert err.message == f"working must hold {n} days, got {n - 1}"
    assert err.path == "working"
    assert err.value == n - 1
    assert err.expected == f"{n} bytes, one per day from 2010-01-01 to 2060-12-31"


def test_calendars_with_other_days_hash_apart(cal: pk.WorkingCalendar) -> None:
    # The hash is taken from the working days and year statuses, so calendars used as dict
    # keys (one per agency) spread; a 64-bit collision here would be a broken hash.
    local = [cal.with_changes(days_off=[date(2026, 3, d)]) for d in (2, 3, 4, 5, 6)]
    assert len({hash(c) for c in [cal, *local]}) == 6


@pytest.mark.parametrize(
    ("years", "text"),
    [
        ([2025, 2026], "[2025, 2026]"),  # two years: the list is as short as a range
        ([2024, 2025, 2026], "range(2024, 2027)"),
        ([2024, 2026, 2027], "[2024, 2026, 2027]"),  # not consecutive
    ],
)
def test_repr_writes_consecutive_years_as_a_range(years: list[int], text: str) -> None:
    cal = pk.WorkingCalendar(complete_years=years)
    assert repr(cal) == f"WorkingCalendar(complete_years={text})"
    assert eval(repr(cal), {"WorkingCalendar": pk.WorkingCalendar}) == cal
    unverified = pk.WorkingCalendar(unverified_years=years)
    assert repr(unverified) == f"WorkingCalendar(unverified_years={text})"


def test_with_changes_keeps_a_six_day_weeks_weekend() -> None:
    # An office that works Saturdays: its local changes do not give it Saturdays off.
    six_days = pk.WorkingCalendar(weekend=(6,))
    local = six_days.with_changes(days_off=[date(2030, 6, 14)])
    assert local.weekend == frozenset({6})
    assert local.is_working_day(date(2030, 6, 15))  # a Saturday
    assert not local.is_working_day(date(2030, 6, 14))


def test_year_status_out_of_range_names_the_year() -> None:
    with pytest.raises(pk.CalendarRangeError) as info:
        pk.WorkingCalendar().year_status(2061)
    assert (info.value.path, info.value.value) == ("year", 2061)


def test_a_bad_local_name_is_refused_with_the_forms_it_takes() -> None:
    day = date(2030, 6, 14)
    with pytest.raises(pk.InvalidTypeError) as info:
        pk.WorkingCalendar().with_changes(days_off={day: ("Ngày hội",)})  # type: ignore[dict-item]
    err = info.value
    assert err.message == (
        "days_off[2030-06-14] must be a name or a (name_vi, name_en) pair, got ('Ngày hội',)"
    )
    assert err.path == "days_off[2030-06-14]"
    assert err.value == ("Ngày hội",)
    assert err.expected == "'Ngày thành lập Sở' or ('Ngày thành lập Sở', 'Department founding day')"


def test_a_bad_weekend_is_refused_with_its_value() -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.WorkingCalendar(weekend=(5, 7))
    err = info.value
    assert err.message == ("weekend must hold weekday numbers 0 (Monday) to 6 (Sunday), got [5, 7]")
    assert (err.path, err.value) == ("weekend", (5, 7))
    assert err.expected == "(5, 6) for Saturday and Sunday"


def test_every_weekday_may_be_weekend() -> None:
    # Seven weekday numbers are seven valid ones: only entries make working days then.
    opened = pk.DayEntry(date(2030, 6, 14), pk.DayKind.LOCAL, "Mở cửa", "Open", working=True)
    cal = pk.WorkingCalendar([opened], weekend=range(7))
    assert cal.weekend == frozenset(range(7))
    assert not cal.is_working_day(date(2030, 6, 13))
    assert cal.is_working_day(date(2030, 6, 14))
    assert cal.working_days_between(date(2030, 1, 1), date(2030, 12, 31)) == 1


def test_entries_must_be_day_entries() -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        pk.WorkingCalendar([date(2030, 6, 14)])  # type: ignore[list-item]
    err = info.value
    assert err.message == "entries must be DayEntry values, got date"
    assert (err.path, err.value) == ("entries", date(2030, 6, 14))
    assert err.expected == "DayEntry(day=..., kind=DayKind.LOCAL, name_vi=..., name_en=...)"


@pytest.mark.parametrize("day", [date(2009, 12, 31), date(2061, 1, 1)])
def test_an_entry_outside_the_range_is_refused(day: date) -> None:
    entry = pk.DayEntry(day, pk.DayKind.LOCAL, "Nghỉ", "Closed")
    with pytest.raises(pk.CalendarRangeError) as info:
        pk.WorkingCalendar([entry])
    err = info.value
    assert err.message == (
        f"entry day {day} is outside the calendar's range 2010-01-01..2060-12-31"
    )
    assert (err.path, err.value) == ("entry day", day)
    assert err.expected == "a date from 2010-01-01 to 2060-12-31"
    # The bounds themselves are inside.
    for inside in (date(2010, 1, 1), date(2060, 12, 31)):
        cal = pk.WorkingCalendar([pk.DayEntry(inside, pk.DayKind.LOCAL, "Nghỉ", "Closed")])
        assert not cal.is_working_day(inside)


@pytest.mark.parametrize("weekday", range(7))
def test_a_one_day_weekend_is_that_weekday_in_every_week(weekday: int) -> None:
    cal = pk.WorkingCalendar(weekend=(weekday,))
    start = date(2030, 6, 3)  # a Monday
    for k in range(21):
        day = date.fromordinal(start.toordinal() + k)
        assert cal.is_working_day(day) is (day.weekday() != weekday), day
    assert cal.working_days_between(date(2010, 1, 1), date(2010, 1, 15)) == 12


def test_a_year_both_complete_and_unverified_is_refused() -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.WorkingCalendar(complete_years=[2017, 2018], unverified_years=[2017, 2019])
    err = info.value
    assert err.message == "a year cannot be both complete and unverified: [2017]"
    assert (err.path, err.value) == ("unverified_years", [2017])
    assert err.expected == "unverified_years disjoint from complete_years"


def test_calendars_differing_in_days_or_in_entries_are_unequal() -> None:
    # Other weekends, no entries: other days.
    assert pk.WorkingCalendar(weekend=(6,)) != pk.WorkingCalendar()
    # The same days, other entries: a closure named on a Saturday is a fact of the calendar
    # (entry(), reason()), though the Saturday was off anyway.
    plain = pk.WorkingCalendar()
    named = plain.with_changes(days_off={date(2030, 6, 15): "Ngày hội"})
    assert named.table == plain.table
    assert named != plain


class _Day(date):
    """A date subclass, as some libraries hand out: answered like the date itself."""


def test_a_freshly_built_calendar_lists_and_counts_its_days() -> None:
    # Built here, not taken from the cached WorkingCalendar.vietnam(): its tables are new.
    cal = pk.WorkingCalendar().with_changes(days_off=[date(2030, 6, 12)])
    days = list(cal.working_days(date(2030, 6, 10), date(2030, 6, 17)))
    assert days == [date(2030, 6, d) for d in (10, 11, 13, 14, 17)]
    monday, next_monday = _Day(2030, 6, 10), _Day(2030, 6, 17)
    assert cal.working_days_between(monday, next_monday) == 4
    assert cal.add_working_days(monday, 3) == date(2030, 6, 14)
    assert cal.add_working_days(next_monday, -3) == date(2030, 6, 11)
    assert cal.add_working_days(_Day(2030, 6, 15), 0) == date(2030, 6, 17)


class _UnhashableDay(date):
    """A date subclass without a hash: the lookup tables cannot take it, the counts can."""

    __hash__ = None  # type: ignore[assignment]


def test_unhashable_dates_are_counted_like_dates() -> None:
    cal = pk.WorkingCalendar().with_changes(days_off=[date(2030, 6, 12)])
    monday, friday = _UnhashableDay(2030, 6, 10), _UnhashableDay(2030, 6, 14)
    next_monday = _UnhashableDay(2030, 6, 17)
    assert cal.working_days_between(monday, next_monday) == 4
    assert cal.working_days_between(next_monday, monday) == -4
    assert cal.working_days_between(monday, friday) == 3
    assert cal.add_working_days(monday, 3) == date(2030, 6, 14)
    assert cal.add_working_days(next_monday, -3) == date(2030, 6, 11)
    assert cal.add_working_days(_UnhashableDay(2030, 6, 15), 0) == date(2030, 6, 17)
    assert cal.is_working_day(_UnhashableDay(2030, 6, 12)) is False
    assert cal.is_working_day(friday) is True


def test_unhashable_dates_at_the_edges() -> None:
    cal = pk.WorkingCalendar()
    # From a Saturday, the first working day after it is Monday; the Saturday is not counted.
    assert cal.add_working_days(_UnhashableDay(2030, 6, 15), 1) == date(2030, 6, 17)
    assert cal.add_working_days(_UnhashableDay(2030, 6, 15), 2) == date(2030, 6, 18)
    # The first day of the range (a Friday, working in a calendar without entries).
    assert cal.add_working_days(_UnhashableDay(2010, 1, 1), 0) == date(2010, 1, 1)
    assert cal.add_working_days(_UnhashableDay(2010, 1, 4), -1) == date(2010, 1, 1)
    # Past the last day: the calendar's range error, not an IndexError.
    with pytest.raises(pk.CalendarRangeError) as info:
        cal.add_working_days(_UnhashableDay(2060, 12, 31), 1)
    assert (info.value.path, info.value.value) == ("n", 1)
    with pytest.raises(pk.CalendarRangeError):
        cal.add_working_days(_UnhashableDay(2010, 1, 1), -1)


def test_rolling_forward_past_the_last_day_says_plus_zero() -> None:
    # 31 December 2060 is a Friday; with Fridays off there is no working day on or after it.
    cal = pk.WorkingCalendar(weekend=(4, 5, 6))
    with pytest.raises(pk.CalendarRangeError) as info:
        cal.roll_forward(date(2060, 12, 31))
    assert info.value.message == (
        "2060-12-31 + 0 working days falls outside the calendar's range 2010-01-01..2060-12-31"
    )
    with pytest.raises(pk.CalendarRangeError) as info:
        cal.add_working_days(date(2010, 1, 1), -1)
    assert info.value.message.startswith("2010-01-01 - 1 working days falls outside")


def test_a_calendar_built_here_refuses_the_days_just_outside_its_range() -> None:
    # Built in the test (the shipped calendar is cached, so its tables are built once per
    # process): the range check of a fresh calendar's tables, through the slow path.
    cal = pk.WorkingCalendar(weekend=(5, 6))
    for outside in (date(2009, 12, 31), date(2061, 1, 1)):
        with pytest.raises(pk.CalendarRangeError):
            cal.is_working_day(outside)
        with pytest.raises(pk.CalendarRangeError):
            cal.working_days_between(date(2026, 1, 5), outside)
    assert cal.is_working_day(date(2060, 12, 31))  # a Friday, the last day
    assert not cal.is_working_day(date(2010, 1, 2))  # a Saturday, near the first day
