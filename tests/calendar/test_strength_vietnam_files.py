# ruff: noqa: E501  (the pinned messages are long; they are compared whole)
"""Test strength (mutation testing): reading calendar data files and the shipped table.

The mutation run of ``calendar/vietnam.py`` showed the errors of an unreadable, undecodable
or malformed announcement file, the per-problem ``value`` and ``expected`` of a file with
problems, the codes ``check_announcements`` gives them, the digest that versions a file
without ``data_version`` and the language of the ``holidays`` rows unpinned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import attrs
import pytest
from _errors import assert_error_structure

import procedurekit as pk
from procedurekit.calendar import vietnam
from procedurekit.calendar.announcements import check_announcements


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


READERS: list[Callable[[Path], object]] = [vietnam.load_announcements, check_announcements]


@pytest.mark.parametrize("read", READERS)
def test_an_unreadable_file(read: Callable[[Path], object], tmp_path: Path) -> None:
    p = tmp_path / "missing.toml"
    assert_error_structure(
        lambda: read(p),
        pk.CalendarDataError,
        f"cannot read calendar data file {str(p)!r}: No such file or directory",
        str(p),
        repr(str(p)),
        "a readable TOML or JSON file",
    )


@pytest.mark.parametrize("read", READERS)
def test_a_file_that_is_not_utf8(read: Callable[[Path], object], tmp_path: Path) -> None:
    p = _write(tmp_path, "bad.toml", b"\xff\xfe format = 1")
    assert_error_structure(
        lambda: read(p),
        pk.CalendarDataError,
        f"calendar data file {str(p)!r} is not valid TOML: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
        str(p),
        "None",
        "a TOML document in the format of procedurekit's data/vietnam.toml",
    )


def test_json_that_is_not_a_table(tmp_path: Path) -> None:
    p = _write(tmp_path, "list.json", "[1, 2]")
    assert_error_structure(
        lambda: vietnam.load_announcements(p),
        pk.CalendarDataError,
        f"calendar data file {str(p)!r} must hold a table (object) at the top",
        str(p),
        "'list'",
        "a table with format = 1 and [[entries]]",
    )


@pytest.mark.parametrize("read", READERS)
def test_a_path_of_the_wrong_type(read: Callable[[object], object]) -> None:
    assert_error_structure(
        lambda: read(5),
        pk.InvalidTypeError,
        "path must be a str or os.PathLike, got int 5",
        "path",
        "5",
        "'announcement-2027.toml'",
    )


PROBLEMS = 'format = 1\n[[entries]]\ndate = "2027-02-30"\nkind = "day_off"\nname_vi = "Nghỉ"\n'


def test_every_problem_keeps_its_value_and_what_was_expected(tmp_path: Path) -> None:
    p = _write(tmp_path, "problems.toml", PROBLEMS)
    with pytest.raises(vietnam.CalendarFileError) as info:
        vietnam.load_announcements(p)
    err = info.value
    # The error's own value and expected are its first problem's.
    assert (err.path, err.value, err.expected) == (
        "entries[0].date",
        "2027-02-30",
        "an ISO date such as 2027-02-08",
    )
    assert [(q.path, q.value, q.expected) for q in err.problems] == [
        ("entries[0].date", "2027-02-30", "an ISO date such as 2027-02-08"),
        (
            "entries[0].kind",
            "day_off",
            "one of 'statutory', 'compensatory', 'swap', 'makeup'",
        ),
        ("entries[0].name_en", None, "a non-empty string"),
        ("entries[0].source", None, "a non-empty string"),
        ("entries[0].announced", None, "a date such as 2027-02-08"),
    ]


def test_check_announcements_codes_a_bad_value_and_a_missing_one(tmp_path: Path) -> None:
    p = _write(tmp_path, "problems.toml", PROBLEMS)
    found = {(f.field, f.code) for f in check_announcements(p).findings}
    assert {
        ("entries[0].date", "invalid-field"),
        ("entries[0].kind", "invalid-field"),
        ("entries[0].name_en", "missing-field"),
        ("entries[0].announced", "missing-field"),
    } <= found


def test_a_file_without_data_version_is_versioned_by_its_content(tmp_path: Path) -> None:
    one = _write(tmp_path, "a.toml", "format = 1\n[[years]]\nyear = 2027\ncomplete = true\n")
    two = _write(tmp_path, "b.toml", "format = 1\n[[years]]\nyear = 2028\ncomplete = true\n")
    versions = [vietnam._file_version(vietnam.load_announcements(p)) for p in (one, two)]
    assert all(re.fullmatch(r"sha256:[0-9a-f]{12}", v) for v in versions)
    assert versions[0] != versions[1]
    assert versions[0] == vietnam._file_version(vietnam.load_announcements(one))


def test_a_calendar_table_of_another_format() -> None:
    assert_error_structure(
        lambda: vietnam.calendar_from_table({"format": 9}),
        pk.CalendarDataError,
        "calendar table has format 9",
        "format",
        "9",
        "format 1; regenerate with python -m procedurekit.calendar._build",
    )


def test_the_holidays_rows_are_named_in_english() -> None:
    """HOLIDAY_NAMES and the overlay key on the English names ``holidays`` gives."""
    rows = vietnam.holidays_rows(2026, 2026)
    assert rows[0] == (date(2026, 1, 1), "New Year's Day")
    assert (date(2026, 2, 17), "Lunar New Year") in rows


# One file with a problem of every kind the reader reports.
MALFORMED = """\
format = 2
data_version = 5
laws = "x"
added_holidays = [1]
bogus = 1

