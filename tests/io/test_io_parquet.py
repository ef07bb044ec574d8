"""Parquet input: the same table as CSV and as Parquet gives the same audit and metrics.

The row path (CSV) is the reference. Each test writes one generated dossier table, clean
and hostile (bad dates, unknown codes and labels, duplicates, open dossiers, Vietnamese
labels, invisible characters, event logs), as CSV and as Parquet, and requires identical
findings (codes and counts), per-dossier rows and indicators.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from procedurekit import metrics as m
from procedurekit.checks import audit_files
from procedurekit.errors import InputFileError, MissingExtraError
from procedurekit.io import iter_dossiers
from procedurekit.reports.per_dossier import judgement_row

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (extra 'arrow')")
pq = pytest.importorskip("pyarrow.parquet")

AS_OF = date(2026, 7, 1)
CATALOGUE = (
    "Mã số,Tên,Cấp thực hiện,Thời hạn giải quyết\n"
    "1.000129,Cấp giấy phép,Cấp tỉnh,10 Ngày làm việc\n"
    "1.000130,Đăng ký,Cấp tỉnh,5 Ngày làm việc (không kể thời gian thực hiện nghĩa vụ tài chính)\n"
    "3.000333,Chứng thực,Cấp xã,Trong ngày\n"
    "2.000815,Cấp phép,Cấp tỉnh,15 Ngày\n"
)
HEADERS = (
    "Mã hồ sơ",
    "Mã thủ tục",
    "Cơ quan tiếp nhận",
    "Cấp tiếp nhận",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc",
    "Trạng thái",
    "Thanh toán trực tuyến",
    "events",
    "Ghi chú",
)
_STATUSES = ("Đã trả kết quả", "Đang xử lý", "returned", "Từ chối", "withdrawn", "Đã rút", "??")
_CHANNELS = ("Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính", "online", "Fax", "")
_LEVELS = ("Cấp tỉnh", "Cấp huyện", "Cấp xã", "")


def _hostile_date(rng: random.Random, d: date) -> str:
    return rng.choice(
        ["31/02/2025", "không rõ", "2025-13-01", "45839", f"{d:%d/%m/%Y}", "\u200b", "0000-00-00"]
    )


def generate(n: int, seed: int) -> list[dict[str, str]]:
    """Rows of text cells, as a dossier dump holds them (one column format: ISO)."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for i in range(n):
        d = date(2025, 3, 1) + timedelta(days=rng.randrange(0, 420))
        received = datetime(d.year, d.month, d.day, rng.randrange(7, 18), rng.choice((0, 30)))
        code = (
            f"H21.{i % 5}-{d:%y%m%d}-{i:04d}"
            if rng.random() < 0.9
            else rng.choice([f"X{i}", f"H21.1-{(d - timedelta(days=3)):%y%m%d}-{i:04d}"])
        )
        if rows and rng.random() < 0.05:
            code = rows[rng.randrange(len(rows))]["Mã hồ sơ"]  # a duplicate
        row = dict.fromkeys(HEADERS, "")
        row["Mã hồ sơ"] = code
        row["Mã thủ tục"] = rng.choice(["1.000129", "1.000130", "3.000333", "2.000815", "9.9"])
        row["Cơ quan tiếp nhận"] = rng.choice(["Sở Tư pháp", "UBND xã Đông Hòa", "H21.2"])
        row["Cấp tiếp nhận"] = rng.choice(_LEVELS)
        row["Hình thức nộp"] = rng.choice(_CHANNELS)
        row["Ngày tiếp nhận"] = (
            received.isoformat(timespec="minutes") if rng.random() < 0.93 else _hostile_date(rng, d)
        )
        if rng.random() < 0.9:
            appointment = d + timedelta(days=rng.randrange(0, 20))
            row["Ngày hẹn trả"] = (
                appointment.isoformat() if rng.random() < 0.95 else _hostile_date(rng, d)
            )
        if rng.random() < 0.7:  # else an open dossier
            end = received + timedelta(days=rng.randrange(0, 30), hours=rng.randrange(0, 8))
            row["Ngày kết thúc"] = (
                end.isoformat(timespec="minutes") if rng.random() < 0.95 else "hôm qua"
            )
            row["Trạng thái"] = rng.choice(_STATUSES)
        elif rng.random() < 0.5:
            row["Trạng thái"] = "Đang xử lý"
        row["Thanh toán trực tuyến"] = rng.choice(["có", "không", "", "1", "maybe"])
        if rng.random() < 0.15:
            at = received + timedelta(hours=2)
            events = [
                {"kind": "supplement_requested", "at": at.isoformat()},
                {"kind": "supplement_received", "at": (at + timedelta(days=3)).isoformat()},
            ]
            row["events"] = json.dumps(events) if rng.random() < 0.9 else "[{not json"
        row["Ghi chú"] = rng.choice(["", "ghi chú", "x\u200by"])
        rows.append(row)
    return rows


