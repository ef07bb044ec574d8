"""Service metrics: the Decision 766/QĐ-TTg (2022) indicators, time cuts, online service,
service models and the initiative register (DOMAIN.md §6–7).

Decision 766/QĐ-TTg (23 June 2022) scores how provinces and ministries serve people and
businesses in five groups worth 100 points: disclosure 18, progress 20, digitisation 22,
online service 22, satisfaction 18. The indicators computable from dossier records and the
catalogue are configuration (:class:`Indicator766`, :class:`ScoringConfig`) with the 2022
values as default:

=====  =====================================  ======================================  =====
code   indicator                              rate                                    full
=====  =====================================  ======================================  =====
2.1    on time                                (early + on time + open in time) /      –
                                              dossiers with an outcome
3.1    procedures with online service         partial or full online / all procedures 80 %
3.3    online dossiers                        received online / received              50 %
3.6    online payment                         paid online / of fee-bearing procedures –
4.1    electronic results                     electronic result / result is a paper   –
4.2    digitised dossiers                     digitised components and e-result / all 80 %
4.3    reuse of digitised data                reusing digitised data / received       80 %
5.4    satisfaction                           100 % − (late rate + complaint rate)    90 %
=====  =====================================  ======================================  =====

Score = min(1, rate / threshold) × points; an indicator without a threshold ("–") scores
rate × points. **Assumption**: the split of a group's points among its indicators is not
confirmed from the Decision's annex; the defaults (2.1: 20; 3.1: 6, 3.3: 6, 3.6: 10 as the
newer dashboards that split payment out; 4.1: 7, 4.2: 8, 4.3: 7; 5.4: 18) are configuration.

Dossier rules (DOMAIN.md §4), applied by :meth:`Dossier.clock` or given in
:class:`DossierFacts`: the end time is the first end event by precedence (processed >
result returned > stopped/refused > withdrawn); the supplement interval is not counted;
more than one supplement request counts late; an open dossier is in time or overdue at
``as_of``. A withdrawn dossier leaves the 2.1 denominator (configurable).

Everything aggregates with running counters (:class:`MetricsAccumulator`): memory grows with
the number of groups, never with the number of dossiers, so a generator of 10 M dossiers
streams through in bounded memory; accumulators :meth:`~MetricsAccumulator.merge`, so
partitions can be counted apart (``procedurekit.contrib.dask``).
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from procedurekit.calendar.working import WorkingCalendar
from procedurekit.durations import CalendarDays, Duration, SameDay, WorkingDays
from procedurekit.errors import InvalidArgumentError, InvalidTypeError, StructureError

if TYPE_CHECKING:
    from procedurekit.calendar.service import ServiceModel
    from procedurekit.deadlines import DeadlineRules
    from procedurekit.io import DossierRecord, FindingSink, ProcedureRecord
    from procedurekit.models.dossier import Dossier
    from procedurekit.models.initiative import Initiative
    from procedurekit.models.procedure import Procedure

__all__ = [
    "BACGIANG_2016_COLUMNS",
    "DECISION_766_2022",
    "GROUPS",
    "GROUP_KEYS",
    "CountColumns",
    "Counts",
    "DossierFacts",
    "GroupResult",
    "Indicator766",
    "IndicatorValue",
    "InitiativeRow",
    "InitiativeSummary",
    "MetricsAccumulator",
    "MetricsResult",
    "OnlineServiceSummary",
    "ScoringConfig",
    "ServiceModelPerformance",
    "TimeCutReport",
    "TimeCutRow",
    "compute_metrics",
    "facts_from_dossier",
    "facts_from_dossier_record",
    "facts_from_record",
    "initiative_summary",
    "iter_facts_jsonl",
    "metrics_from_count_rows",
    "metrics_from_files",
    "online_service_summary",
    "procedure_from_record",
    "rates_from_counts",
    "read_count_table",
    "service_model_performance",
    "time_cut_report",
]

#: The five groups of Decision 766/QĐ-TTg (2022), in report order.
GROUPS: Final = ("disclosure", "progress", "online_service", "digitisation", "satisfaction")

#: Names a dossier can be grouped by (:func:`compute_metrics` ``by``).
GROUP_KEYS: Final = ("agency", "field", "level", "procedure", "channel", "month", "quarter")

GroupKey = Literal["agency", "field", "level", "procedure", "channel", "month", "quarter"]

_GROUP_NAMES: Final = {
    "disclosure": ("Công khai, minh bạch", "Disclosure"),
    "progress": ("Tiến độ giải quyết", "Progress"),
    "online_service": ("Dịch vụ công trực tuyến", "Online service"),
    "digitisation": ("Số hóa hồ sơ", "Digitisation"),
    "satisfaction": ("Mức độ hài lòng", "Satisfaction"),
}

_OUTCOMES: Final = ("early", "on_time", "late", "in_time", "overdue")
_END_KINDS: Final = ("processed", "result_returned", "refused", "stopped", "withdrawn")


# -- configuration -----------------------------------------------------------------------------


def _check_fraction(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise InvalidArgumentError(
            f"{attribute.name} must be a share in (0, 1], got {value!r}",
            path=attribute.name,
            value=value,
            expected="0.8 for 80 %",
        )


def _check_points(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InvalidArgumentError(
            f"{attribute.name} must be a non-negative number of points, got {value!r}",
            path=attribute.name,
            value=value,
            expected="20",
        )


def _check_group(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in GROUPS:
        raise InvalidArgumentError(
            f"group must be one of {', '.join(GROUPS)}, got {value!r}",
            path=attribute.name,
            value=value,
            expected="'progress'",
        )


@attrs.frozen
class Indicator766:
    """One indicator of Decision 766/QĐ-TTg: its code, group, points and full-score threshold.

    ``threshold`` is the rate that earns full points (``0.8`` = 80 %), ``None`` when the
    Decision sets none (then the score is rate × points).
    """

    code: str
    group: str = attrs.field(validator=_check_group)
    name_en: str
    name_vi: str
    points: float = attrs.field(validator=_check_points)
    threshold: float | None = attrs.field(default=None, validator=_check_fraction)

    def score(self, rate: float | None) -> float | None:
        """``min(1, rate / threshold) × points``; ``None`` when the rate is unknown."""
        if rate is None:
            return None
        full = self.threshold if self.threshold is not None else 1.0
        return min(1.0, max(0.0, rate) / full) * self.points


def _indicators(value: Iterable[Indicator766]) -> tuple[Indicator766, ...]:
    items = tuple(value)
    codes = [i.code for i in items]
    if len(set(codes)) != len(codes):
        raise InvalidArgumentError(
            f"indicator codes must be unique, got {codes}",
            path="indicators",
            value=codes,
            expected="one Indicator766 per code",
        )
    return items


def _group_points(
    value: Mapping[str, float] | Iterable[tuple[str, float]],
) -> tuple[tuple[str, float], ...]:
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    for name, points in pairs:
        if name not in GROUPS:
            raise InvalidArgumentError(
                f"group_points has an unknown group {name!r}",
                path="group_points",
                value=name,
                expected=", ".join(GROUPS),
            )
        if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
            raise InvalidArgumentError(
                f"group_points[{name!r}] must be a non-negative number, got {points!r}",
                path=f"group_points[{name!r}]",
                value=points,
                expected="20",
            )
    return pairs


@attrs.frozen
class ScoringConfig:
    """Indicators, group points and options of a scoring: Decision 766/QĐ-TTg by default.

    ``exclude_withdrawn``: a dossier withdrawn by the applicant (công dân rút) leaves the
    2.1 denominator (the provincial reports list it apart, "trả lại / rút").
    Change a value with :func:`attrs.evolve` or :meth:`with_indicator`.
    """

    indicators: tuple[Indicator766, ...] = attrs.field(converter=_indicators)
    group_points: tuple[tuple[str, float], ...] = attrs.field(converter=_group_points)
    name: str = "custom"
    source: str | None = None
    exclude_withdrawn: bool = attrs.field(default=True, kw_only=True)

    @classmethod
    def decision_766_2022(cls) -> ScoringConfig:
        """The 2022 values of Decision 766/QĐ-TTg (DOMAIN.md §6); see the module doc."""
        return DECISION_766_2022

    def indicator(self, code: str) -> Indicator766:
        """The indicator with ``code`` ("2.1")."""
        for item in self.indicators:
            if item.code == code:
                return item
        raise InvalidArgumentError(
            f"no indicator {code!r} in this configuration",
            path="code",
            value=code,
            expected=", ".join(i.code for i in self.indicators),
        )

    def points_of(self, group: str) -> float:
        """The points of ``group`` (its share of the 100)."""
        return dict(self.group_points).get(group, 0.0)

    def with_indicator(self, code: str, **changes: Any) -> ScoringConfig:
        """A copy with indicator ``code`` changed: ``with_indicator("3.3", threshold=0.6)``."""
        old = self.indicator(code)
        new = attrs.evolve(old, **changes)
        return attrs.evolve(self, indicators=tuple(new if i is old else i for i in self.indicators))


#: Decision 766/QĐ-TTg (2022), the default configuration.
DECISION_766_2022: Final = ScoringConfig(
    indicators=(
        Indicator766("2.1", "progress", "on time", "Giải quyết đúng hạn", 20),
        Indicator766(
            "3.1", "online_service", "procedures with online service", "TTHC có DVCTT", 6, 0.8
        ),
        Indicator766("3.3", "online_service", "online dossiers", "Hồ sơ trực tuyến", 6, 0.5),
        Indicator766("3.6", "online_service", "online payment", "Thanh toán trực tuyến", 10),
        Indicator766("4.1", "digitisation", "electronic results", "Cấp kết quả điện tử", 7),
        Indicator766("4.2", "digitisation", "digitised dossiers", "Số hóa hồ sơ", 8, 0.8),
        Indicator766(
            "4.3", "digitisation", "reuse of digitised data", "Tái sử dụng dữ liệu số hóa", 7, 0.8
        ),
        Indicator766("5.4", "satisfaction", "satisfaction", "Mức độ hài lòng", 18, 0.9),
    ),
    group_points=(
        ("disclosure", 18),
        ("progress", 20),
        ("online_service", 22),
        ("digitisation", 22),
        ("satisfaction", 18),
    ),
    name="Decision 766/QĐ-TTg (2022)",
    source="Quyết định 766/QĐ-TTg ngày 23/6/2022 (Bộ chỉ số chỉ đạo, điều hành và đánh giá "
    "chất lượng phục vụ người dân, doanh nghiệp); per-indicator points are an assumption",
)


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
    from procedurekit.channel import Channel
    from procedurekit.models.dossier import EventKind

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
    ``as_of`` (or ``None``) with more than one supplement request counting late. ``where``
    names the record in errors (``"line 12"``).
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
    if outcome in (None, ""):
        as_of = _record_date(get("as_of"), "as_of", where)
        outcome = _judge(kwargs["due"], kwargs["end"], as_of, kwargs["supplement_requests"])
    kwargs["outcome"] = outcome
    try:
        return DossierFacts(**kwargs)
    except InvalidArgumentError as exc:
        raise InvalidArgumentError(
            f"{where}: {exc.message}", path=f"{where}.{exc.path}", value=exc.value
        ) from None


def _judge(due: date | None, end: date | None, as_of: date | None, supplements: int) -> str | None:
    """Outcome by date (DOMAIN.md §4); more than one supplement request is late."""
    late = supplements > 1
    if end is not None:
        if late or (due is not None and end > due):
            return "late"
        return "on_time" if due is None or end == due else "early"
    if as_of is None:
        return None
    if late or (due is not None and as_of > due):
        return "overdue"
    return "in_time"


# -- counts and results -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Counts:
    """The counters behind every rate. ``processed`` is the number of finished dossiers the
    outcome shares are taken of (early + on time + late unless a report gives its own)."""

    received: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_time: int = 0
    overdue: int = 0
    unknown: int = 0
    withdrawn: int = 0
    online: int = 0
    fee_bearing: int = 0
    paid_online: int = 0
    paper_result: int = 0
    electronic_result: int = 0
    digitised: int = 0
    reused: int = 0
    complaints: int = 0
    multiple_supplements: int = 0
    processed: int | None = None

    @property
    def judged(self) -> int:
        """Dossiers with an outcome: the 2.1 denominator."""
        return self.early + self.on_time + self.late + self.in_time + self.overdue

    @property
    def finished(self) -> int:
        """Finished dossiers: ``processed`` when a report gives it, else early+on time+late."""
        if self.processed is not None:
            return self.processed
        return self.early + self.on_time + self.late

    def to_dict(self) -> dict[str, int | None]:
        """The counters as a plain dict (JSON, CSV)."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class IndicatorValue:
    """One indicator's value for one group: the counts, the rate and the score."""

    code: str
    group: str
    name_en: str
    name_vi: str
    numerator: int | None
    denominator: int | None
    rate: float | None
    threshold: float | None
    points: float
    score: float | None


