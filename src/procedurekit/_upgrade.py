"""Reading older wire documents: one upgrade step per ``schema_version``, and type hints.

Private; used by :mod:`procedurekit.serialize`. A document of version ``n`` older than
:data:`procedurekit.serialize.SCHEMA_VERSION` is rewritten by ``UPGRADES[n]``, then
``UPGRADES[n + 1]`` and so on, before it is read; every step is a pure function of the
JSON body and the class it is read as, documented in docs/wire-format.md ("Versioning")
and tested on a document of each earlier version.

Version 1 → 2:

- ``ServiceModel``: version 1 read an empty ``procedure_codes`` as "every procedure";
  version 2 says so with ``all_procedures: true`` (an empty list alone is an unbound
  template, refused by the engine). The step sets ``all_procedures`` where the list is
  empty and the key is absent.
- ``Dossier`` gained ``calendar_version`` and ``appointment_at``, both optional: nothing
  to rewrite.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from procedurekit.deadlines.rules import DeadlineRules
from procedurekit.deadlines.service import ServiceModel

__all__ = ["UPGRADES", "resolve_hints"]

#: Names a model refers to only under ``TYPE_CHECKING`` (a ``Deadline`` names its rules and
#: its service model that way, to keep imports pointing down the layers).
_NAMES: Final[dict[str, object]] = {"DeadlineRules": DeadlineRules, "ServiceModel": ServiceModel}


@functools.cache
def resolve_hints(cls: type) -> Mapping[str, Any]:
    """The field types of an attrs class, forward references resolved (also on the
    class's attrs fields, which cattrs reads)."""
    attrs.resolve_types(cls, localns=_NAMES)
    return typing.get_type_hints(cls, localns=_NAMES)


Rewrite = Callable[[type, dict[str, Any]], dict[str, Any]]


def _walk(value: Any, t: Any, rewrite: Rewrite) -> Any:
    """``value`` with ``rewrite(cls, obj)`` applied to every JSON object read as attrs
    ``cls``. Objects and arrays on the way are copied; the caller's document is unchanged.
    Only the model's own structure is followed, so nesting in a value costs nothing."""
    origin = typing.get_origin(t)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(t):
            if isinstance(arg, type) and attrs.has(arg):
                value = _walk(value, arg, rewrite)
        return value
    if origin in (tuple, frozenset) and isinstance(value, list):
        (item,) = [a for a in typing.get_args(t) if a is not Ellipsis]
        return [_walk(v, item, rewrite) for v in value]
    if isinstance(t, type) and attrs.has(t) and isinstance(value, dict):
        out = rewrite(t, dict(value))
        hints = resolve_hints(t)
        for field in attrs.fields(t):
            if field.name in out:
                out[field.name] = _walk(out[field.name], hints[field.name], rewrite)
        return out
    return value


def _v1_service_models(cls: type, obj: dict[str, Any]) -> dict[str, Any]:
    if cls is ServiceModel and obj.get("procedure_codes") == [] and "all_procedures" not in obj:
        obj["all_procedures"] = True
    return obj


def _from_v1(cls: type, body: dict[str, Any]) -> dict[str, Any]:
    return dict(_walk(body, cls, _v1_service_models))


#: ``UPGRADES[n]`` returns a version-``n`` body rewritten to version ``n + 1`` (a copy).
UPGRADES: Final[Mapping[int, Callable[[type, dict[str, Any]], dict[str, Any]]]] = {
    1: _from_v1,
}
