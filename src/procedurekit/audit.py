"""Audit dossiers: recompute each legal due date and judge the appointment a system printed.

For each dossier of a flat dossier file (:func:`procedurekit.io.iter_dossiers`),
:func:`audit_dossiers` finds its procedure in the catalogue, takes the processing time
published for the dossier's channel, and recomputes the legal due date with
:class:`~procedurekit.deadlines.DeadlineRules` on the calendar **as it had been announced
on the day the dossier was received** (``WorkingCalendar.vietnam(known_at=...)``): a slip
is judged by what its system could know. It compares that date with the recorded
appointment, classifies the outcome (early / on time / late by the end date; open
dossiers in time or overdue at an explicit ``as_of``, DOMAIN.md §4) and counts every
mismatch, keeping a few examples per kind, in bounded memory over millions of rows.

A row with an event log is read by the dossier clock's own rules: the same function,
:func:`procedurekit.models._clock.run_events`, applies its pauses and apology (see
:func:`audit_dossiers`). An audit of one part of the data is an :class:`AuditPartial`;
partials merge exactly, so parts audited apart (on a Dask cluster:
:func:`procedurekit.contrib.dask.audit_dask`) give the single-process report.

Calendars are cached per "data version": the calendar known on day ``d`` only changes on
a day some announcement or year completion is dated, so dossiers received between two
such days share one calendar.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Final

import attrs

from procedurekit._time import VIETNAM_TZ, as_of_moment
from procedurekit.calendar import WorkingCalendar
from procedurekit.durations import Duration, NoTimeLimit
from procedurekit.errors import (
    DurationParseError,
    InvalidArgumentError,
    ProcedureKitError,
    UnknownCodeError,
)
from procedurekit.io.catalogue import Catalogue, ProcedureRecord, read_catalogue
from procedurekit.io.dates import DateFormat
from procedurekit.io.dossiers import DossierRecord, FindingSink, iter_dossiers
from procedurekit.io.findings import Finding, Severity
from procedurekit.models.dossier import Event
from procedurekit.validate import Report, Rule
from procedurekit.vocab import DISTRICT_LEVEL_ABOLISHED, Channel, EventKind

__all__ = [
    "AUDIT_RULES",
    "AuditPartial",
    "CalendarCache",
    "audit_dossiers",
    "audit_files",
    "audit_partial",
]

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Rules of the dossier audit, listed by ``procedurekit rules`` after the catalogue rules.
AUDIT_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "appointment-too-early",
        _W,
        "The recorded appointment is before the legal due "
        "date (a service commitment may explain it)",
        "Circular 01/2018/TT-VPCP form 01: the receipt slip states the appointment; "
        "Civil Code 2015 Arts. 147-148",
        "dossier",
    ),
    Rule(
        "appointment-too-late",
        _E,
        "The recorded appointment is after the legal due date",
        "the published time limit (Decree 63/2010 Art. 8(2)); Civil Code 2015 Arts. 147-148",
        "dossier",
    ),
    Rule(
        "missing-appointment",
        _W,
        "No appointment date is recorded",
        "Circular 01/2018/TT-VPCP form 01 (receipt slip); Circular 03/2025/TT-VPCP",
        "dossier",
    ),
    Rule(
        "missing-time",
        _W,
        "The procedure states no readable processing time for the "
        "dossier's channel: no due date can be computed",
        "Decree 63/2010 Art. 8(2)",
        "dossier",
    ),
    Rule(
        "provisional-calendar",
        _I,
        "The due date crosses days of a year whose calendar "
        "was not yet announced when the dossier was received",
        "annual holiday-swap announcements (DOMAIN.md §2)",
        "dossier",
    ),
    Rule(
        "unknown-procedure",
        _E,
        "The dossier's procedure code is not in the catalogue",
        "catalogue join on the procedure code",
        "dossier",
    ),
    Rule(
        "missing-received-at",
        _E,
        "No readable receipt moment",
        "Decree 45/2020 Art. 11(1): the official receipt time starts the clock",
        "dossier",
    ),
    Rule(
        "district-receipt-after-reform",
        _E,
        "A district-level (cấp huyện) receipt on or after 2025-07-01",
        "two-tier local government from 2025-07-01 (DOMAIN.md §5)",
        "dossier",
    ),
    Rule(
        "unknown-channel",
        _W,
        "A channel label is not Trực tiếp, Trực tuyến or Dịch vụ bưu "
        "chính; the procedure's general time is used",
        "portal 'Hình thức nộp'",
        "dossier",
    ),
    Rule(
        "malformed-dossier-code",
        _I,
        "A dossier code is not <agency>-YYMMDD-NNNN",
        "Circular 01/2018/TT-VPCP Art. 19 (Circular 03/2025 may differ: reported only)",
        "dossier",
    ),
    Rule(
        "end-before-receipt",
        _E,
        "The end time is before the receipt",
        "a dossier's life (DOMAIN.md §4)",
        "dossier",
    ),
    Rule(
        "unparseable-flag",
        _W,
        "A yes/no fact is neither yes nor no",
        "Decision 766/QĐ-TTg indicators",
        "file",
    ),
    Rule(
        "malformed-events",
        _W,
        "The event log is not a JSON list of events",
        "docs/dossier-format.md",
        "file",
    ),
    Rule(
        "second-supplement-request",
        _W,
        "A dossier was asked to supplement more than once: counted as late",
        "Decision 766/QĐ-TTg (indicator 2.1): more than one supplement request counts as late "
        "(DOMAIN.md §4)",
        "dossier",
    ),
    Rule(
        "deadline-error",
        _E,
        "The deadline could not be computed (outside the calendar's "
        "range 2010-2060, or an invalid value)",
        "calendar coverage",
        "dossier",
    ),
)

_DOSSIER_CODE_RE: Final = re.compile(r"^.+-[0-9]{6}-[0-9]{4,}$")


class CalendarCache:
    """``WorkingCalendar.vietnam(known_at=d)`` for many ``d``, one build per data version.

    The calendar known on ``d`` is the same for every ``d`` between two consecutive dates
    found in the calendar data (announcement, completion and entry dates), so the cache
    key is the latest such date on or before ``d``.
    """

    def __init__(self) -> None:
        self._points: list[date] = _change_points()
        self._by_key: dict[date | None, WorkingCalendar] = {}
        self.builds = 0

    def key(self, d: date) -> date | None:
        """The cache key of day ``d`` (``None`` before every known date)."""
        if not self._points:
            return d
        i = bisect.bisect_right(self._points, d)
        return self._points[i - 1] if i else None

    def get(self, d: date) -> WorkingCalendar:
        """The calendar as announced on ``d``."""
        k = self.key(d)
        cal = self._by_key.get(k)
        if cal is None:
            cal = WorkingCalendar.vietnam(known_at=d)
            self._by_key[k] = cal
            self.builds += 1
        return cal


def _change_points() -> list[date]:
    """Every date in the package's calendar data: the days a known_at calendar can change."""
    try:
        from procedurekit.calendar.vietnam import package_announcements

        data = package_announcements()
    except (ImportError, ProcedureKitError):  # pragma: no cover - fall back: one per day
        return []
    found: set[date] = set()

    def walk(obj: Any, depth: int) -> None:
        if depth > 4:
            return
        if isinstance(obj, datetime):
            found.add(obj.date())
        elif isinstance(obj, date):
            found.add(obj)
        elif isinstance(obj, list | tuple):
            for item in obj:
                walk(item, depth + 1)
        elif attrs.has(type(obj)):
            for a in attrs.fields(type(obj)):
                walk(getattr(obj, a.name), depth + 1)

    walk(data, 0)
    # A year's law-fixed days are provisional until announced: entries only matter by the
    # day they were announced, which walk() also collected. Dates are over-collected
    # (entry days too); that only adds cache keys, never merges two different calendars.
    return sorted(found)


