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

from datetime import UTC, date, datetime, time

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


# -- office hours, make-up days and the time of a receipt -----------------------------------

DAY = ["07:30-11:30", "13:30-17:00"]
# Mondays 07:00-11:00 and Saturday mornings 08:30-10:00: a make-up Saturday (làm bù,
# 10 January 2026) works Monday's hours, closing at 11:00, not its own 10:00.
SATURDAYS = pk.OfficeHours({0: ["07:00-11:00"], 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: ["08:30-10:00"]})
receipts = st.datetimes(min_value=datetime(2025, 12, 20), max_value=datetime(2026, 2, 28))
short_durations = st.one_of(
    st.integers(0, 10),
    st.integers(0, 10).map(pk.WorkingDays),
    st.integers(0, 20).map(pk.CalendarDays),
    st.sampled_from([pk.SameDay(), pk.SameDay(time(10, 0)), pk.Months(1)]),
)


@given(
    st.lists(st.tuples(receipts, short_durations), min_size=1, max_size=10),
    st.sampled_from(["as-submitted", "next-opening"]),
)
def test_due_dates_with_office_hours_of_their_own_equal_deadline_rules(
    pairs: list[tuple[datetime, int | pk.Duration]], policy: str
) -> None:
    rules = pk.DeadlineRules(CAL, SATURDAYS, receipt_policy=policy)
    received = [t for t, _ in pairs]
    durations = [d for _, d in pairs]
    expected = [
        rules.due(t, pk.WorkingDays(d) if isinstance(d, int) else d).due_date for t, d in pairs
    ]
    got = batch.due_dates(CAL, received, durations, hours=SATURDAYS, receipt_policy=policy)
    assert got == expected


def test_a_receipt_on_a_makeup_saturday_is_judged_by_the_makeup_hours() -> None:
    saturday_1030 = [datetime(2026, 1, 10, 10, 30)]  # after 10:00, before Monday's 11:00
    # In time: received on the Saturday, so one working day later is Monday 12 January.
    got = batch.due_dates(CAL, saturday_1030, 1, hours=SATURDAYS, receipt_policy="next-opening")
    assert got == [date(2026, 1, 12)]
    assert batch.due_dates(CAL, saturday_1030, pk.SameDay(), hours=SATURDAYS) == [date(2026, 1, 10)]
    # Monday 12 January 11:30 is after that office's close: the next opening is Tuesday.
    monday_1130 = [datetime(2026, 1, 12, 11, 30)]
    got = batch.due_dates(CAL, monday_1130, 1, hours=SATURDAYS, receipt_policy="next-opening")
    assert got == [date(2026, 1, 14)]
    assert batch.due_dates(CAL, monday_1130, [pk.SameDay()], hours=SATURDAYS) == [date(2026, 1, 13)]
    # The standard hours close at 17:00: the same receipts are in time.
    assert batch.due_dates(CAL, monday_1130, 1, receipt_policy="next-opening") == [
        date(2026, 1, 13)
    ]


def test_same_day_at_the_close_is_the_next_working_day() -> None:
    # Standard hours close at 17:00: a receipt at 17:00 is after hours (Art. 10 of Circular
    # 87/2021/TT-BTC reads "at or after the close").
    at_close = [datetime(2026, 3, 2, 17, 0), datetime(2026, 3, 2, 16, 59, 59)]
    assert batch.due_dates(CAL, at_close, pk.SameDay()) == [date(2026, 3, 3), date(2026, 3, 2)]


def test_an_aware_receipt_takes_its_vietnam_day() -> None:
    # 16:59:59 UTC is 23:59:59 in Vietnam (UTC+07:00), the same day; 17:00 UTC the next.
    late = [datetime(2026, 3, 2, 16, 59, 59, tzinfo=UTC), datetime(2026, 3, 2, 17, tzinfo=UTC)]
    assert batch.due_dates(CAL, late, 1) == [date(2026, 3, 3), date(2026, 3, 4)]
    assert batch.outcomes([date(2026, 3, 2)] * 2, late) == ["on_time", "late"]


# -- the general path (a mixed duration column) at the calendar's edges -----------------------


def test_the_general_path_at_the_calendars_first_day() -> None:
    # 0 working days or 0 calendar days from 1 Jan 2010 (a holiday): Mon 4 Jan, the first
    # working day, index 0 of the working days and of the day table.
    got = batch.due_dates(CAL, [FIRST, FIRST, date(2010, 1, 5)], [0, pk.CalendarDays(0), -1])
    assert got == [date(2010, 1, 4), date(2010, 1, 4), date(2010, 1, 4)]


