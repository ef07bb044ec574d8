"""Unit tests of the processing-time parser (DESIGN.md "Parsing phrases")."""

from __future__ import annotations

import contextlib
import gc
import time as clock
from datetime import time
from decimal import Decimal

import pytest

import procedurekit as pk
from procedurekit.durations import ElapsedHours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # DESIGN.md examples
        ("20 ngày hoặc 40 ngày (trường hợp đặc biệt)", pk.CalendarDays(20)),
        ("Trong ngày hoặc không quá 3 ngày đối với trường hợp yêu cầu qua bưu điện", pk.SameDay()),
        ("27 ngày làm việc kể từ ngày nhận: - 10 ngày cho Sở", pk.WorkingDays(27)),
        ("05 ngày làm việc", pk.WorkingDays(5)),
        ("5 ngày", pk.CalendarDays(5)),
        ("0,5 ngày làm việc", pk.WorkingDays(Decimal("0.5"))),
        ("0.5 Giờ", pk.WorkingHours(Decimal("0.5"))),
        ("02 giờ làm việc", pk.WorkingHours(2)),
        ("6 Tháng", pk.Months(6)),
        ("2 năm", pk.Months(24)),
        ("02 (hai) năm", pk.Months(24)),
        ("năm (05) ngày làm việc", pk.WorkingDays(5)),
        ("05 (năm) ngày làm việc", pk.WorkingDays(5)),
        ("10 (mười) ngày", pk.CalendarDays(10)),
        ("mười (10) ngày làm việc", pk.WorkingDays(10)),
        ("15 ngày làm việc hành chính", pk.WorkingDays(15)),
        ("1 tuần", pk.CalendarDays(7)),
        ("Trong thời hạn tối đa 60 phút", pk.WorkingHours(1)),
        ("Trong ngày", pk.SameDay()),
        ("Ngay trong ngày", pk.SameDay()),
        ("trong ngày làm việc", pk.SameDay()),
        ("Không quy định", pk.NoTimeLimit()),
        # leading zeros, case, spacing, no diacritics, decomposed accents
        ("0005 NGÀY LÀM VIỆC", pk.WorkingDays(5)),
        ("  07ngày   làm\tviệc ", pk.WorkingDays(7)),
        ("05 ngay lam viec ke tu ngay nhan du ho so", pk.WorkingDays(5)),
        ("TRONG NGAY", pk.SameDay()),
        ("khong quy dinh", pk.NoTimeLimit()),
        ("05 nga\u0300y la\u0300m vie\u0323\u0302c", pk.WorkingDays(5)),
        ("05 ngay lam viec, kể từ ngày nhận", pk.WorkingDays(5)),  # mixed: accents elsewhere
        ("Việt Nam 5 ngày", pk.CalendarDays(5)),  # "Nam" (south) is not "năm" (year)
        # English
        ("5 working days", pk.WorkingDays(5)),
        ("1 business day", pk.WorkingDays(1)),
        ("within 4 working hours", pk.WorkingHours(4)),
        ("30 days", pk.CalendarDays(30)),
        ("30 calendar days", pk.CalendarDays(30)),
        ("2 months", pk.Months(2)),
        ("1 year", pk.Months(12)),
        ("same day", pk.SameDay()),
        ("no time limit", pk.NoTimeLimit()),
        ("five (5) working days", pk.WorkingDays(5)),
        ("3 elapsed hours", ElapsedHours(3)),
    ],
)
def test_parse_duration(text: str, expected: pk.Duration) -> None:
    assert pk.parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "cutoff"),
    [
        (
            "Trong ngày; nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
            time(15, 0),
        ),
        ("Trong ngày, nhận sau 15h thì trả ngày làm việc tiếp theo", time(15, 0)),
        ("Trong ngày; hồ sơ nhận sau 14 giờ 30 trả vào ngày làm việc tiếp theo", time(14, 30)),
        ("Trong ngày (hồ sơ nhận sau 15:00 trả ngày hôm sau)", time(15, 0)),
        ("trong ngay, neu nhan sau 16h30 thi tra ngay lam viec tiep theo", time(16, 30)),
        ("same day, or the next working day if received after 3 pm", time(15, 0)),
        (
            "Ngay trong ngày tiếp nhận yêu cầu, trường hợp nhận hồ sơ sau 15 giờ mà không giải"
            " quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo",
            time(15, 0),
        ),
    ],
)
def test_same_day_cutoff(text: str, cutoff: time) -> None:
    assert pk.parse_duration(text) == pk.SameDay(cutoff)


