"""The dossier clock: a dossier's events read through :class:`~procedurekit.DeadlineRules`.

Steps, each a named rule (docs/explanation/law-to-semantics.md):

1. Only events at or before ``as_of`` count (the clock as it stood then).
2. The clock starts at the official receipt, the ``accepted`` event (tiếp nhận; Decree
   45/2020 Art. 11(1) for an online dossier: the receipt time the portal records). Before it
   there is no due date. A service model (given, or else the first of the agency's models
   that applies to the receipt and the procedure) fills the committed date beside the legal
   one.
3. The legal deadline is ``rules.due(accepted_at, duration)``; each pause (a supplement
   request until the supplement arrives; a financial obligation until it is paid, when
   :func:`financial_obligation_pauses_for` says so) moves it through
   :meth:`DeadlineRules.pause`. A pause still open when the dossier ended (refused, stopped
   or withdrawn while waiting) runs to that end event; one still open on an open dossier
   runs to ``as_of`` (flagged ``open-pause``). A pause that starts on a day before the
   receipt is ignored and flagged ``pause-before-receipt`` (decision 1); one requested
   after the due date moves nothing and is flagged ``pause-after-due`` (decision 9).
4. An apology moves the appointment once (:meth:`DeadlineRules.extend`); scoring keeps the
   original date moved by the pauses (Decree 61/2018 Art. 19; DOMAIN.md §4). Pauses and the
   apology are applied in the order they happened; an apology and a pause at the same
   moment: the apology first, judged against the due date then in force, and the pause then
   moves both dates.
5. The end time is fixed by :data:`~procedurekit.vocab.END_PRECEDENCE`.
6. The outcome is :func:`~procedurekit.deadlines.outcome.classify`: by date; more than one
   *supplement* request counts late (Decision 766/QĐ-TTg; financial-obligation requests do
   not count, decision 5). The committed outcome measures the service commitment by date
   alone (decision 8).

:func:`run_events` (steps 3 to 5) and :func:`dossier_clock` (all steps) are the one
implementation: :meth:`procedurekit.Dossier.clock`, the audit and the metrics all read a
log through them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Final, Protocol, TypeVar

import attrs

from procedurekit._text import fold
from procedurekit._time import as_of_moment
from procedurekit.deadlines.deadline import Deadline
from procedurekit.deadlines.outcome import classify
from procedurekit.deadlines.rules import DeadlineRules
from procedurekit.deadlines.service import ServiceModel
from procedurekit.durations import Duration, NoTimeLimit
from procedurekit.errors import InvalidArgumentError, ProcedureKitError
from procedurekit.vocab import END_PRECEDENCE, EventKind, Outcome

__all__ = [
    "FINANCIAL_OBLIGATION_POLICIES",
    "FLAG_INVALID_APOLOGY",
    "FLAG_MULTIPLE_SUPPLEMENTS",
    "FLAG_NOT_ACCEPTED",
    "FLAG_NO_DURATION",
    "FLAG_NO_TIME_LIMIT",
    "FLAG_OPEN_PAUSE",
    "FLAG_PAUSE_BEFORE_RECEIPT",
    "ClockEvent",
    "ClockRun",
    "DossierClock",
    "DossierPause",
    "dossier_clock",
    "end_event_of",
    "excludes_financial_obligation",
    "financial_obligation_pauses_for",
    "pauses_of",
    "run_events",
]

#: More than one supplement request (late under Decision 766/QĐ-TTg).
FLAG_MULTIPLE_SUPPLEMENTS: Final = "multiple-supplement-requests"
#: No ``accepted`` event yet: the clock has not started.
FLAG_NOT_ACCEPTED: Final = "not-accepted"
#: No time limit was given: no due date can be computed.
FLAG_NO_DURATION: Final = "no-duration"
#: The procedure has no time limit (``NoTimeLimit``).
FLAG_NO_TIME_LIMIT: Final = "no-time-limit"
#: A pause still open at the evaluation moment: it runs to ``as_of``.
FLAG_OPEN_PAUSE: Final = "open-pause"
#: An apology the engine refused (a second one, or a date out of range).
FLAG_INVALID_APOLOGY: Final = "invalid-apology"
#: A pause that starts on a day before the receipt: ignored (decision 1).
FLAG_PAUSE_BEFORE_RECEIPT: Final = "pause-before-receipt"

#: The values of the ``financial_obligation_pauses`` option (see
#: :func:`financial_obligation_pauses_for`).
FINANCIAL_OBLIGATION_POLICIES: Final = ("if-excluded", "always", "never")
_FINANCIAL_OBLIGATION_WORDS: Final = "nghia vu tai chinh"
_END_RANK: Final = {kind: rank for rank, kinds in enumerate(END_PRECEDENCE) for kind in kinds}
_PAUSE_ENDS: Final = {
    EventKind.SUPPLEMENT_REQUESTED: EventKind.SUPPLEMENT_RECEIVED,
    EventKind.FINANCIAL_OBLIGATION_REQUESTED: EventKind.FINANCIAL_OBLIGATION_PAID,
}


class ClockEvent(Protocol):
    """What the clock reads of an event (:class:`procedurekit.Event` is one)."""

    @property
    def kind(self) -> EventKind: ...

    @property
    def at(self) -> datetime: ...

    @property
    def new_due_date(self) -> date | None: ...


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


@attrs.frozen
class DossierPause:
    """A stretch when the clock stands still: from a request to its answer (or ``None``)."""

    kind: EventKind
    start: datetime
    end: datetime | None


def pauses_of(
    events: Iterable[ClockEvent], *, financial_obligation: bool = True
) -> tuple[DossierPause, ...]:
    """The stretches the clock stood still in ``events`` (in time order); an open one has
    ``end=None``. A supplement request runs to the supplement's arrival; with
    ``financial_obligation`` a financial-obligation request runs to its payment. One pause
    at a time: a request while another is open is part of it."""
    openers = {EventKind.SUPPLEMENT_REQUESTED}
    if financial_obligation:
        openers.add(EventKind.FINANCIAL_OBLIGATION_REQUESTED)
    result: list[DossierPause] = []
    current: ClockEvent | None = None
    for event in events:
        if current is None and event.kind in openers:
            current = event
        elif current is not None and event.kind is _PAUSE_ENDS[current.kind]:
            result.append(DossierPause(current.kind, current.at, event.at))
            current = None
    if current is not None:
        result.append(DossierPause(current.kind, current.at, None))
    return tuple(result)


_E = TypeVar("_E", bound=ClockEvent)


def end_event_of(events: Sequence[_E]) -> _E | None:
    """The event of ``events`` that fixes the end time under Decision 766: the first of the
    highest-ranked kind in :data:`~procedurekit.vocab.END_PRECEDENCE`, or ``None`` while
    open."""
    best: _E | None = None
    best_rank = len(_END_RANK)
    for e in events:
        rank = _END_RANK.get(e.kind)
        if rank is not None and rank < best_rank:
            best, best_rank = e, rank
            if rank == 0:
                break
    return best


@attrs.frozen(kw_only=True)
class ClockRun:
    """What an event log does to a deadline (:func:`run_events`).

    ``deadline`` is the deadline after the pauses and the apology (``None`` when none was
    given); ``due_date`` the date on-time scoring uses: the original due date moved by the
    pauses, never the apology's (Decree 61/2018 Art. 19); ``extended_due_date`` the
    appointment in force after the apology: its new date, moved by any pause after it.
    ``pauses`` are closed at the end when the dossier ended; ``supplement_requests`` counts
    the supplement requests and ``late`` says there was more than one (Decision
    766/QĐ-TTg). ``flags``: the clock's own (``multiple-supplement-requests``,
    ``open-pause``, ``invalid-apology``, ``pause-before-receipt``), not the deadline's.
    """

    deadline: Deadline | None
    due_date: date | None
    extended_due_date: date | None
    pauses: tuple[DossierPause, ...]
    end: ClockEvent | None
    supplement_requests: int
    late: bool
    flags: tuple[str, ...]


def run_events(
    events: Sequence[ClockEvent],
    deadline: Deadline | None,
    moment: datetime | None,
    *,
    financial_obligation: bool,
    end_at: datetime | None = None,
) -> ClockRun:
    """Apply an event log to ``deadline``: steps 3 to 5 of this module's rules.

    ``events`` are in time order and already cut at ``moment`` (the evaluation moment).
    The end is the log's end event (:data:`~procedurekit.vocab.END_PRECEDENCE`); a pause
    left open closes at ``end_at`` when given (a recorded end time), else at that end event,
    else runs to ``moment`` (flagged ``open-pause``; with no ``moment`` it moves nothing).
    Pauses and the first apology carrying a new date are applied in time order. Raises what
    :meth:`DeadlineRules.pause` raises for a result outside the calendar's range.
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
        receipt_day = deadline.receipt.date()
        apology = next((e for e in events if e.kind is EventKind.APOLOGY_ISSUED), None)
        # In time order: a pause that started before the apology moves the due date the
        # apology is judged against; one at or after it moves the apology's date as well.
        pending = apology if apology is not None and apology.new_due_date is not None else None
        for pause in pauses:
            if pending is not None and pending.at <= pause.start:
                deadline = _apply_apology(deadline, pending, flags)
                pending = None
            until = pause.end or moment
            if until is None:
                continue
            if pause.start.date() < receipt_day:
                if FLAG_PAUSE_BEFORE_RECEIPT not in flags:
                    flags.append(FLAG_PAUSE_BEFORE_RECEIPT)
                continue
            deadline = deadline.paused(pause.start, until, kind=pause.kind)
        if pending is not None:
            deadline = _apply_apology(deadline, pending, flags)
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


