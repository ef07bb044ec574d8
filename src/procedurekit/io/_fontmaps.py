"""The Vietnamese font encodings of older provincial files, as tables to Unicode.

Before Unicode (TCVN 6909:2001), Vietnamese text was typed in 8-bit *fonts* whose glyphs
sit on the code points of Windows-1252: a file "in TCVN3" or "in VNI" is Windows-1252 text
that only reads right in the matching font. Read as text, it is mojibake ("Ninh B×nh",
"Vieät Nam"); these tables turn it back into Unicode (NFC).

- **TCVN3** (TCVN 5712:1993, the VN3 "ABC" fonts such as .VnTime): one byte per letter.
  The lowercase letters with marks and the seven uppercase base letters Ă Â Đ Ê Ô Ơ Ư have
  their own bytes; the uppercase letters with tone marks exist only in the separate
  capital fonts (.VnTimeH), which reuse the lowercase bytes, so they read as lowercase.
- **VNI** (VNI Windows fonts such as VNI-Times): a base letter followed by a mark byte
  (``a`` + ``ù`` is á, ``e`` + ``ä`` is ệ), plus single bytes for đ, ơ, ư and the i and y
  letters with marks.

Sources: the byte layout of TCVN 5712:1993 VN3 and of the VNI Windows fonts as published
by their makers, cross-checked letter by letter against the conversion tables of the
open-source converter ``duydev/vietnamese-conversion`` (``src/charsets.ts``, commit
46413a0, MIT) and the TCVN3 table of ``backupvietsoft/HRM`` (``ConvertVNI``); the tests
round-trip every Vietnamese letter through both tables.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["TCVN3", "from_tcvn3", "from_vni"]

_VOWEL_ROWS: Final = "aăâeêioôơuưy"
# TCVN3: for each base (row), the characters (Windows-1252) of the base itself and then of
# the base with grave, hook, tilde, acute, dot below. Rows in the order of _VOWEL_ROWS.
_TCVN3_ROWS: Final = (
    "a" + "µ¶·¸¹",
    "¨" + "»¼½¾Æ",
    "©" + "ÇÈÉÊË",
    "e" + "ÌÎÏÐÑ",
    "ª" + "ÒÓÔÕÖ",
    "i" + "×ØÜÝÞ",
    "o" + "ßáâãä",
    "«" + "åæçèé",
    "¬" + "êëìíî",
    "u" + "ïñòóô",
    "\xad" + "õö÷øù",
    "y" + "úûüýþ",
)
_TONES: Final = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_BASES: Final = {
    "a": "a",
    "ă": "a\u0306",
    "â": "a\u0302",
    "e": "e",
    "ê": "e\u0302",
    "i": "i",
    "o": "o",
    "ô": "o\u0302",
    "ơ": "o\u031b",
    "u": "u",
    "ư": "u\u031b",
    "y": "y",
}


def _tcvn3_table() -> dict[str, str]:
    table: dict[str, str] = {
        "®": "đ",
        "¡": "Ă",
        "¢": "Â",
        "§": "Đ",
        "£": "Ê",
        "¤": "Ô",
        "¥": "Ơ",
        "¦": "Ư",
    }
    for base, row in zip(_VOWEL_ROWS, _TCVN3_ROWS, strict=True):
        for char, tone in zip(row, _TONES, strict=True):
            if char.isascii():
                continue
            table[char] = unicodedata.normalize("NFC", _BASES[base] + tone)
    return table


#: TCVN3 character (as read with Windows-1252) -> Unicode letter.
TCVN3: Final[dict[str, str]] = _tcvn3_table()
_TCVN3_TRANS: Final = str.maketrans(TCVN3)

# VNI: mark characters after a base letter -> (vowel modifier, tone), lowercase and
# uppercase forms alike.
_VNI_MARKS: Final = {
    "ø": ("", "\u0300"),
    "ù": ("", "\u0301"),
    "û": ("", "\u0309"),
    "õ": ("", "\u0303"),
    "ï": ("", "\u0323"),
    "â": ("\u0302", ""),
    "à": ("\u0302", "\u0300"),
    "á": ("\u0302", "\u0301"),
    "å": ("\u0302", "\u0309"),
    "ã": ("\u0302", "\u0303"),
    "ä": ("\u0302", "\u0323"),
    "ê": ("\u0306", ""),
    "è": ("\u0306", "\u0300"),
    "é": ("\u0306", "\u0301"),
    "ú": ("\u0306", "\u0309"),
    "ü": ("\u0306", "\u0303"),
    "ë": ("\u0306", "\u0323"),
}
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
# Base letters of VNI: the Latin vowels, and ô / ö standing for ơ / ư.
_VNI_BASES: Final = {c: c for c in "aeiouyAEIOUY"} | {
    "ô": "o\u031b",
    "Ô": "O\u031b",
    "ö": "u\u031b",
    "Ö": "U\u031b",
}
# Single characters of VNI.
_VNI_SINGLE: Final = {
    "ñ": "đ",
    "Ñ": "Đ",
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}
# One pass: a base letter and its mark, or a single character (a composed letter must not
# be read again as a single one: "oø" is ò, while a lone "ò" is ị).
_VNI_RE: Final = re.compile(
    "(["
    + "".join(_VNI_BASES)
    + "])(["
    + "".join(_VNI_MARKS)
    + "])|(["
    + "".join(_VNI_SINGLE)
    + "])"
)
_MODIFIER_OK: Final = {"\u0302": "aeoAEO", "\u0306": "aA", "": ""}


def _vni_letter(m: re.Match[str]) -> str:
    if m[3] is not None:
        return _VNI_SINGLE[m[3]]
    base, mark = m[1], m[2]
    modifier, tone = _VNI_MARKS[mark]
    letter = _VNI_BASES[base]
    if modifier and (len(letter) > 1 or letter not in _MODIFIER_OK[modifier]):
        # Not a VNI pair (a circumflex on u, a breve on e): each character read alone.
        return _VNI_SINGLE.get(base, base) + _VNI_SINGLE.get(mark, mark)
    return unicodedata.normalize("NFC", letter + modifier + tone)


def from_tcvn3(text: str) -> str:
    """Text typed in a TCVN3 (ABC) font, read as Windows-1252, as Unicode.

    >>> from_tcvn3("Ninh B×nh, B¶o Th¾ng, M\\xadêng Kh\\xad¬ng")
    'Ninh Bình, Bảo Thắng, Mường Khương'
    """
    return text.translate(_TCVN3_TRANS)


def from_vni(text: str) -> str:
    """Text typed in a VNI font, read as Windows-1252, as Unicode.

    >>> from_vni("Vieät Nam, Sôû Tö phaùp, Ñaêng kyù")
    'Việt Nam, Sở Tư pháp, Đăng ký'
    """
    return _VNI_RE.sub(_vni_letter, text)
