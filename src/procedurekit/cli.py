"""The ``procedurekit`` command line: deadlines, the calendar, validation and audits.

Exit codes: 0 clean, 1 findings (validation or audit problems), 2 usage error or unreadable
input. Bad input never produces a traceback: every :class:`ProcedureKitError` is printed as
one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import Any, NoReturn, TextIO

from procedurekit._version import __version__
from procedurekit.errors import ProcedureKitError

__all__ = ["EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_USAGE", "build_parser", "main"]

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_DESCRIPTION = """\
procedurekit: Vietnamese administrative procedures in code.

Compute legal deadlines on the official public-sector calendar, list the calendar's days
off, validate catalogue exports, audit dossier dumps and report service indicators.
"""

_EPILOG = """\
examples:
  procedurekit deadline --received 2026-02-13T10:00 --working-days 5
  procedurekit deadline --received 2026-02-13T10:00 --duration "05 ngày làm việc" --json
  procedurekit calendar 2026
  procedurekit validate catalogue.csv --format json
  procedurekit audit dossiers.csv --catalogue catalogue.csv --as-of 2026-11-26
  procedurekit metrics dossiers.csv --catalogue catalogue.csv --html report.html
  procedurekit schema Procedure
  procedurekit rules

exit codes: 0 clean, 1 findings, 2 usage error or unreadable input
"""


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and one line of error, as documented."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {text!r}: expected YYYY-MM-DD, e.g. 2026-02-13"
        ) from None


def _moment(text: str) -> date | datetime:
    """A receipt: YYYY-MM-DD (the day's opening) or an ISO datetime (naive = Vietnam time)."""
    value = text.strip()
    try:
        if "T" in value or " " in value or len(value) > 10:
            return datetime.fromisoformat(value)
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid moment {text!r}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[+07:00], "
            "e.g. 2026-02-13T10:00"
        ) from None


