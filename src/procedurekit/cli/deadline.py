"""``procedurekit deadline``: compute a legal deadline and explain it."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from procedurekit.cli._common import (
    EXIT_CLEAN,
    UsageError,
    add_calendar_options,
    add_default_unit,
    add_office_hours,
    add_policy,
    command_parser,
    default_unit,
    moment,
    number,
    print_json,
    text_writer,
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
  procedurekit deadline --jsonl < requests.jsonl > answers.jsonl
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
        type=moment,
        metavar="MOMENT",
        help="when the dossier was received: YYYY-MM-DD (the opening of office hours) or "
        "an ISO datetime; a naive time is Vietnam time (UTC+07:00)",
    )
    unit = p.add_mutually_exclusive_group()
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
        help=(
            "a service-model preset (key or Vietnamese name, e.g. quick-friday or "
            "'Thứ Sáu nhanh') whose commitment applies on its weekdays; needs "
            "--procedure-code, the procedure the province runs it for"
        ),
    )
    p.add_argument(
        "--procedure-code", metavar="CODE", help="the procedure's code, for a service model"
    )
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the slip line")
    add_office_hours(p)
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON instead of text")
    output.add_argument(
        "--jsonl",
        action="store_true",
        help="JSON Lines: read one deadline request a line on stdin (the shape of POST "
        '/v1/deadlines), write one answer a line ({"deadline": ...} or {"problem": ...}) '
        "as each is read; without --received or a time limit",
    )
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


def _has_time_limit(args: argparse.Namespace) -> bool:
    given = (args.working_days, args.calendar_days, args.working_hours, args.months)
    return any(v is not None for v in given) or args.same_day or args.duration is not None


def _hours(args: argparse.Namespace) -> Any:
    from procedurekit.calendar.hours import OfficeHours

    return OfficeHours.parse(args.office_hours) if args.office_hours else OfficeHours.standard()


def _run_lines(args: argparse.Namespace, out: TextIO) -> int:
    """``--jsonl``: one answer line per request line on stdin, as each is read."""
    import json
    import sys

    from procedurekit.server._documents import answer_lines

    per_request = [
        name
        for name in ("received", "duration", "cutoff", "service_model", "procedure_code")
        if getattr(args, name) is not None
    ]
    if per_request or _has_time_limit(args) or args.default_unit is not None:
        raise UsageError(
            "--jsonl reads each request's receipt, time limit and options from its line; "
            "only --known-at, --calendar-file and --office-hours go with it"
        )
    # Bytes when there are: a line that is not UTF-8 is answered by a problem, not a crash.
    lines = getattr(sys.stdin, "buffer", sys.stdin)
    for answer in answer_lines(lines, calendar=calendar_of(args), hours=_hours(args)):
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()
    return EXIT_CLEAN


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Compute and print the deadline."""
    from procedurekit.deadlines import DeadlineRules, ServiceModel, format_deadline
    from procedurekit.phrases import format_duration

    if args.jsonl:
        return _run_lines(args, out)
    if args.received is None:
        raise UsageError("--received is required (or --jsonl to read requests from stdin)")
    if not _has_time_limit(args):
        raise UsageError(
            "one of --working-days, --calendar-days, --working-hours, --months, --same-day "
            "or --duration is required"
        )
    if args.cutoff is not None and not args.same_day:
        raise UsageError("--cutoff goes with --same-day")
    if args.default_unit is not None and args.duration is None:
        raise UsageError("--default-unit goes with --duration")
    duration = _duration(args)
    rules = DeadlineRules(
        calendar=calendar_of(args), hours=_hours(args), receipt_policy=args.policy
    )
    model = None
    if args.service_model:
        if not args.procedure_code:
            raise UsageError(
                "--service-model needs --procedure-code: a service model serves only the "
                "procedures a province lists"
            )
        model = ServiceModel.preset(args.service_model, procedures=[args.procedure_code])
    dl = rules.due(args.received, duration, service_model=model, procedure_code=args.procedure_code)
    if args.json:
        from procedurekit.server._documents import deadline_document

        # The Deadline document of the wire format (docs/wire-format.md), and what the
        # command adds: the moment given, the policy, the days explained and the slip line;
        # the same document the HTTP service answers.
        print_json(
            deadline_document(
                dl, received=args.received, receipt_policy=args.policy, lang=args.lang
            ),
            out,
        )
        return EXIT_CLEAN
    explanation = [
        {"date": e[0].isoformat(), "reason_vi": e[1], "reason_en": e[2], "source": e[3]}
        for e in dl.explain()
    ]
    line = text_writer(out)  # values from calendar files are escaped
    line(f"received     {args.received.isoformat()}")
    line(f"receipt      {dl.receipt.isoformat()}  (policy {args.policy})")
    line(f"time limit   {format_duration(duration, args.lang, style='plain')}")
    if dl.due_date is None:
        line("due          no time limit")
    else:
        at = dl.due_at.isoformat() if dl.due_at else "-"
        line(f"due date     {dl.due_date.isoformat()}  (appointment {at})")
    if dl.committed_date is not None:
        line(f"committed    {dl.committed_date.isoformat()}  (service model)")
    if dl.provisional:
        line("provisional  yes: the period crosses dates not yet announced or verified")
    if dl.flags:
        line(f"flags        {', '.join(dl.flags)}")
    line(f"calendar     {dl.calendar_version}")
    if explanation:
        line("days explained:")
        for e in explanation:
            src = f"  [{e['source']}]" if e["source"] else ""
            reason = e["reason_vi"] if args.lang == "vi" else e["reason_en"]
            line(f"  {e['date']}  {reason}{src}")
    line(format_deadline(dl, lang=args.lang))
    return EXIT_CLEAN
