"""metrics_from_files: the flat dossier format against a catalogue (what the CLI runs)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

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
ma_thu_tuc,ten_thu_tuc,linh_vuc,thoi_han_giai_quyet,muc_do
1.014056,Đăng ký khai sinh,Hộ tịch,03 ngày làm việc,Toàn trình
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
    # Row 2 paid online (fee-bearing by that fact) → 3.6 = 1/1; e-result 1 of the 2 finished.
    assert r.overall.rate("3.6") == pytest.approx(1.0)
    assert r.overall.rate("4.1") == pytest.approx(0.5)
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
