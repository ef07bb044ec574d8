"""Write tables back: CSV with spreadsheet-formula injection escaped, and JSON.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
run as a formula by Excel or LibreOffice (CWE-1236, OWASP "CSV injection"); the writer
prefixes it with an apostrophe, which spreadsheets show as text. Reading such a file back
with :mod:`procedurekit.io` keeps the apostrophe: the escape is visible, never silent.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Final

from procedurekit.io.catalogue import Catalogue

__all__ = [
    "catalogue_rows",
    "csv_cell",
    "escape_formula",
    "write_csv",
    "write_json",
]

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: str) -> str:
    """Prefix ``'`` to a cell that a spreadsheet would run as a formula.

    >>> escape_formula("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> escape_formula("2.000815")
    '2.000815'
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_cell(value: Any) -> str:
    """One CSV cell: dates in ISO 8601, lists and objects as JSON, text formula-escaped."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return escape_formula(str(value))


def write_csv(
    target: str | os.PathLike[str] | IO[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    fieldnames: Sequence[str] | None = None,
    bom: bool = True,
) -> int:
    """Write ``rows`` as CSV (UTF-8, with a BOM for Excel unless ``bom=False``).

    ``fieldnames`` defaults to the keys of the rows in order of first appearance (all rows
    are then held in memory; pass ``fieldnames`` to stream). Every cell is escaped with
    :func:`escape_formula`. Returns the number of data rows written.
    """
    if fieldnames is None:
        materialised = list(rows)
        names: dict[str, None] = {}
        for r in materialised:
            names.update(dict.fromkeys(r))
        fieldnames, rows = list(names), materialised
    if isinstance(target, str | os.PathLike):
        with Path(target).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
            return _write_rows(f, rows, fieldnames)
    return _write_rows(target, rows, fieldnames)


def _write_rows(f: IO[str], rows: Iterable[Mapping[str, Any]], names: Sequence[str]) -> int:
    w = csv.writer(f)
    w.writerow([escape_formula(n) for n in names])
    n = 0
    for r in rows:
        w.writerow([csv_cell(r.get(k)) for k in names])
        n += 1
    return n


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)


def write_json(target: str | os.PathLike[str] | IO[str], obj: Any, *, indent: int = 2) -> None:
    """Write ``obj`` as UTF-8 JSON (dates ISO 8601, decimals as strings)."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent, default=_default) + "\n"
    if isinstance(target, str | os.PathLike):
        Path(target).write_text(text, encoding="utf-8")
    else:
        target.write(text)


def catalogue_rows(catalogue: Catalogue) -> list[dict[str, Any]]:
    """One flat dict per procedure: the known columns by key, then the extra columns.

    Channels and components are written as JSON lists in ``channels`` and
    ``components`` cells, so one CSV holds the whole catalogue.
    """
    out: list[dict[str, Any]] = []
    for p in catalogue.procedures:
        row: dict[str, Any] = dict(p.fields)
        row.update({k: v for k, v in p.extra.items() if k != "_extra_cells"})
        if p.channels:
            row["channels"] = [
                {
                    "channel": c.channel,
                    "processing_time": c.processing_time,
                    "fee": c.fee,
                    "description": c.description,
                }
                for c in p.channels
            ]
        if p.components:
            row["components"] = [
                {"component_name": c.name, "form": c.form, "quantity": c.quantity}
                for c in p.components
            ]
        row.pop("channel_list", None)
        row.pop("time_list", None)
        out.append(row)
    return out
