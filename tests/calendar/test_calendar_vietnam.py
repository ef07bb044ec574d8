"""The official Vietnamese calendar against DOMAIN.md §2: golden days, names, known_at."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from _paths import GOLDEN
from hypothesis import given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.calendar.vietnam import package_announcements, vietnam_calendar
from procedurekit.calendar.working import DayKind, EntryStatus

GOLDEN = GOLDEN / "calendar_vietnam_2010_2026.csv"
#: Years whose announcements were all found (docs/calendar-data.md, "Coverage"): every day
#: of each is checked against the golden file. 2017 stays unverified (the Hùng Kings' day of
#: 2017 was not found): only its listed rows are checked.
VERIFIED_YEARS = sorted(set(range(2010, 2027)) - {2017})


def _golden() -> list[tuple[date, bool, str, str]]:
    with GOLDEN.open(encoding="utf-8", newline="") as f:
        return [
            (date.fromisoformat(r["date"]), r["working"] == "1", r["rule"], r["source"])
            for r in csv.DictReader(f)
        ]


ROWS = _golden()


@pytest.fixture(scope="module")
def cal() -> pk.WorkingCalendar:
    return pk.WorkingCalendar.vietnam()


@pytest.mark.parametrize(
    ("day", "working", "rule", "source"),
    ROWS,
    ids=[f"{d}-{'work' if w else 'off'}-{s.split(':', 1)[1].strip()[:40]}" for d, w, _, s in ROWS],
)
def test_golden_day(
    cal: pk.WorkingCalendar, day: date, working: bool, rule: str, source: str
) -> None:
    assert cal.is_working_day(day) is working, f"{day} ({rule}; {source})"


@pytest.mark.parametrize("year", VERIFIED_YEARS)
def test_weekday_days_off_are_exactly_the_table(cal: pk.WorkingCalendar, year: int) -> None:
    """Every weekday off and every weekend day worked in a verified year is a golden row."""
    first = date(year, 1, 1)
    listed_off = {d for d, w, _, _ in ROWS if not w and d.year == year}
    listed_worked = {d for d, w, _, _ in ROWS if w and d.weekday() >= 5 and d.year == year}
    days = [first + timedelta(k) for k in range((date(year, 12, 31) - first).days + 1)]
    off = {d for d in days if d.weekday() < 5 and not cal.is_working_day(d)}
    worked = {d for d in days if d.weekday() >= 5 and cal.is_working_day(d)}
    assert off == listed_off
    assert worked == listed_worked
    assert cal.year_status(year) == "complete"


def test_verified_years_are_the_complete_ones(cal: pk.WorkingCalendar) -> None:
    assert sorted(y for y in range(2010, 2027) if cal.year_status(y) == "complete") == (
        VERIFIED_YEARS
    )
    assert cal.unverified_years == frozenset({2017})


def test_unconfirmed_november_2026_swap_is_absent(cal: pk.WorkingCalendar) -> None:
    assert cal.is_working_day(date(2026, 11, 23))
    assert not cal.is_working_day(date(2026, 11, 28))
    assert cal.entry(date(2026, 11, 28)) is None


def test_tet_2026_deadline(cal: pk.WorkingCalendar) -> None:
    assert cal.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1


def test_new_year_2026_swap_has_its_source(cal: pk.WorkingCalendar) -> None:
    off = cal.entry(date(2026, 1, 2))
    worked = cal.entry(date(2026, 1, 10))
    assert off is not None
    assert worked is not None
    assert off.kind is DayKind.SWAP
    assert not off.working
    assert worked.kind is DayKind.MAKEUP
    assert worked.working
    for e in (off, worked):
        assert e.source == "Công văn 12729/VPCP-KGVX"
        assert e.announced == date(2025, 12, 25)
        assert e.status is EntryStatus.CONFIRMED
    assert cal.reason(date(2026, 1, 2)) == (off.name_vi, off.name_en, "Công văn 12729/VPCP-KGVX")


def test_cultural_day_is_reported(cal: pk.WorkingCalendar) -> None:
    e = cal.entry(date(2026, 11, 24))
    assert e is not None
    assert e.status is EntryStatus.REPORTED
    assert e.name_vi == "Ngày Văn hóa Việt Nam"
    assert e.source is not None
    assert "80-NQ/TW" in e.source
    assert "28/2026/QH16" in e.source
    later = cal.entry(date(2027, 11, 24))
    assert later is not None
    assert later.status is EntryStatus.REPORTED
    assert not cal.is_working_day(date(2027, 11, 24))


def test_days_off_lists_names_kinds_and_sources(cal: pk.WorkingCalendar) -> None:
    days = cal.days_off(2026)
    by_day = {e.day: e for e in days}
    assert by_day[date(2026, 1, 1)].name_vi == "Tết Dương lịch"
    assert by_day[date(2026, 1, 1)].kind is DayKind.STATUTORY
    assert by_day[date(2026, 1, 1)].source == "Bộ luật Lao động 2019, Điều 112"
    assert by_day[date(2026, 4, 27)].kind is DayKind.COMPENSATORY
    assert by_day[date(2026, 4, 27)].name_vi == "Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert by_day[date(2026, 4, 27)].source == (
        "Bộ luật Lao động 2019, Điều 111(3); Công văn 3383/BNV-CVL"
    )
    assert "9441/TB-BNV" in (by_day[date(2026, 2, 16)].source or "")
    assert by_day[date(2026, 8, 31)].kind is DayKind.SWAP
    assert by_day[date(2026, 4, 30)].name_vi == "Ngày Giải phóng miền Nam thống nhất đất nước"
    assert "9859/VPCP-KGVX" in (by_day[date(2026, 2, 17)].source or "")
    for e in days:
        assert e.name_vi, e
        assert e.name_en, e
        assert e.source, e
        assert not e.working
    assert {e.day for e in cal.makeup_days(2026)} == {date(2026, 1, 10), date(2026, 8, 22)}


def test_sources_follow_the_labour_code_in_force(cal: pk.WorkingCalendar) -> None:
    assert cal.entry(date(2020, 9, 2)).source == "Bộ luật Lao động 2012, Điều 115"  # type: ignore[union-attr]
    assert cal.entry(date(2021, 9, 2)).source.startswith("Bộ luật Lao động 2019, Điều 112")  # type: ignore[union-attr]
    assert "1994" in cal.entry(date(2012, 9, 3)).source  # type: ignore[union-attr]


def test_statuses_by_period(cal: pk.WorkingCalendar) -> None:
    assert cal.entry(date(2017, 1, 2)).status is EntryStatus.UNVERIFIED  # type: ignore[union-attr]
    assert cal.entry(date(2017, 4, 6)).status is EntryStatus.UNVERIFIED  # type: ignore[union-attr]
    assert cal.entry(date(2015, 1, 2)).status is EntryStatus.REPORTED  # type: ignore[union-attr]
    assert cal.entry(date(2013, 2, 13)).status is EntryStatus.CONFIRMED  # type: ignore[union-attr]
    assert cal.entry(date(2024, 9, 3)).status is EntryStatus.CONFIRMED  # type: ignore[union-attr]
    assert cal.entry(date(2027, 9, 2)).status is EntryStatus.PROJECTED  # type: ignore[union-attr]
    assert cal.entry(date(2020, 1, 23)).status is EntryStatus.REPORTED  # type: ignore[union-attr]


def test_provisional_years(cal: pk.WorkingCalendar) -> None:
    assert cal.is_provisional(date(2027, 3, 1))
    assert cal.is_provisional(date(2060, 12, 31))
    assert not cal.is_provisional(date(2025, 3, 1))
    assert not cal.is_provisional(date(2026, 12, 31))
    assert not cal.is_provisional(date(2012, 5, 1))
    assert cal.is_provisional(date(2017, 5, 1))  # unverified: not complete either
    assert cal.complete_years == frozenset(VERIFIED_YEARS)


def test_2027_has_only_law_fixed_days(cal: pk.WorkingCalendar) -> None:
    kinds = {e.kind for e in cal.entries(2027)}
    assert kinds <= {DayKind.STATUTORY, DayKind.COMPENSATORY}
    assert cal.makeup_days(2027) == []


def test_data_version(cal: pk.WorkingCalendar) -> None:
    version = package_announcements().data_version
    assert cal.data_version == f"vietnam {version}"
    known = pk.WorkingCalendar.vietnam(known_at=date(2025, 12, 1))
    assert known.data_version == f"vietnam {version}@2025-12-01"


def test_default_is_cached_and_immutable() -> None:
    assert pk.WorkingCalendar.vietnam() is pk.WorkingCalendar.vietnam()
    assert vietnam_calendar() is pk.WorkingCalendar.vietnam()


# -- known_at ---------------------------------------------------------------------------------


def test_known_at_before_new_year_swap() -> None:
    before = pk.WorkingCalendar.vietnam(known_at=date(2025, 12, 24))
    assert before.is_working_day(date(2026, 1, 2))
    assert not before.is_working_day(date(2026, 1, 10))
    assert before.is_provisional(date(2026, 1, 2))
    assert not before.is_provisional(date(2025, 6, 2))
    assert before.is_provisional(date(2027, 6, 1))
    # Tết and National Day 2026 (Công văn 9859/VPCP-KGVX, 2025-10-13) were already known.
    assert not before.is_working_day(date(2026, 8, 31))
    assert before.is_working_day(date(2026, 2, 13))


def test_known_at_after_new_year_swap() -> None:
    after = pk.WorkingCalendar.vietnam(known_at=date(2025, 12, 25))
    assert not after.is_working_day(date(2026, 1, 2))
    assert after.is_working_day(date(2026, 1, 10))
    # Resolution 80-NQ/TW (2026-01-07) still to come: 2026 is provisional, 24/11 is worked.
    assert after.is_provisional(date(2026, 1, 2))
    assert after.is_working_day(date(2026, 11, 24))
    settled = pk.WorkingCalendar.vietnam(known_at=date(2026, 1, 7))
    assert not settled.is_provisional(date(2026, 1, 2))
    assert not settled.is_working_day(date(2026, 11, 24))


def test_known_at_before_a_year_is_announced_keeps_law_fixed_days_only() -> None:
    cal = pk.WorkingCalendar.vietnam(known_at=date(2025, 1, 1))
    assert cal.is_working_day(date(2026, 8, 31))  # swap not yet announced
    assert not cal.is_working_day(date(2026, 8, 22))  # so no make-up Saturday
    assert not cal.is_working_day(date(2026, 9, 1))  # National Day's second day, per holidays
    assert not cal.is_working_day(date(2026, 4, 27))  # compensatory day: the law
    assert cal.entry(date(2026, 2, 17)).status is EntryStatus.PROJECTED  # type: ignore[union-attr]
    assert cal.is_working_day(date(2026, 11, 24))  # Cultural Day not yet decided
    assert cal.is_working_day(date(2030, 11, 25))


def test_known_at_for_2024_and_2019_swaps() -> None:
    before = pk.WorkingCalendar.vietnam(known_at=date(2024, 4, 11))
    assert before.is_working_day(date(2024, 4, 29))
    assert not before.is_working_day(date(2024, 5, 4))
    after = pk.WorkingCalendar.vietnam(known_at=date(2024, 4, 12))
    assert not after.is_working_day(date(2024, 4, 29))
    assert after.is_working_day(date(2024, 5, 4))
    early = pk.WorkingCalendar.vietnam(known_at=date(2018, 7, 10))
    assert early.is_working_day(date(2018, 12, 31))
    assert early.is_provisional(date(2019, 1, 1))
    # holidays' own 2018-12-31 swap is not used in its place: the overlay owns that date.
    assert early.entry(date(2018, 12, 31)) is None


def test_known_at_today_equals_default() -> None:
    today = pk.WorkingCalendar.vietnam(known_at=date(2026, 11, 26))
    assert today == pk.WorkingCalendar.vietnam()
    assert today.table == pk.WorkingCalendar.vietnam().table


def test_known_at_never_drops_law_fixed_days() -> None:
    default = pk.WorkingCalendar.vietnam()
    early = pk.WorkingCalendar.vietnam(known_at=date(2009, 6, 1))
    for e in default.entries():
        if e.kind in (DayKind.STATUTORY, DayKind.COMPENSATORY) and e.day.year >= 2010:
            if e.name_en.startswith("Vietnam Cultural Day") or e.announced is not None:
                continue  # a day added by the law later, or by an announcement
            assert not early.is_working_day(e.day) or e.day.weekday() >= 5, e


@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=date(2017, 1, 1), max_value=date(2027, 12, 31)))
def test_known_at_property(d: date) -> None:
    """No entry announced after d; a year complete at d stays complete later; today's = default."""
    cal = pk.WorkingCalendar.vietnam(known_at=d)
    assert cal.data_version.endswith(f"@{d.isoformat()}")
    for e in cal.entries():
        assert e.announced is None or e.announced <= d, e
    now = pk.WorkingCalendar.vietnam()
    assert cal.complete_years <= now.complete_years
    if d >= date(2026, 4, 10):  # the data's last announcement (Công văn 3383/BNV-CVL)
        assert cal == now
    for year in cal.complete_years:
        assert year <= d.year + 1
