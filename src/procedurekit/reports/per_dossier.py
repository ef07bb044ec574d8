"""The per-dossier hand-back file: one row per judged dossier, as CSV or JSON Lines.

``procedurekit audit --per-dossier OUT`` writes, for every dossier of the audit, what the
single pipeline decided (:class:`procedurekit.judge.Judgement`): its code and procedure,
the receipt, the legal due date and the printed appointment, the outcome, the flags and the
findings, so a data team can hand each agency its own list. Rows are written as they are
judged (streaming, bounded memory); the format follows the file's extension: ``.csv``
(UTF-8 with a BOM, every cell through the one escaping writer, :mod:`procedurekit.io.writers`)
or ``.jsonl`` (also ``.ndjson``; one JSON object a line).
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final

from procedurekit.errors import InputFileError, InvalidArgumentError
from procedurekit.io.writers import csv_cell, escape_formula
from procedurekit.judge import Judgement

__all__ = ["PER_DOSSIER_COLUMNS", "PerDossierWriter", "judgement_row"]

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
        if suffix not in (".csv", ".jsonl", ".ndjson"):
            raise InvalidArgumentError(
                f"per-dossier file {str(path)!r} must end in .csv or .jsonl",
                path="per_dossier",
                value=str(path),
                expected="'dossiers-judged.csv' or 'dossiers-judged.jsonl'",
            )
        self.format = "csv" if suffix == ".csv" else "jsonl"
        self.rows = 0
        try:
            self._file: IO[str] = self.path.open(
                "w", encoding="utf-8-sig" if self.format == "csv" else "utf-8", newline=""
            )
        except OSError as exc:
            raise InputFileError(
                f"cannot write {str(path)!r}: {exc.strerror or exc}",
                path="per_dossier",
                value=str(path),
                expected="a writable file path",
            ) from None
        self._csv = None
        if self.format == "csv":
            self._csv = csv.writer(self._file)
            self._csv.writerow([escape_formula(c) for c in PER_DOSSIER_COLUMNS])

    def write(self, judgement: Judgement) -> None:
        """Write one judged dossier."""
        row = judgement_row(judgement)
        if self._csv is not None:
            self._csv.writerow(
                [
                    csv_cell(";".join(v) if isinstance(v, list) else v)
                    for v in (row[c] for c in PER_DOSSIER_COLUMNS)
                ]
            )
        else:
            self._file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.rows += 1

    def close(self) -> None:
        """Flush and close the file."""
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
