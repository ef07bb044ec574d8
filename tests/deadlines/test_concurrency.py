"""One rules object and one calendar shared by many threads give the single-threaded answers
(issue 12, item 5).

Sixteen threads start together on ONE fresh :class:`~procedurekit.DeadlineRules` (its
closing-moment cache empty, so they fill it concurrently) over ONE calendar, each computing
the same few thousand ``due`` / ``paused`` / ``extended`` / ``explain`` results in its own
order; every thread's answers must equal those computed on another rules object in one
thread. The interpreter's switch interval is shortened meanwhile so the threads interleave
often. No timing is asserted.
"""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TypeVar

import procedurekit as pk

_T = TypeVar("_T")

THREADS = 16
CAL = pk.WorkingCalendar.vietnam()
QUICK_FRIDAY = pk.ServiceModel.preset("quick-friday", procedures=["2.000815"])

DURATIONS: list[pk.Duration] = [
    *(pk.WorkingDays(n) for n in (0, 1, 3, 5, 10, 15, 20, 30)),
    pk.WorkingDays(Decimal("0.5")),
    pk.WorkingDays(Decimal("2.5")),
    pk.CalendarDays(15),
    pk.CalendarDays(30),
    pk.Months(1),
    pk.WorkingHours(4),
    pk.WorkingHours(Decimal("12.5")),
    pk.SameDay(),
    pk.SameDay(time(15)),
    pk.NoTimeLimit(),
]

Case = tuple[datetime, pk.Duration, pk.ServiceModel | None, int, int, int]


def _cases(n: int) -> list[Case]:
    rng = random.Random(12)
    first = datetime(2019, 1, 1, 6, 0)
    out: list[Case] = []
    for _ in range(n):
        received = first + timedelta(days=rng.randrange(8 * 365), minutes=rng.randrange(15 * 60))
        model = QUICK_FRIDAY if rng.random() < 0.2 else None
        out.append(
            (
                received,
                rng.choice(DURATIONS),
                model,
                rng.randrange(0, 6),  # pause start, days after the receipt
                rng.randrange(0, 12),  # pause length in days
                rng.randrange(1, 15),  # apology: days added to the due date
            )
        )
    return out


CASES = _cases(400)

Answer = tuple[object, ...]


def _answer(rules: pk.DeadlineRules, case: Case) -> Answer:
    """Everything one case computes on ``rules``, or the error it raises."""
    received, duration, model, start, length, apology = case
    try:
        dl = rules.due(received, duration, service_model=model, procedure_code="2.000815")
        begin = dl.receipt.date() + timedelta(days=start)
        paused = dl.paused(begin, begin + timedelta(days=length))
        extended = None
        if paused.due_date is not None:
            new_due = rules.calendar.roll_forward(paused.due_date + timedelta(days=apology))
            extended = paused.extended(new_due, paused.due_date - timedelta(days=2))
        days = rules.calendar.working_days_between(received.date(), received.date() + timedelta(30))
    except pk.ProcedureKitError as exc:
        return ("error", type(exc).__name__, str(exc))
    last = extended or paused
    return (dl, paused, extended, last.explain(), pk.format_deadline(last), days)


@contextmanager
def _switching_often() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _together(work: Callable[[int], _T]) -> list[_T]:
    """``work(k)`` for k in 0..THREADS-1, each in its own thread, all started at once."""
    barrier = threading.Barrier(THREADS)

    def run(k: int) -> _T:
        barrier.wait()
        return work(k)

    with _switching_often(), ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(run, range(THREADS)))


def test_threads_sharing_one_rules_object_agree_with_one_thread() -> None:
    expected = [_answer(pk.DeadlineRules(CAL), case) for case in CASES]
    assert any(isinstance(a[0], pk.Deadline) for a in expected)
    shared = pk.DeadlineRules(CAL)  # fresh: its cache is filled by the threads

    def work(k: int) -> list[Answer]:
        # Each thread walks the cases from its own starting point, backwards every other one.
        order = list(range(len(CASES)))
        order = order[k * 25 :] + order[: k * 25]
        if k % 2:
            order.reverse()
        found: dict[int, Answer] = {i: _answer(shared, CASES[i]) for i in order}
        return [found[i] for i in range(len(CASES))]

    for k, answers in enumerate(_together(work)):
        wrong = [i for i, (a, b) in enumerate(zip(answers, expected, strict=True)) if a != b]
        assert wrong == [], f"thread {k} differs on cases {wrong[:10]}"


def test_threads_sharing_one_calendar_agree_with_one_thread() -> None:
    rng = random.Random(7)
    days = [date(2011, 1, 1) + timedelta(days=rng.randrange(18000)) for _ in range(2000)]

    def answers(cal: pk.WorkingCalendar) -> list[object]:
        return [
            (
                cal.is_working_day(d),
                cal.add_working_days(d, 7),
                cal.add_working_days(d, -7),
                cal.working_days_between(d, d + timedelta(days=40)),
                cal.reason(d),
                cal.entry(d),
            )
            for d in days
        ]

    expected = answers(CAL)
    for k, found in enumerate(_together(lambda _k: answers(CAL))):
        assert found == expected, f"thread {k}"


def test_a_shared_judge_hands_out_one_calendar_and_one_rules_per_state() -> None:
    """The lazily filled caches (the calendar as known on a day, the rules built on it) give
    every thread the same object for the same state of the data."""
    judge = pk.Judge()
    assert judge.known is not None
    days = [date(2025, 10, 1) + timedelta(days=k) for k in range(0, 200, 5)]

    def work(k: int) -> dict[date, tuple[pk.WorkingCalendar, pk.DeadlineRules, bool]]:
        found = {}
        for d in days if k % 2 else days[::-1]:
            rules, same = judge.known_rules_of(d)
            found[d] = (judge.known.get(d), rules, same)
        return found

    results = _together(work)
    assert len({judge.known.key(d) for d in days}) > 1
    for d in days:
        cal, rules, same = results[0][d]
        for r in results:
            assert r[d][0] is cal, d
            assert r[d][1] is rules, d
            assert r[d][2] is same, d
        assert rules.calendar is cal
        assert judge.known_rules(d) is rules
