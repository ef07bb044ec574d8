"""Office hours: sessions, seasons, make-up days, office-time arithmetic, validation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from _deadline_helpers import domain_calendar

import procedurekit as pk
from procedurekit._time import to_local
from procedurekit.calendar.hours import OfficeHours, Season, Session

CAL = domain_calendar()
STD = OfficeHours.standard()
BG = OfficeHours.bac_giang()
TZ = pk.VIETNAM_TZ


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def test_standard_sessions() -> None:
    monday = date(2026, 3, 2)
    assert STD.sessions(monday, CAL) == (Session(time(8), time(12)), Session(time(13), time(17)))
    assert STD.sessions(date(2026, 3, 7), CAL) == ()  # Saturday
    assert STD.sessions(date(2026, 2, 17), CAL) == ()  # Tết 2026
    assert STD.day_length(monday) == timedelta(hours=8)
    assert STD.name == "standard"


def test_makeup_saturday_uses_monday_hours() -> None:
    makeup = date(2026, 1, 10)
    assert STD.sessions(makeup, CAL) == STD.sessions(date(2026, 3, 2), CAL)
    assert STD.closing(makeup, CAL) == at(2026, 1, 10, 17)


def test_makeup_weekday_field_chooses_the_hours() -> None:
    short_friday = OfficeHours(
        {
            **dict.fromkeys(range(4), ("08:00-12:00", "13:00-17:00")),
            4: ("08:00-12:00", "13:00-16:00"),
        },
        makeup_weekday=4,
    )
    assert short_friday.closing(date(2026, 1, 10), CAL) == at(2026, 1, 10, 16)
    assert short_friday.closing(date(2026, 3, 2), CAL) == at(2026, 3, 2, 17)


def test_half_open_sessions() -> None:
    assert STD.is_open(at(2026, 3, 2, 8), CAL)
    assert STD.is_open(datetime(2026, 3, 2, 11, 59, 59), CAL)
    assert not STD.is_open(at(2026, 3, 2, 12), CAL)
    assert STD.is_open(at(2026, 3, 2, 13), CAL)
    assert not STD.is_open(at(2026, 3, 2, 17), CAL)
    assert not STD.is_open(at(2026, 3, 7, 10), CAL)
    # 03:00 UTC is 10:00 in Vietnam
    assert STD.is_open(datetime(2026, 3, 2, 3, 0, tzinfo=UTC), CAL)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 3, 2, 7), at(2026, 3, 2, 8)),
        (at(2026, 3, 2, 10), at(2026, 3, 2, 10)),
        (at(2026, 3, 2, 12), at(2026, 3, 2, 13)),
        (at(2026, 3, 2, 12, 30), at(2026, 3, 2, 13)),
        (at(2026, 3, 2, 17), at(2026, 3, 3, 8)),
        (at(2026, 3, 6, 17), at(2026, 3, 9, 8)),
        (at(2026, 3, 7, 10), at(2026, 3, 9, 8)),
        (at(2026, 2, 13, 17), at(2026, 2, 23, 8)),
        (at(2026, 1, 9, 17, 30), at(2026, 1, 10, 8)),  # make-up Saturday
    ],
)
def test_next_opening(moment: datetime, expected: datetime) -> None:
    assert STD.next_opening(moment, CAL) == expected


def test_office_time_between() -> None:
    assert STD.office_time_between(at(2026, 3, 2, 8), at(2026, 3, 2, 17), CAL) == timedelta(hours=8)
    assert STD.office_time_between(at(2026, 3, 6, 16), at(2026, 3, 9, 9), CAL) == timedelta(hours=2)
    assert STD.office_time_between(at(2026, 3, 9, 9), at(2026, 3, 6, 16), CAL) == -timedelta(
        hours=2
    )
    assert STD.office_time_between(at(2026, 3, 2, 12), at(2026, 3, 2, 13), CAL) == timedelta(0)
    assert STD.office_time_between(at(2026, 2, 13, 8), at(2026, 2, 23, 17), CAL) == timedelta(
        hours=16
    )


def test_add_office_time() -> None:
    assert STD.add_office_time(at(2026, 3, 2, 8), timedelta(hours=4), CAL) == at(2026, 3, 2, 12)
    assert STD.add_office_time(at(2026, 3, 2, 13), timedelta(hours=4), CAL) == at(2026, 3, 2, 17)
    assert STD.add_office_time(at(2026, 3, 2, 16), timedelta(hours=2), CAL) == at(2026, 3, 3, 9)
    assert STD.add_office_time(at(2026, 3, 2, 12, 30), timedelta(0), CAL) == at(2026, 3, 2, 12, 30)
    with pytest.raises(pk.InvalidArgumentError, match="amount"):
        STD.add_office_time(at(2026, 3, 2, 8), timedelta(hours=-1), CAL)
    with pytest.raises(pk.InvalidTypeError, match="amount"):
        STD.add_office_time(at(2026, 3, 2, 8), 4, CAL)  # type: ignore[arg-type]


def test_opening_and_closing_without_calendar() -> None:
    assert STD.opening(date(2026, 3, 2)) == at(2026, 3, 2, 8)
    assert STD.closing(date(2026, 3, 2)) == at(2026, 3, 2, 17)
    # A day without sessions has the nominal (make-up weekday's) hours.
    assert STD.opening(date(2026, 3, 8)) == at(2026, 3, 8, 8)


def test_bac_giang_seasons() -> None:
    assert BG.closing(date(2026, 1, 5)) == at(2026, 1, 5, 16, 30)
    assert BG.opening(date(2026, 1, 5)) == at(2026, 1, 5, 7, 30)
    assert BG.closing(date(2026, 4, 15)) == at(2026, 4, 15, 16, 30)
    assert BG.closing(date(2026, 4, 16)) == at(2026, 4, 16, 17)
    assert BG.closing(date(2026, 10, 15)) == at(2026, 10, 15, 17)
    assert BG.closing(date(2026, 10, 16)) == at(2026, 10, 16, 16, 30)
    assert BG.day_length(date(2026, 1, 5)) == timedelta(hours=8)
    winter = BG.season_of(date(2026, 12, 31))
    assert winter is not None
    assert winter.name == "winter"
    assert BG.season_of(date(2026, 7, 1)) is None
    assert any("summer" in a and "not confirmed" in a for a in BG.assumptions)


def test_season_contains_wraps_year_end() -> None:
    s = Season("winter", (10, 16), (4, 15), {0: ["08:00-12:00"]})
    assert s.contains(1, 1)
    assert s.contains(12, 31)
    assert not s.contains(7, 1)
    summer = Season("summer", (4, 16), (10, 15), {0: ["07:00-11:00"]})
    assert summer.contains(4, 16)
    assert not summer.contains(4, 15)


def test_weekly_constructor_and_repr() -> None:
    hours = OfficeHours.weekly([(time(7), time(11)), "13:30-17:30"], weekdays=range(6))
    assert hours.sessions(date(2026, 3, 2), CAL)[1] == Session(time(13, 30), time(17, 30))
    assert repr(Session(time(8), time(12))) == "Session(time(8, 0), time(12, 0))"
    assert Session.parse("08:00–12:00") == Session(time(8), time(12))
    assert time(8) in Session(time(8), time(12))
    assert time(12) not in Session(time(8), time(12))


@pytest.mark.parametrize(
    "sessions",
    [
        ["08:00-12:00", "11:00-17:00"],  # overlapping
        ["13:00-17:00", "08:00-12:00"],  # unsorted
        ["12:00-08:00"],  # end before start
        ["08:00-08:00"],  # empty
        ["8h-12h"],  # unreadable
        ["25:00-26:00"],
        [42],
    ],
)
def test_invalid_sessions(sessions: list[object]) -> None:
    with pytest.raises(pk.ProcedureKitError) as exc:
        OfficeHours.weekly(sessions)
    assert "session" in str(exc.value).lower() or "week" in str(exc.value)


def test_invalid_office_hours() -> None:
    with pytest.raises(pk.InvalidArgumentError, match=r"Session\.end"):
        Session(time(12), time(8))
    with pytest.raises(pk.InvalidTypeError, match=r"Session\.start"):
        Session("08:00", time(12))  # type: ignore[arg-type]
    with pytest.raises(pk.InvalidArgumentError, match="makeup_weekday"):
        OfficeHours({0: ["08:00-12:00"]}, makeup_weekday=5)
    with pytest.raises(pk.InvalidArgumentError, match="makeup_weekday"):
        OfficeHours({0: ["08:00-12:00"]}, makeup_weekday=9)
    with pytest.raises(pk.InvalidArgumentError, match="week keys"):
        OfficeHours({7: ["08:00-12:00"]})
    with pytest.raises(pk.InvalidTypeError, match="week"):
        OfficeHours("08:00-12:00")
    with pytest.raises(pk.InvalidArgumentError, match="season"):
        Season("bad", (2, 30), (3, 1), {0: ["08:00-12:00"]})
    with pytest.raises(pk.InvalidArgumentError, match="overlap"):
        OfficeHours.weekly(
            ["08:00-12:00"],
            seasons=[
                Season("a", (1, 1), (3, 1), {0: ["08:00-12:00"]}),
                Season("b", (2, 1), (4, 1), {0: ["08:00-12:00"]}),
            ],
        )


def test_to_local() -> None:
    assert to_local(datetime(2026, 3, 2, 10), "m") == datetime(2026, 3, 2, 10)
    assert to_local(datetime(2026, 3, 2, 3, tzinfo=UTC), "m") == datetime(2026, 3, 2, 10)
    with pytest.raises(pk.InvalidTypeError, match="m must be"):
        to_local(date(2026, 3, 2), "m")
    with pytest.raises(pk.CalendarRangeError, match="m "):
        to_local(datetime(2009, 12, 31, 23), "m")
    with pytest.raises(pk.CalendarRangeError):
        to_local(datetime(9999, 12, 31, 23, tzinfo=UTC), "m")


def test_frozen() -> None:
    import attrs

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        STD.name = "x"  # type: ignore[misc]
    assert OfficeHours.standard() is STD
    assert OfficeHours.weekly(["08:00-12:00", "13:00-17:00"], name="standard") == STD


# -- test strength (issue "Test strength", gaps 7-8) -------------------------------------------


def test_custom_hours_with_a_day_other_than_8_hours() -> None:
    """Gap 7: 07:30-11:30 and 13:30-17:00 make a 7 h 30 min day; half of it is 3 h 45."""
    hours = OfficeHours.weekly(["07:30-11:30", "13:30-17:00"])
    monday = date(2026, 3, 2)
    assert hours.day_length(monday) == timedelta(hours=7, minutes=30)
    assert hours.add_office_time(at(2026, 3, 2, 8), timedelta(hours=3, minutes=45), CAL) == at(
        2026, 3, 2, 13, 45
    )
    rules = pk.DeadlineRules(CAL, hours)
    # Half a working day: half of the next working day's 7 h 30 from its opening (07:30).
    half = rules.due(datetime(2026, 3, 2, 8, 0), pk.WorkingDays(Decimal("0.5")))
    assert half.due_at == at(2026, 3, 3, 11, 15)
    assert rules.due(datetime(2026, 3, 2, 8, 0), pk.WorkingDays(1)).due_at == at(2026, 3, 3, 17)


def test_a_season_of_four_office_hours_has_a_four_hour_day() -> None:
    """Gap 7: a season's own day length, not 8 hours."""
    short = OfficeHours.weekly(
        ["08:00-12:00", "13:00-17:00"],
        seasons=[Season("short", (6, 1), (8, 31), dict.fromkeys(range(5), ("07:00-11:00",)))],
    )
    assert short.day_length(date(2026, 7, 6)) == timedelta(hours=4)
    assert short.day_length(date(2026, 3, 2)) == timedelta(hours=8)
    rules = pk.DeadlineRules(CAL, short)
    half = rules.due(datetime(2026, 7, 6, 7, 0), pk.WorkingDays(Decimal("0.5")))
    assert half.due_at == at(2026, 7, 7, 9)
    assert rules.due(datetime(2026, 7, 6, 7, 0), pk.WorkingHours(6)).due_at == at(2026, 7, 7, 9)


