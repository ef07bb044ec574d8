"""Low-level table reading: CSV/TSV, XLSX, JSON and JSON Lines, as rows of header → cell.

What a reader guarantees, whatever the file (an attacker's or a careless exporter's):

- **Every physical line is accounted for.** A line becomes a record, or it is counted in
  :attr:`TableSource.lines_rejected` (blank lines included, :attr:`TableSource.lines_blank`
  of them) and, unless blank, reported. For a file without multi-line cells
  ``records + lines_rejected`` is the number of data lines (for JSON, of list items).
- **No column is lost.** A repeated header keeps both columns: the first under its name
  (it is the one read), the other as ``"<header> (column N)"``, reported
  (``duplicate-column``); a blank header with data becomes ``"(column N)"``, reported
  (``blank-header``); cells right of the last header are kept in ``_extra_cells``, reported
  (``malformed-row``). A JSON key repeated in one object keeps its first value and the
  others as ``"<key> (2)"``, reported (``duplicate-key``).
- **A stray quote swallows nothing.** CSV is read strictly; a record that cannot be read
  (a quote never closed, a quote inside an unquoted cell, a record past
  ``max_line_bytes``) is reported with its line range and each of its lines is read again
  on its own, leniently.
- **Cells are cleaned and bounded.** Invisible characters (``procedurekit._text.INVISIBLE``)
  are removed from every text cell and reported (``invisible-characters``); a
  cell longer than ``max_cell_chars`` is cut and reported (``cell-too-long``); a JSON NaN,
  Infinity or overflowing number is read as empty and reported (``invalid-number``); a
  JSON record nested deeper than ``max_depth`` is rejected and reported.
- **Cost is bounded** by :class:`~procedurekit.io.ReadLimits`: gzip and workbook parts by
  ``max_decompressed_bytes``, lines by ``max_line_bytes``, workbooks and JSON streamed.
  Only regular files are opened: a FIFO, a device or a directory is refused at once.

Files are read as bytes and decoded per line (UTF-8, a BOM dropped; UTF-16 with a BOM is
accepted), so one undecodable line becomes a finding instead of stopping a million-line
file. gzip is recognised by its magic bytes. What cannot be read at all (binary data, a zip
that is not an XLSX, a truncated gzip, a workbook without a header row, a limit passed)
raises :class:`~procedurekit.errors.InputFileError`.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import math
import os
import re
import stat
import sys
import unicodedata
import weakref
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Final, TextIO

import attrs

from procedurekit._text import has_invisible, remove_invisible
from procedurekit.errors import InputFileError, InvalidArgumentError
from procedurekit.findings import Finding, rule
from procedurekit.io._limits import DEFAULT_LIMITS, MAX_LINE_BYTES, ReadLimits
from procedurekit.io._parquet import is_parquet_dir, parquet_rows, require_pyarrow
from procedurekit.io.encodings import (
    FONT_ENCODINGS,
    check_encoding,
    detect_encoding,
    font_encoding_hint,
    line_decoder,
)

__all__ = [
    "HEADER_SEARCH_ROWS",
    "MAX_LINE_BYTES",
    "ColumnRoles",
    "HeaderCounter",
    "ProgressPrinter",
    "RawRow",
    "TableSource",
    "check_delimiter",
    "choose_sheet",
    "detect_format",
    "json_row",
    "load_json_cell",
    "open_table",
    "progress_printer",
    "report_if_empty",
    "sheet_headers",
]

#: How many non-empty rows of a worksheet are searched for the header row.
HEADER_SEARCH_ROWS: Final = 20
_CHUNK: Final = 1 << 20
_WS: Final = re.compile(r"[ \t\n\r]*")
#: Top-level keys of a JSON document that hold the list of records.
_LIST_KEYS: Final = ("procedures", "dossiers", "items", "data", "rows")

#: One worksheet row: its number, non-empty cells by column, cut cells (see ``_xlsx``).
SheetRowT = tuple[int, dict[int, Any], dict[int, int]]

_FORMATS: Final = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}


@attrs.frozen
class RawRow:
    """One data row: its 1-based ``row`` number, the ``line`` it starts on, cells by header."""

    row: int
    line: int
    values: dict[str, Any]


@attrs.define
class TableSource:
    """An open table: its display ``name``, ``headers`` (when fixed) and a row iterator.

    ``findings`` grows while ``rows`` is consumed. So do the counts: ``records`` (rows
    read), ``lines_rejected`` (physical lines, for JSON list items, that did not become a
    record: blank, too long, unreadable, too deep) and ``lines_blank`` (the blank ones among
    them). ``named`` maps each header the reader had to name (a blank or repeated header,
    a repeated JSON key) to what the file said; ``positions`` gives a fixed header's
    column, as shown to users (``3`` in CSV, ``C`` in a workbook). For a workbook,
    ``sheet`` is the sheet read and ``sheets`` says, for each sheet looked at, what was
    found there (``"header on row 3"``, ``"empty"``, ...).
    """

    name: str
    fmt: str
    headers: list[str]
    rows: Iterator[RawRow]
    findings: list[Finding]
    header_line: int = 1
    records: int = 0
    lines_rejected: int = 0
    lines_blank: int = 0
    named: dict[str, str] = attrs.field(factory=dict)
    positions: dict[str, str] = attrs.field(factory=dict)
    sheet: str | None = None
    sheets: dict[str, str] = attrs.field(factory=dict)
    empty_file: bool = False
    #: A weak reference to the reader filling this table (its row numbering and cell
    #: cleaning): call it for the reader, ``None`` once it is gone.
    reader: Any = attrs.field(default=None, repr=False, eq=False)
    #: What closes the table's open files (called by :meth:`close`).
    closers: list[Callable[[], None]] = attrs.field(factory=list, repr=False, eq=False)

    def close(self) -> None:
        """Close the table's files now, whether its rows were read to the end or not.

        Idempotent. A reader that stops early (an error, a limit, a choice) calls it: the
        row iterator alone cannot be trusted to, since a generator never started runs no
        ``finally`` and a row iterator may be a plain ``map`` or ``chain``; left to the
        garbage collector, an open file inside a reference cycle (an exception's
        traceback) may be finalized first, with a ``ResourceWarning``.
        """
        close = getattr(self.rows, "close", None)
        try:
            if close is not None:
                close()
        finally:
            while self.closers:
                self.closers.pop()()

    def __enter__(self) -> TableSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def detect_format(path: Path) -> str:
    """``csv``, ``tsv``, ``xlsx``, ``json``, ``jsonl`` or ``parquet`` from the suffix (``.gz``
    ignored); a directory holding ``.parquet`` files is ``parquet`` (its partitions)."""
    if is_parquet_dir(path):
        return "parquet"
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = _FORMATS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        raise InputFileError(
            f"{path.name}: cannot tell the format from the suffix {''.join(path.suffixes)!r}",
            path=str(path),
            value=path.suffix,
            expected="a .csv, .tsv, .xlsx, .json or .jsonl file (optionally .gz), "
            "or a .parquet file or directory of them",
        )
    return fmt


def check_delimiter(delimiter: object) -> str | None:
    """``delimiter`` if it is one character a CSV can be split on, ``None`` for "detect";
    else :class:`~procedurekit.errors.InvalidArgumentError`."""
    if delimiter is None:
        return None
    if isinstance(delimiter, str) and delimiter == "\\t":
        return "\t"
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '"\r\n':
        raise InvalidArgumentError(
            f"the delimiter must be one character other than a quote or a line break, "
            f"got {delimiter!r}",
            path="delimiter",
            value=delimiter,
            expected="',', ';', a tab ('\\t') or '|'",
        )
    return delimiter


# -- opening files ---------------------------------------------------------------------------


def _special(path: Path, mode: int) -> InputFileError:
    kind = (
        "a directory"
        if stat.S_ISDIR(mode)
        else "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return InputFileError(
        f"{path}: is {kind}, not a regular file; refused (reading it could block or never end)",
        path=str(path),
        expected="a regular file",
    )


def _cannot_open(path: Path, exc: OSError) -> InputFileError:
    return InputFileError(
        f"{path}: cannot open ({exc.strerror or exc})",
        path=str(path),
        expected="a readable file",
    )


def _check_regular(path: Path) -> None:
    """Refuse a path that is not a regular file before anything else is done with it."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise _cannot_open(path, exc) from exc
    if not stat.S_ISREG(mode):
        raise _special(path, mode)


