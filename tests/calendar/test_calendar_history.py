"""2010-2018 from the announcements: year statuses, Tết labels, the data format, imports.

The golden days of each verified year are in ``tests/golden/calendar_vietnam_2010_2026.csv``
(``test_calendar_vietnam.py``); this module tests what makes a year verified or not, and
that the status survives every way a calendar is made (``known_at``, ``with_changes``,
the shipped table, pickling).
"""

from __future__ import annotations

import ast
import pickle
from datetime import date
from pathlib import Path

import pytest

import procedurekit as pk
from procedurekit.calendar import _build
from procedurekit.calendar.vietnam import (
    CalendarFileError,
    calendar_from_table,
    load_announcements,
    package_announcements,
)
from procedurekit.calendar.working import DayKind, EntryStatus, WorkingCalendar

CALENDAR_SRC = Path(pk.__file__).parent / "calendar"


@pytest.fixture(scope="module")
def cal() -> pk.WorkingCalendar:
    return pk.WorkingCalendar.vietnam()


# -- year statuses ---------------------------------------------------------------------------


def test_year_status_values(cal: pk.WorkingCalendar) -> None:
    assert cal.year_status(2014) == "complete"
    assert cal.year_status(2017) == "unverified"
    assert cal.year_status(2027) == "provisional"
    assert cal.unverified_years == frozenset({2017})
    assert 2017 not in cal.complete_years
    for year in range(2010, 2061):
        status = cal.year_status(year)
        assert cal.is_provisional(date(year, 6, 1)) is (status != "complete")
        assert (year in cal.unverified_years) is (status == "unverified")


def test_unverified_year_keeps_the_holidays_days(cal: pk.WorkingCalendar) -> None:
    """2017 is flagged, not emptied: its days are still the best known."""
    assert cal.is_provisional(date(2017, 4, 6))
    assert not cal.is_working_day(date(2017, 4, 6))  # Hùng Kings, from the law
    assert not cal.is_working_day(date(2017, 1, 31))  # Tết, Công văn 9794/VPCP-KGVX
    e = cal.entry(date(2017, 1, 26))
    assert e is not None
    assert e.status is EntryStatus.UNVERIFIED
    assert e.source is not None
    assert "9794/VPCP-KGVX" in e.source


@pytest.mark.parametrize(
    "bad", [2009, 2061, "2017", 2017.0, True], ids=["low", "high", "str", "float", "bool"]
)
def test_year_status_refuses_bad_years(cal: pk.WorkingCalendar, bad: object) -> None:
    with pytest.raises(pk.ProcedureKitError) as info:
        cal.year_status(bad)  # type: ignore[arg-type]
    assert info.value.path == "year"


def test_known_at_keeps_the_statuses() -> None:
    # Before 1 January 2017 the unverified year is not even announced: provisional.
    early = pk.WorkingCalendar.vietnam(known_at=date(2016, 12, 31))
    assert early.year_status(2017) == "provisional"
    assert early.year_status(2016) == "complete"  # Thông báo 4659/TB-LĐTBXH, 2015-11-13
    assert early.year_status(2018) == "provisional"
    later = pk.WorkingCalendar.vietnam(known_at=date(2017, 1, 1))
    assert later.year_status(2017) == "unverified"
    assert later.unverified_years == frozenset({2017})
    # 2014 is complete only once its last swap (National Day, 1/9 for 6/9) was announced.
    at = pk.WorkingCalendar.vietnam
    assert at(known_at=date(2014, 8, 28)).year_status(2014) == "provisional"
    assert at(known_at=date(2014, 12, 26)).year_status(2014) == "complete"
    today = pk.WorkingCalendar.vietnam(known_at=date(2026, 12, 31))
    assert today.unverified_years == pk.WorkingCalendar.vietnam().unverified_years