@attrs.frozen(kw_only=True)
class GroupResult:
    """The metrics of one group of dossiers (one agency, one month, or everything).

    ``key`` is the grouping value(s), ``()`` for the whole; ``indicators`` every configured
    indicator (rate ``None`` when its data is absent); ``group_scores`` per 766 group:
    ``(group, score, computed_points, group_points)``; ``total`` the sum of the scores and
    ``total_points`` the points those scores were out of.
    """

    key: tuple[str, ...]
    counts: Counts
    indicators: tuple[IndicatorValue, ...]
    group_scores: tuple[tuple[str, float, float, float], ...]
    total: float
    total_points: float

    def indicator(self, code: str) -> IndicatorValue:
        """The value of indicator ``code``."""
        for item in self.indicators:
            if item.code == code:
                return item
        raise InvalidArgumentError(
            f"no indicator {code!r}", path="code", value=code, expected="'2.1'"
        )

    def rate(self, code: str) -> float | None:
        """The rate of indicator ``code`` (0..1), ``None`` when unknown."""
        return self.indicator(code).rate

    @property
    def on_time_rate(self) -> float | None:
        """Indicator 2.1: (early + on time + open in time) / dossiers with an outcome."""
        return (
            self.rate("2.1")
            if _has(self, "2.1")
            else _ratio(
                self.counts.early + self.counts.on_time + self.counts.in_time, self.counts.judged
            )
        )

    @property
    def returned_on_time_rate(self) -> float | None:
        """(early + on time) / finished: the rate provincial monthly reports print."""
        c = self.counts
        return _ratio(c.early + c.on_time, c.early + c.on_time + c.late)

    def share(self, outcome: str) -> float | None:
        """``outcome`` ("early", "on_time", "late") as a share of finished dossiers."""
        if outcome not in ("early", "on_time", "late"):
            raise InvalidArgumentError(
                f"share takes 'early', 'on_time' or 'late', got {outcome!r}",
                path="outcome",
                value=outcome,
                expected="'late'",
            )
        return _ratio(getattr(self.counts, outcome), self.counts.finished)


