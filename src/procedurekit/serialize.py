"""JSON for every model, and JSON Schema 2020-12 written from the models' own fields.

The one module that imports cattrs; :mod:`procedurekit` imports it lazily, on first use of
``to_json``, ``from_json``, ``to_dict``, ``from_dict``, ``json_schema`` or
``make_converter``. The wire format is described in ``docs/wire-format.md``; its rules are
listed in :func:`make_converter`.

>>> import procedurekit as pk
>>> text = pk.to_json(pk.WorkingDays(5))
>>> text
'{"schema_version": 2, "unit": "working_days", "value": "5"}'
>>> pk.from_json(pk.WorkingDays, text)
WorkingDays(5)
"""

from __future__ import annotations

import enum
import json
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Generic, TypeVar, cast

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from procedurekit._time import VIETNAM_TZ, parse_iso
from procedurekit._upgrade import UPGRADES, resolve_hints
from procedurekit.calendar.hours import Session
from procedurekit.deadlines.clock import ClockEvent, DossierClock
from procedurekit.deadlines.deadline import Deadline
from procedurekit.deadlines.service import ServiceModel
from procedurekit.durations import (
    CalendarDays,
    Duration,
    Months,
    NoTimeLimit,
    SameDay,
)
from procedurekit.errors import (
    InvalidTypeError,
    Problem,
    ProcedureKitError,
    StructureError,
    UnknownCodeError,
)
from procedurekit.models import (
    Agency,
    ChannelTerms,
    Dossier,
    DossierCode,
    DossierComponent,
    Event,
    Fee,
    Initiative,
    InitiativeRegister,
    LegalReference,
    Procedure,
    ProcedureCode,
)
from procedurekit.models.codes import PROCEDURE_CODE_PATTERN
from procedurekit.phrases.processing_time import Case, Extension, ProcessingTime, Step

__all__ = [
    "MODELS",
    "SCHEMA_VERSION",
    "Loaded",
    "from_dict",
    "from_json",
    "json_schema",
    "load_dict",
    "load_json",
    "make_converter",
    "parse_json",
    "read_value",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

#: The wire format's version, written as ``schema_version`` in every top-level document.
#: Version 2 (procedurekit 0.x, 2026-12): ``ServiceModel.all_procedures``,
#: ``Dossier.calendar_version`` and ``Dossier.appointment_at``; the ``Deadline`` document.
#: Documents of version 1 are upgraded on reading (:mod:`procedurekit._upgrade`).
SCHEMA_VERSION: Final = 2
_SCHEMA_URL: Final = "https://json-schema.org/draft/2020-12/schema"
_ID_BASE: Final = f"urn:procedurekit:schema:{SCHEMA_VERSION}:"

# -- scalar rules: one regular expression per wire form, shared by parser and schema --------

_MONTH_DAY: Final = r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_DAY: Final = r"[0-9]{4}" + _MONTH_DAY
_CLOCK: Final = r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
#: A moment's clock: up to nine fraction digits (.NET writes seven; beyond microseconds
#: they are dropped on reading).
_MOMENT_CLOCK: Final = r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?"
_DATE_RE: Final = f"^{_DAY}$"
_TIME_RE: Final = f"^{_CLOCK}$"
#: Years 1900-2199 only: far years cannot be moved to UTC+07:00. The offset is ``Z``
#: (Java's ``Instant``) or ``±HH:MM``; ``T`` separates date and time.
_DATETIME_RE: Final = (
    f"^(19|20|21)[0-9]{{2}}{_MONTH_DAY}T{_MOMENT_CLOCK}(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
#: Money: a non-negative decimal string, at most 20 integer digits ("50000", "12.5").
_MONEY_RE: Final = r"^[0-9]{1,20}(\.[0-9]{1,6})?$"
#: Duration amounts: 0 to 1,000,000 (durations.py), fractions for working days and hours.
_AMOUNT_RE: Final = r"^([0-9]{1,6}(\.[0-9]+)?|1000000)$"
_WHOLE_RE: Final = r"^([0-9]{1,6}|1000000)$"
_CODE_MAX: Final = 200  # codes.py: the longest procedure or dossier code
#: A span of time (``timedelta``, a clock's time paused): ISO 8601 ``PnDTnHnMnS``, as Java's
#: ``Duration.parse`` and .NET's ``XmlConvert.ToTimeSpan`` read it; written, never read.
_SPAN_RE: Final = r"^-?P[0-9]+DT[0-9]+H[0-9]+M[0-9]+(\.[0-9]{1,6})?S$"
#: Derived results that are written, never read back (recompute them from the dossier).
_WRITTEN_ONLY: Final = frozenset({"DossierClock"})


def _duration_classes(base: type[Duration] = Duration) -> list[type[Duration]]:
    out: list[type[Duration]] = []
    for sub in base.__subclasses__():
        if "unit" in vars(sub):
            out.append(sub)
        out.extend(_duration_classes(sub))
    return out


#: Every duration type by its ``unit`` tag (WorkingDays, CalendarDays, WorkingHours, ...).
_DURATION_TYPES: Final[dict[str, type[Duration]]] = {c.unit: c for c in _duration_classes()}

#: The public models by name (``procedurekit schema Procedure`` looks names up here).
MODELS: Final[Mapping[str, type]] = {
    cls.__name__: cls
    for cls in (
        Procedure,
        ChannelTerms,
        Fee,
        DossierComponent,
        LegalReference,
        Agency,
        Dossier,
        Event,
        Initiative,
        InitiativeRegister,
        ProcessingTime,
        Case,
        Extension,
        Step,
        ServiceModel,
        Session,
        Deadline,
        DossierClock,
        *_DURATION_TYPES.values(),
    )
}

#: Schema constraints of fields in classes procedurekit does not own here (their validators).
_FOREIGN_FIELD_SCHEMA: Final[dict[tuple[type, str], dict[str, Any]]] = {
    (ServiceModel, "weekdays"): {"items": {"minimum": 0, "maximum": 6}, "minItems": 1},
    (ServiceModel, "procedure_codes"): {"items": {"pattern": r"\S"}},
}


def _check(pattern: str, what: str, example: str) -> Callable[[object], str]:
    compiled = re.compile(pattern)

    def check(value: object) -> str:
        if not isinstance(value, str):
            raise InvalidTypeError(
                f"expected {what} as a string, got {_kind(value)}",
                value=value,
                expected=example,
            )
        if not compiled.match(value):
            raise _invalid(f"expected {what}, got {value!r}", value, example)
        return value

    return check


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f"the number {value!r}"[:60]
    return names.get(type(value), type(value).__name__)


def _invalid(message: str, value: object, expected: str) -> ProcedureKitError:
    from procedurekit.errors import InvalidArgumentError

    return InvalidArgumentError(message, value=value, expected=expected)


_as_date_text = _check(_DATE_RE, "an ISO 8601 date", '"2025-03-04"')
_as_time_text = _check(_TIME_RE, "a local time", '"15:00:00"')
_as_datetime_text = _check(
    _DATETIME_RE, "an ISO 8601 datetime with an offset", '"2025-03-04T09:30:00+07:00"'
)
_as_money_text = _check(_MONEY_RE, "a non-negative amount", '"50000"')
_as_amount_text = _check(_AMOUNT_RE, "an amount from 0 to 1000000", '"5" or "0.5"')
_as_whole_text = _check(_WHOLE_RE, "a whole number from 0 to 1000000", '"15"')


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _structure_str(value: object, _t: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(f"expected a string, got {_kind(value)}", value=value)
    if _SURROGATE.search(value):
        raise _invalid("expected Unicode text, got a lone surrogate (\\ud800-\\udfff)", value, "")
    return value


def _structure_int(value: object, _t: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"expected an integer, got {_kind(value)}", value=value)
    return value


def _structure_bool(value: object, _t: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidTypeError(f"expected true or false, got {_kind(value)}", value=value)
    return value


def _structure_decimal(value: object, _t: object) -> Decimal:
    return Decimal(_as_money_text(value))


def _structure_date(value: object, _t: object) -> date:
    text = _as_date_text(value)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _invalid(f"not a calendar date: {text!r}", text, '"2025-03-04"') from None


def _structure_time(value: object, _t: object) -> time:
    text = _as_time_text(value)
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise _invalid(f"not a time of day: {text!r}", text, '"15:00:00"') from None


def _structure_datetime(value: object, _t: object) -> datetime:
    text = _as_datetime_text(value)
    try:
        moment = parse_iso(text)  # the one ISO 8601 reader (procedurekit._time)
    except ProcedureKitError:
        moment = None
    if not isinstance(moment, datetime):
        raise _invalid(f"not a moment in time: {text!r}", text, '"2025-03-04T09:30:00+07:00"')
    return moment


def _unstructure_datetime(value: datetime) -> str:
    local = value.replace(tzinfo=VIETNAM_TZ) if value.tzinfo is None else value
    return local.astimezone(VIETNAM_TZ).isoformat()


def _unstructure_span(value: timedelta) -> str:
    sign = "-" if value < timedelta(0) else ""
    rest = abs(value)
    hours, seconds = divmod(rest.seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    fraction = f".{rest.microseconds:06d}".rstrip("0") if rest.microseconds else ""
    return f"{sign}P{rest.days}DT{hours}H{minutes}M{seconds}{fraction}S"


def _unstructure_clock_event(conv: cattrs.Converter) -> Callable[[ClockEvent], Any]:
    def unstructure(value: ClockEvent) -> Any:
        if not isinstance(value, Event):  # a flat file's end: the fields the clock read
            value = Event(kind=value.kind, at=value.at, new_due_date=value.new_due_date)
        return conv.unstructure(value, Event)

    return unstructure


def _plain(value: int | Decimal) -> str:
    return str(value) if isinstance(value, int) else format(value, "f")


def _unstructure_duration(value: Duration) -> dict[str, Any]:
    out: dict[str, Any] = {"unit": value.unit}
    if isinstance(value, SameDay):
        out["cutoff"] = None if value.cutoff is None else value.cutoff.isoformat()
    elif not isinstance(value, NoTimeLimit):
        out["value"] = _plain(cast(int | Decimal, getattr(value, "value")))  # noqa: B009
    return out


def _structure_duration(value: object, expected: type) -> Duration:
    if not isinstance(value, dict):
        raise InvalidTypeError(
            f"expected a duration object, got {_kind(value)}",
            value=value,
            expected='{"unit": "working_days", "value": "5"}',
        )
    unit = value.get("unit")
    cls = _DURATION_TYPES.get(unit) if isinstance(unit, str) else None
    if cls is None or (expected is not Duration and cls is not expected):
        units = (
            [cast(type[Duration], expected).unit]
            if expected is not Duration
            else sorted(_DURATION_TYPES)
        )
        message = f"unknown duration unit {unit!r}"[:200] if "unit" in value else ""
        raise StructureError(
            "bad duration",
            [
                Problem(
                    "unit",
                    message or "required field missing",
                    value=unit,
                    expected=" or ".join(repr(u) for u in units),
                )
            ],
        )
    keys = {"unit", "cutoff"} if cls is SameDay else {"unit"} if cls is NoTimeLimit else None
    keys = keys or {"unit", "value"}
    extra = sorted(set(value) - keys)
    if extra:
        raise ForbiddenExtraKeysError(None, cls, set(extra))
    if cls is NoTimeLimit:
        return NoTimeLimit()
    key = "cutoff" if cls is SameDay else "value"
    try:
        if cls is SameDay:
            cutoff = value.get("cutoff")
            return SameDay(None if cutoff is None else _structure_time(cutoff, time))
        if "value" not in value:
            raise StructureError("bad duration", [Problem("value", "required field missing")])
        integral = cls in (CalendarDays, Months)
        text = (_as_whole_text if integral else _as_amount_text)(value["value"])
        return cls(Decimal(text))  # type: ignore[call-arg]
    except StructureError:
        raise
    except ProcedureKitError as exc:  # the field's own path: $.duration.value
        problem = Problem(key, exc.message, value=exc.value, expected=exc.expected)
        raise StructureError("bad duration", [problem]) from None


def _is_tuple(t: object) -> bool:
    return typing.get_origin(t) is tuple


def _is_frozenset(t: object) -> bool:
    return typing.get_origin(t) is frozenset


def _is_duration(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, Duration)


def _element(conv: cattrs.Converter, t: Any) -> tuple[Callable[[Any, Any], Any], Any]:
    (arg,) = [a for a in typing.get_args(t) if a is not Ellipsis]
    return conv.get_structure_hook(arg), arg


def _sequence_hook(conv: cattrs.Converter, t: Any, *, unique: bool) -> Callable[[object, Any], Any]:
    hook, arg = _element(conv, t)
    what = "a set" if unique else "a list"

    def structure(value: object, _t: object) -> Any:
        if not isinstance(value, list):
            raise InvalidTypeError(f"expected an array ({what}), got {_kind(value)}", value=value)
        out: list[Any] = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                out.append(hook(item, arg))
            except Exception as exc:  # collected, raised as a group
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {t} @ index {i}", i, arg),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t}", errors, t)
        if unique:
            result = frozenset(out)
            if len(result) != len(out):
                raise _invalid("expected unique items, got duplicates", value, "[4]")
            return result
        return tuple(out)

    return structure


def _unstructure_frozenset(conv: cattrs.Converter, t: Any) -> Callable[[frozenset[Any]], Any]:
    (arg,) = typing.get_args(t) or (Any,)

    def unstructure(value: frozenset[Any]) -> list[Any]:
        items = [conv.unstructure(v, arg) for v in value]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))

    return unstructure


def _local_fields(cl: type) -> list[str]:
    """Fields kept out of the wire (``metadata={"wire": False}``: a deadline's rules)."""
    if not attrs.has(cl) or _is_duration(cl):
        return []
    return [f.name for f in attrs.fields(cl) if f.metadata.get("wire") is False]


def _unstructure_without_local(conv: cattrs.Converter, cl: type) -> Callable[[Any], Any]:
    resolve_hints(cl)
    omit = {name: override(omit=True) for name in _local_fields(cl)}
    return make_dict_unstructure_fn(cl, conv, **omit)  # type: ignore[arg-type]


def _attrs_hook(conv: cattrs.Converter, cl: type) -> Callable[[object, Any], Any]:
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(cl, conv)

    def structure(value: object, _t: object) -> Any:
        if not isinstance(value, dict):
            raise InvalidTypeError(
                f"expected an object ({cl.__name__}), got {_kind(value)}", value=value
            )
        return inner(value, cl)

    return structure


def make_converter(*, forbid_extra_keys: bool = True) -> cattrs.Converter:
    """The converter for procedurekit's wire format. Rules:

    - Dates are ISO 8601 ``"2025-03-04"``; times ``"15:00:00"``; datetimes ISO 8601 with an
      offset, written in Vietnam time ``"2025-03-04T09:30:00+07:00"`` (any offset is read
      and converted; a naive datetime is refused on input).
    - Money (``Decimal``, VND) is a string of digits, ``"50000"`` or ``"12.5"``.
    - Enums are written by value (``"province"``), codes as their text.
    - Durations are tagged objects: ``{"unit": "working_days", "value": "0.5"}``,
      ``{"unit": "same_day", "cutoff": "15:00:00"}``, ``{"unit": "no_time_limit"}``.
    - A span of time (``timedelta``) is ISO 8601 ``"P1DT2H0M0S"``; an event the clock read
      is written as an ``Event``.
    - Tuples are arrays; frozensets are arrays of unique items, written sorted.
    - Every field is written, ``null`` included; a field with a default may be left out.
    - Types are strict: no string for a number, no number for a string, no ``1`` for
      ``true``; unknown keys are refused unless ``forbid_extra_keys=False``.
    - The top-level ``schema_version`` is handled by :func:`to_dict` / :func:`from_dict`.
    """
    conv = cattrs.Converter(forbid_extra_keys=forbid_extra_keys)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, _plain)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(datetime, _unstructure_datetime)
    conv.register_structure_hook(time, _structure_time)
    conv.register_unstructure_hook(time, time.isoformat)
    conv.register_unstructure_hook(timedelta, _unstructure_span)
    conv.register_unstructure_hook_func(lambda t: t is ClockEvent, _unstructure_clock_event(conv))
    for code in (ProcedureCode, DossierCode):
        conv.register_structure_hook(code, lambda v, t: t(_structure_str(v, str)))
        conv.register_unstructure_hook(code, lambda c: c.value)
    conv.register_structure_hook_func(_is_duration, _structure_duration)
    conv.register_unstructure_hook_func(_is_duration, _unstructure_duration)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    conv.register_structure_hook_factory(_is_tuple, lambda t: _sequence_hook(conv, t, unique=False))
    conv.register_structure_hook_factory(
        _is_frozenset, lambda t: _sequence_hook(conv, t, unique=True)
    )
    conv.register_unstructure_hook_factory(_is_frozenset, lambda t: _unstructure_frozenset(conv, t))
    conv.register_unstructure_hook_factory(
        lambda t: bool(_local_fields(t)), lambda t: _unstructure_without_local(conv, t)
    )
    conv.register_structure_hook_factory(
        lambda t: attrs.has(t) and not _is_duration(t), lambda t: _attrs_hook(conv, t)
    )
    return conv


def _structure_enum(value: object, cl: type[enum.Enum]) -> enum.Enum:
    values = [m.value for m in cl]
    if isinstance(value, str):
        for member in cl:
            if member.value == value:
                return member
    raise UnknownCodeError(
        f"unknown {cl.__name__} {value!r}"[:200],
        value=value,
        expected=" or ".join(repr(v) for v in values),
    )


_STRICT: cattrs.Converter | None = None
_LENIENT: cattrs.Converter | None = None


def _converter(*, strict: bool) -> cattrs.Converter:
    global _STRICT, _LENIENT  # built once, on first use
    if strict:
        if _STRICT is None:
            _STRICT = make_converter()
        return _STRICT
    if _LENIENT is None:
        _LENIENT = make_converter(forbid_extra_keys=False)
    return _LENIENT


# -- errors: a cattrs exception tree becomes a flat list of problems with JSON paths ----------

_IDENT: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _key_path(path: str, key: object) -> str:
    if isinstance(key, str) and _IDENT.match(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _join(path: str, sub: str | None) -> str:
    if not sub:
        return path
    if sub.startswith("$"):
        sub = sub[1:]
    return f"{path}{sub}" if sub.startswith(("[", ".")) else f"{path}.{sub}"


def _problems(exc: BaseException, path: str, unknown: list[Problem]) -> list[Problem]:
    if isinstance(exc, ClassValidationError):
        with_notes, other = exc.group_exceptions()
        out: list[Problem] = []
        for sub, note in with_notes:
            out += _problems(sub, _key_path(path, note.name), unknown)
        for sub in other:
            out += _problems(sub, path, unknown)
        return out
    if isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        out = []
        for sub, inote in items:
            out += _problems(sub, f"{path}[{inote.index}]", unknown)
        for sub in rest:
            out += _problems(sub, path, unknown)
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        found = [
            Problem(
                _key_path(path, key),
                f"unknown key {key!r} in {exc.cl.__name__}",
                expected="one of " + ", ".join(_field_names(exc.cl)),
            )
            for key in sorted(exc.extra_fields)
        ]
        unknown.extend(found)
        return found
    if isinstance(exc, KeyError):  # cattrs: a required field, its name already in the path
        return [Problem(path, "required field missing")]
    if isinstance(exc, StructureError):
        return [
            Problem(_join(path, p.path), p.message, value=p.value, expected=p.expected)
            for p in exc.problems
        ]
    if isinstance(exc, ProcedureKitError):
        return [Problem(path, exc.message, value=exc.value, expected=exc.expected)]
    if isinstance(exc, RecursionError):
        return [Problem(path, "the document is nested too deeply")]
    return [Problem(path, f"{type(exc).__name__}: {exc}"[:300])]


def _field_names(cl: type) -> list[str]:
    if _is_duration(cl):
        return ["unit", "value", "cutoff"]
    return [f.name for f in attrs.fields(cl) if f.init] if attrs.has(cl) else []


# -- documents -----------------------------------------------------------------------------


@attrs.frozen
class Loaded(Generic[T]):
    """A document read with unknown keys accepted: the value and the keys it dropped."""

    value: T
    unknown_keys: tuple[Problem, ...]


def _model(cls: object, *, reading: bool = False) -> type:
    if not isinstance(cls, type) or not (attrs.has(cls) or _is_duration(cls)):
        raise InvalidTypeError(
            f"expected a procedurekit model class, got {cls!r}",
            path="cls",
            value=cls,
            expected="procedurekit.Procedure, Dossier, Initiative, Agency, ...",
        )
    if MODELS.get(cls.__name__) is not cls:
        raise InvalidTypeError(
            f"{cls.__name__} has no JSON form (a derived result, not a wire model)",
            path="cls",
            value=cls,
            expected=", ".join(sorted(MODELS)),
        )
    if reading and cls.__name__ in _WRITTEN_ONLY:
        raise InvalidTypeError(
            f"{cls.__name__} is written, not read: it is derived from a dossier's events; "
            "recompute it (dossier.clock)",
            path="cls",
            value=cls,
            expected="a model class: Procedure, Dossier, Agency, ...",
        )
    if reading and _local_fields(cls):
        raise InvalidTypeError(
            f"{cls.__name__} is written, not read: it is derived from its "
            f"{', '.join(_local_fields(cls))}; recompute it (rules.due, dossier.clock)",
            path="cls",
            value=cls,
            expected="a model class: Procedure, Dossier, Agency, ...",
        )
    return cls


def to_dict(obj: object) -> dict[str, Any]:
    """The JSON-ready dict of a model, ``schema_version`` first."""
    _model(type(obj))
    try:
        body = _converter(strict=True).unstructure(obj)
    except NameError:
        raise InvalidTypeError(
            f"{type(obj).__name__} has no JSON form (a derived result, not a wire model)",
            path="obj",
            value=type(obj),
            expected=", ".join(sorted(MODELS)),
        ) from None
    return {"schema_version": SCHEMA_VERSION, **body}


def to_json(obj: object, *, indent: int | None = None) -> str:
    """The JSON text of a model (UTF-8 characters kept, not escaped)."""
    try:
        return json.dumps(to_dict(obj), ensure_ascii=False, indent=indent, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidTypeError(
            f"{type(obj).__name__} has no JSON form: {exc}",
            path="obj",
            value=type(obj),
            expected=", ".join(sorted(MODELS)),
        ) from None


def _structure(
    cls: type[T], data: object, *, strict: bool, newer: bool = False
) -> tuple[T | None, list[Problem], list[Problem]]:
    """Read ``data`` as ``cls``: the value, the problems, and the unknown keys (with, when
    ``newer`` allows a document of a later version, a note saying so)."""
    problems: list[Problem] = []
    unknown: list[Problem] = []
    if not isinstance(data, dict):
        return None, [Problem("$", f"expected a JSON object, got {_kind(data)}")], []
    body = dict(data)
    version = body.pop("schema_version", None)
    expected = f"an integer from 1 to {SCHEMA_VERSION}"
    if "schema_version" not in data:
        problems.append(Problem("$.schema_version", "required field missing", expected=expected))
    elif isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(
            Problem(
                "$.schema_version",
                f"unsupported schema_version {version!r}"[:200],
                value=version,
                expected=expected,
            )
        )
    elif version < SCHEMA_VERSION:
        for step in range(version, SCHEMA_VERSION):
            body = UPGRADES[step](cls, body)  # a copy: the caller's document is unchanged
    elif version > SCHEMA_VERSION:
        message = (
            f"schema_version {version} is newer than this reader's {SCHEMA_VERSION}"
            + ("; read with its unknown keys dropped" if newer else "")
        )[:200]
        note = Problem("$.schema_version", message, value=version, expected=expected)
        (unknown if newer else problems).append(note)
    value: T | None = None
    try:
        value = _converter(strict=strict).structure(body, cls)
    except RecursionError:
        problems.append(Problem("$", "the document is nested too deeply"))
    except Exception as exc:  # every failure: a problem with a path
        problems.extend(_problems(exc, "$", unknown))
    if value is not None and not isinstance(value, cls):
        problems.append(Problem("$", f"expected a {cls.__name__}, got {type(value).__name__}"))
    return value, problems, unknown


def _raise(cls: type, problems: list[Problem]) -> None:
    raise StructureError(f"cannot read {cls.__name__}: {len(problems)} problem(s)", problems)


def from_dict(cls: type[T], data: object) -> T:
    """Build a ``cls`` from a dict read from JSON; unknown keys are refused.

    Raises :class:`~procedurekit.errors.StructureError` listing every problem with its
    JSON path (``$.channels[1].fees[0].amount``).
    """
    _model(cls, reading=True)
    value, problems, _unknown = _structure(cls, data, strict=True)
    if problems or value is None:
        _raise(cls, problems)
    return cast(T, value)


def load_dict(cls: type[T], data: object) -> Loaded[T]:
    """Like :func:`from_dict`, but unknown keys are accepted, dropped and reported, and a
    document of a later ``schema_version`` is read (a note in ``unknown_keys`` says so)."""
    _model(cls, reading=True)
    value, problems, unknown = _structure(cls, data, strict=True, newer=True)
    if not problems and value is not None:
        return Loaded(value, tuple(unknown))
    if any(p not in unknown for p in problems):
        _raise(cls, problems)
    value, problems, _ = _structure(cls, data, strict=False, newer=True)
    if problems or value is None:
        _raise(cls, problems)
    return Loaded(cast(T, value), tuple(unknown))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}"[:200])
        out[key] = value
    return out


def _parse(text: str | bytes | bytearray) -> object:
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise StructureError(
                "cannot read JSON", [Problem("$", f"not UTF-8 text: {exc.reason}")]
            ) from None
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"expected JSON text (str or bytes), got {type(text).__name__}",
            path="text",
            value=text,
            expected="'{\"schema_version\": 1, ...}'",
        )
    text = text.removeprefix("\ufeff")
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_reject_constant,
            parse_float=Decimal,
        )
    except json.JSONDecodeError as exc:
        problem = Problem("$", f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    except RecursionError:
        problem = Problem("$", "invalid JSON: nested too deeply")
    except (ValueError, InvalidOperation, OverflowError) as exc:
        problem = Problem("$", f"invalid JSON: {exc}"[:300])
    raise StructureError("cannot read JSON", [problem])


def parse_json(text: str | bytes) -> object:
    """JSON text as plain values, read as every wire document is: no duplicate keys, no
    ``NaN``, numbers with a fraction as ``Decimal``, UTF-8 with an optional BOM. A failure
    is a :class:`~procedurekit.errors.StructureError` at ``$`` (nesting too deep included)."""
    return _parse(text)


def read_value(t: Any, data: object, *, path: str = "$") -> Any:
    """A value nested in a document (no ``schema_version``), read as type ``t`` by the one
    converter: a duration ``{"unit": "working_days", "value": "5"}`` as ``Duration``.
    Raises :class:`~procedurekit.errors.StructureError` with each problem's path under
    ``path``."""
    unknown: list[Problem] = []
    try:
        return _converter(strict=True).structure(data, t)
    except RecursionError:
        problems = [Problem(path, "the document is nested too deeply")]
    except Exception as exc:  # every failure: a problem with a path
        problems = _problems(exc, path, unknown)
    name = getattr(t, "__name__", str(t))
    raise StructureError(f"cannot read {name}: {len(problems)} problem(s)", problems)


def from_json(cls: type[T], text: str | bytes) -> T:
    """Build a ``cls`` from JSON text; see :func:`from_dict`.

    Refuses ``NaN``/``Infinity``, duplicate keys and non-UTF-8 bytes; a leading BOM is
    ignored. Every failure is a :class:`~procedurekit.errors.StructureError`.
    """
    _model(cls, reading=True)
    return from_dict(cls, _parse(text))


def load_json(cls: type[T], text: str | bytes) -> Loaded[T]:
    """Like :func:`from_json`, but unknown keys are accepted, dropped and reported."""
    _model(cls, reading=True)
    return load_dict(cls, _parse(text))


# -- JSON Schema ---------------------------------------------------------------------------


def _string(pattern: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "pattern": pattern, **extra}


_SCALARS: Final[dict[object, dict[str, Any]]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: _string(_MONEY_RE, description="an amount in VND, as a decimal string"),
    date: _string(_DATE_RE, format="date"),
    time: _string(_TIME_RE, description="a local time, HH:MM[:SS[.ffffff]]"),
    datetime: _string(_DATETIME_RE, format="date-time"),
    timedelta: _string(_SPAN_RE, description="a span of time, ISO 8601 PnDTnHnMnS"),
    ProcedureCode: _string(
        PROCEDURE_CODE_PATTERN, maxLength=_CODE_MAX, description="a national procedure code"
    ),
    DossierCode: _string(
        r"\S",
        maxLength=_CODE_MAX,
        description="a dossier code, standard shape <agency code>-YYMMDD-NNNN",
    ),
}


def _duration_schemas() -> dict[str, dict[str, Any]]:
    defs: dict[str, dict[str, Any]] = {}
    for unit, cls in _DURATION_TYPES.items():
        props: dict[str, Any] = {"unit": {"const": unit}}
        required = ["unit"]
        if cls is SameDay:
            props["cutoff"] = {"anyOf": [_SCALARS[time], {"type": "null"}]}
        elif cls is not NoTimeLimit:
            whole = cls in (CalendarDays, Months)
            props["value"] = _string(_WHOLE_RE if whole else _AMOUNT_RE)
            required.append("value")
        defs[cls.__name__] = {
            "type": "object",
            "description": _doc(cls),
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }
    defs["Duration"] = {
        "description": "a time limit, tagged by its unit",
        "oneOf": [{"$ref": f"#/$defs/{c.__name__}"} for c in _DURATION_TYPES.values()],
    }
    return defs


def _doc(cls: type) -> str:
    return (cls.__doc__ or cls.__name__).strip().split("\n\n")[0].replace("\n", " ")


class _SchemaBuilder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        if _is_duration(cls):
            self.defs.update({k: v for k, v in _duration_schemas().items() if k not in self.defs})
            return {"$ref": f"#/$defs/{'Duration' if cls is Duration else cls.__name__}"}
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cls: type) -> dict[str, Any]:
        try:
            hints = resolve_hints(cls)
        except NameError:
            raise InvalidTypeError(
                f"{cls.__name__} has no JSON form (a derived result, not a wire model)",
                path="cls",
                value=cls,
                expected=", ".join(sorted(MODELS)),
            ) from None
        props: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init or field.metadata.get("wire") is False:
                continue
            schema = self.type_schema(hints[field.name])
            extra = {
                **field.metadata.get("json_schema", {}),
                **_FOREIGN_FIELD_SCHEMA.get((cls, field.name), {}),
            }
            props[field.name] = _merge(schema, extra)
            if field.default is attrs.NOTHING:
                required.append(field.name)
        out: dict[str, Any] = {
            "type": "object",
            "title": cls.__name__,
            "description": _doc(cls),
            "properties": props,
            "additionalProperties": False,
        }
        if required:
            out["required"] = required
        return out

    def type_schema(self, t: Any) -> dict[str, Any]:
        if t is type(None) or t is None:
            return {"type": "null"}
        if t in _SCALARS:
            return dict(_SCALARS[t])
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [self.type_schema(a) for a in args]}
        if origin is tuple:
            (item,) = [a for a in args if a is not Ellipsis]
            return {"type": "array", "items": self.type_schema(item)}
        if origin is frozenset:
            return {"type": "array", "items": self.type_schema(args[0]), "uniqueItems": True}
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"type": "string", "enum": [m.value for m in t]}
        if t is ClockEvent:
            return self.ref(Event)
        if isinstance(t, type) and (attrs.has(t) or _is_duration(t)):
            return self.ref(t)
        raise InvalidTypeError(f"no JSON Schema rule for type {t!r}", value=t)