def _open_regular(path: Path) -> IO[bytes]:
    """Open ``path`` for reading if it is a regular file; refuse FIFOs, devices, sockets and
    directories at once (opening never blocks: ``O_NONBLOCK``; the open file is checked)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if path.is_dir():
            raise _special(path, stat.S_IFDIR) from exc
        raise _cannot_open(path, exc) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _special(path, mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class _Bounded(io.RawIOBase):
    """A decompressing stream that refuses to give more than ``limit`` bytes."""

    def __init__(self, inner: IO[bytes], name: str, limit: int) -> None:
        self.inner = inner
        self.name_ = name
        self.limit = limit
        self.count = 0

    def readable(self) -> bool:
        return True

    def _add(self, n: int) -> None:
        self.count += n
        if self.count > self.limit:
            raise InputFileError(
                f"{self.name_}: decompresses to more than the limit of {self.limit:,} bytes "
                "(max_decompressed_bytes); raise it (--max-decompressed-bytes) if the file is "
                "genuine",
                path=self.name_,
                value=self.count,
                expected=f"at most {self.limit:,} bytes once decompressed",
            )

    def readinto(self, b: Any) -> int:
        data = self.inner.read(len(b))
        n = len(data)
        b[:n] = data
        self._add(n)
        return n

    def readline(self, size: int | None = -1) -> bytes:
        data = self.inner.readline(-1 if size is None else size)
        self._add(len(data))
        return data

    def peek(self, n: int = 0) -> bytes:
        peek = getattr(self.inner, "peek", None)
        return peek(n) if peek is not None else b""

    def close(self) -> None:
        self.inner.close()
        super().close()


def _open_binary(path: Path, limits: ReadLimits) -> tuple[IO[bytes], IO[bytes]]:
    """(stream to read, raw file): gzip recognised by its magic bytes and bounded."""
    raw = _open_regular(path)
    head = raw.peek(4)[:4] if isinstance(raw, io.BufferedReader) else b""
    if head[:2] == b"\x1f\x8b":
        gz: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
        bounded: IO[bytes] = _Bounded(gz, str(path), limits.max_decompressed_bytes)  # type: ignore[assignment]
        return bounded, raw
    return raw, raw


def _check_not_binary(name: str, head: bytes) -> str:
    """The encoding to use, from the first bytes; raise on data that is not text."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(b"PK\x03\x04"):
        raise InputFileError(
            f"{name}: this is a zip archive (an XLSX workbook?), not a text table",
            path=name,
            value=head[:8],
            expected="a UTF-8 CSV/JSON text file, or name the workbook .xlsx",
        )
    if b"\x00" in head:
        raise InputFileError(
            f"{name}: binary data (NUL bytes) in the first {len(head)} bytes; not a text table",
            path=name,
            value=head[:16],
            expected="a UTF-8 text file (CSV, TSV, JSON or JSON Lines)",
        )
    return "utf-8"


def _corrupt(name: str, line: int | None, exc: BaseException) -> InputFileError:
    after = f" after line {line}" if line else ""
    return InputFileError(
        f"{name}: the file is truncated or corrupt{after} ({exc})",
        path=name,
        line=line,
        expected="a complete file",
    )


# -- the state every format shares: counts, findings, cleaning -------------------------------


class _Reader:
    """One table being read: its findings, counts and the cleaning of cells."""

    def __init__(self, name: str, fmt: str, limits: ReadLimits) -> None:
        self.name = name
        self.limits = limits
        self.findings: list[Finding] = []
        self.src = TableSource(name, fmt, [], iter(()), self.findings)
        # A weak reference: a strong one would make every table a reference cycle, closed
        # only by the cyclic collector, which may finalize the open file before the row
        # generator that would have closed it (a ResourceWarning).
        self.src.reader = weakref.ref(self)
        self.blank_columns: dict[str, str] = {}  # header -> column shown, for blank headers

    def emit(self, code: str, **fields: Any) -> None:
        fields.setdefault("file", self.name)
        self.findings.append(rule(code).finding(**fields))

    def reject(self, *, blank: bool = False, lines: int = 1) -> None:
        self.src.lines_rejected += lines
        if blank:
            self.src.lines_blank += lines

    def next_row(self) -> int:
        self.src.records += 1
        return self.src.records

    # -- headers --------------------------------------------------------------------------

    def set_headers(self, cells: list[str], columns: list[str], line: int) -> list[str]:
        """Name the headers uniquely; report repeated ones (``columns``: how each column is
        shown: ``3`` or ``C``)."""
        headers: list[str] = []
        first: dict[str, int] = {}
        texts = [self.invisible(None, line, remove_invisible(c), c).strip() for c in cells]
        taken = set(texts)
        for i, text in enumerate(texts):
            if not text:
                name = _free(f"(column {columns[i]})", taken)
                self.blank_columns[name] = columns[i]
                self.src.named[name] = ""
            elif text in first:
                j = first[text]
                name = _free(f"{text} (column {columns[i]})", taken)
                self.src.named[name] = text
                self.emit(
                    "duplicate-column",
                    field=text,
                    line=line,
                    value=text,
                    what=f"columns {columns[j]} and {columns[i]} are both headed {text!r}",
                    used=f"column {columns[j]}",
                    other=f"column {columns[i]}",
                    extra=name,
                )
            else:
                first[text] = i
                name = text
            taken.add(name)
            headers.append(name)
        self.src.headers = headers
        self.src.positions = dict(zip(headers, columns, strict=True))
        self.src.header_line = line
        return headers

    def check_blank_columns(self, n: int, line: int, values: dict[str, Any]) -> None:
        for header, column in list(self.blank_columns.items()):
            cell = values.get(header)
            if cell is not None and not (isinstance(cell, str) and not cell.strip()):
                del self.blank_columns[header]
                self.emit(
                    "blank-header", row=n, field=header, line=line, value=header, column=column
                )

    def text_row(
        self, headers: list[str], cells: list[str], line: int, trouble: str | None = None
    ) -> RawRow | None:
        """The row of a delimited text record (``cells`` on ``line``), numbered and
        cleaned; ``None`` for a blank record. Also used by the columnar audit for the rows
        it hands to the row engine."""
        if not any(c.strip() for c in cells):  # a blank line, or Excel's ",,,,"
            self.reject(blank=True)
            return None
        n = self.next_row()
        width = len(headers)
        notes = [trouble] if trouble else []
        if len(cells) != width:
            notes.append(
                f"has {len(cells)} cells, the header has {width}"
                + ("; the file may be truncated" if len(cells) < width else "")
            )
        if notes:
            self.emit(
                "malformed-row",
                row=n,
                line=line,
                value=len(cells),
                where=f"row {n} (line {line})",
                note="; ".join(notes),
            )
        values: dict[str, Any] = dict(zip(headers, cells, strict=False))
        if len(cells) > width:
            values["_extra_cells"] = cells[width:]
        self.clean_flat(n, line, values)
        if self.blank_columns:
            self.check_blank_columns(n, line, values)
        return RawRow(n, line, values)

    def cell_row(self, values: dict[str, Any], line: int) -> RawRow:
        """The row of a record of typed cells (a Parquet row, ``line`` its row number),
        numbered and cleaned. Also used by the columnar audit for the rows it hands to the
        row engine."""
        n = self.next_row()
        self.clean_flat(n, line, values)
        if self.blank_columns:
            self.check_blank_columns(n, line, values)
        return RawRow(n, line, values)

    # -- cells ----------------------------------------------------------------------------

    def invisible(self, n: int | None, line: int, field: str, value: str) -> str:
        """``value`` without its invisible characters, reported when it held some."""
        if not has_invisible(value):
            return value
        clean = remove_invisible(value)
        found = sorted(set(value) - set(clean))
        names = ", ".join(
            f"U+{ord(c):04X} {unicodedata.name(c, '').lower()}".strip() for c in found[:3]
        ) + (", ..." if len(found) > 3 else "")
        self.emit(
            "invisible-characters",
            row=n,
            field=field,
            line=line,
            value=value,
            count=len(value) - len(clean),
            names=names,
            where=f"row {n}" if n is not None else "the header",
        )
        return clean

    def text(self, n: int, line: int, field: str, value: str) -> str:
        """One text cell, invisible characters removed and cut at ``max_cell_chars``."""
        value = self.invisible(n, line, field, value)
        limit = self.limits.max_cell_chars
        if len(value) > limit:
            self.emit(
                "cell-too-long",
                row=n,
                field=field,
                line=line,
                value=value[:80],
                size=len(value),
                limit=limit,
            )
            value = value[:limit]
        return value

    def number(self, n: int, line: int, field: str, value: float) -> float | None:
        if math.isfinite(value):
            return value
        shown = "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
        self.emit("invalid-number", row=n, field=field, line=line, value=shown)
        return None

    def clean_flat(self, n: int, line: int, values: dict[str, Any]) -> None:
        """Clean a row of text cells (CSV, workbook) in place: one test of the row's text
        when nothing is to be done, which is nearly always."""
        texts = [v for v in values.values() if type(v) is str]
        if len(texts) == len(values):
            blob = "".join(texts)
            if blob.isascii():
                if len(blob) <= self.limits.max_cell_chars:
                    return
            elif not has_invisible(blob) and len(blob) <= self.limits.max_cell_chars:
                return
        self.clean(n, line, values)

    def clean(self, n: int, line: int, values: dict[str, Any], *, depth: bool = False) -> int:
        """Clean every value of a record in place (JSON: nested lists and objects too):
        invisible characters removed, cells cut at ``max_cell_chars``, non-finite numbers
        read as empty, each reported. With ``depth``, a record nesting deeper than
        ``max_depth`` is left as it is and its depth returned (else 0), nothing reported."""
        limit = self.limits.max_cell_chars
        max_depth = self.limits.max_depth
        suspects: list[tuple[Any, Any, Any]] = []  # (container, key, path of the container)
        stack: list[tuple[Any, Any, int]] = [(values, None, 1)]
        while stack:
            obj, path, level = stack.pop()
            if depth and level > max_depth:
                return level
            for key, v in obj.items() if type(obj) is dict else enumerate(obj):
                kind = type(v)
                if kind is str:
                    if not v.isascii() or len(v) > limit:
                        suspects.append((obj, key, path))
                elif kind is float:
                    if v != v or v in (math.inf, -math.inf):
                        suspects.append((obj, key, path))
                elif kind is dict or kind is list:
                    stack.append((v, (path, key), level + 1))
        if not suspects:
            return 0
        texts = [c[k] for c, k, _ in suspects if type(c[k]) is str]
        if (
            len(texts) == len(suspects)
            and all(len(t) <= limit for t in texts)
            and not has_invisible("".join(texts))
        ):
            return 0
        for obj, key, path in suspects:
            v = obj[key]
            field = _path(path, key)
            obj[key] = (
                self.text(n, line, field, v) if type(v) is str else self.number(n, line, field, v)
            )
        return 0


