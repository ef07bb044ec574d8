"""metrics_from_files: the flat dossier format against a catalogue (what the CLI runs)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import procedurekit as pk
from procedurekit import metrics as m
from procedurekit.findings import FindingSink

HEADER = (
    "ma_ho_so,ma_thu_tuc,co_quan,cap,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc,"
    "trang_thai,thanh_toan_truc_tuyen,ket_qua_dien_tu\n"
)
DOSSIERS = (
    HEADER
    + """\
H21.65-260213-0001,1.014056,H21.65,xã,Trực tiếp,13/02/2026 09:00,25/02/2026,20/02/2026,returned,,
H21.65-260213-0002,1.014056,H21.65,Cấp xã,Trực tuyến,13/02/2026 10:00,,26/02/2026 10:00,returned,1,1
H21.65-260302-0003,1.014056,H21.66,Cấp xã,Trực tuyến,02/03/2026 10:00,05/03/2026,,in_progress,,
"""
)
CATALOGUE = """\
ma_thu_tuc,ten_thu_tuc,linh_vuc,thoi_han_giai_quyet,muc_do,le_phi
1.014056,Đăng ký khai sinh,Hộ tịch,03 ngày làm việc,Toàn trình,8.000 đồng
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    d = tmp_path / "dossiers.csv"
    d.write_text(DOSSIERS, encoding="utf-8")
    c = tmp_path / "catalogue.csv"
    c.write_text(CATALOGUE, encoding="utf-8")
    return d, c


def test_flat_file_metrics_by_hand(files: tuple[Path, Path]) -> None:
    dossiers, catalogue = files
    sink = FindingSink()
    r = m.metrics_from_files(
        dossiers, catalogue=[catalogue], by="agency", as_of=date(2026, 3, 10), sink=sink
    )
    c = r.overall.counts
    # Row 1: due 25 Feb (printed), finished 20 Feb → early.
    # Row 2: no printed date: 3 working days from Fri 13 Feb 2026 over Tết (16–20 Feb off)
    #        → 23, 24, 25 Feb → due 25 Feb; finished 26 Feb → late.
    # Row 3: due 5 Mar, open at 10 Mar → overdue.
    assert (c.early, c.on_time, c.late, c.in_time, c.overdue) == (1, 0, 1, 0, 1)
    assert r.overall.rate("2.1") == pytest.approx(1 / 3)
    # Online 2 of 3; the one procedure is full online → 3.1 = 1/1.
    assert r.overall.rate("3.3") == pytest.approx(2 / 3)
    assert r.overall.rate("3.1") == pytest.approx(1.0)
    # The procedure charges 8.000 đồng; only row 2 states payment (paid online) → 3.6 = 1/1.
    # Only row 2 states the electronic result (empty cells are not "no") → 4.1 = 1/1.
    assert (r.overall.indicator("3.6").numerator, r.overall.indicator("3.6").denominator) == (1, 1)
    assert (r.overall.indicator("4.1").numerator, r.overall.indicator("4.1").denominator) == (1, 1)
    # No digitisation, reuse or complaint column: not computed, with the reason.
    for code in ("4.2", "4.3", "5.4"):
        assert r.overall.rate(code) is None, code
        assert r.overall.indicator(code).reason, code
    by = {g.key: g for g in r.groups}
    assert by[("H21.65",)].rate("2.1") == pytest.approx(0.5)
    assert by[("H21.66",)].rate("2.1") == pytest.approx(0.0)
    assert r.online_service is not None
    assert r.online_service.full == 1
    assert sink.counts["date-format-detected"] == 3
    # Levels are read as their wire value ("xã" and "Cấp xã" → commune), fields from the
    # catalogue.
    both = m.metrics_from_files(dossiers, catalogue=[catalogue], by=("level", "field"),
                                as_of=date(2026, 3, 10))  # fmt: skip
    assert [g.key for g in both.groups] == [("commune", "Hộ tịch")]


