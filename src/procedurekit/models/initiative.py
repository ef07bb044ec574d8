"""Administrative reform initiatives (sáng kiến cải cách hành chính) and their register.

Every agency registers at least three initiatives at the start of the year (DOMAIN.md §7,
from the 2023 report on Bắc Giang province). The minimum and the registration date are
parameters of :meth:`InitiativeRegister.check`, not constants: they are provincial practice,
not a national rule found in a primary text.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Final

import attrs

from procedurekit._fields import check_fields
from procedurekit._text import find_member
from procedurekit.errors import InvalidArgumentError, UnknownCodeError
from procedurekit.models.agency import NON_BLANK, non_blank_validator

__all__ = [
    "Finding",
    "Initiative",
    "InitiativeCategory",
    "InitiativeRegister",
    "InitiativeStatus",
]


class InitiativeStatus(enum.Enum):
    """How far an initiative has come."""

    REGISTERED = "registered"  #: đăng ký
    APPLIED = "applied"  #: đã áp dụng
    EVALUATED_EFFECTIVE = "evaluated_effective"  #: được đánh giá hiệu quả
    REPLICATED = "replicated"  #: được nhân rộng

    @property
    def label_vi(self) -> str:
        """The Vietnamese label."""
        return _STATUS_LABELS[self]

    @classmethod
    def from_label(cls, label: str) -> InitiativeStatus:
        """Read "Đã áp dụng", "applied", "Được nhân rộng" and the like."""
        found = find_member(_STATUS_LABELS, label)
        if found is not None:
            return found
        raise UnknownCodeError(
            f"unknown initiative status {label!r}",
            path="status",
            value=label,
            expected=", ".join(repr(t) for t in _STATUS_LABELS.values()),
        )


_STATUS_LABELS: Final = {
    InitiativeStatus.REGISTERED: "Đăng ký",
    InitiativeStatus.APPLIED: "Đã áp dụng",
    InitiativeStatus.EVALUATED_EFFECTIVE: "Được đánh giá hiệu quả",
    InitiativeStatus.REPLICATED: "Được nhân rộng",
}


class InitiativeCategory(enum.Enum):
    """Known kinds of initiative (DOMAIN.md §7). ``Initiative.category`` also takes free text."""

    REMOTE_EID = "remote_electronic_identification"  #: định danh điện tử từ xa
    AUTO_ANSWERING = "automatic_answering"  #: hệ thống trả lời tự động
    QR_LOOKUP = "qr_lookup"  #: mã QR tra cứu thủ tục, tiến độ hồ sơ
    ONLINE_PAYMENT = "online_payment"  #: thanh toán trực tuyến
    ONLINE_APPRAISAL = "online_appraisal"  #: thẩm định trực tuyến
    VIRTUAL_ASSISTANT = "virtual_assistant"  #: trợ lý ảo trên Zalo
    PUBLIC_SERVICE_CARD = "public_service_card"  #: thẻ dịch vụ công
    SERVICE_MODEL = "service_model"  #: mô hình phục vụ (Thứ Sáu không hẹn …)
    DIGITISATION = "digitisation"  #: số hóa hồ sơ, kết quả

    @property
    def label_vi(self) -> str:
        """The Vietnamese label."""
        return _CATEGORY_LABELS[self]

    @classmethod
    def from_label(cls, label: str) -> InitiativeCategory:
        """Read a Vietnamese label or a value; :class:`UnknownCodeError` if not known."""
        found = _known_category(label)
        if found is None:
            raise UnknownCodeError(
                f"unknown initiative category {label!r} (free text is allowed in "
                "Initiative.category)",
                path="category",
                value=label,
                expected=", ".join(repr(t) for t in _CATEGORY_LABELS.values()),
            )
        return found


_CATEGORY_LABELS: Final = {
    InitiativeCategory.REMOTE_EID: "Định danh điện tử từ xa",
    InitiativeCategory.AUTO_ANSWERING: "Hệ thống trả lời tự động",
    InitiativeCategory.QR_LOOKUP: "Mã QR tra cứu thủ tục hành chính và tiến độ hồ sơ",
    InitiativeCategory.ONLINE_PAYMENT: "Thanh toán trực tuyến",
    InitiativeCategory.ONLINE_APPRAISAL: "Thẩm định trực tuyến",
    InitiativeCategory.VIRTUAL_ASSISTANT: "Trợ lý ảo trên Zalo",
    InitiativeCategory.PUBLIC_SERVICE_CARD: "Thẻ dịch vụ công",
    InitiativeCategory.SERVICE_MODEL: "Mô hình phục vụ",
    InitiativeCategory.DIGITISATION: "Số hóa hồ sơ, kết quả",
}


def _known_category(label: object) -> InitiativeCategory | None:
    if isinstance(label, InitiativeCategory):
        return label
    return find_member(_CATEGORY_LABELS, label)


def _category(value: InitiativeCategory | str) -> str:
    return value.value if isinstance(value, InitiativeCategory) else value


_check_text: Final = non_blank_validator("Initiative", "e.g. 'SK-2025-01'")


def _check_year(_instance: object, _attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        raise InvalidArgumentError(
            f"Initiative.year must be a year from 1990 to 2100, got {value!r}",
            path="Initiative.year",
            value=value,
            expected="2025",
        )


@attrs.frozen(kw_only=True)
class Initiative:
    """One registered reform initiative.

    ``agency`` is the owning agency's code; ``category`` a known
    :class:`InitiativeCategory` value or free text (an enum member given here is stored as
    its value); ``scope`` where it applies (an office, the province).
    """

    id: str = attrs.field(validator=_check_text, metadata=NON_BLANK)
    title: str = attrs.field(validator=_check_text, metadata=NON_BLANK)
    agency: str = attrs.field(validator=_check_text, metadata=NON_BLANK)
    year: int = attrs.field(
        validator=_check_year, metadata={"json_schema": {"minimum": 1990, "maximum": 2100}}
    )
    registered_on: date | None = None
    category: str | None = attrs.field(default=None, converter=attrs.converters.optional(_category))
    status: InitiativeStatus = InitiativeStatus.REGISTERED
    scope: str | None = None
    outcome_notes: str | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    @property
    def known_category(self) -> InitiativeCategory | None:
        """The category as a known :class:`InitiativeCategory`, or ``None`` for free text."""
        return _known_category(self.category) if self.category else None


@attrs.frozen
class Finding:
    """One finding of a register check: a stable kebab-case ``code`` and a message."""

    code: str
    agency: str
    year: int
    message: str
    initiative_id: str | None = None


def _initiatives(value: Iterable[Initiative]) -> tuple[Initiative, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class InitiativeRegister:
    """The initiatives agencies registered, and the yearly check."""

    initiatives: tuple[Initiative, ...] = attrs.field(default=(), converter=_initiatives)

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    def for_agency(self, agency: str, year: int) -> tuple[Initiative, ...]:
        """The initiatives of ``agency`` for ``year``."""
        return tuple(i for i in self.initiatives if i.agency == agency and i.year == year)

    def check(
        self,
        year: int,
        *,
        agencies: Iterable[str] | None = None,
        minimum: int = 3,
        register_by: date | None = None,
    ) -> tuple[Finding, ...]:
        """Check "at least ``minimum`` initiatives per agency, registered by ``register_by``".

        ``agencies`` are the agencies expected to register (default: those that did);
        ``register_by`` is the last registration day (default 31 March of ``year``, an
        assumption: the practice says "at the start of the year"). Findings, never errors:
        ``too-few-initiatives``, ``too-few-on-time``, ``registered-late``,
        ``registration-date-missing``,
        ``duplicate-id``.
        """
        deadline = register_by or date(year, 3, 31)
        by_agency: dict[str, list[Initiative]] = defaultdict(list)
        for item in self.initiatives:
            if item.year == year:
                by_agency[item.agency].append(item)
        expected = list(agencies) if agencies is not None else sorted(by_agency)
        findings: list[Finding] = []
        seen: set[str] = set()
        for item in self.initiatives:
            if item.year != year:
                continue
            if item.id in seen:
                findings.append(
                    Finding(
                        "duplicate-id",
                        item.agency,
                        year,
                        f"initiative id {item.id!r} is registered more than once",
                        item.id,
                    )
                )
            seen.add(item.id)
        for agency in expected:
            items = by_agency.get(agency, [])
            on_time = [
                i for i in items if i.registered_on is not None and i.registered_on <= deadline
            ]
            if len(items) < minimum:
                findings.append(
                    Finding(
                        "too-few-initiatives",
                        agency,
                        year,
                        f"{agency} registered {len(items)} initiative(s) for {year}; "
                        f"at least {minimum} are expected",
                    )
                )
            elif len(on_time) < minimum:
                findings.append(
                    Finding(
                        "too-few-on-time",
                        agency,
                        year,
                        f"{agency} registered only {len(on_time)} initiative(s) for {year} by "
                        f"{deadline.isoformat()}; at least {minimum} are expected by then",
                    )
                )
            for item in items:
                if item.registered_on is None:
                    findings.append(
                        Finding(
                            "registration-date-missing",
                            agency,
                            year,
                            f"initiative {item.id!r} has no registration date",
                            item.id,
                        )
                    )
                elif item.registered_on > deadline:
                    findings.append(
                        Finding(
                            "registered-late",
                            agency,
                            year,
                            f"initiative {item.id!r} was registered on "
                            f"{item.registered_on.isoformat()}, after {deadline.isoformat()}",
                            item.id,
                        )
                    )
        return tuple(findings)
