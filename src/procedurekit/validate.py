"""Validate a procedure catalogue: every problem collected as a finding, rules as data.

:func:`validate_catalogue` runs every rule of :data:`RULES` over a
:class:`~procedurekit.io.Catalogue` and returns a :class:`Report`: ``valid`` (no error),
``stats`` (``rows`` = data rows read, ``procedures``, findings by code, the share of
processing times parsed) and the findings, each with row, line, field, a stable kebab-case
code, a severity and the offending value. Nothing is raised for a problem of one row.

Each rule names its legal source: the required parts of a procedure are those of Decree
63/2010/NĐ-CP Art. 8(2); online levels follow Decree 42/2022/NĐ-CP Art. 11; the district
level ended on 2025-07-01 (two-tier local government). Reports render as text, JSON (the
shape of frictionless reports: ``valid``, ``stats``, ``errors``, ``findings``) and GitHub
workflow annotations.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Literal

import attrs

from procedurekit._text import fold
from procedurekit.durations import Duration
from procedurekit.errors import DurationParseError, InvalidArgumentError, UnknownCodeError
from procedurekit.io.catalogue import Catalogue, ChannelRow, ProcedureRecord, read_catalogue
from procedurekit.io.dates import DateFormat
from procedurekit.io.findings import Finding, Severity
from procedurekit.vocab import DISTRICT_LEVEL_ABOLISHED, Channel

__all__ = [
    "RULES",
    "Finding",
    "Report",
    "Rule",
    "Severity",
    "format_report",
    "rules_table",
    "validate_catalogue",
    "validate_files",
]

ReportFormat = Literal["text", "json", "github"]

#: The last day of the district level (cấp huyện): two-tier local government from
#: 2025-07-01 (dated data with its source in :data:`procedurekit.models.DISTRICT_LEVEL_ABOLISHED`).
DISTRICT_LEVEL_LAST_DAY: Final = DISTRICT_LEVEL_ABOLISHED.last_day


@attrs.frozen
class Rule:
    """A validation rule: stable ``code``, default ``severity``, what it checks, its source."""

    code: str
    severity: Severity
    title: str
    source: str
    scope: Literal["file", "catalogue", "dossier"] = "catalogue"


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_D63: Final = "Decree 63/2010/NĐ-CP Art. 8(2)"

#: Every rule, in the order ``procedurekit rules`` lists them.
RULES: Final[tuple[Rule, ...]] = (
    # reading the file
    Rule(
        "encoding-error", _E, "A line is not valid UTF-8", "RFC 3629; save as 'CSV UTF-8'", "file"
    ),
    Rule(
        "line-too-long",
        _E,
        "A line is longer than the limit and was skipped",
        "reader limit (max_line_bytes)",
        "file",
    ),
    Rule(
        "malformed-row",
        _E,
        "A row cannot be read, or has a different number of cells than the header",
        "RFC 4180 / JSON Lines",
        "file",
    ),
    Rule(
        "unknown-column",
        _I,
        "A column is not in the header table; kept as an extra field",
        "docs/catalogue-format.md",
        "file",
    ),
    Rule(
        "date-format-detected",
        _I,
        "The date format read for a column",
        "ISO 8601, dd/mm/yyyy or Excel serial, one per column",
        "file",
    ),
    Rule(
        "mixed-date-formats",
        _E,
        "No single date format reads every cell of a column",
        "ISO 8601, dd/mm/yyyy or Excel serial, one per column",
        "file",
    ),
    Rule(
        "unparseable-date",
        _E,
        "A date cell does not fit its column's format",
        "ISO 8601, dd/mm/yyyy or Excel serial",
        "file",
    ),
    Rule(
        "orphan-row",
        _W,
        "A channel or component row names a code absent from the procedure table",
        "catalogue join on the procedure code",
    ),
    # a procedure's parts
    Rule(
        "missing-required-part",
        _E,
        "A required part of the procedure is empty",
        _D63 + ": name, steps, method, dossier components, time limit, subjects, "
        "implementing agency, result",
    ),
    Rule("missing-column", _W, "A required part has no column in the catalogue at all", _D63),
    Rule(
        "duplicate-code",
        _E,
        "Two procedures carry the same code",
        "one code per procedure in the national database (DOMAIN.md §4)",
    ),
    Rule(
        "malformed-code",
        _W,
        "A procedure code is not D.DDDDDD[.suffix]",
        "national procedure code shape, e.g. 2.000815 or 2.000815.000.00.00.H38",
    ),
    Rule(
        "missing-processing-time",
        _E,
        "A channel (or the procedure) states no processing time",
        _D63 + "(e): thời hạn giải quyết",
    ),
    Rule(
        "unparseable-processing-time",
        _W,
        "A processing-time text cannot be read as a duration",
        "DESIGN.md 'Parsing phrases'; Civil Code 2015 Arts. 144-148",
    ),
    Rule(
        "bare-number-time",
        _W,
        "A processing time is a bare number with no unit; read with default_unit when one is given",
        "DOMAIN.md §3: store value + unit, never assume working days",
    ),
    Rule("zero-time", _W, "A processing time of zero", 'data-entry check ("0 Giờ")'),
    Rule(
        "district-level-after-reform",
        _E,
        "A district-level (cấp huyện) procedure in a catalogue in force on or after 2025-07-01",
        "two-tier local government from 2025-07-01 (Law on Organisation of Local Government "
        "2025); DOMAIN.md §5",
    ),
    Rule(
        "unknown-level",
        _W,
        "A level label is not Cấp bộ/tỉnh/huyện/xã or Cơ quan khác",
        "portal field 'Cấp thực hiện'",
    ),
    Rule(
        "committed-time-exceeds-prescribed",
        _E,
        "A locally committed time is longer than the prescribed time",
        "a local cut may only shorten the legal time (DOMAIN.md §7)",
    ),
    Rule("negative-fee", _E, "A fee amount is negative", "Law on Fees and Charges 97/2015/QH13"),
    Rule(
        "unparseable-fee",
        _W,
        "A fee text states neither an amount nor 'free'",
        "Law on Fees and Charges 97/2015/QH13; Decree 63/2010 Art. 8(2) (fees, where applicable)",
    ),
    Rule(
        "missing-legal-basis",
        _W,
        "The legal basis (căn cứ pháp lý) is empty",
        "portal field 'Căn cứ pháp lý' (DOMAIN.md §5)",
    ),
    Rule(
        "duplicate-channel",
        _W,
        "A submission channel is listed twice for a procedure",
        "portal 'Cách thức thực hiện': one row per channel",
    ),
    Rule(
        "unknown-channel",
        _W,
        "A channel label is not Trực tiếp, Trực tuyến or Dịch vụ bưu chính",
        "portal 'Hình thức nộp'",
    ),
    Rule(
        "online-level-inconsistent",
        _E,
        "The online level contradicts the channels listed",
        "Decree 42/2022/NĐ-CP Art. 11 (full / partial online service needs online submission)",
    ),
    Rule(
        "unknown-online-level",
        _W,
        "An online level label is not Toàn trình, Một phần, Không or Mức độ 1-4",
        "Decree 42/2022/NĐ-CP Art. 11; Decree 43/2011 (repealed)",
    ),
)

_RULES_BY_CODE: Final = {r.code: r for r in RULES}

# Decree 63/2010 Art. 8(2) parts: (column key, label). "method", "components" and the time
# may also come from channel / component tables.
_REQUIRED: Final = (
    ("name", "name (tên thủ tục)"),
    ("steps", "steps (trình tự thực hiện)"),
    ("method", "method (cách thức thực hiện)"),
    ("components", "dossier components (thành phần hồ sơ)"),
    ("processing_time", "time limit (thời hạn giải quyết)"),
    ("subjects", "subjects (đối tượng thực hiện)"),
    ("implementing_agency", "implementing agency (cơ quan thực hiện)"),
    ("result", "result (kết quả thực hiện)"),
)

_CODE_RE: Final = re.compile(r"^[0-9]\.[0-9]{6}(\.[0-9A-Za-z]+)*$")
_NO_INFO_RE: Final = re.compile(r"^(khong co thong tin|khong co|n/?a|none|-+)\.?$")
_UNIT_RE: Final = re.compile(
    r"ngày|giờ|tháng|tuần|\bnăm\b|\bngay\b|\bgio\b|\bthang\b|\btuan\b"
    r"|\bdays?\b|\bhours?\b|\bmonths?\b|\byears?\b|\bweeks?\b",
    re.IGNORECASE,
)


# -- fees ------------------------------------------------------------------------------

_FREE_RE: Final = re.compile(
    r"^(phi\s*:?\s*|le phi\s*:?\s*)?(mien phi|khong|khong thu|khong mat phi|0|0 dong|"
    r"khong dong|o dong|mien)\b"
)
_AMOUNT_RE: Final = re.compile(
    r"(?<![\d/])(-)?(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*"
    r"(viet nam dong|dong|vnd|d\b|usd|\$)"
)
_NEGATIVE_RE: Final = re.compile(r"(?:^|[\s:=])-\d")
_NONE_RE: Final = re.compile(r"^(khong co thong tin|khong quy dinh|chua quy dinh)")

FeeReading = Literal["empty", "free", "none-stated", "amount", "negative", "unparseable"]


def read_fee(text: str) -> tuple[FeeReading, tuple[Decimal, ...]]:
    """Classify a fee text: free, amounts (VND or USD, as stated), negative, unparseable.

    >>> read_fee("Phí : 0 Đồng")
    ('free', ())
    >>> read_fee("70,000 Việt Nam Đồng(...)")
    ('amount', (Decimal('70000'),))
    >>> read_fee("-5.000 đồng")
    ('negative', (Decimal('-5000'),))
    """
    # The fee comes first; a long cell is a fee glued to its description.
    folded = fold(text[:400])
    if not folded:
        return "empty", ()
    amounts: list[Decimal] = []
    negative = False
    for m in _AMOUNT_RE.finditer(folded):
        digits = re.sub(r"[.,]", "", m.group(2))
        try:
            value = Decimal(digits + ("." + m.group(3) if m.group(3) else ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits digits only
            continue
        if m.group(1) and (m.start() == 0 or folded[m.start() - 1] in " :="):
            value, negative = -value, True
        amounts.append(value)
    if negative or (not amounts and _NEGATIVE_RE.search(folded)):
        return "negative", tuple(amounts)
    if _NONE_RE.match(folded):
        return "none-stated", ()
    if _FREE_RE.match(folded) or (amounts and all(a == 0 for a in amounts)):
        return "free", ()
    if amounts:
        return "amount", tuple(amounts)
    if "mien" in folded or "khong thu" in folded:
        return "free", ()
    return "unparseable", ()


# -- report ----------------------------------------------------------------------------


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
        worst = {"error": 0, "warning": 1, "info": 2}.get(fail_on)
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

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: ``valid``, ``kind``, ``stats``, ``errors`` (errors only) and
        ``findings`` (all), each finding with code, severity, message, row, field, value,
        file and line."""
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

    def to_text(self, *, limit: int = 50) -> str:
        """A summary table of findings by code, then the first ``limit`` findings."""
        return _text_report(self, limit=limit)

    def to_github(self) -> str:
        """GitHub workflow commands, one per finding: ``::error file=…,line=…::message``."""
        return "\n".join(_github_line(f) for f in self.findings) + ("\n" if self.findings else "")


