"""Procedure, channel terms, fees, components, legal references, online levels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import procedurekit as pk
from procedurekit.errors import InvalidArgumentError, UnknownCodeError
from procedurekit.io import fees_of
from procedurekit.io.mapper import _legal_numbers, split_components_text
from procedurekit.models import (
    ChannelTerms,
    Fee,
    LegacyOnlineLevel,
    LegalReference,
    OnlineLevel,
    Procedure,
)
from procedurekit.models.procedure import document_type


def test_online_levels_both_ways() -> None:
    for level in OnlineLevel:
        assert OnlineLevel.from_label(level.label_vi) is level
        assert OnlineLevel.from_label(level.value) is level
    assert OnlineLevel.from_label("toàn trình") is OnlineLevel.FULL
    assert OnlineLevel.from_label("Dịch vụ công trực tuyến một phần") is OnlineLevel.PARTIAL
    with pytest.raises(UnknownCodeError):
        OnlineLevel.from_label("mức 4")


def test_legacy_online_levels() -> None:
    assert LegacyOnlineLevel.from_label("Mức độ 4") is LegacyOnlineLevel.LEVEL_4
    assert LegacyOnlineLevel.from_label(3) is LegacyOnlineLevel.LEVEL_3
    assert LegacyOnlineLevel.LEVEL_2.label_vi == "Mức độ 2"
    assert LegacyOnlineLevel.LEVEL_4.to_online_level() is OnlineLevel.FULL
    assert LegacyOnlineLevel.LEVEL_3.to_online_level() is OnlineLevel.PARTIAL
    assert LegacyOnlineLevel.LEVEL_1.to_online_level() is OnlineLevel.NONE
    with pytest.raises(UnknownCodeError):
        LegacyOnlineLevel.from_label("Mức độ 5")


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("70/2024/NĐ-CP", "Nghị định"),
        ("17/2024/TT-BCA", "Thông tư"),
        ("1523/QĐ-BCA-C06", "Quyết định"),
        ("190/2025/NQ-QH15", "Nghị quyết"),
        ("26/2023/QH15", "Luật"),
        ("ABC", None),
    ],
)
def test_legal_reference_type_from_symbol(number: str, kind: str | None) -> None:
    assert document_type(number) == kind
    ref = LegalReference.from_number(f" {number} ", text="raw")
    assert ref.number == number
    assert ref.type == kind
    assert ref.text == "raw"


def test_fee_amount_checked() -> None:
    assert Fee(amount=Decimal("50000")).amount == Decimal(50000)
    for bad in (Decimal(-1), Decimal("NaN"), 5):
        with pytest.raises(InvalidArgumentError):
            Fee(amount=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Lệ phí: 50.000 đồng/hồ sơ", Decimal(50000)),
        ("2,000,000 Việt Nam Đồng(Phí kiểm tra)", Decimal(2000000)),
        ("Miễn phí", Decimal(0)),
        ("Không", Decimal(0)),
        ("10 USD(/lần)", None),
        ("-5.000 đồng", None),
    ],
)
def test_fees_of(text: str, amount: Decimal | None) -> None:
    """The one fee reader: a fee in đồng, free (0), or a text kept with no amount."""
    assert fees_of(text) == (Fee(amount=amount, text=text),)


def test_fees_of_several_amounts_and_no_fee() -> None:
    assert [f.amount for f in fees_of("10.000 đồng hoặc 20.000 đồng")] == [
        Decimal(10000),
        Decimal(20000),
    ]
    assert fees_of("Không có thông tin") == ()
    assert fees_of("") == ()


def test_split_components_cell() -> None:
    cell = "--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn khiếu nại1 bản chínhGiấy ủy quyền2 bản sao"
    first, second = split_components_text(cell)
    assert (first.name, first.originals, first.copies) == ("Đơn khiếu nại", 1, None)
    assert (second.name, second.originals, second.copies) == ("Giấy ủy quyền", None, 2)


def test_legal_numbers_from_glued_cells() -> None:
    cell = (
        "Tên văn bản pháp lýMã văn bảnLuật 51/2019/QH1451/2019/QH14"
        "Nghị định 105/2021/NĐ-CP105/2021/NĐ-CPThông tư 17/2024/TT-BCA17/2024/TT-BCA"
        "Quyết định 1523/QĐ-BCA-C06 ngày"
    )
    assert [r.number for r in _legal_numbers(cell)] == [
        "51/2019/QH14",
        "105/2021/NĐ-CP",
        "17/2024/TT-BCA",
    ]
    assert _legal_numbers("Không có thông tin") == ()


def test_procedure_helpers() -> None:
    counter = ChannelTerms(channel=pk.Channel.COUNTER)
    p = Procedure(
        name="Cấp bản sao trích lục hộ tịch",
        channels=[counter],
        prescribed_time=pk.WorkingDays(10),
        committed_time=pk.WorkingDays(7),
        effective_from=date(2025, 7, 1),
    )
    assert p.terms_for(pk.Channel.COUNTER) is counter
    assert p.terms_for(pk.Channel.ONLINE) is None
    assert p.time_cut == Decimal("0.3")
    assert not p.is_in_force(date(2025, 6, 30))
    assert p.is_in_force(date(2030, 1, 1))
    mixed = Procedure(name="x", prescribed_time=pk.WorkingDays(10), committed_time=pk.SameDay())
    assert mixed.time_cut is None
