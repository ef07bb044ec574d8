"""Findings handed back: --max-examples (0 = all) with per-code truncation in the JSON, and
--findings-out writing every finding with its agency and a suggested fix."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from procedurekit.cli import EXIT_FINDINGS, EXIT_USAGE, main
from procedurekit.findings import RULES
from procedurekit.reports import FINDINGS_COLUMNS

CATALOGUE = "Mã số,Tên,Thời hạn giải quyết\n1.000001,A,3 ngày làm việc\n"
AGENCIES = ("=Sở Tư pháp", "UBND xã A", "Sở/Xây dựng")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def _files(tmp_path: Path) -> tuple[str, str]:
    cat = tmp_path / "cat.csv"
    cat.write_text(CATALOGUE, encoding="utf-8")
    lines = ["Mã hồ sơ,Mã thủ tục,Cơ quan,Ngày tiếp nhận,Ngày kết thúc,Trạng thái\n"]
    for i in range(30):
        lines.append(
            f"X-260316-{i:04d},9.99999{i % 3},{AGENCIES[i % 3]},16/03/2026 09:00,soon,Đã trả\n"
        )
    dossiers = tmp_path / "d.csv"
    dossiers.write_text("".join(lines), encoding="utf-8")
    return str(dossiers), str(cat)


def test_audit_json_states_per_code_when_examples_are_cut(tmp_path: Path) -> None:
    dossiers, cat = _files(tmp_path)
    args = ("audit", dossiers, "--catalogue", cat, "--as-of", "2026-11-26", "--format", "json")
    code, text = run(*args, "--max-examples", "2")
    assert code == EXIT_FINDINGS
    report = json.loads(text)
    stats = report["stats"]
    assert stats["examples_by_code"]["unknown-procedure"] == {
        "total": 30,
        "kept": 2,
        "truncated": True,
    }
    assert stats["examples_truncated"] is True
    assert sum(f["code"] == "unparseable-date" for f in report["findings"]) == 2
    everything = json.loads(run(*args, "--max-examples", "0")[1])
    assert len(everything["findings"]) == sum(everything["stats"]["findings_by_code"].values())
    assert everything["stats"]["examples_truncated"] is False
    assert {f.get("agency") for f in everything["findings"] if f["row"]} == set(AGENCIES)


def test_validate_and_metrics_take_max_examples(tmp_path: Path) -> None:
    cat = tmp_path / "cat.csv"
    cat.write_text(
        "Mã số,Tên,Thời hạn giải quyết\n" + "".join(f"x{i},A,5\n" for i in range(5)),
        encoding="utf-8",
    )
    report = json.loads(run("validate", str(cat), "--format", "json", "--max-examples", "1")[1])
    cut = report["stats"]["examples_by_code"]["malformed-code"]
    assert cut == {"total": 5, "kept": 1, "truncated": True}
    full = json.loads(run("validate", str(cat), "--format", "json", "--max-examples", "0")[1])
    assert full["stats"]["examples_by_code"]["malformed-code"]["truncated"] is False

    dossiers, cat2 = _files(tmp_path)
    args = ("metrics", dossiers, "--catalogue", cat2, "--as-of", "2026-11-26", "--format", "json")
    data = json.loads(run(*args, "--max-examples", "3")[1])
    assert data["examples_by_code"]["unparseable-date"] == {
        "total": 30,
        "kept": 3,
        "truncated": True,
    }
    data = json.loads(run(*args, "--max-examples", "0")[1])
    assert sum(f["code"] == "unparseable-date" for f in data["findings"]) == 30
    with pytest.raises(SystemExit) as exc:
        run("validate", str(cat), "--max-examples", "-1")
    assert exc.value.code == EXIT_USAGE


def test_findings_out_csv_holds_every_finding_with_agency_and_fix(tmp_path: Path) -> None:
    dossiers, cat = _files(tmp_path)
    out = tmp_path / "findings.csv"
    code, text = run(
        "audit", dossiers, "--catalogue", cat, "--as-of", "2026-11-26", "--format", "json",
        "--findings-out", str(out),
    )  # fmt: skip
    assert code == EXIT_FINDINGS
    counted = sum(json.loads(text)["stats"]["findings_by_code"].values())
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(FINDINGS_COLUMNS)
    assert len(rows) == counted  # every finding, not the 20 examples per code
    bad = [r for r in rows if r["code"] == "unparseable-date"]
    assert len(bad) == 30
    assert {r["agency"] for r in bad} == {"'=Sở Tư pháp", "UBND xã A", "Sở/Xây dựng"}
    assert all(r["fix"] for r in rows)
    assert all(r["message"] and r["severity"] for r in rows)


def test_findings_out_xlsx_has_a_sheet_per_agency(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    dossiers, cat = _files(tmp_path)
    out = tmp_path / "findings.xlsx"
    run(
        "metrics", dossiers, "--catalogue", cat, "--as-of", "2026-11-26", "--findings-out", str(out)
    )
    book = openpyxl.load_workbook(out)
    titles = book.sheetnames
    assert set(titles) == {"(không rõ cơ quan)", "=Sở Tư pháp", "UBND xã A", "Sở_Xây dựng"}
    sheet = book["UBND xã A"]
    header = [c.value for c in sheet[1]]
    assert header == list(FINDINGS_COLUMNS)
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 20  # 10 dossiers: unknown procedure and unreadable end date each
    assert book["=Sở Tư pháp"]["A2"].value == "'=Sở Tư pháp"  # never a formula


def test_findings_out_refuses_other_extensions(tmp_path: Path) -> None:
    dossiers, cat = _files(tmp_path)
    code, _ = run("audit", dossiers, "--catalogue", cat, "--findings-out", str(tmp_path / "x.txt"))
    assert code == EXIT_USAGE


def test_every_data_rule_has_its_own_fix() -> None:
    generic = [r.code for r in RULES if r.scope != "calendar" and r.fix.startswith("See ")]
    assert generic == []


def test_validate_findings_out_carries_the_implementing_agency(tmp_path: Path) -> None:
    cat = tmp_path / "cat.csv"
    cat.write_text(
        "Mã số,Tên,Thời hạn giải quyết,Cơ quan thực hiện\n"
        "x1,A,5 ngày làm việc,Sở Tư pháp\n"
        "x2,B,5 ngày làm việc,UBND xã A\n",
        encoding="utf-8",
    )
    out = tmp_path / "findings.csv"
    run("validate", str(cat), "--findings-out", str(out))
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["code"] == "malformed-code"]
    assert {r["agency"] for r in rows} == {"Sở Tư pháp", "UBND xã A"}
