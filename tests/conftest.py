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
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import IO

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


_OPENED: list[tuple[IO[bytes], traceback.StackSummary]] = []


@pytest.fixture(autouse=True, scope="session")
def _track_table_files() -> Iterator[None]:
    """Record every table file the readers open (``_tables._open_regular``)."""
    import procedurekit.io._tables as tables

    opener = tables._open_regular

    def recorded(path: Path) -> IO[bytes]:
        f = opener(path)
        _OPENED.append((f, traceback.extract_stack(limit=12)))
        return f

    tables._open_regular = recorded
    yield
    tables._open_regular = opener


@pytest.fixture(autouse=True)
def _no_table_file_left_open(_track_table_files: None) -> Iterator[None]:
    """A test ends with every table file it opened closed.

    A file left to the garbage collector may be finalized inside a reference cycle before
    the reader that would have closed it: a ``ResourceWarning`` in whichever later test the
    collector happens to run (it once failed CI that way). This makes such a leak fail its
    own test, every time, naming where the file was opened.
    """
    _OPENED.clear()
    yield
    left = [stack for f, stack in _OPENED if not f.closed]
    _OPENED.clear()
    if left:
        where = "".join(traceback.format_list(left[0]))
        pytest.fail(
            f"{len(left)} table file(s) left open by this test; the first opened at:\n{where}",
            pytrace=False,
        )


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
