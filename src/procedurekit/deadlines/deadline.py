"""A deadline (thời hạn giải quyết, ngày hẹn trả) and the facts behind it.

A :class:`Deadline` is what :meth:`DeadlineRules.due <procedurekit.DeadlineRules.due>`
returns: the legal due date and the appointment moment a slip prints, the official
receipt, a service model's commitment beside them, and the pauses and the one extension
applied to it. It is data: :meth:`Deadline.paused` and :meth:`Deadline.extended` hand the
arithmetic to the rules that made it (:meth:`DeadlineRules.pause`,
:meth:`DeadlineRules.extend`).
"""

from __future__ import annotations

import datetime as _dt
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final, NamedTuple

import attrs

from procedurekit._time import VIETNAM_TZ, WEEKDAYS_EN, WEEKDAYS_VI
from procedurekit.calendar.working import DayEntry
from procedurekit.durations import CalendarDays, Duration, ElapsedHours, Months
from procedurekit.errors import InvalidArgumentError
from procedurekit.vocab import EventKind

if TYPE_CHECKING:
    from procedurekit.deadlines.rules import DeadlineRules
    from procedurekit.deadlines.service import ServiceModel

__all__ = [
    "FLAG_COMMITMENT_AFTER_CLOSE",
    "FLAG_COMMITMENT_DAY_NOT_SERVED",
    "FLAG_COMMITMENT_LATER_THAN_LEGAL",
    "FLAG_EXTENSION_NOT_LATER",
    "FLAG_EXTENSION_ON_DAY_OFF",
    "FLAG_LATE_APOLOGY",
    "FLAG_PAUSE_AFTER_DUE",
    "FLAG_SECOND_SUPPLEMENT_REQUEST",
    "FLAG_UNVERIFIED_CALENDAR",
    "PAUSE_KINDS",
    "Apology",
    "Deadline",
    "Explanation",
    "Pause",
]

#: A second supplement request (late under Decision 766/QĐ-TTg's on-time formula).
FLAG_SECOND_SUPPLEMENT_REQUEST: Final = "second-supplement-request"
#: A pause requested after the due date: it does not move the due date.
FLAG_PAUSE_AFTER_DUE: Final = "pause-after-due"
#: The period crosses a year whose swaps and make-up days were not all found in the
#: announcements (``WorkingCalendar.year_status`` is ``"unverified"``): a day may be missing.
FLAG_UNVERIFIED_CALENDAR: Final = "unverified-calendar"
#: An apology issued later than one day before the due date (Decree 61/2018 Art. 19).
FLAG_LATE_APOLOGY: Final = "late-apology"
#: An apology whose new date is not after the due date it replaces.
FLAG_EXTENSION_NOT_LATER: Final = "extension-not-later"
#: An apology whose new date is not a working day.
FLAG_EXTENSION_ON_DAY_OFF: Final = "extension-on-day-off"
#: A service model would apply, but the receipt came after the office closed: no promise.
FLAG_COMMITMENT_AFTER_CLOSE: Final = "commitment-after-close"
#: A service model would apply, but the office does not serve that day (a holiday): no
#: promise.
FLAG_COMMITMENT_DAY_NOT_SERVED: Final = "commitment-day-not-served"
#: A service model's promise would come later than the legal due moment: no promise.
FLAG_COMMITMENT_LATER_THAN_LEGAL: Final = "commitment-later-than-legal"

#: The events that open a pause of the clock.
PAUSE_KINDS: Final = (EventKind.SUPPLEMENT_REQUESTED, EventKind.FINANCIAL_OBLIGATION_REQUESTED)


class Explanation(NamedTuple):
    """A day that explains a due date, and why: a day off or a paused day that was not
    counted, or a make-up working day (làm việc bù) on a weekend that was.

    ``reason_vi`` and ``reason_en`` say which (a day off by its name, ``"Thứ Bảy (làm việc
    bù): ..."``, ``"Tạm dừng (chờ bổ sung hồ sơ)"``); ``source`` is the document the
    calendar data cites, or ``None``.
    """

    date: _dt.date
    reason_vi: str
    reason_en: str
    source: str | None


def _makeup(day: date, entry: DayEntry | None) -> Explanation:
    """A weekend day the calendar makes a working day (làm việc bù), and why."""
    wd = day.weekday()
    vi, en = f"{WEEKDAYS_VI[wd]} (làm việc bù)", f"{WEEKDAYS_EN[wd]} (make-up working day)"
    if entry is None:
        return Explanation(day, vi, en, None)
    return Explanation(day, f"{vi}: {entry.name_vi}", f"{en}: {entry.name_en}", entry.source)


# Plain data, read when a deadline is explained (not functions built at import, which
# mutation testing cannot reach: docs/explanation/testing.md).
_PAUSED: Final = {
    EventKind.SUPPLEMENT_REQUESTED: (
        "Tạm dừng (chờ bổ sung hồ sơ)",
        "Paused (waiting for the supplement)",
    ),
    EventKind.FINANCIAL_OBLIGATION_REQUESTED: (
        "Tạm dừng (chờ thực hiện nghĩa vụ tài chính)",
        "Paused (waiting for the financial obligation)",
    ),
}


def _local_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return value.astimezone(VIETNAM_TZ).date()
    return value


def _pause_kind(value: object) -> EventKind:
    kind = EventKind.from_label(value)
    if kind not in PAUSE_KINDS:
        raise InvalidArgumentError(
            f"a pause is opened by a supplement request or a financial-obligation request, "
            f"got {kind.value!r}",
            path="kind",
            value=value,
            expected="'supplement_requested' or 'financial_obligation_requested'",
        )
    return kind


