"""The package's solar <-> lunar conversion (``calendar/_lunar.py``), used by the check of
announcement files: against the ``holidays`` package's Tết and Giỗ Tổ days (a separate
implementation, with its own tables), round trips, and the leap months of the period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from procedurekit.calendar._lunar import (
    LunarDate,
    last_month_length,
    lunar_date,
    lunar_new_year,
    solar_date,
)
from procedurekit.calendar.vietnam import holidays_rows

YEARS = range(2010, 2061)


@pytest.fixture(scope="module")
def rows() -> list[tuple[date, str]]:
    return holidays_rows(YEARS.start, YEARS.stop - 1)


def test_lunar_new_year_agrees_with_holidays_2010_2060(rows: list[tuple[date, str]]) -> None:
    tet = {d.year: d for d, name in rows if name == "Lunar New Year"}
    assert {y: lunar_new_year(y) for y in YEARS} == {y: tet[y] for y in YEARS}


def test_gio_to_agrees_with_holidays_2010_2060(rows: list[tuple[date, str]]) -> None:
    gio_to = {d.year: d for d, name in rows if name == "Hung Kings' Commemoration Day"}
    assert {y: solar_date(y, 3, 10) for y in YEARS} == {y: gio_to[y] for y in YEARS}


def test_every_day_round_trips() -> None:
    day = date(2009, 12, 1)
    while day <= date(2061, 2, 28):
        lunar = lunar_date(day)
        assert solar_date(lunar.year, lunar.month, lunar.day, leap=lunar.leap) == day, day
        day += timedelta(days=1)


def test_the_eve_is_the_last_day_of_the_lunar_year() -> None:
    # last_month_length (the table's builder) and lunar_date agree on every Tết eve.
    for year in YEARS:
        tet = lunar_new_year(year)
        eve = lunar_date(tet - timedelta(days=1))
        assert (eve.year, eve.month, eve.day) == (year - 1, 12, last_month_length(tet))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 3, 22), LunarDate(2023, 2, 1, leap=True)),  # Quý Mão: leap 2nd month
        (date(2023, 4, 20), LunarDate(2023, 3, 1)),
        (date(2020, 5, 23), LunarDate(2020, 4, 1, leap=True)),  # Canh Tý: leap 4th month
        (date(2025, 7, 25), LunarDate(2025, 6, 1, leap=True)),  # Ất Tỵ: leap 6th month
        (date(2033, 12, 22), LunarDate(2033, 11, 1, leap=True)),  # Quý Sửu: leap 11th month
        (date(2034, 2, 19), LunarDate(2034, 1, 1)),  # so Tết 2034 is three moons later
        (date(2026, 2, 16), LunarDate(2025, 12, 29)),  # "29 tháng Chạp năm Ất Tỵ"
        (date(2026, 2, 22), LunarDate(2026, 1, 6)),  # "mùng 6 tháng Giêng năm Bính Ngọ"
    ],
)
def test_known_dates_and_leap_months(day: date, expected: LunarDate) -> None:
    assert lunar_date(day) == expected
    assert solar_date(expected.year, expected.month, expected.day, leap=expected.leap) == day


def test_a_leap_month_the_year_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="no leap month 3"):
        solar_date(2023, 3, 1, leap=True)
    with pytest.raises(ValueError, match="no leap month"):
        solar_date(2024, 5, 1, leap=True)


def test_utc7_and_utc8_differ_where_the_docs_say() -> None:
    # docs/calendar-data.md: Tết 2030 and 2053 are a day earlier at UTC+7 than at UTC+8.
    assert lunar_new_year(2030) == date(2030, 2, 2)
    assert lunar_new_year(2030, tz=8) == date(2030, 2, 3)
    assert lunar_new_year(2053) == date(2053, 2, 18)
    assert lunar_new_year(2053, tz=8) == date(2053, 2, 19)
