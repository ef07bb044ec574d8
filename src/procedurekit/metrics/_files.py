"""Metrics from files: catalogue rows as procedures, rows of the flat dossier format
(``docs/dossier-format.md``) as :class:`DossierFacts`, and :func:`metrics_from_files`, the
streaming entry point of ``procedurekit metrics``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

import attrs

from procedurekit.calendar.working import WorkingCalendar
from procedurekit.durations import Duration
from procedurekit.errors import InvalidArgumentError
from procedurekit.metrics._accumulator import MetricsResult, compute_metrics
from procedurekit.metrics._facts import DossierFacts, _judge, facts_from_dossier
from procedurekit.metrics._initiatives import InitiativeSummary
from procedurekit.metrics._scoring import ScoringConfig

if TYPE_CHECKING:
    from procedurekit.calendar.service import ServiceModel
    from procedurekit.deadlines import DeadlineRules
    from procedurekit.io import DossierRecord, FindingSink, ProcedureRecord
    from procedurekit.models.procedure import Procedure


# -- from files: the catalogue and the flat dossier format ---------------------------------------

_STATUS_END: Final = {
    "processed": "processed",
    "returned": "result_returned",
    "result_returned": "result_returned",
    "refused": "refused",
    "stopped": "stopped",
    "withdrawn": "withdrawn",
}


def procedure_from_record(record: ProcedureRecord) -> Procedure:
    """A :class:`Procedure` with what the metrics need, from a catalogue row as read.

    Keeps the code (or local code), name, field, online level, the prescribed time (the
    general case of the ``processing_time`` text, else the first channel's) and the
    committed time, and per-channel terms with their fee amounts. Cells that cannot be read
    are left out (``procedurekit validate`` reports them).
    """
    from decimal import Decimal

    from procedurekit.errors import ProcedureKitError
    from procedurekit.models.codes import ProcedureCode
    from procedurekit.models.procedure import ChannelTerms, Fee, Procedure
    from procedurekit.parsing import parse_duration
    from procedurekit.validate import read_fee
    from procedurekit.vocab import Channel, LegacyOnlineLevel, OnlineLevel

    def duration(text: str) -> Duration | None:
        if not text:
            return None
        try:
            return parse_duration(text)
        except ProcedureKitError:
            return None

    def fees(text: str) -> tuple[Fee, ...]:
        if not text:
            return ()
        kind, amounts = read_fee(text)
        if kind == "free":
            return (Fee(amount=Decimal(0), text=text),)
        return tuple(Fee(amount=a, text=text) for a in amounts if a >= 0)

    level_text = record.get("online_level")
    online: OnlineLevel | None = None
    if level_text:
        try:
            online = OnlineLevel.from_label(level_text)
        except ProcedureKitError:
            try:
                online = LegacyOnlineLevel.from_label(level_text).to_online_level()
            except ProcedureKitError:
                online = None
    channels: list[ChannelTerms] = []
    for row in record.channels:
        try:
            channel: Channel | None = Channel.from_label(row.channel)
        except ProcedureKitError:
            channel = None
        channels.append(
            ChannelTerms(
                channel=channel,
                channel_text=row.channel,
                time_text=row.processing_time or None,
                fees=fees(row.fee),
                fee_text=row.fee or None,
            )
        )
    prescribed = duration(record.get("processing_time"))
    if prescribed is None and record.channels:
        prescribed = duration(record.channels[0].processing_time)
    committed_text = record.get("committed_time") or next(
        (c.committed_time for c in record.channels if c.committed_time), ""
    )
    code = record.code
    return Procedure(
        name=record.name or code,
        code=ProcedureCode(code) if ProcedureCode.is_valid(code) else None,
        local_code=None if ProcedureCode.is_valid(code) else code,
        field=record.get("field") or None,
        online_level=online,
        prescribed_time=prescribed,
        committed_time=duration(committed_text),
        channels=tuple(channels),
    )


def _procedure_key(proc: Procedure) -> str:
    return str(proc.code) if proc.code is not None else (proc.local_code or proc.name)


_MISSING: Final[Any] = object()
_CHANNELS: dict[str, Any] = {}
_LEVELS: dict[str, str] = {}


def _level_value(label: str) -> str | None:
    """A level label ("Cấp xã") as its wire value ("commune"); an unknown label as written."""
    if not label:
        return None
    found = _LEVELS.get(label)
    if found is None:
        from procedurekit.errors import ProcedureKitError
        from procedurekit.vocab import Level

        try:
            found = Level.from_label(label).value
        except ProcedureKitError:
            found = label
        if len(_LEVELS) < 1024:
            _LEVELS[label] = found
    return found


def facts_from_dossier_record(
    record: DossierRecord,
    *,
    as_of: date | datetime,
    procedures: Mapping[str, Procedure] | None = None,
    rules: DeadlineRules | None = None,
) -> DossierFacts:
    """Judge one row of the flat dossier format (``docs/dossier-format.md``).

    With an event log (``events``) the dossier is replayed through :meth:`Dossier.clock`
    (pauses, end precedence, more than one supplement request late; DOMAIN.md §4). Without
    one: the due date is the printed appointment date, else the legal due date recomputed
    from the catalogue's time limit with ``rules``; the end is ``end_at``, its kind read from
    ``status``. A dossier is fee-bearing when its procedure's channel charges a fee or its
    fee was paid online.
    """
    from procedurekit.errors import ProcedureKitError
    from procedurekit.vocab import Channel

    moment_day = as_of.date() if isinstance(as_of, datetime) else as_of
    proc = procedures.get(record.procedure_code) if procedures else None
    label = record.channel
    channel = _CHANNELS.get(label, _MISSING) if label else None
    if channel is _MISSING:
        try:
            channel = Channel.from_label(label)
        except ProcedureKitError:
            channel = None
        if len(_CHANNELS) < 1024:
            _CHANNELS[label] = channel
    if record.events and rules is not None:
        facts = _facts_from_events(record, channel, proc, rules, as_of)
        if facts is not None:
            return facts
    received = record.received_at
    if received is None:
        raise InvalidArgumentError(
            f"{record.file} row {record.row}: received_at is required for metrics",
            path=f"row {record.row}.received_at",
            value=None,
            expected="'2026-03-02 09:15'",
        )
    received_day = received.date() if isinstance(received, datetime) else received
    due = record.appointment_date
    if due is None and rules is not None and proc is not None:
        terms = proc.terms_for(channel) if channel is not None else None
        limit = (terms.duration if terms is not None else None) or proc.prescribed_time
        if limit is not None:
            try:
                due = rules.due(received, limit).due_date
            except ProcedureKitError:
                due = None
    end = record.end_at
    end_day = end.date() if isinstance(end, datetime) else end
    end_kind = _STATUS_END.get(record.status.strip().lower()) if record.status else None
    if end_day is not None and end_kind is None:
        end_kind = "result_returned"
    outcome = _judge(due, end_day, moment_day, 0) if (due is not None or end_day) else None
    fee = False
    if proc is not None and channel is not None:
        terms = proc.terms_for(channel)
        fee = terms is not None and any(f.amount is not None and f.amount > 0 for f in terms.fees)
    return DossierFacts(
        received=received_day,
        outcome=outcome,
        code=record.dossier_code or None,
        procedure=record.procedure_code or None,
        agency=record.agency or None,
        field=proc.field if proc is not None else None,
        level=_level_value(record.level),
        channel=channel.value if channel is not None else (record.channel or None),
        due=due,
        end=end_day,
        end_kind=end_kind,
        returned=end_day if end_kind == "result_returned" else None,
        online=channel is Channel.ONLINE,
        fee_bearing=fee or bool(record.fee_paid_online),
        paid_online=bool(record.fee_paid_online),
        electronic_result=bool(record.electronic_result),
        digitised=bool(record.digitised_components),
        reused=bool(record.digitised_data_reused),
        complaint=bool(record.complaint),
    )


def _facts_from_events(
    record: DossierRecord,
    channel: Any,
    proc: Procedure | None,
    rules: DeadlineRules,
    as_of: date | datetime,
) -> DossierFacts | None:
    from procedurekit.errors import ProcedureKitError
    from procedurekit.models.codes import DossierCode, ProcedureCode
    from procedurekit.models.dossier import Dossier, Event
    from procedurekit.vocab import Channel, EventKind

    try:
        events = [
            Event(
                kind=EventKind(str(e["kind"])),
                at=e["at"] if isinstance(e["at"], datetime) else datetime.fromisoformat(e["at"]),
                new_due_date=date.fromisoformat(e["new_due_date"])
                if e.get("new_due_date")
                else None,
            )
            for e in record.events
        ]
        code = record.procedure_code
        dossier = Dossier(
            code=DossierCode(record.dossier_code or f"row-{record.row}"),
            channel=channel or Channel.COUNTER,
            procedure_code=ProcedureCode(code) if ProcedureCode.is_valid(code) else None,
            paid_online=bool(record.fee_paid_online),
            electronic_result=bool(record.electronic_result),
            digitised_components=bool(record.digitised_components),
            reused_digitised_data=bool(record.digitised_data_reused),
            complaint=bool(record.complaint),
            events=events,
        )
        facts = facts_from_dossier(dossier, rules, as_of=as_of, procedure=proc)
    except (ProcedureKitError, KeyError, TypeError, ValueError):
        return None
    return attrs.evolve(
        facts,
        agency=record.agency or facts.agency,
        level=_level_value(record.level) or facts.level,
        procedure=record.procedure_code or facts.procedure,
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
    runs. ``calendar`` defaults to :meth:`WorkingCalendar.vietnam` (used to recompute due
    dates missing from the file and to judge ``service_models``); ``sink`` receives the
    reader's findings; ``initiatives`` (:func:`initiative_summary`) is carried into the
    result.
    """
    from procedurekit.deadlines import DeadlineRules
    from procedurekit.io import iter_dossiers, read_catalogue

    procs: list[Procedure] = []
    if catalogue:
        procs = [procedure_from_record(r) for r in read_catalogue(*catalogue).procedures]
    index = {_procedure_key(p): p for p in procs}
    cal = calendar if calendar is not None else WorkingCalendar.vietnam()
    rules = DeadlineRules(cal)
    stream = iter_dossiers(dossiers, date_format=date_format, sink=sink)
    return compute_metrics(
        (facts_from_dossier_record(r, as_of=as_of, procedures=index, rules=rules) for r in stream),
        by=by,
        catalogue=procs if catalogue else None,
        config=config,
        as_of=as_of,
        service_models=service_models,
        calendar=cal,
        initiatives=initiatives,
    )
