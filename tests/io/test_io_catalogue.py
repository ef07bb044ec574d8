"""Catalogue readers: header table, joined tables, formats, dates, the portal's glued text."""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from _paths import ROOT

from procedurekit.io import (
    CATALOGUE_COLUMNS,
    DOSSIER_COLUMNS,
    DateFormat,
    columns_markdown,
    detect_date_format,
    header_key,
    parse_date_value,
    read_catalogue,
    split_portal_methods,
)
from procedurekit.io.columns import resolve_headers


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Mã số", "code"),
        ("MÃ SỐ", "code"),
        ("ma_thu_tuc", "code"),
        ("Tên", "name"),
        ("ten_thu_tuc", "name"),
        ("Cơ quan ban hành", "issuing_agency"),
        ("Cơ quan thực hiện", "implementing_agency"),
        ("Lĩnh vực", "field"),
        ("Cấp thực hiện", "level"),
        ("Thời hạn giải quyết", "processing_time"),
        ("Phí, lệ phí", "fee"),
        ("phi le phi", "fee"),
        ("Căn cứ pháp lý", "legal_basis"),
        ("legal_basis", "legal_basis"),
        (" Hình thức nộp ", "channel"),
    ],
)
def test_headers_fold_accents_and_case(header: str, key: str) -> None:
    keys, unknown = resolve_headers([header], CATALOGUE_COLUMNS)
    assert keys == [key]
    assert unknown == []


def test_header_key() -> None:
    assert header_key("Phí, lệ phí") == "phi_le_phi"
    assert header_key("Đối tượng thực hiện") == "doi_tuong_thuc_hien"


def test_every_alias_is_unique_across_columns() -> None:
    for columns in (CATALOGUE_COLUMNS, DOSSIER_COLUMNS):
        seen: dict[str, str] = {}
        for spec in columns:
            for name in spec.names():
                assert seen.setdefault(name, spec.key) == spec.key, (name, spec.key)


def test_docs_show_the_header_tables() -> None:
    """docs/catalogue-format.md and docs/dossier-format.md hold the generated tables."""
    cat = (ROOT / "docs" / "catalogue-format.md").read_text(encoding="utf-8")
    dos = (ROOT / "docs" / "dossier-format.md").read_text(encoding="utf-8")
    assert columns_markdown(CATALOGUE_COLUMNS) in cat
    assert columns_markdown(DOSSIER_COLUMNS) in dos


def test_one_table_with_bom_and_unknown_column(tmp_path: Path) -> None:
    p = write(
        tmp_path / "c.csv",
        "\ufeffMã số,Tên,Thời hạn giải quyết,Ghi chú riêng\n"
        "1.014056,Khai thác thông tin,3 Ngày làm việc,x\n"
        "3.000333,Cấp Phiếu Lý lịch tư pháp,10 Ngày,y\n",
    )
    cat = read_catalogue(p)
    assert cat.rows == 2
    assert [pr.code for pr in cat.procedures] == ["1.014056", "3.000333"]
    assert cat.procedures[0].get("processing_time") == "3 Ngày làm việc"
    assert cat.procedures[0].extra == {"Ghi chú riêng": "x"}
    assert cat.procedures[0].line == 2
    [f] = cat.findings
    assert f.code == "unknown-column"
    assert f.field == "Ghi chú riêng"


def test_tsv_and_semicolon(tmp_path: Path) -> None:
    t = write(tmp_path / "c.tsv", "ma_thu_tuc\tten_thu_tuc\n1.000001\tA\n")
    s = write(tmp_path / "c.csv", "ma_thu_tuc;ten_thu_tuc\n1.000001;A\n")
    assert read_catalogue(t).procedures[0].name == "A"
    assert read_catalogue(s).procedures[0].name == "A"


