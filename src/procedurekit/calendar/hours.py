"""Office hours (giờ làm việc): when a one-stop office is open on each working day.

An :class:`OfficeHours` is a weekly schedule of sessions, optionally replaced during
seasonal periods (a province's winter hours), and the rule for make-up working days.
Provinces set their own hours inside the 40-hour week of Decision 188/1999/QĐ-TTg
(DOMAIN.md §2).

Conventions:

- Times are Vietnam local time, UTC+07:00, no daylight saving (:data:`VIETNAM_TZ`). A naive
  ``datetime`` is read as local; an aware one is converted. Every moment returned is aware.
- A :class:`Session` is half-open, ``[08:00, 12:00)``: 08:00 is open, 12:00 is closed.
- Sessions exist only on working days of a :class:`~procedurekit.calendar.WorkingCalendar`.
- A make-up working day (làm bù: a weekend day the calendar marks working), and any working
  day whose weekday has no sessions, has the hours of the regular weekday
  ``makeup_weekday`` (Monday by default) of the season in force that day.
- A season is a month-day range, both ends included, that may wrap the year end
  (16 Oct–15 Apr). Seasons may not overlap; outside every season the base ``week`` applies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Final

import attrs

from procedurekit._time import FIRST_DAY, WEEKDAYS_EN, to_local
from procedurekit._time import aware as _aware
from procedurekit.calendar.working import WorkingCalendar
from procedurekit.errors import InvalidArgumentError, InvalidTypeError

__all__ = [
    "OfficeHours",
    "Season",
    "Session",
]

_ONE_DAY: Final = timedelta(days=1)
_ZERO: Final = timedelta(0)
_HHMM: Final = re.compile(r"^\s*(\d{1,2})\s*[:hH]\s*(\d{2})\s*$")


def _check_time(instance: object, attribute: attrs.Attribute[time], value: time) -> None:
    name = f"Session.{attribute.name}"
    if not isinstance(value, time):
        raise InvalidTypeError(
            f"{name} must be a datetime.time, got {type(value).__name__} {value!r}",
            path=name,
            value=value,
            expected="datetime.time(8, 0)",
        )
    if value.tzinfo is not None:
        raise InvalidArgumentError(
            f"{name} is a local office-clock time and takes no tzinfo, got {value!r}",
            path=name,
            value=value,
            expected="datetime.time(8, 0)",
        )


def _parse_time(value: object, name: str) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        m = _HHMM.match(value)
        if m is not None:
            hh, mm = int(m.group(1)), int(m.group(2))
            if hh < 24 and mm < 60:
                return time(hh, mm)
    raise InvalidArgumentError(
        f"{name} must be a time or an 'HH:MM' string, got {value!r}",
        path=name,
        value=value,
        expected="'08:00' or datetime.time(8, 0)",
    )


@attrs.frozen(order=True, repr=False)
class Session:
    """One opening session (buổi làm việc), half-open: ``[start, end)``.

    >>> Session(time(8), time(12))
    Session(time(8, 0), time(12, 0))
    """

    start: time = attrs.field(validator=_check_time)
    end: time = attrs.field(validator=_check_time)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidArgumentError(
                f"Session.end must be after Session.start, got {self.start}–{self.end}",
                path="Session.end",
                value=self.end,
                expected="Session(time(8, 0), time(12, 0))",
            )

    @classmethod
    def parse(cls, value: object, name: str = "session") -> Session:
        """Read a session from a :class:`Session`, ``(start, end)`` or ``"08:00-12:00"``."""
        if isinstance(value, Session):
            return value
        if isinstance(value, str):
            parts = value.replace("–", "-").split("-")
            if len(parts) == 2:
                return cls(_parse_time(parts[0], name), _parse_time(parts[1], name))
        elif isinstance(value, tuple | list) and len(value) == 2:
            return cls(_parse_time(value[0], name), _parse_time(value[1], name))
        raise InvalidArgumentError(
            f"{name} must be a Session, a (start, end) pair or 'HH:MM-HH:MM', got {value!r}",
            path=name,
            value=value,
            expected="'08:00-12:00' or (time(8, 0), time(12, 0))",
        )

    @property
    def length(self) -> timedelta:
        """The session's length."""
        return datetime.combine(FIRST_DAY, self.end) - datetime.combine(FIRST_DAY, self.start)

    def __contains__(self, value: object) -> bool:
        return isinstance(value, time) and self.start <= value < self.end

    def __repr__(self) -> str:
        return f"Session({_time_repr(self.start)}, {_time_repr(self.end)})"


