"""Read a procedure catalogue: one table, or several joined on the procedure code.

Real portal exports split a catalogue into a procedure table, a channel table (one row per
procedure and submission channel, with its time and fee) and a dossier-component table;
:func:`read_catalogue` takes any number of files, tells each table's kind from its
columns (:data:`~procedurekit.io.columns.CATALOGUE_COLUMNS`) and joins them. Cells are
kept as text, as read (invisible characters removed and reported, see
:mod:`procedurekit.io._tables`), with their row and line, so the validator can report every
problem against the file; nothing is dropped: unknown columns, a repeated column and a
column without a header stay in ``extra``, each reported. A catalogue is held in memory to
be joined, so its size is bounded (``max_catalogue_bytes`` of
:class:`~procedurekit.io.ReadLimits`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from procedurekit.errors import InputFileError
from procedurekit.findings import Finding, rule
from procedurekit.io._limits import DEFAULT_LIMITS, ReadLimits
from procedurekit.io._portal import METHOD_TABLE_HEADER, split_channel_cells
from procedurekit.io._tables import (
    ColumnRoles,
    HeaderCounter,
    RawRow,
    detect_format,
    load_json_cell,
    open_table,
    sheet_headers,
)
from procedurekit.io.columns import (
    CATALOGUE_COLUMNS,
    TIME_KEYS,
    TableKind,
    column_key,
    column_map_for,
    header_counter,
    header_key,
    header_unit,
)
from procedurekit.io.dates import (
    FORMAT_LABELS,
    DateEvidence,
    DateFormat,
    date_format_of,
    decision_findings,
    parse_date_value,
    unreadable_note,
)
from procedurekit.phrases.parse import DefaultUnit

__all__ = [
    "Catalogue",
    "ChannelRow",
    "ComponentRow",
    "ProcedureRecord",
    "TableInfo",
    "read_catalogue",
    "split_portal_methods",
]

_DATE_KEYS: Final = ("effective_date",)
#: How people separate the channels of a list in one cell, when not by "|".
_LIST_SEP: Final = r"[;,\n]"


#: Duration units of the project's JSON format, as phrases the parser reads.
_UNIT_PHRASES: Final = {
    "working_days": "{} working days",
    "calendar_days": "{} days",
    "working_hours": "{} working hours",
    "elapsed_hours": "{} elapsed hours",
    "months": "{} months",
    "same_day": "same day",
    "no_time_limit": "no time limit",
}


def _text(value: Any) -> str:
    """A cell as text: strings stripped; lists (JSON) joined; a JSON duration as a phrase."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        unit = value.get("unit")
        if isinstance(unit, str) and unit in _UNIT_PHRASES:
            return _UNIT_PHRASES[unit].format(value.get("value", ""))
        for key in ("number", "text", "name", "value"):
            if isinstance(value.get(key), str):
                return str(value[key]).strip()
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@attrs.frozen
class ChannelRow:
    """One submission channel of a procedure as read: label, time text, fee text, description.

    ``row``/``line`` locate it in ``file``; for channels split from a procedure's glued
    method text they are the procedure's. ``units`` gives a time column's unit for bare
    numbers when its header states one ("Thời hạn (ngày làm việc)"). ``time_glued`` is
    true when the glued text leaves a number stuck to the fee amount, so that no time
    could be split off ("Trực tuyến120,000 VNĐ").
    """

    channel: str
    processing_time: str = ""
    fee: str = ""
    description: str = ""
    committed_time: str = ""
    file: str | None = None
    row: int | None = None
    line: int | None = None
    units: Mapping[str, DefaultUnit] = attrs.field(factory=dict)
    time_glued: bool = False


@attrs.frozen
class ComponentRow:
    """One dossier component (thành phần hồ sơ): name, form file, quantity text."""

    name: str
    form: str = ""
    quantity: str = ""
    file: str | None = None
    row: int | None = None
    line: int | None = None


