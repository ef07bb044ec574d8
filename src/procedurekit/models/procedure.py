"""A procedure (thủ tục hành chính) as a catalogue publishes it.

Decree 63/2010/NĐ-CP Art. 8(2) lists what fully describes a procedure: name, steps, method,
dossier components, time limit, subjects, implementing agency, result and, where they
apply, forms, requirements and fees; portals add level, field, legal basis, publication
decision, online level and a time and fee per channel (DOMAIN.md §5). Every text field keeps
the catalogue's wording; parsed values (:class:`ProcessingTime`, :class:`Fee` amounts)
stand beside the text they came from, never instead of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Final

import attrs

from procedurekit._fields import check_fields
from procedurekit._text import fold
from procedurekit.deadlines.service import ServiceModel
from procedurekit.durations import Duration
from procedurekit.errors import InvalidArgumentError
from procedurekit.models.agency import Agency
from procedurekit.models.codes import ProcedureCode
from procedurekit.phrases.processing_time import ProcessingTime
from procedurekit.vocab import Channel, LegacyOnlineLevel, Level, OnlineLevel

__all__ = [
    "ChannelTerms",
    "DossierComponent",
    "Fee",
    "LegacyOnlineLevel",
    "LegalReference",
    "OnlineLevel",
    "Procedure",
]


#: The largest fee amount and the finest fraction kept (the wire format's limits).
_MAX_FEE: Final = Decimal(10) ** 20
_FEE_PLACES: Final = 6


def _check_amount(_instance: object, _attribute: object, value: Decimal | None) -> None:
    if value is None:
        return
    if (
        not isinstance(value, Decimal)
        or not value.is_finite()
        or value < 0
        or value >= _MAX_FEE
        or int(value.as_tuple().exponent) < -_FEE_PLACES
    ):
        raise InvalidArgumentError(
            f"Fee.amount must be a non-negative Decimal (VND) below 10**20 with at most "
            f"{_FEE_PLACES} decimal places, or None; got {value!r}",
            path="Fee.amount",
            value=value,
            expected="Decimal('50000')",
        )


@attrs.frozen(kw_only=True)
class Fee:
    """A fee or charge (phí, lệ phí) as stated for a channel.

    ``amount`` is in VND (đồng) when the text states one VND amount (``Decimal('0')`` for
    "Miễn phí"); ``None`` when it states none, several, or another currency. ``text`` is the
    original wording; ``description`` what the fee is for, when stated apart.
    """

    amount: Decimal | None = attrs.field(default=None, validator=_check_amount)
    description: str | None = None
    text: str = ""

    def __attrs_post_init__(self) -> None:
        check_fields(self)


def _fees(value: Iterable[Fee]) -> tuple[Fee, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class ChannelTerms:
    """The time limit and fees published for one submission channel (cách thức thực hiện).

    ``processing_time`` is the parsed form of ``time_text`` (``None`` when the text could
    not be read); ``channel_text`` the channel label as written; ``description`` the
    portal's "Mô tả" cell.
    """

    channel: Channel | None = None
    channel_text: str | None = None
    processing_time: ProcessingTime | None = None
    time_text: str | None = None
    fees: tuple[Fee, ...] = attrs.field(default=(), converter=_fees)
    fee_text: str | None = None
    description: str | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    @property
    def duration(self) -> Duration | None:
        """The general duration of this channel's processing time, if parsed."""
        if self.processing_time is None:
            return None
        if self.channel is None:
            return self.processing_time.duration
        return self.processing_time.for_channel(self.channel)


@attrs.frozen(kw_only=True)
class DossierComponent:
    """One document of the dossier (thành phần hồ sơ): name, copies required, form.

    ``originals`` is the number of originals (bản chính), ``copies`` of copies (bản sao);
    ``quantity_text`` the quantity as written ("1 bản chính"); ``form`` the form's name or
    file (mẫu đơn, tờ khai).
    """

    name: str
    originals: int | None = None
    copies: int | None = None
    form: str | None = None
    quantity_text: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)


@attrs.frozen(kw_only=True)
class LegalReference:
    """A legal basis (căn cứ pháp lý): document number, type, date, article.

    ``number`` is the document's number and symbol ("70/2024/NĐ-CP"); ``type`` its kind as
    written ("Nghị định", "Thông tư", "Luật"); ``text`` the original wording.
    """

    number: str | None = None
    type: str | None = None
    date: date | None = None
    article: str | None = None
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    @classmethod
    def from_number(cls, number: str, *, text: str | None = None) -> LegalReference:
        """A reference from a number and symbol, its type read from the symbol.

        >>> LegalReference.from_number("70/2024/NĐ-CP").type
        'Nghị định'
        """
        return cls(number=number.strip(), type=document_type(number), text=text)