def _time_repr(t: time) -> str:
    parts = [str(t.hour), str(t.minute)]
    if t.second or t.microsecond:
        parts.append(str(t.second))
    if t.microsecond:
        parts.append(str(t.microsecond))
    return f"time({', '.join(parts)})"


Week = tuple[tuple[Session, ...], ...]


def _sessions_repr(sessions: tuple[Session, ...]) -> str:
    """``('08:00-12:00', '13:00-17:00')``: the form :meth:`Session.parse` reads back."""
    parts = [
        f"'{s.start:%H:%M}-{s.end:%H:%M}'"
        if s.start == s.start.replace(second=0, microsecond=0)
        and s.end == s.end.replace(second=0, microsecond=0)
        else repr(s)
        for s in sessions
    ]
    return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"


def _week_repr(week: Week) -> str:
    """A week as the shortest mapping that builds it back (see :func:`_week`)."""
    days = {k: sessions for k, sessions in enumerate(week) if sessions}
    if len(days) > 1 and len(set(days.values())) == 1:
        return f"dict.fromkeys({tuple(days)!r}, {_sessions_repr(next(iter(days.values())))})"
    return "{" + ", ".join(f"{k}: {_sessions_repr(v)}" for k, v in days.items()) + "}"


def _check_day_sessions(sessions: Sequence[Session], name: str) -> None:
    for i, s in enumerate(sessions):
        if not isinstance(s, Session):
            raise InvalidTypeError(
                f"{name} must hold Session values, got {type(s).__name__} {s!r}",
                path=name,
                value=s,
                expected="(Session(time(8, 0), time(12, 0)), Session(time(13, 0), time(17, 0)))",
            )
        if i and sessions[i - 1].end > s.start:
            raise InvalidArgumentError(
                f"{name} sessions must be sorted and must not overlap, got "
                f"{sessions[i - 1].start}–{sessions[i - 1].end} then {s.start}–{s.end}",
                path=name,
                value=tuple(sessions),
                expected="sorted, disjoint sessions, e.g. 08:00–12:00 then 13:00–17:00",
            )


def _week(value: object) -> Week:
    """Convert ``{weekday: sessions}`` or a 7-sequence of sessions into a 7-tuple."""
    if isinstance(value, Mapping):
        days: list[tuple[Session, ...]] = [() for _ in range(7)]
        for key, sessions in value.items():
            if isinstance(key, bool) or not isinstance(key, int) or not 0 <= key <= 6:
                raise InvalidArgumentError(
                    f"week keys must be weekday numbers 0 (Monday) to 6 (Sunday), got {key!r}",
                    path="week",
                    value=key,
                    expected="{0: [...], 1: [...]}",
                )
            days[key] = tuple(Session.parse(s, f"week[{key}]") for s in sessions)
    elif isinstance(value, tuple | list) and len(value) == 7:
        days = [tuple(Session.parse(s, f"week[{k}]") for s in v) for k, v in enumerate(value)]
    else:
        raise InvalidTypeError(
            f"week must be a mapping of weekday to sessions or 7 session lists, got {value!r}",
            path="week",
            value=value,
            expected="{0: ['08:00-12:00', '13:00-17:00'], ...}",
        )
    for k, sessions in enumerate(days):
        _check_day_sessions(sessions, f"week[{k}]")
    return tuple(days)


