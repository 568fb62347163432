# Continuum: `make run` serves a demo partnership; `make test` runs every check.
# Each target sets up what it needs, so both work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/continuum
export DJANGO_SETTINGS_MODULE := continuum.settings

.PHONY: setup run code test lint typecheck test-sqlite test-postgres bench clean

VALIDATORS := .venv-validators
# The validators need pandas 1.5, which has wheels up to Python 3.11: use 3.11 where there is one.
VALIDATORS_PYTHON ?= $(shell command -v python3.11 || echo $(PYTHON))

setup: $(VENV)/.installed $(VALIDATORS)/.installed node_modules/.installed var/build/continuum.css

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# The DfE's validators, in their own virtualenv (see requirements-validators.txt).
$(VALIDATORS)/.installed: requirements-validators.txt
	$(VALIDATORS_PYTHON) -m venv $(VALIDATORS)
	$(VALIDATORS)/bin/pip install --quiet --upgrade pip
	$(VALIDATORS)/bin/pip install --quiet -r requirements-validators.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/build/continuum.css: continuum/static_src/continuum.scss node_modules/.installed
	mkdir -p var/build var/staticfiles
	node_modules/.bin/sass --load-path=. --quiet-deps --quiet --style=compressed --no-source-map $< $@

run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) demo_partnership
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

# The current second-factor code of a demo account: make code USER=tom
code: setup
	$(MANAGE) totp_code $(USER) --demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

# One test process per core (pytest-xdist); each has its own test database.
test-sqlite: setup
	$(BIN)/pytest -n auto

# PostgreSQL runs when one answers; CONTINUUM_REQUIRE_POSTGRES=1 makes its absence an error.
test-postgres: setup
	@if $(BIN)/python -m continuum.dbcheck "$(POSTGRES_URL)"; then \
		DATABASE_URL="$(POSTGRES_URL)" $(BIN)/pytest -n auto; \
	elif [ "$$CONTINUUM_REQUIRE_POSTGRES" = "1" ]; then \
		echo "PostgreSQL is required (CONTINUUM_REQUIRE_POSTGRES=1) but $(POSTGRES_URL) did not answer"; exit 1; \
	else \
		echo "PostgreSQL not reachable at $(POSTGRES_URL): skipping the PostgreSQL run"; \
	fi

test: lint typecheck test-sqlite test-postgres

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(VALIDATORS) node_modules var
