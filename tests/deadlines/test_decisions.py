"""The nine decisions of the "one dossier, one answer" issue, each tested by name.

docs/explanation/law-to-semantics.md ("Decisions") states each one with its source. Every
test uses the public API and, where the decision is about agreement, runs the paths side by
side: ``Dossier.clock``, the audit, the metrics and the column functions.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

import procedurekit as pk
from procedurekit import batch
from procedurekit.deadlines.service import QUICK_FRIDAY, SUNDAY_FOR_THE_PEOPLE
from procedurekit.io import iter_dossiers, read_catalogue
from procedurekit.judge import Judge
from procedurekit.metrics import (
    DossierFacts,
    MetricsAccumulator,
    facts_from_record,
    metrics_from_files,
)
from procedurekit.models import ChannelTerms, Dossier, DossierCode, Event, EventKind
from procedurekit.vocab import Channel, Outcome

K = EventKind
VN = pk.WorkingCalendar.vietnam()
RULES = pk.DeadlineRules(VN)
TZ = pk.VIETNAM_TZ

CATALOGUE = (
    "Mã số,Tên,Cấp thực hiện,Thời hạn giải quyết\n"
    "1.000010,Mười ngày làm việc,Cấp tỉnh,10 ngày làm việc\n"
    "1.000016,Mười sáu giờ,Cấp tỉnh,16 giờ làm việc\n"
    "1.000005,Năm ngày làm việc (không kể nghĩa vụ tài chính),Cấp tỉnh,"
    "05 ngày làm việc; không kể thời gian thực hiện nghĩa vụ tài chính\n"
)
HEADER = "ma_ho_so,ma_thu_tuc,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc,trang_thai,events\n"


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def ev(kind: str, moment: datetime, **extra: str) -> dict[str, str]:
    return {"kind": kind, "at": moment.isoformat(), **extra}


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    p = tmp_path / "catalogue.csv"
    p.write_text(CATALOGUE, encoding="utf-8")
    return p


def dossier_file(tmp_path: Path, rows: list[list[object]]) -> Path:
    lines = []
    for row in rows:
        cells = []
        for cell in row:
            text = json.dumps(cell, ensure_ascii=False) if isinstance(cell, list) else str(cell)
            cells.append('"' + text.replace('"', '""') + '"')
        lines.append(",".join(cells))
    p = tmp_path / "dossiers.csv"
    p.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return p


def judgements(dossiers: Path, catalogue: Path, as_of: date) -> list[pk.judge.Judgement]:
    judge = Judge(read_catalogue(catalogue), as_of=as_of)
    out = [judge.judge(r) for r in iter_dossiers(dossiers)]
    return [j for j in out if j is not None]


# -- decision 1 -----------------------------------------------------------------------------


def test_decision_1_a_pause_before_the_receipt_is_refused() -> None:
    """The clock starts at receipt (Civil Code 147): the issue's example moved 03-16 to 03-20."""
    dl = RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(10))
    assert dl.due_date == date(2026, 3, 16)
    with pytest.raises(pk.InvalidArgumentError, match="before the receipt") as info:
        dl.paused(date(2026, 2, 23), date(2026, 2, 27))
    assert info.value.path == "start"
    # A date-only start on the receipt day begins at the receipt moment.
    same_day = dl.paused(date(2026, 3, 2), date(2026, 3, 4))
    assert same_day.due_date == date(2026, 3, 18)


def test_decision_1_the_audit_ignores_it_with_a_finding(tmp_path: Path, catalogue: Path) -> None:
    log = [
        ev("accepted", at(2026, 3, 2)),
        ev("supplement_requested", at(2026, 2, 23)),
        ev("supplement_received", at(2026, 2, 27)),
        ev("result_returned", at(2026, 3, 18, 10)),
    ]
    path = dossier_file(
        tmp_path, [["H1-260302-0001", "1.000010", "Trực tiếp", "2026-03-02 09:00", "", "", "", log]]
    )
    report = pk.audit_files(path, catalogue, as_of=date(2026, 4, 1))
    assert report.stats["findings_by_code"]["pause-before-receipt"] == 1
    assert report.stats["outcomes"] == {"late": 1}  # due 16 March, returned on the 18th


# -- decision 2 -----------------------------------------------------------------------------


