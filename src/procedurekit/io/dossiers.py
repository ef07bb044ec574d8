"""The flat dossier format (CSV or JSON Lines), read as a stream in bounded memory.

One dossier per row; columns in :data:`~procedurekit.io.columns.DOSSIER_COLUMNS` (see
``docs/dossier-format.md``). :func:`iter_dossiers` yields :class:`DossierRecord` values
one at a time, so millions of lines need bounded memory. Each date column's format is
decided from all its non-empty values in a first pass over the file (counters only), then
applied to every row in the second, recording pass: never guessed per cell, and a value the
decided format does not read is a finding. Row problems go to a :class:`FindingSink` that
keeps counts and a few examples per code, so a file full of errors cannot exhaust memory
either.
"""

from __future__ import annotations

import functools
import os
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final, cast

import attrs

from procedurekit._codes import MAX_CODE_LENGTH
from procedurekit.findings import FindingSink, rule
from procedurekit.io._limits import DEFAULT_LIMITS, ReadLimits
from procedurekit.io._tables import (
    ColumnRoles,
    HeaderCounter,
    RawRow,
    TableSource,
    choose_sheet,
    load_json_cell,
    open_table,
)
from procedurekit.io.columns import (
    DOSSIER_COLUMNS,
    column_map_for,
    header_counter,
    header_key,
    resolve_headers,
)
from procedurekit.io.dates import (
    FORMAT_LABELS,
    DateDecision,
    DateEvidence,
    DateFormat,
    date_format_of,
    decision_findings,
    follow_order,
    parse_date_value,
    unreadable_note,
)
from procedurekit.models.codes import DossierCode

__all__ = [
    "DATE_FIELDS",
    "FLAG_FIELDS",
    "DossierReading",
    "DossierRecord",
    "DossierStream",
    "FindingSink",
    "code_receipt_date",
    "iter_dossiers",
    "read_flag",
]

#: Columns read as dates or moments.
DATE_FIELDS: Final = ("received_at", "appointment_date", "end_at")
#: Columns read as yes/no facts (Decision 766/QĐ-TTg indicators).
FLAG_FIELDS: Final = (
    "fee_paid_online",
    "electronic_result",
    "digitised_components",
    "digitised_data_reused",
    "complaint",
)
_TRUE: Final = frozenset({"1", "true", "yes", "y", "x", "co", "có", "dung", "đúng", "t"})
_FALSE: Final = frozenset({"0", "false", "no", "n", "khong", "không", "sai", "f", ""})


@attrs.frozen(slots=True)
class DossierRecord:
    """One dossier as read from the flat format.

    Dates are ``date`` (no time given) or aware ``datetime`` (+07:00); flags are ``True``,
    ``False`` or ``None`` (not stated). ``events`` is the optional event log as read (a
    tuple of dicts); ``extra`` holds unknown columns.
    """

    row: int
    line: int
    file: str
    dossier_code: str = ""
    procedure_code: str = ""
    agency: str = ""
    level: str = ""
    channel: str = ""
    received_at: datetime | date | None = None
    appointment_date: date | None = None
    end_at: datetime | date | None = None
    status: str = ""
    fee_paid_online: bool | None = None
    electronic_result: bool | None = None
    digitised_components: bool | None = None
    digitised_data_reused: bool | None = None
    complaint: bool | None = None
    events: tuple[dict[str, Any], ...] = ()
    extra: dict[str, Any] = attrs.field(factory=dict)


@attrs.define
class DossierStream:
    """An iterator of :class:`DossierRecord` with what was learnt while reading.

    ``rows`` counts data rows read so far; ``date_formats`` maps each date column to the
    format detected or given; ``columns`` the keys of the columns found (the header's, or
    every key met in JSON Lines); ``sink`` holds the findings. ``lines_rejected`` counts the
    physical lines (JSON: list items) that did not become a row, ``lines_blank`` of them
    blank: for a file without multi-line cells, once read, ``rows + lines_rejected`` is its
    number of data lines.
    """

    file: str
    records: Iterator[DossierRecord]
    sink: FindingSink
    date_formats: dict[str, str] = attrs.field(factory=dict)
    rows: int = 0
    columns: set[str] = attrs.field(factory=set)
    source: TableSource | None = attrs.field(default=None, repr=False)

    @property
    def lines_rejected(self) -> int:
        """Physical lines (JSON: list items) read so far that did not become a row."""
        return self.source.lines_rejected if self.source is not None else 0

    @property
    def lines_blank(self) -> int:
        """Blank lines among :attr:`lines_rejected`."""
        return self.source.lines_blank if self.source is not None else 0

    def __iter__(self) -> DossierStream:
        # the stream itself, not its records: whoever iterates holds the stream, which the
        # reading refers to weakly (see iter_dossiers)
        return self

    def __next__(self) -> DossierRecord:
        return next(self.records)

    def close(self) -> None:
        """Close the file now, without reading the rest (idempotent). A stream read to the
        end closes itself; one left part-read should be closed, or used as a context
        manager: ``with iter_dossiers(path) as stream: first = next(stream)``."""
        close = getattr(self.records, "close", None)
        try:
            if close is not None:
                close()
        finally:
            if self.source is not None:
                self.source.close()

    def __enter__(self) -> DossierStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@functools.lru_cache(maxsize=4096)