def test_known_at_before_an_announcement_drops_its_days() -> None:
    before = pk.WorkingCalendar.vietnam(known_at=date(2013, 12, 11))
    assert before.year_status(2014) == "provisional"
    assert before.is_working_day(date(2014, 1, 28))  # swap not yet announced
    assert not before.is_working_day(date(2014, 1, 25))  # so no make-up Saturday
    after = pk.WorkingCalendar.vietnam(known_at=date(2013, 12, 12))  # Công văn 10525/VPCP-KGVX
    assert not after.is_working_day(date(2014, 1, 28))
    assert after.is_working_day(date(2014, 1, 25))


def test_a_confirming_document_does_not_reopen_its_year() -> None:
    """Công văn 3383/BNV-CVL (no swap around 30/4/2026) changes no day: 2026 stays complete
    before it, and its citation appears from its date on."""
    before = pk.WorkingCalendar.vietnam(known_at=date(2026, 4, 9))
    assert before.year_status(2026) == "complete"
    assert "3383" not in (before.entry(date(2026, 4, 30)).source or "")  # type: ignore[union-attr]
    after = pk.WorkingCalendar.vietnam(known_at=date(2026, 4, 10))
    assert "3383/BNV-CVL" in (after.entry(date(2026, 4, 30)).source or "")  # type: ignore[union-attr]
    assert before.table == after.table


def test_with_changes_keeps_the_statuses(cal: pk.WorkingCalendar) -> None:
    office = cal.with_changes(days_off=[date(2017, 6, 15)], name="so-tu-phap")
    assert office.year_status(2017) == "unverified"
    assert office.unverified_years == cal.unverified_years
    assert office.complete_years == cal.complete_years
    assert office.is_provisional(date(2017, 6, 15))
    assert not office.is_working_day(date(2017, 6, 15))


def test_pickle_keeps_everything(cal: pk.WorkingCalendar) -> None:
    again = pickle.loads(pickle.dumps(cal))
    assert again == cal
    assert again.unverified_years == cal.unverified_years
    assert again.complete_years == cal.complete_years
    assert again.data_version == cal.data_version
    assert again.name == cal.name
    assert again.entries() == cal.entries()
    assert again.add_working_days(date(2014, 1, 24), 1) == date(2014, 1, 25)
    local = pickle.loads(pickle.dumps(cal.with_changes(working_days=[date(2030, 6, 1)])))
    assert local.is_working_day(date(2030, 6, 1))
    assert local.year_status(2017) == "unverified"


def test_shipped_table_carries_the_statuses() -> None:
    table = _build.build_table()
    assert table["unverified_years"] == [2017]
    assert 2017 not in table["complete_years"]
    rebuilt = calendar_from_table(table)
    assert rebuilt.unverified_years == frozenset({2017})
    assert rebuilt == pk.WorkingCalendar.vietnam()


def test_a_year_cannot_be_both(cal: pk.WorkingCalendar) -> None:
    with pytest.raises(pk.ProcedureKitError) as info:
        WorkingCalendar(complete_years=[2017], unverified_years=[2017])
    assert info.value.path == "unverified_years"


# -- the days that changed -------------------------------------------------------------------


def test_28_january_2014_is_a_day_off(cal: pk.WorkingCalendar) -> None:
    """The issue's example: a deadline crossing Tết 2014 was one working day off."""
    assert cal.add_working_days(date(2014, 1, 24), 1) == date(2014, 1, 25)  # make-up Saturday
    assert cal.add_working_days(date(2014, 1, 27), 1) == date(2014, 2, 6)  # 28/1-5/2 off
    # (24/1, 10/2]: 25/1 (make-up), 27/1, 6/2, 7/2, 8/2 (make-up), 10/2
    assert cal.working_days_between(date(2014, 1, 24), date(2014, 2, 10)) == 6
    assert cal.reason(date(2014, 1, 28))[2] == "Công văn 10525/VPCP-KGVX"  # type: ignore[index]


