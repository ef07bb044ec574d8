"""The receipt slip's appointment line (Circular 01/2018/TT-VPCP form 01; form 04 after an
apology), in Vietnamese or English."""

from __future__ import annotations

from datetime import date
from typing import Final

from procedurekit._time import VIETNAM_TZ
from procedurekit.deadlines.deadline import Deadline
from procedurekit.errors import InvalidArgumentError, InvalidTypeError

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


def _vi_date(d: date) -> str:
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def _en_date(d: date) -> str:
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def format_deadline(dl: Deadline, lang: str = "vi") -> str:
    """The appointment line of a receipt slip (Circular 01/2018/TT-VPCP form 01).

    >>> from procedurekit import WorkingCalendar, WorkingDays
    >>> from datetime import datetime
    >>> from procedurekit import DeadlineRules
    >>> rules = DeadlineRules(WorkingCalendar())
    >>> format_deadline(rules.due(datetime(2030, 1, 4, 9, 0), WorkingDays(1)))
    'Ngày hẹn trả kết quả: 17 giờ 00 phút, ngày 07 tháng 01 năm 2030'

    An extended deadline prints the new appointment (form 04); a service model's commitment
    is added after a semicolon; no time limit says so.
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
    extended = dl.extension is not None
    if lang == "vi":
        head = "Hẹn lại ngày trả kết quả" if extended else "Ngày hẹn trả kết quả"
        if dl.due_date is None or dl.due_at is None:
            return f"{head}: không quy định thời hạn giải quyết"
        at = dl.due_at.astimezone(VIETNAM_TZ)
        line = f"{head}: {at.hour:02d} giờ {at.minute:02d} phút, {_vi_date(dl.due_date)}"
        if dl.committed_date is not None and dl.service_model is not None:
            line += (
                f"; cam kết trả theo mô hình “{dl.service_model.name}”: "
                f"{_vi_date(dl.committed_date)}"
            )
        return line
    head = "New appointment" if extended else "Appointment"
    head += " to return the result"
    if dl.due_date is None or dl.due_at is None:
        return f"{head}: no time limit prescribed"
    at = dl.due_at.astimezone(VIETNAM_TZ)
    line = f"{head}: {at.hour:02d}:{at.minute:02d}, {_en_date(dl.due_date)}"
    if dl.committed_date is not None and dl.service_model is not None:
        line += f"; committed under “{dl.service_model.label_en}”: {_en_date(dl.committed_date)}"
    return line