def format_report(report: Report, fmt: ReportFormat = "text", *, limit: int = 50) -> str:
    """Render ``report`` as ``text`` (truncated to ``limit`` findings), ``json`` or ``github``."""
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "github":
        return report.to_github()
    if fmt == "text":
        return report.to_text(limit=limit)
    raise InvalidArgumentError(
        f"unknown report format {fmt!r}",
        path="format",
        value=fmt,
        expected="'text', 'json' or 'github'",
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
    for t in stats.get("tables", ()):
        lines.append(f"  {t['file']}: {t['kind']}, {t['rows']} rows ({t['format']})")
    facts = [f"rows {stats.get('rows', 0)}"]
    for key in ("procedures", "dossiers", "audited"):
        if key in stats:
            facts.append(f"{key} {stats[key]}")
    times = stats.get("processing_times")
    if isinstance(times, Mapping) and times.get("stating_unit"):
        facts.append(
            f"processing times parsed {times['parse_share'] * 100:.1f} % of "
            f"{times['stating_unit']} stating a unit"
        )
    lines.append("  " + " · ".join(facts))
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
            by_code.items(), key=lambda kv: (_sev_rank(sev_of.get(kv[0])), -kv[1], kv[0])
        ):
            sev = sev_of.get(code)
            rule = _RULES_BY_CODE.get(code) or _AUDIT_RULES().get(code)
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
            lines.append(f"+{more} more (use --format json for every finding)")
    return "\n".join(lines) + "\n"


