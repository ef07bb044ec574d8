"""Audit dossiers: recompute each legal due date and judge the appointment a system printed.

Every dossier of a flat dossier file (:func:`procedurekit.io.iter_dossiers`) is judged by
the single pipeline, :class:`procedurekit.judge.Judge` (the procedure from the catalogue,
its time limit for the dossier's channel, the event log or the record's receipt and end,
the dossier clock on the calendar as observed; the printed appointment judged on the
calendar as known at receipt). The audit counts what the judge finds, in bounded memory
over millions of rows: the outcomes, every finding by code and the first examples of each,
the clock's flags. ``per_dossier`` receives each :class:`~procedurekit.judge.Judgement`
(``procedurekit audit --per-dossier OUT`` writes them as rows a data team hands back).

An audit of one part of the data is an :class:`AuditPartial`; partials merge exactly, so
parts audited apart (on a Dask cluster: :func:`procedurekit.contrib.dask.audit_dask`) give
the single-process report. Results never depend on the order of the rows: the calendar of
each receipt depends only on its day, and every count is a sum.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from procedurekit.calendar.working import WorkingCalendar
from procedurekit.checks._columnar import (
    NOT_JUDGED,
    BatchRows,
    ColumnEngine,
    ColumnSource,
    Engine,
    read_in_columns,
    use_arrow,
)
from procedurekit.deadlines.clock import FinancialObligationPolicy
from procedurekit.deadlines.rules import ReceiptPolicy
from procedurekit.errors import InvalidArgumentError
from procedurekit.findings import Finding, FindingSink, Report, Severity
from procedurekit.io import ReadLimits
from procedurekit.io.catalogue import Catalogue, read_catalogue
from procedurekit.io.dates import DateFormat
from procedurekit.io.dossiers import DossierReading, DossierRecord, iter_dossiers
from procedurekit.judge import FLAG_END_WITHOUT_DATE, Judge, Judgement
from procedurekit.phrases.parse import DefaultUnit

__all__ = [
    "NOT_JUDGED",
    "AuditPartial",
    "audit_dossiers",
    "audit_files",
    "audit_partial",
]


PerDossier = Callable[[Judgement], None]


@attrs.define
class _Audit:
    """The counters of the dossiers seen since the last :meth:`start` (one part)."""

    judge: Judge
    sink: FindingSink
    per_dossier: PerDossier | None = None
    outcomes: Counter[str] = attrs.field(factory=Counter)
    channels: Counter[str] = attrs.field(factory=Counter)
    clock_flags: Counter[str] = attrs.field(factory=Counter)
    dossiers: int = 0
    audited: int = 0
    appointments_checked: int = 0
    left_out: Counter[str] = attrs.field(factory=Counter)
    calendar_keys: set[date] = attrs.field(factory=set)

    def start(self, sink: FindingSink) -> None:
        """Count the next part afresh into ``sink`` (the judge and its caches are kept)."""
        self.sink = sink
        self.outcomes, self.channels, self.clock_flags = Counter(), Counter(), Counter()
        self.dossiers = self.audited = self.appointments_checked = 0
        self.left_out = Counter()
        self.calendar_keys = set()

    def add(self, record: DossierRecord) -> None:
        """Judge one record and count it."""
        j = self.judge.judge(record, self.sink)
        if j is None:
            self.left_out[self.judge.last_skip or "after-as-of"] += 1
            return
        self.dossiers += 1
        self.channels[j.channel.value if j.channel is not None else "unknown"] += 1
        self.clock_flags.update(j.flags)
        if j.due_source == "law":
            self.audited += 1
        if j.legal_due_at_receipt is not None and j.appointment_date is not None:
            self.appointments_checked += 1
        if j.received_at is not None and self.judge.known is not None:
            self.calendar_keys.add(self.judge.known.key(j.received_at.date()))
        self.outcomes[j.outcome.value if j.outcome is not None else NOT_JUDGED] += 1
        if self.per_dossier is not None:
            self.per_dossier(j)

    def partial(
        self,
        *,
        part: int,
        rows: int,
        catalogue_procedures: int,
        file: str | None = None,
        date_formats: dict[str, str] | None = None,
        lines_rejected: int = 0,
        lines_blank: int = 0,
        engine: str = "python",
    ) -> AuditPartial:
        """What was counted since :meth:`start`, as a mergeable :class:`AuditPartial`."""
        sink = self.sink
        return AuditPartial(
            max_examples=sink.max_examples,
            as_of=self.judge.as_of,
            received_from=self.judge.received_from,
            received_to=self.judge.received_to,
            catalogue_procedures=catalogue_procedures,
            fixed_calendar=self.judge.known is None,
            rows=rows,
            lines_rejected=lines_rejected,
            lines_blank=lines_blank,
            dossiers=self.dossiers,
            audited=self.audited,
            appointments_checked=self.appointments_checked,
            left_out=Counter(self.left_out),
            outcomes=Counter(self.outcomes),
            channels=Counter(self.channels),
            clock_flags=Counter(self.clock_flags),
            counts=Counter(sink.counts),
            severities=dict(sink.severities),
            examples=tuple((part, i, f) for i, f in enumerate(sink.examples)),
            calendar_keys=frozenset(self.calendar_keys),
            files=((part, file),) if file is not None else (),
            engines=((part, engine),) if file is not None else (),
            date_formats={k: frozenset({v}) for k, v in (date_formats or {}).items()},
        )


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

    max_examples: int | None
    as_of: date | None
    catalogue_procedures: int
    received_from: date | None = None
    received_to: date | None = None
    fixed_calendar: bool = False
    rows: int = 0
    lines_rejected: int = 0
    lines_blank: int = 0
    dossiers: int = 0
    audited: int = 0
    appointments_checked: int = 0
    left_out: Counter[str] = attrs.field(factory=Counter)
    outcomes: Counter[str] = attrs.field(factory=Counter)
    channels: Counter[str] = attrs.field(factory=Counter)
    clock_flags: Counter[str] = attrs.field(factory=Counter)
    counts: Counter[str] = attrs.field(factory=Counter)
    severities: dict[str, Severity] = attrs.field(factory=dict)
    examples: tuple[tuple[int, int, Finding], ...] = ()
    calendar_keys: frozenset[date] = frozenset()
    files: tuple[tuple[int, str], ...] = ()
    #: Which engine read each file (``"python"`` or ``"arrow"``), by part number.
    engines: tuple[tuple[int, str], ...] = ()
    date_formats: dict[str, frozenset[str]] = attrs.field(factory=dict)

    def merge(self, other: AuditPartial) -> AuditPartial:
        """A new partial with both parts' counts (neither is changed)."""
        if not isinstance(other, AuditPartial) or (
            other.max_examples,
            other.as_of,
            other.fixed_calendar,
            other.received_from,
            other.received_to,
        ) != (
            self.max_examples,
            self.as_of,
            self.fixed_calendar,
            self.received_from,
            self.received_to,
        ):
            raise InvalidArgumentError(
                "merge needs an AuditPartial of an audit with the same max_examples, as_of, "
                "period and calendar option",
                path="other",
                value=getattr(other, "as_of", other),
                expected=f"max_examples={self.max_examples}, as_of={self.as_of}",
            )
        kept: list[tuple[int, int, Finding]] = []
        per_code: Counter[str] = Counter()
        for item in sorted((*self.examples, *other.examples), key=lambda e: (e[0], e[1])):
            per_code[item[2].code] += 1
            if self.max_examples is None or per_code[item[2].code] <= self.max_examples:
                kept.append(item)
        formats = {
            k: v | other.date_formats.get(k, frozenset()) for k, v in self.date_formats.items()
        }
        for k, v in other.date_formats.items():
            formats.setdefault(k, v)
        return AuditPartial(
            max_examples=self.max_examples,
            as_of=self.as_of,
            received_from=self.received_from,
            received_to=self.received_to,
            catalogue_procedures=max(self.catalogue_procedures, other.catalogue_procedures),
            fixed_calendar=self.fixed_calendar,
            rows=self.rows + other.rows,
            lines_rejected=self.lines_rejected + other.lines_rejected,
            lines_blank=self.lines_blank + other.lines_blank,
            dossiers=self.dossiers + other.dossiers,
            audited=self.audited + other.audited,
            appointments_checked=self.appointments_checked + other.appointments_checked,
            left_out=self.left_out + other.left_out,
            outcomes=self.outcomes + other.outcomes,
            channels=self.channels + other.channels,
            clock_flags=self.clock_flags + other.clock_flags,
            counts=self.counts + other.counts,
            severities={**other.severities, **self.severities},
            examples=tuple(kept),
            calendar_keys=self.calendar_keys | other.calendar_keys,
            files=tuple(sorted({*self.files, *other.files})),
            engines=tuple(sorted({*self.engines, *other.engines})),
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
            "lines_rejected": self.lines_rejected,
            "lines_blank": self.lines_blank,
            "dossiers": self.dossiers,
            "audited": self.audited,
            "appointments_checked": self.appointments_checked,
            "received_after_as_of": self.left_out["after-as-of"],
            "outside_period": self.left_out["outside-period"],
            "duplicates": self.left_out["duplicate"],
            "outcomes": dict(sorted(self.outcomes.items())),
            "channels": dict(sorted(self.channels.items())),
            "clock_flags": dict(sorted(self.clock_flags.items())),
            "catalogue_procedures": self.catalogue_procedures,
            "calendars_built": 1 if self.fixed_calendar else len(self.calendar_keys),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "received_from": self.received_from.isoformat() if self.received_from else None,
            "received_to": self.received_to.isoformat() if self.received_to else None,
            "errors": errors,
            "warnings": warnings,
            "findings_by_code": dict(sorted((c, n) for c, n in self.counts.items() if n)),
            "examples_per_code": self.max_examples,
            "examples_truncated": len(self.examples) < sum(self.counts.values()),
        }
        if self.files:
            stats["date_formats"] = {
                k: "/".join(sorted(v)) for k, v in sorted(self.date_formats.items())
            }
            names = [name for _, name in self.files]
            stats["file"] = names[0] if len(names) == 1 else None
            stats["files"] = names
            stats["engines"] = [engine for _, engine in self.engines]
        return Report(errors == 0, stats, findings, "audit")


