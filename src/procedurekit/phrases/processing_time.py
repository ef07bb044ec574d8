"""A processing time as a catalogue states it: cases, extensions, exclusions, start event.

:func:`procedurekit.parse_processing_time` builds these from free text such as
"Đối với cấp mới: 10 ngày làm việc; cấp lại: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp
lệ. Trường hợp cần xác minh thì kéo dài thêm không quá 05 ngày làm việc". The first case is
the general one (:attr:`ProcessingTime.duration`).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from procedurekit._fields import check_fields
from procedurekit.durations import Duration
from procedurekit.vocab import Channel

__all__ = ["Case", "Extension", "ProcessingTime", "Step"]


@attrs.frozen
class Case:
    """One stated case: a duration, the condition it applies under and, if any, a channel.

    ``condition`` is the text that introduces the case ("đối với trường hợp cấp lại"), or
    ``None`` for the general case.
    """

    duration: Duration
    condition: str | None = None
    channel: Channel | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)


@attrs.frozen
class Extension:
    """An extra period allowed under a condition ("kéo dài thêm không quá 05 ngày làm việc")."""

    duration: Duration
    condition: str | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)


@attrs.frozen
class Step:
    """A share of the time budgeted to one agency or step ("UBND cấp xã: 05 ngày làm việc")."""

    duration: Duration
    actor: str | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)


def _cases(value: Iterable[Case]) -> tuple[Case, ...]:
    return tuple(value)


def _extensions(value: Iterable[Extension]) -> tuple[Extension, ...]:
    return tuple(value)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(value)


@attrs.frozen
class ProcessingTime:
    """Everything a time-limit text says, and the text itself.

    ``cases`` lists every case in the order stated (the first is the general case);
    ``extensions`` the allowed extensions; ``exclusions`` the periods not counted ("không
    kể thời gian thực hiện nghĩa vụ tài chính"); ``start_event`` what starts the clock ("kể
    từ ngày nhận đủ hồ sơ hợp lệ"); ``steps`` the budgets per agency when the text splits
    the time; ``text`` the original.
    """

    cases: tuple[Case, ...] = attrs.field(converter=_cases)
    text: str = ""
    extensions: tuple[Extension, ...] = attrs.field(default=(), converter=_extensions)
    exclusions: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    start_event: str | None = None
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_steps)

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    @property
    def duration(self) -> Duration | None:
        """The general (first-stated) case's duration, or ``None`` when no case was read."""
        return self.cases[0].duration if self.cases else None

    def for_channel(self, channel: Channel) -> Duration | None:
        """The duration that applies to ``channel``: its own case if stated, else the general."""
        for case in self.cases:
            if case.channel is channel:
                return case.duration
        return self.duration