@attrs.frozen
class ProcedureRecord:
    """One procedure as read: cells by column key (text), unknown columns, joined rows.

    ``stub`` is true when the procedure is known only from a channel or component table;
    ``units`` gives a time column's unit for bare numbers when its header states one.
    """

    code: str
    fields: Mapping[str, Any]
    extra: Mapping[str, Any] = attrs.field(factory=dict)
    channels: tuple[ChannelRow, ...] = ()
    components: tuple[ComponentRow, ...] = ()
    file: str | None = None
    row: int | None = None
    line: int | None = None
    stub: bool = False
    units: Mapping[str, DefaultUnit] = attrs.field(factory=dict)

    def get(self, key: str) -> str:
        """The cell of column ``key`` as stripped text, ``""`` when absent."""
        return _text(self.fields.get(key))

    @property
    def name(self) -> str:
        """The procedure name (tên thủ tục)."""
        return self.get("name")


@attrs.frozen
class TableInfo:
    """What was read from one file: its kind, format, data rows and column mapping.

    ``lines_rejected`` counts the physical lines (for JSON, list items) that did not become
    a row, ``lines_blank`` of them blank: for a file without multi-line cells, ``rows +
    lines_rejected`` is its number of data lines. ``sheet`` is the workbook sheet read;
    ``units`` the unit a time column's header states (column key → unit).
    """

    file: str
    kind: TableKind
    fmt: str
    rows: int
    columns: Mapping[str, str | None]
    date_formats: Mapping[str, str] = attrs.field(factory=dict)
    lines_rejected: int = 0
    lines_blank: int = 0
    sheet: str | None = None
    units: Mapping[str, DefaultUnit] = attrs.field(factory=dict)


@attrs.frozen
class Catalogue:
    """A catalogue as read: procedures in file order, the tables, the reading findings."""

    procedures: tuple[ProcedureRecord, ...]
    tables: tuple[TableInfo, ...]
    findings: tuple[Finding, ...] = ()
    default_unit: DefaultUnit | None = None

    @property
    def rows(self) -> int:
        """Data rows read, over every table."""
        return sum(t.rows for t in self.tables)

    @property
    def lines_rejected(self) -> int:
        """Physical lines (JSON: list items) that did not become a row, over every table."""
        return sum(t.lines_rejected for t in self.tables)

    @property
    def lines_blank(self) -> int:
        """Blank lines among :attr:`lines_rejected`."""
        return sum(t.lines_blank for t in self.tables)

    def by_code(self) -> dict[str, ProcedureRecord]:
        """Procedures by code; for a duplicated code, the first one."""
        out: dict[str, ProcedureRecord] = {}
        for p in self.procedures:
            out.setdefault(p.code, p)
        return out


# -- the portal's glued "Cách thức thực hiện" table ------------------------------------


def split_portal_methods(text: str) -> list[tuple[str, str, str, str]]:
    """Split the portal's glued method table into (channel, time, fee, description).

    The national portal's "Cách thức thực hiện" table, flattened by a scraper, reads
    ``Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7 Ngày làm việcMiễn phí…``. A cell
    boundary is a channel label followed by a capital or a digit. A number glued to a fee
    amount (``Trực tuyến120,000 VNĐ``) cannot be split safely: the time is left empty.
    Cells are stripped. Returns ``[]`` when ``text`` is not such a table. The models'
    portal mapper splits with the same function (:func:`procedurekit._portal.split_channel_cells`).

    >>> head = "Hình thức nộpThời gianPhí, lệ phíMô tả"
    >>> split_portal_methods(head + "Trực tiếp7 NgàyMiễn phíTại UBND")
    [('Trực tiếp', '7 Ngày', 'Miễn phí', 'Tại UBND')]
    """
    if not text.startswith(METHOD_TABLE_HEADER):
        return []
    return [
        (row.label, row.time.strip(), row.fee.strip(), row.description.strip())
        for row in split_channel_cells(text)
    ]


# -- reading ---------------------------------------------------------------------------


@attrs.define
class _Table:
    info: TableInfo
    rows: list[tuple[RawRow, dict[str, Any], dict[str, Any]]]  # raw, known, extra


def _classify(keys: Iterable[str | None]) -> TableKind:
    present = {k for k in keys if k}
    if "channel" in present:
        return "channels"
    if "component_name" in present:
        return "components"
    return "procedures"


