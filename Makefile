# Everyday commands. `make run` and `make test` work on a fresh clone with nothing else typed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
CATALOGUES := $(wildcard core/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)
MODEL := nlp/model/meta.json
CORPUS := $(shell find nlp/corpus -name '*.jsonl' 2>/dev/null)

.PHONY: run test lint format bench install translations extract-messages model clean

run: install translations model ## serve on http://127.0.0.1:5000 with demo data on an empty database
	REDRESS_ENV=development $(FLASK) db upgrade
	REDRESS_ENV=development $(FLASK) demo load --if-empty
	REDRESS_ENV=development SCHEDULER_IN_PROCESS=1 $(FLASK) run --host 127.0.0.1 --port 5000 --debug

test: install translations model lint ## the whole suite, SQLite and PostgreSQL, with coverage
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered

lint: install ## style, format, complexity (15), import contracts, types, the package shape
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_architecture.py

format: install ## format the tree as lint expects
	$(BIN)/ruff format .

bench: install model ## every benchmark; each prints one JSON line
	@for b in bench/[a-z]*.py; do $(BIN)/python -m bench.$$(basename $$b .py) || exit 1; done

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,s3,redis]'
	touch $@

translations: $(COMPILED)

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile -i $< -o $@

extract-messages: install ## refresh the catalogues after changing user-facing text
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location -o core/translations/messages.pot .
	$(BIN)/pybabel update -i core/translations/messages.pot -d core/translations

model: $(MODEL)

# The committed corpus decides the model here; the held-out gate is for retraining in service.
$(MODEL): $(CORPUS) | $(VENV)/.installed
	$(BIN)/python -m nlp train --force

clean:
	rm -rf $(VENV) instance nlp/model .pytest_cache
