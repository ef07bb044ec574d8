"""Read Vietnamese and English processing-time phrases.

A catalogue states each time limit as free text: "05 ngày làm việc kể từ ngày nhận đủ hồ sơ
hợp lệ", "Trong ngày; nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp
theo", "Đối với cấp mới: 10 ngày làm việc; cấp lại: 05 ngày làm việc", "0.5 Giờ", "Không
quy định". :func:`parse_processing_time` keeps everything such a text states;
:func:`parse_duration` returns its general (first-stated) case; the formatter
(:mod:`procedurekit.phrases.format`) writes them back.

Readings (DESIGN.md "Parsing phrases"):

- "ngày làm việc" (also "ngày làm việc hành chính") → :class:`WorkingDays`; bare "ngày" →
  :class:`CalendarDays`; "tháng" → :class:`Months`; "năm" right after a number →
  ``Months(12 * n)`` (beside a bracketed number, as in "năm (05)", it is the numeral five);
  "tuần" → ``CalendarDays(7 * n)``.
- "giờ làm việc" → :class:`WorkingHours`. Bare "giờ" is read as working hours too: a
  documented assumption. ``bare_hours="elapsed"`` reads it as :class:`ElapsedHours` (clock
  time, e.g. a border checkpoint's "chậm nhất 01 giờ"); "giờ liên tục" is always elapsed.
- "trong ngày", "ngay trong ngày", "trong ngày làm việc" with no number → :class:`SameDay`,
  with the cut-off the text names ("sau 15 giờ", "sau 15h", "14 giờ 30", "15:00").
- "không quy định" → :class:`NoTimeLimit`.
- Numbers: leading zeros, decimal comma or point ("0,5"), spelled out in brackets ("05
  (năm)", "năm (05)", "10 (mười)"). Text with or without diacritics, any case and spacing.
- English: "5 working days", "30 days", "within 4 working hours", "2 months", "1 year",
  "same day", "no time limit".

Anything else raises :class:`~procedurekit.errors.DurationParseError` whose ``reason`` is
one of ``empty``, ``no-information``, ``no-number``, ``no-unit``, ``bare-number``,
``range``, ``too-large``, ``unrecognised``. Nothing else escapes for any ``str`` input, and
the time taken is linear in the text's length.

>>> parse_duration("05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")
WorkingDays(5)
>>> parse_duration("Trong ngày; nếu nhận hồ sơ sau 15 giờ thì trả kết quả ngày làm việc tiếp theo")
SameDay(time(15, 0))
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from datetime import time
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Final, Literal, NamedTuple

from procedurekit._text import FOLD_TABLE, remove_invisible
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
from procedurekit.errors import (
    DurationParseError,
    InvalidArgumentError,
    InvalidTypeError,
    ProcedureKitError,
)
from procedurekit.phrases.processing_time import Case, Extension, ProcessingTime, Step
from procedurekit.vocab import Channel

__all__ = [
    "BareHours",
    "DefaultUnit",
    "Language",
    "parse_duration",
    "parse_processing_time",
]

#: How bare "giờ" / "hours" is read: office time (the default) or elapsed clock time.
BareHours = Literal["working", "elapsed"]
#: Output language of the ``format_*`` functions.
Language = Literal["vi", "en"]
#: The unit a bare number is read in (``default_unit=``), by name.
DefaultUnit = Literal["working_days", "calendar_days", "working_hours", "elapsed_hours", "months"]

#: Amounts above this (in any unit) are refused with reason ``too-large``.
_MAX_AMOUNT: Final = 10**6
#: More fractional digits than this are refused with reason ``too-large``.
_MAX_FRACTION_DIGITS: Final = 1000

# --------------------------------------------------------------------------------------------
# Normalisation: invisible characters removed (soft hyphens, bidi marks, zero-width joiners,
# BOMs: procedurekit._text.INVISIBLE), NFC, controls read as spaces, whitespace collapsed,
# then a length-preserving fold (accents and case removed, đ → d), so that a match in the
# folded text slices the original at the same place. Removing (not spacing) the invisible
# characters first is what makes inserting one anywhere change nothing: "ng\u00adày" is
# "ngày", and "0\u200b5" is "05".
# --------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
_COMBINING = re.compile(r"[\u0300-\u036f]+")


#: The shared fold (:data:`procedurekit._text.FOLD_TABLE`) kept to one character for one:
#: letters that fold to a single ASCII letter ("Ầ" → "a", "Đ" → "d"; not "Æ" or "Ǆ"), and
#: the Unicode dashes read as "-".
_FOLD_TABLE: Final = {
    cp: bare
    for cp, bare in FOLD_TABLE.items()
    if len(bare) == 1 and bare.isascii() and bare.isalpha()
} | {ord(dash): "-" for dash in "‐‑‒–—―−"}


class _Text(NamedTuple):
    work: str  # NFC, whitespace collapsed, stripped: what conditions are sliced from
    folded: str  # same length as ``work``: lower case ASCII letters where Vietnamese ones were
    accented: bool  # the text carries diacritics (so "ngay" without them is the adverb)


@cache
def _marked_letter() -> re.Pattern[str]:
    letters = "".join(chr(cp) for cp in _FOLD_TABLE if cp > 0x7F and chr(cp).isalpha())
    return re.compile(f"[{re.escape(letters)}]")


def _normalise(text: str) -> _Text:
    work = unicodedata.normalize("NFC", remove_invisible(text))
    if _COMBINING.search(work):
        work = _COMBINING.sub("", work)
    if not work.isprintable():
        work = _CONTROL.sub(" ", work)
    work = " ".join(work.split())
    folded = work.lower() if work.isascii() else work.translate(_FOLD_TABLE)
    return _Text(work, folded, _marked_letter().search(work) is not None)


#: Vietnamese unit words as written with diacritics: in a text that carries diacritics,
#: "ngay" (immediately), "Nam" (south) or "thang" are not units.
_ACCENTED_UNITS: Final = {
    "ngay": "ngày",
    "gio": "giờ",
    "thang": "tháng",
    "nam": "năm",
    "tuan": "tuần",
    "phut": "phút",
}


def _is_unit(t: _Text, start: int, word: str) -> bool:
    """Whether the unit ``word`` found at ``start`` is really that unit in the original."""
    first, _, rest = word.partition(" ")
    original = t.work[start : start + len(first)]
    if first in _ACCENTED_UNITS:
        # "ngay lam viec" is a unit however it is written; a lone "ngay" must be "ngày"
        return not t.accented or bool(rest) or original.lower() == _ACCENTED_UNITS[first]
    return original.isascii()  # English words and "h": "đầy" folds to "day"


# --------------------------------------------------------------------------------------------
# Patterns over the folded text. Every repetition is bounded or runs over one character
# class followed by a literal, so matching stays linear in the text's length.
# --------------------------------------------------------------------------------------------

_SPELLED_WORDS = (
    "khong|mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|linh|le|tram|nghin|ngan|"
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred"
)
_SPELLED = rf"(?:{_SPELLED_WORDS})(?:[ -](?:{_SPELLED_WORDS})){{0,5}}(?![a-z])"
# A number not glued to a digit, point or comma before it. The look-behind comes after the
# first digit so that the pattern starts with a character class (a fast scan in ``re``).
_NUM = r"[0-9](?<![0-9.,][0-9])[0-9]*(?:[.,][0-9]+)?(?![0-9])"
_UNIT = (
    r"ngay lam viec hanh chinh|ngay lam viec|ngay lv|ngay|"
    r"gio lam viec|gio hanh chinh|gio lien tuc|gio|h|thang|nam|tuan|"
    r"working days?|business days?|workdays?|calendar days?|days?|"
    r"working hours?|business hours?|office hours?|elapsed hours?|clock hours?|hours?|hrs?|"
    r"months?|years?|weeks?|phut|minutes?|mins?"
)
_MENTION = re.compile(rf"(?P<n2>{_NUM})(?: ?\( ?{_SPELLED} ?\))? ?(?P<unit>{_UNIT})(?![a-z0-9])")
_MENTION_PAREN = re.compile(rf"\( ?(?P<n2>{_NUM}) ?\) ?(?P<unit>{_UNIT})(?![a-z0-9])")
_SPELLED_BEFORE = re.compile(rf"(?<![a-z0-9]){_SPELLED} ?$")
_BARE_NUMBER = re.compile(
    rf"(?:{_SPELLED} ?\( ?(?P<n1>{_NUM}) ?\)|(?P<n2>{_NUM})(?: ?\( ?{_SPELLED} ?\))?)"
)
_RANGE = re.compile(
    rf"{_NUM}(?: ?(?:-|~|den|toi|to) ?|(?: ?(?:{_UNIT}))(?:-| ?~ ?| (?:den|toi|to) )){_NUM}"
    r"(?! ?[/.-] ?[0-9])"
)
_TIME = (
    r"(?P<h>[0-9](?<![0-9][0-9])[0-9]?)(?:"
    r":(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,](?P<f>[0-9]{1,6}))?)?"
    r"| ?(?:gio|h|g)(?: ?(?P<m2>[0-9]{1,2})(?! ?[0-9]) ?(?:phut|p)?)?(?![a-z0-9])"
    r"| ?(?=[ap]\.?m\b))(?: ?(?P<ampm>[ap])\.?m\.?(?![a-z]))?"
)
_CUTOFF = re.compile(_TIME)  # a clock time; its prefix ("sau", "after") is found by
_CUTOFF_PREFIX = re.compile(  # searching just before it, which keeps the scan fast
    r"(?<![a-z0-9])(?:sau|truoc|luc|after|before|by) (?:(?:luc|the|thoi diem) )?$"
)
_DATE = re.compile(
    r"(?:ngay|mung) ?[0-9]{1,2}(?: ?[/.-] ?[0-9]{1,2}(?: ?[/.-] ?[0-9]{2,4})?)?(?![0-9])"
    r"|thang ?[0-9]{1,2}(?![0-9])"
    r"|nam ?[0-9]{4}(?![0-9])"
    r"|[0-9](?<![0-9][0-9])[0-9]?[/.-][0-9]{1,2}[/.-][0-9]{2,4}(?![0-9])"
)  # word-start checked in code
_SAME_DAY = re.compile(
    r"trong (?:cung |vong )?ngay(?: lam viec)?(?: hanh chinh)?"
    r"(?! ?[0-9])(?! (?:lam viec )?(?:tiep theo|ke tiep|thu|hom sau|sau))(?![a-z])"
)  # word-start checked in code
_SAME_DAY_EN = re.compile(
    r"(?<![a-z0-9])(?:(?:on|within) the )?same[ -]day(?![a-z])|within the day"
)
_NO_LIMIT = re.compile(
    r"khong (?:co )?(?:quy dinh|gioi han)(?: (?:ve )?thoi (?:han|gian)(?: giai quyet)?)?(?![a-z])"
    r"|khong thoi han(?![a-z])"
    r"|(?:no time limit|no deadline|unlimited|not limited)(?![a-z])"
)  # word-start checked in code
_NO_INFO = re.compile(
    r"(?:khong|chua) co (?:thong tin|du lieu)|dang cap nhat|chua cap nhat|no information|"
    r"not available|(?<![a-z])n/a(?![a-z])"
)
#: A whole cell that says nothing (after its spaces and dots: "...", "." say nothing too).
_NO_INFO_WHOLE: Final = frozenset({"khong", "khong co", "none", "na", "-", "--"})
_UNIT_WORD = re.compile(
    r"(?<![a-z0-9])(?:ngay|gio|thang|tuan|days?|hours?|months?|years?|weeks?)(?![a-z])"
)
_DIGIT = re.compile(r"[0-9]")
_BOUNDARY = re.compile(r"[;()\[\]!?]|\.(?= |$)|[-+*•](?<![^ ][-+*•])(?= |[0-9a-z])")
_EXTENSION = re.compile(
    r"keo dai|cong them|tang them|gia han them|co the gia han|duoc gia han|"
    r"extend|extension|additional"
)
_MARKER = re.compile(
    r"(?<![a-z])(?:doi voi|trong truong hop|truong hop|neu|for|if|where|in case of)(?![a-z])"
)
_THEN = re.compile(r",? (?:thi|then)(?![a-z])")
#: Words trimmed from the ends of a condition, with their written (accented) form: in a
#: text with diacritics "thị" (as in "đô thị") or "trọng" is not the filler "thì", "trong".
_FILLERS: Final = {
    "thi": "thì",
    "la": "là",
    "co the": "có thể",
    "duoc": "được",
    "trong thoi han": "trong thời hạn",
    "trong thoi gian": "trong thời gian",
    "trong vong": "trong vòng",
    "trong": "trong",
    "khong qua": "không quá",
    "toi da": "tối đa",
    "chi": "chỉ",
    "cham nhat": "chậm nhất",
    "thoi han giai quyet": "thời hạn giải quyết",
    "thoi han": "thời hạn",
    "thoi gian giai quyet": "thời gian giải quyết",
    "thoi gian": "thời gian",
    "giai quyet": "giải quyết",
    "nhung": "nhưng",
    "va": "và",
    "hoac": "hoặc",
    "within": "within",
    "up to": "up to",
    "no more than": "no more than",
    "at most": "at most",
    "is": "is",
    "are": "are",
    "or": "or",
    "and": "and",
}
_FILLER_WORDS: Final = tuple(_FILLERS)
_FILLER_SET: Final = frozenset(_FILLER_WORDS)
_FILLER_MAX_WORDS: Final = max(len(w.split()) for w in _FILLER_WORDS)
_HEAD_WORDS: Final = frozenset({"va", "hoac", "and", "or"})


def _is_filler(t: _Text, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` is a filler word as written in the original."""
    form = _FILLERS.get(t.folded[start:end])
    return form is not None and (not t.accented or t.work[start:end].lower() == form)


