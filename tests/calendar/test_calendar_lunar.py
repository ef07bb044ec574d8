"""An independent check of the calendar's lunar dates (Tết, Giỗ Tổ, the days before Tết).

This module implements, on its own, Hồ Ngọc Đức's published algorithm for the Vietnamese
lunisolar calendar ("Thuật toán tính âm lịch"): new moons from the series of Jean Meeus,
*Astronomical Algorithms* (1998), and the sun's longitude to place the 11th month (the one
holding the winter solstice) and the leap month, all at the meridian of the time zone
given (UTC+7 for Vietnam, UTC+8 for the Chinese calendar). It shares no code with
``procedurekit`` (whose build uses the ``holidays`` package's tables and its own new-moon
function, ``calendar/_lunar.py``), so agreement is evidence, not a tautology.

For 2010-2060 it checks that the calendar's Tết days are where the lunar calendar puts them
(every Tết day's name states its lunar date), that Giỗ Tổ (10th day of the 3rd month) is a
statutory day, that a day named "29 Tết" is the 29th of the last month (and "28 Tết" the
28th), and pins the years where UTC+7 and UTC+8 give different dates.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

import pytest

import procedurekit as pk
from procedurekit.calendar._lunar import last_month_length
from procedurekit.calendar.working import DayKind

VIETNAM = 7
CHINA = 8

# -- the algorithm (Hồ Ngọc Đức, after Meeus) ---------------------------------------------------


def _jdn(d: date) -> int:
    """Julian day number of a Gregorian date."""
    a = (14 - d.month) // 12
    y = d.year + 4800 - a
    m = d.month + 12 * a - 3
    return d.day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def _from_jdn(jd: int) -> date:
    a = jd + 32044
    b = (4 * a + 3) // 146097
    c = a - b * 146097 // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = b * 100 + d - 4800 + m // 10
    return date(year, month, day)


def _new_moon(k: int) -> float:
    """Julian day of the k-th new moon after 1900-01-01 (Meeus, ch. 49, truncated)."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 = jd1 + 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 = c1 - 0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(dr * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        deltat = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        deltat = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - deltat


