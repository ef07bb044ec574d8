"""The one mechanism behind every vocabulary: labels, and reading them back leniently.

Each vocabulary enum (:class:`~procedurekit.vocab.Channel`, :class:`~procedurekit.vocab.Level`,
:class:`~procedurekit.vocab.EventKind`, ...) derives from :class:`LabelledEnum` and registers
one table: for each member its Vietnamese label, its English label and the other spellings
met in real exports. :meth:`LabelledEnum.lookup` reads any of them, or the member's value,
whatever the accents, case and spacing (:func:`procedurekit._text.fold`), in one dictionary
lookup; :meth:`LabelledEnum.from_label` does the same and raises a
:class:`~procedurekit.errors.UnknownCodeError` naming the field and the valid labels.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Final, Self

import attrs

from procedurekit._text import fold
from procedurekit.errors import UnknownCodeError

__all__ = ["Label", "LabelledEnum", "register"]


@attrs.frozen
class Label:
    """A member's labels: ``vi`` (what portals print), ``en``, and other ``aliases``."""

    vi: str
    en: str
    aliases: tuple[str, ...] = ()


@attrs.frozen
class _Table:
    field: str
    labels: Mapping[enum.Enum, Label]
    by_key: Mapping[str, enum.Enum]
    normalise: Callable[[str], str]
    expected: str


_TABLES: Final[dict[type[enum.Enum], _Table]] = {}


def _identity(text: str) -> str:
    return text


def register(
    cls: type[LabelledEnum],
    field: str,
    labels: Mapping[LabelledEnum, Label],
    *,
    normalise: Callable[[str], str] = _identity,
) -> None:
    """Register ``cls``'s label table. ``field`` names the field in error messages;
    ``normalise`` rewrites a folded label before the lookup (drop a bracket, a prefix)."""
    missing = [m for m in cls if m not in labels]
    if missing:  # pragma: no cover - a programming error caught at import
        raise ValueError(f"{cls.__name__}: no label for {missing}")
    by_key: dict[str, enum.Enum] = {}
    for member, label in labels.items():
        value = str(member.value)
        keys = (value, value.replace("_", " "), value.replace("-", " "), label.vi, label.en)
        for text in (*keys, *label.aliases):
            key = normalise(fold(text))
            if by_key.setdefault(key, member) is not member:  # pragma: no cover
                raise ValueError(f"{cls.__name__}: {text!r} names two members")
    expected = ", ".join(repr(label.vi) for label in labels.values())
    table: dict[enum.Enum, Label] = dict(labels.items())
    _TABLES[cls] = _Table(field, table, by_key, normalise, expected)


class LabelledEnum(enum.Enum):
    """An enum with Vietnamese and English labels, read back from either (or a value)."""

    @property
    def label_vi(self) -> str:
        """The Vietnamese label portals print."""
        return _TABLES[type(self)].labels[self].vi

    @property
    def label_en(self) -> str:
        """The English label."""
        return _TABLES[type(self)].labels[self].en

    @classmethod
    def lookup(cls, label: object) -> Self | None:
        """The member ``label`` names (a label, an alias or a value), or ``None``."""
        if isinstance(label, cls):
            return label
        if not isinstance(label, str):
            return None
        table = _TABLES[cls]
        found = table.by_key.get(table.normalise(fold(label)))
        return found if isinstance(found, cls) else None

    @classmethod
    def from_label(cls, label: object) -> Self:
        """The member ``label`` names; :class:`UnknownCodeError` naming the field if none."""
        found = cls.lookup(label)
        if found is not None:
            return found
        table = _TABLES[cls]
        what = "" if isinstance(label, str) else f" (a {type(label).__name__})"
        raise UnknownCodeError(
            f"unknown {table.field} {label!r}{what}",
            path=table.field,
            value=label,
            expected=table.expected,
        )

    @classmethod
    def labels(cls) -> Iterable[tuple[Self, Label]]:
        """Each member with its labels, in definition order."""
        labels = _TABLES[cls].labels
        return tuple((m, labels[m]) for m in cls)
