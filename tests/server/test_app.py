"""The ASGI app in-process (Starlette's TestClient): limits, timeouts, negotiation, and random
bodies that never give a 5xx."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

import procedurekit as pk
from procedurekit.server import create_app
from procedurekit.server.app import _accepts
from procedurekit.testing import durations

POSTS = ["/v1/deadlines", "/v1/deadlines/batch", "/v1/dossiers/clock", "/v1/phrases/parse"]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["2026-02-13", "2026-02-13T10:00", "05 ngày làm việc", "working_days"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
keys = st.sampled_from(
    ["received", "duration", "phrase", "receipt_policy", "service_model", "procedure_code",
     "lang", "default_unit", "requests", "dossier", "terms", "as_of", "text"]
)  # fmt: skip
requests_ = st.dictionaries(keys, json_values, max_size=5)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(POSTS), st.one_of(requests_, json_values))
def test_random_bodies_never_give_a_5xx(client: Any, path: str, body: object) -> None:
    response = client.post(path, content=json.dumps(body).encode())
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["status"] == response.status_code


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(POSTS), st.binary(max_size=300))
def test_random_bytes_never_give_a_5xx(client: Any, path: str, body: bytes) -> None:
    assert client.post(path, content=body).status_code < 500


def test_a_problem_names_the_field_and_what_was_expected(client: Any) -> None:
    response = client.post(
        "/v1/deadlines",
        json={"received": "2026-02-13", "duration": {"unit": "working_days", "value": "-1"}},
    )
    problem = response.json()
    assert response.status_code == 422
    assert problem["path"] == "$.duration.value"
    assert problem["expected"] == '"5" or "0.5"'
    assert problem["errors"][0]["value"] == "-1"
    response = client.post("/v1/deadlines", json={"received": "2026-02-13", "phrase": "5"})
    assert response.json()["path"] == "$.phrase"
    assert response.json()["type"] == "urn:procedurekit:problem:duration-parse"


def test_an_unknown_key_is_refused_with_the_known_ones(client: Any) -> None:
    response = client.post("/v1/deadlines", json={"received": "2026-02-13", "phras": "5 ngày"})
    assert response.status_code == 422
    assert response.json()["path"] == "$.phras"
    assert "phrase" in response.json()["errors"][0]["expected"]


def test_the_body_limit_and_the_timeout() -> None:
    small = TestClient(create_app(max_body_bytes=32))
    body = {"received": "2026-02-13T10:00", "phrase": "05 ngày làm việc"}
    assert small.post("/v1/deadlines", json=body).status_code == 413
    assert small.get("/v1/health").status_code == 200
    hurried = TestClient(create_app(timeout=1e-9))
    response = hurried.post("/v1/deadlines", json=body)
    assert response.status_code == 503
    assert response.json()["type"].endswith("timeout")


def test_office_hours_and_a_calendar_of_ones_own() -> None:
    hours = pk.OfficeHours.parse("07:30-11:30,13:30-16:30")
    cal = pk.WorkingCalendar.vietnam().with_changes(days_off=[date(2026, 3, 3)], name="xa-a")
    client = TestClient(create_app(cal, hours))
    body = {"received": "2026-03-02T09:00", "duration": {"unit": "working_days", "value": "1"}}
    response = client.post("/v1/deadlines", json=body)
    assert response.json()["due_at"] == "2026-03-04T16:30:00+07:00"
    assert response.headers["x-procedurekit-calendar"] == cal.data_version
    assert client.get("/v1/version").json()["calendar"] == "xa-a"


def test_accept_negotiation() -> None:
    offered = ("application/json", "text/calendar")
    assert _accepts(None, offered) == "application/json"
    assert _accepts("text/calendar", offered) == "text/calendar"
    assert _accepts("text/*", offered) == "text/calendar"
    assert _accepts("application/json;q=0.5, text/calendar", offered) == "text/calendar"
    assert _accepts("*/*", offered) == "application/json"
    assert _accepts("text/calendar;q=0", offered) is None
    assert _accepts("image/png", offered) is None


def test_a_bad_configuration_is_refused() -> None:
    import pytest

    for kwargs in ({"max_body_bytes": 0}, {"timeout": 0}, {"max_upload_bytes": True}):
        with pytest.raises(pk.InvalidArgumentError):
            create_app(**kwargs)
    with pytest.raises(pk.InvalidArgumentError):
        create_app(calendar="vietnam")  # type: ignore[arg-type]


def test_an_internal_error_is_a_500_problem_without_a_traceback(
    caplog: Any, monkeypatch: Any
) -> None:
    from procedurekit.server import _documents

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    app = create_app()
    monkeypatch.setattr(_documents, "phrase_answer", broken)
    client = TestClient(app, raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="procedurekit.access"):
        response = client.post("/v1/phrases/parse", json={"text": "5 ngày"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "ZeroDivisionError" not in response.text
    assert response.headers["x-procedurekit-calendar"]


def test_the_docs_page_lists_every_operation(client: Any) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for path in client.get("/openapi.json").json()["paths"]:
        assert path in page.text
    assert "http://" not in page.text
    assert "<script" not in page.text


def test_icalendar_without_its_extra_is_a_501(client: Any, monkeypatch: Any) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)
    response = client.get("/v1/calendar/2026", headers={"accept": "text/calendar"})
    assert response.status_code == 501
    assert "procedurekit[ics]" in response.json()["detail"]
    assert client.get("/v1/calendar/2026").status_code == 200


def test_the_cli_prints_what_the_service_answers(client: Any) -> None:
    import io

    from procedurekit.cli import main

    out = io.StringIO()
    argv = ["--received", "2026-02-13T10:00:00+07:00", "--duration", "05 ngày làm việc"]
    assert main(["deadline", *argv, "--json"], out=out) == 0
    request = {"received": "2026-02-13T10:00:00+07:00", "phrase": "05 ngày làm việc"}
    assert json.loads(out.getvalue()) == client.post("/v1/deadlines", json=request).json()
    out = io.StringIO()
    assert main(["calendar", "2027", "--format", "json"], out=out) == 0
    assert json.loads(out.getvalue()) == client.get("/v1/calendar/2027").json()


def test_a_slow_request_is_answered_503_at_the_timeout(monkeypatch: Any) -> None:
    import time

    from procedurekit.server import _documents

    def slow(request: object) -> dict[str, Any]:
        time.sleep(1.5)
        return {}

    monkeypatch.setattr(_documents, "phrase_answer", slow)
    client = TestClient(create_app(timeout=0.2))
    started = time.perf_counter()
    response = client.post("/v1/phrases/parse", json={"text": "5 ngày"})
    assert response.status_code == 503
    assert time.perf_counter() - started < 1.2


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    received=st.datetimes(min_value=datetime(2012, 1, 1), max_value=datetime(2058, 12, 31)),
    duration=durations(),
    policy=st.sampled_from(["as-submitted", "next-opening"]),
    lang=st.sampled_from(["vi", "en"]),
)
def test_any_deadline_equals_the_library(
    client: Any, received: datetime, duration: pk.Duration, policy: str, lang: str
) -> None:
    """The service's answer for a generated request is the library's, or both refuse it."""
    from conftest import library_deadline

    request = {
        "received": received.isoformat(),
        "duration": {k: v for k, v in pk.to_dict(duration).items() if k != "schema_version"},
        "receipt_policy": policy,
        "lang": lang,
    }
    response = client.post("/v1/deadlines", json=request)
    refused: str | None = None
    try:
        expected = library_deadline(request)
    except pk.ProcedureKitError as error:
        refused = error.message
    if refused is not None:
        assert response.status_code == 422, response.text
        assert response.json()["detail"] == refused
    else:
        assert response.status_code == 200, response.text
        assert response.json() == expected


def test_a_request_with_several_bad_fields_reports_each(client: Any) -> None:
    """Every field's problem is listed with its path, not the first one only; a request
    with one bad field keeps that field's own kind of problem."""
    r = client.post(
        "/v1/deadlines",
        json={"received": "2026-02-30T10:00", "phrase": 5, "receipt_policy": "sometimes"},
    )
    assert r.status_code == 422
    body = r.json()
    assert body["type"] == "urn:procedurekit:problem:structure"
    assert [e["path"] for e in body["errors"]] == ["$.received", "$.phrase", "$.receipt_policy"]
    one = client.post("/v1/deadlines", json={"received": "2026-02-13T10:00", "phrase": "abc"})
    assert one.status_code == 422
    assert one.json()["type"] == "urn:procedurekit:problem:duration-parse"
    assert one.json()["path"] == "$.phrase"
