"""Named date formats for dumps: ISO 8601, dd/mm/yyyy, mm/dd/yyyy, Excel serial.

A column's format is chosen explicitly or decided from *every* non-empty value of the
column (:class:`DateEvidence` counts, value by value, which formats read it) and reported;
it is never guessed per cell (``03/04/2025`` is the 3rd of April in a dd/mm column and the
4th of March in an mm/dd one). A value the decided format does not read is a finding that
names the value and the formats tried. Day-first and month-first dates accept ``/``, ``-``
and ``.`` as separators, two-digit years (20yy, reported) and a time with ``SA``/``CH``
(sáng/chiều, morning/afternoon) or ``AM``/``PM``. Times are Vietnam local time
(UTC+07:00); a naive value is read as local, an aware one converted.
"""

from __future__ import annotations

import enum
import functools
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Final

import attrs

from procedurekit._time import VIETNAM_TZ, local_datetime
from procedurekit.errors import InvalidArgumentError, InvalidTypeError
from procedurekit.findings import Finding, rule

__all__ = [
    "FORMAT_LABELS",
    "DateDecision",
    "DateEvidence",
    "DateFormat",
    "date_format_of",
    "decision_findings",
    "detect_date_format",
    "follow_order",
    "parse_date_value",
    "unreadable_note",
]


_ISO_RE: Final = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
# Day-first or month-first: 01/07/2025, 1-7-2025, 01.07.25, 01/07/2025 8h30, 01/07/2025 08:30 CH
_SLASH_RE: Final = re.compile(
    r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})"
    r"(?:[ T,]+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?\s*(SA|CH|AM|PM|S\.A\.|C\.H\.)?)?$",
    re.IGNORECASE,
)
_SERIAL_RE: Final = re.compile(r"^\d{1,6}(?:\.\d+)?$")
_EXCEL_EPOCH: Final = datetime(1899, 12, 30)
# Serial numbers a dossier or catalogue date can take: 1990-01-01 .. 2100-12-31.
_SERIAL_MIN: Final = 32874
_SERIAL_MAX: Final = 73415
_MORNING: Final = frozenset({"SA", "AM", "S.A."})


class DateFormat(enum.Enum):
    """A named date format of a column."""

    ISO = "iso"  #: 2025-07-01, 2025-07-01T08:30, 2025-07-01 08:30:00+07:00
    DMY = "dmy"  #: 01/07/2025, 1-7-2025, 01.07.25, 01/07/2025 08:30, 1/7/2025 8h30 SA
    MDY = "mdy"  #: 07/01/2025 (month first, as US-locale exports write), same separators
    EXCEL = "excel"  #: Excel serial day number, 45839 or 45839.354 (1900 date system)
    NATIVE = "native"  #: already a date or datetime (XLSX cells, JSON from the project)


#: How each format is named in messages.
FORMAT_LABELS: Final = {
    DateFormat.ISO: "ISO 8601 (yyyy-mm-dd)",
    DateFormat.DMY: "dd/mm/yyyy",
    DateFormat.MDY: "mm/dd/yyyy",
    DateFormat.EXCEL: "Excel serial",
    DateFormat.NATIVE: "a date cell",
}
_TEXT_FORMATS: Final = (DateFormat.ISO, DateFormat.DMY, DateFormat.MDY, DateFormat.EXCEL)


def date_format_of(value: object) -> DateFormat | None:
    """A reader's ``date_format`` argument: a :class:`DateFormat`, its name (``"dmy"``), or
    ``None`` (each column's format detected). Anything else is an
    :class:`~procedurekit.errors.InvalidArgumentError` naming the formats (or an
    :class:`~procedurekit.errors.InvalidTypeError`), raised before any file is opened.

    >>> date_format_of("dmy")
    <DateFormat.DMY: 'dmy'>
    """
    if value is None or isinstance(value, DateFormat):
        return value
    names = ", ".join(f.value for f in DateFormat)
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"date_format must be a DateFormat or one of {names}, got {value!r}",
            path="date_format",
            value=value,
            expected=f"one of {names}, or None (detected per column)",
        )
    try:
        return DateFormat(value)
    except ValueError:
        raise InvalidArgumentError(
            f"date_format must be one of {names}, got {value!r}",
            path="date_format",
            value=value,
            expected=f"one of {names}, or None (detected per column)",
        ) from None


