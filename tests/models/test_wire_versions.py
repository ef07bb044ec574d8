"""What a portal stores: versions of the wire format, other languages' timestamps, the
calendar version and printed appointment of a dossier, and the Deadline document."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from _paths import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit import serialize
from procedurekit.deadlines.service import QUICK_FRIDAY
from procedurekit.testing import agencies, dossiers, procedures

SETTINGS = settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow], deadline=None)

RULES = pk.DeadlineRules(pk.WorkingCalendar.vietnam())
EXAMPLE = ROOT / "docs" / "examples" / "announcement-2027.example.toml"
CODE = pk.DossierCode("H21.65-260302-0001")


def _validate(cls: type, doc: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(
        pk.json_schema(cls), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(doc)


# -- schema_version: upgrades from every earlier version, newer documents --------------------

#: A Procedure as version 1 wrote it: an empty procedure list meant "every procedure".
V1_PROCEDURE: dict[str, Any] = {
    "schema_version": 1,
    "name": "Cấp bản sao trích lục hộ tịch",
    "service_models": [
        {
            "name": "Thứ Sáu nhanh",
            "weekdays": [4],
            "procedure_codes": [],
            "commitment": {"unit": "same_day", "cutoff": None},
        },
        {
            "name": "Thứ Hai không hẹn",
            "weekdays": [0],
            "procedure_codes": ["2.000815"],
            "commitment": {"unit": "same_day", "cutoff": None},
        },
    ],
}


def test_version_1_service_models_are_upgraded() -> None:
    before = copy.deepcopy(V1_PROCEDURE)
    p = pk.from_dict(pk.Procedure, V1_PROCEDURE)
    everything, listed = p.service_models
    assert everything.all_procedures
    assert everything.covers_procedure("1.004227")
    assert not listed.all_procedures
    assert listed.procedure_codes == {"2.000815"}
    assert before == V1_PROCEDURE  # the caller's document is not touched
    # Written again, it is a version-2 document that says "all" in so many words.
    again = pk.to_dict(p)
    assert again["schema_version"] == pk.SCHEMA_VERSION == 2
    assert again["service_models"][0]["all_procedures"] is True
    assert pk.from_dict(pk.Procedure, again) == p


def test_version_1_nested_models_are_upgraded_where_they_sit() -> None:
    """The upgrade follows the model's own structure: an agency inside a dossier."""
    doc = {
        "schema_version": 1,
        "code": CODE.value,
        "channel": "counter",
        "agency": {
            "code": "H21",
            "name": "UBND TP Bắc Giang",
            "level": "district",
            "service_models": [V1_PROCEDURE["service_models"][0]],
        },
    }
    d = pk.from_dict(pk.Dossier, doc)
    assert d.agency is not None
    assert d.agency.service_models[0].all_procedures
    assert (d.calendar_version, d.appointment_at) == (None, None)  # new in version 2


def _as_version_1(value: Any) -> Any:
    """A version-2 body written as version 1 would have written it (None when it cannot)."""
    if isinstance(value, list):
        return [_as_version_1(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _as_version_1(v) for k, v in value.items()}
    if "all_procedures" in out:  # a ServiceModel: version 1 said "all" with an empty list
        out.pop("all_procedures")
    for key in ("calendar_version", "appointment_at"):  # Dossier fields new in version 2
        if key in out and out[key] is None:
            out.pop(key)
    return out


@SETTINGS
@given(st.one_of(procedures(), agencies(), dossiers(max_events=4)))
def test_version_1_documents_of_any_model_read_the_same(model: object) -> None:
    """Whatever version 1 wrote, version 2 reads to the same model (strategies of
    procedurekit.testing; their service models are bound, to codes or to "all")."""
    doc = _as_version_1(pk.to_dict(model)) | {"schema_version": 1}
    assert pk.from_dict(type(model), doc) == model


def test_a_newer_document_is_refused_strictly_and_read_leniently() -> None:
    newer = pk.to_dict(pk.Procedure(name="X")) | {
        "schema_version": pk.SCHEMA_VERSION + 1,
        "colour": "blue",
    }
    with pytest.raises(pk.StructureError) as info:
        pk.from_dict(pk.Procedure, newer)
    assert info.value.problems[0].path == "$.schema_version"
    loaded = serialize.load_dict(pk.Procedure, newer)
    assert loaded.value == pk.Procedure(name="X")
    notes = {p.path: p.message for p in loaded.unknown_keys}
    assert "newer than this reader's 2" in notes["$.schema_version"]
    assert "$.colour" in notes
    # Only unknown keys are forgiven: a wrong type in a newer document is still refused.
    with pytest.raises(pk.StructureError):
        serialize.load_dict(pk.Procedure, newer | {"name": 5})


@pytest.mark.parametrize("version", [0, -1, "2", 1.0, None, True])
def test_impossible_versions(version: object) -> None:
    doc = pk.to_dict(pk.Procedure(name="X")) | {"schema_version": version}
    for read in (pk.from_dict, serialize.load_dict):
        with pytest.raises(pk.StructureError) as info:
            read(pk.Procedure, doc)
        assert info.value.problems[0].path == "$.schema_version"


# -- timestamps other languages write ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02T09:00:00.0000000+07:00", datetime(2026, 3, 2, 9)),  # .NET "o"
        ("2026-03-02T09:00:00.1234567+07:00", datetime(2026, 3, 2, 9, 0, 0, 123456)),
        ("2026-03-02T02:00:00Z", datetime(2026, 3, 2, 9)),  # Java Instant
        ("2026-03-02T02:00:00.123Z", datetime(2026, 3, 2, 9, 0, 0, 123000)),
        ("2026-03-02T02:00Z", datetime(2026, 3, 2, 9)),
        ("2026-03-01T21:00:00-05:00", datetime(2026, 3, 2, 9)),
    ],
)
def test_other_languages_timestamps(text: str, expected: datetime) -> None:
    doc = {"schema_version": pk.SCHEMA_VERSION, "kind": "accepted", "at": text}
    _validate(pk.Event, doc)  # the schema and the reader agree
    event = pk.from_dict(pk.Event, doc)
    assert event.at == expected.replace(tzinfo=pk.VIETNAM_TZ)
    assert event.at.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-02T09:00:00",  # naive: refused on the wire
        "2026-03-02 09:00:00+07:00",  # a space: not the wire form
        "2026-03-02T09:00:00.1234567890+07:00",  # ten fraction digits
        "2026-02-30T09:00:00+07:00",  # no such day
        "2026-03-02T24:00:00+07:00",
        "2026-03-02T09:00:00+0700",
    ],
)
def test_timestamps_refused_by_both(text: str) -> None:
    doc = {"schema_version": pk.SCHEMA_VERSION, "kind": "accepted", "at": text}
    with pytest.raises(pk.StructureError) as info:
        pk.from_dict(pk.Event, doc)
    assert info.value.problems[0].path == "$.at"
    if "02-30" not in text:  # a schema cannot know the calendar (docs/wire-format.md)
        with pytest.raises(jsonschema.ValidationError):
            _validate(pk.Event, doc)


