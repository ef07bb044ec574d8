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
$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
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

dist: $(VENV)/.installed-test
	rm -rf dist
	$(PY) -m build --sdist --wheel --outdir dist .
	$(BIN)/twine check --strict dist/*
	$(BIN)/check-wheel-contents dist/*.whl

# The docs build (warnings are errors) runs once docs/conf.py exists.
docs: $(VENV)/.installed-test
	@if [ -f docs/conf.py ]; then \
	  $(BIN)/sphinx-build -q -W --keep-going -b html docs docs/_build/html; \
	else echo "docs/conf.py not present yet: docs build skipped"; fi

test: lint typecheck pytest docs dist

bench: $(VENV)/.installed-test
	$(PY) benchmarks/run.py

test-all:
	@set -e; for v in $(PYENV_VERSIONS); do \
	  p=$$(pyenv prefix $$v 2>/dev/null | head -n1 || true); \
	  for cand in $$(ls -d $$(pyenv root 2>/dev/null)/versions/$$v* 2>/dev/null); do p=$$cand; done; \
	  if [ -n "$$p" ] && [ -x "$$p/bin/python3" ]; then \
	    echo "== Python $$v ($$p)"; \
	    $(MAKE) test PYTHON=$$p/bin/python3 VENV=.venv-$$v; \
	  else echo "== Python $$v: not installed, skipped"; fi; \
	done

clean:
	rm -rf $(VENV) .venv-3.* dist build .pytest_cache .mypy_cache .ruff_cache
