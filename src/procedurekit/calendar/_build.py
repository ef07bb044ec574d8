"""Build the Vietnamese calendar from ``holidays`` plus the overlay; write the shipped table.

``python -m procedurekit.calendar._build`` regenerates ``data/vietnam_table.json``, the
precomputed calendar that :func:`procedurekit.calendar.vietnam.vietnam_calendar` reads
without importing ``holidays``. Run it after editing ``data/vietnam.toml`` or upgrading
``holidays``; ``tests/test_calendar_table.py`` fails until the table is regenerated.

Rules (the module docstring of :mod:`procedurekit.calendar.vietnam` states ``known_at``):

- ``holidays`` names map to Vietnamese and English names and to kinds: a plain name is
  :attr:`DayKind.STATUTORY` (Labour Code 2019 Art. 112; 2012 Code Art. 115; 1994 Code
  Art. 73), ``"... (observed)"`` is :attr:`DayKind.COMPENSATORY` (2019 Code Art. 111(3)),
  ``"Day off (substituted from m/d/Y)"`` is a :attr:`DayKind.SWAP` whose substituted
  Saturday becomes a :attr:`DayKind.MAKEUP` working day.
- ``holidays`` swaps are used only for years the data marks unverified (2010-2018), and not
  for a date the overlay lists; from 2019 the overlay alone carries swaps.
- Overlay entries override ``holidays`` for the same date; later files override earlier.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

import holidays

from procedurekit.calendar.vietnam import (
    FORMAT,
    Announcements,
    LawPeriod,
    YearInfo,
    package_announcements,
)
from procedurekit.calendar.working import (
    FIRST_DAY,
    LAST_DAY,
    DayEntry,
    DayKind,
    EntryStatus,
    WorkingCalendar,
)
from procedurekit.errors import CalendarDataError

__all__ = [
    "HOLIDAY_NAMES",
    "assemble",
    "build_table",
    "holidays_rows",
    "main",
    "table_path",
]

#: ``holidays`` English name -> Vietnamese name. The English name is kept as ``holidays``
#: writes it, so texts built on it (receipt slips, the README) read the same.
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

_TET_NAMES: Final = frozenset(n for n in HOLIDAY_NAMES if "Lunar New Year" in n)
_OBSERVED: Final = " (observed)"
_SUBSTITUTED: Final = re.compile(r"^Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)$")
_HOLIDAYS_SOURCE: Final = "holidays package (VietnamStaticHolidays), unverified"


def _holidays_version() -> str:
    from importlib.metadata import version

    return version("holidays")


def table_path() -> Path:
    """Where the shipped table lives in the source tree."""
    return Path(__file__).with_name("data") / "vietnam_table.json"


def holidays_rows(
    first_year: int = FIRST_DAY.year, last_year: int = LAST_DAY.year
) -> list[tuple[date, str]]:
    """Every public holiday ``holidays`` lists for Vietnam, as (date, English name)."""
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


def _complete_at(info: YearInfo | None, last: date | None, known_at: date | None) -> bool:
    """Whether a year counts as complete on ``known_at`` (``None``: today's data).

    Complete at ``d``: the data marks it complete, its Tết and National Day decisions
    (``complete_since``; 1 January of the year when not recorded) were issued by ``d``, and
    so was every entry the data lists for that year (``last``, the latest ``announced``).
    """
    if info is None or not info.complete:
        return False
    if known_at is None:
        return True
    since = info.complete_since or date(info.year, 1, 1)
    return since <= known_at and (last is None or last <= known_at)


def assemble(
    package: Announcements,
    extras: Sequence[Announcements] = (),
    *,
    known_at: date | None = None,
    rows: Iterable[tuple[date, str]] | None = None,
) -> WorkingCalendar:
    """The Vietnamese calendar from ``holidays`` rows, the overlay and extra files."""
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
    last: dict[int, date] = {}
    for f in files:
        for e in f.entries:
            when = e.announced or date(e.day.year, 1, 1)
            if when > last.get(e.day.year, date.min):
                last[e.day.year] = when
    complete = {
        y
        for y in range(FIRST_DAY.year, LAST_DAY.year + 1)
        if _complete_at(years.get(y), last.get(y), known_at)
    }

    by_day: dict[date, DayEntry] = {}
    for day, hname in holidays_rows() if rows is None else rows:
        info = years.get(day.year)
        year_done = day.year in complete
        status = info.status if (info is not None and year_done) else EntryStatus.PROJECTED
        m = _SUBSTITUTED.match(hname)
        if m is not None:
            makeup = date(int(m[3]), int(m[1]), int(m[2]))
            usable = (
                info is not None
                and info.status is EntryStatus.UNVERIFIED
                and year_done
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
        base = hname[: -len(_OBSERVED)] if observed else hname
        vi, en = HOLIDAY_NAMES.get(base, base), base
        law = _law(laws, day)
        source = law.holidays
        late = added.get(base)
        if late is not None:
            if known_at is not None and known_at < late.announced:
                continue
            source, status = late.source, late.status
        elif year_done and info is not None:
            decision = info.tet_source if base in _TET_NAMES else None
            if base == "National Day" and info.national_day_source:
                decision = info.national_day_source
            if decision:
                source = f"{source}; {decision}"
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
        label += "+extra"
    return WorkingCalendar(
        sorted(by_day.values(), key=lambda e: e.day),
        complete_years=complete,
        name="vietnam",
        data_version=label,
    )


def _entry_row(e: DayEntry) -> list[Any]:
    return [
        e.day.isoformat(),
        e.kind.value,
        e.name_vi,
        e.name_en,
        int(e.working),
        e.source,
        None if e.announced is None else e.announced.isoformat(),
        e.status.value,
    ]


def build_table(rows: Iterable[tuple[date, str]] | None = None) -> dict[str, Any]:
    """The shipped table as a JSON-ready dict, freshly built from ``holidays`` + overlay."""
    cal = assemble(package_announcements(), rows=rows)
    bits = "".join("1" if b else "0" for b in cal.table)
    o0 = FIRST_DAY.toordinal()
    per_year: dict[str, str] = {}
    for y in range(FIRST_DAY.year, LAST_DAY.year + 1):
        i = date(y, 1, 1).toordinal() - o0
        j = date(y, 12, 31).toordinal() - o0 + 1
        per_year[str(y)] = bits[i:j]
    return {
        "format": FORMAT,
        "comment": (
            "Generated by python -m procedurekit.calendar._build from the holidays package and "
            "data/vietnam.toml; do not edit. working_days: one character per day from 1 January "
            "of each year, 1 = working day."
        ),
        "data_version": cal.data_version,
        "holidays_version": _holidays_version(),
        "first_day": FIRST_DAY.isoformat(),
        "last_day": LAST_DAY.isoformat(),
        "complete_years": sorted(cal.complete_years),
        "entries": [_entry_row(e) for e in cal.entries()],
        "working_days": per_year,
    }


def dump_table(table: dict[str, Any]) -> str:
    """The table as the JSON text the package ships (one entry per line, stable order)."""
    head = {k: v for k, v in table.items() if k not in ("entries", "working_days")}
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('  "entries": [')
    rows = [json.dumps(r, ensure_ascii=False) for r in table["entries"]]
    lines.extend(f"    {r}," for r in rows[:-1])
    lines.append(f"    {rows[-1]}")
    lines.append("  ],")
    lines.append('  "working_days": {')
    items = [f"    {json.dumps(k)}: {json.dumps(v)}" for k, v in table["working_days"].items()]
    lines.append(",\n".join(items))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate ``data/vietnam_table.json``; ``--check`` only compares (exit 1 if stale)."""
    args = list(sys.argv[1:] if argv is None else argv)
    text = dump_table(build_table())
    path = table_path()
    if "--check" in args:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is stale: run python -m procedurekit.calendar._build", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
