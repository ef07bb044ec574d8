"""The one mapper from a catalogue as read to :class:`~procedurekit.Procedure` objects.

:func:`procedure_from_record` turns a :class:`~procedurekit.io.ProcedureRecord` (a row of
any catalogue export, joined with its channel and component rows) into a
:class:`~procedurekit.Procedure` with parsed :class:`~procedurekit.ChannelTerms` (a
:class:`~procedurekit.ProcessingTime` per channel and its fees); :func:`catalogue_procedures`
and :func:`read_procedures` do it for a whole catalogue. The dossier audit, the metrics and a
portal's own code use this one mapper, so a procedure means the same everywhere.

The rule is loss-free text: each cell lands verbatim in a ``Procedure`` field; structure
recovered from a cell (channels, components, legal numbers, fee amounts) stands beside the
cell, never instead of it, and a part that cannot be read is left ``None`` (``procedurekit
validate`` reports why). A catalogue that states one time for the whole procedure (no
channel rows) gives one :class:`~procedurekit.ChannelTerms` with ``channel=None``: the
general terms that apply to every channel (:func:`terms_for`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Final

from procedurekit._text import fold
from procedurekit.durations import Duration
from procedurekit.errors import DurationParseError, ProcedureKitError
from procedurekit.io._limits import ReadLimits
from procedurekit.io.catalogue import (
    Catalogue,
    ChannelRow,
    ComponentRow,
    ProcedureRecord,
    read_catalogue,
)
from procedurekit.io.fees import fees_of
from procedurekit.models.codes import ProcedureCode
from procedurekit.models.procedure import (
    ChannelTerms,
    DossierComponent,
    LegalReference,
    Procedure,
)
from procedurekit.phrases import parse_duration, parse_processing_time
from procedurekit.phrases.parse import DefaultUnit
from procedurekit.phrases.processing_time import Case, ProcessingTime
from procedurekit.vocab import Channel, LegacyOnlineLevel, Level, OnlineLevel

__all__ = [
    "catalogue_procedures",
    "procedure_from_record",
    "processing_time_of",
    "read_procedures",
    "split_components_text",
    "terms_for",
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
_NO_INFO: Final = ("khong co thong tin", "")
_COMPONENTS_HEAD: Final = re.compile(r"^-*Tên giấy tờMẫu đơn, tờ khaiSố lượng")


def processing_time_of(
    text: str | None, *, default_unit: DefaultUnit | None = None
) -> ProcessingTime | None:
    """A time-limit text as a :class:`~procedurekit.ProcessingTime`, or ``None`` when it
    states no readable time. A bare number ("1") is read with ``default_unit`` when given.

    >>> processing_time_of("05 ngày làm việc").duration
    WorkingDays(5)
    >>> processing_time_of("1", default_unit="working_days").duration
    WorkingDays(1)
    """
    if text is None or not text.strip():
        return None
    try:
        found = parse_processing_time(text)
    except DurationParseError as exc:
        if exc.reason != "bare-number" or not default_unit:
            return None
        try:
            return ProcessingTime(
                cases=(Case(parse_duration(text, default_unit=default_unit)),), text=text
            )
        except ProcedureKitError:
            return None
    return found if found.cases else None


def _text(value: str) -> str | None:
    return value if value.strip() else None


def _channel_terms(
    row: ChannelRow, default_unit: DefaultUnit | None, general: ChannelRow | None = None
) -> ChannelTerms:
    """A channel's terms; a channel listed without a time or fee of its own (a list of
    channel labels) takes the procedure's (``general``). A unit in the time column's header
    comes before ``default_unit``."""
    time_row = row if row.processing_time or general is None else general
    fee_row = row if row.fee or general is None else general
    unit = time_row.units.get("processing_time") or default_unit
    return ChannelTerms(
        channel=Channel.lookup(row.channel),
        channel_text=_text(row.channel),
        processing_time=processing_time_of(time_row.processing_time, default_unit=unit),
        time_text=_text(time_row.processing_time),
        fees=fees_of(fee_row.fee),
        fee_text=_text(fee_row.fee),
        description=_text(row.description),
    )


def _counts(quantity: re.Match[str]) -> tuple[int | None, int | None]:
    """(originals, copies) from a quantity match: "2 bản sao" → (None, 2)."""
    count = int(quantity.group(1))
    return (count, None) if quantity.group(2) == "chính" else (None, count)


def split_components_text(cell: str | None) -> tuple[DossierComponent, ...]:
    """Split a glued "Thành phần hồ sơ" table at its quantities ("1 bản chính")."""
    if cell is None:
        return ()
    body = _COMPONENTS_HEAD.sub("", cell)
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


def _component(row: ComponentRow) -> DossierComponent:
    match = _QUANTITY.search(row.quantity or "")
    originals, copies = (None, None) if match is None else _counts(match)
    return DossierComponent(
        name=row.name,
        originals=originals,
        copies=copies,
        form=_text(row.form),
        quantity_text=_text(row.quantity),
    )


def _legal_numbers(text: str | None) -> tuple[LegalReference, ...]:
    if text is None or fold(text) in _NO_INFO:
        return ()
    seen: dict[str, None] = {}
    for number in _LEGAL_NUMBER.findall(text):
        seen.setdefault(number, None)
    return tuple(LegalReference.from_number(n) for n in seen)


def _levels(text: str | None) -> tuple[Level, ...]:
    if text is None:
        return ()
    try:
        return Level.from_labels(text)
    except ProcedureKitError:
        return ()


def _online(text: str | None) -> tuple[OnlineLevel | None, LegacyOnlineLevel | None]:
    if not text:
        return None, None
    level = OnlineLevel.lookup(text)
    if level is not None:
        return level, None
    legacy = LegacyOnlineLevel.lookup(text)
    if legacy is not None:
        return legacy.to_online_level(), legacy
    return None, None


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _common_duration(channels: Iterable[ChannelTerms]) -> Duration | None:
    """The duration every channel states, when they all state the same one."""
    durations = {t.duration for t in channels}
    return durations.pop() if len(durations) == 1 else None


def procedure_from_record(
    record: ProcedureRecord, *, default_unit: DefaultUnit | None = None
) -> Procedure:
    """A :class:`~procedurekit.Procedure` from a catalogue row as read (see the module doc).

    ``prescribed_time`` is the general case of the procedure's own time text, else the time
    every channel states alike; ``committed_time`` the locally cut time (procedure or first
    channel that states one). ``default_unit`` reads bare-number times.
    """
    get = record.get

    def cell(key: str) -> str | None:
        return _text(get(key))

    code_text = record.code.strip()
    national = ProcedureCode.is_valid(code_text)
    fee_text = get("fee")
    general_row = ChannelRow(
        "", get("processing_time"), fee_text, units=record.units, file=record.file
    )
    channels = [_channel_terms(row, default_unit, general_row) for row in record.channels]
    general = processing_time_of(
        get("processing_time"), default_unit=record.units.get("processing_time") or default_unit
    )
    if not channels and (general is not None or fee_text):
        channels.append(
            ChannelTerms(
                channel=None,
                processing_time=general,
                time_text=cell("processing_time"),
                fees=fees_of(fee_text),
                fee_text=_text(fee_text),
            )
        )
    prescribed = general.duration if general is not None else _common_duration(channels)
    committed_text = get("committed_time") or next(
        (row.committed_time for row in record.channels if row.committed_time), ""
    )
    committed = processing_time_of(
        committed_text, default_unit=record.units.get("committed_time") or default_unit
    )
    online, legacy = _online(cell("online_level"))
    raw_components = record.fields.get("components")
    components_text = cell("components_text") or (
        cell("components") if isinstance(raw_components, str) else None
    )
    if record.components or not isinstance(raw_components, str):
        components = tuple(_component(row) for row in record.components)
    else:  # one glued cell, as the national portal shows it
        components = split_components_text(components_text)
    legal_text = cell("legal_basis")
    numbers = record.fields.get("legal_numbers")
    legal = (
        tuple(LegalReference.from_number(n) for n in numbers if isinstance(n, str) and n.strip())
        if isinstance(numbers, list)
        else ()
    )
    return Procedure(
        name=record.name or code_text,
        code=ProcedureCode(code_text) if national else None,
        local_code=None if national else (code_text or cell("local_code")),
        field=cell("field"),
        levels=_levels(cell("level")),
        level_text=cell("level"),
        kind=cell("kind"),
        publication_decision=cell("decision"),
        competent_agency=cell("competent_agency"),
        implementing_agency=cell("implementing_agency"),
        coordinating_agency=cell("coordinating_agency"),
        authorised_agency=cell("delegated_agency"),
        subjects=cell("subjects"),
        steps_text=cell("steps"),
        channels=tuple(channels),
        channels_text=cell("method"),
        components=components,
        components_text=components_text,
        requirements=cell("requirements"),
        result=cell("result"),
        legal_basis=legal or _legal_numbers(legal_text),
        legal_basis_text=legal_text,
        online_level=online,
        legacy_online_level=legacy,
        prescribed_time=prescribed,
        committed_time=committed.duration if committed is not None else None,
        effective_from=_day(record.fields.get("effective_date")),
        reception_address=cell("reception_address"),
        related_procedures=cell("related_procedures"),
        source_url=cell("url") or _portal_url(record.fields.get("source")),
        source_id=cell("source_id"),
    )


def _portal_url(source: object) -> str | None:
    """A curated record's ``source`` object names the portal page it was taken from."""
    if isinstance(source, Mapping):
        url = source.get("portal_url") or source.get("url")
        return url if isinstance(url, str) and url.strip() else None
    return None


