"""Dossier.clock: legal and committed due dates, pauses, apology, 766 end time, outcome."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from procedurekit import (
    VIETNAM_TZ,
    CalendarDays,
    Channel,
    DeadlineRules,
    NoTimeLimit,
    OfficeHours,
    SameDay,
    WorkingCalendar,
    WorkingDays,
)
from procedurekit.deadlines.service import QUICK_FRIDAY
from procedurekit.errors import InvalidTypeError
from procedurekit.models import (
    Agency,
    ChannelTerms,
    Dossier,
    DossierCode,
    Event,
    EventKind,
    Level,
    Outcome,
    ProcedureCode,
)
from procedurekit.phrases.processing_time import Case, ProcessingTime

K = EventKind
CODE = DossierCode("H21.65-250303-0001")


@pytest.fixture(scope="module")
def rules() -> DeadlineRules:
    return DeadlineRules(WorkingCalendar.vietnam(), OfficeHours.standard())


def at(day: int, hour: int = 9, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, 0, tzinfo=VIETNAM_TZ)


def dossier(*events: tuple[EventKind, datetime] | Event, code: str | None = None) -> Dossier:
    log = [e if isinstance(e, Event) else Event(kind=e[0], at=e[1]) for e in events]
    return Dossier.replay(
        log,
        code=CODE,
        channel=Channel.COUNTER,
        procedure_code=ProcedureCode(code) if code else None,
    )


# Monday 2025-03-03 + 5 working days = Monday 2025-03-10 (no holiday in March 2025).
FIVE = WorkingDays(5)


@pytest.mark.parametrize(
    ("end_day", "outcome"),
    [(7, Outcome.EARLY), (10, Outcome.ON_TIME), (11, Outcome.LATE)],
)
def test_finished_outcome_by_date(rules: DeadlineRules, end_day: int, outcome: Outcome) -> None:
    d = dossier((K.ACCEPTED, at(3)), (K.PROCESSED, at(end_day, 16)))
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 30))
    assert clock.due_date == date(2025, 3, 10)
    assert clock.outcome is outcome
    assert clock.end_at == at(end_day, 16)
    assert clock.calendar_version
    assert clock.deadline is not None


def test_open_dossier_in_time_then_overdue(rules: DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3)))
    assert d.clock(rules, FIVE, as_of=date(2025, 3, 10)).outcome is Outcome.IN_TIME
    assert d.clock(rules, FIVE, as_of=at(11, 8)).outcome is Outcome.OVERDUE


def test_events_after_as_of_are_ignored(rules: DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3)), (K.PROCESSED, at(12)))
    clock = d.clock(rules, FIVE, as_of=date(2025, 3, 8))
    assert clock.end is None
    assert clock.outcome is Outcome.IN_TIME


def test_supplement_pause_moves_due_date(rules: DeadlineRules) -> None:
    d = dossier(
        (K.ACCEPTED, at(3)),
        (K.SUPPLEMENT_REQUESTED, at(4)),
        (K.SUPPLEMENT_RECEIVED, at(6)),  # working days in (4, 6]: 2
        (K.PROCESSED, at(12)),
    )
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1))
    assert clock.due_date == date(2025, 3, 12)
    assert clock.paused == timedelta(days=2)
    assert clock.outcome is Outcome.ON_TIME
    assert clock.flags == ()


def test_open_pause_runs_to_as_of(rules: DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3)), (K.SUPPLEMENT_REQUESTED, at(4)))
    clock = d.clock(rules, FIVE, as_of=at(14, 9))
    assert "open-pause" in clock.flags
    assert clock.outcome is Outcome.IN_TIME  # the clock stood still since the 4th
    assert clock.due_date is not None
    assert clock.due_date > date(2025, 3, 14)


def test_more_than_one_supplement_request_counts_late(rules: DeadlineRules) -> None:
    d = dossier(
        (K.ACCEPTED, at(3)),
        (K.SUPPLEMENT_REQUESTED, at(3, 10)),
        (K.SUPPLEMENT_RECEIVED, at(3, 11)),
        (K.SUPPLEMENT_REQUESTED, at(4)),
        (K.SUPPLEMENT_RECEIVED, at(4, 11)),
        (K.PROCESSED, at(5)),  # well before the due date
    )
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1))
    assert clock.outcome is Outcome.LATE
    assert "multiple-supplement-requests" in clock.flags
    assert "second-supplement-request" in clock.flags  # the engine's own flag


def test_apology_keeps_original_due_date_for_scoring(rules: DeadlineRules) -> None:
    d = dossier(
        (K.ACCEPTED, at(3)),
        Event(kind=K.APOLOGY_ISSUED, at=at(7), new_due_date=date(2025, 3, 14)),
        (K.PROCESSED, at(13)),
    )
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1))
    assert clock.due_date == date(2025, 3, 10)
    assert clock.extended_due_date == date(2025, 3, 14)
    assert clock.outcome is Outcome.LATE
    assert "late-apology" not in clock.flags  # issued 3 days before the due date


def test_late_apology_flagged(rules: DeadlineRules) -> None:
    d = dossier(
        (K.ACCEPTED, at(3)),
        Event(kind=K.APOLOGY_ISSUED, at=at(10), new_due_date=date(2025, 3, 14)),
    )
    assert "late-apology" in d.clock(rules, FIVE, as_of=date(2025, 3, 11)).flags


def test_odd_apology_flagged_not_raised(rules: DeadlineRules) -> None:
    d = dossier(
        (K.ACCEPTED, at(3)),
        Event(kind=K.APOLOGY_ISSUED, at=at(4), new_due_date=date(2025, 3, 5)),  # before due
    )
    clock = d.clock(rules, FIVE, as_of=date(2025, 3, 6))
    # The engine flags it (extension-not-later); the clock falls back to invalid-apology
    # if an engine refuses the extension outright.
    assert {"extension-not-later", "invalid-apology"} & set(clock.flags)
    assert clock.due_date == date(2025, 3, 10)


def test_766_end_time_processed_before_returned(rules: DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3)), (K.PROCESSED, at(10)), (K.RESULT_RETURNED, at(17)))
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1))
    assert clock.end is not None
    assert clock.end.kind is K.PROCESSED
    assert clock.outcome is Outcome.ON_TIME


def test_withdrawn_ends_the_clock(rules: DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3)), (K.WITHDRAWN, at(5)))
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1))
    assert clock.end is not None
    assert clock.end.kind is K.WITHDRAWN
    assert clock.outcome is Outcome.EARLY


def test_not_accepted_has_no_clock(rules: DeadlineRules) -> None:
    d = dossier((K.RECEIVED, at(3)), (K.REFUSED, at(4)))
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1))
    assert clock.due_date is None
    assert clock.outcome is None
    assert "not-accepted" in clock.flags


def test_no_time_limit_is_on_time(rules: DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3)), (K.PROCESSED, at(28)))
    clock = d.clock(rules, NoTimeLimit(), as_of=date(2025, 4, 1))
    assert clock.due_date is None
    assert clock.outcome is Outcome.ON_TIME
    assert "no-time-limit" in clock.flags


def test_terms_give_the_channel_duration(rules: DeadlineRules) -> None:
    terms = ChannelTerms(
        channel=Channel.COUNTER,
        processing_time=ProcessingTime(cases=[Case(CalendarDays(10))], text="10 ngày"),
        time_text="10 ngày",
    )
    d = dossier((K.ACCEPTED, at(3)))
    clock = d.clock(rules, terms, as_of=date(2025, 3, 4))
    assert clock.duration == CalendarDays(10)
    assert clock.due_date == date(2025, 3, 13)
    unparsed = ChannelTerms(channel=Channel.COUNTER, time_text="Không có thông tin")
    assert "no-duration" in d.clock(rules, unparsed, as_of=date(2025, 3, 4)).flags


def test_service_model_committed_date(rules: DeadlineRules) -> None:
    friday = datetime(2025, 3, 7, 9, tzinfo=VIETNAM_TZ)
    d = dossier((K.ACCEPTED, friday), (K.PROCESSED, friday + timedelta(hours=5)), code="2.000815")
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1), service_model=QUICK_FRIDAY)
    assert clock.committed_date == date(2025, 3, 7)
    assert clock.committed_outcome is Outcome.ON_TIME
    assert clock.due_date == date(2025, 3, 14)
    assert clock.outcome is Outcome.EARLY


def test_agency_service_models_apply_by_themselves(rules: DeadlineRules) -> None:
    from procedurekit.deadlines.service import MONDAY_WITHOUT_APPOINTMENT

    agency = Agency(
        code="H21",
        name="UBND TP Bắc Giang",
        level=Level.DISTRICT,
        service_models=[MONDAY_WITHOUT_APPOINTMENT, QUICK_FRIDAY],
    )
    friday = datetime(2025, 3, 7, 9, tzinfo=VIETNAM_TZ)
    d = Dossier.replay(
        [Event(kind=K.ACCEPTED, at=friday)], code=CODE, channel=Channel.COUNTER, agency=agency
    )
    assert d.clock(rules, FIVE, as_of=friday).committed_date == date(2025, 3, 7)
    tuesday = Dossier.replay(
        [Event(kind=K.ACCEPTED, at=at(4))], code=CODE, channel=Channel.COUNTER, agency=agency
    )
    assert tuesday.clock(rules, FIVE, as_of=at(4)).committed_date is None


def test_committed_cut_time(rules: DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3)), (K.PROCESSED, at(7)))
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1), committed=WorkingDays(3))
    assert clock.committed_date == date(2025, 3, 6)
    assert clock.committed_outcome is Outcome.LATE
    assert clock.outcome is Outcome.EARLY


def test_same_day_cutoff(rules: DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3, 16)), (K.PROCESSED, at(4, 10)))
    clock = d.clock(rules, SameDay(cutoff=datetime(2025, 1, 1, 15).time()), as_of=date(2025, 4, 1))
    assert clock.due_date == date(2025, 3, 4)
    assert clock.outcome is Outcome.ON_TIME


def test_bad_arguments(rules: DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3)))
    with pytest.raises(InvalidTypeError):
        d.clock(rules, "5 ngày", as_of=date(2025, 3, 4))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        d.clock(rules, FIVE, as_of="2025-03-04")  # type: ignore[arg-type]


# -- test strength (issue "Test strength", gap 9) ----------------------------------------------


def test_committed_outcome_with_two_supplement_requests_is_judged_by_date(
    rules: DeadlineRules,
) -> None:
    """Gap 9: "more than one supplement request = late" (Decision 766) is a rule of the
    legal outcome; the committed outcome measures the local commitment by date alone
    (law-to-semantics, decision 8)."""
    d = dossier(
        (K.ACCEPTED, at(3)),
        (K.SUPPLEMENT_REQUESTED, at(3, 10)),
        (K.SUPPLEMENT_RECEIVED, at(3, 11)),
        (K.SUPPLEMENT_REQUESTED, at(4)),
        (K.SUPPLEMENT_RECEIVED, at(4, 11)),
        (K.PROCESSED, at(5)),
    )
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1), committed=WorkingDays(3))
    assert clock.outcome is Outcome.LATE
    # Committed 3 working days from Monday 3 March: Thursday 6 March, moved by the pauses'
    # working days ((3, 3] and (4, 4]: none); processed on Wednesday 5 March: early.
    assert clock.committed_date == date(2025, 3, 6)
    assert clock.committed_outcome is Outcome.EARLY
    late = dossier(
        (K.ACCEPTED, at(3)),
        (K.SUPPLEMENT_REQUESTED, at(3, 10)),
        (K.SUPPLEMENT_RECEIVED, at(3, 11)),
        (K.SUPPLEMENT_REQUESTED, at(4)),
        (K.SUPPLEMENT_RECEIVED, at(4, 11)),
        (K.PROCESSED, at(7)),
    )
    clock = late.clock(rules, FIVE, as_of=date(2025, 4, 1), committed=WorkingDays(3))
    assert clock.committed_outcome is Outcome.LATE


def test_apology_and_supplement_request_at_the_same_moment(rules: DeadlineRules) -> None:
    """Gap 9: an apology and a supplement request logged at the same moment. The apology is
    judged against the due date in force when it was issued (the pause has not yet moved
    it), and the pause then moves both the original date and the apology's new date: the
    time the applicant takes is not counted (law-to-semantics, "Pauses and the apology")."""
    ten = WorkingDays(10)  # Monday 3 March 2025 + 10 working days = Monday 17 March
    d = dossier(
        (K.ACCEPTED, at(3)),
        Event(kind=K.APOLOGY_ISSUED, at=at(14), new_due_date=date(2025, 3, 21)),
        (K.SUPPLEMENT_REQUESTED, at(14)),
        (K.SUPPLEMENT_RECEIVED, at(19)),  # working days in (14, 19]: 17, 18, 19
        (K.PROCESSED, at(20)),
    )
    clock = d.clock(rules, ten, as_of=date(2025, 4, 30))
    assert clock.due_date == date(2025, 3, 20)  # 17 March + 3 working days
    assert clock.extended_due_date == date(2025, 3, 26)  # 21 March + 3 working days
    assert "late-apology" not in clock.flags
    assert clock.outcome is Outcome.ON_TIME
    assert clock.deadline is not None
    assert clock.deadline.extension is not None
    assert clock.deadline.extension.limit == date(2025, 3, 16)
