"""Decision 766 metrics: hand-computed fixtures, dossier rules, counts, reports of a catalogue.

Every expected number below was computed by hand (the arithmetic is in the comments), not by
running the code.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime

import attrs
import pytest

import procedurekit as pk
from procedurekit import metrics as m
from procedurekit.metrics import DossierFacts as F

APPROX = pytest.approx

# -- a ten-dossier fixture ------------------------------------------------------------------------
#
# Flags are stated (yes / no) or not (-): a dossier that does not state a flag is left out of
# that indicator's denominator. "free" is a procedure the catalogue states free (fee False).
#
#  #  agency received    outcome   channel end_kind         fee  paid e-res digit reuse complaint
#  1  A      2026-02-02  early     online  result_returned  yes  yes  yes   yes   yes   no
#  2  A      2026-02-03  on_time   counter result_returned  yes  no   no    no    no    no
#  3  A      2026-02-10  late      online  processed        free -    yes   yes   -     no
#  4  A      2026-03-02  in_time   online  (open)           -    -    -     -     -     no
#  5  B      2026-03-03  overdue   counter (open)           -    -    -     -     -     yes
#  6  B      2026-03-04  early     online  processed        yes  yes  yes   yes   yes   no
#  7  B      2026-03-05  early     counter withdrawn        -    -    -     -     -     -
#  8  B      2026-02-20  (none)    counter (not accepted)   -    -    -     -     -     -
#  9  B      2026-02-25  late      online  result_returned  yes  -    no    no    no    yes
# 10  A      2026-03-10  on_time   online  refused          free yes  -     -     -     no

FIXTURE = [
    F(received=date(2026, 2, 2), outcome="early", agency="A", online=True,
      end_kind="result_returned", fee_bearing=True, paid_online=True, electronic_result=True,
      digitised=True, reused=True, complaint=False),
    F(received=date(2026, 2, 3), outcome="on_time", agency="A", end_kind="result_returned",
      fee_bearing=True, paid_online=False, electronic_result=False, digitised=False,
      reused=False, complaint=False),
    F(received=date(2026, 2, 10), outcome="late", agency="A", online=True, end_kind="processed",
      fee_bearing=False, electronic_result=True, digitised=True, complaint=False),
    F(received=date(2026, 3, 2), outcome="in_time", agency="A", online=True, complaint=False),
    F(received=date(2026, 3, 3), outcome="overdue", agency="B", complaint=True),
    F(received=date(2026, 3, 4), outcome="early", agency="B", online=True, end_kind="processed",
      fee_bearing=True, paid_online=True, electronic_result=True, digitised=True, reused=True,
      complaint=False),
    F(received=date(2026, 3, 5), outcome="early", agency="B", end_kind="withdrawn"),
    F(received=date(2026, 2, 20), outcome=None, agency="B"),
    F(received=date(2026, 2, 25), outcome="late", agency="B", online=True,
      end_kind="result_returned", fee_bearing=True, electronic_result=False, digitised=False,
      reused=False, complaint=True, supplement_requests=2),
    F(received=date(2026, 3, 10), outcome="on_time", agency="A", online=True, end_kind="refused",
      fee_bearing=False, paid_online=True, complaint=False),
]  # fmt: skip


def test_hand_computed_overall_rates_and_scores() -> None:
    r = m.compute_metrics(FIXTURE).overall
    c = r.counts
    # Outcomes: early #1 #6 = 2; on time #2 #10 = 2; late #3 #9 = 2; in time #4 = 1;
    # overdue #5 = 1; #7 withdrawn (excluded) and #8 not judged → unknown 2; judged 8.
    assert (c.received, c.early, c.on_time, c.late, c.in_time, c.overdue) == (10, 2, 2, 2, 1, 1)
    assert (c.unknown, c.withdrawn, c.judged, c.multiple_supplements) == (2, 1, 8, 1)
    # 2.1 = (2 + 2 + 1) / 8 = 0.625 → 0.625 × 20 = 12.5 points.
    assert r.rate("2.1") == APPROX(0.625)
    assert r.indicator("2.1").score == APPROX(12.5)
    # 3.3 = online 6 (#1 #3 #4 #6 #9 #10) / 10 = 0.6 ≥ 0.5 → full 6 points.
    assert r.rate("3.3") == APPROX(0.6)
    assert r.indicator("3.3").score == APPROX(6.0)
    # 3.6 = paid online 2 (#1 #6) / fee-bearing dossiers stating payment 3 (#1 #2 #6; #9 does
    # not say) → 2/3 × 10 = 6.667. #10 paid online for a free procedure: not counted, but
    # counted apart; #4 #5 #7 #8 have no stated fee.
    assert (r.indicator("3.6").numerator, r.indicator("3.6").denominator) == (2, 3)
    assert r.indicator("3.6").score == APPROX(20 / 3)
    assert (c.paid_free, c.fee_unknown) == (1, 4)
    # 4.1 = e-result among finished with a paper result stating it (#1 #2 #3 #6 #9; #10
    # refused, #7 withdrawn have none): #1 #3 #6 = 3 / 5 = 0.6 → 0.6 × 7 = 4.2.
    assert (r.indicator("4.1").numerator, r.indicator("4.1").denominator) == (3, 5)
    assert r.indicator("4.1").score == APPROX(4.2)
    # 4.2 = digitised with e-result #1 #3 #6 = 3 / stating both 5 (#1 #2 #3 #6 #9) = 0.6 →
    # min(1, 0.6/0.8) × 8 = 6.0.
    assert (r.indicator("4.2").numerator, r.indicator("4.2").denominator) == (3, 5)
    assert r.indicator("4.2").score == APPROX(6.0)
    # 4.3 = reused #1 #6 = 2 / stating it 4 (#1 #2 #6 #9) = 0.5 → 0.625 × 7 = 4.375.
    assert (r.indicator("4.3").numerator, r.indicator("4.3").denominator) == (2, 4)
    assert r.indicator("4.3").score == APPROX(4.375)
    # 5.4 = 1 − late rate (late 2 + overdue 1) / 8 − complaint rate 2 (#5 #9) / 8 stating
    # it (#7 #8 do not) = 1 − 0.375 − 0.25 = 0.375 → 0.375 / 0.9 × 18 = 7.5.
    assert r.rate("5.4") == APPROX(0.375)
    assert r.indicator("5.4").score == APPROX(7.5)
    # 3.1 needs a catalogue: not computed, and says why.
    assert r.rate("3.1") is None
    assert r.indicator("3.1").reason == "the catalogue records no online service level"
    assert all(v.reason is None for v in r.indicators if v.code != "3.1")
    # Groups: progress 12.5/20; online 6 + 6.667 = 12.667 of 16 computed points (3.1 not
    # computed); digitisation 4.2 + 6 + 4.375 = 14.575/22; satisfaction 7.5/18.
    groups = {g: (s, computed, full) for g, s, computed, full in r.group_scores}
    assert groups["progress"] == APPROX((12.5, 20, 20))
    assert groups["online_service"] == APPROX((38 / 3, 16, 22))
    assert groups["digitisation"] == APPROX((14.575, 22, 22))
    assert groups["satisfaction"] == APPROX((7.5, 18, 18))
    assert groups["disclosure"] == APPROX((0, 0, 18))
    # Total = 12.5 + 12.667 + 14.575 + 7.5 of 76 computed points.
    assert r.total == APPROX(12.5 + 38 / 3 + 14.575 + 7.5)
    assert r.total_points == 76


def test_indicators_nobody_states_are_not_computed() -> None:
    """An export without the payment, result, digitisation and complaint columns gives
    "not computed" with a reason for 3.6, 4.1-4.3 and 5.4, never 0 %; the points of each
    group are shared over its computed indicators only."""
    bare = [attrs.evolve(f, fee_bearing=None, paid_online=None, electronic_result=None,
                         digitised=None, reused=None, complaint=None) for f in FIXTURE]  # fmt: skip
    r = m.compute_metrics(bare).overall
    for code in ("3.6", "4.1", "4.2", "4.3", "5.4"):
        value = r.indicator(code)
        assert (value.rate, value.score) == (None, None), code
        assert value.reason, code
    assert "complaint" in (r.indicator("5.4").reason or "")
    groups = {g: (s, computed, full) for g, s, computed, full in r.group_scores}
    assert groups["digitisation"] == (0, 0, 22)
    assert groups["satisfaction"] == (0, 0, 18)
    assert groups["online_service"] == APPROX((6, 6, 22))  # 3.3 only
    assert r.total_points == 20 + 6
    # A free procedure never enters 3.6, even when every dossier of it was paid online.
    free = [attrs.evolve(f, fee_bearing=False, paid_online=True) for f in FIXTURE]
    value = m.compute_metrics(free).overall.indicator("3.6")
    assert (value.denominator, value.rate) == (0, None)
    assert m.compute_metrics(free).overall.counts.paid_free == 10


def test_hand_computed_groups() -> None:
    res = m.compute_metrics(FIXTURE, by="agency")
    by = {g.key: g for g in res.groups}
    # A: #1 early, #2 #10 on time, #3 late, #4 in time → 4/5 = 0.8.
    assert by[("A",)].rate("2.1") == APPROX(0.8)
    # B: #6 early, #5 overdue, #9 late; #7 #8 unknown → 1/3.
    assert by[("B",)].rate("2.1") == APPROX(1 / 3)
    months = {g.key: g for g in m.compute_metrics(FIXTURE, by="month").groups}
    # Feb: #1 early, #2 on time, #3 #9 late (#8 unknown) → 2/4; Mar: #4 in time, #5 overdue,
    # #6 early, #10 on time (#7 withdrawn) → 3/4.
    assert months[("2026-02",)].rate("2.1") == APPROX(0.5)
    assert months[("2026-03",)].rate("2.1") == APPROX(0.75)
    quarters = m.compute_metrics(FIXTURE, by="quarter").groups
    assert [g.key for g in quarters] == [("2026-Q1",)]
    both = m.compute_metrics(FIXTURE, by=("agency", "month")).groups
    # A-Feb: #1 #2 #3 → 2/3.
    assert {g.key: g.rate("2.1") for g in both}[("A", "2026-02")] == APPROX(2 / 3)


def test_withdrawn_can_count_when_configured() -> None:
    config = attrs.evolve(m.ScoringConfig.decision_766_2022(), exclude_withdrawn=False)
    r = m.compute_metrics(FIXTURE, config=config).overall
    # #7 (early, withdrawn) now counts: (3 + 2 + 1) / 9.
    assert r.rate("2.1") == APPROX(6 / 9)


def test_thresholds_and_points_are_configuration() -> None:
    config = m.ScoringConfig.decision_766_2022().with_indicator("3.3", threshold=0.8, points=10)
    r = m.compute_metrics(FIXTURE, config=config).overall
    # 3.3 = 0.6 / 0.8 × 10 = 7.5.
    assert r.indicator("3.3").score == APPROX(7.5)
    assert m.ScoringConfig.decision_766_2022().indicator("4.2").threshold == 0.8
    with pytest.raises(pk.InvalidArgumentError):
        m.Indicator766("9.9", "progress", "x", "x", 5, 1.5)
    with pytest.raises(pk.InvalidArgumentError):
        m.compute_metrics(FIXTURE, by="colour")


def test_accumulators_merge_to_the_single_pass_result() -> None:
    whole = m.MetricsAccumulator(by="agency")
    whole.add_many(FIXTURE)
    left, right = m.MetricsAccumulator(by="agency"), m.MetricsAccumulator(by="agency")
    left.add_many(FIXTURE[:4])
    right.add_many(FIXTURE[4:])
    merged = pickle.loads(pickle.dumps(left)).merge(pickle.loads(pickle.dumps(right)))
    assert merged.result() == whole.result()


def test_time_cut_rows_count_the_dossiers_of_their_procedure() -> None:
    """The time-cut table showed 0 dossiers beside every procedure: the accumulator never
    passed its dossiers' procedures to the report. Each row counts the dossiers counted of
    its procedure, the same split over merged partitions."""
    W = pk.WorkingDays
    codes = ["P1", "P1", "P1", "P2", "P9", None, None, None, None, None]
    facts = [attrs.evolve(f, procedure=c) for f, c in zip(FIXTURE, codes, strict=True)]
    procs = [_p("P1", W(10), W(7)), _p("P2", W(20), W(5)), _p("P3", W(5), W(4))]
    cuts = m.compute_metrics(facts, catalogue=procs).time_cuts
    assert cuts is not None
    assert {r.code: r.dossiers for r in cuts.rows} == {"P1": 3, "P2": 1, "P3": 0}
    # Days saved: P1 3 × 3 dossiers + P2 15 × 1 + P3 1 × 0 = 24 over 4 dossiers = 6.
    assert (cuts.dossiers, cuts.days_saved, cuts.days_saved_per_dossier) == (4, 24, 6)
    left, right = m.MetricsAccumulator(), m.MetricsAccumulator()
    left.add_many(facts[:2])
    right.add_many(facts[2:])
    merged = pickle.loads(pickle.dumps(left)).merge(pickle.loads(pickle.dumps(right)))
    assert merged.result(catalogue=procs).time_cuts == cuts


def test_facts_from_record_judges_when_no_outcome() -> None:
    rec = {"received": "2026-03-02T09:15:00", "due": "2026-03-05", "end": "2026-03-05",
           "online": "true", "agency": "H21.65"}  # fmt: skip
    f = m.facts_from_record(rec)
    assert (f.received, f.outcome, f.online) == (date(2026, 3, 2), "on_time", True)
    # Finished early but with two supplement requests → late (Decision 766).
    f = m.facts_from_record({**rec, "end": "2026-03-04", "supplement_requests": 2})
    assert f.outcome == "late"
    # Open, judged at as_of: 2026-03-06 > due 2026-03-05 → overdue.
    f = m.facts_from_record({"received": "2026-03-02", "due": "2026-03-05", "as_of": "2026-03-06"})
    assert f.outcome == "overdue"
    with pytest.raises(pk.InvalidArgumentError, match="line 7"):
        m.facts_from_record({"received": "2 March"}, where="line 7")
    lines = ['{"received": "2026-03-02", "outcome": "early"}', "", '{"received": "2026-03-03"}']
    assert [x.outcome for x in m.iter_facts_jsonl(lines)] == ["early", None]
    with pytest.raises(pk.StructureError, match="line 2"):
        list(m.iter_facts_jsonl([lines[0], "{nope"]))


# -- the rules of DOMAIN.md §4 through Dossier.clock ----------------------------------------------


def _dossier(*events: tuple[str, datetime]) -> object:
    models = pytest.importorskip("procedurekit.models.dossier")
    from procedurekit.models.codes import DossierCode

    return models.Dossier(
        code=DossierCode("H21.65-260302-0001"),
        channel=pk.Channel.ONLINE,
        events=[models.Event(kind=models.EventKind(kind), at=at) for kind, at in events],
    )


@pytest.fixture
def rules() -> object:
    deadlines = pytest.importorskip("procedurekit.deadlines")
    return deadlines.DeadlineRules(pk.WorkingCalendar.vietnam())


def test_end_state_precedence(rules: object) -> None:
    # Accepted Mon 2 Mar 2026, 3 working days → due Thu 5 Mar. Processed Thu 5 Mar, result
    # returned Fri 6 Mar: the end is the processing (precedence), so on time, not late.
    d = _dossier(
        ("accepted", datetime(2026, 3, 2, 9)),
        ("processed", datetime(2026, 3, 5, 10)),
        ("result_returned", datetime(2026, 3, 6, 9)),
    )
    f = m.facts_from_dossier(d, rules, as_of=date(2026, 3, 31), procedure=_proc(3))  # type: ignore[arg-type]
    assert (f.due, f.end, f.end_kind, f.outcome) == (
        date(2026, 3, 5), date(2026, 3, 5), "processed", "on_time"
    )  # fmt: skip
    assert f.returned == date(2026, 3, 6)


def test_a_dossier_without_a_time_limit_is_not_judged(rules: object) -> None:
    """The metrics leave a dossier they cannot judge out of the on-time denominator
    (outcome None); they do not raise as Dossier.clock does by default."""
    d = _dossier(("accepted", datetime(2026, 3, 2, 9)), ("processed", datetime(2026, 3, 5, 10)))
    f = m.facts_from_dossier(d, rules, as_of=date(2026, 3, 31))  # type: ignore[arg-type]
    assert (f.due, f.outcome, f.end) == (None, None, date(2026, 3, 5))


def test_supplement_interval_is_not_counted(rules: object) -> None:
    # Accepted Mon 2 Mar, 3 WD → due Thu 5 Mar. Supplement requested Tue 3 Mar, received
    # Mon 9 Mar: the working days in (3 Mar, 9 Mar] are 4, 5, 6, 9 Mar = 4, so the due date
    # moves 4 working days from Thu 5 Mar: 6, 9, 10, 11 → Wed 11 Mar. Processed Wed 11 Mar →
    # on time (without the pause it would be late).
    d = _dossier(
        ("accepted", datetime(2026, 3, 2, 9)),
        ("supplement_requested", datetime(2026, 3, 3, 9)),
        ("supplement_received", datetime(2026, 3, 9, 9)),
        ("processed", datetime(2026, 3, 11, 15)),
    )
    f = m.facts_from_dossier(d, rules, as_of=date(2026, 3, 31), procedure=_proc(3))  # type: ignore[arg-type]
    assert (f.due, f.outcome, f.supplement_requests) == (date(2026, 3, 11), "on_time", 1)


def test_more_than_one_supplement_request_counts_late(rules: object) -> None:
    # Two requests, each answered the next day; processed well before the due date: late.
    d = _dossier(
        ("accepted", datetime(2026, 3, 2, 9)),
        ("supplement_requested", datetime(2026, 3, 2, 10)),
        ("supplement_received", datetime(2026, 3, 3, 9)),
        ("supplement_requested", datetime(2026, 3, 3, 10)),
        ("supplement_received", datetime(2026, 3, 4, 9)),
        ("processed", datetime(2026, 3, 4, 15)),
    )
    f = m.facts_from_dossier(d, rules, as_of=date(2026, 3, 31), procedure=_proc(10))  # type: ignore[arg-type]
    assert (f.outcome, f.supplement_requests) == ("late", 2)
    r = m.compute_metrics([f]).overall
    assert (r.counts.late, r.counts.multiple_supplements, r.rate("2.1")) == (1, 1, 0.0)


def _proc(days: int) -> object:
    from procedurekit.models.procedure import Procedure

    return Procedure(name="Chứng thực bản sao", field="Chứng thực",
                     prescribed_time=pk.WorkingDays(days))  # fmt: skip


# -- catalogue reports -----------------------------------------------------------------------------


def _p(name: str, prescribed: object = None, committed: object = None, online: str | None = None):  # type: ignore[no-untyped-def]
    from procedurekit.models.procedure import Procedure
    from procedurekit.vocab import OnlineLevel

    return Procedure(
        name=name,
        local_code=name,
        prescribed_time=prescribed,  # type: ignore[arg-type]
        committed_time=committed,  # type: ignore[arg-type]
        online_level=OnlineLevel(online) if online else None,
    )


def test_time_cut_report_by_hand() -> None:
    W, C = pk.WorkingDays, pk.CalendarDays
    procs = [
        _p("P1", W(10), W(7)),  # cut 3/10 = 30 % → "30–60 %" (edge included); 4 dossiers × 3
        _p("P2", W(20), W(5)),  # cut 15/20 = 75 % → "> 60 %"; 2 dossiers × 15
        _p("P3", C(30), C(27)),  # cut 3/30 = 10 % → "< 30 %"; no dossiers
        _p("P4", W(10), C(5)),  # different units: not compared
        _p("P5", W(10), W(10)),  # compared, not cut
        _p("P6", W(5)),  # no committed time: not compared
        _p("P7", W(15), W(6)),  # cut 9/15 = 60 % → "30–60 %" (edge included); 4 dossiers × 9
    ]
    rep = m.time_cut_report(procs, dossier_counts={"P1": 4, "P2": 2, "P7": 4})
    assert (rep.procedures, rep.compared, rep.cut) == (7, 5, 4)
    assert rep.bands == (("< 30 %", 1), ("30–60 %", 2), ("> 60 %", 1))
    # Mean cut (0.3 + 0.75 + 0.1 + 0.6) / 4 = 0.4375; days saved 12 + 30 + 36 = 78 over
    # 4 + 2 + 4 = 10 dossiers → 7.8 per dossier.
    assert rep.mean_cut == APPROX(0.4375)
    assert (rep.dossiers, rep.days_saved) == (10, APPROX(78))
    assert rep.days_saved_per_dossier == APPROX(7.8)
    # Bands are configuration: edges at 25 % and 50 % put P1 (30 %) in "25–50 %", P7 (60 %)
    # and P2 (75 %) in "> 50 %".
    rep = m.time_cut_report(procs, bands=(0.25, 0.5))
    assert rep.bands == (("< 25 %", 1), ("25–50 %", 1), ("> 50 %", 2))


def test_online_service_summary_and_indicator_3_1() -> None:
    procs = [_p("a", online="full"), _p("b", online="full"), _p("c", online="partial"),
             _p("d", online="none"), _p("e")]  # fmt: skip
    s = m.online_service_summary(procs)
    assert (s.procedures, s.full, s.partial, s.none, s.unknown) == (5, 2, 1, 1, 1)
    # 3.1 counts the 4 procedures whose online level is recorded ("e" records none):
    # 3/4 = 0.75 → 0.75 / 0.8 × 6 = 5.625 points.
    r = m.compute_metrics(FIXTURE, catalogue=procs).overall
    assert r.rate("3.1") == APPROX(0.75)
    assert r.indicator("3.1").score == APPROX(5.625)
    assert s.full_online_rate == APPROX(0.4)
    # A catalogue that records no online level leaves 3.1 uncomputed, not zero.
    unrecorded = m.compute_metrics(FIXTURE, catalogue=[_p("x"), _p("y")]).overall
    assert unrecorded.rate("3.1") is None


def test_service_model_performance_by_hand() -> None:
    from procedurekit.deadlines.service import ServiceModel

    model = ServiceModel("Thứ Sáu không hẹn", {4}, {"2.000815"}, pk.SameDay())
    fri, thu = date(2026, 3, 6), date(2026, 3, 5)
    facts = [
        F(received=fri, procedure="2.000815", returned=fri),  # eligible, met
        F(received=fri, procedure="2.000815.000.00.00.H38", returned=date(2026, 3, 9)),  # not met
        F(received=date(2026, 3, 13), procedure="2.000815"),  # eligible, open: not met
        F(received=thu, procedure="2.000815", returned=thu),  # Thursday: not eligible
        F(received=fri, procedure="1.000001", returned=fri),  # other procedure
        F(received=date(2026, 2, 20), procedure="2.000815", returned=date(2026, 2, 20)),  # Tết
    ]
    perf = m.service_model_performance(facts, model, pk.WorkingCalendar.vietnam())
    # eligible 3, finished 2, met 1 → 1/3.
    assert (perf.eligible, perf.finished, perf.met) == (3, 2, 1)
    assert perf.share == APPROX(1 / 3)


def test_initiative_summary_by_hand() -> None:
    from procedurekit.models.initiative import Initiative
    from procedurekit.models.initiative import InitiativeStatus as S

    items = [
        Initiative(id="a1", title="QR", agency="A", year=2026, status=S.REGISTERED),
        Initiative(id="a2", title="Zalo", agency="A", year=2026, status=S.APPLIED),
        Initiative(id="a3", title="eID", agency="A", year=2026, status=S.REPLICATED),
        Initiative(id="b1", title="Pay", agency="B", year=2026, status=S.APPLIED),
    ]
    s = m.initiative_summary(items, agencies=["A", "B", "C"])
    # A has 3 (the minimum), B 1, C none → B and C under the minimum.
    assert s.under_minimum == ((2026, "B", 1), (2026, "C", 0))
    assert dict(s.status_totals) == {"registered": 1, "applied": 2, "evaluated_effective": 0,
                                     "replicated": 1}  # fmt: skip
    row_a = next(r for r in s.rows if r.agency == "A")
    assert (row_a.total, row_a.under_minimum) == (3, False)
