"""Metrics on a real dask.distributed LocalCluster equal the single-process result."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from procedurekit import metrics as m

pytest.importorskip("dask.bag", reason="dask is not installed (extra 'dask')")
distributed = pytest.importorskip("distributed", reason="distributed is not installed")

from procedurekit.contrib.dask import metrics_dask  # noqa: E402

AS_OF = date(2026, 7, 1)


def _rows(n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for i in range(n):
        d = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 500))
        row: dict[str, object] = {
            # unique across the parts (seed): a repeated code is a duplicate within a file
            "dossier_code": f"H21.{i % 7}-{d:%y%m%d}-{seed}{i:04d}",
            "procedure_code": "1.014056",
            "agency": f"H21.{i % 7}",
            "channel": "online" if rng.random() < 0.6 else "counter",
            "received_at": datetime(d.year, d.month, d.day, 9, 30).isoformat(),
            "appointment_date": (d + timedelta(days=rng.randrange(1, 15))).isoformat(),
            "fee_paid_online": rng.random() < 0.3,
        }
        if rng.random() < 0.85:
            row["end_at"] = (d + timedelta(days=rng.randrange(0, 18))).isoformat()
            row["status"] = rng.choice(["returned", "processed", "withdrawn"])
        out.append(row)
    return out


@pytest.fixture(scope="module")
def cluster() -> object:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as lc,
        distributed.Client(lc) as client,
    ):
        yield client


def test_distributed_equals_single_process(tmp_path: Path, cluster: object) -> None:
    parts = []
    everything: list[dict[str, object]] = []
    for k in range(4):
        rows = _rows(1500, seed=k)
        everything += rows
        path = tmp_path / f"part-{k}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        parts.append(str(path))
    whole = tmp_path / "all.jsonl"
    whole.write_text("".join(json.dumps(r) + "\n" for r in everything), encoding="utf-8")
    for by in (None, ("agency", "month")):
        single = m.metrics_from_files(whole, by=by, as_of=AS_OF, date_format="iso")
        spread = metrics_dask(parts, by=by, as_of=AS_OF, date_format="iso")
        assert spread == single
        assert spread.overall.counts.received == 6000


def test_facts_lines_distributed_equals_single(tmp_path: Path, cluster: object) -> None:
    facts = []
    rng = random.Random(3)
    for i in range(4000):
        d = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 120))
        facts.append({"received": d.isoformat(), "agency": f"A{i % 5}",
                      "outcome": rng.choice(["early", "on_time", "late", "in_time", "overdue"]),
                      "online": rng.random() < 0.5})  # fmt: skip
    path = tmp_path / "facts.jsonl"
    path.write_text("".join(json.dumps(f) + "\n" for f in facts), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    single = m.compute_metrics(m.iter_facts_jsonl(lines), by="agency", as_of=AS_OF)
    spread = metrics_dask(str(path), kind="facts", by="agency", as_of=AS_OF, blocksize=20_000)
    assert spread == single


AUDIT_CATALOGUE = (
    "Mã số,Tên,Cấp thực hiện,Thời hạn giải quyết\n"
    "1.000129,A,Cấp bộ,10 Ngày làm việc\n"
    "1.000130,B,Cấp bộ,10 Ngày làm việc (không kể thời gian thực hiện nghĩa vụ tài chính)\n"
    "3.000333,C,Cấp tỉnh,10 Ngày\n"
)


def _audit_rows(n: int, seed: int) -> list[dict[str, object]]:
    """Dossiers with every kind of finding, some with an event log (pauses, an apology)."""
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for i in range(n):
        d = date(2025, 9, 1) + timedelta(days=rng.randrange(0, 300))
        received = datetime(d.year, d.month, d.day, 9, 30)
        code = rng.choice(["1.000129", "1.000130", "3.000333", "9.999999"])
        row: dict[str, object] = {
            "dossier_code": f"H21-{d:%y%m%d}-{seed}{i:04d}"
            if rng.random() < 0.95
            else f"X{seed}.{i}",
            "procedure_code": code,
            "level": rng.choice(["Cấp tỉnh", "Cấp huyện"]),
            "channel": rng.choice(["Trực tiếp", "Trực tuyến", "Fax"]),
            "received_at": received.isoformat(),
        }
        if rng.random() < 0.9:
            row["appointment_date"] = (d + timedelta(days=rng.randrange(10, 18))).isoformat()
        if rng.random() < 0.4:
            at = received + timedelta(hours=1)
            events: list[dict[str, object]] = [{"kind": "accepted", "at": at.isoformat()}]
            for kind, back in (
                rng.choice(
                    [
                        ("supplement_requested", "supplement_received"),
                        ("financial_obligation_requested", "financial_obligation_paid"),
                    ]
                ),
            ):
                at += timedelta(days=rng.randrange(1, 4))
                events.append({"kind": kind, "at": at.isoformat()})
                if rng.random() < 0.7:
                    at += timedelta(days=rng.randrange(1, 6))
                    events.append({"kind": back, "at": at.isoformat()})
            if rng.random() < 0.2:
                at += timedelta(hours=2)
                events.append(
                    {"kind": "apology_issued", "at": at.isoformat(),
                     "new_due_date": (at.date() + timedelta(days=9)).isoformat()}
                )  # fmt: skip
            if rng.random() < 0.7:
                at += timedelta(days=rng.randrange(1, 20))
                events.append({"kind": rng.choice(["processed", "stopped"]), "at": at.isoformat()})
            row["events"] = events
        elif rng.random() < 0.8:
            row["end_at"] = (received + timedelta(days=rng.randrange(0, 25))).isoformat()
        out.append(row)
    return out


def test_audit_distributed_equals_single_process(tmp_path: Path, cluster: object) -> None:
    from procedurekit.checks import audit_files
    from procedurekit.checks.audit import audit_partial
    from procedurekit.contrib.dask import audit_dask
    from procedurekit.io import read_catalogue

    cat = tmp_path / "catalogue.csv"
    cat.write_text(AUDIT_CATALOGUE, encoding="utf-8")
    parts: list[str] = []
    everything: list[dict[str, object]] = []
    for k in range(4):
        rows = _audit_rows(700, seed=10 + k)
        everything += rows
        path = tmp_path / f"part-{k}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        parts.append(str(path))
    options: dict[str, object] = {"as_of": AS_OF, "max_examples": 3, "date_format": "iso"}
    single = audit_files(parts, cat, **options)  # type: ignore[arg-type]
    spread = audit_dask(parts, cat, **options)  # type: ignore[arg-type]
    assert spread == single
    assert spread.stats["rows"] == 2800
    assert spread.stats["files"] == parts
    by_code = spread.stats["findings_by_code"]
    assert {"unknown-procedure", "unknown-channel", "malformed-dossier-code"} <= set(by_code)
    assert len(spread.findings) == sum(min(3, n) for n in by_code.values())
    assert spread.stats["clock_flags"]  # the event logs were read by the clock
    # The counts equal one audit of the unsplit file (only file names and lines differ).
    whole = tmp_path / "all.jsonl"
    whole.write_text("".join(json.dumps(r) + "\n" for r in everything), encoding="utf-8")
    one = audit_files(whole, cat, **options)  # type: ignore[arg-type]
    for key in ("rows", "dossiers", "audited", "outcomes", "channels", "clock_flags",
                "findings_by_code", "calendars_built", "errors", "warnings"):  # fmt: skip
        assert spread.stats[key] == one.stats[key], key
    # Partials merge in any order to the same report.
    catalogue = read_catalogue(cat)
    partials = [
        audit_partial(p, catalogue, part=i, as_of=AS_OF, max_examples=3, date_format="iso")
        for i, p in enumerate(parts)
    ]
    forward = partials[0].merge(partials[1]).merge(partials[2]).merge(partials[3])
    shuffled = partials[3].merge(partials[1]).merge(partials[2].merge(partials[0]))
    assert forward == shuffled
    assert forward.report() == single


def _write_parquet_parts(rows_by_part: list[list[dict[str, object]]], folder: Path) -> list[str]:
    """One Parquet file per part; events as their JSON text, as a dump holds them."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (extra 'arrow')")
    pq = pytest.importorskip("pyarrow.parquet")
    folder.mkdir()
    keys = sorted({k for rows in rows_by_part for r in rows for k in r})
    paths = []
    for k, rows in enumerate(rows_by_part):
        columns = {
            key: pa.array(
                [
                    None
                    if r.get(key) is None
                    else json.dumps(r[key])
                    if isinstance(r[key], list)
                    else str(r[key])
                    for r in rows
                ],
                pa.string(),
            )
            for key in keys
        }
        path = folder / f"part-{k}.parquet"
        pq.write_table(pa.table(columns), path)
        paths.append(str(path))
    return paths


