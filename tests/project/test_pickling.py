"""Calendars, rules, deadlines, clocks, models and errors pickle and copy (issue 12, item 5).

Each object is pickled with every protocol from 2 to ``pickle.HIGHEST_PROTOCOL``, copied
and deep-copied; the copy must equal the original and compute the same answers, so a
Django or Flask cache, a Celery task or a process pool gets a working object back. One test
sends objects through a real ``ProcessPoolExecutor`` (spawn: a fresh interpreter, as Celery
workers and macOS or Windows pools have).
"""

from __future__ import annotations

import copy
import enum
import functools
import itertools
import multiprocessing
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from _calendars import FACTORIES, calendar_named
from hypothesis import given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit import errors, models, testing
from procedurekit.deadlines.rules import (
    EXTENSION_DEADLINES,
    NAIVE_POLICIES,
    PAUSE_POLICIES,
    RECEIPT_POLICIES,
)

_T = TypeVar("_T")

PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)
CAL = pk.WorkingCalendar.vietnam()
RULES = pk.DeadlineRules(CAL)


def copies(obj: _T) -> Iterator[tuple[str, _T]]:
    """``obj`` through pickle (each protocol), ``copy.copy`` and ``copy.deepcopy``."""
    for protocol in PROTOCOLS:
        yield f"pickle protocol {protocol}", pickle.loads(pickle.dumps(obj, protocol))
    yield "copy", copy.copy(obj)
    yield "deepcopy", copy.deepcopy(obj)


def assert_survives(obj: object) -> None:
    for how, other in copies(obj):
        assert type(other) is type(obj), how
        assert other == obj, how


# -- calendars and office hours --------------------------------------------------------------

RECEIPTS = [
    datetime(2026, 2, 13, 10, 0, tzinfo=pk.VIETNAM_TZ),
    datetime(2026, 4, 24, 16, 30, tzinfo=pk.VIETNAM_TZ),
    datetime(2030, 1, 4, 9, tzinfo=pk.VIETNAM_TZ),
]
DURATIONS: list[pk.Duration] = [
    pk.WorkingDays(5),
    pk.WorkingDays(Decimal("1.5")),
    pk.CalendarDays(15),
    pk.Months(1),
    pk.WorkingHours(4),
    pk.SameDay(time(15)),
    pk.NoTimeLimit(),
]


def _named_changes() -> pk.WorkingCalendar:
    return CAL.with_changes(
        days_off={date(2026, 6, 15): "Ngày thành lập Sở"},
        working_days={date(2026, 6, 20): ("Làm bù cho ngày 15/6", "make-up for 15 June")},
        name="so-tu-phap",
    )


CALENDARS: dict[str, Callable[[], pk.WorkingCalendar]] = {
    **{name: functools.partial(calendar_named, name) for name in FACTORIES},
    "with-named-changes": _named_changes,
}


@pytest.mark.parametrize("name", sorted(CALENDARS))
def test_calendar_survives_and_answers_the_same(name: str) -> None:
    cal = CALENDARS[name]()
    rules = pk.DeadlineRules(cal)
    for how, other in copies(cal):
        assert other == cal, how
        assert hash(other) == hash(cal), how
        assert repr(other) == repr(cal), how
        assert (other.name, other.data_version, other.weekend) == (
            cal.name,
            cal.data_version,
            cal.weekend,
        ), how
        assert (other.complete_years, other.unverified_years) == (
            cal.complete_years,
            cal.unverified_years,
        ), how
        assert other.entries() == cal.entries(), how
        assert other.table == cal.table, how
        again = pk.DeadlineRules(other)
        for received, duration in itertools.product(RECEIPTS, DURATIONS):
            assert again.due(received, duration) == rules.due(received, duration), how


def test_copying_a_calendar_returns_it() -> None:
    """Immutable: a copy is the calendar itself (its tables are a few hundred kilobytes)."""
    assert copy.copy(CAL) is CAL
    assert copy.deepcopy(CAL) is CAL
    assert copy.deepcopy([CAL, CAL])[0] is CAL


