"""On-time outcomes (DOMAIN.md §4): finished early, on time or late; open in time or overdue."""

from __future__ import annotations

from procedurekit.vocab._labels import Label, LabelledEnum, register

__all__ = ["Outcome"]


class Outcome(LabelledEnum):
    """On-time classification: finished early / on time / late; open in time or overdue at
    the evaluation moment. Values are the wire form, and the keys of every report."""

    EARLY = "early"  #: trước hạn
    ON_TIME = "on_time"  #: đúng hạn
    LATE = "late"  #: quá hạn, trễ hạn
    IN_TIME = "in_time"  #: đang giải quyết, trong hạn
    OVERDUE = "overdue"  #: đang giải quyết, quá hạn

    @property
    def is_open(self) -> bool:
        """Whether the outcome is of an open dossier (in time or overdue)."""
        return self is Outcome.IN_TIME or self is Outcome.OVERDUE


register(
    Outcome,
    "outcome",
    {
        Outcome.EARLY: Label("Trước hạn", "Early", ("Sớm hạn",)),
        Outcome.ON_TIME: Label("Đúng hạn", "On time", ()),
        Outcome.LATE: Label("Quá hạn", "Late", ("Trễ hạn", "Chậm", "Trễ")),
        Outcome.IN_TIME: Label("Trong hạn", "In time", ("Đang giải quyết trong hạn",)),
        Outcome.OVERDUE: Label(
            "Quá hạn (đang giải quyết)", "Overdue", ("Đang giải quyết quá hạn",)
        ),
    },
)
