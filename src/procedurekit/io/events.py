"""The one event-log reader: a dossier's events as a file records them, read into
:class:`~procedurekit.Event` values.

A flat dossier file (docs/dossier-format.md) may carry an ``events`` column: a JSON list of
objects ``{"kind": ..., "at": ..., "new_due_date": ...}``. ``kind`` is read by the event
vocabulary (:class:`~procedurekit.vocab.EventKind`: the wire value, the Vietnamese label
"Yêu cầu bổ sung hồ sơ" or the English one), ``at`` by the one ISO 8601 reader
(:func:`procedurekit._time.parse_iso`; a date alone means the start of that day), and an
apology's ``new_due_date`` as an ISO date. An event that cannot be read is reported
(``malformed-events``) and left out, never guessed; the others are returned in time order
(a stable sort: events at the same moment keep the file's order).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from procedurekit._time import VIETNAM_TZ, parse_iso
from procedurekit.errors import InvalidArgumentError, ProcedureKitError
from procedurekit.findings import FindingSink
from procedurekit.models.dossier import Event
from procedurekit.vocab import EventKind

__all__ = ["read_events", "start_of_day"]


def start_of_day(day: date) -> datetime:
    """The first moment of ``day`` in Vietnam time: what a date-only event time means."""
    return datetime.combine(day, time.min, VIETNAM_TZ)


def _event(raw: Mapping[str, Any]) -> Event:
    kind = EventKind.from_label(raw.get("kind"))
    at = parse_iso(str(raw.get("at", "")), "at")
    moment = at if isinstance(at, datetime) else start_of_day(at)
    new_due = raw.get("new_due_date")
    due: date | None = None
    if new_due not in (None, ""):
        found = parse_iso(str(new_due), "new_due_date")
        due = found.date() if isinstance(found, datetime) else found
    if (kind is EventKind.APOLOGY_ISSUED) != (due is not None):
        raise InvalidArgumentError(
            "an apology carries its new due date, and only an apology does",
            path="new_due_date",
            value=new_due,
            expected="'new_due_date' on apology_issued events only",
        )
    return Event(kind=kind, at=moment, new_due_date=due)


def read_events(
    raw_events: Sequence[Mapping[str, Any]],
    *,
    sink: FindingSink | None = None,
    row: int | None = None,
    file: str | None = None,
    line: int | None = None,
) -> tuple[Event, ...]:
    """The events of one dossier, in time order; each unreadable one is reported to ``sink``
    (``malformed-events``, with its position and what was wrong) and left out.

    >>> [e.kind.value for e in read_events([
    ...     {"kind": "Trả kết quả", "at": "2026-03-06T10:00:00+07:00"},
    ...     {"kind": "accepted", "at": "2026-03-02T09:00"}])]
    ['accepted', 'result_returned']
    """
    events: list[Event] = []
    for i, raw in enumerate(raw_events):
        try:
            if not isinstance(raw, Mapping):
                raise TypeError(f"a {type(raw).__name__}, not an object")
            event = _event(raw)
        except (ProcedureKitError, TypeError) as exc:
            if sink is not None:
                sink.emit(
                    "malformed-events",
                    row=row,
                    field="events",
                    value=str(raw)[:120],
                    file=file,
                    line=line,
                    note=f"event {i} cannot be read ({exc}); it needs a known 'kind' and an "
                    "ISO 'at' (an apology also its 'new_due_date')",
                )
            continue
        events.append(event)
    events.sort(key=lambda e: e.at)
    return tuple(events)