@attrs.define
class _Audit:
    catalogue: dict[str, ProcedureRecord]
    base_index: dict[str, ProcedureRecord]
    sink: FindingSink
    as_of: date | None
    calendars: CalendarCache | None
    fixed_rules: Any
    receipt_policy: str
    default_unit: str | None
    financial_obligation: str | bool = "if-excluded"
    moment: datetime | None = None
    rules_by_key: dict[Any, Any] = attrs.field(factory=dict)
    channel_cache: dict[str, Channel | None] = attrs.field(factory=dict)
    terms_cache: dict[tuple[str, Channel | None], tuple[str, Duration | None]] = attrs.field(
        factory=dict
    )
    time_cache: dict[str, Duration | None] = attrs.field(factory=dict)
    financial_cache: dict[str, bool] = attrs.field(factory=dict)
    # Counters of the dossiers seen since the last start(): one AuditPartial each.
    outcomes: Counter[str] = attrs.field(factory=Counter)
    channels: Counter[str] = attrs.field(factory=Counter)
    clock_flags: Counter[str] = attrs.field(factory=Counter)
    part_rules: dict[date | None, Any] = attrs.field(factory=dict)
    dossiers: int = 0
    audited: int = 0
    appointments_checked: int = 0

    def start(self, sink: FindingSink) -> None:
        """Count the next part afresh into ``sink`` (the caches are kept)."""
        self.sink = sink
        self.outcomes, self.channels, self.clock_flags = Counter(), Counter(), Counter()
        self.part_rules = {}
        self.dossiers = self.audited = self.appointments_checked = 0

    def partial(
        self,
        *,
        part: int,
        rows: int,
        catalogue_procedures: int,
        file: str | None = None,
        date_formats: dict[str, str] | None = None,
    ) -> AuditPartial:
        """What was counted since :meth:`start`, as a mergeable :class:`AuditPartial`."""
        sink = self.sink
        return AuditPartial(
            max_examples=sink.max_examples,
            as_of=self.as_of,
            catalogue_procedures=catalogue_procedures,
            fixed_calendar=self.fixed_rules is not None,
            rows=rows,
            dossiers=self.dossiers,
            audited=self.audited,
            appointments_checked=self.appointments_checked,
            outcomes=Counter(self.outcomes),
            channels=Counter(self.channels),
            clock_flags=Counter(self.clock_flags),
            counts=Counter(sink.counts),
            severities=dict(sink.severities),
            examples=tuple((part, i, f) for i, f in enumerate(sink.examples)),
            calendar_keys=frozenset(self.part_rules),
            files=((part, file),) if file is not None else (),
            date_formats={k: frozenset({v}) for k, v in (date_formats or {}).items()},
        )

    def add(
        self,
        code: str,
        d: DossierRecord,
        message: str | Callable[[], str],
        *,
        field: str | None = None,
        value: Any = None,
    ) -> None:
        """Count a finding; build it (``message`` may be a callable) only as an example."""
        rule = _AUDIT_BY_CODE[code]
        if not self.sink.tally(code, rule.severity):
            return
        self.sink.keep(
            Finding(
                code,
                rule.severity,
                message if isinstance(message, str) else message(),
                row=d.row,
                field=field,
                value=value,
                file=d.file,
                line=d.line,
            )
        )

    def rules_for(self, received: date) -> Any:
        if self.fixed_rules is not None:
            return self.fixed_rules
        assert self.calendars is not None
        key = self.calendars.key(received)
        rules = self.part_rules.get(key)
        if rules is None:
            rules = self.rules_by_key.get(key)
            if rules is None:
                from procedurekit.deadlines import DeadlineRules

                cal = self.calendars.get(received)
                rules = DeadlineRules(cal, receipt_policy=self.receipt_policy)
                self.rules_by_key[key] = rules
            self.part_rules[key] = rules  # the keys this part used: stats.calendars_built
        return rules

    def duration(self, text: str) -> Duration | None:
        if text in self.time_cache:
            return self.time_cache[text]
        from procedurekit.parsing import parse_duration

        try:
            d: Duration | None = parse_duration(text, default_unit=self.default_unit)
        except DurationParseError:
            d = None
        self.time_cache[text] = d
        return d

    def financial_pauses(self, text: str) -> bool:
        """Whether a financial obligation pauses the clock of a dossier under ``text``."""
        found = self.financial_cache.get(text)
        if found is None:
            from procedurekit.models._clock import financial_obligation_pauses_for

            exclusions: tuple[str, ...] = ()
            if self.financial_obligation == "if-excluded" and text:
                from procedurekit.parsing import parse_processing_time

                try:
                    exclusions = parse_processing_time(text).exclusions
                except ProcedureKitError:
                    exclusions = ()
            found = financial_obligation_pauses_for(exclusions, policy=self.financial_obligation)
            self.financial_cache[text] = found
        return found


_AUDIT_BY_CODE: Final = {r.code: r for r in AUDIT_RULES}


def _time_text(p: ProcedureRecord, channel: Channel | None) -> str:
    if p.channels:
        if channel is not None:
            for ch in p.channels:
                try:
                    if Channel.from_label(ch.channel) is channel:
                        return ch.processing_time
                except UnknownCodeError:
                    continue
        return p.channels[0].processing_time
    return p.get("processing_time")


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _is_district(label: str) -> bool:
    if not label:
        return False
    from procedurekit.vocab import Level

    try:
        return Level.from_label(label) is Level.DISTRICT
    except UnknownCodeError:
        return False


def _audit_one(a: _Audit, d: DossierRecord) -> None:
    a.dossiers += 1
    if d.dossier_code and not _DOSSIER_CODE_RE.match(d.dossier_code):
        a.add(
            "malformed-dossier-code",
            d,
            lambda: f"dossier code {d.dossier_code!r} is not <agency>-YYMMDD-NNNN",
            field="dossier_code",
            value=d.dossier_code,
        )
    if d.received_at is None:
        a.add(
            "missing-received-at",
            d,
            f"dossier {d.dossier_code!r}: no receipt moment",
            field="received_at",
        )
        a.outcomes["unknown"] += 1
        return
    received = _day(d.received_at)
    if _is_district(d.level) and received > DISTRICT_LEVEL_ABOLISHED.last_day:
        a.add(
            "district-receipt-after-reform",
            d,
            f"dossier {d.dossier_code!r}: received on {received.isoformat()} by a district "
            "(cấp huyện); the district level ended on 2025-07-01 (two-tier local government)",
            field="level",
            value=d.level,
        )
    p = a.catalogue.get(d.procedure_code) or a.base_index.get(d.procedure_code[:8])
    if p is None:
        a.add(
            "unknown-procedure",
            d,
            f"dossier {d.dossier_code!r}: procedure {d.procedure_code!r} is not in the catalogue",
            field="procedure_code",
            value=d.procedure_code,
        )
        a.outcomes["unknown"] += 1
        return
    channel: Channel | None = None
    if d.channel:
        if d.channel in a.channel_cache:
            channel = a.channel_cache[d.channel]
        else:
            try:
                channel = Channel.from_label(d.channel)
            except UnknownCodeError:
                channel = None
            a.channel_cache[d.channel] = channel
        if channel is None:
            a.add(
                "unknown-channel",
                d,
                f"dossier {d.dossier_code!r}: unknown channel {d.channel!r}",
                field="channel",
                value=d.channel,
            )
    a.channels[channel.value if channel else "unknown"] += 1
    terms = a.terms_cache.get((p.code, channel))
    if terms is None:
        text = _time_text(p, channel)
        terms = a.terms_cache[(p.code, channel)] = (text, a.duration(text) if text else None)
    text, duration = terms
    if duration is None:
        a.add(
            "missing-time",
            d,
            f"dossier {d.dossier_code!r}: procedure {p.code!r} states "
            f"no readable time for channel {d.channel or '?'} ({text!r})",
            field="procedure_code",
            value=text or None,
        )
        a.outcomes["unknown"] += 1
        return
    try:
        dl = a.rules_for(received).due(d.received_at, duration)
    except ProcedureKitError as exc:
        a.add(
            "deadline-error",
            d,
            f"dossier {d.dossier_code!r}: {exc}",
            field="received_at",
            value=str(d.received_at),
        )
        a.outcomes["unknown"] += 1
        return
    a.audited += 1
    due: date | None = dl.due_date
    if dl.provisional:
        a.add(
            "provisional-calendar",
            d,
            lambda: (
                f"dossier {d.dossier_code!r}: due date {due} rests "
                "on a calendar not yet announced when the dossier was received"
            ),
            field="appointment_date",
            value=str(due),
        )
    if isinstance(duration, NoTimeLimit) or due is None:
        a.outcomes["no_time_limit"] += 1
        return
    legal: date = due
    appointment = d.appointment_date
    if appointment is None:
        a.add(
            "missing-appointment",
            d,
            lambda: (
                f"dossier {d.dossier_code!r}: no appointment date; "
                f"the legal due date is {legal.isoformat()}"
            ),
            field="appointment_date",
        )
    else:
        a.appointments_checked += 1
        if appointment != legal:
            side = "before" if appointment < legal else "after"
            a.add(
                "appointment-too-early" if appointment < legal else "appointment-too-late",
                d,
                lambda: (
                    f"dossier {d.dossier_code!r}: appointment {appointment.isoformat()} is "
                    f"{side} the legal due date {legal.isoformat()} ({duration!r} from "
                    f"{d.received_at})"
                ),
                field="appointment_date",
                value=appointment,
            )
    # The event log, when given, is read by the clock's own rules (models._clock.run_events):
    # pauses (one left open closes at the end, else runs to as_of) and the apology move the
    # due date used for the outcome, which stays the original date moved by the pauses
    # (Decree 61/2018 Art. 19); never the appointment check (the slip was printed at
    # receipt). More than one supplement request makes the dossier late (Decision 766/QĐ-TTg);
    # the log's end event is the end when end_at is not given.
    end_at = d.end_at
    late = False
    if d.events:
        from procedurekit.models._clock import run_events

        events = _events(a, d)
        stop = end_at if end_at is None or isinstance(end_at, datetime) else _start_of(end_at)
        try:
            run = run_events(
                events,
                dl,
                a.moment,
                financial_obligation=a.financial_pauses(text),
                end_at=stop,
            )
        except ProcedureKitError as exc:
            a.add(
                "deadline-error",
                d,
                f"dossier {d.dossier_code!r}: the event log moves the due date out of range: {exc}",
                field="events",
            )
            a.outcomes["unknown"] += 1
            return
        if run.due_date is not None:
            due = run.due_date
        a.clock_flags.update(run.flags)
        if run.deadline is not None:
            a.clock_flags.update(f for f in run.deadline.flags if f not in dl.flags)
        if run.late:
            late = True
            a.add(
                "second-supplement-request",
                d,
                f"dossier {d.dossier_code!r}: {run.supplement_requests} supplement requests; a "
                "dossier asked to supplement more than once counts as late (Decision 766/QĐ-TTg)",
                field="events",
                value=run.supplement_requests,
            )
        if end_at is None and run.end is not None:
            end_at = run.end.at
    if end_at is not None:
        end = _day(end_at)
        if end < received:
            a.add(
                "end-before-receipt",
                d,
                f"dossier {d.dossier_code!r}: ends {end} before its receipt {received}",
                field="end_at",
                value=str(d.end_at),
            )
        # models._clock.classify, written out for the million-row path.
        a.outcomes["late" if late or end > due else "on_time" if end == due else "early"] += 1
    elif a.as_of is not None:
        a.outcomes["open_overdue" if late or a.as_of > due else "open_in_time"] += 1
    else:
        a.outcomes["open"] += 1


