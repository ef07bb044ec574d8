"""Render a :class:`~procedurekit.metrics.MetricsResult` as text, JSON, CSV or one HTML file.

- :func:`render_text`: a plain report for a terminal.
- :func:`metrics_to_dict` / :func:`render_json`: every number, as JSON (rates are shares
  0..1, not percentages; ``null`` when unknown).
- :func:`render_csv`: one row per group (the whole first, key ``(all)``), one column per
  count, rate and score.
- :func:`render_html`: ONE self-contained HTML file: inline CSS, inline SVG charts (on-time
  rate over time, score per Decision 766 group, time cuts, online share), tables; no
  network, no script. It opens from a file, an e-mail attachment or an offline laptop.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from html import escape
from typing import Any, Final

import attrs

from procedurekit._text import printable
from procedurekit.durations import Duration
from procedurekit.io.writers import write_csv
from procedurekit.metrics import GROUPS, GroupResult, MetricsResult

__all__ = [
    "metrics_to_dict",
    "render_csv",
    "render_html",
    "render_json",
    "render_text",
]

_GROUP_LABELS: Final = {
    "disclosure": "Công khai, minh bạch · Disclosure",
    "progress": "Tiến độ giải quyết · Progress",
    "online_service": "Dịch vụ công trực tuyến · Online service",
    "digitisation": "Số hóa hồ sơ · Digitisation",
    "satisfaction": "Mức độ hài lòng · Satisfaction",
}


def _pct(rate: float | None, digits: int = 1) -> str:
    return "–" if rate is None else f"{rate * 100:.{digits}f} %"


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _key(group: GroupResult) -> str:
    return " / ".join(group.key) if group.key else "(all)"


# -- JSON ----------------------------------------------------------------------------------------


def _group_dict(g: GroupResult) -> dict[str, Any]:
    return {
        "key": list(g.key),
        "counts": g.counts.to_dict(),
        "indicators": [attrs.asdict(v) for v in g.indicators],
        "groups": [
            {"group": name, "score": score, "computed_points": computed, "points": points}
            for name, score, computed, points in g.group_scores
        ],
        "total": g.total,
        "total_points": g.total_points,
        "returned_on_time_rate": g.returned_on_time_rate,
    }


def _duration(value: Duration | None) -> dict[str, Any] | None:
    """A duration's wire form without the document's ``schema_version``."""
    if value is None:
        return None
    from procedurekit.serialize import to_dict  # lazy: cattrs only when JSON is written

    return {k: v for k, v in to_dict(value).items() if k != "schema_version"}


def metrics_to_dict(result: MetricsResult) -> dict[str, Any]:
    """The result as plain JSON-ready data: dates as ISO strings, durations in the wire
    form (``{"unit": "working_days", "value": "3"}``, docs/wire-format.md)."""
    cfg = result.config
    out: dict[str, Any] = {
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "by": list(result.by),
        "config": {
            "name": cfg.name,
            "source": cfg.source,
            "group_points": dict(cfg.group_points),
            "indicators": [attrs.asdict(i) for i in cfg.indicators],
            "exclude_withdrawn": cfg.exclude_withdrawn,
        },
        "overall": _group_dict(result.overall),
        "groups": [_group_dict(g) for g in result.groups],
        "timeline": [_group_dict(g) for g in result.timeline],
        "online_service": None,
        "time_cuts": None,
        "service_models": [attrs.asdict(p) for p in result.service_models],
        "initiatives": None,
        "received_from": result.received_from.isoformat() if result.received_from else None,
        "received_to": result.received_to.isoformat() if result.received_to else None,
        "quality": None,
    }
    if result.quality is not None:
        q = result.quality
        out["quality"] = {
            **attrs.asdict(q, recurse=False),
            "missing_columns": list(q.missing_columns),
            "findings": dict(q.findings),
        }
    if result.online_service is not None:
        s = result.online_service
        out["online_service"] = {**attrs.asdict(s), "online_rate": s.online_rate,
                                 "full_online_rate": s.full_online_rate}  # fmt: skip
    if result.time_cuts is not None:
        t = result.time_cuts
        out["time_cuts"] = {
            **{k: v for k, v in attrs.asdict(t, recurse=False).items() if k != "rows"},
            "bands": [list(b) for b in t.bands],
            "rows": [
                {**attrs.asdict(r, recurse=False), "prescribed": _duration(r.prescribed),
                 "committed": _duration(r.committed)}
                for r in t.rows
            ],
        }  # fmt: skip
    if result.initiatives is not None:
        out["initiatives"] = attrs.asdict(result.initiatives)
    return out


def render_json(result: MetricsResult, *, indent: int | None = 2) -> str:
    """The result as a JSON document (:func:`metrics_to_dict`)."""
    return json.dumps(metrics_to_dict(result), ensure_ascii=False, indent=indent)


# -- CSV -----------------------------------------------------------------------------------------


def render_csv(result: MetricsResult) -> str:
    """One row per group, the whole first: key columns, counts, each rate and score, total.

    Written by the one escaping writer (:func:`procedurekit.io.write_csv`): a group key that
    starts with ``=``, ``+``, ``-`` or ``@`` cannot run as a spreadsheet formula.
    """
    by = list(result.by) or ["group"]
    count_names = list(result.overall.counts.to_dict())
    codes = [i.code for i in result.config.indicators]
    header = by + count_names
    for code in codes:
        header += [f"rate_{code}", f"score_{code}"]
    header += [f"score_{g}" for g in GROUPS] + ["total", "total_points"]
    rows: list[dict[str, Any]] = []
    for g in (result.overall, *result.groups):
        key = list(g.key) if g.key else ["(all)"] + [""] * (len(by) - 1)
        line: list[Any] = key + [("" if v is None else v) for v in g.counts.to_dict().values()]
        for code in codes:
            v = g.indicator(code)
            line += ["" if v.rate is None else f"{v.rate:.6f}",
                     "" if v.score is None else f"{v.score:.4f}"]  # fmt: skip
        line += [f"{score:.4f}" for _, score, _, _ in g.group_scores]
        line += [f"{g.total:.4f}", f"{g.total_points:g}"]
        rows.append(dict(zip(header, line, strict=True)))
    buf = io.StringIO()
    write_csv(buf, rows, fieldnames=header, bom=False)
    return buf.getvalue()


# -- text -----------------------------------------------------------------------------------------


def _indicator_lines(g: GroupResult) -> list[str]:
    lines = [
        f"  {'code':<5} {'indicator':<34} {'n/d':>17} {'rate':>9} {'full at':>8} {'score':>12}"
    ]
    for v in g.indicators:
        nd = "–" if v.numerator is None else f"{v.numerator}/{v.denominator}"
        full = "–" if v.threshold is None else _pct(v.threshold, 0)
        score = "–" if v.score is None else f"{v.score:.2f}/{v.points:g}"
        lines.append(
            f"  {v.code:<5} {v.name_en:<34} {nd:>17} {_pct(v.rate):>9} {full:>8} {score:>12}"
        )
    missing = [v for v in g.indicators if v.reason]
    if missing:
        lines.append("  not computed (no points given or taken):")
        lines += [f"    {v.code}  {v.reason}" for v in missing]
    return lines


#: Findings of reading the files that qualify every number of a report: shown under the
#: data line (the date order guessed, the encoding detected, text in a font encoding).
_CAVEATS: Final = (
    "ambiguous-date-format",
    "mixed-date-formats",
    "two-digit-year",
    "code-date-mismatch",
    "encoding-detected",
    "encoding-unknown",
    "font-encoded-text",
)


def _period_lines(result: MetricsResult) -> list[str]:
    """The receipt period and the data-quality summary of a run over files."""
    out = []
    start, end = result.received_from, result.received_to
    if start or end:
        a = start.isoformat() if start else "…"
        b = end.isoformat() if end else "…"
        out.append(f"receipts: {a} to {b}")
    q = result.quality
    if q is not None:
        parts = [f"rows {q.rows}"]
        for label, n in (
            ("lines rejected", q.rows_rejected),
            ("repeated codes", q.duplicates),
            ("outside the period", q.outside_period),
            ("received after the as-of day", q.received_after_as_of),
            ("unreadable dates", q.unreadable_dates),
            ("unknown statuses", q.unknown_statuses),
        ):
            if n:
                parts.append(f"{label} {n}")
        out.append("data: " + ", ".join(parts))
        found = dict(q.findings)
        caveats = [f"{code} {found[code]}" for code in _CAVEATS if found.get(code)]
        if caveats:
            out.append(
                "caveats (how the files were read; `procedurekit audit` lists them): "
                + ", ".join(caveats)
            )
        if q.missing_columns:
            out.append("missing columns: " + ", ".join(q.missing_columns))
    return out


def render_text(result: MetricsResult) -> str:
    """A plain-text report: indicators, group scores, groups, catalogue reports; control
    and invisible characters of the values escaped (:func:`procedurekit._text.printable`)."""
    o = result.overall
    c = o.counts
    out = [
        "Decision 766/QĐ-TTg service indicators"
        + (f" as of {result.as_of.isoformat()}" if result.as_of else ""),
        f"configuration: {result.config.name}",
        *_period_lines(result),
        f"dossiers: {c.received} received; early {c.early}, on time {c.on_time}, late {c.late};"
        f" open in time {c.in_time}, overdue {c.overdue}; not judged {c.unknown}"
        f" (withdrawn {c.withdrawn})",
        "",
        "Indicators",
        *_indicator_lines(o),
        "",
        "Scores per group",
    ]
    for name, score, computed, points in o.group_scores:
        out.append(
            f"  {name:<15} {score:6.2f} of {computed:g} computed points (group worth {points:g})"
        )
    out.append(f"  {'total':<15} {o.total:6.2f} of {o.total_points:g} computed points")
    if result.groups:
        out += ["", f"By {', '.join(result.by)}"]
        width = max([len("group"), *(len(_key(g)) for g in result.groups)])
        out.append(
            f"  {'group':<{width}} {'received':>9} {'on time':>9} {'online':>9} {'score':>8}"
        )
        for g in result.groups:
            out.append(
                f"  {_key(g):<{width}} {g.counts.received:>9} {_pct(g.rate('2.1')):>9} "
                f"{_pct(g.rate('3.3')):>9} {g.total:>8.2f}"
            )
    if result.online_service is not None:
        s = result.online_service
        out += [
            "",
            f"Online service: {s.procedures} procedures; full online {s.full}, partial "
            f"{s.partial}, none {s.none}, not recorded {s.unknown}; "
            f"online {_pct(s.online_rate)}, full online {_pct(s.full_online_rate)}",
        ]
    if result.time_cuts is not None and result.time_cuts.cut:
        t = result.time_cuts
        bands = ", ".join(f"{label}: {n}" for label, n in t.bands)
        out += [
            "",
            f"Time cuts: {t.cut} of {t.compared} comparable procedures cut "
            f"(mean {_pct(t.mean_cut)}); {bands}; "
            f"days saved per dossier {_num(t.days_saved_per_dossier)}",
        ]
    for p in result.service_models:
        out.append(
            f"Service model {p.model}: {p.met} of {p.eligible} within {p.commitment} "
            f"({_pct(p.share)})"
        )
    if result.initiatives is not None:
        i = result.initiatives
        low = "; ".join(f"{a} {y} ({n})" for y, a, n in i.under_minimum) or "none"
        out += ["", f"Initiatives: agencies under the minimum of {i.minimum}: {low}"]
    # Group keys and labels come from the files: no control character reaches the terminal.
    return "\n".join(printable(line) for line in out) + "\n"


# -- HTML -----------------------------------------------------------------------------------------

_CSS: Final = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
color:#1f2933;margin:0;background:#f5f7fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
.meta{color:#52606d;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:12px 16px;min-width:150px}
.card b{display:block;font-size:26px;color:#0b69a3}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:16px}
figure{background:#fff;border:1px solid #d9e2ec;border-radius:8px;margin:0;padding:12px}
figcaption{font-weight:600;margin-bottom:6px}
table{border-collapse:collapse;background:#fff;width:100%;margin:8px 0}
th,td{border:1px solid #d9e2ec;padding:4px 8px;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
th{background:#e4ecf5}
.note{color:#52606d;font-size:12px}
svg text{font:12px system-ui,sans-serif;fill:#1f2933}
"""

