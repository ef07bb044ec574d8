"""Duration values: how long a procedure may take (thời hạn giải quyết).

A catalogue states a time limit as a value and a unit; the unit decides how the deadline
engine counts it (DOMAIN.md §3). Each unit is its own type, never a number plus a flag:

- :class:`WorkingDays` ("ngày làm việc"): counted on the working calendar, the receipt day
  excluded (Civil Code 2015 Art. 147(2)). Fractional values (0.5) are allowed.
- :class:`CalendarDays` ("ngày"): plain days; a non-working last day rolls forward
  (Art. 148(5)). Integers only.
- :class:`WorkingHours` ("giờ", "giờ làm việc"): office time consumed from the receipt
  (Art. 147(1)). Fractional values allowed (0.5 giờ).
- :class:`ElapsedHours` ("giờ" read as clock time, e.g. a border checkpoint's "chậm nhất 01
  giờ"): hours of elapsed time from the receipt, office hours ignored. The parser returns
  it only when asked (``bare_hours="elapsed"``) or for "giờ liên tục" / "elapsed hours".
- :class:`Months` ("tháng"; "năm" is 12 months): the same day n months later, clamped to the
  month's end (Art. 148(3)). Integers only.
- :class:`SameDay` ("trong ngày"), optionally with a cut-off hour ("sau 15 giờ").
- :class:`NoTimeLimit` ("không quy định").

Values are frozen, hashable and ordered within one type; their repr pastes back.
"""

from __future__ import annotations

import math
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import ClassVar, Final

import attrs

from procedurekit.errors import InvalidArgumentError, InvalidTypeError

__all__ = [
    "CalendarDays",
    "DayCount",
    "Duration",
    "ElapsedHours",
    "Months",
    "NoTimeLimit",
    "SameDay",
    "WorkingDays",
    "WorkingHours",
]

#: An amount: an ``int``, or a ``Decimal`` when it has a fractional part.
DayCount = int | Decimal

#: The largest amount any duration accepts: beyond it no deadline fits the calendar's range.
_MAX_AMOUNT: Final = 10**6


def _amount(value: object, *, cls: str, integral: bool) -> DayCount:
    """Normalise an amount: ``int`` when whole, ``Decimal`` when fractional.

    Accepts ``int``, ``Decimal`` and ``float`` (read through its shortest repr). Refuses a
    string (``WorkingDays("5")``: read text with :func:`~procedurekit.parse_duration`),
    ``bool``, NaN, infinities, negatives and, when ``integral``, fractions.
    """
    field = f"{cls}.value"
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise InvalidTypeError(
            f"{field} must be a number (int or Decimal), got {type(value).__name__} {value!r}",
            path=field,
            value=value,
            expected="a non-negative number, e.g. 5 or Decimal('0.5')",
        )
    if isinstance(value, int):
        number = Decimal(value) if abs(value) <= _MAX_AMOUNT else None
    else:
        if isinstance(value, float) and not math.isfinite(value):
            number = None
        else:
            try:
                number = Decimal(repr(value)) if isinstance(value, float) else value
            except InvalidOperation:
                number = None
        if number is not None and not number.is_finite():
            number = None
    if number is None or number < 0 or number > _MAX_AMOUNT:
        raise InvalidArgumentError(
            f"{field} must be a finite number from 0 to {_MAX_AMOUNT}, got {value!r}",
            path=field,
            value=value,
            expected="a non-negative number, e.g. 5 or Decimal('0.5')",
        )
    if number == number.to_integral_value():
        return int(number)
    if integral:
        raise InvalidArgumentError(
            f"{field} must be a whole number ({cls} counts whole units), got {value!r}",
            path=field,
            value=value,
            expected="a whole number, e.g. 15",
        )
    return number.normalize()


def _working_days_value(value: object) -> DayCount:
    return _amount(value, cls="WorkingDays", integral=False)


def _working_hours_value(value: object) -> DayCount:
    return _amount(value, cls="WorkingHours", integral=False)


def _elapsed_hours_value(value: object) -> DayCount:
    return _amount(value, cls="ElapsedHours", integral=False)


def _calendar_days_value(value: object) -> int:
    return int(_amount(value, cls="CalendarDays", integral=True))


