"""The one collector of findings: every count, and the findings themselves up to a bound.

Readers, the validator and the audit all report through a :class:`FindingSink`. A
validation keeps every finding (``max_examples=None``); an audit over millions of dossiers
keeps every *count* and the first ``max_examples`` findings of each code, so its memory
stays bounded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from procedurekit.findings.model import Finding, Severity
from procedurekit.findings.rules import rule

__all__ = ["FindingSink"]


@attrs.define
class FindingSink:
    """Collects findings: every count, the first ``max_examples`` per code (``None``: all)."""

    max_examples: int | None = 20
    counts: Counter[str] = attrs.field(factory=Counter)
    severities: dict[str, Severity] = attrs.field(factory=dict)
    examples: list[Finding] = attrs.field(factory=list)

    def _wanted(self, code: str, severity: Severity) -> bool:
        self.severities.setdefault(code, severity)
        self.counts[code] += 1
        return self.max_examples is None or self.counts[code] <= self.max_examples

    def add(self, finding: Finding) -> None:
        """Count ``finding``; keep it unless ``max_examples`` of its code are kept already."""
        if self._wanted(finding.code, finding.severity):
            self.examples.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        """:meth:`add` each of ``findings``."""
        for f in findings:
            self.add(f)

    def emit(
        self,
        code: str,
        *,
        row: int | None = None,
        field: str | None = None,
        value: Any = None,
        file: str | None = None,
        line: int | None = None,
        **fields: Any,
    ) -> None:
        """Count a finding of rule ``code``; render its message from the rule's template and
        ``fields`` (plus ``row``, ``field`` and ``value``) only when it is kept."""
        r = rule(code)
        if self._wanted(code, r.severity):
            self.examples.append(
                r.finding(row=row, field=field, value=value, file=file, line=line, **fields)
            )

    @property
    def total(self) -> int:
        """Every finding counted."""
        return sum(self.counts.values())

    def count(self, severity: Severity) -> int:
        """How many findings of ``severity`` were counted."""
        return sum(n for c, n in self.counts.items() if self.severities[c] is severity)

    @property
    def truncated(self) -> bool:
        """Whether some counted findings were not kept."""
        return len(self.examples) < self.total
