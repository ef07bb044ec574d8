"""Bulk working-day arithmetic over columns: due dates, outcomes and counts for millions of rows.

The functions here answer the same questions as :class:`~procedurekit.WorkingCalendar` and
:class:`~procedurekit.DeadlineRules` for day-based durations, over whole columns (lists,
tuples, any iterable; numpy arrays when numpy is installed) at several million elements a
second in pure Python. They build, once per calendar, a dictionary from each day of the
calendar's range to its prefix count of working days (from the calendar's public
:attr:`~procedurekit.WorkingCalendar.table`) and then do one dictionary lookup and one list
index per element.

Interval conventions are those of the calendar (Civil Code 2015 Art. 147(2): the day of the
triggering event is not counted):

- :func:`add_working_days`: ``n > 0`` the n-th working day strictly after the date;
  ``n < 0`` strictly before; ``n == 0`` the date itself if working, else the next one.
- :func:`working_days_between`: working days in ``(start, end]``; negative when
  ``end < start``.
- :func:`due_dates`: the legal due date of a day-based duration (DESIGN.md "Deadline
  semantics"): ``WorkingDays(n)`` (or a plain ``int``) → ``add_working_days(day, n)``;
  ``CalendarDays(n)`` → ``day + n`` rolled to a working day (Art. 148(5));
  ``Months(n)`` → the same day n months later, clamped to the month's end (Art. 148(3)),
  rolled; ``SameDay(cutoff)`` → the receipt day if it is a working day and the receipt is
  before the close of office hours and not after the cut-off, else the next working day;
  ``NoTimeLimit()`` → ``None``.
- :func:`outcomes`: ``"early"`` before the due date, ``"on_time"`` on it, ``"late"`` after
  (DOMAIN.md §4); an open dossier is ``"in_time"`` or ``"overdue"`` at ``as_of``.

Type rules (checked once per column, at C speed, with ``set(map(type, column))``):

- A *date column* (:func:`add_working_days`, :func:`working_days_between`) holds
  ``datetime.date`` values only. A ``datetime`` in it is refused, as the scalar API refuses
  it, because its time of day would be silently dropped.
- A *receipt column* (:func:`due_dates`) and an *end column* (:func:`outcomes`) hold dates
  or naive local datetimes (an aware datetime is converted to Vietnam time, UTC+07:00). A
  datetime's date is its day: the receipt day is not counted (Art. 147(2)), and outcomes are
  judged by date (Art. 148(6): a period ends at 24:00).
- A count column holds ``int`` values only (``bool`` is refused).

A bad element raises a :class:`~procedurekit.ProcedureKitError` subclass whose ``path`` is
``"<column>[<index>]"`` and whose message names both. Nothing else escapes.

numpy: when ``dates`` (or ``received``) is a ``numpy.ndarray`` of ``datetime64``, the work is
vectorised and the result is a ``datetime64[D]`` (or ``int64``) array. numpy is imported only
when such an array is passed; it is never a runtime dependency.
"""

from __future__ import annotations

import calendar as _stdcal
import functools
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, overload

from procedurekit._time import FIRST_DAY, LAST_DAY, to_local
from procedurekit.calendar.working import WorkingCalendar
from procedurekit.deadlines.rules import RECEIPT_POLICIES, ReceiptPolicy
from procedurekit.durations import (
    CalendarDays,
    Duration,
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
)

if TYPE_CHECKING:
    from procedurekit.calendar.hours import OfficeHours

__all__ = [
    "EARLY",
    "IN_TIME",
    "LATE",
    "ON_TIME",
    "OUTCOMES",
    "OVERDUE",
    "Outcome",
    "add_working_days",
    "due_dates",
    "outcomes",
    "working_days_between",
]

#: Finished before the due date.
EARLY: Final = "early"
#: Finished on the due date.
ON_TIME: Final = "on_time"
#: Finished after the due date.
LATE: Final = "late"
#: Open at ``as_of`` and not past the due date.
IN_TIME: Final = "in_time"
#: Open at ``as_of`` and past the due date.
OVERDUE: Final = "overdue"
#: Every outcome, in report order.
OUTCOMES: Final = (EARLY, ON_TIME, LATE, IN_TIME, OVERDUE)

Outcome = Literal["early", "on_time", "late", "in_time", "overdue"]

_EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()
_TZINFO = attrgetter("tzinfo")


class _Array(Protocol):
    """Structural type of a numpy array (numpy is optional, so it is not imported here)."""

    @property
    def dtype(self) -> Any: ...

    @property
    def shape(self) -> tuple[int, ...]: ...


class _Tables:
    """Per-calendar lookup tables, built once from ``WorkingCalendar.table``.

    ``after[d]`` is the number of working days in ``[FIRST_DAY, d]`` (the calendar's
    ``cum[i + 1]``); ``before[d]`` the number in ``[FIRST_DAY, d)``; ``work[k]`` the k-th
    working day; ``before_by_index[i]`` the prefix count for day index ``i``.
    """

    __slots__ = ("after", "before", "before_by_index", "n", "np_cum", "np_work", "o0", "work")

    def __init__(self, table: bytes) -> None:
        o0 = FIRST_DAY.toordinal()
        cum = list(accumulate(table, initial=0))
        days = [date.fromordinal(o0 + k) for k in range(len(table))]
        self.o0 = o0
        self.n = len(table)
        self.before_by_index = cum
        self.after = dict(zip(days, cum[1:], strict=True))
        self.before = dict(zip(days, cum, strict=False))
        self.work = [d for d, w in zip(days, table, strict=True) if w]
        self.np_cum: Any = None
        self.np_work: Any = None

    def numpy(self, np: Any) -> tuple[Any, Any]:
        """The prefix counts and working days as numpy arrays (built on first use)."""
        if self.np_cum is None:
            self.np_cum = np.asarray(self.before_by_index, dtype=np.int64)
            self.np_work = np.asarray(self.work, dtype="datetime64[D]")
        return self.np_cum, self.np_work


@functools.lru_cache(maxsize=8)
def _tables_for(table: bytes) -> _Tables:
    return _Tables(table)


def _tables(calendar: WorkingCalendar) -> _Tables:
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidTypeError(
            f"calendar must be a WorkingCalendar, got {type(calendar).__name__}",
            path="calendar",
            value=calendar,
            expected="WorkingCalendar.vietnam()",
        )
    # Keyed by the bitmap: equal calendars share tables; bytes cache their hash.
    return _tables_for(calendar.table)


# -- element errors ---------------------------------------------------------------------------


def _type_error(column: str, index: int, value: object, expected: str) -> InvalidTypeError:
    return InvalidTypeError(
        f"{column}[{index}] must be {expected}, got {type(value).__name__} {value!r}",
        path=f"{column}[{index}]",
        value=value,
        expected=expected,
    )


def _range_error(column: str, index: int, value: object, what: str = "") -> CalendarRangeError:
    return CalendarRangeError(
        f"{column}[{index}] {what}{value} is outside the calendar's range {FIRST_DAY}..{LAST_DAY}",
        path=f"{column}[{index}]",
        value=value,
        expected=f"a date from {FIRST_DAY} to {LAST_DAY}",
    )


def _result_range_error(column: str, index: int, day: object, n: object) -> CalendarRangeError:
    """``n`` is a number of working days, or the duration (``Months(12)``) that overflows."""
    step = f"{'-' if n < 0 else '+'} {abs(n)} working days" if isinstance(n, int) else f"+ {n!r}"
    return CalendarRangeError(
        f"{column}[{index}]: {day} {step} falls outside the calendar's range "
        f"{FIRST_DAY}..{LAST_DAY}",
        path=f"{column}[{index}]",
        value=day,
        expected="a result inside the calendar's range",
    )


def _length_error(names: tuple[str, str], lengths: tuple[int, int]) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"columns {names[0]} and {names[1]} have different lengths ({lengths[0]} and {lengths[1]})",
        path=names[1],
        value=lengths[1],
        expected=f"{lengths[0]} elements, one per element of {names[0]}",
    )


