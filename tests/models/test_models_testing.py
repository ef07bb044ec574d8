"""procedurekit.testing: strategies for users' tests; hypothesis stays optional."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from hypothesis import given, settings

from procedurekit.models import Dossier, Level
from procedurekit.testing import dossiers, initiatives


def test_clear_error_without_hypothesis() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import procedurekit.testing\n"
        "except ImportError as e:\n"
        "    assert 'pip install hypothesis' in str(e), e\n"
        "else:\n"
        "    raise SystemExit('no ImportError')\n"
        "import procedurekit, procedurekit.models, procedurekit.serialize\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@settings(max_examples=150)
@given(dossiers())
def test_district_dossiers_are_received_before_the_reform(d: Dossier) -> None:
    if d.agency is not None and d.agency.level is Level.DISTRICT and d.received_at:
        assert d.received_at.date() <= date(2025, 6, 30)
    times = [e.at for e in d.events]
    assert times == sorted(times)


@given(initiatives(year=2025))
def test_initiatives_year_option(i: object) -> None:
    assert getattr(i, "year") == 2025  # noqa: B009
