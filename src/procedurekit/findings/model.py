"""The finding and its severity: one problem found in a file, a catalogue or a dossier.

A finding carries the data row (1-based, header excluded), the physical line in the file
(for editors and GitHub annotations), the field, a stable kebab-case ``code``, a
``severity`` and the offending ``value``. Readers, the validator and the audit all produce
them; nothing is raised for a problem that concerns one row.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

import attrs

__all__ = ["Finding", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is. ``error`` makes a report invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: sorts the worst first."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 200:
        return value[:197] + "..."
    return value


@attrs.frozen
class Finding:
    """One problem: ``code`` is stable kebab-case (``duplicate-code``), ``message`` is English.

    ``row`` is the 1-based data row of the table named by ``file`` (``None`` for a problem
    of the whole file or column); ``line`` the physical line (1-based) where that row starts.
    ``value`` is the offending value, cut to 200 characters; ``agency`` the agency (cơ quan)
    of the dossier row the finding is about, when the row names one.
    """

    code: str
    severity: Severity
    message: str
    row: int | None = None
    field: str | None = None
    value: Any = attrs.field(default=None, converter=_short)
    file: str | None = None
    line: int | None = None
    agency: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; keys follow frictionless' error shape."""
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "row": self.row,
            "field": self.field,
            "value": _json_value(self.value),
        }
        if self.file is not None:
            out["file"] = self.file
        if self.line is not None:
            out["line"] = self.line
        if self.agency is not None:
            out["agency"] = self.agency
        return out


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, date):  # date or datetime: ISO 8601
        return value.isoformat()
    return repr(value)
