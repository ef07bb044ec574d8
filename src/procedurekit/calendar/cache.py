"""The calendar as known on a day, for many days: one build per state of the data.

``WorkingCalendar.vietnam(known_at=d)`` changes only on the days the calendar data records
something: an announcement's date, a year's completion, a law's start, a holiday added by
law, and the first day of each year (a year whose announcements carry no date counts as
complete from its 1 January). :class:`CalendarCache` builds the calendar once per such
state, keyed by the latest of those days on or before ``d``, and builds it *as known on that
day*: so every receipt between two change points gets the same calendar, with the same
``data_version``, whatever order the receipts come in.
"""

from __future__ import annotations

import bisect
from datetime import date, datetime
from typing import Any, Final

import attrs

from procedurekit._time import FIRST_DAY, LAST_DAY
from procedurekit.calendar.vietnam import package_announcements
from procedurekit.calendar.working import WorkingCalendar, check_date

__all__ = ["CalendarCache", "change_points"]

_MAX_DEPTH: Final = 4


def change_points() -> tuple[date, ...]:
    """Every day on which the package's calendar, as known, can change (sorted)."""
    found: set[date] = {date(y, 1, 1) for y in range(FIRST_DAY.year, LAST_DAY.year + 2)}

    def walk(obj: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(obj, datetime):
            found.add(obj.date())
        elif isinstance(obj, date):
            found.add(obj)
        elif isinstance(obj, list | tuple):
            for item in obj:
                walk(item, depth + 1)
        elif attrs.has(type(obj)):
            for a in attrs.fields(type(obj)):
                walk(getattr(obj, a.name), depth + 1)

    walk(package_announcements(), 0)
    # Dates are over-collected (entry days too): that only adds keys, never merges two
    # different states of the data.
    return tuple(sorted(found))


class CalendarCache:
    """``WorkingCalendar.vietnam(known_at=...)`` for many days, one build per data state.

    >>> cache = CalendarCache()
    >>> cache.get(date(2026, 3, 2)) is cache.get(date(2026, 3, 3))
    True
    """

    def __init__(self) -> None:
        self._points: tuple[date, ...] = change_points()
        self._by_key: dict[date, WorkingCalendar] = {}

    def key(self, d: date) -> date:
        """The change point that governs day ``d``: the latest on or before it."""
        i = bisect.bisect_right(self._points, check_date(d, "d"))
        return self._points[i - 1] if i else FIRST_DAY

    def get(self, d: date) -> WorkingCalendar:
        """The calendar as it had been announced on ``d`` (built as known on its key)."""
        k = self.key(d)
        cal = self._by_key.get(k)
        if cal is None:
            cal = self._by_key[k] = WorkingCalendar.vietnam(known_at=k)
        return cal

    @property
    def builds(self) -> int:
        """How many calendars were built."""
        return len(self._by_key)
