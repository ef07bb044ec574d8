"""Catalogue reports: online public service (indicator 3.1 of Decision 766/QĐ-TTg, 2022;
Decree 42/2022 Art. 11) and the time cuts of committed times (DOMAIN.md §7).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

import attrs

from procedurekit.durations import CalendarDays, Duration, WorkingDays
from procedurekit.errors import InvalidArgumentError
from procedurekit.metrics._scoring import _ratio

if TYPE_CHECKING:
    from procedurekit.models.procedure import Procedure


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