HOURS: dict[str, pk.OfficeHours] = {
    "standard": pk.OfficeHours.standard(),
    "bac-giang": pk.OfficeHours.bac_giang(),
    "saturday-morning": pk.OfficeHours(
        {**dict.fromkeys(range(5), ("07:00-11:30", "13:30-17:00")), 5: ["07:30-11:00"]},
        makeup_weekday=2,
        name="xa-a",
        assumptions=["Saturday mornings open"],
    ),
    "seasons": pk.OfficeHours.weekly(
        ["08:00-12:00", "13:00-17:00"],
        seasons=[
            pk.Season("winter", (11, 1), (2, 28), {0: ["07:30-11:30", "13:00-16:30"]}),
            pk.Season("summer", (5, 1), (8, 31), dict.fromkeys(range(5), ("07:00-11:00",))),
        ],
        name="two-seasons",
    ),
}


@pytest.mark.parametrize("name", sorted(HOURS))
def test_office_hours_survive_and_answer_the_same(name: str) -> None:
    hours = HOURS[name]
    moments = [datetime(2026, m, 2, h, 15) for m in (1, 3, 6, 12) for h in (7, 12, 16, 17)]
    for how, other in copies(hours):
        assert other == hours, how
        assert repr(other) == repr(hours), how
        for moment in moments:
            assert other.next_opening(moment, CAL) == hours.next_opening(moment, CAL), how
            assert other.add_office_time(moment, timedelta(hours=5), CAL) == (
                hours.add_office_time(moment, timedelta(hours=5), CAL)
            ), how
        for season in hours.seasons:
            assert_survives(season)
        for session in hours.week[0]:
            assert_survives(session)


# -- rules and deadlines ---------------------------------------------------------------------

OPTIONS = list(itertools.product(sorted(RECEIPT_POLICIES), PAUSE_POLICIES, EXTENSION_DEADLINES))


@pytest.mark.parametrize(("receipt", "pause", "extension"), OPTIONS)
@pytest.mark.parametrize("hours", ["standard", "bac-giang"])
@pytest.mark.parametrize("naive", NAIVE_POLICIES)
def test_rules_with_every_option_survive(
    receipt: pk.deadlines.ReceiptPolicy,
    pause: pk.deadlines.PausePolicy,
    extension: pk.deadlines.ExtensionDeadline,
    hours: str,
    naive: str,
) -> None:
    rules = pk.DeadlineRules(
        CAL,
        HOURS[hours],
        receipt_policy=receipt,
        pause_policy=pause,
        extension_deadline=extension,
        naive=naive,
    )
    rules.due(RECEIPTS[0], pk.WorkingDays(5))  # fill the closing-moment cache
    for how, other in copies(rules):
        assert other == rules, how
        assert repr(other) == repr(rules), how
        assert (
            other.receipt_policy,
            other.pause_policy,
            other.extension_deadline,
            other.naive,
        ) == (receipt, pause, extension, naive), how
        for received, duration in itertools.product(RECEIPTS, DURATIONS):
            mine, theirs = rules.due(received, duration), other.due(received, duration)
            assert theirs == mine, how
            if mine.due_date is not None:
                start, end = received.date() + timedelta(days=3), received.date() + timedelta(9)
                assert theirs.paused(start, end) == mine.paused(start, end), how


def test_pickled_rules_leave_their_cache_behind() -> None:
    rules = pk.DeadlineRules(CAL)
    small = len(pickle.dumps(rules))
    for k in range(0, 3000, 7):
        rules.due(datetime(2020, 1, 1, 9) + timedelta(days=k), pk.WorkingDays(3))
    assert len(pickle.dumps(rules)) == small


CODE = pk.ProcedureCode("2.000815")
MODELS = [
    pk.ServiceModel.preset(name, procedures=["2.000815"])
    for name in ("quick-friday", "sunday-for-the-people")
]
moments = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2045, 12, 31, 23, 59))


