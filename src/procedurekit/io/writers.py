"""Write tables back: CSV with spreadsheet-formula injection escaped, and JSON.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or their
full-width forms, or any of them after leading spaces and invisible characters) would be
run as a formula by Excel or LibreOffice (CWE-1236, OWASP "CSV injection"); the writer
prefixes it with an apostrophe, which spreadsheets show as text. Reading such a file back
with :mod:`procedurekit.io` keeps the apostrophe: the escape is visible, never silent.
Every cell holding a line break or a bare carriage return is quoted (rows end in CRLF).

:class:`CsvWriter` is the one CSV writer: :func:`write_csv`, ``procedurekit metrics
--format csv`` and ``procedurekit audit --per-dossier OUT.csv`` all write through it.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final

from procedurekit._text import remove_invisible
from procedurekit.io.catalogue import Catalogue

__all__ = [
    "CsvWriter",
    "catalogue_rows",
    "csv_cell",
    "escape_formula",
    "write_csv",
    "write_json",
]

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def escape_formula(value: str) -> str:
    r"""Prefix ``'`` to a cell that a spreadsheet would run as a formula: one starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, their full-width forms, or any
    of them after leading white space and invisible characters.

    >>> escape_formula("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> escape_formula("\u200b =1+1")
    "'\u200b =1+1"
    >>> escape_formula("2.000815")
    '2.000815'
    """
    first = value[:1]
    if not first or first.isalnum():
        return value
    if first in _FORMULA_START or remove_invisible(value[:256]).lstrip().startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_cell(value: Any) -> str:
    """One CSV cell: dates in ISO 8601, lists and objects as JSON, numbers as written (a
    number is not a formula), text formula-escaped."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list | tuple | dict):
        return escape_formula(json.dumps(value, ensure_ascii=False, default=str))
    return escape_formula(str(value))


class CsvWriter:
    r"""The one CSV writer: a header, then rows, every cell through :func:`csv_cell`.

    ``target`` is a path (opened as UTF-8, with a BOM for Excel unless ``bom=False``, and
    closed by :meth:`close`) or an open text stream (left open). Rows end in CRLF and every
    cell holding a line break, a carriage return, a quote or the delimiter is quoted, so a
    bare CR in a value cannot end a row in any reader.

    >>> import io
    >>> out = io.StringIO()
    >>> w = CsvWriter(out, ["agency", "n"])
    >>> w.writerow(["=HYPERLINK(\"http://x\")", 3])
    >>> w.writerow(["a\rb", -1])
    >>> out.getvalue().split("\r\n")
    ['agency,n', '"\'=HYPERLINK(""http://x"")",3', '"a\rb",-1', '']
    """

    def __init__(
        self,
        target: str | os.PathLike[str] | IO[str],
        fieldnames: Sequence[str],
        *,
        bom: bool = True,
    ) -> None:
        self._own = isinstance(target, str | os.PathLike)
        if isinstance(target, str | os.PathLike):
            encoding = "utf-8-sig" if bom else "utf-8"
            self.file: IO[str] = Path(target).open("w", encoding=encoding, newline="")  # noqa: SIM115
        else:
            self.file = target
        self._writer = csv.writer(self.file, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        self._writer.writerow([escape_formula(str(n)) for n in fieldnames])
        self.rows = 0

    def writerow(self, cells: Iterable[Any]) -> None:
        """Write one row of cells (each through :func:`csv_cell`)."""
        self._writer.writerow([csv_cell(c) for c in cells])
        self.rows += 1

    def close(self) -> None:
        """Close the file if this writer opened it."""
        if self._own:
            self.file.close()

    def __enter__(self) -> CsvWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


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
    :func:`escape_formula` (:class:`CsvWriter`). Returns the number of data rows written.
    """
    if fieldnames is None:
        materialised = list(rows)
        names: dict[str, None] = {}
        for r in materialised:
            names.update(dict.fromkeys(r))
        fieldnames, rows = list(names), materialised
    with CsvWriter(target, fieldnames, bom=bom) as w:
        for r in rows:
            w.writerow(r.get(k) for k in fieldnames)
        return w.rows


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
