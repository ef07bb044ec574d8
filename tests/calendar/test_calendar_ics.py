"""``calendar_ics``: a year as iCalendar, read back with ``icalendar`` and checked day by day."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from _paths import ROOT

import procedurekit as pk
from procedurekit.calendar.ics import MEDIA_TYPE, calendar_ics
from procedurekit.errors import CalendarRangeError, InvalidTypeError, MissingExtraError

icalendar = pytest.importorskip("icalendar")

EXAMPLE = ROOT / "docs" / "examples" / "announcement-2027.example.toml"


def read(text: str) -> tuple[Any, dict[date, Any]]:
    cal = icalendar.Calendar.from_ical(text)
    events: dict[date, Any] = {}
    for event in cal.walk("VEVENT"):
        day = event.decoded("dtstart")
        assert day not in events, f"two events on {day}"
        events[day] = event
    return cal, events


@pytest.mark.parametrize("year", [2010, 2017, 2024, 2026, 2027])
def test_every_day_off_and_make_up_day_reads_back(vietnam: pk.WorkingCalendar, year: int) -> None:
    cal, events = read(calendar_ics(vietnam, year))
    expected = {e.day: e for e in (*vietnam.days_off(year), *vietnam.makeup_days(year))}
    assert set(events) == set(expected)
    settled = vietnam.year_status(year) == "complete"
    for day, e in expected.items():
        ev = events[day]
        start, end = ev.decoded("dtstart"), ev.decoded("dtend")
        assert type(start) is date
        assert type(end) is date
        assert end == day + timedelta(days=1)
        assert str(ev["uid"]) == f"{day:%Y%m%d}-{e.kind.value}.vietnam@procedurekit"
        summary, description = str(ev["summary"]), str(ev["description"])
        assert e.name_vi in summary  # Vietnamese
        assert e.name_en in description  # English
        if e.source:
            assert e.source in description  # the document
        if e.announced:
            assert e.announced.isoformat() in description
        assert vietnam.data_version in description
        categories = [str(c) for c in ev["categories"].cats]
        if e.working:  # a make-up working day cannot be taken for a holiday
            assert summary.startswith("Ngày làm việc (làm bù): ")
            assert categories == ["Ngày làm việc", "Working day"]
            assert "WORKING DAY" in description
            assert str(ev["x-procedurekit-working"]) == "TRUE"
            assert vietnam.is_working_day(day)
        else:
            assert categories == ["Ngày nghỉ", "Day off"]
            assert str(ev["x-procedurekit-working"]) == "FALSE"
            assert not vietnam.is_working_day(day)
        assert str(ev["x-procedurekit-kind"]) == e.kind.value
        tentative = not settled or e.status.value in ("projected", "unverified")
        assert str(ev["status"]) == ("TENTATIVE" if tentative else "CONFIRMED")
        assert summary.endswith(" (dự kiến)") is tentative
        assert str(ev["transp"]) == "TRANSPARENT"
        assert ev.decoded("dtstamp").tzinfo is not None
    assert str(cal["version"]) == "2.0"
    assert str(cal["method"]) == "PUBLISH"
    assert str(cal["x-wr-calname"]) == f"Ngày nghỉ và ngày làm bù khu vực công {year}"
    assert str(cal["name"]) == str(cal["x-wr-calname"])
    assert str(cal["x-procedurekit-data-version"]) == vietnam.data_version
    assert str(cal["x-procedurekit-year-status"]) == vietnam.year_status(year)
    assert vietnam.data_version in str(cal["description"])


def test_the_2026_swap_and_its_make_up_day(vietnam: pk.WorkingCalendar) -> None:
    _, events = read(calendar_ics(vietnam, 2026))
    swap, makeup = events[date(2026, 1, 2)], events[date(2026, 1, 10)]
    assert str(swap["uid"]) == "20260102-swap.vietnam@procedurekit"
    assert "Công văn 12729/VPCP-KGVX" in str(swap["description"])
    assert str(makeup["summary"]) == "Ngày làm việc (làm bù): Làm bù cho thứ Sáu 02/01/2026"


def test_the_text_is_rfc5545_shaped_and_the_same_each_time(vietnam: pk.WorkingCalendar) -> None:
    text = calendar_ics(vietnam, 2026)
    assert text == calendar_ics(vietnam, 2026)  # no clock read: the same data, the same bytes
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line for line in lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75  # folded by octets
    assert "REFRESH-INTERVAL;VALUE=DURATION:P1D" in lines
    # DTSTAMP: midnight UTC of the latest announcement date in the data.
    latest = max(e.announced for e in vietnam.entries() if e.announced is not None)
    assert f"DTSTAMP:{latest:%Y%m%d}T000000Z" in lines


def test_a_stamp_of_ones_choice(vietnam: pk.WorkingCalendar) -> None:
    aware = calendar_ics(vietnam, 2026, stamp=datetime(2026, 3, 1, 12, tzinfo=UTC))
    assert "DTSTAMP:20260301T120000Z" in aware
    naive = calendar_ics(vietnam, 2026, stamp=datetime(2026, 3, 1, 12))  # Vietnam time
    assert "DTSTAMP:20260301T050000Z" in naive
    with pytest.raises(InvalidTypeError, match="stamp must be a datetime"):
        calendar_ics(vietnam, 2026, stamp=date(2026, 3, 1))  # type: ignore[arg-type]


def test_a_calendar_with_an_announcement_file_and_a_local_one() -> None:
    cal27 = pk.WorkingCalendar.vietnam(extra_files=[EXAMPLE])
    _, events = read(calendar_ics(cal27, 2027))
    assert str(events[date(2027, 2, 20)]["status"]) == "CONFIRMED"  # 2027 complete with it
    assert "Ngày làm việc" in str(events[date(2027, 2, 20)]["summary"])
    local = pk.WorkingCalendar.vietnam().with_changes(days_off=[date(2026, 6, 1)], name="hanoi")
    cal, events = read(calendar_ics(local, 2026))
    assert str(events[date(2026, 6, 1)]["uid"]) == "20260601-local.hanoi@procedurekit"
    assert "(hanoi)" in str(cal["x-wr-calname"])


def test_bad_arguments(vietnam: pk.WorkingCalendar) -> None:
    with pytest.raises(CalendarRangeError):
        calendar_ics(vietnam, 2061)
    with pytest.raises(InvalidTypeError, match="WorkingCalendar"):
        calendar_ics("vietnam", 2026)  # type: ignore[arg-type]
    assert MEDIA_TYPE == "text/calendar"


def test_without_the_extra_a_clear_error(
    vietnam: pk.WorkingCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if not installed
    with pytest.raises(MissingExtraError, match=r"procedurekit\[ics\]") as info:
        calendar_ics(vietnam, 2026)
    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, pk.ProcedureKitError)


def test_icalendar_is_imported_only_on_that_path() -> None:
    code = (
        "import sys, json, datetime as dt, procedurekit as pk, procedurekit.calendar;"
        "pk.WorkingCalendar.vietnam().add_working_days(dt.date(2026, 2, 13), 5);"
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    for module in (
        "icalendar",
        "procedurekit.calendar.ics",
        "procedurekit.calendar.announcements",
    ):
        assert module not in loaded, module
