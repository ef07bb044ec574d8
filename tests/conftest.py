"""Shared fixtures and settings of the test suite.

The tests are grouped by layer, bottom first: ``foundation`` (durations, vocabulary),
``calendar``, ``phrases``, ``deadlines``, ``models``, ``io``, ``checks``, ``metrics``,
``cli``; then ``integration`` (real data, Dask, the differential suite) and ``project``
(architecture, public API, packaging, docs). Helpers importable by every test live in
``tests/_support`` (``_paths``, ``_deadline_helpers``).
"""

from __future__ import annotations

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
