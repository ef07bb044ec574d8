"""A dossier's events and statuses (DOMAIN.md §4), with their labels and the end precedence.

The same words are read everywhere a dossier's life is written down: the event log of a
:class:`~procedurekit.Dossier`, the ``events`` and ``status`` columns of a flat dossier
file, and what metrics count. An unknown word is never guessed: a reader reports it.
"""

from __future__ import annotations

from typing import Final

from procedurekit.vocab._labels import Label, LabelledEnum, register

__all__ = ["END_KINDS", "END_PRECEDENCE", "STATUS_OF_END", "EventKind", "Status"]


class EventKind(LabelledEnum):
    """What happened to a dossier. Values are the wire form."""

    RECEIVED = "received"  #: nộp hồ sơ: submitted, awaiting reception (chờ tiếp nhận)
    ACCEPTED = "accepted"  #: tiếp nhận: officially received; the clock starts
    SUPPLEMENT_REQUESTED = "supplement_requested"  #: yêu cầu bổ sung hồ sơ: clock paused
    SUPPLEMENT_RECEIVED = "supplement_received"  #: nhận hồ sơ bổ sung: clock resumes
    FINANCIAL_OBLIGATION_REQUESTED = "financial_obligation_requested"  #: yêu cầu thực hiện NVTC
    FINANCIAL_OBLIGATION_PAID = "financial_obligation_paid"  #: đã thực hiện nghĩa vụ tài chính
    TRANSFERRED = "transferred"  #: chuyển xử lý: sent to another agency or step
    APOLOGY_ISSUED = "apology_issued"  #: phiếu xin lỗi và hẹn lại ngày trả kết quả
    PROCESSED = "processed"  #: đã giải quyết xong, chờ trả kết quả
    RESULT_RETURNED = "result_returned"  #: đã trả kết quả
    REFUSED = "refused"  #: từ chối (tiếp nhận or giải quyết), with reasons in writing
    STOPPED = "stopped"  #: dừng xử lý
    WITHDRAWN = "withdrawn"  #: công dân rút hồ sơ


register(
    EventKind,
    "event",
    {
        EventKind.RECEIVED: Label("Nộp hồ sơ", "Submitted", ("Nộp", "submission")),
        EventKind.ACCEPTED: Label(
            "Tiếp nhận hồ sơ", "Accepted", ("Tiếp nhận", "Mới tiếp nhận", "receipt")
        ),
        EventKind.SUPPLEMENT_REQUESTED: Label(
            "Yêu cầu bổ sung hồ sơ", "Supplement requested", ("Yêu cầu bổ sung",)
        ),
        EventKind.SUPPLEMENT_RECEIVED: Label(
            "Nhận hồ sơ bổ sung", "Supplement received", ("Nhận bổ sung", "Đã bổ sung")
        ),
        EventKind.FINANCIAL_OBLIGATION_REQUESTED: Label(
            "Yêu cầu thực hiện nghĩa vụ tài chính",
            "Financial obligation requested",
            ("Yêu cầu NVTC",),
        ),
        EventKind.FINANCIAL_OBLIGATION_PAID: Label(
            "Đã thực hiện nghĩa vụ tài chính", "Financial obligation paid", ("Đã thực hiện NVTC",)
        ),
        EventKind.TRANSFERRED: Label("Chuyển xử lý", "Transferred", ()),
        EventKind.APOLOGY_ISSUED: Label(
            "Xin lỗi và hẹn lại ngày trả kết quả",
            "Apology issued",
            ("Phiếu xin lỗi và hẹn lại ngày trả kết quả", "Xin lỗi", "Hẹn lại", "apology"),
        ),
        EventKind.PROCESSED: Label("Đã giải quyết", "Processed", ("Đã xử lý", "Giải quyết xong")),
        EventKind.RESULT_RETURNED: Label(
            "Trả kết quả", "Result returned", ("Đã trả kết quả", "Đã trả", "returned")
        ),
        EventKind.REFUSED: Label(
            "Từ chối", "Refused", ("Từ chối tiếp nhận", "Từ chối giải quyết", "rejected")
        ),
        EventKind.STOPPED: Label("Dừng xử lý", "Stopped", ("Dừng giải quyết",)),
        EventKind.WITHDRAWN: Label(
            "Công dân rút hồ sơ", "Withdrawn", ("Rút hồ sơ", "Đã rút hồ sơ", "Công dân rút")
        ),
    },
)


