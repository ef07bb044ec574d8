"""A dossier (hồ sơ): one application, its codes and its ordered event log.

Only facts are stored: the codes, the agency, the channel, the appointment date printed on
the receipt slip, the service-index facts of Decision 766/QĐ-TTg and the events. Status,
due dates, pauses and the outcome are derived (:attr:`Dossier.status`,
:meth:`Dossier.clock`).

The allowed transitions are one table of data, :data:`TRANSITIONS` (DOMAIN.md §4: the
statuses national and provincial one-stop systems use under Decree 61/2018/NĐ-CP as
amended by Decree 107/2021/NĐ-CP, and Decree 118/2025/NĐ-CP from 2025-07-01). Beyond the
table three rules hold for every log: events are in time order (equal times allowed); an
apology (phiếu xin lỗi và hẹn lại) carries a new due date and other events do not; a
district-level agency cannot receive on or after 2025-07-01.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Final

import attrs

from procedurekit._fields import check_fields
from procedurekit._time import as_of_moment
from procedurekit.deadlines.clock import (
    DossierClock,
    DossierPause,
    dossier_clock,
    end_event_of,
    pauses_of,
)
from procedurekit.deadlines.service import ServiceModel
from procedurekit.durations import Duration
from procedurekit.errors import (
    EventLogError,
    InvalidTypeError,
    LevelAbolishedError,
    Problem,
    TransitionError,
)
from procedurekit.models.agency import Agency
from procedurekit.models.codes import DossierCode, ProcedureCode
from procedurekit.models.procedure import ChannelTerms
from procedurekit.vocab import Channel, EventKind, Status, check_receipt_level

if TYPE_CHECKING:
    from procedurekit.deadlines.rules import DeadlineRules

__all__ = [
    "TRANSITIONS",
    "Dossier",
    "Event",
    "Transition",
    "allowed_events",
    "check_events",
    "next_status",
]


@attrs.frozen
class Transition:
    """One row of the transition table: in ``source``, ``event`` leads to ``target``.

    ``once`` marks an event allowed at most once per dossier; ``basis`` cites the rule.
    """

    source: Status
    event: EventKind
    target: Status
    once: bool = False
    basis: str = ""


_S, _K = Status, EventKind
_RECEPTION: Final = "reception (tiếp nhận): Decree 61/2018/NĐ-CP; Decree 118/2025/NĐ-CP"
_SUPPLEMENT: Final = "supplement: one written request; the time is not counted (DOMAIN.md §4)"
_FINANCE: Final = "financial obligation (nghĩa vụ tài chính): time not counted where stated"
_APOLOGY: Final = "Decree 61/2018 Art. 19: apology and new date, at most once"
_END: Final = "end of processing: Decree 61/2018/NĐ-CP; Circular 01/2018/TT-VPCP forms"

#: The state machine of a dossier: every allowed (status, event) pair and where it leads.
#: An event not listed for the current status is illegal. ``NEW`` is the empty log.
TRANSITIONS: Final[tuple[Transition, ...]] = (
    # source                             event                             target
    Transition(_S.NEW, _K.RECEIVED, _S.AWAITING_RECEPTION, basis=_RECEPTION),
    Transition(_S.NEW, _K.ACCEPTED, _S.IN_PROGRESS, basis=_RECEPTION),
    Transition(_S.AWAITING_RECEPTION, _K.ACCEPTED, _S.IN_PROGRESS, basis=_RECEPTION),
    Transition(_S.AWAITING_RECEPTION, _K.REFUSED, _S.REFUSED, basis="refused at reception"),
    Transition(_S.AWAITING_RECEPTION, _K.WITHDRAWN, _S.WITHDRAWN, basis=_END),
    Transition(_S.IN_PROGRESS, _K.SUPPLEMENT_REQUESTED, _S.SUPPLEMENT_REQUESTED, basis=_SUPPLEMENT),
    Transition(
        _S.IN_PROGRESS,
        _K.FINANCIAL_OBLIGATION_REQUESTED,
        _S.FINANCIAL_OBLIGATION_REQUESTED,
        basis=_FINANCE,
    ),
    Transition(_S.IN_PROGRESS, _K.TRANSFERRED, _S.IN_PROGRESS, basis="inter-agency transfer"),
    Transition(_S.IN_PROGRESS, _K.APOLOGY_ISSUED, _S.IN_PROGRESS, once=True, basis=_APOLOGY),
    Transition(_S.IN_PROGRESS, _K.PROCESSED, _S.PROCESSED, basis=_END),
    Transition(_S.IN_PROGRESS, _K.REFUSED, _S.REFUSED, basis=_END),
    Transition(_S.IN_PROGRESS, _K.STOPPED, _S.STOPPED, basis=_END),
    Transition(_S.IN_PROGRESS, _K.WITHDRAWN, _S.WITHDRAWN, basis=_END),
    Transition(_S.SUPPLEMENT_REQUESTED, _K.SUPPLEMENT_RECEIVED, _S.IN_PROGRESS, basis=_SUPPLEMENT),
    Transition(_S.SUPPLEMENT_REQUESTED, _K.REFUSED, _S.REFUSED, basis=_END),
    Transition(_S.SUPPLEMENT_REQUESTED, _K.STOPPED, _S.STOPPED, basis=_END),
    Transition(_S.SUPPLEMENT_REQUESTED, _K.WITHDRAWN, _S.WITHDRAWN, basis=_END),
    Transition(
        _S.FINANCIAL_OBLIGATION_REQUESTED, _K.FINANCIAL_OBLIGATION_PAID, _S.IN_PROGRESS,
        basis=_FINANCE,
    ),
    Transition(_S.FINANCIAL_OBLIGATION_REQUESTED, _K.STOPPED, _S.STOPPED, basis=_END),
    Transition(_S.FINANCIAL_OBLIGATION_REQUESTED, _K.WITHDRAWN, _S.WITHDRAWN, basis=_END),
    Transition(_S.PROCESSED, _K.RESULT_RETURNED, _S.RESULT_RETURNED, basis=_END),
)  # fmt: skip

_TABLE: Final[dict[tuple[Status, EventKind], Transition]] = {
    (t.source, t.event): t for t in TRANSITIONS
}


def allowed_events(status: Status, done: Iterable[EventKind] = ()) -> tuple[EventKind, ...]:
    """The events allowed in ``status``, leaving out ``once`` events already in ``done``."""
    seen = set(done)
    return tuple(
        t.event for t in TRANSITIONS if t.source is status and not (t.once and t.event in seen)
    )


def next_status(status: Status, kind: EventKind) -> Status:
    """The status after ``kind`` in ``status``; :class:`TransitionError` if not allowed."""
    row = _TABLE.get((status, kind))
    if row is None:
        allowed = allowed_events(status)
        raise TransitionError(
            f"{kind.value} is not allowed when the dossier is {status.value}; allowed next: "
            + (", ".join(k.value for k in allowed) or "nothing (the dossier is closed)"),
            allowed=[k.value for k in allowed],
            value=kind.value,
        )
    return row.target


@attrs.frozen(kw_only=True)
class Event:
    """One event of a dossier's log: what, when, by whom, with an optional note.

    ``at`` is stored in Vietnam time (a naive value is read as local). ``new_due_date`` is
    the new appointment an apology sets, and only an apology carries it.
    """

    kind: EventKind
    at: datetime
    actor: str | None = None
    note: str | None = None
    new_due_date: date | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)


def _event_tuple(value: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(value)


def check_events(
    events: Sequence[Event], *, agency: Agency | None = None, path: str = "events"
) -> tuple[tuple[Problem, ...], tuple[EventKind, ...]]:
    """Every problem of an event log, and the events allowed at the first illegal one.

    An illegal event is reported and skipped, so the problems after it are found too.
    """
    problems: list[Problem] = []
    first_allowed: tuple[EventKind, ...] | None = None
    status = Status.NEW
    done: list[EventKind] = []
    previous: datetime | None = None
    for i, event in enumerate(events):
        where = f"{path}[{i}]"
        if not isinstance(event, Event):
            problems.append(Problem(where, f"expected an Event, got {type(event).__name__}"))
            continue
        if previous is not None and event.at < previous:
            problems.append(
                Problem(
                    f"{where}.at",
                    f"{event.kind.value} at {event.at.isoformat()} is earlier than the event "
                    f"before it ({previous.isoformat()}); events must be in time order",
                    value=event.at,
                )
            )
        previous = event.at if previous is None else max(previous, event.at)
        if event.kind is EventKind.APOLOGY_ISSUED:
            if event.new_due_date is None:
                problems.append(
                    Problem(
                        f"{where}.new_due_date",
                        "an apology (phiếu xin lỗi và hẹn lại) must carry the new due date",
                        expected="a date such as 2025-03-20",
                    )
                )
            elif event.new_due_date < event.at.date():
                problems.append(
                    Problem(
                        f"{where}.new_due_date",
                        f"the new due date {event.new_due_date.isoformat()} is before the "
                        f"apology itself ({event.at.date().isoformat()})",
                        value=event.new_due_date,
                    )
                )
        elif event.new_due_date is not None:
            problems.append(
                Problem(
                    f"{where}.new_due_date",
                    f"only an apology carries a new due date, not {event.kind.value}",
                    value=event.new_due_date,
                )
            )
        if (
            status is Status.NEW
            and agency is not None
            and event.kind in (EventKind.RECEIVED, EventKind.ACCEPTED)
        ):
            try:
                check_receipt_level(agency.level, event.at, path=f"{where}.at")
            except LevelAbolishedError as exc:
                problems.append(Problem(f"{where}.at", exc.message, value=event.at))
        row = _TABLE.get((status, event.kind))
        if row is None or (row.once and event.kind in done):
            allowed = allowed_events(status, done)
            if first_allowed is None:
                first_allowed = allowed
            reason = (
                f"{event.kind.value} is allowed at most once ({row.basis})"
                if row is not None
                else f"{event.kind.value} is not allowed when the dossier is {status.value}"
            )
            problems.append(
                Problem(
                    where,
                    f"{reason}; allowed next: "
                    + (", ".join(k.value for k in allowed) or "nothing (the dossier is closed)"),
                    value=event.kind.value,
                    expected=", ".join(k.value for k in allowed),
                )
            )
            continue
        status = row.target
        done.append(event.kind)
    return tuple(problems), first_allowed or ()


def _status_of(events: Iterable[Event]) -> Status:
    status = Status.NEW
    for event in events:
        row = _TABLE.get((status, event.kind))
        if row is not None:
            status = row.target
    return status


@attrs.frozen(kw_only=True)
class Dossier:
    """A dossier (hồ sơ) and its life, as an ordered event log.

    ``appointment_date`` is the date printed on the receipt slip (ngày hẹn trả). The flags
    are the facts Decision 766/QĐ-TTg scores: ``paid_online`` (3.6), ``electronic_result``
    (4.1), ``digitised_components`` (4.2), ``reused_digitised_data`` (4.3) and
    ``complaint`` (5.4: a complaint or "không hài lòng" rating). The log is checked on
    construction: an inconsistent one raises :class:`EventLogError` listing every problem.

    >>> from datetime import datetime
    >>> d = Dossier.replay(
    ...     [Event(kind=EventKind.ACCEPTED, at=datetime(2025, 3, 3, 9))],
    ...     code=DossierCode("H21.65-250303-0001"), channel=Channel.COUNTER)
    >>> d.status, d.allowed_next()[:2]
    (<Status.IN_PROGRESS: 'in_progress'>, (<EventKind.SUPPLEMENT_REQUESTED: \
'supplement_requested'>, <EventKind.FINANCIAL_OBLIGATION_REQUESTED: \
'financial_obligation_requested'>))
    """

    code: DossierCode
    channel: Channel
    procedure_code: ProcedureCode | None = None
    agency: Agency | None = None
    submitted_at: datetime | None = None
    appointment_date: date | None = None
    paid_online: bool = False
    electronic_result: bool = False
    digitised_components: bool = False
    reused_digitised_data: bool = False
    complaint: bool = False
    events: tuple[Event, ...] = attrs.field(default=(), converter=_event_tuple)

    def __attrs_post_init__(self) -> None:
        check_fields(self)
        problems, allowed = check_events(self.events, agency=self.agency)
        if problems:
            raise EventLogError(
                f"dossier {self.code.value}: the event log has {len(problems)} problem(s)",
                problems,
                allowed=[k.value for k in allowed],
            )

    @classmethod
    def replay(
        cls,
        events: Iterable[Event],
        *,
        code: DossierCode,
        channel: Channel,
        procedure_code: ProcedureCode | None = None,
        agency: Agency | None = None,
        submitted_at: datetime | None = None,
        appointment_date: date | None = None,
        paid_online: bool = False,
        electronic_result: bool = False,
        digitised_components: bool = False,
        reused_digitised_data: bool = False,
        complaint: bool = False,
    ) -> Dossier:
        """Build a dossier from its events, checking the whole log.

        Raises :class:`EventLogError` (a :class:`TransitionError` and a
        :class:`StructureError`) listing every problem with its index.
        """
        return cls(
            code=code,
            channel=channel,
            procedure_code=procedure_code,
            agency=agency,
            submitted_at=submitted_at,
            appointment_date=appointment_date,
            paid_online=paid_online,
            electronic_result=electronic_result,
            digitised_components=digitised_components,
            reused_digitised_data=reused_digitised_data,
            complaint=complaint,
            events=tuple(events),
        )

    def apply(self, event: Event) -> Dossier:
        """A new dossier with ``event`` appended; :class:`EventLogError` if not allowed."""
        return attrs.evolve(self, events=(*self.events, event))

    @property
    def status(self) -> Status:
        """The status after the last event."""
        return _status_of(self.events)

    def allowed_next(self) -> tuple[EventKind, ...]:
        """The event kinds that may come next."""
        return allowed_events(self.status, (e.kind for e in self.events))

    def first(self, kind: EventKind) -> Event | None:
        """The first event of ``kind``, or ``None``."""
        return next((e for e in self.events if e.kind is kind), None)

    @property
    def received_at(self) -> datetime | None:
        """When the dossier reached the agency: the first ``received`` or ``accepted``."""
        event = next(
            (e for e in self.events if e.kind in (EventKind.RECEIVED, EventKind.ACCEPTED)), None
        )
        return event.at if event else None

    @property
    def accepted_at(self) -> datetime | None:
        """The official receipt (tiếp nhận) that starts the clock, or ``None``."""
        event = self.first(EventKind.ACCEPTED)
        return event.at if event else None

    @property
    def end_event(self) -> Event | None:
        """The event that fixes the end time under Decision 766 (:data:`END_PRECEDENCE`)."""
        return end_event_of(self.events)

    @property
    def supplement_requests(self) -> int:
        """How many supplement requests the log holds (more than one counts late)."""
        return sum(1 for e in self.events if e.kind is EventKind.SUPPLEMENT_REQUESTED)

    def pauses(self, *, financial_obligation: bool = True) -> tuple[DossierPause, ...]:
        """The stretches the clock stood still; an open one has ``end=None``."""
        return pauses_of(self.events, financial_obligation=financial_obligation)

    def clock(
        self,
        rules: DeadlineRules,
        terms: ChannelTerms | Duration | None,
        *,
        as_of: datetime | date,
        service_model: ServiceModel | None = None,
        committed: Duration | None = None,
        financial_obligation_pauses: str | bool = "if-excluded",
    ) -> DossierClock:
        """The dossier's clock at ``as_of``: due dates, pauses, end time, outcome, flags.

        ``terms`` gives the time limit (a :class:`ChannelTerms` of the dossier's channel, or
        a :class:`~procedurekit.Duration`). ``service_model`` gives the committed date
        beside the legal one; without it, the first of the agency's ``service_models``
        that applies to the receipt is used. ``committed`` is a locally cut time limit.
        Only events at or before ``as_of`` count; a date ``as_of`` means the end of that
        day.

        ``financial_obligation_pauses`` says when a financial-obligation request (yêu cầu
        thực hiện nghĩa vụ tài chính) stops the clock until it is paid. DOMAIN.md §3: that
        time is excluded where the procedure's text says so ("không kể thời gian thực hiện
        nghĩa vụ tài chính", kept in ``ProcessingTime.exclusions`` by
        :func:`~procedurekit.parse_processing_time`). ``"if-excluded"`` (default): only
        when ``terms`` is a :class:`ChannelTerms` whose processing time lists that
        exclusion (a bare Duration lists none); ``"always"``; ``"never"``. ``True`` and
        ``False`` (the former boolean) mean ``"always"`` and ``"never"``. The rules, step
        by step: :mod:`procedurekit.deadlines.clock`.
        """
        moment = as_of_moment(as_of)
        seen = tuple(e for e in self.events if e.at <= moment)
        # The log as it stood at as_of, checked as a whole (a prefix of a valid log is valid).
        Dossier.replay(seen, code=self.code, channel=self.channel)
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
        return dossier_clock(
            seen,
            rules,
            duration,
            as_of=moment,
            exclusions=exclusions,
            procedure_code=self.procedure_code.value if self.procedure_code else None,
            service_model=service_model,
            service_models=self.agency.service_models if self.agency is not None else (),
            committed=committed,
            financial_obligation_pauses=financial_obligation_pauses,
        )