def _month_day(value: object) -> tuple[int, int]:
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and all(type(x) is int for x in value)
        and 1 <= value[0] <= 12
    ):
        month, day = value
        try:
            date(2024, month, day)  # a leap year: 29 February is a valid bound
        except ValueError:
            pass
        else:
            return (month, day)
    raise InvalidArgumentError(
        f"a season bound must be a (month, day) pair, got {value!r}",
        path="Season.start/end",
        value=value,
        expected="(10, 16) for 16 October",
    )


@attrs.frozen(repr=False)
class Season:
    """A seasonal period with its own weekly schedule (giờ làm việc mùa đông / mùa hè).

    ``start`` and ``end`` are ``(month, day)``, both included; a period may wrap the year
    end: ``Season("winter", (10, 16), (4, 15), week)``.

    >>> Season("winter", (10, 16), (4, 15), dict.fromkeys(range(5), ["07:30-12:00"]))
    Season('winter', (10, 16), (4, 15), dict.fromkeys((0, 1, 2, 3, 4), ('07:30-12:00',)))
    """

    name: str
    start: tuple[int, int] = attrs.field(converter=_month_day)
    end: tuple[int, int] = attrs.field(converter=_month_day)
    week: Week = attrs.field(converter=_week)

    def contains(self, month: int, day: int) -> bool:
        """Whether the day ``(month, day)`` of any year lies in this period."""
        md = (month, day)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end

    def __repr__(self) -> str:
        return f"Season({self.name!r}, {self.start!r}, {self.end!r}, {_week_repr(self.week)})"


