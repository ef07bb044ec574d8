"""The columnar audit engine against the bar of issue #15: a whole ``procedurekit audit``
process, start-up included, no slower than ``csv.DictReader`` alone reading the same file.

Run: ``.venv/bin/python benchmarks/bench_engines.py [--lines 1000000 5000000]
[--python-lines 100000] [--dir /tmp/x]``. Needs the ``arrow`` extra (the test extra has it).

For each size it writes the flat dossier CSV of ``bench_streaming.py`` (40 agencies, 18
months, 90 % finished, about 9 % repeated codes) in a temporary directory, then times, each
in a fresh process, one after the other in the same run:

- ``csv.DictReader`` reading every row and nothing else (the bar);
- pyarrow's bare ``read_csv`` of every column as text (the floor);
- ``procedurekit audit FILE --catalogue <samples> --engine arrow --as-of 2026-07-01
  --format json`` (wall time and peak RSS of the process);
- ``procedurekit metrics FILE ... --by agency --engine arrow``, the same way;
- the audit with ``--engine python`` on a file of ``--python-lines`` rows (it reads about
  6,000 rows a second: a million rows would take minutes), reported per row;
- then the same dossiers as Parquet (``pyarrow.csv.read_csv`` with its type inference, the
  codes and labels kept as text: receipts ``timestamp[s]``, appointments and ends
  ``date32``; row groups of 131,072 rows, Snappy): ``ParquetFile.iter_batches`` alone, and
  the audit and metrics processes on it, each against the same job from the CSV.

Prints a Markdown table of seconds and ratios for ``docs/performance.md``.

The package's bytecode is compiled first, as ``pip install`` does for a wheel: in an
editable install under ``PYTHONDONTWRITEBYTECODE`` every process would otherwise compile
the hundred modules it imports (about 0.25 s, which no user installing the wheel pays).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

DICTREADER = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    n = sum(1 for _ in csv.DictReader(f))
print(n)
"""

PARQUET = """
import sys
import pyarrow.parquet as pq
print(sum(b.num_rows for b in pq.ParquetFile(sys.argv[1]).iter_batches(batch_size=65536)))
"""

PYARROW = """
import sys
import pyarrow as pa, pyarrow.csv as pc
with open(sys.argv[1], encoding="utf-8") as f:
    names = f.readline().rstrip("\\n").split(",")
t = pc.read_csv(sys.argv[1], convert_options=pc.ConvertOptions(
    column_types={n: pa.string() for n in names}))
print(t.num_rows)
"""


#: Runs ``python -m procedurekit ...`` and writes its own peak RSS (KiB) to stderr last.
MEASURED = """
import resource, runpy, sys
sys.argv = ["procedurekit", *sys.argv[1:]]
try:
    runpy.run_module("procedurekit", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def _timed(argv: list[str]) -> tuple[float, str, str]:
    """(wall seconds, stdout, stderr) of one child process."""
    t = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    secs = time.perf_counter() - t
    if done.returncode not in (0, 1):  # 1: the audit found errors, as it should
        raise SystemExit(f"{argv[:3]} failed:\n{done.stderr[-2000:]}")
    return secs, done.stdout, done.stderr


def _audit(path: Path, engine: str, job: str = "audit") -> tuple[float, int]:
    from procedurekit.samples import catalogue_paths

    cats = [str(p) for p in catalogue_paths()]
    argv = [sys.executable, "-c", MEASURED, job, str(path), "--catalogue", *cats,
            "--engine", engine, "--as-of", "2026-07-01", "--format", "json"]  # fmt: skip
    if job == "metrics":
        argv += ["--by", "agency"]
    secs, out, err = _timed(argv)
    rss = int(err.strip().splitlines()[-1])
    if engine == "arrow" and job == "audit":
        import json

        engines = json.loads(out)["stats"]["engines"]
        assert engines == ["arrow"], engines
    return secs, rss


def _to_parquet(path: Path) -> Path:
    """The CSV's dossiers as Parquet (see the module docstring)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    text = {c: pa.string() for c in ("dossier_code", "procedure_code", "agency", "channel",
                                      "status")}  # fmt: skip
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=text))
    out = path.with_suffix(".parquet")
    pq.write_table(table, out, row_group_size=128 * 1024)
    return out


