"""Date columns: a format decided from every non-empty value, the day/month order, the
dossier codes' receipt dates, separators, two-digit years and SA/CH."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procedurekit._time import VIETNAM_TZ
from procedurekit.findings import FindingSink
from procedurekit.io import DateFormat, iter_dossiers, parse_date_value, read_catalogue
from procedurekit.io.dates import DateEvidence, detect_date_format

HEADER = "Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc,Trạng thái\n"


def _read(path: Path, **kw: object) -> tuple[list[object], FindingSink]:
    sink = FindingSink(max_examples=None)
    records = list(iter_dossiers(path, sink=sink, **kw))  # type: ignore[arg-type]
    return records, sink


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("13-02-2026", DateFormat.DMY, date(2026, 2, 13)),
        ("13.02.2026", DateFormat.DMY, date(2026, 2, 13)),
        ("13/02/26", DateFormat.DMY, date(2026, 2, 13)),
        ("02/13/2026", DateFormat.MDY, date(2026, 2, 13)),
        ("13/02/2026 8:30 SA", DateFormat.DMY, datetime(2026, 2, 13, 8, 30, tzinfo=VIETNAM_TZ)),
        ("13/02/2026 2:30 CH", DateFormat.DMY, datetime(2026, 2, 13, 14, 30, tzinfo=VIETNAM_TZ)),
        ("13/02/2026 12:05 SA", DateFormat.DMY, datetime(2026, 2, 13, 0, 5, tzinfo=VIETNAM_TZ)),
        ("13/02/2026 12:05 ch", DateFormat.DMY, datetime(2026, 2, 13, 12, 5, tzinfo=VIETNAM_TZ)),
        ("02/13/2026 02:30 PM", DateFormat.MDY, datetime(2026, 2, 13, 14, 30, tzinfo=VIETNAM_TZ)),
        ("13/02/2026 8h30", DateFormat.DMY, datetime(2026, 2, 13, 8, 30, tzinfo=VIETNAM_TZ)),
    ],
)
def test_separators_two_digit_years_and_sa_ch(text: str, fmt: DateFormat, expected: object) -> None:
    assert parse_date_value(text, fmt) == expected


@pytest.mark.parametrize("text", ["13/02/2026 13:00 CH", "13/02-2026", "32/01/2026", "1/1/202"])
def test_malformed_day_first_values_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        parse_date_value(text, DateFormat.DMY)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from("/-."))
def test_day_first_and_month_first_round_trip(d: date, sep: str) -> None:
    assert parse_date_value(f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}", DateFormat.DMY) == d
    assert parse_date_value(f"{d.month}{sep}{d.day}{sep}{d.year}", DateFormat.MDY) == d


def test_detection_prefers_the_format_that_reads_the_values() -> None:
    assert detect_date_format(["03/04/2025", "13/04/2025"]) is DateFormat.DMY
    assert detect_date_format(["04/03/2025", "04/13/2025"]) is DateFormat.MDY
    assert detect_date_format(["03/04/2025", "05/06/2025"]) is DateFormat.DMY  # ambiguous
    ev = DateEvidence()
    for v in ["03/04/2025", "05/06/2025"]:
        ev.add(v)
    assert ev.decide().ambiguous


def test_a_newest_first_dump_reads_the_end_dates_after_the_first_thousand_rows(
    tmp_path: Path,
) -> None:
    """The first 1,200 rows are open (no end date): the end dates below are still read."""
    lines = [HEADER]
    for i in range(1200):
        r = date(2026, 11, 20) - timedelta(days=i % 5)
        lines.append(f"X-{r:%y%m%d}-{i:04d},1.000001,{r:%d/%m/%Y} 09:00,,,Đang xử lý\n")
    for i in range(300):
        r = date(2026, 3, 16) + timedelta(days=i % 150)
        e = r + timedelta(days=1)
        lines.append(
            f"Y-{r:%y%m%d}-{i:04d},1.000001,{r:%d/%m/%Y} 09:00,,{e:%d/%m/%Y} 10:00,Đã trả\n"
        )
    path = tmp_path / "newest-first.csv"
    path.write_text("".join(lines), encoding="utf-8")
    records, sink = _read(path)
    ended = [r for r in records if r.end_at is not None]  # type: ignore[attr-defined]
    assert len(ended) == 300
    assert sink.counts["unparseable-date"] == 0
    detected = {f.field: f.value for f in sink.examples if f.code == "date-format-detected"}
    assert detected == {"received_at": "dmy", "end_at": "dmy"}


def test_an_all_ambiguous_month_first_file_is_read_by_the_dossier_codes(tmp_path: Path) -> None:
    """Every date reads both ways; the codes' YYMMDD receipt dates say month first."""
    lines = [HEADER]
    for i in range(40):
        r = date(2026, 1 + i % 12, 1 + i % 12)
        if r.day == r.month:
            r = r.replace(day=min(12, r.day + 1) if r.day < 12 else 1)
        a = r + timedelta(days=1) if (r + timedelta(days=1)).day <= 12 else r
        lines.append(f"H21.65-{r:%y%m%d}-{i:04d},1.000001,{r:%m/%d/%Y},{a:%m/%d/%Y},,Đang xử lý\n")
    path = tmp_path / "us.csv"
    path.write_text("".join(lines), encoding="utf-8")
    records, sink = _read(path)
    first = records[0]
    assert first.received_at == date(2026, 1, 2)  # type: ignore[attr-defined]
    ambiguous = [f for f in sink.examples if f.code == "ambiguous-date-format"]
    assert {f.field for f in ambiguous} == {"received_at", "appointment_date"}
    message = next(f.message for f in ambiguous if f.field == "received_at")
    assert "mm/dd/yyyy" in message
    assert "dossier codes" in message
    assert "--date-format dmy" in message
    assert sink.counts["code-date-mismatch"] == 0
    assert sink.counts["unparseable-date"] == 0


