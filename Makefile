# Grenzeloos — `make run` serves the app, `make test` runs every check. Both set everything up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Prefer Python 3.12 (also where pyenv keeps it), else the newest Python 3.11+ found.
PYTHON ?= $(shell for p in python3.12 $$(ls -d $$HOME/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | sort -V | tail -n 1) python3.13 python3.11 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := grenzeloos.settings
# The suites run in one test process per core (pytest-xdist; at most 8), each on its own test
# database; PYTEST_WORKERS=0 runs them in this process alone.
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ "$$n" -gt 8 ] && n=8; echo $$n)
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

# Debian packages the tests need; PostgreSQL, nginx and Redis only where CI runs the suite on
# PostgreSQL too and the proxy and scale-out tests (outside CI those skip without nginx).
APT_PACKAGES := chromium gettext fonts-dejavu-core
ifdef CI
APT_PACKAGES += postgresql nginx redis-server openssl
endif

.PHONY: help install prerequisites system-deps run test lint check-migrations check-openapi check-translations \
	unit browser postgres-test messages openapi fuzz clean

help:
	@echo "make run   - set up and serve Grenzeloos on http://$(HOST):$(PORT)"
	@echo "make test  - set up and run lint, unit, integration, CLI and browser tests"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# What `make run` needs from the machine (Python's venv, npm; fonts and Pango for the exports),
# named in one line with what to install when something is missing.
prerequisites:
	@VENV=$(VENV) scripts/check-prerequisites.sh "$(PYTHON)"

run: prerequisites install
	$(BIN)/django-admin migrate --no-input
	$(BIN)/grenzeloos demo --if-empty
	$(BIN)/grenzeloos serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python scripts/check_imports.py

check-migrations: install
	$(BIN)/django-admin makemigrations --check --dry-run

check-openapi: install
	$(BIN)/django-admin spectacular --lang en --format openapi-json --validate --fail-on-warn --file /tmp/grenzeloos-openapi.json
	diff -u docs/openapi.json /tmp/grenzeloos-openapi.json || { echo "docs/openapi.json is out of date: run 'make openapi'" >&2; exit 1; }

# Spectral with the OpenAPI ruleset and the NLGov API Design Rules (.spectral.yaml): any
# warning fails.
lint-openapi: install
	node_modules/.bin/spectral lint docs/openapi.json --ruleset .spectral.yaml --fail-severity=warn

check-translations: install system-deps
	$(BIN)/python scripts/check_translations.py

unit: install system-deps
	$(PYTEST) -m "not browser" -q

browser: install system-deps
	$(PYTEST) -m browser -q

postgres-test: install system-deps
	scripts/with-postgres.sh $(PYTEST) -q -m "not browser"

test: install system-deps lint check-migrations check-openapi lint-openapi check-translations
	$(PYTEST) -q
ifdef CI
	# On PostgreSQL every test but the browser tests: those check the pages in a browser and
	# run on SQLite only (above); the README says so.
	scripts/with-postgres.sh $(PYTEST) -q -m "not browser"
	scripts/scale-out.sh $(BIN)/pytest -q -m scaleout tests/scaleout
endif

# Many more fuzzing examples than `make test` runs (which keeps them few to stay fast).
FUZZ_EXAMPLES ?= 150
# Both databases, with schemathesis's coverage phase and its response-conformance checks.
FUZZ_ENV = GRENZELOOS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) GRENZELOOS_FUZZ_STEPS=12 GRENZELOOS_FUZZ_COVERAGE=1
fuzz: install system-deps
	$(FUZZ_ENV) $(BIN)/pytest -q tests/fuzz
	$(FUZZ_ENV) GRENZELOOS_FUZZ_FIGURES=var/fuzz-figures-postgres.json scripts/with-postgres.sh $(BIN)/pytest -q tests/fuzz

# Developer helpers
messages: install system-deps
	cd src/grenzeloos && ../../$(BIN)/django-admin makemessages -l nl -l en --no-obsolete --add-location file
	cd src/grenzeloos && ../../$(BIN)/django-admin compilemessages

openapi: install
	$(BIN)/django-admin spectacular --lang en --format openapi-json --validate --file docs/openapi.json

clean:
	rm -rf $(VENV) node_modules .pytest_cache
