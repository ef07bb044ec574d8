"""Test strength (mutation testing): office hours, sessions and seasons (calendar/hours.py).

Each test pins a behaviour a surviving mutant showed unpinned (docs/explanation/testing.md).
Objects are built inside the tests: a mutant only runs in code the test itself executes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

import procedurekit as pk

DAY = ["08:00-12:00"]


@pytest.fixture(scope="module")
def cal() -> pk.WorkingCalendar:
    return pk.WorkingCalendar.vietnam()


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("00:00-23:59", time(0, 0), time(23, 59)), ("08:59-09:00", time(8, 59), time(9, 0))],
)
def test_clock_bounds_are_accepted(text: str, start: time, end: time) -> None:
    assert pk.Session.parse(text) == pk.Session(start, end)


@pytest.mark.parametrize("text", ["08:00-24:00", "08:00-12:60", "24:00-25:00"])
def test_clock_past_the_bounds_is_refused(text: str) -> None:
    with pytest.raises(pk.InvalidArgumentError):
        pk.Session.parse(text)


@pytest.mark.parametrize(
    "value", ["08:00-25:00", ("08:00", "25:00"), ("25:00", "12:00"), "25:00-12:00"]
)
def test_session_errors_carry_the_callers_name(value: object) -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.Session.parse(value, "week[3]")
    assert info.value.path == "week[3]"
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.Session.parse(value)
    assert info.value.path == "session"


def test_session_pairs_parse() -> None:
    assert pk.Session.parse(("07:30", time(11, 30))) == pk.Session(time(7, 30), time(11, 30))
    assert pk.Session.parse("07:30–11:30") == pk.Session(time(7, 30), time(11, 30))


@pytest.mark.parametrize(
    ("session", "text"),
    [
        (pk.Session(time(8, 0, 30), time(12)), "Session(time(8, 0, 30), time(12, 0))"),
        (pk.Session(time(8, 0, 0, 5), time(12)), "Session(time(8, 0, 0, 5), time(12, 0))"),
    ],
)
def test_session_repr_with_seconds(session: pk.Session, text: str) -> None:
    assert repr(session) == text


def test_touching_sessions_are_allowed() -> None:
    hours = pk.OfficeHours.weekly(["08:00-12:00", "12:00-17:00"])
    assert hours.nominal_sessions(date(2025, 3, 3)) == (
        pk.Session(time(8), time(12)),
        pk.Session(time(12), time(17)),
    )


def test_overlap_in_a_list_week_names_the_day() -> None:
    week: list[list[str]] = [DAY, [], ["08:00-12:00", "11:00-13:00"], [], [], [], []]
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.OfficeHours(week)
    assert info.value.path == "week[2]"
    bad: list[list[str]] = [DAY, [], ["nope"], [], [], [], []]
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.OfficeHours(bad)
    assert info.value.path == "week[2]"
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.OfficeHours({0: DAY, 4: ["nope"]})
    assert info.value.path == "week[4]"


def test_week_forms() -> None:
    listed = pk.OfficeHours([DAY, [], [], [], [], [], ["07:00-09:00"]])
    mapped = pk.OfficeHours({0: DAY, 6: ["07:00-09:00"]})
    assert listed == mapped
    assert mapped.nominal_sessions(date(2025, 3, 9)) == (pk.Session(time(7), time(9)),)
    with pytest.raises(pk.InvalidTypeError):
        pk.OfficeHours([DAY] * 6)
    with pytest.raises(pk.InvalidTypeError):
        pk.OfficeHours([DAY] * 8)


def test_makeup_weekday_may_be_sunday() -> None:
    hours = pk.OfficeHours({0: DAY, 6: ["07:00-09:00"]}, makeup_weekday=6)
    assert hours.makeup_weekday == 6
    assert hours.nominal_sessions(date(2025, 3, 4), makeup=True) == (pk.Session(time(7), time(9)),)


@pytest.mark.parametrize("bound", [(2, 29), (12, 31), (1, 1)])
def test_season_bounds_accepted(bound: tuple[int, int]) -> None:
    season = pk.Season("s", bound, bound, {0: DAY})
    assert season.start == season.end == bound
    assert season.contains(*bound)


@pytest.mark.parametrize("bound", [(13, 1), (0, 1), (2, 30), ("2", 1), (2,), [10, 16], (2, 1, 1)])
def test_season_bounds_refused(bound: object) -> None:
    with pytest.raises(pk.InvalidArgumentError):
        pk.Season("s", bound, (4, 15), {0: DAY})


def test_season_contains_its_bounds_plain_and_wrapping() -> None:
    summer = pk.Season("summer", (5, 1), (9, 30), {0: DAY})
    assert [summer.contains(*md) for md in [(5, 1), (9, 30), (4, 30), (10, 1)]] == [
        True,
        True,
        False,
        False,
    ]
    winter = pk.Season("winter", (10, 16), (4, 15), {0: DAY})
    days = [(10, 16), (4, 15), (1, 1), (10, 15), (4, 16)]
    assert [winter.contains(*md) for md in days] == [True, True, True, False, False]


def test_season_of_each_day_of_a_wrapping_season() -> None:
    winter = pk.Season("winter", (10, 16), (4, 15), {0: ["07:30-12:00"]})
    summer = pk.Season("summer", (5, 1), (9, 30), {0: ["08:00-11:00"]})
    hours = pk.OfficeHours({0: DAY}, seasons=[winter, summer])
    assert hours.season_of(date(2025, 10, 16)) == winter
    assert hours.season_of(date(2025, 12, 31)) == winter
    assert hours.season_of(date(2026, 1, 1)) == winter
    assert hours.season_of(date(2026, 4, 15)) == winter
    assert hours.season_of(date(2026, 4, 16)) is None
    assert hours.season_of(date(2026, 5, 1)) == summer
    assert hours.season_of(date(2026, 9, 30)) == summer
    assert hours.season_of(date(2026, 10, 15)) is None
    assert hours.opening(date(2025, 12, 1)).time() == time(7, 30)
    assert hours.opening(date(2026, 6, 1)).time() == time(8, 0)


def test_overlap_of_wrapping_seasons_names_the_first_common_day() -> None:
    a = pk.Season("a", (12, 1), (1, 31), {0: DAY})
    b = pk.Season("b", (12, 20), (2, 1), {0: DAY})
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.OfficeHours({0: DAY}, seasons=[a, b])
    assert info.value.message == "OfficeHours.seasons overlap: 'a' and 'b' both cover 01/01"


def test_makeup_message_names_the_season() -> None:
    first = pk.Season("first", (1, 1), (1, 31), {0: DAY})
    second = pk.Season("second", (3, 1), (3, 31), {1: DAY})
    with pytest.raises(pk.InvalidArgumentError) as info:
        pk.OfficeHours({0: DAY}, seasons=[first, second])
    assert "season 'second' has no sessions" in info.value.message


def test_weekly_keeps_its_options() -> None:
    hours = pk.OfficeHours.weekly(
        ["08:00-12:00"],
        weekdays=[1, 2],
        makeup_weekday=1,
        name="Phường X",
        assumptions=["chưa xác nhận"],
    )
    assert hours.makeup_weekday == 1
    assert hours.name == "Phường X"
    assert hours.assumptions == ("chưa xác nhận",)
    assert pk.OfficeHours.weekly(["08:00-12:00"]).name == "custom"


def test_opening_on_a_makeup_saturday_uses_the_calendar(cal: pk.WorkingCalendar) -> None:
    hours = pk.OfficeHours({0: ["07:00-11:00"], 1: DAY, 2: DAY, 3: DAY, 4: DAY})
    # Saturday 10 January 2026 is a make-up working day: it has Monday's hours.
    saturday = date(2026, 1, 10)
    assert hours.opening(saturday, cal).time() == time(7, 0)
    assert hours.is_open(datetime(2026, 1, 10, 7, 30), cal)


def test_moment_errors_are_named_moment(cal: pk.WorkingCalendar) -> None:
    hours = pk.OfficeHours.standard()
    for call in (
        lambda: hours.is_open("2025-03-03", cal),  # type: ignore[arg-type]
        lambda: hours.next_opening("2025-03-03", cal),  # type: ignore[arg-type]
        lambda: hours.add_office_time("2025-03-03", timedelta(hours=1), cal),  # type: ignore[arg-type]
    ):
        with pytest.raises(pk.InvalidTypeError) as info:
            call()
        assert info.value.path == "moment"
    with pytest.raises(pk.InvalidTypeError) as info:
        hours.office_time_between(datetime(2025, 3, 3, 9), "x", cal)  # type: ignore[arg-type]
    assert info.value.path == "end"


def test_office_time_between_is_antisymmetric(cal: pk.WorkingCalendar) -> None:
    hours = pk.OfficeHours.standard()
    a, b = datetime(2025, 3, 3, 11), datetime(2025, 3, 4, 9)
    # Monday 11:00-12:00 and 13:00-17:00, Tuesday 08:00-09:00: 6 hours.
    assert hours.office_time_between(a, b, cal) == timedelta(hours=6)
    assert hours.office_time_between(b, a, cal) == -timedelta(hours=6)
    assert hours.office_time_between(a, a, cal) == timedelta(0)
