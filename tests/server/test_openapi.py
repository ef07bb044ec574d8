"""The OpenAPI 3.1 document is written from the library's JSON Schemas, and every answer
the service gives validates against it."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import procedurekit as pk
from conftest import DEADLINES, supplement_dossier
from procedurekit.server.openapi import openapi_document

DOC = openapi_document()
REGISTRY = Registry().with_resource(
    "urn:openapi", Resource.from_contents(DOC, default_specification=DRAFT202012)
)


def check(name: str, instance: Any) -> None:
    schema = {"$ref": f"urn:openapi#/components/schemas/{name}"}
    jsonschema.Draft202012Validator(
        schema, registry=REGISTRY, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(instance)


def test_the_document_is_openapi_3_1_with_every_operation() -> None:
    assert DOC["openapi"] == "3.1.0"
    ops = {(path, method) for path, item in DOC["paths"].items() for method in item}
    assert ops == {
        ("/v1/deadlines", "post"),
        ("/v1/deadlines/batch", "post"),
        ("/v1/dossiers/clock", "post"),
        ("/v1/phrases/parse", "post"),
        ("/v1/calendar/{year}", "get"),
        ("/v1/catalogues/validate", "post"),
        ("/v1/health", "get"),
        ("/v1/version", "get"),
    }
    for schema in DOC["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("model", ["Deadline", "DossierClock", "Dossier", "ChannelTerms"])
def test_the_models_are_the_library_schemas(model: str) -> None:
    library = pk.json_schema(model)
    found = DOC["components"]["schemas"][f"{model}Document"]
    assert found["properties"].keys() == library["properties"].keys()
    assert found["required"] == library["required"]
    for name in library.get("$defs", {}):
        assert name in DOC["components"]["schemas"], name


def test_every_answer_validates_against_the_document(client: Any) -> None:
    for request in DEADLINES:
        check("DeadlineRequest", request)
        check("DeadlineAnswer", client.post("/v1/deadlines", json=request).json())
    batch = {"requests": [*DEADLINES, {"received": "2026-02-30", "phrase": "5 ngày"}]}
    check("BatchAnswer", client.post("/v1/deadlines/batch", json=batch).json())
    clock = {
        "dossier": pk.to_dict(supplement_dossier()),
        "duration": {"unit": "working_days", "value": "5"},
        "as_of": "2026-03-20",
    }
    check("ClockRequest", clock)
    check("DossierClockDocument", client.post("/v1/dossiers/clock", json=clock).json())
    check("PhraseAnswer", client.post("/v1/phrases/parse", json={"text": "5 ngày"}).json())
    check("CalendarYear", client.get("/v1/calendar/2026").json())
    check("Problem", client.post("/v1/deadlines", json={"received": 1}).json())