# -- columns ------------------------------------------------------------------------------------


def _column(values: Any, name: str) -> Sequence[Any]:
    if isinstance(values, list | tuple):
        return values
    if isinstance(values, str | bytes | date) or not isinstance(values, Iterable):
        raise InvalidTypeError(
            f"{name} must be a column (a list, tuple, iterable or numpy array), "
            f"got {type(values).__name__} {values!r}",
            path=name,
            value=values,
            expected=f"[date(2026, 2, 13), ...] for {name}",
        )
    return list(values)


def _numpy_of(*values: object) -> Any:
    """The numpy module when any of ``values`` is a numpy array, else ``None``."""
    np = sys.modules.get("numpy")
    if np is None:
        return None
    for v in values:
        if isinstance(v, np.ndarray):
            return np
    return None


def _check_dates(col: Sequence[Any], name: str) -> None:
    """Refuse anything but plain dates in a date column, naming the first bad element."""
    if set(map(type, col)) <= {date}:
        return
    for i, v in enumerate(col):
        if type(v) is not date:
            if isinstance(v, datetime):
                raise InvalidTypeError(
                    f"{name}[{i}] must be a datetime.date, got a datetime {v!r}; a date column "
                    f"refuses datetimes (their time of day would be dropped): pass dates",
                    path=f"{name}[{i}]",
                    value=v,
                    expected="datetime.date(2026, 2, 13)",
                )
            if not isinstance(v, date):
                raise _type_error(name, i, v, "a datetime.date")


def _day_of(v: object, name: str, i: int) -> date:
    """The local day of one receipt or end element: a date, or a datetime's date."""
    if isinstance(v, datetime):
        if v.tzinfo is not None:
            offset = v.utcoffset()
            if offset is not None:
                try:
                    v = v - offset + timedelta(hours=7)
                except OverflowError:
                    raise _range_error(name, i, v) from None
        return date(v.year, v.month, v.day)
    if isinstance(v, date):
        return date(v.year, v.month, v.day)
    raise _type_error(name, i, v, "a datetime.date or a naive local datetime.datetime")


def _days(col: Sequence[Any], name: str) -> Sequence[date]:
    """A receipt or end column as local days (see the module's type rules)."""
    kinds = set(map(type, col))
    if kinds <= {date}:
        return col
    if kinds == {datetime} and set(map(_TZINFO, col)) == {None}:
        return list(map(datetime.date, col))
    return [_day_of(v, name, i) for i, v in enumerate(col)]


def _check_ints(col: Sequence[Any], name: str) -> None:
    if set(map(type, col)) <= {int}:
        return
    for i, v in enumerate(col):
        if type(v) is not int:
            raise _type_error(name, i, v, "an int (a number of working days)")


def _lookup_failure(
    columns: Sequence[tuple[Sequence[Any], str]], table: dict[date, int]
) -> CalendarRangeError:
    """The error for the first element missing from ``table`` (out of range), taking the
    ``(column, name)`` pairs in order; called only after a lookup in them failed."""
    for col, name in columns:
        for i, v in enumerate(col):
            if v not in table:
                return _range_error(name, i, v)
    raise AssertionError("no element is missing from the table")  # pragma: no mutate


# -- add_working_days -----------------------------------------------------------------------


