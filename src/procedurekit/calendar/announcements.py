"""The yearly update's two tools: check an announcement file, and see what it would change.

A maintainer (or a portal that cannot upgrade yet) writes next year's official announcement
in the package's data format (:func:`~procedurekit.calendar.vietnam.load_announcements`,
``docs/calendar-data.md``). Before it goes into ``data/vietnam.toml``:

- :func:`check_announcements` reads the file and returns a
  :class:`~procedurekit.findings.Report` of every problem (``procedurekit calendar check``):
  the format's schema; entries that contradict the law (a swap on a weekend or on a
  holiday, a make-up day on a weekday or on a holiday fixed by law, a statutory or
  compensatory day the Labour Code does not give); entries named after Tết or Giỗ Tổ that
  are not where the lunar calendar puts those days, or whose name states a lunar date the
  day does not have (computed by :mod:`procedurekit.calendar._lunar`, independently of the
  ``holidays`` package); every entry sourced (a confirmed entry cites a document number) and
  announced no later than its day; each year's completion info coherent (``complete_since``
  given and not before the decision it dates; the Tết and National Day days the calendar
  would have, counted against the Labour Code). A file that is not an announcement file at
  all (unreadable, not TOML or JSON, no ``format`` or one this version does not read)
  raises :class:`~procedurekit.errors.CalendarDataError` instead.
- :func:`diff_announcements` builds the calendar with and without the file and returns an
  :class:`AnnouncementDiff` (``procedurekit calendar diff``): the days that become off or
  worked, the days whose names, sources or statuses change, the years whose status
  changes, and, for every receipt on a working day of a period and a few usual limits in
  working days, the due dates that move.

Each rule of the check has a stable kebab-case code (:data:`CHECK_RULES`, scope
``"calendar"``), a severity and a message template, in the shape of the findings registry
(:mod:`procedurekit.findings.rules`): errors make the report invalid (the CLI exits 1),
warnings and information do not.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final, Literal

import attrs

from procedurekit.calendar._lunar import lunar_date, lunar_new_year, solar_date
from procedurekit.calendar.vietnam import (
    FORMAT,
    Announcements,
    LawPeriod,
    YearInfo,
    YearState,
    _file_path,
    _package_rows,
    _parse_collect,
    _read_source,
    assemble,
    load_announcements,
    package_announcements,
)
from procedurekit.calendar.working import (
    FIRST_DAY,
    LAST_DAY,
    DayEntry,
    DayKind,
    EntryStatus,
    WorkingCalendar,
    check_date,
)
from procedurekit.errors import CalendarDataError, InvalidArgumentError, InvalidTypeError
from procedurekit.findings.model import Finding, Severity
from procedurekit.findings.report import Report
from procedurekit.findings.rules import RULES, Rule

__all__ = [
    "CHECK_RULES",
    "DEFAULT_LIMITS",
    "AnnouncementDiff",
    "DayChange",
    "DeadlineMove",
    "YearChange",
    "check_announcements",
    "diff_announcements",
]

#: The usual limits, in working days, whose due dates :func:`diff_announcements` compares.
DEFAULT_LIMITS: Final = (5, 10, 15)

#: Every rule of :func:`check_announcements`, in the order they are checked: the
#: ``"calendar"`` rules of the one registry (:data:`procedurekit.findings.rules.RULES`).
CHECK_RULES: Final[tuple[Rule, ...]] = tuple(r for r in RULES if r.scope == "calendar")

_RULES: Final = {r.code: r for r in CHECK_RULES}

#: A document number: "12729/VPCP-KGVX", "80-NQ/TW", "28/2026/QH16", "4875/TB-LĐTBXH".
_DOC_NUMBER: Final = re.compile(r"\b\d+(?:/\d{4})?[/-][^\W\d_][\w]*(?:[/-][\w]+)*")
_TET_NAME: Final = re.compile(r"\bTết\b(?!\s+Dương)|Lunar New Year|\bTet\b", re.IGNORECASE)
_HUNG_NAME: Final = re.compile(r"Giỗ Tổ|Hùng Vương|Hung King", re.IGNORECASE)
_NATIONAL_DAY: Final = re.compile(r"Quốc khánh|National Day", re.IGNORECASE)
_VI_NUMBERS: Final = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_MUNG: Final = re.compile(r"\bmùng\s+(\d{1,2}|" + "|".join(_VI_NUMBERS) + r")\b", re.IGNORECASE)
_CHAP: Final = re.compile(r"\b(\d{1,2})\s+(?:Tết|tháng Chạp)", re.IGNORECASE)
_EVE: Final = re.compile(r"Giao thừa|ngày cuối năm âm lịch", re.IGNORECASE)
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_OBSERVED: Final = " (observed)"
_SUBSTITUTED: Final = "Day off (substituted from"
#: How far from its holiday an entry named after it may be, in days.
_NEAR_DAY_OFF: Final = 10
_NEAR_MAKEUP: Final = 30
_TOML_HEADER: Final = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TOML_TABLE: Final = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_TOML_KEY: Final = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


# -- checking a file ----------------------------------------------------------------------------


def check_announcements(path: str | os.PathLike[str]) -> Report:
    """Every problem of the announcement file at ``path``, as a report of findings.

    ``report.valid`` is ``False`` when a finding is an error; ``report.findings`` lists
    every finding (``code`` from :data:`CHECK_RULES`, ``field`` the place in the file such
    as ``entries[0].date``, ``line`` its line in a TOML file); ``report.stats`` holds
    ``entries``, ``years`` (the years the file covers) and counts by code.

    Raises :class:`~procedurekit.errors.CalendarDataError` when the file is not an
    announcement file at all: unreadable, not UTF-8, not TOML (JSON when the name ends in
    ``.json``), not a table, without ``format`` or with a format this version does not read.

    >>> report = check_announcements("docs/examples/announcement-2027.example.toml")
    >>> report.valid, [f.code for f in report.findings]
    (True, [])
    """
    p = _file_path(path)
    text, doc = _read_source(p)
    name = str(p)
    if "format" not in doc:
        raise CalendarDataError(
            f"{name!r} is not a procedurekit calendar data file: it has no 'format' key",
            path="format",
            value=None,
            expected=f"format = {FORMAT} at the top, as in "
            "docs/examples/announcement-2027.example.toml",
        )
    if doc["format"] != FORMAT or isinstance(doc["format"], bool):
        raise CalendarDataError(
            f"{name!r} has format {doc['format']!r}; this procedurekit reads format {FORMAT}",
            path="format",
            value=doc["format"],
            expected=f"format = {FORMAT} (or a newer procedurekit for a newer format)",
        )
    found, reader = _parse_collect(doc, name)
    lines = _line_map(text) if p.suffix.lower() != ".json" else {}
    checker = _Checker(found, doc, name, lines, readable=not reader.problems)
    for code, problem in zip(reader.codes, reader.problems, strict=True):
        checker.emit(code, problem.path, value=problem.value, note=problem.message)
    checker.run()
    findings = sorted(checker.findings, key=lambda f: (f.line or 0, f.field or "", f.code))
    by_code = Counter(f.code for f in findings)
    by_severity = Counter(f.severity for f in findings)
    raw_entries = doc.get("entries")
    stats = {
        "file": name,
        "rows": len(raw_entries) if isinstance(raw_entries, list) else 0,
        "entries": len(found.entries),
        "years": list(checker.years),
        "data_version": found.data_version,
        "errors": by_severity[Severity.ERROR],
        "warnings": by_severity[Severity.WARNING],
        "findings_by_code": dict(sorted(by_code.items())),
    }
    return Report(
        valid=by_severity[Severity.ERROR] == 0,
        stats=stats,
        findings=tuple(findings),
        kind="calendar check",
    )


def _line_map(text: str) -> dict[str, int]:
    """``entries[3]`` and ``entries[3].date`` (and top-level keys) -> their TOML line."""
    lines: dict[str, int] = {}
    counts: Counter[str] = Counter()
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TOML_HEADER.match(line)
        if header is not None:
            key = header[1]
            table = f"{key}[{counts[key]}]"
            counts[key] += 1
            lines[table] = number
            continue
        plain = _TOML_TABLE.match(line)
        if plain is not None:
            table = plain[1]
            lines.setdefault(table, number)
            continue
        key_line = _TOML_KEY.match(line)
        if key_line is not None:
            lines.setdefault(f"{table}.{key_line[1]}" if table else key_line[1], number)
    return lines


def _indexes(doc: Mapping[str, Any], key: str, field: str) -> dict[Any, int]:
    """The index of the first ``[[key]]`` table holding each value of ``field``."""
    out: dict[Any, int] = {}
    tables = doc.get(key)
    if not isinstance(tables, list):
        return out
    for i, t in enumerate(tables):
        if not isinstance(t, dict):
            continue
        value = t.get(field)
        if isinstance(value, str) and field == "date":
            try:
                value = date.fromisoformat(value)
            except ValueError:
                continue
        if isinstance(value, date | int) and not isinstance(value, bool):
            out.setdefault(value, i)
    return out


def _law_for(laws: Sequence[LawPeriod], day: date) -> LawPeriod | None:
    for law in sorted(laws, key=lambda law: law.since, reverse=True):
        if law.since <= day:
            return law
    return None


def _numbers(source: str | None) -> set[str]:
    return set(_DOC_NUMBER.findall(source or ""))


class _Checker:
    """The semantic checks of one parsed file (the valid part of it)."""

    def __init__(
        self,
        found: Announcements,
        doc: Mapping[str, Any],
        name: str,
        lines: Mapping[str, int],
        *,
        readable: bool,
    ) -> None:
        self.found = found
        self.name = name
        self.lines = lines
        self.findings: list[Finding] = []
        self.entry_index = _indexes(doc, "entries", "date")
        self.year_index = _indexes(doc, "years", "year")
        self.package = package_announcements()
        self.laws = (*found.laws, *self.package.laws)
        touched = {e.day.year for e in found.entries} | {y.year for y in found.years}
        self.years = tuple(sorted(touched))
        self.empty = readable and not found.entries and not found.years

    # -- plumbing -------------------------------------------------------------------------

    def emit(self, code: str, field: str | None, *, value: Any = None, **fields: Any) -> None:
        rule = _RULES[code]
        line = None
        if field is not None:
            place = field
            while place and line is None:
                line = self.lines.get(place)
                place = place.rpartition(".")[0]
        self.findings.append(
            rule.finding(field=field, value=value, file=self.name, line=line, **fields)
        )

    def entry_field(self, e: DayEntry, key: str | None = None) -> str:
        where = f"entries[{self.entry_index.get(e.day, '?')}]"
        return f"{where}.{key}" if key else where

    def year_field(self, year: int, key: str | None = None) -> str:
        where = f"years[{self.year_index.get(year, '?')}]"
        return f"{where}.{key}" if key else where

    @property
    def rows(self) -> Sequence[tuple[date, str]]:
        """The ``holidays`` package's rows over the whole range (the shipped table's)."""
        return _package_rows()

    # -- the checks -----------------------------------------------------------------------

    def run(self) -> None:
        if self.empty:
            self.emit("empty-announcement", None)
            return
        law_days = {day: name for day, name in self.rows if not name.startswith(_SUBSTITUTED)}
        for e in self.found.entries:
            self.check_law(e, law_days)
            self.check_lunar(e)
            self.check_source(e)
        self.check_pairs()
        self.check_years()
        self.check_counts()

    def check_law(self, e: DayEntry, law_days: Mapping[date, str]) -> None:
        day, kind = e.day, e.kind
        weekday = _WEEKDAYS[day.weekday()]
        weekend = day.weekday() >= 5
        law = law_days.get(day)
        base = law.removesuffix(_OBSERVED) if law else None
        where = self.entry_field(e, "date")
        movable = base is not None and self.movable(day, base)
        if kind is DayKind.SWAP:
            if weekend:
                self.emit("swap-on-weekend", where, value=day, day=day, weekday=weekday)
            elif law and not movable:
                self.emit("swap-on-holiday", where, value=day, day=day, holiday=law)
        elif kind is DayKind.MAKEUP:
            if law and movable:
                self.emit("makeup-on-projected-day", where, value=day, day=day, holiday=law)
            elif law:
                self.emit("makeup-on-holiday", where, value=day, day=day, holiday=law)
            elif not weekend:
                self.emit("makeup-on-weekday", where, value=day, day=day, weekday=weekday)
        elif kind is DayKind.STATUTORY:
            if law is None and not self.decidable(day):
                self.emit("statutory-not-a-holiday", where, value=day, day=day)
        elif kind is DayKind.COMPENSATORY:
            if weekend:
                self.emit("compensatory-on-weekend", where, value=day, day=day, weekday=weekday)
            elif not self.after_weekend_holiday(day, law_days):
                self.emit("compensatory-without-holiday", where, value=day, day=day)

    def movable(self, day: date, base: str) -> bool:
        """Whether a day the ``holidays`` package gives off is one a decision may lay out
        otherwise: a Tết day other than the eve and mùng 1-3 (the days around them are
        fixed by each year's decision, or, under the 1994 Code, are ``holidays``' way of
        modelling that year's swaps and compensatory days), or the day beside 2 September
        from 2021. A swap on such a day re-labels it; a make-up day on it is flagged for a
        second look; the Tết count (``tet-days-count``) checks the result.
        """
        if "Lunar New Year" in base:
            lunar = lunar_date(day)
            eve = lunar_date(day + timedelta(days=1))[1:3] == (1, 1)
            core = eve or (lunar.month == 1 and lunar.day <= 3 and not lunar.leap)
            return not core
        return base == "National Day" and day.year >= 2021 and (day.month, day.day) != (9, 2)

    def decidable(self, day: date) -> bool:
        """A day a decision may make a statutory day off: near Tết, or beside 2 September."""
        if day.year >= 2021 and (day.month, day.day) in ((9, 1), (9, 3)):
            return True
        lunar = lunar_date(day)
        return not lunar.leap and (
            (lunar.month == 12 and lunar.day >= 25) or (lunar.month == 1 and lunar.day <= 10)
        )

    def after_weekend_holiday(self, day: date, law_days: Mapping[date, str]) -> bool:
        statutory = {d for d, name in law_days.items() if not name.endswith(_OBSERVED)} | {
            e.day for e in self.found.entries if e.kind is DayKind.STATUTORY
        }
        for back in range(1, 8):
            d = day - timedelta(days=back)
            if d.weekday() >= 5 and d in statutory:
                return True
        return False

    def check_lunar(self, e: DayEntry) -> None:
        names = f"{e.name_vi} / {e.name_en}"
        where = self.entry_field(e, "date")
        limit = _NEAR_MAKEUP if e.kind is DayKind.MAKEUP else _NEAR_DAY_OFF
        if _TET_NAME.search(names):
            tet = min(
                (lunar_new_year(e.day.year), lunar_new_year(e.day.year + 1)),
                key=lambda t: abs((e.day - t).days),
            )
            distance = abs((e.day - tet).days)
            if distance > limit:
                self.emit(
                    "far-from-lunar-holiday",
                    where,
                    value=e.day,
                    day=e.day,
                    holiday="Tết",
                    year=tet.year,
                    expected_day=tet,
                    distance=distance,
                    limit=limit,
                    kind=e.kind.value,
                )
            elif e.kind in (DayKind.STATUTORY, DayKind.COMPENSATORY):
                self.check_lunar_name(e, where)
        elif _HUNG_NAME.search(names):
            gio_to = solar_date(e.day.year, 3, 10)
            distance = abs((e.day - gio_to).days)
            if e.kind is DayKind.STATUTORY and distance:
                actual = lunar_date(e.day)
                self.emit(
                    "lunar-date-mismatch",
                    where,
                    value=e.day,
                    day=e.day,
                    stated="Giỗ Tổ Hùng Vương, the 10th day of the 3rd lunar month",
                    lunar_day=actual.day,
                    lunar_month=actual.month,
                )
            elif distance > limit:
                self.emit(
                    "far-from-lunar-holiday",
                    where,
                    value=e.day,
                    day=e.day,
                    holiday="Giỗ Tổ Hùng Vương",
                    year=e.day.year,
                    expected_day=gio_to,
                    distance=distance,
                    limit=limit,
                    kind=e.kind.value,
                )

    def check_lunar_name(self, e: DayEntry, where: str) -> None:
        """A Tết day's Vietnamese name states its lunar date: check it."""
        actual = lunar_date(e.day)
        stated: tuple[int, int] | None = None
        if (m := _MUNG.search(e.name_vi)) is not None:
            word = m[1].lower()
            n = int(word) if word.isdigit() else _VI_NUMBERS.index(word) + 1
            stated, text = (1, n), f"mùng {m[1]} (day {n} of the 1st lunar month)"
        elif _EVE.search(e.name_vi):
            if lunar_date(e.day + timedelta(days=1))[1:3] != (1, 1):
                self.emit(
                    "lunar-date-mismatch",
                    where,
                    value=e.day,
                    day=e.day,
                    stated="the last day of the lunar year",
                    lunar_day=actual.day,
                    lunar_month=actual.month,
                )
            return
        elif (m := _CHAP.search(e.name_vi)) is not None:
            n = int(m[1])
            stated, text = (12, n), f"{n} tháng Chạp (day {n} of the 12th lunar month)"
        if stated is not None and (stated != (actual.month, actual.day) or actual.leap):
            self.emit(
                "lunar-date-mismatch",
                where,
                value=e.day,
                day=e.day,
                stated=text,
                lunar_day=actual.day,
                lunar_month=actual.month,
            )

    def check_source(self, e: DayEntry) -> None:
        if e.announced is not None and e.announced > e.day:
            self.emit(
                "announced-after-day",
                self.entry_field(e, "announced"),
                value=e.announced,
                announced=e.announced,
                day=e.day,
            )
        if e.status is EntryStatus.CONFIRMED and not _numbers(e.source):
            self.emit("source-without-number", self.entry_field(e, "source"), value=e.source)

    def check_pairs(self) -> None:
        swaps: dict[str, list[DayEntry]] = defaultdict(list)
        makeups: dict[str, list[DayEntry]] = defaultdict(list)
        for e in self.found.entries:
            if e.kind is DayKind.SWAP:
                swaps[e.source or ""].append(e)
            elif e.kind is DayKind.MAKEUP:
                makeups[e.source or ""].append(e)
        for source in sorted(set(swaps) | set(makeups)):
            off, worked = swaps[source], makeups[source]
            if len(off) != len(worked):
                first = min((*off, *worked), key=lambda e: e.day)
                self.emit(
                    "unbalanced-swap",
                    self.entry_field(first, "source"),
                    value=source,
                    swaps=len(off),
                    makeups=len(worked),
                    swap_days=", ".join(e.day.isoformat() for e in off) or "none",
                    makeup_days=", ".join(e.day.isoformat() for e in worked) or "none",
                )

    def check_years(self) -> None:
        shipped = {y.year: y for y in self.package.years}
        complete_here = {y.year for y in self.found.years if y.complete}
        for info in self.found.years:
            year = info.year
            old = shipped.get(year)
            if old is not None and old.complete and not info.complete:
                state = "unverified" if info.status is EntryStatus.UNVERIFIED else "incomplete"
                self.emit(
                    "year-reopened",
                    self.year_field(year, "complete"),
                    value=info.complete,
                    year=year,
                    state=state,
                )
            if not info.complete:
                continue
            law = _law_for(self.laws, lunar_new_year(year))
            decided = law is not None and law.tet_days == 5  # the Prime Minister fixes Tết
            if info.complete_since is None:
                if decided:
                    self.emit(
                        "complete-year-without-date",
                        self.year_field(year, "complete"),
                        value=True,
                        year=year,
                    )
            else:
                self.check_since(info, info.complete_since)
            missing = [
                key
                for key, value in (
                    ("tet_source", info.tet_source),
                    ("national_day_source", info.national_day_source),
                )
                if not value
            ]
            if decided and missing:
                self.emit(
                    "complete-year-without-source",
                    self.year_field(year),
                    year=year,
                    missing=" and ".join(missing),
                )
        for year in sorted({e.day.year for e in self.found.entries}):
            old = shipped.get(year)
            if year not in complete_here and not (old is not None and old.complete):
                first = min((e for e in self.found.entries if e.day.year == year), key=_day)
                self.emit("year-stays-provisional", self.entry_field(first), year=year)

    def check_since(self, info: YearInfo, since: date) -> None:
        year = info.year
        where = self.year_field(year, "complete_since")
        low, high = date(year - 2, 1, 1), date(year, 12, 31)
        if not low <= since <= high:
            self.emit(
                "complete-since-out-of-range", where, value=since, low=low, high=high, year=year
            )
        decision = _numbers(info.tet_source) | _numbers(info.national_day_source)
        if not decision:
            return
        later = [
            e
            for e in self.found.entries
            if e.announced is not None and e.announced > since and _numbers(e.source) & decision
        ]
        if later:
            e = min(later, key=lambda e: (e.announced or e.day, e.day))
            self.emit(
                "complete-since-before-decision",
                where,
                value=since,
                other=self.entry_field(e),
                announced=e.announced,
                source=e.source,
            )

    def check_counts(self) -> None:
        """Count the Tết and National Day days off the calendar would have with the file."""
        if not self.years:
            return
        cal = assemble(self.package, (self.found,), rows=self.rows)
        for year in self.years:
            entries = cal.entries(year)
            tet = lunar_new_year(year)
            law = _law_for(self.laws, tet)
            if law is not None:
                days = [
                    e.day
                    for e in entries
                    if e.kind is DayKind.STATUTORY
                    and not e.working
                    and abs((e.day - tet).days) <= 15
                    and _TET_NAME.search(f"{e.name_vi} / {e.name_en}")
                ]
                counted = (
                    [d for d in days if d.weekday() < 5] if law.tet_span == "weekdays" else days
                )
                if len(counted) != law.tet_days:
                    how = " on weekdays" if law.tet_span == "weekdays" else ""
                    self.emit(
                        "tet-days-count",
                        self.year_field(year) if year in self.year_index else None,
                        value=len(counted),
                        year=year,
                        count=len(counted),
                        how=how,
                        days=", ".join(d.isoformat() for d in counted) or "none",
                        expected=f"{law.tet_days} ({law.holidays})",
                    )
            two = year >= 2021
            national = [
                e.day
                for e in entries
                if e.kind is DayKind.STATUTORY
                and not e.working
                and date(year, 8, 28) <= e.day <= date(year, 9, 6)
                and _NATIONAL_DAY.search(f"{e.name_vi} / {e.name_en}")
            ]
            if len(national) != (2 if two else 1):
                self.emit(
                    "national-day-count",
                    self.year_field(year) if year in self.year_index else None,
                    value=len(national),
                    year=year,
                    count=len(national),
                    days=", ".join(d.isoformat() for d in national) or "none",
                    expected=2 if two else 1,
                    adjacent=" and the day before or after it" if two else "",
                )


def _day(e: DayEntry) -> date:
    return e.day


# -- what a file changes --------------------------------------------------------------------------

Change = Literal["off", "working", "relabelled"]
_COMPARED: Final = ("kind", "name_vi", "name_en", "source", "announced", "status")


@attrs.frozen
class DayChange:
    """One day that the file changes: it becomes ``"off"`` or ``"working"``, or is
    ``"relabelled"`` (same working status; ``fields`` name what differs: ``kind``,
    ``name_vi``, ``name_en``, ``source``, ``announced``, ``status``). ``old`` and ``new``
    are the day's entries without and with the file (``None``: a plain weekday or weekend
    day)."""

    day: date
    change: Change
    old: DayEntry | None
    new: DayEntry | None
    fields: tuple[str, ...] = ()


@attrs.frozen
class DeadlineMove:
    """A receipt whose due date moves: ``received`` + ``working_days`` was ``old_due`` on
    the shipped calendar and is ``new_due`` with the file."""

    received: date
    working_days: int
    old_due: date
    new_due: date


@attrs.frozen
class YearChange:
    """A year whose status changes (``"provisional"`` to ``"complete"``, say)."""

    year: int
    old: YearState
    new: YearState


@attrs.frozen
class AnnouncementDiff:
    """What adding an announcement file to the shipped data changes.

    ``years``: the years the file covers. ``start``..``end``: the receipts compared (``None``
    when the file covers no year and no period was given); ``receipts``: how many days of
    that period are working days on either calendar; ``limits``: the working-day limits
    compared. ``moves`` lists every receipt whose due date moves, by limit then receipt.
    """

    path: str
    old_version: str
    new_version: str
    years: tuple[int, ...]
    start: date | None
    end: date | None
    limits: tuple[int, ...]
    receipts: int
    year_changes: tuple[YearChange, ...]
    days: tuple[DayChange, ...]
    moves: tuple[DeadlineMove, ...]

    def became(self, change: Change) -> tuple[DayChange, ...]:
        """The day changes of one kind: ``"off"``, ``"working"`` or ``"relabelled"``."""
        return tuple(c for c in self.days if c.change == change)

    def moved(self, working_days: int) -> tuple[DeadlineMove, ...]:
        """The receipts whose due date, ``working_days`` after them, moves."""
        return tuple(m for m in self.moves if m.working_days == working_days)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings), the shape ``calendar diff --json`` prints."""
        return {
            "file": self.path,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "years": list(self.years),
            "year_changes": [
                {"year": c.year, "old": c.old, "new": c.new} for c in self.year_changes
            ],
            "days": [
                {
                    "date": c.day.isoformat(),
                    "weekday": _WEEKDAYS[c.day.weekday()][:3],
                    "change": c.change,
                    "fields": list(c.fields),
                    "old": _entry_dict(c.old),
                    "new": _entry_dict(c.new),
                }
                for c in self.days
            ],
            "period": {
                "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
                "receipts": self.receipts,
            },
            "deadlines": [
                {
                    "working_days": n,
                    "moved": len(self.moved(n)),
                    "moves": [
                        {
                            "received": m.received.isoformat(),
                            "old_due": m.old_due.isoformat(),
                            "new_due": m.new_due.isoformat(),
                        }
                        for m in self.moved(n)
                    ],
                }
                for n in self.limits
            ],
        }


def _entry_dict(e: DayEntry | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "kind": e.kind.value,
        "working": e.working,
        "name_vi": e.name_vi,
        "name_en": e.name_en,
        "source": e.source,
        "announced": e.announced.isoformat() if e.announced else None,
        "status": e.status.value,
    }


def _limits(values: Iterable[int]) -> tuple[int, ...]:
    if isinstance(values, int):
        raise InvalidTypeError(
            f"working_days must be an iterable of ints, got the int {values!r}",
            path="working_days",
            value=values,
            expected="working_days=(5, 10, 15)",
        )
    out: list[int] = []
    for n in values:
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidTypeError(
                f"working_days must hold ints, got {type(n).__name__} {n!r}",
                path="working_days",
                value=n,
                expected="working_days=(5, 10, 15)",
            )
        if n < 1:
            raise InvalidArgumentError(
                f"a limit in working days must be at least 1, got {n}",
                path="working_days",
                value=n,
                expected="working_days=(5, 10, 15)",
            )
        if n not in out:
            out.append(n)
    return tuple(sorted(out))


def diff_announcements(
    path: str | os.PathLike[str],
    *,
    start: date | None = None,
    end: date | None = None,
    working_days: Iterable[int] = DEFAULT_LIMITS,
) -> AnnouncementDiff:
    """What adding the announcement file at ``path`` to the shipped data changes.

    Compares the calendar of the shipped data (``WorkingCalendar.vietnam()``) with the one
    built from the shipped data and the file (``vietnam(extra_files=[path])``), both
    assembled from the installed ``holidays`` package's rows: every day whose
    working status, or whose entry (kind, names, source, announcement date, status), differs;
    every year whose status differs; and, for each receipt from ``start`` to ``end``
    (default: 1 January of the first year the file covers to 31 December of the last) on a
    day that is a working day on either calendar, and each limit of ``working_days``, the
    due date ``add_working_days(receipt, n)`` on both, kept when it moves.

    Raises :class:`~procedurekit.calendar.vietnam.CalendarFileError` when the file has
    problems (:func:`check_announcements` lists them), ``CalendarDataError`` when it is not
    an announcement file, and ``CalendarRangeError`` when a due date leaves the calendar's
    range.

    >>> d = diff_announcements("docs/examples/announcement-2027.example.toml")
    >>> [(c.day.isoformat(), c.change) for c in d.days if c.change != "relabelled"]
    [('2027-02-11', 'off'), ('2027-02-20', 'working')]
    >>> m = d.moved(5)[0]
    >>> m.received, m.old_due, m.new_due
    (datetime.date(2027, 1, 28), datetime.date(2027, 2, 11), datetime.date(2027, 2, 12))
    """
    limits = _limits(working_days)
    if start is not None:
        start = check_date(start, "start")
    if end is not None:
        end = check_date(end, "end")
    found = load_announcements(path)
    years = tuple(sorted({e.day.year for e in found.entries} | {y.year for y in found.years}))
    if start is None and years:
        start = date(years[0], 1, 1)
    if end is None and years:
        end = date(years[-1], 12, 31)
    if start is not None and end is None:
        end = date(start.year, 12, 31)
    if end is not None and start is None:
        start = date(end.year, 1, 1)
    if start is not None and end is not None:
        if start > end:
            raise InvalidArgumentError(
                f"start {start} is after end {end}",
                path="start",
                value=start,
                expected=f"a start on or before {end}",
            )
        for name, value in (("start", start), ("end", end)):
            if not FIRST_DAY <= value <= LAST_DAY:
                raise InvalidArgumentError(
                    f"{name} {value} is outside the calendar's range {FIRST_DAY}..{LAST_DAY}",
                    path=name,
                    value=value,
                    expected=f"a date from {FIRST_DAY} to {LAST_DAY}",
                )
    # Both calendars from the same holidays rows (the shipped table's): only the file's
    # effect shows.
    old = assemble(package_announcements())
    new = assemble(package_announcements(), (found,))
    receipts = [d for d in _period(start, end) if old.is_working_day(d) or new.is_working_day(d)]
    return AnnouncementDiff(
        path=str(path),
        old_version=old.data_version,
        new_version=new.data_version,
        years=years,
        start=start,
        end=end,
        limits=limits,
        receipts=len(receipts),
        year_changes=tuple(
            YearChange(y, old.year_status(y), new.year_status(y))
            for y in range(FIRST_DAY.year, LAST_DAY.year + 1)
            if old.year_status(y) != new.year_status(y)
        ),
        days=_day_changes(old, new),
        moves=_moves(old, new, receipts, limits),
    )


def _day_changes(old: WorkingCalendar, new: WorkingCalendar) -> tuple[DayChange, ...]:
    o0 = FIRST_DAY.toordinal()
    days = {
        date.fromordinal(o0 + i)
        for i, (a, b) in enumerate(zip(old.table, new.table, strict=True))
        if a != b
    }
    old_by = {e.day: e for e in old.entries()}
    new_by = {e.day: e for e in new.entries()}
    days |= {d for d in old_by.keys() | new_by.keys() if old_by.get(d) != new_by.get(d)}
    out: list[DayChange] = []
    for day in sorted(days):
        a, b = old_by.get(day), new_by.get(day)
        was, now = old.is_working_day(day), new.is_working_day(day)
        if was and not now:
            change: Change = "off"
        elif now and not was:
            change = "working"
        else:
            change = "relabelled"
        fields = tuple(
            f for f in _COMPARED if a is None or b is None or getattr(a, f) != getattr(b, f)
        )
        out.append(DayChange(day, change, a, b, fields))
    return tuple(out)


def _period(start: date | None, end: date | None) -> Iterable[date]:
    if start is None or end is None:
        return ()
    return (start + timedelta(days=k) for k in range((end - start).days + 1))


def _moves(
    old: WorkingCalendar, new: WorkingCalendar, receipts: Sequence[date], limits: Sequence[int]
) -> tuple[DeadlineMove, ...]:
    moves: list[DeadlineMove] = []
    for n in limits:
        for r in receipts:
            a, b = old.add_working_days(r, n), new.add_working_days(r, n)
            if a != b:
                moves.append(DeadlineMove(r, n, a, b))
    return tuple(moves)
