"""The one fee reader: what a catalogue's fee text states (phí, lệ phí).

:func:`read_fee` classifies a text as free, one or more amounts (in đồng or USD, as
stated), negative, "none stated" or unreadable; :func:`fees_of` turns it into
:class:`~procedurekit.models.Fee` values. The validator, the catalogue mapper and the
metrics read fees through these two functions only, so "-5.000 đồng" is negative for all
of them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from procedurekit._text import fold
from procedurekit.models.procedure import Fee

__all__ = ["FeeReading", "fees_of", "read_fee"]

_FREE_RE: Final = re.compile(
    r"^(phi\s*:?\s*|le phi\s*:?\s*)?(mien phi|khong|khong thu|khong mat phi|0|0 dong|"
    r"khong dong|o dong|mien)\b"
)
_AMOUNT_RE: Final = re.compile(
    r"(?<![\d/])(-)?(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*"
    r"(viet nam dong|dong|vnd|d\b|usd|\$)"
)
_NEGATIVE_RE: Final = re.compile(r"(?:^|[\s:=])-\d")
_NONE_RE: Final = re.compile(r"^(khong co thong tin|khong quy dinh|chua quy dinh)")

#: What a fee text states.
FeeReading = Literal["empty", "free", "none-stated", "amount", "negative", "unparseable"]


def read_fee(text: str) -> tuple[FeeReading, tuple[Decimal, ...]]:
    """Classify a fee text: free, amounts (VND or USD, as stated), negative, unparseable.

    >>> read_fee("Phí : 0 Đồng")
    ('free', ())
    >>> read_fee("70,000 Việt Nam Đồng(...)")
    ('amount', (Decimal('70000'),))
    >>> read_fee("-5.000 đồng")
    ('negative', (Decimal('-5000'),))
    """
    reading, stated = _read(text)
    return reading, tuple(value for value, _ in stated)


def _read(text: str) -> tuple[FeeReading, tuple[tuple[Decimal, str], ...]]:
    """The reading and each amount stated with its currency (``"vnd"`` or ``"usd"``)."""
    # The fee comes first; a long cell is a fee glued to its description.
    folded = fold(text[:400])
    if not folded:
        return "empty", ()
    stated: list[tuple[Decimal, str]] = []
    negative = False
    for m in _AMOUNT_RE.finditer(folded):
        digits = re.sub(r"[.,]", "", m.group(2))
        try:
            value = Decimal(digits + ("." + m.group(3) if m.group(3) else ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits digits only
            continue
        if m.group(1) and (m.start() == 0 or folded[m.start() - 1] in " :="):
            value, negative = -value, True
        stated.append((value, "usd" if m.group(4) in ("usd", "$") else "vnd"))
    amounts = [value for value, _ in stated]
    if negative or (not amounts and _NEGATIVE_RE.search(folded)):
        return "negative", tuple(stated)
    if _NONE_RE.match(folded):
        return "none-stated", ()
    if _FREE_RE.match(folded) or (amounts and all(a == 0 for a in amounts)):
        return "free", ()
    if amounts:
        return "amount", tuple(stated)
    if "mien" in folded or "khong thu" in folded:
        return "free", ()
    return "unparseable", ()


def fees_of(text: str | None) -> tuple[Fee, ...]:
    """The fees a text states, as :class:`~procedurekit.models.Fee` values.

    Free ("Miễn phí", "0 đồng") is one fee of amount 0; each distinct amount in đồng is a
    fee with the text kept. A text with no amount in đồng (negative, unreadable, another
    currency, or "Không quy định") gives one fee with ``amount=None`` that keeps the text;
    an empty cell gives none. The validator reports the negative and unreadable ones.

    >>> fees_of("Lệ phí: 50.000 đồng/hồ sơ")
    (Fee(amount=Decimal('50000'), description=None, text='Lệ phí: 50.000 đồng/hồ sơ'),)
    >>> fees_of("-5.000 đồng")[0].amount is None
    True
    """
    if not text or not text.strip():
        return ()
    reading, stated = _read(text)
    if reading in ("empty", "none-stated"):
        return ()
    if reading == "free":
        return (Fee(amount=Decimal(0), text=text),)
    vnd = sorted({value for value, currency in stated if currency == "vnd"})
    if reading == "amount" and vnd:
        return tuple(Fee(amount=value, text=text) for value in vnd)
    return (Fee(amount=None, text=text),)
