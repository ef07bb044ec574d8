"""The official working calendar of the Vietnamese public sector, and office hours.

- :class:`WorkingCalendar`: working days over 2010-01-01..2060-12-31, O(1) per question;
  :meth:`WorkingCalendar.vietnam` builds the official calendar from the ``holidays``
  package and the announced swaps shipped as data (``calendar/data/``).
- :class:`OfficeHours`: sessions per weekday and season (``hours.py``).
- the yearly update's tools (``announcements.py``): :func:`check_announcements` (every
  problem of an announcement file) and :func:`diff_announcements` (the days and due dates
  it changes);
- :func:`calendar_ics`: a year as iCalendar, to subscribe to (``ics.py``, the ``ics`` extra).

Office hours and the tools load on first use, so that the cold path (the calendar alone)
stays fast.
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
    from procedurekit.calendar.announcements import (
        AnnouncementDiff,
        check_announcements,
        diff_announcements,
    )
    from procedurekit.calendar.hours import OfficeHours, Season, Session
    from procedurekit.calendar.ics import calendar_ics

_LAZY: dict[str, str] = {
    "VIETNAM_TZ": "procedurekit._time",
    "OfficeHours": "procedurekit.calendar.hours",
    "Season": "procedurekit.calendar.hours",
    "Session": "procedurekit.calendar.hours",
    "AnnouncementDiff": "procedurekit.calendar.announcements",
    "check_announcements": "procedurekit.calendar.announcements",
    "diff_announcements": "procedurekit.calendar.announcements",
    "calendar_ics": "procedurekit.calendar.ics",
}

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "VIETNAM_TZ",
    "AnnouncementDiff",
    "DayEntry",
    "DayKind",
    "EntryStatus",
    "OfficeHours",
    "Season",
    "Session",
    "WorkingCalendar",
    "YearStatus",
    "calendar_ics",
    "check_announcements",
    "diff_announcements",
]

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'procedurekit.calendar' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
