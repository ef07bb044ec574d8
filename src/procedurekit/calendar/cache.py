"""The calendar as known on a day, for many days: one build per state of the data.

``WorkingCalendar.vietnam(known_at=d)`` changes only on the days the calendar data records
something: an announcement's date, a year's completion, a holiday added by law, and the
first day of each year (a year whose announcements carry no date counts as complete from
its 1 January). :class:`CalendarCache` builds the calendar once per such
state, keyed by the latest of those days on or before ``d``, and builds it *as known on that
day*: so every receipt between two change points gets the same calendar, with the same
``data_version``, whatever order the receipts come in.
"""

from __future__ import annotations

import bisect
from datetime import date

from procedurekit._time import FIRST_DAY, LAST_DAY
from procedurekit.calendar.vietnam import package_announcements
from procedurekit.calendar.working import WorkingCalendar, check_date

__all__ = ["CalendarCache", "change_points"]


def change_points() -> tuple[date, ...]:
    """Every day on which the package's calendar, as known, can change (sorted).

    These are the days ``procedurekit.calendar.vietnam.assemble`` compares
    ``known_at`` with, and no other: an entry's ``announced`` (the overlay keeps the
    entries announced by then, and the latest one decides whether its year is complete), a
    year's ``complete_since``, a late-added holiday's ``announced``, and 1 January of each
    year (an entry without ``announced`` counts from then, and an unverified year's data
    too). Between two consecutive points the calendar as known is one and the same
    (``tests/calendar/test_calendar_cache.py`` builds both ends of every interval).
    """
    data = package_announcements()
    found: set[date] = {date(y, 1, 1) for y in range(FIRST_DAY.year, LAST_DAY.year + 2)}
    found.update(e.announced for e in data.entries if e.announced is not None)
    found.update(y.complete_since for y in data.years if y.complete_since is not None)
    found.update(a.announced for a in data.added_holidays)
    return tuple(sorted(found))


class CalendarCache:
    """``WorkingCalendar.vietnam(known_at=...)`` for many days, one build per data state.

    Safe to share between threads: two threads asking for a new state at once may both
    build it, but both get the one object that was stored first.

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
            # Threads may build the same key together; the first one stored wins, so every
            # caller gets that one object (dict.setdefault is atomic).
            cal = self._by_key.setdefault(k, WorkingCalendar.vietnam(known_at=k))
        return cal

    @property
    def builds(self) -> int:
        """How many calendars were built."""
        return len(self._by_key)