def _clock(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid time {text!r}: expected HH:MM, e.g. 15:00"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``procedurekit`` command (also used to document the CLI)."""
    parser = _Parser(
        prog="procedurekit",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"procedurekit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    # -- deadline ---------------------------------------------------------------------------
    p = sub.add_parser(
        "deadline",
        help="compute a legal deadline and explain it",
        description="Compute the due date of a dossier received at a moment, for a time limit, "
        "on the official calendar, and explain each day skipped.",
        epilog="""\
examples:
  procedurekit deadline --received 2026-02-13T10:00 --working-days 5
  procedurekit deadline --received 2026-04-25T10:00 --working-days 1 --policy next-opening
  procedurekit deadline --received 2026-03-02T15:30 --same-day --cutoff 15:00
  procedurekit deadline --received 2026-03-02 --duration "05 ngày làm việc" --json
  procedurekit deadline --received 2026-03-02 --duration 1 --default-unit working-days
""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--received",
        required=True,
        type=_moment,
        metavar="MOMENT",
        help="when the dossier was received: YYYY-MM-DD (the opening of office hours) or "
        "an ISO datetime; a naive time is Vietnam time (UTC+07:00)",
    )
    unit = p.add_mutually_exclusive_group(required=True)
    unit.add_argument("--working-days", metavar="N", help="N working days (ngày làm việc)")
    unit.add_argument("--calendar-days", metavar="N", help="N calendar days (ngày)")
    unit.add_argument("--working-hours", metavar="H", help="H office hours (giờ làm việc)")
    unit.add_argument("--months", metavar="N", help="N months (tháng)")
    unit.add_argument("--same-day", action="store_true", help="same day (trong ngày); see --cutoff")
    unit.add_argument(
        "--duration",
        metavar="TEXT",
        help='a time-limit phrase as catalogues write it, e.g. "05 ngày làm việc"',
    )
    p.add_argument(
        "--cutoff",
        type=_clock,
        metavar="HH:MM",
        help="with --same-day: receipts after it are due the next working day (sau 15 giờ)",
    )
    p.add_argument(
        "--default-unit",
        choices=["working-days", "calendar-days", "working-hours", "months"],
        help="with --duration: the unit of a bare number such as a portal cell holding '1'",
    )
    _calendar_options(p)
    p.add_argument(
        "--policy",
        default="as-submitted",
        metavar="POLICY",
        help="receipt policy: as-submitted (default: the submission moment counts), "
        "next-opening (outside office hours counts from the next opening), or a sector "
        "preset: state-treasury, customs",
    )
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
    p.set_defaults(handler=_cmd_deadline)

    # -- calendar ---------------------------------------------------------------------------
    p = sub.add_parser(
        "calendar",
        help="list a year's days off and make-up working days, with sources",
        description="List a year's holidays, compensatory days, swapped days off and make-up "
        "working days of the official public-sector calendar, each with its source.",
        epilog="""\
examples:
  procedurekit calendar 2026
  procedurekit calendar 2026 --json
  procedurekit calendar 2026 --known-at 2025-12-01
  procedurekit calendar 2027 --calendar-file announcement-2027.toml
""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("year", type=int, help="a year from 2010 to 2060")
    _calendar_options(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(handler=_cmd_calendar)

    # -- validate ---------------------------------------------------------------------------
    p = sub.add_parser(
        "validate",
        help="validate a catalogue export (CSV, TSV, XLSX, JSON, JSON Lines)",
        description="Read a catalogue (one table, or several joined on the procedure code: "
        "procedures, per-channel times and fees, dossier components), parse its processing "
        "times and report every finding. Exit 1 when a finding reaches --fail-on.",
        epilog="""\
examples:
  procedurekit validate catalogue.csv
  procedurekit validate procedures.csv channels.csv components.csv --format json
  procedurekit validate export.xlsx --sheet "Danh sách" --default-unit working-days
  procedurekit validate catalogue.csv --as-of 2025-07-01 --format github
  procedurekit validate catalogue.csv --ignore missing-legal-basis --fail-on warning
""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="catalogue file(s)")
    _report_options(p)
    p.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="DATE",
        help="judge date-dependent rules (the district level abolished on 2025-07-01) at "
        "DATE; default: not judged unless a row carries an effective date",
    )
    p.add_argument("--delimiter", metavar="CHAR", help="CSV delimiter (default: detected)")
    p.add_argument("--sheet", metavar="NAME", help="XLSX sheet (default: the first)")
    p.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="a finding code to leave out (repeatable); `procedurekit rules` lists them",
    )
    p.set_defaults(handler=_cmd_validate)

    # -- audit ------------------------------------------------------------------------------
    p = sub.add_parser(
        "audit",
        help="audit dossiers' appointment dates and outcomes against the law",
        description="Recompute each dossier's legal due date from its procedure's time for "
        "its channel, on the calendar as it was announced when the dossier was received, "
        "compare it with the appointment date the system recorded, classify outcomes and "
        "report mismatches. Streams files of millions of lines in bounded memory.",
        epilog="""\
examples:
  procedurekit audit dossiers.csv --catalogue catalogue.csv
  procedurekit audit dossiers.jsonl --catalogue procedures.csv channels.csv --as-of 2026-11-26
  procedurekit audit dossiers.csv --catalogue catalogue.csv --format json > audit.json
""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "dossiers",
        nargs="+",
        metavar="DOSSIERS",
        help="dossier file(s) (CSV or JSON Lines, gzipped or not), read as one stream",
    )
    p.add_argument(
        "--catalogue",
        nargs="+",
        required=True,
        metavar="FILE",
        help="catalogue file(s) holding the procedures' processing times",
    )
    _report_options(p)
    p.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="DATE",
        help="judge open dossiers in time or overdue at DATE; default: not judged (counted "
        "as open): the clock is never read implicitly",
    )
    p.add_argument(
        "--policy",
        default="as-submitted",
        metavar="POLICY",
        help="receipt policy (default as-submitted; next-opening, state-treasury, customs)",
    )
    p.add_argument(
        "--financial-obligation-pauses",
        choices=["if-excluded", "always", "never"],
        default="if-excluded",
        help="pause the clock while the applicant fulfils financial obligations: only when "
        "the procedure's time excludes that period ('không kể thời gian thực hiện nghĩa vụ "
        "tài chính', the default), always, or never",
    )
    p.add_argument(
        "--max-examples",
        type=int,
        default=20,
        metavar="N",
        help="examples kept per finding code (default 20); counts are always complete",
    )
    p.set_defaults(handler=_cmd_audit)

    # -- metrics ----------------------------------------------------------------------------
    p = sub.add_parser(
        "metrics",
        help="service indicators (Decision 766), time cuts and online share, as a report",
        description="Compute the Decision 766/QĐ-TTg (2022) indicators (2.1 on time, 3.3 "
        "online dossiers, 3.6 online payment, 4.1-4.3 digitisation, 5.4 satisfaction, 3.1 "
        "procedures with online service), scores per group and in total, the time-cut and "
        "online-share summaries, from a flat dossier file and a catalogue; optionally "
        "grouped, and written as one self-contained HTML report.",
        epilog="""\
examples:
  procedurekit metrics dossiers.csv --catalogue catalogue.csv --as-of 2026-11-26
  procedurekit metrics dossiers.csv --catalogue catalogue.csv --by agency --format csv
  procedurekit metrics dossiers.jsonl --catalogue procedures.csv channels.csv --by month \\
      --html report.html
""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("dossiers", metavar="DOSSIERS", help="dossier file (CSV or JSON Lines)")
    p.add_argument(
        "--catalogue",
        nargs="+",
        default=[],
        metavar="FILE",
        help="catalogue file(s): processing times (to recompute missing due dates), fees "
        "(3.6), online levels (3.1) and committed times (time cuts)",
    )
    p.add_argument(
        "--by",
        action="append",
        default=[],
        choices=["agency", "field", "level", "procedure", "channel", "month", "quarter"],
        help="group the indicators (repeatable: --by agency --by month)",
    )
    p.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="DATE",
        help="the evaluation day: open dossiers are in time or overdue on it "
        "(default: today's date, printed with the report)",
    )
    p.add_argument(
        "--format", choices=["text", "json", "csv"], default="text", help="output format"
    )
    p.add_argument(
        "--html", metavar="FILE", help="also write one self-contained HTML report to FILE"
    )
    p.add_argument("--title", default="Chỉ số phục vụ · Service indicators", help="HTML title")
    _date_format_option(p)
    p.set_defaults(handler=_cmd_metrics)

    # -- rules ------------------------------------------------------------------------------
    p = sub.add_parser(
        "rules",
        help="list the validation and audit rules with their sources",
        description="List every validation and audit rule: its stable code, severity, what "
        "it checks and its legal source.",
        epilog="""\
examples:
  procedurekit rules
  procedurekit rules --format json
""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--format", choices=["text", "json", "markdown"], default="text", help="output format"
    )
    p.set_defaults(handler=_cmd_rules)

    # -- schema -----------------------------------------------------------------------------
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema (2020-12) of a model",
        description="Print the JSON Schema 2020-12 document of a public model, as other "
        "applications validate procedurekit's JSON against it.",
        epilog="""\
examples:
  procedurekit schema Procedure
  procedurekit schema Dossier > dossier.schema.json
  procedurekit schema --list
""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("model", nargs="?", help="a model name, e.g. Procedure, Dossier, Initiative")
    p.add_argument("--list", action="store_true", help="list the model names")
    p.set_defaults(handler=_cmd_schema)

    # -- tour -------------------------------------------------------------------------------
    p = sub.add_parser(
        "tour",
        help="a short tour on bundled sample data (what `make run` shows)",
        description="Print a few real deadlines with their explanation, and, where the sample "
        "data is bundled, validate and audit it.",
    )
    p.set_defaults(handler=_cmd_tour)

    return parser


def _report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="report format: text (summary, then findings), json, or github (annotations)",
    )
    p.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        default="error",
        help="the lowest severity that makes the exit status 1 (default: error)",
    )
    p.add_argument(
        "--limit",
        type=int,
        default=50,
        metavar="N",
        help="findings shown in the text format before '+N more' (default 50)",
    )
    p.add_argument(
        "--default-unit",
        choices=["working-days", "calendar-days", "working-hours", "months"],
        help="the unit of a bare number as a time limit (a portal cell holding '1'); "
        "such cells are always reported",
    )
    _date_format_option(p)


def _date_format_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--date-format",
        choices=["iso", "dmy", "excel"],
        help="how dates are written (default: detected per column and reported)",
    )


def _calendar_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--known-at",
        type=_iso_date,
        metavar="DATE",
        help="use the calendar as it had been announced on DATE (default: all data shipped)",
    )
    p.add_argument(
        "--calendar-file",
        action="append",
        default=[],
        metavar="FILE",
        help="load a newer official announcement (TOML or JSON, the package's data format); "
        "repeatable",
    )


# -- helpers --------------------------------------------------------------------------------


def _calendar(args: argparse.Namespace) -> Any:
    from procedurekit.calendar import WorkingCalendar

    return WorkingCalendar.vietnam(known_at=args.known_at, extra_files=args.calendar_file)


def _duration_from_args(args: argparse.Namespace) -> Any:
    from procedurekit import durations as d

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
    from procedurekit.phrases import parse_duration

    return parse_duration(args.duration, default_unit=_unit(args))


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _cmd_deadline(args: argparse.Namespace, out: TextIO) -> int:
    from procedurekit.calendar.hours import OfficeHours
    from procedurekit.deadlines import DeadlineRules, format_deadline

    if args.cutoff is not None and not args.same_day:
        raise _usage("--cutoff goes with --same-day")
    if args.default_unit is not None and args.duration is None:
        raise _usage("--default-unit goes with --duration")
    duration = _duration_from_args(args)
    cal = _calendar(args)
    rules = DeadlineRules(calendar=cal, hours=OfficeHours.standard(), receipt_policy=args.policy)
    model = None
    if args.service_model:
        from procedurekit.deadlines.service import ServiceModel

        model = ServiceModel.preset(args.service_model)
    dl = rules.due(args.received, duration, service_model=model, procedure_code=args.procedure_code)
    explanation = [
        {"date": e[0].isoformat(), "reason_vi": e[1], "reason_en": e[2], "source": e[3]}
        for e in dl.explain()
    ]
    if args.json:
        _print_json(
            {
                "received": args.received.isoformat(),
                "receipt": dl.receipt.isoformat(),
                "duration": repr(duration),
                "receipt_policy": args.policy,
                "due_date": dl.due_date.isoformat() if dl.due_date else None,
                "due_at": dl.due_at.isoformat() if dl.due_at else None,
                "committed_date": dl.committed_date.isoformat() if dl.committed_date else None,
                "provisional": dl.provisional,
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
        out.write("provisional  yes: the period crosses dates not yet announced\n")
    out.write(f"calendar     {dl.calendar_version}\n")
    if explanation:
        out.write("days skipped:\n")
        for e in explanation:
            src = f"  [{e['source']}]" if e["source"] else ""
            reason = e["reason_vi"] if args.lang == "vi" else e["reason_en"]
            out.write(f"  {e['date']}  {reason}{src}\n")
    out.write(format_deadline(dl, lang=args.lang) + "\n")
    return EXIT_CLEAN


def _cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
    cal = _calendar(args)
    year = args.year
    off = cal.days_off(year)
    worked = cal.makeup_days(year)
    provisional = cal.is_provisional(date(year, 1, 1))

    def row(e: Any) -> dict[str, Any]:
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

    if args.json:
        _print_json(
            {
                "year": year,
                "provisional": provisional,
                "data_version": cal.data_version,
                "days_off": [row(e) for e in off],
                "working_days": [row(e) for e in worked],
            },
            out,
        )
        return EXIT_CLEAN
    state = "provisional (not all announcements are in)" if provisional else "complete"
    out.write(f"Calendar {year}: {state}; data {cal.data_version}\n\nDays off:\n")
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


def _unit(args: argparse.Namespace) -> str | None:
    return args.default_unit.replace("-", "_") if args.default_unit else None


def _emit_report(report: Any, args: argparse.Namespace, out: TextIO) -> int:
    from procedurekit.findings import format_report

    out.write(format_report(report, args.format, limit=args.limit))
    code: int = report.exit_code(fail_on=args.fail_on)
    return code


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from procedurekit.checks import validate_files

    report = validate_files(
        args.files,
        as_of=args.as_of,
        default_unit=_unit(args),
        date_format=args.date_format,
        delimiter=args.delimiter,
        sheet=args.sheet,
        ignore=args.ignore,
    )
    return _emit_report(report, args, out)


def _cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from procedurekit.checks import audit_files
    from procedurekit.io import progress_printer

    if args.max_examples < 0:
        raise _usage("--max-examples must be 0 or more")
    report = audit_files(
        args.dossiers,
        args.catalogue,
        as_of=args.as_of,
        date_format=args.date_format,
        receipt_policy=args.policy,
        default_unit=_unit(args),
        max_examples=args.max_examples,
        financial_obligation_pauses=args.financial_obligation_pauses,
        progress=progress_printer("audit"),
    )
    return _emit_report(report, args, out)


def _cmd_metrics(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from procedurekit import report
    from procedurekit.findings import FindingSink
    from procedurekit.metrics import metrics_from_files

    as_of = args.as_of
    if as_of is None:
        as_of = date.today()  # the CLI's documented default, printed below
        sys.stderr.write(f"procedurekit metrics: as of {as_of.isoformat()} (today; --as-of)\n")
    sink = FindingSink()
    result = metrics_from_files(
        args.dossiers,
        catalogue=args.catalogue,
        by=tuple(args.by) or None,
        as_of=as_of,
        date_format=args.date_format,
        sink=sink,
    )
    if args.format == "json":
        out.write(report.render_json(result) + "\n")
    elif args.format == "csv":
        out.write(report.render_csv(result))
    else:
        out.write(report.render_text(result))
    if args.html:
        try:
            Path(args.html).write_text(report.render_html(result, title=args.title), "utf-8")
        except OSError as exc:
            raise _usage(f"cannot write {args.html}: {exc.strerror or exc}") from None
        sys.stderr.write(f"procedurekit metrics: wrote {args.html}\n")
    from procedurekit.findings import affects_metrics

    problems = sum(n for code, n in sink.counts.items() if affects_metrics(code))
    if problems:
        sys.stderr.write(
            f"procedurekit metrics: {problems} finding(s) change what the indicators count "
            "(unreadable rows, unknown procedures or statuses, ...); run `procedurekit "
            "audit` for the details\n"
        )
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from procedurekit.findings import rules_table

    text = rules_table(fmt=args.format)
    out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_CLEAN


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from procedurekit.serialize import MODELS, json_schema

    if args.list:
        out.write("\n".join(sorted(MODELS)) + "\n")
        return EXIT_CLEAN
    if not args.model:
        raise _usage("give a model name (procedurekit schema --list shows them)")
    if args.model not in MODELS:
        raise _usage(f"unknown model {args.model!r}; one of: {', '.join(sorted(MODELS))}")
    _print_json(json_schema(args.model), out)
    return EXIT_CLEAN


def _cmd_tour(args: argparse.Namespace, out: TextIO) -> int:
    from procedurekit._tour import run_tour

    return run_tour(out)


class _UsageError(Exception):
    pass


def _usage(message: str) -> _UsageError:
    return _UsageError(message)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (0 clean, 1 findings, 2 usage/input)."""
    stream = out if out is not None else sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace, TextIO], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(stream)
        return EXIT_USAGE
    try:
        return handler(args, stream)
    except _UsageError as exc:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"procedurekit {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except ProcedureKitError as exc:
        sys.stderr.write(f"procedurekit {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
