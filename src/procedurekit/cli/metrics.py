"""``procedurekit metrics``: the Decision 766 service indicators, as a report."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from procedurekit.cli._common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    UsageError,
    add_as_of,
    add_catalogue,
    add_date_format,
    add_encoding,
    add_engine,
    add_findings_options,
    add_period,
    add_read_limits,
    add_table_options,
    command_parser,
    findings_writer,
    period_of,
    print_json,
    read_limits,
    table_options,
)

__all__ = ["register", "run"]

_EPILOG = """\
examples:
  procedurekit metrics dossiers.csv --catalogue catalogue.csv --as-of 2026-11-26
  procedurekit metrics dossiers.csv --catalogue catalogue.csv --by agency --format csv
  procedurekit metrics dossiers.jsonl --catalogue procedures.csv channels.csv --by month \\
      --html report.html
  procedurekit metrics dossiers.csv --catalogue catalogue.csv --html report.html --lang en
"""


def register(sub: Any) -> None:
    """Add the ``metrics`` command to ``sub``."""
    p = command_parser(
        sub,
        "metrics",
        help="service indicators (Decision 766), time cuts and online share, as a report",
        description="Compute the Decision 766/QĐ-TTg (2022) indicators (2.1 on time, 3.3 "
        "online dossiers, 3.6 online payment, 4.1-4.3 digitisation, 5.4 satisfaction, 3.1 "
        "procedures with online service), scores per group and in total, the time-cut and "
        "online-share summaries, from a flat dossier file and a catalogue; optionally "
        "grouped, and written as one self-contained HTML report. Each dossier is judged by "
        "the pipeline `procedurekit audit` uses. Exit 1 when findings change what the "
        "indicators count (unreadable rows, unknown procedures or statuses).",
        epilog=_EPILOG,
    )
    p.add_argument("dossiers", metavar="DOSSIERS", help="dossier file (CSV or JSON Lines)")
    add_catalogue(p, required=False)
    p.add_argument(
        "--by",
        action="append",
        default=[],
        choices=["agency", "field", "level", "procedure", "channel", "month", "quarter"],
        help="group the indicators (repeatable: --by agency --by month)",
    )
    add_as_of(p, default_today=True)
    p.add_argument(
        "--format", choices=["text", "json", "csv"], default="text", help="output format"
    )
    p.add_argument(
        "--html", metavar="FILE", help="also write one self-contained HTML report to FILE"
    )
    p.add_argument(
        "--lang",
        choices=["vi", "en"],
        default="vi",
        help="language of the HTML report: Vietnamese (the default) or English",
    )
    p.add_argument(
        "--title",
        default=None,
        help="title of the HTML report (default: the report's title in --lang)",
    )
    add_date_format(p)
    add_findings_options(p)
    add_encoding(p)
    add_engine(p)
    add_period(p)
    add_table_options(p)
    add_read_limits(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Compute the indicators and print (and write) the report."""
    from procedurekit.findings import FindingSink, affects_metrics
    from procedurekit.findings.report import examples_by_code
    from procedurekit.metrics import metrics_from_files
    from procedurekit.reports import metrics_to_dict, render_csv, render_html, render_text

    as_of = args.as_of
    if as_of is None:
        as_of = date.today()  # the CLI's documented default, printed below
        sys.stderr.write(f"procedurekit metrics: as of {as_of.isoformat()} (today; --as-of)\n")
    found = findings_writer(args)
    sink = FindingSink(
        max_examples=args.max_examples or None, tee=found.write if found is not None else None
    )
    try:
        result = metrics_from_files(
            args.dossiers,
            catalogue=args.catalogue,
            by=tuple(args.by) or None,
            as_of=as_of,
            date_format=args.date_format,
            sink=sink,
            **period_of(args),
            limits=read_limits(args),
            **table_options(args),
            encoding=args.encoding,
            engine=args.engine,
        )
    finally:
        if found is not None:
            found.close()
    if args.format == "json":
        data = metrics_to_dict(result)
        # The findings met, as an audit report states them: examples per code, and per
        # code whether they were cut.
        data["findings"] = [f.to_dict() for f in sink.examples]
        data["examples_per_code"] = sink.max_examples
        data["examples_by_code"] = examples_by_code(sink.examples, sink.counts)
        print_json(data, out)
    elif args.format == "csv":
        out.write(render_csv(result))
    else:
        out.write(render_text(result))
    if args.html:
        try:
            Path(args.html).write_text(
                render_html(result, title=args.title, lang=args.lang), "utf-8"
            )
        except OSError as exc:
            raise UsageError(f"cannot write {args.html}: {exc.strerror or exc}") from None
        sys.stderr.write(f"procedurekit metrics: wrote {args.html}\n")
    found = {code: n for code, n in sorted(sink.counts.items()) if affects_metrics(code)}
    if found:
        listed = ", ".join(f"{code} {n}" for code, n in found.items())
        sys.stderr.write(
            f"procedurekit metrics: {sum(found.values())} finding(s) change what the "
            f"indicators count ({listed}), in the catalogue or the dossiers; run `procedurekit "
            "validate` on the catalogue and `procedurekit audit` for the details\n"
        )
        return EXIT_FINDINGS
    return EXIT_CLEAN
