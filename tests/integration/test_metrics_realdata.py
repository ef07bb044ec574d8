"""Rates from published counts: provincial reports and the Bắc Giang 2014–2016 statistics.

Reads ``../shared/realdata`` (skipped when the folder is absent, as on a user's machine).
"""

from __future__ import annotations

import csv
import re

import pytest
from _paths import REALDATA

from procedurekit import metrics as m

PAGES = REALDATA / "dossier_stats" / "provincial_dossier_statistics_from_pages.csv"
BG = REALDATA / "bacgiang_hcc_2016"

pytestmark = pytest.mark.skipif(
    not REALDATA.is_dir(), reason="../shared/realdata is not present (it is not shipped)"
)


def _facts() -> list[dict[str, str]]:
    with PAGES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _value(rows: list[dict[str, str]], locality: str, period: str, metric: str) -> str:
    hits = [r for r in rows if r["locality"] == locality and r["period"] == period
            and r["metric"] == metric]  # fmt: skip
    assert len(hits) == 1, (locality, period, metric)
    return hits[0]


def _pct(note: str) -> float:
    found = re.search(r"=\s*([\d.]+)%", note)
    assert found, note
    return float(found.group(1))


@pytest.mark.parametrize(
    ("period", "on_time_metric", "late_metric", "due_metric", "withdrawn_metric", "digits"),
    [
        # Aug 2021 (one-stop offices of districts and communes): on time / due, overdue / due.
        ("2021-07-21..2021-08-20", "hồ sơ trả trước và đúng hạn", "hồ sơ quá hạn chưa có kết quả",
         "hồ sơ đến hạn giải quyết", "hồ sơ trả lại / rút", 2),
        ("2021-09", "trả trước và đúng hạn", "chậm hạn + quá hạn chưa có kết quả",
         "đến hạn giải quyết", "trả lại / rút", 2),
        ("2021-Q3", "trả trước và đúng hạn", "chậm hạn + quá hạn", "đến hạn giải quyết",
         "trả lại / rút", 2),
    ],
)  # fmt: skip
def test_vinh_phuc_published_rates(
    period: str,
    on_time_metric: str,
    late_metric: str,
    due_metric: str,
    withdrawn_metric: str,
    digits: int,
) -> None:
    rows = _facts()
    place = next(r["locality"] for r in rows if r["period"] == period)
    on_time = _value(rows, place, period, on_time_metric)
    late = _value(rows, place, period, late_metric)
    due = _value(rows, place, period, due_metric)
    withdrawn = _value(rows, place, period, withdrawn_metric)
    received = next(r for r in rows if r["period"] == period and "tiếp nhận mới" in r["metric"])
    r = m.rates_from_counts(
        int(received["value"]),
        int(on_time["value"]),  # the report gives early and on time together
        0,
        0,
        overdue=int(late["value"]),
        withdrawn=int(withdrawn["value"]),
    )
    # The report's denominator is "đến hạn giải quyết": on time + late.
    assert r.counts.judged == int(due["value"])
    assert round(r.on_time_rate * 100, digits) == _pct(on_time["note"])  # type: ignore[operator]
    assert round((1 - r.on_time_rate) * 100, digits) == _pct(late["note"])  # type: ignore[operator]
    # The withdrawn share is printed to 2 digits, or 1 digit for the quarter ("= 3.3%").
    shown = _pct(withdrawn["note"])
    places = len(str(shown).split(".")[1])
    assert round(int(withdrawn["value"]) / r.counts.judged * 100, places) == shown


@pytest.mark.parametrize("level", ["Mức 1,2", "Mức 3", "Mức 4"])
def test_thua_thien_hue_published_shares(level: str) -> None:
    rows = _facts()
    totals = next(r for r in rows if r["metric"].startswith(f"{level}: tổng"))
    outcomes = next(r for r in rows if r["metric"].startswith(f"{level}: trước hạn"))
    _total, processed, _open = (int(x) for x in totals["value"].split(" / "))
    numbers = [int(x) for x in re.findall(r"(\d+) \(", outcomes["value"])]
    published = [float(x) for x in re.findall(r"\(([\d.]+)%\)", outcomes["value"])]
    r = m.rates_from_counts(_total, *numbers, processed=processed)
    got = [r.share(k) for k in ("early", "on_time", "late")]
    assert [round(g * 100, 1) for g in got] == published  # type: ignore[operator]


def test_thua_thien_hue_online_procedures() -> None:
    # 1,856 mức 3 and 736 mức 4 of 2,643 procedures: 70.2 % and 27.8 % (published).
    row = next(r for r in _facts() if r["metric"].startswith("TTHC cung cấp trực tuyến"))
    l3, l4 = (int(x) for x in re.findall(r"(\d+) \(", row["value"]))
    s = m.OnlineServiceSummary(procedures=2643, full=l4, partial=l3, none=2643 - l3 - l4, unknown=0)
    # Online (mức 3 or 4): (1,856 + 736) / 2,643 = 2,592 / 2,643 = 98.07 %.
    full, online = s.full_online_rate, s.online_rate
    assert full is not None
    assert online is not None
    assert (round(full * 100, 1), round(online * 100, 1)) == (27.8, 98.1)
    assert round(l3 / 2643 * 100, 1) == 70.2


def test_bac_giang_monthly_per_unit_matches_the_published_totals() -> None:
    results = m.read_count_table(str(BG / "monthly_dossier_stats_by_unit_field.csv"))
    with (BG / "monthly_dossier_stats_by_unit_TOTALS.csv").open(encoding="utf-8") as handle:
        totals = {(r["unit_code"], r["month"]): r for r in csv.DictReader(handle)}
    assert len(results) == len(totals) == 199
    for g in results:
        t = totals[g.key]
        c = g.counts
        assert (c.received, c.early, c.on_time, c.late, c.overdue, c.withdrawn) == tuple(
            int(t[k]) for k in ("tiep_nhan", "tra_som_han", "tra_dung_han", "tra_qua_han",
                                "thu_ly_qua_han", "cong_dan_rut")
        ), g.key  # fmt: skip
        rate = g.returned_on_time_rate
        if t["pct_late_of_returned"] == "":
            assert rate is None
        else:
            assert rate is not None
            assert round((1 - rate) * 100, 2) == float(t["pct_late_of_returned"]), g.key


def test_bac_giang_hiep_hoa_january_2015_by_hand() -> None:
    # HIEP_HOA 2015-01: returned early 262, on time 26, late 21 → late 21/309 = 6.80 %
    # (published 6.8); open overdue 147 carried over; 2.1 counts open dossiers too.
    table = m.read_count_table(str(BG / "monthly_dossier_stats_by_unit_field.csv"))
    results = {g.key: g for g in table}
    g = results[("HIEP_HOA", "2015-01")]
    assert (g.counts.early, g.counts.on_time, g.counts.late) == (262, 26, 21)
    assert g.returned_on_time_rate == pytest.approx(288 / 309)
    c = g.counts
    assert g.on_time_rate == pytest.approx((262 + 26 + c.in_time) / (309 + c.in_time + 147))