def write_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        for r in rows:
            w.writerow({k: "" if v is None else v for k, v in r.items()})
    return path


def write_parquet(rows: list[dict[str, Any]], path: Path, *, empty_as_null: bool = True) -> Path:
    columns = {k: [None if empty_as_null and r[k] == "" else r[k] for r in rows] for k in rows[0]}
    pq.write_table(pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()}), path)
    return path


def _catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.csv"
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


def _audit(path: Path, catalogue: Path) -> tuple[Counter[str], list[dict[str, Any]]]:
    judged: list[dict[str, Any]] = []

    def keep(j: Any) -> None:
        row = judgement_row(j)
        del row["file"]
        judged.append(row)

    report = audit_files(path, [catalogue], as_of=AS_OF, per_dossier=keep, max_examples=None)
    codes: Counter[str] = Counter(report.stats["findings_by_code"])
    return codes, judged


def _same_everywhere(csv_path: Path, other: Path, catalogue: Path) -> Counter[str]:
    codes_csv, judged_csv = _audit(csv_path, catalogue)
    codes_other, judged_other = _audit(other, catalogue)
    assert codes_other == codes_csv
    assert judged_other == judged_csv
    for by in (None, ("agency", "channel")):
        assert m.metrics_from_files(other, by=by, as_of=AS_OF) == m.metrics_from_files(
            csv_path, by=by, as_of=AS_OF
        )
    return codes_csv


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_parquet_text_table_gives_the_csv_findings_rows_and_metrics(
    tmp_path: Path, seed: int
) -> None:
    rows = generate(600, seed)
    catalogue = _catalogue(tmp_path)
    codes = _same_everywhere(
        write_csv(rows, tmp_path / "d.csv"), write_parquet(rows, tmp_path / "d.parquet"), catalogue
    )
    # the table is hostile enough to mean something
    for code in ("unparseable-date", "duplicate-dossier-code", "unknown-procedure"):
        assert codes[code] > 0, (code, codes)
    # empty strings kept as strings, not nulls: the same again
    assert _audit(write_parquet(rows, tmp_path / "e.parquet", empty_as_null=False), catalogue) == (
        _audit(tmp_path / "d.csv", catalogue)
    )