@pytest.mark.parametrize(
    ("day", "kind", "source"),
    [
        (date(2010, 2, 19), DayKind.SWAP, "số văn bản không xác định"),
        (date(2010, 2, 27), DayKind.MAKEUP, "số văn bản không xác định"),
        (date(2010, 9, 3), DayKind.SWAP, "5971/VPCP-KGVX"),
        (date(2010, 9, 11), DayKind.MAKEUP, "5971/VPCP-KGVX"),
        (date(2011, 1, 30), DayKind.MAKEUP, "9529/VPCP-KGVX"),  # a Sunday worked
        (date(2011, 4, 11), DayKind.SWAP, "9529/VPCP-KGVX"),
        (date(2012, 12, 31), DayKind.SWAP, "9570/VPCP-KGVX"),
        (date(2013, 2, 15), DayKind.SWAP, "9570/VPCP-KGVX"),
        (date(2013, 2, 23), DayKind.MAKEUP, "9570/VPCP-KGVX"),
        (date(2014, 1, 29), DayKind.SWAP, "10525/VPCP-KGVX"),
        (date(2014, 2, 5), DayKind.COMPENSATORY, "10525/VPCP-KGVX"),
        (date(2014, 9, 1), DayKind.SWAP, "số văn bản không xác định"),
        (date(2015, 1, 2), DayKind.SWAP, "89/TTr-LĐTBXH"),
    ],
)
def test_announced_days_carry_their_document(
    cal: pk.WorkingCalendar, day: date, kind: DayKind, source: str
) -> None:
    e = cal.entry(day)
    assert e is not None
    assert e.kind is kind
    assert e.working is (kind is DayKind.MAKEUP)
    assert e.source is not None
    assert source in e.source
    assert e.announced is not None
    assert e.announced < day


# -- Tết labels -------------------------------------------------------------------------------


def test_tet_under_the_1994_code_has_four_days(cal: pk.WorkingCalendar) -> None:
    """Until 2013-04-30 (Art. 73): the last day of the lunar year and the first three; the
    later days off are nghỉ bù or swaps, never a statutory "Mùng năm/sáu"."""
    for year in range(2010, 2014):
        tet = [
            e
            for e in cal.entries(year)
            if e.day.month <= 2 and ("Tết Âm lịch" in e.name_vi or "Tết Nguyên Đán" in e.name_vi)
        ]
        statutory = [e for e in tet if e.kind is DayKind.STATUTORY]
        assert len(statutory) == 4, statutory
        assert statutory[0].name_vi.startswith("Tết Âm lịch: ngày cuối năm âm lịch")
        for e in statutory:
            assert "Mùng năm" not in e.name_vi
            assert "Mùng sáu" not in e.name_vi
            assert e.source is not None
            assert "1994" in e.source
        others = {e.kind for e in tet if e.kind is not DayKind.STATUTORY}
        assert others <= {DayKind.COMPENSATORY, DayKind.SWAP}, others
    assert cal.entry(date(2013, 2, 13)).kind is DayKind.COMPENSATORY  # type: ignore[union-attr]
    assert cal.entry(date(2013, 2, 14)).kind is DayKind.COMPENSATORY  # type: ignore[union-attr]
    assert cal.entry(date(2011, 2, 7)).kind is DayKind.COMPENSATORY  # type: ignore[union-attr]
    # the eve of 2013 was the 29th of the month (computed, not assumed to be the 30th)
    assert cal.entry(date(2013, 2, 9)).name_vi.endswith("(29 tháng Chạp)")  # type: ignore[union-attr]
    assert cal.entry(date(2010, 2, 13)).name_vi.endswith("(30 tháng Chạp)")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (date(2014, 2, 3), DayKind.STATUTORY),  # mùng 4: the fifth Tết day of 2014
        (date(2014, 2, 4), DayKind.COMPENSATORY),
        (date(2015, 2, 17), DayKind.STATUTORY),  # 29 Chạp, the first Tết day of 2015
        (date(2015, 2, 23), DayKind.COMPENSATORY),  # "nghỉ bù vào thứ 2 ngày 23/2/2015"
        (date(2016, 2, 12), DayKind.COMPENSATORY),  # Thông báo 4659/TB-LĐTBXH
        (date(2017, 1, 31), DayKind.COMPENSATORY),  # "nghỉ bù vào mùng 4, mùng 5"
        (date(2017, 2, 1), DayKind.COMPENSATORY),
        (date(2021, 2, 15), DayKind.STATUTORY),  # 2019 Code: five weekdays, no nghỉ bù
        (date(2026, 2, 20), DayKind.STATUTORY),
    ],
)
def test_tet_kinds_follow_the_announcements(
    cal: pk.WorkingCalendar, day: date, kind: DayKind
) -> None:
    e = cal.entry(day)
    assert e is not None
    assert e.kind is kind
    if kind is DayKind.COMPENSATORY:
        assert "nghỉ bù" in e.name_vi
        assert "compensatory" in e.name_en