_COLORS: Final = ("#0b69a3", "#e67e22", "#27ae60", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d")


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        + "".join(body)
        + "</svg>"
    )


def _line_chart(points: Sequence[tuple[str, float | None]], label: str) -> str:
    """A line chart of rates (0..1) over labelled periods."""
    w, h, left, right, top, bottom = 520, 260, 48, 36, 16, 48
    known = [(i, v) for i, (_, v) in enumerate(points) if v is not None]
    body = [f'<rect x="0" y="0" width="{w}" height="{h}" fill="#fff"/>']
    lo = min([v for _, v in known] + [0.8]) if known else 0.8
    lo = max(0.0, (int(lo * 10)) / 10)
    span = 1.0 - lo or 1.0
    plot_w, plot_h = w - left - right, h - top - bottom

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - lo) / span)

    def x(i: int) -> float:
        return left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    for k in range(6):
        v = lo + span * k / 5
        body.append(
            f'<line x1="{left}" x2="{w - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="#e4e7eb"/><text x="{left - 6}" y="{y(v) + 4:.1f}" '
            f'text-anchor="end">{v * 100:.0f}%</text>'
        )
    step = max(1, len(points) // 8)
    for i, (name, _) in enumerate(points):
        if i % step == 0 or i == len(points) - 1:
            body.append(
                f'<text x="{x(i):.1f}" y="{h - bottom + 18}" text-anchor="middle">'
                f"{escape(name)}</text>"
            )
    if known:
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in known)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{_COLORS[0]}" stroke-width="2.5"/>'
        )
        for i, v in known:
            body.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{_COLORS[0]}">'
                f"<title>{escape(points[i][0])}: {v * 100:.2f}%</title></circle>"
            )
    else:
        body.append(f'<text x="{w / 2}" y="{h / 2}" text-anchor="middle">no judged dossiers</text>')
    return _svg(w, h, body, label)