def _rule_severity(code: str) -> Severity | None:
    rule = _RULES_BY_CODE.get(code) or _AUDIT_RULES().get(code)
    return rule.severity if rule is not None else None


def _sev_rank(sev: Severity | None) -> int:
    return sev.rank if sev is not None else 3


def _AUDIT_RULES() -> Mapping[str, Rule]:
    from procedurekit.audit import AUDIT_RULES

    return {r.code: r for r in AUDIT_RULES}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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


def rules_table(*, fmt: Literal["text", "json", "markdown"] = "text") -> str:
    """Every rule (validation and audit) with severity and legal source, for ``rules``."""
    from procedurekit.audit import AUDIT_RULES

    rules = (*RULES, *AUDIT_RULES)
    if fmt == "json":
        return json.dumps(
            [attrs.asdict(r, value_serializer=_enum_value) for r in rules],
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "markdown":
        out = ["| code | severity | scope | checks | source |", "|---|---|---|---|---|"]
        out += [
            f"| `{r.code}` | {r.severity.value} | {r.scope} | {r.title} | {r.source} |"
            for r in rules
        ]
        return "\n".join(out) + "\n"
    width = max(len(r.code) for r in rules)
    out = [f"{'code':<{width}}  severity  scope      checks / source"]
    for r in rules:
        out.append(f"{r.code:<{width}}  {r.severity.value:<8}  {r.scope:<9}  {r.title}")
        out.append(f"{'':<{width}}  {'':<8}  {'':<9}  source: {r.source}")
    return "\n".join(out) + "\n"


def _enum_value(_inst: Any, _field: Any, value: Any) -> Any:
    return value.value if isinstance(value, Severity) else value


# -- the engine ------------------------------------------------------------------------


@attrs.define
class _Ctx:
    findings: list[Finding]
    ignore: Collection[str]
    default_unit: str | None
    time_cache: dict[str, tuple[Duration | None, str | None]]
    fee_cache: dict[str, str] = attrs.field(factory=dict)
    n_times: int = 0
    n_unit: int = 0
    n_parsed: int = 0
    n_parsed_unit: int = 0
    n_bare: int = 0

    def add(
        self,
        code: str,
        message: str,
        where: ProcedureRecord | ChannelRow,
        *,
        field: str | None = None,
        value: Any = None,
        severity: Severity | None = None,
    ) -> None:
        if code in self.ignore:
            return
        rule = _RULES_BY_CODE[code]
        self.findings.append(
            Finding(
                code,
                severity or rule.severity,
                message,
                row=where.row,
                field=field,
                value=value,
                file=where.file,
                line=where.line,
            )
        )


def _parse_time(ctx: _Ctx, text: str) -> tuple[Duration | None, str | None]:
    """(duration, error reason) for ``text``, cached: catalogues repeat a few phrases."""
    hit = ctx.time_cache.get(text)
    if hit is not None:
        return hit
    from procedurekit.parsing import parse_duration

    result: tuple[Duration | None, str | None]
    try:
        result = (parse_duration(text), None)
    except DurationParseError as exc:
        result = (None, exc.reason)
        if exc.reason == "bare-number" and ctx.default_unit:
            try:
                result = (parse_duration(text, default_unit=ctx.default_unit), "bare-number")
            except DurationParseError as exc2:
                result = (None, exc2.reason)
    ctx.time_cache[text] = result
    return result


def _duration_value(d: Duration) -> Any:
    return getattr(d, "value", None)


def _check_time(
    ctx: _Ctx, text: str, where: ProcedureRecord | ChannelRow, label: str
) -> Duration | None:
    ctx.n_times += 1
    if not text or _NO_INFO_RE.match(fold(text)):
        ctx.add(
            "missing-processing-time",
            f"{label}: no processing time is stated",
            where,
            field="processing_time",
            value=text or None,
        )
        return None
    states_unit = _UNIT_RE.search(text) is not None
    ctx.n_unit += states_unit
    duration, reason = _parse_time(ctx, text)
    if duration is not None:
        ctx.n_parsed += 1
        ctx.n_parsed_unit += states_unit
    if reason == "bare-number":
        ctx.n_bare += 1
        read = f"; read as {duration!r} (default unit)" if duration is not None else ""
        ctx.add(
            "bare-number-time",
            f"{label}: the time {text!r} has no unit{read or '; pass a default unit to read it'}",
            where,
            field="processing_time",
            value=text,
        )
    elif reason == "no-information":
        ctx.add(
            "missing-processing-time",
            f"{label}: no processing time is stated ({text!r})",
            where,
            field="processing_time",
            value=text,
        )
    elif reason is not None:
        ctx.add(
            "unparseable-processing-time",
            f"{label}: cannot read {text!r} as a duration ({reason})",
            where,
            field="processing_time",
            value=text,
        )
    if duration is not None and _duration_value(duration) == 0:
        ctx.add(
            "zero-time",
            f"{label}: the processing time {text!r} is zero",
            where,
            field="processing_time",
            value=text,
        )
    return duration


def _check_fee(ctx: _Ctx, text: str, where: ProcedureRecord | ChannelRow, label: str) -> None:
    if not text:
        return
    reading = ctx.fee_cache.get(text)
    if reading is None:
        reading = ctx.fee_cache[text] = read_fee(text)[0]
    if reading == "negative":
        ctx.add(
            "negative-fee",
            f"{label}: a negative fee amount in {text[:80]!r}",
            where,
            field="fee",
            value=text,
        )
    elif reading == "unparseable":
        ctx.add(
            "unparseable-fee",
            f"{label}: the fee {text[:80]!r} states neither an amount in đồng/USD nor 'Miễn phí'",
            where,
            field="fee",
            value=text,
        )


def _levels(ctx: _Ctx, p: ProcedureRecord) -> list[str]:
    text = p.get("level")
    if not text:
        return []
    from procedurekit.vocab import Level

    out: list[str] = []
    for part in re.split(r"[,;/\n]", re.sub(r"\([^)]*\)", "", text)):
        if not part.strip():
            continue
        try:
            out.append(Level.from_label(part.strip()).value)
        except UnknownCodeError:
            ctx.add(
                "unknown-level",
                f"procedure {p.code!r}: unknown level {part.strip()!r}",
                p,
                field="level",
                value=part.strip(),
            )
    return out


def _in_force_after_reform(p: ProcedureRecord, as_of: date | None) -> bool:
    eff = p.fields.get("effective_date")
    day = eff.date() if isinstance(eff, datetime) else eff if isinstance(eff, date) else None
    if day is not None and day > DISTRICT_LEVEL_LAST_DAY:
        return True
    return as_of is not None and as_of > DISTRICT_LEVEL_LAST_DAY


def _online_level(ctx: _Ctx, p: ProcedureRecord) -> str | None:
    text = p.get("online_level")
    if not text:
        return None
    from procedurekit.vocab import LegacyOnlineLevel, OnlineLevel

    try:
        return OnlineLevel.from_label(text).value
    except UnknownCodeError:
        pass
    try:
        return LegacyOnlineLevel.from_label(text).to_online_level().value
    except UnknownCodeError:
        ctx.add(
            "unknown-online-level",
            f"procedure {p.code!r}: unknown online level {text!r}",
            p,
            field="online_level",
            value=text,
        )
    return None


def _check_procedure(
    ctx: _Ctx,
    p: ProcedureRecord,
    *,
    present: set[str],
    as_of: date | None,
    first_row: dict[str, ProcedureRecord],
) -> None:
    code = p.code
    label = f"procedure {code!r}" if code else f"row {p.row}"
    if not code:
        ctx.add(
            "missing-required-part", f"row {p.row}: the procedure code is empty", p, field="code"
        )
    else:
        if not _CODE_RE.match(code):
            ctx.add(
                "malformed-code",
                f"{label}: not a national code D.DDDDDD[.suffix] (e.g. 2.000815)",
                p,
                field="code",
                value=code,
            )
        first = first_row.get(code)
        if first is None:
            first_row[code] = p
        elif not p.stub:
            ctx.add(
                "duplicate-code",
                f"{label}: the code is already used by row {first.row}"
                + (f" of {first.file}" if first.file != p.file else ""),
                p,
                field="code",
                value=code,
            )
    if not p.stub:
        for key, part in _REQUIRED:
            if key == "processing_time":
                continue
            if key == "method" and p.channels:
                continue
            if key == "components" and p.components:
                continue
            if key in present and not p.get(key):
                ctx.add(
                    "missing-required-part",
                    f"{label}: the {part} is empty",
                    p,
                    field=key,
                )
        if "legal_basis" in present and not p.get("legal_basis"):
            ctx.add(
                "missing-legal-basis",
                f"{label}: no legal basis (căn cứ pháp lý)",
                p,
                field="legal_basis",
            )
    # time limits and fees, per channel or for the whole procedure
    prescribed: Duration | None = None
    seen_channels: dict[Channel, ChannelRow] = {}
    has_online = False
    for ch in p.channels:
        try:
            channel = Channel.from_label(ch.channel)
        except UnknownCodeError:
            channel = None
            ctx.add(
                "unknown-channel",
                f"{label}: unknown channel {ch.channel!r}",
                ch,
                field="channel",
                value=ch.channel,
            )
        clabel = f"{label}, channel {ch.channel or '?'}"
        if channel is not None:
            has_online |= channel is Channel.ONLINE
            if channel in seen_channels:
                ctx.add(
                    "duplicate-channel",
                    f"{label}: channel {ch.channel!r} is listed twice",
                    ch,
                    field="channel",
                    value=ch.channel,
                )
            else:
                seen_channels[channel] = ch
        d = _check_time(ctx, ch.processing_time, ch, clabel)
        prescribed = prescribed or d
        _check_fee(ctx, ch.fee, ch, clabel)
        if ch.committed_time:
            _check_committed(ctx, ch.committed_time, d, ch, clabel)
    if not p.channels and ("processing_time" in present) and not p.stub:
        prescribed = _check_time(ctx, p.get("processing_time"), p, label)
    if not p.channels and p.get("fee"):
        _check_fee(ctx, p.get("fee"), p, label)
    if p.get("committed_time"):
        base = prescribed
        if p.get("processing_time") and p.channels:
            base, _ = _parse_time(ctx, p.get("processing_time"))
        _check_committed(ctx, p.get("committed_time"), base, p, label)
    # level and online level
    levels = _levels(ctx, p)
    if "district" in levels and _in_force_after_reform(p, as_of):
        ctx.add(
            "district-level-after-reform",
            f"{label}: carried out at district level (cấp huyện), which ended on 2025-07-01 "
            "with two-tier local government; move it to the province or the commune",
            p,
            field="level",
            value=p.get("level"),
        )
    online = _online_level(ctx, p)
    method = fold(p.get("method"))
    if not p.channels and method:
        has_online = "truc tuyen" in method or "online" in method
    if online is not None and (p.channels or method):
        if online in ("full", "partial") and not has_online:
            ctx.add(
                "online-level-inconsistent",
                f"{label}: online level {p.get('online_level')!r} but no online channel "
                "(Trực tuyến) is listed",
                p,
                field="online_level",
                value=p.get("online_level"),
            )
        elif online == "none" and has_online:
            ctx.add(
                "online-level-inconsistent",
                f"{label}: online level {p.get('online_level')!r} (none) but an online "
                "channel (Trực tuyến) is listed",
                p,
                field="online_level",
                value=p.get("online_level"),
            )


def _check_committed(
    ctx: _Ctx,
    text: str,
    prescribed: Duration | None,
    where: ProcedureRecord | ChannelRow,
    label: str,
) -> None:
    committed, reason = _parse_time(ctx, text)
    if committed is None:
        ctx.add(
            "unparseable-processing-time",
            f"{label}: cannot read the committed time {text!r} ({reason})",
            where,
            field="committed_time",
            value=text,
        )
        return
    if prescribed is None or type(committed) is not type(prescribed):
        return
    a, b = _duration_value(committed), _duration_value(prescribed)
    if a is not None and b is not None and a > b:
        ctx.add(
            "committed-time-exceeds-prescribed",
            f"{label}: the committed time {committed!r} is longer than the prescribed "
            f"{prescribed!r}",
            where,
            field="committed_time",
            value=text,
        )


def _present_columns(catalogue: Catalogue) -> set[str]:
    present: set[str] = set()
    for t in catalogue.tables:
        if t.kind == "procedures":
            present.update(k for k in t.columns.values() if k)
            if "channel_list" in present or "method" in present:
                present.add("method")
        elif t.kind == "channels":
            present.update({"method", "processing_time"})
        elif t.kind == "components":
            present.add("components")
    return present


def _sort_key(f: Finding) -> tuple[str, int, int, str]:
    return (f.file or "", f.line or 0, f.severity.rank, f.code)


def validate_catalogue(
    catalogue: Catalogue,
    *,
    as_of: date | None = None,
    default_unit: str | None = None,
    ignore: Collection[str] = (),
) -> Report:
    """Run every rule over ``catalogue``; return a :class:`Report`.

    ``as_of`` is the day the catalogue is meant to be in force: on or after 2025-07-01 a
    district-level procedure is an error (a row's own effective date also counts).
    ``default_unit`` reads bare-number times (overrides the catalogue's); each one is still
    reported. ``ignore`` lists rule codes to skip.
    """
    ctx = _Ctx(
        findings=[f for f in catalogue.findings if f.code not in ignore],
        ignore=frozenset(ignore),
        default_unit=default_unit or catalogue.default_unit,
        time_cache={},
    )
    present = _present_columns(catalogue)
    real = [p for p in catalogue.procedures if not p.stub]
    if real:
        for key, part in (*_REQUIRED, ("legal_basis", "legal basis (căn cứ pháp lý)")):
            if key not in present and "missing-column" not in ctx.ignore:
                first = next(t for t in catalogue.tables if t.kind == "procedures")
                ctx.findings.append(
                    Finding(
                        "missing-column",
                        Severity.WARNING,
                        f"no column for the {part}; every procedure lacks it",
                        field=key,
                        file=first.file,
                    )
                )
    first_row: dict[str, ProcedureRecord] = {}
    for p in catalogue.procedures:
        _check_procedure(ctx, p, present=present, as_of=as_of, first_row=first_row)
    findings = sorted(ctx.findings, key=_sort_key)
    by_code = Counter(f.code for f in findings)
    share = ctx.n_parsed_unit / ctx.n_unit if ctx.n_unit else 1.0
    stats: dict[str, Any] = {
        "rows": catalogue.rows,
        "procedures": len(catalogue.procedures),
        "channels": sum(len(p.channels) for p in catalogue.procedures),
        "components": sum(len(p.components) for p in catalogue.procedures),
        "tables": [
            {"file": t.file, "kind": t.kind, "format": t.fmt, "rows": t.rows}
            for t in catalogue.tables
        ],
        "processing_times": {
            "total": ctx.n_times,
            "parsed": ctx.n_parsed,
            "stating_unit": ctx.n_unit,
            "parsed_stating_unit": ctx.n_parsed_unit,
            "bare_number": ctx.n_bare,
            "parse_share": round(share, 4),
        },
        "errors": sum(1 for f in findings if f.severity is Severity.ERROR),
        "warnings": sum(1 for f in findings if f.severity is Severity.WARNING),
        "findings_by_code": dict(sorted(by_code.items())),
    }
    valid = stats["errors"] == 0
    return Report(valid, stats, tuple(findings), "validate")


def validate_files(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    as_of: date | None = None,
    default_unit: str | None = None,
    date_format: DateFormat | str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    ignore: Iterable[str] = (),
) -> Report:
    """Read catalogue file(s) with :func:`~procedurekit.io.read_catalogue` and validate them.

    The one call the CLI needs: raises :class:`~procedurekit.errors.InputFileError` (exit 2)
    only when a file cannot be read at all.
    """
    files = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    catalogue = read_catalogue(
        *files,
        default_unit=default_unit,
        date_format=date_format,
        delimiter=delimiter,
        sheet=sheet,
    )
    return validate_catalogue(
        catalogue, as_of=as_of, default_unit=default_unit, ignore=frozenset(ignore)
    )
