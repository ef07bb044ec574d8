"""The JSON documents of the HTTP service and the command line: requests read, answers written.

Pure functions over the library and its one wire format (:mod:`procedurekit.serialize`):
no web framework is imported here, so ``procedurekit deadline --json``, ``--jsonl`` and
``calendar YEAR --format json`` print exactly what the service answers. Every reader names
the field it refuses (``$.received``, ``$.requests[3].duration.value``) and what was
expected, as a :class:`~procedurekit.errors.ProcedureKitError`; :func:`problem` turns one
into an RFC 9457 problem object.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from procedurekit._time import parse_iso
from procedurekit.errors import (
    InputFileError,
    InvalidArgumentError,
    InvalidTypeError,
    MissingExtraError,
    Problem,
    ProcedureKitError,
    StructureError,
)
from procedurekit.phrases.parse import _DEFAULT_UNITS

if TYPE_CHECKING:
    from procedurekit.calendar.hours import OfficeHours
    from procedurekit.calendar.working import DayEntry, WorkingCalendar
    from procedurekit.deadlines.deadline import Deadline
    from procedurekit.durations import Duration
    from procedurekit.phrases.parse import DefaultUnit

__all__ = [
    "MAX_BATCH",
    "answer_lines",
    "batch_answers",
    "calendar_year_document",
    "clock_answer",
    "deadline_answer",
    "deadline_document",
    "phrase_answer",
    "problem",
    "read_json",
    "validate_answer",
]

#: The most deadline requests one batch may hold (``--jsonl`` streams, unbounded).
MAX_BATCH: Final = 1000
_LANGS: Final = ("vi", "en")
_DEADLINE_KEYS: Final = frozenset(
    {
        "received",
        "duration",
        "phrase",
        "default_unit",
        "receipt_policy",
        "service_model",
        "procedure_code",
        "lang",
    }
)
_CLOCK_KEYS: Final = frozenset(
    {
        "dossier",
        "terms",
        "duration",
        "as_of",
        "receipt_policy",
        "service_model",
        "financial_obligation_pauses",
    }
)
_DEADLINE_EXAMPLE: Final = '{"received": "2026-02-13T10:00:00+07:00", "phrase": "05 ngày làm việc"}'
_SAFE_NAME: Final = re.compile(r"[^A-Za-z0-9._-]")


# -- answers shared with the command line --------------------------------------------------


def deadline_document(
    dl: Deadline, *, received: date | datetime, receipt_policy: str, lang: str = "vi"
) -> dict[str, Any]:
    """The deadline document: the ``Deadline`` of the wire format (docs/wire-format.md)
    and what a caller asked and reads on a slip: ``received``, ``receipt_policy``, the days
    ``explanation``, the ``slip`` line in ``lang`` and ``slips`` in Vietnamese and English.
    ``procedurekit deadline --json`` prints it; ``POST /v1/deadlines`` answers it."""
    from procedurekit.deadlines import format_deadline
    from procedurekit.serialize import to_dict

    return {
        **to_dict(dl),
        "received": received.isoformat(),
        "receipt_policy": receipt_policy,
        "explanation": [
            {"date": e[0].isoformat(), "reason_vi": e[1], "reason_en": e[2], "source": e[3]}
            for e in dl.explain()
        ],
        "slip": format_deadline(dl, lang="en" if lang == "en" else "vi"),
        "slips": {code: format_deadline(dl, lang=code) for code in _LANGS},
    }


def _day_row(e: DayEntry) -> dict[str, Any]:
    return {
        "date": e.day.isoformat(),
        "weekday": e.day.strftime("%a"),
        "working": e.working,
        "kind": e.kind.value,
        "name_vi": e.name_vi,
        "name_en": e.name_en,
        "source": e.source,
        "announced": e.announced.isoformat() if e.announced else None,
        "status": e.status.value,
    }


def calendar_year_document(cal: WorkingCalendar, year: int) -> dict[str, Any]:
    """A year's days off and make-up working days with their sources and status, as
    ``procedurekit calendar YEAR --format json`` prints and ``GET /v1/calendar/{year}``
    answers."""
    status = cal.year_status(year)
    return {
        "year": year,
        "provisional": status != "complete",
        "status": status,
        "data_version": cal.data_version,
        "days_off": [_day_row(e) for e in cal.days_off(year)],
        "working_days": [_day_row(e) for e in cal.makeup_days(year)],
    }


# -- problems ------------------------------------------------------------------------------


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name.removesuffix("Error")).lower()


def _plain(value: object) -> object:
    """A JSON-safe, short form of a received value."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = value if isinstance(value, str | Decimal) else repr(value)
    text = str(text)
    text = text if len(text) <= 200 else text[:200] + "…"
    # A lone surrogate cannot be written as UTF-8: shown escaped.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _problem_item(p: Problem) -> dict[str, Any]:
    item: dict[str, Any] = {"path": p.path, "message": p.message}
    if p.value is not None:
        item["value"] = _plain(p.value)
    if p.expected:
        item["expected"] = p.expected
    return item


