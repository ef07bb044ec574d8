"""Golden vectors: deadlines computed by hand from DOMAIN.md §2, checked on two calendars.

``tests/golden/deadlines.csv`` holds one row per case: the receipt (a date, a naive local
datetime or an aware one), the duration (``wd:5``, ``cd:30``, ``mo:1``, ``h:4``,
``same@15:00``, ``none``), the receipt policy, the office hours, an optional service model,
the expected due date and appointment time, the expected official receipt and commitment,
and the rule that decides it. The expected values were written by hand from the table and
month calendars, not produced by the code.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from _deadline_helpers import (
    domain_calendar,
    golden_rows,
    hours_preset,
    parse_duration_spec,
    parse_received,
)

import procedurekit as pk

ROWS = golden_rows()
CALENDARS = {
    "domain-table": domain_calendar(),
    "vietnam": pk.WorkingCalendar.vietnam(),
}


def test_golden_file_covers_the_brief() -> None:
    assert len(ROWS) >= 60
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    years = {parse_received(r["received"]).year for r in ROWS}
    assert set(range(2019, 2027)) <= years
    text = " ".join(r["due_date"] + " " + r["receipt"] for r in ROWS)
    for makeup in (
        "2019-01-05",
        "2019-05-04",
        "2024-05-04",
        "2025-04-26",
        "2026-01-10",
        "2026-08-22",
    ):
        assert makeup in text, makeup
    assert {r["policy"] for r in ROWS} >= {
        "as-submitted",
        "next-opening",
        "customs",
        "state-treasury",
    }
    assert all(r["rule"] for r in ROWS)


@pytest.mark.parametrize("calendar_name", sorted(CALENDARS))
@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_golden(row: dict[str, str], calendar_name: str) -> None:
    rules = pk.DeadlineRules(
        CALENDARS[calendar_name],
        hours_preset(row["hours"]),
        receipt_policy=row["policy"],
    )
    model = pk.ServiceModel.preset(row["service_model"]) if row["service_model"] else None
    dl = rules.due(
        parse_received(row["received"]), parse_duration_spec(row["duration"]), service_model=model
    )
    note = f"{row['id']}: {row['rule']}"
    if row["due_date"]:
        expected_day = date.fromisoformat(row["due_date"])
        assert dl.due_date == expected_day, note
        assert dl.due_at is not None
        assert dl.due_at.utcoffset() == pk.VIETNAM_TZ.utcoffset(None)
        assert dl.due_at.replace(tzinfo=None) == datetime.combine(
            expected_day, time.fromisoformat(row["due_at"])
        ), note
    else:
        assert dl.due_date is None, note
        assert dl.due_at is None
    if row["receipt"]:
        assert dl.receipt.replace(tzinfo=None) == datetime.fromisoformat(row["receipt"]), note
    assert dl.receipt.utcoffset() == pk.VIETNAM_TZ.utcoffset(None)
    expected_commit = date.fromisoformat(row["committed_date"]) if row["committed_date"] else None
    assert dl.committed_date == expected_commit, note
