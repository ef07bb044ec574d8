"""``procedurekit calendar``: a year's days off and make-up working days, with sources."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from procedurekit.calendar.working import DayEntry, WorkingCalendar
from procedurekit.cli._common import EXIT_CLEAN, add_calendar_options, command_parser, print_json

__all__ = ["calendar_of", "register", "run"]

_EPILOG = """\
examples:
  procedurekit calendar 2026
  procedurekit calendar 2026 --json
  procedurekit calendar 2026 --known-at 2025-12-01
  procedurekit calendar 2027 --calendar-file announcement-2027.toml
"""

_STATES = {
    "complete": "complete",
    "provisional": "provisional (not all announcements are in)",
    "unverified": "unverified (the announcements were not all found; a swap may be missing)",
}


def register(sub: Any) -> None:
    """Add the ``calendar`` command to ``sub``."""
    p = command_parser(
        sub,
        "calendar",
        help="list a year's days off and make-up working days, with sources",
        description="List a year's holidays, compensatory days, swapped days off and "
        "make-up working days of the official public-sector calendar, each with its source.",
        epilog=_EPILOG,
    )
    p.add_argument("year", type=int, help="a year from 2010 to 2060")
    add_calendar_options(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(handler=run)


def calendar_of(args: argparse.Namespace) -> WorkingCalendar:
    """The calendar the ``--known-at`` and ``--calendar-file`` options name."""
    return WorkingCalendar.vietnam(known_at=args.known_at, extra_files=args.calendar_file)


def _row(e: DayEntry) -> dict[str, Any]:
    return {
        "date": e.day.isoformat(),
        "weekday": e.day.strftime("%a"),
        "working": e.working,
        "kind": e.kind.value,
        "name_vi": e.name_vi,
        "name_en": e.name_en,
        "source": e.source,
        "announced": e.announced.isoformat() if e.announced else None,
        "status": e.status.value,
    }


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the year's days."""
    cal = calendar_of(args)
    year = args.year
    off = cal.days_off(year)
    worked = cal.makeup_days(year)
    status = cal.year_status(year)
    if args.json:
        print_json(
            {
                "year": year,
                "provisional": status != "complete",
                "status": status,
                "data_version": cal.data_version,
                "days_off": [_row(e) for e in off],
                "working_days": [_row(e) for e in worked],
            },
            out,
        )
        return EXIT_CLEAN
    out.write(f"Calendar {year}: {_STATES[status]}; data {cal.data_version}\n\nDays off:\n")
    for e in off:
        src = f"  [{e.source}]" if e.source else ""
        out.write(f"  {e.day.isoformat()} {e.day.strftime('%a')}  {e.name_vi} ({e.name_en}){src}\n")
    out.write("\nWeekend days worked (làm bù):\n")
    if not worked:
        out.write("  none\n")
    for e in worked:
        src = f"  [{e.source}]" if e.source else ""
        out.write(f"  {e.day.isoformat()} {e.day.strftime('%a')}  {e.name_vi} ({e.name_en}){src}\n")
    return EXIT_CLEAN
