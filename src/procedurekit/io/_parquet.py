"""Parquet tables (a file, or a directory of partitions), read in record batches.

pyarrow (the ``arrow`` extra) is imported here only, when a Parquet table is opened: the
other readers never load it. Each file is read batch by batch
(``ParquetFile.iter_batches``), so memory is bounded by the batch size, not the file.

Values become what the other readers give, so that the one header table, date reader and
cleaning apply unchanged:

- a timestamp becomes an aware ``datetime`` in Vietnam time: a naive timestamp *is*
  Vietnam local time (as a CSV moment without an offset), an aware one is converted;
  nanoseconds are cut to microseconds;
- a ``date32``/``date64`` becomes a ``date``; strings stay strings (their dates are decided
  like a CSV column's); integers, floats, booleans and decimals stay numbers and booleans;
  a list of structs (an event log) becomes a list of dicts; binary is decoded as UTF-8;
- a null is left out of the row, as an empty workbook cell is;
- a batch whose timestamps or dates Python cannot hold (before year 1, after 9999) has that
  column read as text, so that each value is reported as an unreadable date.

Rows are numbered across the partitions in path order (``part-0.parquet``, then
``part-1.parquet``); a Parquet file has no lines, so ``line`` is that row number and the
header's line is 0. Columns are the union of the partitions' columns, in order of first
appearance. A file pyarrow cannot read raises
:class:`~procedurekit.errors.InputFileError`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from procedurekit._time import VIETNAM_TZ
from procedurekit.errors import InputFileError, MissingExtraError

__all__ = [
    "BATCH_ROWS",
    "batch_cells",
    "column_converters",
    "file_batches",
    "is_parquet_dir",
    "parquet_files",
    "parquet_rows",
    "require_pyarrow",
    "table_headers",
]

#: Rows per record batch read from a Parquet file.
BATCH_ROWS: Final = 65_536
#: Bytes read at a time from a Parquet file. A buffered stream without pre-buffering keeps
#: memory flat: pyarrow's default (whole column chunks pre-buffered) grew by about 35 MiB
#: per million rows read (measured with pyarrow 26, 2026-12-05).
_BUFFER: Final = 1 << 20


def require_pyarrow(purpose: str = "reading Parquet") -> Any:
    """The ``pyarrow`` module, or :class:`~procedurekit.errors.MissingExtraError`."""
    try:
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.parquet  # type: ignore[import-untyped]
    except ImportError as exc:
        raise MissingExtraError.of("pyarrow", "arrow", purpose) from exc
    return pyarrow


#: How many entries of a directory are looked at for a ``.parquet`` file before giving up
#: (so that a mistaken ``/`` is refused at once instead of walking the whole disk).
_LOOK_AT: Final = 10_000


def is_parquet_dir(path: Path) -> bool:
    """Whether ``path`` is a directory holding a ``.parquet`` file (among its first
    entries, subdirectories included)."""
    try:
        if not path.is_dir():
            return False
        looked = itertools.islice(path.rglob("*"), _LOOK_AT)
        return any(p.suffix == ".parquet" for p in looked)
    except OSError:
        return False


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of a table: ``path`` itself, or the ``.parquet`` files under a
    directory in path order (hidden and ``_``-prefixed files, such as ``_SUCCESS`` or
    ``_metadata``, skipped)."""
    if not path.is_dir():
        return [path]
    found = sorted(
        p
        for p in path.rglob("*.parquet")
        if p.is_file()
        and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
    )
    if not found:
        raise InputFileError(
            f"{path}: is a directory without a .parquet file",
            path=str(path),
            expected="a regular file, or a directory of .parquet partitions",
        )
    return found


def _unreadable(name: Path, exc: BaseException) -> InputFileError:
    return InputFileError(
        f"{name}: not a readable Parquet file ({exc})",
        path=str(name),
        expected="a complete Parquet file (written by pyarrow, Spark, DuckDB, ...)",
    )