@attrs.frozen
class Pause:
    """A stretch when the clock stood still: a supplement request (yêu cầu bổ sung) until the
    supplement arrived, or a financial-obligation request until it was paid.

    ``start`` and ``end`` are as recorded: dates for day-based deadlines, aware moments when
    given as datetimes. ``moved`` says whether the pause moved the due date (a pause requested
    after the due date does not).
    """

    start: date | datetime
    end: date | datetime
    kind: EventKind = attrs.field(default=EventKind.SUPPLEMENT_REQUESTED, converter=_pause_kind)
    moved: bool = True


@attrs.frozen
class Apology:
    """An apology with a new appointment (phiếu xin lỗi và hẹn lại ngày trả kết quả).

    ``limit`` is the last day it could be issued in time ("chậm nhất 01 ngày trước ngày hết
    hạn", Decree 61/2018 Art. 19); ``late`` says it was issued after that day.
    """

    new_due_date: date
    issued_at: date | datetime
    limit: date
    late: bool


@attrs.frozen(kw_only=True, slots=False)
class Deadline:
    """When a dossier is due, and the facts behind it.

    ``due_date`` is the legal due date (``None`` with no time limit), ``due_at`` the
    appointment moment a slip prints; ``receipt`` the official receipt moment and
    ``submitted_at`` the submission, both aware. ``committed_date``/``committed_at`` are a
    service model's commitment, beside the legal date. ``original_due_date`` and
    ``original_due_at`` are the legal due date and moment before an apology moved the
    appointment (pauses move both; on-time scoring uses them, Decree 61/2018 Art. 19);
    ``period_end`` the last day of a calendar-day or month period before rolling. ``flags``
    are stable kebab-case strings.
    """

    due_date: date | None
    due_at: datetime | None
    receipt: datetime
    submitted_at: datetime
    duration: Duration
    provisional: bool
    calendar_version: str
    committed_date: date | None = None
    committed_at: datetime | None = None
    service_model: ServiceModel | None = None
    procedure_code: str | None = None
    original_due_date: date | None = None
    original_due_at: datetime | None = None
    period_end: date | None = None
    pauses: tuple[Pause, ...] = ()
    extension: Apology | None = None
    flags: tuple[str, ...] = ()
    #: The rules that made it (not written to JSON: ``metadata["wire"]`` is False).
    rules: DeadlineRules = attrs.field(repr=False, eq=False, metadata={"wire": False})

    def explain(self) -> list[Explanation]:
        """The days that put the due date where it is, in date order, one line a day.

        - **Days off** (weekends, holidays, swapped and local days off): working-day, hour
          and same-day periods list every one from the submission day up to the due date;
          calendar-day and month periods list the days rolled over at the end (Civil Code
          148(5)).
        - **Make-up working days** (làm việc bù) in the same span, the due date included:
          weekend days the calendar makes working days, counted like any other.
        - **Paused days**: the days ``(start, end]`` of each pause that moved the deadline (a
          supplement request or a financial obligation), as the pause rule counts them: the
          working days for a working-day, hour or same-day period, every day for a
          calendar-day, month or elapsed-hour period. A day off inside a pause is listed
          once, as a day off; a make-up working day inside a pause is listed as paused.

        Empty when there is no due date (``NoTimeLimit``).
        """
        if self.due_date is None:
            return []
        cal = self.rules.calendar
        if self.period_end is not None:
            start = self.period_end
        else:
            start = self.submitted_at.astimezone(VIETNAM_TZ).date()
        found: dict[date, Explanation] = {}
        d = start
        one = timedelta(days=1)
        while d <= self.due_date:
            why = cal.reason(d)
            if why is not None:
                if d < self.due_date:
                    found[d] = Explanation(d, why[0], why[1], why[2])
            elif d.weekday() in cal.weekend:
                found[d] = _makeup(d, cal.entry(d))
            d += one
        every_day = isinstance(self.duration, CalendarDays | Months | ElapsedHours)
        for pause in self.pauses:
            if not pause.moved:
                continue
            d, end = _local_date(pause.start) + one, _local_date(pause.end)
            while d <= end:
                # A day off inside a pause stays a day off; a make-up working day in it was
                # paused, not counted, so it is listed as paused.
                working = cal.is_working_day(d)
                if (d not in found or working) and (every_day or working):
                    reason_vi, reason_en = _PAUSED[pause.kind]
                    found[d] = Explanation(d, reason_vi, reason_en, None)
                d += one
        return [found[d] for d in sorted(found)]

    def paused(
        self,
        start: date | datetime,
        end: date | datetime,
        *,
        kind: EventKind | str = EventKind.SUPPLEMENT_REQUESTED,
    ) -> Deadline:
        """The deadline after a pause from ``start`` to ``end``: :meth:`DeadlineRules.pause`."""
        return self.rules.pause(self, start, end, kind=kind)

    def extended(self, new_due: date, issued_at: date | datetime) -> Deadline:
        """The deadline after an apology with a new appointment: :meth:`DeadlineRules.extend`."""
        return self.rules.extend(self, new_due, issued_at)

    @property
    def supplement_requests(self) -> int:
        """How many supplement requests paused this deadline (more than one counts late)."""
        return sum(1 for p in self.pauses if p.kind is EventKind.SUPPLEMENT_REQUESTED)
