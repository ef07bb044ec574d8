"""The short tour that ``make run`` prints: real deadlines, explained, on the official calendar."""

from __future__ import annotations

from datetime import datetime, time
from typing import TextIO

__all__ = ["run_tour"]


def run_tour(out: TextIO) -> int:
    """Print a few real deadlines with their explanation; return the exit status."""
    from procedurekit.calendar.hours import OfficeHours
    from procedurekit.calendar.working import WorkingCalendar
    from procedurekit.deadlines import DeadlineRules, format_deadline
    from procedurekit.durations import Duration, SameDay, WorkingDays, WorkingHours

    cal = WorkingCalendar.vietnam()
    rules = DeadlineRules(calendar=cal, hours=OfficeHours.standard())
    treasury = DeadlineRules(
        calendar=cal, hours=OfficeHours.standard(), receipt_policy="next-opening"
    )
    cases: list[tuple[str, DeadlineRules, datetime, Duration]] = [
        (
            "Birth registration received the Friday before Tết 2026, 5 working days",
            rules,
            datetime(2026, 2, 13, 10, 0),
            WorkingDays(5),
        ),
        (
            "Received on Saturday 2026-01-10, a make-up working day (Công văn 12729/VPCP-KGVX)",
            rules,
            datetime(2026, 1, 10, 9, 0),
            WorkingDays(3),
        ),
        (
            "Certified copy, same day unless received after 15:00 (Decree 23/2015)",
            rules,
            datetime(2026, 3, 6, 15, 30),
            SameDay(time(15, 0)),
        ),
        (
            "Received on Saturday at 10:00, 1 working day, sector rule 'next opening'",
            treasury,
            datetime(2026, 4, 25, 10, 0),
            WorkingDays(1),
        ),
        (
            "4 working hours from 16:00: the office closes at 17:00",
            rules,
            datetime(2026, 11, 20, 16, 0),
            WorkingHours(4),
        ),
        (
            "A period crossing Tết 2027, which is not announced yet",
            rules,
            datetime(2027, 1, 25, 9, 0),
            WorkingDays(15),
        ),
    ]
    out.write(f"procedurekit tour: calendar {cal.data_version}\n")
    for title, r, received, duration in cases:
        dl = r.due(received, duration)
        out.write(f"\n== {title}\n")
        out.write(f"   received {received.isoformat(timespec='minutes')}, {duration!r}\n")
        for day, reason_vi, reason_en, source in dl.explain():
            src = f" [{source}]" if source else ""
            out.write(f"   skip {day.isoformat()}  {reason_vi} / {reason_en}{src}\n")
        if dl.provisional:
            out.write("   provisional: the period crosses dates not yet announced\n")
        out.write(f"   {format_deadline(dl, lang='vi')}\n")
        out.write(f"   {format_deadline(dl, lang='en')}\n")
    return 0