def parse_date_value(value: object, fmt: DateFormat) -> datetime | date:
    """Read one cell with format ``fmt``: a ``date`` when it has no time, else an aware datetime.

    Raises ``ValueError`` (the caller turns it into a finding) when the cell does not fit.

    >>> parse_date_value("13.02.26 2:30 CH", DateFormat.DMY).isoformat()
    '2026-02-13T14:30:00+07:00'
    >>> parse_date_value("02/13/2026", DateFormat.MDY)
    datetime.date(2026, 2, 13)
    """
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == time(0):
            return value.date()  # an XLSX date cell: the workbook has no date-only type
        return local_datetime(value)
    if isinstance(value, date):
        return value
    if fmt is DateFormat.EXCEL and isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(float(value))
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    text = value.strip()
    if fmt is DateFormat.ISO or fmt is DateFormat.NATIVE:
        if not _ISO_RE.match(text):
            raise ValueError("not an ISO 8601 date")
        if len(text) == 10:
            return date.fromisoformat(text)
        return local_datetime(datetime.fromisoformat(text.replace("Z", "+00:00")))
    if fmt is DateFormat.DMY or fmt is DateFormat.MDY:
        return _slashed(text, fmt)
    if not _SERIAL_RE.match(text):
        raise ValueError("not an Excel serial number")
    return _from_serial(float(text))


def _slashed(text: str, fmt: DateFormat) -> datetime | date:
    m = _SLASH_RE.match(text)
    if m is None:
        raise ValueError(f"not a {FORMAT_LABELS[fmt]} date")
    first, second, year = int(m[1]), int(m[3]), int(m[4])
    day, month = (first, second) if fmt is DateFormat.DMY else (second, first)
    if len(m[4]) == 2:
        year += 2000
    if m[5] is None:
        return date(year, month, day)
    hour = int(m[5])
    half = m[8].upper() if m[8] else None
    if half is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} with {m[8]} is not a 12-hour time")
        hour = hour % 12 + (0 if half in _MORNING else 12)
    return datetime(year, month, day, hour, int(m[6]), int(m[7] or 0), tzinfo=VIETNAM_TZ)


def _from_serial(serial: float) -> datetime | date:
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        raise ValueError(f"Excel serial {serial} is outside 1990..2100")
    moment = _EXCEL_EPOCH + timedelta(days=serial)
    if serial == int(serial):
        return moment.date()
    # Round to the minute: a serial's fraction carries float noise.
    rounded = moment + timedelta(seconds=30)
    return datetime.combine(rounded.date(), time(rounded.hour, rounded.minute), VIETNAM_TZ)


def reading(value: object, fmt: DateFormat) -> datetime | date | None:
    """``value`` read with ``fmt``, or ``None`` when it does not fit."""
    try:
        return parse_date_value(value, fmt)
    except (ValueError, OverflowError):
        return None


_Reading = tuple[DateFormat, "datetime | date | None"]
_LONGEST: Final = 64


@functools.lru_cache(maxsize=65536)
def _observe(text: str) -> tuple[tuple[_Reading, ...], bool]:
    """The readings of one text value by the formats that can read it at all, and whether
    it has a two-digit year. The shapes exclude each other (ISO starts with a 4-digit year,
    the day/month orders with 1 or 2 digits and a separator, a serial is digits alone), so
    a value is parsed once or twice, not four times; dumps repeat values, hence the cache."""
    if _ISO_RE.match(text):
        return ((DateFormat.ISO, reading(text, DateFormat.ISO)),), False
    m = _SLASH_RE.match(text)
    if m is not None:
        return (
            (DateFormat.DMY, reading(text, DateFormat.DMY)),
            (DateFormat.MDY, reading(text, DateFormat.MDY)),
        ), len(m[4]) == 2
    if _SERIAL_RE.match(text):
        return ((DateFormat.EXCEL, reading(text, DateFormat.EXCEL)),), False
    return (), False


def formats_reading(value: object) -> tuple[DateFormat, ...]:
    """The text formats that read ``value`` (empty for a value none reads)."""
    return tuple(f for f in _TEXT_FORMATS if reading(value, f) is not None)


