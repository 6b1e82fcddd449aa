# Two commands do everything: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export FLASK_APP := portal:create_app

.PHONY: run test test-fast install migrate seed bench clean system-deps browser-deps serve

# What the Python packages cannot bring: libmagic (upload checks) and, for the browser tests,
# Chromium. Installed with apt-get when we run as root on Debian; otherwise one line says how.
system-deps:
	@if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libmagic.so.1'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmagic1 >/dev/null; \
	  else echo "libmagic ontbreekt: installeer het met 'sudo apt-get install -y libmagic1' (macOS: 'brew install libmagic') en probeer opnieuw."; exit 1; fi; \
	fi

browser-deps: system-deps
	@if ! command -v chromium >/dev/null && [ ! -x /usr/bin/chromium ] && [ -z "$$(ls -d $$HOME/.cache/ms-playwright/chromium-* 2>/dev/null)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium ontbreekt voor de browsertests: installeer het met 'sudo apt-get install -y chromium' (elders: '$(BIN)/playwright install chromium') en probeer opnieuw."; exit 1; fi; \
	fi
	@if ! command -v java >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	fi

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask loket seed-demo

run: system-deps seed
	$(BIN)/python -m portal.dev

serve: system-deps install  # as for real: PostgreSQL, Redis and SMTP required (see README)
	$(BIN)/python -m portal.serve

test: install browser-deps
	$(BIN)/python -m e2e.html_check --install
	$(BIN)/python -m pytest

test-fast: install system-deps  # everything but the browser tests
	$(BIN)/python -m pytest tests

bench: install system-deps
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) instance .pytest_cache