def test_typed_parquet_columns_read_as_the_same_moments(tmp_path: Path) -> None:
    # Clean typed columns: a naive timestamp is Vietnam time, an aware one is converted, a
    # date32 is a date, a bool flag a flag; the CSV holds the same values as ISO text.
    rng = random.Random(7)
    text_rows: list[dict[str, Any]] = []
    typed: dict[str, list[Any]] = {k: [] for k in ("code", "proc", "rec", "app", "end", "fee")}
    for i in range(400):
        d = date(2025, 9, 1) + timedelta(days=rng.randrange(0, 200))
        received = datetime(d.year, d.month, d.day, rng.randrange(7, 18), 15)
        appointment = d + timedelta(days=rng.randrange(3, 20)) if rng.random() < 0.9 else None
        end = received + timedelta(days=rng.randrange(0, 25)) if rng.random() < 0.7 else None
        fee = rng.choice([True, False, None])
        code = f"H21-{d:%y%m%d}-{i:04d}"
        proc = rng.choice(["1.000129", "2.000815", "7.7"])
        text_rows.append(
            {
                "dossier_code": code,
                "procedure_code": proc,
                "received_at": received.isoformat(timespec="minutes"),
                "appointment_date": appointment.isoformat() if appointment else "",
                "end_at": (end - timedelta(hours=7)).isoformat(timespec="minutes") + "+00:00"
                if end
                else "",
                "status": "returned" if end else "",
                "fee_paid_online": {True: "true", False: "false", None: ""}[fee],
            }
        )
        typed["code"].append(code)
        typed["proc"].append(proc)
        typed["rec"].append(received)
        typed["app"].append(appointment)
        typed["end"].append((end - timedelta(hours=7)).replace(tzinfo=UTC) if end else None)
        typed["fee"].append(fee)
    table = pa.table(
        {
            "dossier_code": pa.array(typed["code"], pa.string()),
            "procedure_code": pa.array(typed["proc"], pa.string()),
            "received_at": pa.array(typed["rec"], pa.timestamp("ns")),
            "appointment_date": pa.array(typed["app"], pa.date32()),
            "end_at": pa.array(typed["end"], pa.timestamp("us", tz="UTC")),
            "status": pa.array(["returned" if e else None for e in typed["end"]], pa.string()),
            "fee_paid_online": pa.array(typed["fee"], pa.bool_()),
        }
    )
    parquet = tmp_path / "typed.parquet"
    pq.write_table(table, parquet)
    csv_path = write_csv(text_rows, tmp_path / "typed.csv")
    catalogue = _catalogue(tmp_path)
    codes_csv, judged_csv = _audit(csv_path, catalogue)
    codes_pq, judged_pq = _audit(parquet, catalogue)
    assert judged_pq == judged_csv
    assert codes_pq == codes_csv  # date-format-detected: "native" instead of "iso", same count
    assert m.metrics_from_files(parquet, as_of=AS_OF) == m.metrics_from_files(csv_path, as_of=AS_OF)
    first = next(iter(iter_dossiers(parquet)))
    assert isinstance(first.received_at, datetime)
    assert first.received_at.utcoffset() == timedelta(hours=7)
    assert first.received_at.replace(tzinfo=None) == typed["rec"][0]


def test_a_directory_of_partitions_is_one_table(tmp_path: Path) -> None:
    rows = generate(500, 11)
    catalogue = _catalogue(tmp_path)
    parts = tmp_path / "parts"
    (parts / "year=2025").mkdir(parents=True)
    for k, start in enumerate(range(0, 500, 180)):
        write_parquet(rows[start : start + 180], parts / "year=2025" / f"part-{k}.parquet")
    (parts / "_SUCCESS").write_text("", encoding="utf-8")
    _same_everywhere(write_csv(rows, tmp_path / "d.csv"), parts, catalogue)
    stream = iter_dossiers(parts)
    assert [r.row for r in stream] == list(range(1, 501))


def test_the_user_column_map_applies_to_parquet(tmp_path: Path) -> None:
    rows = [
        {"Số biên nhận": "H21-250902-0001", "Ngày nộp": "2025-09-02T09:00"},
        {"Số biên nhận": "H21-250903-0002", "Ngày nộp": "03/09/2025"},
    ]
    columns = {"Số biên nhận": "dossier_code", "Ngày nộp": "received_at"}
    got = list(iter_dossiers(write_parquet(rows, tmp_path / "m.parquet"), columns=columns))
    want = list(iter_dossiers(write_csv(rows, tmp_path / "m.csv"), columns=columns))
    assert [(r.dossier_code, r.received_at) for r in got] == [
        (r.dossier_code, r.received_at) for r in want
    ]
    assert got[0].dossier_code == "H21-250902-0001"


def test_a_corrupt_parquet_file_is_an_input_file_error(tmp_path: Path) -> None:
    good = write_parquet(generate(20, 3), tmp_path / "good.parquet")
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(InputFileError, match=r"bad\.parquet: not a readable Parquet file"):
        list(iter_dossiers(bad))
    from procedurekit.cli import main

    assert main(["metrics", str(bad), "--as-of", "2026-07-01"]) == 2


def test_an_empty_directory_is_still_refused(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="a directory"):
        list(iter_dossiers(tmp_path))


