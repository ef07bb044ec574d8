"""What a user downloads from PyPI: the built sdist and wheel, and the wheel installed.

Marked ``packaging``: one isolated build per test session (``python -m build``: the sdist,
then the wheel built from that sdist, so a file missing from the sdist breaks the wheel),
then the wheel installed in a fresh virtual environment with its dependencies from the
package index, where the README's first example must run as printed. About a minute, most
of it pip. Needs the package index; set ``PROCEDUREKIT_SKIP_PACKAGING=1`` to skip offline,
or deselect with ``-m "not packaging"``.
"""

from __future__ import annotations

import email.parser
import importlib.metadata
import importlib.util
import os
import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from _paths import ROOT

PACKAGE = ROOT / "src" / "procedurekit"


def packaging(test: Callable[..., None]) -> Callable[..., None]:
    """Mark a test that builds or installs: slow, and needs the package index."""
    for mark in (
        pytest.mark.packaging,
        pytest.mark.skipif(
            os.environ.get("PROCEDUREKIT_SKIP_PACKAGING") == "1",
            reason="PROCEDUREKIT_SKIP_PACKAGING=1",
        ),
        pytest.mark.skipif(importlib.util.find_spec("build") is None, reason="needs `build`"),
    ):
        test = mark(test)
    return test