_EVENT_KINDS: dict[str, EventKind] = {k.value: k for k in EventKind}


def _start_of(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), VIETNAM_TZ)


def _events(a: _Audit, d: DossierRecord) -> list[Event]:
    """The row's events in time order, cut at ``as_of``; a malformed one is reported."""
    from procedurekit.io.dates import parse_date_value

    events: list[Event] = []
    kinds = _EVENT_KINDS if len(_EVENT_KINDS) < 256 else {}
    for i, raw in enumerate(d.events):
        try:
            label = str(raw.get("kind", ""))
            kind = kinds.get(label) or kinds.setdefault(label, EventKind.from_label(label))
            at = parse_date_value(str(raw.get("at", "")), DateFormat.ISO)
            new_due = raw.get("new_due_date")
            if kind is EventKind.APOLOGY_ISSUED:
                new_due = date.fromisoformat(str(new_due)[:10])
            elif new_due is not None:
                raise ValueError("only an apology carries a new due date")
        except (ProcedureKitError, ValueError):
            a.add(
                "malformed-events",
                d,
                f"dossier {d.dossier_code!r}: event {i} needs a known 'kind' and an ISO 'at' "
                "(an apology also its 'new_due_date')",
                field="events",
                value=str(raw)[:120],
            )
            continue
        if not isinstance(at, datetime):
            at = _start_of(at)
        events.append(Event(kind=kind, at=at, new_due_date=new_due))
    events.sort(key=lambda e: e.at)
    moment = a.moment
    return events if moment is None else [e for e in events if e.at <= moment]


