"""The mutation-testing set-up names the same core modules everywhere, and they exist.

The core modules are listed three times: ``[tool.mutmut] only_mutate`` in pyproject.toml
(what mutmut mutates), ``MUTATION_CORE`` in the Makefile (what ``make mutation MODULES=``
and ``make mutation-changed`` accept) and the pull-request paths of
``.github/workflows/mutation.yml``. A module renamed or added in one list only would
silently drop out of the score (docs/explanation/testing.md).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from _paths import ROOT


def _pyproject() -> dict[str, object]:
    mutmut = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    assert isinstance(mutmut, dict)
    return mutmut


def _makefile_core() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^MUTATION_CORE := \\\n((?:\t.*\n)+)", text, re.M)
    assert block is not None
    return [line.strip().rstrip("\\").strip() for line in block.group(1).splitlines()]


def _workflow_paths() -> list[str]:
    text = (ROOT / ".github" / "workflows" / "mutation.yml").read_text(encoding="utf-8")
    block = re.search(r"^    paths:\n((?:      - .*\n)+)", text, re.M)
    assert block is not None
    return [line.split('"')[1] for line in block.group(1).splitlines()]


def test_the_three_lists_of_core_modules_agree() -> None:
    core = _pyproject()["only_mutate"]
    assert isinstance(core, list)
    assert len(core) == len(set(core)) >= 11
    assert _makefile_core() == core
    assert _workflow_paths() == core


def test_every_core_module_exists() -> None:
    core = _pyproject()["only_mutate"]
    assert isinstance(core, list)
    for path in core:
        assert (ROOT / path).is_file(), path


def test_every_test_left_out_of_mutation_runs_exists() -> None:
    args = _pyproject()["pytest_add_cli_args_test_selection"]
    assert isinstance(args, list)
    ignored = [a.removeprefix("--ignore=") for a in args if a.startswith("--ignore=")]
    assert ignored
    for path in ignored:
        assert (ROOT / path).is_file(), path
    names = re.findall(r"test_\w+", args[args.index("-k") + 1])
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    for name in names:
        assert f"def {name}" in tests, name


_COLLECT_AND_LIST_THREADS = """
import json, sys, threading, pytest

class ListThreads:
    def pytest_collection_finish(self, session):
        names = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
        sys.__stdout__.write("THREADS " + json.dumps(names) + "\\n")

code = pytest.main(sys.argv[1:], plugins=[ListThreads()])
sys.exit(0 if code == 0 else code)
"""


def test_collecting_the_mutation_tests_starts_no_thread() -> None:
    """mutmut's fork server collects the tests once, then forks a process per mutant.
    A thread started at collection (an ASGI app's lifespan, a pool) does not exist in
    the fork, and a mutant waiting for it hangs until its timeout, which the score counts
    as killed: every mutant would look killed."""
    mutmut = _pyproject()
    selection = mutmut["pytest_add_cli_args_test_selection"]
    extra = mutmut["pytest_add_cli_args"]
    assert isinstance(selection, list)
    assert isinstance(extra, list)
    args = ["--collect-only", "-qqq", "-p", "no:randomly", *selection, *extra]
    done = subprocess.run(
        [sys.executable, "-c", _COLLECT_AND_LIST_THREADS, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("THREADS ")]
    assert len(lines) == 1, done.stdout[-2000:]
    assert json.loads(lines[0].removeprefix("THREADS ")) == []


def _score_script() -> Any:
    path = ROOT / "scripts" / "mutation_score.py"
    spec = importlib.util.spec_from_file_location("mutation_score", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_score(tmp_path: Path, codes: dict[str, int | None], *args: str) -> tuple[int, str]:
    meta = tmp_path / "mutants" / "src" / "procedurekit" / "durations.py.meta"
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = _score_script().main(["--mutants", str(tmp_path / "mutants"), *args])
    return code, out.getvalue()


def test_the_score_counts_timeouts_as_killed_and_shows_them(tmp_path: Path) -> None:
    name = "procedurekit.durations.x_f__mutmut_"
    codes: dict[str, int | None] = {f"{name}{i}": 1 for i in range(18)}
    codes |= {f"{name}18": -24, f"{name}19": 0, f"{name}20": None}
    code, out = _run_score(tmp_path, codes, "--fail-under", "95")
    assert code == 0  # 19 killed (one by its timeout) of 20 judged: 95.0 %
    row = next(line for line in out.splitlines() if line.startswith("procedurekit/durations.py"))
    assert row.split()[1:] == ["21", "19", "1", "1", "0", "0", "1", "95.0%"]
    assert _run_score(tmp_path, codes, "--fail-under", "95.1")[0] == 1


def test_a_run_where_most_mutants_time_out_is_refused(tmp_path: Path) -> None:
    name = "procedurekit.durations.x_f__mutmut_"
    codes: dict[str, int | None] = {f"{name}{i}": -24 for i in range(8)}
    codes[f"{name}9"] = 1
    code, out = _run_score(tmp_path, codes)
    assert code == 3
    assert "8 of 9 judged mutants timed out" in out
    assert "not a measurement" in out