def test_decision_2_an_hour_limit_pause_moves_the_original_by_office_time() -> None:
    """16 office hours from Monday 08:00: due Tuesday 17:00. An apology (new date Friday) on
    Monday, then a pause Tuesday 10:00-14:00 holding 3 office hours: the original due moment
    moves to Wednesday 11:00, and on-time scoring uses that date (Decree 61/2018 Art. 19)."""
    dl = RULES.due(datetime(2026, 3, 2, 8), pk.WorkingHours(16))
    assert dl.due_at == at(2026, 3, 3, 17)
    ext = dl.extended(date(2026, 3, 6), issued_at=datetime(2026, 3, 2, 9))
    paused = ext.paused(datetime(2026, 3, 3, 10), datetime(2026, 3, 3, 14))
    assert paused.original_due_at == at(2026, 3, 4, 11)
    assert paused.original_due_date == date(2026, 3, 4)
    d = Dossier.replay(
        [
            Event(kind=K.ACCEPTED, at=at(2026, 3, 2, 8)),
            Event(kind=K.APOLOGY_ISSUED, at=at(2026, 3, 2, 9), new_due_date=date(2026, 3, 6)),
            Event(kind=K.SUPPLEMENT_REQUESTED, at=at(2026, 3, 3, 10)),
            Event(kind=K.SUPPLEMENT_RECEIVED, at=at(2026, 3, 3, 14)),
            Event(kind=K.PROCESSED, at=at(2026, 3, 4, 10)),
        ],
        code=DossierCode("H1-260302-0002"),
        channel=Channel.COUNTER,
    )
    clock = d.clock(RULES, pk.WorkingHours(16), as_of=date(2026, 4, 1))
    assert clock.due_date == date(2026, 3, 4)
    assert clock.outcome is Outcome.ON_TIME  # by whole days it was judged late


# -- decision 3 -----------------------------------------------------------------------------


