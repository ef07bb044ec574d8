"""Raw catalogue records → :class:`Procedure`, keeping every text cell.

Two record shapes are read, both keyed by the portal's Vietnamese field names:

- the National Public Service Portal scrape (``procedures_raw.jsonl``: ``ma_thu_tuc``,
  ``ten_thu_tuc``, ``cach_thuc_thuc_hien`` … with tables flattened into glued strings):
  :func:`procedure_from_portal_record`;
- the curated fixture shape (channels, components and legal numbers already split, raw
  cells kept): :func:`procedure_from_curated_record`.

The rule is loss-free text: each cell lands verbatim in a ``Procedure`` field; structure
recovered from a glued cell (channels, components, legal numbers, fee amounts) stands
beside the cell, never instead of it. Parsing failures leave the parsed part ``None``.
``prescribed_time`` is set when every channel states the same duration.
A catalogue reader (:mod:`procedurekit.io`) may reuse these functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

import attrs

from procedurekit._portal import split_channel_cells
from procedurekit._text import fold
from procedurekit.durations import Duration
from procedurekit.errors import ProcedureKitError
from procedurekit.models.codes import ProcedureCode
from procedurekit.models.procedure import (
    ChannelTerms,
    DossierComponent,
    Fee,
    LegalReference,
    Procedure,
)
from procedurekit.processing_time import ProcessingTime
from procedurekit.vocab import Channel, Level

__all__ = [
    "parse_fee",
    "procedure_from_curated_record",
    "procedure_from_portal_record",
    "split_channel_cell",
    "split_components_cell",
]

_QUANTITY: Final = re.compile(r"([0-9]+) bản (chính|sao)")
#: A document number and symbol ("70/2024/NĐ-CP", "51/2019/QH14"): not glued to a digit
#: before it; digits in a symbol part only as in "QH14" or "C06", so the next number
#: ("QH1451/2019") is not taken in; a capital followed by a lower-case letter starts the
#: next title ("NĐ-CPThông tư"), not the symbol. Precision over recall: the cell's text
#: is kept whole in ``legal_basis_text``.
_LOWER: Final = "".join(
    chr(c)
    for r in (range(0x61, 0x7B), range(0xDF, 0x1B1), range(0x1EA0, 0x1EFA))
    for c in r
    if chr(c).islower()
)  # Vietnamese lower-case letters (a regex range à-ỹ would also take Đ)
_LC: Final = f"[{re.escape(_LOWER)}]"
_SYMBOL_PART: Final = rf"(?:(?:UBTV)?QH[0-9]{{2}}|[A-Z][0-9]{{2}}|(?:[A-ZĐ](?!{_LC}))+)"
_LEGAL_NUMBER: Final = re.compile(
    rf"(?<![0-9])[0-9]{{1,4}}/[0-9]{{4}}/{_SYMBOL_PART}(?:-{_SYMBOL_PART})*(?!{_LC})"
)
_VND: Final = re.compile(
    r"([0-9]{1,3}(?:[.,][0-9]{3})+|[0-9]+)\s*(?:Việt Nam Đồng|VNĐ|VND|đồng|Đồng|đ\b)"
)
_NO_INFO: Final = ("khong co thong tin", "")


def _text(record: Mapping[str, object], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _code(raw: str | None) -> tuple[ProcedureCode | None, str | None]:
    if raw is None:
        return None, None
    if ProcedureCode.is_valid(raw.strip()):
        return ProcedureCode(raw.strip()), None
    return None, raw


def _levels(text: str | None) -> tuple[Level, ...]:
    if text is None:
        return ()
    try:
        return Level.from_labels(text)
    except ProcedureKitError:
        return ()


def _parse_time(text: str | None) -> ProcessingTime | None:
    if text is None:
        return None
    from procedurekit.parsing import parse_processing_time

    try:
        result = parse_processing_time(text)
    except ProcedureKitError:
        return None
    return result if result.cases else None


def _channel(text: str | None) -> Channel | None:
    if text is None:
        return None
    try:
        return Channel.from_label(text)
    except ProcedureKitError:
        return None


def parse_fee(text: str | None) -> tuple[Fee, ...]:
    """The fee a cell states: one VND amount, "Miễn phí"/"Không" (0), else no fee parsed.

    >>> parse_fee("Lệ phí: 50.000 đồng/hồ sơ")[0].amount
    Decimal('50000')
    """
    if text is None:
        return ()
    key = fold(text)
    if key.startswith(("mien phi", "khong thu")) or key in ("khong", "khong co"):
        return (Fee(amount=Decimal(0), text=text),)
    amounts = {Decimal(re.sub(r"[.,]", "", m)) for m in _VND.findall(text)}
    if len(amounts) == 1:
        return (Fee(amount=amounts.pop(), text=text),)
    return ()


def _channel_terms(label: str | None, time_text: str | None, fee_text: str | None) -> ChannelTerms:
    """One channel's terms from its three texts, each kept verbatim beside what it states."""
    return ChannelTerms(
        channel=_channel(label),
        channel_text=label,
        processing_time=_parse_time(time_text),
        time_text=time_text,
        fees=parse_fee(fee_text),
        fee_text=fee_text,
    )