def test_joined_tables(tmp_path: Path) -> None:
    procs = write(tmp_path / "p.csv", "ma_thu_tuc,ten_thu_tuc\n1.000001,A\n1.000002,B\n")
    chans = write(
        tmp_path / "ch.csv",
        "ma_thu_tuc,hinh_thuc,thoi_han_giai_quyet,phi_le_phi\n"
        "1.000001,Trực tiếp,5 Ngày làm việc,Miễn phí\n"
        "1.000001,Trực tuyến,3 Ngày làm việc,Miễn phí\n"
        "1.000009,Trực tiếp,1 Ngày,\n",
    )
    comps = write(tmp_path / "d.csv", "ma_thu_tuc,ten_giay_to,so_luong\n1.000002,Đơn,1\n")
    cat = read_catalogue(procs, chans, comps)
    assert [t.kind for t in cat.tables] == ["procedures", "channels", "components"]
    assert cat.rows == 6
    by = cat.by_code()
    assert [c.channel for c in by["1.000001"].channels] == ["Trực tiếp", "Trực tuyến"]
    assert by["1.000002"].components[0].name == "Đơn"
    assert by["1.000009"].stub
    assert [f.code for f in cat.findings] == ["orphan-row"]


def test_split_portal_methods() -> None:
    text = (
        "Hình thức nộpThời gianPhí, lệ phíMô tả"
        "Trực tuyến3 Ngày làm việcMiễn phí(Không)Nộp qua Cổng. Trực tuyến: nộp hồ sơ"
        "Trực tiếp1Miễn phíTại bộ phận một cửa"
        "Dịch vụ bưu chínhKhông có thông tinKhông có thông tinGửi qua bưu điện"
        "Trực tuyến120,000 VNĐ(20.000 vnđ /tờ khai)"
    )
    assert split_portal_methods(text) == [
        ("Trực tuyến", "3 Ngày làm việc", "Miễn phí(Không)", "Nộp qua Cổng. Trực tuyến: nộp hồ sơ"),
        ("Trực tiếp", "1", "Miễn phí", "Tại bộ phận một cửa"),
        ("Dịch vụ bưu chính", "Không có thông tin", "Không có thông tin", "Gửi qua bưu điện"),
        ("Trực tuyến", "", "120,000 VNĐ(20.000 vnđ /tờ khai)", ""),
    ]
    assert split_portal_methods("Trực tiếp tại UBND") == []