@overload
def add_working_days(
    calendar: WorkingCalendar, dates: _Array, ns: int | Iterable[int] | _Array
) -> Any: ...
@overload
def add_working_days(calendar: WorkingCalendar, dates: Iterable[date], ns: _Array) -> Any: ...
@overload
def add_working_days(
    calendar: WorkingCalendar, dates: Iterable[date], ns: int | Iterable[int]
) -> list[date]: ...
def add_working_days(calendar: WorkingCalendar, dates: Any, ns: Any) -> Any:
    """``calendar.add_working_days(d, n)`` for every ``d`` of ``dates``.

    ``ns`` is one ``int`` for all, or a column of ints as long as ``dates``. ``dates`` is a
    date column (a datetime is refused). Returns a list of dates, or a ``datetime64[D]``
    array when ``dates`` is a numpy array.

    >>> cal = WorkingCalendar.vietnam()
    >>> add_working_days(cal, [date(2026, 2, 13), date(2026, 3, 2)], 1)   # Tết 2026
    [datetime.date(2026, 2, 23), datetime.date(2026, 3, 3)]
    """
    tables = _tables(calendar)
    np = _numpy_of(dates, ns)
    if np is not None:
        return _np_add(np, tables, dates, ns)
    col = _column(dates, "dates")
    _check_dates(col, "dates")
    if isinstance(ns, bool) or not isinstance(ns, int):
        ncol = _column(ns, "ns")
        if len(ncol) != len(col):
            raise _length_error(("dates", "ns"), (len(col), len(ncol)))
        _check_ints(ncol, "ns")
        return _add_column(tables, col, ncol, "dates")
    return _add_scalar(tables, col, ns, "dates")


def _add_scalar(t: _Tables, col: Sequence[date], n: int, name: str) -> list[date]:
    work = t.work
    try:
        if n > 0:
            after = t.after
            k = n - 1
            return [work[after[d] + k] for d in col]
        before = t.before
        ks = [before[d] + n for d in col]
        if ks and min(ks) < 0:
            raise IndexError
        return list(map(work.__getitem__, ks))
    except (KeyError, IndexError):
        raise _add_failure(t, col, n, name) from None


def _add_column(t: _Tables, col: Sequence[date], ncol: Sequence[int], name: str) -> list[date]:
    work, after, before = t.work, t.after, t.before
    try:
        ks = [after[d] + n - 1 if n > 0 else before[d] + n for d, n in zip(col, ncol, strict=True)]
        if ks and min(ks) < 0:
            raise IndexError
        return list(map(work.__getitem__, ks))
    except (KeyError, IndexError):
        raise _add_failure(t, col, ncol, name) from None


def _add_failure(
    t: _Tables, col: Sequence[date], ns: int | Sequence[int], name: str
) -> CalendarRangeError:
    """The error for the first element of ``col`` whose lookup failed: a day outside the
    calendar, or a result outside it; called only after a lookup failed."""
    nwork = len(t.work)
    for i, d in enumerate(col):
        n = ns if isinstance(ns, int) else ns[i]
        if d not in t.after:
            return _range_error(name, i, d)
        k = t.after[d] + n - 1 if n > 0 else t.before[d] + n
        if not 0 <= k < nwork:
            return _result_range_error(name, i, d, n)
    raise AssertionError("no element fails")  # pragma: no mutate


# -- working_days_between ---------------------------------------------------------------------


@overload
def working_days_between(
    calendar: WorkingCalendar, starts: _Array, ends: date | Iterable[date] | _Array
) -> Any: ...
@overload
def working_days_between(
    calendar: WorkingCalendar, starts: date | Iterable[date], ends: _Array
) -> Any: ...
@overload
def working_days_between(
    calendar: WorkingCalendar, starts: date | Iterable[date], ends: date | Iterable[date]
) -> list[int]: ...
def working_days_between(calendar: WorkingCalendar, starts: Any, ends: Any) -> Any:
    """Working days in ``(start, end]`` for each pair; negative when ``end < start``.

    Either side may be a single date, applied to every element of the other. Both are date
    columns (a datetime is refused). Returns a list of ints, or an ``int64`` array when a
    numpy array is passed.

    >>> cal = WorkingCalendar.vietnam()
    >>> working_days_between(cal, date(2026, 2, 13), [date(2026, 2, 23), date(2026, 2, 13)])
    [1, 0]
    """
    tables = _tables(calendar)
    np = _numpy_of(starts, ends)
    if np is not None:
        return _np_between(np, tables, starts, ends)
    after = tables.after
    if isinstance(starts, date) and isinstance(ends, date):
        raise InvalidTypeError(
            "starts and ends are both single dates; use WorkingCalendar.working_days_between",
            path="starts",
            value=starts,
            expected="a column of dates for starts or ends",
        )
    if isinstance(starts, date):
        a = _one_date(starts, "starts", after)
        col = _column(ends, "ends")
        _check_dates(col, "ends")
        try:
            return [after[b] - a for b in col]
        except KeyError:
            raise _lookup_failure(((col, "ends"),), after) from None
    if isinstance(ends, date):
        b = _one_date(ends, "ends", after)
        col = _column(starts, "starts")
        _check_dates(col, "starts")
        try:
            return [b - after[x] for x in col]
        except KeyError:
            raise _lookup_failure(((col, "starts"),), after) from None
    scol = _column(starts, "starts")
    ecol = _column(ends, "ends")
    if len(scol) != len(ecol):
        raise _length_error(("starts", "ends"), (len(scol), len(ecol)))
    _check_dates(scol, "starts")
    _check_dates(ecol, "ends")
    try:
        return [after[b] - after[a] for a, b in zip(scol, ecol, strict=True)]
    except KeyError:
        raise _lookup_failure(((scol, "starts"), (ecol, "ends")), after) from None


