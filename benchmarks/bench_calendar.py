"""Calendar and deadline benchmarks, as ratios to baselines measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_calendar.py`` (or ``make bench``). Prints a Markdown
table: microseconds per operation and the ratio to a plain prefix-table lookup written here.

Compared, on the same 20,000 random (date, n) pairs over 2019–2026:

- ``table``: a plain prefix-count lookup written in this file (the baseline, 1.00×);
- ``procedurekit``: ``WorkingCalendar.add_working_days`` / ``working_days_between``;
- ``numpy``: ``numpy.busday_offset`` / ``busday_count`` per element, with an exact encoding of
  the calendar (every day a business day except the calendar's days off, so make-up
  Saturdays are exact);
- ``holidays``: ``holidays.VN().get_nth_working_day`` / ``get_working_days_count``;
- ``loop``: a naive day-by-day loop over ``is_working_day``.

And ``DeadlineRules.due`` for ``WorkingDays(n)`` from a naive receipt datetime, plus the cold
start of a fresh interpreter: ``import procedurekit`` and a first ``add_working_days``.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import procedurekit as pk
from procedurekit.calendar.working import FIRST_DAY

N_PAIRS = 20_000


def per_op_us(fn: Callable[[], Any], ops: int, repeat: int = 5) -> float:
    """Best of ``repeat`` runs of ``fn`` (which performs ``ops`` operations), in µs per op."""
    best = min(timeit.repeat(fn, number=1, repeat=repeat))
    return best / ops * 1e6


def main() -> None:
    rng = random.Random(20261126)
    cal = pk.WorkingCalendar.vietnam()
    start = date(2019, 1, 1)
    days = [start + timedelta(days=rng.randrange(0, 8 * 365)) for _ in range(N_PAIRS)]
    ns = [rng.randrange(1, 60) for _ in range(N_PAIRS)]
    ends = [d + timedelta(days=rng.randrange(0, 5 * 365)) for d in days]
    ends = [min(e, date(2060, 12, 1)) for e in ends]
    pairs = list(zip(days, ns, strict=True))
    spans = list(zip(days, ends, strict=True))

    # The baseline: a plain prefix-count table, built from the calendar's own bitmap.
    bitmap = cal.table
    o0 = FIRST_DAY.toordinal()
    cum = [0]
    for b in bitmap:
        cum.append(cum[-1] + b)
    work = [date.fromordinal(o0 + i) for i, b in enumerate(bitmap) if b]

    def table_add(d: date, n: int) -> date:
        return work[cum[d.toordinal() - o0 + 1] + n - 1]

    def table_between(a: date, b: date) -> int:
        return cum[b.toordinal() - o0 + 1] - cum[a.toordinal() - o0 + 1]

    # Correctness first: every contender agrees with the table on a sample.
    for d, n in pairs[:2000]:
        assert cal.add_working_days(d, n) == table_add(d, n)
    for a, b in spans[:2000]:
        assert cal.working_days_between(a, b) == table_between(a, b)

    rows: list[tuple[str, str, float]] = []
    add = cal.add_working_days
    between = cal.working_days_between
    t_table = per_op_us(lambda: [table_add(d, n) for d, n in pairs], N_PAIRS)
    rows.append(("add_working_days", "table (baseline)", t_table))
    rows.append(
        (
            "add_working_days",
            "procedurekit",
            per_op_us(lambda: [add(d, n) for d, n in pairs], N_PAIRS),
        )
    )
    t_table_b = per_op_us(lambda: [table_between(a, b) for a, b in spans], N_PAIRS)
    rows_b: list[tuple[str, str, float]] = [("working_days_between", "table (baseline)", t_table_b)]
    rows_b.append(
        (
            "working_days_between",
            "procedurekit",
            per_op_us(lambda: [between(a, b) for a, b in spans], N_PAIRS),
        )
    )

    try:
        import numpy as np

        off = [date.fromordinal(o0 + i).isoformat() for i, b in enumerate(bitmap) if not b]
        hol = np.array(off, dtype="datetime64[D]")
        cal_np = np.busdaycalendar(weekmask="1111111", holidays=hol)
        npd = [np.datetime64(d.isoformat(), "D") for d in days]
        npe = [np.datetime64(e.isoformat(), "D") for e in ends]
        off_fn = np.busday_offset
        cnt_fn = np.busday_count
        for x, (d, n) in zip(npd[:500], pairs[:500], strict=True):
            got = off_fn(x, n, roll="backward", busdaycal=cal_np)
            assert got.astype(object) == table_add(d, n), (d, n)
        rows.append(
            (
                "add_working_days",
                "numpy.busday_offset per element",
                per_op_us(
                    lambda: [
                        off_fn(x, n, roll="backward", busdaycal=cal_np)
                        for x, n in zip(npd, ns, strict=True)
                    ],
                    N_PAIRS,
                ),
            )
        )
        one = np.timedelta64(1, "D")
        rows_b.append(
            (
                "working_days_between",
                "numpy.busday_count per element",
                per_op_us(
                    lambda: [
                        cnt_fn(a + one, b + one, busdaycal=cal_np)
                        for a, b in zip(npd, npe, strict=True)
                    ],
                    N_PAIRS,
                ),
            )
        )
    except ImportError:  # numpy is a test dependency; the benchmark still runs without it
        pass

    import holidays

    vn = holidays.country_holidays("VN", years=range(2019, 2032))
    few = pairs[:2000]
    rows.append(
        (
            "add_working_days",
            "holidays get_nth_working_day",
            per_op_us(lambda: [vn.get_nth_working_day(d, n) for d, n in few], len(few), 3),
        )
    )
    few_spans = [(a, min(b, date(2031, 12, 31))) for a, b in spans[:500]]
    rows_b.append(
        (
            "working_days_between",
            "holidays get_working_days_count",
            per_op_us(
                lambda: [vn.get_working_days_count(a, b) for a, b in few_spans], len(few_spans), 3
            ),
        )
    )
    is_working = cal.is_working_day

    def loop_add(d: date, n: int) -> date:
        one = timedelta(days=1)
        while n:
            d += one
            if is_working(d):
                n -= 1
        return d

    rows.append(
        (
            "add_working_days",
            "naive day loop",
            per_op_us(lambda: [loop_add(d, n) for d, n in few], len(few), 3),
        )
    )

    rules = pk.DeadlineRules(calendar=cal, hours=pk.OfficeHours.standard())
    moments = [datetime(d.year, d.month, d.day, 9, 30) for d in days]
    durations = [pk.WorkingDays(n) for n in ns]
    due = rules.due
    rows.append(
        (
            "DeadlineRules.due (WorkingDays)",
            "procedurekit",
            per_op_us(
                lambda: [due(m, w) for m, w in zip(moments, durations, strict=True)], N_PAIRS
            ),
        )
    )

    cold = []
    code = (
        "import procedurekit as pk, datetime as dt;"
        "pk.WorkingCalendar.vietnam().add_working_days(dt.date(2026, 2, 13), 5)"
    )
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        cold.append((time.perf_counter() - t0) * 1e3)
    base = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append((time.perf_counter() - t0) * 1e3)

    print("| operation | implementation | µs/op | ratio to table |")
    print("|---|---|---:|---:|")
    for op, impl, us in rows:
        ref = t_table
        print(f"| {op} | {impl} | {us:.3f} | {us / ref:.1f}× |")
    for op, impl, us in rows_b:
        print(f"| {op} | {impl} | {us:.3f} | {us / t_table_b:.1f}× |")
    print()
    print(
        f"Cold start (fresh interpreter, import + first add_working_days): median "
        f"{statistics.median(cold):.0f} ms; bare interpreter start: median "
        f"{statistics.median(base):.0f} ms; procedurekit's share: "
        f"{statistics.median(cold) - statistics.median(base):.0f} ms"
    )


if __name__ == "__main__":
    main()
