"""Dossier CSV files read in columns: Arrow record batches, and the checks that a value
read there is the value the row reader reads.

The columnar engine (:mod:`procedurekit.checks._columnar`) judges in numpy only the rows
whose cells the row reader (:mod:`procedurekit.io._tables`, :mod:`procedurekit.io.dossiers`)
would take as they are. The functions here say which those are, at C speed over each
column's UTF-8 bytes: printable cells (:func:`printable`), the ISO 8601 shapes the date
reader reads and the dates they are (:func:`iso_dates`), the standard dossier code and its
YYMMDD (:func:`dossier_codes`); and which files can be read in columns at all
(:func:`scan_lines`: no NUL byte, no line over the limit, quoted lines that the strict CSV
reader reads the same). Duplicate dossier codes are found with a 64-bit FNV-1a digest of
each code kept in sorted numpy runs (:class:`SeenDigests`, 8 bytes a code, as
:mod:`procedurekit._dedup` keeps): two different codes share a digest with probability
about n² / 2⁶⁵. pyarrow and numpy (the ``arrow`` extra) are imported by the callers only.
"""

from __future__ import annotations

import csv
import importlib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

__all__ = [
    "Declined",
    "SeenDigests",
    "arrow_available",
    "arrow_missing",
    "bytes_of",
    "count_bytes",
    "days_of",
    "delimiter_of",
    "digest64",
    "digest_column",
    "dossier_codes",
    "is_iso_shape",
    "iso_dates",
    "json_batches",
    "numpy_module",
    "printable",
    "record_batches",
    "scan_json_lines",
    "scan_lines",
    "stream_batches",
]

_BLOCK: Final = 2 << 20
#: :func:`digest_column` hashes length by length up to this many distinct lengths.
_FEW_LENGTHS: Final = 8
_FNV_OFFSET: Final = 0xCBF29CE484222325
_FNV_PRIME: Final = 0x100000001B3
_MASK64: Final = (1 << 64) - 1

# ISO 8601 as the date reader reads it, in the shapes judged in columns.
_ISO_ANY: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$"


def arrow_missing() -> list[str]:
    """The modules of the ``arrow`` extra (pyarrow, numpy) that cannot be imported."""
    missing = []
    for name in ("pyarrow", "numpy"):
        try:
            importlib.import_module(name)
            if name == "pyarrow":
                importlib.import_module("pyarrow.csv")
        except ImportError:
            missing.append(name)
    return missing


def arrow_available() -> bool:
    """Whether pyarrow and numpy can be imported (the ``arrow`` extra)."""
    return not arrow_missing()


class Declined(Exception):
    """The file is read by the row engine instead (the reason is the message)."""


# -- digests ---------------------------------------------------------------------------------


def digest64(text: str) -> int:
    """The 64-bit FNV-1a digest of ``text``'s UTF-8 bytes (as :func:`digest_column` computes
    it for a whole column)."""
    h = _FNV_OFFSET
    for b in text.encode("utf-8", "surrogatepass"):
        h = ((h ^ b) * _FNV_PRIME) & _MASK64
    return h


def digest_column(np: Any, arr: Any) -> Any:
    """``digest64`` of every value of a pyarrow string array, as a ``uint64`` array.

    Values of a few lengths (dossier codes are) are hashed length by length, their bytes
    gathered as one block; otherwise byte position by byte position over the values still
    that long."""
    data, start, length = bytes_of(np, arr)
    n = len(arr)
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    prime = np.uint64(_FNV_PRIME)
    sizes = np.unique(length).tolist()
    if len(sizes) <= _FEW_LENGTHS:
        for size in sizes:
            if not size:
                continue
            idx = np.flatnonzero(length == size)
            block = data[start[idx, None] + np.arange(size)]
            part = h[idx]
            for k in range(size):
                part ^= block[:, k]
                part *= prime
            h[idx] = part
        return h
    live = np.arange(n)
    for k in range(int(length.max()) if n else 0):
        live = live[length[live] > k]
        h[live] = (h[live] ^ data[start[live] + k].astype(np.uint64)) * prime
    return h


