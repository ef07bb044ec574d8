"""The receipt slip's appointment line (Circular 01/2018/TT-VPCP form 01; form 04 after an
apology), in Vietnamese or English."""

from __future__ import annotations

from datetime import date
from typing import Final

from procedurekit._time import VIETNAM_TZ, WEEKDAYS_EN, WEEKDAYS_VI
from procedurekit.calendar.working import WorkingCalendar
from procedurekit.deadlines.deadline import Deadline
from procedurekit.errors import InvalidArgumentError, InvalidTypeError
from procedurekit.phrases.parse import Language

__all__ = ["format_deadline"]

_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _makeup(d: date, cal: WorkingCalendar) -> bool:
    """Whether ``d`` is a weekend day the calendar makes a working day (làm việc bù)."""
    return d.weekday() in cal.weekend and cal.is_working_day(d)


def _vi_date(d: date, cal: WorkingCalendar) -> str:
    weekday = WEEKDAYS_VI[d.weekday()] + (" (làm việc bù)" if _makeup(d, cal) else "")
    return f"{weekday}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def _en_date(d: date, cal: WorkingCalendar) -> str:
    text = f"{WEEKDAYS_EN[d.weekday()]} {d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    return text + (" (make-up working day)" if _makeup(d, cal) else "")


def format_deadline(dl: Deadline, lang: Language = "vi") -> str:
    """The appointment line of a receipt slip (Circular 01/2018/TT-VPCP form 01).

    >>> from procedurekit import WorkingCalendar, WorkingDays
    >>> from datetime import datetime
    >>> from procedurekit import DeadlineRules
    >>> rules = DeadlineRules(WorkingCalendar())
    >>> format_deadline(rules.due(datetime(2030, 1, 4, 9, 0), WorkingDays(1)))
    'Ngày hẹn trả kết quả: 17 giờ 00 phút, Thứ Hai, ngày 07 tháng 01 năm 2030'

    The date comes with its weekday, and a make-up working day (a weekend day the calendar
    makes a working day) says so: "Thứ Bảy (làm việc bù)", "Saturday ... (make-up working
    day)". An extended deadline prints the new appointment (form 04). A service model's
    commitment is added after a semicolon. Without a time limit (``NoTimeLimit``) the line
    says so ("không quy định thời hạn giải quyết", "no statutory time limit"), and a
    commitment is still printed.
    """
    if not isinstance(dl, Deadline):
        raise InvalidTypeError(
            f"dl must be a Deadline, got {type(dl).__name__}",
            path="dl",
            value=dl,
            expected="rules.due(...)",
        )
    if lang not in ("vi", "en"):
        raise InvalidArgumentError(
            f"lang must be 'vi' or 'en', got {lang!r}",
            path="lang",
            value=lang,
            expected="'vi' or 'en'",
        )
    cal = dl.rules.calendar
    extended = dl.extension is not None
    model, committed = dl.service_model, dl.committed_date
    if lang == "vi":
        head = "Hẹn lại ngày trả kết quả" if extended else "Ngày hẹn trả kết quả"
        if dl.due_date is None or dl.due_at is None:
            line = f"{head}: không quy định thời hạn giải quyết"
        else:
            at = dl.due_at.astimezone(VIETNAM_TZ)
            when = _vi_date(dl.due_date, cal)
            line = f"{head}: {at.hour:02d} giờ {at.minute:02d} phút, {when}"
        if committed is not None and dl.service_model is not None:
            line += (
                f"; cam kết trả theo mô hình “{dl.service_model.name}”: {_vi_date(committed, cal)}"
            )
        return line
    head = "New appointment" if extended else "Appointment"
    head += " to return the result"
    if dl.due_date is None or dl.due_at is None:
        line = f"{head}: no statutory time limit"
    else:
        at = dl.due_at.astimezone(VIETNAM_TZ)
        line = f"{head}: {at.hour:02d}:{at.minute:02d}, {_en_date(dl.due_date, cal)}"
    if model is not None and committed is not None:
        line += f"; committed under “{model.label_en}”: {_en_date(committed, cal)}"
    return line