def test_the_general_path_at_the_calendars_last_day() -> None:
    # Months into the last year are inside the calendar.
    got = batch.due_dates(CAL, [date(2059, 12, 15), date(2060, 11, 15)], pk.Months(1))
    assert got == [CAL.roll_forward(date(2060, 1, 15)), CAL.roll_forward(date(2060, 12, 15))]
    off = CAL.with_changes(days_off=[LAST])  # no working day after 30 December 2060
    with pytest.raises(CalendarRangeError) as info:
        batch.due_dates(off, [date(2060, 12, 1), date(2060, 12, 30)], [1, pk.CalendarDays(1)])
    assert info.value.message == (
        "received[1]: 2060-12-30 + CalendarDays(1) falls outside the calendar's range "
        "2010-01-01..2060-12-31"
    )
    with pytest.raises(CalendarRangeError) as info:
        batch.due_dates(off, [date(2060, 12, 1), date(2060, 12, 30)], [pk.CalendarDays(1), 1])
    assert info.value.message == (
        "received[1]: 2060-12-30 + 1 working days falls outside the calendar's range "
        "2010-01-01..2060-12-31"
    )
    assert info.value.path == "received[1]"
    assert info.value.value == date(2060, 12, 30)


# -- numpy in and out for outcomes and the general path --------------------------------------


def test_outcomes_take_numpy_arrays() -> None:
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    due = [date(2026, 3, 2)] * 4
    ends = [date(2026, 2, 27), date(2026, 3, 2), date(2026, 3, 3), None]
    expected = ["early", "on_time", "late", "overdue"]
    due_arr = np.array(due, dtype="datetime64[D]")
    ends_arr = np.array(ends, dtype="datetime64[D]")  # None is NaT: still open
    for d, e in [(due_arr, ends), (due, ends_arr), (due_arr, ends_arr)]:
        assert batch.outcomes(d, e, as_of=date(2026, 3, 4)) == expected


def test_due_dates_general_path_takes_numpy_arrays() -> None:
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    received = [datetime(2026, 2, 13, 17, 30), datetime(2026, 3, 2, 9, 0)]
    arr = np.array(received, dtype="datetime64[s]")
    # next-opening: Friday 13 Feb 17:30 is received on Mon 23 Feb (Tết), + 2 → Wed 25 Feb.
    expected = [date(2026, 2, 25), date(2026, 3, 4)]
    for r, n in [(arr, [2, 2]), (received, np.array([2, 2])), (arr, np.array([2, 2]))]:
        assert batch.due_dates(CAL, r, n, receipt_policy="next-opening") == expected


# -- every column is named in its errors -----------------------------------------------------

D = date(2026, 1, 5)
LATE = date(2061, 1, 1)


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: batch.add_working_days(CAL, [D], "5"), "ns"),
        (lambda: batch.working_days_between(CAL, D, "x"), "ends"),
        (lambda: batch.working_days_between(CAL, "x", D), "starts"),
        (lambda: batch.working_days_between(CAL, [D], 5), "ends"),
        (lambda: batch.working_days_between(CAL, 5, [D]), "starts"),
        (lambda: batch.working_days_between(CAL, D, [D, "x"]), "ends[1]"),
        (lambda: batch.working_days_between(CAL, [D, "x"], D), "starts[1]"),
        (lambda: batch.working_days_between(CAL, [D, "x"], [D, D]), "starts[1]"),
        (lambda: batch.working_days_between(CAL, [D, D], [D, "x"]), "ends[1]"),
        (lambda: batch.working_days_between(CAL, D, [D, LATE]), "ends[1]"),
        (lambda: batch.working_days_between(CAL, [D, LATE], [LATE, D]), "starts[1]"),
        (lambda: batch.working_days_between(CAL, [D, D], [D, LATE]), "ends[1]"),
        (lambda: batch.due_dates(CAL, "x", 1), "received"),
        (lambda: batch.due_dates(CAL, [D], "5"), "durations"),
        (lambda: batch.due_dates(CAL, [D, "x"], pk.SameDay()), "received[1]"),
        (lambda: batch.due_dates(CAL, [D, LATE], [pk.SameDay(), 1]), "received[1]"),
        (lambda: batch.outcomes("x", [D]), "due"),
        (lambda: batch.outcomes([D], "x"), "ends"),
    ],
)
def test_errors_name_the_column(call: object, path: str) -> None:
    with pytest.raises(pk.ProcedureKitError) as info:
        call()  # type: ignore[operator]
    assert info.value.path == path
    assert info.value.message.startswith(f"{path} ")