_DOCUMENT_TYPES: Final = (
    ("/nd-cp", "Nghị định"),
    ("/tt-", "Thông tư"),
    ("/ttlt-", "Thông tư liên tịch"),
    ("/qd-", "Quyết định"),
    ("/nq-", "Nghị quyết"),
    ("/ct-", "Chỉ thị"),
    ("/qh", "Luật"),
    ("/ubtvqh", "Pháp lệnh"),
)


def document_type(number: str) -> str | None:
    """The kind of a legal document from its symbol ("/NĐ-CP" → "Nghị định"), or ``None``."""
    key = fold(number)
    for marker, kind in _DOCUMENT_TYPES:
        if marker in key:
            return kind
    return None


# Named converters (mypy's attrs plugin needs one concrete function per element type).
def _levels(value: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(value)


def _agencies(value: Iterable[Agency]) -> tuple[Agency, ...]:
    return tuple(value)


def _channels(value: Iterable[ChannelTerms]) -> tuple[ChannelTerms, ...]:
    return tuple(value)


def _components(value: Iterable[DossierComponent]) -> tuple[DossierComponent, ...]:
    return tuple(value)


def _legal(value: Iterable[LegalReference]) -> tuple[LegalReference, ...]:
    return tuple(value)


def _service_models(value: Iterable[ServiceModel]) -> tuple[ServiceModel, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Procedure:
    """A procedure in a catalogue (thủ tục hành chính).

    ``code`` is the national code when it has one; ``local_code`` a one-stop system's own
    code (Bắc Giang's ``CTH01A``). ``levels`` the levels that carry it out, ``level_text``
    the label as written ("Cấp bộ, Cấp tỉnh"). ``prescribed_time`` is the national time
    limit and ``committed_time`` a locally cut one (DOMAIN.md §7); ``channels`` the per-
    channel time and fees. The ``*_text`` fields keep catalogue cells whose structure was
    not fully recovered (glued tables), so no text is lost. ``service_models`` are the
    local service commitments that list this procedure (DOMAIN.md §7); ``source_url`` and
    ``source_id`` the portal page and record the row came from.
    """

    name: str
    code: ProcedureCode | None = None
    local_code: str | None = None
    field: str | None = None
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_levels)
    level_text: str | None = None
    kind: str | None = None
    publication_decision: str | None = None
    competent_agency: str | None = None
    implementing_agency: str | None = None
    coordinating_agency: str | None = None
    authorised_agency: str | None = None
    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=_agencies)
    subjects: str | None = None
    steps_text: str | None = None
    channels: tuple[ChannelTerms, ...] = attrs.field(default=(), converter=_channels)
    channels_text: str | None = None
    components: tuple[DossierComponent, ...] = attrs.field(default=(), converter=_components)
    components_text: str | None = None
    requirements: str | None = None
    result: str | None = None
    legal_basis: tuple[LegalReference, ...] = attrs.field(default=(), converter=_legal)
    legal_basis_text: str | None = None
    online_level: OnlineLevel | None = None
    legacy_online_level: LegacyOnlineLevel | None = None
    prescribed_time: Duration | None = None
    committed_time: Duration | None = None
    effective_from: date | None = None
    effective_until: date | None = None
    reception_address: str | None = None
    related_procedures: str | None = None
    service_models: tuple[ServiceModel, ...] = attrs.field(default=(), converter=_service_models)
    source_url: str | None = None
    source_id: str | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    def terms_for(self, channel: Channel) -> ChannelTerms | None:
        """The terms published for ``channel``, or ``None``."""
        for terms in self.channels:
            if terms.channel is channel:
                return terms
        return None

    def is_in_force(self, on: date) -> bool:
        """Whether ``on`` lies within the effective dates (open ends are unbounded)."""
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.effective_until is None or on <= self.effective_until

    @property
    def time_cut(self) -> Decimal | None:
        """The share cut from the prescribed time (``0.3`` = 30 %), when both are of one unit."""
        prescribed, committed = self.prescribed_time, self.committed_time
        if prescribed is None or committed is None or type(prescribed) is not type(committed):
            return None
        before = getattr(prescribed, "value", None)
        after = getattr(committed, "value", None)
        if not before or after is None:
            return None
        return 1 - Decimal(after) / Decimal(before)
