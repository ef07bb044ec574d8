"""procedurekit: Vietnamese administrative procedures in code.

Typed models for procedures and dossiers, a deadline engine on the official public-sector
calendar, a parser for Vietnamese time phrases, serializers and a validator.

>>> import procedurekit as pk
>>> from datetime import date
>>> pk.WorkingCalendar.vietnam().add_working_days(date(2026, 2, 13), 1)  # over Tết 2026
datetime.date(2026, 2, 23)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from procedurekit.calendar import DayEntry, DayKind, EntryStatus, WorkingCalendar
from procedurekit.calendar.hours import VIETNAM_TZ, OfficeHours, Season, Session
from procedurekit.calendar.service import ServiceFeature, ServiceKind, ServiceModel
from procedurekit.channel import Channel
from procedurekit.deadlines import (
    Apology,
    Deadline,
    DeadlineRules,
    Explanation,
    Pause,
    format_deadline,
)
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
    "VIETNAM_TZ",
    "Apology",
    "CalendarDataError",
    "CalendarDays",
    "CalendarRangeError",
    "Case",
    "Channel",
    "DayEntry",
    "DayKind",
    "Deadline",
    "DeadlineRules",
    "Duration",
    "DurationParseError",
    "EntryStatus",
    "Explanation",
    "Extension",
    "InvalidArgumentError",
    "InvalidTypeError",
    "Months",
    "NoTimeLimit",
    "OfficeHours",
    "Pause",
    "ProcedureKitError",
    "ProcessingTime",
    "SameDay",
    "Season",
    "ServiceFeature",
    "ServiceKind",
    "ServiceModel",
    "Session",
    "Step",
    "StructureError",
    "TransitionError",
    "UnknownCodeError",
    "WorkingCalendar",
    "WorkingDays",
    "WorkingHours",
    "__version__",
    "format_deadline",
]

if TYPE_CHECKING:
    __version__: str
else:

    def __getattr__(name: str) -> str:
        # ``__version__`` comes from the installed distribution's metadata (set from
        # ``_version.py`` at build time), read on first use so that ``import procedurekit``
        # does not pay for importlib.metadata; a source tree that is not installed falls
        # back to ``_version.py`` itself.
        if name == "__version__":
            from importlib.metadata import PackageNotFoundError, version

            try:
                found = version("procedurekit")
            except PackageNotFoundError:
                from procedurekit._version import __version__ as found
            globals()["__version__"] = found
            return found
        raise AttributeError(f"module 'procedurekit' has no attribute {name!r}")
