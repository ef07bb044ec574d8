"""Hypothesis properties of the deadline engine on the official calendar."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import procedurekit as pk

CAL = pk.WorkingCalendar.vietnam()
HOURS = (pk.OfficeHours.standard(), pk.OfficeHours.bac_giang())
AS_SUBMITTED = {h.name: pk.DeadlineRules(CAL, h) for h in HOURS}
NEXT_OPENING = {h.name: pk.DeadlineRules(CAL, h, receipt_policy="next-opening") for h in HOURS}

moments = st.datetimes(min_value=datetime(2019, 1, 1), max_value=datetime(2026, 12, 31, 23, 59))
days = st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31))
hours_names = st.sampled_from(sorted(AS_SUBMITTED))
day_durations = st.one_of(
    st.integers(0, 60).map(pk.WorkingDays),
    st.integers(0, 90).map(pk.CalendarDays),
    st.integers(0, 24).map(pk.Months),
    st.sampled_from([pk.SameDay(), pk.SameDay(time(15)), pk.SameDay(time(11, 30))]),
)
hour_durations = st.one_of(
    st.integers(0, 80).map(pk.WorkingHours),
    st.sampled_from([Decimal("0.5"), Decimal("1.5"), Decimal("2.25")]).map(pk.WorkingHours),
    st.sampled_from([Decimal("0.5"), Decimal("1.5"), Decimal("3.5")]).map(pk.WorkingDays),
)
any_duration = st.one_of(day_durations, hour_durations)


@given(moments, day_durations, hours_names)
def test_day_based_due_date_is_a_working_day(
    received: datetime, duration: pk.Duration, h: str
) -> None:
    dl = AS_SUBMITTED[h].due(received, duration)
    assert dl.due_date is not None
    assert CAL.is_working_day(dl.due_date)
    assert dl.due_date >= received.date()
    assert dl.due_at == AS_SUBMITTED[h].hours.closing(dl.due_date, CAL)


@given(moments, any_duration, hours_names)
def test_due_at_within_office_hours(received: datetime, duration: pk.Duration, h: str) -> None:
    rules = AS_SUBMITTED[h]
    dl = rules.due(received, duration)
    assert dl.due_at is not None
    local = dl.due_at.replace(tzinfo=None)
    sessions = rules.hours.sessions(local.date(), CAL)
    assert any(
        datetime.combine(local.date(), s.start) <= local <= datetime.combine(local.date(), s.end)
        for s in sessions
    )


@given(moments, any_duration, hours_names)
def test_as_submitted_never_later_than_next_opening(
    received: datetime, duration: pk.Duration, h: str
) -> None:
    a = AS_SUBMITTED[h].due(received, duration)
    b = NEXT_OPENING[h].due(received, duration)
    assert a.due_date is not None
    assert b.due_date is not None
    assert a.due_date <= b.due_date
    assert a.receipt <= b.receipt
    assert NEXT_OPENING[h].hours.is_open(b.receipt, CAL)


@given(moments, st.integers(0, 40), days)
def test_pausing_zero_working_days_changes_nothing(received: datetime, n: int, start: date) -> None:
    assume(start >= received.date())  # the clock starts at the receipt (decision 1)
    dl = AS_SUBMITTED["standard"].due(received, pk.WorkingDays(n))
    end = start
    while (
        end < date(2026, 12, 31) and CAL.working_days_between(start, end + timedelta(days=1)) == 0
    ):
        end += timedelta(days=1)
    paused = dl.paused(start, end)
    assert CAL.working_days_between(start, end) == 0
    assert paused.due_date == dl.due_date
    assert paused.due_at == dl.due_at


@given(moments, st.integers(1, 40), st.integers(0, 60), st.integers(0, 20), st.integers(0, 40))
def test_pauses_of_the_same_length_add_up(
    received: datetime, n: int, offset: int, length: int, gap: int
) -> None:
    dl = AS_SUBMITTED["standard"].due(received, pk.WorkingDays(n))
    assert dl.due_date is not None
    # Both pauses within the legal period (decisions 1 and 9).
    start = received.date() + timedelta(days=offset)
    first_end = CAL.add_working_days(start, length) if length else start
    second_start = first_end + timedelta(days=gap)
    second_end = CAL.add_working_days(second_start, length) if length else second_start
    assume(second_start <= dl.due_date)
    k1 = CAL.working_days_between(start, first_end)
    k2 = CAL.working_days_between(second_start, second_end)
    assert k1 == k2 == length
    twice = dl.paused(start, first_end).paused(second_start, second_end)
    assert twice.due_date == CAL.add_working_days(dl.due_date, 2 * length)


@given(moments, st.integers(0, 90), st.integers(0, 90), st.integers(0, 30), st.integers(0, 30))
def test_calendar_day_pauses_add_up(
    received: datetime, n: int, offset: int, a: int, b: int
) -> None:
    dl = AS_SUBMITTED["standard"].due(received, pk.CalendarDays(n))
    assert dl.period_end is not None
    assert dl.due_date is not None
    start = received.date() + timedelta(days=offset)
    assume(start <= dl.due_date)
    twice = dl.paused(start, start + timedelta(days=a)).paused(start, start + timedelta(days=b))
    once = dl.paused(start, start + timedelta(days=a + b))
    assert (
        twice.due_date == once.due_date == CAL.roll_forward(dl.period_end + timedelta(days=a + b))
    )


@settings(max_examples=50)
@given(moments, st.integers(0, 10))
def test_due_matches_a_day_loop(received: datetime, n: int) -> None:
    dl = AS_SUBMITTED["standard"].due(received, pk.WorkingDays(n))
    d = received.date()
    if n == 0:
        while not CAL.is_working_day(d):
            d += timedelta(days=1)
    for _ in range(n):
        d += timedelta(days=1)
        while not CAL.is_working_day(d):
            d += timedelta(days=1)
    assert dl.due_date == d


@given(
    moments,
    st.decimals(min_value=0, max_value=40, places=2),
    st.decimals(min_value=0, max_value=40, places=2),
    hours_names,
)
def test_decision_6_due_moments_are_monotonic_in_n(
    received: datetime, a: Decimal, b: Decimal, h: str
) -> None:
    """law-to-semantics decision 6: more working days are never due earlier.

    Due dates never decrease; due moments never decrease for n > 0. (``WorkingDays(0)``
    received on a day off is due at the next working day's close, as ``WorkingDays(1)`` is:
    the degenerate zero period the validator reports as ``zero-time``.)
    """
    rules = AS_SUBMITTED[h]
    lo, hi = sorted((a, b))
    first = rules.due(received, pk.WorkingDays(lo))
    second = rules.due(received, pk.WorkingDays(hi))
    assert first.due_date is not None
    assert second.due_date is not None
    assert first.due_at is not None
    assert second.due_at is not None
    assert first.due_date <= second.due_date
    if lo > 0 or CAL.is_working_day(received.date()):
        assert first.due_at <= second.due_at
    # A fraction of a day never ends on the receipt day (Civil Code 147(2)).
    if hi != int(hi):
        assert second.due_date > received.date()


@given(moments, any_duration, days, st.integers(0, 30))
def test_decision_1_no_pause_before_the_receipt(
    received: datetime, duration: pk.Duration, start: date, length: int
) -> None:
    """A pause that starts on a day before the receipt is refused; one on the receipt day
    starts at the receipt (law-to-semantics, decision 1)."""
    dl = AS_SUBMITTED["standard"].due(received, duration)
    end = start + timedelta(days=length)
    if start < received.date():
        with pytest.raises(pk.InvalidArgumentError) as info:
            dl.paused(start, max(end, start))
        assert info.value.path == "start"
    elif start == received.date():
        same_day = dl.paused(start, end)
        at_receipt = dl.paused(received, end) if end >= received.date() else same_day
        assert same_day.due_date == at_receipt.due_date


@given(moments, day_durations, st.integers(1, 60), st.integers(0, 30))
def test_decision_9_a_pause_after_the_due_date_moves_nothing(
    received: datetime, duration: pk.Duration, after: int, length: int
) -> None:
    """A pause requested after the due date does not move it; it is flagged."""
    dl = AS_SUBMITTED["standard"].due(received, duration)
    assume(dl.due_date is not None and dl.due_date.year <= 2059)
    assert dl.due_date is not None
    start = dl.due_date + timedelta(days=after)
    paused = dl.paused(start, start + timedelta(days=length))
    assert (paused.due_date, paused.due_at) == (dl.due_date, dl.due_at)
    assert "pause-after-due" in paused.flags
