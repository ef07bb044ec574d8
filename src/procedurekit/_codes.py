"""The national procedure code (mã TTHC), low in the layers: the deadline engine takes one.

Private; the documented home is :mod:`procedurekit.models.codes` (also ``pk.ProcedureCode``),
which re-exports :class:`ProcedureCode`. It lives here so that the deadline engine and
the service models, which sit below the models, can accept a ``ProcedureCode`` wherever
they accept a code as text: :func:`procedure_code_text` is the one place that reads either.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from procedurekit.errors import InvalidArgumentError, InvalidTypeError

__all__ = ["MAX_CODE_LENGTH", "PROCEDURE_CODE_PATTERN", "ProcedureCode", "procedure_code_text"]

#: ``D.DDDDDD`` then optional ``.PART`` groups (letters and digits), e.g. ``.000.00.00.H38``.
PROCEDURE_CODE_PATTERN: Final = r"^[0-9]\.[0-9]{6}(\.[0-9A-Za-z]+)*$"
_PROCEDURE_CODE_RE: Final = re.compile(PROCEDURE_CODE_PATTERN)
#: The longest code (procedure or dossier) accepted.
MAX_CODE_LENGTH: Final = 200


def _check_procedure_code(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"ProcedureCode must be a string, got {type(value).__name__} {value!r}",
            path="ProcedureCode",
            value=value,
            expected="a code such as '2.000815' or '2.000815.000.00.00.H38'",
        )
    if len(value) > MAX_CODE_LENGTH or not _PROCEDURE_CODE_RE.match(value):
        raise InvalidArgumentError(
            f"ProcedureCode must have the shape D.DDDDDD with an optional agency suffix, "
            f"got {value!r}",
            path="ProcedureCode",
            value=value,
            expected="a code such as '2.000815' or '2.000815.000.00.00.H38'",
        )


@attrs.frozen(order=True, repr=False)
class ProcedureCode:
    """A national procedure code (mã thủ tục hành chính), kept exactly as written.

    >>> ProcedureCode("2.000815.000.00.00.H38").base
    '2.000815'
    """

    value: str = attrs.field(validator=_check_procedure_code)

    @classmethod
    def parse(cls, text: str) -> ProcedureCode:
        """Read a code from messy text: surrounding whitespace is dropped, nothing else."""
        if not isinstance(text, str):
            _check_procedure_code(None, None, text)
        return cls(text.strip())

    @staticmethod
    def is_valid(text: object) -> bool:
        """Whether ``text`` has the shape of a procedure code."""
        return (
            isinstance(text, str)
            and len(text) <= MAX_CODE_LENGTH
            and _PROCEDURE_CODE_RE.match(text) is not None
        )

    @property
    def base(self) -> str:
        """The national part, ``D.DDDDDD``."""
        return self.value[:8]

    @property
    def suffix(self) -> str | None:
        """The agency suffix without its leading dot (``000.00.00.H38``), or ``None``."""
        return self.value[9:] or None

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"ProcedureCode({self.value!r})"


# Pickles, the docs and error messages name the class by its documented home.
ProcedureCode.__module__ = "procedurekit.models.codes"


def procedure_code_text(
    value: str | ProcedureCode | None, name: str = "procedure_code"
) -> str | None:
    """The text of a procedure code given as a ``str`` or a :class:`ProcedureCode`.

    ``None`` stays ``None`` and a string is returned as given (the engine matches it as
    text, and real records carry codes of every shape); anything else raises
    :class:`~procedurekit.errors.InvalidTypeError` naming ``name``.

    >>> procedure_code_text(ProcedureCode("2.000815")), procedure_code_text("2.000815")
    ('2.000815', '2.000815')
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, ProcedureCode):
        return value.value
    raise InvalidTypeError(
        f"{name} must be a string or a ProcedureCode, got {type(value).__name__} {value!r}",
        path=name,
        value=value,
        expected="'2.000815' or ProcedureCode('2.000815')",
    )
