"""The dossier state machine: one transition table, replay reporting every problem."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from procedurekit import VIETNAM_TZ, Channel
from procedurekit.errors import EventLogError, StructureError, TransitionError
from procedurekit.models import (
    END_PRECEDENCE,
    TRANSITIONS,
    Agency,
    Dossier,
    DossierCode,
    Event,
    EventKind,
    Level,
    Outcome,
    Status,
)
from procedurekit.models.dossier import allowed_events, next_status
from procedurekit.testing import dossiers

K = EventKind
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=VIETNAM_TZ)
CODE = DossierCode("H21.65-250303-0001")


def ev(kind: EventKind, day: int = 0, hour: int = 0, **kw: object) -> Event:
    return Event(kind=kind, at=T0 + timedelta(days=day, hours=hour), **kw)  # type: ignore[arg-type]


def make(*events: Event, agency: Agency | None = None) -> Dossier:
    return Dossier.replay(events, code=CODE, channel=Channel.COUNTER, agency=agency)


def test_table_is_one_consistent_data_table() -> None:
    pairs = [(t.source, t.event) for t in TRANSITIONS]
    assert len(pairs) == len(set(pairs)), "each (status, event) appears once"
    assert {t.event for t in TRANSITIONS} == set(EventKind)
    reachable = {Status.NEW} | {t.target for t in TRANSITIONS}
    assert reachable == set(Status)
    finals = {s for s in Status if s.is_final}
    assert finals == {Status.RESULT_RETURNED, Status.REFUSED, Status.STOPPED, Status.WITHDRAWN}
    # The vocabulary's is_final agrees with the table: no transition leaves a final status.
    assert finals == {s for s in Status if not any(t.source is s for t in TRANSITIONS)}
    assert all(t.basis for t in TRANSITIONS)
    assert [t.event for t in TRANSITIONS if t.once] == [K.APOLOGY_ISSUED]


def test_happy_path_statuses() -> None:
    steps = [
        (K.RECEIVED, Status.AWAITING_RECEPTION),
        (K.ACCEPTED, Status.IN_PROGRESS),
        (K.SUPPLEMENT_REQUESTED, Status.SUPPLEMENT_REQUESTED),
        (K.SUPPLEMENT_RECEIVED, Status.IN_PROGRESS),
        (K.FINANCIAL_OBLIGATION_REQUESTED, Status.FINANCIAL_OBLIGATION_REQUESTED),
        (K.FINANCIAL_OBLIGATION_PAID, Status.IN_PROGRESS),
        (K.TRANSFERRED, Status.IN_PROGRESS),
        (K.PROCESSED, Status.PROCESSED),
        (K.RESULT_RETURNED, Status.RESULT_RETURNED),
    ]
    dossier = make()
    assert dossier.status is Status.NEW
    for i, (kind, status) in enumerate(steps):
        dossier = dossier.apply(ev(kind, i))
        assert dossier.status is status
    assert dossier.allowed_next() == ()
    assert dossier.received_at == T0
    assert dossier.accepted_at == T0 + timedelta(days=1)


def test_returned_before_received_names_allowed() -> None:
    with pytest.raises(TransitionError) as info:
        make(ev(K.RESULT_RETURNED))
    assert set(info.value.allowed) == {"received", "accepted"}
    assert "allowed next: received, accepted" in str(info.value)


def test_second_apology_refused() -> None:
    d = make(ev(K.ACCEPTED), ev(K.APOLOGY_ISSUED, 1, new_due_date=date(2025, 3, 20)))
    with pytest.raises(TransitionError) as info:
        d.apply(ev(K.APOLOGY_ISSUED, 2, new_due_date=date(2025, 3, 25)))
    assert "at most once" in str(info.value)
    assert "apology_issued" not in info.value.allowed
    assert "processed" in info.value.allowed


def test_event_after_withdrawal_refused() -> None:
    d = make(ev(K.ACCEPTED), ev(K.WITHDRAWN, 1))
    with pytest.raises(TransitionError) as info:
        d.apply(ev(K.PROCESSED, 2))
    assert info.value.allowed == ()
    assert "closed" in str(info.value)


def test_replay_reports_every_problem() -> None:
    with pytest.raises(EventLogError) as info:
        make(
            ev(K.RESULT_RETURNED, 0),  # illegal first
            ev(K.ACCEPTED, -1),  # earlier than the event before
            ev(K.APOLOGY_ISSUED, 1),  # no new due date
            ev(K.TRANSFERRED, 2, new_due_date=date(2025, 4, 1)),  # only apologies carry one
            ev(K.SUPPLEMENT_RECEIVED, 3),  # no request open
        )
    error = info.value
    assert isinstance(error, StructureError)
    paths = [p.path for p in error.problems]
    assert paths == [
        "events[0]",
        "events[1].at",
        "events[2].new_due_date",
        "events[3].new_due_date",
        "events[4]",
    ]
    assert set(error.allowed) == {"received", "accepted"}


def test_district_receipt_after_reform_is_an_error() -> None:
    district = Agency(code="H21.65", name="UBND huyện Lục Nam", level=Level.DISTRICT)
    make(ev(K.ACCEPTED), agency=district)  # 2025-03-03: valid history
    late = Event(kind=K.ACCEPTED, at=datetime(2025, 7, 1, 8))  # naive: Vietnam time
    with pytest.raises(EventLogError) as info:
        make(late, agency=district)
    assert info.value.problems[0].path == "events[0].at"
    assert "two-tier" in str(info.value)


def test_district_dossier_finished_after_reform_stays_valid() -> None:
    district = Agency(code="H21.65", name="UBND huyện Lục Nam", level=Level.DISTRICT)
    d = make(
        Event(kind=K.ACCEPTED, at=datetime(2025, 6, 30, 16)),
        Event(kind=K.PROCESSED, at=datetime(2025, 7, 3, 9)),
        agency=district,
    )
    assert d.status is Status.PROCESSED


def test_end_event_precedence_766() -> None:
    d = make(ev(K.ACCEPTED), ev(K.PROCESSED, 2), ev(K.RESULT_RETURNED, 4))
    assert d.end_event is not None
    assert d.end_event.kind is K.PROCESSED
    refused = make(ev(K.RECEIVED), ev(K.REFUSED, 1))
    assert refused.end_event is not None
    assert refused.end_event.kind is K.REFUSED
    assert make(ev(K.ACCEPTED)).end_event is None
    assert END_PRECEDENCE[0] == frozenset({K.PROCESSED})


def test_pauses() -> None:
    d = make(
        ev(K.ACCEPTED),
        ev(K.SUPPLEMENT_REQUESTED, 1),
        ev(K.SUPPLEMENT_RECEIVED, 3),
        ev(K.FINANCIAL_OBLIGATION_REQUESTED, 4),
    )
    pauses = d.pauses()
    assert [(p.kind, p.end is None) for p in pauses] == [
        (K.SUPPLEMENT_REQUESTED, False),
        (K.FINANCIAL_OBLIGATION_REQUESTED, True),
    ]
    assert len(d.pauses(financial_obligation=False)) == 1


def test_labels_both_ways() -> None:
    for kind in EventKind:
        assert EventKind.from_label(kind.label_vi) is kind
        assert EventKind.from_label(kind.value) is kind
    for status in Status:
        assert Status.from_label(status.label_vi) is status
    assert Status.from_label("Đang giải quyết") is Status.IN_PROGRESS
    for outcome in Outcome:
        assert Outcome.from_label(outcome.label_vi) is outcome
        assert Outcome.from_label(outcome.value) is outcome


def test_naive_times_are_vietnam_time() -> None:
    e = ev(K.ACCEPTED)
    assert e.at.utcoffset() == timedelta(hours=7)
    from datetime import UTC

    utc = Event(kind=K.ACCEPTED, at=datetime(2025, 3, 3, 2, 0, tzinfo=UTC))
    assert utc.at == e.at
    assert utc.at.hour == 9


@settings(max_examples=200)
@given(dossiers(), st.data())
def test_generated_logs_are_consistent(dossier: Dossier, data: st.DataObject) -> None:
    status = Status.NEW
    for event in dossier.events:
        status = next_status(status, event.kind)
    assert dossier.status is status
    allowed = dossier.allowed_next()
    assert allowed == allowed_events(status, [e.kind for e in dossier.events])
    last = dossier.events[-1].at if dossier.events else datetime(2020, 1, 1, 8)
    kind = data.draw(st.sampled_from(EventKind))
    extra = {"new_due_date": last.date() + timedelta(days=3)} if kind is K.APOLOGY_ISSUED else {}
    event = Event(kind=kind, at=last + timedelta(hours=1), **extra)  # type: ignore[arg-type]
    if kind in allowed:
        assert dossier.apply(event).status is next_status(status, kind)
    else:
        with pytest.raises(TransitionError) as info:
            dossier.apply(event)
        assert set(info.value.allowed) == {k.value for k in allowed}


class DossierMachine(RuleBasedStateMachine):
    """Drive a dossier through random events; the model's view must match a shadow table."""

    def __init__(self) -> None:
        super().__init__()
        self.dossier = make()
        self.shadow = Status.NEW
        self.apologies = 0
        self.clock = T0

    @rule(kind=st.sampled_from(EventKind), minutes=st.integers(0, 3000))
    def step(self, kind: EventKind, minutes: int) -> None:
        self.clock += timedelta(minutes=minutes)
        extra = (
            {"new_due_date": self.clock.date() + timedelta(days=5)}
            if kind is K.APOLOGY_ISSUED
            else {}
        )
        event = Event(kind=kind, at=self.clock, **extra)  # type: ignore[arg-type]
        legal = any(t.source is self.shadow and t.event is kind for t in TRANSITIONS)
        if kind is K.APOLOGY_ISSUED and self.apologies:
            legal = False
        if legal:
            self.dossier = self.dossier.apply(event)
            self.shadow = next_status(self.shadow, kind)
            self.apologies += kind is K.APOLOGY_ISSUED
        else:
            with pytest.raises(TransitionError):
                self.dossier.apply(event)

    @precondition(lambda self: bool(self.dossier.events))
    @rule()
    def replay_equals(self) -> None:
        again = Dossier.replay(self.dossier.events, code=CODE, channel=Channel.COUNTER)
        assert again == self.dossier

    @invariant()
    def status_matches(self) -> None:
        assert self.dossier.status is self.shadow


TestDossierMachine = DossierMachine.TestCase
