"""The official working calendar of the Vietnamese public sector, and office hours.

- :class:`WorkingCalendar`: working days over 2010-01-01..2060-12-31, O(1) per question;
  :meth:`WorkingCalendar.vietnam` builds the official calendar from the ``holidays``
  package and the announced swaps shipped as data (``calendar/data/``).
- :class:`OfficeHours`: sessions per weekday and season (``hours.py``).

Office hours load on first use, so that the cold path (the calendar alone) stays fast.
Service models, a deadline policy, live in :mod:`procedurekit.deadlines.service`.
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
    from procedurekit._time import VIETNAM_TZ
    from procedurekit.calendar.hours import OfficeHours, Season, Session

_LAZY: dict[str, str] = {
    "VIETNAM_TZ": "procedurekit._time",
    "OfficeHours": "procedurekit.calendar.hours",
    "Season": "procedurekit.calendar.hours",
    "Session": "procedurekit.calendar.hours",
}

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "VIETNAM_TZ",
    "DayEntry",
    "DayKind",
    "EntryStatus",
    "OfficeHours",
    "Season",
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
