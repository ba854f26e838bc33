# The README's two commands are `make run` and `make test`; the rest serve them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000
# SITE_URL is where people open the shop: load_demo writes it into the Django and Wagtail
# sites and prints links with it. `make run HOST=...` sets it to that address (a bare port
# means 127.0.0.1) unless SITE_URL is given too; without HOST it comes from the environment
# or .env, else the settings' default (http://127.0.0.1:8000).
ifeq ($(origin HOST),command line)
SITE_URL ?= http://$(if $(findstring :,$(HOST)),$(HOST),127.0.0.1:$(HOST))
export SITE_URL
endif

.PHONY: run test install migrate demo lint check lock messages clean bench

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependency list or the lock file changes.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/activate
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

# Translations are compiled from the committed .po files (pure Python: no gettext needed).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
%.mo: %.po | $(VENV)/.installed
	$(BIN)/pybabel compile --domain django --input-file $< --output-file $@

install: $(VENV)/.installed $(MO_FILES)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo  ## 1. set up and serve the shop with demo data on http://127.0.0.1:8000
	$(PY) manage.py runserver $(HOST)

# axe-core, which the browser tests inject to check accessibility (package-lock.json).
# Without npm they are skipped, with the reason shown.
node_modules/axe-core/axe.min.js: package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: the accessibility browser tests will be skipped"; fi

test: install node_modules/axe-core/axe.min.js  ## 2. set up and run the whole test suite
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Refresh the lock from what the venv resolved (after changing pyproject.toml).
lock: install
	$(BIN)/pip freeze --exclude-editable | grep -v '^ocop-marketplace' > requirements.lock

# After changing user-facing strings: update the catalogue, translate, commit the .po.
messages: install
	$(PY) manage.py makemessages -l vi --ignore=.venv --ignore=tests --ignore=bench

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles .test-media .pytest_cache

# Search latency of the database backend (10k and 100k products, SQLite and PostgreSQL on
# 127.0.0.1:5432), then every storefront page and checkout under load (gunicorn + wrk,
# PostgreSQL, at each of BENCH_SIZES), then the same on SQLite (BENCH_SQLITE_SIZE) against
# stock django-oscar loaded with the same catalogue in the same run: benchmarks, not tests;
# they write docs/PERFORMANCE.md. See bench/README.md.
BENCH_SIZES ?= 10000 100000
BENCH_SQLITE_SIZE ?= 10000
bench: install
	$(PY) -m bench.search_latency
	for n in $(BENCH_SIZES); do $(PY) -m bench.run --products $$n || exit 1; done
	$(PY) -m bench.run --products $(BENCH_SQLITE_SIZE) --database sqlite --against-stock-oscar
