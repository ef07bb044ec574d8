"""The command line on hostile files: exit codes, one-line errors, escaped output.

Exit codes (DESIGN.md "Public API contract"): 0 clean, 1 findings, 2 usage or unreadable
input (a limit passed included), 3 internal error (one line; the traceback with --debug).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
from pathlib import Path
from typing import Any, TextIO

import pytest
from _hostile import rows_xml, sheet_xml, write_xlsx

from procedurekit.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, main
from procedurekit.cli._common import EXIT_INTERNAL
from procedurekit.errors import InputFileError

CATALOGUE = "code,name,processing_time\n1.000001,A,5 ngày làm việc\n"
DOSSIERS = (
    "dossier_code,procedure_code,channel,received_at,appointment_date,end_at,status,agency\n"
    "H01-250701-0001,1.000001,online,2025-07-01T08:00,2025-07-08,2025-07-03T10:00,returned,"
    '"=HYPERLINK(""http://x"")"\n'
    'H01-250701-0002,1.000001,online,2025-07-01T09:00,2025-07-08,,in_progress,"a\rb"\n'
)
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue(), capsys.readouterr().err


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if "error" in line]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    cat = tmp_path / "c.csv"
    cat.write_text(CATALOGUE, encoding="utf-8")
    lossy = tmp_path / "lossy.csv"
    lossy.write_text(CATALOGUE + "1.000002," + "x" * 3000 + ",2 ngày\n", encoding="utf-8")
    d = tmp_path / "d.csv"
    d.write_bytes(DOSSIERS.encode())
    header = rows_xml([["Mã số", "Tên"], ["1.000001", "A"]])
    dtd = write_xlsx(
        tmp_path / "dtd.xlsx",
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aa">]>'
        f'<worksheet xmlns="{NS}"><sheetData>{header}</sheetData></worksheet>',
    )
    broken = write_xlsx(tmp_path / "broken.xlsx", sheet_xml(header + "<row r='3'><c></row>"))
    nohead = write_xlsx(tmp_path / "nohead.xlsx", sheet_xml(rows_xml([["x", 1]] * 25)))
    deep = tmp_path / "deep.json"
    deep.write_text('[{"code": "1.000001", "legal_basis": ' + "[" * 600 + "]" * 600 + "}]")
    bomb = tmp_path / "bomb.csv.gz"
    bomb.write_bytes(gzip.compress(CATALOGUE.encode() + b"1.000002,B,1 ngay\n" * 40_000))
    return {
        "cat": cat,
        "lossy": lossy,
        "d": d,
        "dtd": dtd,
        "broken": broken,
        "nohead": nohead,
        "deep": deep,
        "bomb": bomb,
    }


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("dtd", "DTD"),
        ("broken", "not well-formed XML"),
    ],
)
def test_unreadable_workbooks_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], name: str, words: str
) -> None:
    code, out, err = run(capsys, "validate", str(files[name]))
    assert code == EXIT_USAGE
    assert out == ""
    assert words in one_line_error(err)


def test_a_workbook_without_a_header_is_a_finding_not_a_clean_result(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, _ = run(capsys, "validate", str(files["nohead"]))
    assert code == 1
    assert "INVALID" in out
    assert "no-data-rows" in out
    assert "no header row in its first 20 non-empty rows" in out


def test_a_limit_passed_exits_2(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    code, _, err = run(capsys, "validate", str(files["bomb"]), "--max-decompressed-bytes", "256KiB")
    assert code == EXIT_USAGE
    assert "max_decompressed_bytes" in one_line_error(err)
    code, _, err = run(capsys, "validate", str(files["bomb"]), "--max-catalogue-bytes", "2MiB")
    assert code == EXIT_USAGE
    assert "max_catalogue_bytes" in one_line_error(err)
    assert run(capsys, "validate", str(files["bomb"]))[0] == EXIT_FINDINGS  # default limits


def test_a_line_limit_gives_a_finding(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    args = ["validate", str(files["lossy"]), "--format", "json", "--max-line-bytes", "1KiB"]
    code, out, _ = run(capsys, *args)
    assert code == EXIT_FINDINGS
    report = json.loads(out)
    assert report["stats"]["findings_by_code"]["line-too-long"] == 1
    assert (report["stats"]["rows"], report["stats"]["lines_rejected"]) == (1, 1)


def test_bad_option_values_exit_2(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    for argv in (
        ["--delimiter", "ab"],
        ["--delimiter", '"'],
        ["--max-depth", "0"],
        ["--max-line-bytes", "lots"],
        ["--max-cell-chars", "-3"],
    ):
        with pytest.raises(SystemExit) as info:
            main(["validate", str(files["cat"]), *argv], out=io.StringIO())
        assert info.value.code == EXIT_USAGE, argv
        err = capsys.readouterr().err
        assert "error: argument" in err
        assert "Traceback" not in err
    assert run(capsys, "validate", str(files["cat"]), "--delimiter", ",")[0] in (0, 1)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_special_files_exit_2(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    fifo = tmp_path / "p.csv"
    os.mkfifo(fifo)
    for argv in (
        ["validate", str(fifo)],
        ["audit", str(fifo), "--catalogue", str(files["cat"])],
        ["audit", str(files["d"]), "--catalogue", str(fifo)],
        ["metrics", str(fifo), "--catalogue", str(files["cat"]), "--as-of", "2025-08-01"],
        ["validate", str(tmp_path)],
    ):
        code, _, err = run(capsys, *argv)
        assert code == EXIT_USAGE, argv
        assert "not a regular file" in one_line_error(err)


def test_deep_json_is_a_finding_not_a_traceback(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, err = run(capsys, "validate", str(files["deep"]), "--format", "json")
    assert code == EXIT_FINDINGS
    assert "Traceback" not in err
    assert json.loads(out)["stats"]["findings_by_code"]["malformed-row"] == 1


def test_audit_and_metrics_count_the_catalogue_findings(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    common = ["--catalogue", str(files["lossy"]), "--as-of", "2025-08-01"]
    code, out, _ = run(
        capsys, "audit", str(files["d"]), *common, "--format", "json", "--max-line-bytes", "1KiB"
    )
    assert code == EXIT_FINDINGS
    report = json.loads(out)
    assert report["stats"]["findings_by_code"]["line-too-long"] == 1
    assert any(f["file"] == str(files["lossy"]) for f in report["findings"])
    code, _, err = run(capsys, "metrics", str(files["d"]), *common, "--max-line-bytes", "1KiB")
    assert code == EXIT_FINDINGS
    assert "line-too-long 1" in err
    code, _, err = run(capsys, "metrics", str(files["d"]), *common)  # no limit passed: clean
    assert code == EXIT_CLEAN, err


def test_metrics_outputs_are_escaped(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    common = ["--catalogue", str(files["cat"]), "--as-of", "2025-08-01", "--by", "agency"]
    code, out, _ = run(capsys, "metrics", str(files["d"]), *common, "--format", "csv")
    assert code == EXIT_CLEAN
    keys = [row[0] for row in csv.reader(io.StringIO(out, newline=""))][2:]
    assert sorted(keys) == ['\'=HYPERLINK("http://x")', "a\rb"]
    assert '"a\rb"' in out  # quoted: a bare carriage return cannot end a row
    code, out, _ = run(capsys, "metrics", str(files["d"]), *common)
    assert "a\\rb" in out
    assert "\r" not in out


class _Handler:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def __call__(self, args: argparse.Namespace, out: TextIO) -> int:
        raise self.exc


def _patched(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    import procedurekit.cli.validate as validate

    def register(sub: Any) -> None:
        p = sub.add_parser("validate")
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
        p.set_defaults(handler=_Handler(exc))

    monkeypatch.setattr(validate, "register", register)


def test_error_lines_escape_control_characters(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _patched(monkeypatch, InputFileError("bad\n::add-mask::secret\x1b[2J\u202e"))
    code, _, err = run(capsys, "validate")
    assert code == EXIT_USAGE
    assert err.count("\n") == 1
    assert "\x1b" not in err
    assert "\u202e" not in err
    assert "bad\\n::add-mask::secret\\x1b[2J\\u202e" in err


def test_an_internal_error_exits_3_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _patched(monkeypatch, RuntimeError("boom\nsecond line"))
    code, _, err = run(capsys, "validate")
    assert code == EXIT_INTERNAL == 3
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "internal error: RuntimeError: boom\\nsecond line" in err
    code, _, err = run(capsys, "--debug", "validate")
    assert code == EXIT_INTERNAL
    assert "Traceback" in err


def test_the_reference_lists_every_limit_and_exit_code() -> None:
    from _paths import DOCS

    from procedurekit.cli import build_parser
    from procedurekit.io._limits import limit_specs

    text = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    for spec in limit_specs():
        shown = f"{spec.default >> 20} MiB" if spec.unit == "bytes" else f"{spec.default:,}"
        assert f"| `{spec.name}` | `{spec.option}` | {shown} |" in text, spec
    for code in (0, 1, 2, 3):
        assert f"| **{code}** |" in text
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for command in ("validate", "audit", "metrics"):
        options = {o for a in sub.choices[command]._actions for o in a.option_strings}
        assert {s.option for s in limit_specs()} <= options, command


def test_calendar_and_deadline_text_escape_names_from_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A name in an announcement file with a newline and a terminal escape cannot start a
    line a CI runner obeys, or clear the screen, in the calendar and deadline text."""
    from _paths import ROOT

    text = (ROOT / "docs" / "examples" / "announcement-2027.example.toml").read_text("utf-8")
    evil = text.replace("- ví dụ", "- ví dụ\\n::add-mask::x\\u001b[2J", 1)
    assert evil != text
    path = tmp_path / "evil.toml"
    path.write_text(evil, encoding="utf-8")
    code, out, _ = run(capsys, "calendar", "2027", "--calendar-file", str(path))
    assert code == EXIT_CLEAN
    assert "\n::add-mask::" not in out
    assert "\x1b" not in out
    assert "\\n::add-mask::x\\x1b[2J" in out
    code, out, _ = run(
        capsys, "deadline", "--received", "2027-02-05T09:00", "--working-days", "10",
        "--calendar-file", str(path),
    )  # fmt: skip
    assert code == EXIT_CLEAN
    assert "\x1b" not in out
    assert "\n::add-mask::" not in out
