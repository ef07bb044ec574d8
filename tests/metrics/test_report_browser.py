"""The HTML report in a real browser: Debian's headless ``chromium`` (driven by Selenium
through Debian's ``chromedriver``; no browser is downloaded) at a phone's 375 px, a small
laptop's 1024 px and a desktop's 1280 px.

At each width: nothing is wider than the viewport (the document does not scroll sideways;
wide tables scroll inside their own box), no two chart labels overlap (their boxes are
measured in the DOM), the chart text stays readable, and the period and caveats come before
the first chart, on the first screen. The tests skip, saying why, only when chromium is not
installed; CI installs it (.ci/run).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import attrs
import pytest
from _browser import VIEWPORTS, Browser, find_chromium

import procedurekit as pk
from procedurekit import metrics as m
from procedurekit.reports import render_html
from procedurekit.samples import catalogue_paths, dossiers_path

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="chromium is not installed (apt-get install chromium chromium-driver; CI does)",
)

WIDTHS = tuple(VIEWPORTS)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


def _samples() -> m.MetricsResult:
    """The bundled samples, as `procedurekit metrics ... --as-of 2025-12-31` reads them."""
    return m.metrics_from_files(
        dossiers_path(), catalogue=catalogue_paths(), as_of=date(2025, 12, 31)
    )


def _crowded() -> m.MetricsResult:
    """Three years of months, long agency names, and every optional section."""
    from procedurekit.deadlines.service import ServiceModel
    from procedurekit.models.initiative import Initiative

    agencies = [
        "Sở Tài nguyên và Môi trường tỉnh Bắc Giang",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "UBND xã Tân Tiến",
    ]
    facts = [
        m.DossierFacts(
            received=date(2023 + k // 12, k % 12 + 1, 3 + j),
            outcome=("on_time", "early", "late", "overdue")[(k + j) % 4],
            agency=agencies[j % 3],
            procedure=f"1.00{j % 3}",
            online=j % 2 == 0,
        )
        for k in range(36)
        for j in range(6)
    ]
    from procedurekit.models.procedure import Procedure

    procs = [
        Procedure(name="Cấp lại Chứng chỉ hành nghề luật sư trong trường hợp bị mất, bị rách",
                  local_code=f"1.00{j}", prescribed_time=pk.WorkingDays(15),
                  committed_time=pk.WorkingDays(10 - j))
        for j in range(3)
    ]  # fmt: skip
    friday = ServiceModel("Thứ Sáu không hẹn", {4}, (), pk.SameDay(), all_procedures=True)
    initiatives = m.initiative_summary(
        [Initiative(id="a1", title="QR", agency=agencies[0], year=2025)], agencies=agencies
    )
    result = m.compute_metrics(
        facts,
        by=("agency", "month"),
        catalogue=procs,
        as_of=date(2025, 12, 31),
        service_models=[friday],
        initiatives=initiatives,
    )
    return attrs.evolve(
        result,
        received_from=date(2023, 1, 1),
        received_to=date(2025, 12, 31),
        quality=m.DataQuality(
            rows=216,
            rows_rejected=1,
            missing_columns=("complaint", "digitised_components", "digitised_data_reused"),
            findings=(("unknown-procedure", 12), ("paid-online-free-procedure", 3)),
        ),
    )


def _page(tmp_path: Path, name: str, result: m.MetricsResult, lang: str = "vi") -> Path:
    page = tmp_path / f"{name}-{lang}.html"
    page.write_text(render_html(result, lang=lang), encoding="utf-8")  # type: ignore[arg-type]
    return page


def _check(data: dict[str, object], width: int) -> None:
    assert data["innerWidth"] == width, data  # the page did not widen the layout viewport
    # No sideways scrolling: the document is no wider than the viewport less its scrollbar.
    assert data["scrollWidth"] <= data["clientWidth"] <= width, data  # type: ignore[operator]
    assert data["overflowing"] == [], data
    assert data["overlaps"] == [], data
    assert data["charts"] == 1, data
    assert data["axisLabels"] >= 2, data  # type: ignore[operator]
    # The smallest chart text box stays readable when the chart is scaled to a phone.
    assert data["smallestChartText"] >= 11, data  # type: ignore[operator]
    # The period and the caveats (beside it, or below it on a phone) come first, on the
    # first screen.
    assert data["period"] <= data["caveats"] < data["firstChart"], data  # type: ignore[operator]
    assert data["caveats"] < VIEWPORTS[width], data  # type: ignore[operator]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_samples_report_fits_every_width(
    browser: Browser, tmp_path: Path, width: int, lang: str
) -> None:
    data = browser.measure(_page(tmp_path, "samples", _samples(), lang), width)
    _check(data, width)
    assert data["lang"] == lang


@pytest.mark.parametrize("width", WIDTHS)
def test_crowded_report_fits_every_width(browser: Browser, tmp_path: Path, width: int) -> None:
    _check(browser.measure(_page(tmp_path, "crowded", _crowded()), width), width)


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_screenshots_at_three_widths(browser: Browser, tmp_path: Path) -> None:
    page = _page(tmp_path, "samples", _samples())
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    for width in WIDTHS:
        (shot,) = browser.screenshot(page, width, tmp_path / f"report-{width}.png")
        (empty,) = browser.screenshot(blank, width, tmp_path / f"blank-{width}.png")
        w, h = _png_size(shot)
        assert w == width
        assert h > VIEWPORTS[width]  # the whole page, taller than a screen
        # A blank page compresses to almost nothing; the report has text, bars and lines.
        assert shot.stat().st_size > 20 * empty.stat().st_size
