"""Review of DESIGN.md "Deadline semantics" and DOMAIN.md §2–4, bullet by bullet.

Each test names the bullet or the article it checks. Expected values were worked out by
hand from the DOMAIN.md §2 table and printed month calendars (March 2026 starts on a
Sunday: Monday 2, Saturday 7; March 2025 starts on a Saturday: Monday 3).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

import procedurekit as pk
from procedurekit import VIETNAM_TZ, Channel
from procedurekit.deadlines.service import QUICK_FRIDAY
from procedurekit.errors import TransitionError
from procedurekit.models import Dossier, DossierCode, Event, EventKind, Outcome

K = EventKind
CAL = pk.WorkingCalendar.vietnam()
STD = pk.OfficeHours.standard()
BG = pk.OfficeHours.bac_giang()
RULES = pk.DeadlineRules(CAL, STD)
NEXT = pk.DeadlineRules(CAL, STD, receipt_policy="next-opening")
PLUS7 = timedelta(hours=7)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=VIETNAM_TZ)  # type: ignore[misc]


# -- the calendar -----------------------------------------------------------------------------


def test_vietnam_calendar_equals_the_domain_table_every_day_2019_2026() -> None:
    """DOMAIN.md §2 table (weekdays off, weekend days worked, 2019–2026, and 2018-12-31):
    every day, not only the golden file's samples, matches the calendar typed from it."""
    from _deadline_helpers import domain_calendar

    table = domain_calendar()
    day = date(2018, 12, 1)
    wrong = []
    while day <= date(2026, 12, 31):
        if CAL.is_working_day(day) is not table.is_working_day(day):
            wrong.append(day)
        day += timedelta(days=1)
    assert wrong == []


# -- times: naive = local, aware converted, results aware -------------------------------------


def test_naive_datetime_is_local_time() -> None:
    """DESIGN "Times are Vietnam local time ... A naive datetime is read as local"."""
    dl = RULES.due(datetime(2026, 3, 2, 10, 0), pk.WorkingHours(1))
    assert dl.receipt == local(2026, 3, 2, 10, 0)
    assert dl.due_at == local(2026, 3, 2, 11, 0)


def test_aware_datetime_is_converted_and_every_result_is_plus_seven() -> None:
    """DESIGN: "an aware one is converted. Results are aware (+07:00)"."""
    utc = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam
    dl = RULES.due(utc, pk.WorkingHours(1))
    assert dl.receipt.replace(tzinfo=None) == datetime(2026, 3, 2, 10, 0)
    assert dl.due_at is not None
    assert dl.due_at.replace(tzinfo=None) == datetime(2026, 3, 2, 11)
    friday = RULES.due(
        datetime(2026, 2, 27, 1, 0, tzinfo=UTC),
        pk.WorkingDays(5),
        service_model=QUICK_FRIDAY,
    )
    for moment in (dl.receipt, dl.submitted_at, dl.due_at, friday.committed_at, friday.due_at):
        assert moment is not None
        assert moment.utcoffset() == PLUS7
    # A day change: Sunday 20:00 UTC is Monday 03:00 in Vietnam, so Monday is the receipt day.
    late = RULES.due(datetime(2026, 3, 1, 20, 0, tzinfo=UTC), pk.WorkingDays(1))
    assert late.receipt.date() == date(2026, 3, 2)
    assert late.due_date == date(2026, 3, 3)


def test_date_receipt_is_the_opening_of_office_hours_that_day() -> None:
    """DESIGN: "A `date` passed as the receipt means the opening of office hours that day"."""
    assert RULES.due(date(2026, 3, 2), pk.WorkingDays(1)).receipt == local(2026, 3, 2, 8, 0)
    bg = pk.DeadlineRules(CAL, BG)
    assert bg.due(date(2026, 3, 2), pk.WorkingDays(1)).receipt == local(2026, 3, 2, 7, 30)
    # A make-up Saturday opens with a weekday's hours.
    assert RULES.due(date(2026, 8, 22), pk.SameDay()).receipt == local(2026, 8, 22, 8, 0)
    assert bg.due(date(2026, 1, 10), pk.SameDay()).receipt == local(2026, 1, 10, 7, 30)


# -- receipt policy -----------------------------------------------------------------------------


