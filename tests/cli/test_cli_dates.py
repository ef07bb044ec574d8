"""Dates through the CLI: a newest-first dump, an all-ambiguous month-first file."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

from procedurekit import WorkingCalendar
from procedurekit.cli import main

CATALOGUE = "Mã số,Tên,Thời hạn giải quyết\n1.000001,A,3 ngày làm việc\n"
HEADER = "Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc,Trạng thái\n"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_metrics_of_a_newest_first_dump_count_the_later_end_dates(tmp_path: Path) -> None:
    """1,200 open dossiers first (no end date), then 300 returned a day after receipt: the
    end dates after row 1,000 are read, and 2.1 is not 0 %."""
    cat = tmp_path / "cat.csv"
    cat.write_text(CATALOGUE, encoding="utf-8")
    lines = [HEADER]
    for i in range(1200):
        r = date(2026, 11, 24)
        lines.append(f"X-{r:%y%m%d}-{i:04d},1.000001,{r:%d/%m/%Y} 09:00,,,Đang xử lý\n")
    for i in range(300):
        r = date(2026, 3, 16) + timedelta(days=i % 4)  # Monday to Thursday
        e = r + timedelta(days=1)
        lines.append(
            f"Y-{r:%y%m%d}-{i:04d},1.000001,{r:%d/%m/%Y} 09:00,,{e:%d/%m/%Y} 10:00,Đã trả\n"
        )
    dump = tmp_path / "newest-first.csv"
    dump.write_text("".join(lines), encoding="utf-8")
    _, text = run(
        "metrics", str(dump), "--catalogue", str(cat), "--as-of", "2026-11-25", "--format", "json"
    )
    data = json.loads(text)
    counts = data["overall"]["counts"]
    assert counts["early"] + counts["on_time"] == 300
    assert counts["unknown"] == 0
    assert data["quality"]["unreadable_dates"] == 0
    on_time = next(i for i in data["overall"]["indicators"] if i["code"] == "2.1")
    assert on_time["rate"] == 1.0  # every dossier returned or open in time


def test_an_all_ambiguous_month_first_file_is_audited_by_its_codes(tmp_path: Path) -> None:
    """Receipts and appointments written m/d/yyyy with no day above 12: the dossier codes'
    YYMMDD say month first, so the legal appointments are not reported as too late."""
    cal = WorkingCalendar.vietnam()
    cat = tmp_path / "cat.csv"
    cat.write_text(CATALOGUE, encoding="utf-8")
    lines = [HEADER]
    n = differ = 0
    for month in range(3, 12):
        for day in range(1, 9):
            r = date(2026, month, day)
            due = cal.add_working_days(r, 3)
            if not cal.is_working_day(r) or due.day > 12 or due.month != month:
                continue
            n += 1
            differ += r.day != r.month
            lines.append(
                f"H21.65-{r:%y%m%d}-{n:04d},1.000001,{r:%m/%d/%Y},{due:%m/%d/%Y},,Đang xử lý\n"
            )
    dump = tmp_path / "us-dates.csv"
    dump.write_text("".join(lines), encoding="utf-8")
    _, text = run(
        "audit", str(dump), "--catalogue", str(cat), "--as-of", "2026-12-31",
        "--format", "json", "--max-examples", "0",
    )  # fmt: skip
    report = json.loads(text)
    by_code = report["stats"]["findings_by_code"]
    assert "appointment-too-late" not in by_code
    assert "appointment-too-early" not in by_code
    assert by_code["ambiguous-date-format"] == 2
    ambiguous = [f for f in report["findings"] if f["code"] == "ambiguous-date-format"]
    assert all("--date-format" in f["message"] for f in ambiguous)
    # Forcing the other order gives the wrong reading the issue reported: a refusal is
    # possible, silence is not.
    _, text = run(
        "audit", str(dump), "--catalogue", str(cat), "--as-of", "2026-12-31",
        "--format", "json", "--date-format", "dmy",
    )  # fmt: skip
    forced = json.loads(text)["stats"]["findings_by_code"]
    assert forced["code-date-mismatch"] == differ


def test_metrics_text_states_an_ambiguous_date_order(tmp_path: Path) -> None:
    cat = tmp_path / "cat.csv"
    cat.write_text(CATALOGUE, encoding="utf-8")
    dump = tmp_path / "d.csv"
    dump.write_text(HEADER + "A1,1.000001,03/04/2026,,05/04/2026,Đã trả\n", encoding="utf-8")
    _, text = run("metrics", str(dump), "--catalogue", str(cat), "--as-of", "2026-06-01")
    assert "caveats" in text
    assert "ambiguous-date-format 2" in text