class Status(LabelledEnum):
    """Where a dossier stands after its events. Derived from the log, or read from the
    ``status`` column of a flat dossier file."""

    NEW = "new"  #: no event yet
    AWAITING_RECEPTION = "awaiting_reception"  #: chờ tiếp nhận (submitted online)
    IN_PROGRESS = "in_progress"  #: đang giải quyết
    SUPPLEMENT_REQUESTED = "supplement_requested"  #: chờ bổ sung (paused)
    FINANCIAL_OBLIGATION_REQUESTED = "financial_obligation_requested"  #: chờ thực hiện NVTC
    PROCESSED = "processed"  #: đã giải quyết, chờ trả kết quả
    RESULT_RETURNED = "result_returned"  #: đã trả kết quả
    REFUSED = "refused"  #: từ chối
    STOPPED = "stopped"  #: dừng xử lý
    WITHDRAWN = "withdrawn"  #: công dân rút hồ sơ

    @property
    def is_end(self) -> bool:
        """Whether the dossier has ended: processed, returned, refused, stopped, withdrawn."""
        return self in _END_STATUSES

    @property
    def is_final(self) -> bool:
        """Whether no event may follow (every end but ``processed``, which awaits the
        return of the result; the dossier's transition table agrees, a test checks it)."""
        return self in _END_STATUSES and self is not Status.PROCESSED


register(
    Status,
    "status",
    {
        Status.NEW: Label("Mới", "New", ()),
        Status.AWAITING_RECEPTION: Label("Chờ tiếp nhận", "Awaiting reception", ()),
        Status.IN_PROGRESS: Label(
            "Đang giải quyết",
            "In progress",
            ("Đang xử lý", "Đang thụ lý", "Mới tiếp nhận", "Đã tiếp nhận"),
        ),
        Status.SUPPLEMENT_REQUESTED: Label(
            "Chờ bổ sung", "Supplement requested", ("Yêu cầu bổ sung", "Chờ bổ sung hồ sơ")
        ),
        Status.FINANCIAL_OBLIGATION_REQUESTED: Label(
            "Chờ thực hiện nghĩa vụ tài chính",
            "Financial obligation requested",
            ("Chờ NVTC", "Chờ thực hiện NVTC"),
        ),
        Status.PROCESSED: Label(
            "Đã giải quyết, chờ trả kết quả",
            "Processed",
            ("Đã giải quyết", "Chờ trả kết quả", "Đã xử lý", "Giải quyết xong"),
        ),
        Status.RESULT_RETURNED: Label(
            "Đã trả kết quả", "Result returned", ("Trả kết quả", "Đã trả", "returned")
        ),
        Status.REFUSED: Label(
            "Từ chối", "Refused", ("Từ chối tiếp nhận", "Từ chối giải quyết", "rejected")
        ),
        Status.STOPPED: Label("Dừng xử lý", "Stopped", ("Dừng giải quyết",)),
        Status.WITHDRAWN: Label(
            "Công dân rút hồ sơ", "Withdrawn", ("Rút hồ sơ", "Đã rút hồ sơ", "Công dân rút")
        ),
    },
)

_END_STATUSES: Final = frozenset(
    {Status.PROCESSED, Status.RESULT_RETURNED, Status.REFUSED, Status.STOPPED, Status.WITHDRAWN}
)

#: Decision 766/QĐ-TTg: which end event fixes a dossier's end time, highest first.
#: Among events of the same rank the first one counts (DOMAIN.md §4).
END_PRECEDENCE: Final[tuple[frozenset[EventKind], ...]] = (
    frozenset({EventKind.PROCESSED}),
    frozenset({EventKind.RESULT_RETURNED}),
    frozenset({EventKind.STOPPED, EventKind.REFUSED}),
    frozenset({EventKind.WITHDRAWN}),
)

#: The event kinds that end a dossier.
END_KINDS: Final = frozenset().union(*END_PRECEDENCE)

#: The end event a final status stands for, when a flat file gives a status and an end time
#: instead of an event log.
STATUS_OF_END: Final[dict[Status, EventKind]] = {
    Status.PROCESSED: EventKind.PROCESSED,
    Status.RESULT_RETURNED: EventKind.RESULT_RETURNED,
    Status.REFUSED: EventKind.REFUSED,
    Status.STOPPED: EventKind.STOPPED,
    Status.WITHDRAWN: EventKind.WITHDRAWN,
}
