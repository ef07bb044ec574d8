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

The test suite checks the result against its own, independent implementation of the full
algorithm (new moons and solar longitude) for every year 2010-2060.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Final

__all__ = ["last_month_length", "new_moon_day"]

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