class SeenDigests:
    """The digests seen so far, 8 bytes each, in sorted runs of decreasing size (a run is
    merged with the one before it while that one is less than twice its size, so there
    are about log2(n) runs and each digest is merged about log2(n) times)."""

    def __init__(self, np: Any) -> None:
        self.np = np
        self.runs: list[Any] = []

    def _seen(self, h: Any) -> Any:
        np = self.np
        found = np.zeros(len(h), dtype=bool)
        for run in self.runs:
            i = np.minimum(np.searchsorted(run, h), len(run) - 1)
            found |= run[i] == h
        return found

    def _add(self, new: Any) -> None:
        """Add ``new``, sorted digests not seen before."""
        np = self.np
        runs = self.runs
        runs.append(new)
        while len(runs) > 1 and len(runs[-2]) <= 2 * len(runs[-1]):
            last = runs.pop()
            runs.append(np.sort(np.concatenate((runs.pop(), last)), kind="stable"))

    def duplicates(self, h: Any, keyed: Any) -> Any:
        """Which rows (``keyed``: rows with a code) repeat the digest of an earlier row."""
        np = self.np
        dup = np.zeros(len(h), dtype=bool)
        idx = np.flatnonzero(keyed)
        if not len(idx):
            return dup
        hk = h[idx]
        uniq, first, inverse = np.unique(hk, return_index=True, return_inverse=True)
        seen = self._seen(uniq)
        dup[idx] = (np.arange(len(hk)) != first[inverse]) | seen[inverse]
        new = uniq[~seen]  # sorted, as np.unique gives them
        if len(new):
            self._add(new)
        return dup


def delimiter_of(path: Path, fmt: str, given: str | None) -> str:
    """The delimiter the row engine uses: the one given, tab for TSV, else the most
    frequent of ``,`` ``;`` tab on the first line."""
    if given:
        return given
    if fmt == "tsv":
        return "\t"
    with path.open("rb") as f:
        first = f.readline().decode("utf-8", errors="replace")
    counts = {c: first.count(c) for c in (",", ";", "\t")}
    return max(counts, key=lambda c: counts[c]) if any(counts.values()) else ","


def scan_lines(np: Any, path: Path, sep: str, width: int, max_line: int) -> int:
    """The number of data lines; raises :class:`Declined` when a line is longer than
    ``max_line`` bytes, the file holds a NUL byte, or a line with a quote is one the strict
    CSV reader refuses or reads as another width (a quoted cell over several lines). Reads
    ``max_line`` bytes at a time, so a longer line crosses a chunk's end. A blank line is
    not looked for: pyarrow reads it as a row of empty cells, which the row reader's
    cleaning rejects and counts as blank, as it does a blank line (tested); the engine
    declines a table of one column."""
    lines = 0
    quotes = False
    since = 0  # bytes since the last newline
    with path.open("rb") as f:
        while True:
            chunk = f.read(max(max_line, 1 << 16))
            if not chunk:
                break
            newlines = chunk.count(b"\n")
            if b"\x00" in chunk:
                raise Declined("a NUL byte (the CSV reader refuses the line)")
            quotes = quotes or b'"' in chunk
            first = chunk.find(b"\n")
            if first < 0:
                since += len(chunk)
            else:
                if since + first > max_line:
                    raise Declined("a line longer than the limit")
                since = len(chunk) - 1 - chunk.rfind(b"\n")
            if since > max_line:
                raise Declined("a line longer than the limit")
            lines += newlines
    if since:
        lines += 1  # a last line without a newline
    if quotes:
        with path.open("r", encoding="utf-8", newline="") as text:
            next(text, None)
            for line in text:
                if '"' in line:
                    try:
                        cells = next(csv.reader([line.rstrip("\r\n")], delimiter=sep, strict=True))
                    except (csv.Error, StopIteration) as exc:
                        raise Declined("a quoted cell the CSV reader refuses") from exc
                    if len(cells) != width:
                        raise Declined("a quoted record over several lines")
    return lines - 1


def scan_json_lines(path: Path, max_line: int) -> int:
    """The number of lines of a JSON Lines file; raises :class:`Declined` when the file is
    not plain UTF-8 (a BOM, bytes that are not UTF-8, a NUL byte), has a blank line (the row
    reader counts it, pyarrow's JSON reader skips it, so line numbers would shift) or a line
    longer than ``max_line`` bytes."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 0
    tail = b""  # the current line's bytes before this chunk
    with path.open("rb") as f:
        head = True
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            if head and chunk.startswith(codecs.BOM_UTF8):
                raise Declined("a byte-order mark")
            head = False
            if b"\x00" in chunk:
                raise Declined("a NUL byte")
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise Declined("bytes that are not UTF-8") from exc
            pieces = (tail + chunk).split(b"\n")
            tail = pieces.pop()
            if len(tail) > max_line or any(len(x) > max_line for x in pieces):
                raise Declined("a line longer than the limit")
            if any(not x.strip() for x in pieces):
                raise Declined("a blank line")
            if b"\r" in chunk and any(b"\r" in x[:-1] for x in pieces):
                # a lone carriage return: the two readers may end lines differently
                raise Declined("a carriage return inside a line")
            lines += len(pieces)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise Declined("bytes that are not UTF-8") from exc
    if tail:
        if not tail.strip() or b"\r" in tail[:-1]:
            raise Declined("a blank line, or a carriage return inside a line")
        lines += 1
    return lines


def record_batches(
    pa: Any, path: Path, headers: list[str], sep: str, include: Sequence[str] = ()
) -> Iterator[Any]:
    """The file's record batches, every column read as text (only ``include`` if given)."""
    import pyarrow.csv as pacsv  # type: ignore[import-untyped]

    reader = pacsv.open_csv(
        os.fspath(path),
        read_options=pacsv.ReadOptions(
            column_names=headers, skip_rows=1, block_size=_BLOCK, use_threads=True
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=sep, newlines_in_values=False, ignore_empty_lines=False
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={h: pa.string() for h in headers},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            include_columns=list(include) or None,
        ),
    )
    return stream_batches(reader)