def catalogue_procedures(
    catalogue: Catalogue, *, default_unit: DefaultUnit | None = None
) -> tuple[Procedure, ...]:
    """Every procedure of ``catalogue`` (in file order, stubs included) as a
    :class:`~procedurekit.Procedure`; ``default_unit`` defaults to the catalogue's."""
    unit = default_unit or catalogue.default_unit
    return tuple(procedure_from_record(r, default_unit=unit) for r in catalogue.procedures)


def read_procedures(
    *paths: str | os.PathLike[str],
    default_unit: DefaultUnit | None = None,
    limits: ReadLimits | None = None,
    sheet: str | Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> tuple[Procedure, ...]:
    """Read catalogue file(s) (:func:`~procedurekit.io.read_catalogue`, within ``limits``,
    its ``sheet`` and ``columns`` options, in ``encoding``) as procedures.

    Reading problems are not raised here; run ``procedurekit validate`` (or
    :func:`~procedurekit.validate_files`) for them.
    """
    catalogue = read_catalogue(
        *paths,
        default_unit=default_unit,
        limits=limits,
        sheet=sheet,
        columns=columns,
        encoding=encoding,
    )
    return catalogue_procedures(catalogue)


def terms_for(procedure: Procedure, channel: Channel | None) -> ChannelTerms | None:
    """The terms that govern a dossier received through ``channel``: the channel's own, else
    the general terms (``channel=None``), else the first channel's (an unknown channel gets
    the procedure's general time), else ``None``."""
    general = first = None
    for terms in procedure.channels:
        if channel is not None and terms.channel is channel:
            return terms
        if terms.channel is None and general is None:
            general = terms
        if first is None:
            first = terms
    return general or first