def test_procedure_from_record_reads_times_and_online_level(files: tuple[Path, Path]) -> None:
    from procedurekit.io import procedure_from_record, read_catalogue

    _, catalogue = files
    proc = procedure_from_record(read_catalogue(catalogue).procedures[0])
    assert (proc.name, proc.field, str(proc.code)) == ("Đăng ký khai sinh", "Hộ tịch", "1.014056")
    assert proc.online_level is not None
    assert proc.online_level.value == "full"
    assert repr(proc.prescribed_time) == "WorkingDays(3)"


def test_duplicates_free_procedures_and_missing_columns(tmp_path: Path) -> None:
    """Issue 11 items 4, 5 and 7 through the files API: a repeated dossier code is counted
    once and reported; a dossier paid online for a free procedure is a finding and not in
    3.6; indicators whose columns are missing are not computed, and say so."""
    catalogue = tmp_path / "catalogue.csv"
    catalogue.write_text(
        'Mã số,Tên,Hình thức nộp,Thời hạn giải quyết,"Phí, lệ phí"\n'
        "1.000001,A,Trực tuyến,3 ngày làm việc,Miễn phí\n"
        "1.000002,B,Trực tuyến,3 ngày làm việc,50.000 đồng\n",
        encoding="utf-8",
    )
    dossiers = tmp_path / "dossiers.csv"
    dossiers.write_text(
        "Mã hồ sơ,Mã thủ tục,Hình thức nộp,Ngày tiếp nhận,Ngày kết thúc,Trạng thái,"
        "Thanh toán trực tuyến\n"
        "X-260302-0001,1.000001,Trực tuyến,02/03/2026 09:00,03/03/2026 10:00,Đã trả kết quả,1\n"
        "X-260302-0002,1.000002,Trực tuyến,02/03/2026 09:00,03/03/2026 10:00,Đã trả kết quả,0\n"
        "X-260302-0002,1.000002,Trực tuyến,02/03/2026 09:00,03/03/2026 10:00,Đã trả kết quả,0\n"
        "X-260302-0003,1.000002,Trực tuyến,02/03/2026 09:00,,Đang xử lý,\n",
        encoding="utf-8",
    )
    sink = FindingSink()
    r = m.metrics_from_files(dossiers, catalogue=[catalogue], as_of=date(2026, 3, 31), sink=sink)
    assert r.overall.counts.received == 3  # the repeated row is not counted
    assert sink.counts["duplicate-dossier-code"] == 1
    assert sink.counts["paid-online-free-procedure"] == 1
    paid = r.overall.indicator("3.6")  # only 0002 is fee-bearing and states payment
    assert (paid.numerator, paid.denominator, paid.rate) == (0, 1, 0.0)
    assert r.overall.counts.paid_free == 1
    assert r.overall.indicator("4.1").reason == "the dossier file has no electronic_result column"
    assert r.overall.indicator("5.4").reason == "the dossier file has no complaint column"
    # The same reasons in Vietnamese, naming the portal's headers.
    assert r.overall.indicator("4.1").reason_vi == "tệp hồ sơ không có cột «Kết quả điện tử»"
    assert r.overall.indicator("4.2").reason_vi == (
        "tệp hồ sơ không có cột «Số hóa thành phần» hoặc «Kết quả điện tử»"
    )
    assert r.overall.indicator("4.2").reason == (
        "the dossier file has no digitised_components or electronic_result column"
    )
    # A catalogue that states no fee leaves 3.6 uncomputed, and says why.
    bare = tmp_path / "bare.csv"
    bare.write_text("Mã số,Tên,Thời hạn giải quyết\n1.000002,B,3 ngày làm việc\n", encoding="utf-8")
    r = m.metrics_from_files(dossiers, catalogue=[bare], as_of=date(2026, 3, 31))
    assert r.overall.rate("3.6") is None
    assert "states no fee" in (r.overall.indicator("3.6").reason or "")
    assert "không ghi phí, lệ phí nào" in (r.overall.indicator("3.6").reason_vi or "")


