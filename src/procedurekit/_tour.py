"""The main job that ``make run`` runs: the bundled samples validated and audited, then a few
real deadlines explained on the official calendar."""

from __future__ import annotations

from datetime import datetime, time
from typing import TextIO

__all__ = ["run_tour"]


def run_tour(out: TextIO) -> int:
    """Validate and audit the bundled sample data, then explain a few real deadlines.

    The samples carry deliberate mistakes (a bare-number time, a committed time longer than
    the prescribed one, appointments printed too early or too late, a district receipt after
    2025-07-01), so the reports show findings; the tour itself succeeds (exit status 0).
    """
    from datetime import date

    from procedurekit.checks import audit_files, validate_files
    from procedurekit.findings import format_report
    from procedurekit.samples import catalogue_paths, dossiers_path

    catalogue = catalogue_paths()
    out.write("== 1. Validate the sample catalogue (procedurekit validate ...)\n\n")
    out.write(format_report(validate_files(catalogue), "text", limit=10))
    out.write("\n== 2. Audit the sample dossiers' appointment dates (procedurekit audit ...)\n\n")
    report = audit_files(dossiers_path(), catalogue, as_of=date(2026, 11, 26))
    out.write(format_report(report, "text", limit=8))
    out.write("\n== 3. Deadlines on the official calendar, explained\n")
    _deadlines(out)
    return 0


def _deadlines(out: TextIO) -> None:
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
    out.write(f"   calendar data: {cal.data_version}\n")
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
