"""Hostile input: wrong encoding, truncation, binary, huge lines, formula injection.

Each gives clear findings or an InputFileError (a ProcedureKitError: the CLI exits 2),
never another exception.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from pathlib import Path

import pytest

from procedurekit.checks import validate_files
from procedurekit.errors import InputFileError, ProcedureKitError
from procedurekit.io import (
    ReadLimits,
    catalogue_rows,
    escape_formula,
    iter_dossiers,
    read_catalogue,
    write_csv,
    write_json,
)

HEADER = "ma_thu_tuc,ten_thu_tuc,thoi_han_giai_quyet\n"


def test_windows_1258_file_is_detected_and_reported_once(tmp_path: Path) -> None:
    p = tmp_path / "cp.csv"
    p.write_bytes((HEADER + "1.000001,Đơn,5 ngày\n").encode("cp1258"))
    cat = read_catalogue(p)
    assert cat.rows == 1
    [f] = [f for f in cat.findings if f.code == "encoding-detected"]
    assert "cp1258" in f.message
    assert "encoding-error" not in {f.code for f in cat.findings}
    assert cat.procedures[0].name == "Đơn"


def test_latin1_header_is_still_a_finding(tmp_path: Path) -> None:
    p = tmp_path / "l1.csv"
    p.write_bytes("Mã,Tên\n1.000001,A\n".encode("latin-1"))
    report = validate_files(p)
    assert report.stats["findings_by_code"]["encoding-detected"] == 1
    assert "encoding-error" not in report.stats["findings_by_code"]


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    p = tmp_path / "u16.csv"
    p.write_bytes((HEADER + "1.000001,Cấp giấy phép,5 ngày\n").encode("utf-16"))
    assert read_catalogue(p).procedures[0].name == "Cấp giấy phép"


def test_binary_file_raises_input_error(tmp_path: Path) -> None:
    p = tmp_path / "bin.csv"
    p.write_bytes(os.urandom(2048) + b"\x00" * 16)
    with pytest.raises(InputFileError, match="binary") as info:
        read_catalogue(p)
    assert isinstance(info.value, ProcedureKitError)
    assert info.value.path == str(p)


def test_zip_named_csv_raises_input_error(tmp_path: Path) -> None:
    p = tmp_path / "book.csv"
    p.write_bytes(b"PK\x03\x04" + b"\x14" * 100)
    with pytest.raises(InputFileError, match="zip"):
        read_catalogue(p)


def test_not_a_workbook_raises_input_error(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    p = tmp_path / "fake.xlsx"
    p.write_text("Mã số,Tên\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="workbook"):
        read_catalogue(p)


def test_truncated_csv_gives_a_malformed_row(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text(HEADER + '1.000001,A,5 ngày\n1.000002,"B trunc', encoding="utf-8")
    cat = read_catalogue(p)
    assert cat.rows == 2
    assert [f.code for f in cat.findings] == ["malformed-row"]
    assert "truncated" in cat.findings[0].message


def test_truncated_gzip_raises_input_error(tmp_path: Path) -> None:
    data = gzip.compress((HEADER + "1.000001,A,5 ngày\n" * 5000).encode())
    p = tmp_path / "t.csv.gz"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputFileError, match="truncated or corrupt"):
        read_catalogue(p)


def test_invalid_json_raises_input_error(tmp_path: Path) -> None:
    p = tmp_path / "c.json"
    p.write_text('{"procedures": [', encoding="utf-8")
    with pytest.raises(InputFileError, match="not valid JSON"):
        read_catalogue(p)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    cat = read_catalogue(deep)  # the one item is too deep to read: skipped and reported
    assert (cat.rows, cat.lines_rejected) == (0, 1)
    assert [f.code for f in cat.findings] == ["malformed-row", "no-data-rows"]


def test_bad_jsonl_lines_are_findings(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(
        '{"code": "1.000001", "name": "A", "time_text": "1 ngày"}\nnot json\n[1, 2]\n', "utf-8"
    )
    cat = read_catalogue(p)
    assert cat.rows == 1
    assert [f.code for f in cat.findings] == ["malformed-row", "malformed-row"]


def test_unknown_suffix_raises(tmp_path: Path) -> None:
    p = tmp_path / "c.pdf"
    p.write_bytes(b"%PDF")
    with pytest.raises(InputFileError, match="format"):
        read_catalogue(p)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="cannot open"):
        read_catalogue(tmp_path / "absent.csv")


def test_a_100_mb_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    p = tmp_path / "huge.csv"
    with p.open("wb") as f:
        f.write(HEADER.encode())
        f.write(b"1.000001,A,5 ngay\n")
        chunk = b"x" * (1 << 20)
        f.write(b"1.000002,")
        for _ in range(100):
            f.write(chunk)
        f.write(b",5 ngay\n")
        f.write(b"1.000003,C,5 ngay\n")
    cat = read_catalogue(p)
    assert [pr.code for pr in cat.procedures] == ["1.000001", "1.000003"]
    [f] = cat.findings
    assert f.code == "line-too-long"
    assert f.line == 3
    assert cat.procedures[1].line == 4


def test_a_field_over_the_cell_limit_is_cut_and_its_row_kept(tmp_path: Path) -> None:
    p = tmp_path / "wide.csv"
    p.write_text(HEADER + '1.000001,"' + "y" * 200_000 + '",5 ngay\n1.000002,B,1 ngay\n')
    assert read_catalogue(p).findings == ()  # 200,000 characters: within the default limit
    cat = read_catalogue(p, limits=ReadLimits(max_cell_chars=100_000))
    [f] = cat.findings
    assert (f.code, f.row, f.field, f.line) == ("cell-too-long", 1, "ten_thu_tuc", 2)
    assert "200,000 characters" in f.message
    assert [pr.code for pr in cat.procedures] == ["1.000001", "1.000002"]
    assert cat.procedures[0].name == "y" * 100_000


def test_formula_injection_is_written_back_escaped(tmp_path: Path) -> None:
    src = tmp_path / "evil.csv"
    src.write_text(
        "Mã số,Tên,Ghi chú\n"
        "1.000001,\"=cmd|' /C calc'!A0\",@SUM(1+1)\n"
        "1.000002,+1,-2\n"
        "1.000003,\tTAB,\rCR\n",
        encoding="utf-8",
    )
    cat = read_catalogue(src)
    out = tmp_path / "out.csv"
    write_csv(out, catalogue_rows(cat))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0]["name"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["Ghi chú"] == "'@SUM(1+1)"
    assert rows[1]["name"] == "'+1"
    assert rows[1]["Ghi chú"] == "'-2"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert escape_formula("2.000815") == "2.000815"


def test_write_json_round_trip(tmp_path: Path) -> None:
    p = tmp_path / "r.json"
    write_json(p, {"a": [1, "b"]})
    assert p.read_text(encoding="utf-8").startswith("{")


def test_dossier_stream_survives_hostile_lines(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_bytes(
        b"ma_ho_so,ma_thu_tuc,ngay_tiep_nhan\n"
        b"A-250701-0001,1.000001,01/07/2025 08:00\n"
        + "B-250701-0002,1.000001,01/07/2025 09:00 \xe1\n".encode("cp1258")
        + b"C-250701-0003,1.000001,not a date\n"
    )
    stream = iter_dossiers(p)
    records = list(stream)
    assert len(records) == 3
    codes = stream.sink.counts
    assert codes["encoding-detected"] == 1  # the file is not UTF-8: one finding, at the top
    assert codes["unparseable-date"] >= 1


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(tmp_path: Path) -> None:
    from procedurekit.checks import audit_files
    from procedurekit.io import progress_printer

    assert progress_printer("audit", stream=io.StringIO()) is None
    tty = _Tty()
    progress = progress_printer("audit", stream=tty, every=2)
    assert progress is not None
    cat = tmp_path / "c.csv"
    cat.write_text("code,processing_time\n1.000001,5 ngày làm việc\n", encoding="utf-8")
    d = tmp_path / "d.csv"
    d.write_text(
        "dossier_code,procedure_code,received_at\n"
        + "".join(f"A-250701-000{i},1.000001,2025-07-01 08:00\n" for i in range(5)),
        encoding="utf-8",
    )
    audit_files(d, cat, progress=progress, engine="python")  # progress row by row
    text = tty.getvalue()
    assert "audit: 2 rows" in text
    assert text.endswith("audit: 5 rows\n")
