"""The official working calendar of the Vietnamese public sector, office hours, service models.

- :class:`WorkingCalendar`: working days over 2010-01-01..2060-12-31, O(1) per question;
  :meth:`WorkingCalendar.vietnam` builds the official calendar from the ``holidays``
  package and the announced swaps shipped as data (``calendar/data/``).
"""

from procedurekit.calendar.working import (
    FIRST_DAY,
    LAST_DAY,
    DayEntry,
    DayKind,
    EntryStatus,
    WorkingCalendar,
)

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "DayEntry",
    "DayKind",
    "EntryStatus",
    "WorkingCalendar",
]
