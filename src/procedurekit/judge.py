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
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import Final, Literal, TypeVar

import attrs

from procedurekit._codes import procedure_code_text
from procedurekit._dedup import SeenKeys
from procedurekit._time import VIETNAM_TZ, as_of_moment
from procedurekit.calendar.cache import CalendarCache
from procedurekit.calendar.hours import OfficeHours
from procedurekit.calendar.working import WorkingCalendar
from procedurekit.deadlines.clock import (
    DossierClock,
    FinancialObligationPolicy,
    dossier_clock,
    financial_obligation_pauses_for,
)
from procedurekit.deadlines.deadline import FLAG_PAUSE_AFTER_DUE
from procedurekit.deadlines.outcome import classify
from procedurekit.deadlines.rules import DeadlineRules, ReceiptPolicy
from procedurekit.durations import Duration
from procedurekit.errors import InvalidArgumentError, InvalidTypeError, ProcedureKitError
from procedurekit.findings import FindingSink
from procedurekit.io.catalogue import Catalogue, ProcedureRecord
from procedurekit.io.dossiers import DossierRecord
from procedurekit.io.events import read_events, start_of_day
from procedurekit.io.mapper import procedure_from_record, terms_for
from procedurekit.models.codes import ProcedureCode
from procedurekit.models.dossier import Event
from procedurekit.models.procedure import Procedure
from procedurekit.phrases.format import format_duration
from procedurekit.phrases.parse import DefaultUnit
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

