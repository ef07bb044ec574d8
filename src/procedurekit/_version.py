"""The version of procedurekit, in one place.

hatchling reads it from here at build time (``[tool.hatch.version]`` in pyproject.toml);
``procedurekit.__version__`` then reads it back from the installed metadata. Bump it as
the release checklist in docs/maintainers.md says.
"""

__version__ = "0.1.0.dev0"
