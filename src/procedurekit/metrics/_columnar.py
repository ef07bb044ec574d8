"""Metrics in columns: the columnar engine of :mod:`procedurekit.checks._columnar` counting
into a :class:`~procedurekit.metrics.MetricsAccumulator`.

The rows judged in columns are grouped by everything the accumulator reads of a dossier's
facts (receipt month, outcome, procedure, agency, field, level, channel, end kind, fee
terms and the five stated flags); each kind is counted at once with
:meth:`MetricsAccumulator.add_counted`, which adds the counters of :meth:`add` ``k`` times.
Every other row is judged by the row engine into :class:`DossierFacts`
(:func:`~procedurekit.metrics.facts_from_judgement`) and added one by one. So the
indicators are those of the row engine; ``tests/metrics/test_metrics_engines.py`` requires
it on generated clean and hostile files.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from procedurekit.checks._columnar import (
    NOT_JUDGED,
    BatchRows,
    ColumnEngine,
    ColumnSource,
    read_in_columns,
)
from procedurekit.findings import FindingSink
from procedurekit.io import ReadLimits
from procedurekit.io.dossiers import DossierReading, DossierRecord, read_flag
from procedurekit.judge import Judge, Judgement, _level_value
from procedurekit.metrics._accumulator import MetricsAccumulator
from procedurekit.metrics._facts import DossierFacts
from procedurekit.vocab import STATUS_OF_END, Channel, EventKind, Status

__all__ = ["metrics_file_arrow"]

#: The outcomes of the rows judged in columns, by code (``None``: not judged).
_OUTCOMES = ("late", "on_time", "early", "in_time", "overdue", None)
#: The flags a dossier file states, and the facts they are.
_FLAGS = (
    ("fee_paid_online", "paid_online"),
    ("electronic_result", "electronic_result"),
    ("digitised_components", "digitised"),
    ("digitised_data_reused", "reused"),
    ("complaint", "complaint"),
)
_TRI = (None, False, True)
#: Distinct kinds held per batch before they are merged (a few MiB).
_MERGE_ROWS = 1 << 16


def _stripped(text: str) -> str | None:
    return text.strip() or None


def _tri(text: str) -> int:
    try:
        value = read_flag(text)
    except ValueError:
        return 0  # such rows are the row engine's (an unparseable flag is a finding)
    return _TRI.index(value)


class _MetricsEngine(ColumnEngine):
    """The columnar engine counting into a metrics accumulator."""

    def __init__(self, judge: Judge, sink: FindingSink, reading: DossierReading,
                 source: ColumnSource, acc: MetricsAccumulator,
                 facts: Callable[[Judgement], DossierFacts | None]) -> None:  # fmt: skip
        super().__init__(judge, sink, reading, source)
        self.acc = acc
        self.facts = facts
        self.values: dict[str, list[object]] = {}
        self.ids: dict[str, dict[object, int]] = {}
        #: The kinds of rows judged in columns, one array of distinct kinds (a row each)
        #: per batch, and how many rows each is (see :meth:`_count`).
        self.kinds: list[Any] = []
        self.weights: list[Any] = []
        self.pending = self.merged = 0

    def on_record(self, record: DossierRecord) -> None:
        j = self.judge.judge(record, self.sink)
        facts = self.facts(j) if j is not None else None
        if facts is not None:
            self.acc.add(facts)

    def _gid(self, kind: str, value: object) -> int:
        """A small id for ``value`` among the values of ``kind`` seen so far."""
        ids = self.ids.setdefault(kind, {})
        found = ids.get(value)
        if found is None:
            values = self.values.setdefault(kind, [])
            found = ids[value] = len(values)
            values.append(value)
        return found

    def _ids(self, r: BatchRows, kind: str, key: str, fn: Callable[[str], object]) -> Any:
        """The id of ``fn`` of each row's ``key`` cell (computed once per distinct cell)."""
        return self._mapped(r, key, lambda v: self._gid(kind, fn(v)))

    def _channel(self, text: str) -> object:
        t = text.strip()
        channel = self.judge._label(Channel, t) if t else None
        if channel is not None:
            return channel.value
        return "unknown" if t else None

    def _end_kind(self, text: str) -> object:
        t = text.strip()
        status = self.judge._label(Status, t) if t else None
        kind = STATUS_OF_END.get(status) if status is not None else None
        return (kind or EventKind.RESULT_RETURNED).value

    def _count(self, r: BatchRows, findings: dict[str, Any]) -> None:
        """Count the rows judged in columns by kind: everything the accumulator reads of
        their facts (the month, the outcome, the procedure and its terms, the end's kind as
        the counters read it, the stated flags, and what the result is grouped by)."""
        np = self.np
        j = self._left_and_tallied(r, findings)
        if not j.any():
            return
        n = len(j)
        by = self.acc.by
        outcome = np.full(n, len(_OUTCOMES) - 1, dtype=np.int64)
        for name, mask in self.outcome_masks(r, j, self.as_of_day).items():
            outcome[mask] = _OUTCOMES.index(None if name == NOT_JUDGED else name)
        end_kind = self._ids(r, "end_kind", "status", self._end_class)
        zero = np.zeros(n, dtype=np.int64)
        channel = (
            self._ids(r, "channel", "channel", self._channel)
            if "channel" in by
            else self._ids(r, "channel", "channel", self._online)
        )
        parts = [
            r.r_day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64),
            outcome,
            self._ids(r, "procedure", "procedure_code", _stripped),
            self._ids(r, "agency", "agency", _stripped) if "agency" in by else zero,
            self._ids(r, "level", "level", _level) if "level" in by else zero,
            channel,
            r.pair,
            np.where(r.end_seen, end_kind, self._gid("end_kind", None)),
            *(self._ids(r, f"flag:{key}", key, _tri) for key, _ in _FLAGS),
        ]
        table = np.stack([p[j] for p in parts], axis=1)
        uniq, counts = _distinct_rows(np, table)
        self.kinds.append(uniq)
        self.weights.append(counts)
        self.pending += len(uniq)
        if self.pending > max(_MERGE_ROWS, 2 * self.merged):
            self._merge()

    def _merge(self) -> None:
        """Merge the kinds counted so far into one array (memory bounded by the number of
        distinct kinds, not of batches)."""
        np = self.np
        kinds, counts = _distinct_rows(np, np.concatenate(self.kinds), np.concatenate(self.weights))
        self.kinds[:] = [kinds]
        self.weights[:] = [counts]
        self.merged = self.pending = len(kinds)

    def finish(self) -> None:
        """Add every kind counted to the accumulator (the kinds of all batches merged
        first, so each kind is built and added once)."""
        if not self.kinds:
            return
        self._merge()
        kinds, counts = self.kinds.pop(), self.weights.pop()
        self.merged = self.pending = 0
        for row, count in zip(kinds.tolist(), counts.tolist(), strict=True):
            self.acc.add_counted(self._facts(tuple(row)), count)

    def _online(self, text: str) -> object:
        return self._channel(text) == Channel.ONLINE.value

    def _end_class(self, text: str) -> object:
        """The end's kind as the counters read it: withdrawn, a result (processed or
        returned), or another end (``None``)."""
        kind = self._end_kind(text)
        if kind == EventKind.WITHDRAWN.value:
            return kind
        if kind in (EventKind.PROCESSED.value, EventKind.RESULT_RETURNED.value):
            return EventKind.RESULT_RETURNED.value
        return None

    def _facts(self, row: tuple[int, ...]) -> DossierFacts:
        month, outcome, proc, agency, level, channel, pair, end_kind, *flags = row
        v = self.values
        by = self.acc.by
        chan = v["channel"][channel]
        online = chan is True or chan == Channel.ONLINE.value
        procedure = self.pair_procedures[pair]
        stated: dict[str, Any] = {
            fact: _TRI[int(v[f"flag:{key}"][flag])]  # type: ignore[call-overload]
            for (key, fact), flag in zip(_FLAGS, flags, strict=True)
        }
        return DossierFacts(
            received=date(1970 + month // 12, month % 12 + 1, 1),
            outcome=_OUTCOMES[outcome],
            procedure=v["procedure"][proc],  # type: ignore[arg-type]
            agency=v["agency"][agency] if "agency" in by else None,  # type: ignore[arg-type]
            field=procedure.field,
            level=v["level"][level] if "level" in by else None,  # type: ignore[arg-type]
            channel=chan if "channel" in by else None,  # type: ignore[arg-type]
            end_kind=v["end_kind"][end_kind],  # type: ignore[arg-type]
            online=online,
            fee_bearing=self.pair_terms[pair][3],
            **stated,
        )


def _distinct_rows(np: Any, table: Any, weights: Any | None = None) -> tuple[Any, Any]:
    """The distinct rows of a 2-D array of small ids, and how many rows each is (the sum
    of ``weights``, one per row, when given): the rows as one mixed-radix key when it fits
    in 62 bits, constant columns left out of the key."""
    low = table.min(axis=0)
    radix = table.max(axis=0) - low + 1
    if math.prod(radix.tolist()) >= 1 << 62:
        kinds, inverse = np.unique(table, axis=0, return_inverse=True)
        ones = np.ones(len(table), dtype=np.int64) if weights is None else weights
        counts = np.zeros(len(kinds), dtype=np.int64)
        np.add.at(counts, inverse.reshape(-1), ones)
        return kinds, counts
    varying = [c for c in range(table.shape[1]) if radix[c] > 1]
    key = np.zeros(len(table), dtype=np.int64)
    for c in varying:
        key = key * radix[c] + (table[:, c] - low[c])
    if weights is None:
        uniq, counts = np.unique(key, return_counts=True)
    else:
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        uniq = ordered[starts]
        counts = np.add.reduceat(weights[order], starts)
    out = np.empty((len(uniq), table.shape[1]), dtype=np.int64)
    out[:] = low
    for c in reversed(varying):
        uniq, digit = np.divmod(uniq, radix[c])
        out[:, c] += digit
    return out, counts


def _level(text: str) -> str | None:
    return _level_value(text.strip())


def metrics_file_arrow(
    judge: Judge,
    sink: FindingSink,
    acc: MetricsAccumulator,
    path: str | os.PathLike[str],
    facts: Callable[[Judgement], DossierFacts | None],
    *,
    date_format: str | None,
    limits: ReadLimits | None,
    sheet: str | Sequence[str] | None,
    columns: Mapping[str, str] | None,
    encoding: str | None,
) -> DossierReading | None:
    """Count one dossier file into ``acc`` in columns (``facts`` makes the facts of a row
    the row engine judged); ``None`` (and nothing counted) when the columnar engine
    declines the file."""

    # Counted apart, and merged only when the file is read in columns.
    scratch = MetricsAccumulator(by=acc.by, config=acc.config)

    engines: list[_MetricsEngine] = []

    def make(reading: DossierReading, source: ColumnSource) -> ColumnEngine:
        engines.append(_MetricsEngine(judge, sink, reading, source, scratch, facts))
        return engines[-1]

    reading = read_in_columns(
        judge, sink, path, make, date_format=date_format, progress=None, limits=limits,
        sheet=sheet, columns=columns, encoding=encoding,
    )  # fmt: skip
    if reading is None:
        return None
    engines[-1].finish()
    acc.merge(scratch)
    return reading
