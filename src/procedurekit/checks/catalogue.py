"""Validate a procedure catalogue: every problem collected as a finding, rules as data.

:func:`validate_catalogue` runs every rule of :data:`RULES` over a
:class:`~procedurekit.io.Catalogue` and returns a :class:`Report`: ``valid`` (no error),
``stats`` (``rows`` = data rows read, ``lines_rejected`` = physical lines that did not
become a row, ``procedures``, findings by code, the share of processing times parsed) and
the findings, each with row, line, field, a stable kebab-case code, a severity and the
offending value. Nothing is raised for a problem of one row.

Each rule names its legal source: the required parts of a procedure are those of Decree
63/2010/NĐ-CP Art. 8(2); online levels follow Decree 42/2022/NĐ-CP Art. 11; the district
level ended on 2025-07-01 (two-tier local government). Reports render as text, JSON (the
shape of frictionless reports: ``valid``, ``stats``, ``errors``, ``findings``) and GitHub
workflow annotations.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

import attrs

from procedurekit._text import fold
from procedurekit.durations import Duration
from procedurekit.errors import DurationParseError, UnknownCodeError
from procedurekit.findings import Finding, FindingSink, Report, Severity
from procedurekit.io import ReadLimits
from procedurekit.io.catalogue import Catalogue, ChannelRow, ProcedureRecord, read_catalogue
from procedurekit.io.dates import DateFormat
from procedurekit.io.fees import read_fee
from procedurekit.phrases.parse import DefaultUnit
from procedurekit.vocab import (
    DISTRICT_LEVEL_ABOLISHED,
    Channel,
    LegacyOnlineLevel,
    Level,
    OnlineLevel,
)

__all__ = ["validate_catalogue", "validate_files"]

#: The last day of the district level (cấp huyện): two-tier local government from
#: 2025-07-01 (dated data with its source in :data:`procedurekit.vocab.DISTRICT_LEVEL_ABOLISHED`).
DISTRICT_LEVEL_LAST_DAY: Final = DISTRICT_LEVEL_ABOLISHED.last_day

# Decree 63/2010 Art. 8(2) parts: (column key, label). "method", "components" and the time
# may also come from channel / component tables.
_REQUIRED: Final = (
    ("name", "name (tên thủ tục)"),
    ("steps", "steps (trình tự thực hiện)"),
    ("method", "method (cách thức thực hiện)"),
    ("components", "dossier components (thành phần hồ sơ)"),
    ("processing_time", "time limit (thời hạn giải quyết)"),
    ("subjects", "subjects (đối tượng thực hiện)"),
    ("implementing_agency", "implementing agency (cơ quan thực hiện)"),
    ("result", "result (kết quả thực hiện)"),
)

_CODE_RE: Final = re.compile(r"^[0-9]\.[0-9]{6}(\.[0-9A-Za-z]+)*$")
_NO_INFO_RE: Final = re.compile(r"^(khong co thong tin|khong co|n/?a|none|-+)\.?$")
_UNIT_RE: Final = re.compile(
    r"ngày|giờ|tháng|tuần|\bnăm\b|\bngay\b|\bgio\b|\bthang\b|\btuan\b"
    r"|\bdays?\b|\bhours?\b|\bmonths?\b|\byears?\b|\bweeks?\b",
    re.IGNORECASE,
)


# -- the engine ------------------------------------------------------------------------


@attrs.define
class _Ctx:
    sink: FindingSink
    ignore: Collection[str]
    default_unit: DefaultUnit | None
    time_cache: dict[tuple[str, str | None], tuple[Duration | None, str | None]]
    fee_cache: dict[str, str] = attrs.field(factory=dict)
    # every time checked, by what became of it: parsed (with a unit written or in the
    # header), missing, a bare number, unreadable (glued to a fee included)
    n_times: int = 0
    n_unit: int = 0
    n_parsed: int = 0
    n_parsed_unit: int = 0
    n_header_unit: int = 0
    n_bare: int = 0
    n_bare_read: int = 0
    n_missing: int = 0
    n_unreadable: int = 0

    def add(
        self,
        code: str,
        where: ProcedureRecord | ChannelRow,
        *,
        field: str | None = None,
        value: Any = None,
        **fields: Any,
    ) -> None:
        """Emit a finding of rule ``code`` at ``where`` (its row, file and line)."""
        if code in self.ignore:
            return
        self.sink.emit(
            code,
            row=where.row,
            field=field,
            value=value,
            file=where.file,
            line=where.line,
            **fields,
        )


def _parse_time(
    ctx: _Ctx, text: str, header_unit: DefaultUnit | None = None
) -> tuple[Duration | None, str | None]:
    """(duration, error reason) for ``text``, cached: catalogues repeat a few phrases.

    A bare number is read in ``header_unit`` (the unit its column's header states; no
    error), else in the default unit (reason ``"bare-number"``, reported)."""
    hit = ctx.time_cache.get((text, header_unit))
    if hit is not None:
        return hit
    from procedurekit.phrases import parse_duration

    result: tuple[Duration | None, str | None]
    try:
        result = (parse_duration(text), None)
    except DurationParseError as exc:
        result = (None, exc.reason)
        unit = header_unit or ctx.default_unit
        if exc.reason == "bare-number" and unit:
            try:
                read = parse_duration(text, default_unit=unit)
                result = (read, None if header_unit else "bare-number")
            except DurationParseError as exc2:
                result = (None, exc2.reason)
    ctx.time_cache[(text, header_unit)] = result
    return result


def _duration_value(d: Duration) -> Any:
    return getattr(d, "value", None)


def _check_time(
    ctx: _Ctx, text: str, where: ProcedureRecord | ChannelRow, label: str
) -> Duration | None:
    ctx.n_times += 1
    if not text and isinstance(where, ChannelRow) and where.time_glued:
        ctx.n_unreadable += 1
        ctx.add("time-glued-to-fee", where, field="processing_time", value=where.fee, subject=label)
        return None
    if not text or _NO_INFO_RE.match(fold(text)):
        ctx.n_missing += 1
        ctx.add(
            "missing-processing-time",
            where,
            field="processing_time",
            value=text or None,
            subject=label,
        )
        return None
    states_unit = _UNIT_RE.search(text) is not None
    ctx.n_unit += states_unit
    header_unit = where.units.get("processing_time")
    duration, reason = _parse_time(ctx, text, header_unit)
    if reason == "bare-number":
        ctx.n_bare += 1
        ctx.n_bare_read += duration is not None
    elif reason == "no-information":
        ctx.n_missing += 1
    elif duration is None:
        ctx.n_unreadable += 1
    else:
        ctx.n_parsed += 1
        ctx.n_parsed_unit += states_unit
        ctx.n_header_unit += not states_unit and header_unit is not None
    if reason == "bare-number":
        read = f"; read as {duration!r} (default unit)" if duration is not None else ""
        ctx.add(
            "bare-number-time",
            where,
            field="processing_time",
            value=text,
            subject=label,
            note=read or "; pass a default unit to read it",
        )
    elif reason == "no-information":
        ctx.add(
            "missing-processing-time",
            where,
            field="processing_time",
            value=text,
            subject=label,
            note=f" ({text!r})",
        )
    elif reason is not None:
        ctx.add(
            "unparseable-processing-time",
            where,
            field="processing_time",
            value=text,
            subject=label,
            what="processing time",
            note=reason,
        )
    if duration is not None and _duration_value(duration) == 0:
        ctx.add("zero-time", where, field="processing_time", value=text, subject=label)
    return duration


def _check_fee(ctx: _Ctx, text: str, where: ProcedureRecord | ChannelRow, label: str) -> None:
    if not text:
        return
    reading = ctx.fee_cache.get(text)
    if reading is None:
        reading = ctx.fee_cache[text] = read_fee(text)[0]
    if reading == "negative":
        ctx.add("negative-fee", where, field="fee", value=text[:80], subject=label)
    elif reading == "unparseable":
        ctx.add("unparseable-fee", where, field="fee", value=text[:80], subject=label)


def _levels(ctx: _Ctx, p: ProcedureRecord) -> list[str]:
    text = p.get("level")
    if not text:
        return []

    out: list[str] = []
    for part in re.split(r"[,;/\n]", re.sub(r"\([^)]*\)", "", text)):
        if not part.strip():
            continue
        try:
            out.append(Level.from_label(part.strip()).value)
        except UnknownCodeError:
            ctx.add("unknown-level", p, field="level", value=part.strip(), subject=_label(p))
    return out


def _in_force_after_reform(p: ProcedureRecord, as_of: date | None) -> bool:
    eff = p.fields.get("effective_date")
    day = eff.date() if isinstance(eff, datetime) else eff if isinstance(eff, date) else None
    if day is not None and day > DISTRICT_LEVEL_LAST_DAY:
        return True
    return as_of is not None and as_of > DISTRICT_LEVEL_LAST_DAY


def _online_level(ctx: _Ctx, p: ProcedureRecord) -> str | None:
    text = p.get("online_level")
    if not text:
        return None

    try:
        return OnlineLevel.from_label(text).value
    except UnknownCodeError:
        pass
    try:
        return LegacyOnlineLevel.from_label(text).to_online_level().value
    except UnknownCodeError:
        ctx.add("unknown-online-level", p, field="online_level", value=text, subject=_label(p))
    return None


def _check_procedure(
    ctx: _Ctx,
    p: ProcedureRecord,
    *,
    present: set[str],
    as_of: date | None,
    first_row: dict[str, ProcedureRecord],
) -> None:
    code = p.code
    label = _label(p)
    if not code:
        ctx.add("missing-required-part", p, field="code", subject=label, part="procedure code")
    else:
        if not _CODE_RE.match(code):
            ctx.add("malformed-code", p, field="code", value=code, subject=label)
        first = first_row.get(code)
        if first is None:
            first_row[code] = p
        elif not p.stub:
            ctx.add(
                "duplicate-code",
                p,
                field="code",
                value=code,
                subject=label,
                first_row=first.row,
                note=f" of {first.file}" if first.file != p.file else "",
            )
    if not p.stub:
        for key, part in _REQUIRED:
            if key == "processing_time":
                continue
            if key == "method" and p.channels:
                continue
            if key == "components" and p.components:
                continue
            if key in present and not p.get(key):
                ctx.add("missing-required-part", p, field=key, subject=label, part=part)
        if "legal_basis" in present and not p.get("legal_basis"):
            ctx.add("missing-legal-basis", p, field="legal_basis", subject=label)
    # time limits and fees, per channel or for the whole procedure; a channel listed
    # without a time (or a fee) of its own takes the procedure's, checked once
    prescribed: Duration | None = None
    seen_channels: dict[Channel, ChannelRow] = {}
    has_online = False
    general_time = p.get("processing_time")
    inherits_time = inherits_fee = False
    for ch in p.channels:
        try:
            channel = Channel.from_label(ch.channel)
        except UnknownCodeError:
            channel = None
            ctx.add("unknown-channel", ch, field="channel", value=ch.channel, subject=label)
        clabel = f"{label}, channel {ch.channel or '?'}"
        if channel is not None:
            has_online |= channel is Channel.ONLINE
            if channel in seen_channels:
                ctx.add("duplicate-channel", ch, field="channel", value=ch.channel, subject=label)
            else:
                seen_channels[channel] = ch
        if not ch.processing_time and general_time and not ch.time_glued:
            inherits_time = True
        else:
            d = _check_time(ctx, ch.processing_time, ch, clabel)
            prescribed = prescribed or d
        if ch.fee or not p.get("fee"):
            _check_fee(ctx, ch.fee, ch, clabel)
        else:
            inherits_fee = True
        if ch.committed_time:
            _check_committed(ctx, ch.committed_time, d, ch, clabel)
    if (not p.channels or inherits_time) and ("processing_time" in present) and not p.stub:
        prescribed = _check_time(ctx, general_time, p, label) or prescribed
    if (not p.channels or inherits_fee) and p.get("fee"):
        _check_fee(ctx, p.get("fee"), p, label)
    if p.get("committed_time"):
        base = prescribed
        if general_time and p.channels:
            base, _ = _parse_time(ctx, general_time, p.units.get("processing_time"))
        _check_committed(ctx, p.get("committed_time"), base, p, label)
    # level and online level
    levels = _levels(ctx, p)
    if "district" in levels and _in_force_after_reform(p, as_of):
        ctx.add(
            "district-level-after-reform", p, field="level", value=p.get("level"), subject=label
        )
    online = _online_level(ctx, p)
    method = fold(p.get("method"))
    if not p.channels and method:
        has_online = "truc tuyen" in method or "online" in method
    if online is not None and (p.channels or method):
        if online in ("full", "partial") and not has_online:
            ctx.add(
                "online-level-inconsistent",
                p,
                field="online_level",
                value=p.get("online_level"),
                subject=label,
                note="but no online channel (Trực tuyến) is listed",
            )
        elif online == "none" and has_online:
            ctx.add(
                "online-level-inconsistent",
                p,
                field="online_level",
                value=p.get("online_level"),
                subject=label,
                note="(none) but an online channel (Trực tuyến) is listed",
            )


def _check_committed(
    ctx: _Ctx,
    text: str,
    prescribed: Duration | None,
    where: ProcedureRecord | ChannelRow,
    label: str,
) -> None:
    committed, reason = _parse_time(ctx, text, where.units.get("committed_time"))
    if committed is None:
        ctx.add(
            "unparseable-processing-time",
            where,
            field="committed_time",
            value=text,
            subject=label,
            what="committed time",
            note=reason,
        )
        return
    if prescribed is None or type(committed) is not type(prescribed):
        return
    a, b = _duration_value(committed), _duration_value(prescribed)
    if a is not None and b is not None and a > b:
        ctx.add(
            "committed-time-exceeds-prescribed",
            where,
            field="committed_time",
            value=text,
            subject=label,
            committed=repr(committed),
            prescribed=repr(prescribed),
        )


def _present_columns(catalogue: Catalogue) -> set[str]:
    present: set[str] = set()
    for t in catalogue.tables:
        if t.kind == "procedures":
            present.update(k for k in t.columns.values() if k)
            if "channel_list" in present or "method" in present:
                present.add("method")
        elif t.kind == "channels":
            present.update({"method", "processing_time"})
        elif t.kind == "components":
            present.add("components")
    return present


def _label(p: ProcedureRecord) -> str:
    """How a finding names a procedure: by its code, else by its row."""
    return f"procedure {p.code!r}" if p.code else f"row {p.row}"


def _sort_key(f: Finding) -> tuple[str, int, int, str]:
    return (f.file or "", f.line or 0, f.severity.rank, f.code)


def validate_catalogue(
    catalogue: Catalogue,
    *,
    as_of: date | None = None,
    default_unit: DefaultUnit | None = None,
    ignore: Collection[str] = (),
) -> Report:
    """Run every rule over ``catalogue``; return a :class:`Report`.

    ``as_of`` is the day the catalogue is meant to be in force: on or after 2025-07-01 a
    district-level procedure is an error (a row's own effective date also counts).
    ``default_unit`` reads bare-number times (overrides the catalogue's); each one is still
    reported. ``ignore`` lists rule codes to skip.
    """
    sink = FindingSink(max_examples=None)
    sink.extend(f for f in catalogue.findings if f.code not in ignore)
    ctx = _Ctx(
        sink=sink,
        ignore=frozenset(ignore),
        default_unit=default_unit or catalogue.default_unit,
        time_cache={},
    )
    present = _present_columns(catalogue)
    real = [p for p in catalogue.procedures if not p.stub]
    no_key = {f.field for f in catalogue.findings if f.code == "missing-key-column"}
    if real:
        for key, part in (*_REQUIRED, ("legal_basis", "legal basis (căn cứ pháp lý)")):
            if key in no_key:
                continue  # an error already: missing-key-column
            if key not in present and "missing-column" not in ctx.ignore:
                first = next(t for t in catalogue.tables if t.kind == "procedures")
                sink.emit("missing-column", field=key, file=first.file, part=part)
    first_row: dict[str, ProcedureRecord] = {}
    for p in catalogue.procedures:
        # A procedure's findings carry its implementing agency (--findings-out sheets).
        sink.agency = p.get("implementing_agency") or None
        _check_procedure(ctx, p, present=present, as_of=as_of, first_row=first_row)
    sink.agency = None
    findings = sorted(sink.examples, key=_sort_key)
    by_code = Counter(f.code for f in findings)
    share = ctx.n_parsed_unit / ctx.n_unit if ctx.n_unit else 1.0
    read_share = ctx.n_parsed / ctx.n_times if ctx.n_times else 0.0
    stats: dict[str, Any] = {
        "rows": catalogue.rows,
        "lines_rejected": catalogue.lines_rejected,
        "lines_blank": catalogue.lines_blank,
        "procedures": len(catalogue.procedures),
        "channels": sum(len(p.channels) for p in catalogue.procedures),
        "components": sum(len(p.components) for p in catalogue.procedures),
        "tables": [
            {
                "file": t.file,
                "kind": t.kind,
                "format": t.fmt,
                "rows": t.rows,
                "lines_rejected": t.lines_rejected,
                **({"sheet": t.sheet} if t.sheet is not None else {}),
            }
            for t in catalogue.tables
        ],
        "processing_times": {
            "total": ctx.n_times,
            "parsed": ctx.n_parsed,
            "missing": ctx.n_missing,
            "bare_number": ctx.n_bare,
            "unreadable": ctx.n_unreadable,
            "read_share": round(read_share, 4),
            "unit_from_header": ctx.n_header_unit,
            "bare_number_read_with_default_unit": ctx.n_bare_read,
            "stating_unit": ctx.n_unit,
            "parsed_stating_unit": ctx.n_parsed_unit,
            "parse_share": round(share, 4),
        },
        "errors": sum(1 for f in findings if f.severity is Severity.ERROR),
        "warnings": sum(1 for f in findings if f.severity is Severity.WARNING),
        "findings_by_code": dict(sorted(by_code.items())),
    }
    valid = stats["errors"] == 0
    return Report(valid, stats, tuple(findings), "validate")


def validate_files(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    as_of: date | None = None,
    default_unit: DefaultUnit | None = None,
    date_format: DateFormat | str | None = None,
    delimiter: str | None = None,
    sheet: str | Sequence[str] | None = None,
    ignore: Iterable[str] = (),
    limits: ReadLimits | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> Report:
    """Read catalogue file(s) with :func:`~procedurekit.io.read_catalogue` and validate them.

    ``sheet`` names the workbook sheet(s) to read (default: every sheet whose header row is
    recognised); ``columns`` maps header texts to column keys
    (:func:`~procedurekit.io.read_column_map`); ``encoding`` names how the files are written
    (:mod:`procedurekit.io.encodings`). The one call the CLI needs: raises
    :class:`~procedurekit.errors.InputFileError` (exit 2) only when a file cannot be read
    at all or a limit of ``limits`` is passed.
    """
    files = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    catalogue = read_catalogue(
        *files,
        default_unit=default_unit,
        date_format=date_format,
        delimiter=delimiter,
        sheet=sheet,
        columns=columns,
        limits=limits,
        encoding=encoding,
    )
    return validate_catalogue(
        catalogue, as_of=as_of, default_unit=default_unit, ignore=frozenset(ignore)
    )
