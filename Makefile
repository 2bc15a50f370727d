# The two commands: `make run` and `make test`. See README.md.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup venv lint demo bench-search bench-pages clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "正在安装依赖（requirements.txt）。在新机器上第一次安装需要几分钟，下面逐个显示进度。"
	$(BIN)/python -m pip install --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

setup: venv
	@echo "正在迁移数据库……"
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_interpretations
	$(BIN)/python manage.py load_demo_consultations
	$(BIN)/python manage.py load_demo_decisions
	$(BIN)/python manage.py load_demo_applications
	$(BIN)/python manage.py load_demo_reports
	$(BIN)/python manage.py load_demo_workpoints
	$(BIN)/python manage.py load_demo_events
	$(BIN)/python manage.py load_demo_relay

run: setup
	HOST=$(HOST) PORT=$(PORT) bin/run-portal

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

demo: setup

# Search benchmark (not part of `make test`). On PostgreSQL:
#   make bench-search BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench
# Without it, a separate SQLite file in var/ (the demo database is left alone).
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench-search.sqlite3
bench-search: venv
	mkdir -p var
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench_search $(BENCH_ARGS)

# Page load benchmark (locust, headless; not part of `make test`). On PostgreSQL + Redis:
#   make bench-pages BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench REDIS_URL=redis://127.0.0.1:6379/0
# Without it, a separate SQLite file in var/ with 20,000 documents.
BENCH_PAGES_DATABASE_URL ?= $(if $(filter postgres%,$(BENCH_DATABASE_URL)),$(BENCH_DATABASE_URL),sqlite:///$(CURDIR)/var/bench-pages.sqlite3)
bench-pages: venv
	mkdir -p var
	$(BIN)/python bin/bench-pages --database-url $(BENCH_PAGES_DATABASE_URL) $(BENCH_PAGES_ARGS)

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles
