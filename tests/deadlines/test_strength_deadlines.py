"""Test strength (mutation testing): the deadline engine (deadlines.py).

Each test pins a behaviour a surviving mutant showed unpinned (docs/explanation/testing.md).
Dates: Monday 3 March 2025 (no holiday in March 2025); Tết 2026 took 16-20 February off.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

import pytest

import procedurekit as pk
from procedurekit.deadlines import service

TZ = pk.VIETNAM_TZ


# The presets are templates: each test binds the one it uses to every procedure.
QUICK_FRIDAY = service.QUICK_FRIDAY.for_procedures("all")
SATURDAY_MORNING = service.SATURDAY_MORNING.for_procedures("all")
SUNDAY_FOR_THE_PEOPLE = service.SUNDAY_FOR_THE_PEOPLE.for_procedures("all")


@pytest.fixture(scope="module")
def cal() -> pk.WorkingCalendar:
    return pk.WorkingCalendar.vietnam()


def _rules(cal: pk.WorkingCalendar, **options: str) -> pk.DeadlineRules:
    return pk.DeadlineRules(cal, pk.OfficeHours.standard(), **options)


def test_policies_accept_their_names_and_refuse_others(cal: pk.WorkingCalendar) -> None:
    assert _rules(cal, pause_policy="restart").pause_policy == "restart"
    assert _rules(cal, receipt_policy="next-opening").receipt_policy == "next-opening"
    with pytest.raises(pk.InvalidArgumentError) as info:
        _rules(cal, pause_policy=1)  # type: ignore[arg-type]
    assert info.value.message == "pause_policy must be one of 'shift', 'restart', got 1"
    with pytest.raises(pk.InvalidTypeError):
        pk.DeadlineRules(cal, "standard")  # type: ignore[arg-type]


def test_restart_after_an_apology_keeps_the_later_date(cal: pk.WorkingCalendar) -> None:
    rules = _rules(cal, pause_policy="restart")
    dl = rules.due(datetime(2025, 3, 3, 9), pk.WorkingDays(5))  # due Monday 10 March
    apologised = dl.extended(date(2025, 3, 28), datetime(2025, 3, 7, 9))
    # Supplement from 4 to 5 March: the 5 days run again from Wednesday 5 → 12 March, but
    # the apology's 28 March is later and stays the appointment.
    paused = apologised.paused(datetime(2025, 3, 4, 9), datetime(2025, 3, 5, 9))
    assert paused.due_date == date(2025, 3, 28)
    assert paused.due_at == datetime(2025, 3, 28, 17, 0, tzinfo=TZ)
    assert paused.original_due_date == date(2025, 3, 12)
    plain = dl.paused(datetime(2025, 3, 4, 9), datetime(2025, 3, 5, 9))
    assert plain.due_date == date(2025, 3, 12)


def test_restart_of_a_calendar_day_period_sets_the_period_end(cal: pk.WorkingCalendar) -> None:
    rules = _rules(cal, pause_policy="restart")
    dl = rules.due(datetime(2025, 3, 3, 9), pk.CalendarDays(12))  # 15 March (Sat) → 17
    paused = dl.paused(datetime(2025, 3, 4, 9), datetime(2025, 3, 10, 9))
    # 10 March + 12 days = 22 March, a Saturday: rolled to Monday 24 March.
    assert paused.due_date == date(2025, 3, 24)
    days = paused.explain()
    assert [e.date for e in days if not e.reason_en.startswith("Paused")] == [
        date(2025, 3, 22),
        date(2025, 3, 23),
    ]
    assert [e.date for e in days if e.reason_en.startswith("Paused")] == [
        date(2025, 3, d) for d in range(5, 11)
    ]


def test_calendar_day_pause_moves_by_calendar_days_and_rolls(cal: pk.WorkingCalendar) -> None:
    dl = _rules(cal).due(datetime(2025, 3, 3, 9), pk.CalendarDays(10))  # Thursday 13 March
    assert dl.due_date == date(2025, 3, 13)
    paused = dl.paused(date(2025, 3, 4), date(2025, 3, 6))  # two calendar days
    assert paused.due_date == date(2025, 3, 17)  # 15 March is a Saturday: rolled
    same = dl.paused(date(2025, 3, 4), date(2025, 3, 4))
    assert same.due_date == date(2025, 3, 13)


def test_hour_pause_after_an_apology_moves_the_original(cal: pk.WorkingCalendar) -> None:
    dl = _rules(cal).due(datetime(2025, 3, 3, 9), pk.WorkingHours(8))  # Tuesday 4, 09:00
    assert dl.due_at == datetime(2025, 3, 4, 9, 0, tzinfo=TZ)
    apologised = dl.extended(date(2025, 3, 7), datetime(2025, 3, 3, 10))
    paused = apologised.paused(datetime(2025, 3, 3, 11), datetime(2025, 3, 5, 11))
    # Office time from Monday 11:00 to Wednesday 11:00 is 16 hours; two working days.
    assert paused.original_due_date == date(2025, 3, 6)
    unextended = dl.paused(datetime(2025, 3, 3, 11), datetime(2025, 3, 5, 11))
    assert unextended.due_at == datetime(2025, 3, 6, 9, 0, tzinfo=TZ)
    assert unextended.original_due_date == date(2025, 3, 6)
    zero = dl.paused(datetime(2025, 3, 3, 18), datetime(2025, 3, 3, 19))  # after hours
    assert zero.due_at == dl.due_at


def test_pause_moves_the_committed_appointment_too(cal: pk.WorkingCalendar) -> None:
    friday = datetime(2025, 3, 7, 9)

    dl = _rules(cal).due(friday, pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    assert dl.committed_date == date(2025, 3, 7)
    paused = dl.paused(date(2025, 3, 7), date(2025, 3, 10))
    assert paused.committed_date == date(2025, 3, 10)
    assert paused.committed_at == datetime(2025, 3, 10, 17, 0, tzinfo=TZ)


def test_pause_errors_name_their_argument(cal: pk.WorkingCalendar) -> None:
    dl = _rules(cal).due(datetime(2025, 3, 3, 9), pk.WorkingDays(5))
    with pytest.raises(pk.InvalidTypeError) as info:
        dl.paused(datetime(2025, 3, 4, 9), "2025-03-05")  # type: ignore[arg-type]
    assert info.value.path == "end"
    with pytest.raises(pk.InvalidTypeError) as info:
        dl.extended(date(2025, 3, 14), "2025-03-05")  # type: ignore[arg-type]
    assert info.value.path == "issued_at"
    with pytest.raises(pk.CalendarRangeError) as range_info:
        dl.paused(datetime(2025, 3, 4, 9), datetime(2060, 12, 30, 9))
    assert range_info.value.path == "end"


def test_pause_of_a_provisional_deadline_is_recomputed(cal: pk.WorkingCalendar) -> None:
    dl = _rules(cal).due(datetime(2026, 12, 21, 9), pk.WorkingDays(3))
    assert dl.provisional is False  # 2026 is complete
    paused = dl.paused(date(2026, 12, 22), date(2027, 1, 8))  # into 2027, not yet complete
    assert paused.provisional is True
    back = dl.extended(date(2027, 1, 15), datetime(2026, 12, 22, 9))
    assert back.provisional is True


def test_extension_bounds(cal: pk.WorkingCalendar) -> None:
    dl = _rules(cal).due(datetime(2060, 12, 1, 9), pk.WorkingDays(5))
    last = dl.extended(date(2060, 12, 31), datetime(2060, 12, 2, 9))
    assert last.due_date == date(2060, 12, 31)
    assert last.extension is not None
    assert last.extension.new_due_date == date(2060, 12, 31)
    assert last.original_due_date == dl.due_date
    with pytest.raises(pk.InvalidArgumentError) as info:
        _rules(cal).due(datetime(2025, 3, 3, 9), pk.NoTimeLimit()).extended(
            date(2025, 3, 14), datetime(2025, 3, 4, 9)
        )
    assert info.value.message == "a deadline without a time limit (NoTimeLimit) cannot be extended"


def test_explain_starts_on_the_local_submission_day(cal: pk.WorkingCalendar) -> None:
    # Submitted Saturday 8 March 2025 at 05:00 local (Friday 22:00 UTC).
    dl = _rules(cal).due(datetime(2025, 3, 8, 5, 0, tzinfo=TZ), pk.WorkingDays(1))
    assert dl.due_date == date(2025, 3, 10)
    assert [e.date for e in dl.explain()] == [date(2025, 3, 8), date(2025, 3, 9)]


def test_sunday_window_commitment_with_cutoff_and_window_end(cal: pk.WorkingCalendar) -> None:
    sunday = datetime(2025, 3, 9, 10, 0)
    rules = _rules(cal)
    dl = rules.due(sunday, pk.WorkingDays(5), service_model=SUNDAY_FOR_THE_PEOPLE)
    assert dl.committed_date == date(2025, 3, 9)
    assert dl.committed_at == datetime(2025, 3, 9, 11, 30, tzinfo=TZ)  # the window's end
    cut = pk.ServiceModel(
        "Chủ nhật (cut-off)",
        {6},
        (),
        pk.SameDay(time(10, 0)),
        kind=pk.ServiceKind.EXTRA_RECEPTION,
        window=(pk.Session(time(7, 30), time(11, 30)),),
        all_procedures=True,
    )
    assert rules.due(sunday, pk.WorkingDays(5), service_model=cut).committed_date == sunday.date()
    late = rules.due(sunday + timedelta(minutes=1), pk.WorkingDays(5), service_model=cut)
    assert late.committed_date != sunday.date()
    nowindow = pk.ServiceModel(
        "Thứ Bảy (cả ngày)",
        {5},
        (),
        pk.SameDay(),
        kind=pk.ServiceKind.EXTRA_RECEPTION,
        all_procedures=True,
    )
    saturday = rules.due(datetime(2025, 3, 8, 10), pk.WorkingDays(5), service_model=nowindow)
    assert saturday.committed_date == date(2025, 3, 8)
    assert saturday.committed_at == datetime(2025, 3, 8, 17, 0, tzinfo=TZ)  # Monday's close


def test_format_a_reception_model_without_commitment(cal: pk.WorkingCalendar) -> None:
    dl = _rules(cal).due(datetime(2025, 3, 8, 9), pk.WorkingDays(1), service_model=SATURDAY_MORNING)
    assert dl.service_model is SATURDAY_MORNING
    assert dl.committed_date is None
    assert pk.format_deadline(dl) == (
        "Ngày hẹn trả kết quả: 17 giờ 00 phút, Thứ Hai, ngày 10 tháng 03 năm 2025"
    )
    assert pk.format_deadline(dl, lang="en").startswith("Appointment to return the result: 17:00")
    assert ";" not in pk.format_deadline(dl, lang="en")


def test_format_in_english_with_a_commitment(cal: pk.WorkingCalendar) -> None:

    dl = _rules(cal).due(datetime(2025, 3, 7, 9), pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    line = pk.format_deadline(dl, lang="en")
    assert line.startswith("Appointment to return the result: 17:00, ")
    assert "; committed under “Quick Friday”: " in line
    none = _rules(cal).due(datetime(2025, 3, 7, 9), pk.NoTimeLimit())
    assert pk.format_deadline(none, lang="en") == (
        "Appointment to return the result: no statutory time limit"
    )


def test_receipt_of_follows_the_policy(cal: pk.WorkingCalendar) -> None:
    late = datetime(2025, 3, 7, 17, 30)  # Friday after close
    assert _rules(cal).receipt_of(late) == late.replace(tzinfo=TZ)
    nxt = _rules(cal, receipt_policy="next-opening").receipt_of(late)
    assert nxt == datetime(2025, 3, 10, 8, 0, tzinfo=TZ)
    with pytest.raises(pk.InvalidTypeError) as info:
        _rules(cal).receipt_of("2025-03-07")  # type: ignore[arg-type]
    assert info.value.path == "received_at"


def test_a_flag_is_not_repeated(cal: pk.WorkingCalendar) -> None:
    dl = _rules(cal).due(datetime(2025, 3, 3, 9), pk.WorkingDays(5))
    three = (
        dl.paused(date(2025, 3, 4), date(2025, 3, 5))
        .paused(date(2025, 3, 6), date(2025, 3, 7))
        .paused(date(2025, 3, 10), date(2025, 3, 11))
    )
    assert three.flags.count("second-supplement-request") == 1


def test_repr_names_the_options_that_differ_from_the_defaults(cal: pk.WorkingCalendar) -> None:
    hours = pk.OfficeHours.standard()
    # The standard hours are the default and are not repeated.
    assert repr(pk.DeadlineRules(cal, hours)) == f"DeadlineRules({cal!r})"
    custom = pk.DeadlineRules(cal, pk.OfficeHours.weekly(["07:30-11:30"]))
    assert repr(custom) != f"DeadlineRules({cal!r})"
    rules = pk.DeadlineRules(
        cal,
        hours,
        receipt_policy="customs",
        pause_policy="restart",
        extension_deadline="working-day",
    )
    assert repr(rules) == (
        f"DeadlineRules({cal!r}, receipt_policy='customs', "
        "pause_policy='restart', extension_deadline='working-day')"
    )
    one = pk.DeadlineRules(cal, hours, pause_policy="restart")
    assert repr(one) == f"DeadlineRules({cal!r}, pause_policy='restart')"


def test_explain_lists_a_day_off_inside_a_pause_as_a_day_off(cal: pk.WorkingCalendar) -> None:
    # Elapsed hours count every day of a pause; the weekend inside it is still listed once,
    # as the weekend (Deadline.explain).
    dl = _rules(cal).due(datetime(2025, 3, 3, 9), pk.ElapsedHours(240))
    paused = dl.paused(datetime(2025, 3, 5, 9), datetime(2025, 3, 10, 9))
    why = {e.date: e.reason_en for e in paused.explain()}
    assert why[date(2025, 3, 6)] == "Paused (waiting for the supplement)"
    assert why[date(2025, 3, 8)] == "Saturday (weekend)"
    assert why[date(2025, 3, 9)] == "Sunday (weekend)"
    assert why[date(2025, 3, 10)] == "Paused (waiting for the supplement)"


def test_explain_lists_every_pause_that_moved_whatever_the_order(
    cal: pk.WorkingCalendar,
) -> None:
    dl = _rules(cal).due(datetime(2025, 3, 3, 9), pk.WorkingDays(5))  # due 10 March
    # Recorded first: a request after the due date, which moves nothing; then an earlier one.
    late = dl.paused(date(2025, 3, 20), date(2025, 3, 21))
    both = late.paused(date(2025, 3, 4), date(2025, 3, 5), kind="financial_obligation_requested")
    assert [p.moved for p in both.pauses] == [False, True]
    assert both.due_date == date(2025, 3, 11)
    assert both.explain()[0] == (
        date(2025, 3, 5),
        "Tạm dừng (chờ thực hiện nghĩa vụ tài chính)",
        "Paused (waiting for the financial obligation)",
        None,
    )
    assert date(2025, 3, 21) not in {e.date for e in both.explain()}


class _NoOffset(tzinfo):
    """A tzinfo that does not know its offset: the datetime is naive in all but name."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None