@attrs.frozen(kw_only=True)
class AuditPartial:
    """The counts of an audit over one part of the dossiers; partials merge into one report.

    Everything is a count, a set or a capped list, so :meth:`merge` is exact and
    independent of the order partials are merged in: ``examples`` keeps, per finding code,
    the first ``max_examples`` in the order (part number, order kept within the part), which
    is the order one process reading the parts one after another keeps them in. So the
    merge of the parts' partials gives the same :meth:`report` as :func:`audit_files` over
    the same files in one process (what :func:`procedurekit.contrib.dask.audit_dask` does).
    ``calendar_keys`` are the calendar versions used (``stats.calendars_built``).
    """

    max_examples: int
    as_of: date | None
    catalogue_procedures: int
    fixed_calendar: bool = False
    rows: int = 0
    dossiers: int = 0
    audited: int = 0
    appointments_checked: int = 0
    outcomes: Counter[str] = attrs.field(factory=Counter)
    channels: Counter[str] = attrs.field(factory=Counter)
    clock_flags: Counter[str] = attrs.field(factory=Counter)
    counts: Counter[str] = attrs.field(factory=Counter)
    severities: dict[str, Severity] = attrs.field(factory=dict)
    examples: tuple[tuple[int, int, Finding], ...] = ()
    calendar_keys: frozenset[date | None] = frozenset()
    files: tuple[tuple[int, str], ...] = ()
    date_formats: dict[str, frozenset[str]] = attrs.field(factory=dict)

    def merge(self, other: AuditPartial) -> AuditPartial:
        """A new partial with both parts' counts (neither is changed)."""
        if not isinstance(other, AuditPartial) or (
            other.max_examples,
            other.as_of,
            other.fixed_calendar,
        ) != (self.max_examples, self.as_of, self.fixed_calendar):
            raise InvalidArgumentError(
                "merge needs an AuditPartial of an audit with the same max_examples, as_of "
                "and calendar option",
                path="other",
                value=getattr(other, "as_of", other),
                expected=f"max_examples={self.max_examples}, as_of={self.as_of}",
            )
        kept: list[tuple[int, int, Finding]] = []
        per_code: Counter[str] = Counter()
        for item in sorted((*self.examples, *other.examples), key=lambda e: (e[0], e[1])):
            per_code[item[2].code] += 1
            if per_code[item[2].code] <= self.max_examples:
                kept.append(item)
        formats = {
            k: v | other.date_formats.get(k, frozenset()) for k, v in self.date_formats.items()
        }
        for k, v in other.date_formats.items():
            formats.setdefault(k, v)
        return AuditPartial(
            max_examples=self.max_examples,
            as_of=self.as_of,
            catalogue_procedures=max(self.catalogue_procedures, other.catalogue_procedures),
            fixed_calendar=self.fixed_calendar,
            rows=self.rows + other.rows,
            dossiers=self.dossiers + other.dossiers,
            audited=self.audited + other.audited,
            appointments_checked=self.appointments_checked + other.appointments_checked,
            outcomes=self.outcomes + other.outcomes,
            channels=self.channels + other.channels,
            clock_flags=self.clock_flags + other.clock_flags,
            counts=self.counts + other.counts,
            severities={**other.severities, **self.severities},
            examples=tuple(kept),
            calendar_keys=self.calendar_keys | other.calendar_keys,
            files=tuple(sorted({*self.files, *other.files})),
            date_formats=formats,
        )

    def report(self) -> Report:
        """The audit report of everything counted (see :func:`audit_dossiers`)."""
        findings = tuple(
            f
            for _, _, f in sorted(
                self.examples,
                key=lambda e: (e[2].severity.rank, e[2].code, e[0], e[2].line or 0, e[1]),
            )
        )
        errors = sum(n for c, n in self.counts.items() if self.severities[c] is Severity.ERROR)
        warnings = sum(n for c, n in self.counts.items() if self.severities[c] is Severity.WARNING)
        stats: dict[str, Any] = {
            "rows": self.rows,
            "dossiers": self.dossiers,
            "audited": self.audited,
            "appointments_checked": self.appointments_checked,
            "outcomes": dict(sorted(self.outcomes.items())),
            "channels": dict(sorted(self.channels.items())),
            "clock_flags": dict(sorted(self.clock_flags.items())),
            "catalogue_procedures": self.catalogue_procedures,
            "calendars_built": 1 if self.fixed_calendar else len(self.calendar_keys),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "errors": errors,
            "warnings": warnings,
            "findings_by_code": dict(sorted((c, n) for c, n in self.counts.items() if n)),
            "examples_per_code": self.max_examples,
        }
        if self.files:
            stats["date_formats"] = {
                k: "/".join(sorted(v)) for k, v in sorted(self.date_formats.items())
            }
            names = [name for _, name in self.files]
            stats["file"] = names[0] if len(names) == 1 else None
            stats["files"] = names
        return Report(errors == 0, stats, findings, "audit")