def test_next_working_day_is_not_a_second_same_day_case() -> None:
    pt = pk.parse_processing_time(
        "Trong ngày; nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo"
    )
    assert pt.cases == (pk.Case(pk.SameDay(time(15, 0))),)


def test_a_duration_in_hours_is_not_a_cutoff() -> None:
    assert pk.parse_duration("Chậm nhất 01 giờ kể từ khi tiếp nhận") == pk.WorkingHours(1)
    assert pk.parse_duration("không quá 24 giờ") == pk.WorkingHours(24)


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


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("Không có thông tin", "no-information"),
        ("Không", "no-information"),
        ("ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ.", "no-number"),
        ("Số lượng hồ sơ: 01 (bộ)", "no-unit"),
        ("10-25", "range"),
        ("10 - 15 ngày", "range"),
        ("từ 10 đến 15 ngày làm việc", "range"),
        ("1", "bare-number"),
        ("05 (năm)", "bare-number"),
        ("1" * 100_000, "too-large"),
        ("1" * 100_000 + " ngày", "too-large"),
        ("99999999 ngày", "too-large"),
        ("0,5 ngày", "unrecognised"),
        ("Chậm nhất là ngay trước khi tàu rời cảng", "unrecognised"),
        ("Ngay sau khi nhận đủ hồ sơ", "unrecognised"),
        ("a) Trước ngày 01 tháng 7 năm 2026", "unrecognised"),
        ("trường hợp phức tạp thì có thể kéo dài thêm không quá 02 ngày làm việc", "unrecognised"),
    ],
)
def test_errors_carry_a_reason(text: str, reason: str) -> None:
    with pytest.raises(pk.DurationParseError) as info:
        pk.parse_duration(text)
    assert info.value.reason == reason
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, pk.ProcedureKitError)
    assert "cannot read a processing time" in str(info.value)


def test_error_message_shows_a_short_excerpt() -> None:
    with pytest.raises(pk.DurationParseError) as info:
        pk.parse_duration("x" * 10_000)
    assert len(str(info.value)) < 300


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("working_days", pk.WorkingDays(1)),
        ("calendar_days", pk.CalendarDays(1)),
        ("working_hours", pk.WorkingHours(1)),
        ("elapsed_hours", ElapsedHours(1)),
        ("months", pk.Months(1)),
        (pk.WorkingDays, pk.WorkingDays(1)),
        (pk.Months, pk.Months(1)),
    ],
)
def test_default_unit_reads_a_bare_number(
    unit: str | type[pk.Duration], expected: pk.Duration
) -> None:
    assert pk.parse_duration("1", default_unit=unit) == expected
    assert pk.parse_duration(" 01 ", default_unit=unit) == expected


def test_default_unit_does_not_override_a_stated_unit() -> None:
    assert pk.parse_duration("3 tháng", default_unit="working_days") == pk.Months(3)


def test_default_unit_errors() -> None:
    with pytest.raises(pk.InvalidArgumentError):
        pk.parse_duration("1", default_unit="fortnights")
    with pytest.raises(pk.DurationParseError) as info:
        pk.parse_duration("0.5", default_unit="calendar_days")
    assert info.value.reason == "unrecognised"
    with pytest.raises(pk.DurationParseError) as info:
        pk.parse_duration("9" * 50, default_unit="working_days")
    assert info.value.reason == "too-large"


