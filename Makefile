# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint image screenshots translations error-pages print soak slow-clients bench clean

# Interface translations: the .po files are the source, compiled here, never committed.
CATALOGUES := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

# After changing interface text: collect it into the template and each catalogue.
translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --sort-output \
		--project=warning-signs-check -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --ignore-obsolete

# The pages nginx shows by itself (deploy/error-pages/), every language in each, built from
# the interface catalogues: after changing templates/proxy_error/ or a catalogue, and
# committed (a test fails while they are out of date). See docs/operators.md.
error-pages: $(VENV)/.installed $(COMPILED)
	$(BIN)/flask --app app checklist error-pages

# Serve with gunicorn. Without FLASK_SECRET_KEY, make up one for this run, shared by every
# worker, so the service works at once on one machine (answers in progress are lost when
# it restarts; the app says so in its log).
run: $(VENV)/.installed $(COMPILED)
	@if [ -z "$$FLASK_SECRET_KEY" ]; then \
		FLASK_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(32))'); \
		FLASK_SECRET_KEY_GENERATED=true; \
		export FLASK_SECRET_KEY FLASK_SECRET_KEY_GENERATED; \
	fi; \
	echo "Serving on http://$(HOST):$(PORT)/"; \
	exec $(BIN)/gunicorn --config deploy/gunicorn.conf.py --bind $(HOST):$(PORT) 'app.wsgi:create_app_or_exit()'

lint: $(VENV)/.installed $(COMPILED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Browser tests run when Debian's Chromium is at /usr/bin/chromium (apt package chromium)
# and are skipped with one line when it is not; REQUIRE_BROWSER=1 makes them compulsory.
test: lint
	$(BIN)/python -m pytest

# The container image (deploy/Containerfile), built with Podman as on this project's machines
# and in CI (harness/container.py; the base image is made from Debian's packages when it is
# missing, as no registry can be reached here). Elsewhere: docs/operators.md.
image:
	$(PYTHON) -m harness.container build

# The posters and wallet cards, every language, as PDF files in printed/. Needs
# FLASK_PUBLIC_URL (the check's public address, for the QR codes): see
# docs/content-editors.md, "Posters and wallet cards". PRINT_ARGS="--language ro" for one.
print: $(VENV)/.installed $(COMPILED)
	$(BIN)/flask --app app checklist print $(PRINT_ARGS)

# A PNG of every page state at 360x740 and 1280x900, in screenshots/.
screenshots: $(VENV)/.installed
	$(BIN)/python -m tests.support.screenshots

# Server cost: first each request's cost to the app itself (in process, with and without
# the service's figures), then under gunicorn against a bare Flask app, directly and through
# nginx, and with METRICS_PORT set beside without it (needs wrk and nginx).
bench: $(VENV)/.installed $(COMPILED)
	$(BIN)/python bench/in_process.py
	$(BIN)/python bench/load.py $(BENCH_ARGS)

# A minute of load on the journey's pages through gunicorn (needs wrk); a benchmark, not a
# test. SOAK_ARGS="--duration 10 --connections 16" for a quick run.
soak: $(VENV)/.installed
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

# `make run`'s gunicorn with 16 slow-header and 16 slow-body clients held for a minute,
# timing a normal page meanwhile. SLOW_ARGS="--duration 10" for a quick look.
slow-clients: $(VENV)/.installed $(COMPILED)
	$(BIN)/python bench/slow_clients.py $(SLOW_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info screenshots test-results printed
