"""``procedurekit serve``: run the HTTP deadline service (the ``server`` extra)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from procedurekit.cli._common import (
    EXIT_CLEAN,
    add_calendar_file,
    add_office_hours,
    command_parser,
    count,
    size,
)

__all__ = ["register", "run"]

_EPILOG = """\
examples:
  procedurekit serve
  procedurekit serve --host 0.0.0.0 --port 8080 --workers 4
  procedurekit serve --calendar-file announcement-2027.toml --office-hours 07:30-11:30,13:30-17:00
  curl -s localhost:8000/v1/deadlines -d '{"received": "2026-02-13", "phrase": "5 ngày"}'

needs the server extra: pip install 'procedurekit[server]'
"""


def register(sub: Any) -> None:
    """Add the ``serve`` command to ``sub``."""
    p = command_parser(
        sub,
        "serve",
        help="run the HTTP deadline service for portals in any language",
        description="Serve deadlines, dossier clocks, phrases, the calendar and catalogue "
        "validation over HTTP (JSON, RFC 9457 problems, OpenAPI 3.1 at /openapi.json, a page "
        "at /docs), under uvicorn. No state between requests; one JSON access-log line per "
        "request on stderr.",
        epilog=_EPILOG,
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument(
        "--port", type=int, default=8000, metavar="PORT", help="port to listen on (default 8000)"
    )
    add_calendar_file(p)
    add_office_hours(p)
    p.add_argument(
        "--workers", type=count, default=1, metavar="N", help="worker processes (default 1)"
    )
    p.add_argument(
        "--max-body",
        type=size,
        metavar="SIZE",
        help="the largest JSON request body (default 1 MiB); larger ones get 413",
    )
    p.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="seconds one request may take (default 30); longer ones get 503",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the service until interrupted."""
    from procedurekit.server import serve

    serve(
        host=args.host,
        port=args.port,
        calendar_files=args.calendar_file,
        office_hours=args.office_hours,
        workers=args.workers,
        max_body_bytes=args.max_body,
        timeout=args.timeout,
    )
    return EXIT_CLEAN
