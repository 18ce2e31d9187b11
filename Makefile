# Two commands for a newcomer: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data

.PHONY: demo test lint typecheck unit bench redis-server clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the project's metadata changes, or the source of a compiled module
# (setup.py compiles text.py, _sentence_rules.py and the .pyx files with Cython), not on
# every run. Every .pyx is listed by the wildcard: _features_c.pyx and _langid_c.pyx,
# named one by one before, were left out, and an edit of them went unbuilt.
BUILD_INPUTS := pyproject.toml setup.py src/newsclean/boilerplate/text.py src/newsclean/boilerplate/text.pxd \
                src/newsclean/_sentence_rules.py src/newsclean/_sentence_rules.pxd \
                $(wildcard src/newsclean/*.pyx src/newsclean/boilerplate/*.pyx src/newsclean/dedup/*.pyx src/newsclean/dedup/*.h)

$(VENV)/.installed-core: $(BUILD_INPUTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BUILD_INPUTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,redis]"
	touch $@ $(VENV)/.installed-core

$(VENV)/.installed-bench: $(BUILD_INPUTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench,redis]"
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-core

demo: $(VENV)/.installed-core
	$(BIN)/newsclean demo seeds

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks tools

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# The Redis tests need a redis-server binary; install Debian's when it is missing.
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo "installing redis-server (Debian package) for the Redis tests"; \
	  (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null) \
	  || echo "WARNING: could not install redis-server; the Redis tests will be skipped"; }

# This machine has a C compiler: the tests fail if the compiled classifier is missing.
unit: $(VENV)/.installed-test redis-server
	NEWSCLEAN_EXPECT_COMPILED=1 $(BIN)/pytest

test: lint typecheck unit

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/run.py --data $(DATA)

clean-venv:
	rm -rf $(VENV)