def test_bare_hours_option() -> None:
    text = "Chậm nhất 01 giờ kể từ khi Biên phòng cửa khẩu tiếp nhận bản khai"
    assert pk.parse_duration(text) == pk.WorkingHours(1)
    assert pk.parse_duration(text, bare_hours="elapsed") == ElapsedHours(1)
    # "giờ làm việc" is office time whatever the option
    assert pk.parse_duration("08 giờ làm việc", bare_hours="elapsed") == pk.WorkingHours(8)
    with pytest.raises(pk.InvalidArgumentError):
        pk.parse_duration(text, bare_hours="clock")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, 5, b"5 ngay", ["5 ngày"], 5.0])
def test_non_str_input_is_a_type_error(value: object) -> None:
    with pytest.raises(pk.InvalidTypeError):
        pk.parse_duration(value)  # type: ignore[arg-type]
    with pytest.raises(pk.InvalidTypeError):
        pk.parse_processing_time(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02 05 ngày \x7f\x85",
        "\ud800 05 ngày \udfff",
        "\ud800",
        "05 ngày" + "\u0300" * 1000,
        "(" * 10_000,
        "1." * 50_000,
        "năm " * 20_000 + "(",
        "ngày " * 50_000,
        "sau " * 20_000 + "15",
        "0," + "0" * 5000 + "1 ngày làm việc",
        "\U0001f600" * 1000,
        "١٢ ngày",  # Arabic-Indic digits are not digits here
    ],
)
def test_only_duration_parse_errors_escape(text: str) -> None:
    for parse in (pk.parse_processing_time, pk.parse_duration):
        try:
            parse(text)
        except pk.DurationParseError as exc:
            reason = exc.reason
        else:
            reason = "ok"
        assert reason in REASONS | {"ok"}


def test_control_characters_are_spaces() -> None:
    assert pk.parse_duration("05\x00ngày\x0blàm\u2028việc") == pk.WorkingDays(5)


def test_megabyte_string() -> None:
    text = "Thời hạn giải quyết: 05 ngày làm việc; " * 30_000  # about 1.2 MB
    assert len(text) > 1_000_000
    assert pk.parse_duration(text) == pk.WorkingDays(5)
    assert len(pk.parse_processing_time(text).cases) == 30_000


