"""``procedurekit validate``: validate a catalogue export."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from procedurekit.cli._common import (
    add_encoding,
    add_findings_options,
    add_read_limits,
    add_report_options,
    add_table_options,
    command_parser,
    default_unit,
    delimiter,
    findings_writer,
    iso_date,
    read_limits,
    table_options,
)
from procedurekit.findings import Report, format_report

__all__ = ["emit_report", "register", "run"]

_EPILOG = """\
examples:
  procedurekit validate catalogue.csv
  procedurekit validate procedures.csv channels.csv components.csv --format json
  procedurekit validate export.xlsx --sheet "Danh sách" --default-unit working-days
  procedurekit validate annex.xlsx --columns map.toml
  procedurekit validate catalogue.csv --as-of 2025-07-01 --format github
  procedurekit validate catalogue.csv --ignore missing-legal-basis --fail-on warning
"""


def register(sub: Any) -> None:
    """Add the ``validate`` command to ``sub``."""
    p = command_parser(
        sub,
        "validate",
        help="validate a catalogue export (CSV, TSV, XLSX, JSON, JSON Lines)",
        description="Read a catalogue (one table, or several joined on the procedure code: "
        "procedures, per-channel times and fees, dossier components), parse its processing "
        "times and report every finding. Exit 1 when a finding reaches --fail-on.",
        epilog=_EPILOG,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="catalogue file(s)")
    add_report_options(p)
    p.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="judge date-dependent rules (the district level abolished on 2025-07-01) at "
        "DATE; default: not judged unless a row carries an effective date",
    )
    p.add_argument(
        "--delimiter",
        type=delimiter,
        metavar="CHAR",
        help="CSV delimiter, one character ('\\t' for a tab; default: detected)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="a finding code to leave out (repeatable); `procedurekit rules` lists them",
    )
    add_table_options(p)
    add_findings_options(p, default_examples=0)
    add_encoding(p)
    add_read_limits(p)
    p.set_defaults(handler=run)


def emit_report(report: Report, args: argparse.Namespace, out: TextIO) -> int:
    """Print ``report`` in ``--format`` (at most ``--max-examples`` findings per code) and
    return its exit status under ``--fail-on``."""
    report = report.limited(args.max_examples or None)
    out.write(format_report(report, args.format, limit=args.limit))
    return report.exit_code(fail_on=args.fail_on)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Validate the files and print the report."""
    from procedurekit.checks import validate_files

    report = validate_files(
        args.files,
        as_of=args.as_of,
        default_unit=default_unit(args),
        date_format=args.date_format,
        delimiter=args.delimiter,
        ignore=args.ignore,
        limits=read_limits(args),
        **table_options(args),
        encoding=args.encoding,
    )
    found = findings_writer(args)
    if found is not None:
        with found:
            for finding in report.findings:
                found.write(finding)
    return emit_report(report, args, out)
