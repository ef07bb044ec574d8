"""Low-level table reading: CSV/TSV, XLSX, JSON and JSON Lines, as rows of header → cell.

Files are read as bytes and decoded per line (UTF-8, a BOM dropped; UTF-16 with a BOM is
accepted), so one undecodable line becomes a finding instead of stopping a million-line
file; a line longer than ``max_line_bytes`` is skipped in bounded memory and reported.
gzip is recognised by its magic bytes. What cannot be read at all (binary data, a zip that
is not an XLSX, a truncated gzip) raises :class:`~procedurekit.errors.InputFileError`.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Final, TextIO

import attrs

from procedurekit.errors import InputFileError
from procedurekit.findings import Finding, rule

__all__ = [
    "MAX_LINE_BYTES",
    "ProgressPrinter",
    "RawRow",
    "TableSource",
    "detect_format",
    "open_table",
    "progress_printer",
]

#: The longest line read by default (16 MiB); longer lines are skipped and reported.
MAX_LINE_BYTES: Final = 16 * 1024 * 1024
_CHUNK: Final = 1 << 20

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

    ``findings`` grows while ``rows`` is consumed (undecodable or over-long lines,
    malformed rows). ``lines_read`` counts physical lines consumed so far.
    """

    name: str
    fmt: str
    headers: list[str]
    rows: Iterator[RawRow]
    findings: list[Finding]
    header_line: int = 1


def detect_format(path: Path) -> str:
    """``csv``, ``tsv``, ``xlsx``, ``json`` or ``jsonl`` from the suffix (``.gz`` ignored)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = _FORMATS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        raise InputFileError(
            f"{path.name}: cannot tell the format from the suffix {''.join(path.suffixes)!r}",
            path=str(path),
            value=path.suffix,
            expected="a .csv, .tsv, .xlsx, .json or .jsonl file (optionally .gz)",
        )
    return fmt


def _closing(rows: Iterator[RawRow], *streams: IO[bytes]) -> Iterator[RawRow]:
    """Yield ``rows``, closing ``streams`` when done, on error, or when dropped."""
    try:
        yield from rows
    finally:
        for s in streams:
            s.close()


def _open_binary(path: Path) -> IO[bytes]:
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise InputFileError(
            f"{path}: cannot open ({exc.strerror or exc})",
            path=str(path),
            expected="a readable file",
        ) from exc
    head = raw.peek(4)[:4] if isinstance(raw, io.BufferedReader) else b""
    if head[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


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


class _LineReader:
    """Decoded lines of a binary stream, each line's number tracked, bad lines reported."""

    def __init__(
        self, stream: IO[bytes], name: str, findings: list[Finding], max_line_bytes: int
    ) -> None:
        self.stream = stream
        self.name = name
        self.findings = findings
        self.max = max_line_bytes
        self.lineno = 0
        self.starts: list[int] = []  # numbers of the lines yielded since the last clear

    def _read(self, limit: int) -> bytes:
        try:
            return self.stream.readline(limit)
        except (EOFError, OSError, zlib.error) as exc:
            raise InputFileError(
                f"{self.name}: the file is truncated or corrupt after line {self.lineno} ({exc})",
                path=self.name,
                line=self.lineno,
                expected="a complete file",
            ) from exc

    def head(self) -> bytes:
        try:
            peek = getattr(self.stream, "peek", None)
            data: bytes = peek(8192)[:8192] if peek is not None else b""
        except (EOFError, OSError, zlib.error) as exc:
            raise InputFileError(
                f"{self.name}: the file is truncated or corrupt ({exc})",
                path=self.name,
                expected="a complete file",
            ) from exc
        return data

    def __iter__(self) -> Iterator[str]:
        first = True
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
                self.findings.append(
                    rule("line-too-long").finding(
                        file=self.name,
                        line=self.lineno,
                        value=skipped,
                        line_no=self.lineno,
                        size=skipped,
                        limit=self.max,
                    )
                )
                continue
            if first:
                first = False
                if data.startswith(codecs.BOM_UTF8):
                    data = data[3:]
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                text = data.decode("utf-8", errors="replace")
                self.findings.append(
                    rule("encoding-error").finding(
                        file=self.name,
                        line=self.lineno,
                        value=text[:80],
                        line_no=self.lineno,
                        note=f"byte {exc.start}: {data[exc.start : exc.start + 4]!r}",
                    )
                )
            self.starts.append(self.lineno)
            yield text


