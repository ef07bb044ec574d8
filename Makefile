# procedurekit: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PYENV_VERSIONS := 3.11 3.12 3.13

.PHONY: run test lint typecheck pytest docs dist bench test-all clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Stamps re-install only when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml src/procedurekit/_version.py | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml src/procedurekit/_version.py | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $@

run: $(VENV)/.installed-run
	$(PY) -m procedurekit tour

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict src

pytest: $(VENV)/.installed-test
	$(PY) -m pytest -q

# The sdist first, then the wheel built from it (so the sdist is proven complete); both
# checked. What the wheel and sdist must contain is tested in tests/project/test_packaging.py.
dist: $(VENV)/.installed-test
	rm -rf dist
	$(PY) -m build --outdir dist .
	$(BIN)/twine check --strict dist/*
	$(BIN)/check-wheel-contents dist/*.whl

# The HTML docs in docs/_build/html. Warnings are errors; -E re-reads every page, since
# the API and CLI pages are generated from code that Sphinx does not track. The examples
# in the pages run in `make pytest` (tests/project/test_docs_examples.py).
docs: $(VENV)/.installed-test
	$(BIN)/ruff check docs/conf.py docs/_ext
	$(BIN)/ruff format --check docs/conf.py docs/_ext
	$(BIN)/sphinx-build -q -E -W --keep-going -b html docs docs/_build/html

test: lint typecheck pytest docs dist

bench: $(VENV)/.installed-test
	$(PY) benchmarks/run.py

# `make test` with each Python of PYENV_VERSIONS installed under pyenv (the newest patch
# release of each), in its own .venv-X.Y. Every version runs even if one fails; the summary
# line lists passed, failed and skipped versions; fails if any failed or none ran.
test-all:
	@root=$$(pyenv root 2>/dev/null || echo "$${PYENV_ROOT:-$$HOME/.pyenv}"); \
	passed=""; failed=""; skipped=""; \
	for v in $(PYENV_VERSIONS); do \
	  p=$$(pyenv prefix $$v 2>/dev/null | head -n1); \
	  [ -n "$$p" ] || p=$$(ls -d "$$root"/versions/$$v.* 2>/dev/null \
	    | grep -E '/[0-9]+\.[0-9]+\.[0-9]+$$' | sort -V | tail -n1); \
	  py="$$p/bin/python3"; \
	  if [ -z "$$p" ] || [ ! -x "$$py" ] || \
	     [ "$$("$$py" -c 'import sys; print(*sys.version_info[:2], sep=".")')" != "$$v" ]; then \
	    echo "== Python $$v: not installed under pyenv ($$root), skipped"; \
	    skipped="$$skipped $$v"; continue; \
	  fi; \
	  echo "== Python $$v: $$py"; \
	  if $(MAKE) --no-print-directory test PYTHON="$$py" VENV=.venv-$$v; \
	  then passed="$$passed $$v"; else failed="$$failed $$v"; fi; \
	done; \
	echo "== test-all: passed:$${passed:- none}; failed:$${failed:- none}; skipped:$${skipped:- none}"; \
	[ -z "$$failed" ] && [ -n "$$passed" ]

clean:
	rm -rf $(VENV) .venv-3.* dist build .pytest_cache .mypy_cache .ruff_cache
