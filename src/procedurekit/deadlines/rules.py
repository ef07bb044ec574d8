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
- **Pauses** (:meth:`DeadlineRules.pause`) and the **extension** (:meth:`DeadlineRules.extend`)
  are computed here too, so every moment of a deadline comes from one engine; the dossier
  clock (:mod:`procedurekit.deadlines.clock`) applies an event log through them.
- **Service models** (:meth:`DeadlineRules.due` with ``service_model``): a commitment is
  never later than the legal due moment, and none is made after the office closed or on a
  day the model does not serve; a flag says why (law-to-semantics, decision 7).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Final, Literal, cast

import attrs

from procedurekit._codes import ProcedureCode, procedure_code_text
from procedurekit._time import FIRST_DAY, LAST_DAY, VIETNAM_TZ, to_local
from procedurekit.calendar.hours import OfficeHours
from procedurekit.calendar.working import WorkingCalendar, check_date
from procedurekit.deadlines.deadline import (
    FLAG_COMMITMENT_AFTER_CLOSE,
    FLAG_COMMITMENT_DAY_NOT_SERVED,
    FLAG_COMMITMENT_LATER_THAN_LEGAL,
    FLAG_EXTENSION_NOT_LATER,
    FLAG_EXTENSION_ON_DAY_OFF,
    FLAG_LATE_APOLOGY,
    FLAG_PAUSE_AFTER_DUE,
    FLAG_SECOND_SUPPLEMENT_REQUEST,
    FLAG_UNVERIFIED_CALENDAR,
    Apology,
    Deadline,
    Pause,
)
from procedurekit.deadlines.service import ServiceKind, ServiceModel
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
from procedurekit.vocab import EventKind

