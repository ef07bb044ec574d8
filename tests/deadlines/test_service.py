"""Service models: presets, applies_to, and the commitment beside the legal due date."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from _deadline_helpers import domain_calendar

import procedurekit as pk
from procedurekit.deadlines.service import (
    FRIDAY_WITHOUT_APPOINTMENT_AND_WRITING,
    MONDAY_WITHOUT_APPOINTMENT,
    QUICK_FRIDAY,
    SATURDAY_MORNING,
    SERVICE_MODELS,
    SUNDAY_FOR_THE_PEOPLE,
    ServiceFeature,
    ServiceKind,
    ServiceModel,
)

CAL = domain_calendar()
RULES = pk.DeadlineRules(CAL)


def test_presets_are_documented() -> None:
    assert QUICK_FRIDAY.name == "Thứ Sáu nhanh"
    assert QUICK_FRIDAY.name_en == "Quick Friday"
    assert MONDAY_WITHOUT_APPOINTMENT.name == "Thứ Hai không hẹn"
    assert FRIDAY_WITHOUT_APPOINTMENT_AND_WRITING.name == "Thứ Sáu không hẹn, không viết"
    assert SUNDAY_FOR_THE_PEOPLE.name == "Chủ nhật vì Nhân dân"
    assert SUNDAY_FOR_THE_PEOPLE.kind is ServiceKind.EXTRA_RECEPTION
    assert ServiceFeature.ASSISTED_FORM_FILLING in FRIDAY_WITHOUT_APPOINTMENT_AND_WRITING.features
    assert ServiceFeature.NO_APPOINTMENT in MONDAY_WITHOUT_APPOINTMENT.features
    for model in SERVICE_MODELS.values():
        assert model.source
        assert model.assumptions  # names or windows reconstructed: said so
    assert QUICK_FRIDAY.place == "Thành phố Bắc Giang"
    assert SUNDAY_FOR_THE_PEOPLE.place == "Huyện Lạng Giang"
    assert QUICK_FRIDAY.commitment == pk.SameDay()
    assert SATURDAY_MORNING.commitment is None


def test_preset_lookup() -> None:
    assert ServiceModel.preset("quick-friday") is QUICK_FRIDAY
    assert ServiceModel.preset("Sunday_For_The_People") is SUNDAY_FOR_THE_PEOPLE
    with pytest.raises(pk.UnknownCodeError, match="quick-friday"):
        ServiceModel.preset("thursday")
    with pytest.raises(pk.UnknownCodeError):
        ServiceModel.preset(3)  # type: ignore[arg-type]


def test_applies_to() -> None:
    assert QUICK_FRIDAY.applies_to(datetime(2026, 2, 27, 9))
    assert QUICK_FRIDAY.applies_to(date(2026, 2, 27))
    assert not QUICK_FRIDAY.applies_to(datetime(2026, 2, 26, 9))
    assert MONDAY_WITHOUT_APPOINTMENT.applies_to(datetime(2026, 3, 2, 16))
    assert SUNDAY_FOR_THE_PEOPLE.applies_to(datetime(2026, 3, 8, 9))
    assert not SUNDAY_FOR_THE_PEOPLE.applies_to(datetime(2026, 3, 8, 11, 30))  # half-open
    assert SUNDAY_FOR_THE_PEOPLE.applies_to(date(2026, 3, 8))
    with pytest.raises(pk.InvalidTypeError, match="received_at"):
        QUICK_FRIDAY.applies_to("2026-02-27")  # type: ignore[arg-type]


def test_procedure_codes() -> None:
    model = ServiceModel("Thứ Năm không hẹn", {3}, {"2.000815", "1.001612"}, pk.SameDay())
    thursday = datetime(2026, 3, 5, 9)
    assert model.applies_to(thursday, "2.000815")
    assert model.applies_to(thursday, "2.000815.000.00.00.H38")
    assert not model.applies_to(thursday, "2.0008150")
    assert not model.applies_to(thursday, "1.000001")
    assert not model.applies_to(thursday)  # a listed model needs a code
    assert QUICK_FRIDAY.applies_to(datetime(2026, 3, 6, 9), None)  # empty list = all
    dl = RULES.due(thursday, pk.WorkingDays(3), service_model=model, procedure_code="2.000815")
    assert dl.committed_date == date(2026, 3, 5)
    dl = RULES.due(thursday, pk.WorkingDays(3), service_model=model, procedure_code="1.000001")
    assert dl.committed_date is None
    assert dl.service_model is None
    assert dl.due_date == date(2026, 3, 10)


def test_commitment_beside_legal_due_date() -> None:
    dl = RULES.due(datetime(2026, 2, 27, 9), pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    assert dl.due_date == date(2026, 3, 6)
    assert dl.committed_date == date(2026, 2, 27)
    assert dl.committed_at == datetime(2026, 2, 27, 17, tzinfo=pk.VIETNAM_TZ)
    assert dl.service_model is QUICK_FRIDAY
    # After the close on a Friday no same-day promise is made (decision 7): a flag says why.
    late = RULES.due(datetime(2026, 2, 27, 17, 30), pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    assert late.committed_date is None
    assert late.service_model is None
    assert late.flags == ("commitment-after-close",)
    assert late.due_date == date(2026, 3, 6)  # the legal date is unchanged


def test_commitment_with_cutoff_and_other_duration() -> None:
    model = ServiceModel("Thứ Tư", {2}, (), pk.SameDay(time(15)))
    assert RULES.due(
        datetime(2026, 3, 4, 15), pk.WorkingDays(3), service_model=model
    ).committed_date == date(2026, 3, 4)
    assert RULES.due(
        datetime(2026, 3, 4, 15, 1), pk.WorkingDays(3), service_model=model
    ).committed_date == date(2026, 3, 5)
    two = ServiceModel("Nhanh", {2}, (), pk.WorkingDays(1))
    assert RULES.due(
        datetime(2026, 3, 4, 9), pk.WorkingDays(5), service_model=two
    ).committed_date == date(2026, 3, 5)


def test_weekday_model_on_a_holiday_does_not_apply() -> None:
    dl = RULES.due(datetime(2026, 2, 20, 9), pk.WorkingDays(1), service_model=QUICK_FRIDAY)
    assert dl.committed_date is None


def test_extra_reception_window() -> None:
    rules = pk.DeadlineRules(CAL, receipt_policy="next-opening")
    sunday = datetime(2026, 3, 8, 9)
    dl = rules.due(sunday, pk.WorkingDays(1), service_model=SUNDAY_FOR_THE_PEOPLE)
    assert dl.receipt == sunday.replace(tzinfo=pk.VIETNAM_TZ)
    assert dl.due_date == date(2026, 3, 9)
    assert dl.committed_date == date(2026, 3, 8)
    assert dl.committed_at == datetime(2026, 3, 8, 11, 30, tzinfo=pk.VIETNAM_TZ)
    assert not CAL.is_working_day(date(2026, 3, 8))  # the day stays non-working
    # Saturday morning reception: receipt allowed, no commitment beyond the legal one.
    sat = rules.due(datetime(2026, 3, 7, 9), pk.WorkingDays(1), service_model=SATURDAY_MORNING)
    assert sat.receipt.date() == date(2026, 3, 7)
    assert sat.due_date == date(2026, 3, 9)
    assert sat.committed_date is None
    assert sat.service_model is SATURDAY_MORNING
    # Without the model the treasury rule moves it to Monday.
    assert rules.due(datetime(2026, 3, 7, 9), pk.WorkingDays(1)).due_date == date(2026, 3, 10)


def test_format_mentions_the_commitment() -> None:
    dl = RULES.due(datetime(2026, 2, 27, 9), pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    vi = pk.format_deadline(dl)
    assert "Thứ Sáu nhanh" in vi
    assert "ngày 27 tháng 02 năm 2026" in vi
    assert "ngày 06 tháng 03 năm 2026" in vi
    en = pk.format_deadline(dl, lang="en")
    assert "Quick Friday" in en
    assert "27 February 2026" in en


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        (("x", {7}, (), pk.SameDay()), {}, "weekdays"),
        (("x", set(), (), pk.SameDay()), {}, "weekdays"),
        (("x", 4, (), pk.SameDay()), {}, "weekdays"),
        (("x", {True}, (), pk.SameDay()), {}, "weekdays"),
        (("x", {4}, "2.000815", pk.SameDay()), {}, "procedure_codes"),
        (("x", {4}, {3}, pk.SameDay()), {}, "procedure_codes"),
        (("x", {4}, (), "same day"), {}, "commitment"),
        (("x", {4}, (), pk.SameDay()), {"window": ["11:00-12:00", "08:00-09:00"]}, "window"),
        (("x", {4}, (), pk.SameDay()), {"features": {"fast"}}, "features"),
    ],
)
def test_invalid_models(args: tuple[object, ...], kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(pk.ProcedureKitError, match=field):
        ServiceModel(*args, **kwargs)  # type: ignore[arg-type]


def test_rules_refuse_junk_models() -> None:
    with pytest.raises(pk.InvalidTypeError, match="service_model"):
        RULES.due(datetime(2026, 3, 6, 9), pk.WorkingDays(1), service_model="quick-friday")  # type: ignore[arg-type]
    with pytest.raises(pk.InvalidTypeError, match="procedure_code"):
        RULES.due(datetime(2026, 3, 6, 9), pk.WorkingDays(1), procedure_code=2000815)  # type: ignore[arg-type]


def test_zero_pause_keeps_a_window_commitment() -> None:
    rules = pk.DeadlineRules(CAL, receipt_policy="next-opening")
    dl = rules.due(datetime(2026, 3, 8, 9), pk.WorkingDays(3), service_model=SUNDAY_FOR_THE_PEOPLE)
    same = dl.paused(date(2026, 3, 8), date(2026, 3, 8))
    assert (same.committed_date, same.committed_at) == (dl.committed_date, dl.committed_at)
    assert same.due_date == dl.due_date == date(2026, 3, 11)
