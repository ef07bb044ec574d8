"""User announcement files (TOML/JSON) and bad input to the Vietnamese calendar."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from _paths import ROOT

import procedurekit as pk
from procedurekit.calendar.vietnam import (
    CalendarFileError,
    load_announcements,
    package_announcements,
    vietnam_calendar,
)
from procedurekit.calendar.working import DayKind, EntryStatus

EXAMPLE = ROOT / "docs" / "examples" / "announcement-2027.example.toml"

GOOD_ENTRY = """
[[entries]]
date = 2027-02-11
kind = "swap"
name_vi = "Nghỉ hoán đổi"
name_en = "Swapped day off"
source = "Công văn 1/VPCP-KGVX"
announced = 2026-12-01
status = "confirmed"
"""


def write(tmp_path: Path, text: str, name: str = "a.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- loading --------------------------------------------------------------------------------


def test_package_overlay_loads() -> None:
    data = package_announcements()
    assert data.format == 1
    assert data.data_version
    days = {e.day for e in data.entries}
    assert date(2026, 1, 2) in days
    assert date(2026, 1, 10) in days
    assert date(2026, 11, 24) in days
    assert date(2026, 11, 23) not in days
    assert date(2026, 11, 28) not in days
    for e in data.entries:
        assert e.source
        assert e.announced is not None
        assert e.announced <= date(2026, 11, 26)
    complete = {y.year: y for y in data.years if y.complete}
    assert set(complete) == set(range(2010, 2027)) - {2017}
    assert all(complete[y].complete_since is not None for y in range(2019, 2027))
    unverified = [y for y in data.years if y.status is EntryStatus.UNVERIFIED]
    assert [y.year for y in unverified] == [2017]
    assert not any(y.complete for y in unverified)


def test_example_2027_file_loads_and_applies() -> None:
    data = load_announcements(EXAMPLE)
    assert data.years[0].year == 2027
    cal = pk.WorkingCalendar.vietnam(extra_files=[EXAMPLE])
    assert cal.data_version.endswith("+extra")
    assert not cal.is_working_day(date(2027, 2, 11))
    assert cal.is_working_day(date(2027, 2, 20))
    assert not cal.is_provisional(date(2027, 3, 1))
    assert cal.is_provisional(date(2028, 3, 1))
    # The package's own data is unchanged underneath.
    assert not cal.is_working_day(date(2026, 1, 2))
    assert pk.WorkingCalendar.vietnam().is_working_day(date(2027, 2, 11))
    early = pk.WorkingCalendar.vietnam(known_at=date(2026, 11, 30), extra_files=[EXAMPLE])
    assert early.is_working_day(date(2027, 2, 11))
    assert early.is_provisional(date(2027, 3, 1))
    assert early.data_version.endswith("@2026-11-30+extra")


def test_json_file_with_string_dates(tmp_path: Path) -> None:
    doc = {
        "format": 1,
        "entries": [
            {
                "date": "2027-02-11",
                "kind": "swap",
                "name_vi": "Nghỉ hoán đổi",
                "name_en": "Swapped day off",
                "source": "Công văn 1/VPCP-KGVX",
                "announced": "2026-12-01",
            }
        ],
    }
    p = write(tmp_path, json.dumps(doc), "a.json")
    data = load_announcements(p)
    (e,) = data.entries
    assert e.day == date(2027, 2, 11)
    assert e.kind is DayKind.SWAP
    assert e.status is EntryStatus.CONFIRMED
    assert not vietnam_calendar(extra_files=[p]).is_working_day(date(2027, 2, 11))


# -- malformed files ----------------------------------------------------------------------------


def _problems(path: Path) -> tuple[str, list[str]]:
    with pytest.raises(pk.CalendarDataError) as info:
        load_announcements(path)
    err = info.value
    assert isinstance(err, pk.ProcedureKitError)
    assert str(path) in str(err)
    paths = [p.path for p in getattr(err, "problems", ())]
    return str(err), paths


def test_bad_toml(tmp_path: Path) -> None:
    p = write(tmp_path, "format = 1\n[[entries]\ndate = ")
    message, _ = _problems(p)
    assert "not valid TOML" in message


def test_bad_json(tmp_path: Path) -> None:
    p = write(tmp_path, "{format: 1", "a.json")
    message, _ = _problems(p)
    assert "not valid JSON" in message


def test_impossible_native_toml_date_is_a_toml_error(tmp_path: Path) -> None:
    p = write(tmp_path, "format = 1\n" + GOOD_ENTRY.replace("2027-02-11", "2026-02-30"))
    message, _ = _problems(p)
    assert "not valid TOML" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = """
format = 1
colour = "blue"

