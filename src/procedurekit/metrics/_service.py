"""Service models: how a weekday model (same-day return, n working days) kept its
commitment on its dossiers (DOMAIN.md §7).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

import attrs

from procedurekit.calendar.working import WorkingCalendar
from procedurekit.durations import Duration, SameDay
from procedurekit.metrics._scoring import _ratio

if TYPE_CHECKING:
    from procedurekit.deadlines.service import ServiceModel
    from procedurekit.metrics._facts import DossierFacts


# -- service models ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ServiceModelPerformance:
    """How a weekday service model kept its commitment (DOMAIN.md §7).

    ``eligible``: dossiers of the model's procedures received on a model weekday that is a
    working day; ``finished`` those with a result; ``met`` those returned by the committed
    date (the same day for :class:`SameDay`); ``share`` = met / eligible. ``commitment``
    is the commitment's repr (``"SameDay()"``), ``duration`` the commitment itself (for a
    report to write in words, :func:`~procedurekit.format_duration`).
    """

    model: str
    commitment: str
    eligible: int
    finished: int
    met: int
    share: float | None
    duration: Duration | None = None


def service_model_performance(
    dossiers: Iterable[DossierFacts], model: ServiceModel, calendar: WorkingCalendar
) -> ServiceModelPerformance:
    """The share of a model's dossiers returned within its commitment on its weekdays.

    The return day is ``returned`` (trả kết quả), else the end day. An open dossier counts
    as not met. The commitment is judged by date: ``SameDay`` means the receipt day;
    ``WorkingDays(n)`` the n-th working day after it.
    """
    tally = _ModelTally(model, calendar)
    for f in dossiers:
        tally.add(f)
    return tally.result()


class _ModelTally:
    """Running counts of one service model (see :func:`service_model_performance`)."""

    __slots__ = ("calendar", "commitment", "eligible", "finished", "met", "model", "pending")

    def __init__(self, model: ServiceModel, calendar: WorkingCalendar) -> None:
        self.model = model.require_bound()
        self.calendar = calendar
        self.commitment = model.commitment if model.commitment is not None else SameDay()
        self.eligible = self.finished = self.met = 0
        self.pending: list[tuple[date, date | None]] = []

    def add(self, f: DossierFacts) -> None:
        day = f.received
        model = self.model
        if day.weekday() not in model.weekdays or not self.calendar.is_working_day(day):
            return
        if not model.covers_procedure(f.procedure):
            return
        self.eligible += 1
        back = f.returned or f.end
        if back is not None:
            self.finished += 1
        self.pending.append((day, back))
        if len(self.pending) >= 65536:
            self.flush()

    def flush(self) -> None:
        from procedurekit.deadlines.columns import due_dates

        self.met += _met(self.calendar, self.pending, self.commitment, due_dates)
        self.pending.clear()

    def result(self) -> ServiceModelPerformance:
        self.flush()
        return ServiceModelPerformance(
            model=self.model.name,
            commitment=repr(self.commitment),
            eligible=self.eligible,
            finished=self.finished,
            met=self.met,
            share=_ratio(self.met, self.eligible),
            duration=self.commitment,
        )


def _met(
    calendar: WorkingCalendar,
    pending: list[tuple[date, date | None]],
    commitment: Duration,
    due_dates: Callable[..., list[date | None]],
) -> int:
    if not pending:
        return 0
    dues = due_dates(calendar, [p[0] for p in pending], commitment)
    return sum(
        1 for (_, back), due in zip(pending, dues, strict=True)
        if back is not None and (due is None or back <= due)
    )  # fmt: skip