def _bar_chart(
    bars: Sequence[tuple[str, float, float]], label: str, *, unit: str = "", width: int = 520
) -> str:
    """Horizontal bars: (label, value, maximum); the maximum is drawn as a light track."""
    row, left, right = 34, 210, 70
    h = max(1, len(bars)) * row + 16
    body = [f'<rect x="0" y="0" width="{width}" height="{h}" fill="#fff"/>']
    track = width - left - right
    top = max((m for _, _, m in bars), default=1.0) or 1.0
    for i, (name, value, maximum) in enumerate(bars):
        yy = 8 + i * row
        full = track * (maximum / top)
        part = track * (min(value, maximum) / top) if top else 0
        body.append(
            f'<text x="{left - 8}" y="{yy + 17}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{left}" y="{yy + 4}" width="{full:.1f}" height="20" fill="#e4ecf5"/>'
            f'<rect x="{left}" y="{yy + 4}" width="{part:.1f}" height="20" '
            f'fill="{_COLORS[i % len(_COLORS)]}"><title>{escape(name)}: {value:g}</title></rect>'
            f'<text x="{left + full + 6:.1f}" y="{yy + 19}">{value:.4g}{unit}</text>'
        )
    return _svg(width, h, body, label)


def _table(head: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int]) -> str:
    cells = "".join(
        f'<th class="n">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>"
        for i, h in enumerate(head)
    )
    out = [f"<table><thead><tr>{cells}</tr></thead><tbody>"]
    for r in rows:
        out.append(
            "<tr>"
            + "".join(
                f'<td class="n">{escape(str(v))}</td>'
                if i in numeric
                else f"<td>{escape(str(v))}</td>"
                for i, v in enumerate(r)
            )
            + "</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def render_html(result: MetricsResult, *, title: str = "Service indicators") -> str:
    """One self-contained HTML page: summary cards, four inline-SVG charts and the tables.

    No network access, no JavaScript; the CSS is inline. Every text is HTML-escaped.
    """
    o = result.overall
    c = o.counts
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(result.config.name)}'
        + (f" · as of {result.as_of.isoformat()}" if result.as_of else "")
        + (f" · by {escape(', '.join(result.by))}" if result.by else "")
        + "</p>",
        '<div class="cards">',
        f"<div class=card><b>{c.received:,}</b>dossiers received</div>",
        f"<div class=card><b>{_pct(o.rate('2.1'))}</b>on time (2.1)</div>",
        f"<div class=card><b>{_pct(o.rate('3.3'))}</b>received online (3.3)</div>",
        f"<div class=card><b>{o.total:.2f}</b>points of {o.total_points:g} computed</div>",
        "</div>",
        '<h2>Charts</h2><div class="grid">',
    ]
    timeline = [(g.key[0], g.rate("2.1")) for g in result.timeline]
    parts.append(
        "<figure><figcaption>On-time rate (2.1) by month of receipt</figcaption>"
        + _line_chart(timeline, "on-time rate by month")
        + "</figure>"
    )
    bars = [(name.replace("_", " "), score, computed or points)
            for name, score, computed, points in o.group_scores]  # fmt: skip
    parts.append(
        "<figure><figcaption>Score per Decision 766 group (of the computed points)</figcaption>"
        + _bar_chart(bars, "score per group")
        + "</figure>"
    )
    if result.time_cuts is not None:
        t = result.time_cuts
        cut_bars = [(label, float(n), float(max(1, t.cut))) for label, n in t.bands]
        parts.append(
            f"<figure><figcaption>Time cuts: {t.cut} of {t.compared} procedures, by share cut"
            "</figcaption>" + _bar_chart(cut_bars, "time cuts by band") + "</figure>"
        )
    online_bars = [
        ("online dossiers", float(c.online), float(max(1, c.received))),
        ("counter and postal", float(c.received - c.online), float(max(1, c.received))),
    ]
    if result.online_service is not None:
        s = result.online_service
        total = float(max(1, s.procedures))
        online_bars += [
            ("procedures full online", float(s.full), total),
            ("procedures partial online", float(s.partial), total),
            ("procedures not online", float(s.none), total),
            ("online level not recorded", float(s.unknown), total),
        ]
    parts.append(
        "<figure><figcaption>Online share</figcaption>"
        + _bar_chart(online_bars, "online share")
        + "</figure></div>"
    )
    parts.append("<h2>Indicators</h2>")
    parts.append(
        _table(
            ["code", "indicator", "chỉ tiêu", "numerator", "denominator", "rate", "full at",
             "points", "score"],
            [
                [v.code, v.name_en, v.name_vi, "–" if v.numerator is None else v.numerator,
                 "–" if v.denominator is None else v.denominator, _pct(v.rate, 2),
                 "–" if v.threshold is None else _pct(v.threshold, 0), f"{v.points:g}",
                 _num(v.score)]
                for v in o.indicators
            ],
            {3, 4, 5, 6, 7, 8},
        )
    )  # fmt: skip
    parts.append("<h2>Scores per group</h2>")
    parts.append(
        _table(
            ["group", "score", "computed points", "group points"],
            [[_GROUP_LABELS.get(n, n), _num(s), f"{cp:g}", f"{p:g}"]
             for n, s, cp, p in o.group_scores]
            + [["total", _num(o.total), f"{o.total_points:g}", "100"]],
            {1, 2, 3},
        )
    )  # fmt: skip
    if result.groups:
        parts.append(f"<h2>By {escape(', '.join(result.by))}</h2>")
        parts.append(
            _table(
                [*result.by, "received", "early", "on time", "late", "open in time",
                 "overdue", "on time (2.1)", "online (3.3)", "score"],
                [[*g.key, g.counts.received, g.counts.early, g.counts.on_time, g.counts.late,
                  g.counts.in_time, g.counts.overdue, _pct(g.rate("2.1"), 2),
                  _pct(g.rate("3.3"), 2), _num(g.total)] for g in result.groups],
                set(range(len(result.by), len(result.by) + 9)),
            )
        )  # fmt: skip
    if result.online_service is not None:
        s = result.online_service
        parts.append("<h2>Online service (Decree 42/2022)</h2>")
        parts.append(
            _table(
                ["procedures", "full online", "partial online", "not online", "not recorded",
                 "online share", "full-online share"],
                [[s.procedures, s.full, s.partial, s.none, s.unknown, _pct(s.online_rate),
                  _pct(s.full_online_rate)]],
                set(range(7)),
            )
        )  # fmt: skip
    if result.time_cuts is not None and result.time_cuts.rows:
        t = result.time_cuts
        parts.append("<h2>Time cuts</h2>")
        parts.append(
            f"<p>{t.cut} of {t.compared} comparable procedures cut; mean cut {_pct(t.mean_cut)}; "
            f"days saved per dossier {_num(t.days_saved_per_dossier)} over {t.dossiers} "
            "dossiers.</p>"
        )
        rows = sorted(t.rows, key=lambda r: -r.cut)[:100]
        parts.append(
            _table(
                ["procedure", "name", "prescribed", "committed", "cut", "band", "dossiers"],
                [[r.code, r.name, repr(r.prescribed), repr(r.committed), _pct(r.cut), r.band,
                  r.dossiers] for r in rows],
                {4, 6},
            )
        )  # fmt: skip
        if len(t.rows) > len(rows):
            parts.append(f'<p class="note">{len(t.rows) - len(rows)} more not shown.</p>')
    if result.service_models:
        parts.append("<h2>Service models</h2>")
        parts.append(
            _table(
                ["model", "commitment", "eligible", "finished", "met", "share"],
                [[p.model, p.commitment, p.eligible, p.finished, p.met, _pct(p.share)]
                 for p in result.service_models],
                {2, 3, 4, 5},
            )
        )  # fmt: skip
    if result.initiatives is not None:
        i = result.initiatives
        statuses = [s for s, _ in i.status_totals]
        parts.append(f"<h2>Reform initiatives (minimum {i.minimum} a year)</h2>")
        parts.append(
            _table(
                ["year", "agency", "total", *statuses, "under minimum"],
                [[r.year, r.agency, r.total, *(n for _, n in r.by_status),
                  "yes" if r.under_minimum else ""] for r in i.rows],
                set(range(2, 3 + len(statuses))),
            )
        )  # fmt: skip
    parts.append(
        f'<p class="note">Source: {escape(result.config.source or "")}. Rates are shares of '
        "the stated denominators; a dash means the data needed is absent.</p>"
    )
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"