@attrs.frozen(kw_only=True)
class DossierClock:
    """A dossier's clock at ``as_of``: a derived result, not stored.

    ``due_date`` is the legal due date after pauses, and the one on-time scoring uses;
    ``extended_due_date`` the appointment in force after an apology (kept beside it, Decree
    61/2018 Art. 19); ``committed_date`` a service commitment or locally cut time. ``end``
    is the event that fixes the end time (766 precedence); ``outcome`` compares its date, or
    ``as_of`` for an open dossier, with ``due_date``. ``flags`` are stable kebab-case codes:
    ``multiple-supplement-requests`` (counts late under Decision 766), ``not-accepted``,
    ``no-time-limit``, ``no-duration``, ``open-pause``, ``invalid-apology`` (an apology
    the engine refused), ``pause-before-receipt``, plus the deadline's own flags
    (``second-supplement-request``, ``pause-after-due``, ``late-apology``, ...).
    """

    as_of: datetime | None
    received_at: datetime | None
    duration: Duration | None
    deadline: Deadline | None
    due_date: date | None
    committed_date: date | None
    extended_due_date: date | None
    pauses: tuple[DossierPause, ...]
    paused: timedelta
    end: ClockEvent | None
    outcome: Outcome | None
    committed_outcome: Outcome | None
    flags: tuple[str, ...]
    provisional: bool
    calendar_version: str | None

    @property
    def end_at(self) -> datetime | None:
        """The end time under Decision 766, or ``None`` while open."""
        return self.end.at if self.end else None


