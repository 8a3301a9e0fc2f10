# Series catalog: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint format clean bench

# Some machines set PYTHONDONTWRITEBYTECODE: then every test run compiles the
# project and pytest rewrites every test module again, in each worker, which
# costs the fast tests about a third of their time. The test run lifts it
# (caches go to the ignored __pycache__ dirs).
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest
PYTEST_WORKERS ?= 2

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed, found " + sys.version.split()[0] + ": install 3.13 (see .python-version) or run make PYTHON=python3.13")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-prod: $(BIN)/python requirements/base.txt requirements/prod.txt
	$(BIN)/pip install --quiet -r requirements/prod.txt
	@touch $@

$(VENV)/.installed-dev: $(BIN)/python requirements/base.txt requirements/prod.txt requirements/dev.txt
	$(BIN)/pip install --quiet -r requirements/dev.txt
	@touch $@ $(VENV)/.installed-prod

## run: install, migrate SQLite, create the demo account, serve on 127.0.0.1:8000
run: $(VENV)/.installed-prod
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

## lint: ruff, djlint, hadolint, migrations and system checks
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/djlint templates --check
	$(BIN)/hadolint Dockerfile
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check --fail-level WARNING

## test: the linters, then the suite (PostgreSQL when DATABASE_URL is set):
## the fast tests in PYTEST_WORKERS processes, then the browser and HTML checks
test: lint
	$(PYTEST) -n $(PYTEST_WORKERS) -m "not browser and not html"
	$(PYTEST) -m "browser or html"

## format: rewrite Python and templates in the house style
format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint templates --reformat

## bench: seed PostgreSQL with 1k, 10k and 100k series, print the speed table (BENCH_ARGS=--help)
bench: $(VENV)/.installed-prod
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles
