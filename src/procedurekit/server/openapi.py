"""The OpenAPI 3.1 document of the HTTP service, written from the library's JSON Schemas.

The wire models (``Deadline``, ``DossierClock``, ``Dossier``, ``ChannelTerms``,
``ProcessingTime`` and every duration) come from :func:`procedurekit.json_schema`: their
``$defs`` become ``components/schemas`` and each top-level document is ``<Name>Document``
(it carries ``schema_version``). Only the request envelopes, the problem object and the
calendar and report answers are written here. :func:`docs_page` renders the document as
one self-contained HTML page (no script, no external resource).
"""

from __future__ import annotations

import html
import json
from typing import Any, Final

from procedurekit._time import FIRST_DAY, LAST_DAY
from procedurekit._version import __version__
from procedurekit.deadlines.clock import FINANCIAL_OBLIGATION_POLICIES
from procedurekit.deadlines.rules import RECEIPT_POLICIES
from procedurekit.deadlines.service import SERVICE_MODELS
from procedurekit.phrases.parse import _DEFAULT_UNITS
from procedurekit.serialize import _MOMENT_CLOCK, _MONTH_DAY

__all__ = ["docs_page", "openapi_document"]

_MODELS: Final = ("Deadline", "DossierClock", "Dossier", "ChannelTerms", "ProcessingTime")
_REF: Final = "#/components/schemas/"
_DATETIME_OR_DATE: Final = {
    "type": "string",
    "description": "an ISO 8601 date (the day's opening of office hours) or moment; "
    "without an offset, Vietnam time (UTC+07:00)",
    # The wire format's date and clock rules (the reader also takes a space for T and
    # +0700); years the calendar covers, 2010..2060.
    "pattern": f"^(20[1-5][0-9]|2060){_MONTH_DAY}"
    f"(T{_MOMENT_CLOCK}(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?)?$",
    "examples": ["2026-02-13T10:00:00+07:00"],
}
_POLICY: Final = {
    "type": "string",
    "enum": list(RECEIPT_POLICIES),
    "default": "as-submitted",
}
_UNIT: Final = {
    "type": "string",
    "enum": list(_DEFAULT_UNITS),
}