# -- the calendar version and the printed appointment ------------------------------------------


def test_extra_files_keep_their_own_versions(tmp_path: Path) -> None:
    base = pk.WorkingCalendar.vietnam().data_version
    example = pk.WorkingCalendar.vietnam(extra_files=[EXAMPLE])
    assert example.data_version == f"{base}+extra(example-2027.0)"
    text = EXAMPLE.read_text(encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text(text.replace('data_version = "example-2027.0"', ""), encoding="utf-8")
    unversioned = pk.WorkingCalendar.vietnam(extra_files=[other]).data_version
    assert unversioned.startswith(f"{base}+extra(sha256:")
    changed = tmp_path / "changed.toml"
    changed.write_text(other.read_text(encoding="utf-8").replace("2027-02-11", "2027-02-12"))
    assert pk.WorkingCalendar.vietnam(extra_files=[changed]).data_version != unversioned
    both = pk.WorkingCalendar.vietnam(extra_files=[EXAMPLE, other]).data_version
    assert both.startswith(f"{base}+extra(example-2027.0,sha256:")


def test_a_dossier_records_its_appointment_and_calendar_version() -> None:
    accepted = datetime(2026, 3, 2, 9, tzinfo=pk.VIETNAM_TZ)
    d = pk.Dossier(
        code=CODE,
        channel=pk.Channel.COUNTER,
        events=[pk.Event(kind=pk.EventKind.ACCEPTED, at=accepted)],
    )
    assert d.accepted_at is not None
    slip = RULES.due(d.accepted_at, pk.WorkingDays(5))
    stored = d.record_appointment(slip)
    assert stored.appointment_date == slip.due_date == date(2026, 3, 9)
    assert stored.appointment_at == slip.due_at
    assert stored.calendar_version == RULES.calendar.data_version
    doc = pk.to_dict(stored)
    assert doc["calendar_version"] == "vietnam 2026.12.1"
    assert doc["appointment_at"] == "2026-03-09T17:00:00+07:00"
    _validate(pk.Dossier, doc)
    assert pk.from_json(pk.Dossier, pk.to_json(stored)) == stored
    with pytest.raises(pk.InvalidTypeError, match="deadline"):
        d.record_appointment(slip.due_date)  # type: ignore[arg-type]


# -- the Deadline document ----------------------------------------------------------------------


def test_deadline_has_a_documented_json_form() -> None:
    quick = QUICK_FRIDAY.for_procedures(["2.000815"])
    dl = RULES.due(
        datetime(2026, 2, 27, 9), pk.WorkingDays(5), service_model=quick, procedure_code="2.000815"
    )
    dl = dl.paused(datetime(2026, 3, 2, 9), datetime(2026, 3, 3, 10))
    dl = dl.extended(date(2026, 3, 11), issued_at=date(2026, 3, 6))
    doc = pk.to_dict(dl)
    assert list(doc)[:3] == ["schema_version", "due_date", "due_at"]
    assert "rules" not in doc
    assert doc["duration"] == {"unit": "working_days", "value": "5"}
    assert doc["pauses"][0]["start"] == "2026-03-02T09:00:00+07:00"
    assert doc["extension"]["new_due_date"] == "2026-03-11"
    assert doc["original_due_date"] == "2026-03-09"  # 03-06 + one working day paused (03-03)
    assert doc["service_model"]["procedure_codes"] == ["2.000815"]
    _validate(pk.Deadline, doc)
    json.loads(pk.to_json(dl))  # plain JSON
    with pytest.raises(pk.InvalidTypeError, match="written, not read"):
        pk.from_dict(pk.Deadline, doc)
    with pytest.raises(pk.InvalidTypeError, match="written, not read"):
        serialize.load_json(pk.Deadline, pk.to_json(dl))
    # a date-only pause is written as dates; no time limit gives nulls
    plain = RULES.due(date(2026, 3, 2), pk.NoTimeLimit())
    none_doc = pk.to_dict(plain)
    assert (none_doc["due_date"], none_doc["due_at"]) == (None, None)
    _validate(pk.Deadline, none_doc)
    aware = datetime(2026, 3, 2, 2, tzinfo=UTC)
    assert pk.to_dict(RULES.due(aware, pk.WorkingDays(1)))["receipt"].endswith("+07:00")