def _new_audit(
    catalogue: Catalogue,
    sink: FindingSink,
    *,
    as_of: date | None,
    calendar: WorkingCalendar | None,
    receipt_policy: str,
    default_unit: str | None,
    financial_obligation_pauses: str | bool,
) -> _Audit:
    from procedurekit.models._clock import financial_obligation_pauses_for

    financial_obligation_pauses_for(policy=financial_obligation_pauses)  # refuse a bad value now
    fixed = None
    if calendar is not None:
        from procedurekit.deadlines import DeadlineRules

        fixed = DeadlineRules(calendar, receipt_policy=receipt_policy)
    by_code = catalogue.by_code()
    base: dict[str, ProcedureRecord] = {}
    for code, p in by_code.items():
        base.setdefault(code[:8], p)
    return _Audit(
        by_code,
        base,
        sink,
        as_of,
        None if calendar is not None else CalendarCache(),
        fixed,
        receipt_policy,
        default_unit or catalogue.default_unit,
        financial_obligation_pauses,
        as_of_moment(as_of) if as_of is not None else None,
    )


def audit_dossiers(
    dossiers: Iterable[DossierRecord],
    catalogue: Catalogue,
    *,
    as_of: date | None = None,
    calendar: WorkingCalendar | None = None,
    receipt_policy: str = "as-submitted",
    default_unit: str | None = None,
    max_examples: int = 20,
    sink: FindingSink | None = None,
    rows: Callable[[], int] | None = None,
    financial_obligation_pauses: str | bool = "if-excluded",
) -> Report:
    """Audit ``dossiers`` against ``catalogue``; return a :class:`~procedurekit.validate.Report`.

    ``as_of`` classifies open dossiers (in time or overdue); without it they count as
    ``open`` (the clock is never read implicitly). ``calendar`` fixes one calendar for
    every dossier instead of the one announced at each receipt. ``max_examples`` findings
    are kept per code; ``stats.findings_by_code`` has every count.

    A dossier with an event log is read by the rules of :meth:`Dossier.clock
    <procedurekit.models.Dossier.clock>` (the same function, :mod:`procedurekit.models._clock`):
    only events up to ``as_of`` count; supplement pauses, one left open closing at the end
    (else running to ``as_of``); the apology, scored against the original due date moved
    by the pauses (Decree 61/2018 Art. 19); more than one supplement request late
    (Decision 766/QĐ-TTg). ``stats.clock_flags`` counts the clock's flags (``open-pause``,
    ``late-apology`` ...). ``financial_obligation_pauses`` (``"if-excluded"``, ``"always"``,
    ``"never"``) says when a financial-obligation request pauses the clock: by default only
    when the procedure's processing time excludes that time ("không kể thời gian thực hiện
    nghĩa vụ tài chính", DOMAIN.md §3).
    """
    out_sink = sink if sink is not None else FindingSink(max_examples=max_examples)
    a = _new_audit(
        catalogue,
        out_sink,
        as_of=as_of,
        calendar=calendar,
        receipt_policy=receipt_policy,
        default_unit=default_unit,
        financial_obligation_pauses=financial_obligation_pauses,
    )
    for d in dossiers:
        _audit_one(a, d)
    return a.partial(
        part=0,
        rows=rows() if rows is not None else a.dossiers,
        catalogue_procedures=len(catalogue.procedures),
    ).report()