def _seconds(text: str) -> float:
    """Best of 3 in CPU time of this process (``process_time``: other processes on a busy
    2-core machine do not count, as they did in wall time), with the cyclic garbage
    collector paused: its passes grow with the number of live objects and would add noise
    unrelated to the parser's own complexity."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            start = clock.process_time()
            with contextlib.suppress(pk.DurationParseError):
                pk.parse_processing_time(text)
            best = min(best, clock.process_time() - start)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "Đối với cấp mới: 10 ngày làm việc kể từ ngày nhận đủ hồ sơ; ",
        "năm (05) ngày (không kể thời gian thực hiện nghĩa vụ tài chính) hoặc ",
        "trong thoi han trong thoi han thi la , : ",
        "1 - 2 - 3 - 4 ngay ",
        "sau 15 giờ 30 phút trong ngày ",
        "1" * 200 + " ",
        "năm năm năm năm năm năm năm (",
    ],
    ids=["cases", "spelled-exclusion", "fillers", "dashes", "clock", "long-digits", "spelled-run"],
)
def test_time_grows_linearly_with_length(unit: str) -> None:
    """A complexity check, not a timing target: 8x the text must not take > 20x the time.

    The smaller text is already about 60,000 characters, past the sizes where CPU caches
    make short strings look cheaper per character than long ones.
    """
    small = unit * (60_000 // len(unit))
    large = small * 8
    t_small = _seconds(small)
    t_large = _seconds(large)
    assert t_large <= 20 * max(t_small, 1e-4)


# ---------------------------------------------------------------------------------------
# parse_processing_time
# ---------------------------------------------------------------------------------------


def test_cases_with_conditions() -> None:
    pt = pk.parse_processing_time(
        "Đối với cấp mới: 10 ngày làm việc; cấp lại: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ"
        " hợp lệ. Trường hợp cần xác minh thì kéo dài thêm không quá 05 ngày làm việc"
    )
    assert pt.cases == (
        pk.Case(pk.WorkingDays(10), "Đối với cấp mới"),
        pk.Case(pk.WorkingDays(5), "cấp lại"),
    )
    assert pt.extensions == (pk.Extension(pk.WorkingDays(5), "Trường hợp cần xác minh"),)
    assert pt.start_event == "kể từ ngày nhận đủ hồ sơ hợp lệ"
    assert pt.duration == pk.WorkingDays(10)


def test_condition_after_the_duration_and_a_channel() -> None:
    pt = pk.parse_processing_time(
        "Trong ngày hoặc không quá 3 ngày đối với trường hợp yêu cầu qua bưu điện (tính theo"
        " ngày đến của bưu điện)."
    )
    assert pt.cases[0] == pk.Case(pk.SameDay())
    assert pt.cases[1].duration == pk.CalendarDays(3)
    assert pt.cases[1].condition == "đối với trường hợp yêu cầu qua bưu điện"
    assert pt.cases[1].channel is pk.Channel.POSTAL
    assert pt.for_channel(pk.Channel.POSTAL) == pk.CalendarDays(3)
    assert pt.for_channel(pk.Channel.ONLINE) == pk.SameDay()


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Trực tuyến: 05 ngày làm việc", pk.Channel.ONLINE),
        ("Trực tiếp tại Bộ phận Một cửa - 07 ngày làm việc", pk.Channel.COUNTER),
        ("Dịch vụ bưu chính 02 Ngày làm việc Phí : Đồng Không thu lệ phí", pk.Channel.POSTAL),
        (
            "30 ngày kể từ ngày nhận được hồ sơ, Trực tuyến tại Cổng Dịch vụ công quốc gia.",
            pk.Channel.ONLINE,
        ),
    ],
)
def test_channel_cases(text: str, channel: pk.Channel) -> None:
    assert pk.parse_processing_time(text).cases[0].channel is channel


def test_channel_words_in_passing_are_not_channels() -> None:
    pt = pk.parse_processing_time(
        "trực tiếp, trực tuyến hoặc qua dịch vụ bưu chính: 01 ngày làm việc"
    )
    assert pt.cases[0].channel is None


def test_exclusions() -> None:
    pt = pk.parse_processing_time(
        "Không quá 20 ngày (không kể thời gian giải phóng mặt bằng; không kể thời gian thực hiện"
        " nghĩa vụ tài chính của người sử dụng đất)."
    )
    assert pt.cases == (pk.Case(pk.CalendarDays(20)),)
    assert pt.exclusions == (
        "không kể thời gian giải phóng mặt bằng",
        "không kể thời gian thực hiện nghĩa vụ tài chính của người sử dụng đất",
    )


def test_a_duration_inside_an_exclusion_is_not_a_case() -> None:
    pt = pk.parse_processing_time("10 ngày làm việc (không tính thời gian 05 ngày niêm yết)")
    assert len(pt.cases) == 1
    assert pt.exclusions == ("không tính thời gian 05 ngày niêm yết",)


def test_steps_after_a_total() -> None:
    pt = pk.parse_processing_time(
        "27 ngày làm việc, kể từ ngày nhận được hồ sơ hợp lệ: - 10 ngày làm việc cho Cục Tác"
        " chiến; - 07 ngày làm việc cho Bộ Xây dựng; - 10 ngày làm việc cho Bộ Tổng Tham mưu."
    )
    assert pt.cases == (pk.Case(pk.WorkingDays(27)),)
    assert [s.duration for s in pt.steps] == [
        pk.WorkingDays(10),
        pk.WorkingDays(7),
        pk.WorkingDays(10),
    ]
    assert pt.start_event == "kể từ ngày nhận được hồ sơ hợp lệ"


def test_steps_with_actors() -> None:
    pt = pk.parse_processing_time(
        "20 ngày làm việc, trong đó: - UBND cấp xã: 05 ngày làm việc - Sở Nội vụ: 15 ngày làm việc"
    )
    assert pt.steps == (
        pk.Step(pk.WorkingDays(5), "UBND cấp xã"),
        pk.Step(pk.WorkingDays(15), "Sở Nội vụ"),
    )


def test_start_event_sau_khi() -> None:
    pt = pk.parse_processing_time("03 ngày làm việc sau khi đã nhận đủ hồ sơ hợp lệ.")
    assert pt.start_event == "sau khi đã nhận đủ hồ sơ hợp lệ"


def test_dates_are_not_durations() -> None:
    pt = pk.parse_processing_time(
        "15 ngày kể từ ngày nhận đủ hồ sơ đối với người thuê nhà từ ngày 06 tháng 6 năm 2013"
    )
    assert pt.cases == (pk.Case(pk.CalendarDays(15), None),) or [c.duration for c in pt.cases] == [
        pk.CalendarDays(15)
    ]


def test_original_text_is_kept() -> None:
    text = "  05   ngày làm việc  "
    assert pk.parse_processing_time(text).text == text


# ---------------------------------------------------------------------------------------
# formatting
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "vi", "en"),
    [
        (pk.WorkingDays(5), "05 ngày làm việc", "5 working days"),
        (pk.WorkingDays(1), "01 ngày làm việc", "1 working day"),
        (pk.WorkingDays(Decimal("0.5")), "0,5 ngày làm việc", "0.5 working days"),
        (pk.CalendarDays(30), "30 ngày", "30 days"),
        (pk.WorkingHours(4), "04 giờ làm việc", "4 working hours"),
        (ElapsedHours(1), "01 giờ liên tục", "1 elapsed hour"),
        (pk.Months(12), "12 tháng", "12 months"),
        (pk.SameDay(), "Trong ngày", "same day"),
        (
            pk.SameDay(time(14, 30)),
            "Trong ngày; nếu nhận hồ sơ sau 14 giờ 30 thì trả kết quả trong ngày làm việc"
            " tiếp theo",
            "same day, or the next working day if received after 14:30",
        ),
        (pk.NoTimeLimit(), "Không quy định", "no time limit"),
    ],
)
def test_format_duration(duration: pk.Duration, vi: str, en: str) -> None:
    assert pk.format_duration(duration) == vi
    assert pk.format_duration(duration, "vi") == vi
    assert pk.format_duration(duration, "en") == en
    assert pk.parse_duration(vi) == duration
    assert pk.parse_duration(en) == duration


def test_format_duration_plain_style() -> None:
    """Reports write a Vietnamese whole number as prose does; the phrase still parses back."""
    for duration, vi in [
        (pk.WorkingDays(3), "3 ngày làm việc"),
        (pk.WorkingDays(15), "15 ngày làm việc"),
        (pk.WorkingDays(Decimal("0.5")), "0,5 ngày làm việc"),
        (pk.CalendarDays(5), "5 ngày"),
        (pk.Months(1), "1 tháng"),
        (pk.SameDay(), "Trong ngày"),
    ]:
        assert pk.format_duration(duration, style="plain") == vi
        assert pk.parse_duration(vi) == duration
        # English is the same in both styles.
        assert pk.format_duration(duration, "en", style="plain") == pk.format_duration(
            duration, "en"
        )
    assert pk.format_duration(pk.WorkingDays(3), style="catalogue") == "03 ngày làm việc"


def test_format_errors() -> None:
    with pytest.raises(pk.InvalidArgumentError):
        pk.format_duration(pk.WorkingDays(1), "fr")  # type: ignore[arg-type]
    with pytest.raises(pk.InvalidArgumentError, match="style") as info:
        pk.format_duration(pk.WorkingDays(1), style="short")  # type: ignore[arg-type]
    assert info.value.path == "style"
    with pytest.raises(pk.InvalidTypeError):
        pk.format_duration(5)  # type: ignore[arg-type]
    with pytest.raises(pk.InvalidTypeError):
        pk.format_processing_time(pk.WorkingDays(1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Đối với cấp mới: 10 ngày làm việc; cấp lại: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ",
        "Trong ngày hoặc không quá 3 ngày đối với trường hợp yêu cầu qua bưu điện",
        "15 ngày làm việc không kể thời gian thực hiện nghĩa vụ tài chính. - Trường hợp phải"
        " trích đo thửa đất thì thời gian thực hiện cộng thêm 20 ngày làm việc.",
        "27 ngày làm việc, kể từ ngày nhận được hồ sơ hợp lệ: - 10 ngày làm việc cho Cục;"
        " - 07 ngày làm việc cho Bộ",
        "Trực tiếp tại Bộ phận Một cửa - 07 ngày làm việc",
        "30 ngày kể từ ngày nhận được hồ sơ, Trực tuyến tại Cổng Dịch vụ công quốc gia.",
        "kéo dài thêm không quá 05 ngày làm việc",
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_processing_time_round_trip(text: str, lang: str) -> None:
    first = pk.parse_processing_time(text)
    written = pk.format_processing_time(first, lang)  # type: ignore[arg-type]
    again = pk.parse_processing_time(written)
    assert (again.cases, again.extensions, again.exclusions, again.start_event, again.steps) == (
        first.cases,
        first.extensions,
        first.exclusions,
        first.start_event,
        first.steps,
    )


# -- test strength (issue "Test strength", gaps 1-4) -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Trong ngày, sau 24 giờ",
        "Trong ngày; nếu nhận hồ sơ sau 25 giờ thì trả kết quả ngày làm việc tiếp theo",
        "Trong ngày, sau 15 giờ 60",
        "Trong ngày, sau 99:99",
    ],
)
def test_impossible_clock_time_is_not_a_cut_off(text: str) -> None:
    """Gap 1: a clock time out of range (24 h, 60 min) is not a cut-off, and nothing
    but the documented result or DurationParseError escapes (never a bare ValueError)."""
    try:
        d = pk.parse_duration(text)
    except pk.DurationParseError:
        return
    assert d == pk.SameDay()
    assert d.cutoff is None


@pytest.mark.parametrize(
    ("text", "cutoff"),
    [
        ("Trong ngày, sau 23 giờ 59", time(23, 59)),
        ("Trong ngày, sau 0 giờ", time(0, 0)),
        ("Trong ngày, sau 15:00", time(15, 0)),
        ("Trong ngày, sau 11 giờ 30", time(11, 30)),
    ],
)
def test_clock_time_bounds_are_inclusive(text: str, cutoff: time) -> None:
    """Gap 1, the other side: the last valid hour and minute are cut-offs."""
    assert pk.parse_duration(text) == pk.SameDay(cutoff)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 ngày LV", pk.WorkingDays(5)),  # gap 2: "ngày LV" = ngày làm việc
        ("10 ngày lv kể từ ngày nhận đủ hồ sơ", pk.WorkingDays(10)),
        ("same day if received before 12 pm", pk.SameDay(time(12, 0))),  # gap 3
        ("same day if received before 3 pm", pk.SameDay(time(15, 0))),
        ("same day if received before 12 am", pk.SameDay(time(0, 0))),
        ("00000005 ngày làm việc", pk.WorkingDays(5)),  # gap 4: leading zeros
        ("000000000000000000000007 ngày", pk.CalendarDays(7)),
    ],
)
def test_strength_gaps_in_the_parser(text: str, expected: pk.Duration) -> None:
    d = pk.parse_duration(text)
    assert d == expected
    assert type(d) is type(expected)
    if isinstance(expected, pk.SameDay):
        assert isinstance(d, pk.SameDay)
        assert d.cutoff == expected.cutoff