def split_channel_cell(cell: str) -> tuple[ChannelTerms, ...]:
    """Split the portal's glued "Cách thức thực hiện" table into one term per channel.

    Each row is ``<channel label><time><fee and description>``
    (:func:`procedurekit._portal.split_channel_cells`); the pieces, joined, give back the
    cell after its header. A fee whose amount may have a time glued to it
    (``"Trực tuyến120,000 VNĐ"``) is kept as text but not read.
    """
    out: list[ChannelTerms] = []
    for row in split_channel_cells(cell):
        terms = _channel_terms(row.label, row.time or None, row.fee + row.description or None)
        out.append(attrs.evolve(terms, fees=()) if row.amount_glued else terms)
    return tuple(out)


def _counts(quantity: re.Match[str]) -> tuple[int | None, int | None]:
    """(originals, copies) from a ``_QUANTITY`` match: "2 bản sao" → (None, 2)."""
    count = int(quantity.group(1))
    return (count, None) if quantity.group(2) == "chính" else (None, count)


def split_components_cell(cell: str | None) -> tuple[DossierComponent, ...]:
    """Split a glued "Thành phần hồ sơ" table at its quantities ("1 bản chính")."""
    if cell is None:
        return ()
    body = re.sub(r"^-*Tên giấy tờMẫu đơn, tờ khaiSố lượng", "", cell)
    out: list[DossierComponent] = []
    position = 0
    for match in _QUANTITY.finditer(body):
        name = body[position : match.start()].strip()
        position = match.end()
        if not name:
            continue
        originals, copies = _counts(match)
        out.append(
            DossierComponent(
                name=name, originals=originals, copies=copies, quantity_text=match.group(0)
            )
        )
    return tuple(out)


def _legal_numbers(text: str | None) -> tuple[LegalReference, ...]:
    if text is None or fold(text) in _NO_INFO:
        return ()
    seen: dict[str, None] = {}
    for number in _LEGAL_NUMBER.findall(text):
        seen.setdefault(number, None)
    return tuple(LegalReference.from_number(n) for n in seen)


def _common_duration(channels: tuple[ChannelTerms, ...]) -> Duration | None:
    """The prescribed time when every channel states the same one, else ``None``."""
    durations = {t.duration for t in channels}
    if len(durations) == 1:
        return durations.pop()
    return None


