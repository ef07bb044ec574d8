"""The one collector of findings: every count, and the findings themselves up to a bound.

Readers, the validator and the audit all report through a :class:`FindingSink`. A
validation keeps every finding (``max_examples=None``); an audit over millions of dossiers
keeps every *count* and the first ``max_examples`` findings of each code, so its memory
stays bounded. A ``tee`` receives every finding counted, kept or not (``--findings-out``
writes them all to a file as they come), and ``agency`` is stamped on the findings counted
while a reader or the judge works on a row that names its agency.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
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
    #: Receives every finding counted, kept as an example or not.
    tee: Callable[[Finding], None] | None = None
    #: The agency of the row being read or judged (stamped on its findings), or ``None``.
    agency: str | None = None

    def _stamp(self, finding: Finding) -> Finding:
        if self.agency and finding.agency is None:
            return attrs.evolve(finding, agency=self.agency)
        return finding

    def _wanted(self, code: str, severity: Severity) -> bool:
        self.severities.setdefault(code, severity)
        self.counts[code] += 1
        return self.max_examples is None or self.counts[code] <= self.max_examples

    def add(self, finding: Finding) -> None:
        """Count ``finding``; keep it unless ``max_examples`` of its code are kept already."""
        wanted = self._wanted(finding.code, finding.severity)
        if wanted or self.tee is not None:
            finding = self._stamp(finding)
            if self.tee is not None:
                self.tee(finding)
            if wanted:
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
        wanted = self._wanted(code, r.severity)
        if wanted or self.tee is not None:
            finding = self._stamp(
                r.finding(row=row, field=field, value=value, file=file, line=line, **fields)
            )
            if self.tee is not None:
                self.tee(finding)
            if wanted:
                self.examples.append(finding)

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