def test_weekend_days_that_are_not_tet_days_are_not_listed(cal: pk.WorkingCalendar) -> None:
    # 2015: Tết 17/2-21/2 and a nghỉ bù Monday; Sunday 22/2 is a plain Sunday.
    assert cal.entry(date(2015, 2, 22)) is None
    # 2025: the five Tết days were Monday 27 to Friday 31 January.
    assert cal.entry(date(2025, 2, 1)) is None
    assert [e.day.day for e in cal.days_off(2025) if e.day.month == 1 and e.day.day > 20] == [
        27,
        28,
        29,
        30,
        31,
    ]


# -- the data format -------------------------------------------------------------------------


def test_laws_carry_the_tet_days() -> None:
    laws = {law.since.year: law for law in package_announcements().laws}
    assert (laws[2010].tet_days, laws[2010].tet_span) == (4, "days")
    assert (laws[2013].tet_days, laws[2013].tet_span) == (5, "days")
    assert (laws[2021].tet_days, laws[2021].tet_span) == (5, "weekdays")


def test_bad_laws_and_years_are_reported(tmp_path: Path) -> None:
    p = tmp_path / "a.toml"
    p.write_text(
        """
format = 1

[[laws]]
since = 2010-01-01
holidays = "x"
compensatory = "y"
tet_days = 6
tet_span = "months"

[[years]]
year = 2017
status = "unverified"
complete = true
""",
        encoding="utf-8",
    )
    with pytest.raises(CalendarFileError) as info:
        load_announcements(p)
    assert [q.path for q in info.value.problems] == [
        "laws[0].tet_days",
        "laws[0].tet_span",
        "years[0].complete",
    ]
    assert "an unverified year cannot be complete" in str(info.value)


# -- imports point one way -------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    """Modules imported anywhere in ``path`` (top level and inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_calendar_imports_point_one_way() -> None:
    """_build -> vietnam -> working (and vietnam -> _lunar); working imports vietnam only
    lazily inside WorkingCalendar.vietnam(), which is allowed; nothing imports _build."""
    build = _imports(CALENDAR_SRC / "_build.py")
    vietnam = _imports(CALENDAR_SRC / "vietnam.py")
    working = _imports(CALENDAR_SRC / "working.py")
    lunar = _imports(CALENDAR_SRC / "_lunar.py")
    assert "procedurekit.calendar.vietnam" in build
    assert "procedurekit.calendar._build" not in vietnam | working | lunar
    assert "procedurekit.calendar.vietnam" not in lunar
    assert not {m for m in lunar if m.startswith("procedurekit")}
    top_level_working = {
        node.module
        for node in ast.parse((CALENDAR_SRC / "working.py").read_text(encoding="utf-8")).body
        if isinstance(node, ast.ImportFrom)
    }
    assert "procedurekit.calendar.vietnam" not in top_level_working
