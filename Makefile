# Urban Home School: `make run` serves the site, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: css run test test-fast lint format install browser migrate seed check-deploy clean stop-services screenshots

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null \
		|| { echo "Python 3.11 is needed (found: $$($(PYTHON) --version 2>&1))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m urbanhome.devstack

# The whole suite against real PostgreSQL (embedded unless DATABASE_URL is set),
# browser journeys included. Exit status is pytest's. Afterwards the embedded
# PostgreSQL is stopped unless another process (make run) still uses it.
test: install browser
	@status=0; $(PY) -m pytest -n 2 --dist loadgroup --create-db || status=$$?; \
	$(PY) -m urbanhome.embedded stop --if-unused; exit $$status

# ruff (format and lint) and the import contracts (pyproject.toml) as CI runs
# them; `make format` applies ruff's fixes.
lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-logo

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test-fast: install
	$(PY) -m pytest -m "not browser"

# Debian's Chromium for the Playwright tests (never Playwright's own download).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# PNGs of the main pages in docs/screenshots/, with weight and axe per page.
# Against a running site: make screenshots URL=http://127.0.0.1:8000
screenshots: install browser
	$(PY) scripts/screenshots.py $(if $(URL),--url $(URL)) $(if $(PORT),--port $(PORT))

migrate: install
	$(PY) manage.py migrate

seed: install
	$(PY) manage.py seed_demo

check-deploy: install
	DJANGO_SETTINGS_MODULE=urbanhome.settings.production DEBUG=false \
	SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=urbanhomeschool.co.ke DATABASE_URL=$${DATABASE_URL:-postgres://u:p@localhost/db} \
	REDIS_URL=$${REDIS_URL:-redis://localhost:6379/0} \
	FIELD_ENCRYPTION_KEYS=$$($(PY) -c 'from cryptography.fernet import Fernet;print(Fernet.generate_key().decode())') \
	$(PY) manage.py check --deploy --fail-level WARNING

# Stops this checkout's embedded PostgreSQL and Redis (by their data directory),
# also as root (pg_ctl then runs as the data directory's owner).
stop-services: install
	$(PY) -m urbanhome.embedded stop

# Bootstrap trimmed to the classes the site uses (needs the npm registry).
css: install
	bash scripts/trim-bootstrap.sh

clean:
	rm -rf $(VENV) .pytest_cache staticfiles
