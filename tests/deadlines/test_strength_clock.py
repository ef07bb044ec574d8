"""Test strength (mutation testing): the dossier clock and the outcome helpers.

Each test here pins a behaviour a surviving mutant showed unpinned (docs/explanation/
testing.md). Public API only, so the tests survive the move of the clock into deadlines/.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

import procedurekit as pk
from procedurekit.deadlines import dossier_clock, run_events, service
from procedurekit.deadlines.clock import end_event_of, financial_obligation_pauses_for, pauses_of

QUICK_FRIDAY = service.QUICK_FRIDAY.for_procedures("all")

K = pk.EventKind
CODE = pk.DossierCode("H21.65-250303-0001")
FIVE = pk.WorkingDays(5)


@pytest.fixture(scope="module")
def rules() -> pk.DeadlineRules:
    return pk.DeadlineRules(pk.WorkingCalendar.vietnam(), pk.OfficeHours.standard())


def at(day: int, hour: int = 9, month: int = 3, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=pk.VIETNAM_TZ)


def dossier(
    *events: tuple[pk.EventKind, datetime] | pk.Event,
    code: str | None = None,
    agency: pk.Agency | None = None,
) -> pk.Dossier:
    log = [e if isinstance(e, pk.Event) else pk.Event(kind=e[0], at=e[1]) for e in events]
    return pk.Dossier.replay(
        log,
        code=CODE,
        channel=pk.Channel.COUNTER,
        procedure_code=pk.ProcedureCode(code) if code else None,
        agency=agency,
    )


def test_no_terms_is_an_error_or_a_flagged_clock_without_a_due_date(
    rules: pk.DeadlineRules,
) -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        dossier((K.ACCEPTED, at(3))).clock(rules, None, as_of=date(2025, 3, 4))
    assert info.value.path == "terms"
    clock = dossier((K.ACCEPTED, at(3))).clock(
        rules, None, as_of=date(2025, 3, 4), missing_duration="flag"
    )
    assert clock.duration is None
    assert clock.due_date is None
    assert clock.flags == ("no-duration",)
    assert clock.provisional is False
    assert clock.calendar_version is None
    assert clock.committed_date is None


def test_bad_terms_error_structure(rules: pk.DeadlineRules) -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        dossier((K.ACCEPTED, at(3))).clock(rules, "5 ngày", as_of=date(2025, 3, 4))  # type: ignore[arg-type]
    err = info.value
    assert err.message == "terms must be ChannelTerms, a Duration or None, got str"
    assert err.path == "terms"
    assert err.value == "5 ngày"
    assert err.expected == "procedure.terms_for(dossier.channel) or WorkingDays(5)"


def test_clock_carries_the_receipt_the_moment_and_the_procedure(rules: pk.DeadlineRules) -> None:
    d = dossier((K.RECEIVED, at(3, 8)), (K.ACCEPTED, at(3)), code="2.000815")
    clock = d.clock(rules, FIVE, as_of=at(4, 10))
    assert clock.as_of == at(4, 10)
    assert clock.received_at == at(3)
    assert clock.deadline is not None
    assert clock.deadline.procedure_code == "2.000815"
    assert clock.provisional is False
    assert clock.calendar_version == rules.calendar.data_version


def test_provisional_year_makes_the_clock_provisional() -> None:
    # A calendar whose years are all unconfirmed: every deadline on it is provisional.
    cal = pk.WorkingCalendar.vietnam().with_changes(name="no-complete-years")
    rules = pk.DeadlineRules(cal, pk.OfficeHours.standard())
    d = dossier((K.ACCEPTED, at(3, year=2060, month=3)))
    clock = d.clock(rules, FIVE, as_of=at(3, year=2060, month=3))
    assert clock.deadline is not None
    assert clock.provisional is clock.deadline.provisional
    assert clock.provisional is True


def _bound_model(code: str) -> pk.ServiceModel:
    return pk.ServiceModel(
        "Thứ Sáu nhanh (bound)",
        weekdays=[4],
        procedure_codes=[code],
        commitment=pk.SameDay(),
    )


def test_a_bound_service_model_needs_the_dossiers_procedure(rules: pk.DeadlineRules) -> None:
    friday = at(7)
    model = _bound_model("1.000001")
    agency = pk.Agency(code="H21", name="UBND", level=pk.Level.DISTRICT, service_models=[model])
    mine = dossier((K.ACCEPTED, friday), code="1.000001", agency=agency)
    other = dossier((K.ACCEPTED, friday), code="1.000002", agency=agency)
    assert mine.clock(rules, FIVE, as_of=friday).committed_date == date(2025, 3, 7)
    assert other.clock(rules, FIVE, as_of=friday).committed_date is None
    given = mine.clock(rules, FIVE, as_of=friday, service_model=model)
    assert given.committed_date == date(2025, 3, 7)
    assert given.deadline is not None
    assert given.deadline.procedure_code == "1.000001"


def test_committed_date_moves_with_a_pause_open_at_as_of(rules: pk.DeadlineRules) -> None:
    # Committed 3 working days from Monday 3 March: Thursday 6 March. A supplement request
    # on Tuesday 4 still open on Friday 7 at 10:00 moves it by the working days (4, 7].
    d = dossier((K.ACCEPTED, at(3)), (K.SUPPLEMENT_REQUESTED, at(4)))
    clock = d.clock(rules, FIVE, as_of=at(7, 10), committed=pk.WorkingDays(3))
    assert "open-pause" in clock.flags
    assert clock.committed_date == date(2025, 3, 11)
    assert clock.due_date == date(2025, 3, 13)


def test_committed_outcome_is_not_late_for_one_supplement(rules: pk.DeadlineRules) -> None:
    friday = at(7)
    d = dossier((K.ACCEPTED, friday), (K.PROCESSED, at(7, 11)), code="2.000815")
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1), service_model=QUICK_FRIDAY)
    assert clock.committed_outcome is pk.Outcome.ON_TIME


def test_refused_apology_is_flagged_once(rules: pk.DeadlineRules) -> None:
    # An apology whose new date lies outside the calendar's range: the engine refuses it.
    d = dossier(
        (K.ACCEPTED, at(3)),
        pk.Event(kind=K.APOLOGY_ISSUED, at=at(4), new_due_date=date(2099, 1, 1)),
    )
    clock = d.clock(rules, FIVE, as_of=date(2025, 3, 5))
    assert "invalid-apology" in clock.flags
    assert None not in clock.flags
    assert clock.due_date == date(2025, 3, 10)


@pytest.mark.parametrize(
    ("enum", "label", "what"),
    [(pk.EventKind, "no such event", "event"), (pk.Status, "nope", "status"),
     (pk.Outcome, "sớm lắm", "outcome")],
)  # fmt: skip
def test_unknown_label_error_structure(enum: type, label: str, what: str) -> None:
    with pytest.raises(pk.UnknownCodeError) as info:
        enum.from_label(label)
    err = info.value
    assert err.message == f"unknown {what} {label!r}"
    assert err.path == what
    assert err.value == label
    assert err.expected == ", ".join(repr(m.label_vi) for m in enum)


def test_known_labels_round_trip() -> None:
    for enum in (pk.EventKind, pk.Status, pk.Outcome):
        for member in enum:
            assert enum.from_label(member.label_vi) is member


def test_allowed_next_depends_on_the_events_done() -> None:
    fresh = dossier((K.ACCEPTED, at(3)))
    asked = dossier((K.ACCEPTED, at(3)), (K.SUPPLEMENT_REQUESTED, at(4)))
    assert K.SUPPLEMENT_REQUESTED in fresh.allowed_next()
    assert K.SUPPLEMENT_RECEIVED in asked.allowed_next()
    assert K.SUPPLEMENT_RECEIVED not in fresh.allowed_next()
    apologised = dossier(
        (K.ACCEPTED, at(3)),
        pk.Event(kind=K.APOLOGY_ISSUED, at=at(4), new_due_date=date(2025, 3, 14)),
    )
    assert K.APOLOGY_ISSUED in fresh.allowed_next()
    assert K.APOLOGY_ISSUED not in apologised.allowed_next()


def test_a_pause_closed_by_the_end_keeps_its_kind(rules: pk.DeadlineRules) -> None:
    d = dossier((K.ACCEPTED, at(3)), (K.SUPPLEMENT_REQUESTED, at(4)), (K.REFUSED, at(6)))
    clock = d.clock(rules, FIVE, as_of=date(2025, 4, 1))
    assert [(p.kind, p.start, p.end) for p in clock.pauses] == [
        (K.SUPPLEMENT_REQUESTED, at(4), at(6))
    ]
    assert "open-pause" not in clock.flags


def test_a_refused_apology_before_a_pause_is_flagged(rules: pk.DeadlineRules) -> None:
    d = dossier(
        (K.ACCEPTED, at(3)),
        pk.Event(kind=K.APOLOGY_ISSUED, at=at(4), new_due_date=date(2099, 1, 1)),
        (K.SUPPLEMENT_REQUESTED, at(5)),
        (K.SUPPLEMENT_RECEIVED, at(6)),
    )
    clock = d.clock(rules, FIVE, as_of=date(2025, 3, 7))
    assert "invalid-apology" in clock.flags
    assert clock.due_date == date(2025, 3, 11)


def test_financial_obligation_policy_error_structure(rules: pk.DeadlineRules) -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        dossier((K.ACCEPTED, at(3))).clock(
            rules, FIVE, as_of=date(2025, 3, 4), financial_obligation_pauses="sometimes"
        )
    err = info.value
    assert err.message == (
        "financial_obligation_pauses must be one of if-excluded, always, never, got 'sometimes'"
    )
    assert (err.path, err.value, err.expected) == (
        "financial_obligation_pauses",
        "sometimes",
        '"if-excluded"',
    )


def test_without_an_apology_there_is_no_extended_date(rules: pk.DeadlineRules) -> None:
    d = dossier(
        (K.ACCEPTED, at(3)), (K.SUPPLEMENT_REQUESTED, at(4)), (K.SUPPLEMENT_RECEIVED, at(6))
    )
    clock = d.clock(rules, FIVE, as_of=date(2025, 3, 7))
    assert clock.due_date == date(2025, 3, 12)
    assert clock.extended_due_date is None


# -- the clock's functions, on raw event logs (procedurekit.deadlines) ---------------------
# The audit hands dossier_clock logs that Dossier.replay would refuse (a pause before the
# receipt, an apology without a date) and a recorded end time: pinned here directly.


def ev(kind: pk.EventKind, when: datetime, new_due_date: date | None = None) -> pk.Event:
    return pk.Event(kind=kind, at=when, new_due_date=new_due_date)


def test_the_default_financial_policy_pauses_only_when_excluded(rules: pk.DeadlineRules) -> None:
    log = [
        ev(K.ACCEPTED, at(3)),
        ev(K.FINANCIAL_OBLIGATION_REQUESTED, at(4)),
        ev(K.FINANCIAL_OBLIGATION_PAID, at(6)),
    ]
    plain = dossier_clock(log, rules, FIVE, as_of=date(2025, 3, 20))
    assert plain.due_date == date(2025, 3, 10)
    excluded = dossier_clock(
        log,
        rules,
        FIVE,
        as_of=date(2025, 3, 20),
        exclusions=["không kể thời gian thực hiện nghĩa vụ tài chính"],
    )
    assert excluded.due_date == date(2025, 3, 12)  # moved by the working days (4, 6]
    assert financial_obligation_pauses_for() is False
    assert financial_obligation_pauses_for(["thời gian thực hiện nghĩa vụ tài chính"]) is True


def test_a_recorded_end_time_closes_an_open_pause(rules: pk.DeadlineRules) -> None:
    # The log never records the supplement's arrival; the flat file's end time (Thursday 6
    # March) closes the pause, not the end event (Friday 14 March) nor as_of.
    log = [
        ev(K.ACCEPTED, at(3)),
        ev(K.SUPPLEMENT_REQUESTED, at(4)),
        ev(K.RESULT_RETURNED, at(14)),
    ]
    closed_by_end = dossier_clock(log, rules, FIVE, as_of=date(2025, 4, 1))
    assert closed_by_end.pauses[0].end == at(14)
    assert closed_by_end.due_date == date(2025, 3, 20)  # 10 March + 8 working days
    recorded = dossier_clock(log, rules, FIVE, as_of=date(2025, 4, 1), end_at=at(6))
    assert [(p.start, p.end) for p in recorded.pauses] == [(at(4), at(6))]
    assert recorded.due_date == date(2025, 3, 12)
    assert recorded.paused == at(6) - at(4)
    run = run_events(log, rules.due(at(3), FIVE), None, financial_obligation=False, end_at=at(6))
    assert run.pauses[0].end == at(6)


def test_an_apology_without_a_new_date_changes_nothing(rules: pk.DeadlineRules) -> None:
    log = [ev(K.ACCEPTED, at(3)), ev(K.APOLOGY_ISSUED, at(5)), ev(K.PROCESSED, at(11))]
    clock = dossier_clock(log, rules, FIVE, as_of=date(2025, 4, 1))
    assert clock.due_date == date(2025, 3, 10)
    assert clock.extended_due_date is None
    assert clock.deadline is not None
    assert clock.deadline.extension is None
    assert clock.outcome is pk.Outcome.LATE


def test_pauses_before_the_receipt_are_skipped_and_flagged_once(rules: pk.DeadlineRules) -> None:
    # Two pauses before the receipt (Monday 3 March): both skipped, one flag; the pause
    # after them still moves the due date, and the committed date, by (5, 7].
    log = [
        ev(K.SUPPLEMENT_REQUESTED, at(25, month=2)),
        ev(K.SUPPLEMENT_RECEIVED, at(26, month=2)),
        ev(K.SUPPLEMENT_REQUESTED, at(27, month=2)),
        ev(K.SUPPLEMENT_RECEIVED, at(28, month=2)),
        ev(K.ACCEPTED, at(3)),
        ev(K.SUPPLEMENT_REQUESTED, at(5)),
        ev(K.SUPPLEMENT_RECEIVED, at(7)),
    ]
    clock = dossier_clock(log, rules, FIVE, as_of=date(2025, 3, 20), committed=pk.WorkingDays(3))
    assert clock.flags.count("pause-before-receipt") == 1
    assert None not in clock.flags
    assert clock.due_date == date(2025, 3, 12)  # 10 March + 2 working days
    assert clock.committed_date == date(2025, 3, 10)  # 6 March + 2 working days
    run = run_events(log, rules.due(at(3), FIVE), None, financial_obligation=False)
    assert run.supplement_requests == 3
    assert run.late is True
    assert run.flags == ("multiple-supplement-requests", "pause-before-receipt")


def test_a_pause_on_the_receipt_day_moves_the_committed_date(rules: pk.DeadlineRules) -> None:
    # Received Monday 3 March 09:00, a supplement requested at 10:00 the same day and
    # received on Wednesday 5: the working days (3, 5] move both dates by two.
    log = [
        ev(K.ACCEPTED, at(3)),
        ev(K.SUPPLEMENT_REQUESTED, at(3, 10)),
        ev(K.SUPPLEMENT_RECEIVED, at(5)),
    ]
    clock = dossier_clock(log, rules, FIVE, as_of=date(2025, 3, 20), committed=pk.WorkingDays(3))
    assert clock.due_date == date(2025, 3, 12)
    assert clock.committed_date == date(2025, 3, 10)


def test_an_open_pause_without_as_of_moves_no_committed_date(rules: pk.DeadlineRules) -> None:
    log = [ev(K.ACCEPTED, at(3)), ev(K.SUPPLEMENT_REQUESTED, at(4))]
    clock = dossier_clock(log, rules, FIVE, as_of=None, committed=pk.WorkingDays(3))
    assert clock.committed_date == date(2025, 3, 6)
    assert clock.due_date == date(2025, 3, 10)
    assert clock.outcome is None


def test_a_pause_must_be_opened_by_a_request() -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.Pause(date(2025, 3, 4), date(2025, 3, 5), kind="accepted")
    err = info.value
    assert err.message == (
        "a pause is opened by a supplement request or a financial-obligation request, "
        "got 'accepted'"
    )
    assert (err.path, err.value) == ("kind", "accepted")
    assert err.expected == "'supplement_requested' or 'financial_obligation_requested'"


def test_explain_reads_the_submission_in_vietnam_time(rules: pk.DeadlineRules) -> None:
    # Submitted Monday 3 March 2025 at 06:00 Vietnam time, i.e. Sunday 23:00 UTC: Sunday 2
    # March was not skipped, so it is not explained.
    dl = rules.due(datetime(2025, 3, 3, 6, tzinfo=pk.VIETNAM_TZ), FIVE)
    assert [e.date for e in dl.explain()] == [date(2025, 3, 8), date(2025, 3, 9)]


def test_explain_stops_before_an_appointment_on_a_day_off(rules: pk.DeadlineRules) -> None:
    # An apology moved the appointment to Saturday 15 March (flagged): the days explained
    # stop before it, as for any due date.
    dl = rules.due(at(3), FIVE).extended(date(2025, 3, 15), at(5))
    assert "extension-on-day-off" in dl.flags
    assert dl.due_date == date(2025, 3, 15)
    assert [e.date for e in dl.explain()] == [
        date(2025, 3, 8),
        date(2025, 3, 9),
    ]


def test_the_end_event_is_the_first_of_the_highest_rank() -> None:
    # Decision 766: processed outranks result_returned, which outranks stopped and refused.
    returned, processed = ev(K.RESULT_RETURNED, at(10)), ev(K.PROCESSED, at(11))
    assert end_event_of([returned, processed]) is processed
    stopped, refused = ev(K.STOPPED, at(10)), ev(K.REFUSED, at(11))
    assert end_event_of([stopped, refused]) is stopped
    assert end_event_of([ev(K.WITHDRAWN, at(9)), refused, stopped]) is refused
    assert end_event_of([ev(K.ACCEPTED, at(3))]) is None


def test_pauses_of_counts_financial_obligations_by_default() -> None:
    log = [
        ev(K.ACCEPTED, at(3)),
        ev(K.FINANCIAL_OBLIGATION_REQUESTED, at(4)),
        ev(K.FINANCIAL_OBLIGATION_PAID, at(5)),
    ]
    assert pauses_of(log) == (
        pk.deadlines.DossierPause(K.FINANCIAL_OBLIGATION_REQUESTED, at(4), at(5)),
    )
    assert pauses_of(log, financial_obligation=False) == ()


def test_the_paused_time_adds_up_every_pause(rules: pk.DeadlineRules) -> None:
    log = [
        ev(K.ACCEPTED, at(3)),
        ev(K.SUPPLEMENT_REQUESTED, at(4)),
        ev(K.SUPPLEMENT_RECEIVED, at(5)),
        ev(K.SUPPLEMENT_REQUESTED, at(6)),
        ev(K.SUPPLEMENT_RECEIVED, at(6, 15)),
    ]
    clock = dossier_clock(log, rules, FIVE, as_of=date(2025, 3, 20))
    assert clock.paused == timedelta(days=1, hours=6)


def test_an_open_dossier_past_its_commitment_is_overdue(rules: pk.DeadlineRules) -> None:
    log = [ev(K.ACCEPTED, at(3))]
    clock = dossier_clock(log, rules, FIVE, as_of=date(2025, 3, 7), committed=pk.WorkingDays(3))
    assert clock.committed_date == date(2025, 3, 6)
    assert clock.committed_outcome is pk.Outcome.OVERDUE
    assert clock.outcome is pk.Outcome.IN_TIME