[[years]]
year = 2027
status = "weird"
complete = "yes"

[[years]]
complete = false

[[entries]]
date = 2027-02-08
kind = "statutory"
name_vi = ""
name_en = 5
source = "Công văn 1/VPCP"
announced = "2027-13-01"
extra = 1

[[entries]]
date = 2027-02-09T10:00:00
kind = "swap"
name_vi = "Nghỉ bù"
name_en = "Day off"
source = "Công văn 1/VPCP"
announced = 2026-11-01

[[entries]]
date = 2027-02-10
"""
TOP = "one of added_holidays, data_version, entries, format, laws, years"
ENTRY = "one of announced, date, kind, name_en, name_vi, source, status"
KINDS = "one of 'statutory', 'compensatory', 'swap', 'makeup'"
TEXT = "a non-empty string"
A_DATE = "a date such as 2027-02-08"
DT = datetime(2027, 2, 9, 10, 0)


def test_every_problem_of_a_malformed_file(tmp_path: Path) -> None:
    p = _write(tmp_path, "malformed.toml", MALFORMED)
    with pytest.raises(vietnam.CalendarFileError) as info:
        vietnam.load_announcements(p)
    assert info.value.message.splitlines()[0] == f"calendar data file {str(p)!r} has 18 problems:"
    assert [(q.path, q.message, q.value, q.expected) for q in info.value.problems] == [
        ("$.bogus", f"unknown field; expected {TOP}", 1, TOP),
        ("format", "got 2; expected format = 1", 2, "format = 1"),
        ("data_version", 'got 5; expected a string "2027.1"', 5, 'a string "2027.1"'),
        ("laws", "got str; expected a list of [[laws]]", "x", "a list of [[laws]]"),
        ("added_holidays[0]", "got int; expected a table (object)", 1, "a table (object)"),
        (
            "years[0].status",
            "unknown status 'weird'; expected one of 'confirmed', 'reported', 'unverified'",
            "weird",
            "one of 'confirmed', 'reported', 'unverified'",
        ),
        ("years[0].complete", "got 'yes'; expected true or false", "yes", "true or false"),
        ("years[1].year", "got None; expected an integer year", None, "an integer year"),
        ("entries[0].extra", f"unknown field; expected {ENTRY}", 1, ENTRY),
        ("entries[0].name_vi", f"got str ''; expected {TEXT}", "", TEXT),
        ("entries[0].name_en", f"got int 5; expected {TEXT}", 5, TEXT),
        (
            "entries[0].announced",
            "'2027-13-01' is not a valid date; expected an ISO date such as 2027-02-08",
            "2027-13-01",
            "an ISO date such as 2027-02-08",
        ),
        ("entries[1].date", f"got datetime {DT!r}; expected {A_DATE}", DT, A_DATE),
        ("entries[2].kind", f"unknown kind None; expected {KINDS}", None, KINDS),
        ("entries[2].name_vi", f"got NoneType None; expected {TEXT}", None, TEXT),
        ("entries[2].name_en", f"got NoneType None; expected {TEXT}", None, TEXT),
        ("entries[2].source", f"got NoneType None; expected {TEXT}", None, TEXT),
        ("entries[2].announced", f"got NoneType None; expected {A_DATE}", None, A_DATE),
    ]


def test_the_check_codes_a_present_bad_value_and_a_missing_one(tmp_path: Path) -> None:
    p = _write(tmp_path, "malformed.toml", MALFORMED.replace("format = 2", "format = 1"))
    assert [(f.field, f.code, f.line) for f in check_announcements(p).findings] == [
        ("$.bogus", "unknown-field", None),
        ("added_holidays[0]", "invalid-field", None),
        ("data_version", "invalid-field", 2),
        ("laws", "invalid-field", 3),
        ("years[0].status", "invalid-field", 9),
        ("years[0].complete", "invalid-field", 10),
        ("years[1].year", "missing-field", 12),
        ("entries[0].name_vi", "invalid-field", 18),
        ("entries[0].name_en", "invalid-field", 19),
        ("entries[0].announced", "invalid-field", 21),
        ("entries[0].extra", "unknown-field", 22),
        ("entries[1].date", "invalid-field", 25),
        ("entries[2].announced", "missing-field", 32),
        ("entries[2].kind", "missing-field", 32),
        ("entries[2].name_en", "missing-field", 32),
        ("entries[2].name_vi", "missing-field", 32),
        ("entries[2].source", "missing-field", 32),
    ]


def test_one_problem_is_one_problem(tmp_path: Path) -> None:
    p = _write(tmp_path, "one.toml", "format = 1\ndata_version = 5\n")
    with pytest.raises(vietnam.CalendarFileError) as info:
        vietnam.load_announcements(p)
    assert info.value.message.splitlines()[0] == f"calendar data file {str(p)!r} has 1 problem:"


LAWS_AND_YEARS = """\
format = 1
data_version = "2027.1-test"

