"""Named options are typed ``Literal[...]`` in the signatures, with exactly the values the
code accepts at run time, and a wrong value is refused by name (issue 12, item 10 c).

Each public signature's annotation is resolved in its module; the ``Literal`` values found
must equal the run-time table the option is checked against, so a type checker (``mypy
--strict`` in a portal's CI) refuses exactly what procedurekit would refuse.
"""

from __future__ import annotations

import inspect
import sys
import typing
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import pytest

import procedurekit as pk
from procedurekit.checks import audit as audit_module
from procedurekit.contrib import dask as dask_module
from procedurekit.deadlines import clock
from procedurekit.deadlines.rules import (
    EXTENSION_DEADLINES,
    NAIVE_POLICIES,
    PAUSE_POLICIES,
    RECEIPT_POLICIES,
)
from procedurekit.phrases.parse import _DEFAULT_UNITS

FINANCIAL = clock.FINANCIAL_OBLIGATION_POLICIES
UNITS = tuple(_DEFAULT_UNITS)

OPTIONS: list[tuple[Callable[..., Any], str, Iterable[str]]] = [
    (pk.format_deadline, "lang", ("vi", "en")),
    (pk.format_duration, "lang", ("vi", "en")),
    (pk.DeadlineRules, "receipt_policy", RECEIPT_POLICIES),
    (pk.DeadlineRules, "pause_policy", PAUSE_POLICIES),
    (pk.DeadlineRules, "extension_deadline", EXTENSION_DEADLINES),
    (pk.DeadlineRules, "naive", NAIVE_POLICIES),
    (clock.financial_obligation_pauses_for, "policy", FINANCIAL),
    (clock.dossier_clock, "financial_obligation_pauses", FINANCIAL),
    (pk.Dossier.clock, "financial_obligation_pauses", FINANCIAL),
    (pk.Judge.__init__, "financial_obligation_pauses", FINANCIAL),
    (pk.Judge.__init__, "receipt_policy", RECEIPT_POLICIES),
    (pk.Judge.__init__, "default_unit", UNITS),
    (pk.audit_files, "financial_obligation_pauses", FINANCIAL),
    (pk.audit_dossiers, "financial_obligation_pauses", FINANCIAL),
    (audit_module.audit_partial, "financial_obligation_pauses", FINANCIAL),
    (pk.audit_files, "default_unit", UNITS),
    (pk.audit_dossiers, "default_unit", UNITS),
    (pk.parse_duration, "default_unit", UNITS),
    (pk.read_catalogue, "default_unit", UNITS),
    (pk.read_procedures, "default_unit", UNITS),
    (pk.procedure_from_record, "default_unit", UNITS),
    (pk.catalogue_procedures, "default_unit", UNITS),
    (pk.validate_catalogue, "default_unit", UNITS),
    (pk.validate_files, "default_unit", UNITS),
    (dask_module.audit_dask, "financial_obligation_pauses", FINANCIAL),
    (dask_module.audit_dask, "default_unit", UNITS),
    (dask_module.metrics_dask, "kind", ("dossiers", "facts")),
]


def _hint(func: Callable[..., Any], name: str) -> object:
    """The annotation of parameter (or field) ``name``, resolved in ``func``'s module."""
    annotation = inspect.get_annotations(func)[name]
    if isinstance(annotation, str):
        return eval(annotation, vars(sys.modules[func.__module__]))
    return annotation


def _literal_values(annotation: object) -> set[object]:
    """The values of every ``Literal`` in ``annotation`` (a union is searched)."""
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    found: set[object] = set()
    for arg in typing.get_args(annotation):
        found |= _literal_values(arg)
    return found


def _where(func: Callable[..., Any]) -> str:
    return getattr(func, "__qualname__", repr(func))


@pytest.mark.parametrize(
    ("func", "name", "values"), OPTIONS, ids=[f"{_where(f)}-{n}" for f, n, _ in OPTIONS]
)
def test_option_is_a_literal_of_the_accepted_values(
    func: Callable[..., Any], name: str, values: Iterable[str]
) -> None:
    assert _literal_values(_hint(func, name)) == set(values)


WRONG: list[tuple[str, Callable[[], object]]] = [
    ("lang", lambda: pk.format_deadline(_DEADLINE, lang="fr")),  # type: ignore[arg-type]
    (
        "financial_obligation_pauses",
        lambda: clock.financial_obligation_pauses_for(policy="sometimes"),  # type: ignore[arg-type]
    ),
    (
        "financial_obligation_pauses",
        lambda: pk.Judge(financial_obligation_pauses="sometimes"),  # type: ignore[arg-type]
    ),
    ("receipt_policy", lambda: pk.DeadlineRules(_CAL, receipt_policy="weekly")),  # type: ignore[arg-type]
    ("default_unit", lambda: pk.parse_duration("1", default_unit="days")),  # type: ignore[arg-type]
    (
        "kind",
        lambda: dask_module.metrics_dask(["x.csv"], as_of=datetime(2026, 1, 1).date(), kind="rows"),
    ),  # type: ignore[arg-type]
]
_CAL = pk.WorkingCalendar()
_DEADLINE = pk.DeadlineRules(_CAL).due(datetime(2030, 1, 4, 9), pk.WorkingDays(1))


@pytest.mark.parametrize(("name", "call"), WRONG, ids=[n for n, _ in WRONG])
def test_a_wrong_value_is_refused_by_name(name: str, call: Callable[[], object]) -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        call()
    assert info.value.path == name