def _new_moon_day(k: int, tz: int) -> int:
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_longitude(jdn: float) -> float:
    """The sun's apparent longitude (radians, 0..2π) at Julian day ``jdn`` (Meeus, ch. 25)."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl = dl + (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    return lon - 2 * math.pi * math.floor(lon / (2 * math.pi))


def _sun_sector(day: int, tz: int) -> int:
    """Which 30° sector (0..11) the sun is in at the start of local day ``day``."""
    return math.floor(_sun_longitude(day - 0.5 - tz / 24) / math.pi * 6)


def _month11(year: int, tz: int) -> int:
    """First day (JDN) of the 11th lunar month, the one holding the winter solstice."""
    off = _jdn(date(year, 12, 31)) - 2415021
    k = math.floor(off / 29.530588853)
    nm = _new_moon_day(k, tz)
    if _sun_sector(nm, tz) >= 9:
        nm = _new_moon_day(k - 1, tz)
    return nm


def _leap_offset(a11: int, tz: int) -> int:
    k = math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            break
    return i - 1


def solar_to_lunar(d: date, tz: int = VIETNAM) -> tuple[int, int, int, bool]:
    """(day, month, lunar year, leap) of Gregorian date ``d``."""
    day_number = _jdn(d)
    k = math.floor((day_number - 2415021.076998695) / 29.530588853)
    month_start = _new_moon_day(k + 1, tz)
    if month_start > day_number:
        month_start = _new_moon_day(k, tz)
    a11 = _month11(d.year, tz)
    b11 = a11
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _month11(d.year - 1, tz)
    else:
        lunar_year = d.year + 1
        b11 = _month11(d.year + 1, tz)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_offset(a11, tz)
        if diff >= leap_diff:
            lunar_month = diff + 10
            leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return lunar_day, lunar_month, lunar_year, leap


def lunar_to_solar(day: int, month: int, year: int, tz: int = VIETNAM) -> date:
    """The Gregorian date of (non-leap) lunar ``day``/``month`` of lunar ``year``."""
    if month < 11:
        a11, b11 = _month11(year - 1, tz), _month11(year, tz)
    else:
        a11, b11 = _month11(year, tz), _month11(year + 1, tz)
    k = math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853)
    off = month - 11
    if off < 0:
        off += 12
    if b11 - a11 > 365 and off >= _leap_offset(a11, tz):
        off += 1
    return _from_jdn(_new_moon_day(k + off, tz) + day - 1)


def tet(year: int, tz: int = VIETNAM) -> date:
    return lunar_to_solar(1, 1, year, tz)


def gio_to(year: int, tz: int = VIETNAM) -> date:
    return lunar_to_solar(10, 3, year, tz)


# -- the algorithm against published dates --------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "lunar"),
    [
        # Dates the announcements state in both calendars (calendar/data/vietnam.toml).
        (date(2010, 2, 13), (30, 12)),  # "13-2 (tức 30 tháng Chạp)", Tết 2010
        (date(2011, 1, 31), (28, 12)),  # "thứ hai, ngày 31-1 (tức 28 Tết)", Tết 2011
        (date(2012, 1, 27), (5, 1)),  # "27.1.2012 (tức ngày 5 tháng Giêng)"
        (date(2013, 2, 9), (29, 12)),  # "9-2-2013 (tức 29 tháng Chạp)": the eve, a 29-day month
        (date(2013, 2, 23), (14, 1)),  # "23-2-2013 (tức 14 tháng Giêng)"
        (date(2014, 1, 28), (28, 12)),  # "28/1/2014 (tức ngày 28 tháng Chạp)"
        (date(2015, 2, 15), (27, 12)),  # "15/2/2015 ... 27 tháng Chạp năm Giáp Ngọ"
        (date(2016, 2, 6), (28, 12)),  # "6/2/2016 ... 28 tháng chạp năm Ất Mùi"
        (date(2017, 1, 26), (29, 12)),  # "26/01/2017 (tức ... 29 tháng Chạp năm Bính Thân)"
        (date(2025, 1, 27), (28, 12)),  # Tết 2025 began on 28 Chạp, Công văn 8726/VPCP-KGVX
        (date(2026, 2, 16), (29, 12)),  # "16/2/2026 (tức ngày 29 tháng Chạp năm Ất Tỵ)"
        (date(2026, 2, 22), (6, 1)),  # "22/2/2026 (tức mùng 6 tháng Giêng, năm Bính Ngọ)"
    ],
)
def test_algorithm_matches_the_announcements(day: date, lunar: tuple[int, int]) -> None:
    assert solar_to_lunar(day)[:2] == lunar


# -- the calendar against the algorithm, 2010-2060 ------------------------------------------------

YEARS = range(2010, 2061)


@pytest.fixture(scope="module")
def cal() -> pk.WorkingCalendar:
    return pk.WorkingCalendar.vietnam()


_VI_NUMBERS = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")


def _stated_lunar_date(name_vi: str, day: date) -> tuple[int, int] | None:
    """The lunar (day, month) a Tết entry's Vietnamese name states; ``None``: not Tết."""
    m = re.search(r"(\d\d) tháng Chạp", name_vi) or re.match(r"(\d\d) Tết", name_vi)
    if m:
        return int(m[1]), 12
    m = re.search(r"[Mm]ùng (\w+)", name_vi)
    if m and "Tết" in name_vi:
        return _VI_NUMBERS.index(m[1]) + 1, 1
    if name_vi.startswith("Giao thừa"):
        # the eve: the last day of the 12th month (29th or 30th), the day before mùng một
        assert solar_to_lunar(day + timedelta(1))[:2] == (1, 1), (day, name_vi)
        return solar_to_lunar(day)[0], 12
    return None


@pytest.mark.parametrize("year", YEARS)
def test_tet_days_fall_on_their_lunar_dates(cal: pk.WorkingCalendar, year: int) -> None:
    """Every Tết day off is named by its lunar date, and that date is the algorithm's."""
    new_year = tet(year)
    found = 0
    for e in cal.entries(year):
        if e.kind not in (DayKind.STATUTORY, DayKind.COMPENSATORY):
            continue
        stated = _stated_lunar_date(e.name_vi, e.day)
        if stated is None:
            continue
        found += 1
        assert stated == solar_to_lunar(e.day)[:2], e
        assert abs((e.day - new_year).days) <= 8, e
    assert found >= 5  # four Tết days before 2013-05-01, five since, and their nghỉ bù


