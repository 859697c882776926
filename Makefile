# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Serve with gunicorn. Without FLASK_SECRET_KEY, make up one for this run, shared by every
# worker, so the service works at once on one machine (answers in progress are lost when
# it restarts; the app says so in its log).
run: $(VENV)/.installed
	@if [ -z "$$FLASK_SECRET_KEY" ]; then \
		FLASK_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(32))'); \
		FLASK_SECRET_KEY_GENERATED=true; \
		export FLASK_SECRET_KEY FLASK_SECRET_KEY_GENERATED; \
	fi; \
	echo "Serving on http://$(HOST):$(PORT)/"; \
	exec $(BIN)/gunicorn --config deploy/gunicorn.conf.py --bind $(HOST):$(PORT) 'app.wsgi:create_app_or_exit()'

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

# A minute of load on the journey's pages through gunicorn (needs wrk); a benchmark, not a
# test. SOAK_ARGS="--duration 10 --connections 16" for a quick run.
soak: $(VENV)/.installed
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