def procedure_from_portal_record(record: Mapping[str, object]) -> Procedure:
    """A :class:`Procedure` from a National Public Service Portal record (glued cells)."""
    code, local = _code(_text(record, "ma_thu_tuc"))
    level_text = _text(record, "cap_thuc_hien")
    channels_text = _text(record, "cach_thuc_thuc_hien")
    components_text = _text(record, "thanh_phan_ho_so")
    legal_text = _text(record, "can_cu_phap_ly")
    channels = split_channel_cell(channels_text) if channels_text else ()
    return Procedure(
        name=_text(record, "ten_thu_tuc") or "",
        code=code,
        local_code=local,
        field=_text(record, "linh_vuc"),
        levels=_levels(level_text),
        level_text=level_text,
        kind=_text(record, "loai_thu_tuc"),
        publication_decision=_text(record, "so_quyet_dinh"),
        competent_agency=_text(record, "co_quan_co_tham_quyen"),
        implementing_agency=_text(record, "co_quan_thuc_hien"),
        coordinating_agency=_text(record, "co_quan_phoi_hop"),
        authorised_agency=_text(record, "co_quan_duoc_uy_quyen"),
        subjects=_text(record, "doi_tuong_thuc_hien"),
        steps_text=_text(record, "trinh_tu_thuc_hien"),
        channels=channels,
        channels_text=channels_text,
        prescribed_time=_common_duration(channels),
        components=split_components_cell(components_text),
        components_text=components_text,
        requirements=_text(record, "yeu_cau_dieu_kien"),
        result=_text(record, "ket_qua_xu_ly"),
        legal_basis=_legal_numbers(legal_text),
        legal_basis_text=legal_text,
        reception_address=_text(record, "dia_chi_tiep_nhan"),
        related_procedures=_text(record, "thu_tuc_lien_quan"),
        source_url=_text(record, "detail_url"),
        source_id=_text(record, "formality_id"),
    )


def _quantity(text: str | None) -> tuple[int | None, int | None]:
    match = _QUANTITY.search(text or "")
    return (None, None) if match is None else _counts(match)


def procedure_from_curated_record(record: Mapping[str, object]) -> Procedure:
    """A :class:`Procedure` from a curated record (channels and components already split)."""
    code, local = _code(_text(record, "ma_thu_tuc"))
    level_text = _text(record, "cap_thuc_hien")
    channels: list[ChannelTerms] = []
    raw_channels = record.get("cach_thuc_thuc_hien")
    for row in raw_channels if isinstance(raw_channels, list) else ():
        if not isinstance(row, Mapping):
            continue
        channels.append(
            _channel_terms(
                _text(row, "kenh"),
                _text(row, "thoi_han_raw"),
                _text(row, "phi_le_phi_va_mo_ta_raw"),
            )
        )
    components: list[DossierComponent] = []
    raw_components = record.get("thanh_phan_ho_so")
    for row in raw_components if isinstance(raw_components, list) else ():
        if not isinstance(row, Mapping):
            continue
        quantity = _text(row, "so_luong")
        originals, copies = _quantity(quantity)
        components.append(
            DossierComponent(
                name=_text(row, "ten_giay_to") or "",
                originals=originals,
                copies=copies,
                form=_text(row, "mau_don"),
                quantity_text=quantity,
            )
        )
    numbers = record.get("can_cu_phap_ly_so_hieu")
    legal = tuple(
        LegalReference.from_number(n)
        for n in (numbers if isinstance(numbers, list) else ())
        if isinstance(n, str) and n.strip()
    )
    source = record.get("source")
    url = _text(source, "portal_url") if isinstance(source, Mapping) else None
    return Procedure(
        name=_text(record, "ten_thu_tuc") or "",
        code=code,
        local_code=local,
        field=_text(record, "linh_vuc"),
        levels=_levels(level_text),
        level_text=level_text,
        kind=_text(record, "loai_thu_tuc"),
        publication_decision=_text(record, "so_quyet_dinh_cong_bo"),
        competent_agency=_text(record, "co_quan_co_tham_quyen"),
        implementing_agency=_text(record, "co_quan_thuc_hien"),
        subjects=_text(record, "doi_tuong_thuc_hien"),
        steps_text=_text(record, "trinh_tu_raw"),
        channels=tuple(channels),
        prescribed_time=_common_duration(tuple(channels)),
        components=tuple(components),
        components_text=_text(record, "thanh_phan_ho_so_raw"),
        result=_text(record, "ket_qua"),
        legal_basis=legal or _legal_numbers(_text(record, "can_cu_phap_ly_raw")),
        legal_basis_text=_text(record, "can_cu_phap_ly_raw"),
        source_url=url,
    )
