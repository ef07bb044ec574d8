"""The running aggregate: Decision 766/QĐ-TTg (2022) counters per group of dossiers.

:class:`MetricsAccumulator` counts :class:`DossierFacts` into one list of counters per
group (memory grows with the groups, never with the dossiers) and merges with partial
accumulators; :func:`compute_metrics` streams dossiers through it into a
:class:`MetricsResult`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from procedurekit.calendar.working import WorkingCalendar
from procedurekit.deadlines.outcome import restate
from procedurekit.errors import InvalidArgumentError, InvalidTypeError
from procedurekit.metrics._catalogue import (
    OnlineServiceSummary,
    TimeCutReport,
    online_service_summary,
    time_cut_report,
)
from procedurekit.metrics._facts import DossierFacts
from procedurekit.metrics._initiatives import InitiativeSummary
from procedurekit.metrics._scoring import (
    DECISION_766_2022,
    Counts,
    GroupResult,
    ScoringConfig,
    _evaluate,
)
from procedurekit.metrics._service import ServiceModelPerformance, _ModelTally
from procedurekit.vocab import Outcome

if TYPE_CHECKING:
    from procedurekit.deadlines.service import ServiceModel
    from procedurekit.models.procedure import Procedure


#: Names a dossier can be grouped by (:func:`compute_metrics` ``by``).
GROUP_KEYS: Final = ("agency", "field", "level", "procedure", "channel", "month", "quarter")

GroupKey = Literal["agency", "field", "level", "procedure", "channel", "month", "quarter"]

# -- the running aggregate ----------------------------------------------------------------------

_N_COUNTERS: Final = 22
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
    _DIGI_STATED,
    _REUSE_STATED,
    _COMPLAINT_STATED,
    _PAID_FREE,
    _FEE_UNKNOWN,
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


def _increments(f: DossierFacts, *, exclude_withdrawn: bool) -> list[int]:
    """The counters one dossier with facts ``f`` adds one to (Decision 766/QĐ-TTg
    indicators; a flag that is ``None``, not stated, leaves its indicator's denominator)."""
    withdrawn = f.end_kind == "withdrawn"
    outcome = f.outcome
    if outcome is not None and f.supplement_requests > 1:
        # Decision 766 (decision 8): more than one supplement request is late.
        outcome = restate(Outcome(outcome), late=True).value
    slot = (
        _UNKNOWN
        if outcome is None or (withdrawn and exclude_withdrawn)
        else _OUTCOME_INDEX[outcome]
    )
    out = [_RECEIVED, slot]
    if withdrawn:
        out.append(_WITHDRAWN)
    if f.online:
        out.append(_ONLINE)
    fee, paid = f.fee_bearing, f.paid_online
    if fee is None:
        out.append(_FEE_UNKNOWN)
    elif fee:
        if paid is not None:
            out.append(_FEE)
            if paid:
                out.append(_PAID)
    elif paid:
        out.append(_PAID_FREE)
    eresult = f.electronic_result
    if eresult is not None and f.paper_result and f.end_kind in ("processed", "result_returned"):
        out.append(_PAPER)
        if eresult:
            out.append(_ERESULT)
    digitised = f.digitised
    if digitised is False or eresult is False:
        out.append(_DIGI_STATED)
    elif digitised is not None and eresult is not None:
        out.extend((_DIGI_STATED, _DIGITISED))
    if f.reused is not None:
        out.append(_REUSE_STATED)
        if f.reused:
            out.append(_REUSED)
    if f.complaint is not None:
        out.append(_COMPLAINT_STATED)
        if f.complaint:
            out.append(_COMPLAINTS)
    if f.supplement_requests > 1:
        out.append(_MULTI)
    return out


class MetricsAccumulator:
    """Running counters per group: add dossiers one by one, merge partial accumulators.

    Memory is one list of counters per group; dossiers are never kept. Picklable, so
    partitions may be counted in other processes and merged (:meth:`merge`).

    >>> acc = MetricsAccumulator(by="month")
    >>> acc.add(DossierFacts(received=date(2026, 3, 2), outcome="early"))
    >>> acc.result().overall.counts.early
    1
    """

    __slots__ = (
        "_by",
        "_config",
        "_groups",
        "_key",
        "_months",
        "_procedures",
        "_total",
        "columns",
        "notes",
    )

    def __init__(
        self, *, by: str | Sequence[str] | None = None, config: ScoringConfig | None = None
    ) -> None:
        self._by = _check_by(by)
        self._config = config or DECISION_766_2022
        self._key = _key_function(self._by)
        self._groups: dict[tuple[str, ...], list[int]] = {}
        self._months: dict[tuple[int, int], list[int]] = {}
        # Dossiers counted per procedure code, for the time cuts' dossier column (one int a
        # procedure: memory grows with the procedures, never with the dossiers).
        self._procedures: dict[str, int] = {}
        self._total = [0] * _N_COUNTERS
        #: The dossier-file columns the counted files had (the keys of
        #: docs/dossier-format.md), when known: a flag whose column is absent makes its
        #: indicator "not computed" for that reason (:func:`missing_reasons`).
        self.columns: set[str] = set()
        #: Counts about the input that add up over parts (rows read, lines rejected,
        #: records left out, findings by code): the data-quality section's source.
        self.notes: Counter[str] = Counter()

    def __getstate__(self) -> dict[str, Any]:
        return {"by": self._by, "config": self._config, "groups": self._groups,
                "months": self._months, "total": self._total,
                "columns": self.columns, "notes": self.notes,
                "procedures": self._procedures}  # fmt: skip

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._by = state["by"]
        self._config = state["config"]
        self._key = _key_function(self._by)
        self._groups = state["groups"]
        self._months = state["months"]
        self._total = state["total"]
        self.columns = state.get("columns", set())
        self.notes = state.get("notes", Counter())
        self._procedures = state.get("procedures", {})

    @property
    def by(self) -> tuple[str, ...]:
        """The grouping names."""
        return self._by

    @property
    def config(self) -> ScoringConfig:
        """The scoring configuration counted for."""
        return self._config

    def add(self, facts: DossierFacts) -> None:
        """Count one dossier."""
        self.add_many((facts,))

    def add_many(self, items: Iterable[DossierFacts]) -> int:
        """Count every dossier of ``items`` (a generator is consumed once); return how many."""
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
            self._add(f, 1)
        return n

    def add_counted(self, facts: DossierFacts, count: int) -> None:
        """Count ``count`` dossiers whose facts are all ``facts`` (the columnar engine counts
        the rows of one kind at once; the counters are those of ``count`` :meth:`add`)."""
        if type(facts) is not DossierFacts:
            raise InvalidTypeError(
                f"facts must be DossierFacts, got {type(facts).__name__}",
                path="facts",
                value=facts,
                expected="DossierFacts(received=date(2026, 3, 2), outcome='on_time')",
            )
        if type(count) is not int or count < 0:
            raise InvalidArgumentError(
                f"count must be an int >= 0, got {count!r}",
                path="count",
                value=count,
                expected="a whole number of dossiers, such as 3",
            )
        if count:
            self._add(facts, count)

    def _add(self, f: DossierFacts, k: int) -> None:
        """Add ``k`` dossiers with facts ``f`` to the total, their month and their group."""
        if f.procedure is not None:
            self._procedures[f.procedure] = self._procedures.get(f.procedure, 0) + k
        received = f.received
        ym = (received.year, received.month)
        mrow = self._months.get(ym)
        if mrow is None:
            mrow = self._months[ym] = [0] * _N_COUNTERS
        rows = [self._total, mrow]
        if self._by:
            key = self._key(f)
            row = self._groups.get(key)
            if row is None:
                row = self._groups[key] = [0] * _N_COUNTERS
            rows.append(row)
        for i in _increments(f, exclude_withdrawn=self._config.exclude_withdrawn):
            for r in rows:
                r[i] += k

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
        self.columns |= other.columns
        self.notes.update(other.notes)
        _merge_rows(self._groups, other._groups)
        _merge_rows(self._months, other._months)
        for code, count in other._procedures.items():
            self._procedures[code] = self._procedures.get(code, 0) + count
        return self

    def result(
        self,
        *,
        catalogue: Iterable[Procedure] | None = None,
        as_of: date | None = None,
    ) -> MetricsResult:
        """The rates and scores of everything counted so far.

        ``catalogue`` adds indicator 3.1 (procedures with online service) and the online
        service summary and time-cut report of the catalogue; each time-cut row counts the
        dossiers of its procedure counted here.
        """
        online: OnlineServiceSummary | None = None
        cuts: TimeCutReport | None = None
        procedures_online: tuple[int, int] | None = None
        if catalogue is not None:
            procs = list(catalogue)
            online = online_service_summary(procs)
            cuts = time_cut_report(procs, dossier_counts=self._procedures)
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
        digitised_stated=row[_DIGI_STATED],
        reused_stated=row[_REUSE_STATED],
        complaints_stated=row[_COMPLAINT_STATED],
        paid_free=row[_PAID_FREE],
        fee_unknown=row[_FEE_UNKNOWN],
    )