def _has(result: GroupResult, code: str) -> bool:
    return any(i.code == code for i in result.indicators)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _evaluate(
    key: tuple[str, ...],
    c: Counts,
    config: ScoringConfig,
    *,
    procedures_online: tuple[int, int] | None = None,
) -> GroupResult:
    judged = c.judged
    late_rate = _ratio(c.late + c.overdue, judged)
    complaint_rate = _ratio(c.complaints, c.received)
    satisfaction: float | None = None
    if late_rate is not None:
        satisfaction = max(0.0, 1.0 - late_rate - (complaint_rate or 0.0))
    pairs: dict[str, tuple[int | None, int | None, float | None]] = {
        "2.1": (c.early + c.on_time + c.in_time, judged, None),
        "3.3": (c.online, c.received, None),
        "3.6": (c.paid_online, c.fee_bearing, None),
        "4.1": (c.electronic_result, c.paper_result, None),
        "4.2": (c.digitised, c.received, None),
        "4.3": (c.reused, c.received, None),
        "5.4": (None, None, satisfaction),
    }
    if procedures_online is not None:
        pairs["3.1"] = (procedures_online[0], procedures_online[1], None)
    values: list[IndicatorValue] = []
    for ind in config.indicators:
        num, den, direct = pairs.get(ind.code, (None, None, None))
        rate = (
            direct
            if direct is not None
            else (_ratio(num, den) if num is not None and den else None)
        )
        values.append(
            IndicatorValue(
                code=ind.code,
                group=ind.group,
                name_en=ind.name_en,
                name_vi=ind.name_vi,
                numerator=num,
                denominator=den,
                rate=rate,
                threshold=ind.threshold,
                points=ind.points,
                score=ind.score(rate),
            )
        )
    groups: list[tuple[str, float, float, float]] = []
    for group in GROUPS:
        mine = [v for v in values if v.group == group and v.score is not None]
        score = sum(v.score for v in mine if v.score is not None)
        computed = sum(v.points for v in mine)
        groups.append((group, score, computed, config.points_of(group)))
    return GroupResult(
        key=key,
        counts=c,
        indicators=tuple(values),
        group_scores=tuple(groups),
        total=sum(g[1] for g in groups),
        total_points=sum(g[2] for g in groups),
    )


# -- the running aggregate ----------------------------------------------------------------------

_N_COUNTERS: Final = 17
(
    _RECEIVED,
    _EARLY,
    _ON_TIME,
    _LATE,
    _IN_TIME,
    _OVERDUE,
    _UNKNOWN,
    _WITHDRAWN,
    _ONLINE,
    _FEE,
    _PAID,
    _PAPER,
    _ERESULT,
    _DIGITISED,
    _REUSED,
    _COMPLAINTS,
    _MULTI,
) = range(_N_COUNTERS)
_OUTCOME_INDEX: Final = {"early": _EARLY, "on_time": _ON_TIME, "late": _LATE,
                         "in_time": _IN_TIME, "overdue": _OVERDUE}  # fmt: skip


def _key_function(by: Sequence[str]) -> Callable[[DossierFacts], tuple[str, ...]]:
    getters: list[Callable[[DossierFacts], str]] = []
    for name in by:
        if name == "month":
            getters.append(lambda f: f"{f.received.year:04d}-{f.received.month:02d}")
        elif name == "quarter":
            getters.append(lambda f: f"{f.received.year:04d}-Q{(f.received.month - 1) // 3 + 1}")
        elif name in GROUP_KEYS:
            attr = name

            def get(f: DossierFacts, attr: str = attr) -> str:
                value = getattr(f, attr)
                return "(none)" if value is None else str(value)

            getters.append(get)
        else:
            raise InvalidArgumentError(
                f"cannot group by {name!r}",
                path="by",
                value=name,
                expected=", ".join(GROUP_KEYS),
            )
    return lambda f: tuple(g(f) for g in getters)


def _check_by(by: str | Sequence[str] | None) -> tuple[str, ...]:
    if by is None:
        return ()
    names = (by,) if isinstance(by, str) else tuple(by)
    _key_function(names)
    return names


