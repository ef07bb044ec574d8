"""The findings hand-back file: every finding, one row each, with a suggested fix.

``--findings-out FILE`` (``validate``, ``audit``, ``metrics``) writes every finding counted,
not only the examples a report keeps, as they come (a :class:`FindingSink` ``tee``), so the
file holds them all in bounded memory: agency (cơ quan), file, row, line, code, severity,
field, value, message and the rule's suggested fix (:attr:`procedurekit.findings.Rule.fix`).

- ``.csv``: UTF-8 with a BOM, every cell through the one escaping writer
  (:mod:`procedurekit.io.writers`), so a value from a file cannot run as a formula.
- ``.xlsx`` (the ``excel`` extra, openpyxl in write-only mode): one sheet per agency, in the
  order agencies are met (a dossier row's agency, a procedure's implementing agency), and a
  sheet ``(không rõ cơ quan)`` for findings of no agency (a whole file, a row that names
  none). Text cells are formula-escaped too, and
  a sheet passing Excel's 1,048,576 rows continues on the next sheet of that agency.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final

from procedurekit.errors import InputFileError, InvalidArgumentError, MissingExtraError
from procedurekit.findings import Finding
from procedurekit.findings.rules import RULES_BY_CODE
from procedurekit.io.writers import CsvWriter, csv_cell

__all__ = ["FINDINGS_COLUMNS", "NO_AGENCY", "FindingsWriter", "finding_row"]

#: The columns of the findings file, in order.
FINDINGS_COLUMNS: Final = (
    "agency",
    "file",
    "row",
    "line",
    "code",
    "severity",
    "field",
    "value",
    "message",
    "fix",
)
#: The sheet of findings that name no agency.
NO_AGENCY: Final = "(không rõ cơ quan)"
_MAX_SHEETS: Final = 250  # agencies past it share one sheet
_OTHER: Final = "(cơ quan khác)"
_SHEET_ROWS: Final = 1_048_575  # Excel's rows, less the header
_BAD_SHEET_CHARS: Final = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def finding_row(finding: Finding) -> list[Any]:
    """One finding as a row of :data:`FINDINGS_COLUMNS`."""
    r = RULES_BY_CODE.get(finding.code)
    return [
        finding.agency or "",
        finding.file,
        finding.row,
        finding.line,
        finding.code,
        finding.severity.value,
        finding.field,
        finding.value,
        finding.message,
        r.fix if r is not None else "",
    ]


class FindingsWriter:
    """Writes findings to ``path`` (``.csv`` or ``.xlsx``) as they come; ``write`` is a
    :class:`~procedurekit.findings.FindingSink` ``tee``. A context manager.

    >>> import tempfile, os
    >>> from procedurekit.findings import rule
    >>> path = os.path.join(tempfile.mkdtemp(), "findings.csv")
    >>> with FindingsWriter(path) as w:
    ...     w.write(rule("duplicate-code").finding(row=3, value="=1+1", file="c.csv"))
    >>> w.rows
    1
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        suffix = self.path.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise InvalidArgumentError(
                f"findings file {str(path)!r} must end in .csv or .xlsx",
                path="findings_out",
                value=str(path),
                expected="'findings.csv' or 'findings.xlsx'",
            )
        self.format = suffix[1:]
        self.rows = 0
        self._csv: CsvWriter | None = None
        self._file: IO[str] | None = None
        self._book: Any = None
        self._sheets: dict[str, tuple[Any, int]] = {}
        self._names: set[str] = set()
        if self.format == "xlsx":
            try:
                from openpyxl import Workbook  # type: ignore[import-untyped]
            except ImportError as exc:
                raise MissingExtraError.of("openpyxl", "excel", "writing findings to XLSX") from exc
            self._book = Workbook(write_only=True)
        try:
            if self.format == "csv":
                self._file = self.path.open("w", encoding="utf-8-sig", newline="")
                self._csv = CsvWriter(self._file, FINDINGS_COLUMNS)
            else:
                self.path.open("wb").close()  # fail now, not after the audit
        except OSError as exc:
            raise InputFileError(
                f"cannot write {str(path)!r}: {exc.strerror or exc}",
                path="findings_out",
                value=str(path),
                expected="a writable file path",
            ) from None

    def write(self, finding: Finding) -> None:
        """Write one finding."""
        row = finding_row(finding)
        if self._csv is not None:
            self._csv.writerow(row)
        else:
            self._sheet_for(finding.agency or NO_AGENCY).append([_xlsx_cell(v) for v in row])
        self.rows += 1

    def _sheet_for(self, agency: str) -> Any:
        key = agency if agency in self._sheets or len(self._sheets) < _MAX_SHEETS else _OTHER
        sheet, n = self._sheets.get(key, (None, _SHEET_ROWS))
        if sheet is None or n >= _SHEET_ROWS:
            sheet = self._book.create_sheet(self._sheet_name(key))
            sheet.append(list(FINDINGS_COLUMNS))
            n = 0
        self._sheets[key] = (sheet, n + 1)
        return sheet

    def _sheet_name(self, agency: str) -> str:
        base = _BAD_SHEET_CHARS.sub("_", agency).strip("'") or "_"
        name = base[:31]
        i = 2
        while name.lower() in self._names:
            suffix = f" ({i})"
            name = base[: 31 - len(suffix)] + suffix
            i += 1
        self._names.add(name.lower())
        return name

    def close(self) -> None:
        """Flush and close the file (an XLSX workbook is written now)."""
        if self._csv is not None:
            self._csv.close()
            if self._file is not None:
                self._file.close()
            return
        if not self._sheets:
            self._sheet_for(NO_AGENCY)  # a workbook needs a sheet: the header only
        try:
            self._book.save(self.path)
        except OSError as exc:
            raise InputFileError(
                f"cannot write {str(self.path)!r}: {exc.strerror or exc}",
                path="findings_out",
                value=str(self.path),
                expected="a writable file path",
            ) from None

    def __enter__(self) -> FindingsWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _xlsx_cell(value: Any) -> Any:
    """A cell for openpyxl: numbers as numbers, text formula-escaped like CSV cells."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    return csv_cell(value)