def _compile_package() -> None:
    """Write the package's ``.pyc`` files (``compileall`` writes them whatever
    ``PYTHONDONTWRITEBYTECODE`` says)."""
    import compileall

    import procedurekit

    compileall.compile_dir(Path(procedurekit.__file__).parent, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--python-lines", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--to-parquet", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.to_parquet is not None:
        _to_parquet(args.to_parquet)
        return 0
    rows = []
    pq_rows: list[tuple[int, int, float, tuple[tuple[str, float, int, float], ...]]] = []
    _compile_package()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        small = Path(tmp) / "small.csv"
        subprocess.run(
            [sys.executable, str(HERE / "bench_streaming.py"), "--generate", str(small),
             "--lines", str(args.python_lines)],
            check=True,
        )  # fmt: skip
        py_secs, _ = _audit(small, "python")
        for n in args.lines:
            path = Path(tmp) / f"d{n}.csv"
            subprocess.run(
                [sys.executable, str(HERE / "bench_streaming.py"), "--generate", str(path),
                 "--lines", str(n)],
                check=True,
            )  # fmt: skip
            dict_secs, _, _ = _timed([sys.executable, "-c", DICTREADER, str(path)])
            arrow_read, _, _ = _timed([sys.executable, "-c", PYARROW, str(path)])
            audit_secs, audit_rss = _audit(path, "arrow")
            metrics_secs, metrics_rss = _audit(path, "arrow", "metrics")
            rows.append((n, path.stat().st_size, dict_secs, arrow_read, audit_secs, audit_rss,
                         metrics_secs, metrics_rss))  # fmt: skip
            # in a child: Linux carries a parent's peak RSS into the children it starts
            # later, and converting holds the whole table
            parquet = path.with_suffix(".parquet")
            subprocess.run(
                [sys.executable, __file__, "--to-parquet", str(path)], check=True
            )  # fmt: skip
            path.unlink()
            pq_read, _, _ = _timed([sys.executable, "-c", PARQUET, str(parquet)])
            pq_audit, pq_audit_rss = _audit(parquet, "arrow")
            pq_metrics, pq_metrics_rss = _audit(parquet, "arrow", "metrics")
            jobs = (
                ("audit", pq_audit, pq_audit_rss, audit_secs),
                ("metrics --by agency", pq_metrics, pq_metrics_rss, metrics_secs),
            )
            pq_rows.append((n, parquet.stat().st_size, pq_read, jobs))
            parquet.unlink()
    print(f"Python {sys.version.split()[0]}; flat dossier CSV of bench_streaming.py\n")
    print("| rows | file | csv.DictReader | pyarrow read_csv | job (process, --engine arrow) "
          "| job / DictReader | job / pyarrow | peak RSS |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, size, d, a, s, rss, m, mrss in rows:
        for job, secs, peak in (("audit", s, rss), ("metrics --by agency", m, mrss)):
            print(
                f"| {n:,} | {size / 1e6:,.0f} MB | {d:.2f} s | {a:.2f} s | {job} {secs:.2f} s | "
                f"{secs / d:.2f}× | {secs / a:.1f}× | {peak / 1024:,.0f} MiB |"
            )
    print("\n| rows | Parquet file | iter_batches | job (process, --engine arrow) "
          "| job / iter_batches | the job from CSV / from Parquet | peak RSS |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, size, r, jobs in pq_rows:
        for job, secs, peak, from_csv in jobs:
            print(
                f"| {n:,} | {size / 1e6:,.0f} MB | {r:.2f} s | {job} {secs:.2f} s | "
                f"{secs / r:.1f}× | **{from_csv / secs:.2f}×** | {peak / 1024:,.0f} MiB |"
            )
    per_row = py_secs / args.python_lines
    print(
        f"\naudit --engine python, whole process over {args.python_lines:,} rows: "
        f"{py_secs:.1f} s ({args.python_lines / py_secs:,.0f} rows/s; a million rows would "
        f"take about {per_row * 1e6 / 60:.0f} min)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