class MetricsAccumulator:
    """Running counters per group: add dossiers one by one, merge partial accumulators.

    Memory is one list of counters per group; dossiers are never kept. Picklable, so
    partitions may be counted in other processes and merged (:meth:`merge`).

    >>> acc = MetricsAccumulator(by="month")
    >>> acc.add(DossierFacts(received=date(2026, 3, 2), outcome="early"))
    >>> acc.result().overall.counts.early
    1
    """

    __slots__ = ("_by", "_config", "_groups", "_key", "_months", "_total")

    def __init__(
        self, *, by: str | Sequence[str] | None = None, config: ScoringConfig | None = None
    ) -> None:
        self._by = _check_by(by)
        self._config = config or DECISION_766_2022
        self._key = _key_function(self._by)
        self._groups: dict[tuple[str, ...], list[int]] = {}
        self._months: dict[tuple[int, int], list[int]] = {}
        self._total = [0] * _N_COUNTERS

    def __getstate__(self) -> dict[str, Any]:
        return {"by": self._by, "config": self._config, "groups": self._groups,
                "months": self._months, "total": self._total}  # fmt: skip

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._by = state["by"]
        self._config = state["config"]
        self._key = _key_function(self._by)
        self._groups = state["groups"]
        self._months = state["months"]
        self._total = state["total"]

    @property
    def by(self) -> tuple[str, ...]:
        """The grouping names."""
        return self._by

    def add(self, facts: DossierFacts) -> None:
        """Count one dossier."""
        self.add_many((facts,))

    def add_many(self, items: Iterable[DossierFacts]) -> int:
        """Count every dossier of ``items`` (a generator is consumed once); return how many."""
        total = self._total
        groups = self._groups
        months = self._months
        key = self._key if self._by else None
        exclude_withdrawn = self._config.exclude_withdrawn
        index = _OUTCOME_INDEX
        n = 0
        for f in items:
            if type(f) is not DossierFacts:
                raise InvalidTypeError(
                    f"item {n} must be DossierFacts, got {type(f).__name__}",
                    path=f"items[{n}]",
                    value=f,
                    expected="DossierFacts(received=date(2026, 3, 2), outcome='on_time')",
                )
            n += 1
            received = f.received
            ym = (received.year, received.month)
            mrow = months.get(ym)
            if mrow is None:
                mrow = months[ym] = [0] * _N_COUNTERS
            rows = [total, mrow]
            if key is not None:
                k = key(f)
                row = groups.get(k)
                if row is None:
                    row = groups[k] = [0] * _N_COUNTERS
                rows.append(row)
            withdrawn = f.end_kind == "withdrawn"
            outcome = f.outcome
            slot = (
                _UNKNOWN if outcome is None or (withdrawn and exclude_withdrawn) else index[outcome]
            )
            for r in rows:
                r[_RECEIVED] += 1
                r[slot] += 1
                if withdrawn:
                    r[_WITHDRAWN] += 1
                if f.online:
                    r[_ONLINE] += 1
                if f.fee_bearing:
                    r[_FEE] += 1
                    if f.paid_online:
                        r[_PAID] += 1
                if f.paper_result and f.end_kind in ("processed", "result_returned"):
                    r[_PAPER] += 1
                    if f.electronic_result:
                        r[_ERESULT] += 1
                if f.digitised and f.electronic_result:
                    r[_DIGITISED] += 1
                if f.reused:
                    r[_REUSED] += 1
                if f.complaint:
                    r[_COMPLAINTS] += 1
                if f.supplement_requests > 1:
                    r[_MULTI] += 1
        return n

    def merge(self, other: MetricsAccumulator) -> MetricsAccumulator:
        """Add ``other``'s counters into this one (same grouping); return ``self``."""
        if not isinstance(other, MetricsAccumulator) or other._by != self._by:
            raise InvalidArgumentError(
                "merge needs a MetricsAccumulator with the same grouping",
                path="other",
                value=getattr(other, "_by", other),
                expected=f"by={self._by!r}",
            )
        for i, v in enumerate(other._total):
            self._total[i] += v
        _merge_rows(self._groups, other._groups)
        _merge_rows(self._months, other._months)
        return self

    def result(
        self,
        *,
        catalogue: Iterable[Procedure] | None = None,
        as_of: date | None = None,
    ) -> MetricsResult:
        """The rates and scores of everything counted so far.

        ``catalogue`` adds indicator 3.1 (procedures with online service) and the online
        service summary and time-cut report of the catalogue.
        """
        online: OnlineServiceSummary | None = None
        cuts: TimeCutReport | None = None
        procedures_online: tuple[int, int] | None = None
        if catalogue is not None:
            procs = list(catalogue)
            online = online_service_summary(procs)
            cuts = time_cut_report(procs)
            # 3.1 counts procedures whose online level is recorded; a catalogue that records
            # none (real portal exports often lack it) leaves 3.1 uncomputed, not zero.
            recorded = online.procedures - online.unknown
            if recorded:
                procedures_online = (online.full + online.partial, recorded)
        overall = _evaluate(
            (), _counts(self._total), self._config, procedures_online=procedures_online
        )
        groups = tuple(
            _evaluate(k, _counts(row), self._config) for k, row in sorted(self._groups.items())
        )
        timeline = tuple(
            _evaluate((f"{y:04d}-{mo:02d}",), _counts(row), self._config)
            for (y, mo), row in sorted(self._months.items())
        )
        return MetricsResult(
            as_of=as_of,
            by=self._by,
            config=self._config,
            overall=overall,
            groups=groups,
            timeline=timeline,
            online_service=online,
            time_cuts=cuts,
        )


def _merge_rows(mine: dict[Any, list[int]], theirs: dict[Any, list[int]]) -> None:
    for k, row in theirs.items():
        own = mine.get(k)
        if own is None:
            mine[k] = list(row)
        else:
            for i, v in enumerate(row):
                own[i] += v


def _counts(row: Sequence[int]) -> Counts:
    return Counts(
        received=row[_RECEIVED],
        early=row[_EARLY],
        on_time=row[_ON_TIME],
        late=row[_LATE],
        in_time=row[_IN_TIME],
        overdue=row[_OVERDUE],
        unknown=row[_UNKNOWN],
        withdrawn=row[_WITHDRAWN],
        online=row[_ONLINE],
        fee_bearing=row[_FEE],
        paid_online=row[_PAID],
        paper_result=row[_PAPER],
        electronic_result=row[_ERESULT],
        digitised=row[_DIGITISED],
        reused=row[_REUSED],
        complaints=row[_COMPLAINTS],
        multiple_supplements=row[_MULTI],
    )


@attrs.frozen(kw_only=True)
class MetricsResult:
    """A metrics run: the whole (``overall``), each group, and the catalogue's reports.

    ``timeline`` is always the result per month of receipt (for the on-time chart), whatever
    ``by`` is.

    Render with :mod:`procedurekit.report` (text, JSON, CSV, HTML).
    """

    as_of: date | None
    by: tuple[str, ...]
    config: ScoringConfig
    overall: GroupResult
    groups: tuple[GroupResult, ...] = ()
    timeline: tuple[GroupResult, ...] = ()
    online_service: OnlineServiceSummary | None = None
    time_cuts: TimeCutReport | None = None
    service_models: tuple[ServiceModelPerformance, ...] = ()
    initiatives: InitiativeSummary | None = None


def compute_metrics(
    dossiers: Iterable[DossierFacts],
    *,
    by: str | Sequence[str] | None = None,
    catalogue: Iterable[Procedure] | None = None,
    config: ScoringConfig | None = None,
    as_of: date | None = None,
    service_models: Sequence[ServiceModel] = (),
    calendar: WorkingCalendar | None = None,
    initiatives: InitiativeSummary | None = None,
) -> MetricsResult:
    """The Decision 766 indicators of ``dossiers``, overall and grouped ``by``.

    ``dossiers`` is any iterable of :class:`DossierFacts` (a generator streams in bounded
    memory; it is read once); ``by`` one of :data:`GROUP_KEYS` or a sequence of them
    (``("agency", "month")``); ``catalogue`` adds 3.1, the online service summary and the
    time cuts; ``service_models`` are measured in the same pass on ``calendar`` (default
    :meth:`WorkingCalendar.vietnam`); ``initiatives`` (:func:`initiative_summary`) is
    carried into the result; ``as_of`` is recorded on it (outcomes were judged at it).
    """
    acc = MetricsAccumulator(by=by, config=config)
    tallies: list[_ModelTally] = []
    if service_models:
        cal = calendar if calendar is not None else WorkingCalendar.vietnam()
        tallies = [_ModelTally(model, cal) for model in service_models]
        dossiers = _feeding(dossiers, tallies)
    acc.add_many(dossiers)
    result = acc.result(catalogue=catalogue, as_of=as_of)
    return attrs.evolve(
        result,
        service_models=tuple(t.result() for t in tallies),
        initiatives=initiatives,
    )