def _judge(
    catalogue: Catalogue | None,
    *,
    as_of: date | None,
    calendar: WorkingCalendar | None,
    receipt_policy: ReceiptPolicy,
    default_unit: DefaultUnit | None,
    financial_obligation_pauses: FinancialObligationPolicy | bool,
    received_from: date | None = None,
    received_to: date | None = None,
) -> Judge:
    return Judge(
        catalogue,
        as_of=as_of,
        calendar=calendar,
        receipt_policy=receipt_policy,
        default_unit=default_unit,
        financial_obligation_pauses=financial_obligation_pauses,
        received_from=received_from,
        received_to=received_to,
    )


def audit_dossiers(
    dossiers: Iterable[DossierRecord],
    catalogue: Catalogue | None,
    *,
    as_of: date | None = None,
    calendar: WorkingCalendar | None = None,
    receipt_policy: ReceiptPolicy = "as-submitted",
    default_unit: DefaultUnit | None = None,
    max_examples: int | None = 20,
    sink: FindingSink | None = None,
    rows: Callable[[], int] | None = None,
    financial_obligation_pauses: FinancialObligationPolicy | bool = "if-excluded",
    received_from: date | None = None,
    received_to: date | None = None,
    per_dossier: PerDossier | None = None,
) -> Report:
    """Audit ``dossiers`` against ``catalogue``; return a :class:`~procedurekit.findings.Report`.

    Each record is judged by :class:`procedurekit.judge.Judge` (its module docstring gives
    the rules: a receipt after ``as_of`` is left out; events after it do not count; open
    dossiers are in time or overdue at ``as_of``, not judged without it; outcomes on the
    calendar as observed, printed appointments on the calendar known at receipt).
    ``calendar`` fixes one calendar for both. ``max_examples`` findings are kept per code
    (``None``: all); ``stats.findings_by_code`` has every count. ``per_dossier`` receives
    each :class:`~procedurekit.judge.Judgement`. ``financial_obligation_pauses``
    (``"if-excluded"``, ``"always"``, ``"never"``) says when a financial-obligation request
    pauses the clock (DOMAIN.md §3).
    """
    out_sink = sink if sink is not None else FindingSink(max_examples=max_examples)
    judge = _judge(
        catalogue,
        as_of=as_of,
        calendar=calendar,
        receipt_policy=receipt_policy,
        default_unit=default_unit,
        financial_obligation_pauses=financial_obligation_pauses,
        received_from=received_from,
        received_to=received_to,
    )
    a = _Audit(judge, out_sink, per_dossier)
    n = 0
    for d in dossiers:
        n += 1
        a.add(d)
    return a.partial(
        part=0,
        rows=rows() if rows is not None else n,
        catalogue_procedures=len(catalogue.procedures) if catalogue is not None else 0,
    ).report()


def audit_partial(
    dossier_path: str | os.PathLike[str],
    catalogue: Catalogue | None,
    *,
    part: int = 0,
    as_of: date | None = None,
    date_format: DateFormat | str | None = None,
    receipt_policy: ReceiptPolicy = "as-submitted",
    default_unit: DefaultUnit | None = None,
    max_examples: int | None = 20,
    financial_obligation_pauses: FinancialObligationPolicy | bool = "if-excluded",
    received_from: date | None = None,
    received_to: date | None = None,
    progress: Callable[[int], None] | None = None,
    limits: ReadLimits | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
) -> AuditPartial:
    """Audit one dossier file (part number ``part`` of several) into an :class:`AuditPartial`.

    Merge the partials of every part (:meth:`AuditPartial.merge`, in any order) and take
    :meth:`~AuditPartial.report`: the result is that of :func:`audit_files` over the parts.
    """
    judge = _judge(
        catalogue,
        as_of=as_of,
        calendar=None,
        receipt_policy=receipt_policy,
        default_unit=default_unit,
        financial_obligation_pauses=financial_obligation_pauses,
        received_from=received_from,
        received_to=received_to,
    )
    a = _Audit(judge, FindingSink(max_examples=max_examples))
    procedures = len(catalogue.procedures) if catalogue is not None else 0
    return _audit_file(
        a,
        dossier_path,
        procedures,
        part,
        date_format,
        progress,
        limits,
        encoding=encoding,
        engine=engine,
    )


class _AuditEngine(ColumnEngine):
    """The columnar engine counting into an audit's counters."""

    def __init__(self, a: _Audit, sink: FindingSink, reading: DossierReading,
                 source: ColumnSource) -> None:  # fmt: skip
        super().__init__(a.judge, sink, reading, source)
        self.a = a

    def left_out(self, reason: str, k: int) -> None:
        self.a.left_out[reason] += k

    def on_record(self, record: DossierRecord) -> None:
        self.a.add(record)

    def _count(self, r: BatchRows, findings: dict[str, Any]) -> None:
        """Count the rows judged in columns, as :meth:`_Audit.add` counts judgements."""
        np = self.np
        a = self.a
        j = self._left_and_tallied(r, findings)
        k_j = int(j.sum())
        if not k_j:
            return
        a.dossiers += k_j
        a.audited += k_j
        a.appointments_checked += int((j & r.has_appt).sum())
        chans = np.bincount(r.chan[j], minlength=len(self.channel_names)).tolist()
        for cid, k in enumerate(chans):
            if k:
                a.channels[self.channel_names[cid]] += k
        for i, k in enumerate(np.bincount(r.pkey[j], minlength=len(r.probes)).tolist()):
            if k:
                p = r.probes[i]
                for f in p.flags:
                    a.clock_flags[f] += k
                if p.calendar_key is not None:
                    a.calendar_keys.add(p.calendar_key)
        for outcome, mask in self.outcome_masks(r, j, self.as_of_day).items():
            k = int(mask.sum())
            if k:
                a.outcomes[outcome] += k
                if outcome == NOT_JUDGED and self.as_of_day is not None:
                    a.clock_flags[FLAG_END_WITHOUT_DATE] += k
        if self.as_of_day is None:
            k = int((j & ~r.end_seen & (r.status == 1)).sum())
            if k:
                a.clock_flags[FLAG_END_WITHOUT_DATE] += k


def _audit_file(
    a: _Audit,
    path: str | os.PathLike[str],
    procedures: int,
    part: int,
    date_format: DateFormat | str | None,
    progress: Callable[[int], None] | None,
    limits: ReadLimits | None = None,
    sheet: str | Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
) -> AuditPartial:
    sink = FindingSink(max_examples=a.sink.max_examples, tee=a.sink.tee)
    if a.per_dossier is None and use_arrow(engine, path):
        # In columns when the engine takes the file (the counters start afresh for this
        # part only then); else the row engine reads it, nothing having been counted.
        def make(reading: DossierReading, source: ColumnSource) -> ColumnEngine:
            a.start(sink)
            return _AuditEngine(a, sink, reading, source)

        reading = read_in_columns(
            a.judge, sink, path, make, date_format=date_format, progress=progress,
            limits=limits, sheet=sheet, columns=columns, encoding=encoding,
        )  # fmt: skip
        if reading is not None:
            src = reading.src
            return a.partial(
                part=part,
                rows=src.records,
                catalogue_procedures=procedures,
                file=reading.stream.file,
                date_formats=dict(reading.stream.date_formats),
                lines_rejected=src.lines_rejected,
                lines_blank=src.lines_blank,
                engine="arrow",
            )
    a.start(sink)
    stream = iter_dossiers(
        path,
        date_format=date_format,
        sink=sink,
        progress=progress,
        limits=limits,
        sheet=sheet,
        columns=columns,
        encoding=encoding,
    )
    for d in stream:
        a.add(d)
    return a.partial(
        part=part,
        rows=stream.rows,
        catalogue_procedures=procedures,
        file=stream.file,
        date_formats=dict(stream.date_formats),
        lines_rejected=stream.lines_rejected,
        lines_blank=stream.lines_blank,
    )


