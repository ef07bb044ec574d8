"""The command line on provincial exports: empty files, workbook sheets, column maps, the
processing-time headline (issue #11, items 1, 2, 12, 13). Inputs are generated here."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from procedurekit.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, main

openpyxl = pytest.importorskip("openpyxl")

ANNEX = ["STT", "Mã TTHC", "Tên TTHC đầy đủ", "Thời hạn (ngày làm việc)", "Cấp giải quyết"]
DOSSIER_HEADER = [
    "Mã hồ sơ",
    "Mã thủ tục",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc",
    "Trạng thái",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue(), capsys.readouterr().err


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = tmp_path / "header.csv"
    header_only.write_text("Mã số,Tên,Thời hạn giải quyết\n", encoding="utf-8")
    annex = workbook(
        tmp_path / "phu-luc.xlsx",
        {
            "Hướng dẫn": [["Điền mỗi thủ tục một dòng"]],
            "Phụ lục I": [ANNEX, [1, "1.000001", "Cấp giấy phép A", 5, "Cấp tỉnh"]],
        },
    )
    cover = workbook(tmp_path / "bia.xlsx", {"Bìa": [["ỦY BAN NHÂN DÂN TỈNH"]]})
    good_map = tmp_path / "map.toml"
    good_map.write_text(
        '[columns]\n"Tên TTHC đầy đủ" = "name"\n"Thời hạn (ngày làm việc)" = "processing_time"\n',
        encoding="utf-8",
    )
    bad_map = tmp_path / "bad.toml"
    bad_map.write_text('[columns]\n"Tên TTHC đầy đủ" = "ten"\n', encoding="utf-8")
    dossiers = workbook(
        tmp_path / "ho-so.xlsx",
        {
            "Bìa": [["Báo cáo hồ sơ tháng 7"]],
            "Hồ sơ": [
                DOSSIER_HEADER,
                [
                    "H01-250701-0001",
                    "1.000001",
                    "Trực tuyến",
                    "2025-07-01 08:00",
                    "2025-07-08",
                    "2025-07-03 10:00",
                    "Đã trả kết quả",
                ],
            ],
        },
    )
    times = tmp_path / "times.csv"
    times.write_text(
        "Mã số,Tên,Thời hạn giải quyết\n1.000001,A,5 ngày làm việc\n1.000002,B,\n"
        "1.000003,C,7\n1.000004,D,10-15 ngày\n,,\n",
        encoding="utf-8",
    )
    return {
        "empty": empty,
        "header": header_only,
        "annex": annex,
        "cover": cover,
        "map": good_map,
        "bad_map": bad_map,
        "dossiers": dossiers,
        "times": times,
    }


@pytest.mark.parametrize("name", ["empty", "header", "cover"])
def test_empty_input_is_invalid_not_valid_with_0_rows(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], name: str
) -> None:
    code, out, _ = run(capsys, "validate", str(files[name]))
    assert code == EXIT_FINDINGS
    assert out.startswith("procedurekit validate: INVALID")
    assert "no-data-rows" in out
    code, out, _ = run(capsys, "validate", str(files[name]), "--format", "json")
    assert json.loads(out)["stats"]["findings_by_code"]["no-data-rows"] == 1


def test_the_cover_sheet_is_skipped_and_the_sheet_read_is_reported(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    annex = str(files["annex"])
    code, out, _ = run(capsys, "validate", annex, "--columns", str(files["map"]))
    assert code == EXIT_CLEAN  # the missing parts (steps, method, ...) are warnings
    assert "procedures, 1 rows (xlsx, sheet 'Phụ lục I')" in out
    assert "read the sheet 'Phụ lục I' of this workbook" in out
    assert "processing times read 1 of 1 (100.0 %)" in out
    code, out, _ = run(
        capsys, "validate", annex, "--columns", str(files["map"]), "--format", "json"
    )
    report = json.loads(out)
    assert report["stats"]["tables"][0]["sheet"] == "Phụ lục I"
    assert report["stats"]["processing_times"]["unit_from_header"] == 1
    assert report["valid"] is True


def test_sheet_chooses_and_a_sheet_the_workbook_lacks_exits_2(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    annex = str(files["annex"])
    code, out, _ = run(capsys, "validate", annex, "--sheet", "Hướng dẫn")
    assert code == EXIT_FINDINGS
    assert "no-data-rows" in out
    code, out, err = run(capsys, "validate", annex, "--sheet", "Phụ lục II")
    assert (code, out) == (EXIT_USAGE, "")
    assert "no sheet named 'Phụ lục II' (the workbook has 'Hướng dẫn', 'Phụ lục I')" in err


def test_without_the_map_the_catalogue_is_refused_naming_the_columns(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, _ = run(capsys, "validate", str(files["annex"]), "--format", "json")
    assert code == EXIT_FINDINGS
    report = json.loads(out)
    missing = [f for f in report["findings"] if f["code"] == "missing-key-column"]
    assert [(f["field"], f["severity"]) for f in missing] == [
        ("name", "error"),
        ("processing_time", "error"),
    ]


def test_a_map_with_an_unknown_key_exits_2_listing_the_valid_keys(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    for command in (
        ["validate", str(files["annex"])],
        ["audit", str(files["dossiers"]), "--catalogue", str(files["annex"])],
        ["metrics", str(files["dossiers"]), "--catalogue", str(files["annex"])],
    ):
        code, out, err = run(capsys, *command, "--columns", str(files["bad_map"]))
        assert (code, out) == (EXIT_USAGE, "")
        assert "maps to 'ten', which is not a column key; valid keys: code, name" in err


def test_a_map_that_is_not_toml_exits_2(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[columns\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(files["annex"]), "--columns", str(broken))
    assert code == EXIT_USAGE
    assert "the column map is not TOML" in err


def test_audit_reads_workbooks_through_sheet_and_columns(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    args = [
        "audit",
        str(files["dossiers"]),
        "--catalogue",
        str(files["annex"]),
        "--columns",
        str(files["map"]),
        "--as-of",
        "2025-07-31",
        "--format",
        "json",
    ]
    code, out, _ = run(capsys, *args)
    report = json.loads(out)
    assert report["stats"]["rows"] == 1
    assert report["stats"]["outcomes"] == {"early": 1}
    assert "missing-key-column" not in report["stats"]["findings_by_code"]
    assert code == EXIT_CLEAN or "unknown-procedure" not in report["stats"]["findings_by_code"]
    code, out, _ = run(capsys, *args, "--sheet", "Hồ sơ", "--sheet", "Phụ lục I")
    assert json.loads(out)["stats"]["outcomes"] == {"early": 1}


def test_one_map_names_the_dossier_headers_too(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    dossiers = tmp_path / "ho-so.csv"
    dossiers.write_text(
        "Số biên nhận,Mã TTHC,Hình thức nộp,Ngày nhận hồ sơ,Ngày hẹn trả,Ngày kết thúc,"
        "Trạng thái\nH01-250701-0001,1.000001,Trực tuyến,2025-07-01 08:00,2025-07-08,"
        "2025-07-03 10:00,Đã trả kết quả\n",
        encoding="utf-8",
    )
    both = tmp_path / "both.toml"
    both.write_text(
        files["map"].read_text(encoding="utf-8")
        + '"Số biên nhận" = "dossier_code"\n"Ngày nhận hồ sơ" = "received_at"\n',
        encoding="utf-8",
    )
    args = ["audit", str(dossiers), "--catalogue", str(files["annex"]), "--as-of", "2025-07-31"]
    _, out, _ = run(capsys, *args, "--columns", str(both), "--format", "json")
    report = json.loads(out)
    assert report["stats"]["outcomes"] == {"early": 1}
    assert "unknown-column" not in report["stats"]["findings_by_code"]


def test_metrics_reads_workbooks_through_sheet_and_columns(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    base = ["metrics", str(files["dossiers"]), "--catalogue", str(files["annex"])]
    args = [*base, "--as-of", "2025-07-31", "--format", "json"]
    code, out, err = run(capsys, *args, "--columns", str(files["map"]), "--sheet", "Hồ sơ",
                         "--sheet", "Phụ lục I")  # fmt: skip
    assert code == EXIT_CLEAN, err
    data = json.loads(out)
    assert "2.1" in json.dumps(data)
    # without the map the catalogue has no time column: metrics says its count is unsure
    code, _, err = run(capsys, *args)
    assert code == EXIT_FINDINGS
    assert "missing-key-column" in err


def test_the_headline_counts_every_time_by_cause(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, _ = run(capsys, "validate", str(files["times"]))
    assert code == EXIT_FINDINGS
    assert (
        "rows 4 · lines rejected 1 (1 blank) · procedures 4 · processing times read 1 of 4 "
        "(25.0 %); missing 1, bare number without unit 1, unreadable 1"
    ) in out
    code, out, _ = run(capsys, "validate", str(files["times"]), "--default-unit", "working-days")
    assert "bare number without unit 1 (1 read in the default unit)" in out


def test_an_empty_dossier_file_is_invalid_in_audit_and_metrics(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    catalogue = tmp_path / "c.csv"
    catalogue.write_text("Mã số,Tên,Thời hạn giải quyết\n1.000001,A,5 ngày\n", encoding="utf-8")
    dossiers = tmp_path / "d.csv"
    dossiers.write_text("dossier_code,procedure_code,received_at,status\n", encoding="utf-8")
    code, out, _ = run(capsys, "audit", str(dossiers), "--catalogue", str(catalogue))
    assert code == EXIT_FINDINGS
    assert "INVALID" in out
    assert "no-data-rows: no data rows: only a header (line 1)" in out
    code, _, err = run(
        capsys, "metrics", str(dossiers), "--catalogue", str(catalogue), "--as-of", "2025-08-01"
    )
    assert code == EXIT_FINDINGS
    assert "no-data-rows 1" in err
