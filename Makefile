# evalforge: `make run` serves the API on the embedded default, `make test` runs the suite.
VENV ?= .venv
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
# First start only (no user yet): the admin you log in with. Change the password.
export EVALFORGE_ADMIN_EMAIL ?= admin@example.com
export EVALFORGE_ADMIN_PASSWORD ?= evalforge-admin
export LITELLM_LOCAL_MODEL_COST_MAP = True

.PHONY: install run demo test test-sqlite services migrate worker bench bench-engine lint lock

# requirements.lock pins every package (direct and transitive) to the versions the suite
# passed with; `make lock` rewrites it from the current venv after a deliberate upgrade.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -U pip
	$(VENV)/bin/pip install -q -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(VENV)/bin/evalforge serve --host $(HOST) --port $(PORT)

# First run, no provider key: a demo workspace, Compare Versions on a bundled local model.
demo: install
	$(VENV)/bin/evalforge demo --host $(HOST) --port $(PORT)

migrate: install
	$(VENV)/bin/evalforge migrate

worker: install
	$(VENV)/bin/evalforge worker

services:
	./scripts/ensure_services.sh

# Three processes: the suite waits on sockets and timers far more than on the CPU; each
# process has its own SQLite template, PostgreSQL database and Redis queue names.
test: install services
	$(VENV)/bin/pytest -n 3

test-sqlite: install
	EVALFORGE_TEST_BACKENDS=sqlite $(VENV)/bin/pytest

bench: install services
	$(VENV)/bin/python -m bench.bench_datasets
	$(VENV)/bin/python -m bench.bench_engine

# Issue 7: the engine side by side with promptfoo (installed from npm into
# ~/.cache/evalforge-bench on first use). Memory check:
# make bench-engine BENCH_ENGINE_ARGS="--items 10000 --concurrency 64 --skip-promptfoo"
BENCH_ENGINE_ARGS ?= --judge
bench-engine: install services
	$(VENV)/bin/python -m bench.bench_engine $(BENCH_ENGINE_ARGS)

lint: install
	$(VENV)/bin/ruff check app workers tests bench

lock: install
	$(VENV)/bin/pip freeze --exclude-editable | grep -v '^evalforge' > requirements.lock