def json_batches(pa: Any, path: Path, headers: Sequence[str], block: int) -> Iterator[Any]:
    """A JSON Lines file's record batches (``block`` bytes each), every key in ``headers``
    read as text; any other key is an error (``ArrowInvalid``)."""
    import pyarrow.json as pj  # type: ignore[import-untyped]

    schema = pa.schema([(h, pa.string()) for h in headers])
    reader = pj.open_json(
        os.fspath(path),
        read_options=pj.ReadOptions(block_size=block),
        parse_options=pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error"),
    )
    return stream_batches(reader)


def stream_batches(reader: Any) -> Iterator[Any]:
    """The batches of a pyarrow streaming reader, closed when done or abandoned."""
    try:
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                return
            yield batch
    finally:
        reader.close()


# -- dates in columns ------------------------------------------------------------------------


def bytes_of(np: Any, arr: Any) -> tuple[Any, Any, Any]:
    """``(data, start, length)`` of a pyarrow string array: its UTF-8 bytes, and each
    value's first byte and byte length."""
    n = len(arr)
    bufs = arr.buffers()
    off = np.frombuffer(bufs[1], dtype=np.int32, count=n + 1, offset=arr.offset * 4)
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    start = off[:-1].astype(np.int64)
    return data, start, off[1:].astype(np.int64) - start


def count_bytes(np: Any, data: Any, start: Any, length: Any, flags: Any) -> Any:
    """How many of each value's bytes have ``flags`` set."""
    if not len(start):
        return np.zeros(0, dtype=np.int64)
    cum = np.concatenate(([0], np.cumsum(flags, dtype=np.int64)))
    return cum[start + length] - cum[start]


def printable(np: Any, arr: Any) -> tuple[Any, Any]:
    """``(printable, size)`` per value: printable ASCII only; its size in bytes."""
    data, start, length = bytes_of(np, arr)
    odd = (data < 32) | (data > 126)
    if not odd.any():
        return np.ones(len(arr), dtype=bool), length
    return count_bytes(np, data, start, length, odd) == 0, length


class _Months:
    """Days since 1970-01-01 of the first of every month of years 1 to 9999, by
    ``[year, month]`` (month 13 is the next January): a date is ``first[y, m] + d - 1``,
    a month has ``first[y, m + 1] - first[y, m]`` days."""

    _table: Any = None

    @classmethod
    def first(cls, np: Any) -> Any:
        if cls._table is None:
            years = np.arange(0, 10001, dtype=np.int64)[:, None]
            months = np.arange(0, 14, dtype=np.int64)[None, :]
            y = np.where(months > 12, years + 1, years)
            m = np.clip(np.where(months > 12, 1, months), 1, 12)
            # days_from_civil (H. Hinnant), proleptic Gregorian
            y2 = y - (m <= 2)
            era = y2 // 400
            yoe = y2 - era * 400
            doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5
            cls._table = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
        return cls._table


def days_of(np: Any, y: Any, m: Any, d: Any) -> tuple[Any, Any]:
    """``(real, days)``: whether ``y-m-d`` is a date of years 1 to 9999, and its days since
    1970-01-01 (0 where not)."""
    first = _Months.first(np)
    ym = (y >= 1) & (y <= 9999) & (m >= 1) & (m <= 12)
    yy = np.where(ym, y, 1970)
    mm = np.where(ym, m, 1)
    start = first[yy, mm]
    real = ym & (d >= 1) & (d <= first[yy, mm + 1] - start)
    return real, np.where(real, start + d - 1, 0)


