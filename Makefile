# Two commands on a fresh Debian machine with Python 3.11:
#   make build   create .venv, install, build the portal from datapackage/ into site/
#   make test    install test tools (and Debian's chromium if missing), run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATA   ?= datapackage
OUT    ?= site

.PHONY: build test validate serve clean chromium

build: $(VENV)/.installed
	$(BIN)/kinerja build --data $(DATA) --out $(OUT)

validate: $(VENV)/.installed
	$(BIN)/kinerja validate $(DATA)

test: $(VENV)/.installed-test chromium
	$(BIN)/python -m pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Debian's chromium, driven by Playwright with executable_path=/usr/bin/chromium (no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

clean:
	rm -rf $(VENV) $(OUT) build .pytest_cache