def test_period_and_data_quality(files: tuple[Path, Path]) -> None:
    """received_from/received_to count the receipts of a period; the result states the
    period and what the input was worth."""
    dossiers, catalogue = files
    r = m.metrics_from_files(
        dossiers,
        catalogue=[catalogue],
        as_of=date(2026, 3, 10),
        received_from=date(2026, 3, 1),
        received_to=date(2026, 3, 31),
    )
    assert r.overall.counts.received == 1  # only the 2 March receipt
    assert (r.received_from, r.received_to) == (date(2026, 3, 1), date(2026, 3, 31))
    q = r.quality
    assert q is not None
    assert (q.rows, q.outside_period, q.duplicates, q.received_after_as_of) == (3, 2, 0, 0)
    assert "complaint" in q.missing_columns
    assert "fee_paid_online" not in q.missing_columns
    assert dict(q.findings)["date-format-detected"] == 3
    with pytest.raises(pk.InvalidArgumentError, match="received_from"):
        m.metrics_from_files(
            dossiers,
            as_of=date(2026, 3, 10),
            received_from=date(2026, 4, 1),
            received_to=date(2026, 3, 1),
        )


def test_unreadable_channel_labels_are_one_group(tmp_path: Path) -> None:
    """Issue 16: grouping by channel over a file of distinct unreadable labels makes one
    ``unknown`` group (the audit names each label), not one group per label."""
    catalogue = tmp_path / "catalogue.csv"
    catalogue.write_text(
        "Mã số,Tên,Thời hạn giải quyết\n1.000001,A,3 ngày làm việc\n", encoding="utf-8"
    )
    rows = [
        f"X-260302-{i:04d},1.000001,kênh lạ {i},02/03/2026 09:00,03/03/2026 10:00,Đã trả kết quả"
        for i in range(50)
    ]
    rows.append(
        "X-260302-9999,1.000001,Trực tuyến,02/03/2026 09:00,03/03/2026 10:00,Đã trả kết quả"
    )
    dossiers = tmp_path / "dossiers.csv"
    dossiers.write_text(
        "Mã hồ sơ,Mã thủ tục,Hình thức nộp,Ngày tiếp nhận,Ngày kết thúc,Trạng thái\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    sink = FindingSink()
    r = m.metrics_from_files(
        dossiers, catalogue=[catalogue], by="channel", as_of=date(2026, 3, 31), sink=sink
    )
    assert {g.key for g in r.groups} == {("unknown",), ("online",)}
    unknown = next(g for g in r.groups if g.key == ("unknown",))
    assert unknown.counts.received == 50
    assert sink.counts["unknown-channel"] == 50


def test_vietnamese_statuses_are_read_through_the_one_vocabulary(tmp_path: Path) -> None:
    """Issue 11 item 6: a withdrawal leaves the on-time denominator, a refusal is judged as
    the end of processing it is (not as a returned result), and a status outside the
    vocabulary ("abc", "Đã hủy") is a finding and its dossier is not judged."""
    catalogue = tmp_path / "catalogue.csv"
    catalogue.write_text(
        "Mã số,Tên,Thời hạn giải quyết\n1.000001,A,5 ngày làm việc\n", encoding="utf-8"
    )
    dossiers = tmp_path / "dossiers.csv"
    dossiers.write_text(
        "Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày kết thúc,Trạng thái\n"
        "X-260302-0001,1.000001,02/03/2026 09:00,04/03/2026 10:00,Đã trả kết quả\n"
        "X-260302-0002,1.000001,02/03/2026 09:00,20/03/2026 10:00,Công dân rút hồ sơ\n"
        "X-260302-0003,1.000001,02/03/2026 09:00,20/03/2026 10:00,Từ chối\n"
        "X-260302-0004,1.000001,02/03/2026 09:00,20/03/2026 10:00,abc\n"
        "X-260302-0005,1.000001,02/03/2026 09:00,20/03/2026 10:00,Đã hủy\n",
        encoding="utf-8",
    )
    sink = FindingSink()
    r = m.metrics_from_files(dossiers, catalogue=[catalogue], as_of=date(2026, 3, 31), sink=sink)
    c = r.overall.counts
    assert c.received == 5
    assert c.withdrawn == 1
    assert (c.early, c.on_time, c.late) == (1, 0, 1)  # the refusal came after 9 March
    on_time = r.overall.indicator("2.1")
    assert (on_time.numerator, on_time.denominator) == (1, 2)
    assert sink.counts["unknown-status"] == 2
    assert r.quality is not None
    assert r.quality.unknown_statuses == 2
