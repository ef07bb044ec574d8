"""New moons at Vietnam's meridian, to name the days before Tết by their lunar date.

The ``holidays`` package gives the lunar new year (mùng một tháng Giêng) but not the length
of the last lunar month, so it cannot say whether the day two days before Tết is the 28th
or the 29th of tháng Chạp: in some years that month has 29 days and the eve of Tết is the
29th, in others 30 and the eve is the 30th. This module answers that one question.

A lunar month starts on the day (UTC+07:00, the Vietnamese calendar's meridian, 105° E)
of a new moon. The new moon is computed with the series of Jean Meeus, *Astronomical
Algorithms*, as used by Hồ Ngọc Đức's published algorithm for the Vietnamese calendar
(the same series, the same ΔT approximation). Only the build imports this module; the
default calendar is read from the precomputed table.

:func:`lunar_date` and :func:`solar_date` convert between the two calendars with the rest
of that algorithm (the sun's longitude places the 11th month, the one holding the winter
solstice, and the leap month): ``procedurekit calendar check`` uses them to test that an
announcement's Tết and Giỗ Tổ entries sit where the lunar calendar puts those days,
independently of the ``holidays`` package.

The test suite checks the result against its own, independent implementation of the full
algorithm (new moons and solar longitude) for every year 2010-2060, and against the
``holidays`` package's lunar new years and Giỗ Tổ days.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Final, NamedTuple

__all__ = [
    "LunarDate",
    "last_month_length",
    "lunar_date",
    "lunar_new_year",
    "new_moon_day",
    "solar_date",
]

#: Time zone of the Vietnamese calendar, in hours east of UTC.
TIMEZONE: Final = 7
#: Julian day number of 1900-01-01 12:00 (the epoch of the series' lunation count ``k``).
_EPOCH: Final = 2415021.076998695
_SYNODIC: Final = 29.530588853
#: date.toordinal() + _JDN_OFFSET is the Julian day number of that date.
_JDN_OFFSET: Final = 1721425


def _new_moon_jd(k: int) -> float:
    """Julian day (TT corrected to UT) of the ``k``-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2 = t * t
    t3 = t2 * t
    dr = math.pi / 180
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # Sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # Moon's
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # argument of latitude
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 -= 0.4068 * math.sin(mpr * dr) - 0.0161 * math.sin(dr * 2 * mpr)
    c1 -= 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 -= 0.0074 * math.sin(dr * (m - mpr)) - 0.0004 * math.sin(dr * (2 * f + m))
    c1 -= 0.0004 * math.sin(dr * (2 * f - m)) + 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd + c1 - delta_t


def new_moon_day(k: int, tz: int = TIMEZONE) -> date:
    """The civil day, at UTC+``tz`` hours, of the ``k``-th new moon after 1900-01-01."""
    return date.fromordinal(math.floor(_new_moon_jd(k) + 0.5 + tz / 24) - _JDN_OFFSET)


def last_month_length(new_year: date) -> int:
    """Days in the lunar month that ends the day before ``new_year`` (29 or 30).

    ``new_year`` is a lunar new year's day (the first day of a lunar month); the result
    is the lunar date of the eve of Tết: 29 or 30 tháng Chạp.
    """
    k = round((new_year.toordinal() + _JDN_OFFSET - _EPOCH) / _SYNODIC)
    for kk in (k, k - 1, k + 1):  # the lunation count is exact to within one
        if new_moon_day(kk) == new_year:
            return (new_year - new_moon_day(kk - 1)).days
    raise ValueError(f"{new_year} is not the first day of a lunar month at UTC+{TIMEZONE}")


# -- the whole lunisolar calendar: the 11th month and the leap month -----------------------------


class LunarDate(NamedTuple):
    """A day of the Vietnamese lunar calendar: ``year`` is the lunar year that starts at Tết."""

    year: int
    month: int
    day: int
    leap: bool = False


def _jd(day: date) -> int:
    return day.toordinal() + _JDN_OFFSET