def test_saturday_ten_plus_one_working_day_monday_or_tuesday() -> None:
    """DESIGN "Official receipt": as-submitted Sat 10:00 + 1 = Monday; next-opening: Tuesday."""
    sat = datetime(2026, 3, 7, 10, 0)
    assert RULES.due(sat, pk.WorkingDays(1)).due_date == date(2026, 3, 9)
    dl = NEXT.due(sat, pk.WorkingDays(1))
    assert dl.receipt == local(2026, 3, 9, 8, 0)
    assert dl.due_date == date(2026, 3, 10)
    assert dl.submitted_at == local(2026, 3, 7, 10, 0)


@pytest.mark.parametrize(
    ("submitted", "receipt"),
    [
        (datetime(2026, 3, 2, 7, 59), datetime(2026, 3, 2, 8, 0)),
        (datetime(2026, 3, 2, 8, 0), datetime(2026, 3, 2, 8, 0)),  # 08:00 is open
        (datetime(2026, 3, 2, 11, 59, 59), datetime(2026, 3, 2, 11, 59, 59)),
        (datetime(2026, 3, 2, 12, 0), datetime(2026, 3, 2, 13, 0)),  # 12:00 is closed
        (datetime(2026, 3, 2, 12, 30), datetime(2026, 3, 2, 13, 0)),
        (datetime(2026, 3, 2, 17, 0), datetime(2026, 3, 3, 8, 0)),  # 17:00 is closed
        (datetime(2026, 8, 21, 17, 30), datetime(2026, 8, 22, 8, 0)),  # make-up Saturday
        (datetime(2026, 2, 13, 17, 0), datetime(2026, 2, 23, 8, 0)),  # eve of Tết 2026
    ],
)
def test_next_opening_with_half_open_sessions(submitted: datetime, receipt: datetime) -> None:
    """DESIGN: next-opening (17:00 → next working day 08:00; 12:00 and 12:30 → 13:00);
    "Sessions are half-open, [08:00, 12:00)"."""
    assert NEXT.receipt_of(submitted) == receipt.replace(tzinfo=VIETNAM_TZ)
    open_now = STD.is_open(submitted, CAL)
    assert open_now is (receipt == submitted)


def test_make_up_day_has_the_office_hours_of_a_regular_weekday() -> None:
    """DESIGN: "A make-up working day has the office hours of a regular weekday"."""
    for day in (date(2019, 1, 5), date(2019, 5, 4), date(2024, 5, 4), date(2026, 8, 22)):
        assert STD.sessions(day, CAL) == STD.sessions(date(2026, 3, 2), CAL)
    # Bắc Giang: 2025-04-26 is summer (assumed standard), 2026-01-10 is winter.
    assert BG.sessions(date(2026, 1, 10), CAL)[0].start == time(7, 30)
    assert BG.sessions(date(2025, 4, 26), CAL)[-1].end == time(17, 0)
    # An ordinary Saturday has none.
    assert STD.sessions(date(2026, 8, 29), CAL) == ()


# -- WorkingDays ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "received", "n", "due_at"),
    [
        (STD, datetime(2026, 3, 2, 10), 1, datetime(2026, 3, 3, 17, 0)),
        (STD, datetime(2026, 8, 21, 10), 1, datetime(2026, 8, 22, 17, 0)),  # make-up Saturday
        (BG, datetime(2026, 1, 9, 10), 1, datetime(2026, 1, 10, 16, 30)),  # winter make-up
        (BG, datetime(2026, 2, 13, 10), 5, datetime(2026, 2, 27, 16, 30)),  # across Tết
    ],
)
def test_working_days_due_at_the_close_of_office_hours(
    hours: pk.OfficeHours, received: datetime, n: int, due_at: datetime
) -> None:
    """DESIGN "WorkingDays(n)": add_working_days(receipt.date(), n); due_at = that day's close
    (Civil Code 147(2): the receipt day is not counted)."""
    dl = pk.DeadlineRules(CAL, hours).due(received, pk.WorkingDays(n))
    assert dl.due_date == CAL.add_working_days(received.date(), n)
    assert dl.due_at == due_at.replace(tzinfo=VIETNAM_TZ)


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        (datetime(2026, 3, 2, 8, 0), "0.5", datetime(2026, 3, 3, 12, 0)),
        (datetime(2026, 3, 2, 14, 0), "1.5", datetime(2026, 3, 4, 12, 0)),
        (datetime(2026, 3, 7, 10, 0), "0.5", datetime(2026, 3, 9, 12, 0)),  # Saturday
        (datetime(2026, 2, 13, 16, 0), "0.25", datetime(2026, 2, 23, 10, 0)),  # before Tết
    ],
)
def test_fractional_working_days_share_the_next_working_day(
    received: datetime, days: str, expected: datetime
) -> None:
    """DESIGN: "A fractional n: the whole days as above, then the fraction as that share of
    the next working day's office hours from its opening" (decision 6)."""
    dl = RULES.due(received, pk.WorkingDays(Decimal(days)))
    assert dl.due_at == expected.replace(tzinfo=VIETNAM_TZ)
    assert dl.due_date == expected.date()


