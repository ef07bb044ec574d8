"""Vietnam time, in one place: the time zone, local moments and the one ISO 8601 reader.

Private, the lowest layer beside :mod:`procedurekit.errors`: every module that turns a
moment into Vietnam local time, or reads an ISO 8601 text, does it here.

- Vietnam time is UTC+07:00 all year, with no daylight saving (:data:`VIETNAM_TZ`).
- A naive ``datetime`` is read as Vietnam local time; an aware one is converted.
- Every moment a calculation uses lies in the calendar's range, :data:`FIRST_DAY` ..
  :data:`LAST_DAY` (2010-01-01 .. 2060-12-31); outside it
  :class:`~procedurekit.errors.CalendarRangeError` is raised, never an ``OverflowError``.
- ISO 8601 texts are read by :func:`parse_iso`, which takes what other systems write:
  ``2026-03-02``, ``2026-03-02T09:00``, ``2026-03-02 09:00:00+07:00``, Java's
  ``2026-03-02T02:00:00Z`` and .NET's seven-digit fractions
  (``2026-03-02T09:00:00.0000000+07:00``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Final

from procedurekit.errors import CalendarRangeError, InvalidArgumentError, InvalidTypeError

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "VIETNAM_TZ",
    "as_of_moment",
    "aware",
    "local_datetime",
    "local_day",
    "parse_iso",
    "to_local",
]

#: Vietnam time (giờ Việt Nam), UTC+07:00 all year.
VIETNAM_TZ: Final = timezone(timedelta(hours=7))
#: The first day every calendar answers for.
FIRST_DAY: Final = date(2010, 1, 1)
#: The last day every calendar answers for.
LAST_DAY: Final = date(2060, 12, 31)

_SEVEN: Final = timedelta(hours=7)
_ISO_RE: Final = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:[zZ]|[+-]\d{2}(?::?\d{2})?)?)?$"
)


def range_error(name: str, value: object) -> CalendarRangeError:
    """The error for a moment or day ``value`` outside :data:`FIRST_DAY`..:data:`LAST_DAY`."""
    return CalendarRangeError(
        f"{name} {value} is outside the calendar's range {FIRST_DAY}..{LAST_DAY}",
        path=name,
        value=value,
        expected=f"a moment from {FIRST_DAY} to {LAST_DAY}",
    )


def to_local(value: object, name: str) -> datetime:
    """``value`` as a naive Vietnam-local ``datetime``, inside the calendar's range.

    A naive ``datetime`` is taken as local; an aware one is converted to UTC+07:00; anything
    else, a plain ``date`` included, is refused (callers decide what a date means).
    """
    if not isinstance(value, datetime):
        raise InvalidTypeError(
            f"{name} must be a datetime.datetime, got {type(value).__name__} {value!r}",
            path=name,
            value=value,
            expected="datetime(2026, 2, 13, 10, 0)",
        )
    local = value
    if value.tzinfo is not None:
        offset = value.utcoffset()
        try:
            local = value.replace(tzinfo=None) if offset is None else value - offset + _SEVEN
        except OverflowError:
            raise range_error(name, value) from None
        local = local.replace(tzinfo=None)
    if not FIRST_DAY <= local.date() <= LAST_DAY:
        raise range_error(name, value)
    return local


def aware(local: datetime) -> datetime:
    """A naive Vietnam-local ``datetime`` made aware (UTC+07:00)."""
    return local.replace(tzinfo=VIETNAM_TZ)


def local_datetime(value: object, name: str = "value") -> datetime:
    """An aware ``datetime`` in Vietnam time; a naive one is read as local.

    Unlike :func:`to_local` no range is imposed: a model may hold any moment it is given.
    """
    if not isinstance(value, datetime):
        raise InvalidTypeError(
            f"{name} must be a datetime.datetime, got {type(value).__name__} {value!r}",
            path=name,
            value=value,
            expected="datetime(2025, 3, 4, 9, 30) (naive = Vietnam time) or an aware datetime",
        )
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=VIETNAM_TZ)
    try:
        return value.astimezone(VIETNAM_TZ)
    except OverflowError:
        raise range_error(name, value) from None


def local_day(value: date | datetime) -> date:
    """The Vietnam-local day of a ``date`` (itself) or a ``datetime`` (naive = local)."""
    if isinstance(value, datetime):
        return local_datetime(value).date() if value.tzinfo is not None else value.date()
    return value


def as_of_moment(value: object, name: str = "as_of") -> datetime:
    """An evaluation moment: an aware datetime in Vietnam time; a date means the end of that
    day (23:59:59.999999)."""
    if isinstance(value, datetime):
        return local_datetime(value, name)
    if isinstance(value, date):
        return datetime.combine(value, time.max, tzinfo=VIETNAM_TZ)
    raise InvalidTypeError(
        f"{name} must be a datetime or a date, got {type(value).__name__} {value!r}",
        path=name,
        value=value,
        expected="datetime(2025, 3, 31, 17, 0) or date(2025, 3, 31)",
    )


def parse_iso(text: str, name: str = "value") -> date | datetime:
    """Read an ISO 8601 date or moment: a ``date`` for ``YYYY-MM-DD``, else an aware
    ``datetime`` in Vietnam time (a moment without an offset is local).

    Accepts ``T`` or a space between date and time, seconds with up to nine fraction digits
    (.NET writes seven; digits beyond microseconds are dropped), ``Z`` and ``±HH:MM``
    offsets. Anything else raises :class:`~procedurekit.errors.InvalidArgumentError`
    naming ``name``.

    >>> parse_iso("2026-03-02")
    datetime.date(2026, 3, 2)
    >>> parse_iso("2026-03-02T02:00:00Z").isoformat()
    '2026-03-02T09:00:00+07:00'
    >>> parse_iso("2026-03-02T09:00:00.0000000+07:00").isoformat()
    '2026-03-02T09:00:00+07:00'
    """
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"{name} must be an ISO 8601 text, got {type(text).__name__} {text!r}",
            path=name,
            value=text,
            expected="'2026-03-02' or '2026-03-02T09:00:00+07:00'",
        )
    s = text.strip()
    if not _ISO_RE.match(s):
        raise InvalidArgumentError(
            f"{name} must be an ISO 8601 date or moment, got {text!r}",
            path=name,
            value=text,
            expected="'2026-03-02' or '2026-03-02T09:00:00+07:00'",
        )
    try:
        if len(s) == 10:
            return date.fromisoformat(s)
        found = datetime.fromisoformat(s.replace(",", ".").replace("z", "Z"))
    except ValueError as exc:
        raise InvalidArgumentError(
            f"{name} {text!r} is not a valid date or moment ({exc})",
            path=name,
            value=text,
            expected="'2026-03-02' or '2026-03-02T09:00:00+07:00'",
        ) from None
    return local_datetime(found, name)
