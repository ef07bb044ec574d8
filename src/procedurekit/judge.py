"""One dossier, one answer: the single pipeline from a dossier record to its outcome.

The dossier audit (:mod:`procedurekit.checks.audit`), the metrics
(:mod:`procedurekit.metrics`) and the per-dossier hand-back file all judge a dossier record
(a row of a flat dossier file, :class:`~procedurekit.io.DossierRecord`) here, by
:meth:`Judge.judge`, and read the same :class:`Judgement`. The steps, each one mechanism
used once:

1. **Period.** With ``as_of`` a dossier received after it is left out (``None``), and
   events after it do not count (the dossier as it stood that day).
2. **Procedure.** The one catalogue mapper (:func:`procedurekit.io.procedure_from_record`)
   gives the procedure; the channel is read by the one vocabulary; the terms for that
   channel (:func:`procedurekit.io.terms_for`) give the time limit. An unknown procedure,
   channel or time is a finding.
3. **Events.** The event log (:func:`procedurekit.io.read_events`) or, without one, the
   record's receipt and end (an ``accepted`` event at ``received_at``; the end event its
   ``status`` names, at ``end_at``). An unknown status is a finding, and the dossier is not
   judged.
4. **Clock.** :func:`procedurekit.deadlines.dossier_clock` on the calendar *as observed* (the
   latest data, or the one given): the legal due date moved by pauses, the apology, the end
   by Decision 766 precedence, the outcome by the one classifier (decision 4).
5. **The printed appointment** is judged on the calendar *as known at receipt* (what the
   system that printed the slip could know): before the legal due date
   ``appointment-too-early``, after it ``appointment-too-late``.

When the legal due date cannot be computed (no catalogue, an unknown procedure or no
readable time), the printed appointment is the due date the outcome is judged against, and
the judgement says so (``due_source="appointment"``, flag ``due-from-appointment``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Final, Literal

import attrs

from procedurekit._time import as_of_moment
from procedurekit.calendar.cache import CalendarCache
from procedurekit.calendar.hours import OfficeHours
from procedurekit.calendar.working import WorkingCalendar
from procedurekit.deadlines.clock import (
    DossierClock,
    dossier_clock,
    financial_obligation_pauses_for,
)
from procedurekit.deadlines.deadline import FLAG_PAUSE_AFTER_DUE
from procedurekit.deadlines.outcome import classify
from procedurekit.deadlines.rules import DeadlineRules, ReceiptPolicy
from procedurekit.durations import Duration
from procedurekit.errors import ProcedureKitError
from procedurekit.findings import FindingSink
from procedurekit.io.catalogue import Catalogue, ProcedureRecord
from procedurekit.io.dossiers import DossierRecord
from procedurekit.io.events import read_events, start_of_day
from procedurekit.io.mapper import procedure_from_record, terms_for
from procedurekit.models.dossier import Event
from procedurekit.models.procedure import Procedure
from procedurekit.vocab import (
    DISTRICT_LEVEL_ABOLISHED,
    STATUS_OF_END,
    Channel,
    EventKind,
    Level,
    Outcome,
    Status,
)

__all__ = ["DueSource", "Judge", "Judgement"]

DueSource = Literal["law", "appointment"]

#: The due date was taken from the printed appointment (no legal due date computable).
FLAG_DUE_FROM_APPOINTMENT: Final = "due-from-appointment"
#: An end status without an end time: the dossier cannot be judged.
FLAG_END_WITHOUT_DATE: Final = "end-without-date"

_DOSSIER_CODE_RE: Final = re.compile(r"^.+-[0-9]{6}-[0-9]{4,}$")
_CACHE_LIMIT: Final = 4096


@attrs.frozen(kw_only=True)
class Judgement:
    """One dossier judged: what the audit counts, the metrics score and a data team hands
    back to the agencies (one row of ``procedurekit audit --per-dossier``).

    ``received_at`` is the official receipt that starts the clock; ``due_date`` the date the
    outcome is judged against (the legal due date moved by pauses, or the printed
    appointment when ``due_source`` is ``"appointment"``); ``legal_due_at_receipt`` the legal
    due date on the calendar known at receipt, against which the printed
    ``appointment_date`` is judged; ``outcome`` ``None`` when the dossier could not be judged
    (open without an evaluation day, no due date, an unknown status). ``flags`` are the
    clock's and the deadline's; ``findings`` the codes of the findings raised for this
    dossier.
    """

    file: str | None = None
    row: int | None = None
    line: int | None = None
    code: str | None = None
    procedure: str | None = None
    procedure_name: str | None = None
    agency: str | None = None
    field: str | None = None
    level: str | None = None
    channel: Channel | None = None
    channel_text: str | None = None
    status: Status | None = None
    received_at: datetime | None = None
    duration: Duration | None = None
    due_date: date | None = None
    due_source: DueSource | None = None
    extended_due_date: date | None = None
    committed_date: date | None = None
    legal_due_at_receipt: date | None = None
    appointment_date: date | None = None
    end_at: datetime | None = None
    end_kind: EventKind | None = None
    outcome: Outcome | None = None
    supplement_requests: int = 0
    fee_bearing: bool = False
    paid_online: bool | None = None
    electronic_result: bool | None = None
    digitised_components: bool | None = None
    digitised_data_reused: bool | None = None
    complaint: bool | None = None
    flags: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    provisional: bool = False
    calendar_version: str | None = None

    @property
    def received(self) -> date | None:
        """The receipt day."""
        return self.received_at.date() if self.received_at is not None else None

    @property
    def online(self) -> bool:
        """Whether the dossier was received online."""
        return self.channel is Channel.ONLINE


class _Findings:
    """The findings of one dossier: emitted to the sink, and their codes kept."""

    __slots__ = ("codes", "record", "sink", "subject")

    def __init__(self, record: DossierRecord, sink: FindingSink | None) -> None:
        self.record = record
        self.sink = sink
        self.codes: list[str] = []
        self.subject = (
            f"dossier {record.dossier_code!r}" if record.dossier_code else (f"row {record.row}")
        )

    def __call__(self, code: str, *, field: str | None = None, value: object = None,
                 **fields: object) -> None:  # fmt: skip
        self.codes.append(code)
        if self.sink is not None:
            r = self.record
            self.sink.emit(
                code,
                row=r.row,
                field=field,
                value=value,
                file=r.file,
                line=r.line,
                subject=self.subject,
                **fields,
            )


class Judge:
    """Judges dossier records against a catalogue (see the module docstring).

    ``catalogue`` is a :class:`~procedurekit.io.Catalogue` as read (its records are mapped
    once each, on first use) or procedures already built; ``None`` judges against the
    printed appointments only. ``as_of`` is the evaluation day (``None``: open dossiers are
    not judged and nothing is cut). ``calendar`` is the calendar outcomes are judged on
    (default: the latest official one); ``known_calendars`` judges printed appointments on
    the calendar as known at each receipt (default) instead of ``calendar``.
    """

    def __init__(
        self,
        catalogue: Catalogue | Iterable[Procedure] | None = None,
        *,
        as_of: date | None = None,
        calendar: WorkingCalendar | None = None,
        hours: OfficeHours | None = None,
        receipt_policy: ReceiptPolicy = "as-submitted",
        default_unit: str | None = None,
        financial_obligation_pauses: str | bool = "if-excluded",
        known_calendars: bool = True,
    ) -> None:
        financial_obligation_pauses_for(policy=financial_obligation_pauses)  # refuse a bad value
        self.as_of = as_of
        self.moment = as_of_moment(as_of) if as_of is not None else None
        self.hours = hours if hours is not None else OfficeHours.standard()
        self.receipt_policy: ReceiptPolicy = receipt_policy
        self.financial = financial_obligation_pauses
        observed = calendar if calendar is not None else WorkingCalendar.vietnam()
        self.rules = DeadlineRules(observed, self.hours, receipt_policy=receipt_policy)
        self.known = CalendarCache() if known_calendars and calendar is None else None
        self._known_rules: dict[date, DeadlineRules] = {}
        self._records: dict[str, ProcedureRecord] = {}
        self._procedures: dict[str, Procedure | None] = {}
        self._base: dict[str, str] = {}
        self.default_unit = default_unit
        self.has_catalogue = catalogue is not None
        if isinstance(catalogue, Catalogue):
            self.default_unit = default_unit or catalogue.default_unit
            for r in catalogue.procedures:
                self._records.setdefault(r.code, r)
        elif catalogue is not None:
            for p in catalogue:
                key = _procedure_key(p)
                self._procedures.setdefault(key, p)
        for code in (*self._records, *self._procedures):
            self._base.setdefault(code[:8], code)

    # -- lookups ----------------------------------------------------------------------------

    def procedure(self, code: str) -> Procedure | None:
        """The catalogue's procedure of ``code`` (or of its 8-character national base code,
        for a code with an agency suffix), or ``None``."""
        key = (
            code if code in self._records or code in self._procedures else self._base.get(code[:8])
        )
        if key is None:
            return None
        if key not in self._procedures:
            record = self._records[key]
            self._procedures[key] = procedure_from_record(record, default_unit=self.default_unit)
        return self._procedures[key]

    def known_rules(self, received: date) -> DeadlineRules:
        """The rules on the calendar as known on ``received`` (cached per data state)."""
        if self.known is None:
            return self.rules
        key = self.known.key(received)
        rules = self._known_rules.get(key)
        if rules is None:
            rules = self._known_rules[key] = DeadlineRules(
                self.known.get(received), self.hours, receipt_policy=self.receipt_policy
            )
        return rules

    # -- the pipeline -----------------------------------------------------------------------

    def judge(self, record: DossierRecord, sink: FindingSink | None = None) -> Judgement | None:
        """Judge one record; ``None`` when it was received after ``as_of`` (out of period).

        Findings go to ``sink`` (when given) and their codes to ``Judgement.findings``.
        """
        add = _Findings(record, sink)
        code = record.dossier_code
        if code and not _DOSSIER_CODE_RE.match(code):
            add("malformed-dossier-code", field="dossier_code", value=code)
        received = record.received_at
        received_at = (
            None
            if received is None
            else received
            if isinstance(received, datetime)
            else self.hours.opening(received, self.rules.calendar)
        )
        if received_at is not None and self.moment is not None and received_at > self.moment:
            return None
        channel = Channel.lookup(record.channel) if record.channel else None
        if record.channel and channel is None:
            add("unknown-channel", field="channel", value=record.channel)
        status = Status.lookup(record.status) if record.status else None
        if record.status and status is None:
            add("unknown-status", field="status", value=record.status)
        head = Judgement(
            file=record.file,
            row=record.row,
            line=record.line,
            code=code or None,
            procedure=record.procedure_code or None,
            agency=record.agency or None,
            level=_level_value(record.level),
            channel=channel,
            channel_text=record.channel or None,
            status=status,
            received_at=received_at,
            appointment_date=record.appointment_date,
            paid_online=record.fee_paid_online,
            electronic_result=record.electronic_result,
            digitised_components=record.digitised_components,
            digitised_data_reused=record.digitised_data_reused,
            complaint=record.complaint,
        )
        if received_at is None:
            add("missing-received-at", field="received_at")
            return attrs.evolve(head, findings=tuple(add.codes))
        if (
            Level.lookup(record.level) is Level.DISTRICT
            and received_at.date() > DISTRICT_LEVEL_ABOLISHED.last_day
        ):
            add(
                "district-receipt-after-reform",
                field="level",
                value=received_at.date().isoformat(),
                last_day=DISTRICT_LEVEL_ABOLISHED.last_day.isoformat(),
            )
        procedure = self.procedure(record.procedure_code) if record.procedure_code else None
        if self.has_catalogue and procedure is None:
            add("unknown-procedure", field="procedure_code", value=record.procedure_code)
        duration, exclusions, fee_bearing, text = self._terms(procedure, channel)
        if procedure is not None and duration is None:
            add(
                "missing-time",
                field="procedure_code",
                value=text,
                procedure=record.procedure_code,
                note=f" for channel {record.channel or '?'} ({text!r})" if text else "",
            )
        head = attrs.evolve(
            head,
            procedure_name=procedure.name if procedure is not None else None,
            field=procedure.field if procedure is not None else None,
            duration=duration,
            fee_bearing=fee_bearing or bool(record.fee_paid_online),
        )
        events = self._events(record, received_at, status, add)
        end_at = _moment(record.end_at)
        try:
            clock = dossier_clock(
                events,
                self.rules,
                duration,
                as_of=self.moment,
                end_at=end_at,
                exclusions=exclusions,
                procedure_code=record.procedure_code or None,
                committed=procedure.committed_time if procedure is not None else None,
                financial_obligation_pauses=self.financial,
            )
        except ProcedureKitError as exc:
            add("deadline-error", field="received_at", note=str(exc))
            return attrs.evolve(head, findings=tuple(add.codes))
        return self._finish(record, head, clock, status, add)

    def _terms(
        self, procedure: Procedure | None, channel: Channel | None
    ) -> tuple[Duration | None, tuple[str, ...], bool, str | None]:
        """(time limit, exclusions, fee-bearing, time text) of ``procedure`` for ``channel``."""
        if procedure is None:
            return None, (), False, None
        terms = terms_for(procedure, channel)
        if terms is None:
            return procedure.prescribed_time, (), False, None
        pt = terms.processing_time
        duration = None
        exclusions: tuple[str, ...] = ()
        if pt is not None:
            duration = pt.for_channel(channel) if channel is not None else pt.duration
            exclusions = pt.exclusions
        fee = any(f.amount is not None and f.amount > 0 for f in terms.fees)
        return duration, exclusions, fee, terms.time_text

    def _events(
        self,
        record: DossierRecord,
        received_at: datetime,
        status: Status | None,
        add: _Findings,
    ) -> tuple[Event, ...]:
        """The record's events: its log, or its receipt and end (step 3)."""
        if record.events:
            events = list(
                read_events(
                    record.events, sink=add.sink, row=record.row, file=record.file,
                    line=record.line,
                )
            )  # fmt: skip
            if len(events) < len(record.events):
                add.codes.append("malformed-events")
            if not any(e.kind is EventKind.ACCEPTED for e in events):
                events.insert(0, Event(kind=EventKind.ACCEPTED, at=received_at))
        else:
            events = [Event(kind=EventKind.ACCEPTED, at=received_at)]
        end_at = _moment(record.end_at)
        if end_at is not None and not any(e.kind in _END_KINDS for e in events):
            kind = STATUS_OF_END.get(status) if status is not None else None
            events.append(Event(kind=kind or EventKind.RESULT_RETURNED, at=end_at))
            events.sort(key=lambda e: e.at)
        return tuple(events)

    def _finish(
        self,
        record: DossierRecord,
        head: Judgement,
        clock: DossierClock,
        status: Status | None,
        add: _Findings,
    ) -> Judgement:
        flags = list(clock.flags)
        received_at = clock.received_at
        assert received_at is not None
        due = clock.due_date
        due_source: DueSource | None = "law" if due is not None else None
        appointment = record.appointment_date
        legal_at_receipt: date | None = None
        deadline = clock.deadline
        if deadline is not None and deadline.due_date is not None:
            known = self.known_rules(received_at.date())
            try:
                slip = known.due(received_at, deadline.duration)
            except ProcedureKitError as exc:
                add("deadline-error", field="received_at", note=str(exc))
                slip = None
            if slip is not None and slip.due_date is not None:
                legal_at_receipt = slip.due_date
                if slip.provisional:
                    years = range(received_at.date().year, slip.due_date.year + 1)
                    cal = known.calendar
                    for state, code in (
                        ("provisional", "provisional-calendar"),
                        ("unverified", "unverified-calendar"),
                    ):
                        crossed = [str(y) for y in years if cal.year_status(y) == state]
                        if crossed:
                            add(
                                code,
                                field="appointment_date",
                                value=slip.due_date.isoformat(),
                                received=received_at.date().isoformat(),
                                due=slip.due_date.isoformat(),
                                years=", ".join(crossed),
                            )
                if appointment is None:
                    add(
                        "missing-appointment",
                        field="appointment_date",
                        due=legal_at_receipt.isoformat(),
                    )
                elif appointment != legal_at_receipt:
                    add(
                        "appointment-too-early"
                        if appointment < legal_at_receipt
                        else "appointment-too-late",
                        field="appointment_date",
                        value=appointment,
                        due=legal_at_receipt.isoformat(),
                        explanation=f"{deadline.duration!r} from {received_at.isoformat()}",
                    )
        end = clock.end
        end_at = end.at if end is not None else None
        outcome = clock.outcome
        if deadline is None and appointment is not None and clock.received_at is not None:
            # No legal due date: judge against the printed appointment (and say so).
            due, due_source = appointment, "appointment"
            flags.append(FLAG_DUE_FROM_APPOINTMENT)
            day = self.moment.date() if self.moment is not None else None
            outcome = classify(due, end_at.date() if end_at else None, day, late=_late(clock))
        if status is None and record.status:
            outcome = None  # an unknown status: not judged
        elif status is not None and status.is_end and end_at is None:
            flags.append(FLAG_END_WITHOUT_DATE)
            outcome = None
        if end_at is not None and end_at.date() < received_at.date():
            add(
                "end-before-receipt",
                field="end_at",
                value=end_at.date().isoformat(),
                received=received_at.date().isoformat(),
            )
        requests = sum(1 for p in clock.pauses if p.kind is EventKind.SUPPLEMENT_REQUESTED)
        if requests > 1:
            add("second-supplement-request", field="events", value=requests)
        for pause in clock.pauses:
            if pause.start.date() < received_at.date():
                add(
                    "pause-before-receipt",
                    field="events",
                    value=pause.start.isoformat(),
                    kind=pause.kind.label_en.lower(),
                    received=received_at.isoformat(),
                )
        if FLAG_PAUSE_AFTER_DUE in clock.flags and deadline is not None:
            for late in (p for p in deadline.pauses if not p.moved):
                add(
                    "pause-after-due",
                    field="events",
                    value=str(late.start),
                    kind=late.kind.label_en.lower(),
                    due=str(deadline.original_due_date),
                )
        return attrs.evolve(
            head,
            due_date=due,
            due_source=due_source,
            extended_due_date=clock.extended_due_date,
            committed_date=clock.committed_date,
            legal_due_at_receipt=legal_at_receipt,
            end_at=end_at,
            end_kind=end.kind if end is not None else None,
            outcome=outcome,
            supplement_requests=requests,
            flags=tuple(dict.fromkeys(flags)),
            findings=tuple(dict.fromkeys(add.codes)),
            provisional=clock.provisional,
            calendar_version=clock.calendar_version,
        )


_END_KINDS: Final = frozenset(STATUS_OF_END.values())


def _late(clock: DossierClock) -> bool:
    return sum(1 for p in clock.pauses if p.kind is EventKind.SUPPLEMENT_REQUESTED) > 1


def _moment(value: date | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return start_of_day(value)


_LEVELS: dict[str, str] = {}


def _level_value(label: str) -> str | None:
    """A level label ("Cấp xã") as its wire value ("commune"); an unknown one as written."""
    if not label:
        return None
    found = _LEVELS.get(label)
    if found is None:
        level = Level.lookup(label)
        found = level.value if level is not None else label
        if len(_LEVELS) < _CACHE_LIMIT:
            _LEVELS[label] = found
    return found


def _procedure_key(proc: Procedure) -> str:
    return str(proc.code) if proc.code is not None else (proc.local_code or proc.name)