def _depth(value: Any, limit: int) -> int:
    """The depth past ``limit`` that ``value`` reaches (a value is level 1), else 0."""
    stack = [(value, 1)]
    while stack:
        obj, level = stack.pop()
        if level > limit:
            return level
        children = obj.values() if isinstance(obj, dict) else obj
        stack.extend((c, level + 1) for c in children if isinstance(c, dict | list))
    return 0


def _path(parent: Any, key: Any) -> str:
    """A value's path in its record (``channels[0].fee``), from the (parent, key) chain."""
    keys = [key]
    while parent is not None:
        parent, key = parent
        keys.append(key)
    out = ""
    for k in reversed(keys):
        out += f"[{k}]" if type(k) is int else (f".{k}" if out else str(k))
    return out


def _free(name: str, taken: set[str]) -> str:
    """``name``, or ``name`` with a number added until it is not ``taken``."""
    out, i = name, 2
    while out in taken:
        out = f"{name} {i}"
        i += 1
    return out


class ColumnRoles:
    """Which header of a table is read as which column.

    ``key_of`` maps a header to its column key (``None``: unknown). With fixed headers (CSV,
    workbook) the first header naming a column is read, decided once in column order; in
    JSON (no fixed headers) the first key of each record naming it. A later header naming
    the same column is kept as an extra field and reported once (``duplicate-column``);
    headers the reader made up (blank or repeated ones, :attr:`TableSource.named`) are
    extra fields, never unknown columns.
    """

    _CAP: Final = 4096  # headers remembered (hostile JSON may invent one per record)

    def __init__(
        self, src: TableSource, key_of: Callable[[str], str | None], findings: list[Finding]
    ) -> None:
        self.src = src
        self.key_of = key_of
        self.findings = findings
        self.keys: dict[str, str | None] = {}
        self.reported: set[tuple[str, str]] = set()
        self.fixed = bool(src.headers)
        first: dict[str, str] = {}
        for header in src.headers:
            key = self.key(header)
            if key is not None and key in first:
                self.duplicate(key, first[key], header)
                key = None
            elif key is not None:
                first[key] = header
            self.keys[header] = key

    def key(self, header: str) -> str | None:
        """The column ``header`` names; ``None`` for a header the reader made up."""
        if header in self.src.named or header == "_extra_cells":
            return None
        return self.key_of(header)

    def unknown(self, header: str) -> bool:
        """Whether ``header`` is a header of the file that names no known column."""
        return (
            header not in self.src.named
            and header != "_extra_cells"
            and self.key_of(header) is None
        )

    def duplicate(self, key: str, used: str, other: str) -> None:
        if (used, other) in self.reported or len(self.reported) >= self._CAP:
            return
        self.reported.add((used, other))
        pos = self.src.positions
        if used in pos and other in pos:
            what = (
                f"the headers {used!r} (column {pos[used]}) and {other!r} (column "
                f"{pos[other]}) both name the column {key!r}"
            )
            used_at, other_at = f"column {pos[used]}", f"column {pos[other]}"
        else:
            what = f"the keys {used!r} and {other!r} both name the column {key!r}"
            used_at, other_at = repr(used), repr(other)
        self.findings.append(
            rule("duplicate-column").finding(
                field=other,
                file=self.src.name,
                line=self.src.header_line if self.fixed else None,
                value=other,
                what=what,
                used=used_at,
                other=other_at,
                as_key=f" as {key}",
                extra=other,
            )
        )

    def split(
        self, values: dict[str, Any], *, skip_empty: bool = False
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """(cells by column key, extra cells by header) of one row. ``skip_empty`` leaves
        out ``None`` and empty JSON lists and objects (they say nothing)."""
        known: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        keys = self.keys
        if self.fixed:  # CSV, workbook: every header decided once
            for header, cell in values.items():
                if cell is None and skip_empty:
                    continue
                key = keys.get(header, _UNSET)
                if key is _UNSET:
                    key = self.key(header)  # "_extra_cells"
                if key is not None:
                    known[key] = cell
                elif not (self.src.named.get(header) == "" and _empty(cell)):
                    extra[header] = cell  # an empty cell of a column without a header: no
            return known, extra
        by_key: dict[str, str] = {}
        for header, cell in values.items():
            if skip_empty and (cell is None or (isinstance(cell, list | dict) and not cell)):
                continue
            key = keys.get(header, _UNSET)
            if key is _UNSET:
                key = self.key(header)
                if len(keys) < self._CAP:
                    keys[header] = key
            if key is not None:
                if key in by_key:
                    self.duplicate(key, by_key[key], header)
                    key = None
                else:
                    by_key[key] = header
            if key is None:
                extra[header] = cell
            else:
                known[key] = cell
        return known, extra


def _empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


_UNSET: Final = "\x00unset"


# -- lines -------------------------------------------------------------------------------------


class _LineReader:
    """Numbered, decoded lines of a binary stream; over-long and undecodable lines reported."""

    def __init__(self, stream: IO[bytes], reader: _Reader, *, header: bool = False) -> None:
        self.stream = stream
        self.reader = reader
        self.max = reader.limits.max_line_bytes
        self.lineno = 0
        self.header = header  # the first line is the header: it cannot be skipped
        self.encoding = "utf-8"
        self.decode: Callable[[bytes], str] = _utf8
        self.quiet = False  # one finding for the file says the bytes are not read right

    def _read(self, limit: int) -> bytes:
        try:
            return self.stream.readline(limit)
        except (EOFError, OSError, zlib.error) as exc:
            raise _corrupt(self.reader.name, self.lineno, exc) from exc

    def head(self) -> bytes:
        try:
            peek = getattr(self.stream, "peek", None)
            data: bytes = peek(8192)[:8192] if peek is not None else b""
        except (EOFError, OSError, zlib.error) as exc:
            raise _corrupt(self.reader.name, None, exc) from exc
        return data

    def __iter__(self) -> Iterator[tuple[int, str]]:
        first = True
        name = self.reader.name
        while True:
            data = self._read(self.max + 1)
            if not data:
                return
            self.lineno += 1
            if len(data) > self.max and not data.endswith(b"\n"):
                skipped = len(data)
                while True:
                    more = self._read(_CHUNK)
                    skipped += len(more)
                    if not more or more.endswith(b"\n"):
                        break
                if self.header and first:
                    raise InputFileError(
                        f"{name}: the header line has {skipped:,} bytes, more than the limit "
                        f"of {self.max:,} (max_line_bytes)",
                        path=name,
                        line=1,
                        expected="a header line of column names",
                    )
                self.reader.emit(
                    "line-too-long",
                    line=self.lineno,
                    value=skipped,
                    line_no=self.lineno,
                    size=skipped,
                    limit=self.max,
                )
                self.reader.reject()
                continue
            if first:
                first = False
                if data.startswith(codecs.BOM_UTF8):
                    data = data[3:]
            try:
                text = self.decode(data)
            except UnicodeDecodeError as exc:
                text = data.decode(self.encoding, errors="replace")
                if not self.quiet:
                    self.reader.findings.append(
                        rule("encoding-error").finding(
                            file=name,
                            line=self.lineno,
                            value=text[:80],
                            line_no=self.lineno,
                            encoding="UTF-8" if self.encoding == "utf-8" else self.encoding,
                            note=f"byte {exc.start}: {data[exc.start : exc.start + 4]!r}",
                        )
                    )
            yield self.lineno, text


def _utf8(data: bytes) -> str:
    return data.decode("utf-8")


def _utf16_lines(
    stream: IO[bytes], reader: _Reader, encoding: str = "utf-16"
) -> Iterator[tuple[int, str]]:
    wrapper = io.TextIOWrapper(stream, encoding=encoding, newline="")
    lineno = 0
    limit = reader.limits.max_line_bytes // 2
    try:
        while True:
            text = wrapper.readline(limit + 1)
            if not text:
                return
            lineno += 1
            if len(text) > limit and not text.endswith("\n"):
                while True:
                    more = wrapper.readline(_CHUNK)
                    if not more or more.endswith("\n"):
                        break
                reader.emit(
                    "line-too-long",
                    line=lineno,
                    line_no=lineno,
                    size=len(text),
                    limit=reader.limits.max_line_bytes,
                )
                reader.reject()
                continue
            yield lineno, text
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{reader.name}: invalid {encoding.upper()} after line {lineno}",
            path=reader.name,
            line=lineno,
        ) from exc
    except (EOFError, OSError, zlib.error) as exc:
        raise _corrupt(reader.name, lineno, exc) from exc
    finally:
        wrapper.detach()


