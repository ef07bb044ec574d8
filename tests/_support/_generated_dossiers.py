"""Generated flat dossier files, clean and hostile, for the engine differential tests
(``tests/checks/test_engines.py``, ``tests/metrics/test_metrics_engines.py``).

A clean row has a standard code, an ISO receipt moment, a catalogue procedure, known or
empty labels; a hostile change is one a province's export really has (a duplicate, a
malformed or invisible-character code, an unknown procedure or label, a date-only or
offset or impossible receipt, an end before receipt, a district receipt after the reform,
a paid-online free procedure, a quoted or control-character cell, an Excel ",,,," row).
"""

from __future__ import annotations

import csv
import random
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from procedurekit.samples import catalogue_paths

__all__ = ["HEADER", "PROCEDURES", "_dmy", "_rows", "_write", "_write_jsonl", "_write_parquet"]


def _procedures() -> list[str]:
    with open(catalogue_paths()[0], encoding="utf-8", newline="") as f:
        return [row[0] for row in list(csv.reader(f))[1:] if row]


HEADER = (
    "dossier_code", "procedure_code", "agency", "level", "channel", "received_at",
    "appointment_date", "end_at", "status", "fee_paid_online", "ghi_chu",
)  # fmt: skip


PROCEDURES = _procedures()


def _clean_row(rng: random.Random, i: int) -> dict[str, str]:
    d = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 560))
    at = datetime(
        d.year, d.month, d.day, rng.randrange(6, 19), rng.randrange(60), rng.randrange(60)
    )
    agency = f"H21.{i % 7}"
    row = {
        "dossier_code": f"{agency}-{d:%y%m%d}-{rng.randrange(10_000):04d}",
        "procedure_code": rng.choice(PROCEDURES[:12]),
        "agency": agency,
        "level": rng.choice(["", "commune", "Cấp xã", "province"]),
        "channel": rng.choice(["online", "counter", "Trực tuyến", "", "post"]),
        "received_at": at.isoformat(sep=rng.choice("T ")),
        "appointment_date": (d + timedelta(days=rng.randrange(0, 40))).isoformat(),
        "end_at": "",
        "status": "",
        "fee_paid_online": rng.choice(["", "0", "1", "có", "không"]),
        "ghi_chu": rng.choice(["", "ok", "Hồ sơ đủ"]),
    }
    if rng.random() < 0.85:
        end = d + timedelta(days=rng.randrange(0, 45))
        row["end_at"] = (
            end.isoformat() if rng.random() < 0.7 else f"{end}T{rng.randrange(7, 17):02d}:15"
        )
        row["status"] = rng.choice(["returned", "Đã trả kết quả", "", "withdrawn"])
    else:
        row["status"] = rng.choice(["processing", "", "Đang xử lý"])
    if rng.random() < 0.05:
        row["appointment_date"] = ""
    return row


def _hostile(rng: random.Random, row: dict[str, str], previous: list[str]) -> dict[str, str]:
    """One hostile change (or none) to a clean row; every change is one a province's export
    really has."""
    kind = rng.randrange(26)
    d = row["received_at"][:10]
    if kind == 0 and previous:
        row["dossier_code"] = rng.choice(previous)  # a duplicate
    elif kind == 1:
        row["dossier_code"] = rng.choice(["", "ABC", "H21-2501-1", " H21.1-250101-0001 "])
    elif kind == 2:
        row["dossier_code"] = row["dossier_code"].replace("-", "-\u200b", 1)  # invisible
    elif kind == 3:
        row["dossier_code"] = "H21.9-991399-0001"  # no real date in the code
    elif kind == 4:
        row["procedure_code"] = rng.choice(["9.999999", "", PROCEDURES[-1], PROCEDURES[14]])
    elif kind == 5:
        row["channel"] = rng.choice(["???", " online ", "Bưu chính công ích"])
    elif kind == 6:
        row["status"] = rng.choice(["bogus", "Từ chối", "returned"])
        if rng.random() < 0.5:
            row["end_at"] = ""
    elif kind == 7:
        row["level"] = rng.choice(["district", "Cấp huyện"])
    elif kind == 8:
        row["received_at"] = rng.choice([d, f"{d}T10:00:00+07:00", f"{d}T03:00:00Z", " " + d])
    elif kind == 9:
        row["received_at"] = rng.choice(
            ["2025-02-30T10:00", "2025-13-01", "abc", "1999-01-01T08:00"]
        )
    elif kind == 10:
        row["end_at"] = rng.choice(["2024-12-01", "2025-02-29", "x", row["received_at"][:10]])
    elif kind == 11:
        row["appointment_date"] = rng.choice(["2025-02-30", f"{d}T16:00", "2099-01-01", "tomorrow"])
    elif kind == 12:
        row["fee_paid_online"] = rng.choice(["maybe", "1"])
        row["procedure_code"] = rng.choice(PROCEDURES)
    elif kind == 13:
        row["agency"] = "UBND xã A, huyện B"  # a quoted cell
    elif kind == 14:
        row["ghi_chu"] = "x" * 50 + '"quoted"'
    elif kind == 15:
        row["agency"] = "Sở Tư pháp\u00a0"
    elif kind == 16:
        row["received_at"] = "2060-12-31T10:00"  # the calendar's last year
    elif kind == 17:
        row["received_at"] = f"{d}T23:59:59"
    elif kind == 18:
        row = dict.fromkeys(row, rng.choice(["", " "]))  # Excel's ",,,,": not a row
    elif kind == 19:
        row["ghi_chu"] = rng.choice(["a\x01b", "\x7f", "tab\there", "\x1f"])  # control
    return row


