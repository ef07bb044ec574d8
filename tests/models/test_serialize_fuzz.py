"""Hostile and random JSON: from_json raises only ProcedureKitError, never anything else."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.errors import StructureError
from procedurekit.serialize import MODELS
from procedurekit.testing import dossiers, procedures

CLASSES = sorted(MODELS.values(), key=lambda c: c.__name__)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def only_ours(cls: type, text: str | bytes) -> None:
    with contextlib.suppress(pk.ProcedureKitError):
        pk.from_json(cls, text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CLASSES), json_values)
def test_random_json_values(cls: type, value: Any) -> None:
    only_ours(cls, json.dumps(value))
    only_ours(cls, json.dumps({"schema_version": 1, **value} if isinstance(value, dict) else value))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CLASSES), st.binary(max_size=200) | st.text(max_size=200))
def test_random_bytes_and_text(cls: type, raw: bytes | str) -> None:
    only_ours(cls, raw)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


def mutate(doc: Any, path: tuple[Any, ...], new: Any, *, delete: bool) -> Any:
    if not path:
        return new
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return doc


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(procedures(), dossiers()), st.data())
def test_mutated_documents(obj: object, data: st.DataObject) -> None:
    doc = pk.to_dict(obj)
    path = data.draw(st.sampled_from(_paths(doc)))
    new = data.draw(json_values)
    mutated = mutate(doc, path, new, delete=data.draw(st.booleans()))
    only_ours(type(obj), json.dumps(mutated))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "{",
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        "9" * 10_000,
        '{"schema_version": 1, "name": "x", "levels": [' + "9" * 5000 + "]}",
        '{"schema_version": 1, "name": NaN}',
        '{"schema_version": 1, "name": Infinity}',
        '{"schema_version": 1, "name": -Infinity}',
        '{"schema_version": 1, "name": "a", "name": "b"}',
        '{"schema_version": 1e999, "name": "x"}',
        '{"schema_version": 1, "name": "x", "effective_from": "9999-99-99"}',
        '{"schema_version": 1, "name": "x", "prescribed_time": {"unit": "working_days", '
        '"value": "1e999"}}',
        '{"schema_version": 1, "name": "x", "prescribed_time": {"unit": "working_days", '
        '"value": "NaN"}}',
        "\ufeff\ufeff{}",
        "null",
        "[]",
        '"procedure"',
        "\x00",
        '{"schema_version": 1, "name": "\\ud800"}',
    ],
)
def test_hostile_documents(text: str) -> None:
    with pytest.raises(pk.ProcedureKitError):
        pk.from_json(pk.Procedure, text)


@pytest.mark.parametrize("depth", [50, 900, 5000])
def test_deeply_nested_value_inside_a_model(depth: int) -> None:
    text = '{"schema_version": 1, "name": "x", "levels": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(StructureError):
        pk.from_json(pk.Procedure, text)


def test_bom_and_bytes_accepted() -> None:
    text = pk.to_json(pk.Procedure(name="Đăng ký khai sinh"))
    assert pk.from_json(pk.Procedure, "\ufeff" + text).name == "Đăng ký khai sinh"
    assert pk.from_json(pk.Procedure, text.encode("utf-8")).name == "Đăng ký khai sinh"
    assert pk.from_json(pk.Procedure, b"\xef\xbb\xbf" + text.encode()).name == "Đăng ký khai sinh"
    with pytest.raises(StructureError, match="UTF-8"):
        pk.from_json(pk.Procedure, text.encode("utf-16"))
