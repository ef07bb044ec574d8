"""The National Public Service Portal's glued "Cách thức thực hiện" table, split.

Private, standard library only: the catalogue reader
(:func:`procedurekit.io.catalogue.split_portal_methods`) splits with
:func:`split_channel_cells`, which reproduces the 7,120 channel rows (channel and time
text) of the portal's own export.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

__all__ = ["METHOD_TABLE_HEADER", "PortalChannelCells", "split_channel_cells"]

#: The table's header row as the scraper glued it; the channel rows follow it.
METHOD_TABLE_HEADER: Final = "Hình thức nộpThời gianPhí, lệ phíMô tả"

_CHANNEL_LABEL: Final = re.compile(r"Trực tiếp|Trực tuyến|Dịch vụ bưu chính")
_UNIT: Final = r"(?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Tuần)"
_TIME_WITH_UNIT: Final = re.compile(r"\d+(?:[.,]\d+)?\s*" + _UNIT, re.IGNORECASE)
_NO_INFO: Final = "Không có thông tin"
_AMOUNT: Final = r"\d[\d.,]*\s*(?:Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD)"
_FEE_START: Final = re.compile(rf"Miễn phí|{_NO_INFO}|{_AMOUNT}")
_GLUED_AMOUNT: Final = re.compile(_AMOUNT)


class PortalChannelCells(NamedTuple):
    """One channel row's cells, exactly as glued: joined, they give the row back."""

    label: str  #: "Trực tiếp", "Trực tuyến" or "Dịch vụ bưu chính"
    time: str  #: "7 Ngày làm việc", "1", "Không có thông tin", free text, or ""
    fee: str  #: "Miễn phí(Không)", "120,000 VNĐ(20.000 vnđ /tờ khai)", or ""
    description: str  #: the "Mô tả" cell: whatever follows the fee

    @property
    def amount_glued(self) -> bool:
        """No time, and the fee starts with a number: a time may be glued to its amount.

        "Trực tuyến120,000 VNĐ" is 1 day and 20,000 VNĐ, or no time and 120,000 VNĐ; the
        portal's export flags these rows ``ambiguous_number_glued_to_fee``.
        """
        return not self.time and self.fee[:1].isdigit()


def _balanced(text: str, start: int) -> int:
    """End index of a bracket group opening at ``start`` (or ``start`` if none)."""
    if start >= len(text) or text[start] != "(":
        return start
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def split_channel_cells(cell: str) -> list[PortalChannelCells]:
    """Split the glued table into one :class:`PortalChannelCells` per channel row.

    The header (:data:`METHOD_TABLE_HEADER`) is dropped when present. A row starts at a
    channel label glued to a capital or a digit ("Trực tuyến5 Ngày", "Trực tiếpKhông có
    thông tin"); in a sentence a label is followed by a space or a lower-case letter. The
    time is a number with a unit, "Không có thông tin", or the text before the fee; a
    number glued to a fee amount ("Trực tuyến120,000 VNĐ") cannot be split safely and is
    left to the fee, with an empty time. The fee runs to the end of a bracket right after
    it. Nothing is stripped or dropped: the rows, joined, give back the cell after its
    header.

    >>> split_channel_cells(METHOD_TABLE_HEADER + "Trực tiếp7 NgàyMiễn phíTại UBND")
    [PortalChannelCells(label='Trực tiếp', time='7 Ngày', fee='Miễn phí', description='Tại UBND')]
    """
    body = cell.removeprefix(METHOD_TABLE_HEADER)
    starts = [
        (m.start(), m.end())
        for m in _CHANNEL_LABEL.finditer(body)
        if m.end() < len(body) and (body[m.end()].isdigit() or body[m.end()].isupper())
    ]
    out: list[PortalChannelCells] = []
    for i, (start, label_end) in enumerate(starts):
        segment = body[label_end : starts[i + 1][0] if i + 1 < len(starts) else len(body)]
        time_match = _TIME_WITH_UNIT.match(segment)
        if time_match:
            time_end = time_match.end()
        elif segment.startswith(_NO_INFO):
            time_end = len(_NO_INFO)
        elif _GLUED_AMOUNT.match(segment):
            time_end = 0  # "120,000 VNĐ": a time digit glued to a fee, or a fee alone
        else:
            fee_start = _FEE_START.search(segment)
            time_end = fee_start.start() if fee_start else len(segment)
        rest = segment[time_end:]
        fee_match = _FEE_START.match(rest)
        fee_end = _balanced(rest, fee_match.end()) if fee_match else 0
        out.append(
            PortalChannelCells(
                body[start:label_end], segment[:time_end], rest[:fee_end], rest[fee_end:]
            )
        )
    return out
