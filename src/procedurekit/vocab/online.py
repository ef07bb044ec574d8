"""Online service levels: full and partial online (Decree 42/2022/NĐ-CP Art. 11), and the
repealed levels 1-4 of Decree 43/2011/NĐ-CP kept for history."""

from __future__ import annotations

from procedurekit._text import fold
from procedurekit.errors import UnknownCodeError
from procedurekit.vocab._labels import Label, LabelledEnum, register

__all__ = ["LegacyOnlineLevel", "OnlineLevel"]


class OnlineLevel(LabelledEnum):
    """Online public service level under Decree 42/2022/NĐ-CP Art. 11.

    >>> OnlineLevel.from_label("Dịch vụ công trực tuyến toàn trình")
    <OnlineLevel.FULL: 'full'>
    """

    FULL = "full"  #: dịch vụ công trực tuyến toàn trình
    PARTIAL = "partial"  #: dịch vụ công trực tuyến một phần
    NONE = "none"  #: no online service (chỉ cung cấp thông tin)


register(
    OnlineLevel,
    "online_level",
    {
        OnlineLevel.FULL: Label(
            "Toàn trình", "Full online", ("Dịch vụ công trực tuyến toàn trình", "DVC toàn trình")
        ),
        OnlineLevel.PARTIAL: Label(
            "Một phần", "Partial online", ("Dịch vụ công trực tuyến một phần", "DVC một phần")
        ),
        OnlineLevel.NONE: Label("Không", "None", ("Dịch vụ công trực tuyến không",)),
    },
)


class LegacyOnlineLevel(LabelledEnum):
    """Online levels 1–4 of Decree 43/2011/NĐ-CP (repealed by Decree 42/2022), for history.

    Read from "Mức độ 3", "mức 3", "3" or the number 3.
    """

    LEVEL_1 = "level_1"  #: mức độ 1: information only
    LEVEL_2 = "level_2"  #: mức độ 2: forms downloadable
    LEVEL_3 = "level_3"  #: mức độ 3: submission online, result at the counter
    LEVEL_4 = "level_4"  #: mức độ 4: submission, payment and result online

    @property
    def number(self) -> int:
        """1 to 4."""
        return int(self.value[-1])

    @classmethod
    def lookup(cls, label: object) -> LegacyOnlineLevel | None:
        """The level a text or number names (one digit 1-4 in it), or ``None``."""
        if isinstance(label, cls):
            return label
        text = fold(str(label)) if isinstance(label, str | int) else ""
        digits = [c for c in text if c.isdigit()]
        if len(digits) == 1 and digits[0] in "1234":
            return cls(f"level_{digits[0]}")
        return None

    @classmethod
    def from_label(cls, label: object) -> LegacyOnlineLevel:
        """Read "Mức độ 3", "mức 3", "3" or 3; :class:`UnknownCodeError` otherwise."""
        found = cls.lookup(label)
        if found is None:
            raise UnknownCodeError(
                f"unknown legacy online level {label!r}",
                path="legacy_online_level",
                value=label,
                expected="'Mức độ 1' to 'Mức độ 4'",
            )
        return found

    def to_online_level(self) -> OnlineLevel:
        """The usual mapping: level 4 → full, level 3 → partial, levels 1–2 → none."""
        if self is LegacyOnlineLevel.LEVEL_4:
            return OnlineLevel.FULL
        if self is LegacyOnlineLevel.LEVEL_3:
            return OnlineLevel.PARTIAL
        return OnlineLevel.NONE


register(
    LegacyOnlineLevel,
    "legacy_online_level",
    {m: Label(f"Mức độ {m.value[-1]}", f"Level {m.value[-1]}") for m in LegacyOnlineLevel},
)
