"""A report of findings (a validation or an audit) and its renderings: text, JSON and
GitHub workflow annotations.

The JSON shape follows frictionless reports: ``valid``, ``kind``, ``stats``, ``errors``
(errors only) and ``findings`` (all kept), each finding with code, severity, message, row,
field, value, file and line.

Messages quote values from the files read, so the text and GitHub renderings escape every
control, line-separator and invisible character (:func:`procedurekit._text.printable`):
a newline in a channel label cannot start a line a CI runner obeys (``::error``,
``::add-mask::``), and a terminal escape sequence is shown, not run. JSON escapes its own.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

import attrs

from procedurekit._text import printable
from procedurekit.errors import InvalidArgumentError
from procedurekit.findings.model import Finding, Severity
from procedurekit.findings.rules import RULES_BY_CODE

__all__ = ["Report", "ReportFormat", "examples_by_code", "format_report"]

ReportFormat = Literal["text", "json", "github"]
_FAIL_RANK: Final = {"error": 0, "warning": 1, "info": 2}


@attrs.frozen
class Report:
    """The result of a validation or an audit.

    ``valid`` is ``True`` when no finding is an error; ``stats`` holds ``rows`` (data rows
    read), ``procedures`` or ``dossiers``, ``findings_by_code`` and more; ``findings`` are
    sorted by file, line, then code. ``kind`` is ``"validate"`` or ``"audit"``.
    """

    valid: bool
    stats: Mapping[str, Any]
    findings: tuple[Finding, ...]
    kind: str = "validate"

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``error``."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def exit_code(self, *, fail_on: Literal["error", "warning", "info"] = "error") -> int:
        """The CLI's exit code: 1 when a finding of ``fail_on`` severity or worse exists.

        Counts come from ``stats`` (an audit keeps only examples of each finding).
        """
        worst = _FAIL_RANK.get(fail_on)
        if worst is None:
            raise InvalidArgumentError(
                f"fail_on must be 'error', 'warning' or 'info', got {fail_on!r}",
                path="fail_on",
                value=fail_on,
                expected="'error'",
            )
        if not self.valid:
            return 1
        severities = {f.code: f.severity for f in self.findings}
        counts = self.stats.get("findings_by_code") or Counter(severities)
        for code, count in counts.items():
            sev = severities.get(code) or _rule_severity(code)
            if count and sev is not None and sev.rank <= worst:
                return 1
        return 0

    def limited(self, max_examples: int | None) -> Report:
        """The report with at most ``max_examples`` findings of each code (``None``: all),
        its stats stating, per code, how many findings there are and whether the examples
        were cut (``examples_by_code``: ``{"total": N, "kept": K, "truncated": bool}``)."""
        if max_examples is not None and max_examples < 0:
            raise InvalidArgumentError(
                f"max_examples must be 0 or more, got {max_examples}",
                path="max_examples",
                value=max_examples,
                expected="a count, or None for all",
            )
        kept: list[Finding] = []
        seen: Counter[str] = Counter()
        for f in self.findings:
            seen[f.code] += 1
            if max_examples is None or seen[f.code] <= max_examples:
                kept.append(f)
        counts = self.stats.get("findings_by_code") or Counter(f.code for f in self.findings)
        by_code = examples_by_code(kept, counts)
        stats = {
            **self.stats,
            "examples_per_code": max_examples,
            "examples_truncated": any(v["truncated"] for v in by_code.values()),
            "examples_by_code": by_code,
        }
        return attrs.evolve(self, stats=stats, findings=tuple(kept))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (see the module docstring)."""
        return {
            "valid": self.valid,
            "kind": self.kind,
            "stats": dict(self.stats),
            "errors": [f.to_dict() for f in self.findings if f.severity is Severity.ERROR],
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=str)


def examples_by_code(
    kept: Iterable[Finding], counts: Mapping[str, int]
) -> dict[str, dict[str, Any]]:
    """Per code: every finding counted (``total``), the examples ``kept``, and whether some
    were left out (``truncated``).

    >>> examples_by_code([], {"unparseable-date": 3})
    {'unparseable-date': {'total': 3, 'kept': 0, 'truncated': True}}
    """
    n_kept = Counter(f.code for f in kept)
    return {
        code: {"total": n, "kept": n_kept[code], "truncated": n_kept[code] < n}
        for code, n in sorted(counts.items())
        if n
    }


def format_report(report: Report, fmt: ReportFormat = "text", *, limit: int = 50) -> str:
    """Render ``report`` as ``text`` (truncated to ``limit`` findings), ``json`` or ``github``."""
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "github":
        return "".join(_github_line(f) + "\n" for f in report.findings)
    if fmt == "text":
        return _text_report(report, limit=limit)
    raise InvalidArgumentError(
        f"unknown report format {fmt!r}",
        path="format",
        value=fmt,
        expected="'text', 'json' or 'github'",
    )


def _rule_severity(code: str) -> Severity | None:
    rule = RULES_BY_CODE.get(code)
    return rule.severity if rule is not None else None


def _sev_rank(sev: Severity | None) -> int:
    return sev.rank if sev is not None else 3


