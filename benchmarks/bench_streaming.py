"""Streaming metrics and audits over millions of dossier lines: throughput and peak memory.

Run: ``.venv/bin/python benchmarks/bench_streaming.py [--job metrics|audit]
[--lines 10000000] [--dir /tmp/x]``. The audit runs against the bundled sample catalogue
(the generated dossiers are of its procedure 1.014056).

Generates a flat dossier file (JSON Lines, ``docs/dossier-format.md``) in a temporary
directory (never in the repository), then runs :func:`procedurekit.metrics.metrics_from_files`
grouped by agency in a fresh interpreter for each size and reports the peak resident set
size (``resource.getrusage(RUSAGE_SELF).ru_maxrss``). Memory must not grow with the number
of lines: the small run is the baseline of the large one.

Linux keeps ``ru_maxrss`` across ``fork`` and ``execve``, so the file is generated in its own
child process too: this parent stays small and lends the measuring child no peak of its own.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

CHILD = """
import resource, sys, time
from datetime import date
from procedurekit.metrics import metrics_from_files
t = time.perf_counter()
r = metrics_from_files(sys.argv[1], by="agency", as_of=date(2026, 7, 1))
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(r.overall.counts.received, dt, rss, r.overall.rate("2.1"))
"""

AUDIT_CHILD = """
import resource, sys, time
from datetime import date
from procedurekit.checks import audit_files
from procedurekit.samples import catalogue_paths
t = time.perf_counter()
r = audit_files(sys.argv[1], catalogue_paths(), as_of=date(2026, 7, 1), max_examples=20)
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
late = r.stats["findings_by_code"].get("appointment-too-late", 0)
print(r.stats["rows"], dt, rss, late / r.stats["rows"])
"""


COLUMNS = ("dossier_code", "procedure_code", "agency", "channel", "received_at",
           "appointment_date", "end_at", "status")  # fmt: skip


def generate(path: Path, n: int, seed: int = 20261126) -> None:
    """Write ``n`` dossiers (CSV or JSON Lines by the suffix): 40 agencies, 18 months of
    receipts, 90 % finished."""
    as_csv = path.suffix == ".csv"
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    agencies = [f"H21.{k}" for k in range(40)]
    with path.open("w", encoding="utf-8") as out:
        buf: list[str] = []
        if as_csv:
            out.write(",".join(COLUMNS) + "\n")
        for i in range(n):
            d = start + timedelta(days=rng.randrange(0, 540))
            received = datetime(d.year, d.month, d.day, rng.randrange(7, 17), rng.randrange(60))
            row = {
                "dossier_code": f"{agencies[i % 40]}-{d:%y%m%d}-{i % 10000:04d}",
                "procedure_code": "1.014056",
                "agency": agencies[i % 40],
                "channel": "online" if rng.random() < 0.6 else "counter",
                "received_at": received.isoformat(),
                "appointment_date": (d + timedelta(days=rng.randrange(1, 20))).isoformat(),
            }
            if rng.random() < 0.9:
                row["end_at"] = (d + timedelta(days=rng.randrange(0, 22))).isoformat()
                row["status"] = "returned"
            if as_csv:
                cell = io.StringIO()
                csv.writer(cell, lineterminator="").writerow([row.get(c, "") for c in COLUMNS])
                buf.append(cell.getvalue())
            else:
                buf.append(json.dumps(row))
            if len(buf) >= 100_000:
                out.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            out.write("\n".join(buf) + "\n")


def run(path: Path, job: str = "metrics") -> tuple[int, float, int, float]:
    code = AUDIT_CHILD if job == "audit" else CHILD
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    n, secs, rss, rate = done.stdout.split()
    return int(n), float(secs), int(rss), float(rate)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument("--job", choices=("metrics", "audit"), default="metrics")
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to write (default: a temp dir)"
    )
    parser.add_argument("--generate", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate is not None:
        generate(args.generate, args.lines)
        return 0
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        rows = []
        for n in (args.small, args.lines):
            path = Path(tmp) / f"dossiers_{n}.{args.format}"
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, __file__, "--generate", str(path), "--lines", str(n)], check=True
            )
            gen = time.perf_counter() - t
            size = path.stat().st_size
            got, secs, rss_kib, rate = run(path, args.job)
            assert got == n, (got, n)
            rows.append((n, size, gen, secs, rss_kib, rate))
            path.unlink()
    print(f"Python {sys.version.split()[0]}; {args.job}; flat dossier format as {args.format}\n")
    last = "on-time rate" if args.job == "metrics" else "appointments too late"
    print(f"| lines | file | {args.job} time | lines/s | peak RSS | {last} |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, size, _gen, secs, rss_kib, rate in rows:
        print(
            f"| {n:,} | {size / 1e6:,.0f} MB | {secs:,.1f} s | {n / secs:,.0f} | "
            f"{rss_kib / 1024:,.1f} MiB | {rate * 100:.2f} % |"
        )
    small, large = rows[0][4], rows[-1][4]
    print(
        f"\npeak RSS ratio large/small: {large / small:.2f}× for {rows[-1][0] // rows[0][0]}× lines"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
