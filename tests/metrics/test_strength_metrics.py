"""Test strength (mutation testing): Decision 766 scoring helpers (metrics/_scoring.py).

Each test pins a behaviour a surviving mutant showed unpinned (docs/explanation/testing.md).
The expected numbers are computed by hand in the comments.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import procedurekit as pk
from procedurekit import metrics as m

F = m.DossierFacts
APPROX = pytest.approx


def _facts() -> list[m.DossierFacts]:
    # early, on time, late (finished); one open overdue; no complaint anywhere.
    return [
        F(received=date(2026, 2, 2), outcome="early", agency="A", end_kind="result_returned"),
        F(received=date(2026, 2, 3), outcome="on_time", agency="A", end_kind="result_returned"),
        F(received=date(2026, 2, 4), outcome="late", agency="A", end_kind="processed"),
        F(received=date(2026, 2, 5), outcome="overdue", agency="A"),
    ]


def test_share_of_each_outcome_among_finished() -> None:
    r = m.compute_metrics(_facts()).overall
    # finished = early 1 + on time 1 + late 1 = 3
    assert r.share("early") == APPROX(1 / 3)
    assert r.share("on_time") == APPROX(1 / 3)
    assert r.share("late") == APPROX(1 / 3)


def test_share_without_finished_dossiers_is_none() -> None:
    r = m.compute_metrics([F(received=date(2026, 2, 5), outcome="in_time")]).overall
    assert r.share("late") is None
    assert r.returned_on_time_rate is None


def test_share_error_structure() -> None:
    r = m.compute_metrics(_facts()).overall
    with pytest.raises(pk.InvalidArgumentError) as info:
        r.share("overdue")
    err = info.value
    assert err.message == "share takes 'early', 'on_time' or 'late', got 'overdue'"
    assert (err.path, err.value, err.expected) == ("outcome", "overdue", "'late'")


def test_group_result_indicator_error_structure() -> None:
    r = m.compute_metrics(_facts()).overall
    with pytest.raises(pk.InvalidArgumentError) as info:
        r.indicator("9.9")
    err = info.value
    assert err.message == "no indicator '9.9'"
    assert (err.path, err.value, err.expected) == ("code", "9.9", "'2.1'")


def test_config_indicator_error_structure() -> None:
    config = m.ScoringConfig.decision_766_2022()
    with pytest.raises(pk.InvalidArgumentError) as info:
        config.indicator("9.9")
    err = info.value
    assert err.message == "no indicator '9.9' in this configuration"
    assert (err.path, err.value) == ("code", "9.9")
    assert err.expected == ", ".join(i.code for i in config.indicators)
    assert err.expected.startswith("2.1, ")


def test_points_of_a_group_without_points_is_zero() -> None:
    config = m.ScoringConfig.decision_766_2022()
    assert config.points_of("progress") == 20
    assert config.points_of("no-such-group") == 0.0
    without = attrs.evolve(config, group_points=[("progress", 20)])
    r = m.compute_metrics(_facts(), config=without).overall
    groups = {g[0]: g for g in r.group_scores}
    assert groups["satisfaction"][3] == 0.0
    assert groups["progress"][3] == 20


def test_on_time_rate_falls_back_to_counts_without_indicator_2_1() -> None:
    config = m.ScoringConfig.decision_766_2022()
    only_33 = attrs.evolve(config, indicators=[config.indicator("3.3")])
    r = m.compute_metrics(_facts(), config=only_33).overall
    # judged 4: early 1 + on time 1 + in time 0 = 2 -> 0.5
    assert r.on_time_rate == APPROX(0.5)
    full = m.compute_metrics(_facts()).overall
    assert full.on_time_rate == APPROX(0.5)
    assert full.rate("2.1") == APPROX(0.5)


def test_satisfaction_without_complaints_is_one_minus_late() -> None:
    stated = [attrs.evolve(f, complaint=False) for f in _facts()]
    r = m.compute_metrics(stated).overall
    # late 1 + overdue 1 = 2 of 4 judged; no complaint: 5.4 = 1 - 0.5 = 0.5
    assert r.rate("5.4") == APPROX(0.5)
    # Complaints not stated at all: 5.4 is not computed, with its reason (not 0.5).
    unstated = m.compute_metrics(_facts()).overall.indicator("5.4")
    assert unstated.rate is None
    assert unstated.reason


def test_indicator_values_carry_their_configuration() -> None:
    config = m.ScoringConfig.decision_766_2022()
    r = m.compute_metrics(_facts(), config=config).overall
    for ind in config.indicators:
        value = r.indicator(ind.code)
        assert value.name_vi == ind.name_vi
        assert value.name_en == ind.name_en
        assert value.threshold == ind.threshold
        assert value.points == ind.points
        assert value.group == ind.group


def test_rate_is_none_when_the_denominator_is_zero() -> None:
    # No fee-bearing dossier: indicator 3.6 (paid online / fee-bearing) has no rate.
    r = m.compute_metrics(_facts()).overall
    value = r.indicator("3.6")
    assert value.denominator == 0
    assert value.rate is None
    assert value.score is None


def test_nothing_judged_gives_no_satisfaction_rate() -> None:
    r = m.compute_metrics([F(received=date(2026, 2, 5), outcome=None)]).overall
    assert r.rate("5.4") is None
    assert r.indicator("5.4").score is None
    assert r.rate("2.1") is None


def _indicator(**changes: object) -> m.Indicator766:
    base: dict[str, object] = {
        "code": "9.1",
        "group": "progress",
        "name_en": "x",
        "name_vi": "x",
        "points": 5,
        "threshold": 0.5,
    }
    base.update(changes)
    return m.Indicator766(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("threshold", [1, 1.0, 0.01, None])
def test_thresholds_accepted(threshold: float | None) -> None:
    assert _indicator(threshold=threshold).threshold == threshold


@pytest.mark.parametrize("threshold", [0, 0.0, 1.01, -0.5, True, "0.8"])
def test_thresholds_refused(threshold: object) -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        _indicator(threshold=threshold)
    err = info.value
    assert err.message == f"threshold must be a share in (0, 1], got {threshold!r}"
    assert (err.path, err.value, err.expected) == ("threshold", threshold, "0.8 for 80 %")


@pytest.mark.parametrize("points", [0, 0.5, 20])
def test_points_accepted(points: float) -> None:
    assert _indicator(points=points).points == points


@pytest.mark.parametrize("points", [-1, -0.5, True, "20"])
def test_points_refused(points: object) -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        _indicator(points=points)
    err = info.value
    assert err.message == f"points must be a non-negative number of points, got {points!r}"
    assert (err.path, err.value, err.expected) == ("points", points, "20")


def test_group_refused() -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        _indicator(group="speed")
    err = info.value
    assert err.message == (
        "group must be one of disclosure, progress, online_service, digitisation, "
        "satisfaction, got 'speed'"
    )
    assert (err.path, err.value, err.expected) == ("group", "speed", "'progress'")


def test_indicator_codes_must_be_unique() -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        m.ScoringConfig(indicators=[_indicator(), _indicator()], group_points={"progress": 5})
    err = info.value
    assert err.message == "indicator codes must be unique, got ['9.1', '9.1']"
    assert (err.path, err.value, err.expected) == (
        "indicators",
        ["9.1", "9.1"],
        "one Indicator766 per code",
    )


def test_group_points_from_a_mapping_or_pairs() -> None:
    a = m.ScoringConfig(indicators=[_indicator()], group_points={"progress": 5, "disclosure": 0})
    b = m.ScoringConfig(
        indicators=[_indicator()], group_points=[("progress", 5), ("disclosure", 0)]
    )
    assert a.group_points == b.group_points == (("progress", 5), ("disclosure", 0))
    assert a.points_of("disclosure") == 0


def test_group_points_errors() -> None:
    with pytest.raises(pk.InvalidArgumentError) as info:
        m.ScoringConfig(indicators=[], group_points={"speed": 5})
    err = info.value
    assert err.message == "group_points has an unknown group 'speed'"
    assert (err.path, err.value) == ("group_points", "speed")
    assert err.expected == "disclosure, progress, online_service, digitisation, satisfaction"
    for bad in (-1, True, "5"):
        with pytest.raises(pk.InvalidArgumentError) as info:
            m.ScoringConfig(indicators=[], group_points={"progress": bad})
        err = info.value
        assert err.message == f"group_points['progress'] must be a non-negative number, got {bad!r}"
        assert (err.path, err.value, err.expected) == ("group_points['progress']", bad, "20")


def test_an_indicator_with_no_default_reason_says_no_data() -> None:
    # A configuration may add an indicator the counters do not give (here 1.1, disclosure):
    # it is not computed, and says so in both languages, not with an empty reason.
    base = m.ScoringConfig.decision_766_2022()
    extra = m.Indicator766("1.1", "disclosure", "published", "Công khai", 18)
    config = m.ScoringConfig(indicators=(*base.indicators, extra), group_points=base.group_points)
    value = m.compute_metrics(_facts(), config=config).overall.indicator("1.1")
    assert value.rate is None
    assert value.score is None
    assert value.reason == "no data for this indicator"
    assert value.reason_vi == "không có dữ liệu cho chỉ tiêu này"
    # the indicators the counters give keep their own reason when not computed
    assert m.compute_metrics(_facts(), config=config).overall.indicator("3.6").reason == (
        "no fee-bearing dossier states whether it was paid online"
    )
