"""The deadline engine: policies, explanation, pauses, extension, slip line, bad input."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import attrs
import pytest
from _deadline_helpers import domain_calendar

import procedurekit as pk
from procedurekit.deadlines import (
    FLAG_LATE_APOLOGY,
    FLAG_SECOND_SUPPLEMENT_REQUEST,
    RECEIPT_POLICIES,
)

CAL = domain_calendar()
VN = pk.WorkingCalendar.vietnam()
RULES = pk.DeadlineRules(CAL)
TZ = pk.VIETNAM_TZ


def local(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


# -- DESIGN.md examples ---------------------------------------------------------------------


def test_saturday_receipt_under_both_policies() -> None:
    saturday = datetime(2026, 3, 7, 10)
    assert RULES.due(saturday, pk.WorkingDays(1)).due_date == date(2026, 3, 9)
    nxt = pk.DeadlineRules(CAL, receipt_policy="next-opening")
    dl = nxt.due(saturday, pk.WorkingDays(1))
    assert dl.due_date == date(2026, 3, 10)
    assert dl.receipt == local(2026, 3, 9, 8)
    assert dl.submitted_at == local(2026, 3, 7, 10)


def test_policies_and_presets() -> None:
    assert RULES.receipt_policy == "as-submitted"
    assert RULES.receipt_rule == "as-submitted"
    for name in ("state-treasury", "customs"):
        rules = pk.DeadlineRules(CAL, receipt_policy=name)
        assert rules.receipt_rule == "next-opening"
    assert "87/2021/TT-BTC" in RECEIPT_POLICIES["state-treasury"][1]
    assert "2988/QĐ-TCHQ" in RECEIPT_POLICIES["customs"][1]
    assert RULES.receipt_of(datetime(2026, 3, 2, 12, 30)) == local(2026, 3, 2, 12, 30)
    treasury = pk.DeadlineRules(CAL, receipt_policy="state-treasury")
    assert treasury.receipt_of(datetime(2026, 3, 2, 12, 30)) == local(2026, 3, 2, 13)
    assert treasury.receipt_of(date(2026, 3, 7)) == local(2026, 3, 9, 8)


def test_results_are_aware_vietnam_time() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 3, tzinfo=UTC), pk.WorkingHours(1))
    assert dl.receipt == local(2026, 3, 2, 10)
    assert dl.due_at == local(2026, 3, 2, 11)
    for moment in (dl.receipt, dl.submitted_at, dl.due_at):
        assert moment is not None
        assert moment.utcoffset() == timedelta(hours=7)


def test_working_hours_zero_is_next_opening() -> None:
    assert RULES.due(datetime(2026, 3, 2, 12, 30), pk.WorkingHours(0)).due_at == local(
        2026, 3, 2, 13
    )
    assert RULES.due(datetime(2026, 3, 2, 10), pk.WorkingHours(0)).due_at == local(2026, 3, 2, 10)


def test_same_day_seconds_after_cutoff_are_late() -> None:
    rule = pk.SameDay(time(15))
    assert RULES.due(datetime(2026, 3, 3, 15, 0, 0), rule).due_date == date(2026, 3, 3)
    assert RULES.due(datetime(2026, 3, 3, 15, 0, 30), rule).due_date == date(2026, 3, 4)


def test_no_time_limit() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.NoTimeLimit())
    assert dl.due_date is None
    assert dl.due_at is None
    assert dl.explain() == []
    assert pk.format_deadline(dl) == "Ngày hẹn trả kết quả: không quy định thời hạn giải quyết"
    assert (
        pk.format_deadline(dl, lang="en")
        == "Appointment to return the result: no time limit prescribed"
    )


# -- provenance -----------------------------------------------------------------------------


def test_calendar_version_and_provisional() -> None:
    rules = pk.DeadlineRules(VN)
    dl = rules.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    assert dl.calendar_version == VN.data_version
    assert dl.provisional is False
    crossing = rules.due(datetime(2026, 12, 30, 10), pk.WorkingDays(5))
    assert crossing.due_date is not None
    assert crossing.due_date.year == 2027
    assert crossing.provisional is True
    assert rules.due(datetime(2027, 3, 1, 10), pk.SameDay()).provisional is True
    assert rules.due(datetime(2027, 3, 1, 10), pk.NoTimeLimit()).provisional is True
    bare = pk.DeadlineRules(pk.WorkingCalendar())
    assert bare.due(datetime(2026, 3, 2, 10), pk.WorkingDays(1)).provisional is True


def test_explain_tet_2026() -> None:
    dl = pk.DeadlineRules(VN).due(datetime(2026, 2, 13, 10), pk.WorkingDays(1))
    rows = dl.explain()
    assert [r.date for r in rows] == [date(2026, 2, d) for d in range(14, 23)]
    first_day, reason_vi, reason_en, source = rows[0]
    assert (first_day, reason_vi, reason_en, source) == (
        date(2026, 2, 14),
        "Thứ Bảy (nghỉ cuối tuần)",
        "Saturday (weekend)",
        None,
    )
    tet = next(r for r in rows if r.date == date(2026, 2, 16))
    assert tet.source is not None
    assert "9859" in tet.source
    assert all(VN.reason(r.date) == (r.reason_vi, r.reason_en, r.source) for r in rows)


def test_explain_new_year_swap() -> None:
    dl = pk.DeadlineRules(VN).due(datetime(2025, 12, 31, 10), pk.WorkingDays(1))
    sources = {r.date: r.source for r in dl.explain()}
    assert set(sources) == {date(2026, 1, d) for d in (1, 2, 3, 4)}
    assert "12729" in (sources[date(2026, 1, 2)] or "")


def test_explain_calendar_days_lists_the_roll_only() -> None:
    dl = RULES.due(datetime(2026, 3, 6, 10), pk.CalendarDays(1))
    assert dl.due_date == date(2026, 3, 9)
    assert dl.period_end == date(2026, 3, 7)
    assert [r.date for r in dl.explain()] == [date(2026, 3, 7), date(2026, 3, 8)]
    assert RULES.due(datetime(2026, 3, 2, 10), pk.CalendarDays(3)).explain() == []


def test_explain_includes_a_weekend_receipt_day() -> None:
    dl = RULES.due(datetime(2026, 3, 7, 10), pk.WorkingDays(1))
    assert [r.date for r in dl.explain()] == [date(2026, 3, 7), date(2026, 3, 8)]


# -- slip line ------------------------------------------------------------------------------


def test_format_deadline_slip_line() -> None:
    rules = pk.DeadlineRules(CAL, pk.OfficeHours.bac_giang())
    dl = rules.due(datetime(2026, 2, 13, 10), pk.WorkingDays(1))
    assert (
        pk.format_deadline(dl) == "Ngày hẹn trả kết quả: 16 giờ 30 phút, ngày 23 tháng 02 năm 2026"
    )
    assert (
        pk.format_deadline(dl, lang="en")
        == "Appointment to return the result: 16:30, 23 February 2026"
    )
    with pytest.raises(pk.InvalidArgumentError, match="lang"):
        pk.format_deadline(dl, lang="fr")
    with pytest.raises(pk.InvalidTypeError, match="dl"):
        pk.format_deadline("2026-02-23")  # type: ignore[arg-type]


# -- pauses ---------------------------------------------------------------------------------


def test_pause_working_days() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    assert dl.due_date == date(2026, 3, 9)
    p = dl.paused(date(2026, 3, 3), date(2026, 3, 5))  # (03-03, 03-05]: 2 working days
    assert p.due_date == date(2026, 3, 11)
    assert p.due_at == local(2026, 3, 11, 17)
    assert p.original_due_date == date(2026, 3, 11)
    assert p.pauses == (pk.Pause(date(2026, 3, 3), date(2026, 3, 5)),)
    assert p.flags == ()
    assert dl.due_date == date(2026, 3, 9)  # unchanged: a new object
    weekend = dl.paused(date(2026, 3, 6), date(2026, 3, 8))  # no working day in (Fri, Sun]
    assert weekend.due_date == dl.due_date
    second = p.paused(date(2026, 3, 10), date(2026, 3, 11))
    assert second.due_date == date(2026, 3, 12)
    assert second.flags == (FLAG_SECOND_SUPPLEMENT_REQUEST,)
    third = second.paused(date(2026, 3, 12), date(2026, 3, 12))
    assert third.flags == (FLAG_SECOND_SUPPLEMENT_REQUEST,)
    assert len(third.pauses) == 3


def test_pause_same_day_and_commitment() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.SameDay())
    assert dl.paused(date(2026, 3, 2), date(2026, 3, 3)).due_date == date(2026, 3, 3)
    qf = RULES.due(
        datetime(2026, 2, 27, 9),
        pk.WorkingDays(5),
        service_model=pk.ServiceModel.preset("quick-friday"),
    )
    moved = qf.paused(date(2026, 2, 27), date(2026, 3, 2))
    assert moved.committed_date == date(2026, 3, 2)
    assert moved.due_date == date(2026, 3, 9)


def test_pause_calendar_days_and_months() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.CalendarDays(10))
    assert dl.due_date == date(2026, 3, 12)
    assert dl.paused(date(2026, 3, 3), date(2026, 3, 8)).due_date == date(2026, 3, 17)
    rolled = dl.paused(date(2026, 3, 3), date(2026, 3, 5))  # end 03-14 is a Saturday
    assert rolled.period_end == date(2026, 3, 14)
    assert rolled.due_date == date(2026, 3, 16)
    month = RULES.due(datetime(2026, 1, 31, 10), pk.Months(1))
    assert (month.period_end, month.due_date) == (date(2026, 2, 28), date(2026, 3, 2))
    assert month.paused(date(2026, 2, 2), date(2026, 2, 5)).due_date == date(2026, 3, 3)


def test_pause_hours() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 8), pk.WorkingHours(4))
    assert dl.due_at == local(2026, 3, 2, 12)
    p = dl.paused(datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 14))  # 3 + 1 office hours
    assert p.due_at == local(2026, 3, 2, 17)
    assert p.pauses[0].start == local(2026, 3, 2, 9)
    by_day = dl.paused(date(2026, 3, 2), date(2026, 3, 3))  # openings: 8 office hours
    assert by_day.due_at == local(2026, 3, 3, 12)
    assert by_day.due_date == date(2026, 3, 3)


def test_pause_restart_policy() -> None:
    rules = pk.DeadlineRules(CAL, pause_policy="restart")
    dl = rules.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    p = dl.paused(date(2026, 3, 4), date(2026, 3, 6))
    assert p.due_date == date(2026, 3, 13)
    assert p.original_due_date == date(2026, 3, 13)
    nxt = pk.DeadlineRules(CAL, pause_policy="restart", receipt_policy="next-opening")
    late = nxt.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    assert late.paused(date(2026, 3, 4), datetime(2026, 3, 6, 17, 30)).due_date == date(2026, 3, 16)


def test_pause_errors_and_no_limit() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    with pytest.raises(pk.InvalidArgumentError, match="end"):
        dl.paused(date(2026, 3, 5), date(2026, 3, 3))
    with pytest.raises(pk.InvalidTypeError, match="start"):
        dl.paused("2026-03-03", date(2026, 3, 5))  # type: ignore[arg-type]
    with pytest.raises(pk.CalendarRangeError, match="end"):
        dl.paused(date(2026, 3, 3), date(2061, 1, 1))
    none = RULES.due(datetime(2026, 3, 2, 10), pk.NoTimeLimit())
    p = none.paused(date(2026, 3, 3), date(2026, 3, 5))
    assert p.due_date is None
    assert len(p.pauses) == 1


# -- extension ------------------------------------------------------------------------------


def test_extension_once_keeps_the_original() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    ext = dl.extended(date(2026, 3, 13), issued_at=date(2026, 3, 8))
    assert ext.due_date == date(2026, 3, 13)
    assert ext.due_at == local(2026, 3, 13, 17)
    assert ext.original_due_date == date(2026, 3, 9)
    assert ext.extension is not None
    assert ext.extension.limit == date(2026, 3, 8)
    assert ext.extension.late is False
    assert ext.flags == ()
    assert pk.format_deadline(ext).startswith("Hẹn lại ngày trả kết quả: 17 giờ 00 phút, ngày 13")
    assert pk.format_deadline(ext, lang="en").startswith("New appointment to return the result")
    with pytest.raises(pk.TransitionError, match="Decree 61/2018") as exc:
        ext.extended(date(2026, 3, 20), issued_at=date(2026, 3, 12))
    assert "at most once" in str(exc.value)
    # A pause within the legal period moves both dates by its working days in (3, 4] = 1.
    moved = ext.paused(date(2026, 3, 3), date(2026, 3, 4))
    assert (moved.due_date, moved.original_due_date) == (date(2026, 3, 16), date(2026, 3, 10))
    # One requested after the legal due date (9 March) moves nothing (decision 9).
    after = ext.paused(date(2026, 3, 10), date(2026, 3, 11))
    assert (after.due_date, after.original_due_date) == (date(2026, 3, 13), date(2026, 3, 9))
    assert "pause-after-due" in after.flags
    assert after.pauses[-1].moved is False


def test_late_apology() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))  # due Monday 03-09
    late = dl.extended(date(2026, 3, 13), issued_at=datetime(2026, 3, 9, 8))
    assert late.flags == (FLAG_LATE_APOLOGY,)
    assert late.extension is not None
    assert late.extension.issued_at == local(2026, 3, 9, 8)
    saturday = date(2026, 3, 7)
    assert not dl.extended(date(2026, 3, 13), issued_at=saturday).extension.late  # type: ignore[union-attr]
    wd = pk.DeadlineRules(CAL, extension_deadline="working-day")
    dl_wd = wd.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    ext = dl_wd.extended(date(2026, 3, 13), issued_at=saturday)
    assert ext.extension is not None
    assert ext.extension.limit == date(2026, 3, 6)
    assert ext.flags == (FLAG_LATE_APOLOGY,)


def test_extension_errors() -> None:
    dl = RULES.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    same = dl.extended(date(2026, 3, 9), issued_at=date(2026, 3, 5))
    assert same.flags == ("extension-not-later",)
    saturday = dl.extended(date(2026, 3, 14), issued_at=date(2026, 3, 5))
    assert saturday.flags == ("extension-on-day-off",)
    assert saturday.due_date == date(2026, 3, 14)
    with pytest.raises(pk.InvalidTypeError, match="new_due"):
        dl.extended(datetime(2026, 3, 13, 10), issued_at=date(2026, 3, 5))  # type: ignore[arg-type]
    with pytest.raises(pk.InvalidTypeError, match="issued_at"):
        dl.extended(date(2026, 3, 13), issued_at="yesterday")  # type: ignore[arg-type]
    with pytest.raises(pk.CalendarRangeError, match="new_due"):
        dl.extended(date(2061, 3, 13), issued_at=date(2026, 3, 5))
    with pytest.raises(pk.InvalidArgumentError, match="NoTimeLimit"):
        RULES.due(datetime(2026, 3, 2, 10), pk.NoTimeLimit()).extended(
            date(2026, 3, 13), issued_at=date(2026, 3, 5)
        )


# -- values ---------------------------------------------------------------------------------


def test_deadline_is_frozen_and_comparable() -> None:
    a = RULES.due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    b = pk.DeadlineRules(CAL).due(datetime(2026, 3, 2, 10), pk.WorkingDays(5))
    assert a == b
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.due_date = date(2026, 3, 10)  # type: ignore[misc]
    assert "rules" not in repr(a)
    assert pk.DeadlineRules(CAL) == RULES


def test_fractional_working_days_use_the_seasons_day_length() -> None:
    # Bắc Giang winter day: 07:30-12:00 and 13:00-16:30 (8 h); half of Tuesday's hours.
    rules = pk.DeadlineRules(CAL, pk.OfficeHours.bac_giang())
    dl = rules.due(datetime(2026, 3, 2, 7, 30), pk.WorkingDays(Decimal("0.5")))
    assert dl.due_at == local(2026, 3, 3, 11, 30)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        ("0.5", (2026, 3, 3, 12, 0)),  # decision 6: Tuesday 12:00
        ("1", (2026, 3, 3, 17, 0)),
        ("1.5", (2026, 3, 4, 12, 0)),  # Wednesday 12:00
        ("2", (2026, 3, 4, 17, 0)),
        ("2.5", (2026, 3, 5, 12, 0)),  # after 2, never before it
        ("0.25", (2026, 3, 3, 10, 0)),
        ("0.75", (2026, 3, 3, 15, 0)),  # 6 h of Tuesday: the lunch break is skipped
    ],
)
def test_decision_6_fractional_working_days(n: str, expected: tuple[int, ...]) -> None:
    """The whole days by the day rule, then the fraction as that share of the next
    working day's office hours from its opening (law-to-semantics, decision 6)."""
    dl = RULES.due(datetime(2026, 3, 2, 8, 0), pk.WorkingDays(Decimal(n)))
    assert dl.due_at == local(*expected)
    assert dl.due_date == dl.due_at.date()


