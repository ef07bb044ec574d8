"""The official working calendar of the Vietnamese public sector, office hours, service models.

- :class:`WorkingCalendar`: working days over 2010-01-01..2060-12-31, O(1) per question;
  :meth:`WorkingCalendar.vietnam` builds the official calendar from the ``holidays``
  package and the announced swaps shipped as data (``calendar/data/``).
- :class:`OfficeHours`: sessions per weekday and season (``hours.py``).
- :class:`ServiceModel`: weekday commitments and extra reception windows (``service.py``).
"""

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
]
