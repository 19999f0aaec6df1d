# evalforge: `make run` serves the API on the embedded default, `make test` runs the suite.
VENV ?= .venv
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
# First start only (no user yet): the admin you log in with. Change the password.
export EVALFORGE_ADMIN_EMAIL ?= admin@example.com
export EVALFORGE_ADMIN_PASSWORD ?= evalforge-admin
export LITELLM_LOCAL_MODEL_COST_MAP = True

.PHONY: install browser run demo test test-sqlite services migrate worker bench bench-engine lint lock sdk fuzz

# requirements.lock pins every package (direct and transitive) with its hashes, for every
# platform: install takes exactly those files (pip --require-hashes), then evalforge itself
# without dependencies. tests/security/test_lock.py fails when it no longer matches
# pyproject.toml or the venv.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -U pip
	$(VENV)/bin/pip install -q --require-hashes -r requirements.lock
	$(VENV)/bin/pip install -q --no-deps -e .
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

# Debian's chromium and chromium-driver for the browser tests (tests/e2e), when missing.
browser:
	./scripts/ensure_browser.sh

# Three processes: the suite waits on sockets and timers far more than on the CPU; each
# process has its own SQLite template, PostgreSQL database and Redis queue names. loadgroup:
# tests marked with one xdist_group share a process (tests/faults: one private PostgreSQL).
test: install services browser
	$(VENV)/bin/pytest -n 3 --dist loadgroup

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

# Re-resolves requirements.lock after a change to pyproject.toml, keeping every pin it can
# (uv, from a venv of its own). Upgrades are deliberate and named: `make lock UPGRADE=litellm`
# (several: UPGRADE="litellm openai"; everything: UPGRADE=all); then `make install` and `make test`.
UV_VENV ?= $(HOME)/.cache/evalforge/uv-venv
UPGRADE ?=
lock:
	test -x $(UV_VENV)/bin/uv || ($(PYTHON) -m venv $(UV_VENV) && $(UV_VENV)/bin/pip install -q uv==0.13.9)
	$(UV_VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.11 --index-url https://pypi.org/simple --custom-compile-command "make lock" \
		$(if $(filter all,$(UPGRADE)),--upgrade,$(foreach p,$(UPGRADE),--upgrade-package $(p))) \
		-o requirements.lock

# Regenerates sdk/ (the typed Python client) from the OpenAPI spec; openapi-python-client runs
# from a venv of its own. tests/fuzz/test_sdk.py fails while sdk/ is stale.
sdk: install
	$(VENV)/bin/python scripts/gen_sdk.py

# The longer schema fuzz run of docs/reliability.md (the suite runs 4 examples per operation).
FUZZ_EXAMPLES ?= 100
fuzz: install services
	EVALFORGE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(VENV)/bin/pytest -o addopts="" -q tests/fuzz/test_schema_fuzz.py
