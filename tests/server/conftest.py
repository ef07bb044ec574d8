"""The HTTP service: a real server in a subprocess (uvicorn on a free loopback port) for the
end-to-end tests, Starlette's TestClient for the fast ones, and the cases both use."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import procedurekit as pk

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx2")

#: Deadline requests in the service's shape, each with what the library is asked.
DEADLINES: list[dict[str, Any]] = [
    {"received": "2026-02-13T10:00", "phrase": "05 ngày làm việc"},
    {"received": "2026-02-13T10:00:00+07:00", "duration": {"unit": "working_days", "value": "5"}},
    {"received": "2026-02-13T03:00:00Z", "duration": {"unit": "working_hours", "value": "12"}},
    {"received": "2026-04-25T10:00", "phrase": "1 ngày làm việc", "receipt_policy": "next-opening"},
    {"received": "2026-03-06T15:01", "duration": {"unit": "same_day", "cutoff": "15:00:00"}},
    {"received": "2026-01-30", "duration": {"unit": "months", "value": "1"}, "lang": "en"},
    {"received": "2026-03-02", "phrase": "20 ngày hoặc 40 ngày (trường hợp đặc biệt)"},
    {"received": "2026-03-02", "phrase": "1", "default_unit": "working_days"},
    {"received": "2026-03-02T09:00", "duration": {"unit": "no_time_limit"}},
    {
        "received": "2026-03-06T09:00",
        "duration": {"unit": "working_days", "value": "3"},
        "service_model": "quick-friday",
        "procedure_code": "1.001234",
    },
]


def library_deadline(req: dict[str, Any]) -> dict[str, Any]:
    """What the library gives for a deadline request, called directly."""
    from procedurekit._time import parse_iso
    from procedurekit.serialize import read_value
    from procedurekit.server._documents import deadline_document

    received = parse_iso(req["received"])
    if "duration" in req:
        duration = read_value(pk.Duration, req["duration"])
    else:
        duration = pk.parse_duration(req["phrase"], default_unit=req.get("default_unit"))
    policy = req.get("receipt_policy", "as-submitted")
    rules = pk.DeadlineRules(pk.WorkingCalendar.vietnam(), receipt_policy=policy)
    model = None
    if "service_model" in req:
        model = pk.ServiceModel.preset(req["service_model"], procedures=[req["procedure_code"]])
    dl = rules.due(
        received, duration, service_model=model, procedure_code=req.get("procedure_code")
    )
    return deadline_document(
        dl, received=received, receipt_policy=policy, lang=req.get("lang", "vi")
    )


def supplement_dossier() -> pk.Dossier:
    """Accepted, a supplement requested and received, an apology, then the result."""
    at = datetime
    return pk.Dossier(
        code=pk.DossierCode("H21.65-260302-0001"),
        channel=pk.Channel.COUNTER,
        events=[
            pk.Event(kind=pk.EventKind.ACCEPTED, at=at(2026, 3, 2, 9, 0)),
            pk.Event(kind=pk.EventKind.SUPPLEMENT_REQUESTED, at=at(2026, 3, 3, 10, 0)),
            pk.Event(kind=pk.EventKind.SUPPLEMENT_RECEIVED, at=at(2026, 3, 5, 14, 0)),
            pk.Event(
                kind=pk.EventKind.APOLOGY_ISSUED,
                at=at(2026, 3, 9, 9, 0),
                new_due_date=datetime(2026, 3, 13).date(),
            ),
            pk.Event(kind=pk.EventKind.PROCESSED, at=at(2026, 3, 12, 11, 0)),
            pk.Event(kind=pk.EventKind.RESULT_RETURNED, at=at(2026, 3, 12, 15, 0)),
        ],
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class LiveServer:
    """``procedurekit serve`` running in a subprocess; its stderr (the access log) in a file."""

    def __init__(self, tmp: Path, *options: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "server.log"
        self._log_file = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "procedurekit", "serve", "--port", str(self.port), *options],
            stdout=subprocess.DEVNULL,
            stderr=self._log_file,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.client = httpx.Client(base_url=self.url, timeout=30)
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.client.get("/v1/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the server did not start: {self.log.read_text()}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.client.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("server"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app() -> Any:
    from procedurekit.server import create_app

    return create_app()


@pytest.fixture(scope="session")
def client(app: Any) -> Iterator[Any]:
    from starlette.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