def _random_rows(rng: random.Random, n: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for i in range(n):
        received = date(2010, 1, 4).toordinal() + rng.randrange(0, 6000)
        day = date.fromordinal(received)
        start = datetime(day.year, day.month, day.day, rng.randrange(7, 18), tzinfo=TZ)
        code = rng.choice(["1.000010", "1.000016", "1.000005", "9.999999"])
        end = date.fromordinal(received + rng.randrange(0, 30))
        appointment = date.fromordinal(received + rng.randrange(1, 20))
        rows.append(
            [
                f"H1-{day:%y%m%d}-{i:04d}",
                code,
                rng.choice(["Trực tiếp", "Trực tuyến", "Bưu điện", "Fax"]),
                start.strftime("%Y-%m-%d %H:%M"),
                appointment.isoformat(),
                end.isoformat() if rng.random() < 0.8 else "",
                rng.choice(["returned", "Đã trả kết quả", ""]),
                "",
            ]
        )
    return rows


def test_decision_3_results_never_depend_on_row_order(tmp_path: Path, catalogue: Path) -> None:
    """Any permutation of the rows gives the same findings, outcomes and judgements
    (receipts from 2010 to 2026, the unverified and 2013-2018 years among them)."""
    rng = random.Random(3)
    rows = _random_rows(rng, 300)
    reports = []
    judged = []
    for k in range(3):
        shuffled = rows[:] if k == 0 else rng.sample(rows, len(rows))
        sub = tmp_path / f"run{k}"
        sub.mkdir()
        path = dossier_file(sub, shuffled)
        report = pk.audit_files(path, catalogue, as_of=date(2026, 11, 1), max_examples=None)
        reports.append(report)
        judged.append(
            {
                j.code: (j.due_date, j.outcome, j.flags, j.findings, j.calendar_version)
                for j in judgements(path, catalogue, date(2026, 11, 1))
            }
        )
    for report in reports[1:]:
        assert report.stats["outcomes"] == reports[0].stats["outcomes"]
        assert report.stats["findings_by_code"] == reports[0].stats["findings_by_code"]
        assert report.stats["calendars_built"] == reports[0].stats["calendars_built"]
        assert sorted((f.code, f.message) for f in report.findings) == sorted(
            (f.code, f.message) for f in reports[0].findings
        )
    assert judged[1] == judged[0] == judged[2]


# -- decision 4 -----------------------------------------------------------------------------


def test_decision_4_outcomes_on_the_calendar_as_observed(tmp_path: Path, catalogue: Path) -> None:
    """Received 2025-12-19 (10 working days), finished 2026-01-06; 2026-01-02 was swapped off
    on 2025-12-25. As observed the due date is 6 January: on time in every path. The slip
    printed on 19 December said 5 January, legal as known that day: no finding."""
    received = at(2025, 12, 19)
    path = dossier_file(
        tmp_path,
        [["H1-251219-0001", "1.000010", "Trực tiếp", "2025-12-19 09:00", "2026-01-05",
          "2026-01-06 10:00", "returned", ""]],
    )  # fmt: skip
    as_of = date(2026, 2, 1)
    report = pk.audit_files(path, catalogue, as_of=as_of)
    assert report.stats["outcomes"] == {"on_time": 1}
    codes = report.stats["findings_by_code"]
    assert "appointment-too-late" not in codes
    assert "appointment-too-early" not in codes
    # Dossier.clock
    d = Dossier.replay(
        [Event(kind=K.ACCEPTED, at=received), Event(kind=K.PROCESSED, at=at(2026, 1, 6, 10))],
        code=DossierCode("H1-251219-0001"),
        channel=Channel.COUNTER,
    )
    clock = d.clock(RULES, pk.WorkingDays(10), as_of=as_of)
    assert (clock.due_date, clock.outcome) == (date(2026, 1, 6), Outcome.ON_TIME)
    # metrics, without and with an event log
    plain = metrics_from_files(path, catalogue=[catalogue], as_of=as_of).overall.counts
    assert (plain.on_time, plain.late) == (1, 0)
    log = [ev("accepted", received), ev("result_returned", at(2026, 1, 6, 10))]
    logged = tmp_path / "logged"
    logged.mkdir()
    with_log = dossier_file(
        logged,
        [["H1-251219-0001", "1.000010", "Trực tiếp", "2025-12-19 09:00", "2026-01-05", "",
          "", log]],
    )  # fmt: skip
    counts = metrics_from_files(with_log, catalogue=[catalogue], as_of=as_of).overall.counts
    assert (counts.on_time, counts.late) == (1, 0)
    # the column functions
    due = batch.due_dates(VN, [received.replace(tzinfo=None)], 10)
    assert due == [date(2026, 1, 6)]
    assert batch.outcomes(due, [date(2026, 1, 6)], as_of=as_of) == ["on_time"]


# -- decision 5 -----------------------------------------------------------------------------


def test_decision_5_financial_obligation_pauses_are_not_supplement_requests() -> None:
    """One financial-obligation pause plus one supplement request: no second supplement
    request, and the dossier is not late (it raised second-supplement-request before)."""
    terms = ChannelTerms(
        channel=Channel.COUNTER,
        processing_time=pk.parse_processing_time(
            "05 ngày làm việc; không kể thời gian thực hiện nghĩa vụ tài chính"
        ),
    )
    d = Dossier.replay(
        [
            Event(kind=K.ACCEPTED, at=at(2026, 3, 2)),
            Event(kind=K.FINANCIAL_OBLIGATION_REQUESTED, at=at(2026, 3, 3)),
            Event(kind=K.FINANCIAL_OBLIGATION_PAID, at=at(2026, 3, 4)),
            Event(kind=K.SUPPLEMENT_REQUESTED, at=at(2026, 3, 5)),
            Event(kind=K.SUPPLEMENT_RECEIVED, at=at(2026, 3, 6)),
            Event(kind=K.PROCESSED, at=at(2026, 3, 10)),
        ],
        code=DossierCode("H1-260302-0005"),
        channel=Channel.COUNTER,
    )
    clock = d.clock(RULES, terms, as_of=date(2026, 4, 1))
    assert "second-supplement-request" not in clock.flags
    assert "multiple-supplement-requests" not in clock.flags
    assert clock.due_date == date(2026, 3, 11)  # 9 March moved by 1 + 1 working days
    assert clock.outcome is Outcome.EARLY
    assert clock.deadline is not None
    assert clock.deadline.supplement_requests == 1


# -- decision 6 -----------------------------------------------------------------------------


def test_decision_6_fractional_days_share_the_next_working_day() -> None:
    monday = datetime(2026, 3, 2, 8, 0)
    half = RULES.due(monday, pk.WorkingDays(Decimal("0.5")))
    one_and_half = RULES.due(monday, pk.WorkingDays(Decimal("1.5")))
    two = RULES.due(monday, pk.WorkingDays(2))
    two_and_half = RULES.due(monday, pk.WorkingDays(Decimal("2.5")))
    assert half.due_at == at(2026, 3, 3, 12)
    assert one_and_half.due_at == at(2026, 3, 4, 12)
    assert two.due_at is not None
    assert two_and_half.due_at is not None
    assert two.due_at < two_and_half.due_at


# -- decision 7 -----------------------------------------------------------------------------


def test_decision_7_no_promise_after_close_on_a_day_not_served_or_later_than_the_law() -> None:
    # Quick Friday received Friday 17:30: after the close, no promise.
    late = RULES.due(datetime(2026, 2, 27, 17, 30), pk.WorkingDays(5), service_model=QUICK_FRIDAY)
    assert late.committed_date is None
    assert "commitment-after-close" in late.flags
    # A commitment of 5 working days against a legal 2: no promise.
    slow = pk.ServiceModel("Cam kết", {0, 1, 2, 3, 4}, (), pk.WorkingDays(5))
    dl = RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(2), service_model=slow)
    assert dl.committed_date is None
    assert dl.flags == ("commitment-later-than-legal",)
    # Sunday for the People on Giỗ Tổ (2026-04-26) and on Tết (2027-02-07): not served.
    for sunday in (datetime(2026, 4, 26, 8), datetime(2027, 2, 7, 8)):
        dl = RULES.due(sunday, pk.SameDay(), service_model=SUNDAY_FOR_THE_PEOPLE)
        assert dl.committed_date is None, sunday
        assert "commitment-day-not-served" in dl.flags
    # An ordinary Sunday is served: same-day return within the window.
    served = RULES.due(
        datetime(2026, 3, 8, 8), pk.WorkingDays(5), service_model=SUNDAY_FOR_THE_PEOPLE
    )
    assert served.committed_date == date(2026, 3, 8)
    assert served.committed_at == at(2026, 3, 8, 11, 30)
    assert served.due_at is not None
    assert served.committed_at is not None
    assert served.committed_at <= served.due_at


