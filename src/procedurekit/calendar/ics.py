"""A year of the public-sector calendar as iCalendar (RFC 5545), to subscribe to in an app.

:func:`calendar_ics` writes the days off (holidays, compensatory days, swapped days off,
local closures) and the make-up working days of one year as all-day events. It needs the
optional extra ``ics`` (``pip install 'procedurekit[ics]'``, the ``icalendar`` package),
imported only when the function runs: ``import procedurekit`` never loads it.

The same function serves ``procedurekit calendar 2026 --format ics`` and an HTTP service
answering ``GET /v1/calendar/{year}`` with ``Accept: text/calendar`` (:data:`MEDIA_TYPE`).

Each event:

- ``UID`` ``YYYYMMDD-<kind>.<calendar name>@procedurekit`` (``20260102-swap.vietnam@procedurekit``):
  stable across data versions, so a subscribed app updates an event instead of duplicating
  it; a day whose kind changes (a projected day confirmed as a swap) gets a new event;
- ``DTSTART;VALUE=DATE`` the day, ``DTEND;VALUE=DATE`` the next day (all-day, RFC 5545
  §3.6.1); ``TRANSP:TRANSPARENT`` (a holiday does not make anyone busy);
- ``SUMMARY`` in Vietnamese: the day's name, "(dự kiến)" after it when the day is not
  settled; a make-up working day reads
  ``Ngày làm việc (làm bù): ...`` so it cannot be taken for a holiday;
- ``DESCRIPTION``: the English name, whether the day is off or worked and why (its kind),
  the source document, the day it was issued, its status and the data version;
- ``CATEGORIES`` ``Ngày nghỉ,Day off`` or ``Ngày làm việc,Working day``; ``STATUS``
  ``TENTATIVE`` when the day is not settled (a provisional or unverified year, a projected
  entry), else ``CONFIRMED``; ``X-PROCEDUREKIT-KIND`` and ``X-PROCEDUREKIT-WORKING``;
- ``DTSTAMP``: ``stamp`` (UTC), by default midnight UTC of the latest announcement date in
  the calendar's data, so the same data always gives the same bytes (the clock is never read).

The calendar carries ``NAME`` and ``X-WR-CALNAME``, a description, ``X-WR-TIMEZONE``
Asia/Ho_Chi_Minh, ``REFRESH-INTERVAL`` and ``X-PUBLISHED-TTL`` of one day (RFC 7986), and
``X-PROCEDUREKIT-DATA-VERSION`` and ``X-PROCEDUREKIT-YEAR-STATUS``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Final

from procedurekit._time import VIETNAM_TZ
from procedurekit._version import __version__
from procedurekit.calendar.working import DayEntry, DayKind, EntryStatus, WorkingCalendar
from procedurekit.errors import InvalidTypeError, MissingExtraError

if TYPE_CHECKING:
    from icalendar import Event

__all__ = ["MEDIA_TYPE", "calendar_ics"]

#: The media type of :func:`calendar_ics`'s text (RFC 5545 §8.1), UTF-8.
MEDIA_TYPE: Final = "text/calendar"

_KIND: Final = {
    DayKind.STATUTORY: (
        "ngày lễ, Tết theo Bộ luật Lao động",
        "public holiday under the Labour Code",
    ),
    DayKind.COMPENSATORY: ("nghỉ bù", "compensatory day off"),
    DayKind.SWAP: ("nghỉ hoán đổi", "swapped day off"),
    DayKind.MAKEUP: ("làm bù", "make-up working day"),
    DayKind.LOCAL: ("ngày riêng của cơ quan", "local day"),
}
_STATE_EN: Final = {
    "complete": "complete: every announcement of the year is in the data",
    "provisional": "provisional: not all announcements are in and days may still change",
    "unverified": "unverified: the year's announcements were not all found",
}
_STATE_VI: Final = {
    "complete": "đã đủ các thông báo",
    "provisional": "dự kiến: chưa đủ các thông báo chính thức",
    "unverified": "chưa kiểm chứng đủ các thông báo",
}


def calendar_ics(calendar: WorkingCalendar, year: int, *, stamp: datetime | None = None) -> str:
    """The days off and make-up working days of ``year`` as an iCalendar text (CRLF lines).

    ``stamp`` is every event's ``DTSTAMP`` (a naive datetime is Vietnam time); by default
    midnight UTC of the latest announcement date in ``calendar``'s entries (1 January of
    ``year`` when none has one). See the module docstring for each property.

    Raises :class:`MissingExtraError` (also an ``ImportError``) when ``icalendar`` is not
    installed, and ``CalendarRangeError`` for a year outside 2010..2060.

    >>> import procedurekit as pk
    >>> text = calendar_ics(pk.WorkingCalendar.vietnam(), 2026)
    >>> "UID:20260110-makeup.vietnam@procedurekit" in text
    True
    """
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidTypeError(
            f"calendar must be a WorkingCalendar, got {type(calendar).__name__}",
            path="calendar",
            value=calendar,
            expected="WorkingCalendar.vietnam()",
        )
    entries = sorted((*calendar.days_off(year), *calendar.makeup_days(year)), key=_day)
    try:
        from icalendar import Calendar, vDuration, vText
    except ImportError as exc:
        raise MissingExtraError.of("icalendar", "ics", "writing iCalendar") from exc
    dtstamp = _stamp(calendar, year, stamp)
    state = calendar.year_status(year)
    version = calendar.data_version
    local = "" if calendar.name == "vietnam" else f" ({calendar.name})"
    title = f"Ngày nghỉ và ngày làm bù khu vực công {year}{local}"

    cal = Calendar()
    cal.add("prodid", f"-//procedurekit//procedurekit {__version__}//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", title)
    description = (
        f"Ngày nghỉ và ngày làm bù của cơ quan nhà nước năm {year} ({_STATE_VI[state]}). "
        f"Vietnamese public-sector days off and make-up working days in {year} "
        f"({_STATE_EN[state]}). Data: {version} (procedurekit)."
    )
    cal.add("description", description)
    # X- properties are TEXT (RFC 5545 §3.8.8.2): vText escapes a comma or semicolon; the
    # texts above have none, so readers that do not unescape X- values read them the same.
    cal.add("x-wr-calname", vText(title))
    cal.add("x-wr-caldesc", vText(description))
    cal.add("x-wr-timezone", vText("Asia/Ho_Chi_Minh"))
    # REFRESH-INTERVAL is RFC 7986; icalendar 6.0 does not know its type, so say it.
    cal.add("refresh-interval", vDuration(timedelta(days=1)), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vText("P1D"))
    cal.add("x-procedurekit-data-version", vText(version))
    cal.add("x-procedurekit-year-status", vText(state))
    for e in entries:
        cal.add_component(_event(e, calendar.name, version, state, dtstamp))
    text: str = cal.to_ical().decode("utf-8")
    return text


def _day(e: DayEntry) -> date:
    return e.day


def _stamp(calendar: WorkingCalendar, year: int, stamp: datetime | None) -> datetime:
    if stamp is None:
        announced = [e.announced for e in calendar.entries() if e.announced is not None]
        day = max(announced) if announced else date(year, 1, 1)
        return datetime.combine(day, time(0), tzinfo=UTC)
    if not isinstance(stamp, datetime):
        raise InvalidTypeError(
            f"stamp must be a datetime, got {type(stamp).__name__} {stamp!r}",
            path="stamp",
            value=stamp,
            expected="datetime(2026, 1, 1, tzinfo=UTC)",
        )
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=VIETNAM_TZ)
    return stamp.astimezone(UTC)


def _event(e: DayEntry, name: str, version: str, state: str, dtstamp: datetime) -> Event:
    from icalendar import Event, vText

    kind_vi, kind_en = _KIND[e.kind]
    settled = state == "complete" and e.status not in (
        EntryStatus.PROJECTED,
        EntryStatus.UNVERIFIED,
    )
    tentative = "" if settled else " (dự kiến)"
    if e.working:
        summary = f"Ngày làm việc (làm bù): {e.name_vi}{tentative}"
        what = (
            f"Ngày làm việc ({kind_vi}): cơ quan làm việc bình thường. / WORKING DAY "
            f"({kind_en}): offices are open."
        )
        categories = ["Ngày làm việc", "Working day"]
    else:
        summary = f"{e.name_vi}{tentative}"
        what = f"Ngày nghỉ ({kind_vi}). / Day off ({kind_en})."
        categories = ["Ngày nghỉ", "Day off"]
    lines = [e.name_en, what]
    lines.append(f"Nguồn / Source: {e.source or 'không ghi / not recorded'}")
    if e.announced is not None:
        lines.append(f"Ban hành / Issued: {e.announced.isoformat()}")
    lines.append(f"Trạng thái / Status: {e.status.value}")
    if not settled:
        lines.append(
            "Chưa chính thức / Not settled: the year's announcements are not all in the data; "
            "this day may change."
        )
    lines.append(f"Dữ liệu / Data: {version} (procedurekit)")

    event = Event()
    event.add("uid", f"{e.day:%Y%m%d}-{e.kind.value}.{name}@procedurekit")
    event.add("dtstamp", dtstamp)
    event.add("dtstart", e.day)
    event.add("dtend", e.day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", "\n".join(lines))
    event.add("categories", categories)
    event.add("status", "CONFIRMED" if settled else "TENTATIVE")
    event.add("transp", "TRANSPARENT")
    event.add("class", "PUBLIC")
    event.add("x-procedurekit-kind", vText(e.kind.value))
    event.add("x-procedurekit-working", vText("TRUE" if e.working else "FALSE"))
    return event
