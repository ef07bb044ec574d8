"""Checks over one findings registry: the catalogue validator and the dossier audit.

- :func:`validate_catalogue`, :func:`validate_files` (:mod:`~procedurekit.checks.catalogue`):
  every rule over a procedure catalogue;
- :func:`audit_dossiers`, :func:`audit_files` (:mod:`~procedurekit.checks.audit`): each
  dossier's legal due date and outcome recomputed and the printed appointment judged.

Both report :class:`~procedurekit.findings.Finding` values of the rules in
:data:`procedurekit.findings.RULES`.
"""

from procedurekit.checks.audit import (
    AuditPartial,
    audit_dossiers,
    audit_files,
    audit_partial,
)
from procedurekit.checks.catalogue import validate_catalogue, validate_files

__all__ = [
    "AuditPartial",
    "audit_dossiers",
    "audit_files",
    "audit_partial",
    "validate_catalogue",
    "validate_files",
]
