"""Hypothesis properties of the Vietnamese calendar against a day-by-day reference."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.calendar import _build
from procedurekit.calendar.working import FIRST_DAY, LAST_DAY

CAL = pk.WorkingCalendar.vietnam()
ONE = timedelta(days=1)
# Keep n-day walks inside the range: 300 working days is well under 450 calendar days.
INNER = st.dates(min_value=FIRST_DAY + timedelta(450), max_value=LAST_DAY - timedelta(450))
ANY = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
N = st.integers(min_value=-300, max_value=300)


#: The reference data: the dated entries of the shipped data file, read without the library.
ENTRIES = {
    date.fromisoformat(row[0]): bool(row[4])
    for row in json.loads(_build.table_path().read_text(encoding="utf-8"))["entries"]
}


def ref_is_working(d: date) -> bool:
    """The reference: the dated entries, else Monday to Friday; one day at a time."""
    if d in ENTRIES:
        return ENTRIES[d]
    return d.weekday() < 5


def ref_add(d: date, n: int) -> date:
    if n == 0:
        while not ref_is_working(d):
            d += ONE
        return d
    step = ONE if n > 0 else -ONE
    left = abs(n)
    while left:
        d += step
        if ref_is_working(d):
            left -= 1
    return d


def ref_between(a: date, b: date) -> int:
    if b < a:
        return -ref_between(b, a)
    count, d = 0, a
    while d < b:
        d += ONE
        count += ref_is_working(d)
    return count


@given(ANY)
def test_is_working_day_matches_reference(d: date) -> None:
    assert CAL.is_working_day(d) is ref_is_working(d)


@given(INNER, N)
def test_add_matches_reference(d: date, n: int) -> None:
    assert CAL.add_working_days(d, n) == ref_add(d, n)


@given(INNER, st.integers(min_value=-400, max_value=400))
def test_between_matches_reference(a: date, k: int) -> None:
    b = a + timedelta(k)
    assert CAL.working_days_between(a, b) == ref_between(a, b)


@given(INNER, N)
def test_result_is_a_working_day(d: date, n: int) -> None:
    assert CAL.is_working_day(CAL.add_working_days(d, n))


@given(INNER, N)
def test_add_then_count_gives_n(d: date, n: int) -> None:
    start = CAL.roll_forward(d)
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@given(INNER, N)
def test_add_then_subtract_returns(d: date, n: int) -> None:
    start = CAL.roll_forward(d)
    assert CAL.add_working_days(CAL.add_working_days(start, n), -n) == start


@given(INNER, st.integers(min_value=1, max_value=300))
def test_add_is_strictly_monotonic(d: date, n: int) -> None:
    assert CAL.add_working_days(d, n) > d
    assert CAL.add_working_days(d, -n) < d
