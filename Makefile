# Everyday tasks. `make help` lists them. Needs only python3.11, pip and make on the machine.
SHELL := /bin/bash
PYTHON ?= python3.11
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help setup run test lint typecheck bench accuracy clean

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==0.13.9

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

setup: $(VENV)/.synced ## Create .venv/ from the lock file (uv, bytecode compiled)

run: setup ## Load seeds/reports/ into warehouse/fazhi.duckdb and print a summary
	$(VENV)/bin/fazhi run seeds/reports --warehouse warehouse/fazhi.duckdb

test: setup ## Run the whole test suite
	$(VENV)/bin/pytest

lint: setup ## ruff lint and format check
	$(VENV)/bin/ruff check fazhi flows tests bench
	$(VENV)/bin/ruff format --check fazhi flows

typecheck: setup ## mypy on the domain package
	$(VENV)/bin/mypy fazhi

accuracy: setup ## Extraction precision/recall on the golden set
	$(VENV)/bin/python bench/accuracy.py

bench: setup ## Benchmarks of issue #8 on 10,000 generated reports (prints a table of figures; ~10 min)
	$(VENV)/bin/python bench/run.py

clean: ## Remove the environment and outputs (keeps committed files)
	rm -rf $(VENV) $(TOOLS) warehouse/*.duckdb warehouse/*.wal

prefect-server: setup ## Start a Prefect server on 127.0.0.1:4200 and print its UI URL (Ctrl-C stops it)
	scripts/prefect-server.sh

serve: setup ## Serve the daily 06:00 Asia/Shanghai deployment (needs PREFECT_API_URL; see docs/scheduling.md)
	$(VENV)/bin/fazhi serve

review: setup ## Write warehouse/review/ and warehouse/validation/ pages
	$(VENV)/bin/fazhi review

export: setup ## Export the star schema and marts to exports/ as Parquet
	$(VENV)/bin/fazhi export --format parquet exports
.PHONY: prefect-server serve review export

.PHONY: reliability
reliability: setup ## Reliability suite (crash, bad inputs, concurrency, security) and its figures
	$(VENV)/bin/pytest tests/reliability
	$(VENV)/bin/python bench/reliability.py