def audit_partial(
    dossier_path: str | os.PathLike[str],
    catalogue: Catalogue,
    *,
    part: int = 0,
    as_of: date | None = None,
    date_format: DateFormat | str | None = None,
    receipt_policy: str = "as-submitted",
    default_unit: str | None = None,
    max_examples: int = 20,
    financial_obligation_pauses: str | bool = "if-excluded",
    progress: Callable[[int], None] | None = None,
) -> AuditPartial:
    """Audit one dossier file (part number ``part`` of several) into an :class:`AuditPartial`.

    Merge the partials of every part (:meth:`AuditPartial.merge`, in any order) and take
    :meth:`~AuditPartial.report`: the result is that of :func:`audit_files` over the parts.
    """
    a = _new_audit(
        catalogue,
        FindingSink(max_examples=max_examples),
        as_of=as_of,
        calendar=None,
        receipt_policy=receipt_policy,
        default_unit=default_unit,
        financial_obligation_pauses=financial_obligation_pauses,
    )
    return _audit_file(a, dossier_path, len(catalogue.procedures), part, date_format, progress)


def _audit_file(
    a: _Audit,
    path: str | os.PathLike[str],
    procedures: int,
    part: int,
    date_format: DateFormat | str | None,
    progress: Callable[[int], None] | None,
) -> AuditPartial:
    sink = FindingSink(max_examples=a.sink.max_examples)
    a.start(sink)
    stream = iter_dossiers(path, date_format=date_format, sink=sink, progress=progress)
    for d in stream:
        _audit_one(a, d)
    return a.partial(
        part=part,
        rows=stream.rows,
        catalogue_procedures=procedures,
        file=stream.file,
        date_formats=dict(stream.date_formats),
    )


