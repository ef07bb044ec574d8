"""The one outcome classifier (DOMAIN.md §4; Decision 766/QĐ-TTg).

A finished dossier is judged by the day it ended against the due date: before it early,
on it on time, after it late. An open dossier is judged at the evaluation day: in time up to
and including the due date, overdue after it. A dossier asked to supplement more than once
is late (overdue while open) whatever its dates (decision 8). With no time limit a finished
dossier is on time and an open one in time. Every path that judges a dossier, the dossier
clock, the audit, the metrics and the column functions, gives this function's answer.
"""

from __future__ import annotations

from datetime import date

from procedurekit.vocab import Outcome

__all__ = ["classify", "restate"]


def classify(
    due: date | None, end: date | None, as_of: date | None, *, late: bool = False
) -> Outcome | None:
    """The outcome of a dossier due on ``due`` that ended on ``end`` (``None``: open).

    ``as_of`` is the evaluation day for an open dossier (``None``: not judged, the clock is
    never read implicitly); ``late`` marks a dossier that counts late under Decision 766
    (more than one supplement request).

    >>> classify(date(2026, 3, 2), date(2026, 3, 2), None)
    <Outcome.ON_TIME: 'on_time'>
    >>> classify(date(2026, 3, 2), None, date(2026, 3, 3))
    <Outcome.OVERDUE: 'overdue'>
    >>> classify(date(2026, 3, 2), date(2026, 2, 27), None, late=True)
    <Outcome.LATE: 'late'>
    """
    if end is not None:
        if late or (due is not None and end > due):
            return Outcome.LATE
        if due is None or end == due:
            return Outcome.ON_TIME
        return Outcome.EARLY
    if as_of is None:
        return None
    if late or (due is not None and as_of > due):
        return Outcome.OVERDUE
    return Outcome.IN_TIME


def restate(outcome: Outcome, *, late: bool) -> Outcome:
    """A stated outcome (from a file that judged the dossier already) under the rule of
    decision 8: a dossier that counts late under Decision 766 (``late``: more than one
    supplement request) is late when finished and overdue when open, whatever was stated.

    >>> restate(Outcome.EARLY, late=True)
    <Outcome.LATE: 'late'>
    >>> restate(Outcome.IN_TIME, late=True)
    <Outcome.OVERDUE: 'overdue'>
    """
    if not late:
        return outcome
    return Outcome.OVERDUE if outcome.is_open else Outcome.LATE