def test_strict_rules_refuse_a_naive_datetime_with_the_whole_error(
    cal: pk.WorkingCalendar,
) -> None:
    strict = _rules(cal, naive="error")
    for value in (datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 9, tzinfo=_NoOffset())):
        with pytest.raises(pk.InvalidArgumentError) as info:
            strict.due(value, pk.WorkingDays(1))
        err = info.value
        assert err.message == (
            f"received_at {value.isoformat()} has no time zone, and these rules refuse naive "
            "datetimes (naive='error'): give an aware datetime"
        )
        assert (err.path, err.value) == ("received_at", value)
        assert err.expected == (
            "datetime(2026, 3, 2, 9, 0, tzinfo=pk.VIETNAM_TZ), or ZoneInfo('Asia/Ho_Chi_Minh')"
        )
    aware = strict.due(datetime(2026, 3, 2, 9, tzinfo=TZ), pk.WorkingDays(1))
    assert aware.due_date == date(2026, 3, 3)


def test_a_make_up_saturday_inside_a_pause_is_listed_as_paused(cal: pk.WorkingCalendar) -> None:
    """Saturday 10 January 2026 is a make-up working day (Công văn 12729/VPCP-KGVX); a pause
    over it means it was not counted, so explain() lists it as paused, not as worked."""
    dl = _rules(cal).due(datetime(2026, 1, 7, 9), pk.WorkingDays(5))
    assert dl.due_date == date(2026, 1, 13)
    paused = dl.paused(date(2026, 1, 8), date(2026, 1, 12))
    assert paused.due_date == date(2026, 1, 16)
    days = {e.date: e.reason_en for e in paused.explain()}
    assert days[date(2026, 1, 10)] == "Paused (waiting for the supplement)"
    assert days[date(2026, 1, 11)] == "Sunday (weekend)"
    # Without a pause the same Saturday is a make-up working day, counted.
    assert {e.date: e.reason_en for e in dl.explain()}[date(2026, 1, 10)].startswith(
        "Saturday (make-up working day)"
    )