[[laws]]
since = 2021-01-01
holidays = "Bộ luật Lao động 2019, Điều 112"
compensatory = "Điều 111"
tet_span = "weekdays"

[[laws]]
since = 1995-01-01
holidays = "Bộ luật Lao động 1994, Điều 73"
compensatory = "Điều 73"
tet_days = 4

[[laws]]
since = "soon"
holidays = 5
tet_days = 6
tet_span = "months"
bogus = 1

[[added_holidays]]
holidays_name = "Vietnam Cultural Day"
source = "Nghị quyết 80-NQ/TW"
announced = 2025-11-01
status = "reported"

[[added_holidays]]
holidays_name = "Other Day"
source = "Công văn 2"
announced = 2025-12-01

[[added_holidays]]
source = ""
status = "maybe"
extra = 1

[[years]]
year = 2061
complete = true

[[years]]
year = 2027
complete = true

[[years]]
year = 2027
complete = false

[[years]]
year = "2028"
"""
LAW = "one of compensatory, holidays, since, tet_days, tet_span"
ADDED = "one of announced, holidays_name, source, status"


def test_every_problem_of_laws_added_holidays_and_years(tmp_path: Path) -> None:
    p = _write(tmp_path, "laws.toml", LAWS_AND_YEARS)
    with pytest.raises(vietnam.CalendarFileError) as info:
        vietnam.load_announcements(p)
    assert [(q.path, q.message, q.value, q.expected) for q in info.value.problems] == [
        ("laws[2].bogus", f"unknown field; expected {LAW}", 1, LAW),
        (
            "laws[2].since",
            "'soon' is not a valid date; expected an ISO date such as 2027-02-08",
            "soon",
            "an ISO date such as 2027-02-08",
        ),
        ("laws[2].holidays", f"got int 5; expected {TEXT}", 5, TEXT),
        ("laws[2].compensatory", f"got NoneType None; expected {TEXT}", None, TEXT),
        (
            "laws[2].tet_days",
            "got 6; expected 4 (Labour Code 1994) or 5 (Labour Codes 2012 and 2019)",
            6,
            "4 (Labour Code 1994) or 5 (Labour Codes 2012 and 2019)",
        ),
        (
            "laws[2].tet_span",
            "unknown tet_span 'months'; expected one of 'days', 'weekdays'",
            "months",
            "one of 'days', 'weekdays'",
        ),
        ("added_holidays[2].extra", f"unknown field; expected {ADDED}", 1, ADDED),
        ("added_holidays[2].holidays_name", f"got NoneType None; expected {TEXT}", None, TEXT),
        ("added_holidays[2].source", f"got str ''; expected {TEXT}", "", TEXT),
        ("added_holidays[2].announced", f"got NoneType None; expected {A_DATE}", None, A_DATE),
        (
            "added_holidays[2].status",
            "unknown status 'maybe'; expected one of 'confirmed', 'reported', 'unverified', "
            "'projected'",
            "maybe",
            "one of 'confirmed', 'reported', 'unverified', 'projected'",
        ),
        (
            "years[0].year",
            "2061 is outside the calendar's range; expected a year from 2010 to 2060",
            2061,
            "a year from 2010 to 2060",
        ),
        ("years[2].year", "year 2027 is listed twice; expected once", 2027, "once"),
        ("years[3].year", "got '2028'; expected an integer year", "2028", "an integer year"),
    ]
    found = {(f.field, f.code) for f in check_announcements(p).findings}
    assert {
        ("laws[2].compensatory", "missing-field"),
        ("laws[2].since", "invalid-field"),
        ("laws[2].tet_days", "invalid-field"),
        ("years[0].year", "date-out-of-range"),
        ("years[2].year", "duplicate-year"),
        ("years[3].year", "invalid-field"),
    } <= found


def test_the_valid_laws_added_holidays_and_years_are_read(tmp_path: Path) -> None:
    """A checker goes on judging the valid part of a file with problems."""
    import tomllib

    found, reader = vietnam._parse_collect(tomllib.loads(LAWS_AND_YEARS), "laws.toml")
    assert len(reader.problems) == 14
    assert found.data_version == "2027.1-test"
    assert found.laws == (  # newest first; tet_days 5 and tet_span "days" by default
        vietnam.LawPeriod(
            date(2021, 1, 1), "Bộ luật Lao động 2019, Điều 112", "Điều 111", 5, "weekdays"
        ),
        vietnam.LawPeriod(date(1995, 1, 1), "Bộ luật Lao động 1994, Điều 73", "Điều 73", 4, "days"),
    )
    assert found.added_holidays == (
        vietnam.AddedHoliday(
            "Vietnam Cultural Day",
            "Nghị quyết 80-NQ/TW",
            date(2025, 11, 1),
            vietnam.EntryStatus.REPORTED,
        ),
        vietnam.AddedHoliday(
            "Other Day", "Công văn 2", date(2025, 12, 1), vietnam.EntryStatus.CONFIRMED
        ),
    )
    assert [(y.year, y.complete) for y in found.years] == [(2027, True)]


def test_a_bad_data_version_is_none(tmp_path: Path) -> None:
    p = _write(tmp_path, "malformed.toml", MALFORMED.replace("format = 2", "format = 1"))
    assert check_announcements(p).stats["data_version"] is None


def test_data_without_a_law_period_for_a_day() -> None:
    # The first day a law period is asked for: the lunar new year of 2010 (14 February).
    no_laws = attrs.evolve(vietnam.package_announcements(), laws=())
    assert_error_structure(
        lambda: vietnam.assemble(no_laws),
        pk.CalendarDataError,
        "no [[laws]] period covers 2010-02-14",
        "laws",
        "datetime.date(2010, 2, 14)",
        "a [[laws]] entry with since <= 2010-01-01",
    )


def test_a_provisional_year_projects_its_days_without_a_decision() -> None:
    """A year not (yet) complete: its days from the law are projected, named by the law only.

    2026 on 1 June 2025 (complete, but its decision, Công văn 9859/VPCP-KGVX, came on
    13 October 2025); 2027 today (listed, not complete)."""
    second_day = date(2026, 2, 18)  # Mùng hai Tết 2026
    law = "Bộ luật Lao động 2019, Điều 112"
    early = pk.WorkingCalendar.vietnam(known_at=date(2025, 6, 1))
    entry = early.entry(second_day)
    assert entry is not None
    assert (entry.status, entry.source) == (pk.EntryStatus.PROJECTED, law)
    today = pk.WorkingCalendar.vietnam().entry(second_day)
    assert today is not None
    assert today.status is pk.EntryStatus.CONFIRMED
    assert today.source.startswith(f"{law}; Công văn 9859/VPCP-KGVX")
    tet_2027 = [e for e in pk.WorkingCalendar.vietnam().entries(2027) if e.day.month == 2]
    assert tet_2027
    assert {(e.status, e.source) for e in tet_2027} == {(pk.EntryStatus.PROJECTED, law)}


def test_a_listed_year_that_is_not_complete_is_projected_too(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "y2027.toml",
        'format = 1\n[[years]]\nyear = 2027\nstatus = "reported"\ncomplete = false\n'
        'tet_source = "Công văn 1/VPCP"\n',
    )
    cal = pk.WorkingCalendar.vietnam(extra_files=[p])
    tet_2027 = [e for e in cal.entries(2027) if e.day.month == 2]
    assert tet_2027
    assert {(e.status, e.source) for e in tet_2027} == {
        (pk.EntryStatus.PROJECTED, "Bộ luật Lao động 2019, Điều 112")
    }


def test_the_vietnam_calendars_arguments() -> None:
    assert_error_structure(
        lambda: pk.WorkingCalendar.vietnam(extra_files="announcement-2027.toml"),
        pk.InvalidTypeError,
        "extra_files must be an iterable of paths, not a single path",
        "extra_files",
        "'announcement-2027.toml'",
        "extra_files=['announcement-2027.toml']",
    )
    assert_error_structure(
        lambda: pk.WorkingCalendar.vietnam(known_at="2025-01-01"),  # type: ignore[arg-type]
        pk.InvalidTypeError,
        "known_at must be a datetime.date, got str '2025-01-01'",
        "known_at",
        "'2025-01-01'",
        "datetime.date(2026, 2, 13)",
    )


# One bad field a table: only that table is left out.
ONE_BAD_FIELD_EACH = """\
format = 1