@settings(max_examples=30)
@given(
    received=moments,
    duration=testing.durations(),
    model=st.none() | st.sampled_from(MODELS),
    pause=st.none() | st.tuples(st.integers(0, 20), st.integers(0, 30)),
    apology=st.none() | st.integers(-3, 20),
    options=st.sampled_from(OPTIONS),
)
def test_deadlines_survive_and_recompute_the_same(
    received: datetime,
    duration: pk.Duration,
    model: pk.ServiceModel | None,
    pause: tuple[int, int] | None,
    apology: int | None,
    options: tuple[Any, Any, Any],
) -> None:
    receipt, pause_policy, extension = options
    rules = pk.DeadlineRules(
        CAL, receipt_policy=receipt, pause_policy=pause_policy, extension_deadline=extension
    )
    dl = rules.due(received, duration, service_model=model, procedure_code="2.000815")
    steps: list[pk.Deadline] = [dl]
    if pause is not None:
        start = dl.receipt.date() + timedelta(days=pause[0])
        steps.append(steps[-1].paused(start, start + timedelta(days=pause[1])))
    last = steps[-1]
    if apology is not None and last.due_date is not None:
        new_due = CAL.roll_forward(last.due_date + timedelta(days=abs(apology) + 1))
        issued = last.due_date - timedelta(days=apology)
        if issued >= last.receipt.date():
            steps.append(last.extended(new_due, issued))
    # All steps in one pickle (as a cache would store them): they share one rules object.
    for how, others in copies(steps):
        assert others == steps, how
        for step, other in zip(steps, others, strict=True):
            assert other.rules == step.rules, how
            assert other.explain() == step.explain(), how
            assert pk.format_deadline(other) == pk.format_deadline(step), how
            assert pk.format_deadline(other, lang="en") == pk.format_deadline(step, lang="en"), how
    for step in steps:
        assert_survives(step.explain())
        for p in step.pauses:
            assert_survives(p)
        if step.extension is not None:
            assert_survives(step.extension)
    # The copied rules recompute the whole story.
    other_rules = pickle.loads(pickle.dumps(rules))
    again = other_rules.due(received, duration, service_model=model, procedure_code="2.000815")
    assert again == dl
    for before, after in itertools.pairwise(steps):
        if after.extension is not None and before.extension is None:
            assert again.extended(after.extension.new_due_date, after.extension.issued_at) == after
        else:
            p = after.pauses[-1]
            assert again.paused(p.start, p.end, kind=p.kind) == after
        again = after


def test_a_commitment_survives() -> None:
    friday = RULES.due(
        datetime(2026, 2, 27, 9, 0),
        pk.WorkingDays(3),
        service_model=MODELS[0],
        procedure_code="2.000815",
    ).paused(date(2026, 2, 27), date(2026, 3, 2))
    assert friday.committed_date is not None
    assert friday.service_model is MODELS[0]
    for how, other in copies(friday):
        assert other == friday, how
        assert other.committed_date == friday.committed_date, how
        assert other.service_model == MODELS[0], how
    for model in pk.deadlines.SERVICE_MODELS.values():
        assert_survives(model)


@settings(max_examples=40)
@given(dossier=testing.dossiers(), duration=testing.durations(), days=st.integers(0, 400))
def test_dossier_clocks_survive(dossier: pk.Dossier, duration: pk.Duration, days: int) -> None:
    first = dossier.events[0].at if dossier.events else datetime(2026, 1, 1, tzinfo=pk.VIETNAM_TZ)
    as_of = first + timedelta(days=days)
    clock = dossier.clock(RULES, duration, as_of=as_of)
    assert_survives(clock)
    other = pickle.loads(pickle.dumps(dossier))
    assert other.clock(pickle.loads(pickle.dumps(RULES)), duration, as_of=as_of) == clock


# -- models ----------------------------------------------------------------------------------


@pytest.mark.parametrize("strategy", testing.__all__)
@settings(max_examples=25)
@given(data=st.data())
def test_every_generated_model_survives(strategy: str, data: st.DataObject) -> None:
    value = data.draw(getattr(testing, strategy)())
    assert_survives(value)


#: Models the strategies of procedurekit.testing generate (on their own or inside another).
GENERATED = {
    "Agency": "agencies",
    "ChannelTerms": "channel_terms",
    "Dossier": "dossiers",
    "DossierCode": "dossier_codes",
    "DossierComponent": "procedures",
    "Event": "events",
    "Fee": "channel_terms",
    "Initiative": "initiatives",
    "InitiativeRegister": "initiative_registers",
    "LegalReference": "procedures",
    "Procedure": "procedures",
    "ProcedureCode": "procedure_codes",
}


