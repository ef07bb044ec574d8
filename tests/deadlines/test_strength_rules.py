"""Test strength (mutation testing): service-model commitments, the extra-reception days an
office serves, and extensions (deadlines/rules.py).

Each test pins a behaviour a surviving mutant of the 2026-12-05 run showed unpinned
(docs/explanation/testing.md). Office hours are the standard ones (08:00-12:00,
13:00-17:00 on working days, a make-up Saturday included); dates are hand-checked against
the official calendar: 2026-01-10 is the make-up Saturday of the New Year swap (Công văn
12729/VPCP-KGVX); 2025-04-30 to 2025-05-04 were off (30/4, 1/5 and the swapped 2/5).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import attrs
import pytest

import procedurekit as pk
from procedurekit.calendar.working import FIRST_DAY
from procedurekit.deadlines import (
    FLAG_COMMITMENT_AFTER_CLOSE,
    FLAG_COMMITMENT_DAY_NOT_SERVED,
    FLAG_COMMITMENT_LATER_THAN_LEGAL,
    service,
)
from procedurekit.deadlines.service import ServiceKind, ServiceModel

TZ = pk.VIETNAM_TZ
CAL = pk.WorkingCalendar.vietnam()
RULES = pk.DeadlineRules(CAL, pk.OfficeHours.standard())
QUICK_FRIDAY = service.QUICK_FRIDAY.for_procedures("all")
SATURDAY_MORNING = service.SATURDAY_MORNING.for_procedures("all")

#: An extra reception on every day of the week, all day, with no commitment of its own:
#: whether the office serves a day shows as the absence of ``commitment-day-not-served``.
EVERY_DAY = ServiceModel(
    "Tiếp nhận mọi ngày", set(range(7)), (), None, kind=ServiceKind.EXTRA_RECEPTION,
    all_procedures=True,
)  # fmt: skip


def _served(day: date) -> bool:
    dl = RULES.due(datetime.combine(day, time(9)), pk.WorkingDays(1), service_model=EVERY_DAY)
    return FLAG_COMMITMENT_DAY_NOT_SERVED not in dl.flags


def _expected_served(day: date) -> bool:
    """Decision 127/2007/QĐ-TTg as the engine documents it: a working day is served; a
    weekday off is not; a weekend day is, unless the run of days off around it (at most 14
    days each way) holds a holiday, a compensatory day or a swapped day."""
    if CAL.is_working_day(day):
        return True
    if day.weekday() < 5:
        return False
    run = [day]
    for step in (timedelta(days=-1), timedelta(days=1)):
        d = day + step
        for _ in range(13):
            if d < FIRST_DAY or CAL.is_working_day(d):
                break
            run.append(d)
            d += step
    return all(CAL.entry(d) is None for d in run)


def test_the_days_an_extra_reception_serves_2019_2026() -> None:
    day, served = date(2019, 1, 1), []
    while day <= date(2026, 12, 31):
        assert _served(day) is _expected_served(day), day
        served.append(_served(day))
        day += timedelta(days=1)
    assert 0 < served.count(False) < len(served)


@pytest.mark.parametrize(
    ("day", "served"),
    [
        (date(2025, 3, 9), True),  # an ordinary Sunday
        (date(2025, 5, 3), False),  # Saturday inside 30/4 - 4/5 (the swapped 2/5 before it)
        (date(2025, 5, 4), False),  # its Sunday: the holidays are all behind it
        (date(2026, 1, 10), True),  # the make-up Saturday is a working day
        (date(2025, 9, 1), False),  # a Monday off (National Day): not a weekend day
        (date(2010, 1, 3), False),  # Sunday after 1 January 2010, the calendar's first day
        (date(2010, 1, 9), True),
    ],
)
def test_hand_checked_extra_reception_days(day: date, served: bool) -> None:
    assert _served(day) is served


def test_a_make_up_saturday_takes_the_saturday_reception_without_a_flag() -> None:
    dl = RULES.due(datetime(2026, 1, 10, 9), pk.WorkingDays(1), service_model=SATURDAY_MORNING)
    assert dl.flags == ()
    assert dl.service_model is SATURDAY_MORNING


def test_a_weekday_model_at_closing_time_is_after_close() -> None:
    # Friday 27 February 2026, 17:00: the office has closed (its last session ends at 17:00).
    at_close = RULES.due(datetime(2026, 2, 27, 17), pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    assert at_close.flags == (FLAG_COMMITMENT_AFTER_CLOSE,)
    assert at_close.committed_date is None
    before = RULES.due(datetime(2026, 2, 27, 16, 59), pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    assert (before.flags, before.committed_date) == ((), date(2026, 2, 27))


def test_an_extra_reception_with_a_commitment_in_days() -> None:
    sunday = ServiceModel(
        "CN", {6}, (), pk.WorkingDays(1), kind=ServiceKind.EXTRA_RECEPTION, all_procedures=True
    )
    dl = RULES.due(datetime(2026, 3, 8, 9), pk.WorkingDays(3), service_model=sunday)
    # received on Sunday in the window: one working day is Monday 9 March, at closing time
    assert (dl.committed_date, dl.committed_at) == (
        date(2026, 3, 9),
        datetime(2026, 3, 9, 17, tzinfo=TZ),
    )
    assert dl.flags == ()


@pytest.mark.parametrize(
    ("hours", "committed", "flags"),
    [
        (1, False, (FLAG_COMMITMENT_LATER_THAN_LEGAL,)),  # legal 09:00, promise 11:30
        (3.5, True, ()),  # legal 11:30 (08:00 + 3.5 h) = the promise: kept
        (4, True, ()),  # legal 12:00 (08:00 + 4 office hours), promise 11:30
    ],
)
def test_a_same_day_window_promise_against_the_legal_moment(
    hours: float, committed: bool, flags: tuple[str, ...]
) -> None:
    # An extra reception on the make-up Saturday 10 January 2026, 07:30-11:30, returning
    # the same day; the legal limit in working hours runs from 08:00 that same working day.
    saturday = ServiceModel(
        "T7", {5}, (), pk.SameDay(), kind=ServiceKind.EXTRA_RECEPTION, all_procedures=True,
        window=["07:30-11:30"],
    )  # fmt: skip
    dl = RULES.due(datetime(2026, 1, 10, 8), pk.WorkingHours(hours), service_model=saturday)
    assert dl.flags == flags
    assert (dl.committed_at == datetime(2026, 1, 10, 11, 30, tzinfo=TZ)) is committed


def test_a_commitment_equal_to_the_legal_deadline_is_kept() -> None:
    model = ServiceModel("Q", {4}, (), pk.WorkingDays(5), all_procedures=True)
    dl = RULES.due(datetime(2026, 2, 27, 9), pk.WorkingDays(5), service_model=model)
    assert dl.committed_at == dl.due_at == datetime(2026, 3, 6, 17, tzinfo=TZ)
    assert dl.flags == ()


def test_a_commitment_without_a_time_limit_is_later_than_the_legal_one() -> None:
    model = ServiceModel("Q", {4}, (), pk.NoTimeLimit(), all_procedures=True)
    dl = RULES.due(datetime(2026, 2, 27, 9), pk.WorkingDays(5), service_model=model)
    assert dl.flags == (FLAG_COMMITMENT_LATER_THAN_LEGAL,)
    assert dl.committed_date is None
    assert dl.committed_at is None


def test_a_commitment_past_the_calendar_names_the_service_model() -> None:
    model = ServiceModel("Q", {4}, (), pk.WorkingDays(10), all_procedures=True)
    with pytest.raises(pk.CalendarRangeError) as info:
        RULES.due(datetime(2060, 12, 24, 9), pk.WorkingDays(1), service_model=model)
    err = info.value
    assert err.path == "service_model"
    assert "(check service_model)" in err.message
    assert "2060-12-24 + 10 working days" in err.message
    assert err.expected == "a result from 2010-01-01 to 2060-12-31"


# -- extend --------------------------------------------------------------------------------


def test_a_second_extension_names_the_new_due_date() -> None:
    dl = RULES.extend(
        RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5)), date(2026, 3, 16), date(2026, 3, 6)
    )
    with pytest.raises(pk.TransitionError) as info:
        RULES.extend(dl, date(2026, 3, 20), date(2026, 3, 13))
    err = info.value
    assert (err.path, err.value, err.expected) == (
        "new_due",
        date(2026, 3, 20),
        "no second extension",
    )
    assert err.allowed == ()
    assert "already extended to 2026-03-16" in err.message


def test_a_deadline_without_a_time_limit_cannot_be_extended() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 9), pk.NoTimeLimit())
    with pytest.raises(pk.InvalidArgumentError) as info:
        RULES.extend(dl, date(2026, 3, 20), date(2026, 3, 6))
    err = info.value
    assert (err.path, err.value, err.expected) == (
        "new_due", date(2026, 3, 20), "a deadline with a due date"
    )  # fmt: skip
    assert err.message == "a deadline without a time limit (NoTimeLimit) cannot be extended"


def test_an_extension_to_the_calendars_first_day_is_flagged_not_refused() -> None:
    dl = RULES.due(datetime(2010, 1, 4, 9), pk.WorkingDays(3))
    out = RULES.extend(dl, FIRST_DAY, date(2010, 1, 4))
    assert out.due_date == FIRST_DAY
    assert out.flags == ("extension-not-later", "extension-on-day-off")


def test_the_original_due_date_is_the_one_the_apology_replaced() -> None:
    # A deadline read back with an older original (before a pause moved it): the extension
    # records the due date it replaces.
    paused = RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5)).paused(
        date(2026, 3, 3), date(2026, 3, 5)
    )
    older = attrs.evolve(
        paused,
        original_due_date=date(2026, 3, 9),
        original_due_at=datetime(2026, 3, 9, 17, tzinfo=TZ),
    )
    out = RULES.extend(older, date(2026, 3, 20), date(2026, 3, 6))
    assert (out.original_due_date, out.original_due_at) == (paused.due_date, paused.due_at)
    assert out.due_date == date(2026, 3, 20)


def test_an_extension_judges_provisional_from_the_vietnam_receipt_day() -> None:
    # Received at 06:00 on 1 January 2018 in Vietnam (31 December 2017 in UTC): the period
    # runs in 2018, a complete year; 2017 (unverified) plays no part.
    dl = RULES.due(datetime(2018, 1, 1, 6, tzinfo=TZ), pk.WorkingDays(3))
    assert not dl.provisional
    assert not RULES.extend(dl, date(2018, 1, 19), date(2018, 1, 2)).provisional


def test_a_run_of_days_off_is_followed_to_the_calendars_last_day() -> None:
    # A calendar whose only working day is Friday: from Saturday 25 December 2060 the days
    # off run to Friday 31 December 2060, the calendar's last day, a local day off: the
    # Saturday is inside a holiday period and not served.
    last = date(2060, 12, 31)
    entry = pk.DayEntry(day=last, kind=pk.DayKind.LOCAL, name_vi="Nghỉ", name_en="Day off")
    cal = pk.WorkingCalendar([entry], weekend=(0, 1, 2, 3, 5, 6))
    rules = pk.DeadlineRules(cal, pk.OfficeHours.standard())
    dl = rules.due(datetime(2060, 12, 25, 9), pk.NoTimeLimit(), service_model=EVERY_DAY)
    assert dl.flags == (FLAG_COMMITMENT_DAY_NOT_SERVED,)
    free = pk.DeadlineRules(
        pk.WorkingCalendar(weekend=(0, 1, 2, 3, 5, 6)), pk.OfficeHours.standard()
    )
    assert (
        free.due(datetime(2060, 12, 25, 9), pk.NoTimeLimit(), service_model=EVERY_DAY).flags == ()
    )


# -- pauses (_shift) -------------------------------------------------------------------------


def test_a_restarted_period_records_its_new_original_moment() -> None:
    restart = pk.DeadlineRules(CAL, pk.OfficeHours.standard(), pause_policy="restart")
    dl = restart.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5))
    paused = dl.paused(datetime(2026, 3, 3, 9), datetime(2026, 3, 5, 10))
    # the period starts again on Thursday 5 March: five working days is Thursday 12 March
    assert paused.due_at == datetime(2026, 3, 12, 17, tzinfo=TZ)
    assert paused.original_due_date == date(2026, 3, 12)
    assert paused.original_due_at == datetime(2026, 3, 12, 17, tzinfo=TZ)
    assert paused.original_due_at is not None
    assert paused.original_due_at.tzinfo is TZ


def test_elapsed_hours_move_the_extended_deadlines_original_by_the_pause() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 9), pk.ElapsedHours(48))  # due Wednesday 4 March 09:00
    extended = RULES.extend(dl, date(2026, 3, 10), date(2026, 3, 3))
    paused = extended.paused(datetime(2026, 3, 3, 9), datetime(2026, 3, 3, 15))  # six hours
    assert paused.original_due_date == date(2026, 3, 4)
    assert paused.original_due_at == datetime(2026, 3, 4, 15, tzinfo=TZ)
    assert paused.due_at == datetime(2026, 3, 10, 23, tzinfo=TZ)


@pytest.mark.parametrize("duration", [pk.ElapsedHours(48), pk.WorkingHours(8)])
def test_a_deadline_read_without_an_original_keeps_none_through_a_pause(
    duration: pk.Duration,
) -> None:
    # A deadline read back from a system that does not record the original due moment.
    dl = RULES.extend(
        RULES.due(datetime(2026, 3, 2, 9), duration), date(2026, 3, 10), date(2026, 3, 3)
    )
    bare = attrs.evolve(dl, original_due_date=None, original_due_at=None)
    paused = bare.paused(datetime(2026, 3, 3, 9), datetime(2026, 3, 3, 15))
    assert (paused.original_due_date, paused.original_due_at) == (None, None)


def test_working_hours_paused_for_an_hour_move_the_original_moment_too() -> None:
    # Friday 6 March 13:00 + 8 office hours = Monday 9 March 12:00; an hour's pause on the
    # Friday afternoon moves it past lunch to 14:00.
    dl = RULES.due(datetime(2026, 3, 6, 13), pk.WorkingHours(8))
    paused = dl.paused(datetime(2026, 3, 6, 15), datetime(2026, 3, 6, 16))
    assert paused.due_at == paused.original_due_at == datetime(2026, 3, 9, 14, tzinfo=TZ)
    assert paused.original_due_at is not None
    assert paused.original_due_at.tzinfo is TZ
    # a pause over the weekend holds no office time: nothing moves
    weekend = dl.paused(datetime(2026, 3, 7, 9), datetime(2026, 3, 8, 10))
    assert weekend.due_at == weekend.original_due_at == datetime(2026, 3, 9, 12, tzinfo=TZ)


def test_calendar_days_paused_roll_the_original_moment_forward() -> None:
    # 10 calendar days from Monday 2 March end on Thursday 12 March; a pause of three days
    # (3 to 6 March) moves the end to Sunday 15 March, rolled forward to Monday 16 March.
    dl = RULES.due(datetime(2026, 3, 2, 9), pk.CalendarDays(10))
    paused = dl.paused(date(2026, 3, 3), date(2026, 3, 6))
    assert paused.period_end == date(2026, 3, 15)
    assert paused.due_date == paused.original_due_date == date(2026, 3, 16)
    assert paused.original_due_at == paused.due_at == datetime(2026, 3, 16, 17, tzinfo=TZ)


def test_an_extended_calendar_days_deadline_moves_its_new_date_by_the_pause() -> None:
    # Extended to Friday 20 March; three days' pause: Monday 23 March (the 23rd itself). The
    # original (12 March) moves as the period does: end Sunday 15 March, rolled to the 16th.
    dl = RULES.extend(
        RULES.due(datetime(2026, 3, 2, 9), pk.CalendarDays(10)), date(2026, 3, 20), date(2026, 3, 5)
    )
    paused = dl.paused(date(2026, 3, 3), date(2026, 3, 6))
    assert (paused.due_date, paused.original_due_date) == (date(2026, 3, 23), date(2026, 3, 16))
    assert paused.due_at == datetime(2026, 3, 23, 17, tzinfo=TZ)
    # a pause that starts and ends on the same day moves nothing
    same_day = dl.paused(date(2026, 3, 3), date(2026, 3, 3))
    assert (same_day.due_date, same_day.original_due_date) == (date(2026, 3, 20), date(2026, 3, 12))
    assert same_day.due_at == datetime(2026, 3, 20, 17, tzinfo=TZ)


def test_a_pause_after_the_due_moment_of_an_hour_limit_moves_nothing() -> None:
    # Friday 6 March 13:00 + 8 office hours: due Monday 9 March 12:00.
    dl = RULES.due(datetime(2026, 3, 6, 13), pk.WorkingHours(8))
    after = dl.paused(datetime(2026, 3, 9, 14), datetime(2026, 3, 9, 15))
    assert after.flags == ("pause-after-due",)
    assert after.due_at == datetime(2026, 3, 9, 12, tzinfo=TZ)
    # a pause starting at the due moment itself is not after it: its office hour (13:00 to
    # 14:00; 12:00 to 13:00 is lunch) moves the due moment to 14:00
    at_due = dl.paused(datetime(2026, 3, 9, 12), datetime(2026, 3, 9, 14))
    assert at_due.flags == ()
    assert at_due.due_at == datetime(2026, 3, 9, 14, tzinfo=TZ)
    # half an hour before it, the pause moves the due moment past lunch: 13:30
    before = dl.paused(datetime(2026, 3, 9, 11), datetime(2026, 3, 9, 11, 30))
    assert before.flags == ()
    assert before.due_at == datetime(2026, 3, 9, 13, 30, tzinfo=TZ)


def test_a_pause_on_the_due_day_of_a_day_limit_is_not_after_it() -> None:
    # Due Monday 9 March (5 working days from the 2nd): a pause from 17:30 that day, after
    # closing, is still on the due day; it moves the due date by the working day it takes.
    dl = RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5))
    paused = dl.paused(datetime(2026, 3, 9, 17, 30), datetime(2026, 3, 10, 9))
    assert paused.flags == ()
    assert paused.due_date == date(2026, 3, 10)


def test_a_deadline_read_without_an_original_is_paused_as_before_its_due_date() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5))
    bare = attrs.evolve(dl, original_due_date=None, original_due_at=None)
    paused = bare.paused(date(2026, 3, 3), date(2026, 3, 5))
    assert paused.flags == ()
    assert (paused.due_date, paused.original_due_date) == (date(2026, 3, 11), None)


def test_a_weekend_pause_leaves_an_extension_to_a_day_off_where_it_is() -> None:
    # Extended to Saturday 14 March (kept, flagged); a pause over the weekend of 7-8 March
    # takes no working day: the new date is not rolled to Monday.
    dl = RULES.extend(
        RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5)), date(2026, 3, 14), date(2026, 3, 3)
    )
    paused = dl.paused(date(2026, 3, 7), date(2026, 3, 8))
    assert paused.due_date == date(2026, 3, 14)
    assert paused.flags == ("extension-on-day-off",)


def test_a_pause_before_the_receipt_day_is_refused_naming_the_start() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5))
    with pytest.raises(pk.InvalidArgumentError) as info:
        dl.paused(date(2026, 3, 1), date(2026, 3, 3))
    err = info.value
    assert err.message == (
        "a pause cannot start (2026-03-01) before the receipt (2026-03-02T09:00:00+07:00): "
        "the clock starts at the receipt (Civil Code 2015 Art. 147)"
    )
    assert (err.path, err.value, err.expected) == (
        "start",
        date(2026, 3, 1),
        "a start on or after 2026-03-02",
    )


def test_a_pause_into_an_unverified_year_flags_the_calendar() -> None:
    # Received 20 December 2016 (a complete year), due 27 December; the pause moves the due
    # date into January 2017, a year whose announcements were not all found.
    dl = RULES.due(datetime(2016, 12, 20, 9), pk.WorkingDays(5))
    assert (dl.due_date, dl.flags, dl.provisional) == (date(2016, 12, 27), (), False)
    paused = dl.paused(date(2016, 12, 21), date(2017, 1, 6))
    assert paused.due_date == date(2017, 1, 12)
    assert paused.flags == ("unverified-calendar",)
    assert paused.provisional


def test_a_pause_judges_provisional_from_the_vietnam_receipt_day() -> None:
    # 06:00 on 1 January 2018 in Vietnam is 31 December 2017 in UTC; 2018 is complete.
    dl = RULES.due(datetime(2018, 1, 1, 6, tzinfo=TZ), pk.WorkingDays(3))
    paused = dl.paused(date(2018, 1, 2), date(2018, 1, 3))
    assert paused.due_date == date(2018, 1, 5)
    assert not paused.provisional
    assert paused.flags == ()


def test_a_deadline_read_without_a_due_moment_records_the_pause_only() -> None:
    dl = attrs.evolve(RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5)), due_at=None)
    paused = dl.paused(date(2026, 3, 3), date(2026, 3, 5))
    assert (paused.due_date, paused.due_at) == (date(2026, 3, 9), None)
    assert len(paused.pauses) == 1


# -- moments, provisional and unverified years -------------------------------------------


def test_a_date_is_read_at_the_calendars_edges_and_refused_beyond_them() -> None:
    assert RULES.receipt_of(FIRST_DAY) == datetime(2010, 1, 1, 8, tzinfo=TZ)
    assert RULES.receipt_of(date(2060, 12, 31)) == datetime(2060, 12, 31, 8, tzinfo=TZ)
    with pytest.raises(pk.CalendarRangeError) as info:
        RULES.receipt_of(date(2009, 12, 31))
    err = info.value
    assert (
        err.message
        == "received_at 2009-12-31 is outside the calendar's range 2010-01-01..2060-12-31"
    )
    assert (err.path, err.value, err.expected) == (
        "received_at", date(2009, 12, 31), "a date from 2010-01-01 to 2060-12-31"
    )  # fmt: skip


def test_a_date_on_a_make_up_saturday_opens_at_a_weekdays_hour() -> None:
    # Weekdays from 07:30, Saturdays 08:00-11:00: the make-up Saturday 10 January 2026 keeps
    # a weekday's hours (the calendar decides it), so a date means 07:30 that day.
    week = dict.fromkeys(range(5), ("07:30-11:30", "13:00-17:00"))
    rules = pk.DeadlineRules(CAL, pk.OfficeHours({**week, 5: ("08:00-11:00",)}))
    assert rules.receipt_of(date(2026, 1, 10)) == datetime(2026, 1, 10, 7, 30, tzinfo=TZ)
    assert rules.receipt_of(date(2026, 1, 17)) == datetime(2026, 1, 17, 8, tzinfo=TZ)


def test_a_period_in_an_unverified_year_is_provisional_and_flagged() -> None:
    dl = RULES.due(datetime(2017, 3, 1, 9), pk.WorkingDays(5))
    assert dl.provisional
    assert dl.flags == ("unverified-calendar",)


def test_an_extension_back_into_an_unverified_year_is_provisional() -> None:
    # Received 2 January 2018 (complete); the new date, 29 December 2017, is earlier (kept,
    # flagged) and in 2017, a year not complete.
    dl = RULES.due(datetime(2018, 1, 2, 9), pk.WorkingDays(3))
    out = RULES.extend(dl, date(2017, 12, 29), date(2018, 1, 2))
    assert out.flags == ("extension-not-later",)
    assert out.provisional


def test_a_paused_period_of_an_unverified_year_stays_provisional() -> None:
    dl = RULES.due(datetime(2017, 3, 1, 9), pk.WorkingDays(5))
    paused = dl.paused(date(2017, 3, 2), date(2017, 3, 3))
    assert paused.provisional
    assert paused.flags == ("unverified-calendar",)


def test_a_pause_within_a_complete_year_before_an_unverified_one_is_not_flagged() -> None:
    # 2016 is complete, 2017 is not: a pause in March 2016 looks at 2016 only.
    dl = RULES.due(datetime(2016, 3, 1, 9), pk.WorkingDays(5))
    paused = dl.paused(date(2016, 3, 2), date(2016, 3, 4))
    assert paused.due_date == date(2016, 3, 10)
    assert paused.flags == ()
    assert not paused.provisional


def test_a_subclass_of_a_duration_counts_as_its_base() -> None:
    # A portal's own duration types (subclasses) are dispatched on the type they extend.
    class PortalDays(pk.WorkingDays):
        pass

    class PortalMonths(pk.Months):
        pass

    rules = pk.DeadlineRules(pk.WorkingCalendar.vietnam())
    friday = datetime(2026, 2, 13, 9)  # the Friday before Tết 2026
    own, base = rules.due(friday, PortalDays(1)), rules.due(friday, pk.WorkingDays(1))
    assert (
        (own.due_date, own.due_at)
        == (base.due_date, base.due_at)
        == (
            date(2026, 2, 23),
            datetime(2026, 2, 23, 17, 0, tzinfo=pk.VIETNAM_TZ),
        )
    )
    # 31 January + 1 month = 28 February 2026 (clamped), a Saturday: Monday 2 March.
    assert rules.due(datetime(2026, 1, 31, 9), PortalMonths(1)).due_date == date(2026, 3, 2)


def test_an_extra_reception_serves_only_its_procedures() -> None:
    sunday = ServiceModel(
        "CN", {6}, ("2.000815",), pk.WorkingDays(1), kind=ServiceKind.EXTRA_RECEPTION
    )
    at = datetime(2026, 3, 8, 9)  # Sunday, in the window
    served = RULES.due(at, pk.WorkingDays(3), service_model=sunday, procedure_code="2.000815")
    assert served.committed_date == date(2026, 3, 9)
    other = RULES.due(at, pk.WorkingDays(3), service_model=sunday, procedure_code="1.000001")
    assert other.committed_date is None


def test_a_receipt_past_the_calendar_names_received_at() -> None:
    with pytest.raises(pk.CalendarRangeError) as info:
        RULES.due(datetime(2061, 1, 5, 9), pk.WorkingDays(1))
    assert info.value.path == "received_at"


def test_a_period_into_an_unverified_year_is_flagged() -> None:
    # 2017's data is unverified. Built here (not at import) so that the rules read the
    # calendar's unverified years in this test. Received in 2016, due in January 2017.
    rules = pk.DeadlineRules(pk.WorkingCalendar.vietnam())
    dl = rules.due(datetime(2016, 12, 20, 9), pk.WorkingDays(20))
    assert dl.due_date == date(2017, 1, 18)
    assert dl.provisional
    assert dl.flags == ("unverified-calendar",)
    # Without a service model there is none, not an empty name.
    assert dl.service_model is None


def test_a_duration_past_any_date_is_refused_as_a_range_error() -> None:
    with pytest.raises(pk.CalendarRangeError) as info:
        RULES.due(datetime(2026, 3, 2, 9), pk.Months(1_000_000))
    err = info.value
    assert err.message == (
        "duration Months(1000000): the deadline falls outside the calendar's range "
        "2010-01-01..2060-12-31 (year 85359 is out of range)"
    )
    assert (err.path, err.value, err.expected) == (
        "duration",
        pk.Months(1_000_000),
        "a result from 2010-01-01 to 2060-12-31",
    )


def test_provisional_between_looks_at_every_year_of_the_period() -> None:
    # 2025 and 2026 are complete, 2027 is not (yet announced).
    assert not RULES.provisional_between(date(2025, 12, 1), date(2026, 3, 1))
    assert RULES.provisional_between(date(2025, 12, 1), date(2027, 3, 1))
    # Without an end (no time limit), the first year decides.
    assert not RULES.provisional_between(date(2026, 1, 1), None)
    assert RULES.provisional_between(date(2027, 1, 1), None)


def test_a_pause_moves_the_original_due_moment_too() -> None:
    # No extension: the original due moment follows the due moment, at the close.
    # Working days: received Mon 2 March 2026, 5 days → Mon 9 March; paused 3-5 March
    # (2 working days) → Wed 11 March, 17:00.
    days = RULES.pause(RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5)), march(3), march(5))
    assert (days.original_due_date, days.original_due_at) == (march(11), close_in_march(11))
    # Calendar days: 10 days → Thu 12 March; paused 2 days → Sat 14 March, rolled to Mon 16.
    cal_days = RULES.pause(
        RULES.due(datetime(2026, 3, 2, 9), pk.CalendarDays(10)), march(3), march(5)
    )
    assert (cal_days.original_due_date, cal_days.original_due_at) == (march(16), close_in_march(16))


def march(day: int) -> date:
    """A day of March 2026."""
    return date(2026, 3, day)


def close_in_march(day: int) -> datetime:
    """17:00, Vietnam time, on a day of March 2026."""
    return datetime(2026, 3, day, 17, 0, tzinfo=pk.VIETNAM_TZ)
