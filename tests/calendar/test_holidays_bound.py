"""The ``holidays`` package installed gives the shipped calendar day for day (issue 12, item 11).

The default calendar reads the shipped table (``data/vietnam_table.json``), but
``WorkingCalendar.vietnam(known_at=...)``, ``extra_files=`` and the audit's calendars as
known at each receipt are built from ``holidays`` at run time. A ``holidays`` release that
changed one day would change those calendars silently, so pyproject.toml pins ``holidays``
below the first release not yet checked, and this test runs in CI with the newest release
the pin allows: for every year of the shipped table it rebuilds the year from the installed
``holidays`` and the overlay, and names each day that differs (working or not, and the
entry that explains it). docs/maintainers.md, "The holidays upper bound", says what to do
when it fails.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, timedelta
from importlib.metadata import version
from typing import Any

import pytest
from _paths import DOCS, ROOT
from packaging.requirements import Requirement
from packaging.version import Version

from procedurekit.calendar import _build

INSTALLED = version("holidays")


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    return json.loads(_build.table_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fresh() -> dict[str, Any]:
    return _build.build_table()


def _entries_by_day(table: dict[str, Any]) -> dict[str, list[Any]]:
    return {row[0]: row for row in table["entries"]}


def _describe(bit: str, entry: list[Any] | None) -> str:
    state = "working" if bit == "1" else "day off"
    if entry is None:
        return state
    return f"{state} ({entry[1]}: {entry[3]!r}, source {entry[5]!r}, status {entry[7]!r})"


def differing_days(shipped: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    """One line per day of the shipped years whose working state or entry differs."""
    lines: list[str] = []
    old_entries, new_entries = _entries_by_day(shipped), _entries_by_day(fresh)
    for year, old_bits in shipped["working_days"].items():
        new_bits = fresh["working_days"].get(year, "")
        first = date(int(year), 1, 1)
        for k in range(len(old_bits)):
            day = (first + timedelta(days=k)).isoformat()
            old = (old_bits[k], old_entries.get(day))
            new = (new_bits[k] if k < len(new_bits) else "?", new_entries.get(day))
            if old != new:
                lines.append(
                    f"{day}: shipped {_describe(*old)}; holidays {INSTALLED} gives "
                    f"{_describe(*new)}"
                )
    for key in ("complete_years", "unverified_years"):
        if shipped[key] != fresh[key]:
            lines.append(f"{key}: shipped {shipped[key]}; holidays {INSTALLED} gives {fresh[key]}")
    return lines


def test_the_installed_holidays_gives_every_shipped_day(
    shipped: dict[str, Any], fresh: dict[str, Any]
) -> None:
    assert set(fresh["working_days"]) == set(shipped["working_days"])
    lines = differing_days(shipped, fresh)
    assert not lines, (
        f"holidays {INSTALLED} changes {len(lines)} day(s) of the shipped calendar "
        f"(built with holidays {shipped['holidays_version']}); see docs/maintainers.md, "
        "'The holidays upper bound':\n  " + "\n  ".join(lines)
    )


def test_the_comparison_names_a_changed_day(shipped: dict[str, Any]) -> None:
    """The check above can fail: a holiday that moved is named with both states."""
    changed = json.loads(json.dumps(shipped))
    bits = changed["working_days"]["2027"]
    k = (date(2027, 3, 12) - date(2027, 1, 1)).days  # an ordinary Friday
    changed["working_days"]["2027"] = bits[:k] + ("0" if bits[k] == "1" else "1") + bits[k + 1 :]
    changed["entries"] = [e for e in changed["entries"] if e[0] != "2027-01-01"]
    lines = differing_days(shipped, changed)
    assert len(lines) == 2
    assert lines[0].startswith("2027-01-01: shipped day off (statutory: ")
    assert lines[0].endswith(f"holidays {INSTALLED} gives day off")
    assert lines[1].startswith("2027-03-12: shipped working; holidays")


# -- the pin in pyproject.toml and the policy in the docs ------------------------------------


def _pin() -> str:
    """The ``holidays`` requirement as pyproject.toml writes it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = [r for r in project["dependencies"] if Requirement(r).name == "holidays"]
    assert len(found) == 1
    return str(found[0])


def _requirement() -> Requirement:
    return Requirement(_pin())


def test_holidays_is_pinned_below_the_first_release_not_checked() -> None:
    spec = _requirement().specifier
    uppers = [s for s in spec if s.operator == "<"]
    lowers = [s for s in spec if s.operator == ">="]
    assert len(uppers) == 1, f"holidays needs an upper bound '<X', got {spec}"
    assert len(lowers) == 1, f"holidays needs a lower bound '>=X', got {spec}"
    assert Version(INSTALLED) in spec


def test_the_shipped_table_was_built_with_an_allowed_release(shipped: dict[str, Any]) -> None:
    assert Version(shipped["holidays_version"]) in _requirement().specifier


def test_the_docs_state_the_pin() -> None:
    """docs/maintainers.md and the changelog quote the requirement exactly as pinned."""
    pin = _pin()
    maintainers = (DOCS / "maintainers.md").read_text(encoding="utf-8")
    assert re.search(r"^## The `holidays` upper bound$", maintainers, re.M)
    assert f"`{pin}`" in maintainers, f"docs/maintainers.md does not quote `{pin}`"
    assert f"`{pin}`" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
