"""What every command shares: exit codes, argument types, and each shared option defined
once (frictionless' ``console/common.py`` is the model)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any, Final, NoReturn, TextIO, cast

from procedurekit._time import parse_iso
from procedurekit.errors import ProcedureKitError
from procedurekit.phrases.parse import DefaultUnit

__all__ = [
    "EXIT_CLEAN",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_USAGE",
    "Handler",
    "Parser",
    "UsageError",
    "add_as_of",
    "add_calendar_file",
    "add_calendar_options",
    "add_catalogue",
    "add_date_format",
    "add_default_unit",
    "add_financial_obligation_pauses",
    "add_office_hours",
    "add_policy",
    "add_read_limits",
    "add_report_options",
    "add_table_options",
    "command_parser",
    "default_unit",
    "delimiter",
    "iso_date",
    "moment",
    "number",
    "office_hours",
    "print_json",
    "read_limits",
    "size",
    "table_options",
    "wall_clock",
]

#: Nothing found.
EXIT_CLEAN: Final = 0
#: Findings (validation or audit problems, indicators that cannot be trusted).
EXIT_FINDINGS: Final = 1
#: A usage error or an input that cannot be read.
EXIT_USAGE: Final = 2
#: An unexpected internal error (a bug): one line on stderr, the traceback with --debug.
EXIT_INTERNAL: Final = 3

_HAS_OFFSET: Final = re.compile(r"[zZ]$|[+-]\d{2}(?::?\d{2})?$")

#: A command's function: the parsed arguments and the output stream to the exit status.
Handler = Callable[[argparse.Namespace, TextIO], int]


class Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and one line of error, as documented."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class UsageError(Exception):
    """A wrong combination of options: printed as one line, exit status 2."""


def command_parser(
    sub: Any, name: str, *, help: str, description: str, epilog: str = ""
) -> argparse.ArgumentParser:
    """A sub-command's parser with the shared look (raw description and examples)."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the traceback of an internal error (exit status 3)",
    )
    return parser


# -- argument types ---------------------------------------------------------------------------


def iso_date(text: str) -> date:
    """An ISO date ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {text!r}: expected YYYY-MM-DD, e.g. 2026-02-13"
        ) from None


def moment(text: str) -> date | datetime:
    """A receipt: YYYY-MM-DD (the day's opening) or an ISO datetime, read by the one ISO
    reader (Java's ``Z`` and .NET's seven fraction digits accepted). A moment written
    without an offset stays naive: Vietnam time."""
    try:
        found = parse_iso(text, "received")
    except ProcedureKitError:
        raise argparse.ArgumentTypeError(
            f"invalid moment {text!r}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[+07:00], "
            "e.g. 2026-02-13T10:00"
        ) from None
    if isinstance(found, datetime) and not _HAS_OFFSET.search(text.strip()[10:]):
        return found.replace(tzinfo=None)
    return found


_SIZE: Final = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)(i?b?)\s*", re.IGNORECASE)
_POWERS: Final = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}


def size(text: str) -> int:
    """A size in bytes: ``1048576``, ``512MiB``, ``2GiB``, ``64k`` (powers of 1024)."""
    m = _SIZE.fullmatch(text)
    if m is None or (m[3] and not m[2] and m[3].lower() != "b"):
        raise argparse.ArgumentTypeError(
            f"invalid size {text!r}: expected bytes or a number with KiB, MiB or GiB, e.g. 512MiB"
        )
    value = float(m[1]) * 1024 ** _POWERS[m[2].lower()]
    if value < 1 or value > 2**62:
        raise argparse.ArgumentTypeError(f"invalid size {text!r}: must be 1 byte or more")
    return int(value)


def count(text: str) -> int:
    """A whole number of 1 or more."""
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"invalid number {text!r}: expected 1 or more")
    return value


def whole(text: str) -> int:
    """A whole number of 0 or more."""
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"invalid number {text!r}: expected 0 or more")
    return value


def delimiter(text: str) -> str:
    """A CSV delimiter: one character other than a quote or a line break (``\\t``: tab)."""
    from procedurekit.io._tables import check_delimiter

    try:
        found = check_delimiter(text)
    except ProcedureKitError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    assert found is not None
    return found


def number(text: str) -> Decimal:
    """A non-negative amount: ``5``, ``0.5`` or ``0,5``."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            f"invalid number {text!r}: expected an amount such as 5 or 0.5"
        ) from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"invalid number {text!r}: expected a finite amount")
    return value