class _Budget:
    """The memory a catalogue may take (``max_catalogue_bytes``), estimated as the
    characters of its cells plus 64 bytes a cell and 1 KiB a row."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, cells: Iterable[Any], name: str, row: int) -> None:
        used = 1024
        for cell in cells:
            used += 64 + (len(cell) if type(cell) is str else _size(cell))
        self.used += used
        if self.used > self.limit:
            raise InputFileError(
                f"{name}: at row {row:,} the catalogue takes more than the limit of "
                f"{self.limit:,} bytes of memory (max_catalogue_bytes: cell characters, 64 "
                "bytes a cell, 1 KiB a row, every table together); a catalogue is held in "
                "memory to be joined, so reading stops here. Is it a dossier file? Raise the "
                "limit (--max-catalogue-bytes) for a larger catalogue",
                path=name,
                value=self.used,
                expected=f"at most {self.limit:,} bytes",
            )


def _size(cell: Any) -> int:
    """The characters of a cell, its nested JSON values counted too (depth is bounded)."""
    if isinstance(cell, str):
        return len(cell)
    if isinstance(cell, dict):
        return sum(64 + len(k) + _size(v) for k, v in cell.items())
    if isinstance(cell, list):
        return sum(64 + _size(v) for v in cell)
    return 8


def _read_table(
    path: str | os.PathLike[str],
    *,
    findings: list[Finding],
    delimiter: str | None,
    sheet: str | None,
    limits: ReadLimits,
    date_format: DateFormat | None,
    budget: _Budget,
    key_of: Callable[[str], str | None],
    count: HeaderCounter,
    encoding: str | None = None,
) -> _Table:
    src = open_table(
        path,
        delimiter=delimiter,
        sheet=sheet,
        limits=limits,
        header_count=count,
        encoding=encoding,
    )
    name = src.name
    unknown_seen: dict[str, None] = {}
    rows: list[tuple[RawRow, dict[str, Any], dict[str, Any]]] = []
    with src:  # closed at once when a limit or a bad cell stops the reading
        columns = ColumnRoles(src, key_of, findings)
        for raw in src.rows:
            known, extra = columns.split(raw.values, skip_empty=True)
            budget.spend(raw.values.values(), name, raw.row)
            for header in extra:
                if header not in unknown_seen and columns.unknown(header):
                    unknown_seen[header] = None
            rows.append((raw, known, extra))
    findings.extend(src.findings)
    kind = _classify(columns.keys.values())
    for header in unknown_seen:
        findings.append(
            rule("unknown-column").finding(
                field=header, file=name, line=src.header_line, value=header, table="catalogue"
            )
        )
    date_formats = _read_dates(name, rows, findings, date_format)
    units: dict[str, DefaultUnit] = {}
    for header, key in columns.keys.items():
        if key in TIME_KEYS and key not in units:
            unit = header_unit(src.named.get(header) or header)
            if unit is not None:
                units[key] = unit
    info = TableInfo(
        name,
        kind,
        src.fmt,
        len(rows),
        dict(columns.keys),
        date_formats,
        src.lines_rejected,
        src.lines_blank,
        src.sheet,
        units,
    )
    return _Table(info, rows)


def _read_dates(
    name: str,
    rows: list[tuple[RawRow, dict[str, Any], dict[str, Any]]],
    findings: list[Finding],
    explicit: DateFormat | None,
) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in _DATE_KEYS:
        values = [known.get(key) for _, known, _ in rows if known.get(key) not in (None, "")]
        if not values:
            continue
        fmt = explicit
        if fmt is None:
            evidence = DateEvidence()
            for value in values:
                evidence.add(value)
            decision = evidence.decide()
            fmt = decision.fmt
            findings.extend(decision_findings(decision, key, name))
        if fmt is not None:
            out[key] = fmt.value
        for raw, known, _ in rows:
            cell = known.get(key)
            if cell in (None, ""):
                continue
            try:
                if fmt is None:
                    raise ValueError("no format")
                known[key] = parse_date_value(cell, fmt)
            except (ValueError, OverflowError):
                findings.append(
                    rule("unparseable-date").finding(
                        row=raw.row,
                        field=key,
                        file=name,
                        line=raw.line,
                        value=cell,
                        format=FORMAT_LABELS[fmt] if fmt else "readable",
                        note=unreadable_note(cell, fmt),
                    )
                )
    return out


def _nested_channels(value: Any, file: str, raw: RawRow) -> tuple[ChannelRow, ...]:
    out: list[ChannelRow] = []
    for item in value:
        if isinstance(item, str) and item.strip():  # a list of channel labels
            out.append(ChannelRow(item.strip(), file=file, row=raw.row, line=raw.line))
            continue
        if not isinstance(item, Mapping):
            continue
        keys = [column_key(h, "channels") for h in item]
        cells: dict[str, Any] = {}
        for h, k in zip(item, keys, strict=True):
            # Several keys may name one column (the project format's "processing_time"
            # object and its "time_text"): a non-empty text wins.
            if k and (k not in cells or (isinstance(item[h], str) and item[h].strip())):
                cells[k] = item[h]
        out.append(_channel_from(cells, file, raw.row, raw.line))
    return tuple(out)


def _nested_components(value: Any, file: str, raw: RawRow) -> tuple[ComponentRow, ...]:
    out: list[ComponentRow] = []
    for item in value:
        if isinstance(item, str):
            out.append(ComponentRow(item.strip(), file=file, row=raw.row, line=raw.line))
            continue
        if not isinstance(item, Mapping):
            continue
        cells = {}
        for h in item:
            k = column_key(h, "components")
            if k and (k not in cells or (isinstance(item[h], str) and item[h].strip())):
                cells[k] = item[h]
        name = _text(cells.get("component_name") or item.get("name"))
        out.append(
            ComponentRow(
                name,
                _text(cells.get("form")),
                _text(cells.get("quantity")),
                file=file,
                row=raw.row,
                line=raw.line,
            )
        )
    return tuple(out)


def _channel_time(cells: Mapping[str, Any]) -> str:
    text = _text(cells.get("processing_time"))
    if text:
        return text
    value, unit = _text(cells.get("time_value")), _text(cells.get("time_unit"))
    if value and unit and not unit.startswith("("):
        return f"{value} {unit}"
    return value


def _channel_from(
    cells: Mapping[str, Any],
    file: str,
    row: int | None,
    line: int | None,
    units: Mapping[str, DefaultUnit] | None = None,
) -> ChannelRow:
    return ChannelRow(
        _text(cells.get("channel")),
        _channel_time(cells),
        _text(cells.get("fee")),
        _text(cells.get("description")),
        _text(cells.get("committed_time")),
        file=file,
        row=row,
        line=line,
        units=units or {},
    )


def read_catalogue(
    *paths: str | os.PathLike[str],
    default_unit: DefaultUnit | None = None,
    date_format: DateFormat | str | None = None,
    delimiter: str | None = None,
    sheet: str | Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    max_line_bytes: int | None = None,
    limits: ReadLimits | None = None,
    encoding: str | None = None,
) -> Catalogue:
    """Read one or more catalogue tables and join them on the procedure code.

    ``default_unit`` ("ngày làm việc", "working_days", ...) is how the validator reads a
    time given as a bare number; it is stored here and each such time is still reported
    (a unit in the column's header, "Thời hạn giải quyết (ngày)", comes first and is not
    reported). ``date_format`` forces one of ``iso``, ``dmy``, ``excel`` for date columns
    instead of detecting it per column. A workbook's every sheet whose header row is
    recognised is read as a table (a cover or instructions sheet is skipped, and which
    sheet was read is reported); ``sheet`` names the sheet(s) to read instead. ``columns``
    maps header texts to column keys (:func:`~procedurekit.io.columns.read_column_map`)
    for headers the table does not know. ``limits`` bounds what reading may cost
    (:class:`~procedurekit.io.ReadLimits`; ``max_line_bytes``, when given, overrides its
    field). ``encoding`` names how text files are written (``cp1258``, ``tcvn3``, ``vni``
    or a Python codec; default: UTF-8, or detected and reported, see
    :mod:`procedurekit.io.encodings`). Raises :class:`~procedurekit.errors.InputFileError`
    for a file that cannot be read at all or a limit passed; every row-level problem is a
    finding, and so is a file without a data row (``no-data-rows``) or a catalogue without
    a code, name or processing-time column (``missing-key-column``).
    """
    if not paths:
        from procedurekit.errors import InvalidArgumentError

        raise InvalidArgumentError(
            "read_catalogue needs at least one file",
            path="paths",
            expected="read_catalogue('procedures.csv', 'channels.csv')",
        )
    fmt = date_format_of(date_format)
    lim = limits if limits is not None else DEFAULT_LIMITS
    if max_line_bytes is not None:
        lim = attrs.evolve(lim, max_line_bytes=max_line_bytes)
    cmap = column_map_for(columns, CATALOGUE_COLUMNS)
    key_of = _key_of(cmap)
    count = header_counter(cmap)
    sheets = [sheet] if isinstance(sheet, str) else list(sheet or ())
    findings: list[Finding] = []
    budget = _Budget(lim.max_catalogue_bytes)
    tables = [
        _read_table(
            p,
            findings=findings,
            delimiter=delimiter,
            sheet=name,
            limits=lim,
            date_format=fmt,
            budget=budget,
            key_of=key_of,
            count=count,
            encoding=encoding,
        )
        for p in paths
        for name in _sheets_to_read(p, sheets, lim, count, findings)
    ]
    _check_key_columns(tables, findings)
    procedures = _join(tables, findings)
    return Catalogue(
        tuple(procedures),
        tuple(t.info for t in tables),
        tuple(findings),
        default_unit,
    )


def _key_of(cmap: Mapping[str, str]) -> Callable[[str], str | None]:
    """The column key of a header: the user's map first, then the header table."""
    if not cmap:
        return column_key

    def key(header: str) -> str | None:
        return cmap.get(header_key(header)) or column_key(header)

    return key