_TITLES: Final = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    408: "Request Timeout",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    501: "Not Implemented",
    503: "Service Unavailable",
}


def problem(
    error: ProcedureKitError | None = None,
    *,
    status: int | None = None,
    detail: str | None = None,
    kind: str | None = None,
) -> dict[str, Any]:
    """An RFC 9457 problem object for ``error`` (or for ``status`` and ``detail``).

    ``type`` is ``urn:procedurekit:problem:<kind>`` (the error class in kebab case, e.g.
    ``structure``, ``invalid-argument``, ``duration-parse``); ``errors`` lists every
    problem with its ``path``, ``message``, the received ``value`` and what was
    ``expected``; ``path`` and ``expected`` repeat the first one at the top level.
    """
    if error is not None:
        # a missing extra is the server's lack, not the request's fault
        status = status or (501 if isinstance(error, MissingExtraError) else 422)
        kind = kind or _kebab(type(error).__name__)
        if isinstance(error, StructureError) and error.problems:
            items = [_problem_item(p) for p in error.problems[:50]]
            detail = detail or error.message.split(":\n", 1)[0]
        else:
            items = [
                _problem_item(
                    Problem(
                        error.path or "$", error.message, value=error.value, expected=error.expected
                    )
                )
            ]
            detail = detail or error.message
    else:
        items = []
    status = status or 500
    out: dict[str, Any] = {
        "type": f"urn:procedurekit:problem:{kind or 'http-' + str(status)}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail or _TITLES.get(status, "Error"),
    }
    if items:
        out["path"] = items[0]["path"]
        if "expected" in items[0]:
            out["expected"] = items[0]["expected"]
        out["errors"] = items
    return out


# -- reading requests ----------------------------------------------------------------------


def read_json(body: bytes | str) -> object:
    """A request body as JSON, read by the wire format's one reader (no duplicate keys,
    no NaN, decimals kept, nesting bounded); :class:`StructureError` at ``$`` otherwise."""
    from procedurekit.serialize import parse_json

    return parse_json(body)


def _object(value: object, path: str, keys: frozenset[str], example: str) -> Mapping[str, Any]:
    """``value`` as a request object whose keys are all among ``keys``."""
    from procedurekit.serialize import _key_path

    if not isinstance(value, dict):
        raise InvalidTypeError(
            f"{path} must be a JSON object, got {_what(value)}",
            path=path,
            value=value,
            expected=example,
        )
    extra = sorted(k for k in value if k not in keys)
    if extra:
        raise StructureError(
            f"unknown key(s) in {path}",
            [
                Problem(
                    _key_path(path, k),
                    f"unknown key {k!r}"[:200],
                    expected="one of " + ", ".join(sorted(keys)),
                )
                for k in extra
            ],
        )
    return value


def _what(value: object) -> str:
    """What a received value is, in the wire format's words ("the number 5", "an array")."""
    from procedurekit.serialize import _kind

    return _kind(value)


def _text(req: Mapping[str, Any], key: str, path: str, *, example: str) -> str | None:
    """A string field, read by the wire format's string rule (no lone surrogates)."""
    from procedurekit.serialize import read_value

    value = req.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{path}.{key} must be a string, got {_what(value)}",
            path=f"{path}.{key}",
            value=value,
            expected=example,
        )
    text: str = read_value(str, value, path=f"{path}.{key}")
    return text


def _required(req: Mapping[str, Any], key: str, path: str, *, example: str) -> str:
    value = _text(req, key, path, example=example)
    if value is None:
        raise InvalidArgumentError(
            f"{path}.{key} is required",
            path=f"{path}.{key}",
            expected=example,
        )
    return value


def _choice(
    req: Mapping[str, Any], key: str, path: str, choices: Iterable[str], default: str
) -> str:
    options = list(choices)
    value = _text(req, key, path, example=repr(default))
    if value is None:
        return default
    if value not in options:
        raise InvalidArgumentError(
            f"{path}.{key} must be one of {', '.join(options)}, got {value!r}"[:300],
            path=f"{path}.{key}",
            value=value,
            expected=" or ".join(repr(o) for o in options),
        )
    return value


