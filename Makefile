# Two commands on a fresh Debian machine with Python 3.11:
#   make build   create .venv, install, build the portal from datapackage/ into site/
#                (and the synthetic example's portal into site-contoh/, the two real performance-tree
#                packages into site-balangan/ and site-belitung/)
#   make test    install test tools (Debian's chromium and nodejs/npm if missing, axe-core), run the whole suite
# Work files (generated Markdown, caches) go to .kinerja/, which git ignores.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATA   ?= datapackage
OUT    ?= site
CONTOH ?= examples/contoh-sintetis
URL    ?=
FORMAT ?= teks
# setuptools' build backend warns about editable installs in a 10-line banner; an operator needs none of it
QUIET  := PYTHONWARNINGS=ignore
# pytest-xdist workers for make test
JOBS   ?= auto
# axe-core (accessibility rules) for tests/test_accessibility.py, installed with npm into a git-ignored folder.
AXE_VERSION := 4.14.1
NODE_DIR    := .cache/node

.PHONY: build install test test-fast validate serve clean chromium axe docs vega bytecode

# URL: the site's public address (the Pages workflow passes it); FORMAT: teks, github (annotations) or markdown.
build: $(VENV)/.installed bytecode
	$(BIN)/kinerja build --data $(DATA) --out $(OUT)$(if $(URL), --url "$(URL)")
	$(BIN)/kinerja build --data $(CONTOH) --out site-contoh
	$(BIN)/kinerja build --data examples/balangan --out site-balangan
	$(BIN)/kinerja build --data examples/belitung --out site-belitung

install: $(VENV)/.installed

serve: $(VENV)/.installed bytecode
	$(BIN)/kinerja serve --data $(DATA)

validate: $(VENV)/.installed bytecode
	$(BIN)/kinerja validate $(DATA) --format $(FORMAT)

test: $(VENV)/.installed-test chromium axe bytecode
	$(BIN)/python -m pytest -n $(JOBS) --dist worksteal

# The inner loop: everything but the tests that drive Chromium.
test-fast: $(VENV)/.installed-test bytecode
	$(BIN)/python -m pytest -n $(JOBS) --dist worksteal -m "not browser"

# docs/cli.md from the parser (a test checks it is current).
docs: $(VENV)/.installed bytecode
	COLUMNS=100 $(BIN)/python -m generator.commands.reference > docs/cli.md

# The Vega bundle the portal serves, from the installed vl-convert (after upgrading it; a test checks it).
vega: $(VENV)/.installed bytecode
	$(BIN)/python -c "from generator.render.charts import bundle, BUNDLE_PATH; open('theme/' + BUNDLE_PATH, 'w', encoding='utf-8').write(bundle())"

# The generator's compiled modules (generator/**/__pycache__/, ignored by git), made again only for files that
# changed. An editable install leaves them out, and with PYTHONDONTWRITEBYTECODE set (as on this machine) Python
# never writes them itself: every `kinerja` command, test worker and child process then compiled the ~140
# modules again, ~0,3 s each time. Python checks each against its source, so an edited file is never run stale.
bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -q -j 0 generator

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(QUIET) $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(QUIET) $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

# Debian's chromium, driven by Playwright with executable_path=/usr/bin/chromium (no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

# npm from Debian when missing; axe-core reinstalled only when the pinned version is not the one installed.
axe:
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; }
	@grep -qs '"version": "$(AXE_VERSION)"' $(NODE_DIR)/node_modules/axe-core/package.json || \
	  npm install --prefix $(NODE_DIR) --no-save --no-package-lock --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION)

clean:
	rm -rf $(VENV) $(OUT) site-contoh site-balangan site-belitung .kinerja build .pytest_cache $(NODE_DIR)
