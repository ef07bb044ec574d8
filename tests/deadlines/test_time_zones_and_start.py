"""Strict time zones (``DeadlineRules(naive="error")``) and the one moment that starts the
clock (the official receipt, ``accepted``), through the public API."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import procedurekit as pk

CAL = pk.WorkingCalendar.vietnam()
LOCAL = pk.DeadlineRules(CAL)
STRICT = pk.DeadlineRules(CAL, naive="error")
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_local_is_the_default_and_reads_naive_as_vietnam_time() -> None:
    assert LOCAL.naive == "local"
    naive = LOCAL.due(datetime(2026, 3, 2, 9), pk.WorkingDays(1))
    aware = LOCAL.due(datetime(2026, 3, 2, 2, tzinfo=UTC), pk.WorkingDays(1))
    assert naive == aware


def test_strict_mode_refuses_naive_datetimes_everywhere() -> None:
    naive = datetime(2026, 3, 2, 9)
    with pytest.raises(pk.InvalidArgumentError, match="no time zone") as info:
        STRICT.due(naive, pk.WorkingDays(1))
    assert info.value.path == "received_at"
    with pytest.raises(pk.InvalidArgumentError):
        STRICT.receipt_of(naive)
    dl = STRICT.due(naive.replace(tzinfo=pk.VIETNAM_TZ), pk.WorkingDays(5))
    with pytest.raises(pk.InvalidArgumentError) as info:
        dl.paused(naive, naive + timedelta(days=1))
    assert info.value.path == "start"
    with pytest.raises(pk.InvalidArgumentError) as info:
        dl.extended(date(2026, 3, 20), issued_at=datetime(2026, 3, 5, 9))
    assert info.value.path == "issued_at"
    d = pk.Dossier(
        code=pk.DossierCode("H21.65-260302-0001"),
        channel=pk.Channel.COUNTER,
        events=[pk.Event(kind=pk.EventKind.ACCEPTED, at=naive.replace(tzinfo=HCM))],
    )
    with pytest.raises(pk.InvalidArgumentError) as info:
        d.clock(STRICT, pk.WorkingDays(5), as_of=datetime(2026, 3, 3, 9))
    assert info.value.path == "as_of"
    with pytest.raises(pk.InvalidArgumentError, match="naive"):
        pk.DeadlineRules(CAL, naive="utc")  # type: ignore[arg-type]


@given(st.datetimes(datetime(2011, 1, 1), datetime(2059, 12, 1)), st.integers(0, 30))
def test_strict_mode_agrees_with_local_on_aware_moments(moment: datetime, n: int) -> None:
    """Dates and aware moments (any zone) give the same deadline in both modes."""
    for value in (moment.replace(tzinfo=HCM), moment.replace(tzinfo=UTC), moment.date()):
        assert STRICT.due(value, pk.WorkingDays(n)) == LOCAL.due(value, pk.WorkingDays(n))


def test_the_clock_starts_at_the_official_receipt() -> None:
    """Online dossier submitted on Saturday, accepted on Monday: the clock counts from the
    acceptance (Decree 45/2020 Art. 11(1)), and rules.due(dossier.accepted_at) agrees."""
    saturday = datetime(2026, 3, 7, 22, 15, tzinfo=pk.VIETNAM_TZ)
    monday = datetime(2026, 3, 9, 8, 30, tzinfo=pk.VIETNAM_TZ)
    d = pk.Dossier(
        code=pk.DossierCode("H21.65-260307-0001"),
        channel=pk.Channel.ONLINE,
        submitted_at=saturday,
        events=[
            pk.Event(kind=pk.EventKind.RECEIVED, at=saturday),
            pk.Event(kind=pk.EventKind.ACCEPTED, at=monday),
        ],
    )
    assert d.accepted_at == monday
    assert d.received_at == saturday
    clock = d.clock(LOCAL, pk.WorkingDays(3), as_of=monday)
    assert clock.due_date == date(2026, 3, 12)
    assert LOCAL.due(d.accepted_at, pk.WorkingDays(3)).due_date == clock.due_date
    # counting from the submission would give a different (earlier) date: not the clock
    assert LOCAL.due(saturday, pk.WorkingDays(3)).due_date == date(2026, 3, 11)
    assert clock.received_at == monday
