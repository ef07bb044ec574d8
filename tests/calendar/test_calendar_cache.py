"""``CalendarCache``: one build per state of the calendar data, and the same answers as a
fresh ``WorkingCalendar.vietnam(known_at=d)`` for every day."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from procedurekit._time import LAST_DAY
from procedurekit.calendar.cache import CalendarCache, change_points
from procedurekit.calendar.vietnam import package_announcements
from procedurekit.calendar.working import WorkingCalendar


def test_the_calendar_as_known_is_constant_between_change_points() -> None:
    """Both ends of every interval between two consecutive change points give the same
    calendar: no day on which the data changes what is known is missing. (Dropping the
    1 January points, the announcement dates or the completion dates each breaks at least
    three intervals.)"""
    points = change_points()
    for start, nxt in pairwise(points):
        if nxt > LAST_DAY:
            break
        last = nxt - timedelta(days=1)
        assert WorkingCalendar.vietnam(known_at=start) == WorkingCalendar.vietnam(known_at=last), (
            start,
            last,
        )


def test_change_points_are_the_days_the_data_compares_known_at_with() -> None:
    """Each announcement, completion and late-added holiday date is a point (the added
    holiday's date also announces an overlay entry today, so the interval test alone
    would not notice it missing); the days entries are about are not."""
    data = package_announcements()
    points = set(change_points())
    assert {e.announced for e in data.entries if e.announced is not None} <= points
    assert {y.complete_since for y in data.years if y.complete_since is not None} <= points
    assert {a.announced for a in data.added_holidays} <= points
    assert {date(y, 1, 1) for y in range(2010, 2062)} <= points
    # The make-up Saturday of 2025-04-26 and the Tết days of 2026 are days the data is
    # about, announced earlier: nothing new becomes known on them.
    assert date(2025, 4, 26) not in points
    assert date(2026, 2, 17) not in points


def test_a_year_and_a_half_of_receipts_builds_one_calendar_per_state() -> None:
    """Receipts from 2025-01-01 to 2026-07-03 need six builds: 1 January 2025 and 2026,
    the notices of 2025-10-13 (Tết and National Day 2026, Công văn 9859/VPCP-KGVX),
    2025-12-25 (New Year 2026, Công văn 12729/VPCP-KGVX), 2026-04-10 (Hùng Kings and
    30 April, Công văn 3383/BNV-CVL), and the Cultural Day resolution of 2026-01-07.
    Before, the days the entries are about were points too, and this took 13 builds."""
    cache = CalendarCache()
    for i in range(550):
        cache.get(date(2025, 1, 1) + timedelta(days=i))
    assert cache.builds == 6
    assert [cache.key(date(2025, 1, 1) + timedelta(days=i)) for i in (0, 300, 360)] == [
        date(2025, 1, 1),
        date(2025, 10, 13),
        date(2025, 12, 25),
    ]
    assert cache.key(date(2026, 7, 3)) == date(2026, 4, 10)
