"""The dossier audit from Parquet against the same dossiers from CSV, in the same run.

Run: ``nice .venv/bin/python benchmarks/bench_parquet.py [N]`` (needs the ``arrow`` extra;
N defaults to 1,000,000). Generates N dossiers with ``bench_catalogue.audit_rows`` (three
procedures, receipts over 2024–2026), writes them as CSV and, read back by pyarrow's CSV
reader with its type inference (receipts and ends as naive timestamps, appointments as
``date32``; the codes kept as strings), as Parquet in row groups of 128k rows; then runs
``audit_files`` once on each.
Both are audited by the row engine (``engine="python"``): what Parquet saves there is the
decoding and splitting of text, not the per-row Python work. The columnar engine's
Parquet route is timed by ``bench_engines.py``.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from bench_catalogue import audit_rows

from procedurekit.checks import audit_files


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        dossiers, cat = audit_rows(Path(tmp), n)
        # codes stay text: inferred as numbers, "1.009070" would become 1.00907
        text = {c: pa.string() for c in ("ma_ho_so", "ma_thu_tuc", "kenh")}
        table = pacsv.read_csv(dossiers, convert_options=pacsv.ConvertOptions(column_types=text))
        parquet = Path(tmp) / "dossiers.parquet"
        pq.write_table(table, parquet, row_group_size=128 * 1024)
        types = ", ".join(f"{f.name}: {f.type}" for f in table.schema)
        del table
        t0 = time.perf_counter()
        with dossiers.open(encoding="utf-8", newline="") as f:
            plain = sum(1 for _ in csv.DictReader(f))
        base = time.perf_counter() - t0
        t0 = time.perf_counter()
        parquet_rows = sum(b.num_rows for b in pq.ParquetFile(parquet).iter_batches())
        base_pq = time.perf_counter() - t0
        timings = {}
        reports = {}
        for label, path in (("CSV", dossiers), ("Parquet", parquet)):
            t0 = time.perf_counter()
            reports[label] = audit_files(path, cat, as_of=date(2026, 11, 26), engine="python")
            timings[label] = time.perf_counter() - t0
    assert plain == parquet_rows == n
    assert reports["CSV"].stats["dossiers"] == reports["Parquet"].stats["dossiers"] == n
    assert reports["CSV"].stats["outcomes"] == reports["Parquet"].stats["outcomes"]
    print(f"Python {sys.version.split()[0]}; {n:,} dossiers; Parquet columns: {types}\n")
    print(f"| dossier audit, {n:,} rows | seconds | rows/s | × CSV |")
    print("|---|---:|---:|---:|")
    print(f"| `csv.DictReader` alone (baseline of the CSV file) | {base:.2f} | {n / base:,.0f} | |")
    print(f"| `ParquetFile.iter_batches` alone | {base_pq:.2f} | {n / base_pq:,.0f} | |")
    csv_s = timings["CSV"]
    for label, secs in timings.items():
        print(f"| `audit_files` from {label} | {secs:.2f} | {n / secs:,.0f} | {secs / csv_s:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