[[laws]]
since = 2021-01-01
holidays = "BLLĐ 2019, Điều 112"
compensatory = "Điều 111"

[[laws]]
since = "soon"
holidays = "h"
compensatory = "c"

[[laws]]
since = 2013-05-01
compensatory = "c"

[[laws]]
since = 2013-05-01
holidays = "h"

[[laws]]
since = 2013-05-01
holidays = "h"
compensatory = "c"
tet_days = 6

[[laws]]
since = 2013-05-01
holidays = "h"
compensatory = "c"
tet_span = "months"

[[added_holidays]]
source = "s"
announced = 2025-11-01

[[added_holidays]]
holidays_name = "A"
announced = 2025-11-01

[[added_holidays]]
holidays_name = "A"
source = "s"

[[added_holidays]]
holidays_name = "A"
source = "s"
announced = 2025-11-01
status = "maybe"

[[years]]
year = 2060

[[years]]
year = 2059
complete = "yes"

[[years]]
year = 2058
complete = true
complete_since = "soon"

[[years]]
year = 2057
status = "unverified"
complete = true

[[years]]
year = 2056
tet_source = 5
national_day_source = ""

[[entries]]
date = 2010-01-01
kind = "statutory"
name_vi = "a"
name_en = "a"
source = "s"
announced = 2009-12-01

