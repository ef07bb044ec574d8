"""Short reprs you can paste back (STYLE.md 2; issue 12, item 10 d).

The repr of a calendar, office hours or rules object is one line, short for the defaults,
and, where it claims to be code, ``eval`` of it in a namespace of the ``procedurekit``
names (with ``datetime`` and ``time``) builds an equal object. A calendar that no call
can rebuild (local changes, announcement files, hand-made entries) says so in angle
brackets instead of pretending.
"""

from __future__ import annotations

import datetime
import pickle
from collections.abc import Callable
from datetime import date, time

import pytest
from _calendars import EXAMPLE_ANNOUNCEMENT, FACTORIES, calendar_named
from hypothesis import given
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.deadlines.rules import (
    EXTENSION_DEADLINES,
    NAIVE_POLICIES,
    PAUSE_POLICIES,
    RECEIPT_POLICIES,
)

NAMESPACE: dict[str, object] = {
    **{name: getattr(pk, name) for name in pk.__all__},
    "datetime": datetime,
    "time": time,
}
CAL = pk.WorkingCalendar.vietnam()


def pasted(obj: object) -> object:
    """``obj``'s repr, evaluated as code."""
    return eval(repr(obj), dict(NAMESPACE))


# -- the defaults: short, one line, exactly these ---------------------------------------------


@pytest.mark.parametrize(
    ("make", "text"),
    [
        (pk.WorkingCalendar.vietnam, "WorkingCalendar.vietnam()"),
        (
            lambda: pk.WorkingCalendar.vietnam(known_at=date(2024, 6, 1)),
            "WorkingCalendar.vietnam(known_at=datetime.date(2024, 6, 1))",
        ),
        (pk.WorkingCalendar, "WorkingCalendar()"),
        (pk.OfficeHours.standard, "OfficeHours.standard()"),
        (pk.OfficeHours.bac_giang, "OfficeHours.bac_giang()"),
        (lambda: pk.DeadlineRules(CAL), "DeadlineRules(WorkingCalendar.vietnam())"),
        (
            lambda: pk.DeadlineRules(calendar=CAL, hours=pk.OfficeHours.standard()),
            "DeadlineRules(WorkingCalendar.vietnam())",
        ),
        (
            lambda: pk.DeadlineRules(CAL, pk.OfficeHours.bac_giang(), receipt_policy="customs"),
            "DeadlineRules(WorkingCalendar.vietnam(), hours=OfficeHours.bac_giang(), "
            "receipt_policy='customs')",
        ),
    ],
)
def test_default_reprs(make: Callable[[], object], text: str) -> None:
    obj = make()
    assert repr(obj) == text
    assert pasted(obj) == obj


# -- calendars -----------------------------------------------------------------------------------

#: The ways of building a calendar whose repr is code (the others have no such call).
PASTEABLE = {"weekends-only", "vietnam", "vietnam-known-at", "unpickled"}


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_calendar_reprs_are_short_and_pasteable_or_say_they_are_not(name: str) -> None:
    cal = calendar_named(name)
    text = repr(cal)
    assert "\n" not in text
    assert len(text) < 120
    if name in PASTEABLE:
        other = pasted(cal)
        assert isinstance(other, pk.WorkingCalendar)
        assert other == cal
        assert (other.name, other.data_version) == (cal.name, cal.data_version)
    else:
        assert text.startswith("<WorkingCalendar ")
        assert text.endswith(">")
        assert repr(cal.data_version) in text


def test_a_calendar_with_local_changes_is_not_mistaken_for_the_official_one() -> None:
    local = CAL.with_changes(days_off=[date(2026, 6, 15)], name="so-tu-phap")
    assert (
        repr(local) == "<WorkingCalendar 'so-tu-phap' data_version='vietnam 2026.12.1+so-tu-phap'>"
    )
    extra = pk.WorkingCalendar.vietnam(extra_files=[EXAMPLE_ANNOUNCEMENT])
    assert not repr(extra).startswith("WorkingCalendar.vietnam(")
    # A calendar merely named like the official one is not printed as it.
    fake = pk.WorkingCalendar(CAL.entries(2026), name="vietnam", data_version=CAL.data_version)
    assert repr(fake).startswith("<WorkingCalendar 'vietnam'")


