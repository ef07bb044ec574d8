"""Fuzz the readers: every physical row of a generated file is accounted for.

Catalogues and dossier files are generated in CSV, TSV, XLSX, JSON and JSON Lines (gzipped
or not), then damaged the way careless exporters and attackers damage them: blank and
over-long lines, a stray quote, undecodable bytes, cells missing or in excess, repeated
and blank headers, invisible characters, NaN and repeated keys, values nested too deeply,
gaps and cells right of the header in a workbook. Whatever the damage, reading either
succeeds or raises :class:`~procedurekit.errors.InputFileError` (nothing else), and for a
file without multi-line cells ``rows + lines_rejected`` is its number of data lines (for a
workbook, of sheet rows below the header; for JSON, of list items).
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from _hostile import rows_xml, sheet_xml, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procedurekit.errors import InputFileError
from procedurekit.io import ReadLimits, iter_dossiers, read_catalogue

LIMITS = ReadLimits(max_line_bytes=300, max_cell_chars=120, max_depth=6)
#: JSON records are longer (a value nested 1,200 deep): lines may be, too.
JSON_LIMITS = ReadLimits(max_line_bytes=16_384, max_cell_chars=120, max_depth=6)
CATALOGUE_HEADERS = ["Mã số", "Tên", "Thời hạn giải quyết", "Phí, lệ phí", "Cấp thực hiện"]
DOSSIER_HEADERS = ["Mã hồ sơ", "Mã thủ tục", "Ngày tiếp nhận", "Trạng thái", "Hình thức nộp"]

# Cell text without the characters that could make a multi-line CSV record (quotes, line
# breaks) or split a cell (delimiters): the damage adds those on purpose.
cell = st.text(
    alphabet=st.one_of(
        st.characters(
            blacklist_categories=("Cs", "Cc"),
            blacklist_characters='",;\t\u2028\u2029\x85',
        ),
        st.sampled_from("\u00ad\u200b\u200e\u202e\ufeffđĐày "),
    ),
    max_size=20,
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    base = draw(st.sampled_from([CATALOGUE_HEADERS, DOSSIER_HEADERS]))
    headers = list(base[:2]) + draw(
        st.lists(st.sampled_from([*base[2:], "", "Ghi chú", base[0]]), max_size=4)
    )
    width = len(headers)
    rows = draw(
        st.lists(
            st.lists(cell, min_size=max(0, width - 2), max_size=width + 2),
            min_size=0,
            max_size=25,
        )
    )
    return headers, rows


DAMAGE = st.sampled_from(
    ["none", "blank", "long", "stray-quote", "bad-bytes", "spaces", "bom", "crlf"]
)


def _csv(
    headers: list[str], rows: list[list[str]], damage: list[str], sep: str, quote_at: int
) -> tuple[bytes, int]:
    """The file's bytes and its number of data lines."""
    lines = [sep.join(headers).encode()]
    for i, cells in enumerate(rows):
        kind = damage[i % len(damage)] if damage else "none"
        text = sep.join(cells)
        if kind == "stray-quote" and i == quote_at:
            text = sep.join([*cells[:-1], '"' + (cells[-1] if cells else "")])
        data = text.encode()
        if kind == "long":
            data += b"x" * 400
        elif kind == "bad-bytes":
            data += b"\xff\xfe\xc3"
        elif kind == "spaces":
            data = b"   "
        elif kind == "crlf":
            data += b"\r"
        lines.append(data)
        if kind == "blank":
            lines.append(b"")
    body = b"\n".join(lines) + b"\n"
    if damage and damage[0] == "bom":
        body = b"\xef\xbb\xbf" + body
    return body, len(lines) - 1


#: Findings that say a physical row below the header was read as part of it.
HEADER_ROWS = ("two-row-header", "column-numbers-row")


def _check_catalogue(path: Path, data_lines: int, limits: ReadLimits = LIMITS) -> None:
    try:
        cat = read_catalogue(path, limits=limits)
    except InputFileError:
        return
    # A row the reader reports as part of the header (a two-row header, a row numbering
    # the columns) is accounted for by that finding, not as a record or a rejected line.
    header = sum(f.code in HEADER_ROWS for f in cat.findings)
    assert cat.rows + cat.lines_rejected + header == data_lines, [
        (f.code, f.line, f.message) for f in cat.findings
    ]


def _check_dossiers(path: Path, data_lines: int, limits: ReadLimits = LIMITS) -> None:
    try:
        stream = iter_dossiers(path, limits=limits)
        records = list(stream)
    except InputFileError:
        return
    assert len(records) == stream.rows
    header = sum(stream.sink.counts[code] for code in HEADER_ROWS)
    assert stream.rows + stream.lines_rejected + header == data_lines