@attrs.frozen
class DateDecision:
    """The format decided for a column and the evidence it was decided on.

    ``fmt`` is ``None`` when no format reads any value. ``read`` counts the values ``fmt``
    reads out of ``values``; ``ambiguous`` is true when every value read as dd/mm/yyyy
    also reads as mm/dd/yyyy (no day above 12 anywhere), so the order could not be told
    from the dates alone; ``by_codes`` says the dossier codes' receipt dates (YYMMDD)
    decided it, ``agree``/``disagree`` how many of them the chosen reading matched.
    ``two_digit_years`` counts values written with a two-digit year, ``other`` the values
    another format would read (a mixed column).
    """

    fmt: DateFormat | None
    values: int
    read: int
    ambiguous: bool = False
    by_codes: bool = False
    agree: int = 0
    disagree: int = 0
    two_digit_years: int = 0
    two_digit_example: str = ""
    other: int = 0
    followed: bool = False

    def describe(self) -> str:
        """How the decision was made, for a message: '(from all 9,950 non-empty values)'."""
        if self.fmt is DateFormat.NATIVE:
            return " (date cells)"
        return f" (decided from all {self.values:,} non-empty values; {self.read:,} read)"


@attrs.define
class DateEvidence:
    """What a column's values say about its format, counted value by value (bounded memory).

    Feed every non-empty value with :meth:`add` (and, for the receipt column, the dossier
    code's receipt date with ``code_date``), then :meth:`decide`.

    >>> ev = DateEvidence()
    >>> for v in ["03/04/2025", "05/06/2025"]:
    ...     ev.add(v)
    >>> d = ev.decide()
    >>> d.fmt, d.ambiguous
    (<DateFormat.DMY: 'dmy'>, True)
    """

    values: int = 0
    native: int = 0
    fits: Counter[DateFormat] = attrs.field(factory=Counter)
    #: values that read as dd/mm/yyyy and mm/dd/yyyy as different dates
    both_orders: int = 0
    code_dmy: int = 0
    code_mdy: int = 0
    two_digit_years: int = 0
    two_digit_example: str = ""

    def add(self, value: object, code_date: date | None = None) -> None:
        """Count one cell (empty cells are ignored)."""
        if value is None or value == "":
            return
        self.values += 1
        if isinstance(value, date):
            self.native += 1
            return
        if isinstance(value, str):
            text = value.strip()
            # No date is longer than 64 characters: a longer cell is not one (and is not
            # cached, so that a hostile file cannot fill the cache with huge cells).
            readings, two_digit = _observe(text) if len(text) <= _LONGEST else ((), False)
        else:
            readings = tuple((f, reading(value, f)) for f in _TEXT_FORMATS)
            two_digit = False
        dmy = mdy = None
        for fmt, got in readings:
            if got is None:
                continue
            self.fits[fmt] += 1
            if fmt is DateFormat.DMY:
                dmy = got
            elif fmt is DateFormat.MDY:
                mdy = got
        if dmy is not None and two_digit:
            self.two_digit_years += 1
            self.two_digit_example = self.two_digit_example or str(value)
        if dmy is not None and mdy is not None and dmy != mdy:
            self.both_orders += 1
        if code_date is not None:
            self.code_dmy += dmy is not None and _day(dmy) == code_date
            self.code_mdy += mdy is not None and _day(mdy) == code_date

    def decide(self) -> DateDecision:
        """The format that reads the most values (ties: ISO, dd/mm, mm/dd, Excel serial).

        When dd/mm and mm/dd read the same values (no day above 12), the dossier codes'
        receipt dates decide if they favour one order; otherwise dd/mm, the Vietnamese
        order, is chosen and the decision is marked ambiguous.
        """
        if self.values == 0:
            return DateDecision(None, 0, 0)
        if self.native == self.values:
            return DateDecision(DateFormat.NATIVE, self.values, self.values)
        ranked = sorted(_TEXT_FORMATS, key=lambda f: -self.fits[f])
        best = ranked[0]
        ambiguous = False
        by_codes = False
        agree = disagree = 0
        if best in (DateFormat.DMY, DateFormat.MDY) and (
            self.fits[DateFormat.DMY] == self.fits[DateFormat.MDY]
        ):
            ambiguous = self.both_orders > 0
            if self.code_mdy > self.code_dmy:
                best, by_codes = DateFormat.MDY, True
            else:
                best, by_codes = DateFormat.DMY, self.code_dmy > self.code_mdy
        if best is DateFormat.DMY:
            agree, disagree = self.code_dmy, self.code_mdy
        elif best is DateFormat.MDY:
            agree, disagree = self.code_mdy, self.code_dmy
        read = self.fits[best] + self.native
        others = [f for f in _TEXT_FORMATS if f is not best and {f, best} != _ORDERS]
        return DateDecision(
            best if self.fits[best] else None,
            self.values,
            read,
            ambiguous,
            by_codes,
            agree,
            disagree,
            self.two_digit_years if best in _ORDERS else 0,
            self.two_digit_example,
            max((self.fits[f] for f in others), default=0),
        )


