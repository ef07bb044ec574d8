"""Sphinx configuration for the procedurekit documentation.

The build is offline: no extension fetches anything. Python's objects for intersphinx come
from a small inventory written here from ``_inventories/python.txt``; the version is read
from the installed package's metadata (from ``src/`` when the package is not installed).
Build with ``make docs`` (warnings are errors).
"""

from __future__ import annotations

import sys
import tempfile
import zlib
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

# -- project --------------------------------------------------------------------------------

project = "procedurekit"
author = "procedurekit contributors"
copyright = "procedurekit contributors"
try:
    release = _dist_version("procedurekit")
except PackageNotFoundError:  # a source tree that is not installed: document src/ itself
    sys.path.insert(0, str(HERE.parent / "src"))
    from procedurekit._version import __version__ as release
version = ".".join(release.split(".")[:2])

# -- extensions -----------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "procedurekit_docs",  # docs/_ext: the CLI reference and other generated tables
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "_inventories", "Thumbs.db", ".DS_Store"]
language = "en"

# -- MyST -----------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3
myst_substitutions = {"release": release}

# -- autodoc --------------------------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
autodoc_default_options = {"show-inheritance": True}

# -- intersphinx, offline -------------------------------------------------------------------


def _python_inventory() -> str:
    """Write the objects.inv that intersphinx reads, from the plain-text list beside conf.py.

    Each line of ``_inventories/python.txt`` is ``name domain:role priority uri dispname``
    (the inventory format, version 2); the file lists the standard-library objects the API
    mentions, so that their names link to docs.python.org without a network fetch.
    """
    body = (HERE / "_inventories" / "python.txt").read_text(encoding="utf-8")
    lines = [ln for ln in body.splitlines() if ln.strip() and not ln.startswith("#")]
    header = (
        b"# Sphinx inventory version 2\n"
        b"# Project: Python\n"
        b"# Version: 3\n"
        b"# The remainder of this file is compressed using zlib.\n"
    )
    out = Path(tempfile.gettempdir()) / f"procedurekit-docs-python-{release}.inv"
    out.write_bytes(header + zlib.compress(("\n".join(lines) + "\n").encode()))
    return str(out)


intersphinx_mapping = {"python": ("https://docs.python.org/3", _python_inventory())}
intersphinx_timeout = 1

# -- HTML -----------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"procedurekit {release}"
html_static_path: list[str] = []
html_theme_options = {
    "source_repository": "https://github.com/procedurekit/procedurekit",
    "source_branch": "main",
    "source_directory": "docs/",
}
