"""Golden tests: real catalogue phrases, each labelled by hand with its expected reading.

``tests/golden/phrases_labelled.tsv`` holds short phrases from the portal and provincial
catalogues (quoted facts), with the reading a person gives them: a duration repr such as
``WorkingDays(5)`` or ``error:<reason>``, and where stated the number of cases, extensions
and steps, and the channel of the first case. The labels were written by reading each
phrase, not by copying parser output.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import time
from decimal import Decimal

import pytest
from _paths import GOLDEN

import procedurekit as pk
from procedurekit.durations import ElapsedHours

GOLDEN = GOLDEN / "phrases_labelled.tsv"
_NAMES = {
    "WorkingDays": pk.WorkingDays,
    "CalendarDays": pk.CalendarDays,
    "WorkingHours": pk.WorkingHours,
    "ElapsedHours": ElapsedHours,
    "Months": pk.Months,
    "SameDay": pk.SameDay,
    "NoTimeLimit": pk.NoTimeLimit,
    "Decimal": Decimal,
    "time": time,
}


@dataclass(frozen=True)
class Labelled:
    phrase: str
    kind: str
    expected: str
    cases: int | None
    extensions: int | None
    steps: int | None
    channel: str | None


def _int(text: str) -> int | None:
    return int(text) if text else None


def load_labelled() -> list[Labelled]:
    with GOLDEN.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Labelled(
                r["phrase"],
                r["kind"],
                r["expected"],
                _int(r["cases"]),
                _int(r["extensions"]),
                _int(r["steps"]),
                r["channel"] or None,
            )
            for r in rows
        ]


def expected_value(label: str) -> pk.Duration:
    value = eval(label, {"__builtins__": {}}, _NAMES)  # labels are our own fixture
    assert isinstance(value, pk.Duration)
    return value


LABELLED = load_labelled()


def test_the_labelled_set_is_large_and_spread() -> None:
    kinds = {row.kind for row in LABELLED}
    assert len(LABELLED) >= 200
    assert kinds == {
        "bacgiang_2016_field",
        "dvc_structured_field",
        "dvc_method_description",
        "web_page",
    }


@pytest.mark.parametrize("row", LABELLED, ids=[f"{i}" for i in range(len(LABELLED))])
def test_labelled_phrase(row: Labelled) -> None:
    if row.expected.startswith("error:"):
        with pytest.raises(pk.DurationParseError) as info:
            pk.parse_duration(row.phrase)
        assert info.value.reason == row.expected.removeprefix("error:")
    else:
        assert pk.parse_duration(row.phrase) == expected_value(row.expected)
    if row.cases is None and row.extensions is None and row.steps is None and not row.channel:
        return
    pt = pk.parse_processing_time(row.phrase)
    if row.cases is not None:
        assert len(pt.cases) == row.cases
    if row.extensions is not None:
        assert len(pt.extensions) == row.extensions
    if row.steps is not None:
        assert len(pt.steps) == row.steps
    if row.channel:
        assert pt.cases[0].channel is pk.Channel(row.channel)
