"""Render a :class:`~procedurekit.metrics.MetricsResult` as text, JSON, CSV or one HTML file.

- :func:`render_text`: a plain report for a terminal.
- :func:`metrics_to_dict` / :func:`render_json`: every number, as JSON (rates are shares
  0..1, not percentages; ``null`` when unknown).
- :func:`render_csv`: one row per group (the whole first, key ``(all)``), one column per
  count, rate and score.
- :func:`render_html` (written by :mod:`procedurekit.reports.html`): ONE self-contained
  HTML file for a department head, in Vietnamese or English: the period and caveats first,
  charts, tables and the data quality; no network, no script.
"""

from __future__ import annotations

import io
import json
from typing import Any, Final

import attrs

from procedurekit._text import printable
from procedurekit.durations import Duration
from procedurekit.io.writers import write_csv
from procedurekit.metrics import GROUPS, GroupResult, MetricsResult
from procedurekit.reports.html import render_html

__all__ = [
    "metrics_to_dict",
    "render_csv",
    "render_html",
    "render_json",
    "render_text",
]


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
        "service_models": [
            {**attrs.asdict(p, recurse=False), "duration": _duration(p.duration)}
            for p in result.service_models
        ],
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
