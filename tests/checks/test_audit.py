"""Dossier audit: legal due dates on the calendar known at receipt, outcomes, mismatches."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from procedurekit.calendar import WorkingCalendar
from procedurekit.calendar.cache import CalendarCache
from procedurekit.checks import audit_dossiers, audit_files
from procedurekit.findings import Report
from procedurekit.io import iter_dossiers, read_catalogue

CATALOGUE = (
    "Mã số,Tên,Cấp thực hiện,Thời hạn giải quyết\n"
    "1.014056,Khai thác thông tin công dân,Cấp xã,3 Ngày làm việc\n"
    "3.000333,Cấp Phiếu Lý lịch tư pháp,Cấp tỉnh,10 Ngày\n"
    "1.000129,Đăng ký khoản cho vay,Cấp bộ,10 Ngày làm việc\n"
    "1.000001,Không rõ thời hạn,Cấp xã,Không có thông tin\n"
    "1.000002,Không quy định,Cấp xã,Không quy định\n"
)
HEADER = "ma_ho_so,ma_thu_tuc,cap,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc\n"


@pytest.fixture
def catalogue_path(tmp_path: Path) -> Path:
    p = tmp_path / "catalogue.csv"
    p.write_text(CATALOGUE, encoding="utf-8")
    return p


def audit(tmp_path: Path, catalogue_path: Path, rows: str, **kw: object) -> Report:
    p = tmp_path / "dossiers.csv"
    p.write_text(HEADER + rows, encoding="utf-8")
    return audit_files(p, catalogue_path, **kw)  # type: ignore[arg-type]


def by_code(report: Report) -> dict[str, int]:
    return dict(report.stats["findings_by_code"])


def test_tet_2026_appointments(tmp_path: Path, catalogue_path: Path) -> None:
    # 3 working days from Friday 13 Feb 2026, over Tết (16-20 Feb off): Wed 25 Feb.
    report = audit(
        tmp_path,
        catalogue_path,
        "H21.65-260213-0001,1.014056,Cấp xã,Trực tiếp,13/02/2026 09:00,25/02/2026,"
        "24/02/2026 10:00\n"
        "H21.65-260213-0002,1.014056,Cấp xã,Trực tiếp,13/02/2026 09:00,23/02/2026,"
        "25/02/2026 16:00\n"
        "H21.65-260213-0003,1.014056,Cấp xã,Trực tuyến,13/02/2026 09:00,26/02/2026,"
        "26/02/2026 08:00\n",
    )
    assert report.stats["rows"] == 3
    assert report.stats["audited"] == 3
    assert report.stats["outcomes"] == {"early": 1, "late": 1, "on_time": 1}
    assert by_code(report)["appointment-too-early"] == 1
    assert by_code(report)["appointment-too-late"] == 1
    late = next(f for f in report.findings if f.code == "appointment-too-late")
    assert late.row == 3
    assert late.line == 4
    assert "2026-02-25" in late.message
    assert not report.valid  # a too-late appointment is an error


def test_calendar_as_known_at_receipt(tmp_path: Path, catalogue_path: Path) -> None:
    # 2026-01-02 became a day off by an announcement of late December 2025: a dossier
    # received on 22 Dec 2025 was due (10 working days) on 6 Jan as known that day, 7 Jan
    # on today's calendar. The slip printed on 22 Dec is judged by what was known then.
    report = audit(
        tmp_path,
        catalogue_path,
        "H01-251222-0001,1.000129,Cấp bộ,Trực tiếp,2025-12-22 09:00,2026-01-06,\n"
        "H01-251222-0002,1.000129,Cấp bộ,Trực tiếp,2025-12-22 09:00,2026-01-07,\n",
        as_of=date(2026, 1, 6),
    )
    late = [f.row for f in report.findings if f.code == "appointment-too-late"]
    assert late == [2]
    assert report.stats["outcomes"] == {"in_time": 2}
    fixed = audit(
        tmp_path,
        catalogue_path,
        "H01-251222-0001,1.000129,Cấp bộ,Trực tiếp,2025-12-22 09:00,2026-01-06,\n",
    )
    assert fixed.stats["outcomes"] == {"not_judged": 1}


def test_fixed_calendar_option(catalogue_path: Path, tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text(
        HEADER + "H01-251222-0002,1.000129,Cấp bộ,Trực tiếp,2025-12-22 09:00,2026-01-07,\n",
        encoding="utf-8",
    )
    report = audit_dossiers(
        iter_dossiers(p), read_catalogue(catalogue_path), calendar=WorkingCalendar.vietnam()
    )
    assert "appointment-too-late" not in by_code(report)


def test_mismatch_kinds(tmp_path: Path, catalogue_path: Path) -> None:
    report = audit(
        tmp_path,
        catalogue_path,
        # calendar days: 10 days from 1 Aug 2025 is Mon 11 Aug; a district receipt
        "H21-250801-0001,3.000333,Cấp huyện,Trực tuyến,01/08/2025 09:00,11/08/2025,\n"
        # no appointment
        "H21-250801-0002,3.000333,Cấp tỉnh,Trực tuyến,01/08/2025 09:00,,\n"
        # unknown procedure; malformed dossier code
        "X-1,9.999999,Cấp xã,Trực tiếp,01/08/2025 09:00,11/08/2025,\n"
        # no time stated
        "H21-250801-0003,1.000001,Cấp xã,Trực tiếp,01/08/2025 09:00,11/08/2025,\n"
        # no receipt moment
        "H21-250801-0004,3.000333,Cấp xã,Trực tiếp,,11/08/2025,\n"
        # no time limit
        "H21-250801-0005,1.000002,Cấp xã,Trực tiếp,01/08/2025 09:00,,\n"
        # a district receipt before the reform is valid history
        "H21-250630-0006,3.000333,Cấp huyện,Fax,30/06/2025 09:00,10/07/2025,11/07/2025 10:00\n",
        as_of=date(2025, 8, 20),
    )
    codes = by_code(report)
    assert codes["district-receipt-after-reform"] == 1
    assert codes["missing-appointment"] == 1
    assert codes["unknown-procedure"] == 1
    assert codes["malformed-dossier-code"] == 1
    assert codes["missing-time"] == 1
    assert codes["missing-received-at"] == 1
    assert codes["unknown-channel"] == 1
    assert "appointment-too-early" not in codes
    assert "appointment-too-late" not in codes
    # One pipeline (decision 4): an unknown procedure and a missing time are judged against
    # the printed appointment, and say so; no receipt cannot be judged; no time limit is in
    # time while open, as Dossier.clock says.
    assert report.stats["outcomes"] == {
        "in_time": 1,
        "late": 1,
        "not_judged": 1,
        "overdue": 4,
    }
    assert report.stats["clock_flags"]["due-from-appointment"] == 2
    assert report.stats["clock_flags"]["no-time-limit"] == 1


def test_provisional_calendar(tmp_path: Path, catalogue_path: Path) -> None:
    report = audit(
        tmp_path,
        catalogue_path,
        "H01-261201-0001,1.000129,Cấp bộ,Trực tiếp,2026-12-28 09:00,2027-01-11,\n",
    )
    assert by_code(report)["provisional-calendar"] == 1


def test_jsonl_dossiers_with_events(tmp_path: Path, catalogue_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    rows = [
        {
            "dossier_code": "H21.65-260213-0001",
            "procedure_code": "1.014056",
            "channel": "online",
            "received_at": "2026-02-13T09:00:00+07:00",
            "appointment_date": "2026-02-25",
            "fee_paid_online": True,
            "events": [{"kind": "received", "at": "2026-02-13T09:00:00+07:00"}],
        },
        {
            "dossier_code": "H21.65-260213-0002",
            "procedure_code": "1.014056",
            "received_at": "2026-02-13T09:00:00+07:00",
            "appointment_date": "2026-02-25",
            "events": "oops",
        },
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    records = list(iter_dossiers(p))
    assert records[0].events[0]["kind"] == "received"
    assert records[0].fee_paid_online is True
    report = audit_files(p, catalogue_path)
    assert by_code(report)["malformed-events"] == 1
    assert "appointment-too-late" not in by_code(report)


def test_streaming_many_rows_keeps_few_examples(tmp_path: Path, catalogue_path: Path) -> None:
    rng = random.Random(5)
    p = tmp_path / "many.csv"
    start = datetime(2025, 1, 2, 8, 0)
    n = 20_000
    with p.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        for i in range(n):
            received = start + timedelta(days=rng.randrange(600), minutes=rng.randrange(480))
            f.write(
                f"H01-{received:%y%m%d}-{i:05d},1.000129,Cấp bộ,Trực tiếp,"
                f"{received:%Y-%m-%d %H:%M},{received.date() + timedelta(days=3)},\n"
            )
    report = audit_files(p, catalogue_path, max_examples=5, as_of=date(2026, 12, 31))
    assert report.stats["rows"] == n
    assert report.stats["dossiers"] == n
    assert report.stats["findings_by_code"]["appointment-too-early"] == n
    assert len(report.findings) <= 5 * len(report.stats["findings_by_code"])
    assert report.stats["calendars_built"] < 40


@pytest.mark.parametrize(
    "day",
    [date(2018, 7, 10), date(2018, 7, 11), date(2024, 4, 12), date(2025, 10, 13)]
    + [date(2010, 1, 1) + timedelta(days=61 * k) for k in range(100)],
)
def test_calendar_cache_equals_a_fresh_build(day: date) -> None:
    """Decision 3: the calendar known at a receipt depends on its day alone. Whatever day
    shared the cache key before (the day before, a day a year earlier), the cached
    calendar equals a fresh build as known that day (2013-2018 included)."""
    for earlier in (day - timedelta(days=1), day - timedelta(days=365)):
        cache = CalendarCache()
        if earlier >= date(2010, 1, 1):
            cache.get(earlier)
        assert cache.get(day) == WorkingCalendar.vietnam(known_at=day)


def test_event_log_pauses_and_second_supplement(tmp_path: Path, catalogue_path: Path) -> None:
    # 10 working days from Mon 2 Mar 2026 is Mon 16 Mar; a pause of 3 working days moves
    # the outcome's due date to Thu 19 Mar (the slip printed on 2 Mar still says 16 Mar).
    paused = [
        {"kind": "accepted", "at": "2026-03-02T09:00:00+07:00"},
        {"kind": "supplement_requested", "at": "2026-03-04T10:00:00+07:00"},
        {"kind": "supplement_received", "at": "2026-03-09T10:00:00+07:00"},
        {"kind": "result_returned", "at": "2026-03-18T15:00:00+07:00"},
    ]
    twice = [
        *paused[:3],
        {"kind": "supplement_requested", "at": "2026-03-10T10:00:00+07:00"},
        {"kind": "supplement_received", "at": "2026-03-11T10:00:00+07:00"},
        {"kind": "result_returned", "at": "2026-03-12T15:00:00+07:00"},
    ]
    bad = [{"kind": "teleported", "at": "yesterday"}]
    p = tmp_path / "d.jsonl"
    rows = [
        {
            "dossier_code": f"H01-260302-000{i}",
            "procedure_code": "1.000129",
            "channel": "Trực tiếp",
            "received_at": "2026-03-02T09:00:00+07:00",
            "appointment_date": "2026-03-16",
            "events": events,
        }
        for i, events in enumerate((paused, twice, bad), 1)
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = audit_files(p, catalogue_path, as_of=date(2026, 3, 31))
    codes = by_code(report)
    assert "appointment-too-late" not in codes
    assert "appointment-too-early" not in codes
    assert codes["second-supplement-request"] == 1
    assert codes["malformed-events"] == 1
    # paused: returned 18 Mar, due 19 Mar after the pause -> early; twice -> late;
    # bad log and no end_at -> open, overdue at 31 Mar.
    assert report.stats["outcomes"] == {"early": 1, "late": 1, "overdue": 1}


def test_streaming_memory_is_bounded(tmp_path: Path, catalogue_path: Path) -> None:
    """Peak memory of an audit does not grow with the number of rows."""
    import tracemalloc

    def peak(n: int) -> int:
        p = tmp_path / f"d{n}.csv"
        with p.open("w", encoding="utf-8") as f:
            f.write(HEADER)
            for i in range(n):
                f.write(
                    f"H01-250303-{i:06d},1.000129,Cấp bộ,Trực tiếp,2025-03-03 09:00,"
                    "2025-03-10,2025-03-12 10:00\n"
                )
        audit_files(p, catalogue_path, max_examples=5)  # warm caches and calendars
        tracemalloc.start()
        audit_files(p, catalogue_path, max_examples=5)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(1_000), peak(8_000)
    assert large < small * 2 + 1_000_000