def _csv_rows(
    name: str,
    fmt: str,
    lines: _LineReader,
    text_lines: Iterator[str],
    findings: list[Finding],
    delimiter: str | None,
) -> TableSource:
    sep = delimiter or ("\t" if fmt == "tsv" else None)
    first_line = next(text_lines, None)
    if first_line is None:
        return TableSource(name, fmt, [], iter(()), findings)
    if sep is None:
        counts = {c: first_line.count(c) for c in (",", ";", "\t")}
        sep = max(counts, key=lambda c: counts[c]) if any(counts.values()) else ","
    header_line = lines.lineno

    def chained() -> Iterator[str]:
        yield first_line
        yield from text_lines

    reader = csv.reader(chained(), delimiter=sep)
    try:
        headers = next(reader)
    except csv.Error as exc:
        raise InputFileError(
            f"{name}: the header line cannot be read as {fmt.upper()} ({exc})",
            path=name,
            line=header_line,
            expected="a header line of column names",
        ) from exc
    headers = [h.strip() for h in headers]
    width = len(headers)
    lines.starts.clear()

    def rows() -> Iterator[RawRow]:
        n = 0
        prev_end = lines.lineno
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                bad = lines.starts[0] if lines.starts else prev_end + 1
                lines.starts.clear()
                findings.append(
                    rule("malformed-row").finding(
                        file=name,
                        line=bad,
                        where=f"line {bad}",
                        note=f"cannot be read as {fmt.upper()}: {exc}",
                    )
                )
                prev_end = lines.lineno
                continue
            start = lines.starts[0] if lines.starts else prev_end + 1
            lines.starts.clear()
            prev_end = lines.lineno
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # a blank line is not a row
            n += 1
            if len(cells) != width:
                findings.append(
                    rule("malformed-row").finding(
                        row=n,
                        file=name,
                        line=start,
                        value=len(cells),
                        where=f"row {n}",
                        note=f"has {len(cells)} cells, the header has {width}"
                        + ("; the file may be truncated" if len(cells) < width else ""),
                    )
                )
            values: dict[str, Any] = dict(zip(headers, cells, strict=False))
            if len(cells) > width:
                values["_extra_cells"] = cells[width:]
            yield RawRow(n, start, values)

    return TableSource(name, fmt, headers, rows(), findings, header_line)


def _jsonl_rows(
    name: str, lines: _LineReader, text_lines: Iterator[str], findings: list[Finding]
) -> TableSource:
    def rows() -> Iterator[RawRow]:
        n = 0
        for text in text_lines:
            lines.starts.clear()  # one line per row: keep memory bounded on long files
            if not text.strip():
                continue
            n += 1
            try:
                obj = json.loads(text)
            except (ValueError, RecursionError) as exc:
                findings.append(
                    rule("malformed-row").finding(
                        row=n,
                        file=name,
                        line=lines.lineno,
                        value=text[:80],
                        where=f"row {n} (line {lines.lineno})",
                        note=f"is not valid JSON: {exc}",
                    )
                )
                continue
            if not isinstance(obj, dict):
                findings.append(
                    rule("malformed-row").finding(
                        row=n,
                        file=name,
                        line=lines.lineno,
                        where=f"row {n} (line {lines.lineno})",
                        note=f"is a JSON {type(obj).__name__}, expected an object",
                    )
                )
                continue
            yield RawRow(n, lines.lineno, obj)

    return TableSource(name, "jsonl", [], rows(), findings)


def _json_rows(name: str, stream: IO[bytes], findings: list[Finding]) -> TableSource:
    try:
        data = stream.read()
    except (EOFError, OSError, zlib.error) as exc:
        raise InputFileError(
            f"{name}: the file is truncated or corrupt ({exc})", path=name
        ) from exc
    _check_not_binary(name, data[:8192])
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{name}: not valid UTF-8 at byte {exc.start}",
            path=name,
            value=data[exc.start : exc.start + 8],
            expected="a UTF-8 JSON file",
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise InputFileError(
            f"{name}: not valid JSON ({str(exc)[:200]})",
            path=name,
            expected="a JSON list of objects, or an object with a 'procedures' or 'dossiers' list",
        ) from exc
    items: Any = doc
    if isinstance(doc, dict):
        for key in ("procedures", "dossiers", "items", "data", "rows"):
            if isinstance(doc.get(key), list):
                items = doc[key]
                break
        else:
            items = [doc]
    if not isinstance(items, list):
        raise InputFileError(
            f"{name}: expected a JSON list of objects, got {type(items).__name__}",
            path=name,
            expected="[{...}, {...}] or {'procedures': [...]}",
        )

    def rows() -> Iterator[RawRow]:
        for n, obj in enumerate(items, 1):
            if not isinstance(obj, dict):
                findings.append(
                    rule("malformed-row").finding(
                        row=n,
                        file=name,
                        field=f"$[{n - 1}]",
                        where=f"item {n}",
                        note=f"is a JSON {type(obj).__name__}, expected an object",
                    )
                )
                continue
            yield RawRow(n, n, obj)

    return TableSource(name, "json", [], rows(), findings)


