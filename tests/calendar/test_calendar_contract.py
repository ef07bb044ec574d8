"""The contract every working calendar keeps, whichever way it was built.

A calendar is the same object whether it is the weekmask alone, a hand-built table, the
official calendar as shipped, as known on a day, with an announcement file, with local
changes, assembled afresh from ``holidays`` and the overlay, or unpickled: each one runs the
same properties (STYLE.md: a contract suite every implementation runs, as exchange_calendars
does).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from _paths import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.calendar.working import FIRST_DAY, LAST_DAY, DayEntry, DayKind


def _hand_built() -> pk.WorkingCalendar:
    return pk.WorkingCalendar(
        [
            DayEntry(date(2030, 1, 1), DayKind.STATUTORY, "Tết Dương lịch", "New Year's Day"),
            DayEntry(date(2030, 1, 5), DayKind.MAKEUP, "Làm bù", "make-up day", working=True),
        ],
        complete_years=range(2010, 2031),
    )


def _assembled() -> pk.WorkingCalendar:
    from procedurekit.calendar.vietnam import assemble, package_announcements

    return assemble(package_announcements())


FACTORIES: dict[str, Callable[[], pk.WorkingCalendar]] = {
    "weekends-only": pk.WorkingCalendar,
    "hand-built": _hand_built,
    "vietnam": pk.WorkingCalendar.vietnam,
    "vietnam-known-at": lambda: pk.WorkingCalendar.vietnam(known_at=date(2024, 6, 1)),
    "vietnam-extra-file": lambda: pk.WorkingCalendar.vietnam(
        extra_files=[ROOT / "docs" / "examples" / "announcement-2027.example.toml"]
    ),
    "with-changes": lambda: pk.WorkingCalendar.vietnam().with_changes(
        days_off=[date(2026, 3, 6)], working_days=[date(2026, 3, 7)], name="ubnd-x"
    ),
    "assembled": _assembled,
    "unpickled": lambda: pickle.loads(pickle.dumps(pk.WorkingCalendar.vietnam())),
}

_BUILT: dict[str, pk.WorkingCalendar] = {}


@pytest.fixture(params=sorted(FACTORIES), scope="module")
def calendar(request: pytest.FixtureRequest) -> pk.WorkingCalendar:
    name: str = request.param
    if name not in _BUILT:
        _BUILT[name] = FACTORIES[name]()
    return _BUILT[name]


days = st.dates(min_value=FIRST_DAY + timedelta(days=400), max_value=LAST_DAY - timedelta(days=400))
counts = st.integers(1, 200)
contract = settings(max_examples=60)


@contract
@given(d=days, n=counts)
def test_adding_then_counting_gives_n_back(calendar: pk.WorkingCalendar, d: date, n: int) -> None:
    later = calendar.add_working_days(d, n)
    assert later > d
    assert calendar.is_working_day(later)
    assert calendar.working_days_between(d, later) == n


@contract
@given(d=days, n=counts)
def test_counting_back(calendar: pk.WorkingCalendar, d: date, n: int) -> None:
    d = calendar.roll_forward(d)
    earlier = calendar.add_working_days(d, -n)
    assert earlier < d
    assert calendar.is_working_day(earlier)
    assert calendar.working_days_between(d, earlier) == -n


@contract
@given(a=days, b=days)
def test_between_is_antisymmetric_and_half_open(
    calendar: pk.WorkingCalendar, a: date, b: date
) -> None:
    assert calendar.working_days_between(a, b) == -calendar.working_days_between(b, a)
    if a <= b and (b - a).days < 60:
        assert calendar.working_days_between(a, b) == sum(
            1 for k in range(1, (b - a).days + 1) if calendar.is_working_day(a + timedelta(days=k))
        )


@contract
@given(d=days)
def test_zero_and_rolling(calendar: pk.WorkingCalendar, d: date) -> None:
    rolled = calendar.roll_forward(d)
    assert calendar.add_working_days(d, 0) == rolled
    assert calendar.is_working_day(rolled)
    assert (rolled == d) == calendar.is_working_day(d)
    assert calendar.next_working_day(d) == calendar.add_working_days(d, 1)
    assert calendar.previous_working_day(rolled) < rolled


@contract
@given(d=days)
def test_status_and_provisional_agree(calendar: pk.WorkingCalendar, d: date) -> None:
    status = calendar.year_status(d.year)
    assert status in ("complete", "provisional", "unverified")
    assert calendar.is_provisional(d) == (status != "complete")
    assert (d.year in calendar.complete_years) == (status == "complete")


def test_range_and_types_are_refused(calendar: pk.WorkingCalendar) -> None:
    for outside in (FIRST_DAY - timedelta(days=1), LAST_DAY + timedelta(days=1)):
        with pytest.raises(pk.CalendarRangeError):
            calendar.is_working_day(outside)
    with pytest.raises(pk.InvalidTypeError):
        calendar.is_working_day(datetime(2026, 3, 2, 9))  # type: ignore[arg-type]
    with pytest.raises(pk.CalendarRangeError):
        calendar.add_working_days(LAST_DAY, 5)
    assert calendar.first_day == FIRST_DAY
    assert calendar.last_day == LAST_DAY


def test_equal_calendars_hash_alike_and_survive_pickling(calendar: pk.WorkingCalendar) -> None:
    copy = pickle.loads(pickle.dumps(calendar))
    assert copy == calendar
    assert hash(copy) == hash(calendar)
    assert copy.data_version == calendar.data_version
    assert copy.table == calendar.table


def test_every_entry_explains_its_day(calendar: pk.WorkingCalendar) -> None:
    for year in (2014, 2026, 2030):
        for entry in calendar.entries(year):
            assert calendar.is_working_day(entry.day) == entry.working
            assert calendar.entry(entry.day) == entry
            if not entry.working:
                assert calendar.reason(entry.day) is not None
