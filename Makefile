# Two entry points: `make demo` builds the demo warehouse, `make test` runs the tests.
# Both create .venv from the lock file first, so a fresh machine needs only python3 (>= 3.11), pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOME_DIR ?= countystat-home

.PHONY: demo test install lock clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# A second `make demo` says what is there and how to start over, before anything runs.
demo: install
	@if [ -e "$(HOME_DIR)/warehouse.duckdb" ] || [ -n "$$(ls -A "$(HOME_DIR)/inbox" 2>/dev/null)" ]; then \
		echo "$(HOME_DIR) already holds a demo warehouse: query it as the README shows, or run \`make clean\` then \`make demo\` to build it anew."; \
		exit 1; \
	fi
	$(BIN)/countystat demo --home $(HOME_DIR)

# Two pytest-xdist workers, one per core (tests/conftest.py shares one Prefect server and one demo run
# between them); --durations=20 lists the 20 slowest tests after the run: the suite must stay under 4 minutes.
test: install
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup --durations=20

# Re-pin the dependencies (needs the network to PyPI).
lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --extra dev --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) $(HOME_DIR)