# -- decision 8 -----------------------------------------------------------------------------


def test_decision_8_more_than_one_supplement_request_is_late_in_every_path(
    tmp_path: Path, catalogue: Path
) -> None:
    # A pre-judged record that says "early" with two supplement requests.
    facts = facts_from_record(
        {"received": "2026-03-02", "outcome": "early", "supplement_requests": 2}
    )
    assert facts.outcome == "late"
    open_facts = facts_from_record(
        {"received": "2026-03-02", "outcome": "in_time", "supplement_requests": 3}
    )
    assert open_facts.outcome == "overdue"
    # Facts built directly are counted late too.
    acc = MetricsAccumulator()
    acc.add(DossierFacts(received=date(2026, 3, 2), outcome="early", supplement_requests=2))
    assert acc.result().overall.counts.late == 1
    # The clock and the audit, from one event log.
    log = [
        ev("accepted", at(2026, 3, 2)),
        ev("supplement_requested", at(2026, 3, 3)),
        ev("supplement_received", at(2026, 3, 3, 11)),
        ev("supplement_requested", at(2026, 3, 4)),
        ev("supplement_received", at(2026, 3, 4, 11)),
        ev("processed", at(2026, 3, 5)),
    ]
    path = dossier_file(
        tmp_path, [["H1-260302-0008", "1.000010", "Trực tiếp", "2026-03-02 09:00", "", "", "", log]]
    )
    report = pk.audit_files(path, catalogue, as_of=date(2026, 4, 1))
    assert report.stats["outcomes"] == {"late": 1}
    counts = metrics_from_files(path, catalogue=[catalogue], as_of=date(2026, 4, 1))
    assert counts.overall.counts.late == 1


# -- decision 9 -----------------------------------------------------------------------------


def test_decision_9_a_pause_after_the_due_date_moves_nothing(
    tmp_path: Path, catalogue: Path
) -> None:
    dl = RULES.due(datetime(2026, 3, 2, 9), pk.WorkingDays(10))  # due 16 March
    after = dl.paused(date(2026, 3, 17), date(2026, 3, 20))
    assert after.due_date == date(2026, 3, 16)
    assert after.flags == ("pause-after-due",)
    # On the due date itself a pause still moves it (the period ends at 24:00).
    on_due = dl.paused(date(2026, 3, 16), date(2026, 3, 17))
    assert on_due.due_date == date(2026, 3, 17)
    log = [
        ev("accepted", at(2026, 3, 2)),
        ev("supplement_requested", at(2026, 3, 17)),
        ev("supplement_received", at(2026, 3, 20)),
        ev("result_returned", at(2026, 3, 23)),
    ]
    path = dossier_file(
        tmp_path, [["H1-260302-0009", "1.000010", "Trực tiếp", "2026-03-02 09:00", "", "", "", log]]
    )
    report = pk.audit_files(path, catalogue, as_of=date(2026, 4, 1))
    assert report.stats["findings_by_code"]["pause-after-due"] == 1
    assert report.stats["outcomes"] == {"late": 1}


def test_unverified_years_are_flagged_and_reported(tmp_path: Path, catalogue: Path) -> None:
    """A period that crosses a year whose announcements were not all found says so."""
    dl = RULES.due(datetime(2017, 4, 3, 9), pk.WorkingDays(5))
    assert dl.provisional
    assert "unverified-calendar" in dl.flags
    assert "unverified-calendar" not in RULES.due(datetime(2016, 4, 1, 9), pk.WorkingDays(5)).flags
    path = dossier_file(
        tmp_path,
        [["H1-170403-0001", "1.000010", "Trực tiếp", "2017-04-03 09:00", "2017-04-17",
          "2017-04-14 10:00", "returned", ""]],
    )  # fmt: skip
    report = pk.audit_files(path, catalogue, as_of=date(2017, 5, 1))
    assert report.stats["findings_by_code"]["unverified-calendar"] == 1
    assert "provisional-calendar" not in report.stats["findings_by_code"]
