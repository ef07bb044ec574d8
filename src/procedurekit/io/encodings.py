"""Text encodings of input files: UTF-8 first, legacy ones named or detected, and a hint
when text was typed in a Vietnamese font encoding.

``encoding`` (``--encoding``) names how a CSV, TSV or JSON Lines file is written: any
Python codec (``cp1252``, ``latin-1``, ``utf-16`` ...), ``cp1258`` (Windows-1258, whose
tone marks Python decodes as combining characters: the text is NFC-normalised after
decoding), or the font encodings ``tcvn3`` and ``vni`` (:mod:`procedurekit.io._fontmaps`),
which are Windows-1252 text (or UTF-8 text saved from it) mapped to Unicode.

Without ``encoding`` a file is read as UTF-8. When its first 8 KiB are not UTF-8, the
encoding is detected once for the file with charset-normalizer (the ``encodings`` extra),
among the code pages Vietnamese files are written in, and reported in one finding
(``encoding-detected``); without the detector the file is read as UTF-8 with the bad
bytes replaced and one error (``encoding-unknown``) asks for ``--encoding``. Decoded text
that looks typed in TCVN3 or VNI gets one ``font-encoded-text`` warning.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from typing import Final

from procedurekit.errors import InvalidArgumentError
from procedurekit.io._fontmaps import from_tcvn3, from_vni

__all__ = [
    "FONT_ENCODINGS",
    "check_encoding",
    "detect_encoding",
    "font_encoding_hint",
    "line_decoder",
    "vietnamese_share",
]

#: The Vietnamese font encodings read through a table (not Python codecs).
FONT_ENCODINGS: Final = ("tcvn3", "vni")
_FONT_ALIASES: Final = {
    "tcvn3": "tcvn3",
    "tcvn": "tcvn3",
    "abc": "tcvn3",
    "tcvn-3": "tcvn3",
    "tcvn5712": "tcvn3",
    "vni": "vni",
    "vni-windows": "vni",
    "vniwin": "vni",
}
#: The code pages a Vietnamese file that is not UTF-8 is detected among.
CANDIDATES: Final = ("cp1258", "cp1252")
_FONT_CONVERTERS: Final = {"tcvn3": from_tcvn3, "vni": from_vni}


def check_encoding(name: str) -> str:
    """The canonical name of encoding ``name`` (``tcvn3``, ``vni`` or a Python codec's),
    or :class:`~procedurekit.errors.InvalidArgumentError` naming what is accepted.

    >>> check_encoding("Windows-1258"), check_encoding("TCVN3")
    ('cp1258', 'tcvn3')
    """
    key = name.strip().lower().replace("_", "-")
    if key in _FONT_ALIASES:
        return _FONT_ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        raise InvalidArgumentError(
            f"unknown encoding {name!r}",
            path="encoding",
            value=name,
            expected="utf-8, cp1258, tcvn3, vni, cp1252, latin-1, utf-16 or another Python "
            "codec name",
        ) from None


def _cp1252_text(data: bytes) -> str:
    """Bytes as Windows-1252 text; the five bytes it leaves undefined read as Latin-1."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(chr(b) if b in _UNDEFINED else bytes([b]).decode("cp1252") for b in data)


_UNDEFINED: Final = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def line_decoder(encoding: str, *, saved_as_utf8: bool = False) -> Callable[[bytes], str]:
    """How one line's bytes become text in ``encoding`` (canonical, :func:`check_encoding`);
    raises ``UnicodeDecodeError`` for bytes the encoding does not read. Font-encoded text
    is Windows-1252 bytes, or UTF-8 when a later program saved it so (``saved_as_utf8``,
    decided once for the file: a line of TCVN3 bytes can happen to be valid UTF-8)."""
    if encoding in _FONT_CONVERTERS:
        convert = _FONT_CONVERTERS[encoding]

        def font(data: bytes) -> str:
            text = data.decode("utf-8") if saved_as_utf8 else _cp1252_text(data)
            return unicodedata.normalize("NFC", convert(text))

        return font
    if encoding == "cp1258":
        return lambda data: unicodedata.normalize("NFC", data.decode("cp1258"))
    return lambda data: data.decode(encoding)


def detect_encoding(sample: bytes) -> str | None:
    """The encoding of ``sample`` (bytes that are not UTF-8) among :data:`CANDIDATES`, by
    charset-normalizer; ``None`` when it is not installed or finds none.

    Windows-1258 is preferred when it reads the sample as Vietnamese (every letter a
    Vietnamese one) and the detector's choice does not: on a short sample the detector
    cannot tell the Latin code pages apart, and these files are Vietnamese.
    """
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(sample, cp_isolation=list(CANDIDATES)).best()
    found = codecs.lookup(best.encoding).name if best is not None else None
    if found != "cp1258":
        try:
            as_1258 = unicodedata.normalize("NFC", sample.decode("cp1258"))
        except UnicodeDecodeError:
            return found
        other = str(best) if best is not None else ""
        if vietnamese_share(as_1258) == 1.0 and vietnamese_share(other) < 1.0:
            return "cp1258"
    return found


_TONE_MARKS: Final = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWEL_MARKS: Final = {"\u0302": "aeo", "\u0306": "a", "\u031b": "ou"}


def _is_vietnamese(char: str) -> bool:
    """Whether ``char`` is a letter of the Vietnamese alphabet (a vowel with at most one
    vowel mark it takes and at most one tone, or đ), ASCII letters included."""
    if char in "đĐ":
        return True
    parts = unicodedata.normalize("NFD", char)
    base, marks = parts[0], parts[1:]
    if not (base.isascii() and base.isalpha()):
        return False
    if not marks:
        return True
    vowel = base.lower()
    tones = [m for m in marks if m in _TONE_MARKS]
    shapes = [m for m in marks if m in _VOWEL_MARKS]
    return (
        vowel in "aeiouy"
        and len(tones) <= 1
        and len(shapes) <= 1
        and len(tones) + len(shapes) == len(marks)
        and all(vowel in _VOWEL_MARKS[m] for m in shapes)
    )


def _letters(text: str) -> list[str]:
    """The non-ASCII characters of the Latin ranges (and Latin-1 symbols) in ``text``."""
    return [
        c
        for c in unicodedata.normalize("NFC", text)
        if "\u00a0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff"
    ]


def vietnamese_share(text: str) -> float:
    """The share of the non-ASCII Latin characters of ``text`` that are Vietnamese letters
    (1.0 for text without any).

    >>> vietnamese_share("Sở Tư pháp"), vietnamese_share("Ninh B×nh")
    (1.0, 0.0)
    """
    chars = _letters(text)
    if not chars:
        return 1.0
    return sum(_is_vietnamese(c) for c in chars) / len(chars)


def font_encoding_hint(text: str) -> tuple[str, str, str] | None:
    """``(encoding, example, converted)`` when ``text`` reads as TCVN3 or VNI mojibake: its
    non-ASCII characters are mostly not Vietnamese letters, and converting from the font
    encoding makes them Vietnamese; ``None`` otherwise.

    >>> font_encoding_hint("Ninh B×nh,Së T\\xad ph¸p,B¶o Th¾ng")[0]
    'tcvn3'
    >>> font_encoding_hint("Vieät Nam,Sôû Tö phaùp,Ñaêng kyù")[0]
    'vni'
    >>> font_encoding_hint("Sở Tư pháp") is None
    True
    """
    chars = _letters(text)
    stray = sum(not _is_vietnamese(c) for c in chars)
    if stray < 3 or vietnamese_share(text) >= 0.8:
        return None
    scored = []
    for name, convert in _FONT_CONVERTERS.items():
        converted = convert(text)
        scored.append((vietnamese_share(converted), len(_letters(converted)), name))
    share, _, name = max(scored, key=lambda s: (s[0], -s[1]))
    if share < 0.95:
        return None
    convert = _FONT_CONVERTERS[name]
    for word in text.split():
        if any(not _is_vietnamese(c) for c in _letters(word)):
            example = word.strip(",;\"'")[:40]
            return name, example, unicodedata.normalize("NFC", convert(example))
    return None
