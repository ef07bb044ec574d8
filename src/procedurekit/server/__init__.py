"""The HTTP deadline service for portals in any language (optional extra ``server``).

``pip install 'procedurekit[server]'`` (Starlette and uvicorn), then
``procedurekit serve`` or, in an ASGI server of your own::

    from procedurekit.server import create_app
    app = create_app()

Endpoints under ``/v1`` (deadlines, batches, the dossier clock, phrases, the calendar,
catalogue validation, health, version), the OpenAPI 3.1 document at ``/openapi.json`` and
a page at ``/docs``: see docs/service.md. The request and answer documents are built by
:mod:`procedurekit.server._documents`, which needs no extra: ``procedurekit deadline
--jsonl`` answers the same shapes without a server. Importing this package loads neither
Starlette nor uvicorn; :func:`create_app` and :func:`serve` do.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from procedurekit.errors import InvalidArgumentError, MissingExtraError

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from procedurekit.calendar.hours import OfficeHours
    from procedurekit.calendar.working import WorkingCalendar

__all__ = ["create_app", "serve"]


def _app_module() -> Any:
    try:
        from procedurekit.server import app
    except ImportError as exc:
        raise MissingExtraError.of("starlette", "server", "the HTTP service") from exc
    return app


def create_app(
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
    **options: Any,
) -> Starlette:
    """The ASGI application (:func:`procedurekit.server.app.create_app`): ``calendar``
    (default :meth:`WorkingCalendar.vietnam`), ``office_hours`` (default standard) and the
    keyword ``options`` ``max_body_bytes``, ``max_upload_bytes``, ``timeout``,
    ``access_log``. Raises :class:`MissingExtraError` without the ``server`` extra."""
    app: Starlette = _app_module().create_app(calendar, office_hours, **options)
    return app


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    calendar_files: Sequence[str] = (),
    office_hours: str | None = None,
    workers: int = 1,
    max_body_bytes: int | None = None,
    timeout: float | None = None,
) -> None:
    """Run the service under uvicorn until interrupted: ``workers`` processes, each
    building its app with :func:`procedurekit.server.app.create_app_from_environment`
    from the options given here (calendar files, office hours as
    :meth:`OfficeHours.parse` reads them). Access log lines (JSON) go to stderr.
    The configuration is checked before the server starts."""
    module = _app_module()
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtraError.of("uvicorn", "server", "the HTTP service") from exc
    from procedurekit.calendar.hours import OfficeHours
    from procedurekit.calendar.working import WorkingCalendar

    # Fail here, once, on a bad file or schedule, not in each worker.
    WorkingCalendar.vietnam(extra_files=list(calendar_files))
    if office_hours is not None:
        OfficeHours.parse(office_hours)
    os.environ[module.ENV_CALENDAR_FILES] = os.pathsep.join(os.fspath(f) for f in calendar_files)
    os.environ[module.ENV_OFFICE_HOURS] = office_hours or ""
    os.environ[module.ENV_MAX_BODY] = str(max_body_bytes or "")
    os.environ[module.ENV_TIMEOUT] = str(timeout or "")
    log_config = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(message)s"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "procedurekit.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }
    try:
        _run(uvicorn, host=host, port=port, workers=workers, log_config=log_config)
    except SystemExit as exc:  # uvicorn exits when it cannot start (a port in use)
        if exc.code in (0, None):
            return
        raise InvalidArgumentError(
            f"the service could not start on {host}:{port} (uvicorn says why above)",
            path="port",
            value=port,
            expected="a free port and an address of this machine, e.g. --port 8001",
        ) from None


def _run(uvicorn: Any, *, host: str, port: int, workers: int, log_config: Any) -> None:
    uvicorn.run(
        "procedurekit.server.app:create_app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # our own JSON lines instead
        log_config=log_config,
        proxy_headers=True,
        server_header=False,
        timeout_keep_alive=5,
    )