[[entries]]
date = 2060-12-31
kind = "statutory"
name_vi = "b"
name_en = "b"
source = "s"
announced = 2059-12-01

[[entries]]
date = 2009-12-31
kind = "statutory"
name_vi = "c"
name_en = "c"
source = "s"
announced = 2009-12-01

[[entries]]
date = 2010-01-01
kind = "statutory"
name_vi = "d"
name_en = "d"
source = "s"
announced = 2009-12-01

[[entries]]
date = 2030-01-02
kind = "statutory"
name_vi = "e"
source = "s"
announced = 2029-12-01

[[entries]]
date = 2030-01-03
kind = "statutory"
name_vi = "f"
name_en = "f"
announced = 2029-12-01

[[entries]]
date = 2030-01-04
kind = "statutory"
name_vi = "g"
name_en = "g"
source = "s"

[[entries]]
date = 2030-01-07
kind = "statutory"
name_vi = "h"
name_en = "h"
source = "s"
announced = 2029-12-01
status = "maybe"
"""
ISO = "an ISO date such as 2027-02-08"
STATUSES = "one of 'confirmed', 'reported', 'unverified', 'projected'"


def test_one_bad_field_leaves_out_its_table_only() -> None:
    import tomllib

    found, reader = vietnam._parse_collect(tomllib.loads(ONE_BAD_FIELD_EACH), "one.toml")
    assert [(q.path, q.message, q.value, q.expected) for q in reader.problems] == [
        ("laws[1].since", f"'soon' is not a valid date; expected {ISO}", "soon", ISO),
        ("laws[2].holidays", f"got NoneType None; expected {TEXT}", None, TEXT),
        ("laws[3].compensatory", f"got NoneType None; expected {TEXT}", None, TEXT),
        (
            "laws[4].tet_days",
            "got 6; expected 4 (Labour Code 1994) or 5 (Labour Codes 2012 and 2019)",
            6,
            "4 (Labour Code 1994) or 5 (Labour Codes 2012 and 2019)",
        ),
        (
            "laws[5].tet_span",
            "unknown tet_span 'months'; expected one of 'days', 'weekdays'",
            "months",
            "one of 'days', 'weekdays'",
        ),
        ("added_holidays[0].holidays_name", f"got NoneType None; expected {TEXT}", None, TEXT),
        ("added_holidays[1].source", f"got NoneType None; expected {TEXT}", None, TEXT),
        ("added_holidays[2].announced", f"got NoneType None; expected {A_DATE}", None, A_DATE),
        (
            "added_holidays[3].status",
            f"unknown status 'maybe'; expected {STATUSES}",
            "maybe",
            STATUSES,
        ),
        ("years[1].complete", "got 'yes'; expected true or false", "yes", "true or false"),
        ("years[2].complete_since", f"'soon' is not a valid date; expected {ISO}", "soon", ISO),
        (
            "years[3].complete",
            "an unverified year cannot be complete; expected complete = false with "
            'status = "unverified", or a verified status',
            True,
            'complete = false with status = "unverified", or a verified status',
        ),
        ("years[4].tet_source", f"got int 5; expected {TEXT}", 5, TEXT),
        ("years[4].national_day_source", f"got str ''; expected {TEXT}", "", TEXT),
        (
            "entries[2].date",
            "2009-12-31 is outside the calendar's range; expected a date from 2010-01-01 to "
            "2060-12-31",
            date(2009, 12, 31),
            "a date from 2010-01-01 to 2060-12-31",
        ),
        (
            "entries[3].date",
            "2010-01-01 already has an entry (entries[0]); expected one entry per date",
            date(2010, 1, 1),
            "one entry per date",
        ),
        ("entries[4].name_en", f"got NoneType None; expected {TEXT}", None, TEXT),
        ("entries[5].source", f"got NoneType None; expected {TEXT}", None, TEXT),
        ("entries[6].announced", f"got NoneType None; expected {A_DATE}", None, A_DATE),
        ("entries[7].status", f"unknown status 'maybe'; expected {STATUSES}", "maybe", STATUSES),
    ]
    assert found.path == "one.toml"
    assert found.laws == (
        vietnam.LawPeriod(date(2021, 1, 1), "BLLĐ 2019, Điều 112", "Điều 111", 5, "days"),
    )
    assert found.added_holidays == ()
    # 2060, the calendar's last year, is read; a year without "complete" is not complete; a
    # bad source is reported and left out, the year kept.
    assert [(y.year, y.complete, y.tet_source) for y in found.years] == [
        (2060, False, None),
        (2056, False, None),
    ]
    # The calendar's first and last days take entries.
    assert [(e.day, e.name_vi) for e in found.entries] == [
        (date(2010, 1, 1), "a"),
        (date(2060, 12, 31), "b"),
    ]


def test_a_loaded_file_keeps_its_path_and_counts_its_problems(tmp_path: Path) -> None:
    p = _write(tmp_path, "two.toml", 'format = 1\ndata_version = 5\nlaws = "x"\n')
    with pytest.raises(vietnam.CalendarFileError) as info:
        vietnam.load_announcements(p)
    assert info.value.message.splitlines()[0] == f"calendar data file {str(p)!r} has 2 problems:"
    ok = _write(tmp_path, "ok.toml", "format = 1\n")
    assert vietnam.load_announcements(ok).path == str(ok)


# -- assembling the calendar from rows, the overlay and extra files ---------------------------


def test_the_rows_given_are_the_rows_used() -> None:
    # Without the holidays rows only the overlay is left: 1 January 2030 is a working day.
    bare = vietnam.assemble(vietnam.package_announcements(), rows=[])
    assert bare.is_working_day(date(2030, 1, 1))
    assert not pk.WorkingCalendar.vietnam().is_working_day(date(2030, 1, 1))


def test_a_sixth_tet_weekday_is_compensatory_under_the_2019_code() -> None:
    # Tết 2030 from holidays: Thu 31 Jan to Wed 6 Feb, five weekdays (31 Jan, 1, 4, 5, 6 Feb).
    # The 2019 Code's notices count the Tết days in weekdays (tet_span = "weekdays"): a
    # sixth weekday given off (7 Feb, added here) is a compensatory day, not a Tết day.
    rows = [*vietnam._package_rows(), (date(2030, 2, 7), "Fifth Day of Lunar New Year")]
    cal = vietnam.assemble(vietnam.package_announcements(), rows=rows)
    kinds = {e.day: e.kind for e in cal.entries(2030) if e.day.month == 2}
    assert kinds[date(2030, 2, 6)] is pk.DayKind.STATUTORY
    assert kinds[date(2030, 2, 7)] is pk.DayKind.COMPENSATORY


#: The holidays rows with a swap holidays might give for 2030 (Mon 29 April off, worked back
#: Sat 4 May) that no overlay entry lists.
_ROWS_WITH_A_2030_SWAP = [
    *vietnam._package_rows(),
    (date(2030, 4, 29), "Day off (substituted from 05/04/2030)"),
]


def _with_a_2030_swap(tmp_path: Path, known_at: date | None = None) -> pk.WorkingCalendar:
    """The calendar from those rows, with 2030 marked unverified by an extra file."""
    p = _write(
        tmp_path,
        "unverified.toml",
        'format = 1\n[[years]]\nyear = 2030\nstatus = "unverified"\ncomplete = false\n',
    )
    extra = [vietnam.load_announcements(p)]
    return vietnam.assemble(
        vietnam.package_announcements(), extra, rows=_ROWS_WITH_A_2030_SWAP, known_at=known_at
    )


def test_an_unverified_year_takes_the_holidays_swaps(tmp_path: Path) -> None:
    # A swap holidays would give for 2030 (Mon 29 April off, worked back Sat 4 May) that no
    # overlay entry lists: for a year marked unverified it is used, as a swapped day off and
    # its make-up Saturday; for a year without data it is not.
    cal = _with_a_2030_swap(tmp_path)
    assert cal.year_status(2030) == "unverified"
    swap, makeup = cal.entry(date(2030, 4, 29)), cal.entry(date(2030, 5, 4))
    assert swap is not None
    assert makeup is not None
    assert (swap.kind, swap.working, swap.status) == (
        pk.DayKind.SWAP,
        False,
        pk.EntryStatus.UNVERIFIED,
    )
    assert (swap.name_vi, swap.name_en, swap.source) == (
        "Ngày nghỉ hoán đổi (làm bù 04/05/2030)",
        "Swapped day off (worked back 2030-05-04)",
        vietnam._HOLIDAYS_SOURCE,
    )
    assert (makeup.kind, makeup.working, makeup.status) == (
        pk.DayKind.MAKEUP,
        True,
        pk.EntryStatus.UNVERIFIED,
    )
    assert (makeup.name_vi, makeup.name_en, makeup.source) == (
        "Làm bù cho ngày 29/04/2030",
        "Make-up working day for 2030-04-29",
        vietnam._HOLIDAYS_SOURCE,
    )
    no_data = vietnam.assemble(vietnam.package_announcements(), rows=_ROWS_WITH_A_2030_SWAP)
    assert no_data.entry(date(2030, 5, 4)) is None


def test_a_holiday_without_a_vietnamese_name_keeps_its_own() -> None:
    rows = [*vietnam._package_rows(), (date(2030, 3, 8), "Women's Day")]
    entry = vietnam.assemble(vietnam.package_announcements(), rows=rows).entry(date(2030, 3, 8))
    assert entry is not None
    assert (entry.name_vi, entry.name_en) == ("Women's Day", "Women's Day")


def test_a_holiday_added_late_is_left_out_before_its_announcement_only() -> None:
    # Vietnam Cultural Day (24 November, Resolution 80-NQ/TW, announced 7 January 2026):
    # not yet a day off on 1 January 2025; the holidays after it are still read.
    early = pk.WorkingCalendar.vietnam(known_at=date(2025, 1, 1))
    assert early.entry(date(2026, 11, 24)) is None
    assert not early.is_working_day(date(2027, 1, 1))
    assert not pk.WorkingCalendar.vietnam().is_working_day(date(2026, 11, 24))


def test_a_makeup_saturday_announced_last_keeps_its_year_provisional(tmp_path: Path) -> None:
    # 2027 complete since 1 October 2026, but a make-up Saturday (6 March 2027) announced
    # on 1 December 2026 changes a day the law alone gives: until then 2027 is provisional.
    p = _write(
        tmp_path,
        "y2027.toml",
        "format = 1\n[[years]]\nyear = 2027\ncomplete = true\ncomplete_since = 2026-10-01\n"
        '[[entries]]\ndate = 2027-03-06\nkind = "makeup"\nname_vi = "Làm bù"\n'
        'name_en = "Make-up day"\nsource = "Công văn 1/VPCP"\nannounced = 2026-12-01\n',
    )
    before = pk.WorkingCalendar.vietnam(known_at=date(2026, 11, 1), extra_files=[p])
    after = pk.WorkingCalendar.vietnam(known_at=date(2026, 12, 1), extra_files=[p])
    assert before.year_status(2027) == "provisional"
    assert after.year_status(2027) == "complete"


def test_the_default_calendar_is_the_shipped_one() -> None:
    # Not rebuilt "as known" on no date: its repr (the recipe a pickle rebuilds) says so.
    assert repr(pk.WorkingCalendar.vietnam()) == "WorkingCalendar.vietnam()"
    assert repr(pk.WorkingCalendar.vietnam(known_at=date(2025, 6, 1))) == (
        "WorkingCalendar.vietnam(known_at=datetime.date(2025, 6, 1))"
    )


def test_an_unknown_field_of_a_year_is_named(tmp_path: Path) -> None:
    p = _write(tmp_path, "y.toml", "format = 1\n[[years]]\nyear = 2030\nextra = 1\n")
    with pytest.raises(vietnam.CalendarFileError) as info:
        vietnam.load_announcements(p)
    assert [q.path for q in info.value.problems] == ["years[0].extra"]


def test_an_assembled_calendars_name_and_version(tmp_path: Path) -> None:
    package = vietnam.package_announcements()
    assert package.format == 1
    unnamed = vietnam.assemble(attrs.evolve(package, data_version=None))
    assert (unnamed.name, unnamed.data_version) == ("vietnam", "vietnam unknown")
    one = _write(tmp_path, "a.toml", 'format = 1\ndata_version = "a-1"\n')
    two = _write(tmp_path, "b.toml", 'format = 1\ndata_version = "b-2"\n')
    both = pk.WorkingCalendar.vietnam(extra_files=[one, two])
    assert both.data_version == f"vietnam {package.data_version}+extra(a-1,b-2)"


def test_an_unverified_year_is_not_used_before_it_begins(tmp_path: Path) -> None:
    # Its data counts as announced on 1 January of the year: as known in June 2029, the
    # holidays swap of 2030 is not in the calendar.
    cal = _with_a_2030_swap(tmp_path, known_at=date(2029, 6, 1))
    assert cal.entry(date(2030, 5, 4)) is None


def test_a_compensatory_row_on_a_statutory_day_keeps_the_statutory_day() -> None:
    # An "(observed)" row holidays might give on a day that is itself a holiday: the day
    # keeps its own name, and the rows after it are still read.
    rows: list[tuple[date, str]] = []
    for row in vietnam._package_rows():
        rows.append(row)
        if row == (date(2030, 9, 2), "National Day"):
            rows.append((date(2030, 9, 2), "National Day (observed)"))
    cal = vietnam.assemble(vietnam.package_announcements(), rows=rows)
    entry = cal.entry(date(2030, 9, 2))
    assert entry is not None
    assert entry.kind is pk.DayKind.STATUTORY
    assert not cal.is_working_day(date(2031, 1, 1))