def iso_dates(np: Any, arr: Any) -> tuple[Any, Any, Any, Any]:
    """``(shape, valid, day, seconds)`` of an ISO column: ``shape`` 0 empty, 1 a date
    (``YYYY-MM-DD``), 2 a moment without offset (``YYYY-MM-DDTHH:MM[:SS]``, ``T`` or a
    space), 3 anything else; ``valid`` whether that date or moment exists; ``day`` days
    since 1970-01-01; ``seconds`` of the day. Read from the bytes at fixed positions."""
    data, start, length = bytes_of(np, arr)
    n = len(arr)
    shape = np.full(n, 3, dtype=np.int8)
    shape[length == 0] = 0
    valid = np.zeros(n, dtype=bool)
    day = np.zeros(n, dtype=np.int64)
    seconds = np.zeros(n, dtype=np.int64)
    for size in (10, 16, 19):
        idx = np.flatnonzero(length == size)
        if not len(idx):
            continue
        if len(idx) == n and int(start[0]) + n * size == int(start[-1]) + size:
            # every value has this size: the bytes are an n x size block, no gathering
            block = data[int(start[0]) : int(start[0]) + n * size].reshape(n, size)
            ch = [block[:, k] for k in range(size)]
        else:
            at = start[idx]
            ch = [data[at + k] for k in range(size)]

        def digit(k: int, ch: list[Any] = ch) -> Any:
            return (ch[k] >= 48) & (ch[k] <= 57)

        def num(*ks: int, ch: list[Any] = ch) -> Any:
            out = np.zeros(len(ch[0]), dtype=np.int64)
            for k in ks:
                out = out * 10 + (ch[k].astype(np.int64) - 48)
            return out

        ok = (ch[4] == 45) & (ch[7] == 45)
        for k in (0, 1, 2, 3, 5, 6, 8, 9):
            ok &= digit(k)
        if size > 10:
            ok &= ((ch[10] == 84) | (ch[10] == 32)) & (ch[13] == 58)
            for k in (11, 12, 14, 15):
                ok &= digit(k)
            if size == 19:
                ok &= (ch[16] == 58) & digit(17) & digit(18)
        real, days = days_of(np, num(0, 1, 2, 3), num(5, 6), num(8, 9))
        real &= ok
        secs = np.zeros(len(idx), dtype=np.int64)
        if size > 10:
            hh, mi = num(11, 12), num(14, 15)
            ss = num(17, 18) if size == 19 else 0
            real &= (hh <= 23) & (mi <= 59) & (ss <= 59)
            secs = hh * 3600 + mi * 60 + ss
        shape[idx[ok]] = 1 if size == 10 else 2
        valid[idx] = real
        day[idx] = np.where(real, days, 0)
        seconds[idx] = np.where(real, secs, 0)
    return shape, valid, day, seconds


def dossier_codes(np: Any, arr: Any) -> tuple[Any, Any]:
    """``(standard, day)`` of a dossier-code column: whether the code has the shape
    ``<agency>-YYMMDD-NNNN`` in printable ASCII without spaces (the judge's
    ``malformed-dossier-code`` never fires on it), and the days since 1970 of its YYMMDD
    as :meth:`~procedurekit.models.DossierCode.parse` reads it (-1 when not a real date)."""
    data, start, length = bytes_of(np, arr)
    n = len(arr)
    end = start + length
    tail = np.zeros(n, dtype=np.int64)  # trailing digits
    live = np.flatnonzero(length > 0)
    k = 0
    while len(live):
        b = data[end[live] - 1 - k]
        live = live[(b >= 48) & (b <= 57)]
        tail[live] += 1
        k += 1
        live = live[length[live] > k]
    ok = (tail >= 4) & (length >= tail + 9)
    dash2 = np.where(ok, end - tail - 1, 0)
    dash1 = dash2 - 7
    idx = np.flatnonzero(ok)
    good = (data[dash2[idx]] == 45) & (data[dash1[idx]] == 45)
    ch = [data[dash1[idx] + 1 + j] for j in range(6)]
    for c in ch:
        good &= (c >= 48) & (c <= 57)
    bad = (data < 33) | (data > 126)
    prefix = count_bytes(np, data, start[idx], dash1[idx] - start[idx], bad) == 0
    good &= prefix
    standard = np.zeros(n, dtype=bool)
    standard[idx] = good
    v = [c.astype(np.int64) - 48 for c in ch]
    real, days = days_of(np, 2000 + v[0] * 10 + v[1], v[2] * 10 + v[3], v[4] * 10 + v[5])
    real &= good
    day = np.full(n, -1, dtype=np.int64)
    day[idx] = np.where(real, days, -1)
    return standard, day


def is_iso_shape(text: str) -> bool:

    return re.fullmatch(_ISO_ANY[1:-1], text) is not None


def numpy_module() -> Any:
    import numpy

    return numpy
