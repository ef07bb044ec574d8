"""Readers and writers for catalogue exports and dossier dumps.

- :func:`read_catalogue`: CSV/TSV (UTF-8, BOM or not), XLSX (extra ``excel``: openpyxl),
  JSON and JSON Lines, optionally gzipped; one table or several joined on the procedure
  code. Headers are matched through one table (:data:`CATALOGUE_COLUMNS`,
  ``docs/catalogue-format.md``), accents and case ignored; unknown columns are kept and
  reported.
- :func:`iter_dossiers`: the flat dossier format (``docs/dossier-format.md``), streamed in
  bounded memory.
- :func:`write_csv` (formula injection escaped) and :func:`write_json`.

Problems of one row are :class:`Finding` values; a file that cannot be read at all raises
:class:`~procedurekit.errors.InputFileError`.
"""

from procedurekit.io._tables import (
    MAX_LINE_BYTES,
    ProgressPrinter,
    detect_format,
    progress_printer,
)
from procedurekit.io.catalogue import (
    Catalogue,
    ChannelRow,
    ComponentRow,
    ProcedureRecord,
    TableInfo,
    read_catalogue,
    split_portal_methods,
)
from procedurekit.io.columns import (
    CATALOGUE_COLUMNS,
    DOSSIER_COLUMNS,
    ColumnSpec,
    columns_markdown,
    header_key,
)
from procedurekit.io.dates import DateFormat, detect_date_format, parse_date_value
from procedurekit.io.dossiers import DossierRecord, DossierStream, FindingSink, iter_dossiers
from procedurekit.io.findings import Finding, Severity
from procedurekit.io.writers import catalogue_rows, escape_formula, write_csv, write_json

__all__ = [
    "CATALOGUE_COLUMNS",
    "DOSSIER_COLUMNS",
    "MAX_LINE_BYTES",
    "Catalogue",
    "ChannelRow",
    "ColumnSpec",
    "ComponentRow",
    "DateFormat",
    "DossierRecord",
    "DossierStream",
    "Finding",
    "FindingSink",
    "ProcedureRecord",
    "ProgressPrinter",
    "Severity",
    "TableInfo",
    "catalogue_rows",
    "columns_markdown",
    "detect_date_format",
    "detect_format",
    "escape_formula",
    "header_key",
    "iter_dossiers",
    "parse_date_value",
    "progress_printer",
    "read_catalogue",
    "split_portal_methods",
    "write_csv",
    "write_json",
]
