"""Bulk benchmarks: ``procedurekit.batch`` against ``numpy.busday_offset`` in the same run.

Run: ``.venv/bin/python benchmarks/bench_batch.py`` (or ``make bench``). Prints a Markdown
table of throughput (million elements per second) and the ratio to numpy on arrays.

numpy encodes the calendar exactly: weekmask ``"1111111"`` (every day a business day) and
every non-working day of the calendar's range as a holiday, so make-up Saturdays are exact.
The same 1,000,000 random (date, n) pairs over 2019–2026 feed every contender; results are
checked equal before timing.
"""

from __future__ import annotations

import random
import sys
import timeit
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import procedurekit as pk
from procedurekit import batch
from procedurekit.calendar.working import FIRST_DAY

N = 1_000_000


def best_seconds(fn: Callable[[], Any], repeat: int = 5) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def main() -> int:
    try:
        import numpy as np
    except ImportError:
        print("numpy is not installed: the ratio to numpy.busday_offset needs it")
        return 1
    rng = random.Random(20261126)
    cal = pk.WorkingCalendar.vietnam()
    start = date(2019, 1, 1)
    dates = [start + timedelta(days=rng.randrange(0, 8 * 365)) for _ in range(N)]
    ns = [rng.randrange(1, 60) for _ in range(N)]
    ends = [d + timedelta(days=rng.randrange(0, 90)) for d in dates]
    stamps = [datetime.combine(d, time(rng.randrange(7, 18), rng.randrange(60))) for d in dates]

    table = cal.table
    holidays = np.array(
        [FIRST_DAY + timedelta(days=k) for k, w in enumerate(table) if not w],
        dtype="datetime64[D]",
    )
    bdc = np.busdaycalendar(weekmask="1111111", holidays=holidays)
    a_dates = np.array(dates, dtype="datetime64[D]")
    a_ends = np.array(ends, dtype="datetime64[D]")
    a_ns = np.array(ns, dtype=np.int64)

    # n > 0: the n-th working day strictly after d = busday_offset(d, n, roll="backward")
    # when d is a working day; for a day off roll="backward" first lands on the previous
    # working day, whose n-th successor is the same. Checked equal here.
    def np_offset() -> Any:
        return np.busday_offset(a_dates, a_ns, roll="backward", busdaycal=bdc)

    def np_count() -> Any:
        # Working days in (a, b] = busday_count(a + 1, b + 1).
        return np.busday_count(a_dates + 1, a_ends + 1, busdaycal=bdc)

    batch.add_working_days(cal, dates[:10], 1)  # build the tables outside the timing
    ours = batch.add_working_days(cal, dates, ns)
    assert ours == np_offset().tolist(), "add_working_days differs from numpy"
    assert batch.working_days_between(cal, dates, ends) == np_count().tolist(), "count differs"
    assert ours == [cal.add_working_days(d, n) for d, n in zip(dates, ns, strict=True)]
    assert batch.due_dates(cal, stamps, ns) == ours
    assert (batch.add_working_days(cal, a_dates, a_ns) == np_offset()).all()

    rows: list[tuple[str, float]] = [
        ("numpy busday_offset (arrays)", best_seconds(np_offset)),
        ("batch.add_working_days, list of dates, int column", best_seconds(
            lambda: batch.add_working_days(cal, dates, ns))),
        ("batch.add_working_days, list of dates, one int", best_seconds(
            lambda: batch.add_working_days(cal, dates, 10))),
        ("batch.due_dates, naive datetimes, int column", best_seconds(
            lambda: batch.due_dates(cal, stamps, ns))),
        ("batch.add_working_days, numpy path", best_seconds(
            lambda: batch.add_working_days(cal, a_dates, a_ns))),
        ("WorkingCalendar.add_working_days per element", best_seconds(
            lambda: [cal.add_working_days(d, n) for d, n in zip(dates, ns, strict=True)], 3)),
        ("numpy busday_count (arrays)", best_seconds(np_count)),
        ("batch.working_days_between, lists of dates", best_seconds(
            lambda: batch.working_days_between(cal, dates, ends))),
        ("batch.outcomes, lists of dates", best_seconds(
            lambda: batch.outcomes(ours, ends))),
    ]  # fmt: skip
    base_offset = rows[0][1]
    base_count = rows[6][1]
    print(f"{N:,} elements; Python {sys.version.split()[0]}, numpy {np.__version__}\n")
    print("| operation | M elements/s | time vs numpy (same op) |")
    print("|---|---:|---:|")
    for i, (name, secs) in enumerate(rows):
        base = base_count if i >= 6 else base_offset
        print(f"| {name} | {N / secs / 1e6:.2f} | {secs / base:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