_TRIM: Final = " ,:+*-•"
_GENERIC_LABEL = re.compile(
    r"(?:thoi (?:han|gian)(?: giai quyet| thuc hien)?(?: ho so| thu tuc hanh chinh)?"
    r"|time limit|processing time|duration)"
)
_AFTER_MARKER = re.compile(r"(?<![a-z])(?=(?:doi voi|trong truong hop|truong hop|neu)\b)")
_AFTER_STOP = re.compile(
    r"[;()\[\]:]|\.(?= |$)|,? ?(?:ke tu|tinh tu|from)(?![a-z])| - "
    rf"|,? ?(?:{_EXTENSION.pattern})(?![a-z])"
)
_START = re.compile(
    r"(?<![a-z])(?:(?:ke|tinh) tu|tu (?:ngay|khi|thoi diem)|sau khi|from|after receip|since)"
    r"(?![a-z])"
)
_START_STOP = re.compile(
    r"[;()\[\]:]|\.(?= |$)| - | \+ |,(?! ?(?:hop le|day du|dung|hop phap|theo quy dinh))"
    r"| hoac (?=khong qua|toi da)"
    r"| (?:doi voi|trong truong hop|truong hop|neu|keo dai|cong them|tang them|trong do)(?![a-z])"
)
_EXCLUSION = re.compile(r"(?<![a-z])khong (?:ke|tinh)(?: den| ca)? thoi gian")
_EXCLUSION_CLAUSE = re.compile(r"khong tinh vao thoi (?:han|gian)")
_STEP_ACTOR = re.compile(r" ?,? ?(?:cho|tai|for|at) ")
_STEPS = re.compile(r"trong do|cu the(?: nhu sau)?|bao gom|:")
_STEPS_WORDS = re.compile(r"(?<![a-z])(?:trong do|cu the(?: nhu sau)?|bao gom|of which)(?![a-z])")
_CHANNEL_HEAD = re.compile(
    r"^(?:(?:nop|gui|thong qua|qua|doi voi|truong hop|ho so|nop ho so|hinh thuc|by) )*"
    r"(?P<ch>truc tiep|truc tuyen|dich vu buu chinh|buu chinh|buu dien|online|in person|"
    r"post|postal)(?![a-z])"
)
_CHANNEL_ANY = re.compile(
    r"(?<![a-z])(?:qua (?:dich vu )?(?P<post>buu chinh|buu dien)|(?P<online>nop truc tuyen)|"
    r"(?P<counter>nop truc tiep))(?![a-z])"
)
_CHANNEL_TAIL = re.compile(
    r"(?:^|, )(?:nop |thong qua |qua )?(?P<ch>truc tiep|truc tuyen|dich vu buu chinh)"
    r"(?= tai | qua | cong ich|[ .,]|$)"
)
_CHANNEL_WORD = re.compile(r"truc tiep|truc tuyen|buu chinh|buu dien")