def _feeding(items: Iterable[DossierFacts], tallies: list[_ModelTally]) -> Iterator[DossierFacts]:
    for f in items:
        for t in tallies:
            t.add(f)
        yield f


# -- from aggregate counts ------------------------------------------------------------------


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidArgumentError(
            f"{name} must be a non-negative integer count, got {value!r}",
            path=name,
            value=value,
            expected="19255",
        )
    return value


def rates_from_counts(
    received: int,
    early: int,
    on_time: int,
    late: int,
    *,
    in_time: int = 0,
    overdue: int = 0,
    withdrawn: int = 0,
    online: int | None = None,
    complaints: int = 0,
    processed: int | None = None,
    key: Sequence[str] = (),
    config: ScoringConfig | None = None,
) -> GroupResult:
    """Rates and scores from a report's counts (monthly reports give counts, not dossiers).

    ``early``/``on_time``/``late`` are finished dossiers (trả trước / đúng / quá hạn);
    ``in_time``/``overdue`` open ones (đang giải quyết trong hạn / quá hạn). When a report
    gives only "early and on time" together, pass it as ``early`` and 0 as ``on_time``.
    ``processed`` (đã xử lý) is the denominator of :meth:`GroupResult.share` when the
    report's own total includes finished dossiers it does not classify.

    >>> r = rates_from_counts(19630, 19255, 0, 0, overdue=689)   # Vĩnh Phúc, Aug 2021
    >>> round(r.on_time_rate * 100, 2)
    96.55
    """
    counts = Counts(
        received=_count(received, "received"),
        early=_count(early, "early"),
        on_time=_count(on_time, "on_time"),
        late=_count(late, "late"),
        in_time=_count(in_time, "in_time"),
        overdue=_count(overdue, "overdue"),
        withdrawn=_count(withdrawn, "withdrawn"),
        online=_count(online, "online") if online is not None else 0,
        complaints=_count(complaints, "complaints"),
        processed=_count(processed, "processed") if processed is not None else None,
    )
    cfg = config or DECISION_766_2022
    result = _evaluate(tuple(key), counts, cfg)
    # A report's counts say nothing of payment, results or digitisation: those indicators
    # (and 3.3 without an online count) are unknown, not zero.
    known = {"2.1", "5.4"} | ({"3.3"} if online is not None else set())
    values = tuple(
        v if v.code in known else attrs.evolve(v, numerator=None, rate=None, score=None)
        for v in result.indicators
    )
    return _rescore(result, values, cfg)


def _rescore(
    result: GroupResult, values: tuple[IndicatorValue, ...], config: ScoringConfig
) -> GroupResult:
    groups: list[tuple[str, float, float, float]] = []
    for group in GROUPS:
        mine = [v for v in values if v.group == group and v.score is not None]
        groups.append(
            (
                group,
                sum(v.score for v in mine if v.score is not None),
                sum(v.points for v in mine),
                config.points_of(group),
            )
        )
    return attrs.evolve(
        result,
        indicators=values,
        group_scores=tuple(groups),
        total=sum(g[1] for g in groups),
        total_points=sum(g[2] for g in groups),
    )


# -- count tables (monthly statistics) ------------------------------------------------------------


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class CountColumns:
    """Which column of a count table holds which count, and how rows are grouped.

    ``by`` are key columns; ``month_from`` a date column whose ``YYYY-MM`` becomes a
    ``month`` key (rows of one key are summed: fields of a unit-month). A count column set
    to ``None`` is absent.
    """

    received: str
    early: str
    on_time: str
    late: str
    in_time: str | None = None
    overdue: str | None = None
    withdrawn: str | None = None
    online: str | None = None
    by: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    month_from: str | None = None


#: The monthly statistics of the Bắc Giang one-stop software (``C_COUNT_*`` columns of the
#: 2016 dump, one row per unit × field × month): grouped by unit and month.
BACGIANG_2016_COLUMNS: Final = CountColumns(
    received="C_COUNT_TIEP_NHAN",
    early="C_COUNT_TRA_SOM_HAN",
    on_time="C_COUNT_TRA_DUNG_HAN",
    late="C_COUNT_TRA_QUA_HAN",
    in_time="C_COUNT_THU_LY_CHUA_DEN_HAN",
    overdue="C_COUNT_THU_LY_QUA_HAN",
    withdrawn="C_COUNT_CONG_DAN_RUT",
    by=("C_UNIT_CODE",),
    month_from="C_HISTORY_DATE",
)

_COUNT_FIELDS: Final = ("received", "early", "on_time", "late", "in_time", "overdue",
                        "withdrawn", "online")  # fmt: skip


def metrics_from_count_rows(
    rows: Iterable[Mapping[str, Any]],
    columns: CountColumns,
    *,
    config: ScoringConfig | None = None,
) -> tuple[GroupResult, ...]:
    """Rates per group of a count table (a monthly report per unit), sorted by key.

    Rows of one key are summed before the rates are taken. A count cell that is not a
    non-negative integer raises :class:`StructureError` naming the row and the column.
    """
    cfg = config or DECISION_766_2022
    sums: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0] * len(_COUNT_FIELDS))
    present = [getattr(columns, name) for name in _COUNT_FIELDS]
    for n, row in enumerate(rows, start=1):
        parts = [str(row.get(col, "")) for col in columns.by]
        if columns.month_from is not None:
            parts.append(str(row.get(columns.month_from, ""))[:7])
        acc = sums[tuple(parts)]
        for i, col in enumerate(present):
            if col is None:
                continue
            cell = row.get(col)
            try:
                value = int(str(cell).strip() or 0)
                if value < 0:
                    raise ValueError
            except ValueError:
                raise StructureError(
                    f"row {n}: column {col} must be a non-negative integer count, got {cell!r}"
                ) from None
            acc[i] += value
    out: list[GroupResult] = []
    for key, s in sorted(sums.items()):
        values = dict(zip(_COUNT_FIELDS, s, strict=True))
        out.append(
            rates_from_counts(
                values["received"],
                values["early"],
                values["on_time"],
                values["late"],
                in_time=values["in_time"],
                overdue=values["overdue"],
                withdrawn=values["withdrawn"],
                online=values["online"] if columns.online is not None else None,
                key=key,
                config=cfg,
            )
        )
    return tuple(out)


def read_count_table(
    path: str, columns: CountColumns = BACGIANG_2016_COLUMNS, *, config: ScoringConfig | None = None
) -> tuple[GroupResult, ...]:
    """Read a CSV count table (UTF-8) and return :func:`metrics_from_count_rows` of it.

    The default columns read the Bắc Giang 2014–2016 monthly statistics
    (``monthly_dossier_stats_by_unit_field.csv``): one result per unit and month.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return metrics_from_count_rows(csv.DictReader(handle), columns, config=config)


# -- catalogue reports ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OnlineServiceSummary:
    """Online public service of a catalogue (Decree 42/2022 Art. 11; indicator 3.1).

    ``unknown`` counts procedures whose online level is not recorded: they count as not
    online in the 3.1 rate (a catalogue must say what it offers).
    """

    procedures: int
    full: int
    partial: int
    none: int
    unknown: int

    @property
    def online_rate(self) -> float | None:
        """Procedures with partial or full online service / all procedures."""
        return _ratio(self.full + self.partial, self.procedures)

    @property
    def full_online_rate(self) -> float | None:
        """Procedures with full online service (toàn trình) / all procedures."""
        return _ratio(self.full, self.procedures)


def online_service_summary(procedures: Iterable[Procedure]) -> OnlineServiceSummary:
    """Count the catalogue's procedures by online level (toàn trình, một phần, none)."""
    counter: Counter[str] = Counter()
    total = 0
    for proc in procedures:
        total += 1
        level = proc.online_level
        if level is None and proc.legacy_online_level is not None:
            level = proc.legacy_online_level.to_online_level()
        counter[level.value if level is not None else "unknown"] += 1
    return OnlineServiceSummary(
        procedures=total,
        full=counter["full"],
        partial=counter["partial"],
        none=counter["none"],
        unknown=counter["unknown"],
    )


@attrs.frozen(kw_only=True)
class TimeCutRow:
    """One procedure whose committed time is shorter than the prescribed one."""

    code: str
    name: str
    prescribed: Duration
    committed: Duration
    cut: float
    band: str
    dossiers: int
    days_saved: float | None


@attrs.frozen(kw_only=True)
class TimeCutReport:
    """Time cuts of a catalogue (DOMAIN.md §7: committed time shorter than prescribed).

    ``bands`` pairs each band label with its count; ``days_saved_per_dossier`` is the
    dossier-weighted mean of (prescribed − committed) over day-based cuts (working or
    calendar days, each in its own unit) when dossier counts are given.
    """

    procedures: int
    compared: int
    cut: int
    rows: tuple[TimeCutRow, ...]
    bands: tuple[tuple[str, int], ...]
    mean_cut: float | None
    dossiers: int
    days_saved: float
    days_saved_per_dossier: float | None


def _band_labels(edges: Sequence[float]) -> list[str]:
    pct = [f"{round(e * 100):d}" for e in edges]
    labels = [f"< {pct[0]} %"]
    labels += [f"{a}–{b} %" for a, b in pairwise(pct)]
    labels.append(f"> {pct[-1]} %")
    return labels


def _band(cut: float, edges: Sequence[float], labels: Sequence[str]) -> str:
    if cut < edges[0]:
        return labels[0]
    for i in range(1, len(edges)):
        if cut <= edges[i]:
            return labels[i]
    return labels[-1]


def time_cut_report(
    procedures: Iterable[Procedure],
    *,
    bands: Sequence[float] = (0.30, 0.60),
    dossier_counts: Mapping[str, int] | None = None,
) -> TimeCutReport:
    """Procedures whose committed time is shorter than the prescribed one, by band.

    ``bands`` are the inner edges as shares: the default ``(0.30, 0.60)`` gives ``< 30 %``,
    ``30–60 %`` (both edges included) and ``> 60 %``. Only procedures whose two times are of
    one unit are compared. ``dossier_counts`` maps a procedure code (or local code) to its
    number of dossiers, for the days saved.
    """
    edges = sorted(float(b) for b in bands)
    if not edges or any(not 0 < e < 1 for e in edges):
        raise InvalidArgumentError(
            f"bands must be shares strictly between 0 and 1, got {list(bands)!r}",
            path="bands",
            value=bands,
            expected="(0.30, 0.60)",
        )
    labels = _band_labels(edges)
    counts = dossier_counts or {}
    rows: list[TimeCutRow] = []
    total = compared = 0
    for proc in procedures:
        total += 1
        share = proc.time_cut
        if share is None or proc.prescribed_time is None or proc.committed_time is None:
            continue
        compared += 1
        if share <= 0:
            continue
        code = str(proc.code) if proc.code is not None else (proc.local_code or proc.name)
        n = counts.get(code, 0)
        saved: float | None = None
        if isinstance(proc.prescribed_time, WorkingDays | CalendarDays):
            saved = float(proc.prescribed_time.value) - float(
                getattr(proc.committed_time, "value", 0)
            )
        rows.append(
            TimeCutRow(
                code=code,
                name=proc.name,
                prescribed=proc.prescribed_time,
                committed=proc.committed_time,
                cut=float(share),
                band=_band(float(share), edges, labels),
                dossiers=n,
                days_saved=saved,
            )
        )
    band_counts = Counter(r.band for r in rows)
    weighted = [(r.days_saved or 0.0) * r.dossiers for r in rows if r.days_saved is not None]
    dossiers = sum(r.dossiers for r in rows if r.days_saved is not None)
    return TimeCutReport(
        procedures=total,
        compared=compared,
        cut=len(rows),
        rows=tuple(rows),
        bands=tuple((label, band_counts.get(label, 0)) for label in labels),
        mean_cut=sum(r.cut for r in rows) / len(rows) if rows else None,
        dossiers=dossiers,
        days_saved=sum(weighted),
        days_saved_per_dossier=sum(weighted) / dossiers if dossiers else None,
    )


# -- service models ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ServiceModelPerformance:
    """How a weekday service model kept its commitment (DOMAIN.md §7).

    ``eligible``: dossiers of the model's procedures received on a model weekday that is a
    working day; ``finished`` those with a result; ``met`` those returned by the committed
    date (the same day for :class:`SameDay`); ``share`` = met / eligible.
    """

    model: str
    commitment: str
    eligible: int
    finished: int
    met: int
    share: float | None


def service_model_performance(
    dossiers: Iterable[DossierFacts], model: ServiceModel, calendar: WorkingCalendar
) -> ServiceModelPerformance:
    """The share of a model's dossiers returned within its commitment on its weekdays.

    The return day is ``returned`` (trả kết quả), else the end day. An open dossier counts
    as not met. The commitment is judged by date: ``SameDay`` means the receipt day;
    ``WorkingDays(n)`` the n-th working day after it.
    """
    tally = _ModelTally(model, calendar)
    for f in dossiers:
        tally.add(f)
    return tally.result()


class _ModelTally:
    """Running counts of one service model (see :func:`service_model_performance`)."""

    __slots__ = ("calendar", "commitment", "eligible", "finished", "met", "model", "pending")

    def __init__(self, model: ServiceModel, calendar: WorkingCalendar) -> None:
        self.model = model
        self.calendar = calendar
        self.commitment = model.commitment if model.commitment is not None else SameDay()
        self.eligible = self.finished = self.met = 0
        self.pending: list[tuple[date, date | None]] = []

    def add(self, f: DossierFacts) -> None:
        day = f.received
        model = self.model
        if day.weekday() not in model.weekdays or not self.calendar.is_working_day(day):
            return
        if not model.covers_procedure(f.procedure):
            return
        self.eligible += 1
        back = f.returned or f.end
        if back is not None:
            self.finished += 1
        self.pending.append((day, back))
        if len(self.pending) >= 65536:
            self.flush()

    def flush(self) -> None:
        from procedurekit.batch import due_dates

        self.met += _met(self.calendar, self.pending, self.commitment, due_dates)
        self.pending.clear()

    def result(self) -> ServiceModelPerformance:
        self.flush()
        return ServiceModelPerformance(
            model=self.model.name,
            commitment=repr(self.commitment),
            eligible=self.eligible,
            finished=self.finished,
            met=self.met,
            share=_ratio(self.met, self.eligible),
        )


def _met(
    calendar: WorkingCalendar,
    pending: list[tuple[date, date | None]],
    commitment: Duration,
    due_dates: Callable[..., list[date | None]],
) -> int:
    if not pending:
        return 0
    dues = due_dates(calendar, [p[0] for p in pending], commitment)
    return sum(
        1 for (_, back), due in zip(pending, dues, strict=True)
        if back is not None and (due is None or back <= due)
    )  # fmt: skip


# -- initiatives --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class InitiativeRow:
    """One agency's initiatives of one year, by status."""

    agency: str
    year: int
    total: int
    by_status: tuple[tuple[str, int], ...]
    under_minimum: bool


@attrs.frozen(kw_only=True)
class InitiativeSummary:
    """The initiative register per agency and year (DOMAIN.md §7: at least three a year).

    ``under_minimum`` lists ``(year, agency, count)`` for agencies below ``minimum``,
    including expected agencies that registered none.
    """

    minimum: int
    rows: tuple[InitiativeRow, ...]
    status_totals: tuple[tuple[str, int], ...]
    under_minimum: tuple[tuple[int, str, int], ...]


def initiative_summary(
    initiatives: Iterable[Initiative],
    *,
    minimum: int = 3,
    agencies: Iterable[str] = (),
    years: Iterable[int] = (),
) -> InitiativeSummary:
    """Count initiatives per agency and year by status; flag agencies under ``minimum``.

    ``agencies`` and ``years`` name those expected to register (an agency with none in a
    year is listed with 0); by default the agencies and years present.
    """
    from procedurekit.models.initiative import InitiativeStatus

    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise InvalidArgumentError(
            f"minimum must be a non-negative int, got {minimum!r}",
            path="minimum",
            value=minimum,
            expected="3",
        )
    statuses = [s.value for s in InitiativeStatus]
    cells: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for item in initiatives:
        cells[(item.agency, item.year)][item.status.value] += 1
        totals[item.status.value] += 1
    all_years = sorted(set(years) | {y for _, y in cells})
    expected = list(dict.fromkeys(agencies))
    for year in all_years:
        for agency in expected:
            cells.setdefault((agency, year), Counter())
    rows: list[InitiativeRow] = []
    under: list[tuple[int, str, int]] = []
    for (agency, year), counter in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        n = sum(counter.values())
        low = n < minimum
        rows.append(
            InitiativeRow(
                agency=agency,
                year=year,
                total=n,
                by_status=tuple((s, counter.get(s, 0)) for s in statuses),
                under_minimum=low,
            )
        )
        if low:
            under.append((year, agency, n))
    return InitiativeSummary(
        minimum=minimum,
        rows=tuple(rows),
        status_totals=tuple((s, totals.get(s, 0)) for s in statuses),
        under_minimum=tuple(under),
    )


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


# -- from files: the catalogue and the flat dossier format ---------------------------------------

_STATUS_END: Final = {
    "processed": "processed",
    "returned": "result_returned",
    "result_returned": "result_returned",
    "refused": "refused",
    "stopped": "stopped",
    "withdrawn": "withdrawn",
}


def procedure_from_record(record: ProcedureRecord) -> Procedure:
    """A :class:`Procedure` with what the metrics need, from a catalogue row as read.

    Keeps the code (or local code), name, field, online level, the prescribed time (the
    general case of the ``processing_time`` text, else the first channel's) and the
    committed time, and per-channel terms with their fee amounts. Cells that cannot be read
    are left out (``procedurekit validate`` reports them).
    """
    from decimal import Decimal

    from procedurekit.channel import Channel
    from procedurekit.errors import ProcedureKitError
    from procedurekit.models.codes import ProcedureCode
    from procedurekit.models.procedure import (
        ChannelTerms,
        Fee,
        LegacyOnlineLevel,
        OnlineLevel,
        Procedure,
    )
    from procedurekit.parsing import parse_duration
    from procedurekit.validate import read_fee

    def duration(text: str) -> Duration | None:
        if not text:
            return None
        try:
            return parse_duration(text)
        except ProcedureKitError:
            return None

    def fees(text: str) -> tuple[Fee, ...]:
        if not text:
            return ()
        kind, amounts = read_fee(text)
        if kind == "free":
            return (Fee(amount=Decimal(0), text=text),)
        return tuple(Fee(amount=a, text=text) for a in amounts if a >= 0)

    level_text = record.get("online_level")
    online: OnlineLevel | None = None
    if level_text:
        try:
            online = OnlineLevel.from_label(level_text)
        except ProcedureKitError:
            try:
                online = LegacyOnlineLevel.from_label(level_text).to_online_level()
            except ProcedureKitError:
                online = None
    channels: list[ChannelTerms] = []
    for row in record.channels:
        try:
            channel: Channel | None = Channel.from_label(row.channel)
        except ProcedureKitError:
            channel = None
        channels.append(
            ChannelTerms(
                channel=channel,
                channel_text=row.channel,
                time_text=row.processing_time or None,
                fees=fees(row.fee),
                fee_text=row.fee or None,
            )
        )
    prescribed = duration(record.get("processing_time"))
    if prescribed is None and record.channels:
        prescribed = duration(record.channels[0].processing_time)
    committed_text = record.get("committed_time") or next(
        (c.committed_time for c in record.channels if c.committed_time), ""
    )
    code = record.code
    return Procedure(
        name=record.name or code,
        code=ProcedureCode(code) if ProcedureCode.is_valid(code) else None,
        local_code=None if ProcedureCode.is_valid(code) else code,
        field=record.get("field") or None,
        online_level=online,
        prescribed_time=prescribed,
        committed_time=duration(committed_text),
        channels=tuple(channels),
    )


def _procedure_key(proc: Procedure) -> str:
    return str(proc.code) if proc.code is not None else (proc.local_code or proc.name)


_MISSING: Final[Any] = object()
_CHANNELS: dict[str, Any] = {}
_LEVELS: dict[str, str] = {}


