"""The public surface: a static ``__all__`` that resolves, and a lean ``import procedurekit``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import procedurekit as pk
import procedurekit.calendar as pkcal


@pytest.mark.parametrize("module", [pk, pkcal], ids=["procedurekit", "procedurekit.calendar"])
def test_every_exported_name_resolves(module: object) -> None:
    names = module.__all__  # type: ignore[attr-defined]
    assert len(names) == len(set(names))
    for name in names:
        assert getattr(module, name) is not None, name


def test_lazy_table_and_all_agree() -> None:
    assert set(pk._LAZY) <= set(pk.__all__)
    assert set(pkcal._LAZY) <= set(pkcal.__all__)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = pk.no_such_name  # type: ignore[attr-defined]


def test_import_loads_only_the_calendar_core() -> None:
    # DESIGN.md "Performance": the cold start (import + a first add_working_days) must stay
    # small, so `import procedurekit` must not pull in cattrs, holidays, dateutil or the
    # models, parser and deadline engine. Structural check, not a timing.
    code = (
        "import sys, json, datetime as dt, procedurekit as pk;"
        "pk.WorkingCalendar.vietnam().add_working_days(dt.date(2026, 2, 13), 5);"
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    for heavy in (
        "cattrs",
        "holidays",
        "dateutil",
        "procedurekit.models",
        "procedurekit.phrases",
        "procedurekit.deadlines",
        "procedurekit.judge",
        "procedurekit.checks",
        "procedurekit.serialize",
        "pyarrow",
    ):
        assert heavy not in loaded, heavy


def test_reading_a_csv_does_not_import_pyarrow(tmp_path: Path) -> None:
    # The optional `arrow` extra is for Parquet only: the other readers never load it.
    path = tmp_path / "d.csv"
    path.write_text("dossier_code,received_at\nA-1,2025-07-01\n", encoding="utf-8")
    code = (
        "import sys, json, procedurekit as pk;"
        "from procedurekit.io import iter_dossiers;"
        f"print(len(list(iter_dossiers({str(path)!r}))));"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('pyarrow'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, loaded = done.stdout.splitlines()
    assert count == "1"
    assert json.loads(loaded) == []


def test_version_comes_from_metadata() -> None:
    from importlib.metadata import version

    assert pk.__version__ == version("procedurekit")