def audit_files(
    dossier_path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    catalogue_paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    as_of: date | None = None,
    date_format: DateFormat | str | None = None,
    receipt_policy: ReceiptPolicy = "as-submitted",
    default_unit: DefaultUnit | None = None,
    max_examples: int | None = 20,
    progress: Callable[[int], None] | None = None,
    financial_obligation_pauses: FinancialObligationPolicy | bool = "if-excluded",
    received_from: date | None = None,
    received_to: date | None = None,
    per_dossier: PerDossier | None = None,
    limits: ReadLimits | None = None,
    sheet: str | Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    tee: Callable[[Finding], None] | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
) -> Report:
    """Read a catalogue and stream one dossier file, or several one after another, through
    the audit (:func:`audit_dossiers` describes it).

    ``sheet`` names workbook sheets to read (each workbook reads those it has: the
    catalogue's as tables, a dossier workbook its first); ``columns`` maps header texts to
    column keys, the catalogue's and the dossiers' (:func:`~procedurekit.io.read_column_map`).

    The one call the CLI needs. The findings of reading the catalogue (a row lost to an
    unreadable line changes every judgement that needs it) and of reading the dossier files
    (encoding, dates, flags) are in the report and count toward its validity; ``validate``
    checks the catalogue's content. ``limits`` bounds what reading each file may cost.
    ``progress`` receives the row count (see :func:`procedurekit.io.progress_printer`).
    Several files are the parts of one data set (each detects its own date formats):
    ``stats.files`` lists them, and the first ``max_examples`` findings of each code are
    kept in file order. ``tee`` receives every finding counted, kept or not
    (:class:`~procedurekit.reports.FindingsWriter` writes them all to a file).
    ``encoding`` names how every input file is written (default: UTF-8, or detected per
    file and reported; :mod:`procedurekit.io.encodings`). ``engine`` chooses how each file
    is read: ``"python"`` row by row (the reference), ``"arrow"`` in Arrow record batches
    (the ``arrow`` extra; :mod:`procedurekit.checks._columnar`, same report), ``"auto"``
    (default) the columnar engine for a CSV, JSON Lines or Parquet table of at least 4 MiB
    when pyarrow is installed.
    The columnar engine hands a file it cannot read exactly as the row engine does back
    to the row engine.
    """
    files = (
        [catalogue_paths]
        if isinstance(catalogue_paths, str | os.PathLike)
        else list(catalogue_paths)
    )
    paths = [dossier_path] if isinstance(dossier_path, str | os.PathLike) else list(dossier_path)
    catalogue = (
        read_catalogue(
            *files,
            default_unit=default_unit,
            limits=limits,
            sheet=sheet,
            columns=columns,
            encoding=encoding,
        )
        if files
        else None
    )
    judge = _judge(
        catalogue,
        as_of=as_of,
        calendar=None,
        receipt_policy=receipt_policy,
        default_unit=default_unit,
        financial_obligation_pauses=financial_obligation_pauses,
        received_from=received_from,
        received_to=received_to,
    )
    a = _Audit(judge, FindingSink(max_examples=max_examples, tee=tee), per_dossier)
    procedures = len(catalogue.procedures) if catalogue is not None else 0
    total: AuditPartial | None = None
    if catalogue is not None and catalogue.findings:
        total = _catalogue_partial(a, catalogue, procedures)
    done = 0
    for i, path in enumerate(paths):
        tick = progress
        if progress is not None and done:
            tick = functools.partial(_offset, progress, done)
        part = _audit_file(
            a, path, procedures, i, date_format, tick, limits, sheet, columns, encoding, engine
        )
        done += part.rows
        total = part if total is None else total.merge(part)
    close = getattr(progress, "close", None)
    if callable(close):
        close()
    if not paths:
        raise InvalidArgumentError(
            "audit_files needs at least one dossier file",
            path="dossier_path",
            expected="'dossiers.csv'",
        )
    assert total is not None
    return total.report()


def _catalogue_partial(a: _Audit, catalogue: Catalogue, procedures: int) -> AuditPartial:
    """The findings of reading the catalogue, as the part before the first dossier file."""
    sink = FindingSink(max_examples=a.sink.max_examples, tee=a.sink.tee)
    sink.extend(catalogue.findings)
    a.start(sink)
    return a.partial(part=-1, rows=0, catalogue_procedures=procedures)


def _offset(progress: Callable[[int], None], done: int, n: int) -> None:
    progress(done + n)