def test_fractional_working_day_uses_the_season_s_day_length() -> None:
    """DESIGN fractional WorkingDays; DOMAIN §2 Bắc Giang winter 07:30–12:00, 13:00–16:30
    (8 hours): half of the next winter day from its opening ends at 11:30."""
    bg = pk.DeadlineRules(CAL, BG)
    assert bg.due(date(2026, 3, 2), pk.WorkingDays(Decimal("0.5"))).due_at == local(
        2026, 3, 3, 11, 30
    )


def test_explain_lists_each_day_skipped_and_why() -> None:
    """DESIGN API: dl.explain() -> (date, reason_vi, reason_en, source), each day skipped;
    Tết 2026 (Công văn 9859/VPCP-KGVX) between Friday 13/2 and Monday 23/2."""
    dl = RULES.due(datetime(2026, 2, 13, 10), pk.WorkingDays(1))
    days = [e.date for e in dl.explain()]
    assert days == [date(2026, 2, 14) + timedelta(days=k) for k in range(9)]
    by_day = {e.date: e for e in dl.explain()}
    assert by_day[date(2026, 2, 14)].reason_en == "Saturday (weekend)"
    assert "9859/VPCP-KGVX" in (by_day[date(2026, 2, 17)].source or "")
    # A make-up Saturday is a working day: nothing to explain.
    assert RULES.due(datetime(2026, 8, 21, 10), pk.WorkingDays(2)).explain() == [
        (date(2026, 8, 23), "Chủ nhật (nghỉ cuối tuần)", "Sunday (weekend)", None)
    ]


# -- CalendarDays and Months ------------------------------------------------------------------


@pytest.mark.parametrize("cls", [pk.CalendarDays, pk.Months])
def test_calendar_days_and_months_take_integers_only(cls: type[pk.Duration]) -> None:
    """DESIGN: CalendarDays and Months "Both take integers only"."""
    with pytest.raises(pk.InvalidArgumentError, match="whole number"):
        cls(Decimal("1.5"))  # type: ignore[call-arg]
    assert cls(Decimal("2")).value == 2  # type: ignore[call-arg, attr-defined]


@pytest.mark.parametrize(
    ("received", "months", "period_end", "due"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29), date(2024, 2, 29)),  # leap year, Thursday
        (date(2025, 1, 31), 1, date(2025, 2, 28), date(2025, 2, 28)),  # Friday
        (date(2026, 1, 31), 1, date(2026, 2, 28), date(2026, 3, 2)),  # Saturday rolls
        (date(2026, 3, 31), 1, date(2026, 4, 30), date(2026, 5, 4)),  # 30/4, 1/5, weekend
        (date(2026, 7, 31), 1, date(2026, 8, 31), date(2026, 9, 3)),  # swap 31/8, 1/9, 2/9
        (date(2024, 2, 29), 12, date(2025, 2, 28), date(2025, 2, 28)),
        (date(2025, 8, 29), 3, date(2025, 11, 29), date(2025, 12, 1)),
    ],
)
def test_months_clamp_to_the_month_end_then_roll(
    received: date, months: int, period_end: date, due: date
) -> None:
    """Civil Code 148(3): the corresponding day, or the month's last day when it has none;
    148(5): a day off at the end rolls to the next working day."""
    dl = RULES.due(received, pk.Months(months))
    assert dl.period_end == period_end
    assert dl.due_date == due
    assert dl.due_at == local(due.year, due.month, due.day, 17, 0)


