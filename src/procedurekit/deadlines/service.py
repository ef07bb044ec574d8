"""Service models (mô hình phục vụ): an office's commitments beyond the legal time limit.

Provinces run named models on given weekdays for a list of procedures (DOMAIN.md §7, from a
2023 report on Bắc Giang province): "Quick Friday", "Monday without Appointment", "Friday
without Appointment and Writing" return results the same day, without an appointment slip,
with staff filling in the forms; "Sunday for the People" opens an extra reception window on a
day off. A model never changes the legal deadline: the deadline engine keeps the legal
``due_date`` and the model's ``committed_date`` side by side.

Two kinds (:class:`ServiceKind`):

- ``WEEKDAY``: a commitment on working days of the listed weekdays.
- ``EXTRA_RECEPTION``: a reception window on a day that stays non-working (Sunday, Saturday
  morning; Decision 127/2007/QĐ-TTg). A receipt inside the window is allowed and counted as
  submitted, whatever the receipt policy (DESIGN.md "Service models").

The Vietnamese names of the four presets are reconstructed from the English of DOMAIN.md §7
(the report was not found in the reference search); the window times of the extra reception
presets are assumptions, recorded in ``assumptions``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Final

import attrs

from procedurekit._time import to_local
from procedurekit.calendar.hours import Session
from procedurekit.durations import Duration, SameDay
from procedurekit.errors import InvalidArgumentError, InvalidTypeError, UnknownCodeError

__all__ = [
    "FRIDAY_WITHOUT_APPOINTMENT_AND_WRITING",
    "MONDAY_WITHOUT_APPOINTMENT",
    "QUICK_FRIDAY",
    "SATURDAY_MORNING",
    "SERVICE_MODELS",
    "SUNDAY_FOR_THE_PEOPLE",
    "ServiceFeature",
    "ServiceKind",
    "ServiceModel",
]


class ServiceKind(enum.Enum):
    """What a service model changes."""

    WEEKDAY = "weekday"  #: a commitment on listed weekdays that are working days
    EXTRA_RECEPTION = "extra-reception"  #: a reception window on a day that stays off


class ServiceFeature(enum.Enum):
    """Commitments a model makes; stable kebab-case values."""

    SAME_DAY_RETURN = "same-day-return"  #: trả kết quả trong ngày
    NO_APPOINTMENT = "no-appointment"  #: không hẹn: no appointment slip, result at the desk
    ASSISTED_FORM_FILLING = "assisted-form-filling"  #: không viết: staff fill in the forms
    EXTRA_RECEPTION = "extra-reception"  #: tiếp nhận ngoài ngày làm việc


def _weekdays(value: object) -> frozenset[int]:
    if isinstance(value, int | str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"ServiceModel.weekdays must be a collection of weekday numbers, got {value!r}",
            path="ServiceModel.weekdays",
            value=value,
            expected="{4} for Friday (0 = Monday .. 6 = Sunday)",
        )
    out = frozenset(value)
    for wd in out:
        if isinstance(wd, bool) or not isinstance(wd, int) or not 0 <= wd <= 6:
            raise InvalidArgumentError(
                f"ServiceModel.weekdays must hold weekday numbers 0..6, got {wd!r}",
                path="ServiceModel.weekdays",
                value=value,
                expected="{4} for Friday (0 = Monday .. 6 = Sunday)",
            )
    if not out:
        raise InvalidArgumentError(
            "ServiceModel.weekdays must name at least one weekday",
            path="ServiceModel.weekdays",
            value=value,
            expected="{4} for Friday",
        )
    return out


def _codes(value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"ServiceModel.procedure_codes must be a collection of codes, got {value!r}",
            path="ServiceModel.procedure_codes",
            value=value,
            expected="{'2.000815', '1.001612'} or () for every procedure",
        )
    out = frozenset(value)
    for code in out:
        if not isinstance(code, str) or not code.strip():
            raise InvalidTypeError(
                f"ServiceModel.procedure_codes must hold non-empty strings, got {code!r}",
                path="ServiceModel.procedure_codes",
                value=value,
                expected="{'2.000815'}",
            )
    return out


def _check_commitment(
    instance: object, attribute: attrs.Attribute[Duration | None], value: Duration | None
) -> None:
    if value is not None and not isinstance(value, Duration):
        raise InvalidTypeError(
            f"ServiceModel.commitment must be a Duration, got {type(value).__name__} {value!r}",
            path="ServiceModel.commitment",
            value=value,
            expected="SameDay(), or None for a reception window without a commitment",
        )


def _features(value: Iterable[ServiceFeature]) -> frozenset[ServiceFeature]:
    out = frozenset(value)
    for f in out:
        if not isinstance(f, ServiceFeature):
            raise InvalidTypeError(
                f"ServiceModel.features must hold ServiceFeature values, got {f!r}",
                path="ServiceModel.features",
                value=f,
                expected="{ServiceFeature.SAME_DAY_RETURN}",
            )
    return out


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _window(value: Iterable[object]) -> tuple[Session, ...]:
    out = tuple(Session.parse(s, "ServiceModel.window") for s in value)
    for i in range(1, len(out)):
        if out[i - 1].end > out[i].start:
            raise InvalidArgumentError(
                "ServiceModel.window sessions must be sorted and must not overlap",
                path="ServiceModel.window",
                value=out,
                expected="('07:30-11:30',)",
            )
    return out


@attrs.frozen
class ServiceModel:
    """A named service model: which weekdays, which procedures, what it commits to.

    ``name`` is the Vietnamese name; ``weekdays`` are 0 (Monday) .. 6 (Sunday);
    ``procedure_codes`` empty means every procedure, else a code matches when it equals a
    listed code or extends it with an agency suffix (``2.000815.000.00.00.H38`` matches
    ``2.000815``); ``commitment`` is the committed time, usually :class:`SameDay` (``None``:
    a reception window that commits to nothing beyond the legal time limit).
    ``window`` is the reception time of an ``EXTRA_RECEPTION`` model (empty: the whole day).

    >>> QUICK_FRIDAY.applies_to(datetime(2026, 2, 27, 9, 0))
    True
    """

    name: str
    weekdays: frozenset[int] = attrs.field(converter=_weekdays)
    procedure_codes: frozenset[str] = attrs.field(converter=_codes)
    commitment: Duration | None = attrs.field(validator=_check_commitment)
    kind: ServiceKind = attrs.field(
        default=ServiceKind.WEEKDAY,
        kw_only=True,
        validator=attrs.validators.instance_of(ServiceKind),
    )
    features: frozenset[ServiceFeature] = attrs.field(
        default=frozenset(), converter=_features, kw_only=True
    )
    window: tuple[Session, ...] = attrs.field(default=(), converter=_window, kw_only=True)
    name_en: str | None = attrs.field(default=None, kw_only=True)
    place: str | None = attrs.field(default=None, kw_only=True)
    source: str | None = attrs.field(default=None, kw_only=True)
    assumptions: tuple[str, ...] = attrs.field(default=(), converter=_strings, kw_only=True)

    def covers_procedure(self, procedure_code: str | None) -> bool:
        """Whether ``procedure_code`` is one of the model's procedures (all when none listed)."""
        if not self.procedure_codes:
            return True
        if procedure_code is None:
            return False
        if not isinstance(procedure_code, str):
            raise InvalidTypeError(
                f"procedure_code must be a string, got {type(procedure_code).__name__}",
                path="procedure_code",
                value=procedure_code,
                expected="'2.000815'",
            )
        code = procedure_code.strip()
        return any(code == c or code.startswith(c + ".") for c in self.procedure_codes)

    def in_window(self, local: datetime) -> bool:
        """Whether a naive local moment falls on a model weekday and inside its window."""
        if local.weekday() not in self.weekdays:
            return False
        if not self.window:
            return True
        t = local.time()
        return any(t in s for s in self.window)

    def applies_to(self, received_at: datetime | date, procedure_code: str | None = None) -> bool:
        """Whether the model covers a receipt at ``received_at`` for ``procedure_code``.

        Judges the weekday, the reception window (``EXTRA_RECEPTION``, when ``received_at``
        is a ``datetime``) and the procedure. It has no calendar: the deadline engine also
        requires a ``WEEKDAY`` model's day to be a working day.
        """
        if isinstance(received_at, datetime):
            local = to_local(received_at, "received_at")
            if self.kind is ServiceKind.EXTRA_RECEPTION:
                hit = self.in_window(local)
            else:
                hit = local.weekday() in self.weekdays
        elif isinstance(received_at, date):
            hit = received_at.weekday() in self.weekdays
        else:
            raise InvalidTypeError(
                f"received_at must be a datetime or a date, got {type(received_at).__name__}",
                path="received_at",
                value=received_at,
                expected="datetime(2026, 2, 27, 9, 0)",
            )
        return hit and self.covers_procedure(procedure_code)

    @classmethod
    def preset(cls, name: str) -> ServiceModel:
        """A preset by its key (``"quick-friday"``, ``"sunday-for-the-people"``, ...)."""
        key = (
            name.strip().lower().replace("_", "-").replace(" ", "-")
            if isinstance(name, str)
            else name
        )
        try:
            return SERVICE_MODELS[key]
        except (KeyError, TypeError):
            raise UnknownCodeError(
                f"service model {name!r} is not a preset; known: {', '.join(SERVICE_MODELS)}",
                path="service_model",
                value=name,
                expected="'quick-friday'",
            ) from None

    @property
    def label_en(self) -> str:
        """The English name, or the Vietnamese one when none is given."""
        return self.name_en or self.name


