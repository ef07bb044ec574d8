"""The official Vietnamese public-sector calendar: its data model, its assembly, its files.

The calendar is the Monday-Friday week (Decision 188/1999/QĐ-TTg) with:

- the law-fixed days from the ``holidays`` package: the statutory holidays of Labour Code
  2019 Art. 112 (before 2021 the 2012 Code Art. 115, before 2013-05-01 the 1994 Code
  Art. 73) and the compensatory day a holiday on a weekend brings (Art. 111(3)); which of
  the days around Tết are Tết days follows the Code in force (``[[laws]]``: four days
  under the 1994 Code, five after), each named from its computed lunar date;
- the *overlay* ``data/vietnam.toml``: every announced swap (a weekday off) and make-up
  working day of 2010-2026, each with its source document and the day it was issued,
  Vietnam Cultural Day (24 November, from 2026, reported), and each year's status;
- optionally, a user's announcement files of the same format (:func:`load_announcements`).

A year's status (:meth:`WorkingCalendar.year_status`): ``complete`` when every
announcement of the year is in the data, ``unverified`` when the data marks it so (its
announcements were not all found; its days are ``holidays``'), ``provisional`` otherwise.

:func:`vietnam_calendar` without arguments reads a table precomputed from these
(``data/vietnam_table.json``, written by ``python -m procedurekit.calendar._build``), so it
does not import ``holidays``; a test proves the table equals a fresh build
(:func:`assemble` over :func:`holidays_rows`, which does import it). The table also keeps
those ``holidays`` rows: the calendars as known on a day and those with extra files are
assembled from them, so every calendar starts from the same rows.

``known_at=d`` rebuilds the calendar as it had been announced on day ``d``:

- overlay (and extra-file) entries whose ``announced`` is after ``d`` are left out;
- a year is complete at ``d`` only if its Tết and National Day decisions
  (``complete_since``) and every entry that changes one of its days were announced on or
  before ``d``; so with ``d`` before Công văn 12729/VPCP-KGVX (2025-12-25) 2026 is
  provisional. An entry that only confirms a law-fixed day does not hold its year open.
  A year with no recorded decision date counts as announced on 1 January of that year;
  an unverified year is unverified from that day and provisional before it;
- in a year not complete at ``d`` only the law-fixed days remain: the ``holidays``
  package's own swap entries ("Day off (substituted from ...)") are used for unverified
  years only, and only once that year counts as announced;
- a holiday added to the law later (Vietnam Cultural Day) is left out in every year
  before its own ``announced`` date.

``data_version`` is ``"vietnam <version>"``, then ``"@<known_at>"`` when given and
``"+extra(<v1>,<v2>)"`` when announcement files were loaded, each file named by its own
``data_version`` (or ``sha256:<digest>`` of its content when it has none), so two different
2027 files never give the same version.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal

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
    "HOLIDAY_NAMES",
    "AddedHoliday",
    "Announcements",
    "CalendarFileError",
    "LawPeriod",
    "YearInfo",
    "YearState",
    "assemble",
    "calendar_from_table",
    "holidays_rows",
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
_LAW_KEYS: Final = frozenset({"since", "holidays", "compensatory", "tet_days", "tet_span"})
_ADDED_KEYS: Final = frozenset({"holidays_name", "source", "announced", "status"})


@attrs.frozen
class YearInfo:
    """What the data says about one year: its status and since when it is complete.

    A year is complete when its Tết and National Day decisions, and every swap of the
    year, have been found in the announcements (``status`` ``confirmed`` or ``reported``);
    ``complete_since`` is the day the later of the Tết and National Day decisions was
    issued (``None``: not recorded). A year whose announcements were not all found is
    ``unverified`` and never complete: the calendar uses the ``holidays`` package's days
    for it and :meth:`WorkingCalendar.year_status` reports it as ``"unverified"``.
    """

    year: int
    status: EntryStatus
    complete: bool
    complete_since: date | None = None
    tet_source: str | None = None
    national_day_source: str | None = None


@attrs.frozen
class LawPeriod:
    """The Labour Code in force from ``since``: its holiday and compensatory-day articles.

    ``tet_days`` is the number of Tết days the Code gives: 4 under the 1994 Code (Art. 73,
    "một ngày cuối năm và ba ngày đầu năm âm lịch"), 5 from the 2012 Code (Art. 115).
    ``tet_span`` says how the announcements lay them out: ``"days"``, consecutive calendar
    days, a Tết day on a weekend made up by a compensatory day (nghỉ bù) after them (1994
    and 2012 Codes); ``"weekdays"``, the given number of weekdays, the weekends among them
    being ordinary weekly rest (the notices under the 2019 Code: "05 ngày nghỉ Tết và ...
    ngày nghỉ hằng tuần").
    """

    since: date
    holidays: str
    compensatory: str
    tet_days: int = 5
    tet_span: Literal["days", "weekdays"] = "days"


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


#: The codes of the problems a data file can have, as ``procedurekit calendar check``
#: reports them (:mod:`procedurekit.calendar.announcements`).
SchemaCode = Literal[
    "unknown-field",
    "missing-field",
    "invalid-field",
    "date-out-of-range",
    "duplicate-date",
    "duplicate-year",
]


class _Reader:
    """Collects every problem of one file instead of stopping at the first.

    ``codes[i]`` is the :data:`SchemaCode` of ``problems[i]``.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.codes: list[SchemaCode] = []

    def problem(
        self,
        where: str,
        message: str,
        *,
        value: Any = None,
        expected: str,
        code: SchemaCode = "invalid-field",
    ) -> None:
        self.problems.append(
            Problem(where, f"{message}; expected {expected}", value=value, expected=expected)
        )
        self.codes.append(code)

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
                code="invalid-field" if key in table else "missing-field",
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
                code="invalid-field" if key in table else "missing-field",
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
                code="invalid-field" if key in table else "missing-field",
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
                code="unknown-field",
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
    return _read_source(path)[1]


def _read_source(path: Path) -> tuple[str, Mapping[str, Any]]:
    """The file's text and its top-level table; ``CalendarDataError`` when it is unreadable,
    not UTF-8, not valid TOML (JSON when the name ends in ``.json``) or not a table."""
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
        text = raw.decode("utf-8")
        doc = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
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
    return text, doc


def _parse(doc: Mapping[str, Any], path: str) -> Announcements:
    found, r = _parse_collect(doc, path)
    if r.problems:
        n = len(r.problems)
        raise _data_error(
            f"calendar data file {path!r} has {n} problem{'s' if n > 1 else ''}", r.problems
        )
    return found


def _parse_collect(doc: Mapping[str, Any], path: str) -> tuple[Announcements, _Reader]:
    """The file's content as far as it is valid, and the reader holding every problem.

    An entry or year with a problem is left out of the result; the rest is kept, so a
    checker can go on judging the valid part.
    """
    r = _Reader()
    r.keys(doc, _TOP_KEYS, "$")
    fmt = doc.get("format")
    if fmt != FORMAT or isinstance(fmt, bool):
        r.problem(
            "format",
            f"got {fmt!r}",
            value=fmt,
            expected=f"format = {FORMAT}",
        )  # no code: check_announcements refuses such a file before reading it
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
        tet_days = t.get("tet_days", 5)
        if isinstance(tet_days, bool) or tet_days not in (4, 5):
            r.problem(
                f"{where}.tet_days",
                f"got {tet_days!r}",
                value=tet_days,
                expected="4 (Labour Code 1994) or 5 (Labour Codes 2012 and 2019)",
            )
            tet_days = None
        span = r.choice(t, "tet_span", where, ("days", "weekdays"), default="days")
        if (
            since is not None
            and hol is not None
            and comp is not None
            and tet_days is not None
            and span is not None
        ):
            laws.append(
                LawPeriod(since, hol, comp, tet_days, "weekdays" if span == "weekdays" else "days")
            )

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
            r.problem(
                f"{where}.year",
                f"got {year!r}",
                value=year,
                expected="an integer year",
                code="invalid-field" if "year" in t else "missing-field",
            )
            ok = False
        elif not FIRST_DAY.year <= year <= LAST_DAY.year:
            r.problem(
                f"{where}.year",
                f"{year} is outside the calendar's range",
                value=year,
                expected=f"a year from {FIRST_DAY.year} to {LAST_DAY.year}",
                code="date-out-of-range",
            )
            ok = False
        elif year in seen_years:
            r.problem(
                f"{where}.year",
                f"year {year} is listed twice",
                value=year,
                expected="once",
                code="duplicate-year",
            )
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
        if st == "unverified" and complete is True:
            r.problem(
                f"{where}.complete",
                "an unverified year cannot be complete",
                value=complete,
                expected='complete = false with status = "unverified", or a verified status',
            )
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
                code="date-out-of-range",
            )
            day = None
        if day is not None and day in seen_days:
            r.problem(
                f"{where}.date",
                f"{day} already has an entry ({seen_days[day]})",
                value=day,
                expected="one entry per date",
                code="duplicate-date",
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

    found = Announcements(
        path=path,
        format=FORMAT,
        data_version=version,
        entries=tuple(entries),
        years=tuple(years),
        laws=tuple(sorted(laws, key=lambda law: law.since, reverse=True)),
        added_holidays=tuple(added),
    )
    return found, r


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
    p = _file_path(path)
    return _parse(_read_document(p), str(p))


def _file_path(path: object) -> Path:
    """``path`` (a calendar data file) as a ``Path``; ``InvalidTypeError`` when it is not a
    ``str`` or ``os.PathLike``."""
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(
            f"path must be a str or os.PathLike, got {type(path).__name__} {path!r}",
            path="path",
            value=path,
            expected="'announcement-2027.toml'",
        )
    from pathlib import Path  # imported here: the default calendar's cold start avoids it

    return Path(path)


@functools.cache
def package_announcements() -> Announcements:
    """The overlay shipped with procedurekit (``calendar/data/vietnam.toml``)."""
    with open(os.path.join(_DATA, "vietnam.toml"), "rb") as f:
        doc = tomllib.load(f)
    return _parse(doc, "procedurekit/calendar/data/vietnam.toml")


# -- assembly: the holidays package's rows, the overlay and extra files --------------------------

#: ``holidays`` English name -> Vietnamese name. The English name is kept as ``holidays``
#: writes it, so texts built on it (receipt slips, the README) read the same. Tết days are
#: named from their lunar date instead (:func:`_tet_names`).
HOLIDAY_NAMES: Final[dict[str, str]] = {
    "New Year's Day": "Tết Dương lịch",
    "29 of Lunar New Year": "29 Tết Nguyên Đán",
    "Lunar New Year's Eve": "Giao thừa Tết Nguyên Đán",
    "Lunar New Year": "Tết Nguyên Đán (mùng một)",
    "Second Day of Lunar New Year": "Mùng hai Tết Nguyên Đán",
    "Third Day of Lunar New Year": "Mùng ba Tết Nguyên Đán",
    "Fourth Day of Lunar New Year": "Mùng bốn Tết Nguyên Đán",
    "Fifth Day of Lunar New Year": "Mùng năm Tết Nguyên Đán",
    "Sixth Day of Lunar New Year": "Mùng sáu Tết Nguyên Đán",
    "Hung Kings' Commemoration Day": "Giỗ Tổ Hùng Vương",
    "Liberation Day/Reunification Day": "Ngày Giải phóng miền Nam thống nhất đất nước",
    "International Labor Day": "Ngày Quốc tế Lao động",
    "National Day": "Quốc khánh",
    "Vietnam Cultural Day": "Ngày Văn hóa Việt Nam",
}

#: A year's state in a calendar: the values of :meth:`WorkingCalendar.year_status`.
YearState = Literal["complete", "unverified", "provisional"]

_TET_NAMES: Final = frozenset(n for n in HOLIDAY_NAMES if "Lunar New Year" in n)
_NEW_YEAR: Final = "Lunar New Year"
_OBSERVED: Final = " (observed)"
_SUBSTITUTED: Final = re.compile(r"^Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)$")
_HOLIDAYS_SOURCE: Final = "holidays package (VietnamStaticHolidays), unverified"
_VI_NUMBERS: Final = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_EN_ORDINALS: Final = (
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
)


def holidays_rows(
    first_year: int = FIRST_DAY.year, last_year: int = LAST_DAY.year
) -> list[tuple[date, str]]:
    """Every public holiday ``holidays`` lists for Vietnam, as (date, English name)."""
    import holidays  # here: the default calendar (the shipped table) never imports it

    vn = holidays.country_holidays(
        "VN",
        years=range(first_year, last_year + 1),
        categories=("public",),
        language="en_US",
    )
    rows: list[tuple[date, str]] = []
    for day, names in sorted(vn.items()):
        rows.extend((day, name) for name in str(names).split("; "))
    return rows


@functools.cache
def _package_rows() -> tuple[tuple[date, str], ...]:
    """The :func:`holidays_rows` the shipped table was built from (its
    ``holidays_version``; ``tests/calendar/test_calendar_table.py`` proves they are the
    installed package's). Every calendar as known on a day (an audit builds one per data
    state) and every calendar with extra files starts from these rows, so it agrees with
    the default calendar on every day no announcement changes, whatever ``holidays``
    version is installed, and no process imports ``holidays`` to build one."""
    rows = _shipped_table().get("holidays_rows")
    if not isinstance(rows, list):
        raise CalendarDataError(
            "the shipped calendar table has no holidays_rows",
            path="holidays_rows",
            value=None,
            expected="regenerate it with python -m procedurekit.calendar._build",
        )
    return tuple((date.fromisoformat(day), str(name)) for day, name in rows)


def _law(laws: Sequence[LawPeriod], day: date) -> LawPeriod:
    for law in laws:  # sorted newest first
        if law.since <= day:
            return law
    raise CalendarDataError(
        f"no [[laws]] period covers {day}",
        path="laws",
        value=day,
        expected=f"a [[laws]] entry with since <= {FIRST_DAY}",
    )


def _merge_years(files: Sequence[Announcements]) -> dict[int, YearInfo]:
    years: dict[int, YearInfo] = {}
    for f in files:
        for y in f.years:
            years[y.year] = y
    return years


def _year_state(info: YearInfo | None, last: date | None, known_at: date | None) -> YearState:
    """A year's state on ``known_at`` (``None``: today's data).

    ``complete`` at ``d``: the data marks it complete, its Tết and National Day decisions
    (``complete_since``; 1 January of the year when not recorded) were issued by ``d``, and
    so was every entry that changes a day of that year from what the law alone gives
    (``last``, the latest such ``announced``).
    ``unverified``: the data marks it unverified and ``d`` is on or after 1 January of the
    year (its data counts as announced then). Otherwise ``provisional``.
    """
    if info is None:
        return "provisional"
    if info.complete:
        if known_at is None:
            return "complete"
        since = info.complete_since or date(info.year, 1, 1)
        if since <= known_at and (last is None or last <= known_at):
            return "complete"
        return "provisional"
    if info.status is EntryStatus.UNVERIFIED and (
        known_at is None or date(info.year, 1, 1) <= known_at
    ):
        return "unverified"
    return "provisional"


def _lunar_label(day: date, new_year: date, month12: int) -> tuple[str, str]:
    """``day``'s lunar date near Tết, in Vietnamese and English."""
    offset = (day - new_year).days
    if offset >= 0:
        return (
            f"mùng {_VI_NUMBERS[offset]} tháng Giêng",
            f"day {offset + 1} of the 1st lunar month",
        )
    n = month12 + offset + 1
    return f"{n} tháng Chạp", f"day {n} of the 12th lunar month"


def _tet_names(
    day: date, new_year: date, month12: int, *, kind: DayKind, tet_days: int
) -> tuple[str, str]:
    """The names of a Tết day off, from its lunar date (computed, never assumed).

    Under the 1994 Code (``tet_days == 4``) the names follow Art. 73's wording: "Tết âm
    lịch: bốn ngày (một ngày cuối năm và ba ngày đầu năm âm lịch)". From the 2012 Code,
    which gives five days without naming them, the names are the ``holidays`` package's,
    except that a day before the eve is named by its real lunar date ("28 Tết" or
    "29 Tết": the last lunar month has 29 or 30 days).
    """
    offset = (day - new_year).days
    vi_date, en_date = _lunar_label(day, new_year, month12)
    if kind is DayKind.COMPENSATORY:
        tet_vi = "Tết Âm lịch" if tet_days == 4 else "Tết Nguyên Đán"
        return (
            f"{tet_vi} (nghỉ bù, {vi_date})",
            f"Lunar New Year (compensatory day off, {en_date})",
        )
    if tet_days == 4:
        if offset == -1:
            return (
                f"Tết Âm lịch: ngày cuối năm âm lịch ({vi_date})",
                f"Lunar New Year: last day of the lunar year ({en_date})",
            )
        if offset >= 0:
            return (
                f"Tết Âm lịch: ngày đầu năm âm lịch ({vi_date})",
                f"Lunar New Year: {_EN_ORDINALS[offset].lower()} day of the lunar year",
            )
    if offset == 0:
        return "Tết Nguyên Đán (mùng một)", "Lunar New Year"
    if offset > 0:
        return (
            f"Mùng {_VI_NUMBERS[offset]} Tết Nguyên Đán",
            f"{_EN_ORDINALS[offset]} Day of Lunar New Year",
        )
    if offset == -1:
        return "Giao thừa Tết Nguyên Đán", "Lunar New Year's Eve"
    n = month12 + offset + 1
    return f"{n} Tết Nguyên Đán", f"{n} of Lunar New Year"


def _tet_days(
    rows: Sequence[tuple[date, str]], skip: Mapping[date, DayEntry]
) -> dict[date, list[date]]:
    """The ``holidays`` package's Tết days off, grouped by lunar new year's day.

    Days the overlay decides (``skip``: a swap that ``holidays`` lists as a Tết day) are
    left out.
    """
    new_years = sorted(d for d, name in rows if name == _NEW_YEAR)
    groups: dict[date, list[date]] = {ny: [] for ny in new_years}
    for day, name in rows:
        base = name.removesuffix(_OBSERVED)
        if base in _TET_NAMES and day not in skip and new_years:
            # The nearest lunar new year (the earlier on a tie): one of the two around day.
            i = bisect.bisect_left(new_years, day)
            ny = min(new_years[max(i - 1, 0) : i + 1], key=lambda n: abs((day - n).days))
            groups[ny].append(day)
    return {ny: sorted(set(days)) for ny, days in groups.items()}


def assemble(
    package: Announcements,
    extras: Sequence[Announcements] = (),
    *,
    known_at: date | None = None,
    rows: Iterable[tuple[date, str]] | None = None,
) -> WorkingCalendar:
    """The Vietnamese calendar from ``holidays`` rows, the overlay and extra files.

    Rules (the module docstring states ``known_at``):

    - a plain ``holidays`` name is :attr:`DayKind.STATUTORY`, ``"... (observed)"`` is
      :attr:`DayKind.COMPENSATORY`; ``"Day off (substituted from m/d/Y)"`` is a
      :attr:`DayKind.SWAP` whose substituted Saturday becomes a :attr:`DayKind.MAKEUP`
      working day, used only for unverified years and not for a date the overlay lists;
    - Tết: of the days off ``holidays`` gives around one lunar new year (less those the
      overlay decides), the law period's ``tet_days`` first days are the statutory Tết
      days: calendar days (``tet_span = "days"``: 4 under the 1994 Code, 5 under the
      2012 Code), the later weekdays being compensatory days (nghỉ bù) for the Tết days
      that fell on a weekend; or weekdays (``"weekdays"``, the 2019 Code's notices), the
      weekends among them being weekly rest. A weekend day that is not a Tết day is not a
      day off by name. Each day is named from its lunar date (:func:`_tet_names`);
    - overlay entries override ``holidays`` for the same date; later files override
      earlier ones.
    """
    from procedurekit.calendar._lunar import last_month_length

    files = (package, *extras)
    years = _merge_years(files)
    laws = [law for f in files for law in f.laws]
    laws.sort(key=lambda law: law.since, reverse=True)
    added = {a.holidays_name: a for f in files for a in f.added_holidays}
    overlay: dict[date, DayEntry] = {}
    for f in files:
        for e in f.entries:
            if known_at is None or (e.announced is not None and e.announced <= known_at):
                overlay[e.day] = e
    listed = {e.day for f in files for e in f.entries}
    all_rows = list(_package_rows()) if rows is None else list(rows)
    # The days the law alone gives off (not holidays' swaps, not a holiday added late): an
    # entry that only restates one of them (a document confirming no swap) does not keep
    # its year provisional until it is issued; an entry that changes a day does.
    law_off = {
        day
        for day, name in all_rows
        if _SUBSTITUTED.match(name) is None and name.removesuffix(_OBSERVED) not in added
    }
    last: dict[int, date] = {}
    for f in files:
        for e in f.entries:
            law_working = e.day.weekday() < 5 and e.day not in law_off
            if e.working == law_working:
                continue
            when = e.announced or date(e.day.year, 1, 1)
            if when > last.get(e.day.year, date.min):
                last[e.day.year] = when
    states = {
        y: _year_state(years.get(y), last.get(y), known_at)
        for y in range(FIRST_DAY.year, LAST_DAY.year + 1)
    }

    def status_of(year: int) -> EntryStatus:
        info = years.get(year)
        if info is None or states[year] == "provisional":
            return EntryStatus.PROJECTED
        return info.status

    def decision(year: int, base: str) -> str | None:
        info = years.get(year)
        if info is None or states[year] == "provisional":
            return None
        if base in _TET_NAMES:
            return info.tet_source
        if base == "National Day":
            return info.national_day_source
        return None

    by_day: dict[date, DayEntry] = {}
    for new_year, tet in _tet_days(all_rows, overlay).items():
        if not tet:
            continue
        law = _law(laws, new_year)
        month12 = last_month_length(new_year)
        extra = decision(new_year.year, _NEW_YEAR)
        span_end = date.fromordinal(tet[0].toordinal() + law.tet_days - 1)
        counted = 0
        for day in tet:
            weekday = day.weekday() < 5
            if law.tet_span == "weekdays":
                if not weekday:
                    continue  # weekly rest between the Tết weekdays, not a Tết day
                counted += 1
                statutory = counted <= law.tet_days
            else:
                statutory = day <= span_end
            if statutory:
                kind, source = DayKind.STATUTORY, law.holidays
            elif weekday:
                kind, source = DayKind.COMPENSATORY, law.compensatory
            else:
                continue  # a weekend day after the Tết days: not a day off by name
            vi, en = _tet_names(day, new_year, month12, kind=kind, tet_days=law.tet_days)
            by_day[day] = DayEntry(
                day,
                kind,
                vi,
                en,
                source=f"{source}; {extra}" if extra else source,
                status=status_of(new_year.year),
            )

    for day, hname in all_rows:
        state = states[day.year]
        m = _SUBSTITUTED.match(hname)
        if m is not None:
            makeup = date(int(m[3]), int(m[1]), int(m[2]))
            info = years.get(day.year)
            usable = (
                info is not None
                and info.status is EntryStatus.UNVERIFIED
                and state == "unverified"
                and day not in listed
                and makeup not in listed
            )
            if usable:
                by_day[day] = DayEntry(
                    day,
                    DayKind.SWAP,
                    f"Ngày nghỉ hoán đổi (làm bù {makeup:%d/%m/%Y})",
                    f"Swapped day off (worked back {makeup.isoformat()})",
                    source=_HOLIDAYS_SOURCE,
                    status=EntryStatus.UNVERIFIED,
                )
                if FIRST_DAY <= makeup <= LAST_DAY:
                    by_day[makeup] = DayEntry(
                        makeup,
                        DayKind.MAKEUP,
                        f"Làm bù cho ngày {day:%d/%m/%Y}",
                        f"Make-up working day for {day.isoformat()}",
                        working=True,
                        source=_HOLIDAYS_SOURCE,
                        status=EntryStatus.UNVERIFIED,
                    )
            continue
        observed = hname.endswith(_OBSERVED)
        base = hname.removesuffix(_OBSERVED)
        if base in _TET_NAMES:
            continue  # placed above, from the lunar dates
        vi, en = HOLIDAY_NAMES.get(base, base), base
        law = _law(laws, day)
        source = law.holidays
        status = status_of(day.year)
        late = added.get(base)
        if late is not None:
            if known_at is not None and known_at < late.announced:
                continue
            source, status = late.source, late.status
        else:
            extra = decision(day.year, base)
            if extra:
                source = f"{source}; {extra}"
        if observed:
            if day in by_day:  # a statutory day keeps its own name
                continue
            by_day[day] = DayEntry(
                day,
                DayKind.COMPENSATORY,
                f"{vi} (nghỉ bù)",
                f"{en} (compensatory day off)",
                source=law.compensatory,
                status=status,
            )
        elif day not in by_day or by_day[day].kind is not DayKind.STATUTORY:
            by_day[day] = DayEntry(day, DayKind.STATUTORY, vi, en, source=source, status=status)
    by_day.update(overlay)

    version = package.data_version or "unknown"
    label = f"vietnam {version}"
    if known_at is not None:
        label += f"@{known_at.isoformat()}"
    if extras:
        label += "+extra(" + ",".join(_file_version(a) for a in extras) + ")"
    return WorkingCalendar(
        sorted(by_day.values(), key=lambda e: e.day),
        complete_years=[y for y, s in states.items() if s == "complete"],
        unverified_years=[y for y, s in states.items() if s == "unverified"],
        name="vietnam",
        data_version=label,
    )


def _file_version(data: Announcements) -> str:
    """An announcement file's own ``data_version``, or a digest of its content when it has
    none: two different files never share a calendar version."""
    if data.data_version:
        return data.data_version
    content = repr((data.entries, data.years, data.laws, data.added_holidays))
    return "sha256:" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]


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
    return assemble(package_announcements(), extras, known_at=known_at)


@functools.lru_cache(maxsize=64)
def _known_at_calendar(known_at: date) -> WorkingCalendar:
    """The package data as announced on ``known_at``; cached (files are never cached)."""
    cal = assemble(package_announcements(), known_at=known_at)
    return cal._built_by(f"WorkingCalendar.vietnam(known_at={known_at!r})")


@functools.cache
def _shipped_table() -> dict[str, Any]:
    """``data/vietnam_table.json``, read once per process (do not change it)."""
    with open(os.path.join(_DATA, "vietnam_table.json"), "rb") as f:
        table: dict[str, Any] = json.load(f)
    return table


@functools.cache
def _default_calendar() -> WorkingCalendar:
    """The calendar from the precomputed table: no ``holidays`` import at all."""
    return calendar_from_table(_shipped_table())._built_by("WorkingCalendar.vietnam()")


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
        unverified_years=table["unverified_years"],
        name="vietnam",
        data_version=str(table["data_version"]),
    )
