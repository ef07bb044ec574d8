"""Load, parse and validate the national catalogue, against plain reading in the same run.

Run: ``.venv/bin/python benchmarks/bench_catalogue.py`` (or ``make bench``). Reads
``../shared/realdata/dvc_national_2026`` (skips when absent): 2,642 procedures and 7,120
channel rows, either as the scraped JSON Lines (``procedures_raw.jsonl.gz``, channels split
from the glued method text) or as two joined CSV tables (``procedures.csv.gz`` +
``execution_methods.csv``). Baselines, measured in the same process:

- ``json.loads`` of every line of the gzipped JSON Lines file (1.00× for the JSONL rows);
- ``csv.DictReader`` over the two CSV tables (1.00× for the CSV rows).

``validate_files`` is the whole job of ``procedurekit validate``: decode, map headers,
split channels, parse every processing time, run every rule and build the report. Best of
several rounds (warm: the phrase parser's module-level tables are built once per process;
the validator's own caches are per call). Target: ≤ 1 s. A dossier-audit throughput row
follows (100,000 generated dossiers, streamed from a CSV file).
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from procedurekit.checks import audit_files, validate_files
from procedurekit.io import read_catalogue

DATA = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "dvc_national_2026"
ROUNDS = 5


def best(fn: Callable[[], object]) -> float:
    return min(timeit.repeat(fn, number=1, repeat=ROUNDS))


def plain_jsonl() -> int:
    with gzip.open(DATA / "procedures_raw.jsonl.gz", "rt", encoding="utf-8") as f:
        return sum(1 for line in f if json.loads(line))


def plain_csv() -> int:
    n = 0
    with gzip.open(DATA / "procedures.csv.gz", "rt", encoding="utf-8", newline="") as f:
        n += sum(1 for _ in csv.DictReader(f))
    with (DATA / "execution_methods.csv").open(encoding="utf-8", newline="") as f:
        n += sum(1 for _ in csv.DictReader(f))
    return n


def audit_rows(tmp: Path, n: int) -> tuple[Path, Path]:
    rng = random.Random(7)
    cat = tmp / "catalogue.csv"
    cat.write_text(
        "Mã số,Tên,Thời hạn giải quyết\n"
        "1.000129,A,15 Ngày làm việc\n3.000333,B,10 Ngày\n1.009070,C,1 Giờ\n",
        encoding="utf-8",
    )
    dossiers = tmp / "dossiers.csv"
    start = datetime(2024, 1, 2, 8)
    codes = ["1.000129", "3.000333", "1.009070"]
    with dossiers.open("w", encoding="utf-8") as f:
        f.write("ma_ho_so,ma_thu_tuc,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc\n")
        for i in range(n):
            r = start + timedelta(days=rng.randrange(900), minutes=rng.randrange(540))
            end = r + timedelta(days=rng.randrange(30))
            f.write(
                f"H01-{r:%y%m%d}-{i:06d},{rng.choice(codes)},Trực tiếp,"
                f"{r:%Y-%m-%d %H:%M},{(r + timedelta(days=20)).date()},{end:%Y-%m-%d %H:%M}\n"
            )
    return dossiers, cat


def main() -> int:
    if not DATA.is_dir():
        print("../shared/realdata not present: skipped")
        return 0
    jsonl = DATA / "procedures_raw.jsonl.gz"
    tables = [DATA / "procedures.csv.gz", DATA / "execution_methods.csv"]
    t0 = time.perf_counter()
    first = validate_files(jsonl)
    cold = time.perf_counter() - t0
    assert first.stats["procedures"] == 2642
    assert first.stats["channels"] == 7120
    base_jsonl = best(plain_jsonl)
    base_csv = best(plain_csv)
    rows = [
        ("`json.loads` per line (baseline, JSONL)", base_jsonl, base_jsonl),
        (
            "`read_catalogue` JSONL (split channels)",
            best(lambda: read_catalogue(jsonl)),
            base_jsonl,
        ),
        (
            "`validate_files` JSONL (read, parse, validate)",
            best(lambda: validate_files(jsonl)),
            base_jsonl,
        ),
        ("`csv.DictReader` (baseline, two CSV tables)", base_csv, base_csv),
        (
            "`read_catalogue` two CSV tables (joined)",
            best(lambda: read_catalogue(*tables)),
            base_csv,
        ),
        ("`validate_files` two CSV tables", best(lambda: validate_files(tables)), base_csv),
    ]
    print(f"Python {sys.version.split()[0]}; first call in this process (cold): {cold:.3f} s\n")
    print("| national catalogue, 2,642 procedures / 7,120 channels | seconds | × baseline |")
    print("|---|---:|---:|")
    for label, secs, base in rows:
        print(f"| {label} | {secs:.3f} | {secs / base:.2f} |")
    worst = max(secs for label, secs, _ in rows if "validate" in label)
    print(f"\nTarget ≤ 1 s: {'met' if worst <= 1.0 else 'NOT met'} ({worst:.3f} s)")
    n = 100_000
    with tempfile.TemporaryDirectory() as tmp:
        dossiers, cat = audit_rows(Path(tmp), n)
        t0 = time.perf_counter()
        report = audit_files(dossiers, cat, as_of=date(2026, 11, 26))
        secs = time.perf_counter() - t0
        t0 = time.perf_counter()
        with dossiers.open(encoding="utf-8", newline="") as f:
            plain = sum(1 for _ in csv.DictReader(f))
        base = time.perf_counter() - t0
    assert report.stats["dossiers"] == plain == n
    print("\n| dossier audit, 100,000 rows streamed | seconds | rows/s | × `csv.DictReader` |")
    print("|---|---:|---:|---:|")
    print(f"| `csv.DictReader` (baseline) | {base:.3f} | {n / base:,.0f} | 1.00 |")
    print(
        f"| `audit_files` (read, due dates on known-at calendars, compare) | {secs:.3f} | "
        f"{n / secs:,.0f} | {secs / base:.2f} |"
    )
    print(f"\ncalendars built: {report.stats['calendars_built']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
