"""The per-dossier hand-back file: one row per judged dossier, as CSV, JSON Lines or Parquet.

``procedurekit audit --per-dossier OUT`` writes, for every dossier of the audit, what the
single pipeline decided (:class:`procedurekit.judge.Judgement`): its code and procedure,
the receipt, the legal due date and the printed appointment, the outcome, the flags and the
findings, so a data team can hand each agency its own list. Rows are written as they are
judged (streaming, bounded memory); the format follows the file's extension: ``.csv``
(UTF-8 with a BOM, every cell through the one escaping writer, :mod:`procedurekit.io.writers`)
or ``.jsonl`` (also ``.ndjson``; one JSON object a line), or ``.parquet`` (the ``arrow``
extra; :data:`PARQUET_TYPES` gives each column's type: dates as ``date32``, moments as
``timestamp[us, tz=Asia/Ho_Chi_Minh]``, counts as ``int64``, flags and findings as lists of
strings), written in record batches of :data:`PARQUET_BATCH_ROWS` rows.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final

from procedurekit.errors import InputFileError, InvalidArgumentError
from procedurekit.io.writers import CsvWriter
from procedurekit.judge import Judgement

__all__ = [
    "PARQUET_BATCH_ROWS",
    "PARQUET_TYPES",
    "PER_DOSSIER_COLUMNS",
    "PerDossierWriter",
    "judgement_row",
]

#: The columns of the per-dossier file, in order.
PER_DOSSIER_COLUMNS: Final = (
    "file",
    "row",
    "dossier_code",
    "procedure_code",
    "procedure_name",
    "agency",
    "level",
    "channel",
    "status",
    "received_at",
    "time_limit",
    "legal_due_date",
    "due_source",
    "legal_due_at_receipt",
    "appointment_date",
    "extended_due_date",
    "committed_date",
    "end_at",
    "end_kind",
    "outcome",
    "supplement_requests",
    "flags",
    "findings",
    "calendar_version",
)

#: Rows buffered before a record batch is written to a Parquet per-dossier file.
PARQUET_BATCH_ROWS: Final = 10_000
#: Each per-dossier column's Parquet type (pyarrow's names); the other columns are strings.
PARQUET_TYPES: Final = {
    "row": "int64",
    "received_at": "timestamp",
    "legal_due_date": "date32",
    "legal_due_at_receipt": "date32",
    "appointment_date": "date32",
    "extended_due_date": "date32",
    "committed_date": "date32",
    "end_at": "timestamp",
    "supplement_requests": "int64",
    "flags": "list<string>",
    "findings": "list<string>",
}
_PARQUET_TZ: Final = "Asia/Ho_Chi_Minh"


def _parquet_schema(pa: Any) -> Any:
    kinds = {
        "int64": pa.int64(),
        "timestamp": pa.timestamp("us", tz=_PARQUET_TZ),
        "date32": pa.date32(),
        "list<string>": pa.list_(pa.string()),
    }
    return pa.schema(
        [
            (c, kinds[PARQUET_TYPES[c]] if c in PARQUET_TYPES else pa.string())
            for c in PER_DOSSIER_COLUMNS
        ]
    )


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """A :func:`judgement_row` with its ISO dates and moments read back as values."""
    out = dict(row)
    for column, kind in PARQUET_TYPES.items():
        value = row[column]
        if value is None:
            continue
        if kind == "timestamp":
            out[column] = datetime.fromisoformat(value)
        elif kind == "date32":
            out[column] = date.fromisoformat(value)
    return out


def judgement_row(j: Judgement) -> dict[str, Any]:
    """One judged dossier as a flat row of :data:`PER_DOSSIER_COLUMNS` (JSON-ready values)."""

    def iso(value: Any) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "file": j.file,
        "row": j.row,
        "dossier_code": j.code,
        "procedure_code": j.procedure,
        "procedure_name": j.procedure_name,
        "agency": j.agency,
        "level": j.level,
        "channel": j.channel.value if j.channel is not None else j.channel_text,
        "status": j.status.value if j.status is not None else None,
        "received_at": iso(j.received_at),
        "time_limit": None if j.duration is None else repr(j.duration),
        "legal_due_date": iso(j.due_date) if j.due_source == "law" else None,
        "due_source": j.due_source,
        "legal_due_at_receipt": iso(j.legal_due_at_receipt),
        "appointment_date": iso(j.appointment_date),
        "extended_due_date": iso(j.extended_due_date),
        "committed_date": iso(j.committed_date),
        "end_at": iso(j.end_at),
        "end_kind": j.end_kind.value if j.end_kind is not None else None,
        "outcome": j.outcome.value if j.outcome is not None else None,
        "supplement_requests": j.supplement_requests,
        "flags": list(j.flags),
        "findings": list(j.findings),
        "calendar_version": j.calendar_version,
    }


class PerDossierWriter:
    """Writes judged dossiers to ``path`` as they come (a context manager; ``write`` is the
    ``per_dossier`` callback of :func:`procedurekit.audit_files`).

    >>> import tempfile, os
    >>> from procedurekit.judge import Judgement
    >>> path = os.path.join(tempfile.mkdtemp(), "out.jsonl")
    >>> with PerDossierWriter(path) as w:
    ...     w.write(Judgement(code="=1+1"))
    >>> w.rows
    1
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        suffix = "".join(self.path.suffixes[-1:]).lower()
        if suffix not in (".csv", ".jsonl", ".ndjson", ".parquet"):
            raise InvalidArgumentError(
                f"per-dossier file {str(path)!r} must end in .csv, .jsonl or .parquet",
                path="per_dossier",
                value=str(path),
                expected="'dossiers-judged.csv', 'dossiers-judged.jsonl' or "
                "'dossiers-judged.parquet'",
            )
        self.format = {".csv": "csv", ".parquet": "parquet"}.get(suffix, "jsonl")
        self.rows = 0
        self._csv: CsvWriter | None = None
        self._file: IO[str] | None = None
        self._parquet: Any = None
        self._batch: list[dict[str, Any]] = []
        if self.format == "parquet":
            self._open_parquet()
            return
        try:
            self._file = self.path.open(
                "w", encoding="utf-8-sig" if self.format == "csv" else "utf-8", newline=""
            )
        except OSError as exc:
            raise self._cannot_write(exc) from None
        if self.format == "csv":
            self._csv = CsvWriter(self._file, PER_DOSSIER_COLUMNS)

    def _cannot_write(self, exc: OSError) -> InputFileError:
        return InputFileError(
            f"cannot write {str(self.path)!r}: {exc.strerror or exc}",
            path="per_dossier",
            value=str(self.path),
            expected="a writable file path",
        )

    def _open_parquet(self) -> None:
        from procedurekit.io._parquet import require_pyarrow

        pa = require_pyarrow("writing Parquet")
        self._pa = pa
        self._schema = _parquet_schema(pa)
        try:
            self._parquet = pa.parquet.ParquetWriter(str(self.path), self._schema)
        except OSError as exc:
            raise self._cannot_write(exc) from None

    def _flush(self) -> None:
        if self._batch:
            batch = self._pa.RecordBatch.from_pylist(self._batch, schema=self._schema)
            self._parquet.write_batch(batch)
            self._batch.clear()

    def write(self, judgement: Judgement) -> None:
        """Write one judged dossier."""
        row = judgement_row(judgement)
        if self._parquet is not None:
            self._batch.append(_typed(row))
            if len(self._batch) >= PARQUET_BATCH_ROWS:
                self._flush()
        elif self._csv is not None:
            self._csv.writerow(
                ";".join(v) if isinstance(v, list) else v
                for v in (row[c] for c in PER_DOSSIER_COLUMNS)
            )
        elif self._file is not None:
            self._file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.rows += 1

    def close(self) -> None:
        """Flush and close the file."""
        if self._parquet is not None:
            self._flush()
            self._parquet.close()
            self._parquet = None
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> PerDossierWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
