"""Named date formats for dumps: ISO 8601, dd/mm/yyyy (with or without time), Excel serial.

A column's format is chosen explicitly or detected once from a sample of the column and
reported; it is never guessed per cell (``03/04/2025`` is the 3rd of April in a dd/mm
column and an error in an ISO column). Times are Vietnam local time (UTC+07:00); a naive
value is read as local, an aware one converted.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Final

from procedurekit._time import VIETNAM_TZ, local_datetime

__all__ = [
    "DateFormat",
    "detect_date_format",
    "parse_date_value",
]


_ISO_RE: Final = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_DMY_RE: Final = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$"
)
_SERIAL_RE: Final = re.compile(r"^\d{1,6}(?:\.\d+)?$")
_EXCEL_EPOCH: Final = datetime(1899, 12, 30)
# Serial numbers a dossier or catalogue date can take: 1990-01-01 .. 2100-12-31.
_SERIAL_MIN: Final = 32874
_SERIAL_MAX: Final = 73415


class DateFormat(enum.Enum):
    """A named date format of a column."""

    ISO = "iso"  #: 2025-07-01, 2025-07-01T08:30, 2025-07-01 08:30:00+07:00
    DMY = "dmy"  #: 01/07/2025, 01/07/2025 08:30, 1/7/2025 8h30
    EXCEL = "excel"  #: Excel serial day number, 45839 or 45839.354 (1900 date system)
    NATIVE = "native"  #: already a date or datetime (XLSX cells, JSON from the project)


def parse_date_value(value: object, fmt: DateFormat) -> datetime | date:
    """Read one cell with format ``fmt``: a ``date`` when it has no time, else an aware datetime.

    Raises ``ValueError`` (the caller turns it into a finding) when the cell does not fit.
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
    if fmt is DateFormat.DMY:
        m = _DMY_RE.match(text)
        if m is None:
            raise ValueError("not a dd/mm/yyyy date")
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if m[4] is None:
            return date(year, month, day)
        return datetime(year, month, day, int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=VIETNAM_TZ)
    if not _SERIAL_RE.match(text):
        raise ValueError("not an Excel serial number")
    return _from_serial(float(text))


def _from_serial(serial: float) -> datetime | date:
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        raise ValueError(f"Excel serial {serial} is outside 1990..2100")
    moment = _EXCEL_EPOCH + timedelta(days=serial)
    if serial == int(serial):
        return moment.date()
    # Round to the minute: a serial's fraction carries float noise.
    rounded = moment + timedelta(seconds=30)
    return datetime.combine(rounded.date(), time(rounded.hour, rounded.minute), VIETNAM_TZ)


def _fits(value: object, fmt: DateFormat) -> bool:
    try:
        parse_date_value(value, fmt)
    except (ValueError, OverflowError):
        return False
    return True


def detect_date_format(values: Iterable[object]) -> DateFormat | None:
    """The one format that reads every non-empty value of a sample, or ``None``.

    Native values (``date``/``datetime``) give :attr:`DateFormat.NATIVE`. ISO is tried
    first, then dd/mm/yyyy, then Excel serial; a sample that no single format reads
    (mixed formats) gives ``None`` and the caller reports it.
    """
    sample = [v for v in values if v is not None and v != ""]
    if not sample:
        return None
    if all(isinstance(v, date) for v in sample):
        return DateFormat.NATIVE
    for fmt in (DateFormat.ISO, DateFormat.DMY, DateFormat.EXCEL):
        if all(_fits(v, fmt) for v in sample):
            return fmt
    return None
