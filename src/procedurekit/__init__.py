"""procedurekit: Vietnamese administrative procedures in code.

Typed models for procedures and dossiers, a deadline engine on the official public-sector
calendar, a parser for Vietnamese time phrases, serializers and a validator.

>>> import procedurekit as pk
>>> from datetime import date
>>> pk.WorkingCalendar.vietnam().add_working_days(date(2026, 2, 13), 1)  # over Tết 2026
datetime.date(2026, 2, 23)
"""

from __future__ import annotations

from procedurekit._version import __version__
from procedurekit.calendar import DayEntry, DayKind, EntryStatus, WorkingCalendar
from procedurekit.channel import Channel
from procedurekit.durations import (
    CalendarDays,
    Duration,
    Months,
    NoTimeLimit,
    SameDay,
    WorkingDays,
    WorkingHours,
)
from procedurekit.errors import (
    CalendarDataError,
    CalendarRangeError,
    DurationParseError,
    InvalidArgumentError,
    InvalidTypeError,
    ProcedureKitError,
    StructureError,
    TransitionError,
    UnknownCodeError,
)
from procedurekit.processing_time import Case, Extension, ProcessingTime, Step

__all__ = [
    "CalendarDataError",
    "CalendarDays",
    "CalendarRangeError",
    "Case",
    "Channel",
    "DayEntry",
    "DayKind",
    "Duration",
    "DurationParseError",
    "EntryStatus",
    "Extension",
    "InvalidArgumentError",
    "InvalidTypeError",
    "Months",
    "NoTimeLimit",
    "ProcedureKitError",
    "ProcessingTime",
    "SameDay",
    "Step",
    "StructureError",
    "TransitionError",
    "UnknownCodeError",
    "WorkingCalendar",
    "WorkingDays",
    "WorkingHours",
    "__version__",
]