def _one_date(value: date, name: str, after: dict[date, int]) -> int:
    if type(value) is not date:
        raise InvalidTypeError(
            f"{name} must be a datetime.date, got {type(value).__name__} {value!r}",
            path=name,
            value=value,
            expected="datetime.date(2026, 2, 13)",
        )
    try:
        return after[value]
    except KeyError:
        raise CalendarRangeError(
            f"{name} {value} is outside the calendar's range {FIRST_DAY}..{LAST_DAY}",
            path=name,
            value=value,
            expected=f"a date from {FIRST_DAY} to {LAST_DAY}",
        ) from None


# -- due_dates ------------------------------------------------------------------------------


@overload
def due_dates(
    calendar: WorkingCalendar,
    received: _Array,
    durations: int | WorkingDays | _Array,
    *,
    hours: OfficeHours | None = None,
    receipt_policy: ReceiptPolicy = "as-submitted",
) -> Any: ...
@overload
def due_dates(
    calendar: WorkingCalendar,
    received: Iterable[date | datetime],
    durations: int | Duration | Iterable[int | Duration],
    *,
    hours: OfficeHours | None = None,
    receipt_policy: ReceiptPolicy = "as-submitted",
) -> list[date | None]: ...
def due_dates(
    calendar: WorkingCalendar,
    received: Any,
    durations: Any,
    *,
    hours: OfficeHours | None = None,
    receipt_policy: ReceiptPolicy = "as-submitted",
) -> Any:
    """The legal due date of each receipt for a day-based duration (module doc for the rules).

    ``received`` holds dates or naive local datetimes (a datetime's date is the receipt day:
    Civil Code 147(2)); ``durations`` is one duration for all or a column: an ``int``
    (working days), :class:`WorkingDays` with a whole value, :class:`CalendarDays`,
    :class:`Months`, :class:`SameDay` or :class:`NoTimeLimit` (``None`` out). Hour-based
    durations (:class:`WorkingHours`, fractional working days) need
    :meth:`DeadlineRules.due`, which counts office time; they are refused here.

    ``receipt_policy`` is one of :data:`~procedurekit.deadlines.RECEIPT_POLICIES`:
    ``"as-submitted"`` (the default: the submission day is the event
    day, whatever the hour) or ``"next-opening"`` (a datetime at or after the close of office
    hours, or on a non-working day, is received on the next working day: Circular
    87/2021/TT-BTC Art. 10). ``hours`` (default :meth:`OfficeHours.standard`) gives the close
    of office hours for ``"next-opening"`` and for :class:`SameDay`.

    >>> cal = WorkingCalendar.vietnam()
    >>> due_dates(cal, [datetime(2026, 2, 13, 16, 30)], 1)   # Friday before Tết
    [datetime.date(2026, 2, 23)]
    """
    if receipt_policy not in RECEIPT_POLICIES:
        raise InvalidArgumentError(
            f"receipt_policy must be one of {', '.join(map(repr, RECEIPT_POLICIES))}, got "
            f"{receipt_policy!r}",
            path="receipt_policy",
            value=receipt_policy,
            expected="'as-submitted'",
        )
    rule = RECEIPT_POLICIES[receipt_policy][0]  # the rule a sector preset applies
    tables = _tables(calendar)
    np = _numpy_of(received, durations)
    if np is not None and rule == "as-submitted":
        n = durations.value if isinstance(durations, WorkingDays) else durations
        if isinstance(n, bool) or not isinstance(n, int | np.ndarray):
            raise InvalidArgumentError(
                "the numpy path takes working days only (an int, WorkingDays(n) or an int "
                f"array), got {durations!r}",
                path="durations",
                value=durations,
                expected="5, WorkingDays(5) or numpy.array([5, 10])",
            )
        return _np_add(np, tables, np.asarray(received).astype("datetime64[D]"), n, "received")
    if np is not None:
        received = received.tolist() if isinstance(received, np.ndarray) else received
        durations = durations.tolist() if isinstance(durations, np.ndarray) else durations
    col = _column(received, "received")
    scalar = isinstance(durations, int | Duration) and not isinstance(durations, bool)
    dcol: Sequence[Any] = [] if scalar else _column(durations, "durations")
    if not scalar and len(dcol) != len(col):
        raise _length_error(("received", "durations"), (len(col), len(dcol)))
    times_matter = rule == "next-opening" or _has_same_day(durations, dcol, scalar=scalar)
    days: Sequence[date]
    if times_matter:
        days, col = _receipt_days(calendar, tables, col, rule, hours)
    else:
        days = _days(col, "received")
    if scalar:
        n = _working_days_int(durations)
        if n is not None:
            return _add_scalar(tables, days, n, "received")
        return [
            _due_one(tables, d, durations, col[i], hours, calendar, i) for i, d in enumerate(days)
        ]
    kinds = set(map(type, dcol))
    if kinds <= {int}:
        return _add_column(tables, days, dcol, "received")
    if kinds <= {WorkingDays} and set(map(type, map(_VALUE, dcol))) <= {int}:
        return _add_column(tables, days, list(map(_VALUE, dcol)), "received")
    return [_due_one(tables, d, dcol[i], col[i], hours, calendar, i) for i, d in enumerate(days)]


