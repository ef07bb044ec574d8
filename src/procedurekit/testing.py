"""Hypothesis strategies for procedurekit's models, for your own property tests.

Needs `hypothesis <https://hypothesis.readthedocs.io>`_ (``pip install hypothesis``, or the
``test`` extra); procedurekit itself does not. Every generated value is valid: it
survives ``from_json(to_json(x)) == x`` and validates against ``json_schema(type(x))``, and
generated dossiers have consistent event logs (a random walk on
:data:`procedurekit.models.dossier.TRANSITIONS`).

>>> from hypothesis import given
>>> from procedurekit.testing import dossiers
>>> @given(dossiers())
... def test_status_is_derived(dossier):
...     assert dossier.status is not None
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without hypothesis
    raise ImportError(
        "procedurekit.testing needs hypothesis, which is not installed: "
        "pip install hypothesis (or pip install 'procedurekit[test]')"
    ) from exc

from procedurekit._time import VIETNAM_TZ
from procedurekit.deadlines.service import SERVICE_MODELS, ServiceModel
from procedurekit.durations import (
    CalendarDays,
    Duration,
    ElapsedHours,
    Months,
    NoTimeLimit,
    SameDay,
    WorkingDays,
    WorkingHours,
)
from procedurekit.models.agency import Agency
from procedurekit.models.codes import DossierCode, ProcedureCode
from procedurekit.models.dossier import Dossier, Event, allowed_events, next_status
from procedurekit.models.initiative import (
    Initiative,
    InitiativeCategory,
    InitiativeRegister,
    InitiativeStatus,
)
from procedurekit.models.procedure import (
    ChannelTerms,
    DossierComponent,
    Fee,
    LegalReference,
    Procedure,
)
from procedurekit.phrases.processing_time import Case, Extension, ProcessingTime, Step
from procedurekit.vocab import (
    DISTRICT_LEVEL_ABOLISHED,
    Channel,
    EventKind,
    LegacyOnlineLevel,
    Level,
    OnlineLevel,
    Status,
)

__all__ = [
    "agencies",
    "channel_terms",
    "dossier_codes",
    "dossiers",
    "durations",
    "events",
    "initiative_registers",
    "initiatives",
    "procedure_codes",
    "procedures",
    "processing_times",
]

_FIRST = datetime(2015, 1, 1)
_LAST = datetime(2045, 12, 31)


def _text(max_size: int = 24) -> st.SearchStrategy[str]:
    """Short texts, Vietnamese letters included, no surrogates."""
    return st.one_of(
        st.sampled_from(["Cấp tỉnh", "Trực tuyến", "05 ngày làm việc", "Miễn phí", "Đơn đề nghị"]),
        st.text(st.characters(codec="utf-8"), max_size=max_size),
    )


def _non_blank() -> st.SearchStrategy[str]:
    return _text().filter(lambda s: bool(s.strip()))


def _optional_text() -> st.SearchStrategy[str | None]:
    return st.none() | _text()


def _amounts(*, fractional: bool) -> st.SearchStrategy[int | Decimal]:
    whole = st.integers(min_value=0, max_value=2000)
    if not fractional:
        return whole
    return whole | st.decimals(
        min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False
    )


def durations() -> st.SearchStrategy[Duration]:
    """Every duration type, with values in range."""
    return st.one_of(
        _amounts(fractional=True).map(WorkingDays),
        _amounts(fractional=False).map(CalendarDays),
        _amounts(fractional=True).map(WorkingHours),
        _amounts(fractional=True).map(ElapsedHours),
        st.integers(min_value=0, max_value=120).map(Months),
        st.builds(SameDay, st.none() | st.times()),
        st.just(NoTimeLimit()),
    )


def procedure_codes() -> st.SearchStrategy[ProcedureCode]:
    """National codes, with and without an agency suffix."""
    return st.from_regex(r"\A[0-9]\.[0-9]{6}(\.[0-9A-Z]{1,3}){0,4}\Z").map(ProcedureCode)


def dossier_codes() -> st.SearchStrategy[DossierCode]:
    """Standard codes (``H21.65-220914-0011``) and free ones."""
    standard = st.builds(
        lambda agency, day, n: DossierCode(f"{agency}-{day:%y%m%d}-{n:04d}"),
        st.from_regex(r"\A[A-Z][0-9]{2}(\.[0-9]{1,3})?\Z"),
        st.dates(min_value=date(2015, 1, 1), max_value=date(2045, 12, 31)),
        st.integers(min_value=1, max_value=9999),
    )
    return standard | _non_blank().map(DossierCode)


def processing_times() -> st.SearchStrategy[ProcessingTime]:
    """Processing times with cases, extensions, exclusions and steps."""
    return st.builds(
        ProcessingTime,
        cases=st.lists(
            st.builds(Case, durations(), _optional_text(), st.none() | st.sampled_from(Channel)),
            min_size=1,
            max_size=3,
        ),
        text=_text(),
        extensions=st.lists(st.builds(Extension, durations(), _optional_text()), max_size=2),
        exclusions=st.lists(_text(), max_size=2),
        start_event=_optional_text(),
        steps=st.lists(st.builds(Step, durations(), _optional_text()), max_size=2),
    )


def _fees() -> st.SearchStrategy[Fee]:
    return st.builds(
        Fee,
        amount=st.none()
        | st.decimals(min_value=0, max_value=10**9, places=0, allow_nan=False)
        | st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False),
        description=_optional_text(),
        text=_text(),
    )


def channel_terms() -> st.SearchStrategy[ChannelTerms]:
    """The time and fees of one channel."""
    return st.builds(
        ChannelTerms,
        channel=st.none() | st.sampled_from(Channel),
        channel_text=_optional_text(),
        processing_time=st.none() | processing_times(),
        time_text=_optional_text(),
        fees=st.lists(_fees(), max_size=2),
        fee_text=_optional_text(),
        description=_optional_text(),
    )


def _service_models() -> st.SearchStrategy[tuple[ServiceModel, ...]]:
    return st.lists(st.sampled_from(list(SERVICE_MODELS.values())), max_size=2, unique=True).map(
        tuple
    )


def agencies(*, levels: tuple[Level, ...] = tuple(Level)) -> st.SearchStrategy[Agency]:
    """Agencies at the given levels."""
    return st.builds(
        Agency,
        code=_non_blank(),
        name=_non_blank(),
        level=st.sampled_from(levels),
        parent=_optional_text(),
        service_models=_service_models(),
    )


def procedures() -> st.SearchStrategy[Procedure]:
    """Procedures with every field exercised."""
    optional_dates = st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 1, 1))
    return st.builds(
        Procedure,
        name=_text(),
        code=st.none() | procedure_codes(),
        local_code=_optional_text(),
        field=_optional_text(),
        levels=st.lists(st.sampled_from(Level), max_size=3, unique=True),
        level_text=_optional_text(),
        kind=_optional_text(),
        publication_decision=_optional_text(),
        competent_agency=_optional_text(),
        implementing_agency=_optional_text(),
        coordinating_agency=_optional_text(),
        authorised_agency=_optional_text(),
        agencies=st.lists(agencies(), max_size=2),
        subjects=_optional_text(),
        steps_text=_optional_text(),
        channels=st.lists(channel_terms(), max_size=3),
        channels_text=_optional_text(),
        components=st.lists(
            st.builds(
                DossierComponent,
                name=_text(),
                originals=st.none() | st.integers(min_value=0, max_value=10),
                copies=st.none() | st.integers(min_value=0, max_value=10),
                form=_optional_text(),
                quantity_text=_optional_text(),
                note=_optional_text(),
            ),
            max_size=3,
        ),
        components_text=_optional_text(),
        requirements=_optional_text(),
        result=_optional_text(),
        legal_basis=st.lists(
            st.builds(
                LegalReference,
                number=_optional_text(),
                type=_optional_text(),
                date=optional_dates,
                article=_optional_text(),
                text=_optional_text(),
            ),
            max_size=3,
        ),
        legal_basis_text=_optional_text(),
        online_level=st.none() | st.sampled_from(OnlineLevel),
        legacy_online_level=st.none() | st.sampled_from(LegacyOnlineLevel),
        prescribed_time=st.none() | durations(),
        committed_time=st.none() | durations(),
        effective_from=optional_dates,
        effective_until=optional_dates,
        reception_address=_optional_text(),
        related_procedures=_optional_text(),
        service_models=_service_models(),
        source_url=_optional_text(),
        source_id=_optional_text(),
    )


@st.composite
def _event_log(draw: st.DrawFn, start: datetime | None, max_events: int) -> tuple[Event, ...]:
    at = start if start is not None else draw(_moments(_FIRST, _LAST))
    status = Status.NEW
    done: list[EventKind] = []
    out: list[Event] = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_events))):
        allowed = allowed_events(status, done)
        if not allowed:
            break
        kind = draw(st.sampled_from(allowed))
        at += draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=9)))
        new_due = None
        if kind is EventKind.APOLOGY_ISSUED:
            new_due = at.date() + timedelta(days=draw(st.integers(min_value=1, max_value=30)))
        out.append(
            Event(
                kind=kind,
                at=at,
                actor=draw(_optional_text()),
                note=draw(_optional_text()),
                new_due_date=new_due,
            )
        )
        status = next_status(status, kind)
        done.append(kind)
    return tuple(out)


def events() -> st.SearchStrategy[tuple[Event, ...]]:
    """Consistent event logs (a random walk on the transition table)."""
    return _event_log(None, 12)


def _moments(first: datetime, last: datetime) -> st.SearchStrategy[datetime]:
    return st.datetimes(min_value=first, max_value=last).map(lambda d: d.replace(tzinfo=VIETNAM_TZ))


@st.composite
def _dossier(draw: st.DrawFn, max_events: int) -> Dossier:
    agency = draw(st.none() | agencies())
    last = _LAST
    if agency is not None and agency.level is Level.DISTRICT:
        last = datetime.combine(DISTRICT_LEVEL_ABOLISHED.last_day, time(0))
    start = draw(_moments(_FIRST, last))
    log = draw(_event_log(start, max_events))
    if agency is not None and agency.level is Level.DISTRICT and log:
        cut = datetime.combine(DISTRICT_LEVEL_ABOLISHED.last_day, time.max, VIETNAM_TZ)
        if log[0].at > cut:
            log = ()
    return Dossier(
        code=draw(dossier_codes()),
        channel=draw(st.sampled_from(Channel)),
        procedure_code=draw(st.none() | procedure_codes()),
        agency=agency,
        submitted_at=draw(st.none() | _moments(_FIRST, _LAST)),
        appointment_date=draw(st.none() | st.dates(date(2015, 1, 1), date(2046, 12, 31))),
        paid_online=draw(st.booleans()),
        electronic_result=draw(st.booleans()),
        digitised_components=draw(st.booleans()),
        reused_digitised_data=draw(st.booleans()),
        complaint=draw(st.booleans()),
        events=log,
    )


def dossiers(*, max_events: int = 12) -> st.SearchStrategy[Dossier]:
    """Dossiers with consistent event logs; district agencies receive before 2025-07-01."""
    return _dossier(max_events)


def initiatives(*, year: int | None = None) -> st.SearchStrategy[Initiative]:
    """Initiatives with known or free-text categories."""
    years = st.just(year) if year is not None else st.integers(min_value=2015, max_value=2040)
    return st.builds(
        Initiative,
        id=_non_blank(),
        title=_non_blank(),
        agency=_non_blank(),
        year=years,
        registered_on=st.none() | st.dates(date(2015, 1, 1), date(2041, 12, 31)),
        category=st.none() | st.sampled_from(InitiativeCategory).map(lambda c: c.value) | _text(),
        status=st.sampled_from(InitiativeStatus),
        scope=_optional_text(),
        outcome_notes=_optional_text(),
    )


def initiative_registers() -> st.SearchStrategy[InitiativeRegister]:
    """Registers of a few initiatives."""
    return st.builds(InitiativeRegister, initiatives=st.lists(initiatives(), max_size=6))
