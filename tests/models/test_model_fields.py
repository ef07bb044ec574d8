"""Models refuse bad values when they are built, and what they hold round-trips as JSON
(issue 12 item 1): the calls a portal developer actually made, then a property over the
``procedurekit.testing`` strategies and over hostile constructor calls."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit.serialize import MODELS
from procedurekit.testing import (
    agencies,
    dossiers,
    initiative_registers,
    initiatives,
    procedures,
)

SETTINGS = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
CODE = pk.DossierCode("H21.65-260302-0001")
AT = datetime(2026, 3, 2, 9, tzinfo=pk.VIETNAM_TZ)


def _error(call: Any) -> pk.ProcedureKitError:
    with pytest.raises(pk.ProcedureKitError) as info:
        call()
    return info.value


# -- what was reported --------------------------------------------------------------------------


def test_an_event_kind_given_as_text_is_read_or_refused_at_once() -> None:
    assert pk.Event(kind="received", at=AT).kind is pk.EventKind.RECEIVED  # type: ignore[arg-type]
    assert pk.Event(kind="Tiếp nhận", at=AT).kind is pk.EventKind.ACCEPTED  # type: ignore[arg-type]
    error = _error(lambda: pk.Event(kind="teleported", at=AT))
    assert error.path == "Event.kind"
    assert "Vietnamese or English label" in error.message


def test_channel_labels_and_values_are_read_and_nonsense_refused() -> None:
    for label in ("counter", "Trực tiếp", pk.Channel.COUNTER):
        d = pk.Dossier(code=CODE, channel=label)  # type: ignore[arg-type]
        assert d.channel is pk.Channel.COUNTER
    assert _error(lambda: pk.Dossier(code=CODE, channel="fax")).path == "Dossier.channel"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("paid_online", "yes"),
        ("complaint", 1),
        ("electronic_result", None),
        ("submitted_at", "2026-03-02T09:00"),
        ("submitted_at", datetime(2300, 1, 1)),
        ("appointment_date", datetime(2026, 3, 9, 17)),  # a datetime is not a date
        ("appointment_at", date(2026, 3, 9)),
        ("calendar_version", 2026),
        ("procedure_code", 2000815),
        ("procedure_code", "not a code"),
        ("agency", "H21"),
        ("events", "accepted"),
    ],
)
def test_dossier_fields_are_checked(field: str, value: object) -> None:
    error = _error(lambda: pk.Dossier(code=CODE, channel=pk.Channel.ONLINE, **{field: value}))
    assert error.path is not None
    assert error.path.startswith(f"Dossier.{field}")


def test_event_fields_are_checked() -> None:
    assert _error(lambda: pk.Event(kind=pk.EventKind.ACCEPTED, at=AT, actor=123)).path == (
        "Event.actor"
    )
    assert _error(lambda: pk.Event(kind=pk.EventKind.ACCEPTED, at="2026-03-02")).path == (
        "Event.at"
    )
    # a datetime beyond what the wire format holds is refused when built, not at to_json
    far = datetime(9999, 12, 31, 23, 0)
    assert _error(lambda: pk.Event(kind=pk.EventKind.ACCEPTED, at=far)).path == "Event.at"
    naive = pk.Event(kind=pk.EventKind.ACCEPTED, at=datetime(2026, 3, 2, 9))
    assert naive.at == AT  # a naive moment is Vietnam time, stored aware


def test_codes_accept_their_text() -> None:
    d = pk.Dossier(code="H21.65-260302-0001", channel=pk.Channel.ONLINE, procedure_code="2.000815")  # type: ignore[arg-type]
    assert d.code == CODE
    assert d.procedure_code == pk.ProcedureCode("2.000815")


def test_durations_refuse_strings_and_bools() -> None:
    for bad in ("5", True, None):
        with pytest.raises(pk.InvalidTypeError):
            pk.WorkingDays(bad)  # type: ignore[arg-type]
    with pytest.raises(pk.InvalidArgumentError):
        pk.WorkingDays(1e400)  # type: ignore[arg-type]
    assert pk.WorkingDays(Decimal("0.5")) == pk.WorkingDays(Decimal("0.50"))


def test_procedure_and_terms_fields_are_checked() -> None:
    assert _error(lambda: pk.Procedure(name="X", levels=["moon"])).path == "Procedure.levels[0]"
    assert _error(lambda: pk.Procedure(name="X", effective_from="2025-07-01")).path == (
        "Procedure.effective_from"
    )
    assert _error(lambda: pk.ChannelTerms(channel="carrier pigeon")).path == "ChannelTerms.channel"
    assert _error(lambda: pk.Fee(amount=8000.0)).path == "Fee.amount"
    assert pk.ChannelTerms(channel="Trực tuyến").channel is pk.Channel.ONLINE  # type: ignore[arg-type]
    assert pk.SameDay(time(15)) == pk.SameDay(cutoff=time(15))


# -- properties ---------------------------------------------------------------------------------


@SETTINGS
@given(
    st.one_of(
        procedures(),
        agencies(),
        dossiers(max_events=6),
        initiatives(),
        initiative_registers(),
    )
)
def test_whatever_a_model_holds_round_trips(model: object) -> None:
    assert pk.from_json(type(model), pk.to_json(model)) == model


#: Values of every kind a careless caller passes: wrong types, labels, far dates, junk.
HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.decimals(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["counter", "Trực tuyến", "tỉnh", "province", "received", "2.000815", " "]),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.lists(st.text(max_size=4), max_size=3),
    st.builds(object),
)

_CONSTRUCTIBLE = [
    cls
    for cls in MODELS.values()
    if attrs.has(cls)
    and not issubclass(cls, pk.Duration)
    and cls not in (pk.Deadline, pk.DossierClock)
]


@st.composite
def hostile_calls(draw: st.DrawFn) -> tuple[type, dict[str, Any]]:
    """A model class and keyword arguments: valid ones for its required fields (taken
    from a valid instance where the strategies give one) with one field made hostile."""
    cls = draw(st.sampled_from(_CONSTRUCTIBLE))
    fields = [f for f in attrs.fields(cls) if f.init]
    target = draw(st.sampled_from(fields))
    kwargs = {f.name: draw(HOSTILE) for f in fields if f.default is attrs.NOTHING}
    kwargs[target.name.lstrip("_")] = draw(HOSTILE)
    return cls, kwargs


@SETTINGS
@given(hostile_calls())
def test_hostile_constructor_calls_raise_ours_or_round_trip(
    call: tuple[type, dict[str, Any]],
) -> None:
    """A constructor given anything either raises a ProcedureKitError naming a field, or
    builds a model that to_json writes and from_json reads back equal."""
    cls, kwargs = call
    refused: pk.ProcedureKitError | None = None
    try:
        model = cls(**kwargs)
    except pk.ProcedureKitError as error:
        refused = error
    if refused is not None:
        assert refused.path, (cls, kwargs, refused)
    else:
        assert pk.from_json(cls, pk.to_json(model)) == model