def _moment(req: Mapping[str, Any], key: str, path: str) -> date | datetime:
    text = _required(req, key, path, example='"2026-02-13T10:00:00+07:00" or "2026-02-13"')
    return parse_iso(text, f"{path}.{key}")


def _under(error: StructureError, path: str) -> StructureError:
    """``error`` with each problem's ``$`` path moved under ``path``."""
    moved = [
        Problem(path + p.path[1:], p.message, value=p.value, expected=p.expected)
        for p in error.problems
    ]
    return StructureError(f"cannot read {path}", moved)


def _duration(value: object, path: str) -> Duration:
    from procedurekit.durations import Duration
    from procedurekit.serialize import read_value

    if isinstance(value, dict) and "schema_version" in value:
        value = {k: v for k, v in value.items() if k != "schema_version"}
    try:
        return cast("Duration", read_value(Duration, value))
    except StructureError as exc:
        raise _under(exc, path) from None


@functools.lru_cache(maxsize=64)
def _rules(calendar: WorkingCalendar, hours: OfficeHours, policy: str) -> Any:
    """The rules of a calendar, schedule and policy: built once, shared (they are frozen)."""
    from procedurekit.deadlines import DeadlineRules

    return DeadlineRules(calendar=calendar, hours=hours, receipt_policy=policy)  # type: ignore[arg-type]


def _policies() -> list[str]:
    from procedurekit.deadlines.rules import RECEIPT_POLICIES

    return list(RECEIPT_POLICIES)


def _parse(text: str, unit: str | None) -> Duration:
    from procedurekit.phrases import parse_duration

    return parse_duration(text, default_unit=cast("DefaultUnit | None", unit))


_parse_remembered = functools.lru_cache(maxsize=4096)(_parse)


def _parsed(text: str, unit: str | None) -> Duration:
    """:func:`~procedurekit.parse_duration`, remembered for catalogue-sized phrases: a batch
    repeats a few, and a duration is a frozen value (a refused phrase raises each time; a
    long text is not kept)."""
    return (_parse_remembered if len(text) <= 300 else _parse)(text, unit)


