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
    ElapsedHours,
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
from procedurekit.models import (
    Agency,
    ChannelTerms,
    Dossier,
    DossierClock,
    DossierCode,
    DossierComponent,
    Event,
    EventKind,
    Fee,
    Initiative,
    InitiativeCategory,
    InitiativeRegister,
    InitiativeStatus,
    LegacyOnlineLevel,
    LegalReference,
    Level,
    OnlineLevel,
    Outcome,
    Procedure,
    ProcedureCode,
    Status,
)
from procedurekit.parsing import (
    format_duration,
    format_processing_time,
    parse_duration,
    parse_processing_time,
)
from procedurekit.processing_time import Case, Extension, ProcessingTime, Step

if TYPE_CHECKING:
    from procedurekit.serialize import (
        from_dict,
        from_json,
        json_schema,
        make_converter,
        to_dict,
        to_json,
    )

#: Names served by :mod:`procedurekit.serialize`, imported on first use (cattrs is not
#: imported by ``import procedurekit``: cold-start budget, DESIGN.md "Performance").
_LAZY_SERIALIZE = frozenset(
    {"from_dict", "from_json", "json_schema", "make_converter", "to_dict", "to_json"}
)

__all__ = [
    "VIETNAM_TZ",
    "Agency",
    "Apology",
    "CalendarDataError",
    "CalendarDays",
    "CalendarRangeError",
    "Case",
    "Channel",
    "ChannelTerms",
    "DayEntry",
    "DayKind",
    "Deadline",
    "DeadlineRules",
    "Dossier",
    "DossierClock",
    "DossierCode",
    "DossierComponent",
    "Duration",
    "DurationParseError",
    "ElapsedHours",
    "EntryStatus",
    "Event",
    "EventKind",
    "Explanation",
    "Extension",
    "Fee",
    "Initiative",
    "InitiativeCategory",
    "InitiativeRegister",
    "InitiativeStatus",
    "InvalidArgumentError",
    "InvalidTypeError",
    "LegacyOnlineLevel",
    "LegalReference",
    "Level",
    "Months",
    "NoTimeLimit",
    "OfficeHours",
    "OnlineLevel",
    "Outcome",
    "Pause",
    "Procedure",
    "ProcedureCode",
    "ProcedureKitError",
    "ProcessingTime",
    "SameDay",
    "Season",
    "ServiceFeature",
    "ServiceKind",
    "ServiceModel",
    "Session",
    "Status",
    "Step",
    "StructureError",
    "TransitionError",
    "UnknownCodeError",
    "WorkingCalendar",
    "WorkingDays",
    "WorkingHours",
    "__version__",
    "format_deadline",
    "format_duration",
    "format_processing_time",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "parse_duration",
    "parse_processing_time",
    "to_dict",
    "to_json",
]

if TYPE_CHECKING:
    __version__: str
else:

    def __getattr__(name: str) -> object:
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
        if name in _LAZY_SERIALIZE:
            from procedurekit import serialize

            value = getattr(serialize, name)
            globals()[name] = value
            return value
        raise AttributeError(f"module 'procedurekit' has no attribute {name!r}")
