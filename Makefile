# Two commands matter: `make serve` (preview the sample blog) and `make test`.
# Each target sets up .venv on first use from the lock files, so every machine installs exactly
# the versions that were tested, and reinstalls only when pyproject.toml or a lock file changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ADDR   ?= 127.0.0.1:8000
# `make lock` keeps every pin it can; `make lock UPGRADE=--upgrade` moves all to the newest.
UPGRADE ?=
COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --quiet $(UPGRADE)

.PHONY: serve build check chromium redcarpet test lint format bench screenshots lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements-test.lock $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-test.lock
	touch $@

serve: $(VENV)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr $(ADDR)

build: $(VENV)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

check: $(VENV)/.installed
	$(BIN)/proofpress check

chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "chromium is missing: run 'sudo apt-get install chromium' (the browser tests need it)"; \
		exit 1; \
	fi

# DEV's own renderer (Redcarpet, as Forem sets it up) is the oracle the dialect tests compare with.
redcarpet:
	@if command -v ruby >/dev/null 2>&1 && ruby -e 'require "redcarpet"' 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's ruby-redcarpet (DEV's renderer) for the dialect tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ruby-redcarpet >/dev/null; \
	else \
		echo "ruby-redcarpet is missing: run 'sudo apt-get install ruby-redcarpet' (the dialect tests compare with DEV's renderer)"; \
		exit 1; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.installed-test chromium redcarpet lint
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -n auto

bench: $(VENV)/.installed-test
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/bench.py

# The sample blog's article, home, tag, author, series and 404 pages, desktop and phone, light and dark.
screenshots: $(VENV)/.installed-test chromium
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/screenshots.py screenshots

lock: $(VENV)/.installed-test
	$(COMPILE) --extra test -o requirements-test.lock
	$(COMPILE) -c requirements-test.lock -o requirements.lock

clean:
	rm -rf site bench-out .pytest_cache .ruff_cache
