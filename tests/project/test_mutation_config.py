"""The mutation-testing set-up names the same core modules everywhere, and they exist.

The core modules are listed three times: ``[tool.mutmut] only_mutate`` in pyproject.toml
(what mutmut mutates), ``MUTATION_CORE`` in the Makefile (what ``make mutation MODULES=``
and ``make mutation-changed`` accept) and the pull-request paths of
``.github/workflows/mutation.yml``. A module renamed or added in one list only would
silently drop out of the score (docs/explanation/testing.md).
"""

from __future__ import annotations

import re
import tomllib

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
