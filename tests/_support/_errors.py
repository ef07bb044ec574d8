"""The whole structure of a library error, checked in one place: its class, message,
``str()``, ``path``, the ``repr`` of its ``value`` and what was ``expected`` (all of them are
API: a portal shows them to its users)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import procedurekit as pk

#: The parameter names of a case table for :func:`assert_error_structure`.
FIELDS = ("call", "kind", "message", "path", "value", "expected")


def assert_error_structure(
    call: Callable[[], object],
    kind: type[pk.ProcedureKitError],
    message: str,
    path: str,
    value: str,
    expected: str,
) -> None:
    """``call()`` raises exactly ``kind`` with every field as given."""
    with pytest.raises(pk.ProcedureKitError) as info:
        call()
    err = info.value
    assert type(err) is kind
    assert err.message == message
    assert str(err) == message
    assert err.path == path
    assert repr(err.value) == value
    assert err.expected == expected
