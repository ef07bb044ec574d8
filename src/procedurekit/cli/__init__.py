"""The ``procedurekit`` command line: deadlines, the calendar, validation, audits, metrics.

One module per command (``deadline``, ``calendar``, ``validate``, ``audit``, ``metrics``,
``serve``; ``rules``, ``schema`` and ``tour`` in ``misc``), every shared option defined once
in ``_common``. Exit codes: 0 clean, 1 findings, 2 usage error or unreadable input, 3 an
unexpected internal error (one line on stderr; the traceback with ``--debug``). Bad input
never produces a traceback: every :class:`~procedurekit.errors.ProcedureKitError` is printed
as one line on stderr, its control and invisible characters escaped.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from procedurekit._text import printable
from procedurekit._version import __version__
from procedurekit.cli import audit, calendar, deadline, metrics, misc, serve, validate
from procedurekit.cli._common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_USAGE,
    Handler,
    Parser,
    UsageError,
)
from procedurekit.errors import ProcedureKitError

__all__ = [
    "EXIT_CLEAN",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_USAGE",
    "build_parser",
    "main",
]

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
  procedurekit serve --port 8000

exit codes: 0 clean, 1 findings, 2 usage error or unreadable input, 3 internal error
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``procedurekit`` command (also used to document the CLI)."""
    parser = Parser(
        prog="procedurekit",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"procedurekit {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in (deadline, calendar, validate, audit, metrics, serve):
        module.register(sub)
    misc.register(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (0 clean, 1 findings, 2 usage or
    unreadable input, 3 internal error)."""
    stream = out if out is not None else sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(stream)
        return EXIT_USAGE
    try:
        return handler(args, stream)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"procedurekit {args.command}: error: {printable(str(exc))}\n")
        return EXIT_USAGE
    except ProcedureKitError as exc:
        sys.stderr.write(f"procedurekit {args.command}: error: {printable(str(exc))}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
    except KeyboardInterrupt:
        sys.stderr.write(f"procedurekit {args.command}: interrupted\n")
        return 130
    except Exception as exc:  # an unexpected internal error: a bug, not bad input
        if args.debug:
            traceback.print_exc(file=sys.stderr)
        sys.stderr.write(
            f"procedurekit {args.command}: internal error: {type(exc).__name__}: "
            f"{printable(str(exc))} (please report it; --debug shows the traceback)\n"
        )
        return EXIT_INTERNAL
