"""docs/models.md is generated from the models' attrs fields, and stays in step with them.

Regenerate after changing a model::

    .venv/bin/python tests/project/test_models_docs.py > docs/models.md
"""

from __future__ import annotations

import enum
import inspect
import re
import types
import typing
from typing import Any

import attrs
from _paths import ROOT

from procedurekit import models as m
from procedurekit.models.initiative import InitiativeCategory, InitiativeStatus
from procedurekit.vocab import LegacyOnlineLevel, Level, OnlineLevel

DOC_PATH = ROOT / "docs" / "models.md"


def _clean(doc: str | None) -> str:
    text = inspect.cleandoc(doc or "").split("\n>>>")[0].strip()
    text = re.sub(
        r":(?:class|func|meth|attr|data|mod|exc):`~?([^`]+)`",
        lambda mm: "`" + mm.group(1).split(".")[-1] + "`",
        text,
    )
    return text.replace("``", "`")


def _type_name(t: Any) -> str:
    if t is type(None):
        return "None"
    origin = typing.get_origin(t)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_name(a) for a in typing.get_args(t))
    if origin is tuple:
        (item,) = [x for x in typing.get_args(t) if x is not Ellipsis]
        return f"tuple[{_type_name(item)}, ...]"
    if origin is frozenset:
        return f"frozenset[{_type_name(typing.get_args(t)[0])}]"
    return str(getattr(t, "__name__", t))


def _default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "required"
    value = field.default
    if isinstance(value, enum.Enum):
        return f"`{type(value).__name__}.{value.name}`"
    return f"`{value!r}`"


def render() -> str:
    """The text of docs/models.md."""
    out = [
        "# Models",
        "",
        "Every model of `procedurekit.models`, with its fields. Models are frozen attrs classes:",
        "data only, no I/O; change one with `attrs.evolve`. Their JSON form is described in",
        "{doc}`wire-format`; `procedurekit.json_schema(cls)` gives the JSON Schema of each.",
        "This page is generated from the classes' attrs fields by",
        "`tests/project/test_models_docs.py`, which also checks that it is current.",
        "",
    ]

    def model(cls: type, title: str | None = None) -> None:
        out.extend([f"### {title or cls.__name__}", "", _clean(cls.__doc__), ""])
        hints = cls.__annotations__ if cls is m.DossierClock else typing.get_type_hints(cls)
        out.extend(["| field | type | default |", "|---|---|---|"])
        for field in attrs.fields(cls):
            if not field.init:
                continue
            hint = hints[field.name]
            name = (hint if isinstance(hint, str) else _type_name(hint)).replace("|", "\\|")
            out.append(f"| `{field.name}` | `{name}` | {_default(field)} |")
        out.append("")

    def enumeration(cls: type[enum.Enum]) -> None:
        out.extend([f"### {cls.__name__}", "", _clean(cls.__doc__), ""])
        labelled = hasattr(cls, "label_vi")
        out.append("| member | value | Vietnamese label |" if labelled else "| member | value |")
        out.append("|---|---|---|" if labelled else "|---|---|")
        for member in cls:
            row = f"| `{member.name}` | `{member.value!r}` |"
            out.append(row + f" {member.label_vi} |" if labelled else row)
        out.append("")

    out.extend(["## Codes and agencies", ""])
    for cls in (m.ProcedureCode, m.DossierCode, m.DossierCodeParts):
        model(cls)
    enumeration(Level)
    model(m.Agency)
    model(m.LevelValidity)
    out.extend(["## Procedures", ""])
    for cls in (m.Procedure, m.ChannelTerms, m.Fee, m.DossierComponent, m.LegalReference):
        model(cls)
    enumeration(OnlineLevel)
    enumeration(LegacyOnlineLevel)
    out.extend(["## Dossiers", ""])
    model(m.Dossier)
    model(m.Event)
    enumeration(m.EventKind)
    enumeration(m.Status)
    model(m.Transition, "Transition and the transition table")
    out.extend(
        [
            "`TRANSITIONS`, the one table of allowed events (an event not listed for the "
            "current status is illegal; `once`: at most once per dossier):",
            "",
            "| status | event | next status | once | basis |",
            "|---|---|---|---|---|",
        ]
    )
    for t in m.TRANSITIONS:
        once = "yes" if t.once else ""
        out.append(
            f"| `{t.source.value}` | `{t.event.value}` | `{t.target.value}` | {once} | {t.basis} |"
        )
    ranks = " > ".join("/".join(sorted(k.value for k in r)) for r in m.END_PRECEDENCE)
    out.extend(
        [
            "",
            f"`END_PRECEDENCE` (Decision 766/QĐ-TTg): {ranks}; the first event of the highest "
            "rank present fixes the end time.",
            "",
        ]
    )
    enumeration(m.Outcome)
    model(m.DossierClock)
    model(m.DossierPause)
    out.extend(["## Reform initiatives", ""])
    model(m.Initiative)
    enumeration(InitiativeCategory)
    enumeration(InitiativeStatus)
    model(m.InitiativeRegister)
    model(m.Finding)
    return "\n".join(out) + "\n"


def test_models_page_is_current() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == render(), (
        "docs/models.md is stale: run "
        ".venv/bin/python tests/project/test_models_docs.py > docs/models.md"
    )


def test_every_model_and_field_is_listed() -> None:
    doc = DOC_PATH.read_text(encoding="utf-8")
    for name in m.__all__:
        obj = getattr(m, name)
        if not isinstance(obj, type):
            continue
        assert f"## {name}" in doc, name
        if attrs.has(obj):
            for field in attrs.fields(obj):
                assert f"| `{field.name}` |" in doc, f"{name}.{field.name}"
        if issubclass(obj, enum.Enum):
            for member in obj:
                assert f"| `{member.name}` | `{member.value!r}` |" in doc, member
    for t in m.TRANSITIONS:
        assert f"| `{t.source.value}` | `{t.event.value}` | `{t.target.value}` |" in doc


if __name__ == "__main__":
    print(render(), end="")
