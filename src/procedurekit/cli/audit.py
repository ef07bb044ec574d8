"""``procedurekit audit``: recompute each dossier's legal due date and judge its slip."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from procedurekit.cli._common import (
    add_as_of,
    add_catalogue,
    add_encoding,
    add_engine,
    add_financial_obligation_pauses,
    add_findings_options,
    add_period,
    add_policy,
    add_read_limits,
    add_report_options,
    add_table_options,
    command_parser,
    default_unit,
    findings_writer,
    period_of,
    read_limits,
    table_options,
)
from procedurekit.cli.validate import emit_report

__all__ = ["register", "run"]

_EPILOG = """\
examples:
  procedurekit audit dossiers.csv --catalogue catalogue.csv
  procedurekit audit dossiers.jsonl --catalogue procedures.csv channels.csv --as-of 2026-11-26
  procedurekit audit dossiers.csv --catalogue catalogue.csv --format json > audit.json
  procedurekit audit dossiers.csv --catalogue catalogue.csv --per-dossier judged.csv
  procedurekit audit big.csv --catalogue catalogue.csv --engine arrow --format json
"""


def register(sub: Any) -> None:
    """Add the ``audit`` command to ``sub``."""
    p = command_parser(
        sub,
        "audit",
        help="audit dossiers' appointment dates and outcomes against the law",
        description="Judge each dossier by the one pipeline the metrics also use: its legal "
        "due date from its procedure's time for its channel, its outcome on the calendar as "
        "observed, and the appointment its system printed on the calendar as it was "
        "announced at receipt. Report every mismatch; stream files of millions of lines in "
        "bounded memory.",
        epilog=_EPILOG,
    )
    p.add_argument(
        "dossiers",
        nargs="+",
        metavar="DOSSIERS",
        help="dossier file(s) (CSV or JSON Lines, gzipped or not), read as one stream",
    )
    add_catalogue(p, required=True)
    add_report_options(p)
    add_as_of(p, default_today=False)
    add_policy(p)
    add_financial_obligation_pauses(p)
    add_findings_options(p)
    add_encoding(p)
    add_engine(p)
    p.add_argument(
        "--per-dossier",
        metavar="OUT",
        help="also write one row per dossier (code, procedure, receipt, legal due date, "
        "printed appointment, outcome, flags, findings) to OUT: .csv, .jsonl or .parquet",
    )
    add_period(p)
    add_table_options(p)
    add_read_limits(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Audit the files and print the report."""
    from procedurekit.checks import audit_files
    from procedurekit.io import progress_printer
    from procedurekit.reports import PerDossierWriter

    writer = PerDossierWriter(args.per_dossier) if args.per_dossier else None
    found = findings_writer(args)
    try:
        report = audit_files(
            args.dossiers,
            args.catalogue,
            as_of=args.as_of,
            date_format=args.date_format,
            receipt_policy=args.policy,
            default_unit=default_unit(args),
            max_examples=args.max_examples or None,
            financial_obligation_pauses=args.financial_obligation_pauses,
            progress=progress_printer("audit"),
            per_dossier=writer.write if writer is not None else None,
            limits=read_limits(args),
            tee=found.write if found is not None else None,
            encoding=args.encoding,
            engine=args.engine,
            **period_of(args),
            **table_options(args),
        )
    finally:
        if writer is not None:
            writer.close()
        if found is not None:
            found.close()
    return emit_report(report, args, out)