_VALUE = attrgetter("value")


def _has_same_day(durations: object, dcol: Sequence[Any], *, scalar: bool) -> bool:
    if scalar:
        return isinstance(durations, SameDay)
    return SameDay in set(map(type, dcol))


def _working_days_int(duration: object) -> int | None:
    if type(duration) is int:
        return duration
    if isinstance(duration, WorkingDays) and type(duration.value) is int:
        return duration.value
    return None


def _receipt_days(
    calendar: WorkingCalendar,
    t: _Tables,
    col: Sequence[Any],
    policy: str,
    hours: OfficeHours | None,
) -> tuple[list[date], list[Any]]:
    """Receipt days when the time of day matters, and the effective receipts.

    Under ``"next-opening"`` a receipt at or after the close, or on a day off, is received
    at the next working day's opening: its effective receipt is then that day (a ``date``
    means the opening of office hours).
    """
    out: list[date] = []
    effective: list[Any] = []
    office = _office(hours)
    for i, v in enumerate(col):
        day = _day_of(v, "received", i)
        if day not in t.after:
            raise _range_error("received", i, day)
        if policy == "next-opening" and isinstance(v, datetime):
            local = to_local(v, "received")
            if t.after[day] == t.before[day] or local >= _close(office, day, calendar):
                k = t.after[day]
                if k >= len(t.work):
                    raise _result_range_error("received", i, day, 1)
                day = t.work[k]
                v = day
        out.append(day)
        effective.append(v)
    return out, effective


def _office(hours: OfficeHours | None) -> OfficeHours:
    if hours is not None:
        return hours
    from procedurekit.calendar.hours import OfficeHours

    return OfficeHours.standard()


def _close(office: OfficeHours, day: date, calendar: WorkingCalendar) -> datetime:
    return office.closing(day, calendar).replace(tzinfo=None)


