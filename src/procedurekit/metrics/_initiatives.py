"""The initiative register: initiatives per agency and year by status, and the agencies
under the yearly minimum (DOMAIN.md §7).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from procedurekit.errors import InvalidArgumentError

if TYPE_CHECKING:
    from procedurekit.models.initiative import Initiative


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