def _channel_word(word: str) -> Channel:
    """A channel word the patterns above found, read by the one channel vocabulary."""
    return Channel.from_label(word)


# --------------------------------------------------------------------------------------------
# Items found in a text
# --------------------------------------------------------------------------------------------


class _Item(NamedTuple):
    start: int
    end: int
    duration: Duration | None  # None: an error item (range, too-large, bad amount)
    reason: str | None = None
    message: str | None = None


def _error(text: object, reason: str, message: str) -> DurationParseError:
    shown = text if not isinstance(text, str) or len(text) <= 80 else text[:77] + "..."
    return DurationParseError(
        f"cannot read a processing time from {shown!r}: {message}",
        reason=reason,
        path="text",
        value=shown,
        expected="a phrase such as '05 ngày làm việc', 'Trong ngày', '2 months', 'Không quy định'",
    )


def _number(digits: str) -> Decimal | None:
    """The amount written as ``digits`` ("05", "0,5"), or ``None`` when it is too large."""
    whole, _, fraction = digits.replace(",", ".").partition(".")
    whole = whole.lstrip("0")
    if len(whole) > 7 or len(fraction) > _MAX_FRACTION_DIGITS:
        return None
    try:
        return Decimal(f"{whole or '0'}.{fraction or '0'}")
    except InvalidOperation:  # pragma: no cover - digits only reach here
        return None