def test_a_bad_duration_element_keeps_its_value_and_what_was_expected() -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        batch.due_dates(CAL, [D, D], [1, "5"])
    assert (info.value.path, info.value.value, info.value.expected) == (
        "durations[1]",
        "5",
        "an int or a Duration (WorkingDays, CalendarDays, Months, ...)",
    )


def test_the_element_named_is_the_first_that_fails_exactly_at_the_edge() -> None:
    # A day off whose count lands exactly on the calendar's last working day is inside it;
    # the element after it is the first to fail (an off-by-one would name index 0).
    last_working = LAST  # Friday 31 December 2060
    assert CAL.is_working_day(last_working)
    sunday = date(2060, 12, 5)
    assert not CAL.is_working_day(sunday)
    n = CAL.working_days_between(sunday, last_working)
    with pytest.raises(CalendarRangeError) as info:
        batch.add_working_days(CAL, [sunday, last_working], [n, 1])
    assert info.value.path == "dates[1]"
    # The same for one working day after a day off (30 December 2060 made one).
    off = CAL.with_changes(days_off=[date(2060, 12, 30)])
    with pytest.raises(CalendarRangeError) as info:
        batch.add_working_days(off, [date(2060, 12, 30), last_working], 1)
    assert info.value.path == "dates[1]"
    # The first working day is index 0 of the working days: reached from 5 Jan 2010 by -1.
    with pytest.raises(CalendarRangeError) as info:
        batch.add_working_days(CAL, [date(2010, 1, 5), date(2010, 1, 4)], [-1, -5])
    assert info.value.path == "dates[1]"
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    # One past the last working day, on the numpy path: refused, not an IndexError.
    with pytest.raises(CalendarRangeError) as info:
        batch.add_working_days(CAL, np.array([last_working], dtype="datetime64[D]"), 1)
    assert info.value.path == "dates[0]"
    with pytest.raises(pk.InvalidTypeError) as type_info:
        batch.add_working_days(CAL, 5, np.array([1]))
    assert type_info.value.path == "dates"


def test_each_path_of_due_dates_names_the_receipt_column() -> None:
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    message = (
        "received[1]: 2060-12-31 + 5 working days falls outside the calendar's range "
        "2010-01-01..2060-12-31"
    )
    for durations in ([1, 5], [pk.WorkingDays(1), pk.WorkingDays(5)], [pk.CalendarDays(1), 5]):
        with pytest.raises(CalendarRangeError) as info:
            batch.due_dates(CAL, [D, LAST], durations)
        assert info.value.message == message
    with pytest.raises(CalendarRangeError) as info:
        batch.due_dates(CAL, np.array([D, LAST], dtype="datetime64[D]"), 5)
    assert info.value.message == message
    # WorkingDays on the numpy path is its whole number of days.
    got = batch.due_dates(
        CAL, np.array([date(2026, 2, 13)], dtype="datetime64[D]"), pk.WorkingDays(2)
    )
    assert got.tolist() == [date(2026, 2, 24)]


def test_one_same_day_duration_for_all_uses_the_office_hours_and_the_calendar() -> None:
    monday_1130 = [datetime(2026, 1, 12, 11, 30)]  # after that office's 11:00 close
    assert batch.due_dates(CAL, monday_1130, pk.SameDay(), hours=SATURDAYS) == [date(2026, 1, 13)]
    # The make-up Saturday's close (Monday's 11:00, from the calendar) in a column too.
    saturday_1030 = [datetime(2026, 1, 10, 10, 30)]
    assert batch.due_dates(CAL, saturday_1030, [pk.SameDay()], hours=SATURDAYS) == [
        date(2026, 1, 10)
    ]


def test_an_unknown_receipt_policy() -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        batch.due_dates(CAL, [D], 1, receipt_policy="x")  # type: ignore[arg-type]
    err = info.value
    assert err.message == (
        "receipt_policy must be one of 'as-submitted', 'next-opening', 'state-treasury', "
        "'customs', got 'x'"
    )
    assert (err.path, err.value, err.expected) == ("receipt_policy", "x", "'as-submitted'")
