"""Codes: the national procedure code (mã TTHC) and the dossier code (mã hồ sơ).

- :class:`ProcedureCode`: the code of the national procedure database, shape ``D.DDDDDD``
  (``2.000815``), optionally followed by an agency suffix of dot-separated parts
  (``2.000815.000.00.00.H38``). Kept verbatim; an opaque string of that shape (DOMAIN.md §4).
- :class:`DossierCode`: ``<agency code>-YYMMDD-NNNN`` (Circular 01/2018/TT-VPCP Art. 19),
  e.g. ``H21.65-220914-0011``. Circular 03/2025/TT-VPCP may have changed the shape, so any
  non-empty code is accepted and :meth:`DossierCode.parse` reports whether it is standard.

:class:`ProcedureCode` is defined in the private ``procedurekit._codes`` (below the deadline
engine, which accepts one) and belongs here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

import attrs

from procedurekit._codes import MAX_CODE_LENGTH, PROCEDURE_CODE_PATTERN, ProcedureCode
from procedurekit.errors import InvalidArgumentError, InvalidTypeError

__all__ = ["PROCEDURE_CODE_PATTERN", "DossierCode", "DossierCodeParts", "ProcedureCode"]

#: Circular 01/2018/TT-VPCP Art. 19: agency code, receipt date YYMMDD, a 4-digit sequence.
_DOSSIER_CODE_RE: Final = re.compile(r"^(?P<agency>.+)-(?P<yymmdd>[0-9]{6})-(?P<seq>[0-9]{4,})$")


@attrs.frozen
class DossierCodeParts:
    """The parts of a standard dossier code: agency code, receipt date, sequence number."""

    agency: str
    received_on: date
    sequence: int


def _check_dossier_code(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"DossierCode must be a string, got {type(value).__name__} {value!r}",
            path="DossierCode",
            value=value,
            expected="a code such as 'H21.65-220914-0011'",
        )
    if not value.strip() or len(value) > MAX_CODE_LENGTH:
        raise InvalidArgumentError(
            f"DossierCode must be a non-empty string of at most {MAX_CODE_LENGTH} "
            f"characters, got {value!r}",
            path="DossierCode",
            value=value,
            expected="a code such as 'H21.65-220914-0011'",
        )


@attrs.frozen(order=True, repr=False)
class DossierCode:
    """A dossier code (mã hồ sơ), kept verbatim; the standard shape is checked, not enforced.

    >>> DossierCode("H21.65-220914-0011").parse()
    DossierCodeParts(agency='H21.65', received_on=datetime.date(2022, 9, 14), sequence=11)
    >>> DossierCode("HS-2025/17").is_standard
    False
    """

    value: str = attrs.field(validator=_check_dossier_code)

    def parse(self) -> DossierCodeParts | None:
        """The parts of a standard code (Circular 01/2018 Art. 19), or ``None`` if not."""
        match = _DOSSIER_CODE_RE.match(self.value)
        if match is None:
            return None
        digits = match["yymmdd"]
        try:
            received = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
        except ValueError:
            return None
        return DossierCodeParts(match["agency"], received, int(match["seq"]))

    @property
    def is_standard(self) -> bool:
        """Whether the code has the shape ``<agency>-YYMMDD-NNNN`` with a real date."""
        return self.parse() is not None

    def problems(self) -> tuple[str, ...]:
        """Why the code is not standard (empty when it is): a report, never an error."""
        if self.is_standard:
            return ()
        match = _DOSSIER_CODE_RE.match(self.value)
        if match is None:
            return (
                f"dossier code {self.value!r} does not have the shape <agency code>-YYMMDD-NNNN "
                "(Circular 01/2018/TT-VPCP Art. 19), e.g. 'H21.65-220914-0011'",
            )
        return (f"dossier code {self.value!r} carries no real date in {match['yymmdd']!r}",)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"DossierCode({self.value!r})"
