"""``procedurekit calendar check`` / ``diff`` and ``calendar YEAR --format ics``: output, exit
codes (0/1/2), and the year form left as it was."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from _paths import ROOT

from procedurekit.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, build_parser, main

EXAMPLE = str(ROOT / "docs" / "examples" / "announcement-2027.example.toml")

SWAP = """format = 1

[[entries]]
date = 2027-04-15
kind = "swap"
name_vi = "Nghỉ hoán đổi - thử"
name_en = "Swapped day off - test"
source = "Công văn 0001/VPCP-KGVX (test)"
announced = 2027-03-01

[[entries]]
date = 2027-04-24
kind = "makeup"
name_vi = "Làm bù cho thứ Năm 15/4/2027 - thử"
name_en = "Make-up working day - test"
source = "Công văn 0001/VPCP-KGVX (test)"
announced = 2027-03-01
"""


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = main(list(argv), out=out)
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    return code, out.getvalue()


@pytest.fixture
def swap(tmp_path: Path) -> str:
    path = tmp_path / "swap-2027.toml"
    path.write_text(SWAP, encoding="utf-8")
    return str(path)


@pytest.fixture
def weekend_swap(tmp_path: Path) -> str:
    path = tmp_path / "weekend.toml"
    path.write_text(SWAP.replace("2027-04-15", "2027-04-17"), encoding="utf-8")  # a Saturday
    return str(path)


# -- check ------------------------------------------------------------------------------------


def test_check_a_clean_file_exits_0() -> None:
    code, text = run("calendar", "check", EXAMPLE)
    assert code == EXIT_CLEAN
    assert text.startswith("procedurekit calendar check: VALID (0 errors, 0 warnings, 0 info)")
    data = json.loads(run("calendar", "check", EXAMPLE, "--json")[1])
    assert data["valid"] is True
    assert data["findings"] == []
    assert data["stats"]["years"] == [2027]


def test_check_a_file_with_errors_exits_1(weekend_swap: str) -> None:
    code, text = run("calendar", "check", weekend_swap)
    assert code == EXIT_FINDINGS
    assert "INVALID" in text
    assert "[error] swap-on-weekend entries[0].date: 2027-04-17 is a Saturday" in text
    assert f"{weekend_swap}:4" in text  # the file and the line of the date
    code, out = run("calendar", "check", weekend_swap, "--format", "json")
    assert code == EXIT_FINDINGS
    data = json.loads(out)
    assert data["valid"] is False
    assert [e["code"] for e in data["errors"]] == ["swap-on-weekend"]
    assert data["errors"][0]["field"] == "entries[0].date"


def test_check_warnings_alone_exit_0(swap: str) -> None:
    # No [[years]] block: 2027 stays provisional (information), and nothing is wrong.
    code, text = run("calendar", "check", swap)
    assert code == EXIT_CLEAN
    assert "year-stays-provisional" in text


def test_check_github_annotations(weekend_swap: str) -> None:
    code, text = run("calendar", "check", weekend_swap, "--format", "github")
    assert code == EXIT_FINDINGS
    lines = text.splitlines()
    assert f"::notice file={weekend_swap},line=3,title=year-stays-provisional::" in lines[0]
    assert lines[1].startswith(f"::error file={weekend_swap},line=4,title=swap-on-weekend::")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("README.md", None),  # not TOML
        ("missing.toml", None),  # unreadable
        ("noformat.toml", SWAP.replace("format = 1\n", "")),  # no format key
        ("list.json", "[]"),  # JSON, not a table
    ],
)
def test_check_a_file_that_is_not_an_announcement_exits_2(
    tmp_path: Path, name: str, content: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ROOT / name if name == "README.md" else tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out = run("calendar", "check", str(path))
    assert code == EXIT_USAGE
    assert out == ""
    err = capsys.readouterr().err
    assert err.startswith("procedurekit calendar: error: ")
    assert "Traceback" not in err


# -- diff -------------------------------------------------------------------------------------


def test_diff_text(swap: str) -> None:
    code, text = run("calendar", "diff", swap)
    assert code == EXIT_CLEAN
    assert "Days that become days off (1):\n  2027-04-15 Thu  Nghỉ hoán đổi - thử" in text
    assert "Days that become working days (1):\n  2027-04-24 Sat" in text
    assert "  5 working days: 10 receipt(s) move" in text
    assert "    received 2027-04-08 Thu: due 2027-04-15 -> 2027-04-19" in text


def test_diff_json_with_a_period_and_limits(swap: str) -> None:
    code, out = run(
        "calendar",
        "diff",
        swap,
        "--from",
        "2027-04-01",
        "--to",
        "2027-04-10",
        "--duration",
        "5",
        "--duration",
        "05 ngày làm việc",
        "--duration",
        "1",
        "--json",
    )
    assert code == EXIT_CLEAN
    data = json.loads(out)
    assert data["period"]["from"] == "2027-04-01"
    assert [d["working_days"] for d in data["deadlines"]] == [1, 5]
    assert [m["received"] for m in data["deadlines"][1]["moves"]] == ["2027-04-08", "2027-04-09"]


def test_diff_of_the_example_completes_2027() -> None:
    data = json.loads(run("calendar", "diff", EXAMPLE, "--json")[1])
    assert data["year_changes"] == [{"year": 2027, "old": "provisional", "new": "complete"}]


@pytest.mark.parametrize(
    "argv",
    [
        ["--duration", "3 ngày"],  # calendar days, not working days
        ["--duration", "0"],
        ["--duration", "abc"],
        ["--from", "2027-13-01"],
        ["--from", "2027-05-01", "--to", "2027-04-01"],
    ],
)
def test_diff_bad_options_exit_2(swap: str, argv: list[str]) -> None:
    assert run("calendar", "diff", swap, *argv)[0] == EXIT_USAGE


# -- the year: iCalendar, and everything as before ---------------------------------------------


def test_year_as_icalendar() -> None:
    icalendar = pytest.importorskip("icalendar")
    code, text = run("calendar", "2026", "--format", "ics")
    assert code == EXIT_CLEAN
    cal = icalendar.Calendar.from_ical(text)
    days = {ev.decoded("dtstart") for ev in cal.walk("VEVENT")}
    listed = json.loads(run("calendar", "2026", "--json")[1])
    expected = {date.fromisoformat(e["date"]) for e in listed["days_off"] + listed["working_days"]}
    assert days == expected
    assert str(cal["x-procedurekit-data-version"]) == listed["data_version"]
    code, text = run("calendar", "2027", "--format", "ics", "--calendar-file", EXAMPLE)
    assert "UID:20270211-swap.vietnam@procedurekit" in text


def test_json_and_format_json_are_the_same() -> None:
    assert run("calendar", "2026", "--json") == run("calendar", "2026", "--format", "json")
    assert run("calendar", "--json", "2026") == run("calendar", "2026", "--json")


@pytest.mark.parametrize(
    "argv",
    [
        ["calendar", "check"],  # no FILE
        ["calendar", "diff"],
        ["calendar", "2026", "extra.toml"],  # a FILE with a year
        ["calendar", "2026", "--from", "2026-01-01"],
        ["calendar", "2026", "--duration", "5"],
        ["calendar", "check", EXAMPLE, "--known-at", "2026-01-01"],
        ["calendar", "diff", EXAMPLE, "--calendar-file", EXAMPLE],
        ["calendar", "2026", "--format", "github"],
        ["calendar", "check", EXAMPLE, "--format", "ics"],
        ["calendar", "diff", EXAMPLE, "--format", "github"],
        ["calendar", "2026", "--json", "--format", "text"],
        ["calendar", "chek", EXAMPLE],
    ],
)
def test_misplaced_options_are_usage_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(*argv)[0] == EXIT_USAGE
    err = capsys.readouterr().err
    assert "error" in err
    assert "Traceback" not in err


def test_help_documents_the_three_forms_with_examples() -> None:
    parser = build_parser()
    calendar = next(a for a in parser._actions if a.dest == "command").choices["calendar"]  # type: ignore[index]
    text = calendar.format_help()
    for line in (
        "procedurekit calendar YEAR",
        "procedurekit calendar check FILE",
        "procedurekit calendar diff FILE",
        "examples:",
        "procedurekit calendar 2026 --format ics > vietnam-2026.ics",
        "procedurekit calendar check announcement-2027.toml",
        "procedurekit calendar diff announcement-2027.toml",
        "exit codes",
    ):
        assert line in text, line
