"""Write durations and processing times back as the phrases catalogues use, in Vietnamese
or English; :func:`~procedurekit.parse_duration` reads each one back to the same value."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from typing import Final, Literal

from procedurekit.durations import (
    CalendarDays,
    Duration,
    ElapsedHours,
    Months,
    NoTimeLimit,
    SameDay,
    WorkingDays,
    WorkingHours,
)
from procedurekit.errors import InvalidArgumentError, InvalidTypeError
from procedurekit.phrases.parse import Language
from procedurekit.phrases.processing_time import ProcessingTime

__all__ = ["DurationStyle", "format_duration", "format_processing_time"]

#: How :func:`format_duration` writes a whole number in Vietnamese: ``"catalogue"`` with two
#: digits as catalogues and decisions print it ("05 ngày làm việc"), ``"plain"`` as prose
#: and reports do ("5 ngày làm việc"). English is the same in both.
DurationStyle = Literal["catalogue", "plain"]


def _check_lang(lang: object) -> Language:
    if lang == "vi":
        return "vi"
    if lang == "en":
        return "en"
    raise InvalidArgumentError(
        f"lang must be 'vi' or 'en', got {lang!r}",
        path="lang",
        value=lang,
        expected="'vi' or 'en'",
    )


def _check_style(style: object) -> DurationStyle:
    if style == "catalogue":
        return "catalogue"
    if style == "plain":
        return "plain"
    raise InvalidArgumentError(
        f"style must be 'catalogue' or 'plain', got {style!r}",
        path="style",
        value=style,
        expected="'catalogue' or 'plain'",
    )


def _amount_text(value: int | Decimal, lang: Language, style: DurationStyle) -> str:
    if isinstance(value, int):
        return f"{value:02d}" if lang == "vi" and style == "catalogue" else str(value)
    text = format(value, "f")
    return text.replace(".", ",") if lang == "vi" else text


def _clock(cutoff: time, lang: Language) -> str:
    if cutoff.second or cutoff.microsecond:
        return cutoff.isoformat()
    if lang == "en":
        return f"{cutoff.hour:02d}:{cutoff.minute:02d}"
    if cutoff.minute:
        return f"{cutoff.hour} giờ {cutoff.minute:02d}"
    return f"{cutoff.hour} giờ"


_VI_UNITS: Final = {
    WorkingDays: "ngày làm việc",
    CalendarDays: "ngày",
    WorkingHours: "giờ làm việc",
    ElapsedHours: "giờ liên tục",
    Months: "tháng",
}
_EN_UNITS: Final = {
    WorkingDays: ("working day", "working days"),
    CalendarDays: ("day", "days"),
    WorkingHours: ("working hour", "working hours"),
    ElapsedHours: ("elapsed hour", "elapsed hours"),
    Months: ("month", "months"),
}


def format_duration(
    duration: Duration, lang: Language = "vi", *, style: DurationStyle = "catalogue"
) -> str:
    """Write ``duration`` as a canonical Vietnamese (``"vi"``) or English (``"en"``) phrase.

    :func:`parse_duration` reads the result back to an equal value. ``style="plain"``
    writes a Vietnamese whole number without the catalogues' leading zero (reports).

    >>> format_duration(WorkingDays(5))
    '05 ngày làm việc'
    >>> format_duration(WorkingDays(5), style="plain")
    '5 ngày làm việc'
    >>> format_duration(SameDay(time(15, 0)), "en")
    'same day, or the next working day if received after 15:00'
    >>> format_duration(Months(2), "en")
    '2 months'
    """
    language = _check_lang(lang)
    form = _check_style(style)
    if not isinstance(duration, Duration):
        raise InvalidTypeError(
            f"duration must be a Duration, got {type(duration).__name__} {duration!r}",
            path="duration",
            value=duration,
            expected="a Duration such as WorkingDays(5)",
        )
    if isinstance(duration, SameDay):
        if duration.cutoff is None:
            return "Trong ngày" if language == "vi" else "same day"
        clock = _clock(duration.cutoff, language)
        if language == "vi":
            return (
                f"Trong ngày; nếu nhận hồ sơ sau {clock} thì trả kết quả trong ngày làm việc"
                " tiếp theo"
            )
        return f"same day, or the next working day if received after {clock}"
    if isinstance(duration, NoTimeLimit):
        return "Không quy định" if language == "vi" else "no time limit"
    value: int | Decimal = duration.value  # type: ignore[attr-defined]
    kind = type(duration)
    amount = _amount_text(value, language, form)
    if language == "vi":
        return f"{amount} {_VI_UNITS[kind]}"
    one, many = _EN_UNITS[kind]
    return f"{amount} {one if value == 1 else many}"


def _tail(pt: ProcessingTime, lang: Language) -> str:
    """What follows the general case: start event, exclusions, step budgets."""
    text = f" {pt.start_event}" if pt.start_event else ""
    text += "".join(f" ({exclusion})" for exclusion in pt.exclusions)
    if pt.steps:
        intro = "trong đó:" if lang == "vi" else "of which:"
        steps = "; ".join(
            f"- {step.actor + ': ' if step.actor else ''}{format_duration(step.duration, lang)}"
            for step in pt.steps
        )
        text += f", {intro} {steps}"
    return text


def format_processing_time(pt: ProcessingTime, lang: Language = "vi") -> str:
    """Write a canonical phrase for ``pt``; :func:`parse_processing_time` reads it back.

    Conditions, the start event and exclusions are kept verbatim (they are the catalogue's
    words); durations and connecting words are written in ``lang``.

    >>> from procedurekit import parse_processing_time
    >>> pt = parse_processing_time(
    ...     "Đối với cấp mới: 10 ngày làm việc; cấp lại: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ")
    >>> format_processing_time(pt)
    'Đối với cấp mới: 10 ngày làm việc kể từ ngày nhận đủ hồ sơ; cấp lại: 05 ngày làm việc'
    >>> format_processing_time(pt, "en")
    'Đối với cấp mới: 10 working days kể từ ngày nhận đủ hồ sơ; cấp lại: 5 working days'
    """
    language = _check_lang(lang)
    if not isinstance(pt, ProcessingTime):
        raise InvalidTypeError(
            f"pt must be a ProcessingTime, got {type(pt).__name__}",
            path="pt",
            value=pt,
            expected="the result of parse_processing_time(...)",
        )
    parts: list[str] = []
    for index, case in enumerate(pt.cases):
        text = format_duration(case.duration, language)
        if language == "vi" and index and text.startswith("Trong ngày"):
            text = "t" + text[1:]
        label = case.condition
        if label is None and case.channel is not None:
            label = case.channel.label_vi if language == "vi" else case.channel.value
        piece = f"{label}: {text}" if label else text
        if index == 0:
            piece += _tail(pt, language)
        parts.append(piece)
    if not pt.cases:
        parts.append(_tail(pt, language).strip(", "))
    text = "; ".join(p for p in parts if p)
    for extension in pt.extensions:
        amount = format_duration(extension.duration, language)
        if language == "vi":
            lead = f"{extension.condition} thì kéo dài" if extension.condition else "Kéo dài"
            piece = f"{lead} thêm không quá {amount}"
        else:
            lead = f"{extension.condition}: extended" if extension.condition else "Extended"
            piece = f"{lead} by up to {amount}"
        text = f"{text}. {piece}" if text else piece
    return text