def _sheets_to_read(
    path: str | os.PathLike[str],
    sheets: Sequence[str],
    limits: ReadLimits,
    count: HeaderCounter,
    findings: list[Finding],
) -> list[str | None]:
    """The sheets of a workbook to read as tables (``[None]`` for a file of another kind):
    the named ones it has, else every sheet with a recognised header row; which ones
    are read is reported when the workbook has several sheets."""
    try:
        is_xlsx = detect_format(Path(path)) == "xlsx"
    except InputFileError:
        return [None]  # open_table says why
    if not is_xlsx:
        return [None]
    found = sheet_headers(path, limits=limits, count=count)
    if sheets:
        named = [s for s in sheets if s in found]
        if not named:
            listed = ", ".join(repr(n) for n in found)
            wanted = ", ".join(repr(s) for s in sheets)
            raise InputFileError(
                f"{path}: no sheet named {wanted} (the workbook has {listed})",
                path=str(path),
                value=sheets[0] if len(sheets) == 1 else list(sheets),
                expected=f"one of {listed}",
            )
        chosen: list[str | None] = list(named)
    else:
        chosen = [n for n, note in found.items() if note.startswith("header")]
    if len(found) > 1 and any(chosen):
        shown = [repr(n) for n in chosen]
        findings.append(
            rule("sheet-read").finding(
                field=str(chosen[0]),
                file=str(path),
                value=chosen[0] if len(chosen) == 1 else chosen,
                what=f"the sheet {shown[0]}"
                if len(shown) == 1
                else f"the sheets {', '.join(shown)}",
                note="; ".join(f"{n!r}: {note}" for n, note in found.items()),
            )
        )
    return chosen or [None]