# -- CSV / TSV -------------------------------------------------------------------------------


class _RecordTooLong(Exception):
    """A CSV record's lines ran past ``max_line_bytes``."""


class _WrongWidth(Exception):
    """A CSV record over several lines does not have the header's number of cells."""


class _RecordLines:
    """The lines ``csv.reader`` consumes, kept until the record they make is taken."""

    def __init__(self, lines: Iterator[tuple[int, str]], limit: int) -> None:
        self.lines = lines
        self.limit = limit
        self.taken: list[tuple[int, str]] = []
        self.size = 0

    def __iter__(self) -> _RecordLines:
        return self

    def __next__(self) -> str:
        lineno, text = next(self.lines)
        self.taken.append((lineno, text))
        self.size += len(text)
        if self.size > self.limit and len(self.taken) > 1:
            raise _RecordTooLong
        return text

    def take(self) -> list[tuple[int, str]]:
        taken, self.taken, self.size = self.taken, [], 0
        return taken


def _csv_table(
    reader: _Reader, fmt: str, lines: Iterator[tuple[int, str]], delimiter: str | None
) -> None:
    src = reader.src
    limits = reader.limits
    if csv.field_size_limit() < limits.max_line_bytes:
        csv.field_size_limit(limits.max_line_bytes)  # the reader's own limits apply instead
    first = next(lines, None)
    if first is None:
        src.empty_file = True
        return
    sep = delimiter or ("\t" if fmt == "tsv" else None)
    if sep is None:
        counts = {c: first[1].count(c) for c in (",", ";", "\t")}
        sep = max(counts, key=lambda c: counts[c]) if any(counts.values()) else ","

    def chained() -> Iterator[tuple[int, str]]:
        yield first
        yield from lines

    source = _RecordLines(chained(), limits.max_line_bytes)
    parser = csv.reader(source, delimiter=sep, strict=True)
    try:
        header = next(parser)
    except (csv.Error, _RecordTooLong) as exc:
        raise InputFileError(
            f"{reader.name}: the header line cannot be read as {fmt.upper()} ({exc})",
            path=reader.name,
            line=first[0],
            expected="a header line of column names",
        ) from exc
    source.take()
    headers = reader.set_headers(header, [str(i) for i in range(1, len(header) + 1)], first[0])
    width = len(headers)

    def row(cells: list[str], line: int, trouble: str | None = None) -> RawRow | None:
        return reader.text_row(headers, cells, line, trouble)

    def reread(taken: list[tuple[int, str]], exc: Exception) -> Iterator[RawRow]:
        reason = (
            f"its lines run past the limit of {limits.max_line_bytes:,} characters"
            if isinstance(exc, _RecordTooLong)
            else str(exc)
        )
        first_line, last_line = taken[0][0], taken[-1][0]
        single = len(taken) == 1
        if not single:
            reader.emit(
                "malformed-row",
                line=first_line,
                value=f"lines {first_line}-{last_line}",
                where=f"lines {first_line}-{last_line}",
                note=f"cannot be read as one {fmt.upper()} record ({reason}): a quoted cell "
                f"opened on line {first_line} is not closed properly (a stray '\"'?); "
                f"each of the {len(taken)} lines was read on its own",
            )
        for lineno, text in taken:
            try:
                cells = next(csv.reader([text.rstrip("\r\n")], delimiter=sep), [])
            except csv.Error as err:
                reader.emit(
                    "malformed-row",
                    line=lineno,
                    value=text[:80],
                    where=f"line {lineno}",
                    note=f"cannot be read as {fmt.upper()} ({err}); the line was skipped",
                )
                reader.reject()
                continue
            trouble = f"cannot be read strictly as {fmt.upper()} ({reason}); read leniently"
            made = row(cells, lineno, trouble if single else None)
            if made is not None:
                yield made

    def rows() -> Iterator[RawRow]:
        while True:
            try:
                cells = next(parser)
            except StopIteration:
                return
            except (csv.Error, _RecordTooLong) as exc:
                taken = source.take()
                if taken:
                    yield from reread(taken, exc)
                continue
            taken = source.take()
            if len(taken) > 1 and len(cells) != width:
                # A record over several lines that does not fit the header: a stray quote
                # opened a cell that a later quote closed. Its lines are rows of their own.
                yield from reread(taken, _WrongWidth(f"{len(cells)} cells, the header has {width}"))
                continue
            made = row(cells, taken[0][0] if taken else 0)
            if made is None and len(taken) > 1:
                reader.reject(blank=True, lines=len(taken) - 1)
            if made is not None:
                yield made

    src.rows = rows()


# -- JSON Lines and JSON -----------------------------------------------------------------------