def _converter(pa: Any, typ: Any) -> tuple[Any, Callable[[Any], Any] | None]:
    """(the type to cast a column to first or ``None``, a function for each non-null
    value or ``None``) for a column of type ``typ``."""
    types = pa.types
    if types.is_timestamp(typ):
        cast = pa.timestamp("us", tz=typ.tz) if typ.unit == "ns" else None
        if typ.tz is None:
            return cast, lambda v: v.replace(tzinfo=VIETNAM_TZ)
        return cast, lambda v: v.astimezone(VIETNAM_TZ)
    if types.is_binary(typ) or types.is_large_binary(typ) or types.is_fixed_size_binary(typ):
        return None, lambda v: bytes(v).decode("utf-8", errors="replace")
    return None, None


def column_converters(pa: Any, schema: Any) -> list[tuple[Any, Callable[[Any], Any] | None]]:
    """The converter of each column of an Arrow ``schema`` (see :func:`batch_cells`)."""
    return [_converter(pa, f.type) for f in schema]


def batch_cells(
    pa: Any, batch: Any, convert: Sequence[tuple[Any, Callable[[Any], Any] | None]]
) -> Iterator[dict[str, Any]]:
    """The cells of each row of a record batch as the row reader gets them (see the module
    docstring): its non-null values by column name, converted. ``convert`` is
    :func:`column_converters` of the batch's schema. The columnar audit hands its rows to
    the row engine through this too."""
    columns: list[tuple[str, list[Any], Callable[[Any], Any] | None]] = []
    for i, name in enumerate(batch.schema.names):
        cast, each = convert[i]
        column = batch.column(i)
        if cast is not None:
            column = column.cast(cast, safe=False)
        try:
            values = column.to_pylist()
        except (pa.ArrowException, ValueError, OverflowError):
            # a moment Python cannot hold (year 0, 60000): read as text, so that the date
            # reader reports it
            values, each = column.cast(pa.string()).to_pylist(), None
        columns.append((name, values, each))
    for j in range(batch.num_rows):
        cells: dict[str, Any] = {}
        for name, values, each in columns:
            v = values[j]
            if v is not None:
                cells[name] = v if each is None else each(v)
        yield cells


def table_headers(files: Sequence[Path], pa: Any) -> list[str]:
    """The column names of a table's files: their union, in order of first appearance."""
    import pyarrow.parquet as pq

    headers: list[str] = []
    seen: set[str] = set()
    for file in files:
        try:
            schema = pq.read_schema(file)
        except (pa.ArrowException, OSError) as exc:
            raise _unreadable(file, exc) from exc
        for field in schema:
            if field.name not in seen:
                seen.add(field.name)
                headers.append(field.name)
    return headers


def file_batches(file: Path, pa: Any, columns: Sequence[str] | None = None) -> Iterator[Any]:
    """The record batches of one Parquet file (:data:`BATCH_ROWS` rows each); a file pyarrow
    cannot read raises :class:`~procedurekit.errors.InputFileError`."""
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(os.fspath(file), pre_buffer=False, buffer_size=_BUFFER)
    except (pa.ArrowException, OSError) as exc:
        raise _unreadable(file, exc) from exc
    try:
        batches = handle.iter_batches(batch_size=BATCH_ROWS, columns=columns)
        while True:
            try:
                batch = next(batches, None)
            except (pa.ArrowException, OSError) as exc:
                raise _unreadable(file, exc) from exc
            if batch is None:
                return
            yield batch
    finally:
        handle.close()


def parquet_rows(
    path: Path, pa: Any
) -> tuple[list[str], Callable[[], Iterator[tuple[int, dict[str, Any]]]]]:
    """(the table's column names, a function giving its rows as (row number, cells));
    see the module docstring."""
    files = parquet_files(path)
    headers = table_headers(files, pa)

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        n = 0
        for file in files:
            convert: list[tuple[Any, Callable[[Any], Any] | None]] | None = None
            for batch in file_batches(file, pa):
                if convert is None:
                    convert = column_converters(pa, batch.schema)
                for cells in batch_cells(pa, batch, convert):
                    n += 1
                    yield n, cells

    return headers, rows