def test_jsonl_gz_nested_and_glued(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl.gz"
    recs = [
        {
            "ma_thu_tuc": "1.000001",
            "ten_thu_tuc": "A",
            "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7 NgàyMiễn phí",
        },
        {
            "code": "1.000002",
            "name": "B",
            "channels": [{"channel": "online", "processing_time": "2 working days"}],
            "components": ["Đơn đề nghị"],
        },
    ]
    with gzip.open(p, "wt", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    cat = read_catalogue(p)
    a, b = cat.procedures
    assert a.channels[0].processing_time == "7 Ngày"
    assert b.channels[0].channel == "online"
    assert b.components[0].name == "Đơn đề nghị"


def test_json_document(tmp_path: Path) -> None:
    p = tmp_path / "c.json"
    p.write_text(
        json.dumps({"procedures": [{"code": "1.000001", "name": "A"}, 3]}), encoding="utf-8"
    )
    cat = read_catalogue(p)
    assert cat.rows == 1
    assert [f.code for f in cat.findings] == ["malformed-row"]


def test_xlsx_with_title_rows(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH"])
    ws.append([])
    ws.append(["STT", "Mã số", "Tên", "Cơ quan thực hiện", "Ngày hiệu lực"])
    ws.append([1, "1.000001", "A", "UBND cấp xã", datetime(2025, 7, 1)])
    ws.append([2, "1.000002", "B", "UBND cấp tỉnh", datetime(2025, 8, 1)])
    p = tmp_path / "c.xlsx"
    wb.save(p)
    cat = read_catalogue(p)
    assert cat.rows == 2
    assert cat.procedures[1].line == 5
    assert cat.procedures[0].fields["effective_date"] == date(2025, 7, 1)
    assert cat.tables[0].date_formats == {"effective_date": "native"}


def test_date_column_detected_and_reported(tmp_path: Path) -> None:
    p = write(
        tmp_path / "c.csv",
        "code,name,effective_date\n1.000001,A,01/07/2025\n1.000002,B,13/08/2025\n",
    )
    cat = read_catalogue(p)
    assert cat.procedures[0].fields["effective_date"] == date(2025, 7, 1)
    assert [f.code for f in cat.findings] == ["date-format-detected"]
    mixed = write(
        tmp_path / "m.csv",
        "code,name,effective_date\n1.000001,A,01/07/2025\n1.000002,B,2025-08-13\n",
    )
    assert "mixed-date-formats" in [f.code for f in read_catalogue(mixed).findings]
    forced = read_catalogue(mixed, date_format="iso")
    assert [f.code for f in forced.findings] == ["unparseable-date"]
    assert forced.findings[0].row == 1


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("2025-07-01", DateFormat.ISO, date(2025, 7, 1)),
        ("01/07/2025", DateFormat.DMY, date(2025, 7, 1)),
        ("1/7/2025 8h30", DateFormat.DMY, datetime(2025, 7, 1, 8, 30)),
        ("45839", DateFormat.EXCEL, date(2025, 7, 1)),
        (45839.5, DateFormat.EXCEL, datetime(2025, 7, 1, 12, 0)),
    ],
)
def test_named_date_parsers(value: object, fmt: DateFormat, expected: date) -> None:
    got = parse_date_value(value, fmt)
    if isinstance(expected, datetime):
        assert isinstance(got, datetime)
        assert got.replace(tzinfo=None) == expected
        assert got.utcoffset() is not None
        assert got.utcoffset().total_seconds() == 7 * 3600  # type: ignore[union-attr]
    else:
        assert got == expected


def test_detection_never_guesses_per_cell() -> None:
    assert detect_date_format(["03/04/2025", "13/04/2025"]) is DateFormat.DMY
    assert detect_date_format(["2025-04-03", "03/04/2025"]) is None
    assert detect_date_format(["45839", "45840"]) is DateFormat.EXCEL
    assert detect_date_format([]) is None
    with pytest.raises(ValueError, match="ISO"):
        parse_date_value("03/04/2025", DateFormat.ISO)


def test_project_json_format(tmp_path: Path) -> None:
    """Procedures written by procedurekit.serialize read back (JSON list and JSON Lines)."""
    import procedurekit as pk
    from procedurekit.checks import validate_catalogue
    from procedurekit.models import (
        ChannelTerms,
        DossierComponent,
        LegalReference,
        Procedure,
        ProcedureCode,
    )
    from procedurekit.vocab import Channel

    procs = [
        Procedure(
            name="Cấp A",
            code=ProcedureCode("1.000001"),
            levels=(pk.Level.COMMUNE,),
            implementing_agency="UBND cấp xã",
            channels=(
                ChannelTerms(
                    channel=Channel.ONLINE,
                    time_text="5 ngày làm việc",
                    processing_time=pk.parse_processing_time("5 ngày làm việc"),
                    fee_text="Miễn phí",
                ),
            ),
            components=(DossierComponent(name="Đơn", quantity_text="1 bản chính"),),
            legal_basis=(LegalReference.from_number("70/2024/NĐ-CP"),),
            committed_time=pk.WorkingDays(7),
        ),
        Procedure(name="Cấp B", local_code="CTH01A", levels=(pk.Level.DISTRICT,)),
    ]
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text("".join(pk.to_json(p) + "\n" for p in procs), encoding="utf-8")
    doc = tmp_path / "c.json"
    doc.write_text(json.dumps([json.loads(pk.to_json(p)) for p in procs]), encoding="utf-8")
    for path in (jsonl, doc):
        cat = read_catalogue(path)
        assert [f.code for f in cat.findings] == []
        a, b = cat.procedures
        assert (a.code, b.code) == ("1.000001", "CTH01A")
        assert a.get("level") == "commune"
        assert a.get("legal_basis") == "70/2024/NĐ-CP"
        assert a.channels[0].channel == "online"
        assert a.channels[0].processing_time == "5 ngày làm việc"
        assert a.channels[0].fee == "Miễn phí"
        assert a.components[0].name == "Đơn"
        report = validate_catalogue(cat, as_of=date(2026, 1, 1))
        codes = {f.code for f in report.findings}
        assert "committed-time-exceeds-prescribed" in codes  # 7 > 5 working days
        assert "district-level-after-reform" in codes
