"""Administrative levels (cấp) and agencies (cơ quan).

Until 2025-06-30 local government had three tiers (province, district, commune); from
2025-07-01 it has two: Resolution 202/2025/QH15 and the Law on Organisation of Local
Government 2025 abolished the district level (DOMAIN.md §5). District-level procedures and
dossiers received before that day are valid history; a district-level receipt on or after
it is an error (:func:`check_receipt_level`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Final

import attrs

from procedurekit._text import fold
from procedurekit.calendar.service import ServiceModel
from procedurekit.errors import InvalidArgumentError, LevelAbolishedError, UnknownCodeError

__all__ = [
    "DISTRICT_LEVEL_ABOLISHED",
    "Agency",
    "Level",
    "LevelValidity",
    "check_receipt_level",
]


class Level(enum.Enum):
    """The level that carries out a procedure (cấp thực hiện). Values are the wire form."""

    CENTRAL = "central"  #: cấp bộ: a ministry or central agency
    PROVINCE = "province"  #: cấp tỉnh
    DISTRICT = "district"  #: cấp huyện: abolished on 2025-07-01
    COMMUNE = "commune"  #: cấp xã (commune, ward, special zone)
    OTHER = "other"  #: cơ quan khác: the portal's label for agencies outside the tiers

    @property
    def label_vi(self) -> str:
        """The portal's label: "Cấp bộ", "Cấp tỉnh", "Cấp huyện", "Cấp xã", "Cơ quan khác"."""
        return _LABELS_VI[self]

    @classmethod
    def from_label(cls, label: str) -> Level:
        """Read one Vietnamese or English label, any case, with or without accents.

        A trailing bracket is ignored ("Cấp huyện (Bắc Giang)").

        >>> Level.from_label("Cấp Bộ")
        <Level.CENTRAL: 'central'>
        """
        if not isinstance(label, str):
            raise UnknownCodeError(
                f"level label must be a string, got {type(label).__name__}",
                path="level",
                value=label,
                expected="'Cấp bộ', 'Cấp tỉnh', 'Cấp huyện', 'Cấp xã' or 'Cơ quan khác'",
            )
        key = fold(_BRACKET_RE.sub("", label))
        found = _BY_FOLDED.get(key) or _BY_FOLDED.get(key.removeprefix("cap "))
        if found is None:
            raise UnknownCodeError(
                f"unknown level {label!r}",
                path="level",
                value=label,
                expected="'Cấp bộ', 'Cấp tỉnh', 'Cấp huyện', 'Cấp xã' or 'Cơ quan khác' "
                "(or central, province, district, commune, other)",
            )
        return found

    @classmethod
    def from_labels(cls, text: str) -> tuple[Level, ...]:
        """Read a comma- or semicolon-separated list: "Cấp bộ, Cấp tỉnh" → (CENTRAL, PROVINCE).

        Order is kept, duplicates dropped; an unknown part raises :class:`UnknownCodeError`.
        """
        if not isinstance(text, str):
            return (cls.from_label(text),)
        levels: list[Level] = []
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


_BRACKET_RE: Final = re.compile(r"\([^)]*\)")

_LABELS_VI: Final = {
    Level.CENTRAL: "Cấp bộ",
    Level.PROVINCE: "Cấp tỉnh",
    Level.DISTRICT: "Cấp huyện",
    Level.COMMUNE: "Cấp xã",
    Level.OTHER: "Cơ quan khác",
}

_BY_FOLDED: Final[dict[str, Level]] = {
    "bo": Level.CENTRAL,
    "trung uong": Level.CENTRAL,
    "central": Level.CENTRAL,
    "ministry": Level.CENTRAL,
    "tinh": Level.PROVINCE,
    "province": Level.PROVINCE,
    "provincial": Level.PROVINCE,
    "huyen": Level.DISTRICT,
    "district": Level.DISTRICT,
    "xa": Level.COMMUNE,
    "commune": Level.COMMUNE,
    "co quan khac": Level.OTHER,
    "other": Level.OTHER,
}


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


#: Field metadata read by :func:`procedurekit.json_schema`: a string with a non-space character.
NON_BLANK: Final = {"json_schema": {"pattern": r"\S"}}


_TextValidator = Callable[[object, "attrs.Attribute[str]", str], None]


def non_blank_validator(owner: str, example: str) -> _TextValidator:
    """An attrs validator for the text fields of ``owner`` marked :data:`NON_BLANK`.

    It refuses anything but a string with a non-space character, naming the field
    (``"Agency.code"``) and showing ``example``.
    """

    def check(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise InvalidArgumentError(
                f"{owner}.{attribute.name} must be a non-empty string, got {value!r}",
                path=f"{owner}.{attribute.name}",
                value=value,
                expected=example,
            )

    return check


_check_agency_code: Final = non_blank_validator("Agency", "e.g. 'H21.65' or 'UBND xã Vĩnh An'")


def _service_models(value: Iterable[ServiceModel]) -> tuple[ServiceModel, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Agency:
    """An agency (cơ quan): its code, name, level and parent agency's code.

    ``service_models`` are the service commitments the agency runs ("Thứ Sáu không hẹn",
    DOMAIN.md §7; :class:`~procedurekit.calendar.service.ServiceModel`).
    """

    code: str = attrs.field(validator=_check_agency_code, metadata=NON_BLANK)
    name: str = attrs.field(validator=_check_agency_code, metadata=NON_BLANK)
    level: Level
    parent: str | None = None
    service_models: tuple[ServiceModel, ...] = attrs.field(default=(), converter=_service_models)

    def check_receipt(self, received: date | datetime) -> None:
        """Raise :class:`LevelAbolishedError` when this agency could not receive that day."""
        check_receipt_level(self.level, received, path="received_at")

    def can_receive(self, received: date | datetime) -> bool:
        """Whether this agency's level could receive a dossier that day."""
        try:
            self.check_receipt(received)
        except InvalidArgumentError:
            return False
        return True
