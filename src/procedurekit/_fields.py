"""Every model checks its fields when it is built, from its own type hints.

A model that accepts a bad value fails later, far from the mistake (``to_json`` refusing what
the constructor took, an ``AttributeError`` deep in the clock). :func:`check_fields` runs
after attrs has built a model and, for each field, by its declared type:

- an enum field accepts the member, its value (``"counter"``) or, for the vocabulary enums,
  its Vietnamese or English label (``"Trực tiếp"``), and stores the member;
- a ``tuple[X, ...]`` field accepts any iterable but a string, stores a tuple, and checks
  (or converts) each item the same way;
- ``str``, ``int``, ``bool``, ``Decimal``, ``date``, ``time``, a model or a duration is
  checked with ``isinstance`` (``bool`` is not an ``int``, a ``datetime`` is not a ``date``);
- a ``datetime`` is stored aware in Vietnam time (a naive one is local) and must lie in the
  years the wire format writes (1900–2199);
- a code type (``ProcedureCode``, ``DossierCode``) also accepts its text.

Anything else raises a :class:`~procedurekit.errors.ProcedureKitError` whose ``path`` names
``Class.field`` (and the item's index). So what a model holds, ``to_json`` writes and
``from_json`` reads back.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Final

import attrs

from procedurekit._time import local_datetime
from procedurekit.durations import Duration
from procedurekit.errors import InvalidArgumentError, InvalidTypeError, ProcedureKitError
from procedurekit.vocab import LabelledEnum

__all__ = ["check_fields"]

#: The years a datetime may have: those the wire format writes.
_YEARS: Final = (1900, 2199)

_Check = Callable[[Any, str], Any]
_CHECKS: dict[type, tuple[tuple[str, _Check], ...]] = {}


def _name(t: object) -> str:
    return getattr(t, "__name__", repr(t))


def _type_error(path: str, value: object, expected: str) -> InvalidTypeError:
    return InvalidTypeError(
        f"{path} must be {expected}, got {type(value).__name__} {value!r}"[:300],
        path=path,
        value=value,
        expected=expected,
    )


def _enum_check(cls: type[enum.Enum]) -> _Check:
    labelled = issubclass(cls, LabelledEnum)

    def check(value: Any, path: str) -> Any:
        if isinstance(value, cls):
            return value
        found: enum.Enum | None = None
        if labelled:
            found = cls.lookup(value)  # type: ignore[attr-defined]
        elif isinstance(value, str):
            found = next((m for m in cls if m.value == value), None)
        if found is None:
            values = ", ".join(repr(m.value) for m in cls)
            raise InvalidArgumentError(
                f"{path} must be a {cls.__name__} (one of {values}"
                + (", or its Vietnamese or English label" if labelled else "")
                + f"), got {value!r}"[:200],
                path=path,
                value=value,
                expected=f"{cls.__name__}.{next(iter(cls)).name} or {next(iter(cls)).value!r}",
            )
        return found

    return check


def _instance_check(cls: type, expected: str) -> _Check:
    def check(value: Any, path: str) -> Any:
        if not isinstance(value, cls) or (cls is int and isinstance(value, bool)):
            raise _type_error(path, value, expected)
        return value

    return check


def _date_check(value: Any, path: str) -> Any:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise _type_error(path, value, "a datetime.date, e.g. date(2026, 3, 2)")
    return value


def _datetime_check(value: Any, path: str) -> Any:
    moment = local_datetime(value, path)
    if not _YEARS[0] <= moment.year <= _YEARS[1]:
        raise InvalidArgumentError(
            f"{path} must lie in the years {_YEARS[0]}..{_YEARS[1]}, got {value!r}",
            path=path,
            value=value,
            expected="a moment such as datetime(2026, 3, 2, 9, 0)",
        )
    return moment


def _code_check(cls: type) -> _Check:
    def check(value: Any, path: str) -> Any:
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            try:
                return cls(value)
            except ProcedureKitError as exc:
                raise InvalidArgumentError(
                    f"{path}: {exc.message}", path=path, value=value, expected=exc.expected
                ) from None
        raise _type_error(path, value, f"a {cls.__name__} or its text")

    return check


def _tuple_check(item: _Check) -> _Check:
    def check(value: Any, path: str) -> Any:
        if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
            raise _type_error(path, value, "a tuple or list")
        return tuple(item(v, f"{path}[{i}]") for i, v in enumerate(value))

    return check


def _frozenset_check(item: _Check) -> _Check:
    def check(value: Any, path: str) -> Any:
        if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
            raise _type_error(path, value, "a set or list")
        return frozenset(item(v, f"{path}[{i}]") for i, v in enumerate(value))

    return check


def _optional(inner: _Check) -> _Check:
    def check(value: Any, path: str) -> Any:
        return None if value is None else inner(value, path)

    return check


def _any(value: Any, path: str) -> Any:
    return value


def _check_for(t: Any) -> _Check:
    """The checker of one declared type."""
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        inner = _check_for(rest[0]) if len(rest) == 1 else _any
        return _optional(inner) if len(rest) < len(args) else inner
    if origin is tuple:
        (item,) = [a for a in args if a is not Ellipsis]
        return _tuple_check(_check_for(item))
    if origin is frozenset:
        return _frozenset_check(_check_for(args[0]))
    if not isinstance(t, type):
        return _any
    if issubclass(t, enum.Enum):
        return _enum_check(t)
    if t is datetime:
        return _datetime_check
    if t is date:
        return _date_check
    if t in (str, int, bool, time):
        return _instance_check(t, f"a {t.__name__}")
    if t is Decimal:
        return _instance_check(Decimal, "a Decimal, e.g. Decimal('50000')")
    if issubclass(t, Duration):
        return _instance_check(t, f"a {_name(t)}, e.g. WorkingDays(5)")
    if attrs.has(t) and t.__name__ in ("ProcedureCode", "DossierCode"):
        return _code_check(t)
    if attrs.has(t):
        return _instance_check(t, f"a {t.__name__}")
    return _any


def _checks(cls: type) -> tuple[tuple[str, _Check], ...]:
    found = _CHECKS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = tuple((f.name, _check_for(hints[f.name])) for f in attrs.fields(cls) if f.init)
        _CHECKS[cls] = found
    return found


def check_fields(instance: object) -> None:
    """Check and convert every field of a freshly built model (see the module docstring)."""
    cls = type(instance)
    owner = cls.__name__
    for name, check in _checks(cls):
        value = getattr(instance, name)
        converted = check(value, f"{owner}.{name}")
        if converted is not value:
            object.__setattr__(instance, name, converted)
