"""The one error hierarchy of procedurekit.

Every error raised on bad input derives from :class:`ProcedureKitError` and also from the
builtin it means (``ValueError``, ``TypeError``, ``LookupError``), so callers may catch
either. Each error keeps the structure of the problem as attributes: ``path`` (the argument
or field, e.g. ``"received_at"`` or ``"$.procedures[3].processing_time"``), ``value`` (what
was received) and ``expected`` (what is valid, with an example).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "CalendarDataError",
    "CalendarRangeError",
    "DurationParseError",
    "EventLogError",
    "InputFileError",
    "InvalidArgumentError",
    "InvalidTypeError",
    "LevelAbolishedError",
    "MissingExtraError",
    "Problem",
    "ProcedureKitError",
    "StructureError",
    "TransitionError",
    "UnknownCodeError",
]


class ProcedureKitError(Exception):
    """Base class of every error procedurekit raises on bad input.

    ``message`` is the human text; ``path``, ``value`` and ``expected`` say which field,
    what was received and what would have been valid.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        value: Any = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.value = value
        self.expected = expected

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the arguments and the attributes, whatever the subclass's ``__init__``
        takes: an error raised in a worker process reaches the parent whole."""
        # ``path`` lives in a slot, not in ``__dict__``, when the error is also an ImportError.
        return (_restore, (type(self), self.args, {**self.__dict__, "path": self.path}))


def _restore(cls: type[ProcedureKitError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    """Rebuild a pickled :class:`ProcedureKitError` without calling its ``__init__``."""
    error = cls.__new__(cls, *args)
    Exception.__init__(error, *args)
    for name, value in state.items():
        setattr(error, name, value)
    return error


class InvalidArgumentError(ProcedureKitError, ValueError):
    """An argument has the right type but an invalid value (negative, NaN, unknown name)."""


class InvalidTypeError(ProcedureKitError, TypeError):
    """An argument has the wrong type (a ``datetime`` where a ``date`` is expected)."""


class LevelAbolishedError(InvalidArgumentError):
    """A receipt at a level that no longer existed that day (cấp huyện from 2025-07-01)."""


class CalendarRangeError(ProcedureKitError, ValueError):
    """A date or a result falls outside the calendar's coverage (2010-01-01..2060-12-31)."""


class CalendarDataError(ProcedureKitError, ValueError):
    """A calendar data file (the package's overlay or a user's announcement) is malformed."""


class DurationParseError(ProcedureKitError, ValueError):
    """A processing-time phrase could not be read as a duration.

    ``reason`` is a stable kebab-case code: ``no-number``, ``no-unit``, ``range``,
    ``bare-number``, ``no-information``, ``empty``, ``too-large``, ``unrecognised``.
    """

    def __init__(
        self,
        message: str,
        *,
        reason: str,
        path: str | None = None,
        value: Any = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(message, path=path, value=value, expected=expected)
        self.reason = reason


class InputFileError(ProcedureKitError, ValueError):
    """An input file cannot be read at all: not UTF-8, binary, truncated, wrong format.

    ``path`` is the file name; ``value`` the offending bytes or text, cut short; ``line``
    the 1-based line where reading stopped, when known. A problem of one row is never
    raised: it becomes a finding in the report.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        value: Any = None,
        expected: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message, path=path, value=value, expected=expected)
        self.line = line


class MissingExtraError(ProcedureKitError, ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    >>> str(MissingExtraError.of("icalendar", "ics", "writing iCalendar"))
    "writing iCalendar needs icalendar, which is not installed: pip install 'procedurekit[ics]'"
    """

    @classmethod
    def of(cls, package: str, extra: str, purpose: str) -> MissingExtraError:
        """The error for ``purpose`` needing ``package`` from the extra ``extra``."""
        return cls(
            f"{purpose} needs {package}, which is not installed: "
            f"pip install 'procedurekit[{extra}]'",
            path=package,
            expected=f"procedurekit[{extra}] installed",
        )


class UnknownCodeError(ProcedureKitError, LookupError):
    """A code, label or name is not known (an unknown procedure code, level label, preset)."""


class TransitionError(ProcedureKitError, ValueError):
    """A dossier event is not allowed after the events before it.

    ``allowed`` lists the event kinds that would have been accepted.
    """

    def __init__(
        self,
        message: str,
        *,
        allowed: Sequence[str] = (),
        path: str | None = None,
        value: Any = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(message, path=path, value=value, expected=expected)
        self.allowed = tuple(allowed)


class Problem:
    """One problem found while reading structured data: a JSON path and a message."""

    __slots__ = ("expected", "message", "path", "value")

    def __init__(self, path: str, message: str, *, value: Any = None, expected: str | None = None):
        self.path = path
        self.message = message
        self.value = value
        self.expected = expected

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.message!r})"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class StructureError(ProcedureKitError, ValueError):
    """Structured input (JSON, a data file, an event log) has one or more problems.

    ``problems`` holds every problem found, each with its path; the message lists them.
    """

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        self.problems = tuple(problems)
        text = message
        if self.problems:
            lines = [str(p) for p in self.problems[:20]]
            more = len(self.problems) - len(lines)
            if more > 0:
                lines.append(f"... +{more} more")
            text = message + ":\n  " + "\n  ".join(lines)
        super().__init__(text, path=self.problems[0].path if self.problems else None)


class EventLogError(TransitionError, StructureError):
    """A dossier's event log has one or more problems (illegal transitions, bad times).

    Both a :class:`TransitionError` and a :class:`StructureError`: ``problems`` lists every
    problem with its path (``events[3]``); ``allowed`` lists the event kinds that would
    have been accepted at the first illegal transition.
    """

    def __init__(
        self, message: str, problems: Sequence[Problem] = (), *, allowed: Sequence[str] = ()
    ) -> None:
        StructureError.__init__(self, message, problems)
        self.allowed = tuple(allowed)
