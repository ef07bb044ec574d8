"""Typed models: procedures, dossiers, initiatives, agencies and their codes.

Frozen attrs classes: data only, no I/O. JSON and JSON Schema live in
:mod:`procedurekit.serialize`; catalogue readers in :mod:`procedurekit.io`.
"""

from procedurekit.models.agency import (
    DISTRICT_LEVEL_ABOLISHED,
    Agency,
    Level,
    LevelValidity,
    check_receipt_level,
)
from procedurekit.models.codes import DossierCode, DossierCodeParts, ProcedureCode
from procedurekit.models.dossier import (
    END_PRECEDENCE,
    TRANSITIONS,
    Dossier,
    DossierClock,
    DossierPause,
    Event,
    EventKind,
    Outcome,
    Status,
    Transition,
)
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
    LegacyOnlineLevel,
    LegalReference,
    OnlineLevel,
    Procedure,
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
