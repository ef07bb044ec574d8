"""The HTML report of a metrics run, for a department head: one self-contained file.

:func:`render_html` writes, in Vietnamese (the default) or English:

1. the first screen: the period (as-of day, receipt period, months in the data, scoring
   configuration) and what to read with care (indicators not computed, points not
   computable, data problems), before any chart;
2. four key figures, then the charts (:mod:`procedurekit.reports.charts`): the on-time
   rate by month on a 0–100 % axis, the score per group, the time cuts, the online share;
3. the tables: indicators, scores per group, the grouping, online service, time cuts
   (durations in words, :func:`~procedurekit.format_duration`), service models,
   initiatives;
4. the data quality: rows read and rejected, duplicates, receipts left out, unreadable
   dates, unknown statuses, missing columns, each indicator not computed and why, and the
   findings by code.

The page has inline CSS and inline SVG, no script, no font or image to fetch: it opens
from a file, an e-mail attachment or an offline laptop. Wide tables scroll inside their
own box, so nothing is wider than the screen at 375 px (a phone) or more.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from html import escape
from typing import Final

from procedurekit._version import __version__
from procedurekit.durations import Duration
from procedurekit.findings import RULES_BY_CODE, affects_metrics
from procedurekit.io.columns import DOSSIER_COLUMNS
from procedurekit.metrics import DECISION_766_2022, GROUP_NAMES, IndicatorValue, MetricsResult
from procedurekit.models.initiative import InitiativeStatus
from procedurekit.phrases.format import format_duration
from procedurekit.phrases.parse import Language
from procedurekit.reports._locale import (
    DASH,
    FINDINGS_VI,
    check_lang,
    fmt_date,
    fmt_int,
    fmt_num,
    fmt_pct,
    month_full,
    month_short,
    text,
)
from procedurekit.reports.charts import Bar, Point, bar_list, line_chart
from procedurekit.vocab import Channel, Level

__all__ = ["render_html"]

_CSS: Final = """
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
color:#1f2933;margin:0;background:#f5f7fa}
main{max-width:1120px;margin:0 auto;padding:16px}
h1{font-size:22px;line-height:1.25;margin:0 0 4px}
h2{font-size:19px;line-height:1.3;margin:32px 0 8px}
h3{font-size:16px;margin:20px 0 6px}
.sub{color:#52606d;margin:0 0 16px}
.first{display:grid;gap:12px;grid-template-columns:repeat(auto-fit,minmax(min(100%,340px),1fr))}
.panel{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:12px 16px;min-width:0}
.panel h2{font-size:16px;margin:0 0 8px}
dl.facts{display:grid;grid-template-columns:minmax(0,auto) minmax(0,1fr);gap:4px 12px;margin:0}
dl.facts dt{color:#52606d}dl.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.caveats{border-left:5px solid #d97706;background:#fffbeb}
.caveats ul{margin:0;padding-left:20px}.caveats li{margin:2px 0}
.cards{display:grid;gap:12px;margin:16px 0;
grid-template-columns:repeat(auto-fit,minmax(min(100%,150px),1fr))}
.card{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:10px 14px;min-width:0}
.card b{display:block;font-size:26px;line-height:1.2;color:#0b69a3;white-space:nowrap}
.card span{color:#52606d;font-size:14px}
.grid{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(min(100%,400px),1fr))}
figure{background:#fff;border:1px solid #d9e2ec;border-radius:8px;margin:0;padding:12px;
min-width:0}
figcaption{font-weight:600;margin-bottom:8px}
svg.chart{display:block;width:100%;max-width:480px;height:auto}
svg text{font:13px system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
fill:#323f4b}
.bars{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:2px 10px;align-items:center}
.bl{grid-column:1/-1;font-size:14px;color:#323f4b;margin-top:6px}.bl:first-child{margin-top:0}
.bt{display:block;height:14px;background:#e4ecf5;border-radius:3px;overflow:hidden}
.bf{display:block;height:100%;background:#0b69a3}
.bv{font-size:14px;font-variant-numeric:tabular-nums;white-space:nowrap}
.bn{color:#7b8794;font-style:italic;font-size:14px}
.scroll{overflow-x:auto;max-width:100%;margin:8px 0;border:1px solid #d9e2ec;border-radius:6px;
background:linear-gradient(to right,#fff 30%,#fff0) left/32px 100% no-repeat local,
linear-gradient(to left,#fff 30%,#fff0) right/32px 100% no-repeat local,
radial-gradient(farthest-side at 0 50%,#0003,#0000) left/12px 100% no-repeat scroll,
radial-gradient(farthest-side at 100% 50%,#0003,#0000) right/12px 100% no-repeat scroll #fff}
.scroll:focus{outline:2px solid #0b69a3;outline-offset:2px}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 10px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}
th{background:#eef2f7;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.n{white-space:nowrap}
th.n{min-width:5.5em}
td.w{min-width:12em}td.k,th.k{white-space:nowrap}
tr.total td{font-weight:600}
.muted{color:#7b8794}
.note{color:#52606d;font-size:13px}
details{margin:8px 0 0}summary{cursor:pointer;color:#0b69a3;font-size:14px}
@media (min-width:700px){main{padding:24px}h1{font-size:26px}}
@media (max-width:480px){dl.facts{grid-template-columns:minmax(0,1fr)}
dl.facts dd{margin-bottom:6px}}
@media print{body{background:#fff}.panel,figure,.card{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}.scroll{overflow:visible}}
"""

_HEADERS_VI: Final = {c.key: c.label for c in DOSSIER_COLUMNS}


def render_html(result: MetricsResult, *, title: str | None = None, lang: Language = "vi") -> str:
    """One self-contained HTML page of ``result`` in ``lang`` (``"vi"``, the default, or
    ``"en"``): the period and caveats first, key figures, charts, tables and the data
    quality. ``title`` defaults to the language's report title.

    No network access, no JavaScript; the CSS and the SVG are inline. Every text taken
    from the data is HTML-escaped. A ``lang`` other than ``"vi"`` or ``"en"`` raises
    :class:`~procedurekit.errors.InvalidArgumentError` naming ``lang``.
    """
    language = check_lang(lang)
    return _Page(result, language).render(title)


def _cap(words: str) -> str:
    return words[:1].upper() + words[1:]


class _Page:
    """The sections of one report, each a method returning HTML."""

    def __init__(self, result: MetricsResult, lang: Language) -> None:
        self.r = result
        self.lang = lang

    # -- helpers ---------------------------------------------------------------------------

    def t(self, key: str, **fields: object) -> str:
        return text(key, self.lang, **fields)

    def heads(self, *keys: str) -> list[str]:
        return [self.t(k) for k in keys]

    def count(self, value: int | None) -> str:
        return fmt_int(value, self.lang)

    def num(self, value: float | None, digits: int = 2) -> str:
        return fmt_num(value, self.lang, digits)

    def pct(self, rate: float | None, digits: int = 1) -> str:
        return fmt_pct(rate, self.lang, digits)

    def points(self, value: float) -> str:
        return self.num(value, 0 if float(value).is_integer() else 2)

    def duration(self, value: Duration | None) -> str:
        return DASH if value is None else format_duration(value, self.lang, style="plain")

    def indicator_name(self, v: IndicatorValue) -> str:
        return _cap(v.name_vi if self.lang == "vi" else v.name_en)

    def reason(self, v: IndicatorValue) -> str:
        if self.lang == "vi":
            return v.reason_vi or v.reason or ""
        return v.reason or ""

    def group_name(self, name: str) -> str:
        vi, en = GROUP_NAMES.get(name, (name, name))
        return vi if self.lang == "vi" else en

    def key_name(self, by: str) -> str:
        return self.t(f"key_{by}") if f"key_{by}" in _KEYS else by

    def key_value(self, by: str, value: str) -> str:
        if value == "(none)":
            return "(không ghi)" if self.lang == "vi" else "(none)"
        if by == "month":
            return month_full(value, self.lang)
        if by == "quarter" and "-Q" in value:
            year, _, q = value.partition("-Q")
            return f"Quý {q}/{year}" if self.lang == "vi" else f"Q{q} {year}"
        member: Channel | Level | None = None
        if by == "channel":
            member = Channel.lookup(value)
        elif by == "level":
            member = Level.lookup(value)
        if member is not None:
            return member.label_vi if self.lang == "vi" else member.label_en
        return value

    def finding_title(self, code: str) -> str:
        """The finding's title in the report's language where known, else the registry's."""
        if self.lang == "vi" and code in FINDINGS_VI:
            return FINDINGS_VI[code]
        rule = RULES_BY_CODE.get(code)
        return rule.title if rule is not None else code

    def status_name(self, value: str) -> str:
        """An initiative status (``"applied"``) as words: "Đã áp dụng" / "Applied"."""
        try:
            status = InitiativeStatus(value)
        except ValueError:
            return value
        return status.label_vi if self.lang == "vi" else _cap(value.replace("_", " "))

    def band(self, label: str) -> str:
        """A time-cut band (``< 30 %``, ``30–60 %``, ``> 60 %``) in words where it has a sign."""
        if label.startswith("< "):
            return self.t("band_under", edge=label[2:])
        if label.startswith("> "):
            return self.t("band_over", edge=label[2:])
        return label

    def config_name(self) -> str:
        config = self.r.config
        if config.name != DECISION_766_2022.name:
            return config.name
        name = self.t("config_766")
        return name if config == DECISION_766_2022 else self.t("config_changed", name=name)

    def column_name(self, key: str) -> str:
        if self.lang == "vi" and key in _HEADERS_VI:
            return f"«{_HEADERS_VI[key]}» ({key})"
        return key

    def table(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        numeric: Collection[int],
        wide: Collection[int] = (),
        keep: Collection[int] = (),
        label: str,
        total: bool = False,
        lang_cells: Mapping[tuple[int, int], str] | None = None,
    ) -> str:
        """A table in its own scrolling box; ``numeric`` columns right-aligned, ``wide``
        ones kept readable (a minimum width), ``keep`` ones on one line (codes), the last
        row bold when ``total``."""

        def cls(i: int) -> str:
            flags = (("n", i in numeric), ("w", i in wide), ("k", i in keep))
            names = [n for n, on in flags if on]
            return f' class="{" ".join(names)}"' if names else ""

        cells = "".join(f'<th{cls(i)} scope="col">{escape(h)}</th>' for i, h in enumerate(head))
        out = [
            f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(label)}">'
            f"<table><thead><tr>{cells}</tr></thead><tbody>"
        ]
        for k, row in enumerate(rows):
            attr = ' class="total"' if total and k == len(rows) - 1 else ""
            tds = "".join(
                f"<td{cls(i)}"
                + (f' lang="{lang_cells[k, i]}"' if lang_cells and (k, i) in lang_cells else "")
                + f">{escape(str(v))}</td>"
                for i, v in enumerate(row)
            )
            out.append(f"<tr{attr}>{tds}</tr>")
        out.append("</tbody></table></div>")
        return "".join(out)

    # -- the page ---------------------------------------------------------------------------

    def render(self, title: str | None) -> str:
        heading = title if title is not None else self.t("title")
        sections: list[Callable[[], str]] = [
            self.first_screen,
            self.cards,
            self.charts,
            self.indicators,
            self.group_scores,
            self.by_group,
            self.online_service,
            self.time_cuts,
            self.service_models,
            self.initiatives,
            self.quality,
            self.footer,
        ]
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{self.lang}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(heading)}</title><style>{_CSS}</style></head><body><main>",
            f"<h1>{escape(heading)}</h1>",
            f'<p class="sub">{escape(self.t("subtitle"))}</p>',
            *(s() for s in sections),
            "</main></body></html>",
        ]
        return "\n".join(p for p in parts if p) + "\n"

    # -- first screen: the period and what to read with care --------------------------------

    def period_text(self) -> str:
        start, end = self.r.received_from, self.r.received_to
        if start is not None and end is not None:
            return self.t(
                "period_both", start=fmt_date(start, self.lang), end=fmt_date(end, self.lang)
            )
        if start is not None:
            return self.t("period_from", start=fmt_date(start, self.lang))
        if end is not None:
            return self.t("period_to", end=fmt_date(end, self.lang))
        return self.t("period_open")

    def first_screen(self) -> str:
        r = self.r
        facts = [
            (self.t("as_of"), fmt_date(r.as_of, self.lang) if r.as_of else self.t("as_of_none")),
            (self.t("period"), self.period_text()),
        ]
        if r.timeline:
            first, last = r.timeline[0].key[0], r.timeline[-1].key[0]
            facts.append(
                (
                    self.t("data_months"),
                    self.t(
                        "data_months_range",
                        first=month_full(first, self.lang),
                        last=month_full(last, self.lang),
                    ),
                )
            )
        facts.append((self.t("received"), self.count(r.overall.counts.received)))
        facts.append((self.t("config"), self.config_name()))
        if r.by:
            facts.append((self.t("grouped_by"), ", ".join(self.key_name(b) for b in r.by)))
        dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
        items = self.caveat_items()
        caveats = "".join(f"<li>{escape(c)}</li>" for c in items) or (
            f"<li>{escape(self.t('caveat_none'))}</li>"
        )
        return (
            '<div class="first">'
            f'<section class="panel period" aria-labelledby="scope"><h2 id="scope">'
            f'{escape(self.t("scope"))}</h2><dl class="facts">{dl}</dl></section>'
            f'<section class="panel caveats" aria-labelledby="caveats"><h2 id="caveats">'
            f"{escape(self.t('caveats'))}</h2><ul>{caveats}</ul>"
            + (
                f'<p class="note"><a href="#quality">{escape(self.t("see_quality"))}</a></p>'
                if items
                else ""
            )
            + "</section></div>"
        )

    def caveat_items(self) -> list[str]:
        r = self.r
        o = r.overall
        out: list[str] = []
        missing = [v for v in o.indicators if v.rate is None]
        if missing:
            names = ", ".join(f"{v.code} {self.indicator_name(v)}" for v in missing)
            out.append(self.t("caveat_not_computed", n=self.count(len(missing)), list=names))
        full = sum(points for _, _, _, points in o.group_scores)
        if o.total_points < full:
            out.append(
                self.t(
                    "caveat_points",
                    total=self.num(o.total),
                    computed=self.points(o.total_points),
                    full=self.points(full),
                )
            )
        q = r.quality
        if q is None:
            out.append(self.t("caveat_no_quality"))
        else:
            for key, n in (
                ("caveat_rejected", q.rows_rejected),
                ("caveat_duplicates", q.duplicates),
                ("caveat_dates", q.unreadable_dates),
                ("caveat_statuses", q.unknown_statuses),
            ):
                if n:
                    out.append(self.t(key, n=self.count(n)))
        if o.counts.unknown:
            out.append(self.t("caveat_unjudged", n=self.count(o.counts.unknown)))
        if q is not None:
            out += [
                self.t("caveat_finding", title=self.finding_title(code), n=self.count(n), code=code)
                for code, n in q.findings
                if affects_metrics(code) and code not in _COVERED
            ]
            if q.missing_columns:
                names = ", ".join(self.column_name(c) for c in q.missing_columns)
                out.append(self.t("caveat_columns", list=names))
            left_out = q.outside_period + q.received_after_as_of
            if left_out:
                out.append(self.t("caveat_out", n=self.count(left_out)))
        return out

    # -- key figures and charts ---------------------------------------------------------------

    def cards(self) -> str:
        o = self.r.overall
        cards = [
            (self.count(o.counts.received), self.t("card_received")),
            (self.pct(o.rate("2.1")), self.t("card_on_time")),
            (self.pct(o.rate("3.3")), self.t("card_online")),
            (self.num(o.total), self.t("card_score", computed=self.points(o.total_points))),
        ]
        return (
            '<div class="cards">'
            + "".join(
                f'<div class="card"><b>{escape(v)}</b> <span>{escape(k)}</span></div>'
                for v, k in cards
            )
            + "</div>"
        )

    def charts(self) -> str:
        figures = [self.on_time_chart(), self.score_chart(), self.cut_chart(), self.online_chart()]
        return (
            f'<h2>{escape(self.t("charts"))}</h2><div class="grid">'
            + "".join(f for f in figures if f)
            + "</div>"
        )

    def _figure(self, caption: str, body: str, note: str = "") -> str:
        extra = f'<p class="note">{escape(note)}</p>' if note else ""
        return f"<figure><figcaption>{escape(caption)}</figcaption>{body}{extra}</figure>"

    def on_time_chart(self) -> str:
        points: list[Point] = []
        rows: list[list[object]] = []
        for g in self.r.timeline:
            key = g.key[0]
            v = g.indicator("2.1")
            month, year = month_short(key, self.lang)
            tip = (
                self.t(
                    "chart_point",
                    month=month_full(key, self.lang),
                    rate=self.pct(v.rate),
                    num=self.count(v.numerator),
                    den=self.count(v.denominator),
                )
                if v.rate is not None
                else f"{month_full(key, self.lang)}: {DASH}"
            )
            points.append(Point(month, year, v.rate, tip))
            rows.append(
                [month_full(key, self.lang), self.count(v.denominator), self.count(v.numerator),
                 self.pct(v.rate)]
            )  # fmt: skip
        caption = self.t("chart_on_time")
        svg = line_chart(points, label=caption, empty=self.t("chart_on_time_none"))
        data = ""
        if rows:
            data = (
                f"<details><summary>{escape(self.t('chart_month_data'))}</summary>"
                + self.table(
                    [_cap(self.t("key_month")), self.t("col_denominator"),
                     self.t("col_numerator"), self.t("col_rate")],
                    rows,
                    numeric={1, 2, 3},
                    label=self.t("chart_month_data"),
                )
                + "</details>"
            )  # fmt: skip
        return self._figure(caption, svg + data)

    def score_chart(self) -> str:
        bars = []
        for name, score, computed, _points in self.r.overall.group_scores:
            if computed:
                shown = self.t("score_of", score=self.num(score), computed=self.points(computed))
                bars.append(Bar(self.group_name(name), score, computed, shown))
            else:
                bars.append(Bar(self.group_name(name), None, 0, "", self.t("not_computed")))
        caption = self.t("chart_scores")
        return self._figure(caption, bar_list(bars, label=caption), self.t("chart_scores_note"))

    def cut_chart(self) -> str:
        t = self.r.time_cuts
        if t is None:
            return ""
        bars = [
            Bar(label, float(n), float(max(1, t.cut)), self.t("procedures_n", n=self.count(n)))
            for label, n in ((self.band(b), n) for b, n in t.bands)
        ]
        caption = self.t("chart_cuts")
        note = self.t("chart_cuts_note", cut=self.count(t.cut), compared=self.count(t.compared))
        return self._figure(caption, bar_list(bars, label=caption), note)

    def online_chart(self) -> str:
        c = self.r.overall.counts
        total = self.count(c.received)
        bars = [
            Bar(
                self.t("online_dossiers"),
                float(c.online),
                float(c.received),
                self.t("of_dossiers", n=self.count(c.online), total=total),
            ),
            Bar(
                self.t("offline_dossiers"),
                float(c.received - c.online),
                float(c.received),
                self.t("of_dossiers", n=self.count(c.received - c.online), total=total),
            ),
        ]
        s = self.r.online_service
        if s is not None:
            procs = self.count(s.procedures)
            for key, n in (
                ("procs_full", s.full),
                ("procs_partial", s.partial),
                ("procs_none", s.none),
                ("procs_unknown", s.unknown),
            ):
                shown = self.t("of_procedures", n=self.count(n), total=procs)
                bars.append(Bar(self.t(key), float(n), float(s.procedures), shown))
        caption = self.t("chart_online")
        return self._figure(caption, bar_list(bars, label=caption))

    # -- tables ----------------------------------------------------------------------------

    def indicators(self) -> str:
        o = self.r.overall
        rows = [
            [v.code, self.indicator_name(v), self.count(v.numerator), self.count(v.denominator),
             self.pct(v.rate, 2) if v.rate is not None else self.t("not_computed"),
             DASH if v.threshold is None else self.pct(v.threshold, 0),
             self.points(v.points), self.num(v.score)]
            for v in o.indicators
        ]  # fmt: skip
        head = self.heads("col_code", "col_indicator", "col_numerator", "col_denominator",
                          "col_rate", "col_full_at", "col_points", "col_score")  # fmt: skip
        return (
            f"<h2>{escape(self.t('indicators'))}</h2>"
            + self.table(head, rows, numeric={2, 3, 4, 5, 6, 7}, wide={1},
                         label=self.t("indicators"))
            + f'<p class="note">{escape(self.t("indicators_note"))}</p>'
        )  # fmt: skip

    def group_scores(self) -> str:
        o = self.r.overall
        full = sum(points for _, _, _, points in o.group_scores)
        rows = [
            [self.group_name(n), self.num(s) if cp else DASH, self.points(cp), self.points(p)]
            for n, s, cp, p in o.group_scores
        ]
        rows.append([self.t("total"), self.num(o.total), self.points(o.total_points),
                     self.points(full)])  # fmt: skip
        head = [self.t(k) for k in ("col_group", "col_score", "col_computed_points",
                                    "col_group_points")]  # fmt: skip
        return f"<h2>{escape(self.t('group_scores'))}</h2>" + self.table(
            head, rows, numeric={1, 2, 3}, wide={0}, label=self.t("group_scores"), total=True
        )

    def by_group(self) -> str:
        r = self.r
        if not r.groups:
            return ""
        by = ", ".join(self.key_name(b) for b in r.by)
        head = [_cap(self.key_name(b)) for b in r.by] + [
            self.t(k) for k in ("col_received", "col_early", "col_on_time", "col_late",
                                "col_in_time", "col_overdue", "col_rate_21", "col_rate_33",
                                "col_score")
        ]  # fmt: skip
        rows = [
            [*(self.key_value(b, k) for b, k in zip(r.by, g.key, strict=True)),
             *(self.count(n) for n in (g.counts.received, g.counts.early, g.counts.on_time,
                                     g.counts.late, g.counts.in_time, g.counts.overdue)),
             self.pct(g.rate("2.1")), self.pct(g.rate("3.3")), self.num(g.total)]
            for g in r.groups
        ]  # fmt: skip
        n = len(r.by)
        title = self.t("by_title", by=by)
        return f"<h2>{escape(_cap(title))}</h2>" + self.table(
            head,
            rows,
            numeric=set(range(n, n + 9)),
            wide={i for i, b in enumerate(r.by) if b in ("agency", "field", "procedure")},
            label=title,
        )

    def online_service(self) -> str:
        s = self.r.online_service
        if s is None:
            return ""
        head = self.heads("col_procedures", "col_full", "col_partial", "col_none",
                          "col_unknown", "col_online_share", "col_full_share")  # fmt: skip
        rows = [[self.count(s.procedures), self.count(s.full), self.count(s.partial),
                 self.count(s.none), self.count(s.unknown), self.pct(s.online_rate),
                 self.pct(s.full_online_rate)]]  # fmt: skip
        return f"<h2>{escape(self.t('online_service'))}</h2>" + self.table(
            head, rows, numeric=set(range(7)), label=self.t("online_service")
        )

    def time_cuts(self) -> str:
        t = self.r.time_cuts
        if t is None or not t.rows:
            return ""
        summary = self.t(
            "cuts_summary",
            cut=self.count(t.cut),
            compared=self.count(t.compared),
            mean=self.pct(t.mean_cut),
            dossiers=self.count(t.dossiers),
            saved=self.num(t.days_saved_per_dossier, 1),
        )
        rows = sorted(t.rows, key=lambda row: (-row.cut, row.code))[:100]
        head = self.heads("col_procedure", "col_name", "col_prescribed", "col_committed",
                          "col_cut", "col_band", "col_dossiers")  # fmt: skip
        body = [[r.code, r.name, self.duration(r.prescribed), self.duration(r.committed),
                 self.pct(r.cut), self.band(r.band), self.count(r.dossiers)]
                for r in rows]  # fmt: skip
        left = len(t.rows) - len(rows)
        more = (
            f'<p class="note">{escape(self.t("more_rows", n=self.count(left)))}</p>' if left else ""
        )
        return (
            f"<h2>{escape(self.t('time_cuts'))}</h2><p>{escape(summary)}</p>"
            + self.table(head, body, numeric={4, 6}, wide={1}, keep={5}, label=self.t("time_cuts"))
            + more
        )

    def service_models(self) -> str:
        models = self.r.service_models
        if not models:
            return ""
        head = [self.t(k) for k in ("col_model", "col_commitment", "col_eligible",
                                    "col_finished", "col_met", "col_share")]  # fmt: skip
        rows = [[p.model, self.duration(p.duration) if p.duration is not None else p.commitment,
                 self.count(p.eligible), self.count(p.finished), self.count(p.met),
                 self.pct(p.share)] for p in models]  # fmt: skip
        return f"<h2>{escape(self.t('service_models'))}</h2>" + self.table(
            head, rows, numeric={2, 3, 4, 5}, label=self.t("service_models")
        )

    def initiatives(self) -> str:
        i = self.r.initiatives
        if i is None:
            return ""
        statuses = [self.status_name(s) for s, _ in i.status_totals]
        head = [self.t("col_year"), self.t("col_agency"), self.t("col_total"), *statuses,
                self.t("col_under")]  # fmt: skip
        rows = [[str(r.year), r.agency, self.count(r.total),
                 *(self.count(n) for _, n in r.by_status),
                 self.t("yes") if r.under_minimum else ""] for r in i.rows]  # fmt: skip
        title = self.t("initiatives", n=self.count(i.minimum))
        return f"<h2>{escape(title)}</h2>" + self.table(
            head, rows, numeric=set(range(2, 3 + len(statuses))), label=title
        )

    # -- data quality ------------------------------------------------------------------------

    def quality(self) -> str:
        r = self.r
        q = r.quality
        parts = [
            f'<h2 id="quality">{escape(self.t("quality"))}</h2>',
            f"<p>{escape(self.t('quality_intro'))}</p>",
        ]
        o = r.overall
        if q is None:
            parts.append(f'<p class="muted">{escape(self.t("caveat_no_quality"))}</p>')
        else:
            columns = ", ".join(self.column_name(c) for c in q.missing_columns) or self.t(
                "q_columns_none"
            )
            rows = [
                [self.t("q_rows"), self.count(q.rows)],
                [self.t("q_counted"), self.count(o.counts.received)],
                [self.t("q_rejected"), self.count(q.rows_rejected)],
                [self.t("q_duplicates"), self.count(q.duplicates)],
                [self.t("q_outside"), self.count(q.outside_period)],
                [self.t("q_after"), self.count(q.received_after_as_of)],
                [self.t("q_dates"), self.count(q.unreadable_dates)],
                [self.t("q_statuses"), self.count(q.unknown_statuses)],
                [self.t("q_unjudged"), self.count(o.counts.unknown)],
            ]
            parts.append(
                self.table(
                    [self.t("col_item"), self.t("col_count")],
                    rows,
                    numeric={1},
                    wide={0},
                    label=self.t("quality"),
                )
            )
            parts.append(
                f'<p class="columns"><b>{escape(self.t("q_columns"))}:</b> {escape(columns)}</p>'
            )
        parts.append(f"<h3>{escape(self.t('not_computed_title'))}</h3>")
        missing = [v for v in o.indicators if v.rate is None]
        if missing:
            parts.append(
                self.table(
                    [self.t("col_code"), self.t("col_indicator"), self.t("col_reason")],
                    [[v.code, self.indicator_name(v), self.reason(v)] for v in missing],
                    numeric=set(),
                    wide={2},
                    label=self.t("not_computed_title"),
                )
            )
        else:
            parts.append(f"<p>{escape(self.t('not_computed_none'))}</p>")
        if q is not None:
            parts.append(f"<h3>{escape(self.t('findings_title'))}</h3>")
            if q.findings:
                parts.append(self.findings_table(q.findings))
                parts.append(f'<p class="note">{escape(self.t("findings_note"))}</p>')
            else:
                parts.append(f"<p>{escape(self.t('findings_none'))}</p>")
        return "".join(parts)

    def findings_table(self, findings: Sequence[tuple[str, int]]) -> str:
        def order(item: tuple[str, int]) -> tuple[bool, int, str]:
            # What changes the figures first, then the worst severity, then by code.
            code = item[0]
            rule = RULES_BY_CODE.get(code)
            return (not affects_metrics(code), rule.severity.rank if rule else 3, code)

        rows = []
        english: set[int] = set()
        for k, (code, n) in enumerate(sorted(findings, key=order)):
            rule = RULES_BY_CODE.get(code)
            severity = self.t(f"sev_{rule.severity.value}") if rule is not None else DASH
            if self.lang == "vi" and code not in FINDINGS_VI:
                english.add(k)
            rows.append(
                [code, severity, self.count(n), self.t("yes") if affects_metrics(code) else "",
                 self.finding_title(code)]
            )  # fmt: skip
        head = [self.t(k) for k in ("col_finding", "col_severity", "col_count", "col_affects",
                                    "col_meaning")]  # fmt: skip
        return self.table(
            head,
            rows,
            numeric={2},
            wide={4},
            keep={0, 1},
            label=self.t("findings_title"),
            lang_cells={(k, 4): "en" for k in english},
        )

    def footer(self) -> str:
        source = self.r.config.source
        if source is not None and source == DECISION_766_2022.source:
            source = self.t("source_766")
        notes = [self.t("dash_note")]
        if source:
            notes.insert(0, self.t("source", source=source))
        notes.append(self.t("generated", version=__version__))
        return "".join(f'<p class="note">{escape(n)}</p>' for n in notes)


#: Finding codes a caveat of their own already counts (rows rejected, duplicates, dates,
#: statuses): not listed again among the findings that change the figures.
_COVERED: Final = frozenset(
    {"malformed-row", "line-too-long", "encoding-error", "duplicate-dossier-code",
     "unparseable-date", "unknown-status"}
)  # fmt: skip

#: The grouping names the texts know (``key_agency`` ...).
_KEYS: Final = frozenset(
    {"key_agency", "key_field", "key_level", "key_procedure", "key_channel", "key_month",
     "key_quarter"}
)  # fmt: skip
