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


@pytest.mark.parametrize(
    "session",
    [
        pk.Session(time(8, 0, 0, 5), time(12)),  # microseconds at the start
        pk.Session(time(8), time(12, 0, 30)),  # seconds at the end
        pk.Session(time(8), time(12, 0, 0, 5)),  # microseconds at the end
    ],
)
def test_hours_repr_keeps_seconds_and_microseconds(session: pk.Session) -> None:
    # The repr is code that builds an equal object: a session off the minute is written
    # as a Session, not as 'HH:MM-HH:MM', which would drop the seconds.
    hours = pk.OfficeHours.weekly([session])
    assert repr(hours) == f"OfficeHours.weekly(({session!r},))"
    names = {"OfficeHours": pk.OfficeHours, "Session": pk.Session, "time": time}
    assert eval(repr(hours), names) == hours


def test_season_repr_of_two_days_alike_is_a_fromkeys() -> None:
    season = pk.Season("s", (3, 1), (3, 31), {0: DAY, 1: DAY})
    assert repr(season) == "Season('s', (3, 1), (3, 31), dict.fromkeys((0, 1), ('08:00-12:00',)))"
    one = pk.Season("s", (3, 1), (3, 31), {2: DAY})
    assert repr(one) == "Season('s', (3, 1), (3, 31), {2: ('08:00-12:00',)})"


def test_a_one_day_season_holds_that_day_only() -> None:
    # Both bounds are included; a season from a day to the same day is that day, not the
    # whole year (a wrapping season is one whose end comes before its start).
    day = pk.Season("founding", (6, 14), (6, 14), {0: ["07:00-11:00"]})
    assert day.contains(6, 14)
    assert not day.contains(6, 13)
    assert not day.contains(6, 15)
    assert not day.contains(1, 1)
    hours = pk.OfficeHours({0: DAY}, seasons=[day])
    assert hours.season_of(date(2026, 6, 14)) == day
    assert hours.season_of(date(2026, 6, 15)) is None


def test_office_time_between_names_a_bad_start(cal: pk.WorkingCalendar) -> None:
    hours = pk.OfficeHours.standard()
    with pytest.raises(pk.InvalidTypeError) as info:
        hours.office_time_between("x", datetime(2025, 3, 3, 9), cal)  # type: ignore[arg-type]
    assert info.value.path == "start"


@pytest.mark.parametrize(
    ("sessions", "close"),
    [
        (["08:00-10:00"], time(10)),
        (["07:00-09:00", "10:00-12:00", "13:00-15:30"], time(15, 30)),
    ],
)
def test_closing_is_the_end_of_the_last_session(sessions: list[str], close: time) -> None:
    hours = pk.OfficeHours.weekly(sessions)
    monday = date(2025, 3, 3)
    assert hours.closing(monday).time() == close
    assert hours.closing_time(monday) == close


def test_a_makeup_saturday_opens_with_the_makeup_hours_not_its_own(
    cal: pk.WorkingCalendar,
) -> None:
    # An office that also opens on Saturday mornings: on a make-up Saturday (làm bù, here
    # 10 January 2026) it works Monday's hours, not its own Saturday ones (module doc).
    hours = pk.OfficeHours({0: ["07:00-11:00"], 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: ["08:30-10:00"]})
    saturday = date(2026, 1, 10)
    assert hours.opening(saturday, cal).time() == time(7, 0)
    assert hours.closing(saturday, cal).time() == time(11, 0)
    # Without a calendar nothing says it is a make-up day: its own Saturday hours.
    assert hours.opening(saturday).time() == time(8, 30)
    assert hours.closing(saturday).time() == time(10, 0)


def test_office_time_up_to_a_day_off_stops_at_the_last_close(cal: pk.WorkingCalendar) -> None:
    hours = pk.OfficeHours.standard()
    # Friday 7 March 2025 10:00 to Saturday 10:00: Friday 10:00-12:00 and 13:00-17:00.
    friday, saturday = datetime(2025, 3, 7, 10), datetime(2025, 3, 8, 10)
    assert hours.office_time_between(friday, saturday, cal) == timedelta(hours=6)
    assert hours.office_time_between(saturday, friday, cal) == -timedelta(hours=6)
    # To the Sunday after, the same six hours.
    assert hours.office_time_between(friday, datetime(2025, 3, 9, 23), cal) == timedelta(hours=6)


def test_closing_time_is_the_days_own_unless_a_makeup_day() -> None:
    # Fridays close an hour early; a make-up day has Monday's hours.
    hours = pk.OfficeHours({0: ["08:00-17:00"], 1: DAY, 2: DAY, 3: DAY, 4: ["08:00-16:00"]})
    friday = date(2025, 3, 7)
    assert hours.closing_time(friday) == time(16)
    assert hours.closing_time(friday, makeup=True) == time(17)
