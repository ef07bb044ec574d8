"""The small commands: ``rules``, ``schema`` and ``tour``."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from procedurekit.cli._common import EXIT_CLEAN, UsageError, command_parser, print_json

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add ``rules``, ``schema`` and ``tour`` to ``sub``."""
    p = command_parser(
        sub,
        "rules",
        help="list the validation and audit rules with their sources",
        description="List every rule of the one findings registry: its stable code, "
        "severity, what it checks and its legal source.",
        epilog="examples:\n  procedurekit rules\n  procedurekit rules --format json\n",
    )
    p.add_argument(
        "--format", choices=["text", "json", "markdown"], default="text", help="output format"
    )
    p.set_defaults(handler=run_rules)

    p = command_parser(
        sub,
        "schema",
        help="print the JSON Schema (2020-12) of a model",
        description="Print the JSON Schema 2020-12 document of a public model, as other "
        "applications validate procedurekit's JSON against it.",
        epilog="examples:\n  procedurekit schema Procedure\n"
        "  procedurekit schema Dossier > dossier.schema.json\n  procedurekit schema --list\n",
    )
    p.add_argument("model", nargs="?", help="a model name, e.g. Procedure, Dossier, Initiative")
    p.add_argument("--list", action="store_true", help="list the model names")
    p.set_defaults(handler=run_schema)

    p = command_parser(
        sub,
        "tour",
        help="a short tour on bundled sample data (what `make run` shows)",
        description="Print a few real deadlines with their explanation, and, where the "
        "sample data is bundled, validate and audit it.",
    )
    p.set_defaults(handler=run_tour)


def run_rules(args: argparse.Namespace, out: TextIO) -> int:
    """Print the rules table."""
    from procedurekit.findings import rules_table

    text = rules_table(fmt=args.format)
    out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_CLEAN


def run_schema(args: argparse.Namespace, out: TextIO) -> int:
    """Print a model's JSON Schema, or the model names."""
    from procedurekit.serialize import MODELS, json_schema

    if args.list:
        out.write("\n".join(sorted(MODELS)) + "\n")
        return EXIT_CLEAN
    if not args.model:
        raise UsageError("give a model name (procedurekit schema --list shows them)")
    if args.model not in MODELS:
        raise UsageError(f"unknown model {args.model!r}; one of: {', '.join(sorted(MODELS))}")
    print_json(json_schema(args.model), out)
    return EXIT_CLEAN


def run_tour(args: argparse.Namespace, out: TextIO) -> int:
    """The tour of ``make run``."""
    from procedurekit._tour import run_tour as tour

    return tour(out)
