"""Typed models: procedures, dossiers, initiatives, agencies and their codes.

Frozen attrs classes: data only, no I/O. JSON and JSON Schema live in
:mod:`procedurekit.serialize`; catalogue readers in :mod:`procedurekit.io`.
"""

from procedurekit.deadlines.clock import DossierClock, DossierPause
from procedurekit.models.agency import Agency
from procedurekit.models.codes import DossierCode, DossierCodeParts, ProcedureCode
from procedurekit.models.dossier import TRANSITIONS, Dossier, Event, Transition
from procedurekit.models.initiative import (
    Finding,
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
from procedurekit.vocab import (
    DISTRICT_LEVEL_ABOLISHED,
    END_PRECEDENCE,
    EventKind,
    LegacyOnlineLevel,
    Level,
    LevelValidity,
    OnlineLevel,
    Outcome,
    Status,
    check_receipt_level,
)

__all__ = [
    "DISTRICT_LEVEL_ABOLISHED",
    "END_PRECEDENCE",
    "TRANSITIONS",
    "Agency",
    "ChannelTerms",
    "Dossier",
    "DossierClock",
    "DossierCode",
    "DossierCodeParts",
    "DossierComponent",
    "DossierPause",
    "Event",
    "EventKind",
    "Fee",
    "Finding",
    "Initiative",
    "InitiativeCategory",
    "InitiativeRegister",
    "InitiativeStatus",
    "LegacyOnlineLevel",
    "LegalReference",
    "Level",
    "LevelValidity",
    "OnlineLevel",
    "Outcome",
    "Procedure",
    "ProcedureCode",
    "Status",
    "Transition",
    "check_receipt_level",
]