[[entries]]
date = "2026-02-30"
kind = "holiday"
name_vi = 5
name_en = "x"
source = "Công văn 1/VPCP-KGVX"
announced = 2026-12-01

[[entries]]
date = 2070-01-01
kind = "swap"
name_vi = "a"
name_en = "b"
source = ""
announced = "soon"
status = "rumoured"
extra = 1

[[years]]
year = 2009
complete = "yes"
"""
    p = write(tmp_path, text)
    with pytest.raises(CalendarFileError) as info:
        load_announcements(p)
    err = info.value
    assert isinstance(err, pk.CalendarDataError)
    assert isinstance(err, pk.StructureError)
    paths = [q.path for q in err.problems]
    assert paths == [
        "$.colour",
        "years[0].year",
        "years[0].complete",
        "entries[0].date",
        "entries[0].kind",
        "entries[0].name_vi",
        "entries[1].extra",
        "entries[1].date",
        "entries[1].source",
        "entries[1].announced",
        "entries[1].status",
    ]
    text_ = str(err)
    assert "'2026-02-30' is not a valid date" in text_
    assert "unknown kind 'holiday'" in text_
    assert "'statutory', 'compensatory', 'swap', 'makeup'" in text_
    assert "2070-01-01 is outside the calendar's range" in text_
    assert "11 problems" in text_


def test_wrong_format_and_duplicate_dates(tmp_path: Path) -> None:
    p = write(tmp_path, "format = 2\n" + GOOD_ENTRY + GOOD_ENTRY)
    _, paths = _problems(p)
    assert paths == ["format", "entries[1].date"]


def test_entries_must_be_tables(tmp_path: Path) -> None:
    p = write(tmp_path, json.dumps({"format": 1, "entries": [1, "x"]}), "a.json")
    _, paths = _problems(p)
    assert paths == ["entries[0]", "entries[1]"]


def test_top_level_must_be_a_table(tmp_path: Path) -> None:
    p = write(tmp_path, "[1, 2]", "a.json")
    message, _ = _problems(p)
    assert "table" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(pk.CalendarDataError, match="cannot read"):
        load_announcements(tmp_path / "nope.toml")


def test_bad_extra_file_fails_the_calendar(tmp_path: Path) -> None:
    p = write(tmp_path, "format = 1\n" + GOOD_ENTRY.replace('"swap"', '"maybe"'))
    with pytest.raises(pk.CalendarDataError, match=r"entries\[0\]\.kind"):
        pk.WorkingCalendar.vietnam(extra_files=[p])


# -- bad arguments ------------------------------------------------------------------------------

CAL = pk.WorkingCalendar.vietnam()

BAD_CALLS: list[tuple[Any, str]] = [
    (lambda: CAL.is_working_day(datetime(2026, 1, 2, 10)), "d"),  # type: ignore[arg-type]
    (lambda: CAL.is_working_day("2026-01-02"), "d"),  # type: ignore[arg-type]
    (lambda: CAL.is_working_day(None), "d"),  # type: ignore[arg-type]
    (lambda: CAL.add_working_days(date(2026, 1, 2), True), "n"),
    (lambda: CAL.add_working_days(date(2026, 1, 2), 1.0), "n"),  # type: ignore[arg-type]
    (lambda: CAL.add_working_days("2026-01-02", 1), "d"),  # type: ignore[arg-type]
    (lambda: CAL.working_days_between(date(2026, 1, 2), None), "b"),  # type: ignore[arg-type]
    (lambda: CAL.is_working_day(date(2009, 12, 31)), "d"),
    (lambda: CAL.is_working_day(date(2061, 1, 1)), "d"),
    (lambda: CAL.add_working_days(date(2060, 12, 20), 30), "n"),
    (lambda: CAL.add_working_days(date(2010, 1, 10), -30), "n"),
    (lambda: CAL.days_off(2009), "year"),
    (lambda: CAL.days_off(2061), "year"),
    (lambda: CAL.days_off("2026"), "year"),  # type: ignore[arg-type]
    (lambda: CAL.is_provisional(datetime(2027, 1, 1)), "d"),  # type: ignore[arg-type]
    (lambda: pk.WorkingCalendar.vietnam(known_at=datetime(2026, 1, 1)), "known_at"),  # type: ignore[arg-type]
    (lambda: pk.WorkingCalendar.vietnam(known_at="2026-01-01"), "known_at"),  # type: ignore[arg-type]
    (lambda: pk.WorkingCalendar.vietnam(extra_files="a.toml"), "extra_files"),
    (lambda: load_announcements(None), "path"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("call", "name"), BAD_CALLS)
def test_bad_input_raises_procedurekit_errors_naming_the_argument(call: Any, name: str) -> None:
    with pytest.raises(pk.ProcedureKitError) as info:
        call()
    assert info.value.path == name
    assert name in str(info.value)
