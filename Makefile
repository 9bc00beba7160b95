# The two commands of README.md work on a fresh machine with Python 3.11+: no Node, Redis or PostgreSQL needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install vendor migrate seed lint lock worker beat clean bench loadtest

$(STAMP): requirements/dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

## make run: install, migrate, load demo data, serve on http://127.0.0.1:8000 (SQLite, no Redis); PORT=8765 for another
## port. The demo's emails are kept in the outbox, not printed; pages behave as in production (DEBUG off, so a record
## you may not see is the service's own "Page not found"); DEBUG=true for Django's debugging pages.
PORT ?= 8000
DEMO_ENV = EMAIL_URL=$${EMAIL_URL:-dummymail://} DEBUG=$${DEBUG:-false}
run: migrate
	@echo "Loading the demo data..."
	@$(DEMO_ENV) $(BIN)/python manage.py seed_demo --verbosity 0
	@$(DEMO_ENV) $(BIN)/python manage.py rundemo 127.0.0.1:$(PORT)

## make test: the whole suite on SQLite (browser tests drive /usr/bin/chromium when it is installed)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make lock: re-pin requirements/*.txt from pyproject.toml
lock: install
	$(BIN)/pip-compile --quiet --strip-extras -o requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --extra dev -o requirements/dev.txt pyproject.toml

## make vendor: refresh GOV.UK Frontend, htmx and axe-core from the npm registry (needs npm)
vendor:
	bash scripts/vendor_frontend.sh

## make bench: key pages' server time and query counts at volume (PostgreSQL; BENCH_DATABASE_URL, default a local
## mo_bench database, built with seed_volume at BENCH_BUILD_SCALE if it holds no cases). docs/performance.md
bench: install
	$(BIN)/python -m bench

## make loadtest: locust, 50 officers and members for 2 minutes, against gunicorn with the production settings on
## loopback, over the bench database (LOADTEST_USERS, LOADTEST_DURATION)
loadtest: install
	$(BIN)/python -m bench.load

worker: install
	$(BIN)/celery -A mayoral_office worker --loglevel=info

beat: install
	$(BIN)/celery -A mayoral_office beat --loglevel=info

clean:
	rm -rf $(VENV) var/db.sqlite3 var/staticfiles