def test_calendar_days_run_through_days_off_and_roll_at_the_end() -> None:
    """DESIGN "CalendarDays(n)": receipt date + n days; a non-working last day rolls (148(5))."""
    dl = RULES.due(datetime(2026, 2, 13, 16, 0), pk.CalendarDays(3))  # 16/02 is Tết
    assert dl.period_end == date(2026, 2, 16)
    assert dl.due_date == date(2026, 2, 23)
    assert RULES.due(datetime(2026, 2, 13, 16), pk.CalendarDays(10)).due_date == date(2026, 2, 23)
    assert RULES.due(datetime(2026, 2, 13, 16), pk.CalendarDays(13)).due_date == date(2026, 2, 26)


# -- SameDay, WorkingHours, NoTimeLimit -------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime(2026, 3, 3, 15, 0), date(2026, 3, 3)),  # 15:00 itself is in time
        (datetime(2026, 3, 3, 15, 0, 0, 1), date(2026, 3, 4)),  # strictly after the cut-off
        (datetime(2026, 3, 3, 15, 0, 30), date(2026, 3, 4)),
        (datetime(2026, 3, 3, 7, 0), date(2026, 3, 3)),  # before opening, same working day
        (datetime(2026, 1, 10, 14, 59), date(2026, 1, 10)),  # make-up Saturday
        (datetime(2026, 2, 13, 15, 1), date(2026, 2, 23)),  # eve of Tết 2026
        (datetime(2026, 8, 29, 9, 0), date(2026, 9, 3)),  # Saturday before the swap and 2/9
    ],
)
def test_same_day_cut_off_is_strictly_after(received: datetime, due: date) -> None:
    """DESIGN "SameDay(cutoff)": not strictly after the cut-off ("sau 15 giờ": 15:00 is in
    time); otherwise the next working day (Decree 23/2015, DOMAIN §3)."""
    dl = RULES.due(received, pk.SameDay(time(15, 0)))
    assert dl.due_date == due
    assert dl.due_at == local(due.year, due.month, due.day, 17, 0)


def test_same_day_needs_the_receipt_before_the_close() -> None:
    """DESIGN "SameDay": the receipt day if ... the receipt is before the close of office hours."""
    assert RULES.due(datetime(2026, 3, 3, 16, 59, 59), pk.SameDay()).due_date == date(2026, 3, 3)
    assert RULES.due(datetime(2026, 3, 3, 17, 0), pk.SameDay()).due_date == date(2026, 3, 4)
    bg = pk.DeadlineRules(CAL, BG)
    assert bg.due(datetime(2026, 3, 3, 16, 30), pk.SameDay()).due_date == date(2026, 3, 4)


@pytest.mark.parametrize(
    ("received", "h", "due_at"),
    [
        (datetime(2026, 3, 2, 8, 0), 4, datetime(2026, 3, 2, 12, 0)),
        (datetime(2026, 3, 2, 13, 0), 4, datetime(2026, 3, 2, 17, 0)),
        (datetime(2026, 3, 2, 9, 0), 7, datetime(2026, 3, 2, 17, 0)),
        (datetime(2026, 3, 6, 13, 0), 4, datetime(2026, 3, 6, 17, 0)),  # Friday: not Monday
        (datetime(2026, 3, 2, 12, 30), 4, datetime(2026, 3, 2, 17, 0)),  # lunch: from 13:00
        (datetime(2026, 3, 2, 16, 0), 5, datetime(2026, 3, 3, 12, 0)),
        (datetime(2026, 8, 21, 16, 0), 5, datetime(2026, 8, 22, 12, 0)),  # make-up Saturday
        (datetime(2026, 8, 22, 16, 0), 2, datetime(2026, 8, 24, 9, 0)),  # Sunday skipped
    ],
)
def test_working_hours_ending_at_a_close_give_that_close(
    received: datetime, h: int, due_at: datetime
) -> None:
    """DESIGN "WorkingHours(h)": due_at is the moment the last hour is used; ending exactly at
    a session's close gives that close (12:00, 17:00); breaks, nights and days off skipped."""
    dl = RULES.due(received, pk.WorkingHours(h))
    assert dl.due_at == due_at.replace(tzinfo=VIETNAM_TZ)
    assert dl.due_date == due_at.date()
    assert STD.add_office_time(received, timedelta(hours=h), CAL) == dl.due_at