def office_hours(text: str) -> str:
    """Office hours as :meth:`procedurekit.OfficeHours.parse` reads them (``standard``,
    ``bac-giang`` or the Monday–Friday sessions ``07:30-11:30,13:30-17:00``): the text,
    checked (a server hands it to each worker process)."""
    from procedurekit.calendar.hours import OfficeHours

    try:
        OfficeHours.parse(text)
        return text
    except ProcedureKitError as exc:
        raise argparse.ArgumentTypeError(
            f"invalid office hours {text!r}: {exc.message}; expected standard, bac-giang or "
            "sessions such as 07:30-11:30,13:30-17:00"
        ) from None


def wall_clock(text: str) -> time:
    """A clock time ``HH:MM``."""
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid time {text!r}: expected HH:MM, e.g. 15:00"
        ) from None


# -- shared options, each defined once --------------------------------------------------------

_UNITS: Final = ["working-days", "calendar-days", "working-hours", "months"]


def add_default_unit(p: argparse.ArgumentParser, *, help: str | None = None) -> None:
    """``--default-unit``: the unit of a bare-number time limit."""
    p.add_argument(
        "--default-unit",
        choices=_UNITS,
        help=help
        or "the unit of a bare number as a time limit (a portal cell holding '1'); such "
        "cells are always reported",
    )


def default_unit(args: argparse.Namespace) -> DefaultUnit | None:
    """The ``--default-unit`` value as the library names it (``working_days``)."""
    unit: str | None = getattr(args, "default_unit", None)
    # argparse's choices are the library's names with hyphens.
    return cast("DefaultUnit", unit.replace("-", "_")) if unit else None


def add_date_format(p: argparse.ArgumentParser) -> None:
    """``--date-format``: iso, dmy, mdy or excel (default: detected per column, reported)."""
    p.add_argument(
        "--date-format",
        choices=["iso", "dmy", "mdy", "excel"],
        help="how dates are written (default: detected per column and reported)",
    )


def add_report_options(p: argparse.ArgumentParser) -> None:
    """``--format``, ``--fail-on``, ``--limit``, ``--default-unit``, ``--date-format``: how a
    report of findings is printed and judged."""
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
    add_default_unit(p)
    add_date_format(p)


def add_findings_options(p: argparse.ArgumentParser, *, default_examples: int = 20) -> None:
    """``--max-examples`` and ``--findings-out``: how many findings a report keeps per
    code (``validate`` keeps all by default: a catalogue is small), and a file that receives
    every finding with a suggested fix."""
    shown = "every one" if default_examples == 0 else str(default_examples)
    p.add_argument(
        "--max-examples",
        type=whole,
        default=default_examples,
        metavar="N",
        help=f"findings kept per code in the report (default: {shown}; 0 keeps every one); "
        "counts are always complete, and the JSON report states per code when examples "
        "were cut",
    )
    p.add_argument(
        "--findings-out",
        metavar="FILE",
        help="also write every finding (agency, file, row, code, severity, message, "
        "suggested fix) to FILE: .csv, or .xlsx with one sheet per agency (the excel extra)",
    )


def findings_writer(args: argparse.Namespace) -> Any:
    """The :class:`~procedurekit.reports.FindingsWriter` of ``--findings-out``, or ``None``."""
    if not getattr(args, "findings_out", None):
        return None
    from procedurekit.reports import FindingsWriter

    return FindingsWriter(args.findings_out)


