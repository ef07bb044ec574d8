"""One dossier's facts: what the Decision 766/QĐ-TTg (2022) indicators need of a dossier.

:class:`DossierFacts`, judged from a :class:`~procedurekit.models.dossier.Dossier` by its
clock (:func:`facts_from_dossier`), read from a flat mapping (:func:`facts_from_record`) or
from JSON Lines (:func:`iter_facts_jsonl`); the on-time judgement by date (DOMAIN.md §4).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

import attrs

from procedurekit.deadlines.outcome import classify, restate
from procedurekit.durations import Duration
from procedurekit.errors import InvalidArgumentError, InvalidTypeError, StructureError
from procedurekit.vocab import Outcome

if TYPE_CHECKING:
    from procedurekit.deadlines import DeadlineRules
    from procedurekit.models.dossier import Dossier
    from procedurekit.models.procedure import Procedure


_OUTCOMES: Final = ("early", "on_time", "late", "in_time", "overdue")
_END_KINDS: Final = ("processed", "result_returned", "refused", "stopped", "withdrawn")


# -- one dossier's facts ----------------------------------------------------------------------


def _opt_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not date):
        raise InvalidTypeError(
            f"DossierFacts.{attribute.name} must be a datetime.date or None, "
            f"got {type(value).__name__} {value!r}",
            path=f"DossierFacts.{attribute.name}",
            value=value,
            expected="date(2026, 3, 2)",
        )


def _check_outcome(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and value not in _OUTCOMES:
        raise InvalidArgumentError(
            f"DossierFacts.outcome must be one of {', '.join(_OUTCOMES)} or None, got {value!r}",
            path="DossierFacts.outcome",
            value=value,
            expected="'on_time'",
        )


def _check_end_kind(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and value not in _END_KINDS:
        raise InvalidArgumentError(
            f"DossierFacts.end_kind must be one of {', '.join(_END_KINDS)} or None, got {value!r}",
            path="DossierFacts.end_kind",
            value=value,
            expected="'result_returned'",
        )


@attrs.frozen(kw_only=True)
class DossierFacts:
    """What the metrics need to know of one dossier, already judged.

    ``outcome`` is the on-time classification at ``as_of`` (``"early"``, ``"on_time"``,
    ``"late"``, ``"in_time"``, ``"overdue"``; ``None`` when unknown: not accepted, no
    duration). ``received`` is the receipt day (the grouping month); ``end`` the day of the
    end event by 766 precedence and ``end_kind`` its kind; ``returned`` the day the result
    was returned (service-model same-day checks). ``paper_result`` says the result is a
    document (the 4.1 denominator); ``fee_bearing`` that the procedure charges a fee (3.6).
    Build one with :func:`facts_from_dossier` or :func:`facts_from_record`.
    """

    received: date = attrs.field(validator=_opt_date)
    outcome: str | None = attrs.field(default=None, validator=_check_outcome)
    code: str | None = None
    procedure: str | None = None
    agency: str | None = None
    field: str | None = None
    level: str | None = None
    channel: str | None = None
    due: date | None = attrs.field(default=None, validator=_opt_date)
    committed: date | None = attrs.field(default=None, validator=_opt_date)
    end: date | None = attrs.field(default=None, validator=_opt_date)
    end_kind: str | None = attrs.field(default=None, validator=_check_end_kind)
    returned: date | None = attrs.field(default=None, validator=_opt_date)
    online: bool = False
    fee_bearing: bool = False
    paid_online: bool = False
    paper_result: bool = True
    electronic_result: bool = False
    digitised: bool = False
    reused: bool = False
    complaint: bool = False
    supplement_requests: int = 0


def facts_from_dossier(
    dossier: Dossier,
    rules: DeadlineRules,
    *,
    as_of: date | datetime,
    procedure: Procedure | None = None,
    committed: Duration | None = None,
) -> DossierFacts:
    """Judge ``dossier`` with :meth:`Dossier.clock` and keep the facts the metrics need.

    The time limit is ``procedure``'s terms for the dossier's channel, else its
    ``prescribed_time``; ``committed`` (default ``procedure.committed_time``) a locally cut
    time. The clock applies the rules of DOMAIN.md §4 (end precedence, pauses, more than one
    supplement request is late).
    """
    from procedurekit.vocab import Channel, EventKind

    terms: Any = None
    if procedure is not None:
        terms = procedure.terms_for(dossier.channel)
        if terms is None or terms.duration is None:
            terms = procedure.prescribed_time
        if committed is None:
            committed = procedure.committed_time
    clock = dossier.clock(rules, terms, as_of=as_of, committed=committed)
    received_at = clock.received_at or dossier.received_at or dossier.submitted_at
    if received_at is None:
        raise InvalidArgumentError(
            f"dossier {dossier.code} has no receipt event and no submitted_at",
            path="dossier.events",
            value=str(dossier.code),
            expected="an 'accepted' or 'received' event",
        )
    end = clock.end
    returned = dossier.first(EventKind.RESULT_RETURNED)
    agency = dossier.agency
    fee = False
    if procedure is not None:
        channel_terms = procedure.terms_for(dossier.channel)
        fee = channel_terms is not None and any(
            f.amount is not None and f.amount > 0 for f in channel_terms.fees
        )
    return DossierFacts(
        received=received_at.date(),
        outcome=clock.outcome.value if clock.outcome is not None else None,
        code=str(dossier.code),
        procedure=str(dossier.procedure_code) if dossier.procedure_code else None,
        agency=agency.code if agency is not None else None,
        field=procedure.field if procedure is not None else None,
        level=agency.level.value if agency is not None else None,
        channel=dossier.channel.value,
        due=clock.due_date,
        committed=clock.committed_date,
        end=end.at.date() if end is not None else None,
        end_kind=end.kind.value if end is not None else None,
        returned=returned.at.date() if returned is not None else None,
        online=dossier.channel is Channel.ONLINE,
        fee_bearing=fee or dossier.paid_online,
        paid_online=dossier.paid_online,
        electronic_result=dossier.electronic_result,
        digitised=dossier.digitised_components,
        reused=dossier.reused_digitised_data,
        complaint=dossier.complaint,
        supplement_requests=dossier.supplement_requests,
    )


_BOOL_KEYS: Final = (
    "online",
    "fee_bearing",
    "paid_online",
    "paper_result",
    "electronic_result",
    "digitised",
    "reused",
    "complaint",
)
_TEXT_KEYS: Final = ("code", "procedure", "agency", "field", "level", "channel", "end_kind")
_DATE_KEYS: Final = ("received", "due", "committed", "end", "returned")


def _record_date(value: object, key: str, where: str) -> date | None:
    if value is None or value == "":
        return None
    if type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise InvalidArgumentError(
        f"{where}.{key} must be an ISO date (2026-03-02), got {value!r}",
        path=f"{where}.{key}",
        value=value,
        expected="'2026-03-02' or '2026-03-02T09:15:00'",
    )


def facts_from_record(record: Mapping[str, Any], *, where: str = "record") -> DossierFacts:
    """Read :class:`DossierFacts` from a flat mapping (a JSON Lines object, a CSV row).

    Keys are the attribute names; dates are ISO strings (a datetime string gives its day);
    booleans are JSON booleans or ``"true"``/``"false"``/``"1"``/``"0"``; ``outcome`` may be
    omitted when ``due`` is given: it is then judged from ``due``, ``end`` and the record's
    ``as_of`` (or ``None``) by :func:`procedurekit.deadlines.classify`. A stated outcome of a
    dossier with more than one supplement request becomes late (overdue while open) under
    Decision 766 (decision 8), as every path judges it. ``where`` names the record in
    errors (``"line 12"``).
    """
    if not isinstance(record, Mapping):
        raise InvalidTypeError(
            f"{where} must be a mapping, got {type(record).__name__}",
            path=where,
            value=record,
            expected='{"received": "2026-03-02", "outcome": "on_time"}',
        )
    get = record.get
    received = _record_date(get("received"), "received", where)
    if received is None:
        raise InvalidArgumentError(
            f"{where}.received is required",
            path=f"{where}.received",
            value=None,
            expected="'2026-03-02'",
        )
    kwargs: dict[str, Any] = {"received": received}
    for key in _DATE_KEYS[1:]:
        kwargs[key] = _record_date(get(key), key, where)
    for key in _TEXT_KEYS:
        value = get(key)
        kwargs[key] = None if value is None or value == "" else str(value)
    for key in _BOOL_KEYS:
        value = get(key)
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            kwargs[key] = value
        elif isinstance(value, str) and value.lower() in ("true", "1", "yes"):
            kwargs[key] = True
        elif isinstance(value, str) and value.lower() in ("false", "0", "no"):
            kwargs[key] = False
        elif isinstance(value, int):
            kwargs[key] = bool(value)
        else:
            raise InvalidArgumentError(
                f"{where}.{key} must be a boolean, got {value!r}",
                path=f"{where}.{key}",
                value=value,
                expected="true or false",
            )
    supplements = get("supplement_requests", 0)
    try:
        kwargs["supplement_requests"] = int(supplements or 0)
    except (TypeError, ValueError):
        raise InvalidArgumentError(
            f"{where}.supplement_requests must be an integer, got {supplements!r}",
            path=f"{where}.supplement_requests",
            value=supplements,
            expected="0",
        ) from None
    outcome = get("outcome")
    late = kwargs["supplement_requests"] > 1
    if outcome in (None, ""):
        as_of = _record_date(get("as_of"), "as_of", where)
        found = classify(kwargs["due"], kwargs["end"], as_of, late=late)
        kwargs["outcome"] = found.value if found is not None else None
    else:
        # A stated outcome, under Decision 766: more than one supplement request is late.
        stated = Outcome.lookup(outcome)
        if stated is None:
            raise InvalidArgumentError(
                f"{where}.outcome must be one of {', '.join(_OUTCOMES)}, got {outcome!r}",
                path=f"{where}.outcome",
                value=outcome,
                expected="'on_time'",
            )
        kwargs["outcome"] = restate(stated, late=late).value
    try:
        return DossierFacts(**kwargs)
    except InvalidArgumentError as exc:
        raise InvalidArgumentError(
            f"{where}: {exc.message}", path=f"{where}.{exc.path}", value=exc.value
        ) from None


# -- reading facts from JSON Lines --------------------------------------------------------------


def iter_facts_jsonl(lines: Iterable[str | bytes], *, start: int = 1) -> Iterator[DossierFacts]:
    """:class:`DossierFacts` from JSON Lines (one :func:`facts_from_record` object a line).

    Blank lines are skipped; a bad line raises naming its number (from ``start``).
    """
    loads = json.loads
    for n, line in enumerate(lines, start=start):
        if not line.strip():
            continue
        try:
            record = loads(line)
        except ValueError as exc:
            raise StructureError(f"line {n}: not valid JSON ({exc})") from None
        yield facts_from_record(record, where=f"line {n}")
