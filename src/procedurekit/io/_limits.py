"""What reading one input file may cost: each limit named, with its default and its option.

A small file must not cost a large amount of memory or time: a gzip or a workbook
decompresses to far more than it weighs, a sparse cell sits at row 1,048,576, one cell
holds a gigabyte, a JSON value nests a thousand levels deep. The readers stop at each
limit below with a clear error (:class:`~procedurekit.errors.InputFileError`, exit status
2) or, where one row is concerned, a finding, and never read further than the limit. Every
limit is a keyword of :class:`ReadLimits`, passed as ``limits=`` to
:func:`~procedurekit.io.read_catalogue` and :func:`~procedurekit.io.iter_dossiers` (and the
``validate_files``, ``audit_files`` and ``metrics_from_files`` calls above them), and an
option of ``procedurekit validate``, ``audit`` and ``metrics``.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from procedurekit.errors import InvalidArgumentError

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_LINE_BYTES",
    "LimitSpec",
    "ReadLimits",
    "limit_specs",
]

_KIB: Final = 1024
_MIB: Final = 1024 * _KIB

#: The longest line read by default (16 MiB); longer lines are skipped and reported.
MAX_LINE_BYTES: Final = 16 * _MIB


def _positive(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(
            f"{attribute.name} must be a whole number of 1 or more, got {value!r}",
            path=attribute.name,
            value=value,
            expected=f"{attribute.name}={attribute.default!r}",
        )


@attrs.frozen(kw_only=True)
class ReadLimits:
    """The limits of reading one input file (a catalogue table or a dossier file).

    - ``max_decompressed_bytes`` (512 MiB): the bytes one gzip file, or one part of an XLSX
      workbook (a ZIP archive member: a sheet, the shared strings), may decompress to.
      Reading stops with an error past it. A plain (uncompressed) file is not limited: its
      size on disk is its cost.
    - ``max_line_bytes`` (16 MiB): one line of CSV, TSV or JSON Lines (longer lines are
      skipped and reported, ``line-too-long``); also one CSV record whose quoted cells run
      over several lines (past it the lines are read one by one and reported), one item of
      a JSON list, one top-level value of a JSON object, and one XML tag of a workbook.
    - ``max_cell_chars`` (1,048,576): the characters of one cell (a CSV field, a workbook
      cell or shared string, a JSON string). A longer cell is cut to the limit and
      reported (``cell-too-long``); its row is kept.
    - ``max_sheet_rows`` (1,048,576) and ``max_sheet_columns`` (16,384): the rows and
      columns of a worksheet (Excel's own maxima). A cell further down or right is refused.
      Blank and absent rows and cells cost nothing: the reader never fills a sheet's
      declared dimension in.
    - ``max_depth`` (32): how deeply JSON arrays and objects may nest inside one record
      (the record itself is level 1). A deeper record is rejected and reported
      (``malformed-row``).
    - ``max_catalogue_bytes`` (256 MiB): the memory one catalogue may take once read,
      every table together, estimated as the characters of its non-empty cells plus 64
      bytes per cell and 1 KiB per row. A catalogue is held in memory to be joined, so
      reading stops with an error past it, within seconds (the national catalogue of 2,642
      procedures is about 20 MiB by this count). Dossier files are streamed and not limited.
    """

    max_decompressed_bytes: int = attrs.field(default=512 * _MIB, validator=_positive)
    max_line_bytes: int = attrs.field(default=MAX_LINE_BYTES, validator=_positive)
    max_cell_chars: int = attrs.field(default=1024 * 1024, validator=_positive)
    max_sheet_rows: int = attrs.field(default=1_048_576, validator=_positive)
    max_sheet_columns: int = attrs.field(default=16_384, validator=_positive)
    max_depth: int = attrs.field(default=32, validator=_positive)
    max_catalogue_bytes: int = attrs.field(default=256 * _MIB, validator=_positive)


#: The default limits.
DEFAULT_LIMITS: Final = ReadLimits()


_HELP: Final = {
    "max_decompressed_bytes": "bytes one gzip file or one workbook part may decompress to",
    "max_line_bytes": "bytes of one line (CSV, JSON Lines), one multi-line CSV record, one "
    "JSON list item or one XML tag",
    "max_cell_chars": "characters of one cell; a longer cell is cut and reported",
    "max_sheet_rows": "rows of a worksheet; a cell further down is refused",
    "max_sheet_columns": "columns of a worksheet; a cell further right is refused",
    "max_depth": "levels JSON values may nest within one record; a deeper record is rejected",
    "max_catalogue_bytes": "estimated memory of one catalogue, all its tables: cell "
    "characters, 64 bytes a cell, 1 KiB a row (a catalogue is held in memory)",
}


@attrs.frozen
class LimitSpec:
    """One limit as documented: its ``name``, CLI ``option``, ``default``, ``unit`` (bytes or
    a count) and what it bounds (``help``)."""

    name: str
    option: str
    default: int
    unit: str
    help: str


def limit_specs() -> tuple[LimitSpec, ...]:
    """Every limit of :class:`ReadLimits` with its CLI option, in declaration order."""
    out = []
    for a in attrs.fields(ReadLimits):
        unit = "bytes" if a.name.endswith("_bytes") else "count"
        option = "--" + a.name.replace("_", "-")
        default = getattr(DEFAULT_LIMITS, a.name)
        out.append(LimitSpec(a.name, option, default, unit, _HELP[a.name]))
    return tuple(out)
