"""The service's ``/docs`` page in Debian's headless chromium at 375, 1024 and 1280 px: laid
out for the device's width (it declares a viewport), and never wider than the screen (the
operations table scrolls inside its own box). Skips, saying why, only without chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _browser import VIEWPORTS, Browser, find_chromium

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="chromium is not installed (apt-get install chromium chromium-driver; CI does)",
)
pytest.importorskip("starlette", reason="the server extra is part of the test extra")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


@pytest.mark.parametrize("width", tuple(VIEWPORTS))
def test_the_docs_page_fits_every_width(browser: Browser, tmp_path: Path, width: int) -> None:
    from starlette.testclient import TestClient

    from procedurekit.server import create_app

    with TestClient(create_app()) as client:
        html = client.get("/docs").text
    page = tmp_path / "docs.html"
    page.write_text(html, encoding="utf-8")
    data = browser.measure(page, width)
    assert data["innerWidth"] == width  # laid out for the device, not a 980 px desktop
    assert data["scrollWidth"] <= data["clientWidth"]
    assert data["overflowing"] == []
