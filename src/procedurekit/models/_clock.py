"""The dossier clock: a dossier's events read through :class:`~procedurekit.DeadlineRules`.

Steps, each a named rule:

1. Only events at or before ``as_of`` count (the clock as it stood then).
2. The clock starts at the official receipt (``accepted``); before it there is no due date.
   A service model (given, or else the first of the agency's models that applies to the
   receipt and the procedure) fills the committed date beside the legal one.
3. The legal deadline is ``rules.due(accepted_at, duration)``; each pause (a supplement
   request until the supplement arrives; a financial obligation until it is paid, unless
   turned off) moves it through :meth:`Deadline.paused`. A pause still open when the
   dossier ended (refused, stopped or withdrawn while waiting) runs to that end event; one
   still open on an open dossier runs to ``as_of`` (flagged ``open-pause``).
4. An apology moves the appointment once (:meth:`Deadline.extended`); scoring keeps the
   original date (Decree 61/2018 Art. 19; DOMAIN.md §4). Pauses and the apology are
   applied in the order they happened, so "late-apology" judges the apology against the
   due date in force when it was issued.
5. The end time is fixed by :data:`~procedurekit.models.dossier.END_PRECEDENCE`.
6. Outcome by date: before the due date early, on it on time, after it late; an open
   dossier is in time up to and including the due date, overdue after. More than one
   supplement request counts late (Decision 766/QĐ-TTg). No time limit: finished on
   time, open in time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from procedurekit.calendar.service import ServiceModel
from procedurekit.durations import Duration, NoTimeLimit
from procedurekit.errors import InvalidTypeError, ProcedureKitError
from procedurekit.models.dossier import (
    Dossier,
    DossierClock,
    DossierPause,
    Event,
    EventKind,
    Outcome,
    as_of_moment,
)
from procedurekit.models.procedure import ChannelTerms

if TYPE_CHECKING:
    from procedurekit.deadlines import Deadline, DeadlineRules

__all__ = ["compute_clock"]

FLAG_MULTIPLE_SUPPLEMENTS = "multiple-supplement-requests"
FLAG_NOT_ACCEPTED = "not-accepted"
FLAG_NO_DURATION = "no-duration"
FLAG_NO_TIME_LIMIT = "no-time-limit"
FLAG_OPEN_PAUSE = "open-pause"
FLAG_INVALID_APOLOGY = "invalid-apology"


def _classify(end: date | None, as_of: date, due: date | None, *, late: bool) -> Outcome:
    if end is not None:
        if late or (due is not None and end > due):
            return Outcome.LATE
        if due is None or end == due:
            return Outcome.ON_TIME
        return Outcome.EARLY
    if late or (due is not None and as_of > due):
        return Outcome.OVERDUE
    return Outcome.IN_TIME


def compute_clock(
    dossier: Dossier,
    rules: DeadlineRules,
    terms: ChannelTerms | Duration | None,
    *,
    as_of: datetime | date,
    service_model: ServiceModel | None = None,
    committed: Duration | None = None,
    financial_obligation_pauses: bool = True,
) -> DossierClock:
    """The clock of ``dossier`` at ``as_of`` (see the module docstring for the rules)."""
    moment = as_of_moment(as_of)
    if isinstance(terms, ChannelTerms):
        duration = terms.duration
    elif terms is None or isinstance(terms, Duration):
        duration = terms
    else:
        raise InvalidTypeError(
            f"terms must be ChannelTerms, a Duration or None, got {type(terms).__name__}",
            path="terms",
            value=terms,
            expected="procedure.terms_for(dossier.channel) or WorkingDays(5)",
        )
    events = tuple(e for e in dossier.events if e.at <= moment)
    seen = Dossier.replay(
        events,
        code=dossier.code,
        channel=dossier.channel,
        procedure_code=dossier.procedure_code,
    )
    flags: list[str] = []
    end = seen.end_event
    # A pause left open by an end event (refused, stopped or withdrawn while waiting for the
    # supplement) stops there: running it on to ``as_of`` would push the due date past the
    # end of a closed dossier by however long after it the clock is read.
    pauses = tuple(
        DossierPause(p.kind, p.start, end.at) if p.end is None and end is not None else p
        for p in seen.pauses(financial_obligation=financial_obligation_pauses)
    )
    paused = sum(((p.end or moment) - p.start for p in pauses), timedelta(0))
    accepted_at = seen.accepted_at
    multiple = seen.supplement_requests > 1
    if multiple:
        flags.append(FLAG_MULTIPLE_SUPPLEMENTS)
    if any(p.end is None for p in pauses):
        flags.append(FLAG_OPEN_PAUSE)
    apology = seen.first(EventKind.APOLOGY_ISSUED)
    deadline: Deadline | None = None
    due = committed_date = extended = None
    outcome = committed_outcome = None
    provisional = False
    version: str | None = None
    if accepted_at is None:
        flags.append(FLAG_NOT_ACCEPTED)
    elif duration is None:
        flags.append(FLAG_NO_DURATION)
    else:
        code = dossier.procedure_code.value if dossier.procedure_code else None
        models = (service_model,) if service_model is not None else _agency_models(dossier)
        deadline = rules.due(accepted_at, duration, procedure_code=code)
        for model in models:
            candidate = rules.due(accepted_at, duration, service_model=model, procedure_code=code)
            if candidate.committed_date is not None or service_model is not None:
                deadline = candidate
                break
        # In time order: a pause that started before the apology moves the due date the
        # apology is judged against; one after it moves the apology's date as well
        # (Deadline.paused keeps the original beside it).
        pending = apology if apology is not None and apology.new_due_date is not None else None
        for pause in pauses:
            if pending is not None and pending.at <= pause.start:
                deadline = _apply_apology(deadline, pending, flags)
                extended = deadline.extension.new_due_date if deadline.extension else None
                pending = None
            deadline = deadline.paused(pause.start, pause.end or moment)
        if pending is not None:
            deadline = _apply_apology(deadline, pending, flags)
            extended = deadline.extension.new_due_date if deadline.extension else None
        due = deadline.original_due_date if deadline.extension else deadline.due_date
        committed_date = deadline.committed_date
        if committed is not None and committed_date is None:
            committed_date = _committed(rules, accepted_at, committed, pauses, moment)
        provisional = deadline.provisional
        version = deadline.calendar_version
        flags.extend(f for f in deadline.flags if f not in flags)
        if isinstance(duration, NoTimeLimit):
            flags.append(FLAG_NO_TIME_LIMIT)
        end_day = end.at.date() if end else None
        outcome = _classify(end_day, moment.date(), due, late=multiple)
        if committed_date is not None:
            committed_outcome = _classify(end_day, moment.date(), committed_date, late=False)
    return DossierClock(
        as_of=moment,
        received_at=accepted_at,
        duration=duration,
        deadline=deadline,
        due_date=due,
        committed_date=committed_date,
        extended_due_date=extended,
        pauses=pauses,
        paused=paused,
        end=end,
        outcome=outcome,
        committed_outcome=committed_outcome,
        flags=tuple(flags),
        provisional=provisional,
        calendar_version=version,
    )


def _apply_apology(deadline: Deadline, apology: Event, flags: list[str]) -> Deadline:
    """The deadline after ``apology``; an apology the engine refuses is flagged, not raised."""
    assert apology.new_due_date is not None
    try:
        return deadline.extended(apology.new_due_date, apology.at)
    except ProcedureKitError:
        flags.append(FLAG_INVALID_APOLOGY)
        return deadline


def _agency_models(dossier: Dossier) -> tuple[ServiceModel, ...]:
    return dossier.agency.service_models if dossier.agency is not None else ()


def _committed(
    rules: DeadlineRules,
    accepted_at: datetime,
    committed: Duration,
    pauses: tuple[DossierPause, ...],
    moment: datetime,
) -> date | None:
    """The due date under a locally committed (cut) time, moved by the same pauses."""
    dl = rules.due(accepted_at, committed)
    for pause in pauses:
        dl = dl.paused(pause.start, pause.end or moment)
    return dl.due_date