def test_decision_6_fraction_after_a_weekend_receipt_and_tet() -> None:
    # Received Friday 13 Feb 2026 (before Tết): the next working day is Monday 23 Feb.
    dl = RULES.due(datetime(2026, 2, 13, 16, 0), pk.WorkingDays(Decimal("0.5")))
    assert dl.due_at == local(2026, 2, 23, 12, 0)
    # A make-up Saturday is a working day with a regular weekday's hours.
    dl = RULES.due(datetime(2026, 1, 9, 9, 0), pk.WorkingDays(Decimal("0.5")))
    assert dl.due_at == local(2026, 1, 10, 12, 0)


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "received",
    ["2026-03-02", None, 20260302, math.nan, Decimal("NaN"), time(10), [2026, 3, 2]],
)
def test_bad_received_at(received: object) -> None:
    with pytest.raises(pk.InvalidTypeError, match="received_at"):
        RULES.due(received, pk.WorkingDays(1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "received",
    [
        datetime(2009, 12, 31, 10),
        date(2061, 1, 1),
        datetime(2061, 1, 1, 10),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, tzinfo=UTC),
        datetime(2060, 12, 31, 20, tzinfo=UTC),
    ],
)
def test_received_at_out_of_range(received: date) -> None:
    with pytest.raises(pk.CalendarRangeError, match="received_at"):
        RULES.due(received, pk.WorkingDays(1))


