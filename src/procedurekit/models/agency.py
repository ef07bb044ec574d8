"""Administrative levels (cấp) and agencies (cơ quan).

Until 2025-06-30 local government had three tiers (province, district, commune); from
2025-07-01 it has two: Resolution 202/2025/QH15 and the Law on Organisation of Local
Government 2025 abolished the district level (DOMAIN.md §5). District-level procedures and
dossiers received before that day are valid history; a district-level receipt on or after
it is an error (:func:`check_receipt_level`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Final

import attrs

from procedurekit._fields import check_fields
from procedurekit.deadlines.service import ServiceModel
from procedurekit.errors import InvalidArgumentError
from procedurekit.vocab import (
    DISTRICT_LEVEL_ABOLISHED,
    LEVEL_VALIDITY,
    Level,
    LevelValidity,
    check_receipt_level,
)

__all__ = [
    "DISTRICT_LEVEL_ABOLISHED",
    "LEVEL_VALIDITY",
    "Agency",
    "Level",
    "LevelValidity",
    "check_receipt_level",
]


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
    DOMAIN.md §7; :class:`~procedurekit.deadlines.ServiceModel`).
    """

    code: str = attrs.field(validator=_check_agency_code, metadata=NON_BLANK)
    name: str = attrs.field(validator=_check_agency_code, metadata=NON_BLANK)
    level: Level
    parent: str | None = None
    service_models: tuple[ServiceModel, ...] = attrs.field(default=(), converter=_service_models)

    def __attrs_post_init__(self) -> None:
        check_fields(self)

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