def add_engine(p: argparse.ArgumentParser) -> None:
    """``--engine``: how the dossier files are read (the same report either way)."""
    p.add_argument(
        "--engine",
        choices=("auto", "python", "arrow"),
        default="auto",
        help="how dossier files are read: arrow reads a plain UTF-8 CSV, JSON Lines or a "
        "Parquet table in Arrow record batches and judges its clean rows in columns (needs "
        "the arrow extra), python row by row (the reference); both give the same report, "
        "and arrow hands any file it cannot read exactly as python does to python. Default "
        "auto: arrow for a file of 4 MiB or more when pyarrow is installed",
    )


def add_encoding(p: argparse.ArgumentParser) -> None:
    """``--encoding``: how the input text files are written."""
    p.add_argument(
        "--encoding",
        type=encoding_name,
        metavar="NAME",
        help="how the CSV/TSV/JSON Lines input files are written: cp1258, tcvn3 (ABC fonts), "
        "vni (VNI fonts) or any Python codec such as cp1252 or utf-16 (default: UTF-8; a "
        "file that is not UTF-8 has its encoding detected and reported)",
    )


def encoding_name(text: str) -> str:
    """An encoding name :func:`procedurekit.io.encodings.check_encoding` accepts."""
    from procedurekit.errors import InvalidArgumentError
    from procedurekit.io.encodings import check_encoding

    try:
        return check_encoding(text)
    except InvalidArgumentError as exc:
        raise argparse.ArgumentTypeError(f"{exc}; expected {exc.expected}") from None


def add_calendar_options(p: argparse.ArgumentParser) -> None:
    """``--known-at`` and ``--calendar-file``: which calendar."""
    p.add_argument(
        "--known-at",
        type=iso_date,
        metavar="DATE",
        help="use the calendar as it had been announced on DATE (default: all data shipped)",
    )
    add_calendar_file(p)


def add_calendar_file(p: argparse.ArgumentParser) -> None:
    """``--calendar-file FILE`` (repeatable): newer announcements to load."""
    p.add_argument(
        "--calendar-file",
        action="append",
        default=[],
        metavar="FILE",
        help="load a newer official announcement (TOML or JSON, the package's data format); "
        "repeatable",
    )


def add_office_hours(p: argparse.ArgumentParser) -> None:
    """``--office-hours``: the office's opening sessions (default: standard)."""
    p.add_argument(
        "--office-hours",
        type=office_hours,
        metavar="HOURS",
        help="office hours: standard (Mon-Fri 08:00-12:00, 13:00-17:00; the default), "
        "bac-giang, or the Mon-Fri sessions, e.g. 07:30-11:30,13:30-17:00",
    )


def add_as_of(p: argparse.ArgumentParser, *, default_today: bool) -> None:
    """``--as-of DATE``: the evaluation day, the same in audit and metrics."""
    default = (
        "default: today's date, printed on stderr"
        if default_today
        else "default: open dossiers are not judged (the clock is never read implicitly)"
    )
    p.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="judge each dossier by its state on DATE: open ones in time or overdue, events "
        f"after it ignored, receipts after it left out; {default}",
    )


def text_writer(out: TextIO) -> Callable[..., object]:
    """A writer of one line of text output: the line's control and invisible characters
    (a newline inside a value included) escaped by :func:`procedurekit._text.printable`,
    then a newline. A value from a file (a calendar name, a label) cannot start a line a
    CI runner obeys or run a terminal escape."""
    from procedurekit._text import printable

    def line(text: str = "") -> object:
        return out.write(printable(text) + "\n")

    return line


def add_period(p: argparse.ArgumentParser) -> None:
    """``--from DATE`` / ``--to DATE``: the receipts of a period, the same in audit and
    metrics."""
    p.add_argument(
        "--from",
        dest="received_from",
        type=iso_date,
        metavar="DATE",
        help="count only dossiers received on or after DATE (the report states the period)",
    )
    p.add_argument(
        "--to",
        dest="received_to",
        type=iso_date,
        metavar="DATE",
        help="count only dossiers received on or before DATE",
    )


def period_of(args: argparse.Namespace) -> dict[str, Any]:
    """The ``received_from`` / ``received_to`` keywords of ``--from`` / ``--to``."""
    start, end = args.received_from, args.received_to
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start} is after --to {end}")
    return {"received_from": start, "received_to": end}


