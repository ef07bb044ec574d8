"""procedurekit: Vietnamese administrative procedures in code.

Typed models for procedures and dossiers, a deadline engine on the official public-sector
calendar, a parser for Vietnamese time phrases, serializers and a validator.

>>> import procedurekit as pk
>>> from datetime import date
>>> pk.WorkingCalendar.vietnam().add_working_days(date(2026, 2, 13), 1)  # over Tết 2026
datetime.date(2026, 2, 23)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from procedurekit.calendar.working import (
    DayEntry,
    DayKind,
    EntryStatus,
    WorkingCalendar,
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
    EventLogError,
    InputFileError,
    InvalidArgumentError,
    InvalidTypeError,
    LevelAbolishedError,
    ProcedureKitError,
    StructureError,
    TransitionError,
    UnknownCodeError,
)

if TYPE_CHECKING:
    from procedurekit._time import VIETNAM_TZ
    from procedurekit.calendar.hours import (
        OfficeHours,
        Season,
        Session,
    )
    from procedurekit.checks import audit_dossiers, audit_files, validate_catalogue, validate_files
    from procedurekit.deadlines import (
        Apology,
        Deadline,
        DeadlineRules,
        Explanation,
        Pause,
        format_deadline,
    )
    from procedurekit.deadlines.service import ServiceFeature, ServiceKind, ServiceModel
    from procedurekit.io import (
        catalogue_procedures,
        iter_dossiers,
        procedure_from_record,
        read_catalogue,
        read_procedures,
    )
    from procedurekit.judge import Judge, Judgement
    from procedurekit.metrics import (
        DossierFacts,
        Indicator766,
        MetricsResult,
        ScoringConfig,
        compute_metrics,
        metrics_from_files,
        rates_from_counts,
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
    from procedurekit.phrases import (
        format_duration,
        format_processing_time,
        parse_duration,
        parse_processing_time,
    )
    from procedurekit.phrases.processing_time import Case, Extension, ProcessingTime, Step
    from procedurekit.reports.metrics import render_html
    from procedurekit.serialize import (
        from_dict,
        from_json,
        json_schema,
        make_converter,
        to_dict,
        to_json,
    )
    from procedurekit.vocab import Channel

#: Public names served on first use, and the module each lives in. Only the calendar core,
#: durations and errors are imported by ``import procedurekit``; the rest (models, parser,
#: deadline engine, cattrs-based serializers) load when first touched, which keeps the cold
#: start (import plus a first ``add_working_days``) within DESIGN.md's 150 ms budget.
_LAZY: dict[str, str] = {
    "audit_dossiers": "procedurekit.checks",
    "audit_files": "procedurekit.checks",
    "iter_dossiers": "procedurekit.io",
    "catalogue_procedures": "procedurekit.io",
    "procedure_from_record": "procedurekit.io",
    "read_procedures": "procedurekit.io",
    "Judge": "procedurekit.judge",
    "Judgement": "procedurekit.judge",
    "read_catalogue": "procedurekit.io",
    "validate_catalogue": "procedurekit.checks",
    "validate_files": "procedurekit.checks",
    "OfficeHours": "procedurekit.calendar.hours",
    "Season": "procedurekit.calendar.hours",
    "Session": "procedurekit.calendar.hours",
    "VIETNAM_TZ": "procedurekit._time",
    "ServiceFeature": "procedurekit.deadlines",
    "ServiceKind": "procedurekit.deadlines",
    "ServiceModel": "procedurekit.deadlines",
    "Channel": "procedurekit.vocab",
    "Apology": "procedurekit.deadlines",
    "Deadline": "procedurekit.deadlines",
    "DeadlineRules": "procedurekit.deadlines",
    "Explanation": "procedurekit.deadlines",
    "Pause": "procedurekit.deadlines",
    "format_deadline": "procedurekit.deadlines",
    "Agency": "procedurekit.models",
    "ChannelTerms": "procedurekit.models",
    "Dossier": "procedurekit.models",
    "DossierClock": "procedurekit.deadlines",
    "DossierCode": "procedurekit.models",
    "DossierComponent": "procedurekit.models",
    "Event": "procedurekit.models",
    "EventKind": "procedurekit.vocab",
    "Fee": "procedurekit.models",
    "Initiative": "procedurekit.models",
    "InitiativeCategory": "procedurekit.models",
    "InitiativeRegister": "procedurekit.models",
    "InitiativeStatus": "procedurekit.models",
    "LegacyOnlineLevel": "procedurekit.vocab",
    "LegalReference": "procedurekit.models",
    "Level": "procedurekit.vocab",
    "OnlineLevel": "procedurekit.vocab",
    "Outcome": "procedurekit.vocab",
    "Procedure": "procedurekit.models",
    "ProcedureCode": "procedurekit.models",
    "Status": "procedurekit.vocab",
    "DossierFacts": "procedurekit.metrics",
    "Indicator766": "procedurekit.metrics",
    "MetricsResult": "procedurekit.metrics",
    "ScoringConfig": "procedurekit.metrics",
    "compute_metrics": "procedurekit.metrics",
    "metrics_from_files": "procedurekit.metrics",
    "rates_from_counts": "procedurekit.metrics",
    "render_html": "procedurekit.reports",
    "format_duration": "procedurekit.phrases",
    "format_processing_time": "procedurekit.phrases",
    "parse_duration": "procedurekit.phrases",
    "parse_processing_time": "procedurekit.phrases",
    "Case": "procedurekit.phrases",
    "Extension": "procedurekit.phrases",
    "ProcessingTime": "procedurekit.phrases",
    "Step": "procedurekit.phrases",
    "from_dict": "procedurekit.serialize",
    "from_json": "procedurekit.serialize",
    "json_schema": "procedurekit.serialize",
    "make_converter": "procedurekit.serialize",
    "to_dict": "procedurekit.serialize",
    "to_json": "procedurekit.serialize",
}

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
    "DossierFacts",
    "Duration",
    "DurationParseError",
    "ElapsedHours",
    "EntryStatus",
    "Event",
    "EventKind",
    "EventLogError",
    "Explanation",
    "Extension",
    "Fee",
    "Indicator766",
    "Initiative",
    "InitiativeCategory",
    "InitiativeRegister",
    "InitiativeStatus",
    "InputFileError",
    "InvalidArgumentError",
    "InvalidTypeError",
    "Judge",
    "Judgement",
    "LegacyOnlineLevel",
    "LegalReference",
    "Level",
    "LevelAbolishedError",
    "MetricsResult",
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
    "ScoringConfig",
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
    "audit_dossiers",
    "audit_files",
    "catalogue_procedures",
    "compute_metrics",
    "format_deadline",
    "format_duration",
    "format_processing_time",
    "from_dict",
    "from_json",
    "iter_dossiers",
    "json_schema",
    "make_converter",
    "metrics_from_files",
    "parse_duration",
    "parse_processing_time",
    "procedure_from_record",
    "rates_from_counts",
    "read_catalogue",
    "read_procedures",
    "render_html",
    "to_dict",
    "to_json",
    "validate_catalogue",
    "validate_files",
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
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'procedurekit' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))
