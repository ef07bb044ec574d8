"""The parser over the whole corpus of 1,065 real phrases (../shared/realdata, if present)."""

from __future__ import annotations

import pytest
from _paths import REALDATA

import procedurekit as pk

CORPUS = REALDATA / "processing_time_phrases.txt"


def _phrases() -> list[str]:
    if not CORPUS.is_file():
        pytest.skip("../shared/realdata not present")
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line and not line.startswith("#")]


def test_every_phrase_parses_or_raises_a_duration_parse_error() -> None:
    phrases = _phrases()
    assert len(phrases) == 1065
    parsed = 0
    for phrase in phrases:
        try:
            pk.parse_processing_time(phrase)
        except pk.DurationParseError:
            continue
        parsed += 1
    assert parsed / len(phrases) >= 0.95  # measured 0.962: see docs/parsing-coverage.md


def test_parse_format_parse_is_stable_on_the_corpus() -> None:
    for phrase in _phrases():
        try:
            first = pk.parse_processing_time(phrase)
        except pk.DurationParseError:
            continue
        for lang in ("vi", "en"):
            written = pk.format_processing_time(first, lang)
            again = pk.parse_processing_time(written)
            assert (again.cases, again.extensions, again.exclusions) == (
                first.cases,
                first.extensions,
                first.exclusions,
            ), (phrase, written)
            assert (again.start_event, again.steps) == (first.start_event, first.steps)


def test_parse_duration_agrees_with_the_first_case() -> None:
    for phrase in _phrases():
        try:
            pt = pk.parse_processing_time(phrase)
        except pk.DurationParseError:
            continue
        if pt.cases:
            assert pk.parse_duration(phrase) == pt.duration