def test_no_time_limit_has_no_due_date() -> None:
    """DESIGN "NoTimeLimit": no due date (due_date is None)."""
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.NoTimeLimit())
    assert dl.due_date is None
    assert dl.due_at is None
    assert dl.explain() == []
    assert dl.paused(date(2026, 3, 3), date(2026, 3, 5)).due_date is None


# -- pauses, extension ------------------------------------------------------------------------


def test_pause_moves_a_working_day_deadline_by_working_days_in_p1_p2() -> None:
    """DESIGN "Pause": a working-day deadline moves by the working days in (p1, p2]."""
    dl = RULES.due(datetime(2026, 2, 9, 10), pk.WorkingDays(5))  # Mon 9/2 + 5 = Mon 23/2
    assert dl.due_date == date(2026, 2, 23)
    # (12/2, 24/2]: 13/2, 23/2, 24/2 are working (Tết 16..20 and weekends are not): 3.
    p = dl.paused(date(2026, 2, 12), date(2026, 2, 24))
    assert CAL.working_days_between(date(2026, 2, 12), date(2026, 2, 24)) == 3
    assert p.due_date == date(2026, 2, 26)
    assert p.due_at == local(2026, 2, 26, 17, 0)


def test_pause_moves_calendar_day_and_month_deadlines_by_calendar_days() -> None:
    """DESIGN "Pause": "a calendar-day or month deadline by the calendar days"."""
    dl = RULES.due(date(2026, 2, 2), pk.CalendarDays(10))  # 12/2, Thursday
    assert dl.due_date == date(2026, 2, 12)
    p = dl.paused(date(2026, 2, 3), date(2026, 2, 5))  # 2 days: 14/2 Saturday rolls past Tết
    assert p.period_end == date(2026, 2, 14)
    assert p.due_date == date(2026, 2, 23)
    m = RULES.due(date(2026, 3, 31), pk.Months(1)).paused(date(2026, 4, 1), date(2026, 4, 2))
    assert m.period_end == date(2026, 5, 1)
    assert m.due_date == date(2026, 5, 4)


def test_pause_moves_an_hour_deadline_by_office_time() -> None:
    """DESIGN "Pause": "an hour-based one by the office time between the two moments"."""
    dl = RULES.due(datetime(2026, 3, 2, 8), pk.WorkingHours(8))
    assert dl.due_at == local(2026, 3, 2, 17)
    p = dl.paused(datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 14))  # 2 h + 1 h of office
    assert p.due_at == local(2026, 3, 3, 11)
    # Half a day from Monday 08:00 ends on Tuesday at 12:00 (decision 6); a pause 09:00 →
    # 13:00 holds 3 office hours, used from Tuesday's afternoon session: 16:00.
    half = RULES.due(datetime(2026, 3, 2, 8), pk.WorkingDays(Decimal("0.5")))
    assert half.due_at == local(2026, 3, 3, 12)
    assert half.paused(datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 13)).due_at == local(
        2026, 3, 3, 16
    )


def test_restart_option_counts_the_whole_period_from_the_arrival() -> None:
    """DESIGN "Pause": "An option restarts the whole period from the supplement's arrival"."""
    restart = pk.DeadlineRules(CAL, STD, pause_policy="restart")
    dl = restart.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    p = dl.paused(datetime(2026, 3, 3, 9), datetime(2026, 3, 6, 16))
    assert p.due_date == date(2026, 3, 13)  # Fri 6/3 + 5 working days
    assert p.original_due_date == date(2026, 3, 13)


def test_second_supplement_request_is_allowed_but_flagged() -> None:
    """DESIGN "Pause": a second request "is allowed but flagged (late under Decision 766)"."""
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    once = dl.paused(date(2026, 3, 3), date(2026, 3, 4))
    assert once.flags == ()
    twice = once.paused(date(2026, 3, 5), date(2026, 3, 6))
    assert twice.flags == ("second-supplement-request",)
    assert twice.due_date == date(2026, 3, 11)
    assert len(twice.pauses) == 2


