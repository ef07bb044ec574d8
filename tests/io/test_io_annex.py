"""Provincial exports as data teams receive them (issue #11, items 1, 2, 12 and 13).

Every input is generated here: empty files, workbooks with a cover sheet or several tables,
the annex headers of the provincial decisions that publish catalogues, a unit in a header,
a user's column map, Excel's trailing ``,,,,`` rows, a two-row merged header.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

import procedurekit as pk
from procedurekit.checks import validate_files
from procedurekit.errors import InputFileError, InvalidArgumentError
from procedurekit.io import (
    check_column_map,
    header_unit,
    iter_dossiers,
    read_catalogue,
    read_column_map,
    read_procedures,
)

openpyxl = pytest.importorskip("openpyxl")

#: The header row of a provincial decision's annex (danh mục kèm theo quyết định công bố).
ANNEX = [
    "STT",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Thời gian giải quyết",
    "Địa điểm thực hiện",
    "Phí, lệ phí (nếu có)",
    "Căn cứ pháp lý",
    "Lĩnh vực",
    "Cấp giải quyết",
    "Cơ quan giải quyết",
    "Mức độ DVCTT",
]
ANNEX_ROW = [
    1,
    "1.000001",
    "Cấp giấy phép A",
    "15 ngày làm việc",
    "Bộ phận một cửa UBND xã",
    "Miễn phí",
    "Luật 1/2024/QH15",
    "Đất đai",
    "Cấp tỉnh",
    "UBND tỉnh",
    "Toàn trình",
]


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def codes(findings: Any) -> list[str]:
    return [f.code for f in findings]


def one(findings: Any, code: str) -> pk.findings.Finding:
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, codes(findings)
    return found[0]


# -- 1. empty input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "note"),
    [("", "the file is empty"), ("Mã số,Tên,Thời hạn giải quyết\n", "only a header (line 1)")],
)
def test_an_empty_csv_is_an_error_not_a_valid_file(tmp_path: Path, text: str, note: str) -> None:
    p = tmp_path / "c.csv"
    p.write_text(text, encoding="utf-8")
    report = validate_files(p)
    assert not report.valid
    f = one(report.findings, "no-data-rows")
    assert f.severity is pk.findings.Severity.ERROR
    assert note in f.message


def test_blank_lines_alone_are_no_data_rows(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("Mã số,Tên,Thời hạn giải quyết\n,,\n\n", encoding="utf-8")
    cat = read_catalogue(p)
    assert (cat.rows, cat.lines_rejected, cat.lines_blank) == (0, 2, 2)
    assert "2 line(s) rejected (2 blank)" in one(cat.findings, "no-data-rows").message


def test_a_workbook_with_only_a_cover_sheet_names_the_sheets_seen(tmp_path: Path) -> None:
    p = workbook(
        tmp_path / "c.xlsx",
        {"Bìa": [["ỦY BAN NHÂN DÂN TỈNH"], ["Danh mục thủ tục"]], "Trống": []},
    )
    report = validate_files(p)
    assert not report.valid
    f = one(report.findings, "no-data-rows")
    assert "sheet 'Bìa': no header row in its first 2 non-empty rows (rows 1 to 2)" in f.message
    assert "sheet 'Trống': empty" in f.message
    assert "--sheet NAME" in f.message


def test_the_sheet_with_a_recognised_header_is_read_and_reported(tmp_path: Path) -> None:
    p = workbook(
        tmp_path / "c.xlsx",
        {"Hướng dẫn": [["Điền mỗi thủ tục một dòng"]], "Danh mục": [ANNEX, ANNEX_ROW]},
    )
    cat = read_catalogue(p)
    assert [p.code for p in cat.procedures] == ["1.000001"]
    assert [t.sheet for t in cat.tables] == ["Danh mục"]
    f = one(cat.findings, "sheet-read")
    assert f.severity is pk.findings.Severity.INFO
    assert "read the sheet 'Danh mục'" in f.message
    assert "'Hướng dẫn': no header row" in f.message
    report = validate_files(p)
    assert report.stats["tables"][0]["sheet"] == "Danh mục"


def test_the_sheets_of_one_workbook_are_the_catalogue_tables(tmp_path: Path) -> None:
    p = workbook(
        tmp_path / "c.xlsx",
        {
            "Thủ tục": [["Mã số", "Tên", "Trình tự thực hiện"], ["1.000001", "A", "x"]],
            "Kênh": [
                ["Mã số", "Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí"],
                ["1.000001", "Trực tiếp", "5 ngày làm việc", "Miễn phí"],
                ["1.000001", "Trực tuyến", "3 ngày làm việc", "Miễn phí"],
            ],
            "Thành phần": [["Mã số", "Tên giấy tờ"], ["1.000001", "Tờ khai"]],
        },
    )
    cat = read_catalogue(p)
    assert [(t.sheet, t.kind) for t in cat.tables] == [
        ("Thủ tục", "procedures"),
        ("Kênh", "channels"),
        ("Thành phần", "components"),
    ]
    [proc] = cat.procedures
    assert [c.processing_time for c in proc.channels] == ["5 ngày làm việc", "3 ngày làm việc"]
    assert [c.name for c in proc.components] == ["Tờ khai"]
    assert "the sheets 'Thủ tục', 'Kênh', 'Thành phần'" in one(cat.findings, "sheet-read").message
    # --sheet chooses: the procedure sheet alone has no time column
    only = read_catalogue(p, sheet="Thủ tục")
    assert [t.sheet for t in only.tables] == ["Thủ tục"]
    assert one(only.findings, "missing-key-column").field == "processing_time"
    with pytest.raises(InputFileError, match=r"no sheet named 'Sheet9' \(the workbook has "):
        read_catalogue(p, sheet="Sheet9")


def test_a_dossier_workbook_skips_its_cover_sheet(tmp_path: Path) -> None:
    header = ["Mã hồ sơ", "Mã thủ tục", "Ngày tiếp nhận", "Trạng thái"]
    p = workbook(
        tmp_path / "d.xlsx",
        {
            "Bìa": [["Báo cáo hồ sơ"]],
            "Hồ sơ": [header, ["H01-250701-0001", "1.000001", "2025-07-01", "received"]],
        },
    )
    stream = iter_dossiers(p)
    assert [d.dossier_code for d in stream] == ["H01-250701-0001"]
    named = iter_dossiers(p, sheet=["Không có", "Hồ sơ"])
    assert len(list(named)) == 1
    with pytest.raises(InputFileError, match="no sheet named 'Không có'"):
        iter_dossiers(p, sheet="Không có")


# -- 2. annex headers, units in headers, a column map ----------------------------------------


def test_annex_headers_are_recognised(tmp_path: Path) -> None:
    p = workbook(tmp_path / "a.xlsx", {"Sheet1": [ANNEX, ANNEX_ROW]})
    cat = read_catalogue(p)
    assert "unknown-column" not in codes(cat.findings)
    keys = cat.tables[0].columns
    assert keys == {
        "STT": "seq",
        "Mã TTHC": "code",
        "Tên thủ tục hành chính": "name",
        "Thời gian giải quyết": "processing_time",
        "Địa điểm thực hiện": "reception_address",
        "Phí, lệ phí (nếu có)": "fee",
        "Căn cứ pháp lý": "legal_basis",
        "Lĩnh vực": "field",
        "Cấp giải quyết": "level",
        "Cơ quan giải quyết": "implementing_agency",
        "Mức độ DVCTT": "online_level",
    }
    [proc] = read_procedures(p)
    assert proc.prescribed_time == pk.WorkingDays(15)


def test_district_level_and_bare_number_are_flagged_under_annex_headers(tmp_path: Path) -> None:
    row = list(ANNEX_ROW)
    row[3], row[8] = "15", "Cấp huyện"
    p = workbook(tmp_path / "a.xlsx", {"Sheet1": [ANNEX, row]})
    report = validate_files(p, as_of=date(2025, 8, 1))
    assert {"bare-number-time", "district-level-after-reform"} <= set(codes(report.findings))
    assert not report.valid


@pytest.mark.parametrize(
    ("header", "unit", "duration"),
    [
        ("Thời hạn giải quyết (ngày)", "calendar_days", pk.CalendarDays(15)),
        ("Thời hạn giải quyết (ngày làm việc)", "working_days", pk.WorkingDays(15)),
        ("Thời gian giải quyết (Ngày làm việc)", "working_days", pk.WorkingDays(15)),
        ("Thời hạn giải quyết (giờ)", "working_hours", pk.WorkingHours(15)),
        ("Thời hạn giải quyết (tháng)", "months", pk.Months(15)),
    ],
)
def test_a_unit_in_the_header_reads_bare_numbers(
    tmp_path: Path, header: str, unit: str, duration: Any
) -> None:
    assert header_unit(header) == unit
    p = tmp_path / "c.csv"
    p.write_text(f"Mã số,Tên,{header}\n1.000001,A,15\n1.000002,B,2 ngày làm việc\n", "utf-8")
    report = validate_files(p)
    assert "bare-number-time" not in codes(report.findings)
    times = report.stats["processing_times"]
    assert (times["parsed"], times["unit_from_header"], times["bare_number"]) == (2, 1, 0)
    procs = read_procedures(p)
    assert procs[0].prescribed_time == duration
    assert procs[1].prescribed_time == pk.WorkingDays(2)  # a written unit wins


def test_a_bracket_that_is_not_a_unit_is_no_unit() -> None:
    assert header_unit("Phí, lệ phí (nếu có)") is None
    assert header_unit("Thời hạn (năm)") is None  # a year is not a default unit
    assert header_unit("Thời hạn giải quyết") is None


def test_a_column_map_names_headers_the_table_does_not_know(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("Số hiệu TTHC,Tên TTHC đầy đủ,Thời hạn (ngày làm việc)\n1.000001,A,5\n", "utf-8")
    plain = validate_files(p)
    assert {f.field for f in plain.findings if f.code == "missing-key-column"} == {
        "code",
        "name",
        "processing_time",
    }
    mapping = {
        "Số hiệu TTHC": "code",
        "TÊN TTHC ĐẦY ĐỦ": "name",  # headers match after folding
        "Thời hạn (ngày làm việc)": "processing_time",  # and the unit in brackets counts
    }
    report = validate_files(p, columns=mapping)
    assert report.valid, report.findings
    assert "unknown-column" not in codes(report.findings)
    [proc] = read_procedures(p, columns=mapping)
    assert (str(proc.code), proc.name, proc.prescribed_time) == ("1.000001", "A", pk.WorkingDays(5))


def test_a_column_map_with_an_unknown_key_is_refused_naming_it() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        check_column_map({"Tên TTHC đầy đủ": "ten"})
    message = str(info.value)
    assert "'ten'" in message
    assert "valid keys: code, name," in message
    assert "processing_time" in message


def test_read_column_map_reads_toml(tmp_path: Path) -> None:
    p = tmp_path / "map.toml"
    p.write_text('[columns]\n"Tên TTHC đầy đủ" = "name"\n', encoding="utf-8")
    assert read_column_map(p) == {"Tên TTHC đầy đủ": "name"}
    p.write_text('"Tên" = "name"\n', encoding="utf-8")
    with pytest.raises(InvalidArgumentError, match=r"one \[columns\] table"):
        read_column_map(p)
    p.write_text("[columns\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="not TOML"):
        read_column_map(p)


def test_a_catalogue_without_a_code_name_or_time_column_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("Tên,Thời hạn giải quyết\nA,5 ngày\n", encoding="utf-8")
    report = validate_files(p)
    f = one(report.findings, "missing-key-column")
    assert (f.field, f.severity) == ("code", pk.findings.Severity.ERROR)
    assert "'Tên', 'Thời hạn giải quyết'" in f.message
    assert not report.valid


# -- 12. every processing time counted, split by cause -------------------------------------------


def test_processing_times_are_counted_by_cause(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text(
        "Mã số,Tên,Thời hạn giải quyết\n"
        "1.000001,A,5 ngày làm việc\n"
        "1.000002,B,\n"
        "1.000003,C,Không có thông tin\n"
        "1.000004,D,7\n"
        "1.000005,E,10-15 ngày\n",
        encoding="utf-8",
    )
    report = validate_files(p)
    times = report.stats["processing_times"]
    assert {k: times[k] for k in ("total", "parsed", "missing", "bare_number", "unreadable")} == {
        "total": 5,
        "parsed": 1,
        "missing": 2,
        "bare_number": 1,
        "unreadable": 1,
    }
    assert times["read_share"] == 0.2
    text = pk.findings.format_report(report)
    assert (
        "processing times read 1 of 5 (20.0 %); missing 2, bare number without unit 1, unreadable 1"
    ) in text
    assert "100.0" not in text


# -- 13. findings that blamed the wrong thing ---------------------------------------------------


def test_excel_trailing_comma_rows_are_not_procedures(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text(
        "Mã số,Tên,Thời hạn giải quyết\n1.000001,A,5 ngày\n,,\n,,\n , ,\n", encoding="utf-8"
    )
    report = validate_files(p)
    assert report.stats["procedures"] == 1
    assert report.stats["lines_rejected"] == report.stats["lines_blank"] == 3
    assert "missing-required-part" not in codes(report.findings)


def test_a_method_listing_channels_is_not_empty(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(
        '{"code": "1.000001", "name": "A", "channels": ["Trực tiếp", "Trực tuyến"], '
        '"time_text": "5 ngày làm việc", "fee": "Miễn phí"}\n',
        encoding="utf-8",
    )
    report = validate_files(p)
    assert not [f for f in report.findings if f.field == "method"]
    assert "missing-processing-time" not in codes(report.findings)
    [proc] = read_procedures(p)
    assert [
        (t.channel, t.processing_time.duration) for t in proc.channels if t.processing_time
    ] == [
        (pk.vocab.Channel.COUNTER, pk.WorkingDays(5)),
        (pk.vocab.Channel.ONLINE, pk.WorkingDays(5)),
    ]
    csv = tmp_path / "c.csv"
    csv.write_text('code,name,channels,time_text\n1.000001,A,"Trực tiếp; Trực tuyến",5 ngày\n')
    report = validate_files(csv)
    assert "unknown-channel" not in codes(report.findings)
    assert report.stats["channels"] == 2


def test_a_time_glued_to_a_fee_is_not_reported_as_no_time(tmp_path: Path) -> None:
    glued = (
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7 Ngày làm việcMiễn phíTại UBND"
        "Trực tuyến120,000 VNĐNộp trực tuyến"
    )
    p = tmp_path / "c.csv"
    p.write_text(f'Mã số,Tên,Cách thức thực hiện\n1.000001,A,"{glued}"\n', encoding="utf-8")
    report = validate_files(p)
    f = one(report.findings, "time-glued-to-fee")
    assert f.value == "120,000 VNĐ"
    assert "channel Trực tuyến" in f.message
    assert "missing-processing-time" not in codes(report.findings)
    assert report.stats["processing_times"]["unreadable"] == 1


def test_a_second_alias_column_is_kept_and_reported_not_unknown(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text(
        "Mã số,Tên,Thời hạn giải quyết,Thời gian giải quyết\n1.000001,A,5 ngày,6 ngày\n",
        encoding="utf-8",
    )
    cat = read_catalogue(p)
    assert "unknown-column" not in codes(cat.findings)
    f = one(cat.findings, "duplicate-column")
    assert "column 3 is read as processing_time" in f.message
    assert "column 4 is kept as the extra field 'Thời gian giải quyết'" in f.message
    [proc] = cat.procedures
    assert proc.get("processing_time") == "5 ngày"
    assert proc.extra == {"Thời gian giải quyết": "6 ngày"}


def test_a_two_row_merged_header_is_joined_not_read_as_data(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã số", "Tên", "Thời hạn giải quyết", "Phí, lệ phí", None])
    ws.append([None, None, None, "Phí", "Lệ phí"])
    ws.append(["1.000001", "A", "5 ngày làm việc", "10.000 đồng", "Miễn phí"])
    for column in "ABC":
        ws.merge_cells(f"{column}1:{column}2")
    ws.merge_cells("D1:E1")
    p = tmp_path / "m.xlsx"
    wb.save(p)
    cat = read_catalogue(p)
    assert cat.rows == 1
    assert (cat.procedures[0].line, cat.lines_rejected) == (3, 0)
    assert list(cat.tables[0].columns) == [
        "Mã số",
        "Tên",
        "Thời hạn giải quyết",
        "Phí, lệ phí (Phí)",
        "Phí, lệ phí (Lệ phí)",
    ]
    assert cat.procedures[0].get("fee") == "10.000 đồng"
    f = one(cat.findings, "two-row-header")
    assert "the header of row 1 continues on row 2" in f.message
    assert "malformed-row" not in codes(cat.findings)


def test_a_data_row_below_the_header_is_not_taken_for_a_header(tmp_path: Path) -> None:
    # words only, but under the code and name columns: a data row
    p = workbook(
        tmp_path / "c.xlsx",
        {"Sheet1": [["Mã số", "Tên", "Thời hạn giải quyết", None], ["x", "A", "5 ngày", "b"]]},
    )
    cat = read_catalogue(p)
    assert cat.rows == 1
    assert "two-row-header" not in codes(cat.findings)


@pytest.mark.parametrize(
    "numbers",
    [[f"({i})" for i in range(1, 12)], list(range(1, 12))],
)
def test_a_row_numbering_the_columns_is_part_of_the_header(
    tmp_path: Path, numbers: list[Any]
) -> None:
    p = workbook(tmp_path / "a.xlsx", {"Sheet1": [ANNEX, numbers, ANNEX_ROW]})
    cat = read_catalogue(p)
    assert [proc.code for proc in cat.procedures] == ["1.000001"]
    assert (cat.rows, cat.lines_rejected, cat.procedures[0].line) == (1, 0, 3)
    f = one(cat.findings, "column-numbers-row")
    assert "row 2 numbers the columns" in f.message
    assert "malformed-code" not in codes(validate_files(p).findings)


def test_a_data_row_of_numbers_is_not_column_numbers(tmp_path: Path) -> None:
    p = workbook(
        tmp_path / "c.xlsx",
        {"Sheet1": [["STT", "Mã số", "Tên", "Thời hạn giải quyết"], [1, "1.000001", "A", 5]]},
    )
    cat = read_catalogue(p)
    assert cat.rows == 1
    assert "column-numbers-row" not in codes(cat.findings)


def test_a_column_map_names_dossier_headers_too(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text(
        "Số biên nhận,Mã TTHC,Ngày nhận hồ sơ,Trạng thái\nH01-250701-0001,1.000001,2025-07-01,"
        "received\n",
        encoding="utf-8",
    )
    sink = pk.findings.FindingSink()
    plain = list(iter_dossiers(p, sink=sink))
    assert plain[0].dossier_code == ""
    assert "unknown-column" in sink.counts
    # one map for both files: the dossier reader uses its dossier keys, the catalogue
    # reader its catalogue keys ("name" is not a dossier column)
    mapping = {"Số biên nhận": "dossier_code", "Ngày nhận hồ sơ": "received_at", "Tên": "name"}
    sink = pk.findings.FindingSink()
    [record] = list(iter_dossiers(p, sink=sink, columns=mapping))
    assert record.dossier_code == "H01-250701-0001"
    assert record.received_at is not None
    assert "unknown-column" not in sink.counts
