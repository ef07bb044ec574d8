"""The working calendar: which days an office works, answered in O(1) from a prefix table.

A :class:`WorkingCalendar` is a weekmask (Saturday and Sunday off), a table of dated
entries (:class:`DayEntry`: a holiday, a compensatory day, a swapped day, a make-up working
Saturday, a local closure), each with its name and source, and each year's status:
complete (its announcements are in the data), unverified (data taken on trust, its
announcements not all found) or provisional (not announced yet). From these it builds,
once, a bitmap of working days over its range, a prefix-count table and the list of
working days, so that every question is a few list lookups.

Interval conventions (Civil Code 2015 Art. 147(2): the day of the event is not counted):

- ``add_working_days(d, n)``, ``n > 0``: the n-th working day strictly after ``d``;
  ``n < 0``: the (-n)-th working day strictly before ``d``; ``n == 0``: ``d`` if it is a
  working day, else the next working day.
- ``working_days_between(a, b)``: the working days in the half-open interval ``(a, b]``;
  ``-working_days_between(b, a)`` when ``b < a``.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from itertools import accumulate, compress
from typing import Any, Literal

import attrs

from procedurekit._time import FIRST_DAY, LAST_DAY, WEEKDAYS_EN, WEEKDAYS_VI
from procedurekit.errors import CalendarRangeError, InvalidArgumentError, InvalidTypeError

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "DayEntry",
    "DayKind",
    "EntryStatus",
    "WorkingCalendar",
    "YearStatus",
]


#: Why a year is or is not settled: the values of :meth:`WorkingCalendar.year_status`.
YearStatus = Literal["complete", "provisional", "unverified"]


class DayKind(enum.Enum):
    """Why a day differs from the weekmask."""

    STATUTORY = "statutory"  #: ngày lễ, Tết: a holiday of Labour Code 2019 Art. 112
    COMPENSATORY = "compensatory"  #: nghỉ bù: a holiday fell on a weekend (Art. 111(3))
    SWAP = "swap"  #: hoán đổi: a weekday made a day off by an announced swap
    MAKEUP = "makeup"  #: làm bù: a weekend day made a working day by an announced swap
    LOCAL = "local"  #: an agency's or province's own closure or extra working day


class EntryStatus(enum.Enum):
    """How far an entry is confirmed."""

    CONFIRMED = "confirmed"  #: checked against the announcement it cites
    UNVERIFIED = "unverified"  #: taken from the ``holidays`` package, not checked
    REPORTED = "reported"  #: reported by the press; the legal text was not read
    PROJECTED = "projected"  #: computed from the law for a year not yet announced


@attrs.frozen
class DayEntry:
    """One dated calendar fact: a day off on a weekday, or a working day on a weekend.

    ``working`` is ``True`` for a make-up working day (làm bù). ``source`` names the
    document ("Công văn 12729/VPCP-KGVX"); ``announced`` is the day it was published, used
    by ``WorkingCalendar.vietnam(known_at=...)``.
    """

    day: date
    kind: DayKind
    name_vi: str
    name_en: str
    working: bool = False
    source: str | None = None
    announced: date | None = None
    status: EntryStatus = EntryStatus.CONFIRMED


#: What :meth:`WorkingCalendar.with_changes` takes: dates or entries, or dates with names.
LocalDays = Iterable[date | DayEntry] | Mapping[date, str | tuple[str, str]]


def _range_error(what: str, value: object) -> CalendarRangeError:
    return CalendarRangeError(
        f"{what} {value} is outside the calendar's range {FIRST_DAY}..{LAST_DAY}",
        path=what,
        value=value,
        expected=f"a date from {FIRST_DAY} to {LAST_DAY}",
    )


def check_date(value: object, name: str) -> date:
    """Return ``value`` if it is a plain ``date``; refuse ``datetime`` and other types."""
    if isinstance(value, datetime):
        raise InvalidTypeError(
            f"{name} must be a datetime.date, got a datetime {value!r}; "
            f"pass {name}.date() to use its day",
            path=name,
            value=value,
            expected="datetime.date(2026, 2, 13)",
        )
    if not isinstance(value, date):
        raise InvalidTypeError(
            f"{name} must be a datetime.date, got {type(value).__name__} {value!r}",
            path=name,
            value=value,
            expected="datetime.date(2026, 2, 13)",
        )
    return value


def _check_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(
            f"{name} must be an int, got {type(value).__name__} {value!r}",
            path=name,
            value=value,
            expected="an integer number of working days, e.g. 5",
        )
    return value


@functools.cache
def _range_days() -> tuple[date, ...]:
    """Every day of the calendars' range (``FIRST_DAY`` .. ``LAST_DAY``), built once: every
    calendar's lookup tables are keyed by them."""
    o0 = FIRST_DAY.toordinal()
    return tuple(map(date.fromordinal, range(o0, LAST_DAY.toordinal() + 1)))


class WorkingCalendar:
    """A public-sector working calendar over 2010-01-01..2060-12-31.

    Build the official one with :meth:`vietnam`; derive an agency's own with
    :meth:`with_changes`.

    Instances are immutable: every table is built in the constructor and nothing is filled
    later, so one calendar may serve any number of threads at once. They pickle (the
    entries, the bitmap and the names; the lookup tables are rebuilt on loading), so a
    calendar can be sent to a process pool or a task queue; ``copy.copy`` and
    ``copy.deepcopy`` return the calendar itself, as for any immutable value.

    >>> from datetime import date
    >>> cal = WorkingCalendar(weekend=(5, 6))
    >>> cal.add_working_days(date(2030, 1, 4), 1)   # a Friday: next is Monday
    datetime.date(2030, 1, 7)
    """

    __slots__ = (
        "_after",
        "_before",
        "_by_day",
        "_complete_years",
        "_cum",
        "_data_version",
        "_entries",
        "_is_work",
        "_n",
        "_name",
        "_o0",
        "_recipe",
        "_unverified_years",
        "_weekend",
        "_work",
        "_working",
    )

    _o0: int
    _n: int
    _working: bytes
    _cum: list[int]
    _work: list[date]
    _before: dict[date, int]
    _after: dict[date, int]
    _is_work: dict[date, bool]
    _by_day: dict[date, DayEntry]
    _entries: tuple[DayEntry, ...]
    _weekend: frozenset[int]
    _complete_years: frozenset[int]
    _unverified_years: frozenset[int]
    _name: str
    _data_version: str
    _recipe: str | None

    def __init__(
        self,
        entries: Iterable[DayEntry] = (),
        *,
        weekend: Iterable[int] = (5, 6),
        complete_years: Iterable[int] = (),
        unverified_years: Iterable[int] = (),
        name: str = "custom",
        data_version: str = "custom",
    ) -> None:
        week = frozenset(weekend)
        if not week <= set(range(7)):
            raise InvalidArgumentError(
                f"weekend must hold weekday numbers 0 (Monday) to 6 (Sunday), got {sorted(week)}",
                path="weekend",
                value=weekend,
                expected="(5, 6) for Saturday and Sunday",
            )
        by_day: dict[date, DayEntry] = {}
        for entry in entries:
            if not isinstance(entry, DayEntry):
                raise InvalidTypeError(
                    f"entries must be DayEntry values, got {type(entry).__name__}",
                    path="entries",
                    value=entry,
                    expected="DayEntry(day=..., kind=DayKind.LOCAL, name_vi=..., name_en=...)",
                )
            if not FIRST_DAY <= entry.day <= LAST_DAY:
                raise _range_error("entry day", entry.day)
            by_day[entry.day] = entry  # a later entry for the same day overrides
        o0 = FIRST_DAY.toordinal()
        n = LAST_DAY.toordinal() - o0 + 1
        # FIRST_DAY's weekday starts the repeating weekmask.
        first_wd = FIRST_DAY.weekday()
        mask = bytes(0 if (first_wd + k) % 7 in week else 1 for k in range(7))
        working = bytearray(mask * (n // 7 + 1))[:n]
        for day, entry in by_day.items():
            working[day.toordinal() - o0] = 1 if entry.working else 0
        self._set_tables(
            bytes(working), by_day, week, complete_years, unverified_years, name, data_version
        )

    def _set_tables(
        self,
        working: bytes,
        by_day: dict[date, DayEntry],
        week: frozenset[int],
        complete_years: Iterable[int],
        unverified_years: Iterable[int],
        name: str,
        data_version: str,
    ) -> None:
        complete = frozenset(complete_years)
        unverified = frozenset(unverified_years)
        if complete & unverified:
            raise InvalidArgumentError(
                f"a year cannot be both complete and unverified: {sorted(complete & unverified)}",
                path="unverified_years",
                value=sorted(complete & unverified),
                expected="unverified_years disjoint from complete_years",
            )
        o0 = FIRST_DAY.toordinal()
        n = LAST_DAY.toordinal() - o0 + 1
        object.__setattr__(self, "_o0", o0)
        object.__setattr__(self, "_n", n)
        object.__setattr__(self, "_working", working)
        days = _range_days()
        cum = list(accumulate(working, initial=0))
        object.__setattr__(self, "_cum", cum)
        object.__setattr__(self, "_work", list(compress(days, working)))
        # Date-keyed lookups for the hot paths: working days strictly before a date, up to and
        # including it, and whether it is one.
        object.__setattr__(self, "_before", dict(zip(days, cum, strict=False)))
        object.__setattr__(self, "_after", dict(zip(days, cum[1:], strict=True)))
        object.__setattr__(self, "_is_work", dict(zip(days, map(bool, working), strict=True)))
        object.__setattr__(self, "_by_day", by_day)
        object.__setattr__(self, "_entries", tuple(sorted(by_day.values(), key=_entry_key)))
        object.__setattr__(self, "_weekend", week)
        object.__setattr__(self, "_complete_years", complete)
        object.__setattr__(self, "_unverified_years", unverified)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_data_version", data_version)
        object.__setattr__(self, "_recipe", None)

    def _built_by(self, recipe: str) -> WorkingCalendar:
        """Record the call that built this calendar, for its repr; used once, by the
        package's own constructors (:mod:`procedurekit.calendar.vietnam`), before the
        calendar is handed out."""
        object.__setattr__(self, "_recipe", recipe)
        return self

    @classmethod
    def _from_table(
        cls,
        entries: Iterable[DayEntry],
        *,
        working: bytes,
        complete_years: Iterable[int],
        unverified_years: Iterable[int] = (),
        name: str,
        data_version: str,
    ) -> WorkingCalendar:
        """Private fast constructor from a precomputed bitmap (the shipped Vietnam table).

        ``working`` holds one byte per day from :data:`FIRST_DAY` (1 = working); it must be
        the bitmap ``WorkingCalendar(entries)`` would build (a test proves it for the table).
        """
        n = LAST_DAY.toordinal() - FIRST_DAY.toordinal() + 1
        if len(working) != n:
            raise InvalidArgumentError(
                f"working must hold {n} days, got {len(working)}",
                path="working",
                value=len(working),
                expected=f"{n} bytes, one per day from {FIRST_DAY} to {LAST_DAY}",
            )
        self = cls.__new__(cls)
        by_day = {e.day: e for e in entries}
        self._set_tables(
            working, by_day, frozenset((5, 6)), complete_years, unverified_years, name, data_version
        )
        return self

    @classmethod
    def _unpickle(
        cls,
        entries: tuple[DayEntry, ...],
        working: bytes,
        weekend: frozenset[int],
        complete_years: frozenset[int],
        unverified_years: frozenset[int],
        name: str,
        data_version: str,
        recipe: str | None = None,
    ) -> WorkingCalendar:
        self = cls.__new__(cls)
        by_day = {e.day: e for e in entries}
        self._set_tables(
            working, by_day, weekend, complete_years, unverified_years, name, data_version
        )
        return self if recipe is None else self._built_by(recipe)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the state (entries, bitmap, weekend, year statuses, names), not the tables."""
        return (
            WorkingCalendar._unpickle,
            (
                self._entries,
                self._working,
                self._weekend,
                self._complete_years,
                self._unverified_years,
                self._name,
                self._data_version,
                self._recipe,
            ),
        )

    def __copy__(self) -> WorkingCalendar:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> WorkingCalendar:
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"WorkingCalendar is immutable; use with_changes() ({name})")

    # -- construction -------------------------------------------------------------------

    @classmethod
    def vietnam(
        cls, *, known_at: date | None = None, extra_files: Iterable[Any] = ()
    ) -> WorkingCalendar:
        """The official Vietnamese public-sector calendar (see :mod:`procedurekit.calendar`).

        ``known_at`` rebuilds the calendar as it had been announced on that day;
        ``extra_files`` loads announcements (TOML or JSON, the package's data format) that
        are newer than the installed package.
        """
        from procedurekit.calendar.vietnam import vietnam_calendar

        return vietnam_calendar(known_at=known_at, extra_files=extra_files)

    def with_changes(
        self,
        *,
        days_off: LocalDays = (),
        working_days: LocalDays = (),
        name: str | None = None,
    ) -> WorkingCalendar:
        """A new calendar with local closures (``days_off``) and extra ``working_days``.

        Each is dates, :class:`DayEntry` values, or a mapping from a date to its name: one
        name for both languages, or a ``(name_vi, name_en)`` pair. A date becomes a
        :attr:`DayKind.LOCAL` entry under that name (a generic one for a plain date), shown
        by :meth:`entry`, :meth:`reason` and ``Deadline.explain()``; pass a
        :class:`DayEntry` to give a source too. The result's ``data_version`` records that
        it was changed.

        >>> from datetime import date
        >>> office = WorkingCalendar().with_changes(days_off={date(2030, 6, 14): "Ngày hội"})
        >>> office.reason(date(2030, 6, 14))
        ('Ngày hội', 'Ngày hội', None)
        """
        new: list[DayEntry] = list(self._entries)
        new.extend(_local_entries(days_off, working=False, arg="days_off"))
        new.extend(_local_entries(working_days, working=True, arg="working_days"))
        label = name if name is not None else f"{self._name}+local"
        return WorkingCalendar(
            new,
            weekend=self._weekend,
            complete_years=self._complete_years,
            unverified_years=self._unverified_years,
            name=label,
            data_version=f"{self._data_version}+{label}",
        )

    # -- questions ------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """A short name: ``"vietnam"``, or the one given to :meth:`with_changes`."""
        return self._name

    @property
    def data_version(self) -> str:
        """The version of the data this calendar was built from, stamped on every deadline."""
        return self._data_version

    @property
    def weekend(self) -> frozenset[int]:
        """Weekday numbers (Monday 0 .. Sunday 6) that are off unless an entry says otherwise."""
        return self._weekend

    @property
    def first_day(self) -> date:
        """The first day this calendar answers for."""
        return FIRST_DAY

    @property
    def last_day(self) -> date:
        """The last day this calendar answers for."""
        return LAST_DAY

    @property
    def complete_years(self) -> frozenset[int]:
        """Years whose data is marked complete (all their announcements are in)."""
        return self._complete_years

    @property
    def unverified_years(self) -> frozenset[int]:
        """Years with data whose announcements were not all found (never complete).

        Their days come from the ``holidays`` package unchecked: the best answer known, but
        a swap or make-up day may be missing. Such a year is provisional too
        (:meth:`is_provisional`); :meth:`year_status` tells the two apart.
        """
        return self._unverified_years

    def year_status(self, year: int) -> YearStatus:
        """Why ``year``'s days are or are not settled; O(1).

        - ``"complete"``: every announcement of the year is in the data;
        - ``"unverified"``: the year has data (from ``holidays``) but its announcements were
          not all found; an answer may be wrong and will not change by itself;
        - ``"provisional"``: the year is not announced yet (or, with ``known_at``, was not
          announced on that day): only the law-fixed days are known.

        :meth:`is_provisional` is ``year_status(d.year) != "complete"``.

        >>> WorkingCalendar(complete_years=[2026], unverified_years=[2017]).year_status(2017)
        'unverified'
        """
        _check_int(year, "year")
        if not FIRST_DAY.year <= year <= LAST_DAY.year:
            raise _range_error("year", year)
        if year in self._complete_years:
            return "complete"
        if year in self._unverified_years:
            return "unverified"
        return "provisional"

    def _index(self, d: object, name: str) -> int:
        if type(d) is not date:
            d = check_date(d, name)
        i: int = d.toordinal() - self._o0
        if not 0 <= i < self._n:
            raise _range_error(name, d)
        return i

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day."""
        try:
            return self._is_work[d]
        except (KeyError, TypeError):
            # Not a plain in-range date: raise the precise error, or serve a date subclass.
            return self._working[self._index(d, "d")] == 1

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (before it when ``n < 0``); see the module doc."""
        # Hot path: two dict/list lookups. Dates outside the range, datetimes (whose hash and
        # equality differ from a date's) and other types miss the dict and are diagnosed below.
        if type(n) is not int:
            _check_int(n, "n")
        try:
            if n > 0:
                return self._work[self._after[d] + n - 1]
            k = self._before[d] + n
            if k >= 0:
                return self._work[k]
        except (KeyError, TypeError):
            # Not a plain in-range date: raise the precise error, or serve a date subclass.
            i = self._index(d, "d")
            k = self._cum[i + 1] + n - 1 if n > 0 else self._cum[i] + n
            if 0 <= k < len(self._work):
                return self._work[k]
        except IndexError:
            pass
        raise CalendarRangeError(
            f"{d} {'+' if n >= 0 else '-'} {abs(n)} working days falls outside the calendar's "
            f"range {FIRST_DAY}..{LAST_DAY}",
            path="n",
            value=n,
            expected="a result inside the calendar's range",
        )

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in ``(a, b]``; negative when ``b < a``."""
        after = self._after
        try:
            return after[b] - after[a]
        except (KeyError, TypeError):
            # Not plain in-range dates: raise the precise error, or serve date subclasses.
            i = self._index(a, "a")
            j = self._index(b, "b")
            return self._cum[j + 1] - self._cum[i + 1]

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        return self.add_working_days(d, -1)

    def roll_forward(self, d: date) -> date:
        """``d`` if it is a working day, else the next one (Civil Code 148(5))."""
        return self.add_working_days(d, 0)

    def working_days(self, start: date, end: date) -> Iterator[date]:
        """Iterate over the working days in the closed interval ``[start, end]``."""
        i = self._index(start, "start")
        j = self._index(end, "end")
        cum, work = self._cum, self._work
        return iter(work[cum[i] : cum[j + 1]])

    def is_provisional(self, d: date) -> bool:
        """Whether ``d``'s year is not complete: provisional or unverified (:meth:`year_status`)."""
        self._index(d, "d")
        return d.year not in self._complete_years

    def entry(self, d: date) -> DayEntry | None:
        """The dated entry that makes ``d`` differ from the weekmask, if any."""
        self._index(d, "d")
        return self._by_day.get(d)

    def entries(self, year: int | None = None) -> tuple[DayEntry, ...]:
        """Every dated entry, or those of ``year``, in date order."""
        if year is None:
            return self._entries
        return tuple(e for e in self._entries if e.day.year == year)

    def days_off(self, year: int) -> list[DayEntry]:
        """The year's holidays, compensatory, swapped and local days off (not plain weekends).

        A holiday falling on a weekend is listed too: it is a day off by name.
        """
        _check_int(year, "year")
        if not FIRST_DAY.year <= year <= LAST_DAY.year:
            raise _range_error("year", year)
        return [e for e in self._entries if e.day.year == year and not e.working]

    def makeup_days(self, year: int) -> list[DayEntry]:
        """The year's weekend days that are working days (làm bù) or local working days."""
        _check_int(year, "year")
        if not FIRST_DAY.year <= year <= LAST_DAY.year:
            raise _range_error("year", year)
        return [e for e in self._entries if e.day.year == year and e.working]

    def reason(self, d: date) -> tuple[str, str, str | None] | None:
        """Why ``d`` is not a working day as ``(reason_vi, reason_en, source)``; ``None`` if it is.

        >>> from datetime import date
        >>> WorkingCalendar().reason(date(2030, 1, 5))
        ('Thứ Bảy (nghỉ cuối tuần)', 'Saturday (weekend)', None)
        """
        i = self._index(d, "d")
        if self._working[i]:
            return None
        entry = self._by_day.get(d)
        if entry is not None:
            return (entry.name_vi, entry.name_en, entry.source)
        wd = d.weekday()
        return (f"{WEEKDAYS_VI[wd]} (nghỉ cuối tuần)", f"{WEEKDAYS_EN[wd]} (weekend)", None)

    def __repr__(self) -> str:
        """The call that builds an equal calendar, when there is one: ``WorkingCalendar.
        vietnam()``, ``WorkingCalendar.vietnam(known_at=...)``, ``WorkingCalendar(...)``
        without entries; else ``<WorkingCalendar name data_version=...>``."""
        if self._recipe is not None:
            return self._recipe
        if self._entries:
            return f"<WorkingCalendar {self._name!r} data_version={self._data_version!r}>"
        options = []
        if self._weekend != frozenset((5, 6)):
            options.append(f"weekend={tuple(sorted(self._weekend))!r}")
        if self._complete_years:
            options.append(f"complete_years={_years_repr(self._complete_years)}")
        if self._unverified_years:
            options.append(f"unverified_years={_years_repr(self._unverified_years)}")
        if self._name != "custom":
            options.append(f"name={self._name!r}")
        if self._data_version != "custom":
            options.append(f"data_version={self._data_version!r}")
        return f"WorkingCalendar({', '.join(options)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkingCalendar):
            return NotImplemented
        return (
            self._working == other._working
            and self._entries == other._entries
            and self._complete_years == other._complete_years
            and self._unverified_years == other._unverified_years
        )

    def __hash__(self) -> int:
        return hash((self._working, self._complete_years, self._unverified_years))

    @property
    def table(self) -> bytes:
        """The working-day bitmap from :data:`FIRST_DAY`, one byte per day (1 = working)."""
        return self._working


def _entry_key(e: DayEntry) -> date:
    return e.day


def _years_repr(years: frozenset[int]) -> str:
    """``range(2019, 2027)`` for consecutive years, else the sorted list."""
    lo, hi = min(years), max(years)
    if len(years) > 2 and len(years) == hi - lo + 1:
        return f"range({lo}, {hi + 1})"
    return repr(sorted(years))


def _local_entries(values: LocalDays, *, working: bool, arg: str) -> Iterator[DayEntry]:
    """The entries ``with_changes`` adds for ``values`` (see its docstring)."""
    if isinstance(values, Mapping):
        for day, names in values.items():
            yield _local_entry(day, working=working, arg=arg, names=_names(names, day, arg))
    else:
        for value in values:
            yield _local_entry(value, working=working, arg=arg)


def _names(value: object, day: object, arg: str) -> tuple[str, str]:
    if isinstance(value, str) and value.strip():
        return value, value
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(v, str) and v.strip() for v in value)
    ):
        return value[0], value[1]
    raise InvalidTypeError(
        f"{arg}[{day}] must be a name or a (name_vi, name_en) pair, got {value!r}",
        path=f"{arg}[{day}]",
        value=value,
        expected="'Ngày thành lập Sở' or ('Ngày thành lập Sở', 'Department founding day')",
    )


def _local_entry(
    value: date | DayEntry, *, working: bool, arg: str, names: tuple[str, str] | None = None
) -> DayEntry:
    if isinstance(value, DayEntry):
        if value.working is not working:
            raise InvalidArgumentError(
                f"{arg} got an entry with working={value.working} for {value.day}",
                path=arg,
                value=value,
                expected=f"entries with working={working}",
            )
        return value
    day = check_date(value, arg)
    if names is None:
        names = (
            ("Ngày làm việc của cơ quan", "local working day")
            if working
            else ("Ngày nghỉ của cơ quan", "local day off")
        )
    return DayEntry(day, DayKind.LOCAL, names[0], names[1], working=working)
