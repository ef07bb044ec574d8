"""Contract tests: schemathesis drives every operation from the service's own OpenAPI
document (in-process, at most 25 examples an operation); no 5xx, and every answer's status,
media type, headers and body valid against the document.

The positive-data check (a schema-valid request must be accepted) is left out: a JSON
Schema cannot say what the engine refuses on meaning (30 February, a year outside
2010..2060, a service model without its procedure), and those answers are 422 problems,
which the document declares.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from procedurekit.server import create_app  # noqa: E402

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(max_examples=25, suppress_health_check=list(HealthCheck), deadline=None)
def test_every_operation_keeps_its_contract(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