def test_parquet_partitions_distributed_equal_single_process(
    tmp_path: Path, cluster: object
) -> None:
    from procedurekit.checks import audit_files
    from procedurekit.contrib.dask import audit_dask

    cat = tmp_path / "catalogue.csv"
    cat.write_text(AUDIT_CATALOGUE, encoding="utf-8")
    audit_parts = [_audit_rows(500, seed=20 + k) for k in range(3)]
    folder = tmp_path / "audit"
    parts = _write_parquet_parts(audit_parts, folder)
    options: dict[str, object] = {"as_of": AS_OF, "max_examples": 3}
    spread = audit_dask(folder, cat, **options)  # type: ignore[arg-type]
    assert spread == audit_files(parts, cat, **options)  # type: ignore[arg-type]
    assert spread.stats["files"] == parts
    assert spread.stats["rows"] == 1500
    # the directory read as one table in one process: the same counts (a date column's
    # format is reported once per file, so once per partition in the spread audit)
    one = audit_files(folder, cat, **options)  # type: ignore[arg-type]
    for key in ("rows", "dossiers", "audited", "outcomes", "channels", "clock_flags",
                "errors", "warnings"):  # fmt: skip
        assert spread.stats[key] == one.stats[key], key
    spread_codes = dict(spread.stats["findings_by_code"])
    one_codes = dict(one.stats["findings_by_code"])
    assert spread_codes.pop("date-format-detected") == 3 * one_codes.pop("date-format-detected")
    assert spread_codes == one_codes
    # and the same counts as the same rows in JSON Lines
    jsonl = tmp_path / "all.jsonl"
    jsonl.write_text(
        "".join(json.dumps(r) + "\n" for rows in audit_parts for r in rows), encoding="utf-8"
    )
    ref = audit_files(jsonl, cat, **options)  # type: ignore[arg-type]
    for key in ("rows", "dossiers", "audited", "outcomes", "channels", "clock_flags"):
        assert spread.stats[key] == ref.stats[key], key

    metric_parts = [_rows(800, seed=30 + k) for k in range(3)]
    metrics_folder = tmp_path / "metrics"
    _write_parquet_parts(metric_parts, metrics_folder)
    for by in (None, ("agency", "month")):
        # date_format given: else each partition reports its detected format once
        single = m.metrics_from_files(metrics_folder, by=by, as_of=AS_OF, date_format="iso")
        assert metrics_dask(metrics_folder, by=by, as_of=AS_OF, date_format="iso") == single
        assert single.overall.counts.received == 2400