def _level_value(label: str) -> str | None:
    """A level label ("Cấp xã") as its wire value ("commune"); an unknown label as written."""
    if not label:
        return None
    found = _LEVELS.get(label)
    if found is None:
        from procedurekit.errors import ProcedureKitError
        from procedurekit.models.agency import Level

        try:
            found = Level.from_label(label).value
        except ProcedureKitError:
            found = label
        if len(_LEVELS) < 1024:
            _LEVELS[label] = found
    return found


def facts_from_dossier_record(
    record: DossierRecord,
    *,
    as_of: date | datetime,
    procedures: Mapping[str, Procedure] | None = None,
    rules: DeadlineRules | None = None,
) -> DossierFacts:
    """Judge one row of the flat dossier format (``docs/dossier-format.md``).

    With an event log (``events``) the dossier is replayed through :meth:`Dossier.clock`
    (pauses, end precedence, more than one supplement request late; DOMAIN.md §4). Without
    one: the due date is the printed appointment date, else the legal due date recomputed
    from the catalogue's time limit with ``rules``; the end is ``end_at``, its kind read from
    ``status``. A dossier is fee-bearing when its procedure's channel charges a fee or its
    fee was paid online.
    """
    from procedurekit.channel import Channel
    from procedurekit.errors import ProcedureKitError

    moment_day = as_of.date() if isinstance(as_of, datetime) else as_of
    proc = procedures.get(record.procedure_code) if procedures else None
    label = record.channel
    channel = _CHANNELS.get(label, _MISSING) if label else None
    if channel is _MISSING:
        try:
            channel = Channel.from_label(label)
        except ProcedureKitError:
            channel = None
        if len(_CHANNELS) < 1024:
            _CHANNELS[label] = channel
    if record.events and rules is not None:
        facts = _facts_from_events(record, channel, proc, rules, as_of)
        if facts is not None:
            return facts
    received = record.received_at
    if received is None:
        raise InvalidArgumentError(
            f"{record.file} row {record.row}: received_at is required for metrics",
            path=f"row {record.row}.received_at",
            value=None,
            expected="'2026-03-02 09:15'",
        )
    received_day = received.date() if isinstance(received, datetime) else received
    due = record.appointment_date
    if due is None and rules is not None and proc is not None:
        terms = proc.terms_for(channel) if channel is not None else None
        limit = (terms.duration if terms is not None else None) or proc.prescribed_time
        if limit is not None:
            try:
                due = rules.due(received, limit).due_date
            except ProcedureKitError:
                due = None
    end = record.end_at
    end_day = end.date() if isinstance(end, datetime) else end
    end_kind = _STATUS_END.get(record.status.strip().lower()) if record.status else None
    if end_day is not None and end_kind is None:
        end_kind = "result_returned"
    outcome = _judge(due, end_day, moment_day, 0) if (due is not None or end_day) else None
    fee = False
    if proc is not None and channel is not None:
        terms = proc.terms_for(channel)
        fee = terms is not None and any(f.amount is not None and f.amount > 0 for f in terms.fees)
    return DossierFacts(
        received=received_day,
        outcome=outcome,
        code=record.dossier_code or None,
        procedure=record.procedure_code or None,
        agency=record.agency or None,
        field=proc.field if proc is not None else None,
        level=_level_value(record.level),
        channel=channel.value if channel is not None else (record.channel or None),
        due=due,
        end=end_day,
        end_kind=end_kind,
        returned=end_day if end_kind == "result_returned" else None,
        online=channel is Channel.ONLINE,
        fee_bearing=fee or bool(record.fee_paid_online),
        paid_online=bool(record.fee_paid_online),
        electronic_result=bool(record.electronic_result),
        digitised=bool(record.digitised_components),
        reused=bool(record.digitised_data_reused),
        complaint=bool(record.complaint),
    )


def _facts_from_events(
    record: DossierRecord,
    channel: Any,
    proc: Procedure | None,
    rules: DeadlineRules,
    as_of: date | datetime,
) -> DossierFacts | None:
    from procedurekit.channel import Channel
    from procedurekit.errors import ProcedureKitError
    from procedurekit.models.codes import DossierCode, ProcedureCode
    from procedurekit.models.dossier import Dossier, Event, EventKind

    try:
        events = [
            Event(
                kind=EventKind(str(e["kind"])),
                at=e["at"] if isinstance(e["at"], datetime) else datetime.fromisoformat(e["at"]),
                new_due_date=date.fromisoformat(e["new_due_date"])
                if e.get("new_due_date")
                else None,
            )
            for e in record.events
        ]
        code = record.procedure_code
        dossier = Dossier(
            code=DossierCode(record.dossier_code or f"row-{record.row}"),
            channel=channel or Channel.COUNTER,
            procedure_code=ProcedureCode(code) if ProcedureCode.is_valid(code) else None,
            paid_online=bool(record.fee_paid_online),
            electronic_result=bool(record.electronic_result),
            digitised_components=bool(record.digitised_components),
            reused_digitised_data=bool(record.digitised_data_reused),
            complaint=bool(record.complaint),
            events=events,
        )
        facts = facts_from_dossier(dossier, rules, as_of=as_of, procedure=proc)
    except (ProcedureKitError, KeyError, TypeError, ValueError):
        return None
    return attrs.evolve(
        facts,
        agency=record.agency or facts.agency,
        level=_level_value(record.level) or facts.level,
        procedure=record.procedure_code or facts.procedure,
    )


def metrics_from_files(
    dossiers: str | os.PathLike[str],
    *,
    catalogue: Sequence[str | os.PathLike[str]] = (),
    by: str | Sequence[str] | None = None,
    as_of: date,
    calendar: WorkingCalendar | None = None,
    config: ScoringConfig | None = None,
    date_format: str | None = None,
    sink: FindingSink | None = None,
    service_models: Sequence[ServiceModel] = (),
    initiatives: InitiativeSummary | None = None,
) -> MetricsResult:
    """The metrics of a flat dossier file against a catalogue, streamed in bounded memory.

    This is what ``procedurekit metrics DOSSIERS --catalogue CATALOGUE --by ... --as-of ...``
    runs. ``calendar`` defaults to :meth:`WorkingCalendar.vietnam` (used to recompute due
    dates missing from the file and to judge ``service_models``); ``sink`` receives the
    reader's findings; ``initiatives`` (:func:`initiative_summary`) is carried into the
    result.
    """
    from procedurekit.deadlines import DeadlineRules
    from procedurekit.io import iter_dossiers, read_catalogue

    procs: list[Procedure] = []
    if catalogue:
        procs = [procedure_from_record(r) for r in read_catalogue(*catalogue).procedures]
    index = {_procedure_key(p): p for p in procs}
    cal = calendar if calendar is not None else WorkingCalendar.vietnam()
    rules = DeadlineRules(cal)
    stream = iter_dossiers(dossiers, date_format=date_format, sink=sink)
    return compute_metrics(
        (facts_from_dossier_record(r, as_of=as_of, procedures=index, rules=rules) for r in stream),
        by=by,
        catalogue=procs if catalogue else None,
        config=config,
        as_of=as_of,
        service_models=service_models,
        calendar=cal,
        initiatives=initiatives,
    )