def _sun_longitude(jd: float) -> float:
    """The sun's apparent longitude, in radians 0..2π, at Julian day ``jd`` (Meeus ch. 25)."""
    t = (jd - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2  # mean anomaly
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2  # mean longitude
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    return lon - 2 * math.pi * math.floor(lon / (2 * math.pi))


def _sun_sector(day: date, tz: int) -> int:
    """The 30° sector (0..11) the sun is in at the start of ``day`` at UTC+``tz``."""
    return math.floor(_sun_longitude(_jd(day) - 0.5 - tz / 24) / math.pi * 6)


def _lunation(day: date) -> int:
    """The lunation count ``k`` of the new moon that starts on ``day``."""
    return math.floor((_jd(day) - _EPOCH) / _SYNODIC + 0.5)


def _month11(year: int, tz: int) -> date:
    """The first day of the 11th lunar month, the month that holds the December solstice."""
    k = math.floor((_jd(date(year, 12, 31)) - 2415021) / _SYNODIC)
    start = new_moon_day(k, tz)
    if _sun_sector(start, tz) >= 9:  # past 270°: that new moon is after the solstice
        start = new_moon_day(k - 1, tz)
    return start


def _leap_offset(month11: date, tz: int) -> int:
    """In a 13-month year from ``month11``: how many months after it the leap month falls.

    The leap month is the first month in which the sun enters no new 30° sector.
    """
    k = _lunation(month11)
    i = 1
    sector = _sun_sector(new_moon_day(k + i, tz), tz)
    while True:
        last = sector
        i += 1
        sector = _sun_sector(new_moon_day(k + i, tz), tz)
        if sector == last or i >= 14:
            return i - 1


def lunar_date(day: date, tz: int = TIMEZONE) -> LunarDate:
    """The lunar date of the civil ``day`` at UTC+``tz`` (Hồ Ngọc Đức's algorithm).

    >>> lunar_date(date(2026, 2, 17))  # Tết Bính Ngọ
    LunarDate(year=2026, month=1, day=1, leap=False)
    >>> lunar_date(date(2025, 1, 27))  # "28 Tết" 2025
    LunarDate(year=2024, month=12, day=28, leap=False)
    """
    k = math.floor((_jd(day) - _EPOCH) / _SYNODIC)
    start = new_moon_day(k + 1, tz)
    if start > day:
        start = new_moon_day(k, tz)
    a11 = _month11(day.year, tz)
    if a11 >= start:
        year = day.year
        b11, a11 = a11, _month11(day.year - 1, tz)
    else:
        year = day.year + 1
        b11 = _month11(day.year + 1, tz)
    diff = (start - a11).days // 29  # whole months since the 11th month began
    month = diff + 11
    leap = False
    if (b11 - a11).days > 365:  # a 13-month year
        leap_diff = _leap_offset(a11, tz)
        if diff >= leap_diff:
            month = diff + 10
            leap = diff == leap_diff
    if month > 12:
        month -= 12
    if month >= 11 and diff < 4:
        year -= 1
    return LunarDate(year, month, (day - start).days + 1, leap)


def solar_date(year: int, month: int, day: int, *, leap: bool = False, tz: int = TIMEZONE) -> date:
    """The civil date of lunar ``day``/``month`` (of a leap month if ``leap``) of lunar ``year``.

    Raises ``ValueError`` when ``leap`` is set and that month is not the year's leap month.

    >>> solar_date(2027, 1, 1), solar_date(2027, 3, 10)  # Tết and Giỗ Tổ 2027
    (datetime.date(2027, 2, 6), datetime.date(2027, 4, 16))
    """
    if month < 11:
        a11, b11 = _month11(year - 1, tz), _month11(year, tz)
    else:
        a11, b11 = _month11(year, tz), _month11(year + 1, tz)
    offset = month - 11 if month >= 11 else month + 1
    if (b11 - a11).days > 365:
        leap_offset = _leap_offset(a11, tz)
        leap_month = (leap_offset - 2) % 12 or 12
        if leap and month != leap_month:
            raise ValueError(f"lunar year {year} has no leap month {month}")
        if leap or offset >= leap_offset:
            offset += 1
    elif leap:
        raise ValueError(f"lunar year {year} has no leap month")
    start = new_moon_day(_lunation(a11) + offset, tz)
    return start + timedelta(days=day - 1)


def lunar_new_year(year: int, tz: int = TIMEZONE) -> date:
    """Tết: the first day of the first lunar month of ``year``.

    >>> lunar_new_year(2027)
    datetime.date(2027, 2, 6)
    """
    return solar_date(year, 1, 1, tz=tz)
