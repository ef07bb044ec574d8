"""Administrative levels (cấp thực hiện) and the dated rule of the 2025 reform.

Until 2025-06-30 local government had three tiers (province, district, commune); from
2025-07-01 it has two: Resolution 202/2025/QH15 and the Law on Organisation of Local
Government 2025 abolished the district level (DOMAIN.md §5). District-level procedures and
dossiers received before that day are valid history; a district-level receipt on or after
it is an error (:func:`check_receipt_level`). The reform date lives here once, as dated
data (:data:`DISTRICT_LEVEL_ABOLISHED`); the models, the validator and the audit read it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Final, Self

import attrs

from procedurekit.errors import LevelAbolishedError, UnknownCodeError
from procedurekit.vocab._labels import Label, LabelledEnum, register

__all__ = [
    "DISTRICT_LEVEL_ABOLISHED",
    "LEVEL_VALIDITY",
    "Level",
    "LevelValidity",
    "check_receipt_level",
]

_BRACKET_RE: Final = re.compile(r"\([^)]*\)")


class Level(LabelledEnum):
    """The level that carries out a procedure (cấp thực hiện). Values are the wire form.

    A trailing bracket is ignored when reading a label ("Cấp huyện (Bắc Giang)").

    >>> Level.from_label("Cấp Bộ")
    <Level.CENTRAL: 'central'>
    """

    CENTRAL = "central"  #: cấp bộ: a ministry or central agency
    PROVINCE = "province"  #: cấp tỉnh
    DISTRICT = "district"  #: cấp huyện: abolished on 2025-07-01
    COMMUNE = "commune"  #: cấp xã (commune, ward, special zone)
    OTHER = "other"  #: cơ quan khác: the portal's label for agencies outside the tiers

    @classmethod
    def from_labels(cls, text: str) -> tuple[Self, ...]:
        """Read a comma- or semicolon-separated list: "Cấp bộ, Cấp tỉnh" → (CENTRAL, PROVINCE).

        Order is kept, duplicates dropped; an unknown part raises :class:`UnknownCodeError`.
        """
        if not isinstance(text, str):
            return (cls.from_label(text),)
        levels: list[Self] = []
        for part in re.split(r"[,;/\n]", _BRACKET_RE.sub("", text)):
            if part.strip():
                level = cls.from_label(part)
                if level not in levels:
                    levels.append(level)
        if not levels:
            raise UnknownCodeError(
                "level list is empty", path="level", value=text, expected="'Cấp bộ, Cấp tỉnh'"
            )
        return tuple(levels)

    @property
    def valid_until(self) -> date | None:
        """The last day a receipt at this level is valid, or ``None`` when still in force."""
        validity = LEVEL_VALIDITY.get(self)
        return validity.last_day if validity else None


def _normalise(key: str) -> str:
    key = " ".join(_BRACKET_RE.sub("", key).split())
    return key.removeprefix("cap ")


register(
    Level,
    "level",
    {
        Level.CENTRAL: Label("Cấp bộ", "Central", ("trung uong", "ministry", "Cấp Trung ương")),
        Level.PROVINCE: Label("Cấp tỉnh", "Province", ("provincial",)),
        Level.DISTRICT: Label("Cấp huyện", "District", ()),
        Level.COMMUNE: Label("Cấp xã", "Commune", ()),
        Level.OTHER: Label("Cơ quan khác", "Other", ()),
    },
    normalise=_normalise,
)


@attrs.frozen
class LevelValidity:
    """A dated rule: receipts at ``level`` are valid up to and including ``last_day``."""

    level: Level
    last_day: date
    source: str
    explanation: str


#: The 2025 reform, as dated data with its sources.
DISTRICT_LEVEL_ABOLISHED: Final = LevelValidity(
    level=Level.DISTRICT,
    last_day=date(2025, 6, 30),
    source="National Assembly resolution on two-tier local government and the Law on "
    "Organisation of Local Government 2025, effective 2025-07-01 (numbers not verified here)",
    explanation="local government became two-tier (province and commune) on 2025-07-01 and "
    "the district level (cấp huyện) was abolished; a dossier received by a district before "
    "that day stays valid even if finished later, but no district can receive one from that "
    "day on: the procedure now belongs to the province or the commune",
)

#: Every dated level rule, by level.
LEVEL_VALIDITY: Final[dict[Level, LevelValidity]] = {Level.DISTRICT: DISTRICT_LEVEL_ABOLISHED}


def check_receipt_level(level: Level | None, received: date | datetime, *, path: str = "") -> None:
    """Raise :class:`LevelAbolishedError` when ``level`` could not receive on ``received``.

    >>> check_receipt_level(Level.DISTRICT, date(2025, 6, 30))  # the last valid day
    """
    if level is None:
        return
    validity = LEVEL_VALIDITY.get(level)
    day = received.date() if isinstance(received, datetime) else received
    if validity is not None and day > validity.last_day:
        raise LevelAbolishedError(
            f"a {level.label_vi} ({level.value}) receipt on {day.isoformat()} is not valid: "
            f"{validity.explanation} ({validity.source})",
            path=path or "received_at",
            value=day,
            expected=f"a receipt on or before {validity.last_day.isoformat()}, "
            "or a province- or commune-level agency",
        )
