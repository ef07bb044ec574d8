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

    @property
    def fix(self) -> str:
        """What to do about a finding of this rule: the suggested fix handed back with each
        finding (``--findings-out``).

        >>> RULES_BY_CODE["duplicate-code"].fix
        'Keep one row per procedure code; merge or renumber the repeated rows.'
        """
        return _FIXES.get(self.code) or f"See `procedurekit rules` and the source: {self.source}."

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


#: The rules of reading files, a procedure catalogue and dossiers.
_DATA_RULES: Final[tuple[Rule, ...]] = (
    # -- reading a file -----------------------------------------------------------------------
    _r(
        "encoding-error",
        _E,
        "A line is not valid in the file's encoding (UTF-8 unless --encoding says otherwise)",
        "RFC 3629; save as 'CSV UTF-8'",
        "file",
        "line {line_no} is not valid {encoding} ({note}); undecodable bytes were replaced by "
        "U+FFFD. Save the file as UTF-8 (Excel: 'CSV UTF-8'), or pass --encoding",
    ),
    _r(
        "encoding-detected",
        _W,
        "The file is not UTF-8: its encoding was detected and the file read in it",
        "charset-normalizer among Vietnamese code pages (docs/dossier-format.md, Encodings)",
        "file",
        "the file is not UTF-8; it was read as {value} (detected). If its text reads wrong, "
        "pass --encoding (cp1258, tcvn3, vni, cp1252, ...); better, save it as UTF-8",
    ),
    _r(
        "encoding-unknown",
        _E,
        "The file is not UTF-8 and its encoding could not be detected",
        "RFC 3629; save as 'CSV UTF-8'",
        "file",
        "the file is not UTF-8 (first at {note}) and its encoding was not detected: {why}. "
        "Undecodable bytes were replaced by U+FFFD; pass --encoding (cp1258, tcvn3, vni, "
        "cp1252, ...) or save the file as UTF-8",
    ),
    _r(
        "font-encoded-text",
        _E,
        "The text looks typed in a Vietnamese font encoding (TCVN3/ABC or VNI), not Unicode",
        "TCVN 5712:1993 (TCVN3), VNI Windows fonts; Unicode is TCVN 6909:2001",
        "file",
        "the text looks typed in the {value} font encoding, not Unicode: {example!r} reads "
        "as {converted!r} in {value}, and was read as it is (garbled). Pass --encoding "
        "{value}, or convert the file to Unicode",
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
        "no-data-rows",
        _E,
        "A file (or a workbook's sheets) holds no data row: nothing to judge, not a clean result",
        "docs/catalogue-format.md, docs/dossier-format.md: a header row, then one row per record",
        "file",
        "no data rows: {note}",
    ),
    _r(
        "sheet-read",
        _I,
        "Which sheet of a workbook was read as a table",
        "docs/catalogue-format.md: the sheet whose header row is recognised, or --sheet",
        "file",
        "read {what} of this workbook ({note}); choose with --sheet NAME",
    ),
    _r(
        "two-row-header",
        _I,
        "The header continues on the row below it (cells merged over sub-headers): the two "
        "rows are read as one header",
        "docs/catalogue-format.md: one header row",
        "file",
        "the header of row {first} continues on row {second}; those columns are read as {note}",
    ),
    _r(
        "column-numbers-row",
        _I,
        "The row below the header numbers the columns ((1), (2), ...): read as part of the "
        "header, not as data",
        "the annexes of the decisions publishing catalogues",
        "file",
        "row {second} numbers the columns ({note}); read as part of the header, not as a procedure",
    ),
    _r(
        "duplicate-column",
        _W,
        "Two columns carry the same header, or two headers name the same column: the first "
        "is read, the other kept as an extra field",
        "docs/catalogue-format.md, docs/dossier-format.md: one column per key",
        "file",
        "{what}; {used} is read{as_key} and {other} is kept as the extra field {extra!r}",
    ),
    _r(
        "blank-header",
        _W,
        "A column with data has no header: kept as an extra field",
        "docs/catalogue-format.md: every column is named",
        "file",
        "column {column} has no header but holds data (first in row {row}); kept as the extra "
        "field {value!r}",
    ),
    _r(
        "duplicate-key",
        _W,
        "A JSON object has the same key twice: the first value is read, the others kept under "
        "other names",
        "RFC 8259 §4: the names within an object should be unique",
        "file",
        "row {row}: the key {value!r} appears {count} times in one JSON object{at}; the first "
        "value is read, the others are kept as {kept}",
    ),
    _r(
        "invalid-number",
        _E,
        "A JSON number is NaN, Infinity or too large for a float: read as empty",
        "RFC 8259 §6: NaN and Infinity are not JSON numbers",
        "file",
        "row {row}: {field} holds {value!r}, which is not a finite JSON number; it is read as "
        "empty",
    ),
    _r(
        "invisible-characters",
        _I,
        "A cell held invisible characters (soft hyphen, bidi mark or override, zero-width "
        "joiner, BOM): removed before reading",
        "Unicode format characters (category Cf) and default-ignorable code points",
        "file",
        "{where}: {field} held {count} invisible character(s) ({names}); removed before reading",
    ),
    _r(
        "cell-too-long",
        _E,
        "A cell is longer than the limit: cut to the limit",
        "reader limit (max_cell_chars)",
        "file",
        "row {row}: {field} has {size:,} characters, more than the limit of {limit:,} "
        "(max_cell_chars); the cell was cut to the limit",
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
        "ISO 8601, dd/mm/yyyy, mm/dd/yyyy or Excel serial, one per column",
        "file",
        "column {field!r} read as {value} dates{note}",
    ),
    _r(
        "mixed-date-formats",
        _E,
        "No single date format reads every cell of a column",
        "ISO 8601, dd/mm/yyyy, mm/dd/yyyy or Excel serial, one per column",
        "file",
        "column {field!r} mixes date formats{note}; it is read as {value} and each cell that "
        "format does not read is reported: pass --date-format (iso, dmy, mdy or excel) to "
        "choose",
    ),
    _r(
        "ambiguous-date-format",
        _W,
        "Every date of a column reads both day-first and month-first",
        "dd/mm/yyyy (Vietnamese usage) or mm/dd/yyyy: no day above 12 tells them apart",
        "file",
        "column {field!r}: every value reads both as dd/mm/yyyy and as mm/dd/yyyy (no day "
        "above 12); read as {value}{note}. Pass --date-format dmy or --date-format mdy "
        "(API: date_format='dmy' or 'mdy') to force the reading",
    ),
    _r(
        "two-digit-year",
        _W,
        "Dates are written with a two-digit year: read as 20yy",
        "ISO 8601 recommends four-digit years",
        "file",
        "column {field!r}: {count:,} value(s) have a two-digit year (e.g. {value!r}); read as 20yy",
    ),
    _r(
        "code-date-mismatch",
        _W,
        "The receipt date in the dossier code (YYMMDD) differs from the receipt date",
        "Circular 01/2018/TT-VPCP Art. 19: the code carries the receipt date",
        "dossier",
        "row {row}: dossier code {value!r} carries the receipt date {code_date} but "
        "received_at reads {received}",
    ),
    _r(
        "unparseable-date",
        _E,
        "A date cell does not fit its column's format",
        "ISO 8601, dd/mm/yyyy, mm/dd/yyyy or Excel serial",
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
        "missing-key-column",
        _E,
        "No column holds the procedure code, the name or the processing time: the "
        "catalogue cannot be judged",
        _D63 + "; docs/catalogue-format.md (map a column with --columns map.toml)",
        "catalogue",
        "no column for the {part} (headers read: {note}); name the column in a column map "
        "(--columns map.toml) or rename it (docs/catalogue-format.md)",
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
        "time-glued-to-fee",
        _E,
        "A channel's time cannot be told apart from its fee: a number glued to an amount",
        "portal 'Cách thức thực hiện' table as scraped; " + _D63 + "(e)",
        "catalogue",
        "{subject}: the time cannot be told from the fee {value!r}: its first digits may be "
        "the time (1 day and 20,000 VNĐ) or part of the amount (no time, 120,000 VNĐ); "
        "state the time in a cell of its own",
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
        "duplicate-dossier-code",
        _E,
        "A dossier code appears twice: the repetition is not judged or counted",
        "one code per dossier (Circular 01/2018/TT-VPCP, the dossier code)",
        "dossier",
        "{subject}: the dossier code appears again; only its first row is judged and counted",
    ),
    _r(
        "paid-online-free-procedure",
        _W,
        "A dossier paid online for a procedure the catalogue states free",
        "Decision 766/QĐ-TTg (indicator 3.6: fee-bearing dossiers only)",
        "dossier",
        "{subject}: paid online, but the catalogue states procedure {value!r} free; not "
        "counted in 3.6",
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

_CAL_FORMAT: Final = "docs/calendar-data.md (calendar data format 1)"
_CAL_WEEK: Final = "Decision 188/1999/QĐ-TTg (Monday to Friday)"
_CAL_LAW: Final = "Labour Code 2019 Art. 112"
_CAL_COMP: Final = "Labour Code 2019 Art. 111(3)"
_CAL_LUNAR: Final = "the lunar calendar at UTC+7 (Hồ Ngọc Đức's algorithm, calendar/_lunar.py)"
_CAL_DATA: Final = "docs/maintainers.md (the yearly calendar update)"


def _c(code: str, severity: Severity, title: str, source: str, template: str) -> Rule:
    return Rule(code, severity, title, source, "calendar", template)


#: The rules of ``procedurekit calendar check`` (an announcement file), in the order they
#: are checked (:func:`procedurekit.calendar.announcements.check_announcements`).
_CALENDAR_RULES: Final[tuple[Rule, ...]] = (
    # -- the format ------------------------------------------------------------------------
    _c("unknown-field", _E, "A field the format does not have", _CAL_FORMAT, "{note}"),
    _c("missing-field", _E, "A required field is missing", _CAL_FORMAT, "{note}"),
    _c("invalid-field", _E, "A field's value is not valid", _CAL_FORMAT, "{note}"),
    _c(
        "date-out-of-range",
        _E,
        "A date or year outside the calendar's range",
        _CAL_FORMAT,
        "{note}",
    ),
    _c("duplicate-date", _E, "Two entries for one date", _CAL_FORMAT, "{note}"),
    _c("duplicate-year", _E, "A year listed twice", _CAL_FORMAT, "{note}"),
    _c(
        "empty-announcement",
        _W,
        "The file changes nothing",
        _CAL_FORMAT,
        "the file has no [[entries]] and no [[years]]: it changes nothing",
    ),
    # -- the law ----------------------------------------------------------------------------
    _c(
        "swap-on-weekend",
        _E,
        "A swapped day off on a weekend",
        _CAL_WEEK,
        "{day} is a {weekday}, already a day off; a swap makes a weekday a day off (the "
        'weekend day worked back is a "makeup" entry)',
    ),
    _c(
        "swap-on-holiday",
        _E,
        "A swapped day off on a day the law already gives off",
        _CAL_LAW,
        "{day} is already a day off by law ({holiday}); a swapped day off cannot fall on it",
    ),
    _c(
        "makeup-on-weekday",
        _E,
        "A make-up working day on an ordinary weekday",
        _CAL_WEEK,
        "{day} is a {weekday}, already a working day; a make-up day is a weekend day worked "
        "back for a swapped weekday",
    ),
    _c(
        "makeup-on-holiday",
        _E,
        "A make-up working day on a holiday fixed by law",
        _CAL_LAW,
        "{day} is a day off fixed by law ({holiday}); it cannot be made a working day",
    ),
    _c(
        "makeup-on-projected-day",
        _W,
        "A make-up working day on a day off the decision may move",
        "Labour Code 2019 Art. 112(1)-(3)",
        "{day} is a day off as the law is projected ({holiday}; the Prime Minister fixes "
        "these days each year): check that the decision makes it a working day",
    ),
    _c(
        "statutory-not-a-holiday",
        _E,
        "A statutory day off the Labour Code does not give",
        _CAL_LAW,
        "{day} is not a holiday of the Labour Code, nor a Tết or National Day day a decision "
        'can fix; a weekday made a day off by a decision is a "swap"',
    ),
    _c(
        "compensatory-on-weekend",
        _E,
        "A compensatory day off on a weekend",
        _CAL_COMP,
        "{day} is a {weekday}; a compensatory day off (nghỉ bù) is a working day after a "
        "holiday that fell on a weekend",
    ),
    _c(
        "compensatory-without-holiday",
        _W,
        "A compensatory day off with no weekend holiday before it",
        _CAL_COMP,
        "no holiday fell on a weekend in the week before {day}",
    ),
    # -- the lunar calendar -----------------------------------------------------------------
    _c(
        "far-from-lunar-holiday",
        _E,
        "An entry named after Tết or Giỗ Tổ far from that day",
        _CAL_LUNAR,
        "{day} is named after {holiday}, but {holiday} {year} is on {expected_day}, "
        "{distance} days away (at most {limit} for a {kind} entry)",
    ),
    _c(
        "lunar-date-mismatch",
        _E,
        "A name states a lunar date the day does not have",
        _CAL_LUNAR,
        "the name says {stated}, but {day} is day {lunar_day} of lunar month {lunar_month}",
    ),
    # -- sources and dates -------------------------------------------------------------------
    _c(
        "announced-after-day",
        _E,
        "Announced after the day it decides",
        _CAL_DATA,
        "announced {announced}, after the day {day} itself; announced is the day the "
        "document was issued",
    ),
    _c(
        "source-without-number",
        _E,
        "A confirmed entry cites no document number",
        _CAL_DATA,
        'source {value!r} names no document number such as "Công văn 12729/VPCP-KGVX"; '
        'an entry known only from the press has status = "reported"',
    ),
    _c(
        "unbalanced-swap",
        _W,
        "A document's swapped days off and make-up days do not pair up",
        _CAL_DATA,
        "{value!r} swaps {swaps} weekday(s) off ({swap_days}) but names {makeups} make-up "
        "working day(s) ({makeup_days}); each swapped weekday is worked back on a weekend day",
    ),
    # -- each year's completion --------------------------------------------------------------
    _c(
        "complete-year-without-date",
        _E,
        "A complete year without complete_since",
        _CAL_DATA,
        "{year} is marked complete without complete_since, the day its Tết and National Day "
        "decisions had both been issued; known_at would treat it as announced on {year}-01-01",
    ),
    _c(
        "complete-year-without-source",
        _W,
        "A complete year that does not cite its decisions",
        _CAL_DATA,
        "{year} is marked complete without {missing}: the decision is not cited on its days",
    ),
    _c(
        "complete-since-out-of-range",
        _E,
        "complete_since far from its year",
        _CAL_DATA,
        "complete_since {value} is not between {low} and {high}: a year's decisions are "
        "issued in the year before it or during it",
    ),
    _c(
        "complete-since-before-decision",
        _E,
        "complete_since before the decision it dates",
        _CAL_DATA,
        "complete_since {value} is before {other} was announced ({announced}, {source}); "
        "complete_since is the day the later of the Tết and National Day decisions was issued",
    ),
    _c(
        "year-reopened",
        _W,
        "A year complete in the shipped data made incomplete",
        _CAL_DATA,
        "{year} is complete in the shipped data; this file marks it {state}",
    ),
    _c(
        "year-stays-provisional",
        _I,
        "Entries of a year that stays provisional",
        _CAL_DATA,
        "{year} has entries but is not marked complete, here or in the shipped data, so it "
        "stays provisional; add [[years]] year = {year}, complete = true and complete_since "
        "once its Tết and National Day decisions are issued",
    ),
    _c(
        "tet-days-count",
        _E,
        "The Tết days off do not number what the Labour Code gives",
        _CAL_LAW,
        "with this file {year} has {count} statutory Tết days off{how} ({days}); the Labour "
        "Code in force gives {expected}",
    ),
    _c(
        "national-day-count",
        _E,
        "The National Day days off do not number what the law gives",
        _CAL_LAW,
        "with this file {year} has {count} statutory National Day days off ({days}); the law "
        "gives {expected} (2 September{adjacent})",
    ),
)

#: The suggested fix of each rule, handed back with every finding (``--findings-out``).
_FIXES: Final[Mapping[str, str]] = {
    "encoding-error": "Save the file as UTF-8 (Excel: 'CSV UTF-8'), or pass --encoding with "
    "the file's encoding (cp1258, tcvn3, vni, ...).",
    "encoding-detected": "Check the text reads right; pass --encoding to choose the encoding, "
    "or save the file as UTF-8.",
    "font-encoded-text": "Pass --encoding tcvn3 or --encoding vni (the font the file was "
    "typed with), or convert it to Unicode (e.g. with UniKey's converter).",
    "encoding-unknown": "Pass --encoding with the file's encoding (cp1258, tcvn3, vni, "
    "cp1252, ...), or install procedurekit[encodings] to detect it, or save as UTF-8.",
    "line-too-long": "Split the line, or raise --max-line-bytes if the line is legitimate.",
    "malformed-row": "Fix the quoting or the number of cells of the row so that it matches "
    "the header.",
    "duplicate-column": "Keep one column per key: delete or rename the repeated column.",
    "blank-header": "Give the column a header from the format's header table, or delete it.",
    "duplicate-key": "Keep each key once in every JSON object.",
    "invalid-number": "Write a finite number (or leave the value empty).",
    "invisible-characters": "Nothing to do; remove the invisible characters at the source "
    "to keep codes comparable.",
    "cell-too-long": "Shorten the cell, or raise --max-cell-chars if it is legitimate.",
    "unknown-column": "Rename the header to one of the format's headers if it is meant to be "
    "read; otherwise nothing to do.",
    "date-format-detected": "Nothing to do if the format is right; otherwise pass --date-format.",
    "mixed-date-formats": "Write every date of the column in one format, or pass "
    "--date-format and fix the cells reported unreadable.",
    "ambiguous-date-format": "Check one date whose day you know; pass --date-format dmy or "
    "--date-format mdy to force the reading.",
    "two-digit-year": "Write four-digit years (2026, not 26).",
    "code-date-mismatch": "Check the receipt date and the dossier code of the row; if every "
    "row disagrees, the day/month order is wrong: pass --date-format.",
    "unparseable-date": "Write the date in the column's format (shown in the message), or "
    "pass --date-format.",
    "unparseable-flag": "Write 1/0, có/không or true/false, or leave the cell empty (not stated).",
    "malformed-events": "Write the event log as a JSON list of {kind, at} objects.",
    "orphan-row": "Add the procedure to the procedure table, or correct the code.",
    "missing-required-part": "Fill in the part from the procedure's published decision.",
    "missing-column": "Add the column (or map the export's header to it).",
    "duplicate-code": "Keep one row per procedure code; merge or renumber the repeated rows.",
    "malformed-code": "Write the national code D.DDDDDD (with an optional agency suffix) as "
    "in the national database.",
    "missing-processing-time": "State the processing time (thời hạn giải quyết) from the "
    "published decision.",
    "unparseable-processing-time": "Write the time with a number and a unit ('05 ngày làm "
    "việc'), as in the published decision.",
    "bare-number-time": "Add the unit (ngày làm việc, ngày, giờ làm việc), or pass --default-unit.",
    "zero-time": "Check the published time: 'Trong ngày' if same-day, else the number of days.",
    "district-level-after-reform": "Move the procedure to the commune or provincial level "
    "(two-tier local government from 2025-07-01).",
    "unknown-level": "Write Cấp bộ, Cấp tỉnh, Cấp xã or Cơ quan khác.",
    "committed-time-exceeds-prescribed": "Lower the committed time to at most the prescribed time.",
    "negative-fee": "Write the fee as a positive amount, or 'Miễn phí'.",
    "unparseable-fee": "Write an amount in đồng ('50.000 đồng') or 'Miễn phí'.",
    "missing-legal-basis": "State the legal basis (căn cứ pháp lý) from the published decision.",
    "duplicate-channel": "List each channel once per procedure.",
    "unknown-channel": "Write Trực tiếp, Trực tuyến or Dịch vụ bưu chính.",
    "online-level-inconsistent": "Make the online level agree with the channels listed.",
    "unknown-online-level": "Write Toàn trình, Một phần or Không.",
    "appointment-too-early": "Nothing to fix if a service commitment explains it; otherwise "
    "check the printed appointment.",
    "appointment-too-late": "Correct the appointment the system prints: the legal due date "
    "is in the message; check the system's calendar.",
    "missing-appointment": "Record the appointment date printed on the receipt slip.",
    "missing-time": "State a processing time for the channel in the catalogue.",
    "provisional-calendar": "Nothing to fix; audit again once the year's calendar is announced.",
    "unverified-calendar": "Nothing to fix; check the year's swaps against the announcements.",
    "unknown-procedure": "Add the procedure to the catalogue, or correct the dossier's "
    "procedure code.",
    "missing-received-at": "Record the receipt moment (ngày tiếp nhận) of the dossier.",
    "district-receipt-after-reform": "Check the receiving agency: district-level receipts "
    "ended on 2025-06-30.",
    "malformed-dossier-code": "Nothing to fix if your system numbers dossiers otherwise; the "
    "standard is <agency>-YYMMDD-NNNN.",
    "end-before-receipt": "Correct the end or receipt moment of the dossier.",
    "second-supplement-request": "Nothing to fix in the file: the dossier counts as late.",
    "pause-before-receipt": "Correct the pause's start moment in the event log.",
    "pause-after-due": "Nothing to fix in the file: a pause after the due date does not move it.",
    "duplicate-dossier-code": "Keep one row per dossier code (the export repeats rows, or two "
    "dossiers share a code).",
    "paid-online-free-procedure": "Check the payment record or the catalogue's fee.",
    "unknown-status": "Map the status to the vocabulary (docs/dossier-format.md) or correct it.",
    "deadline-error": "Check the dossier's dates and the procedure's time.",
    "no-data-rows": "Export the table again with its rows, or name the sheet that holds "
    "them (--sheet).",
    "sheet-read": "Nothing to fix: check that the sheet read is the one you meant (--sheet).",
    "two-row-header": "Nothing to fix: check that the joined header names the column you meant.",
    "column-numbers-row": "Nothing to fix: the row numbering the columns is not read as data.",
    "missing-key-column": "Rename the header to a known one or map it with --columns map.toml.",
    "time-glued-to-fee": "Split the time and the fee into their own columns.",
}


#: Every rule of every check: files, catalogues, dossiers, calendar announcement files.
RULES: Final[tuple[Rule, ...]] = (*_DATA_RULES, *_CALENDAR_RULES)

#: The rules by code.
RULES_BY_CODE: Final[Mapping[str, Rule]] = {r.code: r for r in RULES}


#: Findings that change what the indicators count: a dossier left out of a denominator or
#: judged against something else than its legal due date, or a catalogue that cannot give
#: any time (missing-key-column). Together with the errors of reading a file, they make
#: ``procedurekit metrics`` exit 1.
AFFECTS_METRICS: Final = frozenset(
    {
        "missing-received-at",
        "unknown-procedure",
        "missing-time",
        "unknown-status",
        "deadline-error",
        "end-before-receipt",
        "duplicate-dossier-code",
        "missing-key-column",
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
                    "fix": r.fix,
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