@pytest.mark.parametrize("year", YEARS)
def test_tet_and_gio_to(cal: pk.WorkingCalendar, year: int) -> None:
    """Tết is off (or a weekend), the eve too; Giỗ Tổ is a statutory day on 10/3."""
    new_year = tet(year)
    assert solar_to_lunar(new_year)[:2] == (1, 1)
    for d in (new_year - timedelta(1), new_year):  # the eve and mùng một
        assert not cal.is_working_day(d), d
    hung = gio_to(year)
    e = cal.entry(hung)
    assert e is not None
    assert e.kind is DayKind.STATUTORY
    assert e.name_en == "Hung Kings' Commemoration Day"


@pytest.mark.parametrize("year", YEARS)
def test_src_new_moons_agree(year: int) -> None:
    """The build's own new-moon function gives the same last-month length as the algorithm."""
    new_year = tet(year)
    assert last_month_length(new_year) == solar_to_lunar(new_year - timedelta(1))[0]


def test_28_and_29_tet_are_named_by_their_lunar_date(cal: pk.WorkingCalendar) -> None:
    """A "29 Tết" is the 29th of the last month; when that month has 29 days, the day two
    days before Tết is "28 Tết" (2025, 2027, ...), not "29 Tết" as a fixed offset says."""
    seen = {28: 0, 29: 0}
    for e in cal.entries():
        m = re.match(r"(\d\d) Tết", e.name_vi)
        if m:
            n = int(m[1])
            assert solar_to_lunar(e.day)[:2] == (n, 12), e
            assert e.name_en == f"{n} of Lunar New Year"
            seen[n] += 1
    assert seen[28] > 0
    assert seen[29] > 0
    assert cal.entry(date(2025, 1, 27)).name_vi == "28 Tết Nguyên Đán"  # type: ignore[union-attr]
    assert cal.entry(date(2024, 2, 8)).name_vi == "29 Tết Nguyên Đán"  # type: ignore[union-attr]


# -- the years where Vietnam's UTC+7 and China's UTC+8 disagree -----------------------------------

#: (year, holiday, date at UTC+7, date at UTC+8): every such year 2010-2060.
TIMEZONE_GOLDEN = [
    (2030, "Tết", date(2030, 2, 2), date(2030, 2, 3)),
    (2037, "Giỗ Tổ", date(2037, 4, 24), date(2037, 4, 25)),
    (2038, "Giỗ Tổ", date(2038, 4, 13), date(2038, 4, 14)),
    (2053, "Tết", date(2053, 2, 18), date(2053, 2, 19)),
]


def test_the_timezone_years_are_exactly_these() -> None:
    found = []
    for y in YEARS:
        if tet(y, VIETNAM) != tet(y, CHINA):
            found.append((y, "Tết", tet(y, VIETNAM), tet(y, CHINA)))
        if gio_to(y, VIETNAM) != gio_to(y, CHINA):
            found.append((y, "Giỗ Tổ", gio_to(y, VIETNAM), gio_to(y, CHINA)))
    assert found == TIMEZONE_GOLDEN


@pytest.mark.parametrize(("year", "holiday", "vn", "cn"), TIMEZONE_GOLDEN)
def test_calendar_follows_utc7(
    cal: pk.WorkingCalendar, year: int, holiday: str, vn: date, cn: date
) -> None:
    if holiday == "Giỗ Tổ":
        e = cal.entry(vn)
        assert e is not None
        assert e.name_en == "Hung Kings' Commemoration Day"
        other = cal.entry(cn)
        assert other is None or not other.name_en.startswith("Hung Kings")
    else:
        eve = cal.entry(vn - timedelta(1))
        assert eve is not None
        assert eve.name_en == "Lunar New Year's Eve"
        wrong = cal.entry(cn - timedelta(1))
        assert wrong is None or wrong.name_en != "Lunar New Year's Eve"