def _due_one(
    t: _Tables,
    day: date,
    duration: object,
    raw: object,
    hours: OfficeHours | None,
    calendar: WorkingCalendar,
    i: int,
) -> date | None:
    """One due date in the general path (mixed duration column, calendar days, months, ...)."""
    work = t.work
    if type(duration) is int or (isinstance(duration, WorkingDays) and type(duration.value) is int):
        n = duration if type(duration) is int else duration.value  # type: ignore[union-attr]
        assert isinstance(n, int)
        k = t.after[day] + n - 1 if n > 0 else t.before[day] + n
        if not 0 <= k < len(work):
            raise _result_range_error("received", i, day, n)
        return work[k]
    if isinstance(duration, CalendarDays | Months):
        value = duration.value
        assert isinstance(value, int)
        if isinstance(duration, CalendarDays):
            target = day.toordinal() + value
        else:
            y, m = divmod(day.month - 1 + value, 12)
            year = day.year + y
            if year > LAST_DAY.year:
                raise _result_range_error("received", i, day, duration)
            last = _stdcal.monthrange(year, m + 1)[1]
            target = date(year, m + 1, min(day.day, last)).toordinal()
        idx = target - t.o0
        if not 0 <= idx < t.n or t.before_by_index[idx] >= len(work):
            raise _result_range_error("received", i, day, duration)
        return work[t.before_by_index[idx]]
    if isinstance(duration, SameDay):
        working = t.after[day] != t.before[day]
        if working and isinstance(raw, datetime):
            local = to_local(raw, "received")
            in_time = local < _close(_office(hours), day, calendar)
            if duration.cutoff is not None and local.time() > duration.cutoff:
                in_time = False
            if in_time:
                return day
        elif working:
            return day
        k = t.after[day]
        if k >= len(work):
            raise _result_range_error("received", i, day, 1)
        return work[k]
    if isinstance(duration, NoTimeLimit):
        return None
    if isinstance(duration, WorkingDays | WorkingHours):
        raise InvalidArgumentError(
            f"durations[{i}] {duration!r} is counted in office hours; batch.due_dates takes "
            "day-based durations only: use DeadlineRules.due for it",
            path=f"durations[{i}]",
            value=duration,
            expected="an int, WorkingDays(5), CalendarDays(15), Months(1), SameDay()",
        )
    raise _type_error(
        "durations", i, duration, "an int or a Duration (WorkingDays, CalendarDays, Months, ...)"
    )


# -- outcomes -------------------------------------------------------------------------------


def outcomes(
    due: Iterable[date | None] | _Array,
    ends: Iterable[date | datetime | None] | _Array,
    *,
    as_of: date | None = None,
) -> list[Outcome | None]:
    """Classify each dossier: ``"early"``, ``"on_time"``, ``"late"`` (DOMAIN.md §4).

    ``due`` holds due dates (``None`` for no time limit: a finished dossier is then
    ``"on_time"``); ``ends`` the end days (dates or naive local datetimes, judged by date;
    ``None`` while open). An open dossier is ``"in_time"`` or ``"overdue"`` at ``as_of``
    (``None`` when ``as_of`` is not given: the clock is never read implicitly).

    >>> outcomes([date(2026, 3, 2)] * 3, [date(2026, 2, 27), date(2026, 3, 2), None],
    ...          as_of=date(2026, 3, 3))
    ['early', 'on_time', 'overdue']
    """
    np = _numpy_of(due, ends)
    if np is not None:
        due = due.tolist() if isinstance(due, np.ndarray) else due
        ends = ends.tolist() if isinstance(ends, np.ndarray) else ends
    dcol = _column(due, "due")
    ecol = _column(ends, "ends")
    if len(dcol) != len(ecol):
        raise _length_error(("due", "ends"), (len(dcol), len(ecol)))
    if as_of is not None and (type(as_of) is not date):
        raise InvalidTypeError(
            f"as_of must be a datetime.date, got {type(as_of).__name__} {as_of!r}",
            path="as_of",
            value=as_of,
            expected="datetime.date(2026, 3, 31)",
        )
    dkinds = set(map(type, dcol))
    if not dkinds <= {date, type(None)}:
        for i, v in enumerate(dcol):
            if v is not None and type(v) is not date:
                raise _type_error("due", i, v, "a datetime.date or None")
    ekinds = set(map(type, ecol))
    if ekinds <= {date}:
        days: Sequence[date | None] = ecol
    elif ekinds <= {date, type(None)}:
        days = ecol
    else:
        days = [None if v is None else _day_of(v, "ends", i) for i, v in enumerate(ecol)]
    if dkinds <= {date} and ekinds <= {date}:
        return [
            "early" if e < d else ("on_time" if e == d else "late")
            for d, e in zip(dcol, days, strict=True)
        ]
    return [_outcome(d, e, as_of) for d, e in zip(dcol, days, strict=True)]


