"""Inputs that the first mutation run of ``phrases/parse.py`` (2026-12-05) showed untested.

Each test reads a phrase as a person would and pins what it states; the comment says which
plausible slip in the parser it catches (docs/explanation/testing.md, "Mutation testing").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.errors import DurationParseError, InvalidArgumentError


def _cases(text: str) -> list[tuple[pk.Duration, str | None, pk.Channel | None]]:
    return [(c.duration, c.condition, c.channel) for c in pk.parse_processing_time(text).cases]


# -- "thì" ends a condition; "thị" (as in "đô thị") does not -------------------------------


def test_then_ends_the_condition_before_the_words_that_follow_it() -> None:
    # "trả kết quả sau" is not a filler: only the cut at "thì" keeps it out
    assert _cases("Nếu hồ sơ hợp lệ thì trả kết quả sau 5 ngày") == [
        (pk.CalendarDays(5), "Nếu hồ sơ hợp lệ", None)
    ]


def test_thi_of_do_thi_is_not_then_in_accented_text() -> None:
    assert _cases("Nếu nhà ở tại đô thị thì trả kết quả sau 15 ngày") == [
        (pk.CalendarDays(15), "Nếu nhà ở tại đô thị", None)
    ]
    assert _cases("Nếu nhà ở tại đô thị thì 15 ngày; nếu ở nông thôn thì 20 ngày") == [
        (pk.CalendarDays(15), "Nếu nhà ở tại đô thị", None),
        (pk.CalendarDays(20), "nếu ở nông thôn", None),
    ]


def test_a_then_after_the_number_belongs_to_the_next_case() -> None:
    # the first case's condition has no "thì"; the one after its number is not searched
    assert _cases("Nếu hồ sơ hợp lệ 5 ngày làm việc, nếu cần xác minh thì 10 ngày làm việc") == [
        (pk.WorkingDays(5), "Nếu hồ sơ hợp lệ", None),
        (pk.WorkingDays(10), "nếu cần xác minh", None),
    ]


def test_english_then_ends_the_condition() -> None:
    assert _cases("If complete, then within 5 working days; if not, then 10 working days") == [
        (pk.WorkingDays(5), "If complete", None),
        (pk.WorkingDays(10), "if not", None),
    ]


# -- filler words trimmed from a condition, as written --------------------------------------


def test_la_is_trimmed_with_or_without_diacritics() -> None:
    assert _cases(
        "Trường hợp đơn giản là 5 ngày làm việc; trường hợp phức tạp là 10 ngày làm việc"
    ) == [
        (pk.WorkingDays(5), "Trường hợp đơn giản", None),
        (pk.WorkingDays(10), "trường hợp phức tạp", None),
    ]
    assert _cases(
        "Truong hop don gian la 5 ngay lam viec; truong hop phuc tap la 10 ngay lam viec"
    ) == [
        (pk.WorkingDays(5), "Truong hop don gian", None),
        (pk.WorkingDays(10), "truong hop phuc tap", None),
    ]


def test_a_word_that_folds_to_a_filler_is_kept_when_written_otherwise() -> None:
    # "thị" folds to "thi" (the filler "thì"), but is part of "đô thị"
    assert _cases("Trường hợp ở đô thị 15 ngày; ở nông thôn 20 ngày")[0] == (
        pk.CalendarDays(15),
        "Trường hợp ở đô thị",
        None,
    )


# -- channels named in a condition ----------------------------------------------------------


def test_a_condition_naming_two_channels_names_none() -> None:
    assert _cases("Trực tuyến hoặc trực tiếp: 3 ngày làm việc; qua bưu chính: 5 ngày làm việc") == [
        (pk.WorkingDays(3), "Trực tuyến hoặc trực tiếp", None),
        (pk.WorkingDays(5), None, pk.Channel.POSTAL),
    ]


def test_a_channel_named_inside_a_condition() -> None:
    assert _cases("Nộp hồ sơ trực tuyến: 3 ngày làm việc; nộp trực tiếp: 5 ngày làm việc") == [
        (pk.WorkingDays(3), "Nộp hồ sơ trực tuyến", pk.Channel.ONLINE),
        (pk.WorkingDays(5), None, pk.Channel.COUNTER),
    ]


# -- same-day cut-offs with seconds and fractions -------------------------------------------


@pytest.mark.parametrize(
    ("written", "cutoff"),
    [
        ("15:30:59", time(15, 30, 59)),  # the last second of a minute is a second
        ("15:30:00.5", time(15, 30, 0, 500_000)),  # half a second, not 5 microseconds
        ("15:30:00.05", time(15, 30, 0, 50_000)),
    ],
)
def test_a_cut_off_with_seconds(written: str, cutoff: time) -> None:
    text = f"Trong ngày, nếu nhận sau {written} thì trả ngày hôm sau"
    assert pk.parse_duration(text) == pk.SameDay(cutoff)


def test_a_cut_off_at_second_60_is_no_cut_off() -> None:
    assert pk.parse_duration("Trong ngày, sau 15:30:60 thì trả ngày hôm sau") == pk.SameDay()


# -- what the parser keeps out and leaves empty ----------------------------------------------


def test_an_exclusion_is_trimmed_of_its_punctuation() -> None:
    pt = pk.parse_processing_time("05 ngày làm việc (*không kể thời gian niêm yết*)")
    assert pt.exclusions == ("không kể thời gian niêm yết",)
    pt = pk.parse_processing_time("05 ngày làm việc, - không kể thời gian niêm yết công khai")
    assert pt.exclusions == ("không kể thời gian niêm yết công khai",)


def test_an_extension_with_no_condition_has_none_not_an_empty_text() -> None:
    pt = pk.parse_processing_time("10 ngày; kéo dài thêm 5 ngày")
    assert pt.extensions == (pk.Extension(pk.CalendarDays(5), None),)


# -- errors name the text and say why --------------------------------------------------------


def test_a_bare_number_with_a_trailing_dot_takes_the_default_unit() -> None:
    assert pk.parse_duration("5.", default_unit="working_days") == pk.WorkingDays(5)
    assert pk.parse_duration("  5 . ", default_unit="working_days") == pk.WorkingDays(5)


def test_a_bare_number_too_large_for_the_default_unit() -> None:
    text = "9" * 40
    with pytest.raises(DurationParseError) as info:
        pk.parse_duration(text, default_unit="working_days")
    assert info.value.reason == "too-large"
    assert info.value.value == text
    assert (
        str(info.value) == f"cannot read a processing time from {text!r}: the number is too large"
    )


def test_a_bare_number_the_default_unit_cannot_hold() -> None:
    with pytest.raises(DurationParseError) as info:
        pk.parse_duration("0,5", default_unit="months")
    assert info.value.reason == "unrecognised"
    assert info.value.value == "0,5"
    assert str(info.value).startswith("cannot read a processing time from '0,5': Months.value")


def test_an_unreadable_text_is_named_in_its_error() -> None:
    with pytest.raises(DurationParseError) as info:
        pk.parse_duration("abc")
    assert info.value.reason == "unrecognised"
    assert info.value.value == "abc"
    assert "'abc'" in str(info.value)


def test_an_unknown_default_unit_names_the_units() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        pk.parse_duration("5", default_unit="weeks")
    exc = info.value
    assert exc.path == "default_unit"
    assert exc.value == "weeks"
    assert exc.expected == (
        "'working_days', 'calendar_days', 'working_hours', 'elapsed_hours' or 'months'"
    )
    assert str(exc) == (
        "default_unit must be one of working_days, calendar_days, working_hours, "
        "elapsed_hours, months or a Duration class with a value, got 'weeks'"
    )


@pytest.mark.parametrize(
    ("text", "reason", "message"),
    [
        ("   ", "empty", "the text is empty"),
        ("5 - 10 ngày làm việc", "range", "it states a range, not one time"),
        ("kéo dài thêm 5 ngày", "unrecognised", "it states only an extension, not the time itself"),
        ("Không có.", "no-information", "it says no information is given"),
        ("N/A", "no-information", "it says no information is given"),
        # a cell of dots says nothing (it was "unrecognised" before the mutation run)
        (".", "no-information", "it says no information is given"),
        ("...", "no-information", "it says no information is given"),
        ("ngày làm việc", "no-number", "the unit 'ngày' has no number"),
        ("5.", "bare-number", "a bare number has no unit (pass default_unit= to give one)"),
        ("9" * 40, "too-large", "the number is too large"),
        # "ngay" (at once) is not a unit; the unit after it has no number
        ("Trả ngay; thời hạn tính theo tháng", "no-number", "the unit 'tháng' has no number"),
        # "tháng" of a date is not a unit either; "giờ" after it has no number
        (
            "Chậm nhất vào ngày 20 tháng đầu tiên hàng quý, tính bằng giờ",
            "no-number",
            "the unit 'giờ' has no number",
        ),
        ("Mã hồ sơ 12345678", "too-large", "the number is too large"),  # 8 digits
        ("Mã hồ sơ 1234567", "no-unit", "it has a number but no unit (ngày, giờ, tháng, ...)"),
        ("abc", "unrecognised", "it states no time this parser knows"),
        ("Mục 3 của hồ sơ", "no-unit", "it has a number but no unit (ngày, giờ, tháng, ...)"),
        ("12345678 ngày", "too-large", "the number is too large"),
    ],
)
def test_each_error_names_the_text_and_why(text: str, reason: str, message: str) -> None:
    with pytest.raises(DurationParseError) as info:
        pk.parse_duration(text)
    assert info.value.reason == reason
    assert info.value.value == text
    assert str(info.value) == f"cannot read a processing time from {text!r}: {message}"


def test_a_bare_number_past_the_largest_amount_of_the_default_unit() -> None:
    with pytest.raises(DurationParseError) as info:
        pk.parse_duration("9999999", default_unit="months")
    assert info.value.reason == "too-large"
    assert str(info.value).endswith("the amount 9999999 is larger than 1000000")


def test_an_exclusion_clause_is_trimmed_of_what_precedes_it() -> None:
    # the clause starts after "; " (and a bullet): only those are trimmed, letter by letter
    pt = pk.parse_processing_time(
        "05 ngày làm việc; thời gian niêm yết không tính vào thời hạn giải quyết"
    )
    assert pt.exclusions == ("thời gian niêm yết không tính vào thời hạn giải quyết",)
    pt = pk.parse_processing_time(
        "05 ngày làm việc; - thời gian niêm yết không tính vào thời hạn -"
    )
    assert pt.exclusions == ("thời gian niêm yết không tính vào thời hạn",)


def test_online_named_after_other_words_of_a_condition() -> None:
    assert _cases(
        "Công dân nộp trực tuyến: 3 ngày làm việc; công dân nộp trực tiếp: 5 ngày làm việc"
    ) == [
        (pk.WorkingDays(3), "Công dân nộp trực tuyến", pk.Channel.ONLINE),
        (pk.WorkingDays(5), "công dân nộp trực tiếp", pk.Channel.COUNTER),
    ]


def test_english_then_in_accented_text_ends_the_condition() -> None:
    # the accent check is for "thì"; "then" has none to check
    assert _cases("Nếu hồ sơ đầy đủ, then 3 ngày") == [
        (pk.CalendarDays(3), "Nếu hồ sơ đầy đủ", None)
    ]


@pytest.mark.parametrize("length", [80, 81])
def test_an_error_shows_a_long_text_cut_to_80_characters(length: int) -> None:
    text = ("abc " * 30)[:length]
    with pytest.raises(DurationParseError) as info:
        pk.parse_duration(text)
    shown = text if length <= 80 else text[:77] + "..."
    assert len(shown) == 80
    assert info.value.value == shown
    assert info.value.path == "text"
    assert info.value.expected == (
        "a phrase such as '05 ngày làm việc', 'Trong ngày', '2 months', 'Không quy định'"
    )
    assert str(info.value).startswith(f"cannot read a processing time from {shown!r}: ")


# -- a channel named in the clause before the duration (second run, 2026-12-05) ------------


def test_a_clause_that_refuses_a_channel_does_not_name_the_case_s_channel() -> None:
    # Only a clause that starts with the channel ("Trực tuyến tại ...", "Nộp trực tiếp")
    # names it: "online submission is not accepted" must not make the case online.
    assert _cases("Không áp dụng nộp trực tuyến - 07 ngày làm việc") == [
        (pk.WorkingDays(7), None, None)
    ]
    assert _cases("Không tiếp nhận qua bưu chính - 07 ngày làm việc") == [
        (pk.WorkingDays(7), None, None)
    ]


def test_the_channel_clause_s_label_starts_after_the_clause_before_it() -> None:
    # The label is the channel clause alone, not the text from the phrase's start.
    assert _cases("Thủ tục A; Trực tiếp tại Bộ phận Một cửa - 07 ngày làm việc") == [
        (pk.WorkingDays(7), "Trực tiếp tại Bộ phận Một cửa", pk.Channel.COUNTER)
    ]
    assert _cases("Lệ phí nộp trực tiếp; Trực tuyến tại Cổng dịch vụ công - 05 ngày làm việc") == [
        (pk.WorkingDays(5), "Trực tuyến tại Cổng dịch vụ công", pk.Channel.ONLINE)
    ]


def test_a_channel_after_a_time_is_that_time_s_not_the_next_one_s() -> None:
    # Bug found by the second run: ", trực tiếp" ending the first case was read as the
    # label of the second case too, which lost its own ", trực tuyến".
    assert _cases("10 ngày làm việc, trực tiếp; 05 ngày làm việc, trực tuyến") == [
        (pk.WorkingDays(10), None, pk.Channel.COUNTER),
        (pk.WorkingDays(5), None, pk.Channel.ONLINE),
    ]
    assert _cases("10 ngày làm việc, trực tiếp. 05 ngày làm việc") == [
        (pk.WorkingDays(10), None, pk.Channel.COUNTER),
        (pk.WorkingDays(5), None, None),
    ]
    # Before " - ", the words after the comma label the next time.
    assert _cases("Trực tiếp - 07 ngày làm việc, trực tuyến - 05 ngày làm việc") == [
        (pk.WorkingDays(7), None, pk.Channel.COUNTER),
        (pk.WorkingDays(5), None, pk.Channel.ONLINE),
    ]


def test_bare_hours_applies_to_every_case_of_a_processing_time() -> None:
    assert _cases("8 giờ") == [(pk.WorkingHours(8), None, None)]
    assert pk.parse_processing_time("8 giờ; 02 ngày làm việc", bare_hours="elapsed").cases == (
        pk.Case(pk.ElapsedHours(8)),
        pk.Case(pk.WorkingDays(2)),
    )
    # "giờ làm việc" says working hours whatever bare_hours says
    assert pk.parse_processing_time("8 giờ làm việc", bare_hours="elapsed").duration == (
        pk.WorkingHours(8)
    )


def test_an_unreadable_first_time_fails_the_phrase_even_when_a_later_one_reads() -> None:
    text = "99999999 ngày; 5 ngày làm việc"
    with pytest.raises(DurationParseError) as caught:
        pk.parse_processing_time(text)
    assert caught.value.reason == "too-large"
    assert caught.value.value == text


def test_a_channel_named_after_the_next_time_is_not_this_time_s() -> None:
    # "không nhận hồ sơ trực tuyến" names no channel for the 10 days, and the 5 days'
    # ", trực tiếp" is not searched for beyond the 10 days' clause.
    assert _cases("10 ngày làm việc, không nhận hồ sơ trực tuyến; 05 ngày làm việc, trực tiếp") == [
        (pk.WorkingDays(10), None, None),
        (pk.WorkingDays(5), None, pk.Channel.COUNTER),
    ]


def test_a_time_followed_by_two_channels_names_neither() -> None:
    assert _cases("10 ngày làm việc, trực tiếp hoặc trực tuyến") == [
        (pk.WorkingDays(10), None, None)
    ]
    assert _cases("05 ngày làm việc, trực tiếp hoặc qua bưu chính") == [
        (pk.WorkingDays(5), None, None)
    ]


# -- every unit spelling the parser knows, read by hand -----------------------------------


#: (unit as written after "3 ", what it is with bare_hours="working", with "elapsed").
_UNIT_READINGS = [
    ("ngày làm việc hành chính", pk.WorkingDays(3), pk.WorkingDays(3)),
    ("ngày làm việc", pk.WorkingDays(3), pk.WorkingDays(3)),
    ("ngày LV", pk.WorkingDays(3), pk.WorkingDays(3)),
    ("ngày", pk.CalendarDays(3), pk.CalendarDays(3)),
    ("giờ làm việc", pk.WorkingHours(3), pk.WorkingHours(3)),
    ("giờ hành chính", pk.WorkingHours(3), pk.WorkingHours(3)),
    ("giờ liên tục", pk.ElapsedHours(3), pk.ElapsedHours(3)),
    ("giờ", pk.WorkingHours(3), pk.ElapsedHours(3)),
    ("h", pk.WorkingHours(3), pk.ElapsedHours(3)),
    ("tháng", pk.Months(3), pk.Months(3)),
    ("năm", pk.Months(36), pk.Months(36)),
    ("tuần", pk.CalendarDays(21), pk.CalendarDays(21)),
    ("working day", pk.WorkingDays(3), pk.WorkingDays(3)),
    ("working days", pk.WorkingDays(3), pk.WorkingDays(3)),
    ("business day", pk.WorkingDays(3), pk.WorkingDays(3)),
    ("business days", pk.WorkingDays(3), pk.WorkingDays(3)),
    ("workday", pk.WorkingDays(3), pk.WorkingDays(3)),
    ("workdays", pk.WorkingDays(3), pk.WorkingDays(3)),
    ("calendar day", pk.CalendarDays(3), pk.CalendarDays(3)),
    ("calendar days", pk.CalendarDays(3), pk.CalendarDays(3)),
    ("day", pk.CalendarDays(3), pk.CalendarDays(3)),
    ("days", pk.CalendarDays(3), pk.CalendarDays(3)),
    ("working hour", pk.WorkingHours(3), pk.WorkingHours(3)),
    ("working hours", pk.WorkingHours(3), pk.WorkingHours(3)),
    ("business hour", pk.WorkingHours(3), pk.WorkingHours(3)),
    ("business hours", pk.WorkingHours(3), pk.WorkingHours(3)),
    ("office hour", pk.WorkingHours(3), pk.WorkingHours(3)),
    ("office hours", pk.WorkingHours(3), pk.WorkingHours(3)),
    ("elapsed hour", pk.ElapsedHours(3), pk.ElapsedHours(3)),
    ("elapsed hours", pk.ElapsedHours(3), pk.ElapsedHours(3)),
    ("clock hour", pk.ElapsedHours(3), pk.ElapsedHours(3)),
    ("clock hours", pk.ElapsedHours(3), pk.ElapsedHours(3)),
    ("hour", pk.WorkingHours(3), pk.ElapsedHours(3)),
    ("hours", pk.WorkingHours(3), pk.ElapsedHours(3)),
    ("hr", pk.WorkingHours(3), pk.ElapsedHours(3)),
    ("hrs", pk.WorkingHours(3), pk.ElapsedHours(3)),
    ("month", pk.Months(3), pk.Months(3)),
    ("months", pk.Months(3), pk.Months(3)),
    ("year", pk.Months(36), pk.Months(36)),
    ("years", pk.Months(36), pk.Months(36)),
    ("week", pk.CalendarDays(21), pk.CalendarDays(21)),
    ("weeks", pk.CalendarDays(21), pk.CalendarDays(21)),
    # minutes are hours / 60: 3 minutes are 0.05 h, of the kind bare hours are
    ("phút", pk.WorkingHours(Decimal("0.05")), pk.ElapsedHours(Decimal("0.05"))),
    ("minute", pk.WorkingHours(Decimal("0.05")), pk.ElapsedHours(Decimal("0.05"))),
    ("minutes", pk.WorkingHours(Decimal("0.05")), pk.ElapsedHours(Decimal("0.05"))),
    ("min", pk.WorkingHours(Decimal("0.05")), pk.ElapsedHours(Decimal("0.05"))),
    ("mins", pk.WorkingHours(Decimal("0.05")), pk.ElapsedHours(Decimal("0.05"))),
]


@pytest.mark.parametrize(("unit", "working", "elapsed"), _UNIT_READINGS)
def test_every_unit_spelling(unit: str, working: pk.Duration, elapsed: pk.Duration) -> None:
    assert pk.parse_duration(f"3 {unit}") == working
    assert pk.parse_duration(f"3 {unit}", bare_hours="elapsed") == elapsed


@pytest.mark.parametrize(
    ("text", "reason", "message"),
    [
        # a fraction of a calendar day is the problem, not the size (the old rule called
        # every amount over 83,333 too large, whatever the unit)
        (
            "100000,5 ngày",
            "unrecognised",
            "CalendarDays.value must be a whole number (CalendarDays counts whole units),"
            " got Decimal('100000.5')",
        ),
        (
            "80000,5 ngày",
            "unrecognised",
            "CalendarDays.value must be a whole number (CalendarDays counts whole units),"
            " got Decimal('80000.5')",
        ),
        # years and weeks are counted as months and days: the message says so
        ("90000 năm", "too-large", "the amount 90000 (1080000 Months) is larger than 1000000"),
        (
            "150000 tuần",
            "too-large",
            "the amount 150000 (1050000 CalendarDays) is larger than 1000000",
        ),
        ("2000000 giờ", "too-large", "the amount 2000000 is larger than 1000000"),
    ],
)
def test_too_large_is_the_amount_in_the_unit_counted(text: str, reason: str, message: str) -> None:
    with pytest.raises(DurationParseError) as info:
        pk.parse_duration(text)
    assert info.value.reason == reason
    assert str(info.value) == f"cannot read a processing time from {text!r}: {message}"


def test_the_largest_amounts_read() -> None:
    assert pk.parse_duration("1000000 ngày") == pk.CalendarDays(1_000_000)
    assert pk.parse_duration("83333 năm") == pk.Months(999_996)


# -- labels before a colon ----------------------------------------------------------------


def test_the_label_is_the_text_between_the_last_two_colons() -> None:
    assert _cases("Hồ sơ: cấp lần đầu: 05 ngày làm việc") == [
        (pk.WorkingDays(5), "cấp lần đầu", None)
    ]
    assert _cases("Loại A: hồ sơ B: cấp lần đầu: 05 ngày làm việc") == [
        (pk.WorkingDays(5), "cấp lần đầu", None)
    ]
    # no space after the colon: the label starts at the letter after it
    assert _cases("Hồ sơ:cấp lần đầu: 05 ngày làm việc") == [
        (pk.WorkingDays(5), "cấp lần đầu", None)
    ]
    assert _cases(":cấp lần đầu: 05 ngày làm việc") == [(pk.WorkingDays(5), "cấp lần đầu", None)]


def test_neu_to_state_is_not_neu_if() -> None:
    # "nêu trên" (stated above) is not a condition; "nếu" (if) is
    assert _cases("Thủ tục nêu trên 05 ngày làm việc") == [(pk.WorkingDays(5), None, None)]
    assert _cases("Nếu hồ sơ nêu rõ lý do thì 05 ngày làm việc") == [
        (pk.WorkingDays(5), "Nếu hồ sơ nêu rõ lý do", None)
    ]


# -- whose is the text between two times? (bugs found by the second run) -----------------


def test_a_condition_after_a_time_is_not_also_the_next_time_s() -> None:
    # "05 ngày đối với cá nhân 10 ngày đối với tổ chức": each time's condition follows it.
    assert _cases("05 ngày đối với cá nhân 10 ngày đối với tổ chức") == [
        (pk.CalendarDays(5), "đối với cá nhân", None),
        (pk.CalendarDays(10), "đối với tổ chức", None),
    ]
    assert _cases("05 ngày làm việc nếu hồ sơ hợp lệ, 10 ngày làm việc nếu cần xác minh") == [
        (pk.WorkingDays(5), "nếu hồ sơ hợp lệ", None),
        (pk.WorkingDays(10), "nếu cần xác minh", None),
    ]
    # a real catalogue phrase (Bộ Xây dựng, 1.009793)
    assert _cases(
        "16 ngày làm việc đối với công trình cấp I, cấp đặc biệt và 12 ngày làm việc đối với"
        " công trình còn lại kể từ ngày tiếp nhận hồ sơ"
    ) == [
        (pk.WorkingDays(16), "đối với công trình cấp I, cấp đặc biệt", None),
        (pk.WorkingDays(12), "đối với công trình còn lại", None),
    ]
    # the conditions stated before each time are unchanged
    assert _cases("Đối với cá nhân 05 ngày, đối với tổ chức 10 ngày") == [
        (pk.CalendarDays(5), "Đối với cá nhân", None),
        (pk.CalendarDays(10), "đối với tổ chức", None),
    ]


def test_a_case_clause_ended_by_thi_is_the_next_time_s_condition() -> None:
    # "trường hợp X thì ... 10 ngày": X is the condition of the 10 days, not of the 3
    # (real phrases, Quảng Ninh and Thừa Thiên Huế portals)
    assert _cases(
        "03 ngày làm việc, trường hợp phải xác minh thì thời hạn giải quyết không quá"
        " 10 ngày làm việc."
    ) == [
        (pk.WorkingDays(3), None, None),
        (pk.WorkingDays(10), "trường hợp phải xác minh", None),
    ]
    assert _cases(
        "15 ngày làm việc (trường hợp cần lấy ý kiến thì tối đa không quá 25 ngày làm việc)"
        " kể từ ngày nhận đủ hồ sơ hợp lệ."
    ) == [
        (pk.WorkingDays(15), None, None),
        (pk.WorkingDays(25), "trường hợp cần lấy ý kiến", None),
    ]
    # what follows "thì" after the only time is a consequence, not its condition
    assert _cases(
        "Trong thời hạn 05 ngày làm việc, kể từ ngày nhận đủ hồ sơ, Sở Xây dựng thẩm định hồ"
        " sơ, nếu đủ điều kiện thì báo cáo Ủy ban nhân dân cấp tỉnh"
    ) == [(pk.WorkingDays(5), None, None)]


def test_a_channel_after_a_time_without_a_boundary_is_still_that_time_s() -> None:
    assert _cases("10 ngày làm việc, trực tiếp 05 ngày làm việc, trực tuyến") == [
        (pk.WorkingDays(10), None, pk.Channel.COUNTER),
        (pk.WorkingDays(5), None, pk.Channel.ONLINE),
    ]


def test_an_extension_s_condition_is_its_own_not_the_case_s() -> None:
    pt = pk.parse_processing_time(
        "05 ngày làm việc nếu hồ sơ hợp lệ, kéo dài thêm 05 ngày làm việc nếu cần xác minh"
    )
    assert pt.cases == (pk.Case(pk.WorkingDays(5), "nếu hồ sơ hợp lệ"),)
    assert pt.extensions == (pk.Extension(pk.WorkingDays(5), "nếu cần xác minh"),)
    pt = pk.parse_processing_time(
        "05 ngày làm việc nếu hồ sơ hợp lệ; trường hợp cần xác minh thì kéo dài thêm 05 ngày"
        " làm việc"
    )
    assert pt.cases == (pk.Case(pk.WorkingDays(5), "nếu hồ sơ hợp lệ"),)
    assert pt.extensions == (pk.Extension(pk.WorkingDays(5), "trường hợp cần xác minh"),)


def test_nothing_between_the_times_but_a_refused_channel() -> None:
    # "không nhận hồ sơ trực tuyến" is not "trực tuyến"; the head rule keeps it out
    assert _cases("Hồ sơ không nộp trực tuyến 05 ngày làm việc") == [
        (pk.WorkingDays(5), None, None)
    ]


# -- clock cut-offs, same day and no limit (second run) -----------------------------------


def test_a_cut_off_at_the_very_start_of_the_text() -> None:
    # "Trước" at index 0: the prefix is looked for from the text's first letter
    assert _cases("Trước 15 giờ: trả kết quả trong ngày") == [
        (pk.SameDay(time(15, 0)), "Trước 15 giờ", None)
    ]


def test_a_clock_time_without_a_prefix_is_a_cut_off_when_it_has_minutes() -> None:
    assert _cases("Trong ngày, hạn nộp 15:00") == [(pk.SameDay(time(15, 0)), None, None)]
    assert _cases("Trong ngày làm việc, nhận hồ sơ đến 10 giờ 30") == [
        (pk.SameDay(time(10, 30)), None, None)
    ]


def test_hours_that_are_no_clock_time_do_not_stop_the_search_for_the_cut_off() -> None:
    # "04 giờ" has no prefix and no minutes; "trước 24 giờ" is no time of day
    assert _cases("04 giờ làm việc hoặc trong ngày nếu nhận trước 10 giờ 30") == [
        (pk.WorkingHours(4), None, None),
        (pk.SameDay(time(10, 30)), "nếu nhận trước 10 giờ 30", None),
    ]
    assert _cases("Trả trước 24 giờ hoặc trong ngày nếu nhận trước 10 giờ 30") == [
        (pk.WorkingHours(24), None, None),
        (pk.SameDay(time(10, 30)), "nếu nhận trước 10 giờ 30", None),
    ]


def test_a_range_first_fails_even_with_a_time_after_it() -> None:
    with pytest.raises(DurationParseError) as info:
        pk.parse_processing_time("3-5 ngày làm việc; 10 ngày làm việc")
    assert info.value.reason == "range"


@pytest.mark.parametrize("text", ["within the day", "Within the day", "same day", "Same-day"])
def test_english_same_day(text: str) -> None:
    assert pk.parse_duration(text) == pk.SameDay()


@pytest.mark.parametrize(
    "text", ["not limited", "Unlimited", "no time limit", "No deadline", "không quy định thời hạn"]
)
def test_no_time_limit_in_english_and_vietnamese(text: str) -> None:
    assert pk.parse_duration(text) == pk.NoTimeLimit()


def test_no_limit_as_a_second_case() -> None:
    assert _cases("Tối đa 3 tháng; unlimited") == [
        (pk.Months(3), None, None),
        (pk.NoTimeLimit(), None, None),
    ]


# -- head words, nêu/nếu, channel labels, where an after-condition stops --------------------


def test_a_label_starting_with_and_or_or_loses_that_word() -> None:
    assert _cases("Cấp mới: 05 ngày làm việc; và cấp lại: 03 ngày làm việc") == [
        (pk.WorkingDays(5), "Cấp mới", None),
        (pk.WorkingDays(3), "cấp lại", None),
    ]
    assert _cases("Hoặc cấp lại: 03 ngày làm việc") == [(pk.WorkingDays(3), "cấp lại", None)]
    assert _cases("Và hoặc cấp lại: 03 ngày làm việc") == [(pk.WorkingDays(3), "cấp lại", None)]
    assert _cases("va cap lai: 03 ngay lam viec") == [(pk.WorkingDays(3), "cap lai", None)]
    # only the words "và" and "hoặc" as written: "Vá", "Vàng" stay
    assert _cases("Vá lỗi: 05 ngày làm việc") == [(pk.WorkingDays(5), "Vá lỗi", None)]
    assert _cases("Vàng bạc: 05 ngày làm việc") == [(pk.WorkingDays(5), "Vàng bạc", None)]
    assert _cases("Cấp mới và cấp lại: 03 ngày làm việc") == [
        (pk.WorkingDays(3), "Cấp mới và cấp lại", None)
    ]


def test_a_real_neu_after_a_neu_to_state() -> None:
    assert _cases("Hồ sơ nêu tại mục 2, nếu hợp lệ thì 05 ngày làm việc") == [
        (pk.WorkingDays(5), "nếu hợp lệ", None)
    ]


def test_a_channel_label_before_the_time_without_a_dash() -> None:
    assert _cases("Trực tiếp tại Bộ phận Một cửa 05 ngày làm việc") == [
        (pk.WorkingDays(5), "Trực tiếp tại Bộ phận Một cửa", pk.Channel.COUNTER)
    ]
    assert _cases("Trực tiếp 05 ngày làm việc; trực tuyến 03 ngày làm việc") == [
        (pk.WorkingDays(5), None, pk.Channel.COUNTER),
        (pk.WorkingDays(3), None, pk.Channel.ONLINE),
    ]


def test_an_after_condition_stops_at_the_start_event() -> None:
    pt = pk.parse_processing_time("05 ngày làm việc đối với hồ sơ hợp lệ kể từ ngày nhận")
    assert pt.cases == (pk.Case(pk.WorkingDays(5), "đối với hồ sơ hợp lệ"),)
    assert pt.start_event == "kể từ ngày nhận"


# -- the text itself ----------------------------------------------------------------------


def test_a_stray_combining_mark_is_dropped() -> None:
    # an accent left over by a bad conversion (cp1258 exports), here on a digit
    assert pk.parse_duration("0\u03015 ngày làm việc") == pk.WorkingDays(5)


def test_plain_ascii_capitals() -> None:
    assert pk.parse_duration("05 NGAY LAM VIEC") == pk.WorkingDays(5)
    assert pk.parse_duration("3 H") == pk.WorkingHours(3)


def test_the_longest_fraction_read() -> None:
    assert pk.parse_duration("0," + "1" * 1000 + " ngày làm việc") == pk.WorkingDays(
        Decimal("0." + "1" * 1000)
    )
    with pytest.raises(DurationParseError) as info:
        pk.parse_duration("0," + "1" * 1001 + " ngày làm việc")
    assert info.value.reason == "too-large"


# -- the arguments' errors ----------------------------------------------------------------


@pytest.mark.parametrize("parse", [pk.parse_duration, pk.parse_processing_time])
def test_a_text_that_is_not_a_str(parse: Callable[..., object]) -> None:
    for value in (5, None, b"05 ng\xc3\xa0y"):
        with pytest.raises(pk.InvalidTypeError) as info:
            parse(value)
        err = info.value
        assert str(err) == f"a processing-time phrase must be a str, got {type(value).__name__}"
        assert (err.path, err.value) == ("text", value)
        assert err.expected == "a str such as '05 ngày làm việc'"


@pytest.mark.parametrize("parse", [pk.parse_duration, pk.parse_processing_time])
def test_bare_hours_is_working_or_elapsed(parse: Callable[..., object]) -> None:
    assert parse("8 giờ", bare_hours="working") == parse("8 giờ")
    for value in ("clock", "Working", None, 1):
        with pytest.raises(InvalidArgumentError) as info:
            parse("8 giờ", bare_hours=value)
        err = info.value
        assert str(err) == f"bare_hours must be 'working' or 'elapsed', got {value!r}"
        assert (err.path, err.value) == ("bare_hours", value)
        assert err.expected == "'working' (the default) or 'elapsed'"


def test_a_channel_clause_before_the_first_time() -> None:
    assert _cases("Trực tiếp; 05 ngày làm việc") == [(pk.WorkingDays(5), None, pk.Channel.COUNTER)]


def test_a_channel_after_a_time_with_a_condition_before_it_is_not_the_next_time_s() -> None:
    # the 10 days' condition was stated before them, so nothing after them was taken; still
    # ", trực tiếp;" ends their clause and is no label of the 5 days
    # (the 10 days' own channel is not read: a case with a condition before it looks for
    # no channel after it; a known limit, not pinned here)
    first, second = _cases("Đối với cá nhân 10 ngày, trực tiếp; 05 ngày")
    assert first[:2] == (pk.CalendarDays(10), "Đối với cá nhân")
    assert second == (pk.CalendarDays(5), None, None)


def test_a_second_accent_on_a_letter_is_dropped() -> None:
    # "à" composes, the acute after it cannot: it is removed, not replaced
    assert pk.parse_duration("05 nga\u0300\u0301y làm việc") == pk.WorkingDays(5)


# -- filler words at the end of a label -----------------------------------------------------


def test_a_filler_ending_a_label_is_trimmed_word_by_word() -> None:
    # "tối đa" (at most) is two words: both are looked at, from the label's end
    assert _cases("Cấp mới tối đa: 05 ngày làm việc") == [(pk.WorkingDays(5), "Cấp mới", None)]
    assert _cases("Cấp lại; trong vòng: 05 ngày làm việc") == [(pk.WorkingDays(5), None, None)]


def test_a_label_that_is_only_a_filler_is_no_condition() -> None:
    # at the text's start too (the filler found at index 0)
    assert _cases("Tối đa: 05 ngày làm việc") == [(pk.WorkingDays(5), None, None)]


# -- the start event of a text that states only an extension ---------------------------------


def test_an_extension_alone_keeps_its_start_event() -> None:
    # No case: the start event is looked for from the text's start, up to a clause end.
    pt = pk.parse_processing_time("Gia hạn thêm 05 ngày làm việc kể từ ngày hết hạn")
    assert pt.cases == ()
    assert pt.extensions == (pk.Extension(pk.WorkingDays(5), None),)
    assert pt.start_event == "kể từ ngày hết hạn"
    pt = pk.parse_processing_time(
        "Kéo dài thêm 10 ngày kể từ ngày có kết quả xác minh; trường hợp khác"
    )
    assert pt.start_event == "kể từ ngày có kết quả xác minh"
    # At the text's very start (index 0).
    pt = pk.parse_processing_time("Kể từ ngày hết hạn, gia hạn thêm 05 ngày làm việc")
    assert pt.start_event == "Kể từ ngày hết hạn"
    # Without one, there is none (not an empty text).
    assert pk.parse_processing_time("Gia hạn thêm 05 ngày làm việc").start_event is None


# -- the items outside the excluded spans -----------------------------------------------------


@given(
    st.lists(st.integers(0, 60), max_size=12).map(sorted),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=5),
)
def test_outside_keeps_the_items_that_start_in_no_span(
    starts: list[int], raw_spans: list[tuple[int, int]]
) -> None:
    """``_outside`` walks both sorted lists once; it must equal the plain definition.

    Spans are half-open ``[start, end)`` and do not overlap (``_exclusions`` merges them)."""
    from procedurekit.phrases.parse import _outside

    spans: list[tuple[int, int]] = []
    for a, length in sorted(raw_spans):
        if not spans or a >= spans[-1][1]:
            spans.append((a, a + length))
    items = [SimpleNamespace(start=s) for s in starts]
    kept = _outside(items, spans)  # type: ignore[arg-type]
    assert [i.start for i in kept] == [s for s in starts if not any(a <= s < b for a, b in spans)]


@given(
    st.text(alphabet="abc ", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10)), max_size=5),
)
@example("abcd efgh ijkl mnop", [(0, 10), (2, 3), (12, 3)])  # a nested span, then another
def test_mask_hides_exactly_the_characters_of_the_spans(
    text: str, raw: list[tuple[int, int]]
) -> None:
    """``_mask`` replaces every character inside a span (spans may overlap or nest) by "#"."""
    from procedurekit.phrases.parse import _mask

    spans = [(a, min(a + n, len(text))) for a, n in raw if a <= len(text)]
    masked = _mask(text, spans)
    assert masked == "".join(
        "#" if any(a <= i < b for a, b in spans) else c for i, c in enumerate(text)
    )
