"""``procedurekit calendar``: a year's days off, and the yearly update's two tools.

Three forms of one command, told apart by the first argument:

- ``calendar YEAR``: the year's days off and make-up working days with their sources, as
  text, JSON (``--json``, ``--format json``) or iCalendar (``--format ics``);
- ``calendar check FILE``: every problem of an announcement file; exit 0 when it has no
  error, 1 when it has, 2 when it is not an announcement file at all;
- ``calendar diff FILE``: what adding the file to the shipped data changes: days, year
  statuses, and the due dates of the receipts of a period (``--from``, ``--to``) for a few
  limits (``--duration``, in working days).

One argparse parser serves the three, rather than sub-parsers: an argparse sub-parser
claims the first argument, and ``procedurekit calendar 2026`` (with its options before or
after the year) must keep working as it always has. The first argument is read as a
year unless it is ``check`` or ``diff``; an option that belongs to another form is refused
with a one-line usage error (exit 2).
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING, Any, Final, Literal, TextIO

from procedurekit._text import printable
from procedurekit.calendar.working import WorkingCalendar
from procedurekit.cli._common import (
    EXIT_CLEAN,
    UsageError,
    add_calendar_options,
    command_parser,
    iso_date,
    print_json,
    text_writer,
)

if TYPE_CHECKING:
    from procedurekit.calendar.announcements import AnnouncementDiff, DayChange
    from procedurekit.findings import Report

__all__ = ["calendar_of", "register", "run"]

_USAGE = """\
%(prog)s YEAR [--json | --format {text,json,ics}] [--known-at DATE] [--calendar-file FILE]
       %(prog)s check FILE [--json | --format {text,json,github}]
       %(prog)s diff FILE [--from DATE] [--to DATE] [--duration N ...] [--json]"""

_EPILOG = """\
examples:
  procedurekit calendar 2026
  procedurekit calendar 2026 --json
  procedurekit calendar 2026 --format ics > vietnam-2026.ics
  procedurekit calendar 2026 --known-at 2025-12-01
  procedurekit calendar 2027 --calendar-file announcement-2027.toml
  procedurekit calendar check announcement-2027.toml
  procedurekit calendar check announcement-2027.toml --format github
  procedurekit calendar diff announcement-2027.toml
  procedurekit calendar diff announcement-2027.toml --from 2026-12-01 --to 2027-03-31 \\
      --duration 5 --duration "20 ngày làm việc" --json

