"""``procedurekit deadline``: compute a legal deadline and explain it."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from procedurekit.cli._common import (
    EXIT_CLEAN,
    UsageError,
    add_calendar_options,
    add_default_unit,
    add_policy,
    command_parser,
    default_unit,
    moment,
    number,
    print_json,
    wall_clock,
)
from procedurekit.cli.calendar import calendar_of

__all__ = ["register", "run"]

_EPILOG = """\
examples:
  procedurekit deadline --received 2026-02-13T10:00 --working-days 5
  procedurekit deadline --received 2026-04-25T10:00 --working-days 1 --policy next-opening
  procedurekit deadline --received 2026-03-02T15:30 --same-day --cutoff 15:00
  procedurekit deadline --received 2026-03-02 --duration "05 ngày làm việc" --json
  procedurekit deadline --received 2026-03-02 --duration 1 --default-unit working-days
"""


def register(sub: Any) -> None:
    """Add the ``deadline`` command to ``sub``."""
    p = command_parser(
        sub,
        "deadline",
        help="compute a legal deadline and explain it",
        description="Compute the due date of a dossier received at a moment, for a time "
        "limit, on the official calendar, and explain each day skipped.",
        epilog=_EPILOG,
    )
    p.add_argument(
        "--received",
        required=True,
        type=moment,
        metavar="MOMENT",
        help="when the dossier was received: YYYY-MM-DD (the opening of office hours) or "
        "an ISO datetime; a naive time is Vietnam time (UTC+07:00)",
    )
    unit = p.add_mutually_exclusive_group(required=True)
    unit.add_argument(
        "--working-days", type=number, metavar="N", help="N working days (ngày làm việc)"
    )
    unit.add_argument("--calendar-days", type=number, metavar="N", help="N calendar days (ngày)")
    unit.add_argument(
        "--working-hours", type=number, metavar="H", help="H office hours (giờ làm việc)"
    )
    unit.add_argument("--months", type=number, metavar="N", help="N months (tháng)")
    unit.add_argument("--same-day", action="store_true", help="same day (trong ngày); see --cutoff")
    unit.add_argument(
        "--duration",
        metavar="TEXT",
        help='a time-limit phrase as catalogues write it, e.g. "05 ngày làm việc"',
    )
    p.add_argument(
        "--cutoff",
        type=wall_clock,
        metavar="HH:MM",
        help="with --same-day: receipts after it are due the next working day (sau 15 giờ)",
    )
    add_default_unit(
        p, help="with --duration: the unit of a bare number such as a portal cell holding '1'"
    )
    add_calendar_options(p)
    add_policy(p)
    p.add_argument(
        "--service-model",
        metavar="NAME",
        help="a service-model preset whose commitment applies on its weekdays, e.g. quick-friday",
    )
    p.add_argument(
        "--procedure-code", metavar="CODE", help="the procedure's code, for a service model"
    )
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the slip line")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(handler=run)


def _duration(args: argparse.Namespace) -> Any:
    from procedurekit import durations as d
    from procedurekit.phrases import parse_duration

    if args.working_days is not None:
        return d.WorkingDays(args.working_days)
    if args.calendar_days is not None:
        return d.CalendarDays(args.calendar_days)
    if args.working_hours is not None:
        return d.WorkingHours(args.working_hours)
    if args.months is not None:
        return d.Months(args.months)
    if args.same_day:
        return d.SameDay(args.cutoff)
    return parse_duration(args.duration, default_unit=default_unit(args))


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Compute and print the deadline."""
    from procedurekit.calendar.hours import OfficeHours
    from procedurekit.deadlines import DeadlineRules, ServiceModel, format_deadline

    if args.cutoff is not None and not args.same_day:
        raise UsageError("--cutoff goes with --same-day")
    if args.default_unit is not None and args.duration is None:
        raise UsageError("--default-unit goes with --duration")
    duration = _duration(args)
    rules = DeadlineRules(
        calendar=calendar_of(args), hours=OfficeHours.standard(), receipt_policy=args.policy
    )
    model = ServiceModel.preset(args.service_model) if args.service_model else None
    dl = rules.due(args.received, duration, service_model=model, procedure_code=args.procedure_code)
    explanation = [
        {"date": e[0].isoformat(), "reason_vi": e[1], "reason_en": e[2], "source": e[3]}
        for e in dl.explain()
    ]
    if args.json:
        print_json(
            {
                "received": args.received.isoformat(),
                "receipt": dl.receipt.isoformat(),
                "duration": repr(duration),
                "receipt_policy": args.policy,
                "due_date": dl.due_date.isoformat() if dl.due_date else None,
                "due_at": dl.due_at.isoformat() if dl.due_at else None,
                "committed_date": dl.committed_date.isoformat() if dl.committed_date else None,
                "provisional": dl.provisional,
                "flags": list(dl.flags),
                "calendar_version": dl.calendar_version,
                "explanation": explanation,
                "slip": format_deadline(dl, lang=args.lang),
            },
            out,
        )
        return EXIT_CLEAN
    out.write(f"received     {args.received.isoformat()}\n")
    out.write(f"receipt      {dl.receipt.isoformat()}  (policy {args.policy})\n")
    out.write(f"time limit   {duration!r}\n")
    if dl.due_date is None:
        out.write("due          no time limit\n")
    else:
        at = dl.due_at.isoformat() if dl.due_at else "-"
        out.write(f"due date     {dl.due_date.isoformat()}  (appointment {at})\n")
    if dl.committed_date is not None:
        out.write(f"committed    {dl.committed_date.isoformat()}  (service model)\n")
    if dl.provisional:
        out.write("provisional  yes: the period crosses dates not yet announced or verified\n")
    if dl.flags:
        out.write(f"flags        {', '.join(dl.flags)}\n")
    out.write(f"calendar     {dl.calendar_version}\n")
    if explanation:
        out.write("days skipped:\n")
        for e in explanation:
            src = f"  [{e['source']}]" if e["source"] else ""
            reason = e["reason_vi"] if args.lang == "vi" else e["reason_en"]
            out.write(f"  {e['date']}  {reason}{src}\n")
    out.write(format_deadline(dl, lang=args.lang) + "\n")
    return EXIT_CLEAN