def test_typed_parquet_partitions_read_in_columns_equal_single_process(
    tmp_path: Path, cluster: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each typed Parquet partition read by the columnar engine on a worker: the report and
    the indicators of the row engine in one process."""
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (extra 'arrow')")
    from _generated_dossiers import _rows as generated
    from _generated_dossiers import _write_parquet

    from procedurekit.checks import audit_files
    from procedurekit.contrib.dask import audit_dask
    from procedurekit.samples import catalogue_paths

    folder = tmp_path / "parts"
    folder.mkdir()
    rows = generated(15, 1800, hostile=0.3)
    for k in range(3):
        _write_parquet(folder / f"part-{k}.parquet", rows[600 * k : 600 * (k + 1)], typed=True)
    parts = sorted(str(p) for p in folder.iterdir())
    options: dict[str, object] = {"as_of": AS_OF, "max_examples": 3}
    spread = audit_dask(folder, catalogue_paths(), engine="arrow", **options)  # type: ignore[arg-type]
    single = audit_files(parts, catalogue_paths(), engine="python", **options)  # type: ignore[arg-type]
    assert spread.stats.pop("engines") == ["arrow"] * 3
    assert single.stats.pop("engines") == ["python"] * 3
    assert spread == single
    # metrics count each partition on its own (a code repeated in another partition is not
    # a duplicate there): the row engine on the workers is the reference. The workers are
    # threads of this process (inproc), so a spy sees which partitions were read in columns.
    import procedurekit.contrib.dask as dask_module

    read: list[bool] = []
    real = dask_module.metrics_file_arrow

    def spy(*args: object, **kwargs: object) -> object:
        got = real(*args, **kwargs)  # type: ignore[arg-type]
        read.append(got is not None)
        return got

    monkeypatch.setattr(dask_module, "metrics_file_arrow", spy)
    options = {"as_of": AS_OF, "catalogue": catalogue_paths()}
    for by in (None, ("agency", "month")):
        rows_ = metrics_dask(folder, by=by, engine="python", **options)  # type: ignore[arg-type]
        assert metrics_dask(folder, by=by, engine="arrow", **options) == rows_  # type: ignore[arg-type]
        assert rows_.overall.counts.received > 1000
    assert read == [True] * 6
