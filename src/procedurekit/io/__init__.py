"""Readers and writers for catalogue exports and dossier dumps.

- :func:`read_catalogue`: CSV/TSV (UTF-8, BOM or not), XLSX (extra ``excel``: openpyxl),
  JSON and JSON Lines, optionally gzipped; one table or several joined on the procedure
  code. Headers are matched through one table (:data:`CATALOGUE_COLUMNS`,
  ``docs/catalogue-format.md``), accents and case ignored; unknown columns are kept and
  reported.
- :func:`iter_dossiers`: the flat dossier format (``docs/dossier-format.md``), streamed in
  bounded memory.
- :func:`procedure_from_record`, :func:`catalogue_procedures`, :func:`read_procedures`: the
  one mapper from a catalogue as read to :class:`~procedurekit.Procedure` objects with
  parsed channel terms (``mapper.py``); :func:`terms_for` picks a dossier's terms;
- :func:`read_fee`, :func:`fees_of`: the one fee reader (``fees.py``);
- :func:`read_events`: the one event-log reader (``events.py``);
- :func:`write_csv` (formula injection escaped) and :func:`write_json`.

Problems of one row are :class:`~procedurekit.findings.Finding` values; a file that cannot
be read at all raises :class:`~procedurekit.errors.InputFileError`.
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
from procedurekit.io.dossiers import DossierRecord, DossierStream, iter_dossiers
from procedurekit.io.events import read_events
from procedurekit.io.fees import FeeReading, fees_of, read_fee
from procedurekit.io.mapper import (
    catalogue_procedures,
    procedure_from_record,
    processing_time_of,
    read_procedures,
    terms_for,
)
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
    "FeeReading",
    "ProcedureRecord",
    "ProgressPrinter",
    "TableInfo",
    "catalogue_procedures",
    "catalogue_rows",
    "columns_markdown",
    "detect_date_format",
    "detect_format",
    "escape_formula",
    "fees_of",
    "header_key",
    "iter_dossiers",
    "parse_date_value",
    "procedure_from_record",
    "processing_time_of",
    "progress_printer",
    "read_catalogue",
    "read_events",
    "read_fee",
    "read_procedures",
    "split_portal_methods",
    "terms_for",
    "write_csv",
    "write_json",
]