def source_version() -> str:
    text = (PACKAGE / "_version.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    assert found, '_version.py must hold the line __version__ = "X.Y.Z"'
    return found.group(1)


def shipped_package_files() -> set[str]:
    """Every file of the package in the source tree, as wheel paths (no bytecode)."""
    return {
        str(p.relative_to(PACKAGE.parent).as_posix())
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    }


def readme_first_example() -> str | None:
    """The first ```pycon block of README.md (the one the README calls its first example)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^```(?:pycon|python)[^\n]*\n(>>>.*?)^```", text, re.DOTALL | re.MULTILINE)
    return found.group(1) if found else None


@dataclass(frozen=True)
class Built:
    sdist: Path
    wheel: Path
    #: The test files of the tree when the build started (the tree may change meanwhile).
    tests: frozenset[str]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    tests = frozenset(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py"))
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"python -m build failed:\n{proc.stdout}\n{proc.stderr}"
    sdists = sorted(out.glob("*.tar.gz"))
    wheels = sorted(out.glob("*.whl"))
    assert len(sdists) == 1, sdists
    assert len(wheels) == 1, wheels
    return Built(sdists[0], wheels[0], tests)


@pytest.fixture(scope="session")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the built wheel (and its dependencies from the index): its python."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", built.wheel],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"pip install of the wheel failed:\n{proc.stdout}\n{proc.stderr}"
    return python


def test_version_in_one_place() -> None:
    """``__version__`` is the installed metadata's, which hatch took from _version.py.

    After a bump in _version.py, re-install (``pip install -e .``) so that the metadata of
    the development install follows; this test says so when it has not.
    """
    import procedurekit

    assert procedurekit.__version__ == importlib.metadata.version("procedurekit")
    assert procedurekit.__version__ == source_version(), "re-install after a version bump"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^dynamic = \["version"\]$', pyproject, re.MULTILINE)
    assert 'path = "src/procedurekit/_version.py"' in pyproject


@packaging
def test_file_names_carry_the_version(built: Built) -> None:
    version = source_version()
    assert built.wheel.name == f"procedurekit-{version}-py3-none-any.whl"
    assert built.sdist.name == f"procedurekit-{version}.tar.gz"


@packaging
def test_wheel_contents(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as whl:
        names = set(whl.namelist())
        dist_info = f"procedurekit-{source_version()}.dist-info"
        metadata = email.parser.Parser().parsestr(whl.read(f"{dist_info}/METADATA").decode("utf-8"))
        entry_points = whl.read(f"{dist_info}/entry_points.txt").decode("utf-8")
    package = {n for n in names if n.startswith("procedurekit/")}
    assert "procedurekit/py.typed" in package
    data = {n for n in package if n.startswith("procedurekit/calendar/data/")}
    assert "procedurekit/calendar/data/vietnam.toml" in data
    missing = shipped_package_files() - package
    assert not missing, f"files of src/procedurekit missing from the wheel: {sorted(missing)}"
    stray = {n for n in names if not n.startswith(("procedurekit/", f"{dist_info}/"))}
    assert not stray, f"the wheel holds files outside the package: {sorted(stray)}"
    assert f"{dist_info}/licenses/LICENSE" in names

    assert metadata["Name"] == "procedurekit"
    assert metadata["Version"] == source_version()
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Requires-Python"] == ">=3.11"
    runtime = {
        re.split(r"[<>=!~ ;\[]", r, maxsplit=1)[0].lower()
        for r in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in r
    }
    assert runtime == {"attrs", "cattrs", "python-dateutil", "holidays"}
    assert "procedurekit = procedurekit.cli:main" in entry_points


@packaging
def test_sdist_contents(built: Built) -> None:
    top = f"procedurekit-{source_version()}"
    with tarfile.open(built.sdist) as sdist:
        names = {n.removeprefix(f"{top}/") for n in sdist.getnames()}
    for required in (
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "PKG-INFO",
        "src/procedurekit/py.typed",
        "src/procedurekit/calendar/data/vietnam.toml",
        "docs/conf.py",
        "docs/index.md",
        "tests/project/test_packaging.py",
        "tests/project/test_docs_examples.py",
    ):
        assert required in names, f"{required} missing from the sdist"
    tests = {n for n in names if n.startswith("tests/") and n.endswith(".py")}
    missing = built.tests - tests
    assert not missing, f"tests missing from the sdist: {sorted(missing)}"
    leaked = {
        n
        for n in names
        if n.startswith((".venv", "docs/_build/", "dist/", ".git/")) or "__pycache__" in n
    }
    assert not leaked, f"build debris in the sdist: {sorted(leaked)[:10]}"


@packaging
def test_installed_wheel_runs_the_readme_example(installed: Path, tmp_path: Path) -> None:
    example = readme_first_example()
    if example is None:
        pytest.skip("README.md has no ```pycon example yet")
    script = tmp_path / "run_readme_example.py"
    script.write_text(
        "import doctest, sys\n"
        "import procedurekit\n"
        "assert 'site-packages' in procedurekit.__file__, procedurekit.__file__\n"
        f"print(procedurekit.__version__)\n"
        f"example = {example!r}\n"
        "test = doctest.DocTestParser().get_doctest(example, {}, 'README.md', 'README.md', 0)\n"
        "flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE\n"
        "runner = doctest.DocTestRunner(optionflags=flags)\n"
        "result = runner.run(test)\n"
        "sys.exit(1 if result.failed else 0)\n",
        encoding="utf-8",
    )
    # Run from an empty directory so the source tree cannot shadow the installed wheel.
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    proc = subprocess.run(
        [str(installed), str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, f"README example failed in the installed wheel:\n{proc.stdout}"
    assert proc.stdout.splitlines()[0] == source_version()


@packaging
def test_installed_console_script(installed: Path) -> None:
    script = installed.parent / "procedurekit"
    proc = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert source_version() in proc.stdout


# -- the GitHub Actions workflows (written here, run on GitHub) -----------------------------

WORKFLOWS = ROOT / ".github" / "workflows"


def load_workflow(name: str) -> dict[str, Any]:
    if not (WORKFLOWS / name).is_file():
        pytest.skip("no .github/workflows here (an sdist carries no CI configuration)")
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def supported_pythons() -> list[str]:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.findall(r'"Programming Language :: Python :: (3\.\d+)"', pyproject)


def test_ci_runs_make_test_on_every_supported_python() -> None:
    ci = load_workflow("ci.yml")
    (job,) = ci["jobs"].values()
    assert job["strategy"]["matrix"]["python-version"] == supported_pythons()
    runs = [step.get("run", "") for step in job["steps"]]
    assert any("make test" in r or ".ci/run" in r for r in runs)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci["permissions"] == {"contents": "read"}


def test_release_publishes_by_trusted_publishing() -> None:
    release = load_workflow("release.yml")
    assert release["on"] == {"push": {"tags": ["v*"]}}
    jobs = release["jobs"]
    publish = jobs["publish"]
    assert publish["permissions"]["id-token"] == "write"
    assert publish["environment"]["name"] == "pypi"
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("pypa/gh-action-pypi-publish@") for u in uses)
    assert any(u.startswith("actions/attest-build-provenance@") for u in uses)
    text = (WORKFLOWS / "release.yml").read_text(encoding="utf-8")
    assert "password:" not in text, "publish by trusted publishing, never with a token"
    assert jobs["smoke"]["needs"] == ["build", "publish"]
    # Only the publishing job may mint an OIDC token.
    others = [n for n, j in jobs.items() if n != "publish" and "permissions" in j]
    assert all("id-token" not in jobs[n]["permissions"] for n in others)