@pytest.mark.parametrize(
    ("issued", "late"),
    [
        (date(2026, 3, 5), False),  # the day before the due date: in time
        (datetime(2026, 3, 5, 23, 59), False),
        (datetime(2026, 3, 5, 17, 30, tzinfo=UTC), True),  # 00:30 on the 6th in Vietnam
        (date(2026, 3, 6), True),
    ],
)
def test_extension_once_keeps_the_original_and_flags_a_late_apology(
    issued: date | datetime, late: bool
) -> None:
    """Decree 61/2018 Art. 19 "chậm nhất 01 ngày trước ngày hết hạn"; DESIGN "Extension":
    once, records the new date and keeps the original."""
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.WorkingDays(4))  # Friday 6/3
    ext = dl.extended(date(2026, 3, 12), issued)
    assert ext.due_date == date(2026, 3, 12)
    assert ext.original_due_date == date(2026, 3, 6)
    assert ext.extension is not None
    assert ext.extension.limit == date(2026, 3, 5)
    assert ext.extension.late is late
    assert ("late-apology" in ext.flags) is late
    with pytest.raises(TransitionError):
        ext.extended(date(2026, 3, 13), date(2026, 3, 11))


def test_extension_working_day_option() -> None:
    """DESIGN "Extension": "an option counts working days instead" (due Monday 23/2/2026:
    one working day before is Friday 13/2, the eve of Tết)."""
    wd = pk.DeadlineRules(CAL, STD, extension_deadline="working-day")
    dl = wd.due(datetime(2026, 2, 12, 10), pk.WorkingDays(2))
    assert dl.due_date == date(2026, 2, 23)
    assert wd.due(datetime(2026, 2, 12, 10), pk.WorkingDays(2)).extended(
        date(2026, 2, 27), date(2026, 2, 14)
    ).flags == ("late-apology",)
    assert (
        RULES.due(datetime(2026, 2, 12, 10), pk.WorkingDays(2))
        .extended(date(2026, 2, 27), date(2026, 2, 14))
        .flags
        == ()
    )