def _xlsx_rows(path: Path, name: str, findings: list[Finding], sheet: str | None) -> TableSource:
    try:
        import openpyxl  # type: ignore[import-untyped, unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputFileError(
            f"{name}: reading XLSX needs openpyxl; install the extra: "
            "pip install 'procedurekit[excel]'",
            path=name,
            expected="openpyxl installed, or the table saved as CSV UTF-8",
        ) from exc
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
    except KeyError as exc:
        raise InputFileError(f"{name}: no sheet named {sheet!r}", path=name, value=sheet) from exc
    except Exception as exc:  # openpyxl raises many types on a damaged workbook
        raise InputFileError(
            f"{name}: cannot read the workbook ({type(exc).__name__}: {exc})",
            path=name,
            expected="an .xlsx workbook saved by Excel or LibreOffice",
        ) from exc
    it = ws.iter_rows(values_only=True)
    # Portal exports put a title above the header: take the first row with >= 2 text cells
    # among the first 20 rows that looks like a header.
    from procedurekit.io.columns import CATALOGUE_COLUMNS, DOSSIER_COLUMNS, resolve_headers

    headers: list[str] = []
    header_line = 0
    for header_line, raw in enumerate(it, 1):
        cells = ["" if c is None else str(c).strip() for c in raw]
        keys, _ = resolve_headers(cells, (*CATALOGUE_COLUMNS, *DOSSIER_COLUMNS))
        if sum(k is not None for k in keys) >= 2 or header_line >= 20:
            headers = cells
            break
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)

    def rows() -> Iterator[RawRow]:
        n = 0
        try:
            for line, raw in enumerate(it, header_line + 1):
                if all(c is None or (isinstance(c, str) and not c.strip()) for c in raw):
                    continue
                n += 1
                cells = list(raw[:width])
                yield RawRow(n, line, dict(zip(headers, cells, strict=False)))
        finally:
            wb.close()

    return TableSource(name, "xlsx", headers, rows(), findings, header_line)


def open_table(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> TableSource:
    """Open a table file for reading rows; see the module docstring for what is accepted."""
    p = Path(path)
    name = str(path)
    fmt = fmt or detect_format(p)
    findings: list[Finding] = []
    if fmt == "xlsx":
        return _xlsx_rows(p, name, findings, sheet)
    stream = _open_binary(p)
    raw = getattr(stream, "fileobj", None)
    streams = (stream, raw) if raw is not None else (stream,)
    try:
        if fmt == "json":
            src = _json_rows(name, stream, findings)
            for s in streams:
                s.close()
            return src
        lines = _LineReader(stream, name, findings, max_line_bytes)
        encoding = _check_not_binary(name, lines.head())
        text_lines = _utf16_lines(stream, name, lines) if encoding == "utf-16" else iter(lines)
        if fmt == "jsonl":
            src = _jsonl_rows(name, lines, text_lines, findings)
        else:
            src = _csv_rows(name, fmt, lines, text_lines, findings, delimiter)
    except BaseException:
        for s in streams:
            s.close()
        raise
    src.rows = _closing(src.rows, *streams)
    return src


def _utf16_lines(stream: IO[bytes], name: str, lines: _LineReader) -> Iterator[str]:
    wrapper = io.TextIOWrapper(stream, encoding="utf-16", newline="")
    try:
        for text in wrapper:
            lines.lineno += 1
            lines.starts.append(lines.lineno)
            yield text
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{name}: invalid UTF-16 after line {lines.lineno}", path=name, line=lines.lineno
        ) from exc
    finally:
        wrapper.close()


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
