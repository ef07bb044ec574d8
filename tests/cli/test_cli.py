"""The command line: deadlines, the calendar, help, exit codes and bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import Any

import pytest

from procedurekit.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, build_parser, main
from procedurekit.samples import catalogue_paths, dossiers_path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_deadline_text_explains_the_days_skipped() -> None:
    code, text = run("deadline", "--received", "2026-02-13T10:00", "--working-days", "5")
    assert code == EXIT_CLEAN
    assert "2026-02-27" in text
    assert "2026-02-16" in text  # Tết 2026 starts: skipped and explained
    assert "Ngày hẹn trả kết quả" in text


def test_deadline_json() -> None:
    code, text = run("deadline", "--received", "2026-02-13T10:00", "--working-days", "5", "--json")
    assert code == EXIT_CLEAN
    data = json.loads(text)
    assert data["due_date"] == "2026-02-27"
    assert data["due_at"].startswith("2026-02-27T17:00:00+07:00")
    assert data["provisional"] is False
    skipped = [e["date"] for e in data["explanation"]]
    assert skipped[:3] == ["2026-02-14", "2026-02-15", "2026-02-16"]


def test_deadline_json_is_the_deadline_document() -> None:
    """--json writes the wire form (durations tagged, not Python reprs) plus its extras."""
    import jsonschema

    import procedurekit as pk

    code, text = run("deadline", "--received", "2026-03-02T09:00", "--working-hours", "4", "--json")
    assert code == EXIT_CLEAN
    data = json.loads(text)
    assert data["duration"] == {"unit": "working_hours", "value": "4"}
    assert data["schema_version"] == pk.SCHEMA_VERSION
    extras = ("received", "receipt_policy", "explanation", "slip", "slips")
    document = {k: v for k, v in data.items() if k not in extras}
    jsonschema.Draft202012Validator(pk.json_schema(pk.Deadline)).validate(document)


def test_deadline_policies_differ_on_a_saturday() -> None:
    # DESIGN.md: Saturday 10:00 + 1 working day is Monday as submitted, Tuesday next-opening.
    base = ["deadline", "--received", "2026-04-25T10:00", "--working-days", "1", "--json"]
    assert json.loads(run(*base)[1])["due_date"] == "2026-04-28"  # Mon 27 is Hùng Kings (obs.)
    nxt = json.loads(run(*base, "--policy", "next-opening")[1])
    assert nxt["due_date"] == "2026-04-29"


def test_deadline_same_day_with_cutoff() -> None:
    argv = ["deadline", "--same-day", "--cutoff", "15:00", "--json", "--received"]
    assert json.loads(run(*argv, "2026-03-06T15:00")[1])["due_date"] == "2026-03-06"
    assert json.loads(run(*argv, "2026-03-06T15:01")[1])["due_date"] == "2026-03-09"


def test_deadline_service_model_is_bound_to_the_procedure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = ["deadline", "--received", "2026-02-27T09:00", "--working-days", "5", "--json"]
    code, text = run(*base, "--service-model", "Thứ Sáu nhanh", "--procedure-code", "2.000815")
    assert code == EXIT_CLEAN
    data = json.loads(text)
    assert (data["due_date"], data["committed_date"]) == ("2026-03-06", "2026-02-27")
    # without the procedure the model would serve every procedure: refused, exit 2
    capsys.readouterr()
    assert run(*base, "--service-model", "quick-friday")[0] == EXIT_USAGE
    assert "--procedure-code" in capsys.readouterr().err


def test_calendar_lists_days_off_with_sources() -> None:
    code, text = run("calendar", "2026", "--json")
    assert code == EXIT_CLEAN
    data = json.loads(text)
    off = {e["date"]: e for e in data["days_off"]}
    assert "2026-01-02" in off
    assert "12729" in (off["2026-01-02"]["source"] or "")
    worked = {e["date"] for e in data["working_days"]}
    assert {"2026-01-10", "2026-08-22"} <= worked
    assert data["provisional"] is False
    assert json.loads(run("calendar", "2027", "--json")[1])["provisional"] is True


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", "--received", "2026-02-30", "--working-days", "5"],
        ["deadline", "--received", "yesterday", "--working-days", "5"],
        ["deadline", "--received", "2026-02-13", "--working-days", "-5"],
        ["deadline", "--received", "2026-02-13", "--working-days", "five"],
        ["deadline", "--received", "2070-01-01", "--working-days", "5"],
        ["deadline", "--received", "2026-02-13", "--working-days", "5", "--policy", "nope"],
        ["deadline", "--received", "2026-02-13"],
        ["calendar", "1999"],
        ["calendar", "twenty"],
        ["no-such-command"],
    ],
)
def test_bad_input_exits_2_without_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(argv, out=io.StringIO())
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code  # type: ignore[assignment]
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "error" in err
    assert "Traceback" not in err


def test_help_shows_examples() -> None:
    text = build_parser().format_help()
    assert "examples:" in text
    assert "exit codes" in text


def test_version_and_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "procedurekit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("procedurekit ")


def test_schema_prints_a_json_schema() -> None:
    code, text = run("schema", "Procedure")
    assert code == EXIT_CLEAN
    schema = json.loads(text)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "schema_version" in schema["required"]
    code, text = run("schema", "--list")
    assert "Dossier" in text.split()


def test_schema_of_an_unknown_model_is_a_usage_error() -> None:
    assert run("schema", "Nope")[0] == EXIT_USAGE
    assert run("schema")[0] == EXIT_USAGE


# -- validate, audit, rules on the bundled samples --------------------------------------------

CATALOGUE = [str(p) for p in catalogue_paths()]


def test_validate_reports_findings_with_exit_1() -> None:
    code, text = run("validate", *CATALOGUE, "--format", "json")
    assert code == 1
    report = json.loads(text)
    assert report["valid"] is False
    assert report["stats"]["procedures"] == 30
    # stats.rows counts the data rows read in every table (DESIGN.md "CLI").
    assert report["stats"]["rows"] == sum(t["rows"] for t in report["stats"]["tables"])
    codes = {f["code"] for f in report["findings"]}
    assert {"bare-number-time", "committed-time-exceeds-prescribed"} <= codes


def test_validate_clean_when_the_findings_are_ignored() -> None:
    code, _ = run(
        "validate",
        *CATALOGUE,
        "--ignore",
        "committed-time-exceeds-prescribed",
        "--ignore",
        "missing-required-part",
    )
    assert code == 0


def test_validate_github_annotations() -> None:
    code, text = run("validate", *CATALOGUE, "--format", "github")
    assert code == 1
    assert text.startswith("::")
    assert "::error " in text


def test_validate_unreadable_input_exits_2(tmp_path: pytest.TempPathFactory) -> None:
    assert run("validate", "/no/such/file.csv")[0] == EXIT_USAGE
    binary = tmp_path / "junk.xlsx"  # type: ignore[operator]
    binary.write_bytes(b"\x00\x01\x02 not a workbook")
    assert run("validate", str(binary))[0] == EXIT_USAGE


def test_audit_finds_the_deliberate_mistakes() -> None:
    code, text = run(
        "audit",
        str(dossiers_path()),
        "--catalogue",
        *CATALOGUE,
        "--as-of",
        "2026-11-26",
        "--format",
        "json",
    )
    assert code == 1
    report = json.loads(text)
    by_code = report["stats"]["findings_by_code"]
    assert by_code["appointment-too-late"] == 11
    assert by_code["appointment-too-early"] == 8
    assert by_code["district-receipt-after-reform"] == 1
    assert report["stats"]["rows"] == 320


def test_rules_lists_codes_with_sources() -> None:
    code, text = run("rules", "--format", "json")
    assert code == EXIT_CLEAN
    rules = json.loads(text)
    codes = {r["code"] for r in rules}
    assert {"missing-required-part", "duplicate-code", "appointment-too-late"} <= codes
    assert all(r["source"] for r in rules)


def test_tour_runs_on_the_samples() -> None:
    code, text = run("tour")
    assert code == EXIT_CLEAN
    assert "procedurekit validate" in text
    assert "appointment-too-late" in text
    assert "Ngày hẹn trả kết quả" in text


def test_metrics_json_and_html(tmp_path: pytest.TempPathFactory) -> None:
    html = tmp_path / "report.html"  # type: ignore[operator]
    code, text = run(
        "metrics",
        str(dossiers_path()),
        "--catalogue",
        *CATALOGUE,
        "--as-of",
        "2026-11-26",
        "--by",
        "month",
        "--format",
        "json",
        "--html",
        str(html),
    )
    # The samples' unknown procedure and unreadable times change what metrics count: exit 1.
    assert code == EXIT_FINDINGS
    data = json.loads(text)
    assert data["as_of"] == "2026-11-26"
    page = html.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert "<script" not in page
    assert '<html lang="vi">' in page  # Vietnamese unless --lang en
    assert "Chất lượng dữ liệu" in page
    # Each time-cut row counts the dossiers of its procedure (it said 0 beside every row).
    rows = data["time_cuts"]["rows"]
    assert rows
    assert all(r["dossiers"] > 0 for r in rows)
    assert data["time_cuts"]["dossiers"] == sum(r["dossiers"] for r in rows)


def test_metrics_html_in_english(tmp_path: pytest.TempPathFactory) -> None:
    html = tmp_path / "report.html"  # type: ignore[operator]
    argv = ["metrics", str(dossiers_path()), "--catalogue", *CATALOGUE, "--as-of",
            "2025-12-31", "--html", str(html)]  # fmt: skip
    code, _ = run(*argv, "--lang", "en", "--title", "Bắc Giang, 2025")
    assert code == EXIT_FINDINGS
    page = html.read_text("utf-8")
    assert '<html lang="en">' in page
    assert "<title>Bắc Giang, 2025</title>" in page
    assert "Data quality" in page
    assert "Chất lượng dữ liệu" not in page
    try:
        code = main([*argv, "--lang", "fr"], out=io.StringIO())
    except SystemExit as exc:
        code = exc.code  # type: ignore[assignment]
    assert code == EXIT_USAGE


def test_metrics_csv_has_one_row_per_group() -> None:
    code, text = run(
        "metrics", str(dossiers_path()), "--catalogue", *CATALOGUE, "--as-of", "2026-11-26",
        "--by", "channel", "--format", "csv",
    )  # fmt: skip
    assert code == EXIT_FINDINGS
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 1 + 3  # header, the whole, three channels


def test_metrics_bad_grouping_is_a_usage_error() -> None:
    try:
        code = main(["metrics", str(dossiers_path()), "--by", "planet"], out=io.StringIO())
    except SystemExit as exc:
        code = exc.code  # type: ignore[assignment]
    assert code == EXIT_USAGE


def test_audit_takes_several_files_and_the_pause_option(tmp_path: pytest.TempPathFactory) -> None:
    lines = dossiers_path().read_text("utf-8").splitlines(keepends=True)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"  # type: ignore[operator]
    first.write_text("".join(lines[:161]), "utf-8")
    second.write_text(lines[0] + "".join(lines[161:]), "utf-8")
    argv = ["--catalogue", *CATALOGUE, "--as-of", "2026-11-26", "--format", "json"]
    whole = json.loads(run("audit", str(dossiers_path()), *argv)[1])
    split = json.loads(
        run("audit", str(first), str(second), *argv, "--financial-obligation-pauses", "never")[1]
    )
    assert split["stats"]["rows"] == whole["stats"]["rows"] == 320

    # Date formats are detected, and reported, once per file; every other count is equal.
    def counts(report: dict[str, Any]) -> dict[str, int]:
        by_code = dict(report["stats"]["findings_by_code"])
        by_code.pop("date-format-detected")
        return by_code

    assert counts(split) == counts(whole)
    assert split["stats"]["findings_by_code"]["date-format-detected"] == 6


def test_audit_and_metrics_count_a_period_and_say_so(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """--from/--to select receipts in audit and metrics alike; the report states the period
    and what was left out; a repeated dossier code is an error and counted once."""
    catalogue = tmp_path / "cat.csv"
    catalogue.write_text("Mã số,Tên,Thời hạn giải quyết\n1.000001,A,3 ngày làm việc\n", "utf-8")
    dossiers = tmp_path / "d.csv"
    dossiers.write_text(
        "Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày kết thúc,Trạng thái\n"
        "X-260202-0001,1.000001,02/02/2026 09:00,03/02/2026 10:00,Đã trả kết quả\n"
        "X-260302-0001,1.000001,02/03/2026 09:00,03/03/2026 10:00,Đã trả kết quả\n"
        "X-260302-0001,1.000001,02/03/2026 09:00,03/03/2026 10:00,Đã trả kết quả\n"
        "X-260402-0001,1.000001,02/04/2026 09:00,03/04/2026 10:00,Đã trả kết quả\n",
        "utf-8",
    )
    period = ["--from", "2026-03-01", "--to", "2026-03-31", "--as-of", "2026-06-30"]
    code, text = run(
        "audit", str(dossiers), "--catalogue", str(catalogue), *period, "--format", "json"
    )
    assert code == EXIT_FINDINGS  # the repeated code is an error
    stats = json.loads(text)["stats"]
    assert (stats["dossiers"], stats["outside_period"], stats["duplicates"]) == (1, 2, 1)
    assert (stats["received_from"], stats["received_to"]) == ("2026-03-01", "2026-03-31")
    code, text = run("metrics", str(dossiers), "--catalogue", str(catalogue), *period)
    assert code == EXIT_FINDINGS
    assert "receipts: 2026-03-01 to 2026-03-31" in text
    assert "repeated codes 1" in text
    assert "dossiers: 1 received" in text
    data = json.loads(run("metrics", str(dossiers), "--catalogue", str(catalogue), *period,
                          "--format", "json")[1])  # fmt: skip
    assert data["received_from"] == "2026-03-01"
    assert data["quality"]["outside_period"] == 2
    capsys.readouterr()
    assert run("metrics", str(dossiers), "--from", "2026-04-01", "--to", "2026-03-01")[0] == (
        EXIT_USAGE
    )
    assert "--from 2026-04-01 is after --to 2026-03-01" in capsys.readouterr().err