def test_an_ambiguous_file_without_codes_is_read_day_first_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "vn.csv"
    path.write_text(HEADER + "A1,1.000001,03/04/2026,05/04/2026,,x\n", encoding="utf-8")
    records, sink = _read(path)
    assert records[0].received_at == date(2026, 4, 3)  # type: ignore[attr-defined]
    (f,) = [
        f for f in sink.examples if f.code == "ambiguous-date-format" and f.field == "received_at"
    ]
    assert "read as dd/mm/yyyy" in f.message
    assert "Vietnamese order" in f.message
    forced, sink = _read(path, date_format="mdy")
    assert forced[0].received_at == date(2026, 3, 4)  # type: ignore[attr-defined]
    assert sink.counts["ambiguous-date-format"] == 0


def test_a_code_that_disagrees_with_the_receipt_date_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        HEADER + "H21.65-260213-0003,1.000001,13/02/2026,,,x\n"
        "H21.65-260213-0004,1.000001,14/02/2026,,,x\n",
        encoding="utf-8",
    )
    _, sink = _read(path)
    (f,) = [f for f in sink.examples if f.code == "code-date-mismatch"]
    assert f.row == 2
    assert "2026-02-13" in f.message
    assert "2026-02-14" in f.message


def test_a_value_that_contradicts_the_decision_is_a_finding_naming_the_formats(
    tmp_path: Path,
) -> None:
    lines = [HEADER] + [f"A{i},1.000001,{10 + i}/02/2026,,,x\n" for i in range(10)]
    lines.append("B,1.000001,2026-02-20,,,x\n")  # ISO among dd/mm
    lines.append("C,1.000001,soon,,,x\n")
    path = tmp_path / "mixed.csv"
    path.write_text("".join(lines), encoding="utf-8")
    records, sink = _read(path)
    assert sum(r.received_at is not None for r in records) == 10  # type: ignore[attr-defined]
    bad = {f.value: f.message for f in sink.examples if f.code == "unparseable-date"}
    assert set(bad) == {"2026-02-20", "soon"}
    assert "reads as ISO 8601" in bad["2026-02-20"]
    assert "tried ISO 8601 (yyyy-mm-dd), dd/mm/yyyy, mm/dd/yyyy, Excel serial" in bad["soon"]
    assert sink.counts["mixed-date-formats"] == 1


def test_two_digit_years_are_read_as_20yy_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(HEADER + "A,1.000001,13-02-26 9:00 SA,,,x\n", encoding="utf-8")
    records, sink = _read(path)
    received = records[0].received_at  # type: ignore[attr-defined]
    assert received == datetime(2026, 2, 13, 9, 0, tzinfo=VIETNAM_TZ)
    (f,) = [f for f in sink.examples if f.code == "two-digit-year"]
    assert f.field == "received_at"
    assert "'13-02-26 9:00 SA'" in f.message


def test_catalogue_dates_are_decided_from_every_row(tmp_path: Path) -> None:
    rows = ["code,name,processing_time,effective_from\n"]
    rows += [
        f"1.{i:06d},P{i},5 ngày làm việc,0{1 + i % 9}/0{1 + i % 9}/2025\n" for i in range(1500)
    ]
    rows.append("1.999999,Q,5 ngày làm việc,04/13/2025\n")
    path = tmp_path / "c.csv"
    path.write_text("".join(rows), encoding="utf-8")
    cat = read_catalogue(path)
    codes = {f.code for f in cat.findings}
    assert "ambiguous-date-format" not in codes  # one value tells the order: month first
    assert cat.tables[0].date_formats == {"effective_date": "mdy"}


@given(
    st.lists(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), min_size=1),
    st.sampled_from(["dmy", "mdy"]),
    st.sampled_from("/-."),
)
def test_a_column_is_read_back_in_the_order_it_was_written(
    days: list[date], order: str, sep: str
) -> None:
    """Whatever the dates, the decision reads every value, and reads them right unless no
    day is above 12 (then the column is ambiguous and read day-first)."""
    first, second = ("%d", "%m") if order == "dmy" else ("%m", "%d")
    values = [d.strftime(f"{first}{sep}{second}{sep}%Y") for d in days]
    ev = DateEvidence()
    for v in values:
        ev.add(v)
    decision = ev.decide()
    assert decision.read == decision.values == len(values)
    assert decision.fmt is not None
    read = [parse_date_value(v, decision.fmt) for v in values]
    if any(d.day > 12 for d in days):
        assert decision.fmt.value == order
        assert read == days
    else:
        assert decision.fmt is DateFormat.DMY
        assert decision.ambiguous == any(d.day != d.month for d in days)
