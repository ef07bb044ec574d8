"""Test strength for the calendar data: every overlay entry is pinned by the golden days.

A Python mutation tool cannot mutate ``calendar/data/vietnam.toml``, so this test does it
in memory (docs/explanation/testing.md): each ``[[entries]]`` item of the shipped overlay
is removed, or moved one day earlier or later, the calendar is rebuilt from the mutated
data (with the ``holidays`` rows computed once), and the golden calendar file
``tests/golden/calendar_vietnam_2010_2026.csv`` must disagree with it on at least one day.
An entry the golden file does not notice is a day the tests do not check.

Some entries do not change which days are worked, because the ``holidays`` package lists
the day off too: a ``statutory`` entry (24 November from 2026, ``[[added_holidays]]`` its
source), and a few swaps and compensatory days that ``holidays`` also knows (2013-02-15,
2014-01-29, 2026-04-27). They date the day's announcement and name its source. Their
removal is caught by the day's entry instead, which must be the one the shipped calendar
gives (``announced`` included, which ``known_at`` relies on). A move onto a neighbouring
entry's date is refused by the loader (one entry per date), which is a failure too.
"""

from __future__ import annotations

import copy
import csv
import tomllib
from collections.abc import Callable
from datetime import date, timedelta
from importlib import resources
from typing import Any

import pytest
from _paths import GOLDEN as GOLDEN_DIR

from procedurekit.calendar import WorkingCalendar
from procedurekit.calendar.vietnam import CalendarFileError, _parse, assemble, holidays_rows

GOLDEN = GOLDEN_DIR / "calendar_vietnam_2010_2026.csv"
Doc = dict[str, Any]


def _golden() -> list[tuple[date, bool]]:
    with GOLDEN.open(encoding="utf-8", newline="") as f:
        return [(date.fromisoformat(r["date"]), r["working"] == "1") for r in csv.DictReader(f)]


GOLDEN_DAYS = _golden()


def _overlay() -> Doc:
    text = (
        resources.files("procedurekit.calendar")
        .joinpath("data", "vietnam.toml")
        .read_text(encoding="utf-8")
    )
    return tomllib.loads(text)


OVERLAY = _overlay()
ENTRIES = [(i, e["date"], e["kind"]) for i, e in enumerate(OVERLAY["entries"])]


HOLIDAYS_OFF = {
    date(2013, 2, 15),  # swap: also "Sixth Day of Lunar New Year" in holidays
    date(2014, 1, 29),  # swap: also "29 of Lunar New Year"
    date(2026, 4, 27),  # compensatory: also "Hung Kings' Commemoration Day (observed)"
    *(e["date"] for e in OVERLAY["entries"] if e["kind"] == "statutory"),
}


@pytest.fixture(scope="module")
def rows() -> list[tuple[date, str]]:
    return list(holidays_rows())


def _calendar(doc: Doc, rows: list[tuple[date, str]]) -> WorkingCalendar:
    return assemble(_parse(doc, "mutated vietnam.toml"), rows=rows)


def _wrong_days(cal: WorkingCalendar) -> list[date]:
    return [d for d, working in GOLDEN_DAYS if cal.is_working_day(d) is not working]


def _removed(doc: Doc, i: int) -> Doc:
    del doc["entries"][i]
    return doc


def _moved(days: int) -> Callable[[Doc, int], Doc]:
    def move(doc: Doc, i: int) -> Doc:
        doc["entries"][i]["date"] += timedelta(days=days)
        return doc

    return move


MUTATIONS = {"removed": _removed, "a day earlier": _moved(-1), "a day later": _moved(1)}


def test_the_shipped_overlay_agrees_with_the_golden_days(rows: list[tuple[date, str]]) -> None:
    assert _wrong_days(_calendar(copy.deepcopy(OVERLAY), rows)) == []
    assert len(ENTRIES) >= 13


def test_statutory_overlay_entries_date_the_announcement() -> None:
    cal = WorkingCalendar.vietnam()
    statutory = [e for e in OVERLAY["entries"] if e["kind"] == "statutory"]
    assert statutory
    for e in statutory:
        entry = cal.entry(e["date"])
        assert entry is not None
        assert not entry.working
        assert (entry.source, entry.announced) == (e["source"], e["announced"])


@pytest.mark.parametrize("mutation", list(MUTATIONS))
@pytest.mark.parametrize(("index", "day", "kind"), ENTRIES, ids=[f"{d}-{k}" for _, d, k in ENTRIES])
def test_each_overlay_entry_is_pinned_by_a_golden_day(
    rows: list[tuple[date, str]], index: int, day: date, kind: str, mutation: str
) -> None:
    doc = MUTATIONS[mutation](copy.deepcopy(OVERLAY), index)
    dates = [e["date"] for e in doc["entries"]]
    if len(set(dates)) < len(dates):
        with pytest.raises(CalendarFileError, match="expected one entry per date"):
            _calendar(doc, rows)
        return
    cal = _calendar(doc, rows)
    if _wrong_days(cal):
        return
    assert day in HOLIDAYS_OFF, f"the {kind} entry of {day}, {mutation}, changes no golden day"
    assert cal.entry(day) != WorkingCalendar.vietnam().entry(day)
