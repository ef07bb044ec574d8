"""The deadline engine: rules, deadlines with pauses and an extension, service models, the
dossier clock, the outcome classifier and the column (bulk) functions.

- :class:`DeadlineRules` (:mod:`~procedurekit.deadlines.rules`): from a receipt and a time
  limit to a :class:`Deadline` (:mod:`~procedurekit.deadlines.deadline`), and every pause
  and extension of it;
- :class:`ServiceModel` and its presets (:mod:`~procedurekit.deadlines.service`);
- the dossier clock (:mod:`~procedurekit.deadlines.clock`) and the one outcome classifier
  (:func:`classify`, :mod:`~procedurekit.deadlines.outcome`);
- :func:`format_deadline`, the receipt slip's line (:mod:`~procedurekit.deadlines.slip`);
- column functions over millions of rows (:mod:`~procedurekit.deadlines.columns`, also
  importable as :mod:`procedurekit.batch`), proven equal to the scalar engine by tests.
"""

from procedurekit.deadlines.clock import (
    FINANCIAL_OBLIGATION_POLICIES,
    ClockRun,
    DossierClock,
    DossierPause,
    dossier_clock,
    run_events,
)
from procedurekit.deadlines.deadline import (
    FLAG_COMMITMENT_AFTER_CLOSE,
    FLAG_COMMITMENT_DAY_NOT_SERVED,
    FLAG_COMMITMENT_LATER_THAN_LEGAL,
    FLAG_EXTENSION_NOT_LATER,
    FLAG_EXTENSION_ON_DAY_OFF,
    FLAG_LATE_APOLOGY,
    FLAG_PAUSE_AFTER_DUE,
    FLAG_SECOND_SUPPLEMENT_REQUEST,
    FLAG_UNVERIFIED_CALENDAR,
    Apology,
    Deadline,
    Explanation,
    Pause,
)
from procedurekit.deadlines.outcome import classify
from procedurekit.deadlines.rules import (
    EXTENSION_DEADLINES,
    PAUSE_POLICIES,
    RECEIPT_POLICIES,
    DeadlineRules,
    ExtensionDeadline,
    PausePolicy,
    ReceiptPolicy,
)
from procedurekit.deadlines.service import (
    SERVICE_MODELS,
    ServiceFeature,
    ServiceKind,
    ServiceModel,
)
from procedurekit.deadlines.slip import format_deadline

__all__ = [
    "EXTENSION_DEADLINES",
    "FINANCIAL_OBLIGATION_POLICIES",
    "FLAG_COMMITMENT_AFTER_CLOSE",
    "FLAG_COMMITMENT_DAY_NOT_SERVED",
    "FLAG_COMMITMENT_LATER_THAN_LEGAL",
    "FLAG_EXTENSION_NOT_LATER",
    "FLAG_EXTENSION_ON_DAY_OFF",
    "FLAG_LATE_APOLOGY",
    "FLAG_PAUSE_AFTER_DUE",
    "FLAG_SECOND_SUPPLEMENT_REQUEST",
    "FLAG_UNVERIFIED_CALENDAR",
    "PAUSE_POLICIES",
    "RECEIPT_POLICIES",
    "SERVICE_MODELS",
    "Apology",
    "ClockRun",
    "Deadline",
    "DeadlineRules",
    "DossierClock",
    "DossierPause",
    "Explanation",
    "ExtensionDeadline",
    "Pause",
    "PausePolicy",
    "ReceiptPolicy",
    "ServiceFeature",
    "ServiceKind",
    "ServiceModel",
    "classify",
    "dossier_clock",
    "format_deadline",
    "run_events",
]