_MONDAY_FRIDAY: Final = (0, 1, 2, 3, 4)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _check_makeup(instance: OfficeHours, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise InvalidArgumentError(
            f"OfficeHours.makeup_weekday must be a weekday number 0..6, got {value!r}",
            path="OfficeHours.makeup_weekday",
            value=value,
            expected="0 (Monday)",
        )


def _seasons(value: Iterable[Season]) -> tuple[Season, ...]:
    out = tuple(value)
    for s in out:
        if not isinstance(s, Season):
            raise InvalidTypeError(
                f"OfficeHours.seasons must hold Season values, got {type(s).__name__}",
                path="OfficeHours.seasons",
                value=s,
                expected="Season('winter', (10, 16), (4, 15), {...})",
            )
    return out


@attrs.frozen(repr=False)
class OfficeHours:
    """Office hours of a one-stop office, by weekday and season.

    ``week`` is the base schedule (weekday 0 = Monday → sessions); ``seasons`` replace it
    during their periods; ``makeup_weekday`` names the regular weekday whose hours a make-up
    working day uses (Monday by default). ``assumptions`` records facts that are not confirmed
    from a primary source.

    Immutable, picklable, and safe to share between threads. The repr is code that builds
    an equal object: a preset's name, or the shortest of ``OfficeHours.weekly(...)`` and
    ``OfficeHours({weekday: sessions}, ...)``.

    >>> hours = OfficeHours.standard()
    >>> hours.closing(date(2026, 2, 23)).isoformat()
    '2026-02-23T17:00:00+07:00'
    >>> hours
    OfficeHours.standard()
    >>> OfficeHours.weekly(["07:30-11:30", "13:30-17:00"], name="xa-a")
    OfficeHours.weekly(('07:30-11:30', '13:30-17:00'), name='xa-a')
    """

    week: Week = attrs.field(converter=_week)
    seasons: tuple[Season, ...] = attrs.field(default=(), converter=_seasons, kw_only=True)
    makeup_weekday: int = attrs.field(default=0, validator=_check_makeup, kw_only=True)
    name: str = attrs.field(default="custom", kw_only=True)
    assumptions: tuple[str, ...] = attrs.field(default=(), converter=_strings, kw_only=True)
    # Precomputed: schedule index per month*32+day, and each schedule's week.
    _by_md: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _weeks: tuple[Week, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        weeks = (self.week, *(s.week for s in self.seasons))
        for k, wk in enumerate(weeks):
            if not wk[self.makeup_weekday]:
                where = "week" if k == 0 else f"season {self.seasons[k - 1].name!r}"
                raise InvalidArgumentError(
                    f"OfficeHours {where} has no sessions on makeup_weekday "
                    f"{WEEKDAYS_EN[self.makeup_weekday]}; make-up days would have no hours",
                    path="OfficeHours.makeup_weekday",
                    value=self.makeup_weekday,
                    expected="a weekday with sessions, e.g. 0 (Monday)",
                )
        by_md = [0] * (13 * 32)
        for k, season in enumerate(self.seasons, start=1):
            for month in range(1, 13):
                for day in range(1, 32):
                    if season.contains(month, day):
                        if by_md[month * 32 + day]:
                            other = self.seasons[by_md[month * 32 + day] - 1].name
                            raise InvalidArgumentError(
                                f"OfficeHours.seasons overlap: {other!r} and {season.name!r} "
                                f"both cover {day:02d}/{month:02d}",
                                path="OfficeHours.seasons",
                                value=self.seasons,
                                expected="disjoint month-day periods",
                            )
                        by_md[month * 32 + day] = k
        object.__setattr__(self, "_by_md", tuple(by_md))
        object.__setattr__(self, "_weeks", weeks)

    def __repr__(self) -> str:
        if self == _STANDARD:
            return "OfficeHours.standard()"
        if self == _BAC_GIANG:
            return "OfficeHours.bac_giang()"
        days = {k: sessions for k, sessions in enumerate(self.week) if sessions}
        options = []
        if len(set(days.values())) == 1:
            head = f"OfficeHours.weekly({_sessions_repr(next(iter(days.values())))}"
            if tuple(days) != _MONDAY_FRIDAY:
                options.append(f"weekdays={tuple(days)!r}")
        else:
            head = f"OfficeHours({_week_repr(self.week)}"
        if self.seasons:
            options.append(f"seasons={list(self.seasons)!r}")
        if self.makeup_weekday:
            options.append(f"makeup_weekday={self.makeup_weekday}")
        if self.name != "custom":
            options.append(f"name={self.name!r}")
        if self.assumptions:
            options.append(f"assumptions={self.assumptions!r}")
        return head + "".join(f", {o}" for o in options) + ")"

    # -- presets --------------------------------------------------------------------------

    @classmethod
    def weekly(
        cls,
        sessions: Iterable[object],
        *,
        weekdays: Iterable[int] = _MONDAY_FRIDAY,
        seasons: Iterable[Season] = (),
        makeup_weekday: int = 0,
        name: str = "custom",
        assumptions: Iterable[str] = (),
    ) -> OfficeHours:
        """The same ``sessions`` on each of ``weekdays``: ``weekly(["08:00-12:00", ...])``."""
        day = tuple(Session.parse(s) for s in sessions)
        return cls(
            dict.fromkeys(weekdays, day),
            seasons=seasons,
            makeup_weekday=makeup_weekday,
            name=name,
            assumptions=tuple(assumptions),
        )

    @classmethod
    def standard(cls) -> OfficeHours:
        """Monday–Friday 08:00–12:00 and 13:00–17:00, the common default (DOMAIN.md §2)."""
        return _STANDARD

    @classmethod
    def bac_giang(cls) -> OfficeHours:
        """Bắc Giang province: winter hours (16 Oct–15 Apr) 07:30–12:00, 13:00–16:30.

        The winter hours are confirmed (DOMAIN.md §2). The summer hours are **not confirmed**:
        this preset assumes the standard 08:00–12:00, 13:00–17:00 outside winter and says so
        in ``assumptions``. Build your own :class:`OfficeHours` when you know them.
        """
        return _BAC_GIANG

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """Office hours from a short text, as a command-line option gives them: a preset
        (``standard``, ``bac-giang``) or the sessions of every weekday Monday to Friday,
        comma-separated (``"07:30-11:30,13:30-17:00"``).

        >>> OfficeHours.parse("07:30-11:30, 13:30-17:00")
        OfficeHours.weekly(('07:30-11:30', '13:30-17:00'))
        """
        if not isinstance(text, str):
            raise InvalidArgumentError(
                f"office hours must be a text, got {type(text).__name__}",
                path="office_hours",
                value=text,
                expected="'standard', 'bac-giang' or '07:30-11:30,13:30-17:00'",
            )
        key = text.strip().lower().replace("_", "-")
        if key == "standard":
            return _STANDARD
        if key == "bac-giang":
            return _BAC_GIANG
        parts = [p.strip() for p in text.split(",") if p.strip()]
        if not parts:
            raise InvalidArgumentError(
                f"office hours {text!r} name no session",
                path="office_hours",
                value=text,
                expected="'standard', 'bac-giang' or '07:30-11:30,13:30-17:00'",
            )
        return cls.weekly([Session.parse(p, "office_hours") for p in parts])

    # -- questions ------------------------------------------------------------------------

    def season_of(self, day: date) -> Season | None:
        """The season in force on ``day``, or ``None`` for the base schedule."""
        k = self._by_md[day.month * 32 + day.day]
        return self.seasons[k - 1] if k else None

    def _week_of(self, day: date) -> Week:
        return self._weeks[self._by_md[day.month * 32 + day.day]]

    def nominal_sessions(self, day: date, *, makeup: bool = False) -> tuple[Session, ...]:
        """The sessions ``day`` would have as a working day (make-up hours when ``makeup``).

        A weekday with no sessions of its own gets the ``makeup_weekday``'s hours.
        """
        wk = self._week_of(day)
        sessions = wk[day.weekday()]
        if makeup or not sessions:
            return wk[self.makeup_weekday]
        return sessions

    def sessions(self, day: date, calendar: WorkingCalendar) -> tuple[Session, ...]:
        """The sessions of ``day``: none on a non-working day; make-up hours on a make-up day."""
        if not calendar.is_working_day(day):
            return ()
        return self.nominal_sessions(day, makeup=day.weekday() in calendar.weekend)

    def _nominal(self, day: date, calendar: WorkingCalendar | None) -> tuple[Session, ...]:
        makeup = (
            calendar is not None
            and day.weekday() in calendar.weekend
            and calendar.is_working_day(day)
        )
        return self.nominal_sessions(day, makeup=makeup)

    def opening(self, day: date, calendar: WorkingCalendar | None = None) -> datetime:
        """The opening of office hours on ``day`` (aware).

        On a day without sessions this is the nominal opening (the ``makeup_weekday``'s);
        with a ``calendar``, a make-up working day uses the make-up hours.
        """
        return _aware(datetime.combine(day, self._nominal(day, calendar)[0].start))

    def closing(self, day: date, calendar: WorkingCalendar | None = None) -> datetime:
        """The close of office hours on ``day`` (aware); see :meth:`opening`."""
        return _aware(datetime.combine(day, self._nominal(day, calendar)[-1].end))

    def day_length(self, day: date) -> timedelta:
        """Office time of a regular working day (the ``makeup_weekday``) in ``day``'s season."""
        return sum((s.length for s in self._week_of(day)[self.makeup_weekday]), _ZERO)

    def is_open(self, moment: datetime, calendar: WorkingCalendar) -> bool:
        """Whether the office is open at ``moment`` (sessions are half-open)."""
        m = to_local(moment, "moment")
        t = m.time()
        return any(t in s for s in self.sessions(m.date(), calendar))

    def next_opening(self, moment: datetime, calendar: WorkingCalendar) -> datetime:
        """The first moment at or after ``moment`` when the office is open.

        ``moment`` itself inside a session; 12:00 or 12:30 → 13:00; 17:00 → next working
        day's opening (half-open sessions).
        """
        return _aware(self.next_opening_local(to_local(moment, "moment"), calendar))

    def office_time_between(
        self, start: datetime, end: datetime, calendar: WorkingCalendar
    ) -> timedelta:
        """Office time in ``[start, end)``; negative when ``end < start``."""
        a = to_local(start, "start")
        b = to_local(end, "end")
        if b < a:
            return -self.office_time_local(b, a, calendar)
        return self.office_time_local(a, b, calendar)

    def add_office_time(
        self, moment: datetime, amount: timedelta, calendar: WorkingCalendar
    ) -> datetime:
        """The earliest moment by which ``amount`` of office time from ``moment`` is used.

        Ending exactly at a session's close gives that close (12:00, 17:00), not the next
        opening. A zero amount returns ``moment``.
        """
        if not isinstance(amount, timedelta):
            raise InvalidTypeError(
                f"amount must be a datetime.timedelta, got {type(amount).__name__} {amount!r}",
                path="amount",
                value=amount,
                expected="timedelta(hours=4)",
            )
        if amount < _ZERO:
            raise InvalidArgumentError(
                f"amount must not be negative, got {amount}",
                path="amount",
                value=amount,
                expected="timedelta(hours=4)",
            )
        return _aware(self.add_office_time_local(to_local(moment, "moment"), amount, calendar))

    # -- naive local moments (the deadline engine's fast path) ---------------------------
    # The three methods below take and return naive Vietnam-local datetimes inside the
    # calendar's range, unchecked: callers convert once (procedurekit._time.to_local).

    def closing_time(self, day: date, *, makeup: bool = False) -> time:
        """The close of office hours on working day ``day`` (a make-up day's when ``makeup``)."""
        return self.nominal_sessions(day, makeup=makeup)[-1].end

    def next_opening_local(self, m: datetime, calendar: WorkingCalendar) -> datetime:
        """:meth:`next_opening` for a naive local moment (returned naive)."""
        day = m.date()
        t = m.time()
        for s in self.sessions(day, calendar):
            if t < s.end:
                return m if t >= s.start else datetime.combine(day, s.start)
        nxt = calendar.add_working_days(day, 1)
        return datetime.combine(nxt, self.sessions(nxt, calendar)[0].start)

    def office_time_local(self, a: datetime, b: datetime, calendar: WorkingCalendar) -> timedelta:
        """Office time in ``[a, b)`` for naive local moments, ``a <= b``."""
        total = _ZERO
        day = a.date()
        last = b.date()
        while day <= last:
            for s in self.sessions(day, calendar):
                lo = max(datetime.combine(day, s.start), a)
                hi = min(datetime.combine(day, s.end), b)
                if hi > lo:
                    total += hi - lo
            if day == last:
                break
            day = calendar.add_working_days(day, 1)
            if day > last:
                break
        return total

    def add_office_time_local(
        self, m: datetime, amount: timedelta, calendar: WorkingCalendar
    ) -> datetime:
        """:meth:`add_office_time` for a naive local moment and a non-negative amount."""
        if amount == _ZERO:
            return m
        left = amount
        day = m.date()
        start = m
        while True:
            for s in self.sessions(day, calendar):
                lo = max(datetime.combine(day, s.start), start)
                hi = datetime.combine(day, s.end)
                if hi <= lo:
                    continue
                if left <= hi - lo:
                    return lo + left
                left -= hi - lo
            day = calendar.add_working_days(day, 1)
            start = datetime.combine(day, time.min)


_STANDARD: Final = OfficeHours.weekly(["08:00-12:00", "13:00-17:00"], name="standard")

_BAC_GIANG: Final = OfficeHours.weekly(
    ["08:00-12:00", "13:00-17:00"],
    seasons=[
        Season(
            "winter",
            (10, 16),
            (4, 15),
            dict.fromkeys(_MONDAY_FRIDAY, ("07:30-12:00", "13:00-16:30")),
        )
    ],
    name="bac-giang",
    assumptions=(
        "summer hours (16 Apr–15 Oct) are not confirmed: the standard 08:00–12:00, "
        "13:00–17:00 are assumed",
    ),
)