def audit_files(
    dossier_path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    catalogue_paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    as_of: date | None = None,
    date_format: DateFormat | str | None = None,
    receipt_policy: str = "as-submitted",
    default_unit: str | None = None,
    max_examples: int = 20,
    progress: Callable[[int], None] | None = None,
    financial_obligation_pauses: str | bool = "if-excluded",
) -> Report:
    """Read a catalogue and stream one dossier file, or several one after another, through
    the audit (:func:`audit_dossiers` describes it).

    The one call the CLI needs. Catalogue reading findings are not repeated here (run
    ``validate`` for them); dossier-file findings (encoding, dates, flags) are included.
    ``progress`` receives the row count (see :func:`procedurekit.io.progress_printer`).
    Several files are the parts of one data set (each detects its own date formats):
    ``stats.files`` lists them, and the first ``max_examples`` findings of each code are
    kept in file order.
    """
    files = (
        [catalogue_paths]
        if isinstance(catalogue_paths, str | os.PathLike)
        else list(catalogue_paths)
    )
    paths = [dossier_path] if isinstance(dossier_path, str | os.PathLike) else list(dossier_path)
    catalogue = read_catalogue(*files, default_unit=default_unit)
    a = _new_audit(
        catalogue,
        FindingSink(max_examples=max_examples),
        as_of=as_of,
        calendar=None,
        receipt_policy=receipt_policy,
        default_unit=default_unit,
        financial_obligation_pauses=financial_obligation_pauses,
    )
    total: AuditPartial | None = None
    done = 0
    for i, path in enumerate(paths):
        tick = progress
        if progress is not None and done:
            tick = functools.partial(_offset, progress, done)
        part = _audit_file(a, path, len(catalogue.procedures), i, date_format, tick)
        done += part.rows
        total = part if total is None else total.merge(part)
    close = getattr(progress, "close", None)
    if callable(close):
        close()
    if total is None:
        raise InvalidArgumentError(
            "audit_files needs at least one dossier file",
            path="dossier_path",
            expected="'dossiers.csv'",
        )
    return total.report()


def _offset(progress: Callable[[int], None], done: int, n: int) -> None:
    progress(done + n)