def test_parquet_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_parquet(generate(5, 4), tmp_path / "d.parquet")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(MissingExtraError, match=r"procedurekit\[arrow\]"):
        iter_dossiers(path)
    from procedurekit.cli import main

    assert main(["metrics", str(path), "--as-of", "2026-07-01"]) == 2
    assert "pip install 'procedurekit[arrow]'" in capsys.readouterr().err


def _as_json(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def test_per_dossier_parquet_reads_back_equal_to_json_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from procedurekit.cli import main
    from procedurekit.reports import per_dossier
    from procedurekit.reports.per_dossier import PER_DOSSIER_COLUMNS

    # more rows than one record batch, so that several batches are written
    monkeypatch.setattr(per_dossier, "PARQUET_BATCH_ROWS", 400)
    dossiers = write_csv(generate(1500, 5), tmp_path / "d.csv")
    catalogue = _catalogue(tmp_path)
    outs = {}
    for suffix in ("jsonl", "parquet"):
        out = tmp_path / f"judged.{suffix}"
        code = main(
            ["audit", str(dossiers), "--catalogue", str(catalogue), "--as-of", "2026-07-01",
             "--per-dossier", str(out), "--format", "json"]
        )  # fmt: skip
        assert code == 1  # findings
        outs[suffix] = out
    lines = outs["jsonl"].read_text(encoding="utf-8").splitlines()
    want = [json.loads(line) for line in lines]
    pf = pq.ParquetFile(outs["parquet"])
    assert pf.metadata.num_row_groups >= 2
    table = pf.read()
    schema = table.schema
    assert schema.names == list(PER_DOSSIER_COLUMNS)
    assert schema.field("row").type == pa.int64()
    assert schema.field("supplement_requests").type == pa.int64()
    assert schema.field("received_at").type == pa.timestamp("us", tz="Asia/Ho_Chi_Minh")
    assert schema.field("end_at").type == pa.timestamp("us", tz="Asia/Ho_Chi_Minh")
    for column in ("legal_due_date", "appointment_date", "committed_date"):
        assert schema.field(column).type == pa.date32()
    assert schema.field("findings").type == pa.list_(pa.string())
    got = [{k: _as_json(v) for k, v in row.items()} for row in table.to_pylist()]
    assert len(got) == len(want) > 1000
    assert got == want


def test_per_dossier_parquet_of_no_dossier_has_the_schema(tmp_path: Path) -> None:
    from procedurekit.reports.per_dossier import PER_DOSSIER_COLUMNS, PerDossierWriter

    out = tmp_path / "none.parquet"
    with PerDossierWriter(out):
        pass
    table = pq.read_table(out)
    assert table.num_rows == 0
    assert table.schema.names == list(PER_DOSSIER_COLUMNS)


def test_a_moment_python_cannot_hold_is_an_unreadable_date(tmp_path: Path) -> None:
    day = 24 * 3600 * 10**6
    received = pa.array([20_000 * day, 2**62, 20_001 * day], pa.timestamp("us"))
    table = pa.table({"dossier_code": ["A-1", "A-2", "A-3"], "received_at": received})
    path = tmp_path / "far.parquet"
    pq.write_table(table, path)
    stream = iter_dossiers(path)
    got = [r.received_at for r in stream]
    assert got[1] is None
    assert got[0] == datetime(2024, 10, 4, tzinfo=got[0].tzinfo)
    assert got[0].utcoffset() == timedelta(hours=7)
    assert stream.sink.counts["unparseable-date"] == 1


def test_a_catalogue_in_parquet_validates_as_its_csv(tmp_path: Path) -> None:
    from procedurekit.checks import validate_files

    lines = list(csv.reader(CATALOGUE.splitlines()))
    header, body = lines[0], [*lines[1:], ["1.000129", "Trùng mã", "Cấp tỉnh", "mười ngày"]]
    csv_path = tmp_path / "cat.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *body])
    parquet = tmp_path / "cat.parquet"
    pq.write_table(pa.table({h: [r[i] for r in body] for i, h in enumerate(header)}), parquet)
    a, b = validate_files(csv_path), validate_files(parquet)
    assert b.stats["procedures"] == a.stats["procedures"] == 5
    assert sorted(f.code for f in b.findings) == sorted(f.code for f in a.findings)
    assert {"duplicate-code"} <= {f.code for f in a.findings}
