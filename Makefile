# procedurekit: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PYENV_VERSIONS := 3.11 3.12 3.13

.PHONY: run test lint typecheck pytest docs dist bench test-all clean mutation mutation-changed

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

$(VENV)/.installed-mutation: $(VENV)/.installed-test
	$(PY) -m pip install -q -e '.[test,mutation]'
	touch $@

run: $(VENV)/.installed-run
	$(PY) -m procedurekit tour

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict src

# The second run takes the columnar engine for every audit and metrics file, whatever its
# size, so that the answers written for the row engine check it too (tests/conftest.py).
pytest: $(VENV)/.installed-test
	$(PY) -m pytest -q
	$(PY) -m pytest -q --audit-engine arrow tests/checks tests/cli tests/io tests/metrics \
	  tests/integration tests/deadlines/test_decisions.py

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

# Mutation testing with mutmut (docs/explanation/testing.md; configuration in pyproject.toml,
# [tool.mutmut]). Not part of `make test`: a full run of the core modules takes an estimated
# 3 to 4 hours on 2 cores (.github/workflows/mutation.yml runs it weekly). Results are kept
# in mutants/ (git-ignored), so a second `make mutation` re-tests only the functions that
# changed. MODULES="src/procedurekit/phrases/parse.py ..." (re-)tests only those core modules;
# `make mutation-changed` those that differ from MUTATION_BASE (a git ref, default main),
# committed or not. Each ends with the score per module (scripts/mutation_score.py), and
# fails when the overall score is below MUTATION_FAIL_UNDER percent.
MUTATION_CORE := \
	src/procedurekit/durations.py \
	src/procedurekit/calendar/working.py \
	src/procedurekit/calendar/hours.py \
	src/procedurekit/calendar/vietnam.py \
	src/procedurekit/deadlines/rules.py \
	src/procedurekit/deadlines/deadline.py \
	src/procedurekit/deadlines/clock.py \
	src/procedurekit/deadlines/outcome.py \
	src/procedurekit/deadlines/columns.py \
	src/procedurekit/phrases/parse.py \
	src/procedurekit/metrics/_scoring.py
MODULES ?=
MUTATION_BASE ?= main
MUTATION_FAIL_UNDER ?= 0

mutation: $(VENV)/.installed-mutation
	@for m in $(MODULES); do \
	  case " $(MUTATION_CORE) " in *" $$m "*) ;; \
	  *) echo "make mutation: $$m is not a core module (MUTATION_CORE in the Makefile)"; exit 2;; \
	  esac; \
	done
	@# mutmut copies the package's data files (the calendar table) into mutants/ only once:
	@# copy them again, so that a run after a data change does not test the old data.
	@if [ -d mutants/src ]; then \
	  (cd src && find . -type f ! -name '*.py' ! -name '*.pyc' -exec cp --parents {} ../mutants/src/ \;); \
	fi
	$(BIN)/mutmut run $(foreach m,$(MODULES),"$(subst /,.,$(patsubst src/%.py,%,$(m))).*")
	$(PY) scripts/mutation_score.py --fail-under $(MUTATION_FAIL_UNDER)

mutation-changed:
	@changed=$$( { git diff --name-only $(MUTATION_BASE)...HEAD; git diff --name-only HEAD; } \
	  | sort -u | grep -xF $(foreach m,$(MUTATION_CORE),-e $(m)) | tr '\n' ' '); \
	if [ -z "$$changed" ]; then \
	  echo "make mutation-changed: no core module differs from $(MUTATION_BASE)"; \
	else \
	  echo "make mutation-changed: $$changed"; \
	  $(MAKE) --no-print-directory mutation MODULES="$$changed"; \
	fi

clean:
	rm -rf $(VENV) .venv-3.* dist build .pytest_cache .mypy_cache .ruff_cache mutants
