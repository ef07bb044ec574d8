"""Submission channels (hình thức nộp hồ sơ): counter, online, postal.

A procedure publishes its time limit and fee per channel (Decree 63/2010 Art. 8(2) as
amended; portal field "Cách thức thực hiện"), and a dossier is received through one of them.
"""

from __future__ import annotations

import enum

from procedurekit._text import fold
from procedurekit.errors import UnknownCodeError

__all__ = ["Channel"]


class Channel(enum.Enum):
    """How a dossier is submitted. Values are the stable wire form."""

    COUNTER = "counter"  #: trực tiếp: at the one-stop desk
    ONLINE = "online"  #: trực tuyến: through a public-service portal
    POSTAL = "postal"  #: dịch vụ bưu chính (công ích): by post

    @property
    def label_vi(self) -> str:
        """The label portals print: "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"."""
        return _LABELS_VI[self]

    @classmethod
    def from_label(cls, label: str) -> Channel:
        """Read a Vietnamese or English label, with or without accents, any case.

        >>> Channel.from_label("Trực tuyến")
        <Channel.ONLINE: 'online'>
        >>> Channel.from_label("dich vu buu chinh")
        <Channel.POSTAL: 'postal'>
        """
        if not isinstance(label, str):
            raise UnknownCodeError(
                f"channel label must be a string, got {type(label).__name__}",
                path="channel",
                value=label,
                expected="'Trực tiếp', 'Trực tuyến' or 'Dịch vụ bưu chính'",
            )
        key = fold(label)
        found = _BY_FOLDED.get(key)
        if found is None:
            raise UnknownCodeError(
                f"unknown channel {label!r}",
                path="channel",
                value=label,
                expected="'Trực tiếp', 'Trực tuyến', 'Dịch vụ bưu chính' "
                "(or counter, online, postal)",
            )
        return found


_LABELS_VI = {
    Channel.COUNTER: "Trực tiếp",
    Channel.ONLINE: "Trực tuyến",
    Channel.POSTAL: "Dịch vụ bưu chính",
}

_BY_FOLDED: dict[str, Channel] = {
    "truc tiep": Channel.COUNTER,
    "nop truc tiep": Channel.COUNTER,
    "counter": Channel.COUNTER,
    "in person": Channel.COUNTER,
    "direct": Channel.COUNTER,
    "truc tuyen": Channel.ONLINE,
    "nop truc tuyen": Channel.ONLINE,
    "online": Channel.ONLINE,
    "dich vu buu chinh": Channel.POSTAL,
    "dich vu buu chinh cong ich": Channel.POSTAL,
    "buu chinh": Channel.POSTAL,
    "buu chinh cong ich": Channel.POSTAL,
    "qua buu chinh": Channel.POSTAL,
    "postal": Channel.POSTAL,
    "post": Channel.POSTAL,
}
