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
            "dossier_code": f"H21.{i % 7}-{d:%y%m%d}-{i:04d}",
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
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
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
