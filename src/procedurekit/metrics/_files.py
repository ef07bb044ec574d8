"""Metrics from files: rows of the flat dossier format (``docs/dossier-format.md``) judged by
the single pipeline (:class:`procedurekit.judge.Judge`) into :class:`DossierFacts`, and
:func:`metrics_from_files`, the streaming entry point of ``procedurekit metrics``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

import attrs

from procedurekit.calendar.working import WorkingCalendar
from procedurekit.checks._columnar import Engine, use_arrow
from procedurekit.findings import FindingSink
from procedurekit.io import ReadLimits
from procedurekit.io.catalogue import read_catalogue
from procedurekit.io.columns import DOSSIER_COLUMNS
from procedurekit.io.dossiers import DossierStream, iter_dossiers
from procedurekit.io.mapper import catalogue_procedures
from procedurekit.judge import Judge, Judgement
from procedurekit.metrics._accumulator import (
    DataQuality,
    MetricsAccumulator,
    MetricsResult,
    compute_metrics,
)
from procedurekit.metrics._columnar import metrics_file_arrow
from procedurekit.metrics._facts import DossierFacts
from procedurekit.metrics._initiatives import InitiativeSummary
from procedurekit.metrics._scoring import (
    MISSING_COLUMN,
    NO_FEE_STATED,
    GroupResult,
    ScoringConfig,
)
from procedurekit.vocab import EventKind

if TYPE_CHECKING:
    from procedurekit.deadlines.service import ServiceModel
    from procedurekit.models.procedure import Procedure

__all__ = [
    "facts_from_judgement",
    "file_notes",
    "finish",
    "metrics_from_files",
    "missing_reasons",
    "with_reasons",
]


#: The group of a dossier whose channel label is not in the vocabulary.
_UNKNOWN_CHANNEL: Final = "unknown"


def _channel_group(j: Judgement) -> str | None:
    """The channel's value; ``"unknown"`` for an unreadable label (the audit's
    ``unknown-channel`` finding names it), so distinct labels cannot grow the groups."""
    if j.channel is not None:
        return j.channel.value
    return _UNKNOWN_CHANNEL if j.channel_text else None


def facts_from_judgement(judgement: Judgement) -> DossierFacts | None:
    """The facts the metrics count of one judged dossier; ``None`` when it has no receipt
    day (it cannot be placed in a period: the reader and the judge report why).

    The outcome, due date and end are the judgement's (the one pipeline); a dossier is
    fee-bearing when the terms of its channel state a fee above zero
    (:attr:`ChannelTerms.fee_bearing <procedurekit.ChannelTerms.fee_bearing>`); paying
    online does not make it so. Flags the file does not state stay ``None``.
    """
    j = judgement
    received = j.received
    if received is None:
        return None
    end = j.end_at.date() if j.end_at is not None else None
    end_kind = j.end_kind.value if j.end_kind is not None else None
    return DossierFacts(
        received=received,
        outcome=j.outcome.value if j.outcome is not None else None,
        code=j.code,
        procedure=j.procedure,
        agency=j.agency,
        field=j.field,
        level=j.level,
        channel=_channel_group(j),
        due=j.due_date,
        committed=j.committed_date,
        end=end,
        end_kind=end_kind,
        returned=end if j.end_kind is EventKind.RESULT_RETURNED else None,
        online=j.online,
        fee_bearing=j.fee_bearing,
        paid_online=j.paid_online,
        electronic_result=j.electronic_result,
        digitised=j.digitised_components,
        reused=j.digitised_data_reused,
        complaint=j.complaint,
        supplement_requests=j.supplement_requests,
    )


def metrics_from_files(
    dossiers: str | os.PathLike[str],
    *,
    catalogue: Sequence[str | os.PathLike[str]] = (),
    by: str | Sequence[str] | None = None,
    as_of: date,
    calendar: WorkingCalendar | None = None,
    config: ScoringConfig | None = None,
    date_format: str | None = None,
    sink: FindingSink | None = None,
    service_models: Sequence[ServiceModel] = (),
    initiatives: InitiativeSummary | None = None,
    received_from: date | None = None,
    received_to: date | None = None,
    limits: ReadLimits | None = None,
    sheet: str | Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
) -> MetricsResult:
    """The metrics of a flat dossier file against a catalogue, streamed in bounded memory.

    This is what ``procedurekit metrics DOSSIERS --catalogue CATALOGUE --by ... --as-of ...``
    runs. Each row is judged by :class:`procedurekit.judge.Judge`, the pipeline the audit
    uses, so an outcome here is the audit's outcome. ``calendar`` (default
    :meth:`WorkingCalendar.vietnam`) judges outcomes and ``service_models``; ``sink``
    receives the findings of reading the catalogue and the dossiers and the judge's;
    ``initiatives`` (:func:`initiative_summary`) is carried into the result. ``limits``
    bounds what reading each file may cost; ``encoding`` names how the files are written
    (default: UTF-8, or detected and reported; :mod:`procedurekit.io.encodings`).
    ``received_from`` / ``received_to`` count the receipts of a period only (days,
    inclusive); the result states the period and the input's :class:`DataQuality`.
    ``sheet`` names workbook sheets to read (each workbook reads those it has); ``columns``
    maps header texts to column keys, the catalogue's and the dossiers'
    (:func:`~procedurekit.io.read_column_map`). ``engine`` chooses how the file is read, as
    in :func:`~procedurekit.checks.audit_files` (``"auto"``, ``"python"``, ``"arrow"``;
    the same indicators and findings either way); ``service_models`` are measured by the
    row engine only.
    """
    cat = (
        read_catalogue(*catalogue, limits=limits, sheet=sheet, columns=columns, encoding=encoding)
        if catalogue
        else None
    )
    procs = list(catalogue_procedures(cat)) if cat is not None else []
    out_sink = sink if sink is not None else FindingSink()
    if cat is not None:
        out_sink.extend(cat.findings)  # a catalogue row lost changes what is counted
    judge = Judge(
        cat,
        as_of=as_of,
        calendar=calendar,
        received_from=received_from,
        received_to=received_to,
    )
    if use_arrow(engine, dossiers) and not service_models:
        acc = MetricsAccumulator(by=by, config=config)
        reading = metrics_file_arrow(
            judge, out_sink, acc, dossiers, facts_from_judgement, date_format=date_format,
            limits=limits,
            sheet=sheet, columns=columns, encoding=encoding,
        )  # fmt: skip
        if reading is not None:
            result = attrs.evolve(
                acc.result(catalogue=procs if cat is not None else None, as_of=as_of),
                initiatives=initiatives,
            )
            return finish(
                result,
                file_notes(reading.stream, judge, out_sink.counts),
                reading.stream.columns,
                procs if cat is not None else None,
                received_from=received_from,
                received_to=received_to,
            )
    stream = iter_dossiers(
        dossiers,
        date_format=date_format,
        sink=out_sink,
        limits=limits,
        sheet=sheet,
        columns=columns,
        encoding=encoding,
    )

    def facts() -> Iterator[DossierFacts]:
        for record in stream:
            j = judge.judge(record, out_sink)
            f = facts_from_judgement(j) if j is not None else None
            if f is not None:
                yield f

    result = compute_metrics(
        facts(),
        by=by,
        catalogue=procs if cat is not None else None,
        config=config,
        as_of=as_of,
        service_models=service_models,
        calendar=judge.rules.calendar,
        initiatives=initiatives,
    )
    notes = file_notes(stream, judge, out_sink.counts)
    return finish(
        result,
        notes,
        stream.columns,
        procs if cat is not None else None,
        received_from=received_from,
        received_to=received_to,
    )


def file_notes(stream: DossierStream, judge: Judge, counts: Mapping[str, int]) -> Counter[str]:
    """What reading one dossier file taught, as counts that add up over files and parts
    (``MetricsAccumulator.notes``): rows, rejected lines, records left out by reason,
    findings by code."""
    notes: Counter[str] = Counter(
        rows=stream.rows, rows_rejected=stream.lines_rejected - stream.lines_blank
    )
    notes.update({f"skip:{k}": n for k, n in judge.skipped.items()})
    notes.update({f"finding:{k}": n for k, n in counts.items() if n})
    return notes


def finish(
    result: MetricsResult,
    notes: Mapping[str, int],
    columns: Iterable[str],
    procedures: Sequence[Procedure] | None,
    *,
    received_from: date | None = None,
    received_to: date | None = None,
) -> MetricsResult:
    """``result`` with what the files say of it: each indicator a missing column stops
    gets that reason, the period, and the :class:`DataQuality` of ``notes``. One place, for
    :func:`metrics_from_files` and the Dask path alike."""
    columns = set(columns)
    findings = {k.removeprefix("finding:"): n for k, n in notes.items() if k.startswith("finding:")}
    quality = DataQuality(
        rows=notes.get("rows", 0),
        rows_rejected=notes.get("rows_rejected", 0),
        duplicates=notes.get("skip:duplicate", 0),
        outside_period=notes.get("skip:outside-period", 0),
        received_after_as_of=notes.get("skip:after-as-of", 0),
        unreadable_dates=findings.get("unparseable-date", 0),
        unknown_statuses=findings.get("unknown-status", 0),
        missing_columns=tuple(
            sorted({c for cols in _INDICATOR_COLUMNS.values() for c in cols} - columns)
        ),
        findings=tuple(sorted((c, n) for c, n in findings.items() if n)),
    )
    return attrs.evolve(
        with_reasons(result, missing_reasons(columns, procedures)),
        received_from=received_from,
        received_to=received_to,
        quality=quality,
    )


#: The portal's Vietnamese header of each dossier column key.
_HEADERS_VI: Final[Mapping[str, str]] = {c.key: c.label for c in DOSSIER_COLUMNS}

#: The dossier columns each indicator reads (docs/dossier-format.md).
_INDICATOR_COLUMNS: Final[Mapping[str, tuple[str, ...]]] = {
    "3.6": ("fee_paid_online",),
    "4.1": ("electronic_result",),
    "4.2": ("digitised_components", "electronic_result"),
    "4.3": ("digitised_data_reused",),
    "5.4": ("complaint",),
}


def missing_reasons(
    columns: Iterable[str], procedures: Sequence[Procedure] | None
) -> dict[str, tuple[str, str]]:
    """Why an indicator cannot be computed when the dossier files lack a column it reads
    (``columns``: the keys the files had) or the catalogue states no fee: indicator code →
    ``(vi, en)``, from the templates :data:`MISSING_COLUMN` and :data:`NO_FEE_STATED`
    (the Vietnamese text names each column by its portal header, the English by its key).

    >>> vi, en = missing_reasons({"complaint"}, None)["4.3"]
    >>> vi
    'tệp hồ sơ không có cột «Tái sử dụng dữ liệu số»'
    >>> en
    'the dossier file has no digitised_data_reused column'
    """
    columns = set(columns)
    reasons: dict[str, tuple[str, str]] = {}
    for code, needed in _INDICATOR_COLUMNS.items():
        absent = [c for c in needed if c not in columns]
        if absent:
            vi = " hoặc ".join(f"«{_HEADERS_VI.get(c, c)}»" for c in absent)
            reasons[code] = (
                MISSING_COLUMN[0].format(columns=vi),
                MISSING_COLUMN[1].format(columns=" or ".join(absent)),
            )
    if "3.6" not in reasons and not any(t.fees for p in procedures or () for t in p.channels):
        reasons["3.6"] = NO_FEE_STATED
    return reasons


def with_reasons(result: MetricsResult, reasons: Mapping[str, tuple[str, str]]) -> MetricsResult:
    """``result`` with the reason of each indicator not computed replaced by ``reasons``
    (indicator code → ``(vi, en)``), in the whole, every group and every month."""

    def group(g: GroupResult) -> GroupResult:
        values = tuple(
            attrs.evolve(v, reason_vi=reasons[v.code][0], reason=reasons[v.code][1])
            if v.rate is None and v.code in reasons
            else v
            for v in g.indicators
        )
        return attrs.evolve(g, indicators=values)

    return attrs.evolve(
        result,
        overall=group(result.overall),
        groups=tuple(group(g) for g in result.groups),
        timeline=tuple(group(g) for g in result.timeline),
    )
