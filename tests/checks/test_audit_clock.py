"""The audit reads an event log by the dossier clock's rules (models._clock.run_events).

Every case below is also read through :meth:`Dossier.clock`, and both must agree. Dates:
March 2026 has no holiday; Monday 2 March + 10 working days (Civil Code 147(2): the
receipt day is not counted) is Monday 16 March.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from procedurekit import DeadlineRules, WorkingCalendar, WorkingDays, parse_processing_time
from procedurekit.checks import audit_files
from procedurekit.errors import InvalidArgumentError
from procedurekit.findings import Report
from procedurekit.models import ChannelTerms, Dossier, DossierCode, Event, EventKind
from procedurekit.vocab import Channel

PLAIN = "10 Ngày làm việc"
EXCLUDES = "10 Ngày làm việc (không kể thời gian thực hiện nghĩa vụ tài chính)"
CATALOGUE = (
    "Mã số,Tên,Cấp thực hiện,Thời hạn giải quyết\n"
    f"1.000129,A,Cấp bộ,{PLAIN}\n1.000130,B,Cấp bộ,{EXCLUDES}\n"
)
RECEIVED = "2026-03-02T09:00:00+07:00"
AS_OF = date(2026, 4, 30)
OUTCOME_KEYS = {
    "early": "early",
    "on_time": "on_time",
    "late": "late",
    "in_time": "in_time",
    "overdue": "overdue",
}


def ev(kind: str, day: int, hour: int = 10, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "at": f"2026-03-{day:02d}T{hour:02d}:00:00+07:00", **extra}


ACCEPTED = ev("accepted", 2, 9)


def run_audit(
    tmp_path: Path,
    events: list[dict[str, Any]],
    *,
    procedure: str = "1.000129",
    as_of: date | None = AS_OF,
    **kw: Any,
) -> Report:
    cat = tmp_path / "catalogue.csv"
    cat.write_text(CATALOGUE, encoding="utf-8")
    p = tmp_path / "d.jsonl"
    row = {
        "dossier_code": "H01-260302-0001",
        "procedure_code": procedure,
        "channel": "Trực tiếp",
        "received_at": RECEIVED,
        "appointment_date": "2026-03-16",
        "events": events,
    }
    p.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return audit_files(p, cat, as_of=as_of, **kw)


def clock_outcome(
    events: list[dict[str, Any]], text: str = PLAIN, as_of: date = AS_OF, **kw: Any
) -> str:
    """The same log through Dossier.clock, as the audit's outcome key."""
    log = [
        Event(
            kind=EventKind(e["kind"]),
            at=datetime.fromisoformat(e["at"]),
            new_due_date=date.fromisoformat(e["new_due_date"]) if "new_due_date" in e else None,
        )
        for e in events
    ]
    d = Dossier.replay(log, code=DossierCode("H01-260302-0001"), channel=Channel.COUNTER)
    terms = ChannelTerms(processing_time=parse_processing_time(text), time_text=text)
    rules = DeadlineRules(WorkingCalendar.vietnam(known_at=date(2026, 3, 2)))
    clock = d.clock(rules, terms, as_of=as_of, **kw)
    assert clock.outcome is not None
    return OUTCOME_KEYS[clock.outcome.value]


def outcome(report: Report) -> str:
    (key,) = report.stats["outcomes"]
    return str(key)


def test_stopped_while_a_supplement_is_pending(tmp_path: Path) -> None:
    # Supplement asked Wed 4 Mar, never received; stopped Fri 20 Mar. The pause ends with
    # the dossier: working days in (4 Mar, 20 Mar] = 5, 6, 9-13, 16-20 = 12, so the due
    # date is 16 Mar + 12 working days = Wed 1 Apr. Stopped 20 Mar < 1 Apr: early.
    # (Before the fix the open pause was dropped: due 16 Mar, scored late.)
    events = [ACCEPTED, ev("supplement_requested", 4), ev("stopped", 20, 15)]
    report = run_audit(tmp_path, events)
    assert outcome(report) == "early" == clock_outcome(events)
    assert "open-pause" not in report.stats["clock_flags"]


def test_open_dossier_with_an_open_pause_at_as_of(tmp_path: Path) -> None:
    # Supplement asked Wed 4 Mar, still awaited on as_of = Fri 20 Mar: the pause runs to
    # as_of, (4 Mar, 20 Mar] = 12 working days, due Wed 1 Apr; 20 Mar <= 1 Apr: in time.
    # (Before the fix: due 16 Mar, counted overdue.)
    events = [ACCEPTED, ev("supplement_requested", 4)]
    report = run_audit(tmp_path, events, as_of=date(2026, 3, 20))
    assert outcome(report) == "in_time" == clock_outcome(events, as_of=date(2026, 3, 20))
    assert report.stats["clock_flags"] == {"open-pause": 1}
    # Without as_of an open dossier is not judged (the clock is never read implicitly).
    assert outcome(run_audit(tmp_path, events, as_of=None)) == "not_judged"


def test_events_after_as_of_do_not_count(tmp_path: Path) -> None:
    # Processed Fri 27 Mar, but read on 20 Mar: open, the pause (4 Mar, 20 Mar] still
    # running (due 1 Apr), so in time; like the clock, which only sees events up to as_of.
    events = [ACCEPTED, ev("supplement_requested", 4), ev("supplement_received", 25),
              ev("processed", 27)]  # fmt: skip
    report = run_audit(tmp_path, events, as_of=date(2026, 3, 20))
    assert outcome(report) == "in_time" == clock_outcome(events, as_of=date(2026, 3, 20))


def test_apology_scores_against_the_original_due_date(tmp_path: Path) -> None:
    # Apology Thu 12 Mar moving the appointment to Fri 20 Mar; processed Thu 19 Mar. Scoring
    # keeps the original 16 Mar (Decree 61/2018 Art. 19): 19 > 16, late (the apology's
    # date would have made it early). Issued 12 Mar, before the limit 15 Mar (one day
    # before the due date): not a late apology.
    events = [ACCEPTED, ev("apology_issued", 12, new_due_date="2026-03-20"),
              ev("processed", 19)]  # fmt: skip
    report = run_audit(tmp_path, events)
    assert outcome(report) == "late" == clock_outcome(events)
    assert report.stats["clock_flags"] == {}
    assert report.stats["findings_by_code"].get("malformed-events") is None


def test_late_apology_and_a_pause_after_it(tmp_path: Path) -> None:
    # Apology on the due date itself (Mon 16 Mar 08:00), after the limit 15 Mar: flagged
    # late-apology. A supplement then (16 Mar 10:00 -> Wed 18 Mar 10:00; working days in
    # (16, 18] = 2) moves the original date to Wed 18 Mar; processed that day: on time.
    events = [ACCEPTED, ev("apology_issued", 16, 8, new_due_date="2026-03-25"),
              ev("supplement_requested", 16), ev("supplement_received", 18),
              ev("processed", 18, 15)]  # fmt: skip
    report = run_audit(tmp_path, events)
    assert outcome(report) == "on_time" == clock_outcome(events)
    assert report.stats["clock_flags"] == {"late-apology": 1}


def test_second_supplement_request_is_late(tmp_path: Path) -> None:
    # Two supplement requests (3->4 Mar and 5->6 Mar, 1 working day each: due 18 Mar).
    # Processed Mon 9 Mar, well before, yet late under Decision 766/QĐ-TTg; open, overdue.
    events = [ACCEPTED, ev("supplement_requested", 3), ev("supplement_received", 4),
              ev("supplement_requested", 5), ev("supplement_received", 6)]  # fmt: skip
    done = [*events, ev("processed", 9)]
    report = run_audit(tmp_path, done)
    assert outcome(report) == "late" == clock_outcome(done)
    assert report.stats["findings_by_code"]["second-supplement-request"] == 1
    assert report.stats["clock_flags"] == {
        "multiple-supplement-requests": 1,
        "second-supplement-request": 1,
    }
    still_open = run_audit(tmp_path, events, as_of=date(2026, 3, 10))
    assert outcome(still_open) == "overdue" == clock_outcome(events, as_of=date(2026, 3, 10))


# Financial obligation asked Wed 4 Mar, paid Wed 11 Mar (working days in (4, 11] = 5):
# with the pause the due date is 16 Mar + 5 = Mon 23 Mar; processed Fri 20 Mar.
FINANCIAL = [ACCEPTED, ev("financial_obligation_requested", 4),
             ev("financial_obligation_paid", 11), ev("processed", 20)]  # fmt: skip


@pytest.mark.parametrize(
    ("procedure", "text", "policy", "expected"),
    [
        ("1.000130", EXCLUDES, "if-excluded", "early"),  # the text excludes it: due 23 Mar
        ("1.000129", PLAIN, "if-excluded", "late"),  # it does not: due 16 Mar
        ("1.000129", PLAIN, "always", "early"),
        ("1.000130", EXCLUDES, "never", "late"),
    ],
)
def test_financial_obligation_pauses(
    tmp_path: Path, procedure: str, text: str, policy: str, expected: str
) -> None:
    report = run_audit(tmp_path, FINANCIAL, procedure=procedure, financial_obligation_pauses=policy)
    assert outcome(report) == expected
    assert clock_outcome(FINANCIAL, text, financial_obligation_pauses=policy) == expected


def test_financial_obligation_option_values() -> None:
    d = Dossier.replay(
        [
            Event(kind=EventKind(e["kind"]), at=datetime.fromisoformat(e["at"]))
            for e in FINANCIAL[:3]
        ],
        code=DossierCode("H01-260302-0001"),
        channel=Channel.COUNTER,
    )
    rules = DeadlineRules(WorkingCalendar.vietnam())
    ten = WorkingDays(10)
    # A bare Duration lists no exclusion: the default does not pause.
    assert d.clock(rules, ten, as_of=AS_OF).due_date == date(2026, 3, 16)
    assert d.clock(rules, ten, as_of=AS_OF, financial_obligation_pauses="always").due_date == (
        date(2026, 3, 23)
    )
    # The former boolean keeps its meaning.
    assert d.clock(rules, ten, as_of=AS_OF, financial_obligation_pauses=True).due_date == (
        date(2026, 3, 23)
    )
    assert d.clock(rules, ten, as_of=AS_OF, financial_obligation_pauses=False).due_date == (
        date(2026, 3, 16)
    )
    with pytest.raises(InvalidArgumentError, match="if-excluded"):
        d.clock(rules, ten, as_of=AS_OF, financial_obligation_pauses="sometimes")


def test_malformed_apology_is_reported(tmp_path: Path) -> None:
    events = [ACCEPTED, ev("apology_issued", 12), ev("processed", 13)]
    report = run_audit(tmp_path, events)
    assert report.stats["findings_by_code"]["malformed-events"] == 1
    assert outcome(report) == "early"  # the apology without a date is left out