_UnitMaker = Callable[[Decimal], Duration]


def _scaled(factor: int, make: Callable[[object], Duration]) -> _UnitMaker:
    return lambda amount: make(amount * factor)


def _unit_maker(unit: str, *, bare_hours: BareHours) -> _UnitMaker:
    hours: Callable[[object], Duration] = ElapsedHours if bare_hours == "elapsed" else WorkingHours
    if unit.startswith("ngay lam viec") or unit == "ngay lv":
        return WorkingDays
    if unit.startswith(("working day", "business day", "workday")):
        return WorkingDays
    if unit in ("ngay", "day", "days", "calendar day", "calendar days"):
        return CalendarDays
    if unit in ("gio lam viec", "gio hanh chinh") or unit.startswith(
        ("working hour", "business hour", "office hour")
    ):
        return WorkingHours
    if unit == "gio lien tuc" or unit.startswith(("elapsed hour", "clock hour")):
        return ElapsedHours
    if unit in ("gio", "h", "hour", "hours", "hr", "hrs"):
        return hours
    if unit in ("phut", "minute", "minutes", "min", "mins"):
        return lambda amount: hours(amount / 60)
    if unit in ("thang", "month", "months"):
        return Months
    if unit in ("nam", "year", "years"):
        return _scaled(12, Months)
    return _scaled(7, CalendarDays)  # tuan, week(s)


def _make(maker: _UnitMaker, amount: Decimal) -> tuple[Duration | None, str | None, str]:
    """The duration of ``amount`` units, or ``(None, reason, message)``: ``too-large`` when
    the amount in the unit counted (years as 12 months, weeks as 7 days) is over
    :data:`_MAX_AMOUNT`, else the duration's own error (a fraction of a calendar day)."""
    try:
        return maker(amount), None, ""
    except ProcedureKitError as exc:
        counted = exc.value  # the amount the duration was given, in its own unit
        if isinstance(counted, Decimal | int) and counted > _MAX_AMOUNT:
            shown = _plain(amount)
            if counted != amount:  # "90000 năm" is 1080000 Months (path "Months.value")
                shown += f" ({_plain(Decimal(counted))} {str(exc.path).removesuffix('.value')})"
            return None, "too-large", f"the amount {shown} is larger than {_MAX_AMOUNT}"
        return None, "unrecognised", str(exc)


def _plain(number: Decimal) -> str:
    """``number`` without exponent or trailing zeros: "90000", "0.5"."""
    return format(number.normalize(), "f")


class _Found(NamedTuple):
    items: list[_Item]
    cutoffs: list[tuple[int, time]]
    masked: str


def _cutoff_time(match: re.Match[str]) -> time | None:
    hour = int(match["h"])
    minute = int(match["m"] or match["m2"] or 0)
    second = int(match["s"] or 0)
    micro = int((match["f"] or "0").ljust(6, "0"))
    if match["ampm"] == "p" and hour < 12:
        hour += 12
    elif match["ampm"] == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second, micro)