class _JsonDecoder:
    """``json`` with a repeated key kept (first value read, later ones renamed)."""

    def __init__(self) -> None:
        self.repeats: list[tuple[str, int, list[str]]] = []
        self.decoder = json.JSONDecoder(object_pairs_hook=self._pairs)

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) == len(pairs):
            return out
        out = {}
        kept: dict[str, list[str]] = {}
        for k, v in pairs:
            if k not in out:
                out[k] = v
                continue
            name = _free(f"{k} (2)", set(out) | {p for p, _ in pairs})
            out[name] = v
            kept.setdefault(k, []).append(name)
        for k, names in kept.items():
            self.repeats.append((k, len(names) + 1, names))
        return out

    def take_repeats(self) -> list[tuple[str, int, list[str]]]:
        found, self.repeats = self.repeats, []
        return found


def _record(
    reader: _Reader, decoder: _JsonDecoder, obj: Any, line: int, where: str
) -> RawRow | None:
    """A parsed JSON record checked (an object, not too deep), cleaned, reported."""
    repeats = decoder.take_repeats()
    if not isinstance(obj, dict):
        reader.emit(
            "malformed-row",
            line=line,
            where=where,
            note=f"is a JSON {type(obj).__name__}, expected an object",
        )
        reader.reject()
        return None
    depth = reader.clean(reader.src.records + 1, line, obj, depth=True)
    if depth:
        reader.emit(
            "malformed-row",
            line=line,
            where=where,
            note=f"nests JSON values {depth} levels deep or more, past the limit of "
            f"{reader.limits.max_depth} (max_depth); the record was skipped",
        )
        reader.reject()
        return None
    n = reader.next_row()  # the number clean() reported under
    for key, count, names in repeats:
        top = all(name in obj for name in names)
        for name in names if top else ():
            reader.src.named[name] = key
        reader.emit(
            "duplicate-key",
            row=n,
            field=key,
            line=line,
            value=key,
            count=count,
            at="" if top else " nested in the record",
            kept=", ".join(repr(x) for x in names),
        )
    return RawRow(n, line, obj)


def json_row(reader: _Reader, obj: dict[str, Any], line: int) -> RawRow | None:
    """The row of a JSON Lines record already parsed (without repeated keys), as the JSON
    Lines reader makes it: used by the columnar audit for the rows it hands to the row
    engine."""
    return _record(reader, _JsonDecoder(), obj, line, f"line {line}")


def _jsonl_table(reader: _Reader, lines: Iterator[tuple[int, str]]) -> None:
    decoder = _JsonDecoder()

    def rows() -> Iterator[RawRow]:
        for lineno, text in lines:
            if not text.strip():
                reader.reject(blank=True)
                continue
            where = f"line {lineno}"
            try:
                obj = decoder.decoder.decode(text)
            except (ValueError, RecursionError) as exc:
                decoder.take_repeats()
                reader.emit(
                    "malformed-row",
                    line=lineno,
                    value=text[:80],
                    where=where,
                    note=f"is not valid JSON: {str(exc)[:200]}",
                )
                reader.reject()
                continue
            made = _record(reader, decoder, obj, lineno, where)
            if made is not None:
                yield made

    reader.src.rows = rows()


class _TooDeep(Exception):
    """A JSON value nests too deeply for Python's parser; it was skipped."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


_TOKEN: Final = re.compile(r'(?P<s>"(?:[^"\\]|\\.)*")|(?P<u>")|(?P<b>[\[\]{}])')


def _value_end(buf: str, pos: int) -> int | None:
    """The end of the JSON array or object at ``pos``, found without recursion; ``None``
    when ``buf`` ends first."""
    depth = 0
    for m in _TOKEN.finditer(buf, pos):
        bracket = m["b"]
        if bracket is not None:
            depth += 1 if bracket in "[{" else -1
            if depth == 0:
                return m.end()
        elif m["u"] is not None:
            return None  # a string that does not end in the text read so far
    return None


class _JsonText:
    """A JSON document's text, decoded in chunks into a moving window."""

    def __init__(self, stream: IO[bytes], reader: _Reader) -> None:
        self.stream = stream
        self.reader = reader
        self.decode = codecs.getincrementaldecoder("utf-8")().decode
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.first = True
        self.line = 1  # the line number at ``line_pos``
        self.line_pos = 0
        self.read = 0

    def fill(self, at_least: int = _CHUNK) -> bool:
        """Read at least ``at_least`` more characters (or to the end); ``False`` at the end."""
        if self.eof:
            return False
        parts = []
        got = 0
        while got < at_least:
            try:
                data = self.stream.read(_CHUNK)
            except (EOFError, OSError, zlib.error) as exc:
                raise _corrupt(self.reader.name, self.line, exc) from exc
            if self.first and data:
                self.first = False
                _check_not_binary(self.reader.name, data[:8192])
                if data.startswith(codecs.BOM_UTF8):
                    data = data[3:]
            try:
                text = self.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                raise InputFileError(
                    f"{self.reader.name}: not valid UTF-8 at byte {self.read + exc.start}",
                    path=self.reader.name,
                    value=data[exc.start : exc.start + 8],
                    expected="a UTF-8 JSON file",
                ) from exc
            self.read += len(data)
            parts.append(text)
            got += len(text)
            if not data:
                self.eof = True
                break
        if self.pos > _CHUNK:
            self.line_at(self.pos)
            self.buf = self.buf[self.pos :]
            self.line_pos -= self.pos
            self.pos = 0
        self.buf += "".join(parts)
        return got > 0 or not self.eof

    def line_at(self, pos: int) -> int:
        self.line += self.buf.count("\n", self.line_pos, pos)
        self.line_pos = pos
        return self.line

    def peek(self) -> str:
        """The next character that is not white space (``""`` at the end)."""
        while True:
            m = _WS.match(self.buf, self.pos)
            self.pos = m.end() if m is not None else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return ""

    def expect(self, chars: str, what: str) -> str:
        c = self.peek()
        if c == "" or c not in chars:
            raise self.error(f"expected {what}, found {c!r}" if c else f"expected {what}")
        self.pos += 1
        return c

    def error(self, message: str) -> InputFileError:
        return InputFileError(
            f"{self.reader.name}: not valid JSON at line {self.line_at(self.pos)} ({message})",
            path=self.reader.name,
            line=self.line,
            expected="a JSON list of objects, or an object with a 'procedures' or 'dossiers' list",
        )

    def value(self, decoder: _JsonDecoder) -> tuple[Any, int]:
        """The JSON value at the current position, and the line it starts on."""
        self.peek()
        limit = self.reader.limits.max_line_bytes
        while True:
            try:
                obj, end = decoder.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                incomplete = exc.pos >= len(self.buf) - 16 or exc.msg.startswith("Unterminated")
                if not self.eof and incomplete and len(self.buf) - self.pos <= limit:
                    self.fill(max(_CHUNK, len(self.buf) - self.pos))
                    continue
                if len(self.buf) - self.pos > limit:
                    raise self.too_large(limit) from exc
                raise self.error(f"{exc.msg} at column {exc.colno}") from exc
            except RecursionError as exc:
                skip = _value_end(self.buf, self.pos)
                if skip is None and not self.eof and len(self.buf) - self.pos <= limit:
                    self.fill(max(_CHUNK, len(self.buf) - self.pos))
                    continue
                if skip is None:
                    raise self.error(
                        "values nest too deeply to be read; the limit is "
                        f"{self.reader.limits.max_depth} levels (max_depth)"
                    ) from exc
                line = self.line_at(self.pos)
                self.pos = skip
                raise _TooDeep(line) from exc
            if end >= len(self.buf) and not self.eof:
                self.fill()  # a number may continue in the next chunk
                continue
            if end - self.pos > limit:
                raise self.too_large(limit)
            line = self.line_at(self.pos)
            self.pos = end
            return obj, line

    def too_large(self, limit: int) -> InputFileError:
        return InputFileError(
            f"{self.reader.name}: one JSON value from line {self.line_at(self.pos)} is larger "
            f"than the limit of {limit:,} characters (max_line_bytes)",
            path=self.reader.name,
            line=self.line,
            expected=f"list items of at most {limit:,} characters",
        )