def dossier_clock(
    events: Sequence[ClockEvent],
    rules: DeadlineRules,
    duration: Duration | None,
    *,
    as_of: datetime | date | None,
    end_at: datetime | None = None,
    exclusions: Iterable[str] = (),
    procedure_code: str | None = None,
    service_models: Sequence[ServiceModel] = (),
    service_model: ServiceModel | None = None,
    committed: Duration | None = None,
    financial_obligation_pauses: str | bool = "if-excluded",
) -> DossierClock:
    """The clock of a dossier whose log is ``events`` (in time order), at ``as_of``.

    ``duration`` is the time limit (``None``: no due date, flagged ``no-duration``);
    ``exclusions`` the processing time's exclusions (they decide whether a financial
    obligation pauses the clock); ``service_model`` a model to apply, else the first of
    ``service_models`` that applies to the receipt; ``committed`` a locally cut time limit;
    ``end_at`` a recorded end time (a flat file's), which closes a pause left open. With
    ``as_of=None`` nothing is cut and an open dossier is not judged (``outcome`` is
    ``None``). See the module docstring for the rules.
    """
    moment = None if as_of is None else as_of_moment(as_of)
    financial = financial_obligation_pauses_for(exclusions, policy=financial_obligation_pauses)
    seen = tuple(events) if moment is None else tuple(e for e in events if e.at <= moment)
    accepted = next((e for e in seen if e.kind is EventKind.ACCEPTED), None)
    accepted_at = accepted.at if accepted is not None else None
    deadline: Deadline | None = None
    if accepted_at is not None and duration is not None:
        models = (service_model,) if service_model is not None else tuple(service_models)
        deadline = rules.due(accepted_at, duration, procedure_code=procedure_code)
        for model in models:
            candidate = rules.due(
                accepted_at, duration, service_model=model, procedure_code=procedure_code
            )
            if candidate.committed_date is not None or service_model is not None:
                deadline = candidate
                break
    run = run_events(seen, deadline, moment, financial_obligation=financial, end_at=end_at)
    pauses, end = run.pauses, run.end
    paused = timedelta(0)
    for p in pauses:
        until = p.end or moment
        if until is not None:
            paused += until - p.start
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
        committed_date = deadline.committed_date
        if committed is not None and committed_date is None:
            committed_date = _committed(rules, accepted_at, committed, pauses, moment)
        provisional = deadline.provisional
        version = deadline.calendar_version
        flags.extend(f for f in deadline.flags if f not in flags)
        if isinstance(duration, NoTimeLimit):
            flags.append(FLAG_NO_TIME_LIMIT)
        end_day = end.at.date() if end else None
        day = None if moment is None else moment.date()
        outcome = classify(due, end_day, day, late=run.late)
        if committed_date is not None:
            committed_outcome = classify(committed_date, end_day, day)
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


def _apply_apology(deadline: Deadline, apology: ClockEvent, flags: list[str]) -> Deadline:
    """The deadline after ``apology``; an apology the engine refuses is flagged, not raised."""
    assert apology.new_due_date is not None
    try:
        return deadline.extended(apology.new_due_date, apology.at)
    except ProcedureKitError:
        flags.append(FLAG_INVALID_APOLOGY)
        return deadline


def _committed(
    rules: DeadlineRules,
    accepted_at: datetime,
    committed: Duration,
    pauses: tuple[DossierPause, ...],
    moment: datetime | None,
) -> date | None:
    """The due date under a locally committed (cut) time, moved by the same pauses."""
    dl = rules.due(accepted_at, committed)
    for pause in pauses:
        until = pause.end or moment
        if until is None or pause.start.date() < accepted_at.date():
            continue
        dl = dl.paused(pause.start, until, kind=pause.kind)
    return dl.due_date