exit codes: 0 clean; 1 check found errors in the file; 2 usage error, or a FILE that is
not an announcement file (unreadable, not TOML/JSON, no format key)
"""

_TOOLS: Final = ("check", "diff")
_FORMATS: Final = {
    "year": ("text", "json", "ics"),
    "check": ("text", "json", "github"),
    "diff": ("text", "json"),
}
_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

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
        help="list a year's days off (text, JSON, iCalendar); check or diff an announcement",
        description="List a year's holidays, compensatory days, swapped days off and "
        "make-up working days of the official public-sector calendar, each with its source "
        "(calendar YEAR); check an announcement file written in the package's data format "
        "(calendar check FILE); or show which days and due dates it would change if it were "
        "added to the shipped data (calendar diff FILE). A first argument other than check "
        "or diff is the YEAR.",
        epilog=_EPILOG,
    )
    p.usage = _USAGE
    p.add_argument(
        "year",
        metavar="YEAR|check|diff",
        type=_year_or_tool,
        help="a year from 2010 to 2060 to list; or check or diff, followed by FILE",
    )
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="with check or diff: an announcement file, TOML (JSON when its name ends in "
        ".json) in the format of the package's data/vietnam.toml",
    )
    output = p.add_mutually_exclusive_group()
    output.add_argument(
        "--format",
        choices=["text", "json", "ics", "github"],
        help="output format (default text): json; ics, with YEAR, iCalendar for a calendar "
        "app (needs the extra procedurekit[ics]); github, with check, workflow annotations",
    )
    output.add_argument("--json", action="store_true", help="print JSON (--format json)")
    add_calendar_options(p)  # --known-at, --calendar-file: with YEAR
    diff = p.add_argument_group("calendar diff FILE")
    diff.add_argument(
        "--from",
        dest="start",
        type=iso_date,
        metavar="DATE",
        help="the first receipt compared (default: 1 January of the first year the file covers)",
    )
    diff.add_argument(
        "--to",
        dest="end",
        type=iso_date,
        metavar="DATE",
        help="the last receipt compared (default: 31 December of the last year it covers)",
    )
    diff.add_argument(
        "--duration",
        action="append",
        type=_working_days,
        metavar="N",
        help="a limit in working days whose due dates are compared: 5, or a phrase such as "
        "'15 ngày làm việc'; repeatable (default: 5, 10 and 15)",
    )
    p.set_defaults(handler=run)


def _year_or_tool(text: str) -> int | str:
    """The first argument: ``check``, ``diff`` or a year."""
    if text in _TOOLS:
        return text
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid year {text!r}: expected a year such as 2026, or check FILE, or diff FILE"
        ) from None


def _working_days(text: str) -> int:
    """``--duration``: a whole number of working days, as a number or a phrase."""
    from procedurekit.durations import WorkingDays
    from procedurekit.errors import ProcedureKitError
    from procedurekit.phrases import parse_duration

    stripped = text.strip()
    if stripped.isdigit():
        n = int(stripped)
    else:
        try:
            found = parse_duration(stripped)
        except ProcedureKitError as exc:
            raise argparse.ArgumentTypeError(f"invalid duration {text!r}: {exc}") from None
        if not isinstance(found, WorkingDays) or found.value != int(found.value):
            raise argparse.ArgumentTypeError(
                f"invalid duration {text!r}: {found!r} is not a whole number of working days; "
                "expected e.g. 5 or '05 ngày làm việc'"
            )
        n = int(found.value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"invalid duration {text!r}: at least 1 working day")
    return n


def calendar_of(args: argparse.Namespace) -> WorkingCalendar:
    """The calendar the ``--known-at`` and ``--calendar-file`` options name."""
    return WorkingCalendar.vietnam(known_at=args.known_at, extra_files=args.calendar_file)


def _form_and_format(args: argparse.Namespace) -> tuple[str, str]:
    """The form (``year``, ``check``, ``diff``) and output format; refuse misplaced options."""
    form = args.year if isinstance(args.year, str) else "year"
    fmt = "json" if args.json else (args.format or "text")
    if form in _TOOLS and args.file is None:
        raise UsageError(
            f"calendar {form} needs a FILE, e.g. procedurekit calendar {form} "
            "announcement-2027.toml"
        )
    if form == "year" and args.file is not None:
        raise UsageError(
            f"unexpected argument {args.file!r}: a FILE goes with check or diff "
            "(procedurekit calendar check FILE)"
        )
    if form != "year" and (args.known_at is not None or args.calendar_file):
        raise UsageError("--known-at and --calendar-file go with calendar YEAR")
    if form != "diff" and (args.start or args.end or args.duration):
        raise UsageError("--from, --to and --duration go with calendar diff FILE")
    if fmt not in _FORMATS[form]:
        label = "YEAR" if form == "year" else f"{form} FILE"
        raise UsageError(
            f"--format {fmt} does not go with calendar {label}; use one of "
            + ", ".join(_FORMATS[form])
        )
    return form, fmt


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the year's days, or check or diff an announcement file."""
    form, fmt = _form_and_format(args)
    if form == "check":
        return _run_check(args.file, fmt, out)
    if form == "diff":
        return _run_diff(args, fmt, out)
    return _run_year(args, fmt, out)


def _run_year(args: argparse.Namespace, fmt: str, out: TextIO) -> int:
    cal = calendar_of(args)
    year = args.year
    off = cal.days_off(year)
    worked = cal.makeup_days(year)
    status = cal.year_status(year)
    if fmt == "ics":
        from procedurekit.calendar.ics import calendar_ics

        out.write(calendar_ics(cal, year))
        return EXIT_CLEAN
    if fmt == "json":
        from procedurekit.server._documents import calendar_year_document

        print_json(calendar_year_document(cal, year), out)
        return EXIT_CLEAN
    line = text_writer(out)  # names from announcement files are escaped
    line(f"Calendar {year}: {_STATES[status]}; data {cal.data_version}")
    line()
    line("Days off:")
    for e in off:
        src = f"  [{e.source}]" if e.source else ""
        line(f"  {e.day.isoformat()} {e.day.strftime('%a')}  {e.name_vi} ({e.name_en}){src}")
    line()
    line("Weekend days worked (làm bù):")
    if not worked:
        line("  none")
    for e in worked:
        src = f"  [{e.source}]" if e.source else ""
        line(f"  {e.day.isoformat()} {e.day.strftime('%a')}  {e.name_vi} ({e.name_en}){src}")
    return EXIT_CLEAN


