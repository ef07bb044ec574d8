"""JSON Schema 2020-12 from the models: valid documents pass, what from_json refuses fails."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import procedurekit as pk
import procedurekit.errors
from procedurekit.serialize import MODELS
from procedurekit.testing import (
    agencies,
    dossiers,
    durations,
    initiative_registers,
    initiatives,
    procedures,
)

FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
SETTINGS = settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)

_VALIDATORS: dict[type, jsonschema.protocols.Validator] = {}


def validator(cls: type) -> jsonschema.protocols.Validator:
    if cls not in _VALIDATORS:
        _VALIDATORS[cls] = jsonschema.Draft202012Validator(
            pk.json_schema(cls), format_checker=FORMATS
        )
    return _VALIDATORS[cls]


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_public_model_has_a_valid_schema(name: str) -> None:
    schema = pk.json_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"][0] == "schema_version"
    assert schema["additionalProperties"] is False
    assert pk.json_schema(MODELS[name]) == schema
    json.dumps(schema)  # plain JSON


def test_schema_is_written_from_fields() -> None:
    import attrs

    schema = pk.json_schema(pk.Procedure)
    names = [f.name for f in attrs.fields(pk.Procedure)]
    assert list(schema["properties"]) == ["schema_version", *names]
    assert schema["required"] == ["schema_version", "name"]
    defs = schema["$defs"]
    assert defs["ChannelTerms"]["additionalProperties"] is False
    assert {"WorkingDays", "SameDay", "NoTimeLimit", "Duration"} <= set(defs)
    assert pk.json_schema(pk.Initiative)["properties"]["year"]["minimum"] == 1990


@SETTINGS
@given(st.one_of(procedures(), dossiers(), initiatives(), agencies(), initiative_registers()))
def test_generated_instances_validate(obj: object) -> None:
    validator(type(obj)).validate(json.loads(pk.to_json(obj)))


@SETTINGS
@given(durations())
def test_generated_durations_validate(obj: object) -> None:
    validator(type(obj)).validate(pk.to_dict(obj))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)

# Semantic rules that span fields or values a schema cannot express: a dossier's event log
# (order, transitions, the 2025 district reform) and a service model's session windows.
_CROSS_FIELD = ("$.events", "$.agency.service_models", "$.agencies", "$.service_models")


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


def _mutated(doc: Any, data: st.DataObject) -> Any:
    doc = copy.deepcopy(doc)
    paths = _paths(doc)
    if not paths:
        return doc
    path = data.draw(st.sampled_from(paths))
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "delete" and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == "add" and isinstance(parent, dict):
        parent[data.draw(st.text(min_size=1, max_size=8))] = data.draw(json_values)
    else:
        parent[path[-1]] = data.draw(json_values)
    return doc


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(procedures(), dossiers(), initiatives(), agencies()), st.data())
def test_schema_rejects_what_from_json_rejects(obj: object, data: st.DataObject) -> None:
    cls = type(obj)
    doc = _mutated(pk.to_dict(obj), data)
    problems: tuple[pk.errors.Problem, ...] | None = None
    try:
        pk.from_dict(cls, doc)
    except pk.StructureError as exc:
        problems = exc.problems
    schema_ok = validator(cls).is_valid(doc)
    if problems is None:
        # what from_json accepts, the schema accepts
        assert schema_ok, list(validator(cls).iter_errors(doc))[:3]
    elif schema_ok:
        paths = [p.path for p in problems]
        assert all(p.startswith(_CROSS_FIELD) for p in paths), paths