def _merge(schema: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    if not extra:
        return schema
    if "anyOf" in schema:
        return {"anyOf": [_merge(s, extra) if s.get("type") != "null" else s
                          for s in schema["anyOf"]]}  # fmt: skip
    out = dict(schema)
    for key, value in extra.items():
        if key == "items" and isinstance(value, dict):
            out["items"] = {**out.get("items", {}), **value}
        else:
            out[key] = value
    return out


def json_schema(cls: type | str) -> dict[str, Any]:
    """A JSON Schema 2020-12 document for a model class (or its name, ``"Procedure"``).

    Written from the class's attrs fields and types, with the constraints its fields carry
    in ``metadata["json_schema"]``; the top level requires ``schema_version``. Every
    document :func:`to_json` writes validates; what :func:`from_json` refuses for its
    shape (unknown keys, wrong types, bad dates, codes or amounts) the schema refuses too.
    Rules that span fields (a dossier's event log) are checked by the models only.
    """
    if isinstance(cls, str):
        found = MODELS.get(cls)
        if found is None:
            raise UnknownCodeError(
                f"unknown model {cls!r}",
                path="cls",
                value=cls,
                expected=", ".join(sorted(MODELS)),
            )
        cls = found
    _model(cls)
    builder = _SchemaBuilder()
    if _is_duration(cls):
        builder.ref(cls)
        body = dict(builder.defs.pop(cls.__name__))
    else:
        body = builder.object_schema(cls)
    body["properties"] = {"schema_version": {"const": SCHEMA_VERSION}, **body["properties"]}
    body["required"] = ["schema_version", *body.get("required", [])]
    doc: dict[str, Any] = {
        "$schema": _SCHEMA_URL,
        "$id": f"{_ID_BASE}{cls.__name__}",
        **body,
    }
    if builder.defs:
        doc["$defs"] = dict(sorted(builder.defs.items()))
    return doc
