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

Calendars are cached per "data version": the calendar known on day ``d`` only changes on
a day some announcement or year completion is dated, so dossiers received between two
such days share one calendar.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Final

import attrs

from procedurekit.calendar import WorkingCalendar
from procedurekit.channel import Channel
from procedurekit.durations import Duration, NoTimeLimit
from procedurekit.errors import DurationParseError, ProcedureKitError, UnknownCodeError
from procedurekit.io.catalogue import Catalogue, ProcedureRecord, read_catalogue
from procedurekit.io.dates import VIETNAM_TZ, DateFormat
from procedurekit.io.dossiers import DossierRecord, FindingSink, iter_dossiers
from procedurekit.io.findings import Finding, Severity
from procedurekit.models.agency import DISTRICT_LEVEL_ABOLISHED
from procedurekit.validate import Report, Rule

__all__ = [
    "AUDIT_RULES",
    "CalendarCache",
    "audit_dossiers",
    "audit_files",
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
    rules_by_key: dict[Any, Any] = attrs.field(factory=dict)
    channel_cache: dict[str, Channel | None] = attrs.field(factory=dict)
    terms_cache: dict[tuple[str, Channel | None], tuple[str, Duration | None]] = attrs.field(
        factory=dict
    )
    time_cache: dict[str, Duration | None] = attrs.field(factory=dict)
    outcomes: Counter[str] = attrs.field(factory=Counter)
    channels: Counter[str] = attrs.field(factory=Counter)
    dossiers: int = 0
    audited: int = 0
    appointments_checked: int = 0

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
        rules = self.rules_by_key.get(key)
        if rules is None:
            from procedurekit.deadlines import DeadlineRules

            rules = DeadlineRules(self.calendars.get(received), receipt_policy=self.receipt_policy)
            self.rules_by_key[key] = rules
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
    from procedurekit.models.agency import Level

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
    # The event log, when given: pauses move the due date used for the outcome (never the
    # appointment check: the slip was printed at receipt); a second supplement request makes
    # the dossier late (Decision 766/QĐ-TTg); the first end event is the end when end_at is
    # not given.
    end_at = d.end_at
    second_request = False
    if d.events:
        pauses, requests, end_event = _event_facts(a, d)
        for start, stop in pauses:
            try:
                dl = dl.paused(start, stop)
            except ProcedureKitError:
                continue
        due = dl.due_date if dl.due_date is not None else due
        if requests > 1:
            second_request = True
            a.add(
                "second-supplement-request",
                d,
                f"dossier {d.dossier_code!r}: {requests} supplement requests; a dossier asked "
                "to supplement more than once counts as late (Decision 766/QĐ-TTg)",
                field="events",
                value=requests,
            )
        if end_at is None:
            end_at = end_event
    if end_at is not None:
        end = _day(end_at)
        if second_request:
            a.outcomes["late"] += 1
            return
        if end < received:
            a.add(
                "end-before-receipt",
                d,
                f"dossier {d.dossier_code!r}: ends {end} before its receipt {received}",
                field="end_at",
                value=str(d.end_at),
            )
        a.outcomes["early" if end < due else "on_time" if end == due else "late"] += 1
    elif second_request:
        a.outcomes["open_overdue" if a.as_of is not None else "open"] += 1
    elif a.as_of is not None:
        a.outcomes["open_in_time" if a.as_of <= due else "open_overdue"] += 1
    else:
        a.outcomes["open"] += 1


_PAUSE_KINDS: Final = {
    "supplement_requested": "supplement_received",
    "financial_obligation_requested": "financial_obligation_paid",
}
_END_KINDS: Final = frozenset({"processed", "result_returned", "refused", "stopped", "withdrawn"})


def _event_facts(
    a: _Audit, d: DossierRecord
) -> tuple[list[tuple[datetime, datetime]], int, datetime | None]:
    """Pauses (request, answer), the number of supplement requests, the first end moment."""
    from procedurekit.io.dates import DateFormat, parse_date_value
    from procedurekit.models.dossier import EventKind

    timeline: list[tuple[datetime, str]] = []
    for i, event in enumerate(d.events):
        try:
            kind = EventKind.from_label(str(event.get("kind", ""))).value
            at = parse_date_value(str(event.get("at", "")), DateFormat.ISO)
        except (ProcedureKitError, ValueError):
            a.add(
                "malformed-events",
                d,
                f"dossier {d.dossier_code!r}: event {i} needs a known 'kind' and an ISO 'at'",
                field="events",
                value=str(event)[:120],
            )
            continue
        if not isinstance(at, datetime):
            at = datetime.combine(at, datetime.min.time(), VIETNAM_TZ)
        timeline.append((at, kind))
    timeline.sort(key=lambda item: item[0])
    pauses: list[tuple[datetime, datetime]] = []
    open_pause: dict[str, datetime] = {}
    requests = 0
    end: datetime | None = None
    for at, kind in timeline:
        if kind in _PAUSE_KINDS:
            requests += kind == "supplement_requested"
            open_pause.setdefault(_PAUSE_KINDS[kind], at)
        elif kind in open_pause:
            pauses.append((open_pause.pop(kind), at))
        elif kind in _END_KINDS and end is None:
            end = at
    return pauses, requests, end


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
) -> Report:
    """Audit ``dossiers`` against ``catalogue``; return a :class:`~procedurekit.validate.Report`.

    ``as_of`` classifies open dossiers (in time or overdue); without it they count as
    ``open`` (the clock is never read implicitly). ``calendar`` fixes one calendar for
    every dossier instead of the one announced at each receipt. ``max_examples`` findings
    are kept per code; ``stats.findings_by_code`` has every count.
    """
    out_sink = sink if sink is not None else FindingSink(max_examples=max_examples)
    fixed = None
    if calendar is not None:
        from procedurekit.deadlines import DeadlineRules

        fixed = DeadlineRules(calendar, receipt_policy=receipt_policy)
    by_code = catalogue.by_code()
    base: dict[str, ProcedureRecord] = {}
    for code, p in by_code.items():
        base.setdefault(code[:8], p)
    a = _Audit(
        by_code,
        base,
        out_sink,
        as_of,
        None if calendar is not None else CalendarCache(),
        fixed,
        receipt_policy,
        default_unit or catalogue.default_unit,
    )
    for d in dossiers:
        _audit_one(a, d)
    return _report(a, catalogue, rows() if rows is not None else a.dossiers)