def _json_table(reader: _Reader, stream: IO[bytes]) -> None:
    doc = _JsonText(stream, reader)
    decoder = _JsonDecoder()

    def items(n: int) -> Iterator[RawRow]:
        """The items of the list just opened (``[`` consumed)."""
        if doc.peek() == "]":
            doc.pos += 1
            return
        while True:
            decoder.take_repeats()  # what the members before the list repeated is not an item's
            n += 1
            try:
                obj, line = doc.value(decoder)
            except _TooDeep as deep:
                reader.emit(
                    "malformed-row",
                    line=deep.line,
                    where=f"item {n} (line {deep.line})",
                    note="nests JSON values too deeply to be read, past the limit of "
                    f"{reader.limits.max_depth} (max_depth); the record was skipped",
                )
                reader.reject()
            else:
                made = _record(reader, decoder, obj, line, f"item {n} (line {line})")
                if made is not None:
                    yield made
            if doc.expect(",]", "',' or ']' after a list item") == "]":
                return

    def rows() -> Iterator[RawRow]:
        start = doc.peek()
        if start == "[":
            doc.pos += 1
            yield from items(0)
        elif start == "{":
            doc.pos += 1
            yield from members()
        elif start == "":
            raise doc.error("the file is empty")
        else:
            raise InputFileError(
                f"{reader.name}: expected a JSON list of objects, got {start!r}",
                path=reader.name,
                expected="[{...}, {...}] or {'procedures': [...]}",
            )
        if doc.peek() != "":
            raise doc.error("extra data after the JSON document")

    def members() -> Iterator[RawRow]:
        """The members of the top-level object: its record list streamed, else the object
        itself as one record."""
        single: dict[str, Any] = {}
        streamed = False
        line = doc.line_at(doc.pos)
        if doc.peek() == "}":
            doc.pos += 1
        else:
            while True:
                if doc.peek() != '"':
                    raise doc.error("expected a key")
                key, _ = doc.value(decoder)
                doc.expect(":", "':' after a key")
                if not streamed and key in _LIST_KEYS and doc.peek() == "[":
                    doc.pos += 1
                    streamed = True
                    yield from items(0)
                else:
                    try:
                        value, _ = doc.value(decoder)
                    except _TooDeep as exc:
                        raise doc.error(
                            f"the value of {key!r} nests too deeply to be read, past the limit "
                            f"of {reader.limits.max_depth} levels (max_depth)"
                        ) from exc
                    if key in single:
                        name = _free(f"{key} (2)", set(single))
                        decoder.repeats.append((key, 2, [name]))
                        key = name
                    single[key] = value
                if doc.expect(",}", "',' or '}' after a member") == "}":
                    break
        if not streamed:
            made = _record(reader, decoder, single, line, f"item 1 (line {line})")
            if made is not None:
                yield made

    reader.src.rows = rows()


# -- XLSX ------------------------------------------------------------------------------------


#: Recognises a header row: how many known columns a row of cell texts names.
HeaderCounter = Callable[[list[str]], int]


def _default_counter(texts: list[str]) -> int:
    from procedurekit.io.columns import CATALOGUE_COLUMNS, DOSSIER_COLUMNS, resolve_headers

    keys, _ = resolve_headers(texts, (*CATALOGUE_COLUMNS, *DOSSIER_COLUMNS))
    return sum(k is not None for k in keys)


def _texts(cells: dict[int, Any]) -> list[str]:
    return [
        remove_invisible(str(cells.get(i, ""))).strip()
        for i in range(max(cells) + 1 if cells else 0)
    ]


def _find_header(
    rows: Iterator[SheetRowT], count: HeaderCounter
) -> tuple[tuple[int, dict[int, Any]] | None, str]:
    """The header row among the first non-empty rows of a sheet, and what was found."""
    looked: list[int] = []
    for number, cells, _ in rows:
        if not cells:
            continue
        looked.append(number)
        texts = _texts(cells)
        found = count(texts)
        if found < 2 and font_encoding_hint(" ".join(texts)):
            # Headers typed in a TCVN3 or VNI font: found here, read by _font_cells.
            found = max(
                count([line_decoder(f, saved_as_utf8=True)(t.encode()) for t in texts])
                for f in FONT_ENCODINGS
            )
        if found >= 2:
            return (number, cells), f"header on row {number}"
        if len(looked) >= HEADER_SEARCH_ROWS:
            break
    if not looked:
        return None, "empty"
    return None, (
        f"no header row in its first {len(looked)} non-empty rows (rows {looked[0]} to "
        f"{looked[-1]})"
    )


def sheet_headers(
    path: str | os.PathLike[str],
    *,
    limits: ReadLimits | None = None,
    count: HeaderCounter | None = None,
) -> dict[str, str]:
    """For each sheet of a workbook, in order, what its first rows hold: ``"header on row
    N"`` (a row naming at least two known columns, by ``count``), ``"empty"``, or why no
    header was found. A reader uses it to read every sheet that is a table."""
    from procedurekit.io._xlsx import Workbook

    p = Path(path)
    _check_regular(p)
    raw = _open_regular(p)
    try:
        wb = Workbook(raw, str(path), limits if limits is not None else DEFAULT_LIMITS)
        try:
            out: dict[str, str] = {}
            for name, part in wb.sheets:
                it = wb.rows(part)
                try:
                    _, note = _find_header(it, count or _default_counter)
                finally:
                    close = getattr(it, "close", None)
                    if close is not None:
                        close()
                out.setdefault(name, note)
            return out
        finally:
            wb.close()
    finally:
        raw.close()


def choose_sheet(
    path: str | os.PathLike[str],
    sheets: str | Sequence[str] | None,
    *,
    limits: ReadLimits | None = None,
) -> str | None:
    """The first of ``sheets`` that the workbook at ``path`` has (``None`` when no sheet is
    named or the file is not a workbook); :class:`~procedurekit.errors.InputFileError`
    listing the workbook's sheets when it has none of them."""
    names = [sheets] if isinstance(sheets, str) else list(sheets or ())
    if not names:
        return None
    try:
        if detect_format(Path(path)) != "xlsx":
            return None
    except InputFileError:
        return None  # open_table says why
    found = sheet_headers(path, limits=limits)
    for name in names:
        if name in found:
            return name
    listed = ", ".join(repr(n) for n in found)
    raise InputFileError(
        f"{path}: no sheet named {', '.join(repr(n) for n in names)} (the workbook has {listed})",
        path=str(path),
        value=names[0] if len(names) == 1 else names,
        expected=f"one of {listed}",
    )


def _continues_header(header: dict[int, Any], cells: dict[int, Any], count: HeaderCounter) -> bool:
    """Whether a sheet row right below the header continues it (a two-row header: "Phí,
    lệ phí" merged over "Phí" and "Lệ phí"): words only, cells both under a header cell
    and under the blank span merged with it, and nothing under the row's identifying
    columns (a data row fills them: code, name or number)."""
    if not cells or not all(
        isinstance(v, str) and any(c.isalpha() for c in v) for v in cells.values()
    ):
        return False

    def named(i: int) -> bool:
        return header.get(i) is not None and bool(str(header[i]).strip())

    blank = [i for i in cells if not named(i)]
    # the sub-headers sit under a header cell and the blank span merged with it
    if not blank or len(blank) == len(cells) or not any(named(j) for j in range(min(blank))):
        return False
    from procedurekit.io.columns import CATALOGUE_COLUMNS, DOSSIER_COLUMNS, resolve_headers

    texts = _texts(header)
    keys, _ = resolve_headers(texts, (*CATALOGUE_COLUMNS, *DOSSIER_COLUMNS))
    ids = [i for i, k in enumerate(keys) if k in ("code", "name", "seq", "dossier_code")]
    if not ids:
        ids = [min(i for i, t in enumerate(texts) if t)] if any(texts) else []
    return not any(i in cells for i in ids)


_COLUMN_NUMBER: Final = re.compile(r"\(?\s*([0-9]{1,3})\s*\)?\.?")


def _numbers_columns(cells: dict[int, Any]) -> bool:
    """Whether a sheet row only numbers the columns, as the annexes of decisions do under
    their header ("(1)", "(2)", ... or 1, 2, ...): three numbers or more, increasing."""
    numbers: list[int] = []
    for i in sorted(cells):
        v = cells[i]
        if isinstance(v, int) and not isinstance(v, bool):
            numbers.append(v)
        elif isinstance(v, float) and v.is_integer():
            numbers.append(int(v))
        elif isinstance(v, str) and (m := _COLUMN_NUMBER.fullmatch(v.strip())):
            numbers.append(int(m[1]))
        else:
            return False
    return len(numbers) >= 3 and all(a < b for a, b in itertools.pairwise(numbers))


