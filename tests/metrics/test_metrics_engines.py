"""Metrics from the columnar engine against the row engine: the same indicators and findings.

``procedurekit.metrics._columnar`` counts the rows judged in columns by kind into the
accumulator and the others through the row engine; the result must be the row engine's,
group by group, with the same findings kept and counted. Each test also checks that the
columnar engine read the file (``DataQuality`` says nothing of engines, so a spy on the
columnar reader counts its calls).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from _generated_dossiers import PROCEDURES, _rows, _write, _write_jsonl, _write_parquet
from hypothesis import given
from hypothesis import strategies as st

import procedurekit.io._arrow_columns as arrow_columns
import procedurekit.metrics._columnar as columnar
from procedurekit.findings import FindingSink
from procedurekit.metrics import metrics_from_files
from procedurekit.reports import metrics_to_dict
from procedurekit.samples import catalogue_paths

pytest.importorskip("pyarrow", reason="the columnar engine needs the arrow extra")


def _run(path: Path, engine: str, **options: Any) -> dict[str, Any]:
    sink = FindingSink(max_examples=options.pop("max_examples", 3))
    result = metrics_from_files(
        path, catalogue=catalogue_paths(), engine=engine, sink=sink, **options
    )
    data = metrics_to_dict(result)
    data["findings"] = [f.to_dict() for f in sink.examples]
    data["counts"] = dict(sorted(sink.counts.items()))
    return json.loads(json.dumps(data, default=str))


def _same(path: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> dict[str, Any]:
    calls: list[object] = []
    real = columnar.read_in_columns

    def spy(*args: Any, **kwargs: Any) -> Any:
        got = real(*args, **kwargs)
        calls.append(got)
        return got

    monkeypatch.setattr(columnar, "read_in_columns", spy)
    row = _run(path, "python", **dict(options))
    assert calls == []
    col = _run(path, "arrow", **dict(options))
    assert len(calls) == 1
    assert calls[0] is not None, "the columnar engine did not read it"
    assert col == row
    return row


OPTIONS = [
    {"as_of": date(2026, 7, 1)},
    {"as_of": date(2026, 7, 1), "by": "agency"},
    {"as_of": date(2025, 9, 15), "by": ("channel", "month"), "max_examples": 1},
    {"as_of": date(2026, 7, 1), "by": ("level", "field", "quarter", "procedure")},
    {
        "as_of": date(2026, 7, 1),
        "by": "agency",
        "received_from": date(2025, 3, 1),
        "received_to": date(2025, 12, 31),
    },
]


@pytest.mark.parametrize("options", OPTIONS)
def test_clean_files_give_the_row_engines_indicators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: dict[str, Any]
) -> None:
    path = _write(tmp_path / "clean.csv", _rows(21, 3000, hostile=0.0))
    data = _same(path, monkeypatch, **options)
    assert data["overall"]["counts"]["received"] > 1000


@pytest.mark.parametrize("seed", [22, 23, 24])
@pytest.mark.parametrize("options", OPTIONS[:3])
def test_hostile_files_give_the_row_engines_indicators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, options: dict[str, Any]
) -> None:
    path = _write(tmp_path / "hostile.csv", _rows(seed, 2500, hostile=0.6))
    data = _same(path, monkeypatch, **options)
    assert data["counts"].get("duplicate-dossier-code", 0) > 0


def test_many_small_batches_and_merged_kinds_give_the_row_engines_indicators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Record batches of 16 KiB, and the kinds merged after every batch."""
    monkeypatch.setattr(arrow_columns, "_BLOCK", 16 << 10)
    monkeypatch.setattr(columnar, "_MERGE_ROWS", 1)
    merges: list[int] = []
    real = columnar._MetricsEngine._merge

    def counted(self: Any) -> None:
        real(self)
        merges.append(self.merged)

    monkeypatch.setattr(columnar._MetricsEngine, "_merge", counted)
    path = _write(tmp_path / "hostile.csv", _rows(25, 4000, hostile=0.4))
    data = _same(path, monkeypatch, as_of=date(2026, 7, 1), by=("agency", "month"))
    assert len(merges) >= 5  # a merge when the kinds held double
    assert data["counts"].get("duplicate-dossier-code", 0) > 0


def test_service_models_are_measured_by_the_row_engine(tmp_path: Path) -> None:
    from procedurekit.deadlines.service import QUICK_FRIDAY

    path = _write(tmp_path / "d.csv", _rows(25, 300, hostile=0.1))
    model = QUICK_FRIDAY.for_procedures(PROCEDURES[:6])
    options = {"as_of": date(2026, 7, 1), "service_models": [model]}
    assert _run(path, "arrow", **dict(options)) == _run(path, "python", **dict(options))


def test_the_metrics_command_takes_the_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from procedurekit.cli import main

    path = _write(tmp_path / "d.csv", _rows(26, 800, hostile=0.2))
    cats = [str(p) for p in catalogue_paths()]
    out = {}
    for engine in ("python", "arrow"):
        main(["metrics", str(path), "--catalogue", *cats, "--as-of", "2026-07-01",
              "--by", "agency", "--engine", engine, "--format", "json"])  # fmt: skip
        out[engine] = json.loads(capsys.readouterr().out)
    assert out["arrow"] == out["python"]


def test_a_dask_partition_is_counted_in_columns_as_by_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``metrics_dask`` counts each partition with ``count_dossier_file``: a CSV partition
    counted in columns is the partition counted row by row (the merge is the same)."""
    pytest.importorskip("dask")
    import procedurekit.contrib.dask as contrib
    from procedurekit.contrib.dask import count_dossier_file
    from procedurekit.io import read_procedures

    read: list[object] = []
    real = contrib.metrics_file_arrow
    monkeypatch.setattr(
        contrib, "metrics_file_arrow", lambda *a, **k: read.append(real(*a, **k)) or read[-1]
    )

    path = _write(tmp_path / "part-0.csv", _rows(27, 1500, hostile=0.4))
    procedures = read_procedures(*catalogue_paths())
    got = {}
    for engine in ("python", "arrow"):
        acc = count_dossier_file(
            str(path), by=("agency",), config=None, as_of=date(2026, 7, 1),
            procedures=procedures, engine=engine,
        )  # fmt: skip
        got[engine] = (json.dumps(metrics_to_dict(acc.result()), default=str), acc.notes)
    assert got["arrow"] == got["python"]
    assert len(read) == 1
    assert read[0] is not None  # the arrow run read the partition in columns


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(-2, 2), st.sampled_from([0, 7, 1 << 40])),
        min_size=1,
        max_size=60,
    ),
    st.booleans(),
)
def test_distinct_rows_are_the_counted_rows(
    rows: list[tuple[int, int, int]], weighted: bool
) -> None:
    """The kinds and their counts, by the mixed-radix key or (ids too large for one key,
    ``1 << 40`` twice) by rows; with or without weights."""
    np = pytest.importorskip("numpy")
    wide = [(*r, r[2]) for r in rows]  # a fourth column: two of 2**40 exceed 62 bits
    table = np.array(wide, dtype=np.int64)
    weights = np.arange(1, len(wide) + 1, dtype=np.int64) if weighted else None
    kinds, counts = columnar._distinct_rows(np, table, weights)
    expected: Counter[tuple[int, ...]] = Counter()
    for i, row in enumerate(wide):
        expected[row] += i + 1 if weighted else 1
    got = {tuple(k): c for k, c in zip(kinds.tolist(), counts.tolist(), strict=True)}
    assert got == dict(expected)
    assert len(got) == len(kinds)


@pytest.mark.parametrize(("typed", "tz"), [(False, None), (True, None), (True, "UTC")])
def test_parquet_tables_give_the_row_engines_indicators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: bool, tz: str | None
) -> None:
    """Text and typed Parquet (timestamps, dates, a boolean flag, nulls) counted in columns."""
    path = _write_parquet(
        tmp_path / "d.parquet", _rows(13, 2000, hostile=0.4), typed=typed, tz=tz, groups=600
    )
    for options in (OPTIONS[1], OPTIONS[3]):
        _same(path, monkeypatch, **options)


@pytest.mark.parametrize("empty", ["text", "null"])
def test_json_lines_give_the_row_engines_indicators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, empty: str
) -> None:
    """JSON Lines with every key on every line, counted in columns."""
    path = _write_jsonl(tmp_path / "d.jsonl", _rows(25, 2000, hostile=0.4), empty=empty)
    for options in (OPTIONS[1], OPTIONS[3]):
        _same(path, monkeypatch, **options)