_ORDERS: Final = frozenset({DateFormat.DMY, DateFormat.MDY})


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def detect_date_format(values: Iterable[object]) -> DateFormat | None:
    """The one format that reads every non-empty value, or ``None``.

    Native values (``date``/``datetime``) give :attr:`DateFormat.NATIVE`. ISO is tried
    first, then dd/mm/yyyy, mm/dd/yyyy (only when dd/mm does not read every value), then
    Excel serial; values that no single format reads (mixed formats) give ``None``.
    """
    ev = DateEvidence()
    for v in values:
        ev.add(v)
    decision = ev.decide()
    if decision.fmt is None or decision.read < decision.values:
        return None
    return decision.fmt


def follow_order(decision: DateDecision, lead: DateDecision) -> DateDecision:
    """``decision`` of an ambiguous column, following the day/month order of ``lead`` (the
    receipt column of the same file) when that order was known (not ambiguous, or decided
    by the dossier codes)."""
    if (
        not decision.ambiguous
        or decision.fmt not in _ORDERS
        or lead.fmt not in _ORDERS
        or (lead.ambiguous and not lead.by_codes)
    ):
        return decision
    return attrs.evolve(decision, fmt=lead.fmt, by_codes=lead.by_codes, followed=True)


def decision_findings(decision: DateDecision, field: str, file: str) -> list[Finding]:
    """The findings that report how a column's format was decided: the format read
    (``date-format-detected``), an ambiguous day/month order, two-digit years, a mixed
    column."""
    fmt = decision.fmt
    if fmt is None:
        return []
    out = [
        rule("date-format-detected").finding(
            field=field, file=file, value=fmt.value, note=decision.describe()
        )
    ]
    label = FORMAT_LABELS[fmt]
    if decision.ambiguous:
        if decision.followed:
            why = ", the order the receipt column (received_at) was read in"
        elif decision.by_codes:
            why = (
                f", the order the receipt dates in the dossier codes (YYMMDD) agree with in "
                f"{decision.agree:,} rows (the other order in {decision.disagree:,})"
            )
        elif decision.agree == decision.disagree == 0:
            why = ", the Vietnamese order (no dossier code carries a receipt date to decide)"
        else:
            why = ", the Vietnamese order (the receipt dates in the dossier codes favour neither)"
        out.append(
            rule("ambiguous-date-format").finding(field=field, file=file, value=label, note=why)
        )
    if decision.two_digit_years:
        out.append(
            rule("two-digit-year").finding(
                field=field,
                file=file,
                value=decision.two_digit_example,
                count=decision.two_digit_years,
            )
        )
    if decision.other and decision.read < decision.values:
        out.append(
            rule("mixed-date-formats").finding(
                field=field,
                file=file,
                value=label,
                note=f" ({decision.read:,} of {decision.values:,} values read as {label})",
            )
        )
    return out


def unreadable_note(value: object, fmt: DateFormat | None) -> str:
    """Why ``value`` was not read, naming the formats tried, for an ``unparseable-date``."""
    tried = ", ".join(FORMAT_LABELS[f] for f in _TEXT_FORMATS)
    if fmt is None:
        return f"no date format reads it; tried {tried}"
    fits = [FORMAT_LABELS[f] for f in formats_reading(value) if f is not fmt]
    err = ""
    try:
        parse_date_value(value, fmt)
    except (ValueError, OverflowError) as exc:
        err = f"{exc}; "
    if fits:
        return f"{err}the column is read as {FORMAT_LABELS[fmt]}; the value reads as {fits[0]}"
    return f"{err}the column is read as {FORMAT_LABELS[fmt]}; tried {tried}"
