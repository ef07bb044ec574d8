"""``diff_announcements``: what a generated announcement file that swaps a day changes."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from _paths import ROOT

import procedurekit as pk
from procedurekit.calendar.announcements import (
    DEFAULT_LIMITS,
    DeadlineMove,
    diff_announcements,
)
from procedurekit.calendar.vietnam import CalendarFileError
from procedurekit.errors import CalendarDataError, InvalidArgumentError, InvalidTypeError

EXAMPLE = ROOT / "docs" / "examples" / "announcement-2027.example.toml"

#: A generated mid-year swap (not a real announcement): Thursday 2027-04-15, the day before
#: Giỗ Tổ (Friday 2027-04-16), off; Saturday 2027-04-24 worked back. No [[years]] block, so
#: 2027 stays provisional.
SWAP = """
format = 1

[[entries]]
date = 2027-04-15
kind = "swap"
name_vi = "Nghỉ hoán đổi dịp Giỗ Tổ (làm bù thứ Bảy 24/4/2027) - thử"
name_en = "Swapped day off (worked back Saturday 2027-04-24) - test"
source = "Công văn 0001/VPCP-KGVX (test)"
announced = 2027-03-01

[[entries]]
date = 2027-04-24
kind = "makeup"
name_vi = "Làm bù cho thứ Năm 15/4/2027 - thử"
name_en = "Make-up working day for Thursday 2027-04-15 - test"
source = "Công văn 0001/VPCP-KGVX (test)"
announced = 2027-03-01
"""


@pytest.fixture
def swap(tmp_path: Path) -> Path:
    path = tmp_path / "swap-2027.toml"
    path.write_text(SWAP, encoding="utf-8")
    return path


def naive_due(off: set[date], worked: set[date], received: date, n: int) -> date:
    """A day loop written here: the n-th working day after ``received``."""
    day = received
    while n:
        day += timedelta(days=1)
        working = (day.weekday() < 5 and day not in off) or day in worked
        n -= working
    return day


def test_the_days_that_change(swap: Path) -> None:
    d = diff_announcements(swap)
    assert [(c.day, c.change) for c in d.days] == [
        (date(2027, 4, 15), "off"),
        (date(2027, 4, 24), "working"),
    ]
    off = d.became("off")[0]
    assert off.old is None
    assert off.new is not None
    assert off.new.source == "Công văn 0001/VPCP-KGVX (test)"
    assert "kind" in off.fields
    assert d.year_changes == ()  # no [[years]] block: 2027 stays provisional
    assert d.years == (2027,)
    assert (d.start, d.end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert d.limits == DEFAULT_LIMITS
    assert d.old_version == "vietnam " + pk.WorkingCalendar.vietnam().data_version.split()[1]
    assert "+extra(sha256:" in d.new_version  # the file has no data_version of its own


def test_the_deadlines_that_move(swap: Path) -> None:
    d = diff_announcements(swap)
    # Received Thursday 2027-04-08, 5 working days: the 15th before, the 19th after (the
    # 15th is swapped off, the 16th is Giỗ Tổ). Received Monday 2027-04-19: the 26th before,
    # Saturday the 24th after (worked back).
    assert DeadlineMove(date(2027, 4, 8), 5, date(2027, 4, 15), date(2027, 4, 19)) in d.moves
    assert DeadlineMove(date(2027, 4, 19), 5, date(2027, 4, 26), date(2027, 4, 24)) in d.moves
    # Every receipt on a working day of 2027, checked against a day loop written here.
    shipped = pk.WorkingCalendar.vietnam()
    with_file = pk.WorkingCalendar.vietnam(extra_files=[swap])
    holidays_off = {e.day for y in (2027, 2028) for e in shipped.days_off(y)}
    receipts = [
        date(2027, 1, 1) + timedelta(days=k)
        for k in range(365)
        if shipped.is_working_day(date(2027, 1, 1) + timedelta(days=k))
        or with_file.is_working_day(date(2027, 1, 1) + timedelta(days=k))
    ]
    assert d.receipts == len(receipts)
    expected = []
    for n in DEFAULT_LIMITS:
        for r in receipts:
            old = naive_due(holidays_off, set(), r, n)
            new = naive_due(holidays_off | {date(2027, 4, 15)}, {date(2027, 4, 24)}, r, n)
            assert old == shipped.add_working_days(r, n)
            if old != new:
                expected.append(DeadlineMove(r, n, old, new))
    assert list(d.moves) == expected
    # Five working days: the five receipts whose period held the 15th but not the 24th, and
    # the five whose period holds the 24th but not the 15th.
    received = [m.received.isoformat() for m in d.moved(5)]
    assert received == [
        "2027-04-08",
        "2027-04-09",
        "2027-04-12",
        "2027-04-13",
        "2027-04-14",
        "2027-04-19",
        "2027-04-20",
        "2027-04-21",
        "2027-04-22",
        "2027-04-23",
    ]


def test_a_period_and_limits_of_ones_choice(swap: Path) -> None:
    d = diff_announcements(
        swap, start=date(2027, 4, 1), end=date(2027, 4, 10), working_days=[20, 5, 1, 20]
    )
    assert d.limits == (1, 5, 20)
    assert d.receipts == 7  # 1, 2, 5, 6, 7, 8 and 9 April
    assert d.moved(1) == ()  # the next working day never reaches the 15th from these
    assert [m.received for m in d.moved(5)] == [date(2027, 4, 8), date(2027, 4, 9)]
    # Twenty working days cross both the swapped day and its make-up day: no change.
    assert d.moved(20) == ()
    only_start = diff_announcements(swap, start=date(2027, 4, 20))
    assert only_start.end == date(2027, 12, 31)


def test_a_year_completed_and_days_relabelled() -> None:
    d = diff_announcements(EXAMPLE)
    assert [(c.year, c.old, c.new) for c in d.year_changes] == [(2027, "provisional", "complete")]
    relabelled = d.became("relabelled")
    assert date(2027, 2, 5) in {c.day for c in relabelled}  # the eve: now cites the decision
    eve = next(c for c in relabelled if c.day == date(2027, 2, 5))
    assert eve.fields == ("source", "status")
    assert eve.old is not None
    assert eve.old.status.value == "projected"


def test_to_dict_is_json_ready(swap: Path) -> None:
    d = diff_announcements(swap)
    data = json.loads(json.dumps(d.to_dict()))
    assert data["file"] == str(swap)
    assert data["years"] == [2027]
    assert [(x["date"], x["change"]) for x in data["days"]] == [
        ("2027-04-15", "off"),
        ("2027-04-24", "working"),
    ]
    assert data["days"][0]["old"] is None
    assert data["days"][0]["new"]["kind"] == "swap"
    assert data["period"] == {"from": "2027-01-01", "to": "2027-12-31", "receipts": d.receipts}
    five = data["deadlines"][0]
    assert five["working_days"] == 5
    assert five["moved"] == len(five["moves"]) == 10
    assert {"received": "2027-04-08", "old_due": "2027-04-15", "new_due": "2027-04-19"} in five[
        "moves"
    ]


def test_bad_arguments(swap: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="after end"):
        diff_announcements(swap, start=date(2027, 5, 1), end=date(2027, 4, 1))
    with pytest.raises(InvalidArgumentError, match="at least 1"):
        diff_announcements(swap, working_days=[0])
    with pytest.raises(InvalidTypeError, match="iterable of ints"):
        diff_announcements(swap, working_days=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"must be a datetime\.date"):
        diff_announcements(swap, start="2027-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="outside the calendar's range"):
        diff_announcements(swap, start=date(2009, 12, 1), end=date(2010, 1, 5))
    broken = tmp_path / "broken.toml"
    broken.write_text(SWAP.replace('kind = "swap"', 'kind = "holiday"'), encoding="utf-8")
    with pytest.raises(CalendarFileError, match=r"entries\[0\]\.kind"):
        diff_announcements(broken)
    with pytest.raises(CalendarDataError, match="cannot read"):
        diff_announcements(tmp_path / "missing.toml")
