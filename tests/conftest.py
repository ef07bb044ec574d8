"""Shared fixtures and settings of the test suite.

The tests are grouped by layer, bottom first: ``foundation`` (durations, vocabulary),
``calendar``, ``phrases``, ``deadlines``, ``models``, ``io``, ``checks``, ``metrics``,
``cli``; then ``integration`` (real data, Dask, the differential suite) and ``project``
(architecture, public API, packaging, docs). Helpers importable by every test live in
``tests/_support`` (``_paths``, ``_deadline_helpers``, ``_calendars``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from _paths import REALDATA, need
from hypothesis import HealthCheck, settings

import procedurekit as pk

# Hypothesis: no wall-clock deadline (the 2-core CI machine is shared), and the examples a
# test asks for; a function-scoped fixture is fine where a test only reads it.
settings.register_profile(
    "procedurekit", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.load_profile("procedurekit")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--audit-engine",
        choices=("auto", "arrow"),
        default="auto",
        help="arrow: every audit and metrics run of a file tries the columnar engine first, "
        "whatever the file's size (the whole suite then checks the columnar engine against "
        "the answers written for the row engine)",
    )


@pytest.fixture(autouse=True, scope="session")
def _audit_engine(request: pytest.FixtureRequest) -> object:
    """``--audit-engine arrow``: the automatic choice takes the columnar engine for any
    file size."""
    if request.config.getoption("--audit-engine") != "arrow":
        yield None
        return
    import procedurekit.checks._columnar as columnar

    saved = columnar.ARROW_MIN_BYTES
    columnar.ARROW_MIN_BYTES = 0
    yield None
    columnar.ARROW_MIN_BYTES = saved


@pytest.fixture(scope="session")
def vietnam() -> pk.WorkingCalendar:
    """The official calendar, as shipped."""
    return pk.WorkingCalendar.vietnam()


@pytest.fixture(scope="session")
def rules(vietnam: pk.WorkingCalendar) -> pk.DeadlineRules:
    """Default rules on the official calendar: standard office hours, as submitted."""
    return pk.DeadlineRules(vietnam)


@pytest.fixture(scope="session")
def realdata() -> Path:
    """``../shared/realdata``; the test skips, saying why, when it is absent."""
    return need(REALDATA)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under mutation testing, run a mutant's tests fastest first.

    mutmut runs each mutant's tests with ``-x``, in no particular order: a slow property
    test first makes every killed mutant slow. mutmut sets ``MUTANT_UNDER_TEST`` to the
    mutant's name and runs in ``mutants/``, where its stats file records each test's time
    (docs/explanation/testing.md). Outside mutation runs this does nothing.
    """
    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        return
    stats = Path("mutmut-stats.json")
    if not stats.is_file():
        return
    seconds: dict[str, float] = json.loads(stats.read_text(encoding="utf-8"))["duration_by_test"]
    items.sort(key=lambda item: seconds.get(item.nodeid, 0.0))
