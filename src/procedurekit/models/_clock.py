"""The dossier clock: a dossier's events read through :class:`~procedurekit.DeadlineRules`.

Steps, each a named rule:

1. Only events at or before ``as_of`` count (the clock as it stood then).
2. The clock starts at the official receipt (``accepted``); before it there is no due date.
   A service model (given, or else the first of the agency's models that applies to the
   receipt and the procedure) fills the committed date beside the legal one.
3. The legal deadline is ``rules.due(accepted_at, duration)``; each pause (a supplement
   request until the supplement arrives; a financial obligation until it is paid, when
   :func:`financial_obligation_pauses_for` says so) moves it through :meth:`Deadline.paused`.
   A pause still open when the dossier ended (refused, stopped or withdrawn while waiting)
   runs to that end event; one still open on an open dossier runs to ``as_of`` (flagged
   ``open-pause``).
4. An apology moves the appointment once (:meth:`Deadline.extended`); scoring keeps the
   original date (Decree 61/2018 Art. 19; DOMAIN.md §4). Pauses and the apology are
   applied in the order they happened, so "late-apology" judges the apology against the
   due date in force when it was issued.
5. The end time is fixed by :data:`~procedurekit.models.dossier.END_PRECEDENCE`.
6. Outcome by date: before the due date early, on it on time, after it late; an open
   dossier is in time up to and including the due date, overdue after. More than one
   supplement request counts late (Decision 766/QĐ-TTg). No time limit: finished on
   time, open in time.

Steps 3 to 5 are one function, :func:`run_events`, shared by :meth:`Dossier.clock` and the
dossier audit (:mod:`procedurekit.audit`, for rows that carry an event log), and step 6 is
:func:`classify`: both read a log by the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final

import attrs

from procedurekit._text import fold
from procedurekit._time import as_of_moment
from procedurekit.calendar.service import ServiceModel
from procedurekit.durations import Duration, NoTimeLimit
from procedurekit.errors import InvalidArgumentError, InvalidTypeError, ProcedureKitError
from procedurekit.models.dossier import (
    Dossier,
    DossierClock,
    DossierPause,
    Event,
    end_event_of,
    pauses_of,
)
from procedurekit.models.procedure import ChannelTerms
from procedurekit.vocab import EventKind, Outcome

if TYPE_CHECKING:
    from procedurekit.deadlines import Deadline, DeadlineRules

__all__ = [
    "FINANCIAL_OBLIGATION_POLICIES",
    "ClockRun",
    "classify",
    "compute_clock",
    "excludes_financial_obligation",
    "financial_obligation_pauses_for",
    "run_events",
]

FLAG_MULTIPLE_SUPPLEMENTS = "multiple-supplement-requests"
FLAG_NOT_ACCEPTED = "not-accepted"
FLAG_NO_DURATION = "no-duration"
FLAG_NO_TIME_LIMIT = "no-time-limit"
FLAG_OPEN_PAUSE = "open-pause"
FLAG_INVALID_APOLOGY = "invalid-apology"

#: The values of the ``financial_obligation_pauses`` option (see
#: :func:`financial_obligation_pauses_for`).
FINANCIAL_OBLIGATION_POLICIES: Final = ("if-excluded", "always", "never")
_FINANCIAL_OBLIGATION_WORDS: Final = "nghia vu tai chinh"


def excludes_financial_obligation(exclusions: Iterable[str]) -> bool:
    """Whether a processing time's ``exclusions`` leave out the time to fulfil financial
    obligations ("không kể thời gian thực hiện nghĩa vụ tài chính"): matched on the folded
    words "nghia vu tai chinh", whatever the accents, case and spacing.

    >>> excludes_financial_obligation(["không tính thời gian thực hiện Nghĩa vụ tài chính"])
    True
    >>> excludes_financial_obligation(["không kể thời gian niêm yết"])
    False
    """
    return any(_FINANCIAL_OBLIGATION_WORDS in fold(text) for text in exclusions)


def financial_obligation_pauses_for(
    exclusions: Iterable[str] = (), *, policy: str | bool = "if-excluded"
) -> bool:
    """Whether a financial-obligation request stops the clock until it is paid.

    DOMAIN.md §3: the time to fulfil financial obligations is not counted where the
    procedure's text says so ("không kể thời gian thực hiện nghĩa vụ tài chính"; the parser
    keeps it in ``ProcessingTime.exclusions``). ``policy``: ``"if-excluded"`` (pause only
    when ``exclusions`` name it, :func:`excludes_financial_obligation`), ``"always"``,
    ``"never"``; ``True``/``False`` (the former boolean option) mean always/never.
    Anything else raises :class:`~procedurekit.errors.InvalidArgumentError`.
    """
    if policy is True or policy == "always":
        return True
    if policy is False or policy == "never":
        return False
    if policy == "if-excluded":
        return excludes_financial_obligation(exclusions)
    raise InvalidArgumentError(
        f"financial_obligation_pauses must be one of {', '.join(FINANCIAL_OBLIGATION_POLICIES)}"
        f", got {policy!r}",
        path="financial_obligation_pauses",
        value=policy,
        expected='"if-excluded"',
    )


@attrs.frozen(kw_only=True)
class ClockRun:
    """What an event log does to a deadline (:func:`run_events`).

    ``deadline`` is the deadline after the pauses and the apology (``None`` when none was
    given); ``due_date`` the date on-time scoring uses: the original due date moved by the
    pauses, never the apology's (Decree 61/2018 Art. 19); ``extended_due_date`` the
    appointment in force after the apology: its new date, moved by any pause after it.
    ``pauses`` are closed at the end when the dossier ended; ``late`` says
    more than one supplement was requested (Decision 766/QĐ-TTg). ``flags``: the clock's
    own (``multiple-supplement-requests``, ``open-pause``, ``invalid-apology``), not the
    deadline's.
    """

    deadline: Deadline | None
    due_date: date | None
    extended_due_date: date | None
    pauses: tuple[DossierPause, ...]
    end: Event | None
    supplement_requests: int
    late: bool
    flags: tuple[str, ...]


def run_events(
    events: Sequence[Event],
    deadline: Deadline | None,
    moment: datetime | None,
    *,
    financial_obligation: bool,
    end_at: datetime | None = None,
) -> ClockRun:
    """Apply an event log to ``deadline``: steps 3 to 5 of this module's rules.

    ``events`` are in time order and already cut at ``moment`` (the evaluation moment).
    The end is the log's end event (:data:`~procedurekit.models.dossier.END_PRECEDENCE`);
    a pause left open closes at ``end_at`` when given (a recorded end time), else at that
    end event, else runs to ``moment`` (flagged ``open-pause``; with no ``moment`` it moves
    nothing). Pauses and the first apology carrying a new date are applied in time order.
    Raises what :meth:`Deadline.paused` raises (a result outside the calendar's range).
    """
    end = end_event_of(events)
    stop = end_at if end_at is not None else (end.at if end is not None else None)
    pauses = tuple(
        DossierPause(p.kind, p.start, max(stop, p.start))
        if p.end is None and stop is not None
        else p
        for p in pauses_of(events, financial_obligation=financial_obligation)
    )
    requests = sum(1 for e in events if e.kind is EventKind.SUPPLEMENT_REQUESTED)
    flags: list[str] = []
    if requests > 1:
        flags.append(FLAG_MULTIPLE_SUPPLEMENTS)
    if any(p.end is None for p in pauses):
        flags.append(FLAG_OPEN_PAUSE)
    due = extended = None
    if deadline is not None:
        apology = next((e for e in events if e.kind is EventKind.APOLOGY_ISSUED), None)
        # In time order: a pause that started before the apology moves the due date the
        # apology is judged against; one after it moves the apology's date as well
        # (Deadline.paused keeps the original beside it).
        pending = apology if apology is not None and apology.new_due_date is not None else None
        for pause in pauses:
            if pending is not None and pending.at <= pause.start:
                deadline = _apply_apology(deadline, pending, flags)
                pending = None
            until = pause.end or moment
            if until is not None:
                deadline = deadline.paused(pause.start, until)
        if pending is not None:
            deadline = _apply_apology(deadline, pending, flags)
        # The appointment in force: the apology's date, moved by any later pause.
        extended = deadline.due_date if deadline.extension else None
        due = deadline.original_due_date if deadline.extension else deadline.due_date
    return ClockRun(
        deadline=deadline,
        due_date=due,
        extended_due_date=extended,
        pauses=pauses,
        end=end,
        supplement_requests=requests,
        late=requests > 1,
        flags=tuple(flags),
    )


def classify(end: date | None, as_of: date, due: date | None, *, late: bool) -> Outcome:
    """Step 6: the outcome of a dossier ended on ``end`` (``None``: open at ``as_of``)."""
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
    financial_obligation_pauses: str | bool = "if-excluded",
) -> DossierClock:
    """The clock of ``dossier`` at ``as_of`` (see the module docstring for the rules)."""
    moment = as_of_moment(as_of)
    exclusions: tuple[str, ...] = ()
    if isinstance(terms, ChannelTerms):
        duration = terms.duration
        if terms.processing_time is not None:
            exclusions = terms.processing_time.exclusions
    elif terms is None or isinstance(terms, Duration):
        duration = terms
    else:
        raise InvalidTypeError(
            f"terms must be ChannelTerms, a Duration or None, got {type(terms).__name__}",
            path="terms",
            value=terms,
            expected="procedure.terms_for(dossier.channel) or WorkingDays(5)",
        )
    financial = financial_obligation_pauses_for(exclusions, policy=financial_obligation_pauses)
    events = tuple(e for e in dossier.events if e.at <= moment)
    seen = Dossier.replay(
        events,
        code=dossier.code,
        channel=dossier.channel,
        procedure_code=dossier.procedure_code,
    )
    accepted_at = seen.accepted_at
    deadline: Deadline | None = None
    if accepted_at is not None and duration is not None:
        code = dossier.procedure_code.value if dossier.procedure_code else None
        models = (service_model,) if service_model is not None else _agency_models(dossier)
        deadline = rules.due(accepted_at, duration, procedure_code=code)
        for model in models:
            candidate = rules.due(accepted_at, duration, service_model=model, procedure_code=code)
            if candidate.committed_date is not None or service_model is not None:
                deadline = candidate
                break
    run = run_events(seen.events, deadline, moment, financial_obligation=financial)
    pauses, end = run.pauses, run.end
    paused = sum(((p.end or moment) - p.start for p in pauses), timedelta(0))
    flags = list(run.flags)
    deadline = run.deadline
    due = run.due_date
    committed_date = None
    outcome = committed_outcome = None
    provisional = False
    version: str | None = None
    if accepted_at is None:
        flags.append(FLAG_NOT_ACCEPTED)
    elif deadline is None:
        flags.append(FLAG_NO_DURATION)
    else:
        assert duration is not None
        committed_date = deadline.committed_date
        if committed is not None and committed_date is None:
            committed_date = _committed(rules, accepted_at, committed, pauses, moment)
        provisional = deadline.provisional
        version = deadline.calendar_version
        flags.extend(f for f in deadline.flags if f not in flags)
        if isinstance(duration, NoTimeLimit):
            flags.append(FLAG_NO_TIME_LIMIT)
        end_day = end.at.date() if end else None
        outcome = classify(end_day, moment.date(), due, late=run.late)
        if committed_date is not None:
            committed_outcome = classify(end_day, moment.date(), committed_date, late=False)
    return DossierClock(
        as_of=moment,
        received_at=accepted_at,
        duration=duration,
        deadline=deadline,
        due_date=due,
        committed_date=committed_date,
        extended_due_date=run.extended_due_date,
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
