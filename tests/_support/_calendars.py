"""Every way of building a :class:`~procedurekit.WorkingCalendar`, for the suites that must
hold for each one (the calendar contract, pickling and copying)."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date

from _paths import ROOT

import procedurekit as pk
from procedurekit.calendar.working import DayEntry, DayKind


def _hand_built() -> pk.WorkingCalendar:
    return pk.WorkingCalendar(
        [
            DayEntry(date(2030, 1, 1), DayKind.STATUTORY, "Tết Dương lịch", "New Year's Day"),
            DayEntry(date(2030, 1, 5), DayKind.MAKEUP, "Làm bù", "make-up day", working=True),
        ],
        complete_years=range(2010, 2031),
    )


def _assembled() -> pk.WorkingCalendar:
    from procedurekit.calendar.vietnam import assemble, package_announcements

    return assemble(package_announcements())


#: The announcement file shipped as an example in the docs.
EXAMPLE_ANNOUNCEMENT = ROOT / "docs" / "examples" / "announcement-2027.example.toml"

#: name -> a function building the calendar that way.
FACTORIES: dict[str, Callable[[], pk.WorkingCalendar]] = {
    "weekends-only": pk.WorkingCalendar,
    "hand-built": _hand_built,
    "vietnam": pk.WorkingCalendar.vietnam,
    "vietnam-known-at": lambda: pk.WorkingCalendar.vietnam(known_at=date(2024, 6, 1)),
    "vietnam-extra-file": lambda: pk.WorkingCalendar.vietnam(extra_files=[EXAMPLE_ANNOUNCEMENT]),
    "with-changes": lambda: pk.WorkingCalendar.vietnam().with_changes(
        days_off=[date(2026, 3, 6)], working_days=[date(2026, 3, 7)], name="ubnd-x"
    ),
    "assembled": _assembled,
    "unpickled": lambda: pickle.loads(pickle.dumps(pk.WorkingCalendar.vietnam())),
}

_BUILT: dict[str, pk.WorkingCalendar] = {}


def calendar_named(name: str) -> pk.WorkingCalendar:
    """The calendar ``FACTORIES[name]`` builds, built once per test session."""
    if name not in _BUILT:
        _BUILT[name] = FACTORIES[name]()
    return _BUILT[name]
