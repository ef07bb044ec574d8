"""The official Vietnamese public-sector calendar and its announcement data.

The calendar is the Monday-Friday week (Decision 188/1999/QĐ-TTg) with:

- the law-fixed days from the ``holidays`` package: the statutory holidays of Labour Code
  2019 Art. 112 (before 2021 the 2012 Code Art. 115, before 2013-05-01 the 1994 Code
  Art. 73) and the compensatory day a holiday on a weekend brings (Art. 111(3));
- the *overlay* ``data/vietnam.toml``: every announced swap (a weekday off) and make-up
  working Saturday of 2019-2026, each with its source document and the day it was issued,
  Vietnam Cultural Day (24 November, from 2026, reported), and which years are complete;
- optionally, a user's announcement files of the same format (:func:`load_announcements`).

:func:`vietnam_calendar` without arguments reads a table precomputed from these
(``data/vietnam_table.json``, written by ``python -m procedurekit.calendar._build``), so it
does not import ``holidays``; a test proves the table equals a fresh build.

``known_at=d`` rebuilds the calendar as it had been announced on day ``d``:

- overlay (and extra-file) entries whose ``announced`` is after ``d`` are left out;
- a year is complete at ``d`` only if its Tết and National Day decisions
  (``complete_since``) and every entry the data lists for that year were announced on or
  before ``d``; so with ``d`` before Công văn 12729/VPCP-KGVX (2025-12-25) 2026 is
  provisional. Years with no recorded date (2010-2018, unverified) count as announced on
  1 January of that year;
- in a year not complete at ``d`` only the law-fixed days remain: the ``holidays``
  package's own swap entries ("Day off (substituted from ...)") are used for unverified
  years (2010-2018) only, and only once that year counts as announced;
- a holiday added to the law later (Vietnam Cultural Day) is left out in every year
  before its own ``announced`` date.

``data_version`` is ``"vietnam <version>"``, then ``"@<known_at>"`` when given and
``"+extra"`` when announcement files were loaded.
"""

from __future__ import annotations

import functools
import json
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import attrs

from procedurekit.calendar.working import (
    FIRST_DAY,
    LAST_DAY,
    DayEntry,
    DayKind,
    EntryStatus,
    WorkingCalendar,
    check_date,
)
from procedurekit.errors import CalendarDataError, InvalidTypeError, Problem, StructureError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "FORMAT",
    "AddedHoliday",
    "Announcements",
    "CalendarFileError",
    "LawPeriod",
    "YearInfo",
    "calendar_from_table",
    "load_announcements",
    "package_announcements",
    "vietnam_calendar",
]

#: The package data directory (files shipped in the wheel beside this module).
_DATA: Final = os.path.join(os.path.dirname(__file__), "data")
#: The data format this module reads (the ``format`` key of a data file).
FORMAT: Final = 1

_BITS: Final = bytes.maketrans(b"01", b"\x00\x01")
_ENTRY_KINDS: Final = ("statutory", "compensatory", "swap", "makeup")
_ENTRY_STATUSES: Final = ("confirmed", "reported", "unverified", "projected")
_YEAR_STATUSES: Final = ("confirmed", "reported", "unverified")
_TOP_KEYS: Final = frozenset(
    {"format", "data_version", "laws", "added_holidays", "years", "entries"}
)
_ENTRY_KEYS: Final = frozenset(
    {"date", "kind", "name_vi", "name_en", "source", "announced", "status"}
)
_YEAR_KEYS: Final = frozenset(
    {"year", "status", "complete", "complete_since", "tet_source", "national_day_source"}
)
_LAW_KEYS: Final = frozenset({"since", "holidays", "compensatory"})
_ADDED_KEYS: Final = frozenset({"holidays_name", "source", "announced", "status"})


@attrs.frozen
class YearInfo:
    """What the data says about one year: its status and since when it is complete.

    A year is complete when its Tết and National Day decisions have been announced;
    ``complete_since`` is the day the later of them was issued (``None``: not recorded).
    """

    year: int
    status: EntryStatus
    complete: bool
    complete_since: date | None = None
    tet_source: str | None = None
    national_day_source: str | None = None


@attrs.frozen
class LawPeriod:
    """The Labour Code in force from ``since``: its holiday and compensatory-day articles."""

    since: date
    holidays: str
    compensatory: str


@attrs.frozen
class AddedHoliday:
    """A holiday the law added late (e.g. Vietnam Cultural Day, Resolution 80-NQ/TW)."""

    holidays_name: str
    source: str
    announced: date
    status: EntryStatus


@attrs.frozen
class Announcements:
    """The content of one calendar data file (the package's overlay or a user's file)."""

    path: str
    format: int
    data_version: str | None
    entries: tuple[DayEntry, ...]
    years: tuple[YearInfo, ...] = ()
    laws: tuple[LawPeriod, ...] = ()
    added_holidays: tuple[AddedHoliday, ...] = ()


# -- reading and validating a data file --------------------------------------------------------


class _Reader:
    """Collects every problem of one file instead of stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str, *, value: Any = None, expected: str) -> None:
        self.problems.append(
            Problem(where, f"{message}; expected {expected}", value=value, expected=expected)
        )

    def date_field(self, table: Mapping[str, Any], key: str, where: str) -> date | None:
        value = table.get(key)
        if isinstance(value, date) and type(value) is date:
            day = value
        elif isinstance(value, str):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                self.problem(
                    f"{where}.{key}",
                    f"{value!r} is not a valid date",
                    value=value,
                    expected="an ISO date such as 2027-02-08",
                )
                return None
        else:
            self.problem(
                f"{where}.{key}",
                f"got {type(value).__name__} {value!r}",
                value=value,
                expected="a date such as 2027-02-08",
            )
            return None
        return day

    def str_field(
        self, table: Mapping[str, Any], key: str, where: str, *, required: bool = True
    ) -> str | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(
                f"{where}.{key}",
                f"got {type(value).__name__} {value!r}",
                value=value,
                expected="a non-empty string",
            )
            return None
        return value

    def choice(
        self,
        table: Mapping[str, Any],
        key: str,
        where: str,
        choices: Sequence[str],
        *,
        default: str | None = None,
    ) -> str | None:
        value = table.get(key, default)
        if value not in choices:
            self.problem(
                f"{where}.{key}",
                f"unknown {key} {value!r}",
                value=value,
                expected="one of " + ", ".join(repr(c) for c in choices),
            )
            return None
        return str(value)

    def keys(self, table: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
        for key in sorted(set(table) - allowed):
            self.problem(
                f"{where}.{key}",
                "unknown field",
                value=table[key],
                expected="one of " + ", ".join(sorted(allowed)),
            )

    def tables(self, doc: Mapping[str, Any], key: str) -> list[tuple[str, Mapping[str, Any]]]:
        value = doc.get(key, [])
        if not isinstance(value, list):
            self.problem(
                key, f"got {type(value).__name__}", value=value, expected=f"a list of [[{key}]]"
            )
            return []
        out: list[tuple[str, Mapping[str, Any]]] = []
        for i, item in enumerate(value):
            where = f"{key}[{i}]"
            if not isinstance(item, dict):
                self.problem(
                    where, f"got {type(item).__name__}", value=item, expected="a table (object)"
                )
                continue
            out.append((where, item))
        return out


def _read_document(path: Path) -> Mapping[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CalendarDataError(
            f"cannot read calendar data file {str(path)!r}: {exc.strerror or exc}",
            path=str(path),
            value=str(path),
            expected="a readable TOML or JSON file",
        ) from None
    try:
        if path.suffix.lower() == ".json":
            doc = json.loads(raw.decode("utf-8"))
        else:
            doc = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise CalendarDataError(
            f"calendar data file {str(path)!r} is not valid {kind}: {exc}",
            path=str(path),
            value=None,
            expected=f"a {kind} document in the format of procedurekit's data/vietnam.toml",
        ) from None
    if not isinstance(doc, dict):
        raise CalendarDataError(
            f"calendar data file {str(path)!r} must hold a table (object) at the top",
            path=str(path),
            value=type(doc).__name__,
            expected="a table with format = 1 and [[entries]]",
        )
    return doc


def _parse(doc: Mapping[str, Any], path: str) -> Announcements:
    r = _Reader(path)
    r.keys(doc, _TOP_KEYS, "$")
    fmt = doc.get("format")
    if fmt != FORMAT or isinstance(fmt, bool):
        r.problem("format", f"got {fmt!r}", value=fmt, expected=f"format = {FORMAT}")
    version = doc.get("data_version")
    if version is not None and not isinstance(version, str):
        r.problem("data_version", f"got {version!r}", value=version, expected='a string "2027.1"')
        version = None

    laws: list[LawPeriod] = []
    for where, t in r.tables(doc, "laws"):
        r.keys(t, _LAW_KEYS, where)
        since = r.date_field(t, "since", where)
        hol = r.str_field(t, "holidays", where)
        comp = r.str_field(t, "compensatory", where)
        if since is not None and hol is not None and comp is not None:
            laws.append(LawPeriod(since, hol, comp))

    added: list[AddedHoliday] = []
    for where, t in r.tables(doc, "added_holidays"):
        r.keys(t, _ADDED_KEYS, where)
        name = r.str_field(t, "holidays_name", where)
        src = r.str_field(t, "source", where)
        ann = r.date_field(t, "announced", where)
        st = r.choice(t, "status", where, _ENTRY_STATUSES, default="confirmed")
        if name is not None and src is not None and ann is not None and st is not None:
            added.append(AddedHoliday(name, src, ann, EntryStatus(st)))

    years: list[YearInfo] = []
    seen_years: set[int] = set()
    for where, t in r.tables(doc, "years"):
        r.keys(t, _YEAR_KEYS, where)
        year = t.get("year")
        ok = True
        if isinstance(year, bool) or not isinstance(year, int):
            r.problem(f"{where}.year", f"got {year!r}", value=year, expected="an integer year")
            ok = False
        elif not FIRST_DAY.year <= year <= LAST_DAY.year:
            r.problem(
                f"{where}.year",
                f"{year} is outside the calendar's range",
                value=year,
                expected=f"a year from {FIRST_DAY.year} to {LAST_DAY.year}",
            )
            ok = False
        elif year in seen_years:
            r.problem(f"{where}.year", f"year {year} is listed twice", value=year, expected="once")
            ok = False
        st = r.choice(t, "status", where, _YEAR_STATUSES, default="confirmed")
        complete = t.get("complete", False)
        if not isinstance(complete, bool):
            r.problem(
                f"{where}.complete", f"got {complete!r}", value=complete, expected="true or false"
            )
            ok = False
        since = r.date_field(t, "complete_since", where) if "complete_since" in t else None
        if "complete_since" in t and since is None:
            ok = False
        tet = r.str_field(t, "tet_source", where, required=False)
        nat = r.str_field(t, "national_day_source", where, required=False)
        if ok and st is not None and isinstance(year, int):
            seen_years.add(year)
            years.append(YearInfo(year, EntryStatus(st), bool(complete), since, tet, nat))

    entries: list[DayEntry] = []
    seen_days: dict[date, str] = {}
    for where, t in r.tables(doc, "entries"):
        r.keys(t, _ENTRY_KEYS, where)
        day = r.date_field(t, "date", where)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            r.problem(
                f"{where}.date",
                f"{day} is outside the calendar's range",
                value=day,
                expected=f"a date from {FIRST_DAY} to {LAST_DAY}",
            )
            day = None
        if day is not None and day in seen_days:
            r.problem(
                f"{where}.date",
                f"{day} already has an entry ({seen_days[day]})",
                value=day,
                expected="one entry per date",
            )
            day = None
        kind = r.choice(t, "kind", where, _ENTRY_KINDS)
        name_vi = r.str_field(t, "name_vi", where)
        name_en = r.str_field(t, "name_en", where)
        source = r.str_field(t, "source", where)
        announced = r.date_field(t, "announced", where)
        status = r.choice(t, "status", where, _ENTRY_STATUSES, default="confirmed")
        if (
            day is None
            or kind is None
            or name_vi is None
            or name_en is None
            or source is None
            or announced is None
            or status is None
        ):
            continue
        seen_days[day] = where
        entries.append(
            DayEntry(
                day,
                DayKind(kind),
                name_vi,
                name_en,
                working=kind == "makeup",
                source=source,
                announced=announced,
                status=EntryStatus(status),
            )
        )

    if r.problems:
        n = len(r.problems)
        raise _data_error(
            f"calendar data file {path!r} has {n} problem{'s' if n > 1 else ''}", r.problems
        )
    return Announcements(
        path=path,
        format=FORMAT,
        data_version=version,
        entries=tuple(entries),
        years=tuple(years),
        laws=tuple(sorted(laws, key=lambda law: law.since, reverse=True)),
        added_holidays=tuple(added),
    )


class CalendarFileError(CalendarDataError, StructureError):
    """A calendar data file has problems; ``problems`` lists every one with its path.

    Both a :class:`~procedurekit.errors.CalendarDataError` and a
    :class:`~procedurekit.errors.StructureError` (``entries[3].date: ...``).
    """

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        StructureError.__init__(self, message, problems)
        if self.problems:
            self.expected = self.problems[0].expected
            self.value = self.problems[0].value


def _data_error(message: str, problems: Sequence[Problem]) -> CalendarFileError:
    return CalendarFileError(message, problems)


def load_announcements(path: str | os.PathLike[str]) -> Announcements:
    """Read a calendar data file (TOML, or JSON when it ends in ``.json``).

    The format is the package's ``data/vietnam.toml``: ``format = 1``, an optional
    ``data_version``, ``[[entries]]`` (date, kind, name_vi, name_en, source, announced,
    status) and ``[[years]]`` (year, status, complete, complete_since). Every problem of the
    file is reported in one :class:`~procedurekit.errors.CalendarDataError` whose
    ``problems`` list each entry index, field and what was expected.
    """
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(
            f"path must be a str or os.PathLike, got {type(path).__name__} {path!r}",
            path="path",
            value=path,
            expected="'announcement-2027.toml'",
        )
    from pathlib import Path  # imported here: the default calendar's cold start avoids it

    p = Path(path)
    return _parse(_read_document(p), str(p))


@functools.cache
def package_announcements() -> Announcements:
    """The overlay shipped with procedurekit (``calendar/data/vietnam.toml``)."""
    with open(os.path.join(_DATA, "vietnam.toml"), "rb") as f:
        doc = tomllib.load(f)
    return _parse(doc, "procedurekit/calendar/data/vietnam.toml")


# -- the calendar ------------------------------------------------------------------------------


def vietnam_calendar(
    *, known_at: date | None = None, extra_files: Iterable[str | os.PathLike[str]] = ()
) -> WorkingCalendar:
    """The official public-sector calendar; see the module docstring for ``known_at``.

    >>> from datetime import date
    >>> cal = vietnam_calendar()
    >>> cal.is_working_day(date(2026, 1, 2)), cal.is_working_day(date(2026, 1, 10))
    (False, True)
    """
    if known_at is not None:
        known_at = check_date(known_at, "known_at")
    if isinstance(extra_files, (str, bytes, os.PathLike)):
        raise InvalidTypeError(
            "extra_files must be an iterable of paths, not a single path",
            path="extra_files",
            value=extra_files,
            expected="extra_files=['announcement-2027.toml']",
        )
    extras = tuple(load_announcements(f) for f in extra_files)
    if not extras:
        return _default_calendar() if known_at is None else _known_at_calendar(known_at)
    from procedurekit.calendar._build import assemble

    return assemble(package_announcements(), extras, known_at=known_at)


@functools.lru_cache(maxsize=64)
def _known_at_calendar(known_at: date) -> WorkingCalendar:
    """The package data as announced on ``known_at``; cached (files are never cached)."""
    from procedurekit.calendar._build import assemble

    return assemble(package_announcements(), known_at=known_at)


@functools.cache
def _default_calendar() -> WorkingCalendar:
    """The calendar from the precomputed table: no ``holidays`` import at all."""
    with open(os.path.join(_DATA, "vietnam_table.json"), "rb") as f:
        table = json.load(f)
    return calendar_from_table(table)


def calendar_from_table(table: Mapping[str, Any]) -> WorkingCalendar:
    """Rebuild a calendar from the JSON table written by ``_build`` (format 1)."""
    if table.get("format") != FORMAT:
        raise CalendarDataError(
            f"calendar table has format {table.get('format')!r}",
            path="format",
            value=table.get("format"),
            expected=f"format {FORMAT}; regenerate with python -m procedurekit.calendar._build",
        )
    kinds = {k.value: k for k in DayKind}
    statuses = {s.value: s for s in EntryStatus}
    fromiso = date.fromisoformat
    entries = [
        DayEntry(
            fromiso(d),
            kinds[kind],
            vi,
            en,
            working=bool(working),
            source=source,
            announced=None if announced is None else fromiso(announced),
            status=statuses[status],
        )
        for d, kind, vi, en, working, source, announced, status in table["entries"]
    ]
    bits = "".join(table["working_days"][str(y)] for y in range(FIRST_DAY.year, LAST_DAY.year + 1))
    working = bits.encode("ascii").translate(_BITS)
    return WorkingCalendar._from_table(
        entries,
        working=working,
        complete_years=table["complete_years"],
        name="vietnam",
        data_version=str(table["data_version"]),
    )
