"""Findings: one problem found in a file, a catalogue or a dossier, with where and why.

- :class:`Finding` and :class:`Severity` (:mod:`~procedurekit.findings.model`);
- the one registry of rules, each with a stable code, message template and legal source
  (:data:`RULES`, :func:`rules_table`; :mod:`~procedurekit.findings.rules`);
- :class:`FindingSink`, the one collector (:mod:`~procedurekit.findings.sink`);
- :class:`Report` and :func:`format_report` (:mod:`~procedurekit.findings.report`).
"""

from procedurekit.findings.model import Finding, Severity
from procedurekit.findings.report import Report, ReportFormat, format_report
from procedurekit.findings.rules import (
    AFFECTS_METRICS,
    RULES,
    RULES_BY_CODE,
    Rule,
    affects_metrics,
    rule,
    rules_table,
)
from procedurekit.findings.sink import FindingSink

__all__ = [
    "AFFECTS_METRICS",
    "RULES",
    "RULES_BY_CODE",
    "Finding",
    "FindingSink",
    "Report",
    "ReportFormat",
    "Rule",
    "Severity",
    "affects_metrics",
    "format_report",
    "rule",
    "rules_table",
]