#: Columns a catalogue cannot be judged without: (keys that hold it, what it is).
_KEY_COLUMNS: Final = (
    (("code", "local_code"), "code", "procedure code (mã thủ tục)"),
    (("name",), "name", "procedure name (tên thủ tục)"),
    (
        ("processing_time", "time_value", "time_list", "channel_list", "method"),
        "processing_time",
        "processing time (thời hạn giải quyết)",
    ),
)


def _check_key_columns(tables: Sequence[_Table], findings: list[Finding]) -> None:
    """Report a catalogue with rows but no column for the code, the name or the time."""
    read = [t for t in tables if t.info.rows]
    if not read:
        return
    present = {k for t in read for k in t.info.columns.values() if k}
    has_procedures = any(t.info.kind == "procedures" for t in read)
    first = next((t for t in read if t.info.kind == "procedures"), read[0])
    headers = list(first.info.columns)
    shown = ", ".join(repr(h) for h in headers[:12]) + (", ..." if len(headers) > 12 else "")
    for keys, field, part in _KEY_COLUMNS:
        if field != "code" and not has_procedures:
            continue
        if not present.intersection(keys):
            findings.append(
                rule("missing-key-column").finding(
                    field=field,
                    file=first.info.file,
                    line=None,
                    part=part,
                    note=shown or "none",
                )
            )


