"""The vocabulary: channels, levels, online levels, dossier events and statuses, outcomes.

Each is an enum with Vietnamese and English labels, read back from any of them (or the
wire value) whatever the accents, case and spacing, by the one mechanism of
:mod:`procedurekit.vocab._labels`. Models, the parser, readers, checks and metrics all read
labels here, so "Bưu điện" means the same channel everywhere.
"""

from procedurekit.vocab._labels import Label, LabelledEnum
from procedurekit.vocab.channels import Channel
from procedurekit.vocab.events import END_KINDS, END_PRECEDENCE, STATUS_OF_END, EventKind, Status
from procedurekit.vocab.levels import (
    DISTRICT_LEVEL_ABOLISHED,
    LEVEL_VALIDITY,
    Level,
    LevelValidity,
    check_receipt_level,
)
from procedurekit.vocab.online import LegacyOnlineLevel, OnlineLevel
from procedurekit.vocab.outcomes import Outcome

__all__ = [
    "DISTRICT_LEVEL_ABOLISHED",
    "END_KINDS",
    "END_PRECEDENCE",
    "LEVEL_VALIDITY",
    "STATUS_OF_END",
    "Channel",
    "EventKind",
    "Label",
    "LabelledEnum",
    "LegacyOnlineLevel",
    "Level",
    "LevelValidity",
    "OnlineLevel",
    "Outcome",
    "Status",
    "check_receipt_level",
]