def _run_check(path: str, fmt: str, out: TextIO) -> int:
    from procedurekit.calendar.announcements import check_announcements
    from procedurekit.findings import format_report

    report = check_announcements(path)
    if fmt in ("json", "github"):
        style: Literal["json", "github"] = "json" if fmt == "json" else "github"
        out.write(format_report(report, style))
    else:
        out.write(_check_text(report))
    return report.exit_code()


def _check_text(report: Report) -> str:
    """The check as text: a summary line, one line per finding, what to do next."""
    stats = report.stats
    by_severity = Counter(f.severity.value for f in report.findings)
    years = ", ".join(map(str, stats["years"])) or "none"
    lines = [
        f"procedurekit calendar check: {'VALID' if report.valid else 'INVALID'} "
        f"({by_severity['error']} errors, {by_severity['warning']} warnings, "
        f"{by_severity['info']} info) - {stats['file']}: {stats['entries']} entries, "
        f"years {years}"
    ]
    for f in report.findings:
        where = f"{f.file}:{f.line}" if f.line is not None else str(f.file)
        field = f" {f.field}" if f.field else ""
        lines.append(f"{where} [{f.severity.value}] {f.code}{field}: {f.message}")
    if report.valid:
        lines.append("no error; procedurekit calendar diff FILE shows what the file changes")
    else:
        lines.append("errors found: fix them and check again (exit status 1)")
    return "\n".join(printable(x) for x in lines) + "\n"


def _run_diff(args: argparse.Namespace, fmt: str, out: TextIO) -> int:
    from procedurekit.calendar.announcements import DEFAULT_LIMITS, diff_announcements

    result = diff_announcements(
        args.file,
        start=args.start,
        end=args.end,
        working_days=args.duration or DEFAULT_LIMITS,
    )
    if fmt == "json":
        print_json(result.to_dict(), out)
    else:
        out.write(_diff_text(result))
    return EXIT_CLEAN


def _day_line(c: DayChange) -> str:
    e = c.new if c.new is not None else c.old
    head = f"  {c.day.isoformat()} {_WEEKDAYS[c.day.weekday()]}"
    if e is None:
        return head
    src = f"  [{e.source}]" if e.source else ""
    return f"{head}  {e.name_vi} ({e.name_en}){src}"


def _diff_text(d: AnnouncementDiff) -> str:
    lines = [
        f"Calendar diff: {d.path}",
        f"  shipped data    {d.old_version}",
        f"  with the file   {d.new_version}",
        f"  years covered   {', '.join(map(str, d.years)) or 'none'}",
        "",
        "Year status:",
    ]
    lines += [f"  {c.year}  {c.old} -> {c.new}" for c in d.year_changes] or ["  unchanged"]
    for title, found in (
        ("Days that become days off", d.became("off")),
        ("Days that become working days", d.became("working")),
    ):
        lines += ["", f"{title} ({len(found)}):"]
        lines += [_day_line(c) for c in found] or ["  none"]
    relabelled = d.became("relabelled")
    lines += ["", f"Names, sources or statuses changed ({len(relabelled)}):"]
    for c in relabelled:
        lines.append(_day_line(c))
        for field in c.fields:
            old = getattr(c.old, field, None) if c.old is not None else None
            new = getattr(c.new, field, None) if c.new is not None else None
            lines.append(f"      {field}: {_value(old)} -> {_value(new)}")
    if not relabelled:
        lines.append("  none")
    lines.append("")
    if d.start is None or d.end is None:
        lines.append("Due dates: the file covers no year; give --from and --to")
    else:
        lines.append(
            f"Due dates that move, receipts {d.start.isoformat()}..{d.end.isoformat()} "
            f"({d.receipts} days that are working days on either calendar):"
        )
        for n in d.limits:
            moves = d.moved(n)
            lines.append(f"  {n} working days: {len(moves)} receipt(s) move")
            lines += [
                f"    received {m.received.isoformat()} {_WEEKDAYS[m.received.weekday()]}: "
                f"due {m.old_due.isoformat()} -> {m.new_due.isoformat()}"
                for m in moves
            ]
    return "\n".join(printable(x) for x in lines) + "\n"


def _value(value: object) -> str:
    if value is None:
        return "-"
    text = getattr(value, "value", value)  # an enum's value
    if hasattr(text, "isoformat"):
        return str(text.isoformat())
    return str(text)
