"""Reform initiatives and the yearly register check."""

from __future__ import annotations

from datetime import date

import pytest

from procedurekit.errors import InvalidArgumentError, UnknownCodeError
from procedurekit.models import (
    Initiative,
    InitiativeCategory,
    InitiativeRegister,
    InitiativeStatus,
)


def _i(n: int, agency: str = "SNV", *, on: date | None = date(2025, 1, 20), year: int = 2025):
    return Initiative(
        id=f"SK-{agency}-{n}", title=f"Sáng kiến {n}", agency=agency, year=year, registered_on=on
    )


def test_category_known_or_free_text() -> None:
    known = Initiative(
        id="1", title="Mã QR", agency="A", year=2025, category=InitiativeCategory.QR_LOOKUP
    )
    assert known.category == "qr_lookup"
    assert known.known_category is InitiativeCategory.QR_LOOKUP
    by_label = Initiative(id="2", title="t", agency="A", year=2025, category="Trợ lý ảo trên Zalo")
    assert by_label.known_category is InitiativeCategory.VIRTUAL_ASSISTANT
    free = Initiative(id="3", title="t", agency="A", year=2025, category="Robot phát số")
    assert free.category == "Robot phát số"
    assert free.known_category is None


def test_labels_both_ways() -> None:
    for status in InitiativeStatus:
        assert InitiativeStatus.from_label(status.label_vi) is status
    for category in InitiativeCategory:
        assert InitiativeCategory.from_label(category.label_vi) is category
    with pytest.raises(UnknownCodeError):
        InitiativeCategory.from_label("Robot phát số")


@pytest.mark.parametrize("year", [1989, 2101, True])
def test_year_checked(year: int) -> None:
    with pytest.raises(InvalidArgumentError):
        Initiative(id="1", title="t", agency="A", year=year)


def test_register_three_on_time_is_clean() -> None:
    register = InitiativeRegister(initiatives=[_i(1), _i(2), _i(3)])
    assert register.check(2025) == ()


def test_register_too_few() -> None:
    register = InitiativeRegister(initiatives=[_i(1), _i(2), _i(1, "STP")])
    codes = {(f.code, f.agency) for f in register.check(2025)}
    assert codes == {("too-few-initiatives", "SNV"), ("too-few-initiatives", "STP")}


def test_register_expected_agency_with_none() -> None:
    register = InitiativeRegister(initiatives=[_i(1), _i(2), _i(3)])
    findings = register.check(2025, agencies=["SNV", "SYT"])
    assert [(f.code, f.agency) for f in findings] == [("too-few-initiatives", "SYT")]
    assert "registered 0" in findings[0].message


def test_register_configurable_date_and_minimum() -> None:
    late = _i(3, on=date(2025, 2, 15))
    register = InitiativeRegister(initiatives=[_i(1), _i(2), late])
    assert register.check(2025) == ()  # default: by 31 March
    findings = register.check(2025, register_by=date(2025, 1, 31))
    assert {f.code for f in findings} == {"too-few-on-time", "registered-late"}
    assert register.check(2025, minimum=4)[0].code == "too-few-initiatives"


def test_register_missing_date_and_duplicates() -> None:
    register = InitiativeRegister(initiatives=[_i(1), _i(1), _i(3, on=None)])
    codes = [f.code for f in register.check(2025)]
    assert "duplicate-id" in codes
    assert "registration-date-missing" in codes


def test_register_other_years_ignored() -> None:
    register = InitiativeRegister(initiatives=[_i(1), _i(2), _i(3), _i(4, year=2024)])
    assert register.check(2025) == ()
    assert register.for_agency("SNV", 2024) == (_i(4, year=2024),)
