# WPS Monitor — set-up, run, test and benchmark. Needs Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := wpsmonitor.settings

.PHONY: run test install install-test lint format migrate demo bench messages check-migrations clean e2e

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	mkdir -p var
	$(BIN)/wpsmonitor migrate --noinput

demo: migrate
	$(BIN)/wpsmonitor demo --yes

## make run: install, migrate the SQLite database under ./var, load the demo, serve it
run: demo
	$(BIN)/wpsmonitor serve --host $(HOST) --port $(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy wpsmonitor/language wpsmonitor/intake --exclude '(tests/|migrations/|intake/(services|views|forms|models|tasks|urls|apps)\.py)' --follow-imports=silent

check-migrations: install-test
	$(BIN)/wpsmonitor makemigrations --check --dry-run

## make test: lint, the migration check and the whole suite
test: lint check-migrations
	$(BIN)/pytest $(PYTEST_ARGS)

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install-test
	$(BIN)/wpsmonitor makemessages -l sq -l sr_Latn --ignore=.venv --ignore=var --ignore=benchmarks
	$(BIN)/wpsmonitor compilemessages --ignore=.venv

## make bench: speed figures and ratios against baselines measured in the same run
bench: install-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
