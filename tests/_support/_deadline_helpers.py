"""Shared helpers of the deadline tests: a calendar typed from DOMAIN.md §2, golden vectors."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import procedurekit as pk
from procedurekit.calendar.working import DayEntry, DayKind

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "deadlines.csv"


def _days(year: int, spec: str) -> list[date]:
    """``"01-27..01-31"`` or ``"04-07"`` -> dates."""
    out: list[date] = []
    for part in spec.split(","):
        part = part.strip()
        if ".." in part:
            a, b = part.split("..")
            d = date.fromisoformat(f"{year}-{a}")
            end = date.fromisoformat(f"{year}-{b}")
            while d <= end:
                out.append(d)
                d += timedelta(days=1)
        else:
            out.append(date.fromisoformat(f"{year}-{part}"))
    return out


#: DOMAIN.md §2 table: weekdays off and weekend days worked, 2019–2026.
DOMAIN_TABLE: dict[int, tuple[str, str]] = {
    2019: ("01-01, 02-04..02-08, 04-15, 04-29..05-01, 09-02", "01-05, 05-04"),
    2020: ("01-01, 01-23, 01-24, 01-27..01-29, 04-02, 04-30, 05-01, 09-02", ""),
    2021: ("01-01, 02-10..02-12, 02-15, 02-16, 04-21, 04-30, 05-03, 09-02, 09-03", ""),
    2022: ("01-03, 01-31..02-04, 04-11, 05-02, 05-03, 09-01, 09-02", ""),
    2023: ("01-02, 01-20, 01-23..01-26, 05-01..05-03, 09-01, 09-04", ""),
    2024: ("01-01, 02-08, 02-09, 02-12..02-14, 04-18, 04-29..05-01, 09-02, 09-03", "05-04"),
    2025: ("01-01, 01-27..01-31, 04-07, 04-30..05-02, 09-01, 09-02", "04-26"),
    2026: (
        "01-01, 01-02, 02-16..02-20, 04-27, 04-30, 05-01, 08-31..09-02, 11-24",
        "01-10, 08-22",
    ),
}


def domain_calendar() -> pk.WorkingCalendar:
    """A calendar built by hand from the DOMAIN.md §2 table (plus 2018-12-31)."""
    entries = [DayEntry(date(2018, 12, 31), DayKind.SWAP, "Nghỉ bù", "swap", source="6519")]
    for year, (off, worked) in DOMAIN_TABLE.items():
        for d in _days(year, off):
            entries.append(DayEntry(d, DayKind.STATUTORY, "Ngày nghỉ", "day off", source=str(year)))
        if worked:
            for d in _days(year, worked):
                entries.append(DayEntry(d, DayKind.MAKEUP, "Làm bù", "make-up day", working=True))
    return pk.WorkingCalendar(entries, complete_years=range(2019, 2027), name="domain-table")


def parse_duration_spec(spec: str) -> pk.Duration:
    """The golden file's short duration notation: wd:5, cd:30, mo:1, h:4, same@15:00, none."""
    if spec == "none":
        return pk.NoTimeLimit()
    if spec.startswith("same"):
        if "@" in spec:
            return pk.SameDay(time.fromisoformat(spec.split("@")[1]))
        return pk.SameDay()
    unit, value = spec.split(":")
    number = Decimal(value)
    amount: int | Decimal = int(number) if number == number.to_integral_value() else number
    return {
        "wd": pk.WorkingDays,
        "cd": pk.CalendarDays,
        "mo": pk.Months,
        "h": pk.WorkingHours,
    }[unit](amount)


def parse_received(text: str) -> date | datetime:
    if "T" not in text:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text)


def golden_rows() -> list[dict[str, str]]:
    with GOLDEN.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def hours_preset(name: str) -> pk.OfficeHours:
    return {"standard": pk.OfficeHours.standard, "bac-giang": pk.OfficeHours.bac_giang}[name]()