def _moved(value: Any) -> Any:
    """``value`` with every ``#/$defs/X`` reference pointing at ``components/schemas``."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/"):
                out[k] = _REF + v.removeprefix("#/$defs/")
            else:
                out[k] = _moved(v)
        return out
    if isinstance(value, list):
        return [_moved(v) for v in value]
    return value


def _model_schemas() -> dict[str, Any]:
    from procedurekit.serialize import json_schema

    schemas: dict[str, Any] = {}
    for name in _MODELS:
        doc = json_schema(name)
        for key, sub in doc.pop("$defs", {}).items():
            schemas[key] = _moved(sub)
        for key in ("$schema", "$id"):
            doc.pop(key, None)
        schemas[f"{name}Document"] = _moved(doc)
    return schemas


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _envelopes(schemas: dict[str, Any], max_batch: int) -> dict[str, Any]:
    deadline = schemas["DeadlineDocument"]
    answer = {
        **deadline,
        "title": "DeadlineAnswer",
        "description": "the Deadline document and what a slip shows: the moment received, "
        "the policy, each day explained, the slip line",
        "properties": {
            **deadline["properties"],
            "received": {"type": "string"},
            "receipt_policy": _POLICY,
            "explanation": {"type": "array", "items": _ref("ExplainedDay")},
            "slip": {"type": "string"},
            "slips": {
                "type": "object",
                "properties": {"vi": {"type": "string"}, "en": {"type": "string"}},
                "required": ["vi", "en"],
                "additionalProperties": False,
            },
        },
        "required": [
            *deadline["required"],
            "received",
            "receipt_policy",
            "explanation",
            "slip",
            "slips",
        ],
    }
    day = {
        "type": "object",
        "properties": {
            "date": {"type": "string", "format": "date"},
            "weekday": {"type": "string"},
            "working": {"type": "boolean"},
            "kind": {"type": "string"},
            "name_vi": {"type": "string"},
            "name_en": {"type": "string"},
            "source": {"type": ["string", "null"]},
            "announced": {"type": ["string", "null"], "format": "date"},
            "status": {"type": "string"},
        },
        "required": ["date", "working", "kind", "name_vi", "name_en", "status"],
    }
    return {
        "DeadlineRequest": {
            "type": "object",
            "description": "one deadline: received and either duration (wire form) or phrase",
            "properties": {
                "received": _DATETIME_OR_DATE,
                "duration": _ref("Duration"),
                "phrase": {"type": "string", "examples": ["05 ngày làm việc"]},
                "default_unit": {**_UNIT, "description": "with phrase: a bare number's unit"},
                "receipt_policy": _POLICY,
                "service_model": {
                    "type": "string",
                    "description": "a preset's key, Vietnamese or English name",
                    "examples": list(SERVICE_MODELS),
                },
                "procedure_code": {"type": "string", "pattern": r"\S"},
                "lang": {"type": "string", "enum": ["vi", "en"], "default": "vi"},
            },
            "required": ["received"],
            "oneOf": [{"required": ["duration"]}, {"required": ["phrase"]}],
            "dependentRequired": {"service_model": ["procedure_code"], "default_unit": ["phrase"]},
            "additionalProperties": False,
        },
        "DeadlineAnswer": answer,
        "ExplainedDay": {
            "type": "object",
            "properties": {
                "date": {"type": "string", "format": "date"},
                "reason_vi": {"type": "string"},
                "reason_en": {"type": "string"},
                "source": {"type": ["string", "null"]},
            },
            "required": ["date", "reason_vi", "reason_en", "source"],
            "additionalProperties": False,
        },
        "BatchRequest": {
            "type": "object",
            "properties": {
                "requests": {
                    "type": "array",
                    "items": _ref("DeadlineRequest"),
                    "maxItems": max_batch,
                }
            },
            "required": ["requests"],
            "additionalProperties": False,
        },
        "BatchAnswer": {
            "type": "object",
            "properties": {
                "answers": {
                    "type": "array",
                    "description": "in the order of the requests",
                    "items": {
                        "oneOf": [
                            {
                                "type": "object",
                                "properties": {"deadline": _ref("DeadlineAnswer")},
                                "required": ["deadline"],
                                "additionalProperties": False,
                            },
                            {
                                "type": "object",
                                "properties": {"problem": _ref("Problem")},
                                "required": ["problem"],
                                "additionalProperties": False,
                            },
                        ]
                    },
                }
            },
            "required": ["answers"],
            "additionalProperties": False,
        },
        "ClockRequest": {
            "type": "object",
            "description": "a dossier (wire form), its channel terms or a duration, and as_of",
            "properties": {
                "dossier": _ref("DossierDocument"),
                "terms": _ref("ChannelTermsDocument"),
                "duration": _ref("Duration"),
                "as_of": _DATETIME_OR_DATE,
                "receipt_policy": _POLICY,
                "service_model": {"type": "string"},
                "financial_obligation_pauses": {
                    "type": "string",
                    "enum": list(FINANCIAL_OBLIGATION_POLICIES),
                    "default": "if-excluded",
                },
            },
            "required": ["dossier", "as_of"],
            "additionalProperties": False,
        },
        "PhraseRequest": {
            "type": "object",
            "properties": {
                "text": {"type": "string", "examples": ["05 ngày làm việc"]},
                "default_unit": _UNIT,
            },
            "required": ["text"],
            "additionalProperties": False,
        },
        "PhraseAnswer": {
            "type": "object",
            "properties": {
                "processing_time": _ref("ProcessingTimeDocument"),
                "duration": {"type": "object", "description": "the general case"},
            },
            "required": ["processing_time", "duration"],
            "additionalProperties": False,
        },
        "CalendarYear": {
            "type": "object",
            "properties": {
                "year": {"type": "integer"},
                "provisional": {"type": "boolean"},
                "status": {"type": "string"},
                "data_version": {"type": "string"},
                "days_off": {"type": "array", "items": day},
                "working_days": {"type": "array", "items": day},
            },
            "required": ["year", "provisional", "status", "data_version", "days_off"],
        },
        "ValidationReport": {
            "type": "object",
            "description": "procedurekit validate --format json",
            "properties": {
                "valid": {"type": "boolean"},
                "kind": {"type": "string"},
                "stats": {"type": "object"},
                "errors": {"type": "array", "items": {"type": "object"}},
                "findings": {"type": "array", "items": {"type": "object"}},
            },
            "required": ["valid", "stats", "findings"],
        },
        "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details, with the field path and what was expected",
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "path": {"type": "string"},
                "expected": {"type": "string"},
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "path": {"type": "string"},
                            "message": {"type": "string"},
                            "value": {},
                            "expected": {"type": "string"},
                        },
                        "required": ["path", "message"],
                    },
                },
            },
            "required": ["type", "title", "status", "detail"],
        },
    }


def _json_body(name: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}


def _ok(name: str, description: str = "the answer") -> dict[str, Any]:
    return {
        "200": {
            "description": description,
            "headers": {"X-Procedurekit-Calendar": {"$ref": "#/components/headers/Calendar"}},
            "content": {"application/json": {"schema": _ref(name)}},
        },
        "default": {"$ref": "#/components/responses/Problem"},
    }


def openapi_document(*, max_batch: int = 1000) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the service (``GET /openapi.json``)."""
    schemas = _model_schemas()
    schemas.update(_envelopes(schemas, max_batch))
    calendar_ok = _ok("CalendarYear", "the year's days off and make-up days")
    calendar_ok["200"]["content"]["text/calendar"] = {"schema": {"type": "string"}}
    paths: dict[str, Any] = {
        "/v1/deadlines": {
            "post": {
                "operationId": "deadline",
                "summary": "One deadline: the due date and appointment of a receipt slip",
                "requestBody": _json_body("DeadlineRequest"),
                "responses": _ok("DeadlineAnswer"),
            }
        },
        "/v1/deadlines/batch": {
            "post": {
                "operationId": "deadlineBatch",
                "summary": f"Up to {max_batch} deadlines, answered in order",
                "requestBody": _json_body("BatchRequest"),
                "responses": _ok("BatchAnswer"),
            }
        },
        "/v1/dossiers/clock": {
            "post": {
                "operationId": "dossierClock",
                "summary": "A dossier's clock: due dates after pauses and an apology, outcome",
                "requestBody": _json_body("ClockRequest"),
                "responses": _ok("DossierClockDocument"),
            }
        },
        "/v1/phrases/parse": {
            "post": {
                "operationId": "parsePhrase",
                "summary": "Read a processing-time phrase",
                "requestBody": _json_body("PhraseRequest"),
                "responses": _ok("PhraseAnswer"),
            }
        },
        "/v1/calendar/{year}": {
            "get": {
                "operationId": "calendarYear",
                "summary": "A year's days off and make-up working days (JSON or iCalendar)",
                "parameters": [
                    {
                        "name": "year",
                        "in": "path",
                        "required": True,
                        "schema": {
                            "type": "integer",
                            "minimum": FIRST_DAY.year,
                            "maximum": LAST_DAY.year,
                        },
                    }
                ],
                "responses": calendar_ok,
            }
        },
        "/v1/catalogues/validate": {
            "post": {
                "operationId": "validateCatalogue",
                "summary": "Validate an uploaded catalogue file (the body is the file)",
                "parameters": [
                    {
                        "name": "filename",
                        "in": "query",
                        "required": True,
                        "description": "its suffix names the format: .csv, .tsv, .xlsx, "
                        ".json, .jsonl, optionally .gz",
                        "schema": {"type": "string", "examples": ["catalogue.csv"]},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/octet-stream": {
                            "schema": {"type": "string", "format": "binary"}
                        }
                    },
                },
                "responses": _ok("ValidationReport"),
            }
        },
        "/v1/health": {
            "get": {
                "operationId": "health",
                "summary": "Liveness",
                "responses": {
                    "200": {
                        "description": "up",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"status": {"const": "ok"}},
                                    "required": ["status"],
                                }
                            }
                        },
                    }
                },
            }
        },
        "/v1/version": {
            "get": {
                "operationId": "version",
                "summary": "Library, calendar data and wire-format versions",
                "responses": {
                    "200": {
                        "description": "versions",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "procedurekit": {"type": "string"},
                                        "calendar_data_version": {"type": "string"},
                                        "calendar": {"type": "string"},
                                        "schema_version": {"type": "integer"},
                                        "office_hours": {"type": "string"},
                                    },
                                    "required": [
                                        "procedurekit",
                                        "calendar_data_version",
                                        "schema_version",
                                    ],
                                }
                            }
                        },
                    }
                },
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "procedurekit deadline service",
            "version": __version__,
            "description": "Legal deadlines on the official Vietnamese public-sector calendar "
            "for portals in any language. Every answer carries the calendar data version in "
            "X-Procedurekit-Calendar; every error is application/problem+json (RFC 9457).",
        },
        "paths": paths,
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "headers": {
                "Calendar": {
                    "description": "the calendar data version the answer was computed on",
                    "schema": {"type": "string"},
                }
            },
            "responses": {
                "Problem": {
                    "description": "an error: RFC 9457 problem details",
                    "content": {"application/problem+json": {"schema": _ref("Problem")}},
                }
            },
        },
    }


