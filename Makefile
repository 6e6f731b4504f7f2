# Anquan: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Two pytest-xdist workers (each with its own test database): the full suite on PostgreSQL took
# 9.5 min with -n 2 against 18 min serially on the same 2-CPU machine. `make test PYTEST_ARGS=` runs serially.
PYTEST_ARGS ?= -n 2

.PHONY: run test venv migrate messages messages-update seed serve lint format bench bench-growth system-deps clean help

help:
	@echo "make run    - set up (venv, deps, migrations, demo data) and serve on http://$(HOST):$(PORT)"
	@echo "make test   - run the whole test suite"
	@echo "make lint   - ruff and makemigrations --check"
	@echo "make bench  - performance benchmark on a seed_scale company (PostgreSQL; see README)"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

messages: venv
	@if [ -d locale ]; then $(PY) manage.py compilemessages --ignore=.venv --verbosity 0; else echo "No locale/ yet: skipping compilemessages"; fi

# After adding or changing user-visible strings: refresh the catalogue, translate what
# `scripts/untranslated.py` lists (scripts/po_fill.py merges JSON maps), then `make messages`.
messages-update: venv
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles --ignore=node_modules \
		--ignore=tests --ignore=media --ignore=static/vendor
	-$(PY) scripts/untranslated.py --count

migrate: venv
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: messages seed
	@bash scripts/serve.sh $(HOST) $(PORT)

system-deps:
	@bash scripts/system-deps.sh

test: messages system-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The benchmark of issue 12 on the database in DATABASE_URL (PostgreSQL), built first with
# `manage.py seed_scale --employees 50000`; writes bench/results.md. BENCH_ARGS=--only pages etc.
bench: messages
	$(PY) -m bench $(BENCH_ARGS)

# The older growth check: seeds a throwaway test database at three sizes and prints per-page timings.
bench-growth: messages
	$(PY) -m tests.bench

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media .test-media staticfiles
