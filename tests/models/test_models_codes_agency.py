"""Codes (ProcedureCode, DossierCode), levels and agencies, the 2025 district reform."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import procedurekit as pk
from procedurekit.errors import InvalidArgumentError, LevelAbolishedError, UnknownCodeError
from procedurekit.models import (
    DISTRICT_LEVEL_ABOLISHED,
    Agency,
    DossierCode,
    Level,
    ProcedureCode,
    check_receipt_level,
)


@pytest.mark.parametrize("code", ["2.000815", "1.014056", "2.000815.000.00.00.H38", "1.000948.H38"])
def test_procedure_code_shape_kept_verbatim(code: str) -> None:
    pc = ProcedureCode(code)
    assert pc.value == code == str(pc)
    assert repr(pc) == f"ProcedureCode({code!r})"
    assert pc.base == code[:8]


def test_procedure_code_suffix() -> None:
    assert ProcedureCode("2.000815").suffix is None
    assert ProcedureCode("2.000815.000.00.00.H38").suffix == "000.00.00.H38"


@pytest.mark.parametrize("bad", ["", "2.00081", "2000815", "CTH01A", " 2.000815", "2.000815.", "x"])
def test_procedure_code_rejects_other_shapes(bad: str) -> None:
    with pytest.raises(InvalidArgumentError, match=r"D\.DDDDDD"):
        ProcedureCode(bad)
    assert not ProcedureCode.is_valid(bad)


def test_procedure_code_parse_strips_whitespace_only() -> None:
    assert ProcedureCode.parse("  2.000815\n") == ProcedureCode("2.000815")
    with pytest.raises(pk.ProcedureKitError):
        ProcedureCode(5)  # type: ignore[arg-type]


def test_dossier_code_standard_shape_parsed() -> None:
    parts = DossierCode("H21.65-220914-0011").parse()
    assert parts is not None
    assert parts.agency == "H21.65"
    assert parts.received_on == date(2022, 9, 14)
    assert parts.sequence == 11
    assert DossierCode("H21.65-220914-0011").problems() == ()


@pytest.mark.parametrize(
    ("code", "why"),
    [("HS-2025/17", "shape"), ("H21.65-221399-0011", "no real date"), ("000.00.H38-12", "shape")],
)
def test_dossier_code_lenient_reports(code: str, why: str) -> None:
    dc = DossierCode(code)  # accepted
    assert not dc.is_standard
    assert dc.parse() is None
    (problem,) = dc.problems()
    assert why in problem


@pytest.mark.parametrize("bad", ["", "   ", "x" * 201])
def test_dossier_code_refuses_empty_or_huge(bad: str) -> None:
    with pytest.raises(InvalidArgumentError):
        DossierCode(bad)


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("Cấp bộ", Level.CENTRAL),
        ("Cấp Bộ", Level.CENTRAL),
        ("cap bo", Level.CENTRAL),
        ("Cấp tỉnh", Level.PROVINCE),
        ("CẤP TỈNH", Level.PROVINCE),
        ("Cấp huyện", Level.DISTRICT),
        ("Cấp huyện (Bắc Giang)", Level.DISTRICT),
        ("Cấp xã", Level.COMMUNE),
        ("Cấp Xã", Level.COMMUNE),
        ("Cơ quan khác", Level.OTHER),
        ("province", Level.PROVINCE),
    ],
)
def test_level_from_label(label: str, level: Level) -> None:
    assert Level.from_label(label) is level


def test_level_labels_both_ways() -> None:
    for level in Level:
        assert Level.from_label(level.label_vi) is level
        assert Level.from_label(level.value) is level
    assert Level.PROVINCE.label_vi == "Cấp tỉnh"


def test_level_mixed_list() -> None:
    assert Level.from_labels("Cấp bộ, Cấp tỉnh") == (Level.CENTRAL, Level.PROVINCE)
    assert Level.from_labels("Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác") == (
        Level.CENTRAL,
        Level.PROVINCE,
        Level.COMMUNE,
        Level.OTHER,
    )
    assert Level.from_labels("Cấp tỉnh") == (Level.PROVINCE,)


@pytest.mark.parametrize("bad", ["Cấp thôn", "", "tỉnh lỵ"])
def test_level_unknown_label(bad: str) -> None:
    with pytest.raises(UnknownCodeError):
        Level.from_labels(bad)


def test_district_level_valid_until_2025_06_30() -> None:
    assert Level.DISTRICT.valid_until == date(2025, 6, 30)
    assert Level.PROVINCE.valid_until is None
    check_receipt_level(Level.DISTRICT, date(2025, 6, 30))
    check_receipt_level(Level.DISTRICT, datetime(2025, 6, 30, 23, 59))
    check_receipt_level(Level.COMMUNE, date(2025, 7, 1))


def test_district_receipt_after_reform_explains() -> None:
    with pytest.raises(LevelAbolishedError) as info:
        check_receipt_level(Level.DISTRICT, date(2025, 7, 1))
    message = str(info.value)
    assert "2025-07-01" in message
    assert "two-tier" in message
    assert "district" in message
    assert isinstance(info.value, ValueError)
    assert DISTRICT_LEVEL_ABOLISHED.source in message


def test_agency() -> None:
    agency = Agency(code="H21.65", name="UBND huyện Lục Nam", level=Level.DISTRICT, parent="H21")
    assert agency.can_receive(date(2016, 4, 4))
    assert not agency.can_receive(date(2025, 7, 1))
    with pytest.raises(InvalidArgumentError):
        Agency(code=" ", name="x", level=Level.COMMUNE)


def test_agency_carries_service_models() -> None:
    from procedurekit.deadlines.service import QUICK_FRIDAY

    agency = Agency(
        code="H21", name="UBND TP Bắc Giang", level=Level.DISTRICT, service_models=[QUICK_FRIDAY]
    )
    assert agency.service_models == (QUICK_FRIDAY,)