def _dossier() -> pk.Dossier:
    """The tutorial's dossier: received, accepted, a supplement requested and received."""
    return pk.Dossier.replay(
        [
            pk.Event(kind=pk.EventKind.RECEIVED, at=datetime(2026, 3, 2, 9, 0)),
            pk.Event(kind=pk.EventKind.ACCEPTED, at=datetime(2026, 3, 2, 9, 15)),
            pk.Event(kind=pk.EventKind.SUPPLEMENT_REQUESTED, at=datetime(2026, 3, 5, 10, 0)),
            pk.Event(kind=pk.EventKind.SUPPLEMENT_RECEIVED, at=datetime(2026, 3, 11, 14, 0)),
        ],
        code=pk.DossierCode("H21.65-260302-0001"),
        channel=pk.Channel.COUNTER,
        procedure_code=pk.ProcedureCode("2.000815"),
    )


def _clock_with_pauses() -> list[object]:
    clock = _dossier().clock(RULES, pk.WorkingDays(10), as_of=date(2026, 3, 18))
    assert clock.pauses
    return [clock, *clock.pauses]


def _register_findings() -> list[object]:
    register = pk.InitiativeRegister(
        initiatives=[pk.Initiative(id="SK-1", title="Một cửa số", agency="Sở Tư pháp", year=2026)]
        * 2
    )
    findings = register.check(2026)
    assert findings
    return list(findings)


#: The other public models, built explicitly.
EXPLICIT: dict[str, Callable[[], list[object]]] = {
    "DossierClock": _clock_with_pauses,
    "DossierPause": _clock_with_pauses,
    "DossierCodeParts": lambda: [pk.DossierCode("H21.65-220914-0011").parse()],
    "Finding": _register_findings,
    "LevelValidity": lambda: [models.DISTRICT_LEVEL_ABOLISHED],
    "Transition": lambda: list(models.TRANSITIONS),
}


def _is_enum(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, enum.Enum)


PUBLIC = [getattr(models, name) for name in models.__all__]


def test_every_public_model_is_covered() -> None:
    classes = {c.__name__ for c in PUBLIC if isinstance(c, type) and not _is_enum(c)}
    assert classes == set(GENERATED) | set(EXPLICIT)
    assert set(GENERATED.values()) <= set(testing.__all__)


@pytest.mark.parametrize("name", sorted(EXPLICIT))
def test_other_models_survive(name: str) -> None:
    examples = EXPLICIT[name]()
    assert any(type(x).__name__ == name for x in examples)
    for example in examples:
        assert_survives(example)


@pytest.mark.parametrize("cls", [c for c in PUBLIC if _is_enum(c)], ids=lambda c: c.__name__)
def test_model_enums_survive(cls: type[enum.Enum]) -> None:
    for member in cls:
        for how, other in copies(member):
            assert other is member, how


# -- errors: an error raised in a worker must reach the parent whole -------------------------


def _bad_file(tmp: Path, name: str, content: bytes) -> Path:
    path = tmp / name
    path.write_bytes(content)
    return path


def _raise(error: Exception) -> None:
    raise error


