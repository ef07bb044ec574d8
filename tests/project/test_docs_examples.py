"""Every code example in the documentation runs, and prints what the page says it prints.

Three sources of examples, each collected as its own test:

- Markdown pages: ``README.md`` and ``docs/**/*.md``. Fenced blocks in ``pycon`` (or any
  Python block whose first line starts with ``>>>``) run as doctests; plain ``python``
  blocks are executed. The blocks of one page share one namespace, top to bottom, as a
  reader would type them. A block preceded by the line ``<!-- doctest: skip -->`` is left
  out (for a fragment that cannot run on its own; say why beside it).
- Docstrings: the doctests in every module under ``src/procedurekit`` (what
  ``pytest --doctest-modules`` would run), imported by module name, so the installed
  package is what is tested. A module whose optional dependency is not installed is
  skipped with that reason; ``__main__`` modules are not imported.

Examples run from the repository root with ``ELLIPSIS`` and ``NORMALIZE_WHITESPACE``.
"""

from __future__ import annotations

import doctest
import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _paths import ROOT

SRC = ROOT / "src" / "procedurekit"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

#: Runtime dependencies: a module failing to import one of these is a real failure.
REQUIRED = {"procedurekit", "attrs", "attr", "cattrs", "dateutil", "holidays"}

PYCON = {"pycon", "doctest"}
PYTHON = {"python", "py", "python3"}
SKIP_MARK = "<!-- doctest: skip -->"
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def markdown_files() -> list[Path]:
    """README.md and the docs pages that hold at least one Python example."""
    found = [ROOT / "README.md"] if (ROOT / "README.md").is_file() else []
    found += sorted(
        p for p in (ROOT / "docs").rglob("*.md") if "_build" not in p.relative_to(ROOT).parts
    )
    return [p for p in found if any(code_blocks(p.read_text(encoding="utf-8")))]


def _language(info: str) -> str:
    """The language of a fence: ```python, ```{code-block} python, ```{code} pycon."""
    words = info.strip().split()
    if not words:
        return ""
    if words[0] in {"{code-block}", "{code}", "{sourcecode}"}:
        return words[1].lower() if len(words) > 1 else ""
    return words[0].lower()


def code_blocks(text: str) -> Iterator[tuple[int, str, str]]:
    """Yield ``(line number of the first code line, language, code)`` per fenced block."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        fence, indent = m.group("fence"), len(m.group("indent"))
        info = m.group("info").strip()
        lang = _language(info)
        skipped = i > 0 and lines[i - 1].strip() == SKIP_MARK
        first = i + 1
        # MyST directive options (":caption: ...") at the top of a {code-block} are not code.
        while info.startswith("{") and first < len(lines) and lines[first].startswith(":"):
            first += 1
        j = first
        body: list[str] = []
        while j < len(lines):
            close = FENCE.match(lines[j])
            if close and close.group("fence").startswith(fence) and not close.group("info").strip():
                break
            line = lines[j]
            body.append(line[indent:] if line[:indent].strip() == "" else line)
            j += 1
        code = "\n".join(body) + "\n"
        if not skipped:
            if lang in PYCON or (lang in PYTHON and code.lstrip().startswith(">>>")):
                yield first + 1, "pycon", code
            elif lang in PYTHON:
                yield first + 1, "python", code
        i = j + 1


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


MARKDOWN = markdown_files()


@pytest.mark.parametrize("path", MARKDOWN, ids=_ids(MARKDOWN))
def test_markdown_examples(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    blocks = list(code_blocks(path.read_text(encoding="utf-8")))
    name = str(path.relative_to(ROOT))
    globs: dict[str, Any] = {"__name__": "__doc_example__"}
    parser = doctest.DocTestParser()
    failures: list[str] = []
    for lineno, kind, code in blocks:
        where = f"{name}:{lineno}"
        if kind == "python":
            try:
                exec(compile(code, where, "exec"), globs)
            except Exception as exc:
                pytest.fail(f"{where}: the python block raised {exc!r}")
            continue
        test = parser.get_doctest(code, globs, where, str(path), lineno - 1)
        out: list[str] = []
        runner = doctest.DocTestRunner(optionflags=FLAGS)
        runner.run(test, out=out.append, clear_globs=False)
        globs = test.globs  # the next block sees the names this one defined
        failures += out
    if failures:
        pytest.fail("".join(failures), pytrace=False)


def src_modules() -> list[str]:
    """The modules under src/procedurekit whose source holds a ``>>>`` example."""
    names = []
    for path in sorted(SRC.rglob("*.py")):
        if ">>>" not in path.read_text(encoding="utf-8"):
            continue
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


@pytest.mark.parametrize("module_name", src_modules())
def test_docstring_examples(module_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top and top not in REQUIRED:
            pytest.skip(f"{module_name} needs the optional dependency {top}")
        raise
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = [t for t in finder.find(module, module_name) if t.examples]
    if not tests:
        pytest.skip(f"{module_name} has no docstring examples")
    failures: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in tests:
        out: list[str] = []
        runner.run(test, out=out.append)
        failures += out
    if failures:
        pytest.fail("".join(failures), pytrace=False)


def test_fence_reader() -> None:
    text = "\n".join(
        [
            "```pycon",
            ">>> 1 + 1",
            "2",
            "```",
            "<!-- doctest: skip -->",
            "```python",
            "undefined_name",
            "```",
            "````{code-block} python",
            ":caption: a caption",
            "x = 1",
            "````",
            "```sh",
            "make test",
            "```",
        ]
    )
    assert list(code_blocks(text)) == [(2, "pycon", ">>> 1 + 1\n2\n"), (11, "python", "x = 1\n")]
