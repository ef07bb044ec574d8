"""procedurekit.batch: columns equal the scalar calendar; hand-computed vectors; errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit import batch
from procedurekit.errors import CalendarRangeError, InvalidArgumentError, InvalidTypeError

CAL = pk.WorkingCalendar.vietnam()
PLAIN = pk.WorkingCalendar(weekend=(5, 6))  # weekends only: easy to count by hand

days = st.dates(min_value=date(2012, 1, 1), max_value=date(2058, 12, 31))


# -- hand-computed vectors ----------------------------------------------------------------------


def test_add_working_days_over_tet_2026_by_hand() -> None:
    # Tết 2026: Mon 16 .. Fri 20 Feb off (Công văn 9859/VPCP-KGVX), weekends 14-15, 21-22.
    # Fri 13 Feb + 1 → Mon 23 Feb; Mon 2 Mar + 1 → Tue 3 Mar; Mon 23 Feb + 1 → Tue 24 Feb.
    got = batch.add_working_days(CAL, [date(2026, 2, 13), date(2026, 3, 2), date(2026, 2, 23)], 1)
    assert got == [date(2026, 2, 23), date(2026, 3, 3), date(2026, 2, 24)]
    got = batch.add_working_days(
        CAL, [date(2026, 2, 23), date(2026, 2, 14), date(2026, 2, 14)], [-1, 0, 5]
    )
    # -1 from Mon 23 Feb → Fri 13 Feb; 0 from Sat 14 Feb → next working day Mon 23 Feb;
    # +5 from Sat 14 Feb → 23, 24, 25, 26, 27 Feb → Fri 27 Feb.
    assert got == [date(2026, 2, 13), date(2026, 2, 23), date(2026, 2, 27)]


def test_working_days_between_by_hand() -> None:
    # (Fri 13 Feb, Tue 3 Mar 2026]: 23..27 Feb (5) + 2, 3 Mar (2) = 7; reversed = -7;
    # (13 Feb, 13 Feb] = 0; on the plain calendar (Fri 2 Jan 2026, Fri 9 Jan 2026] = 5.
    assert batch.working_days_between(
        CAL,
        [date(2026, 2, 13), date(2026, 3, 3), date(2026, 2, 13)],
        [date(2026, 3, 3), date(2026, 2, 13), date(2026, 2, 13)],
    ) == [7, -7, 0]
    assert batch.working_days_between(CAL, date(2026, 3, 3), [date(2026, 2, 13)]) == [-7]
    assert batch.working_days_between(PLAIN, [date(2026, 1, 2)], date(2026, 1, 9)) == [5]


def test_due_dates_by_hand() -> None:
    received = [
        datetime(2026, 2, 13, 16, 30),  # Fri before Tết, +1 WD → Mon 23 Feb
        date(2026, 2, 13),  # CalendarDays(3) → Mon 16 Feb, Tết → rolls to Mon 23 Feb
        datetime(2026, 1, 31, 9, 0),  # Months(1) → 28 Feb 2026 (clamped), Sat → Mon 2 Mar
        datetime(2026, 3, 2, 15, 30),  # SameDay(15:00): after the cut-off → Tue 3 Mar
        datetime(2026, 3, 2, 15, 0),  # SameDay(15:00): 15:00 itself is in time → Mon 2 Mar
        date(2026, 3, 2),  # NoTimeLimit → None
    ]
    durations = [
        1,
        pk.CalendarDays(3),
        pk.Months(1),
        pk.SameDay(time(15, 0)),
        pk.SameDay(time(15, 0)),
        pk.NoTimeLimit(),
    ]
    assert batch.due_dates(CAL, received, durations) == [
        date(2026, 2, 23),
        date(2026, 2, 23),
        date(2026, 3, 2),
        date(2026, 3, 3),
        date(2026, 3, 2),
        None,
    ]


def test_due_dates_receipt_policies_by_hand() -> None:
    # Sat 7 Mar 2026 10:00 + 1 WD: as submitted → Mon 9 Mar; next opening (received Mon 9
    # Mar 08:00) → Tue 10 Mar. Fri 6 Mar 17:00 (the close) + 1: as submitted → Mon 9;
    # next opening → Mon 9 08:00 + 1 → Tue 10.
    got = [datetime(2026, 3, 7, 10, 0), datetime(2026, 3, 6, 17, 0), datetime(2026, 3, 6, 16, 59)]
    assert batch.due_dates(CAL, got, 1) == [date(2026, 3, 9)] * 3
    assert batch.due_dates(CAL, got, pk.WorkingDays(1), receipt_policy="next-opening") == [
        date(2026, 3, 10),
        date(2026, 3, 10),
        date(2026, 3, 9),
    ]


def test_aware_datetimes_are_converted_to_vietnam_time() -> None:
    # 20:00 UTC on Thu 5 Mar 2026 is 03:00 on Fri 6 Mar in Vietnam: +1 WD → Mon 9 Mar.
    aware = datetime(2026, 3, 5, 20, 0, tzinfo=UTC)
    assert batch.due_dates(CAL, [aware], 1) == [date(2026, 3, 9)]


def test_outcomes_by_hand() -> None:
    due = [date(2026, 3, 2)] * 5 + [None, None]
    ends = [
        date(2026, 2, 27),  # before → early
        datetime(2026, 3, 2, 23, 59),  # on the due day (period ends 24:00) → on time
        date(2026, 3, 3),  # after → late
        None,  # open, as_of 3 Mar > 2 Mar → overdue
        None,
        date(2026, 3, 9),  # no time limit, finished → on time
        None,  # no time limit, open → in time
    ]
    got = batch.outcomes(due, ends, as_of=date(2026, 3, 3))
    assert got == ["early", "on_time", "late", "overdue", "overdue", "on_time", "in_time"]
    assert batch.outcomes([date(2026, 3, 2)], [None]) == [None]  # no as_of: open is unknown


# -- equal to the scalar calendar -------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(days, st.integers(-400, 400)), min_size=1, max_size=40))
def test_add_working_days_equals_scalar(pairs: list[tuple[date, int]]) -> None:
    ds = [d for d, _ in pairs]
    ns = [n for _, n in pairs]
    assert batch.add_working_days(CAL, ds, ns) == [CAL.add_working_days(d, n) for d, n in pairs]
    assert batch.add_working_days(CAL, ds, ns[0]) == [CAL.add_working_days(d, ns[0]) for d in ds]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(days, days), min_size=1, max_size=40))
def test_working_days_between_equals_scalar(pairs: list[tuple[date, date]]) -> None:
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    assert batch.working_days_between(CAL, a, b) == [
        CAL.working_days_between(x, y) for x, y in pairs
    ]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(days, st.integers(0, 200)), min_size=1, max_size=30))
def test_numpy_path_equals_pure_python(pairs: list[tuple[date, int]]) -> None:
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    ds = [d for d, _ in pairs]
    ns = [n for _, n in pairs]
    arr = np.array(ds, dtype="datetime64[D]")
    got = batch.add_working_days(CAL, arr, np.array(ns))
    assert got.tolist() == batch.add_working_days(CAL, ds, ns)
    wd = batch.working_days_between(CAL, arr, arr[::-1])
    assert wd.tolist() == batch.working_days_between(CAL, ds, ds[::-1])


def test_numpy_datetimes_take_their_day() -> None:
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    arr = np.array(["2026-02-13T16:30", "2026-03-02T08:00"], dtype="datetime64[m]")
    got = batch.due_dates(CAL, arr, 1)
    assert got.tolist() == [date(2026, 2, 23), date(2026, 3, 3)]


def test_iterables_and_tuples_are_columns() -> None:
    gen = (date(2026, 2, 13) + timedelta(days=k) for k in range(3))
    assert len(batch.add_working_days(CAL, gen, 2)) == 3
    assert batch.add_working_days(CAL, (date(2026, 2, 13),), 1) == [date(2026, 2, 23)]
    assert batch.add_working_days(CAL, [], 3) == []


# -- errors name the column and the index ------------------------------------------------------


def test_datetime_in_a_date_column_is_refused_with_its_index() -> None:
    with pytest.raises(InvalidTypeError, match=r"dates\[1\]") as info:
        batch.add_working_days(CAL, [date(2026, 1, 5), datetime(2026, 1, 6, 9)], 1)
    assert info.value.path == "dates[1]"
    with pytest.raises(InvalidTypeError, match=r"ends\[0\]"):
        batch.working_days_between(CAL, [date(2026, 1, 5)], [datetime(2026, 1, 6)])


D = date(2026, 1, 5)
ADD = batch.add_working_days
DUE = batch.due_dates


@pytest.mark.parametrize(
    ("call", "error", "path"),
    [
        (lambda: ADD(CAL, [D, "2026-01-06"], 1), InvalidTypeError, "dates[1]"),
        (lambda: ADD(CAL, [date(2061, 1, 3)], 1), CalendarRangeError, "dates[0]"),
        (lambda: ADD(CAL, [date(2060, 12, 30)], 5), CalendarRangeError, "dates[0]"),
        (lambda: ADD(CAL, [date(2010, 1, 4)], -5), CalendarRangeError, "dates[0]"),
        (lambda: ADD(CAL, [D, D], [1, True]), InvalidTypeError, "ns[1]"),
        (lambda: ADD(CAL, [D, D], [1.0, 2]), InvalidTypeError, "ns[0]"),
        (lambda: ADD(CAL, [D, D], [1]), InvalidArgumentError, "ns"),
        (lambda: DUE(CAL, [D, None], 1), InvalidTypeError, "received[1]"),
        (lambda: DUE(CAL, [date(2060, 12, 31)], 3), CalendarRangeError, "received[0]"),
        (lambda: DUE(CAL, [D], [pk.WorkingHours(4)]), InvalidArgumentError, "durations[0]"),
        (lambda: DUE(CAL, [D], ["5"]), InvalidTypeError, "durations[0]"),
        (lambda: DUE(CAL, [D], 1, receipt_policy="x"), InvalidArgumentError, "receipt_policy"),
        (lambda: batch.outcomes([D, "x"], [None, None]), InvalidTypeError, "due[1]"),
        (lambda: batch.outcomes([D], [3]), InvalidTypeError, "ends[0]"),
        (lambda: ADD("cal", [D], 1), InvalidTypeError, "calendar"),
        (lambda: ADD(CAL, D, 1), InvalidTypeError, "dates"),
    ],
)
def test_errors(call: object, error: type[Exception], path: str) -> None:
    with pytest.raises(error) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, pk.ProcedureKitError)
    assert info.value.path == path
    assert path.split("[")[0] in str(info.value)


def test_numpy_errors_name_the_index() -> None:
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    arr = np.array(["2026-01-05", "NaT"], dtype="datetime64[D]")
    with pytest.raises(CalendarRangeError) as info:
        batch.add_working_days(CAL, arr, 1)
    assert info.value.path == "dates[1]"
    with pytest.raises(InvalidTypeError):
        batch.add_working_days(CAL, np.array([1, 2]), 1)


moments = st.datetimes(min_value=datetime(2019, 1, 1), max_value=datetime(2027, 12, 31))
day_durations = st.one_of(
    st.integers(0, 60).map(pk.WorkingDays),
    st.integers(0, 90).map(pk.CalendarDays),
    st.integers(1, 24).map(pk.Months),
    st.sampled_from([pk.SameDay(), pk.SameDay(time(15, 0)), pk.NoTimeLimit()]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(moments, day_durations), min_size=1, max_size=20),
    st.sampled_from(["as-submitted", "next-opening"]),
)
def test_due_dates_equal_deadline_rules(
    pairs: list[tuple[datetime, pk.Duration]], policy: str
) -> None:
    deadlines = pytest.importorskip("procedurekit.deadlines")
    rules = deadlines.DeadlineRules(CAL, receipt_policy=policy)
    received = [t for t, _ in pairs]
    durations = [d for _, d in pairs]
    expected = [rules.due(t, d).due_date for t, d in pairs]
    assert batch.due_dates(CAL, received, durations, receipt_policy=policy) == expected


optional_days = st.one_of(
    st.none(), st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(optional_days, optional_days), min_size=1, max_size=30), optional_days)
def test_outcomes_equal_the_one_classifier(
    pairs: list[tuple[date | None, date | None]], as_of: date | None
) -> None:
    """The column classifier gives the answer of :func:`procedurekit.deadlines.classify`."""
    from procedurekit.deadlines import classify

    due = [d for d, _ in pairs]
    ends = [e for _, e in pairs]
    found = batch.outcomes(due, ends, as_of=as_of)
    expected = [classify(d, e, as_of) for d, e in pairs]
    assert found == [None if o is None else o.value for o in expected]


@pytest.mark.parametrize("policy", ["state-treasury", "customs"])
def test_sector_receipt_policies_are_next_opening(policy: str) -> None:
    """The receipt policies DeadlineRules accepts, batch accepts too (one vocabulary)."""
    friday_evening = [datetime(2026, 2, 27, 17, 30)]
    assert batch.due_dates(CAL, friday_evening, 1, receipt_policy=policy) == batch.due_dates(
        CAL, friday_evening, 1, receipt_policy="next-opening"
    )
