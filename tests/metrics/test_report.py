"""Reports of a metrics result: text, JSON, CSV and one self-contained HTML file.

The HTML is also opened in a real headless browser (Debian ``chromium``): a screenshot must
differ from a blank page's, and the DOM chromium builds must hold the SVG charts. Locally the
browser tests skip when chromium is absent; CI installs it (``apt-get install -y chromium``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import struct
import subprocess
from datetime import date
from pathlib import Path

import pytest
from test_metrics import FIXTURE, _p

import procedurekit as pk
from procedurekit import metrics as m
from procedurekit.reports import metrics as report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _result() -> m.MetricsResult:
    from procedurekit.deadlines.service import ServiceModel
    from procedurekit.models.initiative import Initiative

    W = pk.WorkingDays
    procs = [_p("P1", W(10), W(7), "full"), _p("P2", W(20), W(5), "partial"), _p("P3")]
    # Mondays, every procedure, same day: #1 (Mon 2 Feb) and #4 (Mon 2 Mar) are eligible;
    # neither has a return day (#1 records only its end kind, #4 is open) → 0 of 2 met.
    monday = ServiceModel("Thứ Hai không hẹn", {0}, (), pk.SameDay())
    initiatives = m.initiative_summary(
        [Initiative(id="a1", title="QR", agency="A", year=2026)], agencies=["A"]
    )
    return m.compute_metrics(
        FIXTURE,
        by="agency",
        catalogue=procs,
        as_of=date(2026, 3, 31),
        service_models=[monday],
        initiatives=initiatives,
    )


def test_json_holds_the_hand_computed_numbers() -> None:
    data = json.loads(report.render_json(_result()))
    assert data["as_of"] == "2026-03-31"
    overall = data["overall"]
    rates = {i["code"]: i["rate"] for i in overall["indicators"]}
    # Hand-computed in test_metrics: 2.1 = 5/8; 3.3 = 6/10; 3.1 = 2 of the 2 procedures whose
    # online level is recorded (P3 records none and is left out of 3.1).
    assert rates["2.1"] == pytest.approx(0.625)
    assert rates["3.3"] == pytest.approx(0.6)
    assert rates["3.1"] == pytest.approx(1.0)
    assert [g["key"] for g in data["groups"]] == [["A"], ["B"]]
    assert [g["key"] for g in data["timeline"]] == [["2026-02"], ["2026-03"]]
    # Time cuts: P1 30 % (30–60 %), P2 75 % (> 60 %).
    assert data["time_cuts"]["bands"] == [["< 30 %", 0], ["30–60 %", 1], ["> 60 %", 1]]
    assert data["online_service"]["full"] == 1
    assert data["service_models"][0]["eligible"] == 2
    assert data["service_models"][0]["met"] == 0
    assert data["initiatives"]["under_minimum"] == [[2026, "A", 1]]


def test_csv_has_one_row_per_group_whole_first() -> None:
    rows = list(csv.DictReader(io.StringIO(report.render_csv(_result()))))
    assert [r["agency"] for r in rows] == ["(all)", "A", "B"]
    # A: 2.1 = 4/5 (hand-computed in test_metrics).
    assert float(rows[1]["rate_2.1"]) == pytest.approx(0.8)
    assert rows[0]["received"] == "10"
    assert rows[0]["rate_5.4"] == "0.425000"


def test_text_report_names_indicators_and_groups() -> None:
    text = report.render_text(_result())
    assert "2.1   on time" in text
    assert "62.5 %" in text
    assert "By agency" in text
    assert "30–60 %: 1" in text


def test_html_is_self_contained() -> None:
    html = report.render_html(_result(), title="Báo cáo <Bắc Giang>")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    # No external resource: no src/href attributes, no url(...) in the CSS, no @import.
    assert not re.search(r"\b(src|href)\s*=", html, re.I)
    assert "url(" not in html
    assert "@import" not in html
    assert html.count("<svg") == 4  # on-time over time, scores, time cuts, online share
    assert "Báo cáo &lt;Bắc Giang&gt;" in html  # escaped
    assert "Service models" in html
    assert "Reform initiatives" in html


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp / 'profile'}", *args,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it)")
def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report.render_html(_result()), encoding="utf-8")
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    shots = {}
    for name, src in (("report", page), ("blank", blank)):
        png = tmp_path / f"{name}.png"
        done = _chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,2000", src.as_uri())
        assert png.is_file(), done.stderr[-2000:]
        assert _png_size(png) == (1280, 2000)
        shots[name] = png.read_bytes()
    # A blank page compresses to almost nothing; the report has text, bars and lines.
    assert len(shots["report"]) > 10 * len(shots["blank"])
    assert len(shots["report"]) > 30_000
    assert len(set(shots["report"])) > 200  # many distinct byte values: not a flat image


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it)")
def test_html_svg_is_in_chromiums_dom(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report.render_html(_result()), encoding="utf-8")
    done = _chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = done.stdout
    assert dom.count("<svg") == 4, done.stderr[-2000:]
    assert "<polyline" in dom  # the on-time line
    assert dom.count("<rect") > 10  # the bars
    assert "Scores per group" in dom
