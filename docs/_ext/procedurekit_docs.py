"""Local Sphinx extension: reference pages generated from the code, so they cannot drift.

Directives (usable from MyST as ```` ```{procedurekit-cli} ```` fences):

``procedurekit-cli``
    The ``--help`` of ``procedurekit.cli.build_parser()`` and, with ``:subcommands:``, one
    section per subcommand (recursively), in the order the parser declares them.

``procedurekit-json-schema`` *ClassName*
    ``procedurekit.json_schema(procedurekit.ClassName)`` as a JSON block (``:collapsed:``
    folds it in the HTML).

``procedurekit-validation-rules``
    The validator's rule table (code, severity, scope, what it checks, source), read from
    ``procedurekit.validate.RULES``.

``procedurekit-api-rest``
    Autodoc entries for every name in ``procedurekit.__all__`` that the page has not
    documented above it, so the API reference is complete even before a new name is
    placed in its section. (MyST pages only.)

``toctree-if-exists``
    A ``toctree`` whose entries may name pages that are not written yet: those are left
    out (logged at INFO level). A page that exists but is in no toctree still fails the
    build, so a misspelt entry is caught.

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
HELP_COLUMNS = 88


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


class ValidationRulesDirective(_GeneratedDirective):
    """Render the validator's rules as a table: code, severity, scope, title, source."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        module_name = "procedurekit.validate"
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:
            if _missing(module_name, exc):
                logger.info("procedurekit-validation-rules: %s is not written yet", module_name)
                return self.note(
                    "The rule table is generated from procedurekit.validate, which this build "
                    "does not contain yet."
                )
            return self.warn(f"procedurekit-validation-rules: importing failed: {exc!r}")
        try:
            rows = list(_rule_rows(module))
        except Exception as exc:
            return self.warn(f"procedurekit-validation-rules: reading the rules failed: {exc!r}")
        if not rows:
            logger.info("procedurekit-validation-rules: no rule registry found yet")
            return self.note("procedurekit.validate does not expose its rule list yet.")
        header = ["Code", "Severity", "Applies to", "What it checks", "Source"]
        return [self._table(header, rows)]

    def _table(self, header: list[str], rows: list[list[str]]) -> nodes.table:
        table = nodes.table()
        group = nodes.tgroup(cols=len(header))
        table += group
        for width in (18, 9, 9, 39, 25):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self._row(header)
        body = nodes.tbody()
        group += body
        for row in rows:
            body += self._row(row)
        return table

    @staticmethod
    def _row(cells: list[str]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph(text=cell)
            row += entry
        return row


def _rule_rows(module: Any) -> Iterator[list[str]]:
    """Rows from the first rule registry the module exposes (``RULES`` or ``rules()``)."""
    registry = getattr(module, "RULES", None)
    if registry is None and callable(getattr(module, "rules", None)):
        registry = module.rules()
    if registry is None:
        return
    items = registry.values() if isinstance(registry, dict) else registry
    for rule in items:

        def field(*names: str, rule: Any = rule) -> str:
            for n in names:
                value = rule.get(n) if isinstance(rule, dict) else getattr(rule, n, None)
                if value is not None:
                    return str(getattr(value, "value", value))
            return ""

        yield [
            field("code"),
            field("severity"),
            field("scope"),
            field("title", "description", "summary"),
            field("source", "legal_basis"),
        ]


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
            if isinstance(obj, type) and issubclass(obj, BaseException):
                kind = "autoexception"
            elif isinstance(obj, type):
                kind = "autoclass"
            elif callable(obj):
                kind = "autofunction"
            else:
                kind = "autodata"
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
        return list(container.children)


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
        return super().run()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("procedurekit-cli", CliDirective)
    app.add_directive("procedurekit-json-schema", JsonSchemaDirective)
    app.add_directive("procedurekit-validation-rules", ValidationRulesDirective)
    app.add_directive("procedurekit-api-rest", ApiRestDirective)
    app.add_directive("toctree-if-exists", OptionalTocTree)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