def _raisers(tmp: Path) -> dict[str, Callable[[], object]]:
    from procedurekit.calendar.vietnam import calendar_from_table, load_announcements

    dossier_log = [
        pk.Event(kind=pk.EventKind.RECEIVED, at=datetime(2026, 3, 2, 9, 0)),
        pk.Event(kind=pk.EventKind.RESULT_RETURNED, at=datetime(2026, 3, 2, 10, 0)),
    ]
    code = pk.DossierCode("H21.65-260302-0001")
    return {
        "CalendarDataError": lambda: calendar_from_table({"format": 99}),
        "CalendarFileError": lambda: load_announcements(
            _bad_file(tmp, "bad.toml", b"format = 1\n[[entries]]\ndate = 3\n")
        ),
        "CalendarRangeError": lambda: CAL.add_working_days(date(2060, 12, 30), 5),
        "DurationParseError": lambda: pk.parse_duration("10-25 ngày"),
        "EventLogError": lambda: pk.Dossier.replay(
            dossier_log, code=code, channel=pk.Channel.COUNTER
        ),
        "InputFileError": lambda: pk.read_catalogue(
            _bad_file(tmp, "binary.csv", b"\x00\x01\x02PK\x03\x04" * 40)
        ),
        "InvalidArgumentError": lambda: pk.DeadlineRules(CAL, receipt_policy="sometimes"),  # type: ignore[arg-type]
        "InvalidTypeError": lambda: CAL.is_working_day(datetime(2026, 3, 2)),  # type: ignore[arg-type]
        "MissingExtraError": functools.partial(
            _raise, errors.MissingExtraError.of("icalendar", "ics", "writing iCalendar")
        ),
        "LevelAbolishedError": lambda: models.check_receipt_level(
            pk.Level.DISTRICT, date(2025, 8, 1)
        ),
        "StructureError": lambda: pk.from_json(pk.Dossier, '{"schema_version": 1}'),
        "TransitionError": lambda: (
            RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(5))
            .extended(date(2026, 3, 16), date(2026, 3, 5))
            .extended(date(2026, 3, 20), date(2026, 3, 6))
        ),
        "UnknownCodeError": lambda: pk.ServiceModel.template("every-day-fast"),
    }


def _facts(error: BaseException) -> dict[str, object]:
    """What a caller reads of an error."""
    found = {
        name: getattr(error, name)
        for name in (
            "args",
            "message",
            "path",
            "value",
            "expected",
            "reason",
            "allowed",
            "line",
            "name",
        )
        if hasattr(error, name)
    }
    found["str"] = str(error)
    found["problems"] = [str(p) for p in getattr(error, "problems", ())]
    return found


def test_every_error_class_is_raised_below(tmp_path: Path) -> None:
    classes = {
        name
        for name in errors.__all__
        if isinstance(getattr(errors, name), type)
        and issubclass(getattr(errors, name), errors.ProcedureKitError)
    }
    # The base class is never raised itself; CalendarFileError lives with the calendar data.
    assert classes - {"ProcedureKitError"} | {"CalendarFileError"} == set(_raisers(tmp_path))


@pytest.mark.parametrize("name", sorted(_raisers(Path("."))))
def test_errors_survive(name: str, tmp_path: Path) -> None:
    with pytest.raises(errors.ProcedureKitError) as info:
        _raisers(tmp_path)[name]()
    error = info.value
    assert type(error).__name__ == name
    for how, other in copies(error):
        assert type(other) is type(error), how
        assert _facts(other) == _facts(error), how


# -- a real process pool ---------------------------------------------------------------------


def test_a_process_pool_round_trip() -> None:
    """A spawned worker gets rules, a dossier and a calendar, and sends back deadlines, a
    clock and an error, all equal to what this process computes."""
    friday = datetime(2026, 2, 27, 9, 0)
    dossier = _dossier()
    local = _named_changes()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        due = pool.submit(
            RULES.due, friday, pk.WorkingDays(3), service_model=MODELS[0], procedure_code=CODE
        )
        clock = pool.submit(dossier.clock, RULES, pk.WorkingDays(10), as_of=date(2026, 3, 18))
        back = pool.submit(copy.deepcopy, (local, RULES, HOURS["bac-giang"]))
        failed = pool.submit(pk.parse_duration, "10-25 ngày")
        assert due.result() == RULES.due(
            friday, pk.WorkingDays(3), service_model=MODELS[0], procedure_code=CODE
        )
        assert due.result().committed_date == date(2026, 2, 27)
        assert clock.result() == dossier.clock(RULES, pk.WorkingDays(10), as_of=date(2026, 3, 18))
        assert back.result() == (local, RULES, HOURS["bac-giang"])
        assert back.result()[0].entry(date(2026, 6, 15)) == local.entry(date(2026, 6, 15))
        error = failed.exception()
    assert isinstance(error, pk.DurationParseError)
    assert error.reason == "range"