class _Fields:
    """Reads a request's fields one by one, keeping every problem: one problem is raised as
    it came; several as one :class:`StructureError` listing each with its path."""

    def __init__(self) -> None:
        self.errors: list[ProcedureKitError] = []

    def read(self, read: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return read(*args, **kwargs)
        except ProcedureKitError as exc:
            self.errors.append(exc)
            return None

    def check(self, path: str) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            problems = [
                p
                for e in self.errors
                for p in (
                    e.problems
                    if isinstance(e, StructureError) and e.problems
                    else (Problem(e.path or path, e.message, value=e.value, expected=e.expected),)
                )
            ]
            raise StructureError(f"{path} has {len(problems)} problems", problems)


def _request_duration(req: Mapping[str, Any], path: str) -> Duration:
    """The request's ``duration`` (wire form) or ``phrase`` (with ``default_unit``)."""
    has_duration, phrase = req.get("duration") is not None, req.get("phrase")
    if has_duration == (phrase is not None):
        raise InvalidArgumentError(
            f"{path} needs exactly one of duration (the wire form) or phrase (a time-limit text)",
            path=f"{path}.duration",
            value=None,
            expected='"duration": {"unit": "working_days", "value": "5"} or '
            '"phrase": "05 ngày làm việc"',
        )
    unit = req.get("default_unit")
    if unit is not None:
        if has_duration:
            raise InvalidArgumentError(
                f"{path}.default_unit goes with phrase",
                path=f"{path}.default_unit",
                value=unit,
                expected="no default_unit with duration",
            )
        unit = _choice(req, "default_unit", path, _DEFAULT_UNITS, "working_days")
    if has_duration:
        return _duration(req["duration"], f"{path}.duration")
    text = _required(req, "phrase", path, example='"05 ngày làm việc"')
    try:
        return _parsed(text, unit)
    except ProcedureKitError as exc:
        exc.path = f"{path}.phrase"
        raise


def deadline_answer(
    request: object, *, calendar: WorkingCalendar, hours: OfficeHours, path: str = "$"
) -> dict[str, Any]:
    """The deadline document (:func:`deadline_document`) for one deadline request.

    A request: ``received`` (an ISO date, the day's opening, or moment; without an offset
    Vietnam time), either ``duration`` (the wire form, ``{"unit": "working_days", "value":
    "5"}``) or ``phrase`` (``"05 ngày làm việc"``, with ``default_unit`` for a bare
    number), ``receipt_policy`` (default ``as-submitted``), ``service_model`` and
    ``procedure_code``, ``lang`` of the slip line (``vi`` or ``en``).
    """
    from procedurekit.deadlines import ServiceModel

    req = _object(request, path, _DEADLINE_KEYS, _DEADLINE_EXAMPLE)
    fields = _Fields()  # every field's problem is reported, not the first only
    received = fields.read(_moment, req, "received", path)
    duration = fields.read(_request_duration, req, path)
    policy = fields.read(_choice, req, "receipt_policy", path, _policies(), "as-submitted")
    lang = fields.read(_choice, req, "lang", path, _LANGS, "vi")
    name = fields.read(_text, req, "service_model", path, example='"quick-friday"')
    code = fields.read(_text, req, "procedure_code", path, example='"1.001234"')
    fields.check(path)
    model = None
    if name is not None:
        if code is None:
            raise InvalidArgumentError(
                f"{path}.service_model needs procedure_code: a service model serves only the "
                "procedures a province lists",
                path=f"{path}.procedure_code",
                expected='"procedure_code": "1.001234"',
            )
        model = ServiceModel.preset(name, procedures=[code])
    dl = _rules(calendar, hours, policy).due(
        received, duration, service_model=model, procedure_code=code
    )
    return deadline_document(dl, received=received, receipt_policy=policy, lang=lang)


def _answer(request: object, calendar: WorkingCalendar, hours: OfficeHours, path: str) -> Any:
    """One answer of a batch: ``{"deadline": ...}`` or ``{"problem": ...}``."""
    try:
        return {"deadline": deadline_answer(request, calendar=calendar, hours=hours, path=path)}
    except ProcedureKitError as exc:
        return {"problem": problem(exc)}
    except RecursionError:
        return {
            "problem": problem(StructureError("cannot read", [Problem(path, "nested too deeply")]))
        }


def batch_answers(
    request: object, *, calendar: WorkingCalendar, hours: OfficeHours
) -> dict[str, Any]:
    """``{"requests": [...]}`` (at most :data:`MAX_BATCH`) → ``{"answers": [...]}`` in the
    same order, each ``{"deadline": document}`` or ``{"problem": problem object}``: one bad
    request does not spoil the others."""
    req = _object(request, "$", frozenset({"requests"}), f'{{"requests": [{_DEADLINE_EXAMPLE}]}}')
    items = req.get("requests")
    if not isinstance(items, list):
        raise InvalidTypeError(
            f"$.requests must be an array of deadline requests, got {_what(items)}",
            path="$.requests",
            value=items,
            expected='[{"received": "2026-02-13T10:00", "phrase": "05 ngày làm việc"}]',
        )
    if len(items) > MAX_BATCH:
        raise InvalidArgumentError(
            f"$.requests holds {len(items)} requests; at most {MAX_BATCH} a batch",
            path="$.requests",
            value=len(items),
            expected=f"1 to {MAX_BATCH} requests; split the rest into more batches",
        )
    return {
        "answers": [
            _answer(item, calendar, hours, f"$.requests[{i}]") for i, item in enumerate(items)
        ]
    }


def answer_lines(
    lines: Iterable[str | bytes], *, calendar: WorkingCalendar, hours: OfficeHours
) -> Iterator[dict[str, Any]]:
    """JSON Lines: one answer (as in :func:`batch_answers`) per request line, streaming;
    blank lines are skipped; a problem carries the ``line`` number (from 1) it answers, and
    a line that is not JSON is answered by a 400 problem."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            answer = _answer(read_json(line), calendar, hours, "$")
        except StructureError as exc:
            answer = {"problem": problem(exc, status=400, kind="invalid-json")}
        if "problem" in answer:
            answer["problem"]["line"] = number
        yield answer


def clock_answer(
    request: object, *, calendar: WorkingCalendar, hours: OfficeHours
) -> dict[str, Any]:
    """The ``DossierClock`` document for ``{"dossier": <Dossier document>, "terms":
    <ChannelTerms document> | "duration": <Duration>, "as_of": moment, "receipt_policy",
    "service_model", "financial_obligation_pauses"}``."""
    from procedurekit.deadlines import ServiceModel
    from procedurekit.deadlines.clock import FINANCIAL_OBLIGATION_POLICIES
    from procedurekit.models import ChannelTerms, Dossier
    from procedurekit.serialize import from_dict, to_dict

    req = _object(
        request,
        "$",
        _CLOCK_KEYS,
        '{"dossier": {...}, "duration": {"unit": "working_days", "value": "5"}, '
        '"as_of": "2026-03-12"}',
    )
    if "dossier" not in req:
        raise InvalidArgumentError(
            "$.dossier is required: the dossier in the wire format (pk.to_json(dossier))",
            path="$.dossier",
            expected='{"schema_version": 2, "code": "...", "channel": "counter", "events": [...]}',
        )
    try:
        dossier = from_dict(Dossier, req["dossier"])
    except StructureError as exc:
        raise _under(exc, "$.dossier") from None
    terms: ChannelTerms | Duration | None = None
    if req.get("terms") is not None and req.get("duration") is not None:
        raise InvalidArgumentError(
            "$ takes terms or duration, not both",
            path="$.duration",
            expected="one of terms (a ChannelTerms document) or duration",
        )
    if req.get("terms") is not None:
        try:
            terms = from_dict(ChannelTerms, req["terms"])
        except StructureError as exc:
            raise _under(exc, "$.terms") from None
    elif req.get("duration") is not None:
        terms = _duration(req["duration"], "$.duration")
    as_of = _moment(req, "as_of", "$")
    policy = _choice(req, "receipt_policy", "$", _policies(), "as-submitted")
    pauses = _choice(
        req, "financial_obligation_pauses", "$", FINANCIAL_OBLIGATION_POLICIES, "if-excluded"
    )
    name = _text(req, "service_model", "$", example='"quick-friday"')
    model = None
    if name is not None:
        code = dossier.procedure_code
        model = ServiceModel.preset(name, procedures=[code] if code is not None else "all")
    clock = dossier.clock(
        _rules(calendar, hours, policy),
        terms,
        as_of=as_of,
        service_model=model,
        financial_obligation_pauses=pauses,  # type: ignore[arg-type]
        missing_duration="flag",
    )
    return to_dict(clock)


def phrase_answer(request: object) -> dict[str, Any]:
    """``{"text": phrase, "default_unit"?}`` → ``{"processing_time": <ProcessingTime>,
    "duration": <the general case as a Duration document>}``."""
    from procedurekit.phrases import parse_duration, parse_processing_time
    from procedurekit.serialize import to_dict

    req = _object(request, "$", frozenset({"text", "default_unit"}), '{"text": "05 ngày làm việc"}')
    text = _required(req, "text", "$", example='"05 ngày làm việc"')
    unit = req.get("default_unit")
    if unit is not None:
        unit = _choice(req, "default_unit", "$", _DEFAULT_UNITS, "working_days")
    try:
        duration = parse_duration(text, default_unit=cast("DefaultUnit | None", unit))
        found = parse_processing_time(text)
    except ProcedureKitError as exc:
        exc.path = "$.text"
        raise
    return {"processing_time": to_dict(found), "duration": to_dict(duration)}


def validate_answer(body: bytes, filename: str, *, max_bytes: int) -> dict[str, Any]:
    """The validation report (``procedurekit validate --format json``) of an uploaded
    catalogue ``body``; ``filename``'s suffix says its format, as for a file the CLI reads
    (.csv, .tsv, .xlsx, .json, .jsonl, ..., each optionally .gz). Read within the read
    limits, the file at most ``max_bytes``."""
    from procedurekit.checks import validate_files
    from procedurekit.io._limits import ReadLimits
    from procedurekit.io._tables import detect_format

    base = _SAFE_NAME.sub("_", os.path.basename(filename.replace("\\", "/")))[-100:] or "upload"
    detect_format(Path(base))  # the readers' own rule, before anything is written
    limits = ReadLimits(max_catalogue_bytes=max_bytes)
    with tempfile.TemporaryDirectory(prefix="procedurekit-upload-") as folder:
        path = Path(folder) / base
        path.write_bytes(body)
        try:
            report = validate_files([path], limits=limits)
        except InputFileError as exc:  # named by the name given, not the temporary folder
            raise InputFileError(
                exc.message.replace(str(path), base),
                path=base,
                value=exc.value,
                expected=exc.expected,
                line=exc.line,
            ) from None
        text = report.to_json(indent=None)
        # The report names the file read: the name given, not the temporary folder.
        text = text.replace(json.dumps(str(path), ensure_ascii=False)[1:-1], base)
    data: dict[str, Any] = json.loads(text)
    return data
