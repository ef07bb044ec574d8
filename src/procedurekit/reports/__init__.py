"""Reports a person reads or a team hands back.

- the service indicators as text, JSON, CSV or one self-contained HTML page
  (:mod:`~procedurekit.reports.metrics`);
- the per-dossier hand-back file of an audit, CSV or JSON Lines
  (:mod:`~procedurekit.reports.per_dossier`);
- every finding with its suggested fix, CSV or XLSX with a sheet per agency
  (:mod:`~procedurekit.reports.findings_out`).

A report of findings (validation, audit) is :class:`procedurekit.findings.Report`, rendered by
:func:`procedurekit.findings.format_report`. Every CSV goes through the one escaping writer
(:mod:`procedurekit.io.writers`).
"""

from procedurekit.reports.findings_out import FINDINGS_COLUMNS, FindingsWriter
from procedurekit.reports.metrics import (
    metrics_to_dict,
    render_csv,
    render_html,
    render_json,
    render_text,
)
from procedurekit.reports.per_dossier import PER_DOSSIER_COLUMNS, PerDossierWriter, judgement_row

__all__ = [
    "FINDINGS_COLUMNS",
    "PER_DOSSIER_COLUMNS",
    "FindingsWriter",
    "PerDossierWriter",
    "judgement_row",
    "metrics_to_dict",
    "render_csv",
    "render_html",
    "render_json",
    "render_text",
]