def _find(t: _Text, *, bare_hours: BareHours) -> _Found:
    folded = t.folded
    spans: list[tuple[int, int]] = []
    cutoffs: list[tuple[int, time]] = []
    for m in _CUTOFF.finditer(folded):
        if not _word_start(folded, m.start()):
            continue
        prefix = _CUTOFF_PREFIX.search(folded, max(0, m.start() - 16), m.start())
        is_clock = prefix is not None or m["m"] is not None or m["m2"] is not None
        if not (is_clock or m["ampm"] is not None):
            continue
        value = _cutoff_time(m)
        if value is None:
            continue
        start = prefix.start() if prefix is not None else m.start()
        cutoffs.append((start, value))
        spans.append((start, m.end()))
    for m in _DATE.finditer(folded):
        if folded[m.start()].isdigit() or _word_start(folded, m.start()):
            spans.append(m.span())
    masked = _mask(folded, spans)

    items: list[_Item] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(masked):
        items.append(_Item(m.start(), m.end(), None, "range", "it states a range, not one time"))
        taken.append(m.span())
    masked = _mask(masked, taken)
    mentions = [(m.start(), m) for m in _MENTION.finditer(masked)]
    if "(" in masked:  # "năm (05) ngày": a spelled number, then the digits in brackets
        for m in _MENTION_PAREN.finditer(masked):
            spelled = _SPELLED_BEFORE.search(masked, max(0, m.start() - 80), m.start())
            if spelled is not None:
                mentions.append((spelled.start(), m))
    for start, m in mentions:
        if not _is_unit(t, m.start("unit"), m["unit"]):
            continue
        amount = _number(m["n2"])
        if amount is None:
            items.append(_Item(start, m.end(), None, "too-large", "the number is too large"))
            continue
        duration, reason, message = _make(_unit_maker(m["unit"], bare_hours=bare_hours), amount)
        items.append(_Item(start, m.end(), duration, reason, message))
    for m in _SAME_DAY.finditer(masked):
        if _word_start(masked, m.start()):
            items.append(_Item(m.start(), m.end(), SameDay()))
    if "same" in masked or "within the day" in masked:
        for m in _SAME_DAY_EN.finditer(masked):
            items.append(_Item(m.start(), m.end(), SameDay()))
    has_no = "khong" in masked or "no " in masked or "limited" in masked
    for m in _NO_LIMIT.finditer(masked) if has_no else ():
        if _word_start(masked, m.start()):
            items.append(_Item(m.start(), m.end(), NoTimeLimit()))
    items.sort()
    # Drop items nested in an earlier one ("trong ngày" inside nothing, but be safe).
    kept: list[_Item] = []
    for item in items:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return _Found(kept, cutoffs, masked)