def _report(a: _Audit, catalogue: Catalogue, rows: int) -> Report:
    sink = a.sink
    findings = sorted(sink.examples, key=lambda f: (f.severity.rank, f.code, f.line or 0))
    errors = sink.count(Severity.ERROR)
    stats: dict[str, Any] = {
        "rows": rows,
        "dossiers": a.dossiers,
        "audited": a.audited,
        "appointments_checked": a.appointments_checked,
        "outcomes": dict(sorted(a.outcomes.items())),
        "channels": dict(sorted(a.channels.items())),
        "catalogue_procedures": len(catalogue.procedures),
        "calendars_built": a.calendars.builds if a.calendars is not None else 1,
        "as_of": a.as_of.isoformat() if a.as_of else None,
        "errors": errors,
        "warnings": sink.count(Severity.WARNING),
        "findings_by_code": dict(sorted(sink.counts.items())),
        "examples_per_code": sink.max_examples,
    }
    return Report(errors == 0, stats, tuple(findings), "audit")


def audit_files(
    dossier_path: str | os.PathLike[str],
    catalogue_paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    as_of: date | None = None,
    date_format: DateFormat | str | None = None,
    receipt_policy: str = "as-submitted",
    default_unit: str | None = None,
    max_examples: int = 20,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Read a catalogue and stream a dossier file through :func:`audit_dossiers`.

    The one call the CLI needs. Catalogue reading findings are not repeated here (run
    ``validate`` for them); dossier-file findings (encoding, dates, flags) are included.
    ``progress`` receives the row count (see :func:`procedurekit.io.progress_printer`).
    """
    files = (
        [catalogue_paths]
        if isinstance(catalogue_paths, str | os.PathLike)
        else list(catalogue_paths)
    )
    catalogue = read_catalogue(*files, default_unit=default_unit)
    sink = FindingSink(max_examples=max_examples)
    stream = iter_dossiers(dossier_path, date_format=date_format, sink=sink, progress=progress)
    report = audit_dossiers(
        stream,
        catalogue,
        as_of=as_of,
        receipt_policy=receipt_policy,
        default_unit=default_unit,
        sink=sink,
        rows=lambda: stream.rows,
    )
    close = getattr(progress, "close", None)
    if callable(close):
        close()
    stats = dict(report.stats)
    stats["date_formats"] = dict(stream.date_formats)
    stats["file"] = stream.file
    return attrs.evolve(report, stats=stats)
