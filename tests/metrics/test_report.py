"""Reports of a metrics result: text, JSON and CSV. The HTML report has its own tests:
test_report_html.py (its structure) and test_report_browser.py (in headless chromium).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from test_metrics import FIXTURE, _p

import procedurekit as pk
from procedurekit import metrics as m
from procedurekit.reports import metrics as report


def _result() -> m.MetricsResult:
    from procedurekit.deadlines.service import ServiceModel
    from procedurekit.models.initiative import Initiative

    W = pk.WorkingDays
    procs = [_p("P1", W(10), W(7), "full"), _p("P2", W(20), W(5), "partial"), _p("P3")]
    # Mondays, every procedure, same day: #1 (Mon 2 Feb) and #4 (Mon 2 Mar) are eligible;
    # neither has a return day (#1 records only its end kind, #4 is open) → 0 of 2 met.
    monday = ServiceModel("Thứ Hai không hẹn", {0}, (), pk.SameDay(), all_procedures=True)
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
    assert rows[0]["rate_5.4"] == "0.375000"  # hand-computed in test_metrics


def test_text_report_names_indicators_and_groups() -> None:
    text = report.render_text(_result())
    assert "2.1   on time" in text
    assert "62.5 %" in text
    assert "By agency" in text
    assert "30–60 %: 1" in text