@pytest.mark.parametrize("duration", ["5 ngày", None, 5, 5.0, timedelta(days=5)])
def test_bad_duration(duration: object) -> None:
    with pytest.raises(pk.InvalidTypeError, match="duration"):
        RULES.due(datetime(2026, 3, 2, 10), duration)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "make",
    [
        lambda: pk.WorkingDays(-1),
        lambda: pk.WorkingDays(math.nan),
        lambda: pk.WorkingHours("abc"),
        lambda: pk.CalendarDays(1.5),
        lambda: pk.Months(math.inf),
    ],
)
def test_bad_duration_values(make: object) -> None:
    with pytest.raises(pk.ProcedureKitError, match="value"):
        make()  # type: ignore[operator]


@pytest.mark.parametrize(
    "duration",
    [
        pk.WorkingDays(100),
        pk.CalendarDays(10**6),
        pk.Months(10**6),
        pk.WorkingHours(2000),
        pk.SameDay(),
    ],
)
def test_result_out_of_range(duration: pk.Duration) -> None:
    with pytest.raises(pk.CalendarRangeError, match="duration"):
        RULES.due(datetime(2060, 12, 31, 18), duration)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"receipt_policy": "sector"}, "receipt_policy"),
        ({"receipt_policy": None}, "receipt_policy"),
        ({"receipt_policy": "AS-SUBMITTED"}, "receipt_policy"),
        ({"pause_policy": "freeze"}, "pause_policy"),
        ({"extension_deadline": "hour"}, "extension_deadline"),
    ],
)
def test_unknown_option_names(kwargs: dict[str, object], name: str) -> None:
    with pytest.raises(pk.InvalidArgumentError, match=name) as exc:
        pk.DeadlineRules(CAL, **kwargs)  # type: ignore[arg-type]
    assert (
        "as-submitted" in str(exc.value)
        or "shift" in str(exc.value)
        or "calendar-day" in str(exc.value)
    )


def test_bad_rules_arguments() -> None:
    with pytest.raises(pk.InvalidTypeError, match="calendar"):
        pk.DeadlineRules(None)  # type: ignore[arg-type]
    with pytest.raises(pk.InvalidTypeError, match="hours"):
        pk.DeadlineRules(CAL, "standard")  # type: ignore[arg-type]


def test_elapsed_hours_ignore_office_hours_and_days_off() -> None:
    # "giờ" read as clock time (parse_duration(..., bare_hours="elapsed")): Civil Code 147(1),
    # the period starts at the stated moment and runs through nights and days off.
    rules = pk.DeadlineRules(VN)
    dl = rules.due(datetime(2026, 2, 13, 16, 0), pk.ElapsedHours(24))  # into Tết's Saturday
    assert dl.due_at == local(2026, 2, 14, 16, 0)
    assert dl.due_date == date(2026, 2, 14)
    half = rules.due(datetime(2026, 3, 2, 11, 45), pk.ElapsedHours(Decimal("0.5")))
    assert half.due_at == local(2026, 3, 2, 12, 15)
    moved = dl.paused(datetime(2026, 2, 13, 17, 0), datetime(2026, 2, 13, 20, 0))
    assert moved.due_at == local(2026, 2, 14, 19, 0)