def _word_start(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        if end <= start:
            continue
        parts.append(text[pos:start])
        parts.append("#" * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Turning items into cases, extensions and steps
# --------------------------------------------------------------------------------------------


def _clean(t: _Text, start: int, end: int) -> tuple[int, int]:
    """Trim filler words and punctuation from both ends of ``folded[start:end]``.

    A loop over whole words, not a regex, so it stays linear whatever the text.
    """
    folded = t.folded
    while True:
        while end > start and folded[end - 1] in _TRIM:
            end -= 1
        cut = -1
        pos = end
        for _ in range(_FILLER_MAX_WORDS):
            space = folded.rfind(" ", start, pos)
            begin = space + 1 if space >= 0 else start
            if folded[begin:end] in _FILLER_SET and _is_filler(t, begin, end):
                cut = begin
                break
            if space < 0:
                break
            pos = space
        if cut < 0:
            break
        end = cut
    while True:
        while start < end and folded[start] in _TRIM:
            start += 1
        space = folded.find(" ", start, end)
        word_end = space if space >= 0 else end
        if folded[start:word_end] not in _HEAD_WORDS or not _is_filler(t, start, word_end):
            break
        start = word_end
    return start, end


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and folded[start] in _TRIM:
        start += 1
    while end > start and folded[end - 1] in _TRIM:
        end -= 1
    return start, end


def _slice(t: _Text, start: int, end: int) -> str | None:
    start, end = _clean(t, start, end)
    if end <= start:
        return None
    return t.work[start:end]


def _cut_then(t: _Text, start: int, end: int) -> int:
    """Where "thì" ends the condition in ``[start, end)``, else ``end``."""
    for m in _THEN.finditer(t.folded, start, end):
        word = m.end() - 3 if t.folded[m.end() - 3 : m.end()] == "thi" else None
        if word is not None and t.accented and t.work[word : m.end()].lower() != "thì":
            continue
        return m.start()
    return end


def _channel_of(folded: str) -> Channel | None:
    if len(set(_CHANNEL_WORD.findall(folded))) > 1:
        return None
    head = _CHANNEL_HEAD.match(folded)
    if head is not None:
        return _channel_word(head["ch"])
    any_ = _CHANNEL_ANY.search(folded)
    if any_ is None:
        return None
    if any_["post"]:
        return Channel.POSTAL
    return Channel.ONLINE if any_["online"] else Channel.COUNTER


def _condition(
    t: _Text, before: tuple[int, int], after: tuple[int, int]
) -> tuple[str | None, Channel | None, int]:
    """The condition text of a case: a label, a marker before, a marker after, a channel;
    and the end of the text it took after the time (0: none), which the next time's
    condition does not take again."""
    b0, b1 = before
    folded = t.folded
    colon = folded.rfind(":", b0, b1)
    if colon >= 0:
        prev = folded.rfind(":", b0, colon)
        start = prev + 1 if prev >= 0 else b0
        text = _slice(t, start, colon)
        if text is not None:
            s0, s1 = _clean(t, start, colon)
            if _GENERIC_LABEL.fullmatch(folded[s0:s1]):
                return None, None, 0
            return _label_or_none(t, s0, s1), _channel_of(folded[s0:s1]), 0
    marker = _MARKER.search(folded, b0, b1)
    while marker is not None and t.accented and marker.group() == "neu":
        if t.work[marker.start() : marker.end()].lower() == "nếu":
            break
        marker = _MARKER.search(folded, marker.end(), b1)  # "nêu" (to state), not "nếu" (if)
    if marker is not None:
        end = _cut_then(t, marker.start(), b1)
        s0, s1 = _clean(t, marker.start(), end)
        if s1 > s0:
            return t.work[s0:s1], _channel_of(folded[s0:s1]), 0
    s0, s1 = _clean(t, b0, b1)
    if s1 > s0:
        channel = _channel_of(folded[s0:s1])
        if channel is not None and _CHANNEL_HEAD.match(folded[s0:s1]):
            return _label_or_none(t, s0, s1), channel, 0
    a0, a1 = after
    lead = _AFTER_MARKER.search(folded, a0, a1)
    if lead is not None:
        stop = _AFTER_STOP.search(folded, lead.end(), a1)
        end = stop.start() if stop is not None else a1
        if _cut_then(t, lead.end(), end) < end:
            # "03 ngày, trường hợp phải xác minh thì ... 10 ngày": the next time's condition
            return None, None, 0
        s0, s1 = _clean(t, lead.end(), end)
        if s1 > s0:
            return t.work[s0:s1], _channel_of(folded[s0:s1]), end
    return None, None, 0


def _channel_nearby(
    t: _Text, previous: tuple[int, int], after: tuple[int, int]
) -> tuple[str | None, Channel | None, int]:
    """A channel named in a label-only clause just before ("Trực tiếp tại Bộ phận Một cửa -
    07 ngày") or at the end of the case ("30 ngày ..., Trực tuyến tại Cổng ..."); and the
    end of the text taken after the time (0: none), as :func:`_condition` gives it."""
    s0, s1 = _clean(t, *previous)
    if s1 > s0 and _CHANNEL_HEAD.match(t.folded[s0:s1]):
        channel = _channel_of(t.folded[s0:s1])
        if channel is not None:
            return _label_or_none(t, s0, s1), channel, 0
    a0, a1 = after
    m = _CHANNEL_TAIL.search(t.folded, a0, a1)
    if m is not None and len(set(_CHANNEL_WORD.findall(t.folded, a0, a1))) == 1:
        return None, _channel_word(m["ch"]), m.end()
    return None, None, 0


def _label_or_none(t: _Text, start: int, end: int) -> str | None:
    """The label text, or ``None`` when it only names a channel ("Trực tuyến")."""
    return None if Channel.lookup(t.folded[start:end]) is not None else t.work[start:end]


class _Bounds:
    """Clause boundaries (";", "(", ". ", " - " ...), found once; lookups by bisection."""

    def __init__(self, folded: str) -> None:
        spans = [m.span() for m in _BOUNDARY.finditer(folded)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.folded = folded
        self.size = len(folded)

    def previous(self, lo: int, floor: int) -> tuple[int, int]:
        """The clause that ends at the boundary ending at ``lo``, not reaching before
        ``floor`` (the end of the stated time before); an empty span at ``floor`` when there
        is none. A clause that holds the time before is cut at ``floor`` only when " - "
        ends it ("Trực tiếp - 07 ngày, trực tuyến - 05 ngày": "trực tuyến" labels the next
        time); ended by ";" or ". " its rest is the time before's ("10 ngày, trực tiếp; 05
        ngày, trực tuyến": "trực tiếp" is the 10 days' channel, not the 5 days')."""
        i = bisect.bisect_left(self.ends, lo)
        if lo <= floor or i >= len(self.ends) or self.ends[i] != lo:
            return floor, floor
        stop = self.starts[i]
        start = self.clause(stop, stop)[0]
        if start >= floor:
            return start, stop
        return (floor, stop) if self.folded[stop] == "-" else (floor, floor)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around ``[start, end)``: after the last boundary ending by ``start``,
        up to the first boundary starting at or after ``end``."""
        i = bisect.bisect_right(self.ends, start)
        lo = self.ends[i - 1] if i else 0
        j = bisect.bisect_left(self.starts, end)
        hi = self.starts[j] if j < len(self.starts) else self.size
        return lo, hi


def _exclusions(t: _Text, bounds: _Bounds) -> list[tuple[int, int]]:
    folded = t.folded
    spans: list[tuple[int, int]] = []
    if "khong" not in folded:
        return []
    for m in _EXCLUSION.finditer(folded):
        spans.append((m.start(), bounds.clause(m.start(), m.end())[1]))
    for m in _EXCLUSION_CLAUSE.finditer(folded):
        spans.append(bounds.clause(m.start(), m.end()))
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start < result[-1][1]:
            continue
        s0, s1 = _trim(t.folded, start, end)  # punctuation only: "thời gian" is content here
        if s1 > s0:
            result.append((s0, s1))
    return result


def _outside(items: list[_Item], spans: list[tuple[int, int]]) -> list[_Item]:
    """The items that do not start inside one of ``spans`` (both sorted)."""
    kept: list[_Item] = []
    j = 0
    for item in items:
        while j < len(spans) and spans[j][1] <= item.start:
            j += 1
        if j < len(spans) and spans[j][0] <= item.start:
            continue
        kept.append(item)
    return kept


def _start_event(t: _Text, after: int, starts: list[int]) -> tuple[int, int] | None:
    """The first "kể từ ..." after ``after``, up to a clause end or the next item."""
    m = _START.search(t.folded, after)
    if m is None:
        return None
    i = bisect.bisect_right(starts, m.start())
    limit = starts[i] if i < len(starts) else len(t.folded)
    stop = _START_STOP.search(t.folded, m.end(), limit)
    end = stop.start() if stop is not None else limit
    s0, s1 = _clean(t, m.start(), end)
    return (s0, s1) if s1 > s0 else None


class _Reading(NamedTuple):
    cases: list[Case]
    extensions: list[Extension]
    steps: list[Step]
    exclusions: list[str]
    start_event: str | None
    first_error: _Item | None  # the first item when it is an error
    masked: str


def _read(text: str, *, bare_hours: BareHours) -> tuple[_Text, _Reading]:
    t = _normalise(text)
    found = _find(t, bare_hours=bare_hours)
    folded = t.folded
    bounds = _Bounds(folded)
    excluded = _exclusions(t, bounds)
    items = _outside(found.items, excluded)

    cases: list[Case] = []
    extensions: list[Extension] = []
    steps: list[Step] = []
    steps_from: int | None = None
    start_event: str | None = None
    cutoffs = iter(found.cutoffs)
    first_error = items[0] if items and items[0].duration is None else None
    starts = [item.start for item in items]
    # The end of the text the time before took as its own after it ("05 ngày nếu hồ sơ hợp
    # lệ, 10 ngày nếu ..."): not the next time's condition too.
    taken = 0

    for index, item in enumerate(items):
        if item.duration is None:
            continue
        lo, hi = bounds.clause(item.start, item.end)
        prev_end = items[index - 1].end if index else 0
        next_start = items[index + 1].start if index + 1 < len(items) else len(folded)
        b0 = max(lo, prev_end)
        a1 = min(hi, next_start)
        duration = item.duration
        if isinstance(duration, SameDay):
            cutoff = next(cutoffs, None)
            if cutoff is not None:
                duration = SameDay(cutoff[1])
        ext_region = folded[max(b0, folded.rfind(":", b0, item.start) + 1) : item.start]
        if _EXTENSION.search(ext_region):
            keyword = _EXTENSION.search(folded, b0, item.start)
            start = max(b0, taken)
            end = _cut_then(t, start, keyword.start() if keyword else item.start)
            condition, after = _slice(t, start, end), 0
            if condition is None:  # "..., kéo dài thêm 05 ngày nếu cần xác minh"
                condition, _, after = _condition(t, (item.start, item.start), (item.end, a1))
            extensions.append(Extension(duration, condition))
            taken = after
            continue
        if (
            a1 == hi < next_start
            and folded.startswith("(", hi)
            and not folded[item.end : hi].strip(" ,")
        ):
            a1 = min(bounds.clause(hi + 1, hi + 1)[1], next_start)  # "40 ngày (trường hợp ...)"
        condition, channel, after = _condition(t, (max(b0, taken), item.start), (item.end, a1))
        if condition is None and channel is None:
            floor = max(prev_end, taken)
            condition, channel, after = _channel_nearby(
                t, bounds.previous(lo, floor), (item.end, a1)
            )
        taken = after
        if cases and steps_from is not None and item.start >= steps_from:
            if condition is None:
                actor = _STEP_ACTOR.match(folded, item.end, a1)
                if actor is not None:
                    condition = _slice(t, actor.end(), a1)
            steps.append(Step(duration, condition))
            continue
        cases.append(Case(duration, condition, channel))
        if len(cases) == 1:
            masked = found.masked  # a clock time's colon ("15:00") is not a steps marker
            marker = _STEPS.search(masked, item.end, hi) or _STEPS_WORDS.search(
                masked, item.end, next_start
            )
            if marker is not None:
                steps_from = marker.start()
            span = _start_event(t, item.end, starts)
            if span is not None:
                start_event = t.work[span[0] : span[1]]
    if start_event is None and not cases:
        span = _start_event(t, 0, starts)
        if span is not None:
            start_event = t.work[span[0] : span[1]]
    exclusions = [t.work[s:e] for s, e in excluded]
    reading = _Reading(cases, extensions, steps, exclusions, start_event, first_error, found.masked)
    return t, reading


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"a processing-time phrase must be a str, got {type(text).__name__}",
            path="text",
            value=text,
            expected="a str such as '05 ngày làm việc'",
        )
    return text


def _check_bare_hours(bare_hours: object) -> BareHours:
    if bare_hours == "working":
        return "working"
    if bare_hours == "elapsed":
        return "elapsed"
    raise InvalidArgumentError(
        f"bare_hours must be 'working' or 'elapsed', got {bare_hours!r}",
        path="bare_hours",
        value=bare_hours,
        expected="'working' (the default) or 'elapsed'",
    )


_DEFAULT_UNITS: Final[dict[str, Callable[[object], Duration]]] = {
    "working_days": WorkingDays,
    "calendar_days": CalendarDays,
    "working_hours": WorkingHours,
    "elapsed_hours": ElapsedHours,
    "months": Months,
}


def _default_maker(default_unit: object) -> Callable[[object], Duration] | None:
    if default_unit is None:
        return None
    if isinstance(default_unit, str) and default_unit in _DEFAULT_UNITS:
        return _DEFAULT_UNITS[default_unit]
    for maker in _DEFAULT_UNITS.values():
        if default_unit is maker:
            return maker
    raise InvalidArgumentError(
        f"default_unit must be one of {', '.join(_DEFAULT_UNITS)} or a Duration class with a "
        f"value, got {default_unit!r}",
        path="default_unit",
        value=default_unit,
        expected="'working_days', 'calendar_days', 'working_hours', 'elapsed_hours' or 'months'",
    )


def _no_case_error(text: str, t: _Text, reading: _Reading) -> DurationParseError:
    folded = t.folded
    if not folded:
        return _error(text, "empty", "the text is empty")
    if reading.first_error is not None:
        item = reading.first_error
        return _error(text, item.reason or "unrecognised", item.message or "")
    if reading.extensions:
        return _error(text, "unrecognised", "it states only an extension, not the time itself")
    bare_text = folded.strip(" .")
    if bare_text in _NO_INFO_WHOLE or not bare_text or _NO_INFO.search(folded):
        return _error(text, "no-information", "it says no information is given")
    masked = reading.masked
    bare = _BARE_NUMBER.fullmatch(bare_text)
    if bare is not None:
        if _number(bare["n1"] or bare["n2"]) is None:
            return _error(text, "too-large", "the number is too large")
        return _error(
            text, "bare-number", "a bare number has no unit (pass default_unit= to give one)"
        )
    for m in _UNIT_WORD.finditer(masked):
        if not _is_unit(t, m.start(), m.group()):
            continue  # "ngay" (immediately), not "ngày" (day); "đầy", not "day"
        if masked.startswith("# ", m.start() - 2):
            continue  # "tháng" after a masked date ("ngày 20 tháng đầu tiên")
        return _error(text, "no-number", f"the unit {t.work[m.start() : m.end()]!r} has no number")
    if _DIGIT.search(masked):
        for m in re.finditer(r"[0-9]+", masked):
            if len(m.group().lstrip("0")) > 7:
                return _error(text, "too-large", "the number is too large")
        return _error(text, "no-unit", "it has a number but no unit (ngày, giờ, tháng, ...)")
    return _error(text, "unrecognised", "it states no time this parser knows")


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


def parse_processing_time(text: str, *, bare_hours: BareHours = "working") -> ProcessingTime:
    """Read everything a time-limit text states.

    Returns every case in the order stated with its condition text and channel, the
    extensions, the exclusions, the start event, the per-step budgets (after "trong đó" or a
    colon following the general case) and the original ``text``. Raises
    :class:`~procedurekit.errors.DurationParseError` when no time can be read.

    >>> pt = parse_processing_time(
    ...     "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp cần xác minh thì"
    ...     " kéo dài thêm không quá 05 ngày làm việc")
    >>> pt.duration, pt.start_event
    (WorkingDays(3), 'kể từ ngày nhận đủ hồ sơ hợp lệ')
    >>> pt.extensions[0]
    Extension(duration=WorkingDays(5), condition='trường hợp cần xác minh')
    """
    _check_text(text)
    hours = _check_bare_hours(bare_hours)
    t, reading = _read(text, bare_hours=hours)
    if (not reading.cases and not reading.extensions) or reading.first_error is not None:
        raise _no_case_error(text, t, reading)
    return ProcessingTime(
        cases=tuple(reading.cases),
        text=text,
        extensions=tuple(reading.extensions),
        exclusions=tuple(reading.exclusions),
        start_event=reading.start_event,
        steps=tuple(reading.steps),
    )


def parse_duration(
    text: str,
    *,
    default_unit: DefaultUnit | type[Duration] | None = None,
    bare_hours: BareHours = "working",
) -> Duration:
    """Read the general (first-stated) case of a processing-time phrase.

    ``default_unit`` ("working_days", "calendar_days", "working_hours", "elapsed_hours",
    "months", or one of those classes) reads a bare number such as a portal cell "1";
    without it a bare number raises with reason ``bare-number``. ``bare_hours="elapsed"``
    reads bare "giờ" as :class:`~procedurekit.durations.ElapsedHours`.

    >>> parse_duration("20 ngày hoặc 40 ngày (trường hợp đặc biệt)")
    CalendarDays(20)
    >>> parse_duration("Tối đa là năm (05) ngày làm việc")
    WorkingDays(5)
    >>> parse_duration("0,5 giờ")
    WorkingHours(Decimal('0.5'))
    >>> parse_duration("1", default_unit="working_days")
    WorkingDays(1)
    >>> parse_duration("10-25")
    Traceback (most recent call last):
    ...
    procedurekit.errors.DurationParseError: cannot read a processing time from '10-25': it states a range, not one time
    """  # noqa: E501
    _check_text(text)
    hours = _check_bare_hours(bare_hours)
    maker = _default_maker(default_unit)
    t, reading = _read(text, bare_hours=hours)
    if reading.first_error is None and reading.cases:
        return reading.cases[0].duration
    if maker is not None and reading.first_error is None:
        bare = _BARE_NUMBER.fullmatch(t.folded.strip(" ."))
        if bare is not None:
            amount = _number(bare["n1"] or bare["n2"])
            if amount is None:
                raise _error(text, "too-large", "the number is too large")
            duration, reason, message = _make(maker, amount)
            if duration is None:
                raise _error(text, reason or "unrecognised", message)
            return duration
    raise _no_case_error(text, t, reading)