def _join(tables: Sequence[_Table], findings: list[Finding]) -> list[ProcedureRecord]:
    channel_rows: dict[str, list[ChannelRow]] = {}
    component_rows: dict[str, list[ComponentRow]] = {}
    order: dict[str, None] = {}
    for t in tables:
        if t.info.kind == "channels":
            for raw, known, _ in t.rows:
                code = _text(known.get("code"))
                order.setdefault(code, None)
                channel_rows.setdefault(code, []).append(
                    _channel_from(known, t.info.file, raw.row, raw.line, t.info.units)
                )
        elif t.info.kind == "components":
            for raw, known, _ in t.rows:
                code = _text(known.get("code"))
                order.setdefault(code, None)
                component_rows.setdefault(code, []).append(
                    ComponentRow(
                        _text(known.get("component_name")),
                        _text(known.get("form")),
                        _text(known.get("quantity")),
                        file=t.info.file,
                        row=raw.row,
                        line=raw.line,
                    )
                )
    has_channel_table = any(t.info.kind == "channels" for t in tables)
    has_component_table = any(t.info.kind == "components" for t in tables)
    procedures: list[ProcedureRecord] = []
    seen: set[str] = set()
    for t in tables:
        if t.info.kind != "procedures":
            continue
        for raw, known, extra in t.rows:
            code = _text(known.get("code")) or _text(known.get("local_code"))
            seen.add(code)
            channels: tuple[ChannelRow, ...] = ()
            components: tuple[ComponentRow, ...] = ()
            if has_channel_table:
                channels = tuple(channel_rows.get(code, ()))
            else:
                channels = _embedded_channels(known, t.info.file, raw)
            if has_component_table:
                components = tuple(component_rows.get(code, ()))
            elif isinstance(_json_list(known.get("components")), list):
                components = _nested_components(_json_list(known["components"]), t.info.file, raw)
            procedures.append(
                ProcedureRecord(
                    code,
                    known,
                    extra,
                    channels,
                    components,
                    file=t.info.file,
                    row=raw.row,
                    line=raw.line,
                    units=t.info.units,
                )
            )
    have_procedure_table = any(t.info.kind == "procedures" for t in tables)
    for code in order:
        if code in seen:
            continue
        chans = tuple(channel_rows.get(code, ()))
        comps = tuple(component_rows.get(code, ()))
        first = (chans or comps)[0]
        if have_procedure_table:
            findings.append(
                rule("orphan-row").finding(
                    row=first.row, field="code", file=first.file, line=first.line, value=code
                )
            )
        procedures.append(
            ProcedureRecord(
                code,
                {"code": code},
                {},
                chans,
                comps,
                file=first.file,
                row=first.row,
                line=first.line,
                stub=True,
            )
        )
    return procedures


def _json_list(value: Any) -> Any:
    """A JSON list written into one cell (by :func:`catalogue_rows`) read back, else as is."""
    if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        try:
            loaded = load_json_cell(value)
        except ValueError:
            return value
        if isinstance(loaded, list):
            return loaded
    return value


def _embedded_channels(known: dict[str, Any], file: str, raw: RawRow) -> tuple[ChannelRow, ...]:
    listed = _json_list(known.get("channel_list"))
    if isinstance(listed, list):
        return _nested_channels(listed, file, raw)
    method_list = _json_list(known.get("method"))
    if isinstance(method_list, list):
        return _nested_channels(method_list, file, raw)
    if isinstance(listed, str) and listed.strip():
        # joined by "|" (this project's flat format), or as people write a list
        sep = "|" if "|" in listed else _LIST_SEP
        labels = [x for x in re.split(sep if sep != "|" else r"\|", listed) if x.strip()]
        times = re.split(r"\|" if sep == "|" else sep, _text(known.get("time_list")))
        return tuple(
            ChannelRow(
                label.strip(),
                times[i].strip() if i < len(times) else "",
                file=file,
                row=raw.row,
                line=raw.line,
            )
            for i, label in enumerate(labels)
        )
    method = known.get("method")
    if isinstance(method, str) and method.startswith(METHOD_TABLE_HEADER):
        return tuple(
            ChannelRow(
                c.label,
                c.time.strip(),
                c.fee.strip(),
                c.description.strip(),
                file=file,
                row=raw.row,
                line=raw.line,
                time_glued=c.amount_glued,
            )
            for c in split_channel_cells(method)
        )
    return ()


def catalogue_paths(directory: str | os.PathLike[str]) -> list[Path]:
    """The table files of a directory, sorted (a convenience for split exports)."""
    return sorted(
        p
        for p in Path(directory).iterdir()
        if p.suffix.lower() in {".csv", ".tsv", ".xlsx", ".json", ".jsonl"}
    )
