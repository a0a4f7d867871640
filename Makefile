# transdesk — `make run` serves the demo, `make serve` the production stack, `make test` runs
# the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
export TRANSDESK_INSTANCE ?= $(CURDIR)/instance

.PHONY: install run serve test audit lint typecheck test-sqlite test-postgres messages bench bench-load bench-crash bench-race screenshots clean

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

## serve: the production stack on this machine: gunicorn (gunicorn.conf.py) on
## http://127.0.0.1:8000 over PostgreSQL, huey on Redis with a `transdesk worker` beside it.
## TRANSDESK_DATABASE_URL, TRANSDESK_REDIS_URL, TRANSDESK_SECRET_KEY and TRANSDESK_BIND may be
## set; without a secret key one is generated once into the instance folder. Cookies are not
## marked Secure here because this is plain http on the loopback (behind TLS, leave it unset).
SERVE_DATABASE_URL ?= $(PG_TEST_URL)
SERVE_REDIS_URL ?= redis://127.0.0.1:6379/0
serve: install locales/ko/LC_MESSAGES/messages.mo
	@set -e; \
	mkdir -p "$(TRANSDESK_INSTANCE)"; \
	if [ -z "$$TRANSDESK_SECRET_KEY" ]; then \
		key="$(TRANSDESK_INSTANCE)/secret_key"; \
		[ -s "$$key" ] || (umask 077; $(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > "$$key"); \
		TRANSDESK_SECRET_KEY=$$(cat "$$key"); \
	fi; \
	export TRANSDESK_ENV=production TRANSDESK_SECRET_KEY \
		TRANSDESK_DATABASE_URL="$${TRANSDESK_DATABASE_URL:-$(SERVE_DATABASE_URL)}" \
		TRANSDESK_REDIS_URL="$${TRANSDESK_REDIS_URL:-$(SERVE_REDIS_URL)}" \
		TRANSDESK_SECURE_COOKIES="$${TRANSDESK_SECURE_COOKIES:-0}"; \
	$(BIN)/transdesk init; \
	$(BIN)/transdesk worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(BIN)/gunicorn -c gunicorn.conf.py

## test: lint, type-check, audit, then the suite on SQLite and again on PostgreSQL + Redis
test: install locales/ko/LC_MESSAGES/messages.mo lint typecheck audit
	@# the two runs side by side (one core each): SQLite, and PostgreSQL with Redis
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

## audit: known vulnerabilities of the installed packages (pip-audit, PyPI's advisory data)
audit: install
	$(BIN)/pip-audit --skip-editable --progress-spinner off

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

test-sqlite: install
	$(BIN)/pytest -q

# The whole suite again on PostgreSQL, with huey's queue on Redis; required on CI (CI=true),
# skipped with a notice elsewhere when either server is not reachable.
PG_REDIS_URL ?= redis://127.0.0.1:6379/15
test-postgres: install
	@if $(BIN)/python -c "import psycopg, redis; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close(); redis.Redis.from_url('$(PG_REDIS_URL)', socket_connect_timeout=3).ping()" 2>/dev/null; then \
		echo "== the suite on PostgreSQL ($(PG_TEST_URL)) and Redis ($(PG_REDIS_URL)) =="; \
		TRANSDESK_DATABASE_URL='$(PG_TEST_URL)' TRANSDESK_REDIS_URL='$(PG_REDIS_URL)' $(BIN)/pytest -q -m "not sqlite_only" --database-only; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_TEST_URL) and Redis at $(PG_REDIS_URL) are required on CI; one is not reachable" >&2; exit 1; \
	else \
		echo "NOTE: PostgreSQL at $(PG_TEST_URL) or Redis at $(PG_REDIS_URL) not reachable; that run was skipped"; \
	fi

## messages: extract, update and compile the UI catalogs (English, Korean)
# Every class of workflow/errors.py that takes a message (tests/test_messages.py keeps it whole).
MESSAGE_KEYWORDS := _l Message WorkflowError BadInput ImportFailed UnknownLocale UnknownPlugin \
	NotFound PermissionDenied FourEyes InvalidTransition VersionConflict PublishBlocked \
	AuthenticationFailed ChecksBlock Throttled MtError ProviderError ProviderTimeout QuotaExceeded \
	ProviderUnavailable ProviderAuthFailed PlaceholderLost EmbargoViolation DeliveryFailed \
	DestinationRefused TitleMissing
messages: install
	$(BIN)/pybabel extract -F babel.cfg $(addprefix -k ,$(MESSAGE_KEYWORDS)) -o locales/messages.pot --project transdesk --no-location --sort-output .
	$(BIN)/pybabel update -i locales/messages.pot -d locales --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d locales --statistics

locales/ko/LC_MESSAGES/messages.mo: locales/ko/LC_MESSAGES/messages.po locales/en/LC_MESSAGES/messages.po | install
	$(BIN)/pybabel compile -d locales

bench: install
	$(BIN)/python bench/align.py

## bench-load: locust (the bench extra) against gunicorn, 20 and 50 users, SQLite then PostgreSQL
bench-load: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.load
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		$(BIN)/python -m bench.load --database-url '$(PG_TEST_URL)'; \
	else \
		echo "NOTE: PostgreSQL at $(PG_TEST_URL) not reachable; its load run was skipped"; \
	fi

## bench-crash: SIGKILL gunicorn workers 100 times under load, then check nothing was lost
bench-crash: install
	$(BIN)/python -m bench.crash

## bench-race: editors publish while translators save, 200 rounds, SQLite then PostgreSQL
bench-race: install
	$(BIN)/python -m bench.publish_race
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		$(BIN)/python -m bench.publish_race --database-url '$(PG_TEST_URL)'; \
	else \
		echo "NOTE: PostgreSQL at $(PG_TEST_URL) not reachable; its race run was skipped"; \
	fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

## screenshots: PNGs of the editor, review queue, dashboard and audit log (en, ko) in docs/screenshots/
screenshots: install locales/ko/LC_MESSAGES/messages.mo
	$(BIN)/python docs/make_screenshots.py
