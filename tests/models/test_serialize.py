"""The wire format: round trips, conventions, every problem with its JSON path."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit import serialize
from procedurekit.errors import InvalidTypeError, StructureError, UnknownCodeError
from procedurekit.models import (
    Agency,
    ChannelTerms,
    Dossier,
    DossierCode,
    Event,
    EventKind,
    Fee,
    Initiative,
    InitiativeRegister,
    Level,
    Procedure,
    ProcedureCode,
)
from procedurekit.testing import (
    agencies,
    channel_terms,
    dossiers,
    durations,
    initiative_registers,
    initiatives,
    procedures,
    processing_times,
)

SETTINGS = settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def roundtrip(obj: object) -> None:
    text = pk.to_json(obj)
    assert pk.from_json(type(obj), text) == obj
    assert pk.from_dict(type(obj), pk.to_dict(obj)) == obj
    assert json.loads(text) == pk.to_dict(obj)
    assert json.loads(text)["schema_version"] == serialize.SCHEMA_VERSION


@SETTINGS
@given(procedures())
def test_roundtrip_procedures(x: Procedure) -> None:
    roundtrip(x)


@SETTINGS
@given(dossiers())
def test_roundtrip_dossiers(x: Dossier) -> None:
    roundtrip(x)


@SETTINGS
@given(initiatives())
def test_roundtrip_initiatives(x: Initiative) -> None:
    roundtrip(x)


@SETTINGS
@given(initiative_registers())
def test_roundtrip_registers(x: InitiativeRegister) -> None:
    roundtrip(x)


@SETTINGS
@given(agencies())
def test_roundtrip_agencies(x: Agency) -> None:
    roundtrip(x)


@SETTINGS
@given(st.one_of(durations(), processing_times(), channel_terms()))
def test_roundtrip_parts(x: object) -> None:
    roundtrip(x)


def test_roundtrip_service_models() -> None:
    from procedurekit.deadlines.service import SERVICE_MODELS

    for model in SERVICE_MODELS.values():
        roundtrip(model)  # an unbound template
        roundtrip(model.for_procedures("all"))
        roundtrip(model.for_procedures(["2.000815", "1.001612.000.00.00.H21"]))


def test_import_procedurekit_does_not_import_cattrs() -> None:
    code = (
        "import sys, procedurekit as pk; assert 'cattrs' not in sys.modules; "
        "assert 'procedurekit.serialize' not in sys.modules; pk.to_json(pk.WorkingDays(1)); "
        "assert 'cattrs' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_names() -> None:
    for name in ("to_json", "from_json", "to_dict", "from_dict", "json_schema", "make_converter"):
        assert name in pk.__all__
        assert getattr(pk, name) is getattr(serialize, name)


# -- conventions ---------------------------------------------------------------------------


def test_durations_are_tagged_objects() -> None:
    assert pk.to_dict(pk.WorkingDays(Decimal("0.5"))) == {
        "schema_version": 2,
        "unit": "working_days",
        "value": "0.5",
    }
    terms = ChannelTerms(
        processing_time=pk.ProcessingTime(cases=[pk.Case(pk.SameDay(time(15)))], text="x")
    )
    body = pk.to_dict(terms)["processing_time"]["cases"][0]["duration"]
    assert body == {"unit": "same_day", "cutoff": "15:00:00"}
    assert pk.to_dict(pk.NoTimeLimit()) == {"schema_version": 2, "unit": "no_time_limit"}


def test_datetimes_written_in_vietnam_time_and_read_from_any_offset() -> None:
    utc = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
    event = Event(kind=EventKind.ACCEPTED, at=utc)
    assert pk.to_dict(event)["at"] == "2025-03-03T09:00:00+07:00"
    doc = pk.to_dict(event) | {"at": "2025-03-03T02:00:00Z"}
    back = pk.from_dict(Event, doc)
    assert back == event
    assert back.at.utcoffset() == timedelta(hours=7)


def test_money_strings_enums_by_value_dates_iso() -> None:
    p = Procedure(
        name="Cấp bản sao",
        code=ProcedureCode("2.000815.000.00.00.H38"),
        levels=[Level.PROVINCE, Level.COMMUNE],
        channels=[ChannelTerms(channel=pk.Channel.ONLINE, fees=[Fee(amount=Decimal("50000"))])],
        effective_from=date(2025, 7, 1),
    )
    d = pk.to_dict(p)
    assert d["code"] == "2.000815.000.00.00.H38"
    assert d["levels"] == ["province", "commune"]
    assert d["channels"][0]["channel"] == "online"
    assert d["channels"][0]["fees"][0]["amount"] == "50000"
    assert d["effective_from"] == "2025-07-01"
    assert pk.to_json(p).startswith('{"schema_version": 2, "name": "Cấp bản sao"')


def test_defaults_may_be_left_out() -> None:
    assert pk.from_dict(Procedure, {"schema_version": 1, "name": "X"}) == Procedure(name="X")


# -- errors --------------------------------------------------------------------------------


def problems(cls: type, doc: Any) -> list[tuple[str, str]]:
    with pytest.raises(StructureError) as info:
        pk.from_dict(cls, doc)
    assert isinstance(info.value, pk.ProcedureKitError)
    return [(p.path, p.message) for p in info.value.problems]


def test_every_problem_with_its_path() -> None:
    doc = pk.to_dict(
        Procedure(
            name="X",
            channels=[ChannelTerms(), ChannelTerms(fees=[Fee(amount=Decimal(1))])],
        )
    )
    del doc["name"]
    doc["levels"] = ["tỉnh"]
    doc["channels"][1]["fees"][0]["amount"] = 5
    doc["channels"][0]["zz"] = 1
    doc["prescribed_time"] = {"unit": "weeks", "value": "2"}
    doc["effective_from"] = "01/07/2025"
    found = dict(problems(Procedure, doc))
    assert set(found) == {
        "$.name",
        "$.levels[0]",
        "$.channels[1].fees[0].amount",
        "$.channels[0].zz",
        "$.prescribed_time.unit",
        "$.effective_from",
    }
    assert found["$.name"] == "required field missing"
    assert "unknown key 'zz'" in found["$.channels[0].zz"]
    assert "got the number 5" in found["$.channels[1].fees[0].amount"]


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("name", 5, "expected a string"),
        ("name", None, "expected a string"),
        ("levels", "province", "expected an array"),
        ("levels", [1], "unknown Level"),
        ("code", "CTH01A", "D.DDDDDD"),
        ("channels", [[]], "expected an object"),
        ("effective_from", "2025-02-30", "not a calendar date"),
        ("prescribed_time", {"unit": "working_days"}, "required field missing"),
        ("prescribed_time", {"unit": "calendar_days", "value": "0.5"}, "whole number"),
        ("prescribed_time", {"unit": "working_days", "value": 5}, "as a string"),
        ("prescribed_time", {"unit": "working_days", "value": "5", "x": 1}, "unknown key"),
        ("prescribed_time", {"unit": "same_day", "cutoff": "25:00"}, "local time"),
    ],
)
def test_wrong_values(field: str, value: object, fragment: str) -> None:
    doc = {"schema_version": 1, "name": "X", field: value}
    found = problems(Procedure, doc)
    assert any(fragment in message for _, message in found), found


def test_bool_is_not_int_and_int_is_not_bool() -> None:
    ok = pk.to_dict(Initiative(id="1", title="t", agency="A", year=2025))
    assert problems(Initiative, ok | {"year": True})[0][0] == "$.year"
    d = pk.to_dict(Dossier(code=DossierCode("x"), channel=pk.Channel.ONLINE))
    assert problems(Dossier, d | {"paid_online": 1})[0][0] == "$.paid_online"


def test_schema_version_required_and_checked() -> None:
    doc = pk.to_dict(pk.WorkingDays(2))
    assert problems(pk.WorkingDays, {k: v for k, v in doc.items() if k != "schema_version"}) == [
        ("$.schema_version", "required field missing")
    ]
    newer = doc | {"schema_version": pk.SCHEMA_VERSION + 1}
    assert problems(pk.WorkingDays, newer)[0][0] == "$.schema_version"
    assert problems(pk.WorkingDays, doc | {"schema_version": 0})[0][0] == "$.schema_version"
    assert problems(pk.WorkingDays, doc | {"schema_version": "2"})[0][0] == "$.schema_version"
    assert problems(pk.WorkingDays, doc | {"schema_version": True})[0][0] == "$.schema_version"


def test_model_validators_become_problems() -> None:
    doc = pk.to_dict(Initiative(id="1", title="t", agency="A", year=2025))
    assert problems(Initiative, doc | {"year": 1800})[0][0] == "$"
    log = pk.to_dict(
        Dossier(
            code=DossierCode("x"),
            channel=pk.Channel.ONLINE,
            events=[Event(kind=EventKind.ACCEPTED, at=datetime(2025, 3, 3, 9))],
        )
    )
    log["events"][0]["kind"] = "result_returned"
    (problem,) = problems(Dossier, log)
    assert problem[0] == "$.events[0]"
    assert "allowed next: received, accepted" in problem[1]


def test_unknown_keys_rejected_or_reported() -> None:
    doc = pk.to_dict(Procedure(name="X", channels=[ChannelTerms()])) | {"extra": 1}
    doc["channels"][0]["note"] = "?"
    with pytest.raises(StructureError):
        pk.from_dict(Procedure, doc)
    loaded = serialize.load_dict(Procedure, doc)
    assert loaded.value == Procedure(name="X", channels=[ChannelTerms()])
    assert sorted(p.path for p in loaded.unknown_keys) == ["$.channels[0].note", "$.extra"]
    assert serialize.load_json(Procedure, json.dumps(doc)).value == loaded.value
    bad = doc | {"name": 5}
    with pytest.raises(StructureError) as info:
        serialize.load_dict(Procedure, bad)
    assert "$.name" in [p.path for p in info.value.problems]


def test_wrong_class_argument() -> None:
    with pytest.raises(InvalidTypeError):
        pk.from_json(dict, "{}")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        pk.to_json({"a": 1})
    with pytest.raises(UnknownCodeError):
        pk.json_schema("Nope")


def test_the_dossier_clock_is_written_not_read() -> None:
    """The clock is derived, but portals read it (POST /v1/dossiers/clock): it has a JSON
    form and a schema, like a Deadline, and is never read back (recompute it)."""
    import jsonschema

    d = Dossier(
        code=DossierCode("x"),
        channel=pk.Channel.COUNTER,
        events=[
            Event(kind=EventKind.ACCEPTED, at=datetime(2025, 3, 3, 9)),
            Event(kind=EventKind.SUPPLEMENT_REQUESTED, at=datetime(2025, 3, 4, 9)),
            Event(kind=EventKind.SUPPLEMENT_RECEIVED, at=datetime(2025, 3, 6, 10, 30)),
        ],
    )
    clock = d.clock(
        pk.DeadlineRules(pk.WorkingCalendar.vietnam()), pk.WorkingDays(5), as_of=d.events[-1].at
    )
    doc = pk.to_dict(clock)
    assert doc["paused"] == "P2DT1H30M0S"
    assert doc["deadline"]["due_date"] == clock.due_date.isoformat()
    jsonschema.Draft202012Validator(pk.json_schema(type(clock))).validate(doc)
    with pytest.raises(InvalidTypeError, match="written, not read"):
        pk.from_json(type(clock), pk.to_json(clock))


def test_derived_results_have_no_json_form() -> None:
    from procedurekit.deadlines.clock import DossierPause

    pause = DossierPause(EventKind.SUPPLEMENT_REQUESTED, datetime(2025, 3, 4, 9), None)
    with pytest.raises(InvalidTypeError, match="no JSON form"):
        pk.to_json(pause)
    with pytest.raises(InvalidTypeError, match="no JSON form"):
        pk.json_schema(type(pause))
    with pytest.raises(pk.ProcedureKitError):
        pk.from_json(type(pause), "{}")


def test_fee_amount_limits_match_the_wire() -> None:
    roundtrip(Fee(amount=Decimal("12.345678")))
    with pytest.raises(pk.InvalidArgumentError):
        Fee(amount=Decimal("0.1234567"))
    with pytest.raises(pk.InvalidArgumentError):
        Fee(amount=Decimal(10) ** 20)


def test_make_converter_is_a_fresh_cattrs_converter() -> None:
    import cattrs

    conv = pk.make_converter()
    assert isinstance(conv, cattrs.Converter)
    assert conv is not pk.make_converter()
    assert "Durations are tagged objects" in (pk.make_converter.__doc__ or "")
    assert conv.unstructure(pk.Months(2)) == {"unit": "months", "value": "2"}