def _join_header(header: dict[int, Any], below: dict[int, Any]) -> dict[int, Any]:
    """Two header rows as one: a cell below a header cell qualifies it ("Phí, lệ phí
    (Lệ phí)"); below a blank (merged) cell, it qualifies the nearest header on its left."""
    out = dict(header)
    for i in sorted(below):
        sub = str(below[i]).strip()
        j = i
        while j >= 0 and (header.get(j) is None or not str(header[j]).strip()):
            j -= 1
        parent = str(header[j]).strip() if j >= 0 else ""
        out[i] = f"{parent} ({sub})" if parent else sub
    return out


def _xlsx_table(
    reader: _Reader, fileobj: IO[bytes], sheet: str | None, count: HeaderCounter | None
) -> Callable[[], None]:
    from procedurekit.io._xlsx import Workbook, column_letter

    wb = Workbook(fileobj, reader.name, reader.limits)
    counter = count or _default_counter
    src = reader.src
    try:
        candidates = [wb.sheet_part(sheet)] if sheet is not None else list(wb.sheets)
        header: tuple[int, dict[int, Any]] | None = None
        it: Iterator[SheetRowT] = iter(())
        for sheet_name, part in candidates:
            it = wb.rows(part)
            header, note = _find_header(it, counter)
            src.sheets.setdefault(sheet_name, note)
            if header is not None:
                src.sheet = sheet_name
                break
            close = getattr(it, "close", None)
            if close is not None:
                close()
    except BaseException:
        wb.close()
        raise
    names = [n for n, _ in wb.sheets]
    if header is None:
        wb.close()
        src.sheet = None
        for n in names:
            src.sheets.setdefault(n, "not read")
        return lambda: None  # no sheet holds a table: no rows (reported: no-data-rows)
    if sheet is None and len(names) > 1:
        reader.emit(
            "sheet-read",
            field=src.sheet,
            value=src.sheet,
            what=f"the sheet {src.sheet!r}",
            note="; ".join(f"{n!r}: {src.sheets.get(n, 'not looked at')}" for n in names),
        )
    header_row, header_cells = header
    following = next(it, None)
    if (
        following is not None
        and following[0] == header_row + 1
        and _continues_header(header_cells, following[1], counter)
    ):
        joined = _join_header(header_cells, following[1])
        reader.emit(
            "two-row-header",
            line=following[0],
            value=following[0],
            first=header_row,
            second=following[0],
            note=", ".join(repr(str(joined[i])) for i in sorted(following[1])),
        )
        header_row, header_cells = following[0], joined
        following = next(it, None)
    if following is not None and following[0] == header_row + 1 and _numbers_columns(following[1]):
        reader.emit(
            "column-numbers-row",
            line=following[0],
            value=following[0],
            second=following[0],
            note=", ".join(str(following[1][i]) for i in sorted(following[1])[:6])
            + (", ..." if len(following[1]) > 6 else ""),
        )
        header_row, following = following[0], None
    if following is not None:
        it = itertools.chain([following], it)
    width = max(header_cells) + 1
    while width and (
        header_cells.get(width - 1) is None or not str(header_cells[width - 1]).strip()
    ):
        width -= 1
    headers = reader.set_headers(
        ["" if header_cells.get(i) is None else str(header_cells[i]) for i in range(width)],
        [column_letter(i) for i in range(width)],
        header_row,
    )
    limit = reader.limits.max_cell_chars

    def rows() -> Iterator[RawRow]:
        previous = header_row
        try:
            for number, cells, cut in it:
                if number > previous + 1:
                    reader.reject(blank=True, lines=number - previous - 1)
                previous = number
                if all(isinstance(v, str) and not v.strip() for v in cells.values()):
                    reader.reject(blank=True)
                    continue
                n = reader.next_row()
                values: dict[str, Any] = {headers[i]: v for i, v in cells.items() if i < width}
                extra = sorted(i for i in cells if i >= width)
                if extra:
                    values["_extra_cells"] = [cells[i] for i in extra]
                    shown = ", ".join(column_letter(i) for i in extra[:5])
                    reader.emit(
                        "malformed-row",
                        row=n,
                        line=number,
                        value=len(extra),
                        where=f"row {n} (sheet row {number})",
                        note=f"has {len(extra)} cell(s) right of the header's last column "
                        f"{column_letter(width - 1) if width else '-'} ({shown}"
                        f"{', ...' if len(extra) > 5 else ''}); kept as extra cells",
                    )
                for i, size in cut.items():
                    field = headers[i] if i < width else f"(column {column_letter(i)})"
                    reader.emit(
                        "cell-too-long",
                        row=n,
                        field=field,
                        line=number,
                        value=str(cells[i])[:80],
                        size=size,
                        limit=limit,
                    )
                reader.clean_flat(n, number, values)
                if reader.blank_columns:
                    reader.check_blank_columns(n, number, values)
                yield RawRow(n, number, values)
        finally:
            wb.close()

    reader.src.rows = rows()
    reader.src.fmt = "xlsx"
    return wb.close


# -- opening a table ---------------------------------------------------------------------------


def _closing(rows: Iterator[RawRow], *closers: Callable[[], None]) -> Iterator[RawRow]:
    """Yield ``rows``, closing the file when done, on error, or when dropped."""
    try:
        yield from rows
    finally:
        for close in closers:
            close()


def _reporting_empty(reader: _Reader, rows: Iterator[RawRow]) -> Iterator[RawRow]:
    """Yield ``rows``; once they are done, report a table without a data row."""
    yield from rows
    report_if_empty(reader)


def report_if_empty(reader: _Reader) -> None:
    """Report a table whose rows are all read and none was a data row (``no-data-rows``)."""
    src = reader.src
    if src.records:
        return
    if src.fmt == "xlsx":
        note = "; ".join(f"sheet {n!r}: {what}" for n, what in src.sheets.items())
        if src.sheet is not None:
            note = f"sheet {src.sheet!r} has a header but no row below it; " + note
        else:
            note = "no sheet has a header row naming two known columns; " + note
        note += "; choose the sheet that holds the table with --sheet NAME"
    elif src.empty_file:
        note = "the file is empty"
    elif src.headers:
        note = f"only a header (line {src.header_line})"
    else:
        note = "no record"
    if src.lines_rejected:
        note += f"; {src.lines_rejected} line(s) rejected ({src.lines_blank} blank)"
    reader.emit("no-data-rows", value=src.sheet, note=note, sheets=", ".join(src.sheets))


def open_table(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    limits: ReadLimits | None = None,
    header_count: HeaderCounter | None = None,
    encoding: str | None = None,
) -> TableSource:
    """Open a table file for reading rows; see the module docstring for what is accepted.

    A workbook's ``sheet`` is read, else the first sheet whose header row is recognised
    (``header_count``: how many known columns a row names; two make a header). A table
    with no data row is reported (``no-data-rows``) when its rows have been read.
    ``encoding`` names how a text file is written (:mod:`procedurekit.io.encodings`);
    without it UTF-8 is read, and a file whose first bytes are not UTF-8 has its encoding
    detected and reported in one finding.
    """
    p = Path(path)
    name = str(path)
    sep = check_delimiter(delimiter)
    wanted = check_encoding(encoding) if encoding is not None else None
    if fmt == "parquet" or (fmt is None and is_parquet_dir(p)):
        return _parquet_table(_Reader(name, "parquet", limits or DEFAULT_LIMITS), p)
    _check_regular(p)
    fmt = fmt or detect_format(p)
    if fmt == "parquet":
        return _parquet_table(_Reader(name, "parquet", limits or DEFAULT_LIMITS), p)
    if fmt == "json" and wanted not in (None, "utf-8"):
        raise InvalidArgumentError(
            f"{name}: a JSON document is UTF-8 (RFC 8259 §8.1); --encoding {encoding} "
            "applies to CSV, TSV and JSON Lines files",
            path="encoding",
            value=encoding,
            expected="no --encoding for a .json file, or save it as UTF-8",
        )
    lim = limits if limits is not None else DEFAULT_LIMITS
    reader = _Reader(name, fmt, lim)
    if fmt == "xlsx":
        raw = _open_regular(p)
        try:
            close = _xlsx_table(reader, raw, sheet, header_count)
        except BaseException:
            raw.close()
            raise
        reader.src.closers = [raw.close, close]  # popped from the end: the workbook first
        reader.src.rows = _closing(_reporting_empty(reader, reader.src.rows), close, raw.close)
        try:
            _font_cells(reader, wanted)
        except BaseException:
            reader.src.close()
            raise
        return reader.src
    stream, raw = _open_binary(p, lim)
    reader.src.closers = [raw.close, stream.close]
    try:
        if fmt == "json":
            _json_table(reader, stream)
        else:
            lines = _LineReader(stream, reader, header=fmt in ("csv", "tsv"))
            text_lines = _text_lines(reader, lines, wanted)
            if fmt == "jsonl":
                _jsonl_table(reader, text_lines)
            else:
                _csv_table(reader, fmt, text_lines, sep)
    except BaseException:
        stream.close()
        raw.close()
        raise
    reader.src.rows = _closing(_reporting_empty(reader, reader.src.rows), stream.close, raw.close)
    return reader.src


