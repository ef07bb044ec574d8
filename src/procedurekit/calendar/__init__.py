"""The official working calendar of the Vietnamese public sector, office hours, service models.

- :class:`WorkingCalendar`: working days over 2010-01-01..2060-12-31, O(1) per question;
  :meth:`WorkingCalendar.vietnam` builds the official calendar from the ``holidays``
  package and the announced swaps shipped as data (``calendar/data/``).
- :class:`OfficeHours`: sessions per weekday and season (``hours.py``).
- :class:`ServiceModel`: weekday commitments and extra reception windows (``service.py``).

Office hours and service models load on first use, so that the cold path (the calendar
alone) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from procedurekit.calendar.working import (
    FIRST_DAY,
    LAST_DAY,
    DayEntry,
    DayKind,
    EntryStatus,
    WorkingCalendar,
    YearStatus,
)

if TYPE_CHECKING:
    from procedurekit.calendar.hours import VIETNAM_TZ, OfficeHours, Season, Session
    from procedurekit.calendar.service import (
        FRIDAY_WITHOUT_APPOINTMENT_AND_WRITING,
        MONDAY_WITHOUT_APPOINTMENT,
        QUICK_FRIDAY,
        SATURDAY_MORNING,
        SERVICE_MODELS,
        SUNDAY_FOR_THE_PEOPLE,
        ServiceFeature,
        ServiceKind,
        ServiceModel,
    )

_LAZY: dict[str, str] = {
    "VIETNAM_TZ": "procedurekit.calendar.hours",
    "OfficeHours": "procedurekit.calendar.hours",
    "Season": "procedurekit.calendar.hours",
    "Session": "procedurekit.calendar.hours",
    "FRIDAY_WITHOUT_APPOINTMENT_AND_WRITING": "procedurekit.calendar.service",
    "MONDAY_WITHOUT_APPOINTMENT": "procedurekit.calendar.service",
    "QUICK_FRIDAY": "procedurekit.calendar.service",
    "SATURDAY_MORNING": "procedurekit.calendar.service",
    "SERVICE_MODELS": "procedurekit.calendar.service",
    "SUNDAY_FOR_THE_PEOPLE": "procedurekit.calendar.service",
    "ServiceFeature": "procedurekit.calendar.service",
    "ServiceKind": "procedurekit.calendar.service",
    "ServiceModel": "procedurekit.calendar.service",
}

__all__ = [
    "FIRST_DAY",
    "FRIDAY_WITHOUT_APPOINTMENT_AND_WRITING",
    "LAST_DAY",
    "MONDAY_WITHOUT_APPOINTMENT",
    "QUICK_FRIDAY",
    "SATURDAY_MORNING",
    "SERVICE_MODELS",
    "SUNDAY_FOR_THE_PEOPLE",
    "VIETNAM_TZ",
    "DayEntry",
    "DayKind",
    "EntryStatus",
    "OfficeHours",
    "Season",
    "ServiceFeature",
    "ServiceKind",
    "ServiceModel",
    "Session",
    "WorkingCalendar",
    "YearStatus",
]

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'procedurekit.calendar' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
