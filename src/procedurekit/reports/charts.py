"""The charts of the HTML report, written by hand: inline SVG and plain HTML, no script.

- :func:`line_chart`: a rate (0..1) by month as inline SVG. The y axis always runs from
  0 % to 100 %; month labels are thinned so that no two overlap at any width (the SVG
  scales as a whole, so labels that do not overlap at its own size never do).
- :func:`bar_list`: labelled horizontal bars as HTML: each label on its own line above
  its bar, so long Vietnamese labels wrap instead of overflowing or overlapping, at a
  phone's width as on a desktop.

Why not a plotting library is said in ``docs/metrics.md`` ("Charts").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import Final

import attrs

__all__ = ["Bar", "Point", "bar_list", "line_chart", "thin_labels"]

#: The chart's own size (the viewBox); the page scales it down to fit narrower screens.
WIDTH: Final = 360
HEIGHT: Final = 230
#: Axis label font size in the chart's units.
FONT: Final = 13
#: The width of one character of the axis font, as a share of its size: a generous bound
#: for digits and Latin letters with Vietnamese marks in the usual sans-serif fonts.
CHAR: Final = 0.62
#: The least free space between two neighbouring axis labels, in the chart's units.
GAP: Final = 8

_LEFT, _RIGHT, _TOP, _BOTTOM = 46, 14, 12, 46
_BLUE: Final = "#0b69a3"


@attrs.frozen
class Point:
    """One point of a line chart: two label lines (month, year), the value 0..1 or
    ``None`` (a gap), and the text a reader sees on hovering it."""

    label: str
    sublabel: str
    value: float | None
    tooltip: str


@attrs.frozen
class Bar:
    """One bar of :func:`bar_list`: ``value`` of ``maximum`` (the track), the text shown
    beside it; ``value is None`` shows ``note`` instead of a bar (not computed)."""

    label: str
    value: float | None
    maximum: float
    shown: str
    note: str = ""


def _text_width(text: str, size: float = FONT) -> float:
    return len(text) * size * CHAR


def thin_labels(widths: Sequence[float], spacing: float, gap: float = GAP) -> int:
    """The step (1 = every label, 2 = every other one, ...) that keeps labels of the given
    ``widths``, centred ``spacing`` apart, at least ``gap`` apart.

    >>> thin_labels([20.0] * 12, 30.0)
    1
    >>> thin_labels([40.0] * 24, 14.0)
    4
    """
    if not widths or spacing <= 0:
        return 1
    need = max(widths) + gap
    return max(1, math.ceil(need / spacing - 1e-9))


def line_chart(points: Sequence[Point], *, label: str, empty: str) -> str:
    """An SVG line of rates over labelled periods, the y axis from 0 % to 100 %.

    A point whose value is ``None`` breaks the line. ``label`` is the chart's accessible
    name; ``empty`` the text shown when no point has a value.
    """
    w, h = WIDTH, HEIGHT
    plot_w, plot_h = w - _LEFT - _RIGHT, h - _TOP - _BOTTOM
    n = len(points)

    def x(i: int) -> float:
        return _LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return _TOP + plot_h * (1 - v)

    body = [f'<rect x="0" y="0" width="{w}" height="{h}" fill="#fff"/>']
    for k in range(5):
        v = k / 4
        body.append(
            f'<line x1="{_LEFT}" x2="{w - _RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="{"#9aa5b1" if k == 0 else "#e4e7eb"}"/>'
            f'<text class="ya" x="{_LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">'
            f"{k * 25} %</text>"
        )
    if n:
        spacing = plot_w / (n - 1) if n > 1 else plot_w
        widths = [max(_text_width(p.label), _text_width(p.sublabel)) for p in points]
        step = thin_labels(widths, spacing)
        shown_year = ""
        for i in range(0, n, step):
            p = points[i]
            body.append(
                f'<text class="xa" x="{x(i):.1f}" y="{h - _BOTTOM + 22}" '
                f'text-anchor="middle">{escape(p.label)}</text>'
            )
            if p.sublabel and p.sublabel != shown_year:
                shown_year = p.sublabel
                body.append(
                    f'<text class="xa" x="{x(i):.1f}" y="{h - _BOTTOM + 39}" '
                    f'text-anchor="middle">{escape(p.sublabel)}</text>'
                )
    known = [(i, p.value) for i, p in enumerate(points) if p.value is not None]
    if not known:
        body.append(
            f'<text x="{_LEFT + plot_w / 2:.1f}" y="{_TOP + plot_h / 2:.1f}" '
            f'text-anchor="middle">{escape(empty)}</text>'
        )
        return _svg(body, label)
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, p in enumerate(points):
        if p.value is None:
            if segment:
                segments.append(segment)
            segment = []
        else:
            segment.append(f"{x(i):.1f},{y(p.value):.1f}")
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            body.append(
                f'<polyline points="{" ".join(seg)}" fill="none" stroke="{_BLUE}" '
                'stroke-width="2.5" stroke-linejoin="round"/>'
            )
    for i, v in known:
        body.append(
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="{_BLUE}">'
            f"<title>{escape(points[i].tooltip)}</title></circle>"
        )
    return _svg(body, label)


def _svg(body: list[str], label: str) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(label)}">' + "".join(body) + "</svg>"
    )


def bar_list(bars: Sequence[Bar], *, label: str) -> str:
    """Horizontal bars as HTML: a label line, then the bar on its track and its value.

    The bar's length is ``value / maximum`` of the track (clamped to 0..100 %). The list is
    one grid, so every track of a list has the same length (the values share one column)
    and bars compare within a list.
    """
    out = [f'<div class="bars" role="group" aria-label="{escape(label)}">']
    for b in bars:
        if b.value is None:
            bar = f'<span class="bn">{escape(b.note)}</span>'
        else:
            share = 0.0 if b.maximum <= 0 else min(1.0, max(0.0, b.value / b.maximum))
            bar = (
                f'<span class="bt"><span class="bf" style="width:{share * 100:.1f}%"></span></span>'
            )
        out.append(
            f'<span class="bl">{escape(b.label)}</span>{bar}'
            f'<span class="bv">{escape(b.shown)}</span>'
        )
    out.append("</div>")
    return "".join(out)