def _months_value(value: object) -> int:
    return int(_amount(value, cls="Months", integral=True))


def _repr_amount(value: DayCount) -> str:
    return repr(value) if isinstance(value, int) else f"Decimal('{value}')"


class Duration:
    """Base of every duration type. ``unit`` is a stable key used by serializers."""

    __slots__ = ()
    unit: ClassVar[str]


@attrs.frozen(order=True, repr=False)
class WorkingDays(Duration):
    """``n`` working days (ngày làm việc), the receipt day not counted."""

    unit: ClassVar[str] = "working_days"
    value: DayCount = attrs.field(converter=_working_days_value)

    def __repr__(self) -> str:
        return f"WorkingDays({_repr_amount(self.value)})"


@attrs.frozen(order=True, repr=False)
class CalendarDays(Duration):
    """``n`` calendar days (ngày), the receipt day not counted; a day off at the end rolls."""

    unit: ClassVar[str] = "calendar_days"
    value: int = attrs.field(converter=_calendar_days_value)

    def __repr__(self) -> str:
        return f"CalendarDays({self.value!r})"


@attrs.frozen(order=True, repr=False)
class WorkingHours(Duration):
    """``h`` hours of office time (giờ làm việc), consumed from the receipt moment."""

    unit: ClassVar[str] = "working_hours"
    value: DayCount = attrs.field(converter=_working_hours_value)

    def __repr__(self) -> str:
        return f"WorkingHours({_repr_amount(self.value)})"


@attrs.frozen(order=True, repr=False)
class ElapsedHours(Duration):
    """``h`` hours of elapsed (clock) time from the receipt moment, office hours ignored."""

    unit: ClassVar[str] = "elapsed_hours"
    value: DayCount = attrs.field(converter=_elapsed_hours_value)

    def __repr__(self) -> str:
        return f"ElapsedHours({_repr_amount(self.value)})"


@attrs.frozen(order=True, repr=False)
class Months(Duration):
    """``n`` months (tháng): the same day n months later, clamped to the month's last day."""

    unit: ClassVar[str] = "months"
    value: int = attrs.field(converter=_months_value)

    def __repr__(self) -> str:
        return f"Months({self.value!r})"


def _check_cutoff(
    _instance: object, _attribute: attrs.Attribute[time | None], value: time | None
) -> None:
    if value is None:
        return
    if not isinstance(value, time):
        raise InvalidTypeError(
            f"SameDay.cutoff must be a datetime.time or None, got {type(value).__name__} {value!r}",
            path="SameDay.cutoff",
            value=value,
            expected="datetime.time(15, 0) or None",
        )
    if value.tzinfo is not None:
        raise InvalidArgumentError(
            f"SameDay.cutoff is a local office-clock time and takes no tzinfo, got {value!r}",
            path="SameDay.cutoff",
            value=value,
            expected="datetime.time(15, 0)",
        )


def _cutoff_key(value: time | None) -> tuple[int, time]:
    return (1, value) if isinstance(value, time) else (0, time.min)


@attrs.frozen(order=True, repr=False)
class SameDay(Duration):
    """Returned the day of receipt (trong ngày).

    With a ``cutoff`` ("nếu nhận hồ sơ sau 15 giờ thì trả trong ngày làm việc tiếp theo"),
    a receipt strictly after the cut-off is due the next working day; 15:00 itself is in time.
    """

    unit: ClassVar[str] = "same_day"
    cutoff: time | None = attrs.field(default=None, validator=_check_cutoff, order=_cutoff_key)

    def __repr__(self) -> str:
        if self.cutoff is None:
            return "SameDay()"
        c = self.cutoff
        parts = [str(c.hour), str(c.minute)]
        if c.second or c.microsecond:
            parts.append(str(c.second))
        if c.microsecond:
            parts.append(str(c.microsecond))
        return f"SameDay(time({', '.join(parts)}))"


@attrs.frozen(order=True, repr=False)
class NoTimeLimit(Duration):
    """No time limit is prescribed (không quy định): there is no due date."""

    unit: ClassVar[str] = "no_time_limit"

    def __repr__(self) -> str:
        return "NoTimeLimit()"
