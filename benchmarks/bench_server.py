"""The HTTP service on loopback: requests per second and p50/p99 latency for a single
deadline, a batch of 1,000 and ``/v1/health``, in the same run (ratios to health), and one
CLI process per slip as the baseline the service replaces.

Run: ``.venv/bin/python benchmarks/bench_server.py [--requests 2000] [--seconds 20]``. Starts
``procedurekit serve`` (one worker) on a free loopback port, calls it from one keep-alive
client (httpx2), one request at a time, after a warm-up; each scenario stops after
``--requests`` requests or ``--seconds`` seconds, whichever comes first (batches: a tenth
of the requests), then the server is stopped. Needs the ``server`` extra and httpx2 (both
in the ``test`` extra).
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx2 as httpx

SINGLE = {"received": "2026-02-13T10:00", "phrase": "05 ngày làm việc"}
PHRASES = ["05 ngày làm việc", "20 ngày", "01 tháng", "Trong ngày", "15 ngày làm việc", "3 ngày"]


def _batch(n: int) -> dict[str, Any]:
    return {
        "requests": [
            {
                "received": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{8 + i % 9:02d}:30",
                "phrase": PHRASES[i % len(PHRASES)],
            }
            for i in range(n)
        ]
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _measure(call: Callable[[], Any], count: int, seconds: float) -> list[float]:
    for _ in range(min(50, count)):  # warm-up
        call()
    times: list[float] = []
    stop = time.perf_counter() + seconds
    while len(times) < count and time.perf_counter() < stop:
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return times


def _row(name: str, times: list[float], health: list[float] | None, items: int = 1) -> str:
    total = sum(times)
    rps = len(times) / total
    p50 = statistics.median(times) * 1000
    p99 = sorted(times)[max(0, int(len(times) * 0.99) - 1)] * 1000
    ratio = "1.0" if health is None else f"{p50 / (statistics.median(health) * 1000):.1f}"
    per_item = f"{rps * items:,.0f}" if items > 1 else f"{rps:,.0f}"
    return (
        f"| {name} | {len(times):,} | {rps:,.0f} | {per_item} | {p50:.2f} | {p99:.2f} | {ratio} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "procedurekit", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.get("/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
        batch = json.dumps(_batch(1000), ensure_ascii=False).encode()
        single = json.dumps(SINGLE, ensure_ascii=False).encode()
        headers = {"content-type": "application/json"}

        def health() -> None:
            assert client.get("/v1/health").status_code == 200

        def one() -> None:
            assert client.post("/v1/deadlines", content=single, headers=headers).status_code == 200

        def thousand() -> None:
            r = client.post("/v1/deadlines/batch", content=batch, headers=headers)
            assert r.status_code == 200
            assert len(r.json()["answers"]) == 1000

        n, s = args.requests, args.seconds
        h = _measure(health, n, s)
        rows = [
            _row("GET /v1/health (baseline)", h, None),
            _row("POST /v1/deadlines (one phrase)", _measure(one, n, s), h),
            _row(
                "POST /v1/deadlines/batch (1,000)", _measure(thousand, max(1, n // 10), s), h, 1000
            ),
        ]
        client.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    cli = []
    for _ in range(10):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "procedurekit", "deadline", "--received", "2026-02-13T10:00",
             "--duration", "05 ngày làm việc", "--json"],
            check=True, capture_output=True,
        )  # fmt: skip
        cli.append(time.perf_counter() - t)
    rows.append(_row("CLI, one process per slip", cli, h))
    print("| scenario | requests | requests/s | deadlines/s | p50 ms | p99 ms | p50 × health |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
