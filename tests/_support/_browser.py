"""A real headless browser for the HTML report tests: Debian's ``chromium`` driven through
its ``chromedriver`` by Selenium (the ``test`` extra), never a downloaded browser.

:func:`find_chromium` says whether the browser is there (the tests skip, saying why, only
when it is not); :class:`Browser` opens a page at a given viewport width and returns what
the page measured of itself (:data:`MEASURE`), or a full-page PNG screenshot.

Run as a script to take the screenshots a person looks at::

    python tests/_support/_browser.py report.html /tmp/shots   # 375, 1024 and 1280 px
"""

from __future__ import annotations

import base64
import json
import shutil
import sys
from pathlib import Path
from types import TracebackType
from typing import Any, Final

#: Viewport (width, height) of a phone, a small laptop and a desktop.
VIEWPORTS: Final = {375: 812, 1024: 768, 1280: 800}


def find_chromium() -> str | None:
    """The path of the chromium binary, or ``None`` when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def find_chromedriver() -> str | None:
    """The path of chromedriver (Debian ``chromium-driver``), or ``None``."""
    return shutil.which("chromedriver")


#: What the page measures of itself, returned as JSON: the viewport and document widths,
#: every element outside a scrolling box that pokes out of the viewport, each chart's axis
#: labels and bar texts that overlap another, the rendered size of the smallest chart font,
#: and where the first screen's panels and the first chart start.
MEASURE: Final = r"""
const de = document.documentElement;
const vw = window.innerWidth;
const box = (el) => el.getBoundingClientRect();
const shown = (r) => r.width > 0 && r.height > 0;
const name = (el) => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
  ? '.' + String(el.className).trim().replace(/\s+/g, '.') : '') + (el.id ? '#' + el.id : '');
const overflowing = [];
for (const el of document.querySelectorAll('body *')) {
  if (el.closest('.scroll') && !el.classList.contains('scroll')) continue;
  const r = box(el);
  if (shown(r) && (r.right > vw + 0.5 || r.left < -0.5)) overflowing.push(name(el));
}
const hits = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
  && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const overlaps = [];
const check = (where, els) => {
  const rs = els.map((el) => [el, box(el)]).filter(([, r]) => shown(r));
  for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++)
    if (hits(rs[i][1], rs[j][1]))
      overlaps.push(where + ': "' + rs[i][0].textContent + '" / "' + rs[j][0].textContent + '"');
};
const charts = [...document.querySelectorAll('svg.chart')];
let labels = 0, smallest = 1e9;
charts.forEach((svg, k) => {
  const texts = [...svg.querySelectorAll('text')];
  labels += svg.querySelectorAll('text.xa').length;
  check('chart ' + k, texts);
  for (const t of texts) if (shown(box(t))) smallest = Math.min(smallest, box(t).height);
});
document.querySelectorAll('.bars').forEach((bars, k) => {
  check('bars ' + k, [...bars.querySelectorAll('.bl, .bv, .bn, .bt')]);
});
const top = (sel) => { const el = document.querySelector(sel); return el ? box(el).top : null; };
return JSON.stringify({
  innerWidth: vw, clientWidth: de.clientWidth, scrollWidth: de.scrollWidth, overflowing,
  overlaps, charts: charts.length, axisLabels: labels, smallestChartText: smallest,
  period: top('.period'), caveats: top('.caveats'), firstChart: top('figure'), lang: de.lang,
});
"""


class Browser:
    """One headless chromium session (a context manager)."""

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        chromium, driver = find_chromium(), find_chromedriver()
        if chromium is None:
            raise RuntimeError("chromium is not installed")
        if driver is None:
            raise RuntimeError(
                "chromium is installed but chromedriver is not: apt-get install chromium-driver"
            )
        options = webdriver.ChromeOptions()
        # Both paths are given, so Selenium never looks for (or downloads) a browser.
        options.binary_location = chromium
        for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"):  # fmt: skip
            options.add_argument(arg)
        self.driver = webdriver.Chrome(options=options, service=Service(driver))

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.driver.quit()

    def _open(self, page: Path, width: int, height: int) -> None:
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        self.driver.get(page.resolve().as_uri())

    def measure(self, page: Path, width: int) -> dict[str, Any]:
        """Open ``page`` at ``width`` px (the height of :data:`VIEWPORTS`) and measure it."""
        self._open(page, width, VIEWPORTS.get(width, 800))
        data: dict[str, Any] = json.loads(self.driver.execute_script(MEASURE))
        return data

    def screenshot(self, page: Path, width: int, out: Path, *, tile: int = 0) -> list[Path]:
        """PNGs of the whole of ``page`` at ``width`` px: one written to ``out``, or, with
        ``tile``, one per ``tile`` px of height (``out`` stem + ``-1``, ``-2``, ...), small
        enough for an image viewer to show at full size."""
        self._open(page, width, VIEWPORTS.get(width, 800))
        height = int(self.driver.execute_script("return document.documentElement.scrollHeight"))
        self._open(page, width, max(height, 100))
        step = tile or height
        paths = []
        for k, y in enumerate(range(0, height, step), start=1):
            clip = {"x": 0, "y": y, "width": width, "height": min(step, height - y), "scale": 1}
            shot = self.driver.execute_cdp_cmd(
                "Page.captureScreenshot", {"format": "png", "clip": clip}
            )
            path = out if not tile else out.with_name(f"{out.stem}-{k}{out.suffix}")
            path.write_bytes(base64.b64decode(shot["data"]))
            paths.append(path)
        return paths


def main(argv: list[str]) -> int:  # pragma: no cover - a tool for a person
    page, folder = Path(argv[0]), Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    tile = int(argv[2]) if len(argv) > 2 else 0
    with Browser() as browser:
        for width in VIEWPORTS:
            shots = browser.screenshot(page, width, folder / f"{page.stem}-{width}.png", tile=tile)
            print(*shots, json.dumps(browser.measure(page, width), ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
