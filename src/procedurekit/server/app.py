"""The ASGI application of the HTTP service (Starlette), over :mod:`._documents`.

Each endpoint reads its body within a size limit and a time limit, hands the JSON to one
function of :mod:`procedurekit.server._documents` and writes the answer; nothing is kept
between requests. Every answer carries the calendar data version in
``X-Procedurekit-Calendar``; every error is an RFC 9457 ``application/problem+json`` object
naming the field and what was expected; an unexpected failure is a 500 problem without a
traceback. One JSON line per request goes to the ``procedurekit.access`` logger.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Final

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from procedurekit._version import __version__
from procedurekit.calendar.hours import OfficeHours
from procedurekit.calendar.working import WorkingCalendar
from procedurekit.errors import InvalidArgumentError, Problem, ProcedureKitError, StructureError
from procedurekit.server import _documents as docs
from procedurekit.server.openapi import docs_page, openapi_document

__all__ = [
    "CALENDAR_HEADER",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_UPLOAD_BYTES",
    "DEFAULT_TIMEOUT",
    "create_app",
    "create_app_from_environment",
]

#: The response header that carries the calendar data version of every answer.
CALENDAR_HEADER: Final = "X-Procedurekit-Calendar"
#: The largest JSON request body by default (1 MiB: a batch of 1,000 requests fits).
DEFAULT_MAX_BODY_BYTES: Final = 1024 * 1024
#: The largest uploaded catalogue by default (32 MiB).
DEFAULT_MAX_UPLOAD_BYTES: Final = 32 * 1024 * 1024
#: Seconds one request may take, reading its body included (then 503, or 408 while reading).
DEFAULT_TIMEOUT: Final = 30.0
#: Environment variables :func:`create_app_from_environment` reads (set by ``serve``).
ENV_CALENDAR_FILES: Final = "PROCEDUREKIT_SERVER_CALENDAR_FILES"
ENV_OFFICE_HOURS: Final = "PROCEDUREKIT_SERVER_OFFICE_HOURS"
ENV_MAX_BODY: Final = "PROCEDUREKIT_SERVER_MAX_BODY_BYTES"
ENV_TIMEOUT: Final = "PROCEDUREKIT_SERVER_TIMEOUT"

_JSON: Final = "application/json"
_PROBLEM: Final = "application/problem+json"
_ICS: Final = "text/calendar"


class _Problem(Exception):
    """An answer that is a problem object (raised inside an endpoint)."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(body.get("detail"))
        self.body = body


def _dump(data: Any) -> bytes:
    # backslashreplace: a lone surrogate (never in a valid answer) stays a JSON escape.
    return json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8", "backslashreplace")


def _json(data: Any, status: int = 200) -> Response:
    return Response(_dump(data), status_code=status, media_type=_JSON)


def _problem_response(body: dict[str, Any]) -> Response:
    return Response(_dump(body), status_code=int(body["status"]), media_type=_PROBLEM)


