"""End to end: ``procedurekit serve`` in a subprocess on a free loopback port, called with a
real HTTP client; every answer equals the library's own result for the same input."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

import procedurekit as pk
from conftest import DEADLINES, LiveServer, library_deadline, supplement_dossier
from procedurekit._time import parse_iso
from procedurekit.samples import catalogue_paths

CALENDAR = pk.WorkingCalendar.vietnam()


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    assert response.headers["x-procedurekit-calendar"] == CALENDAR.data_version
    return response.json()


@pytest.mark.parametrize("request_", DEADLINES, ids=range(len(DEADLINES)))
def test_a_deadline_equals_the_library(live: LiveServer, request_: dict[str, Any]) -> None:
    assert _ok(live.client.post("/v1/deadlines", json=request_)) == library_deadline(request_)


def test_a_batch_answers_in_order_with_per_item_problems(live: LiveServer) -> None:
    bad = {"received": "2026-02-30", "phrase": "5 ngày"}
    requests = [*DEADLINES, bad, *DEADLINES]
    answers = _ok(live.client.post("/v1/deadlines/batch", json={"requests": requests}))["answers"]
    assert len(answers) == len(requests)
    for i, (req, answer) in enumerate(zip(requests, answers, strict=True)):
        if req is bad:
            assert answer["problem"]["path"] == f"$.requests[{i}].received"
            assert answer["problem"]["status"] == 422
        else:
            assert answer == {"deadline": library_deadline(req)}


def test_a_batch_of_junk_is_answered_item_by_item(live: LiveServer) -> None:
    junk = [1, None, [], "x", {"received": "2026-01-05"}]
    answers = _ok(live.client.post("/v1/deadlines/batch", json={"requests": junk}))["answers"]
    assert [a["problem"]["path"] for a in answers] == [
        "$.requests[0]",
        "$.requests[1]",
        "$.requests[2]",
        "$.requests[3]",
        "$.requests[4].duration",
    ]


def test_a_thousand_in_one_batch_and_no_more(live: LiveServer) -> None:
    requests = (DEADLINES * 100)[:1000]
    answers = _ok(live.client.post("/v1/deadlines/batch", json={"requests": requests}))
    assert len(answers["answers"]) == 1000
    too_many = live.client.post("/v1/deadlines/batch", json={"requests": [*requests, DEADLINES[0]]})
    assert too_many.status_code == 422
    assert too_many.json()["path"] == "$.requests"


def test_the_dossier_clock_equals_the_library(live: LiveServer) -> None:
    dossier = supplement_dossier()
    rules = pk.DeadlineRules(CALENDAR)
    for as_of in ("2026-03-04", "2026-03-10T12:00:00+07:00", "2026-03-20"):
        request = {
            "dossier": pk.to_dict(dossier),
            "duration": {"unit": "working_days", "value": "5"},
            "as_of": as_of,
        }
        found = _ok(live.client.post("/v1/dossiers/clock", json=request))
        expected = dossier.clock(rules, pk.WorkingDays(5), as_of=parse_iso(as_of))
        assert found == pk.to_dict(expected)
    # the supplement paused it, the apology moved the appointment, the result came late
    assert found["due_date"] == "2026-03-11"
    assert found["extended_due_date"] == "2026-03-13"
    assert found["outcome"] == "late"


def test_the_clock_reads_channel_terms(live: LiveServer) -> None:
    text = "05 ngày làm việc, không kể thời gian thực hiện nghĩa vụ tài chính"
    terms = pk.ChannelTerms(
        channel=pk.Channel.COUNTER,
        time_text=text,
        processing_time=pk.parse_processing_time(text),
    )
    request = {"dossier": pk.to_dict(supplement_dossier()), "terms": pk.to_dict(terms),
               "as_of": "2026-03-20"}  # fmt: skip
    found = _ok(live.client.post("/v1/dossiers/clock", json=request))
    rules = pk.DeadlineRules(CALENDAR)
    expected = supplement_dossier().clock(rules, terms, as_of=date(2026, 3, 20))
    assert found == pk.to_dict(expected)


def test_a_phrase_equals_the_parser(live: LiveServer) -> None:
    text = "20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; không kể thời gian niêm yết"
    found = _ok(live.client.post("/v1/phrases/parse", json={"text": text}))
    assert found == {
        "processing_time": pk.to_dict(pk.parse_processing_time(text)),
        "duration": pk.to_dict(pk.parse_duration(text)),
    }


def test_the_calendar_as_json_and_as_icalendar(live: LiveServer) -> None:
    from procedurekit.server._documents import calendar_year_document

    assert _ok(live.client.get("/v1/calendar/2026")) == calendar_year_document(CALENDAR, 2026)
    ics = live.client.get("/v1/calendar/2026", headers={"accept": "text/calendar"})
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    from procedurekit.calendar.ics import calendar_ics

    assert ics.text == calendar_ics(CALENDAR, 2026)
    refused = live.client.get("/v1/calendar/2026", headers={"accept": "image/png"})
    assert refused.status_code == 406
    assert refused.headers["content-type"] == "application/problem+json"


def test_a_catalogue_upload_equals_validate(live: LiveServer) -> None:
    from procedurekit.checks import validate_files

    for path in catalogue_paths():
        found = live.client.post(
            "/v1/catalogues/validate",
            params={"filename": path.name},
            content=path.read_bytes(),
            headers={"content-type": "application/octet-stream"},
        )
        expected = json.loads(validate_files([path]).to_json(indent=None))
        text = json.dumps(expected, ensure_ascii=False).replace(
            json.dumps(str(path), ensure_ascii=False)[1:-1], path.name
        )
        assert _ok(found) == json.loads(text)


def test_health_and_version(live: LiveServer) -> None:
    assert _ok(live.client.get("/v1/health")) == {"status": "ok"}
    version = _ok(live.client.get("/v1/version"))
    assert version["procedurekit"] == pk.__version__
    assert version["calendar_data_version"] == CALENDAR.data_version
    assert version["schema_version"] == pk.SCHEMA_VERSION


HOSTILE: list[tuple[str, bytes]] = [
    ("/v1/deadlines", b"{not json"),
    ("/v1/deadlines", b""),
    ("/v1/deadlines", b"\xff\xfe\x00garbage"),
    ("/v1/deadlines", b"[" * 100_000),
    ("/v1/deadlines", b'{"a":' * 5_000 + b"1" + b"}" * 5_000),
    ("/v1/deadlines", b'{"received": NaN, "phrase": "5"}'),
    ("/v1/deadlines", b'{"received": "2026-01-01", "received": "2026-01-02", "phrase": "5 ngay"}'),
    ("/v1/deadlines", b'{"received": ["2026-01-01"], "phrase": {"x": 1}}'),
    ("/v1/deadlines", b'{"received": "2026-01-01", "duration": {"unit": "weeks", "value": "1"}}'),
    ("/v1/deadlines", b'{"received": "2026-01-01", "duration": {"unit": "months", "value": 1e9}}'),
    ("/v1/deadlines", b'{"received": "9999-12-31T23:59:59+14:00", "phrase": "5 ngay"}'),
    ("/v1/deadlines", b'{"received": "2026-01-01", "phrase": "' + b"9" * 10_000 + b' ngay"}'),
    ("/v1/deadlines", b'"just a string"'),
    ("/v1/deadlines/batch", b'{"requests": {"0": 1}}'),
    ("/v1/dossiers/clock", b'{"dossier": {"schema_version": 99}, "as_of": "2026-01-01"}'),
    ("/v1/dossiers/clock", b'{"dossier": [], "as_of": 5}'),
    ("/v1/dossiers/clock", b'{"dossier": ' + b"[" * 3_000 + b"]" * 3_000 + b', "as_of": "x"}'),
    ("/v1/phrases/parse", b'{"text": null}'),
    ("/v1/phrases/parse", b'{"text": "\\ud800"}'),
    ("/v1/catalogues/validate?filename=x.csv", b"\x00\x01\x02" * 1000),
    ("/v1/catalogues/validate?filename=x.xlsx", b"PK\x03\x04" + b"\x00" * 100),
    ("/v1/catalogues/validate?filename=../../etc/passwd", b"a,b\n1,2\n"),
    ("/v1/catalogues/validate", b"a,b\n1,2\n"),
]


@pytest.mark.parametrize(("path", "body"), HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_bodies_get_a_4xx_problem(live: LiveServer, path: str, body: bytes) -> None:
    response = live.client.post(path, content=body, headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-procedurekit-calendar"] == CALENDAR.data_version
    problem = response.json()
    assert problem["status"] == response.status_code
    assert {"type", "title", "detail"} <= set(problem)
    assert "Traceback" not in response.text


def test_a_huge_body_is_refused_before_it_is_read(live: LiveServer) -> None:
    body = b'{"received": "2026-01-01", "phrase": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    response = live.client.post("/v1/deadlines", content=body)
    assert response.status_code == 413
    assert response.json()["type"].endswith("body-too-large")

    def chunks() -> Any:  # no Content-Length: counted while read
        for _ in range(40):
            yield b" " * 65_536

    response = live.client.post("/v1/deadlines", content=chunks())
    assert response.status_code == 413


def test_unknown_paths_and_methods_are_problems(live: LiveServer) -> None:
    for response, status in (
        (live.client.get("/v1/nothing"), 404),
        (live.client.get("/v1/deadlines"), 405),
        (live.client.get("/v1/calendar/nope"), 404),
        (live.client.get("/v1/calendar/1990"), 422),
    ):
        assert response.status_code == status
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["x-procedurekit-calendar"] == CALENDAR.data_version


def test_the_access_log_is_json_lines(live: LiveServer) -> None:
    live.client.get("/v1/health")
    lines = [json.loads(x) for x in live.log.read_text().splitlines() if x.startswith("{")]
    assert lines
    assert {"time", "method", "path", "status", "bytes", "duration_ms", "client"} <= set(lines[-1])
    assert any(x["path"] == "/v1/health" and x["status"] == 200 for x in lines)


def test_serve_with_workers_a_calendar_file_and_office_hours(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from _paths import ROOT

    announcement = ROOT / "docs" / "examples" / "announcement-2027.example.toml"
    hours = "07:30-11:30,13:30-16:30"
    server = LiveServer(
        tmp_path_factory.mktemp("configured"),
        *("--workers", "2", "--calendar-file", str(announcement), "--office-hours", hours),
    )
    try:
        cal = pk.WorkingCalendar.vietnam(extra_files=[announcement])
        version = server.client.get("/v1/version")
        assert version.json()["calendar_data_version"] == cal.data_version
        assert version.headers["x-procedurekit-calendar"] == cal.data_version
        request = {"received": "2027-02-10T09:00", "duration": {"unit": "working_days",
                                                                 "value": "1"}}  # fmt: skip
        answer = server.client.post("/v1/deadlines", json=request).json()
        rules = pk.DeadlineRules(cal, hours=pk.OfficeHours.parse(hours))
        expected = rules.due(parse_iso(request["received"]), pk.WorkingDays(1))
        assert answer["due_at"] == expected.due_at.isoformat()
        assert answer["due_date"] == "2027-02-12"  # the example swaps 11 February off
    finally:
        server.stop()


def test_serve_on_a_busy_port_exits_2_with_one_line() -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "procedurekit", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert f"could not start on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr
