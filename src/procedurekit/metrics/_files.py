"""Metrics from files: rows of the flat dossier format (``docs/dossier-format.md``) judged by
the single pipeline (:class:`procedurekit.judge.Judge`) into :class:`DossierFacts`, and
:func:`metrics_from_files`, the streaming entry point of ``procedurekit metrics``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from procedurekit.calendar.working import WorkingCalendar
from procedurekit.findings import FindingSink
from procedurekit.io.catalogue import read_catalogue
from procedurekit.io.dossiers import iter_dossiers
from procedurekit.io.mapper import catalogue_procedures
from procedurekit.judge import Judge, Judgement
from procedurekit.metrics._accumulator import MetricsResult, compute_metrics
from procedurekit.metrics._facts import DossierFacts
from procedurekit.metrics._initiatives import InitiativeSummary
from procedurekit.metrics._scoring import ScoringConfig
from procedurekit.vocab import EventKind

if TYPE_CHECKING:
    from procedurekit.deadlines.service import ServiceModel

__all__ = ["facts_from_judgement", "metrics_from_files"]


def facts_from_judgement(judgement: Judgement) -> DossierFacts | None:
    """The facts the metrics count of one judged dossier; ``None`` when it has no receipt
    day (it cannot be placed in a period: the reader and the judge report why).

    The outcome, due date and end are the judgement's (the one pipeline); a dossier is
    fee-bearing when the terms of its channel state a fee above zero, or it was paid online.
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
        channel=j.channel.value if j.channel is not None else j.channel_text,
        due=j.due_date,
        committed=j.committed_date,
        end=end,
        end_kind=end_kind,
        returned=end if j.end_kind is EventKind.RESULT_RETURNED else None,
        online=j.online,
        fee_bearing=j.fee_bearing,
        paid_online=bool(j.paid_online),
        electronic_result=bool(j.electronic_result),
        digitised=bool(j.digitised_components),
        reused=bool(j.digitised_data_reused),
        complaint=bool(j.complaint),
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
) -> MetricsResult:
    """The metrics of a flat dossier file against a catalogue, streamed in bounded memory.

    This is what ``procedurekit metrics DOSSIERS --catalogue CATALOGUE --by ... --as-of ...``
    runs. Each row is judged by :class:`procedurekit.judge.Judge`, the pipeline the audit
    uses, so an outcome here is the audit's outcome. ``calendar`` (default
    :meth:`WorkingCalendar.vietnam`) judges outcomes and ``service_models``; ``sink``
    receives the reader's and the judge's findings; ``initiatives``
    (:func:`initiative_summary`) is carried into the result.
    """
    cat = read_catalogue(*catalogue) if catalogue else None
    procs = list(catalogue_procedures(cat)) if cat is not None else []
    out_sink = sink if sink is not None else FindingSink()
    judge = Judge(cat, as_of=as_of, calendar=calendar)
    stream = iter_dossiers(dossiers, date_format=date_format, sink=out_sink)

    def facts() -> Iterator[DossierFacts]:
        for record in stream:
            j = judge.judge(record, out_sink)
            f = facts_from_judgement(j) if j is not None else None
            if f is not None:
                yield f

    return compute_metrics(
        facts(),
        by=by,
        catalogue=procs if cat is not None else None,
        config=config,
        as_of=as_of,
        service_models=service_models,
        calendar=judge.rules.calendar,
        initiatives=initiatives,
    )
