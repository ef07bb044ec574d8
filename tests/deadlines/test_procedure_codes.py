"""Every public call that takes a procedure code takes a ``pk.ProcedureCode`` as well as a
string, with the same result (issue 12, item 10 b); anything else is refused by name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from _deadline_helpers import domain_calendar

import procedurekit as pk
from procedurekit.deadlines import dossier_clock

RULES = pk.DeadlineRules(domain_calendar())
FRIDAY = datetime(2026, 2, 27, 9, 0)
LISTED = pk.ServiceModel(
    "Thứ Sáu nhanh (2.000815)", {4}, {"2.000815"}, pk.SameDay(), name_en="Quick Friday"
)
TEXT = "2.000815.000.00.00.H38"
CODE = pk.ProcedureCode(TEXT)


def test_due_takes_a_procedure_code() -> None:
    by_code = RULES.due(FRIDAY, pk.WorkingDays(3), service_model=LISTED, procedure_code=CODE)
    by_text = RULES.due(FRIDAY, pk.WorkingDays(3), service_model=LISTED, procedure_code=TEXT)
    assert by_code == by_text
    assert by_code.procedure_code == TEXT  # kept as text, as a string gives it
    assert by_code.committed_date == date(2026, 2, 27)  # the listed model covered it
    other = RULES.due(
        FRIDAY,
        pk.WorkingDays(3),
        service_model=LISTED,
        procedure_code=pk.ProcedureCode("1.001612"),
    )
    assert other.committed_date is None


def test_service_models_take_procedure_codes() -> None:
    assert LISTED.covers_procedure(CODE)
    assert not LISTED.covers_procedure(pk.ProcedureCode("1.001612"))
    assert LISTED.applies_to(FRIDAY, CODE)
    assert LISTED.applies_to(FRIDAY, TEXT)
    assert not LISTED.applies_to(FRIDAY, pk.ProcedureCode("1.001612"))
    listed_by_code = pk.ServiceModel(
        LISTED.name,
        {4},
        [pk.ProcedureCode("2.000815")],
        pk.SameDay(),
        name_en="Quick Friday",
    )
    assert listed_by_code == LISTED
    assert listed_by_code.procedure_codes == frozenset({"2.000815"})


def test_the_dossier_clock_takes_a_procedure_code() -> None:
    events = [pk.Event(kind=pk.EventKind.ACCEPTED, at=FRIDAY)]
    args = (events, RULES, pk.WorkingDays(3))
    by_code = dossier_clock(*args, as_of=None, procedure_code=CODE, service_model=LISTED)
    by_text = dossier_clock(*args, as_of=None, procedure_code=TEXT, service_model=LISTED)
    assert by_code == by_text
    assert by_code.committed_date == date(2026, 2, 27)


def test_the_judge_looks_a_procedure_up_by_code() -> None:
    procedure = pk.Procedure(code=pk.ProcedureCode("2.000815"), name="Cấp phiếu lý lịch tư pháp")
    judge = pk.Judge([procedure], calendar=RULES.calendar)
    assert judge.procedure(CODE) is procedure
    assert judge.procedure(pk.ProcedureCode("2.000815")) is judge.procedure("2.000815")
    assert judge.procedure(pk.ProcedureCode("1.001612")) is None


WRONG: list[tuple[str, Callable[[object], object]]] = [
    ("due", lambda v: RULES.due(FRIDAY, pk.WorkingDays(3), procedure_code=v)),  # type: ignore[arg-type]
    ("covers_procedure", lambda v: LISTED.covers_procedure(v)),  # type: ignore[arg-type]
    ("applies_to", lambda v: LISTED.applies_to(FRIDAY, v)),  # type: ignore[arg-type]
    (
        "every-procedure model",
        lambda v: pk.ServiceModel.preset("quick-friday", procedures="all").covers_procedure(v),
    ),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("where", "call"), WRONG, ids=[w for w, _ in WRONG])
@pytest.mark.parametrize(
    "value", [2000815, pk.DossierCode("H21.65-260302-0001"), b"2.000815"], ids=repr
)
def test_other_types_are_refused_by_name(
    where: str, call: Callable[[object], object], value: object
) -> None:
    with pytest.raises(pk.InvalidTypeError) as info:
        call(value)
    assert info.value.path == "procedure_code", where
    assert info.value.value == value
    assert "ProcedureCode('2.000815')" in (info.value.expected or "")
