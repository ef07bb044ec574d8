"""Accent folding for matching Vietnamese labels: one translate table, built once.

Private, standard library only, the lowest layer: any module may import it. Folding means
lower case, diacritics removed (canonical decomposition, then every combining mark
dropped), ``đ``/``Đ`` read as ``d``. :func:`fold` also collapses whitespace; the parser
(:mod:`procedurekit.phrases.parse`) derives its one-character-for-one table from
:data:`FOLD_TABLE`, and :func:`procedurekit.io.columns.header_key` turns the folded text
into a column key.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping
from typing import Final, TypeVar

__all__ = ["FOLD_TABLE", "find_member", "fold", "strip_marks"]

_E = TypeVar("_E", bound=enum.Enum)


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
    """Lower case, diacritics stripped (``đ`` → ``d``), whitespace runs made one space.

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
        bare = strip_marks(bare)
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
