"""docs/models.md lists every model and every field; the transition table is the code's."""

from __future__ import annotations

import enum
from pathlib import Path

import attrs

from procedurekit import models

DOC = (Path(__file__).resolve().parents[1] / "docs" / "models.md").read_text(encoding="utf-8")


def test_every_model_and_field_is_listed() -> None:
    for name in models.__all__:
        obj = getattr(models, name)
        if not isinstance(obj, type):
            continue
        assert f"## {name}" in DOC, name
        if attrs.has(obj):
            for field in attrs.fields(obj):
                assert f"| `{field.name}` |" in DOC, f"{name}.{field.name}"
        if issubclass(obj, enum.Enum):
            for member in obj:
                assert f"| `{member.name}` | `{member.value!r}` |" in DOC, member


def test_transition_table_is_documented() -> None:
    for t in models.TRANSITIONS:
        assert f"| `{t.source.value}` | `{t.event.value}` | `{t.target.value}` |" in DOC