_REPORT: Final = "DOMAIN.md §7: 2023 report on Bắc Giang province (PAR Index 2022)"
_NAME_NOTE: Final = "Vietnamese name reconstructed from the English of the report"

#: "Quick Friday" (Bắc Giang city): listed procedures returned the same day on Fridays.
QUICK_FRIDAY: Final = ServiceModel(
    "Thứ Sáu nhanh",
    {4},
    (),
    SameDay(),
    features={ServiceFeature.SAME_DAY_RETURN},
    name_en="Quick Friday",
    place="Thành phố Bắc Giang",
    source=_REPORT,
    assumptions=(_NAME_NOTE,),
)

#: "Monday without Appointment" (Bắc Giang city): results at the desk on Mondays, no slip.
MONDAY_WITHOUT_APPOINTMENT: Final = ServiceModel(
    "Thứ Hai không hẹn",
    {0},
    (),
    SameDay(),
    features={ServiceFeature.NO_APPOINTMENT, ServiceFeature.SAME_DAY_RETURN},
    name_en="Monday without Appointment",
    place="Thành phố Bắc Giang",
    source=_REPORT,
    assumptions=(_NAME_NOTE,),
)

#: "Friday without Appointment and Writing" (Lạng Giang district): no slip, staff write forms.
FRIDAY_WITHOUT_APPOINTMENT_AND_WRITING: Final = ServiceModel(
    "Thứ Sáu không hẹn, không viết",
    {4},
    (),
    SameDay(),
    features={
        ServiceFeature.NO_APPOINTMENT,
        ServiceFeature.SAME_DAY_RETURN,
        ServiceFeature.ASSISTED_FORM_FILLING,
    },
    name_en="Friday without Appointment and Writing",
    place="Huyện Lạng Giang",
    source=_REPORT,
    assumptions=(_NAME_NOTE,),
)

