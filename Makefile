# transdesk — `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
export TRANSDESK_INSTANCE ?= $(CURDIR)/instance

.PHONY: install run test lint typecheck test-sqlite test-postgres messages bench screenshots clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

## run: create the venv, the SQLite database and the demo, then serve http://127.0.0.1:5000
run: install locales/ko/LC_MESSAGES/messages.mo
	$(BIN)/transdesk init --demo
	$(BIN)/transdesk run --host 127.0.0.1 --port 5000

## test: lint, type-check, then the suite on SQLite and again on PostgreSQL
test: install locales/ko/LC_MESSAGES/messages.mo lint typecheck test-sqlite test-postgres

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

test-sqlite: install
	$(BIN)/pytest -q

# The database-backed tests again on PostgreSQL; required on CI, skipped with a notice elsewhere.
test-postgres: install
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== the suite on PostgreSQL ($(PG_TEST_URL)) =="; \
		TRANSDESK_DATABASE_URL='$(PG_TEST_URL)' $(BIN)/pytest -q -m "not browser and not sqlite_only" tests/web tests/workflow/services tests/workflow/store; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_TEST_URL) is required on CI and is not reachable" >&2; exit 1; \
	else \
		echo "NOTE: PostgreSQL at $(PG_TEST_URL) not reachable; the PostgreSQL run was skipped"; \
	fi

## messages: extract, update and compile the UI catalogs (English, Korean)
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -o locales/messages.pot --project transdesk --no-location --sort-output .
	$(BIN)/pybabel update -i locales/messages.pot -d locales --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d locales --statistics

locales/ko/LC_MESSAGES/messages.mo: locales/ko/LC_MESSAGES/messages.po locales/en/LC_MESSAGES/messages.po | install
	$(BIN)/pybabel compile -d locales

bench: install
	$(BIN)/python bench/align.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

## screenshots: PNGs of the editor, review queue, dashboard and audit log (en, ko) in docs/screenshots/
screenshots: install locales/ko/LC_MESSAGES/messages.mo
	$(BIN)/python docs/make_screenshots.py