FUZZ = settings(
    max_examples=int(os.environ.get("PK_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(
    tables(),
    st.lists(DAMAGE, max_size=6),
    st.sampled_from([",", ";", "\t"]),
    st.integers(0, 30),
    st.booleans(),
)
def test_csv_every_line_accounted_for(
    table: tuple[list[str], list[list[str]]],
    damage: list[str],
    sep: str,
    quote_at: int,
    gz: bool,
) -> None:
    headers, rows = table
    body, data_lines = _csv(headers, rows, damage, sep, quote_at)
    with tempfile.TemporaryDirectory() as tmp:
        suffix = (".tsv" if sep == "\t" else ".csv") + (".gz" if gz else "")
        path = Path(tmp) / f"t{suffix}"
        path.write_bytes(gzip.compress(body) if gz else body)
        _check_catalogue(path, data_lines)
        _check_dossiers(path, data_lines)


json_value: st.SearchStrategy[Any] = st.recursive(
    st.one_of(cell, st.integers(-5, 10**6), st.floats(allow_nan=True), st.none(), st.booleans()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(cell, inner, max_size=3),
    max_leaves=12,
)


@st.composite
def json_records(draw: st.DrawFn) -> list[str]:
    """Record texts: objects (some with a repeated key, NaN, deep nesting), other values,
    invalid text."""
    base = draw(st.sampled_from([CATALOGUE_HEADERS, DOSSIER_HEADERS]))
    out = []
    for _ in range(draw(st.integers(0, 15))):
        kind = draw(st.sampled_from(["object", "object", "object", "other", "bad", "deep"]))
        if kind == "object":
            record = draw(st.dictionaries(st.sampled_from([*base, "x"]), json_value, max_size=6))
            text = json.dumps(record, ensure_ascii=draw(st.booleans()))
            if record and draw(st.booleans()):
                key = next(iter(record))
                text = text[:-1] + f", {json.dumps(key)}: 1}}"  # the key again
        elif kind == "other":
            text = json.dumps(draw(json_value))
        elif kind == "deep":
            depth = draw(st.integers(5, 1200))
            text = '{"a": ' + "[" * depth + "]" * depth + "}"
        else:
            text = draw(st.sampled_from(["{", "nope", '{"a": 1,}', "[1, 2", '{"a": NaN']))
        out.append(text)
    return out


@FUZZ
@given(json_records(), st.booleans(), st.booleans())
def test_json_lines_every_line_accounted_for(records: list[str], blank: bool, gz: bool) -> None:
    lines = [r for r in records if "\n" not in r]
    if blank:
        lines.append("   ")
    body = ("\n".join(lines) + "\n").encode() if lines else b""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("t.jsonl.gz" if gz else "t.jsonl")
        path.write_bytes(gzip.compress(body) if gz else body)
        _check_catalogue(path, len(lines), JSON_LIMITS)
        _check_dossiers(path, len(lines), JSON_LIMITS)


@FUZZ
@given(json_records(), st.booleans())
def test_json_every_item_accounted_for(records: list[str], wrapped: bool) -> None:
    valid = []
    for r in records:
        try:
            json.loads(r)
        except ValueError:
            continue
        except RecursionError:
            pass
        valid.append(r)
    body = "[" + ",\n".join(valid) + "]"
    if wrapped:
        body = '{"schema_version": 2, "procedures": ' + body + "}"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.json"
        path.write_text(body, encoding="utf-8")
        _check_catalogue(path, len(valid), JSON_LIMITS)
        _check_dossiers(path, len(valid), JSON_LIMITS)


@st.composite
def sheets(draw: st.DrawFn) -> tuple[str, int]:
    """A worksheet's XML (a title, a header, rows with gaps, blank rows, cells right of the
    header) and its number of rows below the header (a row element without a value is a
    blank line; absent rows between are blank lines too)."""
    headers, rows = draw(tables())
    title = draw(st.booleans())
    parts = []
    number = 0
    if title:
        number += 1
        parts.append(rows_xml([["DANH SÁCH"]], first_row=number))
    number += 1
    header_row = last = number
    parts.append(rows_xml([headers], first_row=number))
    for cells in rows:
        number += draw(st.integers(1, 3))  # a gap of absent rows
        kind = draw(st.sampled_from(["row", "row", "blank", "wide"]))
        values: list[Any] = list(cells)
        if kind == "blank":
            values = ["  "] * len(values) if values else [" "]
        elif kind == "wide":
            values = [*values, None, None, "lạc"]
        elif values and draw(st.booleans()):
            values[0] = draw(st.integers(0, 10**6))
        parts.append(rows_xml([values], first_row=number))
        last = number
    return sheet_xml("".join(parts)), last - header_row


@FUZZ
@given(sheets())
def test_xlsx_every_row_accounted_for(sheet: tuple[str, int]) -> None:
    xml, data_rows = sheet
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "t.xlsx", xml)
        for check in (_check_catalogue, _check_dossiers):
            check(path, data_rows)