#: "Sunday for the People" (Lạng Giang district): reception on Sunday morning, a day off.
SUNDAY_FOR_THE_PEOPLE: Final = ServiceModel(
    "Chủ nhật vì Nhân dân",
    {6},
    (),
    SameDay(),
    kind=ServiceKind.EXTRA_RECEPTION,
    features={ServiceFeature.EXTRA_RECEPTION, ServiceFeature.SAME_DAY_RETURN},
    window=(Session(time(7, 30), time(11, 30)),),
    name_en="Sunday for the People",
    place="Huyện Lạng Giang",
    source=_REPORT,
    assumptions=(
        _NAME_NOTE,
        "window 07:30–11:30 assumed (the report gives no hours)",
        "same-day return on the Sunday assumed for listed procedures",
    ),
)

#: Saturday-morning reception (Decision 127/2007/QĐ-TTg; Tuyên Quang, Đồng Tháp).
SATURDAY_MORNING: Final = ServiceModel(
    "Tiếp nhận hồ sơ sáng thứ Bảy",
    {5},
    (),
    None,
    kind=ServiceKind.EXTRA_RECEPTION,
    features={ServiceFeature.EXTRA_RECEPTION},
    window=(Session(time(8, 0), time(11, 30)),),
    name_en="Saturday morning reception",
    source="Decision 127/2007/QĐ-TTg; DOMAIN.md §2",
    assumptions=("window 08:00–11:30 assumed; each province sets its own",),
)

#: Every preset, by a stable key.
SERVICE_MODELS: Final[Mapping[str, ServiceModel]] = {
    "quick-friday": QUICK_FRIDAY,
    "monday-without-appointment": MONDAY_WITHOUT_APPOINTMENT,
    "friday-without-appointment-and-writing": FRIDAY_WITHOUT_APPOINTMENT_AND_WRITING,
    "sunday-for-the-people": SUNDAY_FOR_THE_PEOPLE,
    "saturday-morning": SATURDAY_MORNING,
}