def docs_page(document: dict[str, Any]) -> str:
    """A self-contained HTML page listing the operations and the schemas of ``document``."""
    e = html.escape
    rows: list[str] = []
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            body = op.get("requestBody", {}).get("content", {})
            request = ", ".join(
                f"{e(media)}: {e(str(spec['schema'].get('$ref', 'bytes')).split('/')[-1])}"
                for media, spec in body.items()
            )
            ok = op["responses"].get("200", {}).get("content", {})
            answer = ", ".join(
                f"{e(media)}: {e(str(spec['schema'].get('$ref', 'object')).split('/')[-1])}"
                for media, spec in ok.items()
            )
            rows.append(
                f"<tr><td><code>{e(method.upper())}</code></td><td><code>{e(path)}</code></td>"
                f"<td>{e(op.get('summary', ''))}</td><td>{request or '-'}</td>"
                f"<td>{answer or '-'}</td></tr>"
            )
    schemas = "".join(
        f'<h3 id="{e(name)}">{e(name)}</h3>'
        f"<pre>{e(json.dumps(schema, indent=2, ensure_ascii=False))}</pre>"
        for name, schema in document["components"]["schemas"].items()
    )
    info = document["info"]
    return (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(info['title'])}</title>"
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;"
        "padding:0 1rem}.scroll{overflow-x:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;"
        "padding:.3rem .5rem;vertical-align:top}pre{background:#f6f6f6;padding:.5rem;"
        "overflow:auto;max-height:24rem}</style>"
        f"<h1>{e(info['title'])} {e(info['version'])}</h1><p>{e(info['description'])}</p>"
        '<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a> '
        "(OpenAPI 3.1).</p>"
        "<h2>Operations</h2><div class=scroll><table><tr><th>Method</th><th>Path</th>"
        "<th>What</th><th>Request</th><th>Answer (200)</th></tr>" + "".join(rows) + "</table></div>"
        "<p>Errors: <code>application/problem+json</code>, schema Problem.</p>"
        "<h2>Schemas</h2>" + schemas + "</html>"
    )
