"""Rates from aggregate counts: a report's counts (:func:`rates_from_counts`) and count
tables of monthly statistics (:func:`metrics_from_count_rows`, :func:`read_count_table`),
scored by Decision 766/QĐ-TTg (2022) where the counts allow.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from procedurekit.errors import InvalidArgumentError, StructureError
from procedurekit.metrics._scoring import (
    DECISION_766_2022,
    GROUPS,
    Counts,
    GroupResult,
    IndicatorValue,
    ScoringConfig,
    _evaluate,
)

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
    complaints: int | None = None,
    processed: int | None = None,
    key: Sequence[str] = (),
    config: ScoringConfig | None = None,
) -> GroupResult:
    """Rates and scores from a report's counts (monthly reports give counts, not dossiers).

    ``early``/``on_time``/``late`` are finished dossiers (trả trước / đúng / quá hạn);
    ``in_time``/``overdue`` open ones (đang giải quyết trong hạn / quá hạn). When a report
    gives only "early and on time" together, pass it as ``early`` and 0 as ``on_time``.
    ``processed`` (đã xử lý) is the denominator of :meth:`GroupResult.share` when the
    report's own total includes finished dossiers it does not classify. ``complaints`` (of
    ``received``) completes 5.4; without it 5.4 is not computed (a report that does not
    count complaints says nothing of them, which is not zero).

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
        complaints=_count(complaints, "complaints") if complaints is not None else 0,
        complaints_stated=received if complaints is not None else 0,
        processed=_count(processed, "processed") if processed is not None else None,
    )
    cfg = config or DECISION_766_2022
    result = _evaluate(tuple(key), counts, cfg)
    # A report's counts say nothing of payment, results or digitisation: those indicators
    # (and 3.3 without an online count) are unknown, not zero.
    known = {"2.1", "5.4"} | ({"3.3"} if online is not None else set())
    values = tuple(
        v
        if v.code in known
        else attrs.evolve(
            v,
            numerator=None,
            rate=None,
            score=None,
            reason="a report's counts do not give it",
        )
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
