"""The rule engine: each rule fires on a small catalogue; reports render in three formats."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from _paths import ROOT

from procedurekit.checks import validate_catalogue, validate_files
from procedurekit.findings import RULES, Report, Severity, format_report, rules_table
from procedurekit.io import read_catalogue
from procedurekit.io.fees import read_fee as read_fee_text

FULL = (
    "Mã số,Tên,Trình tự thực hiện,Cách thức thực hiện,Thành phần hồ sơ,Thời hạn giải quyết,"
    "Đối tượng thực hiện,Cơ quan thực hiện,Kết quả thực hiện,Căn cứ pháp lý,Cấp thực hiện,"
    '"Phí, lệ phí",Mức độ dịch vụ công trực tuyến,Thời hạn cam kết\n'
)
GOOD = (
    "1.000001,Cấp A,Bước 1,Trực tiếp,Đơn,5 ngày làm việc,Công dân,UBND cấp xã,Giấy phép,"
    "70/2024/NĐ-CP,Cấp xã,Miễn phí,,\n"
)


def catalogue(tmp_path: Path, *rows: str, header: str = FULL, name: str = "c.csv") -> Path:
    p = tmp_path / name
    p.write_text(header + "".join(rows), encoding="utf-8")
    return p


def codes(report: Report) -> Counter[str]:
    return Counter(f.code for f in report.findings)


def test_a_clean_catalogue_is_valid(tmp_path: Path) -> None:
    report = validate_files(catalogue(tmp_path, GOOD))
    assert report.valid
    assert report.findings == ()
    assert report.stats["rows"] == 1
    assert report.stats["procedures"] == 1
    assert report.stats["processing_times"]["parse_share"] == 1.0


@pytest.mark.parametrize(
    ("row", "code", "field"),
    [
        (GOOD.replace("Cấp A", ""), "missing-required-part", "name"),
        (GOOD.replace("Bước 1", ""), "missing-required-part", "steps"),
        (GOOD.replace("Giấy phép", ""), "missing-required-part", "result"),
        (GOOD.replace("1.000001", "CTH01A"), "malformed-code", "code"),
        (GOOD.replace("5 ngày làm việc", ""), "missing-processing-time", "processing_time"),
        (
            GOOD.replace("5 ngày làm việc", "Không có thông tin"),
            "missing-processing-time",
            "processing_time",
        ),
        (GOOD.replace("5 ngày làm việc", "10-25"), "unparseable-processing-time", None),
        (GOOD.replace("5 ngày làm việc", "1"), "bare-number-time", "processing_time"),
        (GOOD.replace("5 ngày làm việc", "0 Giờ"), "zero-time", "processing_time"),
        (GOOD.replace("Miễn phí", "-50.000 đồng"), "negative-fee", "fee"),
        (GOOD.replace("Miễn phí", "theo quy định"), "unparseable-fee", "fee"),
        (GOOD.replace("70/2024/NĐ-CP", ""), "missing-legal-basis", "legal_basis"),
        (GOOD.replace("Cấp xã", "Cấp trung gian"), "unknown-level", "level"),
        (GOOD.replace("Miễn phí,,", "Miễn phí,Toàn trình,"), "online-level-inconsistent", None),
        (GOOD.replace("Miễn phí,,", "Miễn phí,Mức 9,"), "unknown-online-level", None),
        (
            GOOD.replace("Miễn phí,,", "Miễn phí,,7 ngày làm việc"),
            "committed-time-exceeds-prescribed",
            "committed_time",
        ),
    ],
)
def test_each_rule_fires(tmp_path: Path, row: str, code: str, field: str | None) -> None:
    report = validate_files(catalogue(tmp_path, row))
    found = [f for f in report.findings if f.code == code]
    assert found, report.to_text()
    if field is not None:
        assert found[0].field == field
    assert found[0].row == 1
    assert found[0].line == 2
    rule = {r.code: r for r in RULES}[code]
    assert found[0].severity is rule.severity
    assert report.valid is (rule.severity is not Severity.ERROR)


def test_online_level_needs_an_online_channel(tmp_path: Path) -> None:
    procs = tmp_path / "p.csv"
    procs.write_text(
        "code,name,online_level\n1.000001,A,Toàn trình\n1.000002,B,Không\n1.000003,C,Một phần\n",
        encoding="utf-8",
    )
    chans = tmp_path / "ch.csv"
    chans.write_text(
        "code,channel,processing_time\n1.000001,Trực tiếp,5 ngày\n1.000002,Trực tuyến,5 ngày\n"
        "1.000003,Trực tuyến,5 ngày\n",
        encoding="utf-8",
    )
    report = validate_files([procs, chans], ignore=["missing-column"])
    bad = [f.row for f in report.findings if f.code == "online-level-inconsistent"]
    assert bad == [1, 2]


def test_bare_number_read_with_default_unit_is_still_reported(tmp_path: Path) -> None:
    p = catalogue(tmp_path, GOOD.replace("5 ngày làm việc", "1"))
    report = validate_files(p, default_unit="working_days")
    [f] = [f for f in report.findings if f.code == "bare-number-time"]
    assert "WorkingDays(1)" in f.message
    assert report.stats["processing_times"]["parsed"] == 1
    assert report.stats["processing_times"]["bare_number"] == 1


def test_duplicate_code_and_channel(tmp_path: Path) -> None:
    procs = catalogue(tmp_path, GOOD, GOOD)
    report = validate_files(procs)
    [dup] = [f for f in report.findings if f.code == "duplicate-code"]
    assert dup.row == 2
    assert "row 1" in dup.message
    chans = tmp_path / "ch.csv"
    chans.write_text(
        "ma_thu_tuc,hinh_thuc,thoi_han_giai_quyet\n1.000001,Trực tiếp,5 ngày\n"
        "1.000001,Trực tiếp,14 ngày\n1.000001,Fax,1 ngày\n",
        encoding="utf-8",
    )
    report = validate_files(chans)
    assert codes(report)["duplicate-channel"] == 1
    assert codes(report)["unknown-channel"] == 1


def test_district_level_after_the_reform(tmp_path: Path) -> None:
    p = catalogue(tmp_path, GOOD.replace("Cấp xã", "Cấp huyện"))
    assert "district-level-after-reform" not in codes(validate_files(p))
    assert "district-level-after-reform" not in codes(validate_files(p, as_of=date(2025, 6, 30)))
    report = validate_files(p, as_of=date(2025, 7, 1))
    assert codes(report)["district-level-after-reform"] == 1
    assert not report.valid


def test_missing_columns_are_reported_once(tmp_path: Path) -> None:
    p = catalogue(tmp_path, "1.000001,A\n1.000002,B\n", header="Mã số,Tên\n")
    report = validate_files(p)
    missing = sorted(f.field or "" for f in report.findings if f.code == "missing-column")
    assert missing == sorted(
        [
            "steps",
            "method",
            "components",
            "processing_time",
            "subjects",
            "implementing_agency",
            "result",
            "legal_basis",
        ]
    )
    assert report.valid


def test_ignore(tmp_path: Path) -> None:
    p = catalogue(tmp_path, "1.000001,A\n", header="Mã số,Tên\n")
    assert validate_files(p, ignore=["missing-column"]).findings == ()


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Miễn phí", "free"),
        ("Phí : 0 Đồng", "free"),
        ("Không", "free"),
        ("70,000 Việt Nam Đồng(...)", "amount"),
        ("Lệ phí : 1.5 USD", "amount"),
        ("phí thẩm định: 1.200.000đ", "amount"),
        ("-5.000 đồng", "negative"),
        ("Phí: -5000", "negative"),
        ("(- 50.000đ/tem)", "amount"),
        ("Không có thông tin", "none-stated"),
        ("Theo quy định của Bộ Tài chính", "unparseable"),
        ("", "empty"),
    ],
)
def test_read_fee(text: str, reading: str) -> None:
    assert read_fee_text(text)[0] == reading


# -- renderers -------------------------------------------------------------------------


def many_findings(tmp_path: Path) -> Report:
    rows = [GOOD.replace("1.000001", f"X{i}") for i in range(80)]
    return validate_files(catalogue(tmp_path, *rows))


def test_text_report_summary_and_truncation(tmp_path: Path) -> None:
    report = many_findings(tmp_path)
    text = format_report(report, "text", limit=10)
    assert text.startswith("procedurekit validate: VALID (0 errors, 80 warnings, 0 info)")
    assert "malformed-code" in text
    assert "+70 more" in text
    assert len(text.splitlines()) < 30


def test_json_report_shape(tmp_path: Path) -> None:
    report = validate_files(catalogue(tmp_path, GOOD.replace("Cấp A", ""), GOOD))
    doc = json.loads(format_report(report, "json"))
    assert set(doc) == {"valid", "kind", "stats", "errors", "findings"}
    assert doc["valid"] is False
    assert doc["stats"]["rows"] == 2
    assert doc["stats"]["findings_by_code"] == {"duplicate-code": 1, "missing-required-part": 1}
    err = doc["errors"][0]
    assert set(err) >= {"code", "severity", "message", "row", "field", "value", "file", "line"}
    assert all(e["severity"] == "error" for e in doc["errors"])


def test_github_annotations_escape(tmp_path: Path) -> None:
    p = catalogue(tmp_path, GOOD.replace("Cấp A", ""), name="a,b:c.csv")
    out = format_report(validate_files(p), "github")
    line = out.splitlines()[0]
    assert line.startswith("::error file=")
    assert "a%2Cb%3Ac.csv" in line
    assert ",line=2," in line
    assert "title=missing-required-part::row 1: " in line


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    report = validate_files(catalogue(tmp_path, GOOD))
    with pytest.raises(ValueError, match="format"):
        format_report(report, "xml")  # type: ignore[arg-type]


def test_rules_listing() -> None:
    text = rules_table()
    for rule in RULES:
        assert rule.code in text
    doc = json.loads(rules_table(fmt="json"))
    assert {"code", "severity", "title", "source", "scope"} <= set(doc[0])
    assert "appointment-too-late" in {r["code"] for r in doc}
    codes_ = [r["code"] for r in doc]
    assert len(codes_) == len(set(codes_)) or "unknown-channel" in codes_
    assert "| `missing-required-part` |" in rules_table(fmt="markdown")


def test_rule_codes_are_kebab_case() -> None:
    for rule in RULES:
        assert rule.code == rule.code.lower()
        assert " " not in rule.code
        assert rule.source


def test_validate_catalogue_object(tmp_path: Path) -> None:
    cat = read_catalogue(catalogue(tmp_path, GOOD))
    assert validate_catalogue(cat).valid


def test_validation_rules_doc_lists_every_rule() -> None:
    doc = (ROOT / "docs" / "validation-rules.md").read_text(encoding="utf-8")
    assert rules_table(fmt="markdown") in doc


def test_exit_codes(tmp_path: Path) -> None:
    clean = validate_files(catalogue(tmp_path, GOOD, name="a.csv"))
    assert clean.exit_code() == 0
    assert clean.exit_code(fail_on="info") == 0
    warned = validate_files(catalogue(tmp_path, GOOD.replace("1.000001", "X1"), name="b.csv"))
    assert warned.exit_code() == 0
    assert warned.exit_code(fail_on="warning") == 1
    failed = validate_files(catalogue(tmp_path, GOOD.replace("Cấp A", ""), name="c.csv"))
    assert failed.exit_code() == 1
    with pytest.raises(ValueError, match="fail_on"):
        failed.exit_code(fail_on="fatal")  # type: ignore[arg-type]