@attrs.frozen(kw_only=True)
class DataQuality:
    """What the input was worth, for a report's data-quality section (files only).

    ``rows`` data rows read; ``rows_rejected`` non-blank lines the reader could not take as
    a row (the stream's ``lines_rejected`` less its blank lines);
    ``duplicates`` rows whose dossier code repeats one before it (not counted);
    ``outside_period`` and ``received_after_as_of`` receipts left out of the period;
    ``unreadable_dates`` date cells that could not be read; ``unknown_statuses`` statuses
    outside the vocabulary (those dossiers are not judged); ``missing_columns`` the dossier
    columns the indicators read that the file lacks; ``findings`` every finding code with
    its count.
    """

    rows: int = 0
    rows_rejected: int = 0
    duplicates: int = 0
    outside_period: int = 0
    received_after_as_of: int = 0
    unreadable_dates: int = 0
    unknown_statuses: int = 0
    missing_columns: tuple[str, ...] = ()
    findings: tuple[tuple[str, int], ...] = ()


@attrs.frozen(kw_only=True)
class MetricsResult:
    """A metrics run: the whole (``overall``), each group, and the catalogue's reports.

    ``timeline`` is always the result per month of receipt (for the on-time chart), whatever
    ``by`` is. ``received_from`` / ``received_to`` bound the receipts counted (``None``:
    open); ``quality`` describes the input (from files).

    Render with :mod:`procedurekit.reports` (text, JSON, CSV, HTML).
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
    received_from: date | None = None
    received_to: date | None = None
    quality: DataQuality | None = None


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