class _Guard:
    """Pure ASGI middleware: the calendar header on every answer, a JSON access log line
    per request, and a 500 problem (no traceback) for anything unexpected."""

    def __init__(self, app: ASGIApp, *, version: str, log: logging.Logger) -> None:
        self.app = app
        self.version = version
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state: dict[str, Any] = {"status": 0, "bytes": 0, "sent": False}
        extra = [
            (CALENDAR_HEADER.lower().encode(), self.version.encode("latin-1", "replace")),
            (b"x-procedurekit-version", __version__.encode()),
        ]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["sent"] = True
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            elif message["type"] == "http.response.body":
                state["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # a bug, never bad input: a problem without a traceback
            self.log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if not state["sent"]:
                body = docs.problem(status=500, detail="internal error (reported in the log)")
                await _problem_response(body)(scope, receive, send_with_headers)
        finally:
            client = scope.get("client")
            self.log.info(
                json.dumps(
                    {
                        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                        "method": scope.get("method"),
                        "path": scope.get("path"),
                        "status": state["status"],
                        "bytes": state["bytes"],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                        "client": client[0] if client else None,
                    },
                    ensure_ascii=False,
                )
            )


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused past ``limit`` bytes (413) without reading further."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _Problem(_too_large(limit))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _Problem(_too_large(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> dict[str, Any]:
    return docs.problem(
        status=413,
        kind="body-too-large",
        detail=f"the request body is larger than {limit} bytes",
    )


def _accepts(header: str | None, offered: tuple[str, ...]) -> str | None:
    """The media type of ``offered`` the ``Accept`` header prefers (the first offered when
    no header), or ``None`` when it accepts none of them."""
    if not header:
        return offered[0]
    best: tuple[float, int, str] | None = None
    for position, item in enumerate(header.split(",")):
        media, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        for choice in offered:
            kind = choice.split("/")[0]
            if media in (choice, "*/*", f"{kind}/*") and q > 0:
                rank = (q, -position, choice)
                if best is None or rank[:2] > best[:2]:
                    best = rank
                break
    return best[2] if best else None


class _Service:
    """The endpoints, over one calendar and one office-hours schedule (read-only)."""

    def __init__(
        self,
        calendar: WorkingCalendar,
        hours: OfficeHours,
        *,
        max_body_bytes: int,
        max_upload_bytes: int,
        timeout: float,
    ) -> None:
        self.calendar = calendar
        self.hours = hours
        self.max_body = max_body_bytes
        self.max_upload = max_upload_bytes
        self.timeout = timeout
        self.openapi = _dump(openapi_document(max_batch=docs.MAX_BATCH))
        self.page = docs_page(openapi_document(max_batch=docs.MAX_BATCH))

    async def _run(
        self, request: Request, work: Callable[[bytes], Any], *, limit: int | None = None
    ) -> Response:
        """Read the body, run ``work`` on it in a worker thread, answer its JSON; every
        library error a problem."""
        try:
            with anyio.fail_after(self.timeout):
                body = await _body(request, self.max_body if limit is None else limit)
                # Abandoned on timeout: the answer is a 503 now; the thread's bounded work
                # finishes on its own and its result is dropped.
                result = await anyio.to_thread.run_sync(work, body, abandon_on_cancel=True)
        except _Problem as exc:
            return _problem_response(exc.body)
        except TimeoutError:
            return _problem_response(
                docs.problem(
                    status=503,
                    kind="timeout",
                    detail=f"the request took longer than {self.timeout:g} s",
                )
            )
        except ProcedureKitError as exc:
            return _problem_response(docs.problem(exc))
        except RecursionError:
            error = StructureError("cannot read", [Problem("$", "nested too deeply")])
            return _problem_response(docs.problem(error, status=400))
        return _json(result)

    def _read(self, body: bytes) -> object:
        try:
            return docs.read_json(body)
        except StructureError as exc:
            raise _Problem(docs.problem(exc, status=400, kind="invalid-json")) from None

    async def deadline(self, request: Request) -> Response:
        return await self._run(
            request,
            lambda b: docs.deadline_answer(self._read(b), calendar=self.calendar, hours=self.hours),
        )

    async def batch(self, request: Request) -> Response:
        return await self._run(
            request,
            lambda b: docs.batch_answers(self._read(b), calendar=self.calendar, hours=self.hours),
        )

    async def clock(self, request: Request) -> Response:
        return await self._run(
            request,
            lambda b: docs.clock_answer(self._read(b), calendar=self.calendar, hours=self.hours),
        )

    async def phrase(self, request: Request) -> Response:
        return await self._run(request, lambda b: docs.phrase_answer(self._read(b)))

    async def validate(self, request: Request) -> Response:
        name = request.query_params.get("filename", "")
        return await self._run(
            request,
            lambda b: docs.validate_answer(b, name, max_bytes=self.max_upload),
            limit=self.max_upload,
        )

    async def calendar_year(self, request: Request) -> Response:
        year: int = request.path_params["year"]
        media = _accepts(request.headers.get("accept"), (_JSON, _ICS))
        if media is None:
            return _problem_response(
                docs.problem(
                    status=406,
                    kind="not-acceptable",
                    detail=f"GET /v1/calendar/{{year}} answers {_JSON} or {_ICS}",
                )
            )
        try:
            if media == _ICS:
                from procedurekit.calendar.ics import calendar_ics

                text = calendar_ics(self.calendar, year)
                return Response(text.encode("utf-8"), media_type=f"{_ICS}; charset=utf-8")
            return _json(docs.calendar_year_document(self.calendar, year))
        except ProcedureKitError as exc:
            return _problem_response(docs.problem(exc))

    async def health(self, request: Request) -> Response:
        return _json({"status": "ok"})

    async def version(self, request: Request) -> Response:
        from procedurekit.serialize import SCHEMA_VERSION

        return _json(
            {
                "procedurekit": __version__,
                "calendar_data_version": self.calendar.data_version,
                "calendar": self.calendar.name,
                "schema_version": SCHEMA_VERSION,
                "office_hours": repr(self.hours),
            }
        )

    async def openapi_json(self, request: Request) -> Response:
        return Response(self.openapi, media_type=_JSON)

    async def docs_html(self, request: Request) -> Response:
        return HTMLResponse(self.page)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (404, 405, ...) as problem objects."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else None
    if status == 404:
        detail = f"no resource at {request.url.path}; see /openapi.json"
    body = docs.problem(status=status, detail=detail)
    headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
    return Response(_dump(body), status_code=status, media_type=_PROBLEM, headers=headers)


def create_app(
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    access_log: logging.Logger | None = None,
) -> Starlette:
    """The ASGI application: the endpoints under ``/v1``, ``/openapi.json`` and ``/docs``.

    ``calendar`` defaults to :meth:`WorkingCalendar.vietnam`, ``office_hours`` to
    :meth:`OfficeHours.standard`. JSON bodies are refused past ``max_body_bytes`` (413),
    an uploaded catalogue past ``max_upload_bytes``; a request taking longer than
    ``timeout`` seconds is answered 503. Access log lines go to ``access_log`` (by default
    the ``procedurekit.access`` logger).
    """
    cal = calendar if calendar is not None else WorkingCalendar.vietnam()
    hours = office_hours if office_hours is not None else OfficeHours.standard()
    if not isinstance(cal, WorkingCalendar):
        raise InvalidArgumentError(
            f"calendar must be a WorkingCalendar, got {type(cal).__name__}",
            path="calendar",
            value=cal,
            expected="WorkingCalendar.vietnam()",
        )
    if not isinstance(hours, OfficeHours):
        raise InvalidArgumentError(
            f"office_hours must be OfficeHours, got {type(hours).__name__}",
            path="office_hours",
            value=hours,
            expected="OfficeHours.standard()",
        )
    for name, value in (("max_body_bytes", max_body_bytes), ("max_upload_bytes", max_upload_bytes)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidArgumentError(
                f"{name} must be a whole number of bytes of 1 or more, got {value!r}",
                path=name,
                value=value,
                expected=f"{name}=1048576",
            )
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise InvalidArgumentError(
            f"timeout must be a number of seconds above 0, got {timeout!r}",
            path="timeout",
            value=timeout,
            expected="timeout=30.0",
        )
    service = _Service(
        cal,
        hours,
        max_body_bytes=max_body_bytes,
        max_upload_bytes=max_upload_bytes,
        timeout=float(timeout),
    )
    post = ["POST"]
    get = ["GET"]
    routes = [
        Route("/v1/deadlines", service.deadline, methods=post),
        Route("/v1/deadlines/batch", service.batch, methods=post),
        Route("/v1/dossiers/clock", service.clock, methods=post),
        Route("/v1/phrases/parse", service.phrase, methods=post),
        Route("/v1/calendar/{year:int}", service.calendar_year, methods=get),
        Route("/v1/catalogues/validate", service.validate, methods=post),
        Route("/v1/health", service.health, methods=get),
        Route("/v1/version", service.version, methods=get),
        Route("/openapi.json", service.openapi_json, methods=get),
        Route("/docs", service.docs_html, methods=get),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        HTTPException: _http_error
    }
    log = access_log if access_log is not None else logging.getLogger("procedurekit.access")
    return Starlette(
        routes=routes,
        middleware=[Middleware(_Guard, version=cal.data_version, log=log)],
        exception_handlers=handlers,
    )


def create_app_from_environment() -> Starlette:
    """:func:`create_app` configured by the environment (what ``procedurekit serve`` sets
    for each worker process): :data:`ENV_CALENDAR_FILES` (paths joined by ``os.pathsep``),
    :data:`ENV_OFFICE_HOURS` (:meth:`OfficeHours.parse`), :data:`ENV_MAX_BODY`,
    :data:`ENV_TIMEOUT`."""
    files = [f for f in os.environ.get(ENV_CALENDAR_FILES, "").split(os.pathsep) if f]
    hours_text = os.environ.get(ENV_OFFICE_HOURS)
    hours = OfficeHours.parse(hours_text) if hours_text else OfficeHours.standard()
    max_body = int(os.environ.get(ENV_MAX_BODY) or DEFAULT_MAX_BODY_BYTES)
    timeout = float(os.environ.get(ENV_TIMEOUT) or DEFAULT_TIMEOUT)
    return create_app(
        WorkingCalendar.vietnam(extra_files=files),
        hours,
        max_body_bytes=max_body,
        timeout=timeout,
    )
