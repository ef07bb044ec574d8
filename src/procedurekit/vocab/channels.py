"""Submission channels (hình thức nộp hồ sơ): counter, online, postal.

A procedure publishes its time limit and fee per channel (Decree 63/2010 Art. 8(2) as
amended; portal field "Cách thức thực hiện"), and a dossier is received through one of them.
The labels are read wherever a channel is named: catalogue and dossier files, the
processing-time parser ("qua bưu điện"), the models and the metrics.
"""

from __future__ import annotations

from procedurekit.vocab._labels import Label, LabelledEnum, register

__all__ = ["Channel"]


class Channel(LabelledEnum):
    """How a dossier is submitted. Values are the stable wire form.

    >>> Channel.from_label("Trực tuyến")
    <Channel.ONLINE: 'online'>
    >>> Channel.from_label("qua bưu điện")
    <Channel.POSTAL: 'postal'>
    """

    COUNTER = "counter"  #: trực tiếp: at the one-stop desk
    ONLINE = "online"  #: trực tuyến: through a public-service portal
    POSTAL = "postal"  #: dịch vụ bưu chính (công ích): by post


register(
    Channel,
    "channel",
    {
        Channel.COUNTER: Label(
            "Trực tiếp",
            "In person",
            ("Nộp trực tiếp", "Tại quầy", "Bộ phận một cửa", "direct", "at the counter"),
        ),
        Channel.ONLINE: Label(
            "Trực tuyến",
            "Online",
            ("Nộp trực tuyến", "Qua mạng", "Dịch vụ công trực tuyến", "internet"),
        ),
        Channel.POSTAL: Label(
            "Dịch vụ bưu chính",
            "Postal",
            (
                "Dịch vụ bưu chính công ích",
                "Bưu chính",
                "Bưu chính công ích",
                "Qua bưu chính",
                "Qua dịch vụ bưu chính",
                "Bưu điện",
                "Qua bưu điện",
                "post",
                "by post",
            ),
        ),
    },
)
