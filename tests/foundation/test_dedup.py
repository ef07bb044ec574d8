"""SeenKeys: exact answers across the in-memory set, the sorted runs and their merging."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procedurekit import _dedup
from procedurekit._dedup import SeenKeys


def test_first_time_false_then_true() -> None:
    seen = SeenKeys()
    assert seen.add("H21.65-260302-0001") is False
    assert seen.add("H21.65-260302-0001") is True
    assert seen.add("H21.65-260302-0002") is False
    assert len(seen) == 2


@pytest.mark.parametrize("recent", [1, 3, 64])
def test_runs_and_merges_answer_like_a_set(monkeypatch: pytest.MonkeyPatch, recent: int) -> None:
    """With a tiny in-memory set every path is used: runs, the merge of runs, bisect."""
    monkeypatch.setattr(_dedup, "_RECENT", recent)
    monkeypatch.setattr(_dedup, "_MAX_RUNS", 2)
    rng = random.Random(recent)
    keys = [f"X-{rng.randrange(2000)}" for _ in range(3000)]
    seen, plain = SeenKeys(), set()
    for k in keys:
        assert seen.add(k) is (k in plain), k
        plain.add(k)
    assert len(seen) == len(plain)


@given(st.lists(st.text(max_size=8), max_size=200))
def test_property_equals_a_set(keys: list[str]) -> None:
    seen, plain = SeenKeys(), set()
    for k in keys:
        assert seen.add(k) is (k in plain)
        plain.add(k)