__all__ = [
    "EXTENSION_DEADLINES",
    "NAIVE_POLICIES",
    "PAUSE_POLICIES",
    "RECEIPT_POLICIES",
    "DeadlineRules",
    "ExtensionDeadline",
    "NaivePolicy",
    "PausePolicy",
    "ReceiptPolicy",
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

#: What a naive ``datetime`` (no ``tzinfo``) means: ``"local"`` (default) reads it as
#: Vietnam time; ``"error"`` refuses it, so a server running in UTC cannot shift a receipt
#: by seven hours without anyone noticing. Dates are always accepted (they have no zone).
NAIVE_POLICIES: Final = ("local", "error")

ReceiptPolicy = Literal["as-submitted", "next-opening", "state-treasury", "customs"]
PausePolicy = Literal["shift", "restart"]
ExtensionDeadline = Literal["calendar-day", "working-day"]
NaivePolicy = Literal["local", "error"]

_HOUR_US: Final = Decimal(3_600_000_000)
#: The longest run of days off searched around a weekend day (Tết is at most 9 days).
_HOLIDAY_RUN: Final = 14
_US: Final = timedelta(microseconds=1)
_EXTENSION_RULE: Final = (
    "Decree 61/2018/NĐ-CP Art. 19 (kept by Decree 118/2025/NĐ-CP): the appointment may be "
    "moved at most once"
)

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _choice(name: str, allowed: tuple[str, ...] | Mapping[str, object]) -> _Validator:
    # A partial of a module-level function, not a closure: the check runs through a
    # function called at validation time (mutation testing reaches it, testing.md).
    return functools.partial(_check_choice, name, allowed)


def _check_choice(
    name: str,
    allowed: tuple[str, ...] | Mapping[str, object],
    instance: object,
    attribute: attrs.Attribute[Any],
    value: object,
) -> None:
    if not isinstance(value, str) or value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise InvalidArgumentError(
            f"{name} must be one of {options}, got {value!r}",
            path=name,
            value=value,
            expected=options,
        )


def _instance(name: str, cls: type, example: str) -> _Validator:
    return functools.partial(_check_instance, name, cls, example)


def _check_instance(
    name: str,
    cls: type,
    example: str,
    instance: object,
    attribute: attrs.Attribute[Any],
    value: object,
) -> None:
    if not isinstance(value, cls):
        raise InvalidTypeError(
            f"{name} must be a {cls.__name__}, got {type(value).__name__} {value!r}",
            path=name,
            value=value,
            expected=example,
        )


def _set_dict(obj: object, values: dict[str, Any]) -> None:
    object.__setattr__(obj, "__dict__", values)


def _add_flag(flags: tuple[str, ...], flag: str) -> tuple[str, ...]:
    return flags if flag in flags else (*flags, flag)


def _keep(value: date | datetime, local: datetime) -> date | datetime:
    """A pause or apology bound as recorded: a date stays a date, a datetime becomes aware."""
    return local.replace(tzinfo=VIETNAM_TZ) if isinstance(value, datetime) else value


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(VIETNAM_TZ).replace(tzinfo=None)


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
    - ``pause_policy``: ``"shift"`` (default) or ``"restart"``; see :meth:`pause`.
    - ``extension_deadline``: ``"calendar-day"`` (default) or ``"working-day"``: how the
      apology's "01 ngày trước ngày hết hạn" (Decree 61/2018 Art. 19) is counted.
    - ``naive``: ``"local"`` (default) reads a ``datetime`` without ``tzinfo`` as Vietnam
      time; ``"error"`` refuses it with :class:`~procedurekit.errors.InvalidArgumentError`
      (strict mode, for servers whose clock is not in Vietnam time); see
      :data:`NAIVE_POLICIES`.

    Rules are immutable and hold no state a result depends on: one object may serve many
    threads at once. The only thing filled after construction is a cache of each working
    day's closing moment, where each entry is written once with an immutable value, so
    threads filling it together only repeat a little work. Rules pickle (as their
    constructor arguments; the cache is left behind) and copy, so they can be sent to a
    process pool or a task queue; build them once per process rather than per task.

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
    receipt_policy: ReceiptPolicy = attrs.field(
        default="as-submitted", kw_only=True, validator=_choice("receipt_policy", RECEIPT_POLICIES)
    )
    pause_policy: PausePolicy = attrs.field(
        default="shift", kw_only=True, validator=_choice("pause_policy", PAUSE_POLICIES)
    )
    extension_deadline: ExtensionDeadline = attrs.field(
        default="calendar-day",
        kw_only=True,
        validator=_choice("extension_deadline", EXTENSION_DEADLINES),
    )
    naive: NaivePolicy = attrs.field(
        default="local", kw_only=True, validator=_choice("naive", NAIVE_POLICIES)
    )
    _next_opening: bool = attrs.field(init=False, repr=False, eq=False)
    _complete: frozenset[int] = attrs.field(init=False, repr=False, eq=False)
    _unverified: frozenset[int] = attrs.field(init=False, repr=False, eq=False)
    _version: str = attrs.field(init=False, repr=False, eq=False)
    # Close-of-hours moments by working day, filled on first use (at most one per day).
    _close_cache: dict[date, datetime] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "_next_opening", RECEIPT_POLICIES[self.receipt_policy][0] == "next-opening"
        )
        object.__setattr__(self, "_complete", self.calendar.complete_years)
        object.__setattr__(self, "_unverified", self.calendar.unverified_years)
        object.__setattr__(self, "_version", self.calendar.data_version)
        object.__setattr__(self, "_close_cache", {})

    @property
    def receipt_rule(self) -> str:
        """The rule the receipt policy applies: ``"as-submitted"`` or ``"next-opening"``."""
        return RECEIPT_POLICIES[self.receipt_policy][0]

    # -- moments ----------------------------------------------------------------------------

    def _close_aware(self, d: date) -> datetime:
        """The close of office hours on working day ``d`` (aware), cached per day."""
        found = self._close_cache.get(d)
        if found is None:
            makeup = d.weekday() in self.calendar.weekend
            t = self.hours.closing_time(d, makeup=makeup)
            found = self._close_cache[d] = datetime.combine(d, t, VIETNAM_TZ)
        return found

    def _close_naive(self, d: date) -> datetime:
        return self._close_aware(d).replace(tzinfo=None)

    def check_aware(self, value: object, name: str) -> None:
        """Refuse a naive ``datetime`` under ``naive="error"`` (strict mode)."""
        if (
            self.naive == "error"
            and isinstance(value, datetime)
            and (value.tzinfo is None or value.utcoffset() is None)
        ):
            raise InvalidArgumentError(
                f"{name} {value.isoformat()} has no time zone, and these rules refuse naive "
                "datetimes (naive='error'): give an aware datetime",
                path=name,
                value=value,
                expected="datetime(2026, 3, 2, 9, 0, tzinfo=pk.VIETNAM_TZ), "
                "or ZoneInfo('Asia/Ho_Chi_Minh')",
            )

    def _moment(self, value: object, name: str) -> datetime:
        """A naive local moment from a datetime (local or aware) or a date (its opening)."""
        if isinstance(value, datetime):
            if self.naive != "local":
                self.check_aware(value, name)
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
            return self.hours.next_opening_local(local, self.calendar)
        return local

    def provisional_between(self, first: date, last: date | None) -> bool:
        """Whether a period from ``first`` to ``last`` crosses a year not complete in this
        calendar (what ``Deadline.provisional`` says)."""
        return self._provisional(first, last)

    def _provisional(self, first: date, last: date | None) -> bool:
        complete = self._complete
        y0 = first.year
        if y0 not in complete:
            return True
        if last is None or last.year == y0:
            return False
        lo, hi = (y0, last.year) if last.year > y0 else (last.year, y0)
        return any(y not in complete for y in range(lo, hi + 1))

    def _unverified_between(self, first: date, last: date | None) -> bool:
        """Whether a period from ``first`` to ``last`` crosses an unverified year."""
        unverified = self._unverified
        if not unverified:
            return False
        hi = first.year if last is None else max(first.year, last.year)
        lo = first.year if last is None else min(first.year, last.year)
        return any(y in unverified for y in range(lo, hi + 1))

    def receipt_of(self, received_at: datetime | date) -> datetime:
        """The official receipt moment (aware) of a submission under this receipt policy."""
        return self._official(self._moment(received_at, "received_at"), window=False).replace(
            tzinfo=VIETNAM_TZ
        )

    # -- counting ---------------------------------------------------------------------------

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
                # working day's office hours from its opening (decision 6): monotonic in n.
                whole = int(value)
                day = cal.add_working_days(receipt.date(), whole + 1)
                sessions = hours.sessions(day, cal)
                length = sum((s.length for s in sessions), timedelta(0))
                share = timedelta(microseconds=int(Decimal(length // _US) * (value - whole)))
                start = datetime.combine(day, sessions[0].start)
                at = hours.add_office_time_local(start, share, cal) if share else start
                return at.date(), at, None
            amount = timedelta(microseconds=int(_HOUR_US * value))
            # Zero hours: due at the next opening (the moment itself inside a session).
            if amount:
                at = hours.add_office_time_local(receipt, amount, cal)
            else:
                at = hours.next_opening_local(receipt, cal)
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
        procedure_code: str | ProcedureCode | None = None,
    ) -> Deadline:
        """The deadline of a dossier received at ``received_at`` with time limit ``duration``.

        ``procedure_code`` is a ``str`` or a :class:`~procedurekit.ProcedureCode` (kept as
        text in ``Deadline.procedure_code``). ``service_model``, when it applies to the
        receipt and ``procedure_code``, fills
        ``committed_date`` beside the legal ``due_date``; a receipt inside an extra reception
        window (Sunday for the People) is allowed and counted as submitted. A commitment is
        never later than the legal due moment, and none is made after the office closed or
        on a day the model does not serve: the deadline's ``flags`` then say why
        (``commitment-later-than-legal``, ``commitment-after-close``,
        ``commitment-day-not-served``).
        """
        # Receipt moment, naive local (fast path for plain and Vietnam-time datetimes).
        if type(received_at) is datetime and (
            (received_at.tzinfo is None and self.naive == "local")
            or received_at.tzinfo is VIETNAM_TZ
        ):
            submitted = received_at.replace(tzinfo=None)
            if not 2010 <= submitted.year <= 2060:
                submitted = to_local(received_at, "received_at")
        else:
            submitted = self._moment(received_at, "received_at")
        code = None if procedure_code is None else procedure_code_text(procedure_code)
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
                and service_model.covers_procedure(code)
                and self._serves(submitted.date())
            )
        receipt = (
            self.hours.next_opening_local(submitted, self.calendar)
            if self._next_opening and not window
            else submitted
        )
        try:
            if type(duration) is WorkingDays and type(duration.value) is int:
                d = self.calendar.add_working_days(receipt.date(), duration.value)
                due_date: date | None = d
                due_at: datetime | None = self._close_aware(d)
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
        flags: tuple[str, ...] = ()
        if service_model is not None:
            model, committed_date, committed_at, flags = self._commitment(
                service_model, submitted, receipt, code, due_at, window=window
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
        if provisional and self._unverified_between(sub_day, due_date):
            flags = (*flags, FLAG_UNVERIFIED_CALENDAR)
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
                "procedure_code": code,
                "original_due_date": due_date,
                "original_due_at": due_at,
                "period_end": period_end,
                "pauses": (),
                "extension": None,
                "flags": flags,
                "rules": self,
            },
        )
        return dl

    def _serves(self, day: date) -> bool:
        """Whether an office can serve on ``day``: a working day, or a weekend day outside a
        holiday period (an extra reception day, Decision 127/2007/QĐ-TTg). A weekend day
        inside a run of days off that holds a holiday, a compensatory or a swapped day (Tết,
        a long National Day weekend) is not served: the office is closed for the holiday."""
        cal = self.calendar
        if cal.is_working_day(day):
            return True
        if day.weekday() not in cal.weekend:
            return False
        one = timedelta(days=1)
        for step in (-one, one):
            d = day
            for _ in range(_HOLIDAY_RUN):
                if cal.entry(d) is not None:
                    return False
                nxt = d + step
                if not FIRST_DAY <= nxt <= LAST_DAY or cal.is_working_day(nxt):
                    break
                d = nxt
        return True

    def _commitment(
        self,
        model: ServiceModel,
        submitted: datetime,
        receipt: datetime,
        procedure_code: str | None,
        due_at: datetime | None,
        *,
        window: bool,
    ) -> tuple[ServiceModel | None, date | None, datetime | None, tuple[str, ...]]:
        """A service model's commitment beside the legal deadline (decision 7), with flags."""
        day = submitted.date()
        if not model.covers_procedure(procedure_code):
            return None, None, None, ()
        if model.kind is ServiceKind.EXTRA_RECEPTION:
            if not model.in_window(submitted):
                return None, None, None, ()
            if not window:  # the window falls on a holiday: the office does not open
                return None, None, None, (FLAG_COMMITMENT_DAY_NOT_SERVED,)
        else:
            if submitted.weekday() not in model.weekdays:
                return None, None, None, ()
            if not self.calendar.is_working_day(day):
                return None, None, None, (FLAG_COMMITMENT_DAY_NOT_SERVED,)
            if submitted >= self._close_naive(day):
                return None, None, None, (FLAG_COMMITMENT_AFTER_CLOSE,)
        commitment = model.commitment
        if commitment is None:
            return model, None, None, ()
        if window:
            cutoff = commitment.cutoff if isinstance(commitment, SameDay) else None
            if isinstance(commitment, SameDay) and (cutoff is None or receipt.time() <= cutoff):
                end = model.window[-1].end if model.window else self.hours.closing_time(day)
                promise = datetime.combine(day, end, VIETNAM_TZ)
                if due_at is not None and promise > due_at:
                    return None, None, None, (FLAG_COMMITMENT_LATER_THAN_LEGAL,)
                return model, day, promise, ()
        try:
            d, naive_at, _ = self._compute(receipt, commitment)
        except CalendarRangeError as exc:
            raise _result_range_error(exc, "service_model") from None
        at = None if naive_at is None else naive_at.replace(tzinfo=VIETNAM_TZ)
        if due_at is not None and (at is None or at > due_at):
            return None, None, None, (FLAG_COMMITMENT_LATER_THAN_LEGAL,)
        return model, d, at, ()

    def pause(
        self,
        deadline: Deadline,
        start: date | datetime,
        end: date | datetime,
        *,
        kind: EventKind | str = EventKind.SUPPLEMENT_REQUESTED,
    ) -> Deadline:
        """``deadline`` after a pause of the clock from ``start`` to ``end`` (DESIGN.md "Pause").

        ``kind`` is what opened the pause: a supplement request (yêu cầu bổ sung, the
        default) or a financial-obligation request. The rules, each named in
        docs/explanation/law-to-semantics.md:

        - The clock starts at the receipt (Civil Code 147): a pause starting on a day before
          the receipt raises :class:`~procedurekit.errors.InvalidArgumentError`; one starting
          earlier on the receipt day (a date-only start means that day's opening) begins at
          the receipt (decision 1).
        - A pause requested after the due date does not move it and is flagged
          ``pause-after-due`` (decision 9).
        - With ``pause_policy="shift"`` a working-day (or same-day) deadline moves by the
          working days in ``(start, end]``, a calendar-day or month deadline by the calendar
          days, an hour-based one by the office time between the moments (a ``date`` means
          its office opening). Under an apology the original due moment moves the same way:
          by office time for an hour-based limit (decision 2). With ``"restart"`` the whole
          period runs again from ``end``.
        - A second supplement request is allowed and flagged ``second-supplement-request``
          (Decision 766/QĐ-TTg); financial-obligation pauses do not count (decision 5).
        """
        pause_kind = EventKind.from_label(kind)
        a = self._moment(start, "start")
        b = self._moment(end, "end")
        if b < a:
            raise InvalidArgumentError(
                f"end ({end}) must not be before start ({start})",
                path="end",
                value=end,
                expected="the day the supplement arrived, on or after the request",
            )
        receipt = _naive(deadline.receipt)
        if a.date() < receipt.date():
            raise InvalidArgumentError(
                f"a pause cannot start ({start}) before the receipt "
                f"({deadline.receipt.isoformat()}): the clock starts at the receipt "
                "(Civil Code 2015 Art. 147)",
                path="start",
                value=start,
                expected=f"a start on or after {receipt.date().isoformat()}",
            )
        a = max(a, receipt)
        b = max(b, a)
        flags = deadline.flags
        if pause_kind is EventKind.SUPPLEMENT_REQUESTED and deadline.supplement_requests:
            flags = _add_flag(flags, FLAG_SECOND_SUPPLEMENT_REQUEST)
        after_due = self._after_due(deadline, a)
        if after_due:
            flags = _add_flag(flags, FLAG_PAUSE_AFTER_DUE)
        pause = Pause(_keep(start, a), _keep(end, b), pause_kind, moved=not after_due)
        changes: dict[str, Any] = {"pauses": (*deadline.pauses, pause), "flags": flags}
        if deadline.due_date is None or deadline.due_at is None or after_due:
            return attrs.evolve(deadline, **changes)
        try:
            changes.update(self._shift(deadline, a, b))
        except CalendarRangeError as exc:
            raise _result_range_error(exc, "end") from None
        new_due = changes["due_date"]
        first = deadline.submitted_at.astimezone(VIETNAM_TZ).date()
        changes["provisional"] = self._provisional(first, new_due)
        if self._unverified_between(first, new_due):
            changes["flags"] = _add_flag(changes["flags"], FLAG_UNVERIFIED_CALENDAR)
        return attrs.evolve(deadline, **changes)

    def _after_due(self, deadline: Deadline, start: datetime) -> bool:
        """Whether a pause from ``start`` begins after the legal (pre-apology) due date: after
        the due moment for an hour-based limit, after the due day otherwise."""
        if deadline.original_due_date is None:
            return False
        duration = deadline.duration
        if (_hour_based(duration) or isinstance(duration, ElapsedHours)) and (
            deadline.original_due_at is not None
        ):
            return start > _naive(deadline.original_due_at)
        return start.date() > deadline.original_due_date

    def _shift(self, deadline: Deadline, a: datetime, b: datetime) -> dict[str, Any]:
        """The due dates and moments of ``deadline`` moved by a pause from ``a`` to ``b``."""
        cal = self.calendar
        duration = deadline.duration
        due_date, due_at = deadline.due_date, deadline.due_at
        assert due_date is not None
        assert due_at is not None
        original, original_at = deadline.original_due_date, deadline.original_due_at
        extension = deadline.extension
        a_day, b_day = a.date(), b.date()
        shift_wd = cal.working_days_between(a_day, b_day)
        out: dict[str, Any] = {}
        committed = deadline.committed_date
        if committed is not None and shift_wd:
            committed = cal.add_working_days(committed, shift_wd)
            out["committed_date"] = committed
            out["committed_at"] = self._close_aware(committed)
        new_at: datetime | None
        if self.pause_policy == "restart":
            arrival = self._official(b, window=False)
            new_due, new_at, period_end = self._compute(arrival, duration)
            original = new_due
            original_at = None if new_at is None else new_at.replace(tzinfo=VIETNAM_TZ)
            if extension is not None and new_due is not None:
                new_due = max(extension.new_due_date, new_due)
                new_at = self._close_naive(new_due)
            out["period_end"] = period_end
        elif isinstance(duration, ElapsedHours) or _hour_based(duration):
            due_local = _naive(due_at)
            if isinstance(duration, ElapsedHours):
                # Elapsed hours move by the elapsed time of the pause.
                amount = b - a
                new_at = due_local + amount
                moved_original = None if original_at is None else _naive(original_at) + amount
            else:
                amount = self.hours.office_time_local(a, b, cal)
                add = self.hours.add_office_time_local  # no office time: the same moment
                new_at = add(due_local, amount, cal)
                moved_original = None
                if original_at is not None:
                    moved_original = add(_naive(original_at), amount, cal)
            new_due = new_at.date()
            if extension is None:
                original, original_at = new_due, new_at.replace(tzinfo=VIETNAM_TZ)
            elif moved_original is not None:
                original = moved_original.date()
                original_at = moved_original.replace(tzinfo=VIETNAM_TZ)
        elif isinstance(duration, CalendarDays | Months):
            days = timedelta(days=(b_day - a_day).days)
            period_end = (deadline.period_end or due_date) + days
            out["period_end"] = period_end
            original = cal.roll_forward(period_end)
            original_at = self._close_aware(original)
            if extension is None:
                new_due = original
            elif days:
                new_due = cal.roll_forward(due_date + days)
            else:
                new_due = due_date
            new_at = self._close_naive(new_due)
        else:
            new_due = cal.add_working_days(due_date, shift_wd) if shift_wd else due_date
            if original is not None:
                if extension is None:
                    original = new_due
                elif shift_wd:
                    original = cal.add_working_days(original, shift_wd)
                original_at = self._close_aware(original)
            new_at = self._close_naive(new_due)
        out["due_date"] = new_due
        out["due_at"] = None if new_at is None else new_at.replace(tzinfo=VIETNAM_TZ)
        out["original_due_date"] = original
        out["original_due_at"] = original_at
        return out

    def extend(self, deadline: Deadline, new_due: date, issued_at: date | datetime) -> Deadline:
        """``deadline`` after an apology with a new appointment (Decree 61/2018 Art. 19).

        Allowed once: a second raises :class:`~procedurekit.errors.TransitionError`. The
        original due date is kept in ``original_due_date`` (and ``original_due_at``); an
        apology issued later than one day before the due date (a calendar day, or a working
        day with ``extension_deadline="working-day"``) is flagged ``late-apology``; a new
        date that is not later than the due date, or not a working day, is kept and flagged
        (``extension-not-later``, ``extension-on-day-off``).
        """
        if deadline.extension is not None:
            raise TransitionError(
                f"{_EXTENSION_RULE}; this deadline was already extended to "
                f"{deadline.extension.new_due_date}",
                allowed=(),
                path="new_due",
                value=new_due,
                expected="no second extension",
            )
        if deadline.due_date is None:
            raise InvalidArgumentError(
                "a deadline without a time limit (NoTimeLimit) cannot be extended",
                path="new_due",
                value=new_due,
                expected="a deadline with a due date",
            )
        cal = self.calendar
        new_due = check_date(new_due, "new_due")
        if not FIRST_DAY <= new_due <= LAST_DAY:
            raise CalendarRangeError(
                f"new_due {new_due} is outside the calendar's range {FIRST_DAY}..{LAST_DAY}",
                path="new_due",
                value=new_due,
                expected=f"a date from {FIRST_DAY} to {LAST_DAY}",
            )
        flags = deadline.flags
        # Data-quality findings are flagged, not raised: an audit must read real records.
        if new_due <= deadline.due_date:
            flags = _add_flag(flags, FLAG_EXTENSION_NOT_LATER)
        if not cal.is_working_day(new_due):
            flags = _add_flag(flags, FLAG_EXTENSION_ON_DAY_OFF)
        issued = self._moment(issued_at, "issued_at")
        if self.extension_deadline == "working-day":
            limit = cal.add_working_days(deadline.due_date, -1)
        else:
            limit = deadline.due_date - timedelta(days=1)
        late = issued.date() > limit
        if late:
            flags = _add_flag(flags, FLAG_LATE_APOLOGY)
        return attrs.evolve(
            deadline,
            due_date=new_due,
            due_at=self._close_aware(new_due),
            original_due_date=deadline.due_date,
            original_due_at=deadline.due_at,
            extension=Apology(new_due, _keep(issued_at, issued), limit, late),
            flags=flags,
            provisional=self._provisional(
                deadline.submitted_at.astimezone(VIETNAM_TZ).date(), new_due
            ),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the constructor's arguments, not the closing-moment cache."""
        options = {
            "receipt_policy": self.receipt_policy,
            "pause_policy": self.pause_policy,
            "extension_deadline": self.extension_deadline,
            "naive": self.naive,
        }
        return (_rules_from_state, (self.calendar, self.hours, options))

    def __repr__(self) -> str:
        """The call that builds equal rules, defaults left out: ``DeadlineRules(WorkingCalendar
        .vietnam())`` (pasteable whenever the calendar's repr is)."""
        options = []
        if self.hours != OfficeHours.standard():
            options.append(f"hours={self.hours!r}")
        if self.receipt_policy != "as-submitted":
            options.append(f"receipt_policy={self.receipt_policy!r}")
        if self.pause_policy != "shift":
            options.append(f"pause_policy={self.pause_policy!r}")
        if self.extension_deadline != "calendar-day":
            options.append(f"extension_deadline={self.extension_deadline!r}")
        if self.naive != "local":
            options.append(f"naive={self.naive!r}")
        return f"DeadlineRules({self.calendar!r}" + "".join(f", {o}" for o in options) + ")"


def _rules_from_state(
    calendar: WorkingCalendar, hours: OfficeHours, options: dict[str, Any]
) -> DeadlineRules:
    """Rebuild pickled rules (:meth:`DeadlineRules.__reduce__`)."""
    return DeadlineRules(calendar, hours, **options)