def test_makeup_saturday_uses_weekday_hours_even_with_saturday_sessions() -> None:
    """Gap 8: with Saturday 08:00-11:00 configured, the make-up Saturday 2026-01-10 still
    has a regular weekday's hours (DESIGN: a make-up day has a regular weekday's hours)."""
    week = dict.fromkeys(range(5), ("08:00-12:00", "13:00-17:00"))
    hours = OfficeHours({**week, 5: ("08:00-11:00",)})
    makeup = date(2026, 1, 10)
    assert hours.is_open(at(2026, 1, 10, 14), CAL)
    assert hours.closing(makeup, CAL) == at(2026, 1, 10, 17)
    assert hours.opening(makeup, CAL) == at(2026, 1, 10, 8)
    assert hours.sessions(makeup, CAL) == hours.sessions(date(2026, 1, 12), CAL)
    # is_open agrees with closing(): open just before it, closed at it.
    assert hours.is_open(at(2026, 1, 10, 16, 59), CAL)
    assert not hours.is_open(at(2026, 1, 10, 17), CAL)
    # An ordinary Saturday is not a working day: its own sessions do not open it.
    assert not hours.is_open(at(2026, 1, 17, 9), CAL)
    rules = pk.DeadlineRules(CAL, hours)
    assert rules.due(datetime(2026, 1, 9, 10), pk.WorkingDays(1)).due_at == at(2026, 1, 10, 17)