def _parquet_table(reader: _Reader, path: Path) -> TableSource:
    """A Parquet file or directory of partitions (:mod:`procedurekit.io._parquet`): its
    column names are headers, its text cells cleaned as a CSV's."""
    pa = require_pyarrow()
    if not path.is_dir():
        _check_regular(path)
    names, rows = parquet_rows(path, pa)
    headers = reader.set_headers(names, [str(i + 1) for i in range(len(names))], 0)
    src = reader.src
    src.headers = headers
    src.header_line = 0
    src.positions = {h: str(i + 1) for i, h in enumerate(headers)}
    # a repeated column name keeps its first column (set_headers reported the other)
    rename = dict(reversed(list(zip(names, headers, strict=True))))

    def records() -> Iterator[RawRow]:
        for number, cells in rows():
            yield reader.cell_row({rename[k]: v for k, v in cells.items()}, number)

    src.rows = _reporting_empty(reader, records())
    return src


def _text_lines(
    reader: _Reader, lines: _LineReader, wanted: str | None
) -> Iterator[tuple[int, str]]:
    """The decoded lines of a text table: in ``wanted``, or UTF-8 (UTF-16 with a BOM), or
    the encoding detected when the first bytes are not UTF-8 (one finding either way)."""
    head = lines.head()
    wide = wanted is not None and wanted.startswith(("utf-16", "utf-32"))
    found = wanted if wide else _check_not_binary(reader.name, head)
    if found == "utf-16" or wide:
        return _utf16_lines(lines.stream, reader, found or "utf-16")
    chosen = wanted
    if wanted is not None and _is_utf8(head) and not head.isascii():
        # A file whose text is UTF-8 is read as UTF-8 whatever --encoding says (one option
        # serves a UTF-8 catalogue and a Windows-1258 dump), unless it holds font-encoded
        # text saved as UTF-8 and --encoding names a font encoding.
        font = wanted in FONT_ENCODINGS and font_encoding_hint(head.decode("utf-8", "replace"))
        chosen = wanted if font else None
    elif chosen is None and not _is_utf8(head):
        chosen = detect_encoding(head)
        if chosen is None:
            lines.quiet = True  # one finding for the file, not one per line
            reader.emit(
                "encoding-unknown",
                note=_first_bad(head),
                why=_no_detector_reason(),
            )
        else:
            reader.emit("encoding-detected", value=chosen)
    if chosen is not None:
        as_utf8 = chosen in FONT_ENCODINGS and _is_utf8(head) and not head.isascii()
        lines.encoding = chosen if chosen not in FONT_ENCODINGS else "cp1252"
        if as_utf8:
            lines.encoding = "utf-8"
        lines.decode = line_decoder(chosen, saved_as_utf8=as_utf8)
    if chosen not in FONT_ENCODINGS:
        # Font-encoded text is Windows-1252 bytes, or UTF-8 saved from it.
        text = head.decode("utf-8" if lines.encoding == "utf-8" else "cp1252", errors="replace")
        hint = font_encoding_hint(text)
        if hint is not None:
            reader.emit("font-encoded-text", value=hint[0], example=hint[1], converted=hint[2])
    return iter(lines)


_FONT_SAMPLE_ROWS: Final = 50


def _font_cells(reader: _Reader, wanted: str | None) -> None:
    """A workbook's text is Unicode, but may have been typed in a TCVN3 or VNI font: the
    headers and first rows tell. Such text is reported (``font-encoded-text``, first), or
    converted when ``wanted`` names that font encoding. Other encodings do not apply."""
    src = reader.src
    rows = src.rows
    head = list(itertools.islice(rows, _FONT_SAMPLE_ROWS))
    sample = " ".join(
        [*src.headers, *(v for r in head for v in r.values.values() if isinstance(v, str))]
    )
    hint = font_encoding_hint(sample)
    if hint is not None and wanted in FONT_ENCODINGS:
        convert = line_decoder(wanted, saved_as_utf8=True)

        def text(value: Any) -> Any:
            return convert(value.encode("utf-8")) if isinstance(value, str) else value

        def converted(raw: RawRow) -> RawRow:
            return RawRow(raw.row, raw.line, {text(k): text(v) for k, v in raw.values.items()})

        src.headers = [text(h) for h in src.headers]
        src.positions = {text(k): v for k, v in src.positions.items()}
        src.named = {text(k): v for k, v in src.named.items()}
        src.rows = map(converted, itertools.chain(head, rows))
        return
    if hint is not None:
        src.findings.insert(
            0,
            rule("font-encoded-text").finding(
                file=reader.name, value=hint[0], example=hint[1], converted=hint[2]
            ),
        )
    src.rows = itertools.chain(head, rows)


def _is_utf8(head: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _first_bad(head: bytes) -> str:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = head.count(b"\n", 0, exc.start) + 1
        return f"line {line}, byte {head[exc.start : exc.start + 1]!r}"
    return ""


def _no_detector_reason() -> str:
    try:
        import charset_normalizer  # noqa: F401
    except ImportError:
        return "charset-normalizer is not installed (pip install 'procedurekit[encodings]')"
    return "no Vietnamese code page reads it"


def load_json_cell(text: str, limits: ReadLimits | None = None) -> Any:
    """A JSON value written into one cell (an event log, a list of channels), read with the
    readers' rules: a repeated key keeps its first value, and a value nested deeper than
    ``max_depth`` raises ``ValueError`` like a syntax error does."""
    lim = limits if limits is not None else DEFAULT_LIMITS
    decoder = _JsonDecoder()
    try:
        value = decoder.decoder.decode(text)
    except RecursionError as exc:
        raise ValueError(f"values nest deeper than {lim.max_depth} levels") from exc
    depth = _depth(value, lim.max_depth) if isinstance(value, dict | list) else 0
    if depth:
        raise ValueError(f"values nest {depth} levels deep, past the limit of {lim.max_depth}")
    return value


# -- progress ----------------------------------------------------------------------------------


class ProgressPrinter:
    """Prints ``label: N rows`` on one terminal line, every ``every`` rows; ``close()`` ends it."""

    def __init__(self, label: str, *, stream: TextIO, every: int) -> None:
        self.label = label
        self.stream = stream
        self.every = every
        self.count = 0
        self._next = every

    def __call__(self, n: int) -> None:
        self.count = n
        if n >= self._next:
            self._next = n + self.every
            self.stream.write(f"\r{self.label}: {n:,} rows")
            self.stream.flush()

    def close(self) -> None:
        """Write the final count and end the line."""
        self.stream.write(f"\r{self.label}: {self.count:,} rows\n")
        self.stream.flush()


def progress_printer(
    label: str, *, every: int = 50_000, stream: TextIO | None = None
) -> ProgressPrinter | None:
    """A progress callback for long reads, or ``None`` when the stream is not a terminal.

    ``stream`` defaults to ``sys.stderr``: progress never goes to stdout (reports do), and
    never to a file or a pipe.
    """
    out = stream if stream is not None else sys.stderr
    isatty = getattr(out, "isatty", None)
    if isatty is None or not isatty():
        return None
    return ProgressPrinter(label, stream=out, every=every)