_L = TypeVar("_L", Channel, Status, Level)

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
    fee_bearing: bool | None = None
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
    ``received_from`` / ``received_to`` select the receipts of a period (days, inclusive);
    ``skip_duplicates`` (default) judges only the first row of each dossier code.
    """

    def __init__(
        self,
        catalogue: Catalogue | Iterable[Procedure] | None = None,
        *,
        as_of: date | None = None,
        calendar: WorkingCalendar | None = None,
        hours: OfficeHours | None = None,
        receipt_policy: ReceiptPolicy = "as-submitted",
        default_unit: DefaultUnit | None = None,
        financial_obligation_pauses: FinancialObligationPolicy | bool = "if-excluded",
        known_calendars: bool = True,
        received_from: date | None = None,
        received_to: date | None = None,
        skip_duplicates: bool = True,
    ) -> None:
        financial_obligation_pauses_for(policy=financial_obligation_pauses)  # refuse a bad value
        self.as_of = as_of
        self.moment = as_of_moment(as_of) if as_of is not None else None
        for name, day in (("received_from", received_from), ("received_to", received_to)):
            if day is not None and (isinstance(day, datetime) or not isinstance(day, date)):
                raise InvalidTypeError(
                    f"{name} must be a date, got {type(day).__name__} {day!r}",
                    path=name,
                    value=day,
                    expected="date(2026, 1, 1)",
                )
        if received_from and received_to and received_from > received_to:
            raise InvalidArgumentError(
                f"received_from ({received_from}) is after received_to ({received_to})",
                path="received_from",
                value=received_from,
                expected=f"a day on or before {received_to}",
            )
        self.received_from = received_from
        self.received_to = received_to
        self._seen = SeenKeys() if skip_duplicates else None
        #: Why the last :meth:`judge` returned ``None``: ``"after-as-of"``,
        #: ``"outside-period"`` or ``"duplicate"``.
        self.last_skip: str | None = None
        #: How many records were left out, by reason (the values of :attr:`last_skip`).
        self.skipped: Counter[str] = Counter()
        self.hours = hours if hours is not None else OfficeHours.standard()
        self.receipt_policy: ReceiptPolicy = receipt_policy
        self.financial = financial_obligation_pauses
        observed = calendar if calendar is not None else WorkingCalendar.vietnam()
        self.rules = DeadlineRules(observed, self.hours, receipt_policy=receipt_policy)
        self.known = CalendarCache() if known_calendars and calendar is None else None
        self._known_rules: dict[date, DeadlineRules] = {}
        self._labels: dict[tuple[type, str], object] = {}
        self._terms_cache: dict[tuple[str, Channel | None], _Terms] = {}
        self._keys: dict[date, date] = {}
        self._same_days: dict[int, bool] = {}
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

    def procedure(self, code: str | ProcedureCode) -> Procedure | None:
        """The catalogue's procedure of ``code`` (a ``str`` or a
        :class:`~procedurekit.ProcedureCode`; or of its 8-character national base code, for
        a code with an agency suffix), or ``None``."""
        code = procedure_code_text(code, "code") or ""
        key = (
            code if code in self._records or code in self._procedures else self._base.get(code[:8])
        )
        if key is None:
            return None
        if key not in self._procedures:
            record = self._records[key]
            self._procedures[key] = procedure_from_record(record, default_unit=self.default_unit)
        return self._procedures[key]

    def known_rules_of(self, received: date) -> tuple[DeadlineRules, bool]:
        """The rules on the calendar as known on ``received``, and whether that calendar has
        the same working days as the observed one (then only its complete years differ)."""
        rules = self.known_rules(received)
        if rules is self.rules:
            return rules, True
        same = self._same_days.get(id(rules))
        if same is None:
            same = self._same_days[id(rules)] = rules.calendar.table == self.rules.calendar.table
        return rules, same

    def known_rules(self, received: date) -> DeadlineRules:
        """The rules on the calendar as known on ``received`` (cached per data state)."""
        if self.known is None:
            return self.rules
        key = self._keys.get(received)
        if key is None:
            key = self.known.key(received)
            if len(self._keys) < _CACHE_LIMIT * 4:
                self._keys[received] = key
        rules = self._known_rules.get(key)
        if rules is None:
            # The first rules stored for a key win (dict.setdefault is atomic), so a caller
            # never holds rules that another thread replaced: ``known_rules_of`` keys its
            # cache by their id.
            rules = self._known_rules.setdefault(
                key,
                DeadlineRules(
                    self.known.get(received), self.hours, receipt_policy=self.receipt_policy
                ),
            )
        return rules

    # -- the pipeline -----------------------------------------------------------------------

    def judge(self, record: DossierRecord, sink: FindingSink | None = None) -> Judgement | None:
        """Judge one record; ``None`` when it is left out (:attr:`last_skip` says why): a
        repeated dossier code (``duplicate-dossier-code``: only the first row of a code in a
        file is judged; the codes seen are kept at 8 bytes each, :mod:`procedurekit._dedup`), a
        receipt after ``as_of``, or one outside ``received_from`` .. ``received_to``.

        Findings go to ``sink`` (when given) and their codes to ``Judgement.findings``.
        """
        add = _Findings(record, sink)
        self.last_skip = None
        code = record.dossier_code
        # A code repeated within one file; files are parts that may be judged apart (Dask).
        if code and self._seen is not None and self._seen.add(f"{record.file}\0{code}"):
            add("duplicate-dossier-code", field="dossier_code", value=code)
            self.last_skip = "duplicate"
            self.skipped["duplicate"] += 1
            return None
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
            self.last_skip = "after-as-of"
            self.skipped["after-as-of"] += 1
            return None
        if received_at is not None and (self.received_from or self.received_to):
            day = received_at.astimezone(VIETNAM_TZ).date()
            if (self.received_from and day < self.received_from) or (
                self.received_to and day > self.received_to
            ):
                self.last_skip = "outside-period"
                self.skipped["outside-period"] += 1
                return None
        channel = self._label(Channel, record.channel)
        if record.channel and channel is None:
            add("unknown-channel", field="channel", value=record.channel)
        status = self._label(Status, record.status)
        if record.status and status is None:
            add("unknown-status", field="status", value=record.status)
        if received_at is None:
            add("missing-received-at", field="received_at")
            return self._build(record, add, channel, status, None, None)
        if (
            self._label(Level, record.level) is Level.DISTRICT
            and received_at.date() > DISTRICT_LEVEL_ABOLISHED.last_day
        ):
            add(
                "district-receipt-after-reform",
                field="level",
                value=received_at.date().isoformat(),
                last_day=DISTRICT_LEVEL_ABOLISHED.last_day.isoformat(),
            )
        terms = self._terms(record.procedure_code, channel)
        if terms.fee_bearing is False and record.fee_paid_online:
            add("paid-online-free-procedure", field="fee_paid_online", value=record.procedure_code)
        if self.has_catalogue and terms.procedure is None:
            add("unknown-procedure", field="procedure_code", value=record.procedure_code)
        if terms.procedure is not None and terms.duration is None:
            add(
                "missing-time",
                field="procedure_code",
                value=terms.text,
                procedure=record.procedure_code,
                note=f" for channel {record.channel or '?'} ({terms.text!r})" if terms.text else "",
            )
        events = self._events(record, received_at, status, add)
        end_at = _moment(record.end_at)
        try:
            clock = dossier_clock(
                events,
                self.rules,
                terms.duration,
                as_of=self.moment,
                end_at=end_at,
                exclusions=terms.exclusions,
                procedure_code=record.procedure_code or None,
                committed=terms.committed,
                financial_obligation_pauses=self.financial,
            )
        except ProcedureKitError as exc:
            add("deadline-error", field="received_at", note=str(exc))
            return self._build(record, add, channel, status, received_at, terms)
        return self._finish(record, add, channel, status, received_at, terms, clock)

    def _label(self, cls: type[_L], text: str) -> _L | None:
        """``cls.lookup(text)``, cached per distinct label (bounded)."""
        if not text:
            return None
        key = (cls, text)
        if key in self._labels:
            return self._labels[key]  # type: ignore[return-value]
        found = cls.lookup(text)
        if len(self._labels) < _CACHE_LIMIT:
            self._labels[key] = found
        return found

    def _build(
        self,
        record: DossierRecord,
        add: _Findings,
        channel: Channel | None,
        status: Status | None,
        received_at: datetime | None,
        terms: _Terms | None,
        *,
        due: date | None = None,
        due_source: DueSource | None = None,
        clock: DossierClock | None = None,
        legal_at_receipt: date | None = None,
        outcome: Outcome | None = None,
        flags: tuple[str, ...] = (),
    ) -> Judgement:
        """The judgement of ``record``, built once with everything found."""
        procedure = terms.procedure if terms is not None else None
        end = clock.end if clock is not None else None
        return Judgement(
            file=record.file,
            row=record.row,
            line=record.line,
            code=record.dossier_code or None,
            procedure=record.procedure_code or None,
            procedure_name=procedure.name if procedure is not None else None,
            agency=record.agency or None,
            field=procedure.field if procedure is not None else None,
            level=_level_value(record.level),
            channel=channel,
            channel_text=record.channel or None,
            status=status,
            received_at=received_at,
            duration=terms.duration if terms is not None else None,
            due_date=due,
            due_source=due_source,
            extended_due_date=clock.extended_due_date if clock is not None else None,
            committed_date=clock.committed_date if clock is not None else None,
            legal_due_at_receipt=legal_at_receipt,
            appointment_date=record.appointment_date,
            end_at=end.at if end is not None else None,
            end_kind=end.kind if end is not None else None,
            outcome=outcome,
            supplement_requests=_requests(clock) if clock is not None else 0,
            fee_bearing=terms.fee_bearing if terms is not None else None,
            paid_online=record.fee_paid_online,
            electronic_result=record.electronic_result,
            digitised_components=record.digitised_components,
            digitised_data_reused=record.digitised_data_reused,
            complaint=record.complaint,
            flags=flags,
            findings=tuple(dict.fromkeys(add.codes)),
            provisional=clock.provisional if clock is not None else False,
            calendar_version=clock.calendar_version if clock is not None else None,
        )

    def _terms(self, code: str, channel: Channel | None) -> _Terms:
        """The procedure of ``code`` and its terms for ``channel`` (cached per pair)."""
        key = (code, channel)
        found = self._terms_cache.get(key)
        if found is not None:
            return found
        procedure = self.procedure(code) if code else None
        found = _terms_of(procedure, channel)
        if len(self._terms_cache) < _CACHE_LIMIT:
            self._terms_cache[key] = found
        return found

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
        add: _Findings,
        channel: Channel | None,
        status: Status | None,
        received_at: datetime,
        terms: _Terms,
        clock: DossierClock,
    ) -> Judgement:
        flags = list(clock.flags)
        due = clock.due_date
        due_source: DueSource | None = "law" if due is not None else None
        appointment = record.appointment_date
        legal_at_receipt: date | None = None
        deadline = clock.deadline
        if deadline is not None and deadline.due_date is not None:
            known, same_days = self.known_rules_of(received_at.date())
            slip_due: date | None = None
            slip_provisional = False
            if same_days and not deadline.pauses and deadline.extension is None:
                # The calendar known at receipt has the same working days: the slip's legal
                # date is the one just computed; only which years were complete differs.
                slip_due = deadline.due_date
                slip_provisional = known.provisional_between(received_at.date(), slip_due)
            else:
                try:
                    slip = known.due(received_at, deadline.duration)
                except ProcedureKitError as exc:
                    add("deadline-error", field="received_at", note=str(exc))
                else:
                    slip_due, slip_provisional = slip.due_date, slip.provisional
            if slip_due is not None:
                legal_at_receipt = slip_due
                if slip_provisional:
                    years = range(received_at.date().year, slip_due.year + 1)
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
                                value=slip_due.isoformat(),
                                received=received_at.date().isoformat(),
                                due=slip_due.isoformat(),
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
                        explanation=(
                            f"{format_duration(deadline.duration, 'en', style='plain')}"
                            f", received {received_at.isoformat()}"
                        ),
                    )
        end = clock.end
        end_at = end.at if end is not None else None
        outcome = clock.outcome
        if deadline is None and appointment is not None:
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
        requests = _requests(clock)
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
        return self._build(
            record,
            add,
            channel,
            status,
            received_at,
            terms,
            due=due,
            due_source=due_source,
            clock=clock,
            legal_at_receipt=legal_at_receipt,
            outcome=outcome,
            flags=tuple(dict.fromkeys(flags)),
        )


_END_KINDS: Final = frozenset(STATUS_OF_END.values())


def _requests(clock: DossierClock) -> int:
    """The supplement requests among a clock's pauses."""
    return sum(1 for p in clock.pauses if p.kind is EventKind.SUPPLEMENT_REQUESTED)


def _late(clock: DossierClock) -> bool:
    return _requests(clock) > 1


@attrs.frozen
class _Terms:
    """What the judge needs of a procedure for one channel."""

    procedure: Procedure | None
    duration: Duration | None
    exclusions: tuple[str, ...]
    fee_bearing: bool | None
    text: str | None
    committed: Duration | None


def _terms_of(procedure: Procedure | None, channel: Channel | None) -> _Terms:
    """``procedure``'s time limit, exclusions and fee for a dossier received via ``channel``."""
    if procedure is None:
        return _Terms(None, None, (), fee_bearing=None, text=None, committed=None)
    terms = terms_for(procedure, channel)
    committed = procedure.committed_time
    if terms is None:
        return _Terms(
            procedure,
            procedure.prescribed_time,
            (),
            fee_bearing=None,
            text=None,
            committed=committed,
        )
    pt = terms.processing_time
    duration = None
    exclusions: tuple[str, ...] = ()
    if pt is not None:
        duration = pt.for_channel(channel) if channel is not None else pt.duration
        exclusions = pt.exclusions
    fee = terms.fee_bearing
    return _Terms(
        procedure, duration, exclusions, fee_bearing=fee, text=terms.time_text, committed=committed
    )


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
