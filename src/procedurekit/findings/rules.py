"""The one registry of finding rules: a stable code, a severity, what it checks, its legal
source and the template its message is rendered from.

Every reader, the catalogue validator and the dossier audit emit findings through this
table (:meth:`procedurekit.findings.FindingSink.emit`): a message is rendered from the rule's
template and the fields the check passes, never written at the call site, so one code
always reads the same way and ``procedurekit rules`` lists each code once (frictionless'
error types are the model). Adding a check means adding its row here first.

Template fields are ``str.format`` fields; a field the check does not pass renders empty.
``subject`` names what the finding is about ("procedure '2.000815'", "dossier
'H21.65-250303-0001'") and ``note`` carries a detail the template cannot foresee.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from typing import Any, Final, Literal

import attrs

from procedurekit.errors import InvalidArgumentError
from procedurekit.findings.model import Finding, Severity

__all__ = [
    "AFFECTS_METRICS",
    "RULES",
    "RULES_BY_CODE",
    "Rule",
    "Scope",
    "affects_metrics",
    "rule",
    "rules_table",
]

Scope = Literal["file", "catalogue", "dossier", "calendar"]


class _Fields(dict[str, Any]):
    """Template fields; one that is not given renders as an empty string."""

    def __missing__(self, key: str) -> str:
        return ""


_FORMATTER: Final = string.Formatter()


@attrs.frozen
class Rule:
    """A finding rule: stable ``code``, default ``severity``, what it checks (``title``),
    its legal ``source``, the ``scope`` it applies to and the message ``template``."""

    code: str
    severity: Severity
    title: str
    source: str
    scope: Scope
    template: str

    def message(self, **fields: Any) -> str:
        """The message rendered from :attr:`template` and ``fields``.

        >>> RULES_BY_CODE["unknown-channel"].message(subject="procedure '1.000001'",
        ...                                          value="Fax")
        "procedure '1.000001': unknown channel 'Fax'"
        """
        return _FORMATTER.vformat(self.template, (), _Fields(fields))

    def finding(
        self,
        *,
        row: int | None = None,
        field: str | None = None,
        value: Any = None,
        file: str | None = None,
        line: int | None = None,
        **fields: Any,
    ) -> Finding:
        """A :class:`Finding` of this rule, its message rendered from ``fields`` (with
        ``row``, ``field`` and ``value``)."""
        return Finding(
            self.code,
            self.severity,
            self.message(row=row, field=field, value=value, **fields),
            row=row,
            field=field,
            value=value,
            file=file,
            line=line,
        )


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_D63: Final = "Decree 63/2010/NĐ-CP Art. 8(2)"
_766: Final = "Decision 766/QĐ-TTg (indicator 2.1)"
_CC: Final = "Civil Code 2015 Arts. 147-148"


def _r(code: str, severity: Severity, title: str, source: str, scope: Scope, template: str) -> Rule:
    return Rule(code, severity, title, source, scope, template)


#: Every rule, in the order ``procedurekit rules`` lists them: reading files, a procedure
#: catalogue, dossiers.
RULES: Final[tuple[Rule, ...]] = (
    # -- reading a file -----------------------------------------------------------------------
    _r(
        "encoding-error",
        _E,
        "A line is not valid UTF-8",
        "RFC 3629; save as 'CSV UTF-8'",
        "file",
        "line {line_no} is not valid UTF-8 ({note}); undecodable bytes were replaced by "
        "U+FFFD. Save the file as UTF-8 (Excel: 'CSV UTF-8')",
    ),
    _r(
        "line-too-long",
        _E,
        "A line is longer than the limit and was skipped",
        "reader limit (max_line_bytes)",
        "file",
        "line {line_no} has {size:,} bytes, more than the limit of {limit:,}; the line was skipped",
    ),
    _r(
        "malformed-row",
        _E,
        "A row cannot be read, or has a different number of cells than the header",
        "RFC 4180 / JSON Lines",
        "file",
        "{where} {note}",
    ),
    _r(
        "unknown-column",
        _I,
        "A column is not in the header table; kept as an extra field",
        "docs/catalogue-format.md, docs/dossier-format.md",
        "file",
        "column {value!r} is not a known {table} column; kept as an extra field "
        "(see docs/{table}-format.md)",
    ),
    _r(
        "date-format-detected",
        _I,
        "The date format read for a column",
        "ISO 8601, dd/mm/yyyy or Excel serial, one per column",
        "file",
        "column {field!r} read as {value} dates{note}",
    ),
    _r(
        "mixed-date-formats",
        _E,
        "No single date format reads every cell of a column",
        "ISO 8601, dd/mm/yyyy or Excel serial, one per column",
        "file",
        "column {field!r} mixes date formats{note}; no single format (ISO, dd/mm/yyyy, Excel "
        "serial) reads every cell: pass the format explicitly (iso, dmy or excel)",
    ),
    _r(
        "unparseable-date",
        _E,
        "A date cell does not fit its column's format",
        "ISO 8601, dd/mm/yyyy or Excel serial",
        "file",
        "row {row}: {field} {value!r} is not a {format} date ({note})",
    ),
    _r(
        "unparseable-flag",
        _W,
        "A yes/no fact is neither yes nor no",
        "Decision 766/QĐ-TTg indicators",
        "file",
        "row {row}: {field} {value!r} is not yes/no (1/0, true/false, có/không)",
    ),
    _r(
        "malformed-events",
        _W,
        "The event log is not a JSON list of events, or an event cannot be read",
        "docs/dossier-format.md",
        "file",
        "row {row}: {note}",
    ),
    _r(
        "orphan-row",
        _W,
        "A channel or component row names a code absent from the procedure table",
        "catalogue join on the procedure code",
        "catalogue",
        "code {value!r} has channel or component rows but no row in the procedure table",
    ),
    # -- a procedure catalogue ---------------------------------------------------------------
    _r(
        "missing-required-part",
        _E,
        "A required part of the procedure is empty",
        _D63 + ": name, steps, method, dossier components, time limit, subjects, "
        "implementing agency, result",
        "catalogue",
        "{subject}: the {part} is empty",
    ),
    _r(
        "missing-column",
        _W,
        "A required part has no column in the catalogue at all",
        _D63,
        "catalogue",
        "no column for the {part}; every procedure lacks it",
    ),
    _r(
        "duplicate-code",
        _E,
        "Two procedures carry the same code",
        "one code per procedure in the national database (DOMAIN.md §4)",
        "catalogue",
        "{subject}: the code is already used by row {first_row}{note}",
    ),
    _r(
        "malformed-code",
        _W,
        "A procedure code is not D.DDDDDD[.suffix]",
        "national procedure code shape, e.g. 2.000815 or 2.000815.000.00.00.H38",
        "catalogue",
        "{subject}: not a national code D.DDDDDD[.suffix] (e.g. 2.000815)",
    ),
    _r(
        "missing-processing-time",
        _E,
        "A channel (or the procedure) states no processing time",
        _D63 + "(e): thời hạn giải quyết",
        "catalogue",
        "{subject}: no processing time is stated{note}",
    ),
    _r(
        "unparseable-processing-time",
        _W,
        "A processing-time text cannot be read as a duration",
        "DESIGN.md 'Parsing phrases'; " + _CC,
        "catalogue",
        "{subject}: cannot read the {what} {value!r} as a duration ({note})",
    ),
    _r(
        "bare-number-time",
        _W,
        "A processing time is a bare number with no unit; read with default_unit when one is given",
        "DOMAIN.md §3: store value + unit, never assume working days",
        "catalogue",
        "{subject}: the time {value!r} has no unit{note}",
    ),
    _r(
        "zero-time",
        _W,
        "A processing time of zero",
        'data-entry check ("0 Giờ")',
        "catalogue",
        "{subject}: the processing time {value!r} is zero",
    ),
    _r(
        "district-level-after-reform",
        _E,
        "A district-level (cấp huyện) procedure in a catalogue in force on or after 2025-07-01",
        "two-tier local government from 2025-07-01 (Law on Organisation of Local Government "
        "2025); DOMAIN.md §5",
        "catalogue",
        "{subject}: carried out at district level (cấp huyện), which ended on 2025-07-01 with "
        "two-tier local government; move it to the province or the commune",
    ),
    _r(
        "unknown-level",
        _W,
        "A level label is not Cấp bộ/tỉnh/huyện/xã or Cơ quan khác",
        "portal field 'Cấp thực hiện'",
        "catalogue",
        "{subject}: unknown level {value!r}",
    ),
    _r(
        "committed-time-exceeds-prescribed",
        _E,
        "A locally committed time is longer than the prescribed time",
        "a local cut may only shorten the legal time (DOMAIN.md §7)",
        "catalogue",
        "{subject}: the committed time {committed} is longer than the prescribed {prescribed}",
    ),
    _r(
        "negative-fee",
        _E,
        "A fee amount is negative",
        "Law on Fees and Charges 97/2015/QH13",
        "catalogue",
        "{subject}: a negative fee amount in {value!r}",
    ),
    _r(
        "unparseable-fee",
        _W,
        "A fee text states neither an amount nor 'free'",
        "Law on Fees and Charges 97/2015/QH13; Decree 63/2010 Art. 8(2) (fees, where applicable)",
        "catalogue",
        "{subject}: the fee {value!r} states neither an amount in đồng/USD nor 'Miễn phí'",
    ),
    _r(
        "missing-legal-basis",
        _W,
        "The legal basis (căn cứ pháp lý) is empty",
        "portal field 'Căn cứ pháp lý' (DOMAIN.md §5)",
        "catalogue",
        "{subject}: no legal basis (căn cứ pháp lý)",
    ),
    _r(
        "duplicate-channel",
        _W,
        "A submission channel is listed twice for a procedure",
        "portal 'Cách thức thực hiện': one row per channel",
        "catalogue",
        "{subject}: channel {value!r} is listed twice",
    ),
    _r(
        "unknown-channel",
        _W,
        "A channel label is not Trực tiếp, Trực tuyến or Dịch vụ bưu chính (in a catalogue, "
        "or on a dossier, whose procedure's general time is then used)",
        "portal 'Hình thức nộp'",
        "catalogue",
        "{subject}: unknown channel {value!r}",
    ),
    _r(
        "online-level-inconsistent",
        _E,
        "The online level contradicts the channels listed",
        "Decree 42/2022/NĐ-CP Art. 11 (full / partial online service needs online submission)",
        "catalogue",
        "{subject}: online level {value!r} {note}",
    ),
    _r(
        "unknown-online-level",
        _W,
        "An online level label is not Toàn trình, Một phần, Không or Mức độ 1-4",
        "Decree 42/2022/NĐ-CP Art. 11; Decree 43/2011 (repealed)",
        "catalogue",
        "{subject}: unknown online level {value!r}",
    ),
    # -- dossiers ----------------------------------------------------------------------------
    _r(
        "appointment-too-early",
        _W,
        "The recorded appointment is before the legal due date (a service commitment may "
        "explain it)",
        "Circular 01/2018/TT-VPCP form 01: the receipt slip states the appointment; " + _CC,
        "dossier",
        "{subject}: appointment {value} is before the legal due date {due} ({explanation})",
    ),
    _r(
        "appointment-too-late",
        _E,
        "The recorded appointment is after the legal due date",
        "the published time limit (Decree 63/2010 Art. 8(2)); " + _CC,
        "dossier",
        "{subject}: appointment {value} is after the legal due date {due} ({explanation})",
    ),
    _r(
        "missing-appointment",
        _W,
        "No appointment date is recorded",
        "Circular 01/2018/TT-VPCP form 01 (receipt slip); Circular 03/2025/TT-VPCP",
        "dossier",
        "{subject}: no appointment date recorded (legal due date {due})",
    ),
    _r(
        "missing-time",
        _W,
        "The procedure states no readable processing time for the dossier's channel: no due "
        "date can be computed",
        _D63,
        "dossier",
        "{subject}: procedure {procedure!r} states no readable processing time{note}",
    ),
    _r(
        "provisional-calendar",
        _I,
        "The due date crosses days of a year whose calendar was not yet announced when the "
        "dossier was received",
        "annual holiday-swap announcements (DOMAIN.md §2)",
        "dossier",
        "{subject}: received {received}, due {due}: the calendar of {years} was not yet "
        "announced when it was received",
    ),
    _r(
        "unverified-calendar",
        _I,
        "The due date crosses days of a year whose swaps and make-up days were not all "
        "found in the announcements",
        "calendar coverage (docs/calendar-data.md)",
        "dossier",
        "{subject}: received {received}, due {due}: the calendar of {years} is not verified "
        "against the announcements; a swapped day may be missing",
    ),
    _r(
        "unknown-procedure",
        _E,
        "The dossier's procedure code is not in the catalogue",
        "catalogue join on the procedure code",
        "dossier",
        "{subject}: procedure {value!r} is not in the catalogue",
    ),
    _r(
        "missing-received-at",
        _E,
        "No readable receipt moment",
        "Decree 45/2020 Art. 11(1): the official receipt time starts the clock",
        "dossier",
        "{subject}: no receipt moment",
    ),
    _r(
        "district-receipt-after-reform",
        _E,
        "A district-level (cấp huyện) receipt on or after 2025-07-01",
        "two-tier local government from 2025-07-01 (DOMAIN.md §5)",
        "dossier",
        "{subject}: received on {value} by a district-level agency, after the district "
        "level ended on {last_day}",
    ),
    _r(
        "malformed-dossier-code",
        _I,
        "A dossier code is not <agency>-YYMMDD-NNNN",
        "Circular 01/2018/TT-VPCP Art. 19 (Circular 03/2025 may differ: reported only)",
        "dossier",
        "dossier code {value!r} is not <agency>-YYMMDD-NNNN",
    ),
    _r(
        "end-before-receipt",
        _E,
        "The end time is before the receipt",
        "a dossier's life (DOMAIN.md §4)",
        "dossier",
        "{subject}: ends {value} before its receipt {received}",
    ),
    _r(
        "second-supplement-request",
        _W,
        "A dossier was asked to supplement more than once: counted as late",
        _766 + ": more than one supplement request counts as late (DOMAIN.md §4)",
        "dossier",
        "{subject}: {value} supplement requests; a dossier asked more than once counts as late",
    ),
    _r(
        "pause-before-receipt",
        _E,
        "A supplement or financial-obligation pause starts before the dossier's receipt: "
        "ignored for the outcome",
        "Civil Code 2015 Art. 147: the period starts at the receipt; Decree 61/2018 Art. 16",
        "dossier",
        "{subject}: a {kind} pause from {value} starts before the receipt {received}; it is "
        "ignored",
    ),
    _r(
        "pause-after-due",
        _W,
        "A pause was requested after the due date: it does not move the due date",
        "Decree 61/2018/NĐ-CP Art. 16: a supplement is requested within the time limit",
        "dossier",
        "{subject}: a {kind} pause requested on {value}, after the due date {due}, does not "
        "move it",
    ),
    _r(
        "unknown-status",
        _E,
        "A dossier status is not in the vocabulary: the dossier is not judged",
        "DOMAIN.md §4 (the statuses of one-stop systems)",
        "dossier",
        "{subject}: unknown status {value!r}; the dossier is not judged",
    ),
    _r(
        "deadline-error",
        _E,
        "The deadline could not be computed (outside the calendar's range 2010-2060, or an "
        "invalid value)",
        "calendar coverage",
        "dossier",
        "{subject}: {note}",
    ),
)

#: The rules by code.
RULES_BY_CODE: Final[Mapping[str, Rule]] = {r.code: r for r in RULES}

#: Dossier findings that change what the indicators count: the dossier is left out of a
#: denominator or judged against something else than its legal due date. Together with the
#: errors of reading a file, they make ``procedurekit metrics`` exit 1.
AFFECTS_METRICS: Final = frozenset(
    {
        "missing-received-at",
        "unknown-procedure",
        "missing-time",
        "unknown-status",
        "deadline-error",
        "end-before-receipt",
    }
)


def affects_metrics(code: str) -> bool:
    """Whether a finding of ``code`` makes an indicator less than certain: an error of
    reading a file, or one of :data:`AFFECTS_METRICS`."""
    r = RULES_BY_CODE.get(code)
    if r is None:
        return False
    return code in AFFECTS_METRICS or (r.scope == "file" and r.severity is Severity.ERROR)


def rule(code: str) -> Rule:
    """The rule of ``code``; :class:`~procedurekit.errors.InvalidArgumentError` if unknown."""
    found = RULES_BY_CODE.get(code)
    if found is None:
        raise InvalidArgumentError(
            f"unknown finding code {code!r}",
            path="code",
            value=code,
            expected="a code listed by `procedurekit rules`",
        )
    return found


def rules_table(*, fmt: Literal["text", "json", "markdown"] = "text") -> str:
    """Every rule with its severity, scope and legal source, as ``procedurekit rules`` lists
    them (text, JSON or a Markdown table)."""
    if fmt == "json":
        return json.dumps(
            [
                {
                    "code": r.code,
                    "severity": r.severity.value,
                    "title": r.title,
                    "source": r.source,
                    "scope": r.scope,
                    "template": r.template,
                }
                for r in RULES
            ],
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "markdown":
        out = ["| code | severity | scope | checks | source |", "|---|---|---|---|---|"]
        out += [
            f"| `{r.code}` | {r.severity.value} | {r.scope} | {r.title} | {r.source} |"
            for r in RULES
        ]
        return "\n".join(out) + "\n"
    if fmt != "text":
        raise InvalidArgumentError(
            f"unknown rules format {fmt!r}",
            path="format",
            value=fmt,
            expected="'text', 'json' or 'markdown'",
        )
    width = max(len(r.code) for r in RULES)
    out = [f"{'code':<{width}}  severity  scope      checks / source"]
    for r in RULES:
        out.append(f"{r.code:<{width}}  {r.severity.value:<8}  {r.scope:<9}  {r.title}")
        out.append(f"{'':<{width}}  {'':<8}  {'':<9}  source: {r.source}")
    return "\n".join(out) + "\n"
