"""Local Sphinx extension: reference pages generated from the code, so they cannot drift.

Directives (usable from MyST as ```` ```{procedurekit-cli} ```` fences):

``procedurekit-cli``
    The ``--help`` of ``procedurekit.cli.build_parser()`` and, with ``:subcommands:``, one
    section per subcommand (recursively), in the order the parser declares them.

``procedurekit-json-schema`` *ClassName*
    ``procedurekit.json_schema(procedurekit.ClassName)`` as a JSON block (``:collapsed:``
    folds it in the HTML).

``procedurekit-api-rest``
    Autodoc entries for every name in ``procedurekit.__all__`` that the page has not
    documented above it, so the API reference is complete even before a new name is
    placed in its section. (MyST pages only.)

``procedurekit-modules``
    One section per public module of the package (no underscore in its path), found by
    walking the package: the module's docstring, then autodoc entries for the names of its
    ``__all__`` that are documented neither on the top-level API page (names in
    ``procedurekit.__all__``) nor under a deeper module (a re-export is documented where
    it is defined). A module that needs an optional dependency which is not installed gets
    a note.

``toctree-if-exists``
    A ``toctree`` whose entries may name pages that are not written yet: those are left
    out (logged at INFO level).

And one safety net: a page that the root document does not name anywhere (a page added
by someone who did not touch ``index.md``) is appended to a last "More" toctree of the
root document, rather than failing the ``-W`` build as a page in no toctree. Pages with
``orphan: true`` front matter are left alone.

The code these directives read is being written alongside the docs. While a module does not
exist yet, the directive renders a short note and logs at INFO level (so a ``-W`` build
still passes); once the module exists, any failure to render is a warning, which ``make
docs`` turns into an error.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree
from sphinx.util import docname_join, logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

#: Width the CLI help is formatted at, whatever the terminal running the build.
HELP_COLUMNS = 78


def _missing(module: str, exc: BaseException) -> bool:
    """Whether ``exc`` says that ``module`` itself (not one of its imports) is absent."""
    return isinstance(exc, ModuleNotFoundError) and exc.name in {module, *_parents(module)}


def _parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@contextlib.contextmanager
def _cli_environment() -> Iterator[None]:
    """A fixed width for argparse and ``procedurekit`` as the program name."""
    saved_columns = os.environ.get("COLUMNS")
    saved_argv0 = sys.argv[0] if sys.argv else ""
    os.environ["COLUMNS"] = str(HELP_COLUMNS)
    if sys.argv:
        sys.argv[0] = "procedurekit"
    try:
        yield
    finally:
        if saved_columns is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved_columns
        if sys.argv:
            sys.argv[0] = saved_argv0


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    """The parser's subcommands in declaration order, aliases left out."""
    found: list[tuple[str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) not in seen:
                    seen.add(id(sub))
                    found.append((name, sub))
    return found


class _GeneratedDirective(SphinxDirective):
    """Shared helpers: a note while the source module is absent, literal blocks."""

    def note(self, text: str) -> list[nodes.Node]:
        para = nodes.paragraph(text=text)
        return [nodes.note("", para)]

    def literal(self, text: str, language: str = "text") -> nodes.literal_block:
        block = nodes.literal_block(text, text)
        block["language"] = language
        return block

    def section(self, title: str, *children: nodes.Node) -> nodes.section:
        section = nodes.section()
        section += nodes.title(text=title)
        section["ids"].append(nodes.make_id(f"{self.env.docname}-{title}"))
        section["names"].append(nodes.fully_normalize_name(title))
        for child in children:
            section += child
        return section

    def warn(self, text: str) -> list[nodes.Node]:
        logger.warning(text, location=self.get_location())
        return self.note(text)


class CliDirective(_GeneratedDirective):
    """Render the help of ``procedurekit.cli.build_parser()``."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {"subcommands": directives.flag}

    def run(self) -> list[nodes.Node]:
        module_name = "procedurekit.cli"
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:
            if _missing(module_name, exc):
                logger.info("procedurekit-cli: %s is not written yet", module_name)
                return self.note(
                    "The command-line reference is generated from procedurekit.cli, "
                    "which this build does not contain yet."
                )
            return self.warn(f"procedurekit-cli: importing {module_name} failed: {exc!r}")
        build_parser = getattr(module, "build_parser", None)
        if build_parser is None:
            logger.info("procedurekit-cli: %s has no build_parser() yet", module_name)
            return self.note(
                "The command-line reference is generated from procedurekit.cli.build_parser(), "
                "which this build does not contain yet."
            )
        try:
            with _cli_environment():
                parser = build_parser()
                top = parser.format_help()
                subs = self._render_subcommands(parser) if "subcommands" in self.options else []
        except Exception as exc:
            return self.warn(f"procedurekit-cli: rendering the parser failed: {exc!r}")
        return [self.literal(top), *subs]

    def _render_subcommands(
        self, parser: argparse.ArgumentParser, prefix: str = "procedurekit"
    ) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for name, sub in _subcommands(parser):
            command = f"{prefix} {name}"
            children: list[nodes.Node] = [self.literal(sub.format_help())]
            children += self._render_subcommands(sub, command)
            out.append(self.section(command, *children))
        return out


class JsonSchemaDirective(_GeneratedDirective):
    """Render ``procedurekit.json_schema(procedurekit.<ClassName>)``.

    With ``:collapsed:`` the block is folded in an HTML ``<details>`` element, summary
    "JSON Schema of <ClassName>" (other builders show it unfolded).
    """

    has_content = False
    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"collapsed": directives.flag}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        try:
            pk = importlib.import_module("procedurekit")
        except Exception as exc:
            return self.warn(f"procedurekit-json-schema: importing procedurekit failed: {exc!r}")
        json_schema = getattr(pk, "json_schema", None)
        cls = getattr(pk, name, None)
        if json_schema is None or cls is None:
            logger.info("procedurekit-json-schema: %s or json_schema not written yet", name)
            return self.note(
                f"The JSON Schema of {name} is generated by procedurekit.json_schema(), "
                "which this build does not provide yet."
            )
        try:
            text = json.dumps(json_schema(cls), indent=2, ensure_ascii=False, sort_keys=False)
        except Exception as exc:
            return self.warn(f"procedurekit-json-schema: json_schema({name}) failed: {exc!r}")
        block = self.literal(text, "json")
        if "collapsed" not in self.options:
            return [block]
        summary = f"<details><summary>JSON Schema of {name}</summary>"
        return [
            nodes.raw("", summary, format="html"),
            block,
            nodes.raw("", "</details>", format="html"),
        ]


def _autodoc_kind(obj: object) -> str:
    if isinstance(obj, type) and issubclass(obj, BaseException):
        return "autoexception"
    if isinstance(obj, type):
        return "autoclass"
    if callable(obj):
        return "autofunction"
    return "autodata"


class ApiRestDirective(_GeneratedDirective):
    """Document the public names the page has not documented yet."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        import procedurekit

        py = self.env.domains["py"]
        done = {name for name, obj in py.objects.items() if obj.docname == self.env.docname}
        lines: list[str] = []
        for name in procedurekit.__all__:
            if name.startswith("_") or f"procedurekit.{name}" in done:
                continue
            try:
                obj = getattr(procedurekit, name)
            except AttributeError as exc:
                logger.warning(
                    "procedurekit.__all__ names %r, which does not resolve: %s",
                    name,
                    exc,
                    location=self.get_location(),
                )
                continue
            kind = _autodoc_kind(obj)
            lines.append(f".. {kind}:: procedurekit.{name}")
            if kind in {"autoclass", "autoexception"}:
                lines.append("   :members:")
            lines.append("")
        if not lines:
            return [nodes.paragraph(text="Every public name is documented in a section above.")]
        text = "\n".join(["```{eval-rst}", *lines, "```", ""])
        container = nodes.container()
        self.state.nested_parse(
            StringList(text.splitlines(), self.get_source_info()[0]), 0, container
        )
        lead = nodes.paragraph(text="Public names not yet placed in a section above:")
        return [lead, *container.children]


def _public_modules() -> list[str]:
    import pkgutil

    import procedurekit

    names = ["procedurekit"]
    for info in pkgutil.walk_packages(procedurekit.__path__, "procedurekit."):
        parts = info.name.split(".")[1:]
        if not any(p.startswith("_") for p in parts):
            names.append(info.name)
    return sorted(names, key=lambda n: (n.count("."), n))


def _LATE_RESOLVED(node: nodes.Node) -> bool:
    return isinstance(
        node,
        nodes.substitution_reference | nodes.footnote_reference | nodes.citation_reference,
    ) or (isinstance(node, nodes.reference) and "refname" in node)


class ModulesDirective(_GeneratedDirective):
    """Every public module: its docstring and the names not documented elsewhere.

    A name is documented once: on the API page when it is in ``procedurekit.__all__``,
    else under the deepest public module whose ``__all__`` lists it (where it is defined,
    and where its ``#:`` comment is). A module docstring that is not valid
    reStructuredText is shown verbatim (and logged at INFO level), so that prose written
    as plain text does not break the build; member docstrings are rendered strictly.
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        import procedurekit

        documented: set[tuple[str, int]] = {
            (n, id(getattr(procedurekit, n))) for n in procedurekit.__all__ if n != "__version__"
        }
        modules: dict[str, Any] = {}
        notes: dict[str, list[nodes.Node]] = {}
        for module_name in _public_modules():
            if module_name == "procedurekit":
                continue
            try:
                modules[module_name] = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                top = (exc.name or "").split(".")[0]
                if top and top != "procedurekit":
                    notes[module_name] = self.note(
                        f"{module_name} needs the optional dependency {top}, which this "
                        "build does not have."
                    )
                else:
                    notes[module_name] = self.warn(f"importing {module_name} failed: {exc!r}")
            except Exception as exc:
                notes[module_name] = self.warn(f"importing {module_name} failed: {exc!r}")
        # Deepest modules first: a name is documented where it is defined.
        members: dict[str, list[str]] = {}
        for module_name in sorted(modules, key=lambda n: (-n.count("."), n)):
            module = modules[module_name]
            members[module_name] = []
            for name in getattr(module, "__all__", ()):
                obj = getattr(module, name, None)
                key = (name, id(obj))
                if obj is not None and key not in documented:
                    documented.add(key)
                    members[module_name].append(name)
        out: list[nodes.Node] = []
        for module_name in sorted({*modules, *notes}):
            if module_name in notes:
                out.append(self.section(module_name, *notes[module_name]))
                continue
            children = self._module_doc(module_name, modules[module_name])
            children += self._members(module_name, modules[module_name], members[module_name])
            out.append(self.section(module_name, *children))
        return out

    def _parse(self, lines: list[str]) -> list[nodes.Node]:
        text = "\n".join(["```{eval-rst}", *lines, "```", ""])
        container = nodes.container()
        source = self.get_source_info()[0]
        self.state.nested_parse(StringList(text.splitlines(), source), 0, container)
        return list(container.children)

    def _module_doc(self, module_name: str, module: Any) -> list[nodes.Node]:
        import inspect

        from sphinx.util import logging as sphinx_logging

        head = self._parse([f".. py:module:: {module_name}", ""])
        doc = inspect.getdoc(module) or ""
        if not doc:
            return head
        with sphinx_logging.suppress_logging() as memory:
            body = self._parse(["", *doc.splitlines(), ""])
        problems = [r.getMessage() for r in memory.buffer if r.levelno >= 30]
        # References resolved later, by document-wide transforms: "the |n|-th day" is a
        # substitution, "word_" a hyperlink target; in a docstring they are accidents.
        for tree in body:
            for node in tree.findall(_LATE_RESOLVED):
                problems.append(f"{node.tagname} {node.astext()!r}")
        if problems:
            logger.info(
                "docstring of %s is not valid reStructuredText, shown verbatim: %s",
                module_name,
                "; ".join(problems),
            )
            body = [self.literal(doc)]
        return head + body

    def _members(self, module_name: str, module: Any, names: list[str]) -> list[nodes.Node]:
        from sphinx.errors import PycodeError
        from sphinx.pycode import ModuleAnalyzer

        try:
            attr_docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        except PycodeError:
            attr_docs = {}
        lines: list[str] = []
        for name in names:
            obj = getattr(module, name)
            kind = _autodoc_kind(obj)
            if kind == "autodata" and ("", name) not in attr_docs:
                # No "#:" comment: autodoc would show the docstring of the value's type.
                lines += [f".. py:data:: {module_name}.{name}", ""]
                continue
            lines.append(f".. {kind}:: {module_name}.{name}")
            if kind in {"autoclass", "autoexception"}:
                lines.append("   :members:")
            if kind == "autodata":
                lines.append("   :no-value:")
            lines.append("")
        return self._parse(lines) if lines else []


class OptionalTocTree(TocTree):
    """A toctree that leaves out entries naming pages that do not exist (yet)."""

    def run(self) -> list[nodes.Node]:
        kept = StringList()
        for offset, line in enumerate(self.content):
            entry = line.strip()
            if entry and not entry.startswith(":"):
                docname = docname_join(self.env.docname, entry)
                if docname not in self.env.found_docs:
                    logger.info("toctree-if-exists: %s is not written yet", docname)
                    continue
            kept.append(line, *self.content.info(offset))
        self.content = kept
        if not any(line.strip() and not line.strip().startswith(":") for line in kept):
            return []  # nothing written yet: no empty caption in the navigation
        return super().run()


def _append_unlisted_pages(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: give every page the root document does not name a place in it."""
    if docname != app.config.root_doc:
        return
    text = source[0]
    unlisted = []
    for other in sorted(app.env.found_docs):
        if other == docname or other in text:
            continue
        path = app.env.doc2path(other)
        head = path.read_text(encoding="utf-8")[:500] if path.is_file() else ""
        if head.startswith("---") and "orphan: true" in head.split("---", 2)[1]:
            continue
        unlisted.append(other)
    if unlisted:
        logger.info("pages not named in %s, listed under More: %s", docname, unlisted)
        lines = ["", "```{toctree}", ":caption: More", ":maxdepth: 1", "", *unlisted, "```", ""]
        source[0] = text + "\n".join(lines)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("procedurekit-cli", CliDirective)
    app.add_directive("procedurekit-json-schema", JsonSchemaDirective)
    app.add_directive("procedurekit-api-rest", ApiRestDirective)
    app.add_directive("procedurekit-modules", ModulesDirective)
    app.add_directive("toctree-if-exists", OptionalTocTree)
    app.connect("source-read", _append_unlisted_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
