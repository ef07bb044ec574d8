"""Test strength (mutation testing): the working calendar (calendar/working.py).

Each test pins a behaviour a surviving mutant showed unpinned (docs/explanation/testing.md).
"""

from __future__ import annotations

from datetime import date

import pytest

import procedurekit as pk


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
