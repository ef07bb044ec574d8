"""Hostile and malformed files: no row or column lost without a word, never a traceback.

Each test builds its hostile file itself, small, in a temporary folder, and checks the
finding or the error (an :class:`~procedurekit.errors.InputFileError`: exit status 2).
Costs (time, memory) are in ``test_io_hostile_cost.py``; the CLI's exit codes in
``tests/cli/test_cli_hostile.py``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from _hostile import rows_xml, sheet_xml, write_xlsx

from procedurekit._time import VIETNAM_TZ
from procedurekit.checks import audit_files, validate_files
from procedurekit.errors import InputFileError, InvalidArgumentError, ProcedureKitError
from procedurekit.findings import Finding, FindingSink, Severity
from procedurekit.io import (
    ReadLimits,
    iter_dossiers,
    read_catalogue,
    write_csv,
)
from procedurekit.metrics import metrics_from_files

CATALOGUE = "code,name,processing_time\n"
DOSSIERS = "dossier_code,procedure_code,channel,received_at,appointment_date,status\n"


def dossier_line(i: int, procedure: str = "1.000001", status: str = "in_progress") -> str:
    return f"H01-250701-{i:04d},{procedure},online,2025-07-01T08:00,2025-07-08,{status}\n"


def codes(findings: list[Finding] | tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


def one(findings: list[Finding] | tuple[Finding, ...], code: str) -> Finding:
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, codes(findings)
    return found[0]


# -- columns lost without a word -----------------------------------------------------------------


def test_a_repeated_receipt_column_keeps_both_and_reads_the_first(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text(
        "Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Trạng thái,Ngày tiếp nhận\n"
        "H01-250701-0001,1.000001,01/07/2025 08:00,Đã tiếp nhận,02/07/2025 09:30\n"
        "H01-250701-0002,1.000001,01/07/2025 10:00,Đã tiếp nhận,\n",
        encoding="utf-8",
    )
    stream = iter_dossiers(p)
    first, second = list(stream)
    assert first.received_at == datetime(2025, 7, 1, 8, 0, tzinfo=VIETNAM_TZ)
    assert second.received_at == datetime(2025, 7, 1, 10, 0, tzinfo=VIETNAM_TZ)
    assert first.extra == {"Ngày tiếp nhận (column 5)": "02/07/2025 09:30"}
    f = one(stream.sink.examples, "duplicate-column")
    assert f.severity is Severity.WARNING
    assert f.line == 1
    assert "columns 3 and 5 are both headed 'Ngày tiếp nhận'" in f.message
    assert "column 3 is read" in f.message
    assert "'Ngày tiếp nhận (column 5)'" in f.message
    assert "unknown-column" not in stream.sink.counts


def test_two_headers_naming_one_column_in_a_workbook(tmp_path: Path) -> None:
    p = write_xlsx(
        tmp_path / "c.xlsx",
        sheet_xml(
            rows_xml(
                [
                    ["Mã số", "Tên", "ma_thu_tuc", "Thời hạn giải quyết"],
                    ["1.000001", "A", "9.999999", "5 ngày làm việc"],
                ]
            )
        ),
    )
    cat = read_catalogue(p)
    [proc] = cat.procedures
    assert proc.code == "1.000001"
    assert proc.extra == {"ma_thu_tuc": "9.999999"}
    f = one(cat.findings, "duplicate-column")
    assert "'Mã số' (column A) and 'ma_thu_tuc' (column C) both name the column 'code'" in (
        f.message
    )
    assert "column A is read as code" in f.message
    assert "unknown-column" not in codes(cat.findings)


def test_two_json_keys_naming_one_column(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(
        '{"code": "1.000001", "ma_thu_tuc": "9.999999", "name": "A"}\n'
        '{"ma_thu_tuc": "1.000002", "name": "B"}\n',
        encoding="utf-8",
    )
    cat = read_catalogue(p)
    assert [p.code for p in cat.procedures] == ["1.000001", "1.000002"]
    assert cat.procedures[0].extra == {"ma_thu_tuc": "9.999999"}
    f = one(cat.findings, "duplicate-column")
    assert "the keys 'code' and 'ma_thu_tuc' both name the column 'code'" in f.message


def test_blank_headers_are_kept_and_reported(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text(
        "code,,name,,processing_time,\n1.000001,x1,A,x2,5 ngày,\n1.000002,,B,,5 ngày,\n",
        encoding="utf-8",
    )
    cat = read_catalogue(p)
    first, second = cat.procedures
    assert first.extra == {"(column 2)": "x1", "(column 4)": "x2"}
    assert second.extra == {}
    blank = [f for f in cat.findings if f.code == "blank-header"]
    assert [(f.field, f.row, f.line) for f in blank] == [("(column 2)", 1, 2), ("(column 4)", 1, 2)]
    assert "column 2 has no header but holds data" in blank[0].message
    assert codes(cat.findings) == ["blank-header", "blank-header"]  # column 6: empty, silent


def test_blank_header_in_a_workbook(tmp_path: Path) -> None:
    p = write_xlsx(
        tmp_path / "c.xlsx",
        sheet_xml(
            rows_xml(
                [["Mã số", None, "Tên"], ["1.000001", "ghi chú", "A"], ["1.000002", None, "B"]]
            )
        ),
    )
    cat = read_catalogue(p)
    assert cat.procedures[0].extra == {"(column B)": "ghi chú"}
    assert one(cat.findings, "blank-header").field == "(column B)"


def test_workbook_cells_right_of_the_header_are_kept_like_csv(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Mã số", "Tên", "Thời hạn giải quyết"]]
    rows.append(["1.000001", "A", "5 ngày", None, "ghi chú lạc"])
    xlsx = read_catalogue(write_xlsx(tmp_path / "c.xlsx", sheet_xml(rows_xml(rows))))
    path = tmp_path / "c.csv"
    path.write_text("Mã số,Tên,Thời hạn giải quyết\n1.000001,A,5 ngày,,ghi chú lạc\n", "utf-8")
    text = read_catalogue(path)
    for cat in (xlsx, text):
        f = one(cat.findings, "malformed-row")
        assert (f.row, f.line) == (1, 2)
        assert "ghi chú lạc" in cat.procedures[0].extra["_extra_cells"]
    assert "right of the header's last column C (E)" in one(xlsx.findings, "malformed-row").message


def test_workbook_without_a_header_says_where_it_looked(tmp_path: Path) -> None:
    rows = [[f"dòng {i}", i, "không phải tiêu đề"] for i in range(1, 31)]
    p = write_xlsx(tmp_path / "c.xlsx", sheet_xml(rows_xml(rows)))
    cat = read_catalogue(p)
    assert cat.rows == 0
    f = one(cat.findings, "no-data-rows")
    assert f.severity.value == "error"
    assert "no sheet has a header row naming two known columns" in f.message
    assert "sheet 'Sheet1': no header row in its first 20 non-empty rows (rows 1 to 20)" in (
        f.message
    )
    assert "--sheet NAME" in f.message


def test_workbook_header_below_a_title(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["DANH SÁCH THỦ TỤC"], [], ["Mã số", "Tên"], ["1.000001", "A"]]
    cat = read_catalogue(write_xlsx(tmp_path / "c.xlsx", sheet_xml(rows_xml(rows))))
    assert (cat.rows, cat.procedures[0].line, cat.lines_rejected) == (1, 4, 0)


# -- rows lost without a word: a stray quote, every physical line accounted for -----------------


def test_a_stray_quote_swallows_no_dossier(tmp_path: Path) -> None:
    lines = [dossier_line(i) for i in range(1, 21)]
    lines[1] = lines[1].replace(",in_progress\n", ',"in_progress\n')  # opened, never closed
    p = tmp_path / "d.csv"
    p.write_text(DOSSIERS + "".join(lines), encoding="utf-8")
    stream = iter_dossiers(p)
    records = list(stream)
    assert [r.dossier_code for r in records] == [f"H01-250701-{i:04d}" for i in range(1, 21)]
    assert records[1].status == "in_progress"
    assert stream.rows + stream.lines_rejected == 20
    f = one(stream.sink.examples, "malformed-row")
    assert f.line == 3
    assert f.message.startswith("lines 3-21 cannot be read as one CSV record")
    assert "a quoted cell opened on line 3" in f.message
    assert "each of the 19 lines was read on its own" in f.message


def test_a_stray_quote_closed_by_another_loses_nothing(tmp_path: Path) -> None:
    lines = [dossier_line(i) for i in range(1, 11)]
    lines[1] = lines[1].replace(",in_progress\n", ',"in_progress\n')
    lines[6] = lines[6].replace(",online,", ',online",')  # closes the quote: one long record
    p = tmp_path / "d.csv"
    p.write_text(DOSSIERS + "".join(lines), encoding="utf-8")
    stream = iter_dossiers(p)
    assert [r.dossier_code for r in stream] == [f"H01-250701-{i:04d}" for i in range(1, 11)]
    assert stream.rows + stream.lines_rejected == 10
    f = next(f for f in stream.sink.examples if f.code == "malformed-row")
    assert f.message.startswith("lines 3-8 cannot be read as one CSV record (9 cells")


def test_a_stray_quote_in_a_catalogue_loses_no_procedure(tmp_path: Path) -> None:
    cat = tmp_path / "c.csv"
    cat.write_text(
        CATALOGUE
        + '1.000001,A,"5 ngày làm việc\n'  # the stray quote
        + "".join(f"1.00000{i},P{i},5 ngày làm việc\n" for i in range(2, 8)),
        encoding="utf-8",
    )
    read = read_catalogue(cat)
    assert [p.code for p in read.procedures] == [f"1.00000{i}" for i in range(1, 8)]
    assert read.procedures[0].get("processing_time") == "5 ngày làm việc"
    assert codes(read.findings) == ["malformed-row"]
    d = tmp_path / "d.csv"
    d.write_text(DOSSIERS + "".join(dossier_line(i, f"1.00000{i}") for i in range(2, 8)))
    report = audit_files(d, cat, as_of=date(2025, 8, 1))
    assert "unknown-procedure" not in report.stats["findings_by_code"]
    assert report.stats["findings_by_code"]["malformed-row"] == 1  # the catalogue's
    assert not report.valid


def test_a_single_bad_quote_is_read_leniently_and_reported(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text(CATALOGUE + '1.000001,"A"x,5 ngày\n1.000002,B,5 ngày\n', encoding="utf-8")
    cat = read_catalogue(p)
    assert [p.name for p in cat.procedures] == ["Ax", "B"]
    f = one(cat.findings, "malformed-row")
    assert "read leniently" in f.message
    assert (f.row, f.line) == (1, 2)


def test_truncated_last_line_is_one_finding(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text(CATALOGUE + '1.000001,A,5 ngày\n1.000002,"B trunc', encoding="utf-8")
    cat = read_catalogue(p)
    assert cat.rows == 2
    f = one(cat.findings, "malformed-row")
    assert "truncated" in f.message


def test_a_record_past_the_line_limit_is_read_line_by_line(tmp_path: Path) -> None:
    # A quote opened on line 2 would swallow the whole file: past max_line_bytes the lines
    # are read again one by one, in bounded memory.
    body = "".join(f"1.{i:06d},P{i},5 ngày\n" for i in range(2, 2_000))
    p = tmp_path / "c.csv"
    p.write_text(CATALOGUE + '1.000001,"A,5 ngày\n' + body, encoding="utf-8")
    cat = read_catalogue(p, limits=ReadLimits(max_line_bytes=4096))
    assert cat.rows == 1_999
    assert cat.procedures[-1].code == "1.001999"
    f = next(f for f in cat.findings if f.code == "malformed-row")
    assert "past the limit of 4,096 characters" in f.message


def test_every_physical_line_is_accounted_for(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_bytes(
        (
            CATALOGUE
            + "1.000001,A,5 ngày\n"
            + "\n"  # blank
            + "1.000002,"
            + "y" * 5000  # too long
            + ",5 ngày\n"
            + "1.000003,C,5 ngày\n"
            + " \n"  # blank
            + "1.000004,D\n"  # short: a row, reported
        ).encode()
    )
    cat = read_catalogue(p, max_line_bytes=1000)
    assert cat.rows == 3
    assert (cat.lines_rejected, cat.lines_blank) == (3, 2)
    assert cat.rows + cat.lines_rejected == 6  # the data lines
    report = validate_files(p, limits=ReadLimits(max_line_bytes=1000))
    assert (report.stats["rows"], report.stats["lines_rejected"]) == (3, 3)
    assert report.stats["tables"][0]["lines_rejected"] == 3


def test_json_lines_accounting(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    p.write_text(
        '{"dossier_code": "A"}\nnot json\n\n[1, 2]\n{"dossier_code": "B"}\n', encoding="utf-8"
    )
    stream = iter_dossiers(p)
    assert [r.dossier_code for r in stream] == ["A", "B"]
    assert (stream.rows, stream.lines_rejected, stream.lines_blank) == (2, 3, 1)


# -- catalogue findings count in every report built on the catalogue ------------------------------


def _lossy_catalogue(tmp_path: Path) -> Path:
    cat = tmp_path / "c.csv"
    cat.write_text(
        CATALOGUE + "1.000001,A,5 ngày làm việc\n1.000002," + "x" * 3000 + ",2 ngày làm việc\n",
        encoding="utf-8",
    )
    return cat


def test_audit_reports_the_catalogue_findings(tmp_path: Path) -> None:
    cat = _lossy_catalogue(tmp_path)
    d = tmp_path / "d.csv"
    d.write_text(DOSSIERS + dossier_line(1), encoding="utf-8")
    report = audit_files(d, cat, as_of=date(2025, 8, 1), limits=ReadLimits(max_line_bytes=1024))
    assert not report.valid
    f = one(report.findings, "line-too-long")
    assert (f.file, f.line) == (str(cat), 3)
    assert report.stats["rows"] == 1


def test_metrics_count_the_catalogue_findings(tmp_path: Path) -> None:
    cat = _lossy_catalogue(tmp_path)
    d = tmp_path / "d.csv"
    d.write_text(DOSSIERS + dossier_line(1), encoding="utf-8")
    sink = FindingSink()
    metrics_from_files(
        d,
        catalogue=[cat],
        as_of=date(2025, 8, 1),
        sink=sink,
        limits=ReadLimits(max_line_bytes=1024),
    )
    assert sink.counts["line-too-long"] == 1


# -- JSON: repeated keys, NaN and Infinity, deep nesting ---------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".json.gz"])
def test_json_repeated_keys_and_non_numbers(tmp_path: Path, suffix: str) -> None:
    records = [
        '{"code": "1.000001", "name": "A", "code": "9.999999", "processing_time": NaN,'
        ' "fee": 1e400, "channels": [{"channel": "Trực tuyến", "fee": -Infinity}]}',
        '{"code": "1.000002", "name": "B", "processing_time": "5 ngày làm việc"}',
    ]
    text = "\n".join(records) + "\n" if suffix == ".jsonl" else "[" + ",\n".join(records) + "]"
    p = tmp_path / f"c{suffix}"
    data = text.encode()
    p.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    cat = read_catalogue(p)
    first, second = cat.procedures
    assert first.code == "1.000001"  # the first value is read
    assert first.extra == {"code (2)": "9.999999"}
    assert "processing_time" not in first.fields
    assert "fee" not in first.fields
    assert first.channels[0].fee == ""
    repeated = one(cat.findings, "duplicate-key")
    assert "'code' appears 2 times" in repeated.message
    assert "'code (2)'" in repeated.message
    bad = [f for f in cat.findings if f.code == "invalid-number"]
    assert [(f.field, f.value) for f in bad] == [
        ("processing_time", "NaN"),
        ("fee", "Infinity"),
        ("channels[0].fee", "-Infinity"),
    ]
    assert all(f.severity is Severity.ERROR and f.row == 1 for f in bad)
    assert second.get("processing_time") == "5 ngày làm việc"
    assert "unknown-column" not in codes(cat.findings)


def test_json_dossiers_non_numbers(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    p.write_text('{"dossier_code": "A", "fee_paid_online": NaN, "status": "received"}\n')
    stream = iter_dossiers(p)
    [rec] = list(stream)
    assert rec.fee_paid_online is None
    assert stream.sink.counts["invalid-number"] == 1


@pytest.mark.parametrize("depth", [33, 250, 600, 990])
def test_a_deeply_nested_json_cell_is_rejected_cleanly(tmp_path: Path, depth: int) -> None:
    deep = "[" * depth + "]" * depth
    p = tmp_path / "c.json"
    p.write_text(f'[{{"code": "1.000001", "legal_basis": {deep}}}, {{"code": "1.000002"}}]')
    cat = read_catalogue(p)
    assert [p.code for p in cat.procedures] == ["1.000002"]
    f = one(cat.findings, "malformed-row")
    assert "past the limit of 32 (max_depth)" in f.message
    assert (cat.rows, cat.lines_rejected) == (1, 1)
    assert validate_files(p).stats["lines_rejected"] == 1


def test_the_608_byte_nested_catalogue(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text('{"code": "1.000001", "components": ' + "[" * 290 + "]" * 290 + "}\n")
    assert p.stat().st_size < 620
    report = validate_files(p)
    assert report.stats["findings_by_code"]["malformed-row"] == 1


def test_a_nested_event_log_in_a_csv_cell(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    events = '"' + "[" * 500 + "]" * 500 + '"'
    p.write_text("dossier_code,received_at,events\nA,2025-07-01T08:00," + events + "\n")
    stream = iter_dossiers(p)
    [rec] = list(stream)
    assert rec.events == ()
    assert stream.sink.counts["malformed-events"] == 1


def test_deeper_than_python_can_parse_is_skipped_and_reported(tmp_path: Path) -> None:
    p = tmp_path / "c.json"
    p.write_text('[{"x": ' + "[" * 100_000 + "]" * 100_000 + '}, {"code": "1.000002"}]')
    cat = read_catalogue(p)
    assert [p.code for p in cat.procedures] == ["1.000002"]
    assert "too deeply to be read" in one(cat.findings, "malformed-row").message
    p.write_text('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}")  # not a list item
    with pytest.raises(InputFileError, match="nests too deeply"):
        read_catalogue(p)


def test_json_document_errors_say_where(tmp_path: Path) -> None:
    p = tmp_path / "c.json"
    p.write_text('[{"code": "1.000001"},\n{"code": "1.000002",]')
    with pytest.raises(InputFileError, match="not valid JSON at line 2"):
        read_catalogue(p)
    p.write_text('{"procedures": [{"code": "1.000001"}], "x": 1} trailing')
    with pytest.raises(InputFileError, match="extra data"):
        read_catalogue(p)


def test_json_wrapper_object_streams_its_list(tmp_path: Path) -> None:
    p = tmp_path / "c.json"
    p.write_text(
        '{"schema_version": 2, "procedures": [{"code": "1.000001"}, 7, {"code": "1.000002"}]}'
    )
    cat = read_catalogue(p)
    assert [p.code for p in cat.procedures] == ["1.000001", "1.000002"]
    assert (cat.rows, cat.lines_rejected) == (2, 1)
    single = tmp_path / "one.json"
    single.write_text('{"code": "1.000003", "name": "C"}')
    assert [p.code for p in read_catalogue(single).procedures] == ["1.000003"]


# -- tracebacks ------------------------------------------------------------------------------


HEADER = rows_xml([["Mã số", "Tên", "Thời hạn giải quyết"], ["1.000001", "A", "5 ngày"]])
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.mark.parametrize(
    ("sheet", "match"),
    [
        (sheet_xml(HEADER + "<row r='3'><c r='A3'><v>1</c></row>"), "not well-formed XML"),
        (
            '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;'
            f'&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="{NS}"><sheetData>{HEADER}<row r="3">'
            '<c r="A3" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>',
            "DTD",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            f'<worksheet xmlns="{NS}"><sheetData>{HEADER}<row r="3"><c r="A3" t="inlineStr">'
            "<is><t>&e;</t></is></c></row></sheetData></worksheet>",
            "DTD",
        ),
        (sheet_xml(HEADER + "<row r='3'><c r='A3'><v>&undefined;</v></c></row>"), "XML"),
        (sheet_xml(HEADER + "<row r='2'><c r='A2'><v>1</v></c></row>"), "rows must be in order"),
        (sheet_xml(HEADER + "<row r='3'><c r='A3' t='s'><v>5</v></c></row>"), "shared string"),
        (sheet_xml(HEADER + "<row r='3'><c r='?3'><v>1</v></c></row>"), "not a cell"),
    ],
)
def test_xml_errors_in_a_sheet_are_input_errors(tmp_path: Path, sheet: str, match: str) -> None:
    p = write_xlsx(tmp_path / "w.xlsx", sheet)
    with pytest.raises(InputFileError, match=match) as info:
        read_catalogue(p)
    assert isinstance(info.value, ProcedureKitError)
    assert "w.xlsx" in str(info.value)


def test_a_corrupt_archive_member_is_an_input_error(tmp_path: Path) -> None:
    p = write_xlsx(tmp_path / "w.xlsx", sheet_xml(HEADER * 50))
    data = bytearray(p.read_bytes())
    at = data.index(b"xl/worksheets/sheet1.xml") + 200
    data[at : at + 64] = b"\xff" * 64  # garbage inside the compressed sheet
    p.write_bytes(bytes(data))
    with pytest.raises(InputFileError):
        read_catalogue(p)


def test_a_bad_delimiter_is_an_argument_error(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text(CATALOGUE + "1.000001,A,5 ngày\n")
    for bad in ("ab", '"', "\n", ""):
        with pytest.raises(InvalidArgumentError, match="delimiter"):
            read_catalogue(p, delimiter=bad)
    assert read_catalogue(p, delimiter=",").rows == 1
    tsv = tmp_path / "c.txt"
    tsv.write_text("code\tname\n1.000001\tA\n")
    assert read_catalogue(tsv, delimiter="\\t").procedures[0].name == "A"


def test_limits_are_checked() -> None:
    with pytest.raises(InvalidArgumentError, match="max_depth"):
        ReadLimits(max_depth=0)
    with pytest.raises(InvalidArgumentError, match="max_cell_chars"):
        ReadLimits(max_cell_chars="9")  # type: ignore[arg-type]


# -- workbook values are read as openpyxl reads them ----------------------------------------------


def test_workbook_values_match_openpyxl(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã số", "Tên", "Ngày hiệu lực", "Số", "Có", "Giờ"])
    ws.append(["1.000001", "Dòng\nhai", datetime(2025, 7, 1), 12, True, 0.5])
    ws.append(["1.000002", "=SUM(1)", datetime(2025, 7, 1, 8, 30), 1.5, False, None])
    ws["F3"].number_format = "h:mm"
    ws["F2"].number_format = "h:mm"
    p = tmp_path / "w.xlsx"
    wb.save(p)
    ours = [r.values for r in _rows(p)]
    book = openpyxl.load_workbook(p, read_only=True, data_only=True)
    theirs = list(book.worksheets[0].iter_rows(values_only=True))
    for mine, row in zip(ours, theirs[1:], strict=True):
        assert [mine.get(h) for h in theirs[0]] == list(row)


def _rows(path: Path) -> list[Any]:
    from procedurekit.io._tables import open_table

    return list(open_table(path).rows)


# -- writers -------------------------------------------------------------------------------------


HOSTILE = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=x", "\r=x", "a\rb", " =1",
           "\u200b=1", "＝1"]  # fmt: skip
#: Values the dossier reader keeps as they are (it strips spaces and invisible characters).
KEYS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "a\rb", "＝1"]


def test_write_csv_escapes_and_quotes(tmp_path: Path) -> None:
    p = tmp_path / "out.csv"
    write_csv(p, [{"v": v, "n": -5} for v in HOSTILE])
    raw = p.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert len(rows) == len(HOSTILE) + 1
    for (cell, n), original in zip(rows[1:], HOSTILE, strict=True):
        assert cell.startswith("'") or cell == "a\rb", cell
        assert cell.lstrip("'") == original
        assert n == "-5"  # a number is written as a number
    assert '"a\rb"' in raw  # a bare carriage return is quoted
    assert raw.count("\r\n") == len(HOSTILE) + 1


def test_metrics_csv_escapes_hostile_group_keys(tmp_path: Path) -> None:
    from procedurekit.reports import render_csv

    cat = tmp_path / "c.csv"
    cat.write_text(CATALOGUE + "1.000001,A,5 ngày làm việc\n", encoding="utf-8")
    d = tmp_path / "d.csv"
    rows = "".join(
        f'H01-250701-{i:04d},1.000001,online,2025-07-01T08:00,2025-07-08,in_progress,"{agency}"\n'
        for i, agency in enumerate(KEYS)
    )
    d.write_text(DOSSIERS.rstrip("\n") + ",agency\n" + rows, encoding="utf-8")
    result = metrics_from_files(d, catalogue=[cat], by="agency", as_of=date(2025, 8, 1))
    text = render_csv(result)
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    keys = [r[0] for r in parsed[2:]]
    assert sorted(k.lstrip("'") for k in keys) == sorted(KEYS)
    for key in keys:
        assert key == "a\rb" or key.startswith("'"), key
    assert len(parsed) == len(KEYS) + 2


def test_per_dossier_csv_escapes(tmp_path: Path) -> None:
    from procedurekit.judge import Judgement
    from procedurekit.reports import PerDossierWriter

    out = tmp_path / "j.csv"
    with PerDossierWriter(out) as w:
        for v in HOSTILE:
            w.write(Judgement(code=v, agency=v))
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert len(rows) == len(HOSTILE)
    for row in rows:
        assert row["dossier_code"] == "a\rb" or row["dossier_code"].startswith("'")


# -- text outputs --------------------------------------------------------------------------------


def test_text_and_github_reports_escape_control_characters(tmp_path: Path) -> None:
    from procedurekit.findings import format_report

    label = "Trực tiếp\n::add-mask::s3cret\r\n::error file=x::pwned\x1b[2J\u202e"
    cat = tmp_path / "c.csv"
    cat.write_text("code,processing_time\n1.000001,5 ngày\n", encoding="utf-8")
    ch = tmp_path / "ch.csv"
    ch.write_text(
        "code,channel,processing_time\n" + f'1.000001,"{label}",5 ngày\n', encoding="utf-8"
    )
    report = validate_files([cat, ch])
    assert any("::add-mask::" in f.message for f in report.findings)
    for fmt in ("text", "github"):
        out = format_report(report, fmt, limit=-1)  # type: ignore[arg-type]
        for line in out.splitlines():
            assert not line.startswith(("::add-mask", "::error file=x")), line
        assert "\x1b" not in out
        assert "\u202e" not in out
        assert "\r" not in out
    assert "::add-mask::s3cret" in format_report(report, "text", limit=-1)  # shown, escaped
    assert json.loads(format_report(report, "json"))["stats"]["rows"] == 2


def test_metrics_text_escapes_control_characters(tmp_path: Path) -> None:
    from procedurekit.reports import render_text

    cat = tmp_path / "c.csv"
    cat.write_text(CATALOGUE + "1.000001,A,5 ngày làm việc\n", encoding="utf-8")
    d = tmp_path / "d.csv"
    d.write_text(
        DOSSIERS.rstrip("\n")
        + ",agency\n"
        + 'H01-250701-0001,1.000001,online,2025-07-01T08:00,2025-07-08,in_progress,"X\n::add-mask'
        + '::y\x1b[31m"\n',
        encoding="utf-8",
    )
    text = render_text(metrics_from_files(d, catalogue=[cat], by="agency", as_of=date(2025, 8, 1)))
    assert "\x1b" not in text
    assert not any(line.startswith("::") for line in text.splitlines())
    assert "X\\n::add-mask::y\\x1b[31m" in text


def test_a_header_line_past_the_limit_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("code," + "x" * 2000 + "\n1.000001,A\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="the header line has 2,006 bytes"):
        read_catalogue(p, max_line_bytes=1000)


def test_audit_stats_account_for_every_dossier_line(tmp_path: Path) -> None:
    cat = tmp_path / "c.csv"
    cat.write_text(CATALOGUE + "1.000001,A,5 ngày làm việc\n", encoding="utf-8")
    d = tmp_path / "d.csv"
    d.write_text(
        DOSSIERS + dossier_line(1) + "\n" + "y" * 3000 + "\n" + dossier_line(2), encoding="utf-8"
    )
    report = audit_files(d, cat, as_of=date(2025, 8, 1), limits=ReadLimits(max_line_bytes=1024))
    stats = report.stats
    assert (stats["rows"], stats["lines_rejected"], stats["lines_blank"]) == (2, 2, 1)
