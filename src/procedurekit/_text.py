"""Accent folding for matching Vietnamese labels: one translate table, built once.

Private, standard library only, the lowest layer: any module may import it. Folding means
lower case, diacritics removed (canonical decomposition, then every combining mark
dropped), ``đ``/``Đ`` read as ``d``. :func:`fold` also collapses whitespace; the parser
(:mod:`procedurekit.phrases.parse`) derives its one-character-for-one table from
:data:`FOLD_TABLE`, and :func:`procedurekit.io.columns.header_key` turns the folded text
into a column key.

Invisible characters (:data:`INVISIBLE`: every format character, Unicode category Cf, and
the other default-ignorable code points) are removed before anything is read: a soft
hyphen, a bidi mark or override, a zero-width joiner or a BOM inside "05 ngày làm việc"
must not change what it says. :func:`remove_invisible` is the one place they are listed;
:func:`fold`, the phrase parser and the file readers all use it. :func:`printable` is the
other direction: text from a file shown on a terminal or in a CI log, with every control,
format and line-separator character escaped.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Mapping
from typing import Final, TypeVar

__all__ = [
    "FOLD_TABLE",
    "INVISIBLE",
    "find_member",
    "fold",
    "has_invisible",
    "printable",
    "remove_invisible",
    "strip_marks",
]

_E = TypeVar("_E", bound=enum.Enum)


#: Code points that render as nothing, as a regular-expression character class: every format
#: character (Unicode category Cf: soft hyphen U+00AD, ALM U+061C, the zero-width space,
#: joiners and LRM/RLM U+200B-U+200F, the bidi embeddings and overrides U+202A-U+202E and
#: isolates U+2066-U+2069, word joiner and invisible operators U+2060-U+2064, BOM U+FEFF,
#: interlinear annotations, tags U+E0000-U+E007F, ...) and the other Unicode
#: default-ignorable code points (combining grapheme joiner U+034F, Hangul fillers, Khmer
#: inherent vowels, Mongolian and other variation selectors U+180B-U+180F, U+FE00-U+FE0F,
#: U+E0100-U+E01EF). Ranges are listed for the newest Unicode; a test proves every Cf
#: character of the running Python is covered.
_INVISIBLE_BMP: Final = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
)
_INVISIBLE_ASTRAL: Final = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
INVISIBLE: Final = _INVISIBLE_BMP + _INVISIBLE_ASTRAL
_INVISIBLE_RE: Final = re.compile(f"[{INVISIBLE}]+")
# Searching for the astral ranges is four times slower than for the others: the first search
# takes any astral character as a candidate, checked against them only when one is found
# (Vietnamese text holds none).
_CANDIDATE_RE: Final = re.compile(f"[{_INVISIBLE_BMP}\U00010000-\U0010ffff]")
_ASTRAL_RE: Final = re.compile(f"[{_INVISIBLE_ASTRAL}]")


def remove_invisible(text: str) -> str:
    r"""``text`` without its invisible characters (:data:`INVISIBLE`).

    >>> remove_invisible("05\u00ad ng\u200d\u00e0y l\u202e\u00e0m vi\ufeff\u1ec7c")
    '05 ngày làm việc'
    """
    if not has_invisible(text):
        return text
    return _INVISIBLE_RE.sub("", text)


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds an invisible character (:data:`INVISIBLE`)."""
    if text.isascii():
        return False
    m = _CANDIDATE_RE.search(text)
    while m is not None:
        if m.group() < "\U00010000" or _ASTRAL_RE.match(text, m.start()) is not None:
            return True
        m = _CANDIDATE_RE.search(text, m.end())
    return False


_UNPRINTABLE_RE: Final = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{INVISIBLE}]")
_ESCAPES: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    if c in _ESCAPES:
        return _ESCAPES[c]
    cp = ord(c)
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"


def printable(text: str) -> str:
    r"""``text`` safe to show on one line of a terminal or a CI log: control characters (C0,
    C1: newline, carriage return, escape ...), line and paragraph separators, lone
    surrogates and invisible characters written as escapes (``\n``, ``\x1b``, ``\u202e``).

    A newline in a value can no longer start a line a CI runner obeys (``::error ...``,
    ``::add-mask::``), and a terminal escape sequence is shown, not run.

    >>> print(printable("Trực tiếp\n::add-mask::x\x1b[2J"))
    Trực tiếp\n::add-mask::x\x1b[2J
    """
    if text.isprintable() and (text.isascii() or not _UNPRINTABLE_RE.search(text)):
        return text
    return _UNPRINTABLE_RE.sub(_escape, text)


def strip_marks(text: str) -> str:
    """``text`` decomposed (NFD) with every combining mark removed: ``"Ế"`` → ``"E"``."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _build_fold_table() -> dict[int, str]:
    # ASCII capitals, Latin-1, Latin Extended-A/B and Latin Extended Additional (which holds
    # the Vietnamese letters with two marks, "ệ", "ở"): about 1,100 code points.
    table: dict[int, str] = {}
    for cp in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        folded = strip_marks(chr(cp)).lower()
        if folded != chr(cp):
            table[cp] = folded
    table[ord("đ")] = table[ord("Đ")] = "d"  # a letter of its own, not a d with a mark
    return table


#: ``str.translate`` table: each Latin letter to its lower-case, unmarked form (``"Ầ"`` →
#: ``"a"``, ``"Đ"`` → ``"d"``, ``"Ǆ"`` → ``"dz"``). Letters it leaves alone are unchanged.
FOLD_TABLE: Final[dict[int, str]] = _build_fold_table()


def fold(text: str) -> str:
    """Lower case, diacritics stripped (``đ`` → ``d``), invisible characters removed,
    whitespace runs made one space.

    For matching labels whatever their accents, case and spacing. A Vietnamese text is
    folded by one ``str.translate``; text that still holds other non-ASCII characters
    afterwards (decomposed marks, Greek, Cyrillic) is decomposed and stripped as well.

    >>> fold("  Dịch vụ  BƯU CHÍNH ")
    'dich vu buu chinh'
    >>> fold("Đồng")
    'dong'
    """
    bare = text.translate(FOLD_TABLE)
    if not bare.isascii():
        bare = strip_marks(remove_invisible(bare))
    return " ".join(bare.lower().split())


def find_member(labels: Mapping[_E, str], label: object) -> _E | None:
    """The enum member ``label`` names, or ``None``: the first in ``labels`` whose label
    folds to the same text, or whose value is ``label`` (``_`` written as ``_`` or a space).

    >>> import enum
    >>> class Kind(enum.Enum):
    ...     FULL_TIME = "full_time"
    >>> find_member({Kind.FULL_TIME: "Toàn thời gian"}, "toan thoi  gian")
    <Kind.FULL_TIME: 'full_time'>
    >>> find_member({Kind.FULL_TIME: "Toàn thời gian"}, "full time")
    <Kind.FULL_TIME: 'full_time'>
    """
    key = fold(label) if isinstance(label, str) else ""
    for member, text in labels.items():
        if key in (fold(text), member.value, member.value.replace("_", " ")):
            return member
    return None