def add_policy(p: argparse.ArgumentParser) -> None:
    """``--policy``: the receipt policy."""
    p.add_argument(
        "--policy",
        default="as-submitted",
        choices=["as-submitted", "next-opening", "state-treasury", "customs"],
        help="receipt policy: as-submitted (default: the submission moment counts), "
        "next-opening (outside office hours counts from the next opening), or a sector "
        "preset: state-treasury, customs",
    )


def add_catalogue(p: argparse.ArgumentParser, *, required: bool) -> None:
    """``--catalogue FILE...``: the procedures' processing times, fees and online levels."""
    p.add_argument(
        "--catalogue",
        nargs="+",
        required=required,
        default=[],
        metavar="FILE",
        help="catalogue file(s): the procedures' processing times per channel, fees, online "
        "levels and committed times",
    )


def add_table_options(p: argparse.ArgumentParser) -> None:
    """``--sheet NAME`` (repeatable) and ``--columns MAP.toml``: which sheets of a workbook
    are read and what unknown catalogue headers mean."""
    p.add_argument(
        "--sheet",
        action="append",
        default=[],
        metavar="NAME",
        help="workbook sheet to read (repeatable; each workbook reads the named sheets it "
        "has: a catalogue's as its tables, a dossier workbook the first). Default: every "
        "sheet whose header row is recognised in a catalogue, the first such sheet in a "
        "dossier workbook; the report says which sheet was read",
    )
    p.add_argument(
        "--columns",
        metavar="MAP.toml",
        help='a column map: a [columns] table of header text = column key ("Tên TTHC đầy '
        'đủ" = "name", "Số biên nhận" = "dossier_code"); keys as in docs/catalogue-format.md '
        "and docs/dossier-format.md",
    )


def table_options(args: argparse.Namespace) -> dict[str, Any]:
    """``sheet=`` and ``columns=`` for the library, from :func:`add_table_options`."""
    from procedurekit.io.columns import check_column_map, read_column_map

    columns = read_column_map(args.columns) if getattr(args, "columns", None) else None
    if columns is not None:
        check_column_map(columns)  # a wrong key is a usage error before any file is read
    return {"sheet": list(getattr(args, "sheet", None) or ()) or None, "columns": columns}


def add_financial_obligation_pauses(p: argparse.ArgumentParser) -> None:
    """``--financial-obligation-pauses``."""
    p.add_argument(
        "--financial-obligation-pauses",
        choices=["if-excluded", "always", "never"],
        default="if-excluded",
        help="pause the clock while the applicant fulfils financial obligations: only when "
        "the procedure's time excludes that period ('không kể thời gian thực hiện nghĩa vụ "
        "tài chính', the default), always, or never",
    )


def add_read_limits(p: argparse.ArgumentParser) -> None:
    """The read limits (:class:`procedurekit.io.ReadLimits`), one option each, in a group."""
    from procedurekit.io._limits import limit_specs

    group = p.add_argument_group(
        "read limits",
        "what reading one input file may cost; past a limit reading stops with exit status "
        "2, or the row is reported (sizes in bytes, or with KiB, MiB, GiB)",
    )
    for spec in limit_specs():
        default = f"{spec.default // 2**20} MiB" if spec.unit == "bytes" else f"{spec.default:,}"
        group.add_argument(
            spec.option,
            type=size if spec.unit == "bytes" else count,
            metavar="SIZE" if spec.unit == "bytes" else "N",
            help=f"{spec.help} (default {default})",
        )


def read_limits(args: argparse.Namespace) -> Any:
    """The :class:`procedurekit.io.ReadLimits` of the options given (defaults elsewhere)."""
    from procedurekit.io._limits import ReadLimits, limit_specs

    given = {
        spec.name: getattr(args, spec.name)
        for spec in limit_specs()
        if getattr(args, spec.name, None) is not None
    }
    return ReadLimits(**given)


def print_json(data: Any, out: TextIO) -> None:
    """``data`` as indented UTF-8 JSON and a newline."""
    # One write: ``json.dump`` writes each token apart (tens of thousands of calls for a
    # metrics report grouped by agency).
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
