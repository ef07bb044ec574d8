"""Test strength (mutation testing): the column functions at the calendar's edges, on lookup
tables built afresh, and with numpy arrays mixed with plain columns.

The mutation run of ``deadlines/columns.py`` showed three gaps: the errors of a column whose
result leaves the calendar were checked only where the off-by-ones do not show (the first
bad element decides which index is named); the numpy path was never given a plain column on
one side, a negative count or a date at the calendar's first or last day; and the lookup
tables are cached per calendar, so the code that builds them ran once per process, before
any test could look at it.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit import batch
from procedurekit.deadlines import columns
from procedurekit.errors import CalendarRangeError

CAL = pk.WorkingCalendar.vietnam()
FIRST, LAST = date(2010, 1, 1), date(2060, 12, 31)

# Days near either end of the calendar, where a count can leave it.
edge_days = st.one_of(
    st.dates(min_value=FIRST, max_value=date(2010, 2, 28)),
    st.dates(min_value=date(2060, 11, 1), max_value=LAST),
)
counts = st.integers(-45, 45)


def _first_refused(pairs: list[tuple[date, int]]) -> tuple[int, str] | None:
    """The index and message of the first pair the scalar calendar refuses, if any."""
    for i, (d, n) in enumerate(pairs):
        try:
            CAL.add_working_days(d, n)
        except CalendarRangeError as exc:
            return i, exc.message
    return None


def _check_column(call: object, pairs: list[tuple[date, int]], name: str) -> None:
    refused = _first_refused(pairs)
    if refused is None:
        got = call()  # type: ignore[operator]
        got = got.tolist() if hasattr(got, "tolist") else got
        assert got == [CAL.add_working_days(d, n) for d, n in pairs]
        return
    with pytest.raises(CalendarRangeError) as info:
        call()  # type: ignore[operator]
    i, message = refused
    assert info.value.path == f"{name}[{i}]"
    assert info.value.message == f"{name}[{i}]: {message}"


@given(st.lists(st.tuples(edge_days, counts), min_size=1, max_size=8))
def test_a_count_column_names_the_first_element_the_calendar_refuses(
    pairs: list[tuple[date, int]],
) -> None:
    days, ns = [d for d, _ in pairs], [n for _, n in pairs]
    _check_column(lambda: batch.add_working_days(CAL, days, ns), pairs, "dates")
    if min(ns) >= 0:
        _check_column(lambda: batch.due_dates(CAL, days, ns), pairs, "received")


@given(st.lists(edge_days, min_size=1, max_size=8), counts)
def test_one_count_names_the_first_element_the_calendar_refuses(days: list[date], n: int) -> None:
    pairs = [(d, n) for d in days]
    _check_column(lambda: batch.add_working_days(CAL, days, n), pairs, "dates")
    if n >= 0:
        _check_column(lambda: batch.due_dates(CAL, days, pk.WorkingDays(n)), pairs, "received")


@given(st.lists(st.tuples(edge_days, counts), min_size=1, max_size=8), st.booleans())
def test_the_numpy_path_names_the_same_element(
    pairs: list[tuple[date, int]], one_count: bool
) -> None:
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    arr = np.array([d for d, _ in pairs], dtype="datetime64[D]")
    if one_count:
        n = pairs[0][1]
        pairs = [(d, n) for d, _ in pairs]
        ns: object = n
    else:
        ns = np.array([n for _, n in pairs])
    _check_column(lambda: batch.add_working_days(CAL, arr, ns), pairs, "dates")


def test_zero_past_the_last_working_day_is_refused_as_plus_zero() -> None:
    # 2060-12-31 made a day off: no working day follows it inside the calendar.
    cal = CAL.with_changes(days_off=[LAST])
    with pytest.raises(CalendarRangeError) as info:
        batch.add_working_days(cal, [date(2060, 12, 29), LAST], 0)
    assert info.value.message == (
        "dates[1]: 2060-12-31 + 0 working days falls outside the calendar's range "
        "2010-01-01..2060-12-31"
    )


def test_the_first_working_day_of_the_calendar_is_reachable() -> None:
    # 1 Jan 2010 is a holiday, 2-3 Jan a weekend: Mon 4 Jan is the first working day
    # (index 0 of the working days), reached by 0 from before it and by -1 from after it.
    first = date(2010, 1, 4)
    assert batch.add_working_days(CAL, [FIRST, first], 0) == [first, first]
    assert batch.add_working_days(CAL, [date(2010, 1, 5)], -1) == [first]
    assert batch.add_working_days(CAL, [date(2010, 1, 5)], [-1]) == [first]
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    got = batch.add_working_days(CAL, np.array([FIRST, LAST], dtype="datetime64[D]"), 0)
    assert got.tolist() == [first, CAL.add_working_days(LAST, 0)]


@pytest.mark.parametrize("day", [date(2009, 12, 31), date(2061, 1, 1)])
def test_the_numpy_path_refuses_the_days_just_outside(day: date) -> None:
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    arr = np.array([FIRST, LAST, day], dtype="datetime64[D]")
    with pytest.raises(CalendarRangeError) as info:
        batch.working_days_between(CAL, arr, arr)
    assert info.value.path == "starts[2]"


def test_tables_built_afresh_answer_as_the_calendar() -> None:
    """The per-calendar tables are cached; built again here, they give the scalar answers."""
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    columns._tables_for.cache_clear()
    days = [FIRST, date(2026, 2, 13), date(2026, 2, 14), date(2026, 1, 31), date(2060, 12, 1)]
    assert batch.add_working_days(CAL, days, 2) == [CAL.add_working_days(d, 2) for d in days]
    assert batch.working_days_between(CAL, FIRST, days) == [
        CAL.working_days_between(FIRST, d) for d in days
    ]
    # Calendar days and months index the day table, not the working days.
    assert batch.due_dates(CAL, [date(2026, 2, 13)], pk.CalendarDays(3)) == [date(2026, 2, 23)]
    assert batch.due_dates(CAL, [date(2026, 1, 31)], pk.Months(1)) == [date(2026, 3, 2)]
    with pytest.raises(CalendarRangeError):
        batch.due_dates(CAL, [date(2060, 12, 1)], pk.CalendarDays(40))
    got = batch.add_working_days(CAL, np.array(days, dtype="datetime64[D]"), 2)
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == [CAL.add_working_days(d, 2) for d in days]
    between = batch.working_days_between(CAL, np.array(days, dtype="datetime64[D]"), LAST)
    assert between.dtype == np.dtype("int64")


def test_numpy_arrays_mixed_with_plain_columns() -> None:
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    plain = [date(2026, 2, 13), date(2026, 3, 2), date(2026, 2, 23)]
    arr = np.array(plain, dtype="datetime64[D]")
    ns = [1, -1, 0]
    expected = [date(2026, 2, 23), date(2026, 2, 27), date(2026, 2, 23)]
    # Plain dates with a numpy count column: the numpy path, so a datetime64 array out.
    got = batch.add_working_days(CAL, plain, np.array(ns))
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == expected
    # (13 Feb, 2 Mar] holds 23-27 Feb and 2 Mar: 6 working days (Tết 16-20 Feb).
    wd = [0, 6, 1]
    assert batch.working_days_between(CAL, date(2026, 2, 13), arr).tolist() == wd
    assert batch.working_days_between(CAL, arr, date(2026, 2, 13)).tolist() == [-x for x in wd]
    # (13 Feb, 23 Feb] = 1, (2 Mar, 2 Mar] = 0, (23 Feb, 13 Feb] = -1.
    back = plain[::-1]
    back_arr = np.array(back, dtype="datetime64[D]")
    for starts, ends in [(arr, back), (plain, back_arr), (arr, back_arr)]:
        out = batch.working_days_between(CAL, starts, ends)
        assert out.dtype == np.dtype("int64")
        assert out.tolist() == [1, 0, -1]
    with pytest.raises(pk.InvalidTypeError) as info:
        batch.working_days_between(CAL, arr, [plain[0], "2026-03-02", plain[2]])
    assert info.value.path == "ends[1]"


def test_a_fractional_working_day_is_refused_as_a_whole_column_too() -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        batch.due_dates(CAL, [date(2026, 3, 2)], pk.WorkingDays(0.5))
    assert info.value.path == "durations[0]"
