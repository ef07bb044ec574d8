"""The one vocabulary: every label reads back, and every reader reads the same words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.vocab import (
    Channel,
    EventKind,
    LabelledEnum,
    LegacyOnlineLevel,
    Level,
    OnlineLevel,
    Outcome,
    Status,
)

ENUMS: list[type[LabelledEnum]] = [
    Channel,
    Level,
    OnlineLevel,
    LegacyOnlineLevel,
    EventKind,
    Status,
    Outcome,
]


@pytest.mark.parametrize("cls", ENUMS)
def test_every_label_and_value_reads_back(cls: type[LabelledEnum]) -> None:
    for member, label in cls.labels():
        assert cls.from_label(member.value) is member
        assert cls.from_label(label.vi) is member
        assert cls.from_label(label.en) is member
        assert cls.from_label(label.vi.upper()) is member
        assert cls.from_label(f"  {label.vi}  ") is member
        for alias in label.aliases:
            assert cls.from_label(alias) is member, alias
        assert member.label_vi == label.vi
        assert member.label_en == label.en


@pytest.mark.parametrize("cls", ENUMS)
def test_unknown_labels_name_the_field(cls: type[LabelledEnum]) -> None:
    assert cls.lookup("abc") is None
    assert cls.lookup(None) is None
    with pytest.raises(pk.UnknownCodeError) as info:
        cls.from_label("abc")
    assert info.value.path
    assert "abc" in info.value.message


@given(st.text(max_size=30))
def test_lookup_never_raises(text: str) -> None:
    for cls in ENUMS:
        found = cls.lookup(text)
        assert found is None or isinstance(found, cls)


@pytest.mark.parametrize(
    "phrase",
    ["Bưu điện", "qua bưu điện", "Dịch vụ bưu chính", "bưu chính công ích", "BUU DIEN"],
)
def test_post_office_is_postal_for_the_vocabulary_and_the_parser(phrase: str) -> None:
    """'Bưu điện' was postal for the parser and unknown to the channel vocabulary."""
    assert Channel.from_label(phrase) is Channel.POSTAL
    parsed = pk.parse_processing_time(f"05 ngày làm việc đối với hồ sơ nộp {phrase.lower()}")
    assert parsed.cases[0].channel is Channel.POSTAL


def test_statuses_of_flat_files() -> None:
    assert Status.from_label("Công dân rút hồ sơ") is Status.WITHDRAWN
    assert Status.from_label("Đã trả kết quả") is Status.RESULT_RETURNED
    assert Status.from_label("returned") is Status.RESULT_RETURNED
    assert Status.from_label("Từ chối") is Status.REFUSED
    assert Status.lookup("Đã hủy") is None  # not guessed: a reader reports it
    assert Status.RESULT_RETURNED.is_end
    assert not Status.IN_PROGRESS.is_end