def test_service_model_fills_committed_date_beside_the_legal_due_date() -> None:
    """DESIGN "Service models": committed_date is filled beside the legal due_date (DOMAIN §7)."""
    dl = RULES.due(datetime(2026, 2, 27, 9), pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    assert (dl.committed_date, dl.due_date) == (date(2026, 2, 27), date(2026, 3, 6))
    assert dl.committed_at == local(2026, 2, 27, 17)
    tet = RULES.due(datetime(2026, 2, 20, 9), pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    assert tet.committed_date is None  # Friday in Tết is no working day


# -- provisional and known_at -----------------------------------------------------------------


def test_provisional_when_the_deadline_crosses_a_provisional_date() -> None:
    """DESIGN "Coverage": a deadline crossing a provisional date is provisional=True."""
    assert not RULES.due(datetime(2026, 12, 21, 10), pk.WorkingDays(5)).provisional
    assert RULES.due(datetime(2026, 12, 28, 10), pk.WorkingDays(5)).provisional
    assert RULES.due(datetime(2026, 12, 1, 10), pk.Months(1)).provisional  # 1/1/2027
    assert CAL.is_provisional(date(2027, 2, 8))
    assert not CAL.is_provisional(date(2026, 12, 31))


def test_known_at_rebuilds_the_calendar_a_system_knew() -> None:
    """DESIGN "Coverage": vietnam(known_at=...) rebuilds the calendar known on that day
    (Công văn 12729/VPCP-KGVX of 2025-12-25 made 2026-01-02 a day off)."""
    before = pk.DeadlineRules(pk.WorkingCalendar.vietnam(known_at=date(2025, 12, 24)))
    after = pk.DeadlineRules(pk.WorkingCalendar.vietnam(known_at=date(2025, 12, 25)))
    received = datetime(2025, 12, 31, 10)
    old = before.due(received, pk.WorkingDays(1))
    new = after.due(received, pk.WorkingDays(1))
    assert old.due_date == date(2026, 1, 2)
    assert new.due_date == date(2026, 1, 5)
    assert old.provisional
    assert old.calendar_version.endswith("@2025-12-24")
    # The National Day swap of Công văn 9859 (2025-10-13) was known on 2025-12-24.
    assert not before.calendar.is_working_day(date(2026, 8, 31))
    assert before.calendar.is_working_day(date(2026, 8, 22))
    assert pk.WorkingCalendar.vietnam(known_at=date(2025, 10, 12)).is_working_day(date(2026, 8, 31))


# -- Dossier.clock ----------------------------------------------------------------------------


def at(day: int, hour: int = 9, month: int = 3) -> datetime:
    return local(2025, month, day, hour, 0)


def dossier(*events: tuple[EventKind, datetime] | Event) -> Dossier:
    log = [e if isinstance(e, Event) else Event(kind=e[0], at=e[1]) for e in events]
    return Dossier.replay(log, code=DossierCode("H21.65-250303-0001"), channel=Channel.COUNTER)


FIVE = pk.WorkingDays(5)  # from Monday 2025-03-03: Monday 2025-03-10


def test_clock_end_precedence_processed_before_result_returned() -> None:
    """DOMAIN §4: processed > result returned > stopped/refused > withdrawn; the first end
    event fixes the end time."""
    d = dossier((K.ACCEPTED, at(3)), (K.PROCESSED, at(10, 16)), (K.RESULT_RETURNED, at(12)))
    clock = d.clock(RULES, FIVE, as_of=date(2025, 4, 1))
    assert clock.end is not None
    assert clock.end.kind is K.PROCESSED
    assert clock.end_at == at(10, 16)
    assert clock.outcome is Outcome.ON_TIME
    for kind in (K.REFUSED, K.STOPPED, K.WITHDRAWN):
        c = dossier((K.ACCEPTED, at(3)), (kind, at(11))).clock(RULES, FIVE, as_of=at(20))
        assert c.end_at == at(11)
        assert c.outcome is Outcome.LATE


def test_clock_finished_on_the_due_date_late_in_the_evening_is_on_time() -> None:
    """DESIGN: on-time classification is by date; the legal period ends at 24:00 (148(6))."""
    d = dossier((K.ACCEPTED, at(3)), (K.PROCESSED, at(10, 23)))
    assert d.clock(RULES, FIVE, as_of=date(2025, 4, 1)).outcome is Outcome.ON_TIME


def test_clock_supplement_interval_is_not_counted() -> None:
    """DOMAIN §4: the interval until the supplement arrives is not counted."""
    d = dossier(
        (K.ACCEPTED, at(3)),
        (K.SUPPLEMENT_REQUESTED, at(5)),
        (K.SUPPLEMENT_RECEIVED, at(11)),  # (5, 11]: 6, 7, 10, 11 → 4 working days
        (K.PROCESSED, at(14)),
    )
    clock = d.clock(RULES, FIVE, as_of=date(2025, 4, 1))
    assert clock.due_date == date(2025, 3, 14)
    assert clock.outcome is Outcome.ON_TIME


def test_clock_more_than_one_supplement_request_counts_late() -> None:
    """DOMAIN §4 / Decision 766: more than one supplement request counts late."""
    d = dossier(
        (K.ACCEPTED, at(3)),
        (K.SUPPLEMENT_REQUESTED, at(4)),
        (K.SUPPLEMENT_RECEIVED, at(4, 10)),
        (K.SUPPLEMENT_REQUESTED, at(4, 11)),
        (K.SUPPLEMENT_RECEIVED, at(4, 14)),
    )
    assert d.clock(RULES, FIVE, as_of=at(5)).outcome is Outcome.OVERDUE
    done = d.apply(Event(kind=K.PROCESSED, at=at(5)))
    assert done.clock(RULES, FIVE, as_of=at(6)).outcome is Outcome.LATE


def test_clock_scores_against_the_original_due_date_not_the_apology() -> None:
    """DOMAIN §4 "Keep the original and the new date: on-time scoring uses the original"."""
    d = dossier(
        (K.ACCEPTED, at(3)),
        Event(kind=K.APOLOGY_ISSUED, at=at(7), new_due_date=date(2025, 3, 14)),
        (K.PROCESSED, at(13)),
    )
    clock = d.clock(RULES, FIVE, as_of=date(2025, 4, 1))
    assert clock.due_date == date(2025, 3, 10)
    assert clock.extended_due_date == date(2025, 3, 14)
    assert clock.outcome is Outcome.LATE


def test_clock_open_dossier_in_time_or_overdue_at_an_explicit_as_of() -> None:
    """DOMAIN §4: "an open dossier is in time or overdue at the evaluation moment"; an
    aware as_of is converted (18:00 UTC on the 10th is 01:00 on the 11th in Vietnam)."""
    d = dossier((K.ACCEPTED, at(3)))
    assert d.clock(RULES, FIVE, as_of=date(2025, 3, 10)).outcome is Outcome.IN_TIME
    assert d.clock(RULES, FIVE, as_of=at(10, 23)).outcome is Outcome.IN_TIME
    utc = datetime(2025, 3, 10, 18, 0, tzinfo=UTC)
    assert d.clock(RULES, FIVE, as_of=utc).outcome is Outcome.OVERDUE
    assert d.clock(RULES, FIVE, as_of=datetime(2025, 3, 11, 0, 30)).outcome is Outcome.OVERDUE


@pytest.mark.parametrize("end_kind", [K.STOPPED, K.REFUSED, K.WITHDRAWN])
def test_clock_pause_left_open_by_an_end_event_stops_at_that_event(end_kind: EventKind) -> None:
    """DOMAIN §4 (the supplement interval is not counted; the first end event fixes the end
    time): a dossier refused, stopped or withdrawn while waiting for a supplement has its
    pause end with it. Reading the clock months later must not move the due date further.
    (Bug: the pause ran on to as_of, so the due date drifted with the evaluation date.)"""
    d = dossier((K.ACCEPTED, at(3)), (K.SUPPLEMENT_REQUESTED, at(4)), (end_kind, at(20)))
    early = d.clock(RULES, FIVE, as_of=date(2025, 3, 31))
    late = d.clock(RULES, FIVE, as_of=date(2025, 12, 31))
    # 10/3 + working days in (4/3, 20/3] (12) = 26/3.
    assert early.due_date == late.due_date == date(2025, 3, 26)
    assert late.paused == at(20) - at(4)
    assert "open-pause" not in late.flags
    assert late.pauses[0].end == at(20)


def test_clock_open_pause_of_an_open_dossier_still_runs_to_as_of() -> None:
    """_clock step 3: a pause still open on an open dossier runs to as_of (flagged)."""
    d = dossier((K.ACCEPTED, at(3)), (K.SUPPLEMENT_REQUESTED, at(4)))
    clock = d.clock(RULES, FIVE, as_of=date(2025, 3, 20))
    assert clock.due_date == date(2025, 3, 26)
    assert "open-pause" in clock.flags


def test_clock_apology_is_judged_against_the_due_date_when_it_was_issued() -> None:
    """Decree 61/2018 Art. 19 ("chậm nhất 01 ngày trước ngày hết hạn"): an apology issued on
    the due date is late even if a supplement request after it later moves the due date.
    (Bug: the clock applied every pause before the apology, hiding the late apology.)"""
    d = dossier(
        (K.ACCEPTED, at(3)),
        Event(kind=K.APOLOGY_ISSUED, at=at(10, 8), new_due_date=date(2025, 3, 20)),
        (K.SUPPLEMENT_REQUESTED, at(10, 10)),
        (K.SUPPLEMENT_RECEIVED, at(14, 10)),
        (K.PROCESSED, at(14, 16)),
    )
    clock = d.clock(RULES, FIVE, as_of=date(2025, 4, 30))
    assert "late-apology" in clock.flags
    assert clock.deadline is not None
    assert clock.deadline.extension is not None
    assert clock.deadline.extension.limit == date(2025, 3, 9)
    # Scoring: original 10/3 moved by the pause (10/3, 14/3] → 14/3; processed that day.
    assert clock.due_date == date(2025, 3, 14)
    assert clock.outcome is Outcome.ON_TIME
    # The engine, step by step in the same order, agrees.
    dl = (
        RULES.due(at(3), FIVE).extended(date(2025, 3, 20), at(10, 8)).paused(at(10, 10), at(14, 10))
    )
    assert dl.original_due_date == clock.due_date
    assert dl.flags == clock.deadline.flags


def test_clock_pause_before_an_apology_moves_the_date_it_is_judged_against() -> None:
    """Decree 61/2018 Art. 19 with a pause first: the supplement (4/3 → 6/3, 2 working days)
    moves the due date to 12/3, so an apology on 11/3 is in time."""
    d = dossier(
        (K.ACCEPTED, at(3)),
        (K.SUPPLEMENT_REQUESTED, at(4)),
        (K.SUPPLEMENT_RECEIVED, at(6)),
        Event(kind=K.APOLOGY_ISSUED, at=at(11), new_due_date=date(2025, 3, 18)),
    )
    clock = d.clock(RULES, FIVE, as_of=at(12))
    assert clock.due_date == date(2025, 3, 12)
    assert "late-apology" not in clock.flags
