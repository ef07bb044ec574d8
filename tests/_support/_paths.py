"""Where things are, for the tests: the repository, its sources, docs and golden files, and
the shared real data beside the clone (``../shared/realdata``, absent on a user's machine)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
DOCS = ROOT / "docs"
GOLDEN = ROOT / "tests" / "golden"
REALDATA = ROOT.parent / "shared" / "realdata"


def need(path: Path) -> Path:
    """``path``, or skip the test (saying why) when the shared real data is absent."""
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared/realdata sits beside a clone in CI)")
    return path
