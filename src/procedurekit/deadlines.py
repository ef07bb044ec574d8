"""The deadline engine: from a receipt and a time limit to the appointment date (ngày hẹn trả).

:class:`DeadlineRules` holds the calendar, the office hours and the named options;
:meth:`DeadlineRules.due` returns a :class:`Deadline`. The semantics follow DESIGN.md
"Deadline semantics" (the law first, each choice named):

- Vietnam time, UTC+07:00, no daylight saving: a naive ``datetime`` is local, an aware one is
  converted, results are aware. A ``date`` receipt means the office opening that day.
- **Receipt policy.** ``"as-submitted"`` (default): the submission moment is the event of
  Civil Code 2015 Art. 147, whatever the hour or day. ``"next-opening"``: a submission outside
  office hours is received at the next opening (17:00 → next working day 08:00; 12:00 and
  12:30 → 13:00). Sector presets ``"state-treasury"`` (Circular 87/2021/TT-BTC Art. 10) and
  ``"customs"`` (Decision 2988/QĐ-TCHQ Art. 7(5)) mean ``"next-opening"``.
- ``WorkingDays(n)``, n whole: ``add_working_days(receipt day, n)`` (Art. 147(2): the receipt
  day is not counted), due at the close of office hours. A fractional n: the whole days by
  that rule, then the fraction as that share of the next working day's office hours from
  its opening (from Monday 08:00, 0.5 is due Tuesday 12:00 and 1.5 Wednesday 12:00), so due
  moments never decrease as n grows.
- ``CalendarDays(n)``: receipt day + n; a day off at the end rolls forward (Art. 148(5)).
  ``Months(n)``: same day n months later, clamped to the month end (Art. 148(3)), rolled.
- ``SameDay(cutoff)``: the receipt day if it is a working day, the receipt is before the close
  and not strictly after the cut-off (15:00 itself is in time); else the next working day.
- ``WorkingHours(h)``: h hours of office time consumed from the receipt; due at the moment the
  last hour is used (a session's close when it ends there). Zero hours: the next opening.
- ``NoTimeLimit``: no due date.
- On-time classification is by date; ``due_at`` is the moment a slip prints while the legal
  period ends at 24:00 (Art. 148(6)).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final, NamedTuple, cast

import attrs

from procedurekit._time import VIETNAM_TZ, to_local
from procedurekit.calendar.hours import OfficeHours
from procedurekit.calendar.service import ServiceKind, ServiceModel
from procedurekit.calendar.working import FIRST_DAY, LAST_DAY, WorkingCalendar, check_date
from procedurekit.durations import (
    CalendarDays,
    Duration,
    ElapsedHours,
    Months,
    NoTimeLimit,
    SameDay,
    WorkingDays,
    WorkingHours,
)
from procedurekit.errors import (
    CalendarRangeError,
    InvalidArgumentError,
    InvalidTypeError,
    ProcedureKitError,
    TransitionError,
)

__all__ = [
    "EXTENSION_DEADLINES",
    "FLAG_EXTENSION_NOT_LATER",
    "FLAG_EXTENSION_ON_DAY_OFF",
    "FLAG_LATE_APOLOGY",
    "FLAG_SECOND_SUPPLEMENT_REQUEST",
    "PAUSE_POLICIES",
    "RECEIPT_POLICIES",
    "Apology",
    "Deadline",
    "DeadlineRules",
    "Explanation",
    "Pause",
    "format_deadline",
]

#: Receipt policies: name → (the rule it applies, its legal source).
RECEIPT_POLICIES: Final[Mapping[str, tuple[str, str]]] = {
    "as-submitted": ("as-submitted", "Civil Code 2015 Art. 147; vigov, CMON, OpenCPS practice"),
    "next-opening": ("next-opening", "sector rules, DOMAIN.md §3"),
    "state-treasury": ("next-opening", "Circular 87/2021/TT-BTC Art. 10"),
    "customs": ("next-opening", "Decision 2988/QĐ-TCHQ Art. 7(5)"),
}
#: Pause policies: ``"shift"`` moves the due date by the paused time; ``"restart"`` counts
#: the whole period again from the supplement's arrival.
PAUSE_POLICIES: Final = ("shift", "restart")
#: How the apology deadline "chậm nhất 01 ngày trước ngày hết hạn" (Decree 61/2018 Art. 19)
#: counts its one day: a calendar day (default) or a working day.
EXTENSION_DEADLINES: Final = ("calendar-day", "working-day")

#: A second supplement request (late under Decision 766/QĐ-TTg's on-time formula).
FLAG_SECOND_SUPPLEMENT_REQUEST: Final = "second-supplement-request"
#: An apology issued later than one day before the due date (Decree 61/2018 Art. 19).
FLAG_LATE_APOLOGY: Final = "late-apology"
#: An apology whose new date is not after the due date it replaces.
FLAG_EXTENSION_NOT_LATER: Final = "extension-not-later"
#: An apology whose new date is not a working day.
FLAG_EXTENSION_ON_DAY_OFF: Final = "extension-on-day-off"

_HOUR_US: Final = Decimal(3_600_000_000)
_US: Final = timedelta(microseconds=1)
_EXTENSION_RULE: Final = (
    "Decree 61/2018/NĐ-CP Art. 19 (kept by Decree 118/2025/NĐ-CP): the appointment may be "
    "moved at most once"
)


_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _choice(name: str, allowed: tuple[str, ...] | Mapping[str, object]) -> _Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or value not in allowed:
            options = ", ".join(repr(a) for a in allowed)
            raise InvalidArgumentError(
                f"{name} must be one of {options}, got {value!r}",
                path=name,
                value=value,
                expected=options,
            )

    return check


def _instance(name: str, cls: type, example: str) -> _Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidTypeError(
                f"{name} must be a {cls.__name__}, got {type(value).__name__} {value!r}",
                path=name,
                value=value,
                expected=example,
            )

    return check


class Explanation(NamedTuple):
    """A day skipped between receipt and due date, and why (from the calendar's data)."""

    date: _dt.date
    reason_vi: str
    reason_en: str
    source: str | None


@attrs.frozen
class Pause:
    """A supplement request (yêu cầu bổ sung): the clock stops from ``start`` to ``end``.

    Dates for day-based deadlines; aware moments when given as datetimes.
    """

    start: date | datetime
    end: date | datetime


@attrs.frozen
class Apology:
    """An apology with a new appointment (phiếu xin lỗi và hẹn lại ngày trả kết quả).

    ``limit`` is the last day it could be issued in time ("chậm nhất 01 ngày trước ngày hết
    hạn", Decree 61/2018 Art. 19); ``late`` says it was issued after that day.
    """

    new_due_date: date
    issued_at: date | datetime
    limit: date
    late: bool


@attrs.frozen(kw_only=True, slots=False)
class Deadline:
    """When a dossier is due, and the facts behind it.

    ``due_date`` is the legal due date (``None`` with no time limit), ``due_at`` the
    appointment moment a slip prints; ``receipt`` the official receipt moment and
    ``submitted_at`` the submission, both aware. ``committed_date``/``committed_at`` are a
    service model's commitment, beside the legal date. ``original_due_date`` is the due date
    before an apology moved it (pauses move both); ``period_end`` the last day of a calendar-day
    or month period before rolling. ``flags`` are stable kebab-case strings.
    """

    due_date: date | None
    due_at: datetime | None
    receipt: datetime
    submitted_at: datetime
    duration: Duration
    provisional: bool
    calendar_version: str
    committed_date: date | None = None
    committed_at: datetime | None = None
    service_model: ServiceModel | None = None
    procedure_code: str | None = None
    original_due_date: date | None = None
    period_end: date | None = None
    pauses: tuple[Pause, ...] = ()
    extension: Apology | None = None
    flags: tuple[str, ...] = ()
    rules: DeadlineRules = attrs.field(repr=False, eq=False)

    def explain(self) -> list[Explanation]:
        """Each non-working day skipped between the submission and the due date, and why.

        Working-day, hour and same-day periods list every day off from the submission day
        up to the due date; calendar-day and month periods list the days rolled over at
        the end (Civil Code 148(5)).
        """
        if self.due_date is None:
            return []
        cal = self.rules.calendar
        if self.period_end is not None:
            start = self.period_end
        else:
            start = self.submitted_at.astimezone(VIETNAM_TZ).date()
        out: list[Explanation] = []
        d = start
        one = timedelta(days=1)
        while d < self.due_date:
            why = cal.reason(d)
            if why is not None:
                out.append(Explanation(d, why[0], why[1], why[2]))
            d += one
        return out

    def paused(self, start: date | datetime, end: date | datetime) -> Deadline:
        """The deadline after a supplement request from ``start`` to ``end`` (DESIGN.md "Pause").

        With ``pause_policy="shift"`` a working-day (or same-day) deadline moves by the working
        days in ``(start, end]``, a calendar-day or month deadline by the calendar days, an
        hour-based one by the office time between the moments (a ``date`` means its office
        opening). With ``"restart"`` the whole period runs again from ``end``. A second
        request is allowed and flagged ``second-supplement-request`` (Decision 766/QĐ-TTg).
        """
        rules = self.rules
        cal = rules.calendar
        a = rules._moment(start, "start")
        b = rules._moment(end, "end")
        if b < a:
            raise InvalidArgumentError(
                f"end ({end}) must not be before start ({start})",
                path="end",
                value=end,
                expected="the day the supplement arrived, on or after the request",
            )
        a_day, b_day = a.date(), b.date()
        pause = Pause(_keep(start, a), _keep(end, b))
        flags = self.flags
        if self.pauses and FLAG_SECOND_SUPPLEMENT_REQUEST not in flags:
            flags = (*flags, FLAG_SECOND_SUPPLEMENT_REQUEST)
        changes: dict[str, Any] = {"pauses": (*self.pauses, pause), "flags": flags}
        if self.due_date is None or self.due_at is None:
            return attrs.evolve(self, **changes)
        shift_wd = cal.working_days_between(a_day, b_day)
        committed = self.committed_date
        if committed is not None and shift_wd:
            committed = cal.add_working_days(committed, shift_wd)
            changes["committed_date"] = committed
            changes["committed_at"] = rules._close_aware(committed)
        original = self.original_due_date
        duration = self.duration
        try:
            if rules.pause_policy == "restart":
                arrival = rules._official(b, window=False)
                due_date, due_at, period_end = rules._compute(arrival, duration)
                original = due_date
                new_due, new_at = due_date, due_at
                if self.extension is not None and due_date is not None:
                    new_due = max(self.extension.new_due_date, due_date)
                    new_at = rules._close_naive(new_due)
                changes["period_end"] = period_end
            elif isinstance(duration, ElapsedHours) or _hour_based(duration):
                due_local = self.due_at.astimezone(VIETNAM_TZ).replace(tzinfo=None)
                if isinstance(duration, ElapsedHours):
                    # Elapsed hours move by the elapsed time of the pause.
                    new_at = due_local + (b - a)
                else:
                    amount = rules.hours._between(a, b, cal)
                    new_at = rules.hours._add(due_local, amount, cal) if amount else due_local
                new_due = new_at.date()
                if self.extension is None:
                    original = new_due
                elif original is not None and shift_wd:
                    original = cal.add_working_days(original, shift_wd)
            elif isinstance(duration, CalendarDays | Months):
                days = timedelta(days=(b_day - a_day).days)
                period_end = (self.period_end or self.due_date) + days
                changes["period_end"] = period_end
                original = cal.roll_forward(period_end)
                if self.extension is None:
                    new_due = original
                elif days:
                    new_due = cal.roll_forward(self.due_date + days)
                else:
                    new_due = self.due_date
                new_at = rules._close_naive(new_due)
            else:
                new_due = (
                    cal.add_working_days(self.due_date, shift_wd) if shift_wd else self.due_date
                )
                if original is not None:
                    if self.extension is None:
                        original = new_due
                    elif shift_wd:
                        original = cal.add_working_days(original, shift_wd)
                new_at = rules._close_naive(new_due)
        except CalendarRangeError as exc:
            raise _result_range_error(exc, "end") from None
        changes["due_date"] = new_due
        changes["due_at"] = None if new_at is None else new_at.replace(tzinfo=VIETNAM_TZ)
        changes["original_due_date"] = original
        changes["provisional"] = rules._provisional(
            self.submitted_at.astimezone(VIETNAM_TZ).date(), new_due
        )
        return attrs.evolve(self, **changes)

    def extended(self, new_due: date, issued_at: date | datetime) -> Deadline:
        """The deadline after an apology with a new appointment (Decree 61/2018 Art. 19).

        Allowed once: a second raises :class:`~procedurekit.errors.TransitionError`. The
        original due date is kept in ``original_due_date``; an apology issued later than one
        day before the due date (a calendar day, or a working day with
        ``extension_deadline="working-day"``) is flagged ``late-apology``; a new date that is
        not later than the due date, or not a working day, is kept and flagged
        (``extension-not-later``, ``extension-on-day-off``).
        """
        if self.extension is not None:
            raise TransitionError(
                f"{_EXTENSION_RULE}; this deadline was already extended to "
                f"{self.extension.new_due_date}",
                allowed=(),
                path="new_due",
                value=new_due,
                expected="no second extension",
            )
        if self.due_date is None:
            raise InvalidArgumentError(
                "a deadline without a time limit (NoTimeLimit) cannot be extended",
                path="new_due",
                value=new_due,
                expected="a deadline with a due date",
            )
        rules = self.rules
        cal = rules.calendar
        new_due = check_date(new_due, "new_due")
        if not FIRST_DAY <= new_due <= LAST_DAY:
            raise CalendarRangeError(
                f"new_due {new_due} is outside the calendar's range {FIRST_DAY}..{LAST_DAY}",
                path="new_due",
                value=new_due,
                expected=f"a date from {FIRST_DAY} to {LAST_DAY}",
            )
        flags = self.flags
        # Data-quality findings are flagged, not raised: an audit must read real records.
        if new_due <= self.due_date:
            flags = _add_flag(flags, FLAG_EXTENSION_NOT_LATER)
        if not cal.is_working_day(new_due):
            flags = _add_flag(flags, FLAG_EXTENSION_ON_DAY_OFF)
        issued = rules._moment(issued_at, "issued_at")
        if rules.extension_deadline == "working-day":
            limit = cal.add_working_days(self.due_date, -1)
        else:
            limit = self.due_date - timedelta(days=1)
        late = issued.date() > limit
        if late:
            flags = _add_flag(flags, FLAG_LATE_APOLOGY)
        return attrs.evolve(
            self,
            due_date=new_due,
            due_at=rules._close_aware(new_due),
            original_due_date=self.due_date,
            extension=Apology(new_due, _keep(issued_at, issued), limit, late),
            flags=flags,
            provisional=rules._provisional(
                self.submitted_at.astimezone(VIETNAM_TZ).date(), new_due
            ),
        )


def _set_dict(obj: object, values: dict[str, Any]) -> None:
    object.__setattr__(obj, "__dict__", values)


def _add_flag(flags: tuple[str, ...], flag: str) -> tuple[str, ...]:
    return flags if flag in flags else (*flags, flag)


def _keep(value: date | datetime, local: datetime) -> date | datetime:
    """A pause or apology bound as recorded: a date stays a date, a datetime becomes aware."""
    return local.replace(tzinfo=VIETNAM_TZ) if isinstance(value, datetime) else value


def _hour_based(duration: Duration) -> bool:
    return isinstance(duration, WorkingHours) or (
        isinstance(duration, WorkingDays) and not isinstance(duration.value, int)
    )


def _result_range_error(exc: CalendarRangeError, name: str) -> CalendarRangeError:
    return CalendarRangeError(
        f"the deadline falls outside the calendar's range {FIRST_DAY}..{LAST_DAY} "
        f"(check {name}): {exc.message}",
        path=name,
        value=exc.value,
        expected=f"a result from {FIRST_DAY} to {LAST_DAY}",
    )


@attrs.frozen
class DeadlineRules:
    """The rules that turn a receipt and a time limit into a :class:`Deadline`.

    ``calendar`` decides working days, ``hours`` the office hours. Keyword-only options:

    - ``receipt_policy``: ``"as-submitted"`` (default), ``"next-opening"``,
      ``"state-treasury"`` or ``"customs"`` (both next-opening); see :data:`RECEIPT_POLICIES`.
    - ``pause_policy``: ``"shift"`` (default) or ``"restart"``; see :meth:`Deadline.paused`.
    - ``extension_deadline``: ``"calendar-day"`` (default) or ``"working-day"``: how the
      apology's "01 ngày trước ngày hết hạn" (Decree 61/2018 Art. 19) is counted.

    >>> from procedurekit import WorkingCalendar, WorkingDays
    >>> rules = DeadlineRules(WorkingCalendar())
    >>> rules.due(datetime(2030, 1, 5, 10, 0), WorkingDays(1)).due_date  # Saturday + 1
    datetime.date(2030, 1, 7)
    """

    calendar: WorkingCalendar = attrs.field(
        validator=_instance("calendar", WorkingCalendar, "WorkingCalendar.vietnam()")
    )
    hours: OfficeHours = attrs.field(
        default=OfficeHours.standard(),
        validator=_instance("hours", OfficeHours, "OfficeHours.standard()"),
    )
    receipt_policy: str = attrs.field(
        default="as-submitted", kw_only=True, validator=_choice("receipt_policy", RECEIPT_POLICIES)
    )
    pause_policy: str = attrs.field(
        default="shift", kw_only=True, validator=_choice("pause_policy", PAUSE_POLICIES)
    )
    extension_deadline: str = attrs.field(
        default="calendar-day",
        kw_only=True,
        validator=_choice("extension_deadline", EXTENSION_DEADLINES),
    )
    _next_opening: bool = attrs.field(init=False, repr=False, eq=False)
    _close: tuple[tuple[time, ...], ...] = attrs.field(init=False, repr=False, eq=False)
    _by_md: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _complete: frozenset[int] = attrs.field(init=False, repr=False, eq=False)
    _version: str = attrs.field(init=False, repr=False, eq=False)
    # Close-of-hours moments by working day, filled on first use (at most one per day).
    _close_cache: dict[date, datetime] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        hours = self.hours
        weekend = self.calendar.weekend
        closes = []
        for wk in hours._weeks:
            makeup = wk[hours.makeup_weekday][-1].end
            closes.append(
                tuple(makeup if wd in weekend or not wk[wd] else wk[wd][-1].end for wd in range(7))
            )
        object.__setattr__(self, "_close", tuple(closes))
        object.__setattr__(self, "_by_md", hours._by_md)
        object.__setattr__(
            self, "_next_opening", RECEIPT_POLICIES[self.receipt_policy][0] == "next-opening"
        )
        object.__setattr__(self, "_complete", self.calendar.complete_years)
        object.__setattr__(self, "_version", self.calendar.data_version)
        object.__setattr__(self, "_close_cache", {})

    @property
    def receipt_rule(self) -> str:
        """The rule the receipt policy applies: ``"as-submitted"`` or ``"next-opening"``."""
        return RECEIPT_POLICIES[self.receipt_policy][0]

    # -- helpers ----------------------------------------------------------------------------

    def _close_time(self, d: date) -> time:
        return self._close[self._by_md[d.month * 32 + d.day]][d.weekday()]

    def _close_naive(self, d: date) -> datetime:
        return datetime.combine(d, self._close[self._by_md[d.month * 32 + d.day]][d.weekday()])

    def _close_aware(self, d: date) -> datetime:
        t = self._close[self._by_md[d.month * 32 + d.day]][d.weekday()]
        return datetime.combine(d, t, VIETNAM_TZ)

    def _moment(self, value: object, name: str) -> datetime:
        """A naive local moment from a datetime (local or aware) or a date (its opening)."""
        if isinstance(value, datetime):
            return to_local(value, name)
        if isinstance(value, date):
            if not FIRST_DAY <= value <= LAST_DAY:
                raise CalendarRangeError(
                    f"{name} {value} is outside the calendar's range {FIRST_DAY}..{LAST_DAY}",
                    path=name,
                    value=value,
                    expected=f"a date from {FIRST_DAY} to {LAST_DAY}",
                )
            return self.hours.opening(value, self.calendar).replace(tzinfo=None)
        raise InvalidTypeError(
            f"{name} must be a datetime or a date, got {type(value).__name__} {value!r}",
            path=name,
            value=value,
            expected="datetime(2026, 2, 13, 10, 0) or date(2026, 2, 13)",
        )

    def _official(self, local: datetime, *, window: bool) -> datetime:
        if self._next_opening and not window:
            return self.hours._next_opening(local, self.calendar)
        return local

    def _provisional(self, first: date, last: date | None) -> bool:
        complete = self._complete
        y0 = first.year
        if y0 not in complete:
            return True
        if last is None or last.year == y0:
            return False
        lo, hi = (y0, last.year) if last.year > y0 else (last.year, y0)
        return any(y not in complete for y in range(lo, hi + 1))

    def receipt_of(self, received_at: datetime | date) -> datetime:
        """The official receipt moment (aware) of a submission under this receipt policy."""
        return self._official(self._moment(received_at, "received_at"), window=False).replace(
            tzinfo=VIETNAM_TZ
        )

    def _compute(
        self, receipt: datetime, duration: Duration
    ) -> tuple[date | None, datetime | None, date | None]:
        """``(due_date, naive due_at, period_end)`` for a naive local official receipt."""
        cal = self.calendar
        kind = type(duration)
        if kind is WorkingDays or kind is WorkingHours:
            value = cast("WorkingDays | WorkingHours", duration).value
            if kind is WorkingDays and type(value) is int:
                d = cal.add_working_days(receipt.date(), value)
                return d, self._close_naive(d), None
            hours = self.hours
            if kind is WorkingDays:
                # The whole days by the day rule, then the fraction as that share of the next
                # working day's office hours from its opening: monotonic in n.
                whole = int(value)
                day = cal.add_working_days(receipt.date(), whole + 1)
                sessions = hours.sessions(day, cal)
                length = sum((s.length for s in sessions), timedelta(0))
                share = timedelta(microseconds=int(Decimal(length // _US) * (value - whole)))
                start = datetime.combine(day, sessions[0].start)
                at = hours._add(start, share, cal) if share else start
                return at.date(), at, None
            amount = timedelta(microseconds=int(_HOUR_US * value))
            # Zero hours: due at the next opening (the moment itself inside a session).
            at = hours._add(receipt, amount, cal) if amount else hours._next_opening(receipt, cal)
            return at.date(), at, None
        if kind is SameDay:
            d = receipt.date()
            cutoff = cast(SameDay, duration).cutoff
            if cal.is_working_day(d):
                close = self._close_naive(d)
                if receipt < close and (cutoff is None or receipt.time() <= cutoff):
                    return d, close, None
            d = cal.add_working_days(d, 1)
            return d, self._close_naive(d), None
        if kind is CalendarDays:
            end = receipt.date() + timedelta(days=cast(CalendarDays, duration).value)
            d = cal.add_working_days(end, 0)
            return d, self._close_naive(d), end
        if kind is Months:
            from dateutil.relativedelta import relativedelta  # lazy: keeps the cold start low

            end = receipt.date() + relativedelta(months=cast(Months, duration).value)
            d = cal.add_working_days(end, 0)
            return d, self._close_naive(d), end
        if kind is NoTimeLimit:
            return None, None, None
        if kind is ElapsedHours:
            # Elapsed (clock) hours from the receipt moment, office hours and days off ignored
            # (Civil Code 2015 Art. 147(1): an hour period starts at the stated moment; the
            # roll-forward of Art. 148(5) is for periods counted in days).
            hours_value = cast(ElapsedHours, duration).value
            at = receipt + timedelta(microseconds=int(_HOUR_US * hours_value))
            return at.date(), at, None
        if isinstance(duration, Duration):
            # Subclasses of the value types: dispatch on the base type.
            for base in (
                WorkingDays,
                WorkingHours,
                ElapsedHours,
                SameDay,
                CalendarDays,
                Months,
                NoTimeLimit,
            ):
                if isinstance(duration, base):
                    return self._compute(receipt, base(*attrs.astuple(duration)))
        raise InvalidTypeError(
            f"duration must be a Duration (WorkingDays(5), CalendarDays(15), ...), got "
            f"{type(duration).__name__} {duration!r}",
            path="duration",
            value=duration,
            expected="WorkingDays(5)",
        )

    # -- the engine -------------------------------------------------------------------------

    def due(
        self,
        received_at: datetime | date,
        duration: Duration,
        *,
        service_model: ServiceModel | None = None,
        procedure_code: str | None = None,
    ) -> Deadline:
        """The deadline of a dossier received at ``received_at`` with time limit ``duration``.

        ``service_model``, when it applies to the receipt and ``procedure_code``, fills
        ``committed_date`` beside the legal ``due_date``; a receipt inside an extra reception
        window (Sunday for the People) is allowed and counted as submitted.
        """
        # Receipt moment, naive local (fast path for plain datetimes).
        if type(received_at) is datetime and received_at.tzinfo is None:
            submitted = received_at
            if not 2010 <= submitted.year <= 2060:
                submitted = to_local(received_at, "received_at")
        else:
            submitted = self._moment(received_at, "received_at")
        if procedure_code is not None and not isinstance(procedure_code, str):
            raise InvalidTypeError(
                f"procedure_code must be a string, got {type(procedure_code).__name__}",
                path="procedure_code",
                value=procedure_code,
                expected="'2.000815'",
            )
        window = False
        if service_model is not None:
            if not isinstance(service_model, ServiceModel):
                raise InvalidTypeError(
                    f"service_model must be a ServiceModel, got {type(service_model).__name__}",
                    path="service_model",
                    value=service_model,
                    expected="QUICK_FRIDAY",
                )
            window = (
                service_model.kind is ServiceKind.EXTRA_RECEPTION
                and service_model.in_window(submitted)
                and service_model.covers_procedure(procedure_code)
            )
        receipt = (
            self.hours._next_opening(submitted, self.calendar)
            if self._next_opening and not window
            else submitted
        )
        try:
            if type(duration) is WorkingDays and type(duration.value) is int:
                d = self.calendar.add_working_days(receipt.date(), duration.value)
                due_date: date | None = d
                due_at: datetime | None = self._close_cache.get(d)
                if due_at is None:
                    due_at = self._close_cache[d] = self._close_aware(d)
                period_end = None
            else:
                due_date, due_at, period_end = self._compute(receipt, duration)
                if due_at is not None:
                    due_at = datetime.combine(due_at.date(), due_at.time(), VIETNAM_TZ)
        except CalendarRangeError as exc:
            raise _result_range_error(exc, "duration") from None
        except ProcedureKitError:
            raise
        except (OverflowError, ValueError) as exc:  # relativedelta or date past year 9999
            raise CalendarRangeError(
                f"duration {duration!r}: the deadline falls outside the calendar's range "
                f"{FIRST_DAY}..{LAST_DAY} ({exc})",
                path="duration",
                value=duration,
                expected=f"a result from {FIRST_DAY} to {LAST_DAY}",
            ) from None
        committed_date = committed_at = None
        model = None
        if service_model is not None:
            model, committed_date, committed_at = self._commitment(
                service_model, receipt, procedure_code, window=window
            )
        sub_day = submitted.date()
        submitted_at = datetime.combine(sub_day, submitted.time(), VIETNAM_TZ)
        if receipt is not submitted:
            receipt_at = datetime.combine(receipt.date(), receipt.time(), VIETNAM_TZ)
        else:
            receipt_at = submitted_at
        if due_date is None or due_date.year == sub_day.year:
            provisional = sub_day.year not in self._complete
        else:
            provisional = self._provisional(sub_day, due_date)
        # The hot path: fill the frozen instance's __dict__ in one step (no validators to run).
        dl = object.__new__(Deadline)
        _set_dict(
            dl,
            {
                "due_date": due_date,
                "due_at": due_at,
                "receipt": receipt_at,
                "submitted_at": submitted_at,
                "duration": duration,
                "provisional": provisional,
                "calendar_version": self._version,
                "committed_date": committed_date,
                "committed_at": committed_at,
                "service_model": model,
                "procedure_code": procedure_code,
                "original_due_date": due_date,
                "period_end": period_end,
                "pauses": (),
                "extension": None,
                "flags": (),
                "rules": self,
            },
        )
        return dl

    def _commitment(
        self,
        model: ServiceModel,
        receipt: datetime,
        procedure_code: str | None,
        *,
        window: bool,
    ) -> tuple[ServiceModel | None, date | None, datetime | None]:
        commitment = model.commitment
        if window:
            day = receipt.date()
            if commitment is None:
                return model, None, None
            cutoff = commitment.cutoff if isinstance(commitment, SameDay) else None
            if isinstance(commitment, SameDay) and (cutoff is None or receipt.time() <= cutoff):
                end = model.window[-1].end if model.window else self._close_time(day)
                return model, day, datetime.combine(day, end, VIETNAM_TZ)
        elif not (
            model.kind is ServiceKind.WEEKDAY
            and model.in_window(receipt)
            and self.calendar.is_working_day(receipt.date())
            and model.covers_procedure(procedure_code)
        ):
            return None, None, None
        if commitment is None:
            return model, None, None
        try:
            d, at, _ = self._compute(receipt, commitment)
        except CalendarRangeError as exc:
            raise _result_range_error(exc, "service_model") from None
        return model, d, None if at is None else at.replace(tzinfo=VIETNAM_TZ)


_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _vi_date(d: date) -> str:
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def _en_date(d: date) -> str:
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def format_deadline(dl: Deadline, lang: str = "vi") -> str:
    """The appointment line of a receipt slip (Circular 01/2018/TT-VPCP form 01).

    >>> from procedurekit import WorkingCalendar, WorkingDays
    >>> rules = DeadlineRules(WorkingCalendar())
    >>> format_deadline(rules.due(datetime(2030, 1, 4, 9, 0), WorkingDays(1)))
    'Ngày hẹn trả kết quả: 17 giờ 00 phút, ngày 07 tháng 01 năm 2030'

    An extended deadline prints the new appointment (form 04); a service model's commitment
    is added after a semicolon; no time limit says so.
    """
    if not isinstance(dl, Deadline):
        raise InvalidTypeError(
            f"dl must be a Deadline, got {type(dl).__name__}",
            path="dl",
            value=dl,
            expected="rules.due(...)",
        )
    if lang not in ("vi", "en"):
        raise InvalidArgumentError(
            f"lang must be 'vi' or 'en', got {lang!r}",
            path="lang",
            value=lang,
            expected="'vi' or 'en'",
        )
    extended = dl.extension is not None
    if lang == "vi":
        head = "Hẹn lại ngày trả kết quả" if extended else "Ngày hẹn trả kết quả"
        if dl.due_date is None or dl.due_at is None:
            return f"{head}: không quy định thời hạn giải quyết"
        at = dl.due_at.astimezone(VIETNAM_TZ)
        line = f"{head}: {at.hour:02d} giờ {at.minute:02d} phút, {_vi_date(dl.due_date)}"
        if dl.committed_date is not None and dl.service_model is not None:
            line += (
                f"; cam kết trả theo mô hình “{dl.service_model.name}”: "
                f"{_vi_date(dl.committed_date)}"
            )
        return line
    head = "New appointment" if extended else "Appointment"
    head += " to return the result"
    if dl.due_date is None or dl.due_at is None:
        return f"{head}: no time limit prescribed"
    at = dl.due_at.astimezone(VIETNAM_TZ)
    line = f"{head}: {at.hour:02d}:{at.minute:02d}, {_en_date(dl.due_date)}"
    if dl.committed_date is not None and dl.service_model is not None:
        line += f"; committed under “{dl.service_model.label_en}”: {_en_date(dl.committed_date)}"
    return line