def _column_key(header: str) -> str | None:
    keys, _ = resolve_headers([header], DOSSIER_COLUMNS)
    return keys[0]


def iter_dossiers(
    path: str | os.PathLike[str],
    *,
    date_format: DateFormat | str | None = None,
    sink: FindingSink | None = None,
    progress: Callable[[int], None] | None = None,
    max_line_bytes: int | None = None,
    delimiter: str | None = None,
    limits: ReadLimits | None = None,
    sheet: str | Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> DossierStream:
    """Stream the dossiers of a flat CSV, TSV or JSON Lines file (``.gz`` accepted), a
    workbook, or a Parquet file or directory of partitions (the ``arrow`` extra).

    ``date_format`` (``iso``, ``dmy``, ``excel``) applies to every date column; without it
    each column's format is decided from all its non-empty values (a first pass over the
    file) and reported as a ``date-format-detected`` finding, with ``ambiguous-date-format``
    when no value tells day-first from month-first (the dossier codes' YYMMDD receipt
    dates decide when they can). ``progress`` is called with the row count after each
    row (see :func:`procedurekit.io.progress_printer`). ``limits`` bounds what reading may
    cost (:class:`~procedurekit.io.ReadLimits`; ``max_line_bytes``, when given, overrides
    its field). A workbook's first sheet with a recognised header row is read, or the first
    of ``sheet`` (one name or several) that it has. ``columns`` maps header texts to
    column keys (:func:`~procedurekit.io.read_column_map`; its dossier keys). ``encoding``
    names how the file is written (``cp1258``, ``tcvn3``, ``vni`` or a Python codec;
    default UTF-8, or detected and reported: :mod:`procedurekit.io.encodings`). Raises
    :class:`~procedurekit.errors.InputFileError` when the file cannot be read at all, has
    none of the sheets named, or a limit is passed.
    """
    reading = DossierReading(
        path,
        date_format=date_format,
        sink=sink,
        max_line_bytes=max_line_bytes,
        delimiter=delimiter,
        limits=limits,
        sheet=sheet,
        columns=columns,
        encoding=encoding,
    )
    stream = reading.stream
    stream.records = reading.records(progress)
    # The stream holds the reading (through its records); the reading holding the stream
    # back would make a reference cycle, freed only by the garbage collector, so that a
    # stream dropped part-read would keep its file open until then (and the collector may
    # finalize the file first: a ResourceWarning). The reading refers to it weakly.
    reading.stream = cast(DossierStream, weakref.proxy(stream))
    return stream


class DossierReading:
    """One dossier file being read: its table, header roles, date formats and findings.

    :func:`iter_dossiers` reads every row through :meth:`records`; the columnar audit
    (:mod:`procedurekit.checks._columnar`) opens the same reading, decides the date formats
    from its own survey (:meth:`decide`) and builds the records of the rows it does not
    judge in columns with :meth:`record`, so that a row is read by one mechanism whichever
    engine reads the file.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        date_format: DateFormat | str | None = None,
        sink: FindingSink | None = None,
        max_line_bytes: int | None = None,
        delimiter: str | None = None,
        limits: ReadLimits | None = None,
        sheet: str | Sequence[str] | None = None,
        columns: Mapping[str, str] | None = None,
        encoding: str | None = None,
    ) -> None:
        lim = limits if limits is not None else DEFAULT_LIMITS
        if max_line_bytes is not None:
            lim = attrs.evolve(lim, max_line_bytes=max_line_bytes)
        cmap = column_map_for(columns, DOSSIER_COLUMNS)
        chosen = choose_sheet(path, sheet, limits=lim)
        self.path = path
        self.delimiter = delimiter
        self.limits = lim
        self.encoding = encoding
        self.sheet = chosen
        self.header_count = header_counter(cmap)
        self.explicit = date_format_of(date_format)
        key_of: Callable[[str], str | None] = _column_key
        if cmap:

            def key_of(header: str) -> str | None:
                return cmap.get(header_key(header)) or _column_key(header)

        self.key_of = key_of
        self.src = src = open_table(
            path,
            delimiter=delimiter,
            limits=lim,
            sheet=chosen,
            header_count=self.header_count,
            encoding=encoding,
        )
        try:
            self._start(src, sink if sink is not None else FindingSink())
        except BaseException:
            src.close()  # not left to the garbage collector
            raise

    def _start(self, src: TableSource, sink: FindingSink) -> None:
        """The stream, the header's column roles and its findings, for the table just opened."""
        #: The reader filling the table (held here, not by the table: see TableSource.reader).
        self.reader: Any = src.reader() if src.reader is not None else None
        self.name = name = src.name
        self.sink = sink
        self.stream = stream = DossierStream(name, iter(()), sink, source=src)
        self.roles = roles = ColumnRoles(src, self.key_of, src.findings)
        stream.columns.update(k for k in roles.keys.values() if k is not None)
        self.reported: set[str] = set()
        for header in src.headers:
            if roles.unknown(header):
                self.reported.add(header)
                src.findings.append(
                    rule("unknown-column").finding(
                        field=header,
                        file=name,
                        line=src.header_line,
                        value=header,
                        table="dossier",
                    )
                )
        self.flushed = 0
        self.formats: dict[str, DateFormat | None] = {}

    def flush_reader_findings(self) -> None:
        """Pass the reader's findings so far to the sink (the list is kept bounded)."""
        src, sink = self.src, self.sink
        while self.flushed < len(src.findings):
            sink.add(src.findings[self.flushed])
            self.flushed += 1
        if self.flushed > 10_000:  # keep the reader's list bounded
            src.findings.clear()
            self.flushed = 0

    def _known(self, raw: RawRow) -> tuple[dict[str, Any], dict[str, Any]]:
        roles = self.roles
        cells, extra = roles.split(raw.values)
        if not roles.fixed:
            self.stream.columns.update(cells)
            for header in extra:
                if (
                    header not in self.reported
                    and len(self.reported) < 4096
                    and roles.unknown(header)
                ):
                    self.reported.add(header)
                    self.sink.emit(
                        "unknown-column",
                        field=header,
                        file=self.name,
                        line=self.src.header_line,
                        value=header,
                        table="dossier",
                    )
        return cells, extra

    def survey(self) -> dict[str, DateDecision]:
        """Each date column's format, decided by a first pass over the file."""
        return _survey(
            self.path,
            self.delimiter,
            self.limits,
            self.encoding,
            self.sheet,
            self.header_count,
            self.key_of,
        )

    def decide(self, decisions: Mapping[str, DateDecision] | None) -> None:
        """Fix each date column's format: the one given, else ``decisions`` (a survey's),
        reported as findings."""
        if self.explicit is not None:
            for key in DATE_FIELDS:
                self.formats[key] = self.explicit
                self.stream.date_formats[key] = self.explicit.value
            return
        for key, decision in (decisions or {}).items():
            self.formats[key] = decision.fmt
            if decision.fmt is not None:
                self.stream.date_formats[key] = decision.fmt.value
            for finding in decision_findings(decision, key, self.name):
                self.sink.add(finding)

    def record(self, raw: RawRow, n: int) -> DossierRecord:
        """The record of row ``raw``, the ``n``-th read; the reader's findings so far are
        passed on first, and the sink's agency is the row's until the next row."""
        cells, extra = self._known(raw)
        self.stream.rows = n
        sink = self.sink
        sink.agency = None  # the reader's findings may be about other lines
        self.flush_reader_findings()
        # The row's findings, the reader's and the judge's, carry its agency.
        sink.agency = _text(cells.get("agency")) or None
        return _record(raw, cells, extra, self.formats, self.name, sink)

    def finish(self) -> None:
        """Pass the reader's last findings on (after the last row)."""
        self.sink.agency = None
        self.flush_reader_findings()

    def records(self, progress: Callable[[int], None] | None = None) -> Iterator[DossierRecord]:
        """Every row's record, in file order (the row engine)."""
        with self.src:  # closed at once when the reading stops early
            self.decide(self.survey() if self.explicit is None else None)
            for n, raw in enumerate(self.src.rows, 1):
                yield self.record(raw, n)
                if progress is not None:
                    progress(n)
            self.finish()


def _survey(
    path: str | os.PathLike[str],
    delimiter: str | None,
    limits: ReadLimits,
    encoding: str | None,
    sheet: str | None,
    header_count: HeaderCounter,
    key_of: Callable[[str], str | None],
) -> dict[str, DateDecision]:
    """Each date column's format, decided from every non-empty value of the file.

    A first pass over the file (dossier files are files on disk, so they can be read
    twice) counts, value by value, which formats read each date cell, in bounded memory;
    the dossier code's receipt date (YYMMDD) is evidence for the receipt column's
    day/month order. Reading findings are left to the second, recording pass.
    """
    src = open_table(
        path,
        delimiter=delimiter,
        limits=limits,
        sheet=sheet,
        header_count=header_count,
        encoding=encoding,
    )
    evidence = {key: DateEvidence() for key in DATE_FIELDS}
    with src:
        roles = ColumnRoles(src, key_of, [])
        for raw in src.rows:
            cells, _ = roles.split(raw.values)
            received = cells.get("received_at")
            if received is not None and received != "":
                evidence["received_at"].add(received, _code_date(cells.get("dossier_code")))
            for key in ("appointment_date", "end_at"):
                evidence[key].add(cells.get(key))
    src.findings.clear()
    lead = evidence["received_at"].decide()
    return {
        "received_at": lead,
        **{key: follow_order(evidence[key].decide(), lead) for key in DATE_FIELDS[1:]},
    }


def read_flag(cell: Any) -> bool | None:
    """A yes/no cell: ``True``, ``False``, or ``None`` when empty (not stated); raises
    ``ValueError`` for any other text (``unparseable-flag``)."""
    text = _text(cell).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False if text else None
    raise ValueError(f"not a yes/no value: {cell!r}")


def code_receipt_date(code: Any) -> date | None:
    """The receipt date a standard dossier code carries (``<agency>-YYMMDD-NNNN``)."""
    return _code_date(code)


def _code_date(code: Any) -> date | None:
    """The receipt date a standard dossier code carries (``<agency>-YYMMDD-NNNN``)."""
    text = _text(code)
    if not text or len(text) > MAX_CODE_LENGTH:
        return None
    parts = DossierCode(text).parse()
    return parts.received_on if parts is not None else None


def _record(
    raw: RawRow,
    cells: dict[str, Any],
    extra: dict[str, Any],
    formats: dict[str, DateFormat | None],
    name: str,
    sink: FindingSink,
) -> DossierRecord:
    dates: dict[str, Any] = {}
    for key in DATE_FIELDS:
        cell = cells.get(key)
        if cell is None or cell == "":
            dates[key] = None
            continue
        fmt = formats.get(key)
        try:
            if fmt is None:
                raise ValueError("no format")
            value = parse_date_value(cell, fmt)
        except (ValueError, OverflowError):
            sink.emit(
                "unparseable-date",
                row=raw.row,
                field=key,
                file=name,
                line=raw.line,
                value=cell,
                format=FORMAT_LABELS[fmt] if fmt else "readable",
                note=unreadable_note(cell, fmt),
            )
            value = None
        if key == "received_at" and value is not None:
            code_date = _code_date(cells.get("dossier_code"))
            day = value.date() if isinstance(value, datetime) else value
            if code_date is not None and code_date != day:
                sink.emit(
                    "code-date-mismatch",
                    row=raw.row,
                    field="dossier_code",
                    file=name,
                    line=raw.line,
                    value=_text(cells.get("dossier_code")),
                    code_date=code_date.isoformat(),
                    received=day.isoformat(),
                )
        if key == "appointment_date" and isinstance(value, datetime):
            value = value.date()
        dates[key] = value
    flags: dict[str, bool | None] = {}
    for key in FLAG_FIELDS:
        cell = cells.get(key)
        if cell is None or isinstance(cell, bool):
            flags[key] = cell
            continue
        try:
            flags[key] = read_flag(cell)
        except ValueError:
            flags[key] = None
            sink.emit(
                "unparseable-flag", row=raw.row, field=key, file=name, line=raw.line, value=cell
            )
    events = _events(cells.get("events"), raw, name, sink)
    return DossierRecord(
        raw.row,
        raw.line,
        name,
        _text(cells.get("dossier_code")),
        _text(cells.get("procedure_code")),
        _text(cells.get("agency")),
        _text(cells.get("level")),
        _text(cells.get("channel")),
        dates["received_at"],
        dates["appointment_date"],
        dates["end_at"],
        _text(cells.get("status")),
        flags["fee_paid_online"],
        flags["electronic_result"],
        flags["digitised_components"],
        flags["digitised_data_reused"],
        flags["complaint"],
        events,
        extra,
    )


def _events(value: Any, raw: RawRow, name: str, sink: FindingSink) -> tuple[dict[str, Any], ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        try:
            value = load_json_cell(value)
        except ValueError as exc:
            sink.emit(
                "malformed-events",
                row=raw.row,
                field="events",
                file=name,
                line=raw.line,
                value=value,
                note=f"the event log is not a JSON list ({exc})",
            )
            return ()
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        sink.emit(
            "malformed-events",
            row=raw.row,
            field="events",
            file=name,
            line=raw.line,
            note='the event log must be a list of objects [{"kind": ..., "at": ...}]',
        )
        return ()
    return tuple(value)
