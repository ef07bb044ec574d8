"""Hypothesis properties of the phrase parser: round trips and robustness on any text."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.durations import ElapsedHours

REASONS = {
    "no-number",
    "no-unit",
    "range",
    "bare-number",
    "no-information",
    "empty",
    "too-large",
    "unrecognised",
}

_whole = st.integers(min_value=0, max_value=10**6)
_amount = st.one_of(
    _whole,
    st.integers(min_value=0, max_value=12).flatmap(
        lambda places: st.decimals(
            min_value=0, max_value=10**6, places=places, allow_nan=False, allow_infinity=False
        )
    ),
    st.decimals(min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False),
)

durations = st.one_of(
    st.builds(pk.WorkingDays, _amount),
    st.builds(pk.WorkingHours, _amount),
    st.builds(ElapsedHours, _amount),
    st.builds(pk.CalendarDays, _whole),
    st.builds(pk.Months, _whole),
    st.builds(pk.SameDay, st.none() | st.times()),
    st.just(pk.NoTimeLimit()),
)


@given(durations, st.sampled_from(["vi", "en"]))
def test_format_then_parse_returns_the_value(duration: pk.Duration, lang: str) -> None:
    text = pk.format_duration(duration, lang)  # type: ignore[arg-type]
    assert pk.parse_duration(text) == duration
    assert pk.parse_processing_time(text).duration == duration


@given(durations)
def test_vietnamese_without_diacritics_and_in_capitals(duration: pk.Duration) -> None:
    text = pk.format_duration(duration, "vi")
    assert pk.parse_duration(text.upper()) == duration
    plain = text.translate(
        str.maketrans(
            "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ",
            "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd",
        )
    )
    assert pk.parse_duration(plain) == duration


@given(st.lists(st.tuples(st.text(alphabet="abc đối với", max_size=12), durations), max_size=4))
def test_processing_time_round_trip(parts: list[tuple[str, pk.Duration]]) -> None:
    text = "; ".join(
        f"Đối với {label.strip() or 'x'}: {pk.format_duration(d)}" for label, d in parts
    )
    if not text:
        return
    first = pk.parse_processing_time(text)
    for lang in ("vi", "en"):
        again = pk.parse_processing_time(pk.format_processing_time(first, lang))  # type: ignore[arg-type]
        assert again.cases == first.cases


def _check(text: str) -> None:
    for parse in (pk.parse_duration, pk.parse_processing_time):
        reason = "ok"
        try:
            parse(text)
        except pk.DurationParseError as exc:
            reason = exc.reason
        assert reason in REASONS | {"ok"}


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_any_text_including_surrogates(text: str) -> None:
    _check(text)


_TOKENS = [
    "05",
    "0,5",
    "1.5",
    "10",
    "-",
    "–",
    "(",
    ")",
    "năm",
    "(05)",
    "ngày",
    "làm việc",
    "giờ",
    "tháng",
    "trong",
    "sau",
    "15",
    "15h",
    ":",
    "00",
    "kể từ",
    "không kể thời gian",
    "đối với",
    "trường hợp",
    "thì",
    "kéo dài thêm",
    "không quá",
    ";",
    ".",
    ",",
    "trong đó",
    "Trực tuyến",
    "không quy định",
    "Không có thông tin",
    "đến",
    "hành chính",
    "tiếp theo",
    "\x00",
    "\ud800",
    "9" * 40,
    "days",
    "working",
    "same day",
    "after",
    "pm",
    "ngay",
    "phút",
    "tuần",
    "+",
    "\n",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_TOKENS), max_size=30), st.sampled_from([" ", "", "  "]))
def test_any_arrangement_of_phrase_pieces(tokens: list[str], sep: str) -> None:
    _check(sep.join(tokens))


@given(st.integers(min_value=0, max_value=10**6 - 1))
def test_leading_zeros_and_decimal_comma(n: int) -> None:
    assert pk.parse_duration(f"{n:07d} ngày làm việc") == pk.WorkingDays(n)
    assert pk.parse_duration(f"{n},5 giờ") == pk.WorkingHours(Decimal(n) + Decimal("0.5"))
