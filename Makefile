# make run: set up .venv and open the dashboard on the bundled data, on port 8501
#   (.streamlit/config.toml); make run PORT=8600 passes --server.port 8600 instead.
# make test: set up .venv with the dev requirements, lint, and run every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?=

.PHONY: run test lint format validate bench clean native

$(VENV)/.run: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.run $@

# The extraction path compiled by mypyc into .native/ (extractors/native.py); a no-op when
# fresh. Without a C compiler it says so and pure Python runs: hence the leading "-".
native: $(VENV)/.run
	-$(PY) -m extractors.compile

run: $(VENV)/.run native
	$(PY) -m streamlit run dashboard.py $(if $(PORT),--server.port $(PORT))

test: $(VENV)/.dev native lint
	$(PY) -m pytest

# The inner loop: every test but the browser and slow ones, one worker a core; no lint.
.PHONY: test-fast
test-fast: $(VENV)/.dev native
	$(PY) -m pytest -m "not browser and not slow" -n auto --dist worksteal

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

validate: $(VENV)/.run
	$(PY) -m dataset validate data

bench: $(VENV)/.dev native
	for b in bench/*_bench.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .native .pytest_cache .ruff_cache