@given(
    weekend=st.sets(st.integers(0, 6), max_size=3),
    years=st.sets(st.integers(2010, 2060), max_size=6),
    unverified=st.sets(st.integers(2010, 2060), max_size=3),
    name=st.text(max_size=10),
)
def test_entryless_calendars_paste_back(
    weekend: set[int], years: set[int], unverified: set[int], name: str
) -> None:
    cal = pk.WorkingCalendar(
        weekend=weekend,
        complete_years=years - unverified,
        unverified_years=unverified,
        name=name,
        data_version=name or "custom",
    )
    other = pasted(cal)
    assert other == cal
    assert isinstance(other, pk.WorkingCalendar)
    assert (other.weekend, other.name, other.data_version) == (
        cal.weekend,
        cal.name,
        cal.data_version,
    )
    assert repr(other) == repr(cal)


def test_the_repr_survives_pickling() -> None:
    known = pk.WorkingCalendar.vietnam(known_at=date(2024, 6, 1))
    assert repr(pickle.loads(pickle.dumps(known))) == repr(known)


# -- office hours --------------------------------------------------------------------------------

HOURS = [
    pk.OfficeHours.weekly(["07:30-11:30", "13:30-17:00"], name="xa-a"),
    pk.OfficeHours.weekly(["08:00-12:00"], weekdays=range(6), makeup_weekday=5),
    pk.OfficeHours(
        {0: ["07:00-11:00", "13:00-17:00"], 5: [(time(7, 30, 15), time(11))]},
        assumptions=["Saturday mornings from a notice"],
    ),
    pk.OfficeHours.weekly(
        ["08:00-12:00", "13:00-17:00"],
        seasons=[
            pk.Season("winter", (11, 1), (2, 28), {0: ["07:30-11:30", "13:00-16:30"]}),
            pk.Season("summer", (5, 1), (8, 31), dict.fromkeys(range(5), ("07:00-11:00",))),
        ],
        name="two-seasons",
    ),
]


@pytest.mark.parametrize("hours", HOURS, ids=lambda h: h.name)
def test_office_hours_paste_back(hours: pk.OfficeHours) -> None:
    assert "\n" not in repr(hours)
    assert pasted(hours) == hours
    for season in hours.seasons:
        assert pasted(season) == season


def test_office_hours_reprs_are_short() -> None:
    assert repr(HOURS[0]) == "OfficeHours.weekly(('07:30-11:30', '13:30-17:00'), name='xa-a')"
    assert repr(HOURS[1]) == (
        "OfficeHours.weekly(('08:00-12:00',), weekdays=(0, 1, 2, 3, 4, 5), makeup_weekday=5)"
    )
    assert "Session(time(7, 30, 15), time(11, 0))" in repr(HOURS[2])  # seconds kept exactly


# -- rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("receipt", sorted(RECEIPT_POLICIES))
@pytest.mark.parametrize("pause", PAUSE_POLICIES)
@pytest.mark.parametrize("extension", EXTENSION_DEADLINES)
@pytest.mark.parametrize("naive", NAIVE_POLICIES)
def test_rules_with_every_option_paste_back(
    receipt: pk.deadlines.ReceiptPolicy,
    pause: pk.deadlines.PausePolicy,
    extension: pk.deadlines.ExtensionDeadline,
    naive: str,
) -> None:
    for hours in (pk.OfficeHours.standard(), pk.OfficeHours.bac_giang(), HOURS[0]):
        rules = pk.DeadlineRules(
            CAL,
            hours,
            receipt_policy=receipt,
            pause_policy=pause,
            extension_deadline=extension,
            naive=naive,
        )
        assert pasted(rules) == rules
        assert "\n" not in repr(rules)


def test_rules_on_a_calendar_without_a_call_are_still_short() -> None:
    local = CAL.with_changes(days_off=[date(2026, 6, 15)], name="so-tu-phap")
    text = repr(pk.DeadlineRules(local))
    assert text == (
        "DeadlineRules(<WorkingCalendar 'so-tu-phap' data_version='vietnam 2026.12.1+so-tu-phap'>)"
    )
