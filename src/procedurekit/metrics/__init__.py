"""Service metrics: the Decision 766/QĐ-TTg (2022) indicators, time cuts, online service,
service models and the initiative register (DOMAIN.md §6–7).

Decision 766/QĐ-TTg (23 June 2022) scores how provinces and ministries serve people and
businesses in five groups worth 100 points: disclosure 18, progress 20, digitisation 22,
online service 22, satisfaction 18. The indicators computable from dossier records and the
catalogue are configuration (:class:`Indicator766`, :class:`ScoringConfig`) with the 2022
values as default:

- 2.1 on time: (early + on time + open in time) / dossiers with an outcome;
- 3.1 procedures with online service: partial or full online / procedures whose online
  level is recorded (not computed when none is); full at 80 %;
- 3.3 online dossiers: received online / received; full at 50 %;
- 3.6 online payment: paid online / dossiers of fee-bearing procedures;
- 4.1 electronic results: electronic result / result is a paper;
- 4.2 digitised dossiers: digitised components and e-result / all; full at 80 %;
- 4.3 reuse of digitised data: reusing digitised data / received; full at 80 %;
- 5.4 satisfaction: 100 % − (late rate + complaint rate); full at 90 %.

Score = min(1, rate / threshold) × points; an indicator without a threshold scores
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

from typing import Final

from procedurekit.metrics._accumulator import GROUP_KEYS as _GROUP_KEYS
from procedurekit.metrics._accumulator import (
    DataQuality,
    MetricsAccumulator,
    MetricsResult,
    compute_metrics,
)
from procedurekit.metrics._accumulator import GroupKey as GroupKey
from procedurekit.metrics._catalogue import (
    OnlineServiceSummary,
    TimeCutReport,
    TimeCutRow,
    online_service_summary,
    time_cut_report,
)
from procedurekit.metrics._counts import BACGIANG_2016_COLUMNS as _BACGIANG_2016_COLUMNS
from procedurekit.metrics._counts import (
    CountColumns,
    metrics_from_count_rows,
    rates_from_counts,
    read_count_table,
)
from procedurekit.metrics._facts import (
    DossierFacts,
    facts_from_dossier,
    facts_from_record,
    iter_facts_jsonl,
)
from procedurekit.metrics._files import (
    facts_from_judgement,
    metrics_from_files,
    missing_reasons,
    with_reasons,
)
from procedurekit.metrics._initiatives import (
    InitiativeRow,
    InitiativeSummary,
    initiative_summary,
)
from procedurekit.metrics._scoring import (
    _GROUP_NAMES,
    Counts,
    GroupResult,
    Indicator766,
    IndicatorValue,
    ScoringConfig,
)
from procedurekit.metrics._scoring import DECISION_766_2022 as _DECISION_766_2022
from procedurekit.metrics._scoring import GROUPS as _GROUPS
from procedurekit.metrics._service import (
    ServiceModelPerformance,
    service_model_performance,
)

__all__ = [
    "BACGIANG_2016_COLUMNS",
    "DECISION_766_2022",
    "GROUPS",
    "GROUP_KEYS",
    "GROUP_NAMES",
    "CountColumns",
    "Counts",
    "DataQuality",
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
    "facts_from_judgement",
    "facts_from_record",
    "initiative_summary",
    "iter_facts_jsonl",
    "metrics_from_count_rows",
    "metrics_from_files",
    "missing_reasons",
    "online_service_summary",
    "rates_from_counts",
    "read_count_table",
    "service_model_performance",
    "time_cut_report",
    "with_reasons",
]

# The constants are bound here again, so that their "#:" comments are read with this module
# (the API reference reads the comments of the module it documents): the same objects.

#: The five groups of Decision 766/QĐ-TTg (2022), in report order.
GROUPS: Final = _GROUPS

#: The name of each group of :data:`GROUPS`, as ``(vi, en)``.
GROUP_NAMES: Final = _GROUP_NAMES

#: Names a dossier can be grouped by (:func:`compute_metrics` ``by``).
GROUP_KEYS: Final = _GROUP_KEYS

#: Decision 766/QĐ-TTg (2022), the default configuration.
DECISION_766_2022: Final = _DECISION_766_2022

#: The monthly statistics of the Bắc Giang one-stop software (``C_COUNT_*`` columns of the
#: 2016 dump, one row per unit × field × month): grouped by unit and month.
BACGIANG_2016_COLUMNS: Final = _BACGIANG_2016_COLUMNS