def _write(path: Path, rows: list[dict[str, str]], *, blank: bool = False) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i, row in enumerate(rows):
            w.writerow([row[h] for h in HEADER])
            if blank and i == len(rows) // 2:
                f.write("\n")
    return path


def _rows(seed: int, n: int, *, hostile: float) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    codes: list[str] = []
    for i in range(n):
        row = _clean_row(rng, i)
        if rng.random() < hostile:
            row = _hostile(rng, row, codes)
        codes.append(row["dossier_code"])
        rows.append(row)
    return rows


def _dmy(text: str) -> str:
    """Every receipt written day first (``01/02/2025 08:00``)."""
    out = []
    for line in text.splitlines(keepends=True)[1:]:
        cells = line.split(",")
        at = cells[5]
        if len(at) >= 16:
            cells[5] = f"{at[8:10]}/{at[5:7]}/{at[:4]} {at[11:16]}"
        out.append(",".join(cells))
    return text.splitlines(keepends=True)[0] + "".join(out)


def _moment(text: str, tz: str | None) -> datetime | None:
    """A receipt or end cell as a typed Parquet column holds it (``None``: not a moment)."""
    try:
        at = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if at.tzinfo is not None:
        at = at.astimezone(timezone(timedelta(hours=7))).replace(tzinfo=None)
    if tz is not None:  # the column is aware: the same Vietnam moment, stored in UTC
        at = at.replace(tzinfo=timezone(timedelta(hours=7))).astimezone(UTC)
    return at


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _write_parquet(
    path: Path, rows: list[dict[str, str]], *, typed: bool, tz: str | None = None, groups: int = 0
) -> Path:
    """The rows as a Parquet file: every column text (an empty cell a null), or, ``typed``,
    receipts and ends as timestamps (naive Vietnam time, or aware in ``tz``), appointments as
    dates, the online-payment flag as a boolean, plus an integer and a floating-point column
    no field reads (a cell no typed column holds is a null). ``groups``: rows per row group."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def text(key: str) -> list[str | None]:
        return [r[key] or None for r in rows]

    columns: dict[str, object] = {h: pa.array(text(h), pa.string()) for h in HEADER}
    if typed:
        ts = pa.timestamp("s" if tz is None else "us", tz=tz)
        for key in ("received_at", "end_at"):
            columns[key] = pa.array([_moment(r[key], tz) for r in rows], ts)
        columns["appointment_date"] = pa.array([_day(r["appointment_date"]) for r in rows])
        flags = {"1": True, "có": True, "0": False, "không": False}
        columns["fee_paid_online"] = pa.array([flags.get(r["fee_paid_online"]) for r in rows])
        columns["so_trang"] = pa.array([i % 40 for i in range(len(rows))], pa.int64())
        columns["le_phi"] = pa.array(
            [float("nan") if i % 97 == 5 else i * 1000.0 for i in range(len(rows))]
        )
    pq.write_table(pa.table(columns), path, row_group_size=groups or None)
    return path


def _write_jsonl(path: Path, rows: list[dict[str, str]], *, empty: str = "text") -> Path:
    """The rows as JSON Lines, every key on every line in the header's order; an empty cell
    written as ``""`` (``empty="text"``), as ``null`` (``"null"``), or left out
    (``"omit"``)."""
    import json

    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            obj: dict[str, str | None] = {}
            for h in HEADER:
                v = row[h]
                if v == "" and empty == "omit":
                    continue
                obj[h] = None if v == "" and empty == "null" else v
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path