def _outcome(due: date | None, end: date | None, as_of: date | None) -> Outcome | None:
    if end is not None:
        if due is None or end == due:
            return "on_time"
        return "early" if end < due else "late"
    if as_of is None:
        return None
    if due is None or as_of <= due:
        return "in_time"
    return "overdue"


# -- numpy ------------------------------------------------------------------------------------


def _np_days(np: Any, values: Any, name: str) -> Any:
    """Day indices (from FIRST_DAY) of a datetime64 array, range-checked (NaT refused)."""
    if not isinstance(values, np.ndarray):
        col = _column(values, name)
        _check_dates(col, name)
        values = np.asarray(col, dtype="datetime64[D]")
    arr = np.atleast_1d(np.asarray(values))
    if arr.dtype.kind != "M":
        raise InvalidTypeError(
            f"{name} must be a numpy datetime64 array, got dtype {arr.dtype}",
            path=name,
            value=str(arr.dtype),
            expected="numpy.array(['2026-02-13'], dtype='datetime64[D]')",
        )
    days = arr.astype("datetime64[D]")
    idx = days.astype(np.int64) - (FIRST_DAY.toordinal() - _EPOCH_ORDINAL)
    bad = (idx < 0) | (idx >= LAST_DAY.toordinal() - FIRST_DAY.toordinal() + 1)
    if bad.any():
        i = int(np.argmax(bad))
        raise _range_error(name, i, days[i])
    return idx


def _np_ints(np: Any, values: Any, name: str, length: int) -> Any:
    if isinstance(values, int) and not isinstance(values, bool):
        return values
    arr = np.asarray(values)
    if arr.dtype.kind not in "iu":
        raise InvalidTypeError(
            f"{name} must be an integer array, got dtype {arr.dtype}",
            path=name,
            value=str(arr.dtype),
            expected="numpy.array([5, 10])",
        )
    if arr.shape != (length,):
        raise _length_error(("dates", name), (length, int(arr.size)))
    return arr.astype(np.int64)


def _np_add(np: Any, t: _Tables, dates: Any, ns: Any, name: str = "dates") -> Any:
    cum, work = t.numpy(np)
    idx = _np_days(np, dates, name)
    n = _np_ints(np, ns, "ns", len(idx))
    k = np.where(n > 0, cum[idx + 1] + n - 1, cum[idx] + n)
    bad = (k < 0) | (k >= len(work))
    if bad.any():
        i = int(np.argmax(bad))
        ni = int(n if np.ndim(n) == 0 else n[i])
        raise _result_range_error(name, i, np.atleast_1d(np.asarray(dates))[i], ni)
    return work[k]


def _np_between(np: Any, t: _Tables, starts: Any, ends: Any) -> Any:
    cum, _ = t.numpy(np)

    def prefix(values: Any, name: str) -> Any:
        if isinstance(values, date) and not isinstance(values, datetime):
            values = [values]  # one date for every element of the other side
        return cum[_np_days(np, values, name) + 1]

    a = prefix(starts, "starts")
    b = prefix(ends, "ends")
    if a.shape != b.shape and 1 not in (a.size, b.size):
        raise _length_error(("starts", "ends"), (int(a.size), int(b.size)))
    return b - a