def _period_line(stats: Mapping[str, Any]) -> str:
    """ "as of D; receipts A to B; left out: ..." for a report that judged a period."""
    parts = []
    if stats.get("as_of"):
        parts.append(f"as of {stats['as_of']}")
    start, end = stats.get("received_from"), stats.get("received_to")
    if start or end:
        parts.append(f"receipts {start or '…'} to {end or '…'}")
    left = [
        f"{label} {stats[key]}"
        for key, label in (
            ("received_after_as_of", "received after the as-of day"),
            ("outside_period", "outside the period"),
            ("duplicates", "repeated codes"),
        )
        if stats.get(key)
    ]
    if left:
        parts.append("left out: " + ", ".join(left))
    return "; ".join(parts)


def _times_line(times: Mapping[str, Any]) -> str:
    """Every processing time counted, split by what became of it: "processing times read
    5,900 of 7,120 (82.9 %); missing 800, bare number without unit 300, unreadable 120"."""
    total = times["total"]
    parsed = times.get("parsed", 0)
    bare = times.get("bare_number", 0)
    bare_read = times.get("bare_number_read_with_default_unit", 0)
    causes = [
        f"missing {times.get('missing', 0):,}",
        f"bare number without unit {bare:,}"
        + (f" ({bare_read:,} read in the default unit)" if bare_read else ""),
        f"unreadable {times.get('unreadable', 0):,}",
    ]
    return (
        f"processing times read {parsed:,} of {total:,} ({parsed / total * 100:.1f} %); "
        + ", ".join(causes)
    )


def _text_report(report: Report, *, limit: int) -> str:
    stats = report.stats
    by_sev = Counter(f.severity for f in report.findings)
    total = sum(stats.get("findings_by_code", {}).values()) or len(report.findings)
    n_err = stats.get("errors", by_sev[Severity.ERROR])
    n_warn = stats.get("warnings", by_sev[Severity.WARNING])
    head = "VALID" if report.valid else "INVALID"
    lines = [
        f"procedurekit {report.kind}: {head} ({n_err} errors, {n_warn} warnings, "
        f"{total - n_err - n_warn} info)"
    ]
    rejected = stats.get("lines_rejected")
    for t in stats.get("tables", ()):
        sheet = f", sheet {t['sheet']!r}" if t.get("sheet") else ""
        lines.append(f"  {t['file']}: {t['kind']}, {t['rows']} rows ({t['format']}{sheet})")
    facts = [f"rows {stats.get('rows', 0)}"]
    if rejected:
        blank = stats.get("lines_blank", 0)
        facts.append(f"lines rejected {rejected}" + (f" ({blank} blank)" if blank else ""))
    for key in ("procedures", "dossiers", "audited"):
        if key in stats:
            facts.append(f"{key} {stats[key]}")
    times = stats.get("processing_times")
    if isinstance(times, Mapping) and times.get("total"):
        facts.append(_times_line(times))
    lines.append("  " + " · ".join(facts))
    period = _period_line(stats)
    if period:
        lines.append("  " + period)
    outcomes = stats.get("outcomes")
    if isinstance(outcomes, Mapping) and outcomes:
        lines.append("  outcomes: " + ", ".join(f"{k} {v}" for k, v in outcomes.items()))
    by_code: Mapping[str, int] = stats.get("findings_by_code", {})
    if by_code:
        sev_of = {f.code: f.severity for f in report.findings}
        width = max(len(c) for c in by_code)
        lines.append("")
        lines.append(f"{'code':<{width}}  severity  count  rule")
        for code, count in sorted(
            by_code.items(),
            key=lambda kv: (_sev_rank(sev_of.get(kv[0]) or _rule_severity(kv[0])), -kv[1], kv[0]),
        ):
            sev = sev_of.get(code) or _rule_severity(code)
            rule = RULES_BY_CODE.get(code)
            title = rule.title if rule else ""
            lines.append(f"{code:<{width}}  {sev.value if sev else '-':<8}  {count:>5}  {title}")
    shown = report.findings[:limit] if limit >= 0 else report.findings
    if shown:
        lines.append("")
        for f in shown:
            where = f.file or ""
            if f.line is not None:
                where += f":{f.line}"
            if f.row is not None:
                where += f" row {f.row}"
            field = f" {f.field}" if f.field else ""
            lines.append(f"{where.strip()} [{f.severity.value}] {f.code}{field}: {f.message}")
        more = len(report.findings) - len(shown)
        if more > 0:
            lines.append(
                f"+{more} more (--format json --max-examples 0, or --findings-out FILE, for "
                "every finding)"
            )
    return "\n".join(printable(line) for line in lines) + "\n"


def _escape_data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(f: Finding) -> str:
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}[
        f.severity
    ]
    props = []
    if f.file:
        props.append(f"file={_escape_prop(f.file)}")
    if f.line is not None:
        props.append(f"line={f.line}")
    props.append(f"title={_escape_prop(f.code)}")
    where = f"row {f.row}: " if f.row is not None else ""
    return f"::{command} {','.join(props)}::{_escape_data(where + f.message)}"
