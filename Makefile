# Every target sets up what it needs: a fresh clone needs only `make serve` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two pinned sets: requirements/build.lock (serve, build, live: what a writer needs) and
# requirements/test.lock (build + checker and browser tests; make test, make check).
# The build set's stamp also covers the languages (the locale/language lines of mkdocs.yml and
# data/style.yml): its install keeps Babel's data for those only (scripts/slim_install.py),
# so a language added later reinstalls it.
BUILD_STAMP := $(VENV)/.build-$(shell { cat requirements/build.lock pyproject.toml; \
  grep -hE '(locale|language):' mkdocs.yml data/style.yml; } 2>/dev/null | sha1sum | cut -c1-12)
TEST_STAMP := $(VENV)/.test-$(shell cat requirements/test.lock pyproject.toml 2>/dev/null | sha1sum | cut -c1-12)
STAMP := $(BUILD_STAMP)
# pip: the host's when it can install into another environment (pip >= 22.3: --python), so
# the venv carries no pip of its own (15 MB); otherwise the venv's own.
HOST_PIP = $(shell $(PYTHON) -c 'import pip, sys; sys.exit(tuple(map(int, pip.__version__.split(".")[:2])) < (22, 3))' 2>/dev/null && echo yes)
PIP = $(if $(HOST_PIP),$(PYTHON) -m pip --python $(BIN)/python,$(BIN)/python -m pip)
# `make status LANG=it`, `make live LANG=el`: LANG counts only when given on the command
# line (the environment's LANG is the locale, e.g. C.UTF-8).
SITE_LANG_ARG = $(if $(filter command line,$(origin LANG)),$(LANG),$(SITE_LANG))
SITE_LANG ?=
export SITE_LANG
# What the tests run from the system (Debian packages; the tests never download one).
KB_CHROMIUM ?= /usr/bin/chromium
KB_JAVA ?= /usr/bin/java
export KB_CHROMIUM KB_JAVA
# Build-time tools from npm (the Nu Html Checker), pinned with hashes in package-lock.json.
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json 2>/dev/null | sha1sum | cut -c1-12)

.PHONY: help setup setup-build system-deps serve live build test check bench status diff mark-current new-language anchors lock clean

help:
	@echo "make live LANG=el          live preview of one language at http://127.0.0.1:8000/el/ (rebuilds only what changed)"
	@echo "make serve [SITE_LANG=xx]  build and serve every language on http://127.0.0.1:8000 (SITE_LANG=xx: that language at /)"
	@echo "make build                 strict build of every language into site/"
	@echo "make test                  build, then the whole test suite (browser tests included)"
	@echo "make check                 integrity checks over docs/ and site/ (fails on errors; STRICT=1 also on warnings)"
	@echo "make status [LANG=it]      translation status; with LANG, only what needs work in that language"
	@echo "make diff FILE=docs/it/page.md   the English changes since the version a translation records"
	@echo "make mark-current FILE=docs/it/page.md   record that a translation matches its English page"
	@echo "make new-language CODE=pt NAME=Português  scaffold a new language"
	@echo "make anchors               register new section anchors in data/anchors.yml"
	@echo "make bench                 benchmarks (checker vs lychee, build time vs plain Material, page weight)"

# The project itself is installed editable (it registers the kb plugin), built by flit_core
# from the build set; then the data the build never reads is trimmed (scripts/slim_install.py).
# What is left is byte-compiled once, here: a build then reads .pyc files instead of compiling
# every module again (0.5 s of a one-language build where PYTHONDONTWRITEBYTECODE is set).
# Pygments' 600 lexers are left out: a build loads the two or three its code blocks name.
COMPILE = $(BIN)/python -m compileall -q -j 0 -x '/pygments/lexers/' $(VENV)/lib scripts

$(BUILD_STAMP): requirements/build.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || { echo "make: Python 3.11.5 or newer is needed (the pinned pymdown-extensions requires it); $(PYTHON) is $$($(PYTHON) --version 2>&1): run make with PYTHON=/path/to/python3.11+" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(if $(HOST_PIP),--without-pip) $(VENV)
	$(PIP) install --quiet --no-compile --require-hashes --no-deps -r requirements/build.lock
	$(PIP) install --quiet --no-compile --no-deps --no-build-isolation -e .
	$(BIN)/python -m scripts.slim_install --pip "$(PIP)"
	$(COMPILE)
	rm -f $(VENV)/.build-* $(VENV)/.installed-* && touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	rm -f node_modules/.installed-* && touch $@


# Debian packages the tests need: Chromium (browser tests), Java (Nu Html Checker), npm.
# Installed with apt-get when missing and make runs as root (KB_NO_INSTALL=1: never);
# otherwise make stops here, before any test, with one line saying what to run.
MISSING = $(strip $(if $(wildcard $(KB_CHROMIUM)),,chromium) $(if $(wildcard $(KB_JAVA)),,default-jre-headless) \
  $(if $(shell command -v npm 2>/dev/null),,npm))
CAN_INSTALL = $(and $(filter 0,$(shell id -u)),$(if $(KB_NO_INSTALL),,yes),$(shell command -v apt-get 2>/dev/null))

system-deps:
	$(if $(MISSING),$(if $(CAN_INSTALL),,$(error make test needs $(MISSING): run `sudo apt-get install -y $(MISSING)` (or set KB_CHROMIUM / KB_JAVA to existing binaries), then make test again)))
	@if [ -n "$(MISSING)" ]; then \
	  echo "make: installing Debian packages: $(MISSING)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $(MISSING) >/dev/null || exit 1; \
	  for bin in "$(KB_CHROMIUM)" "$(KB_JAVA)"; do [ -x "$$bin" ] || { echo "make: $$bin is still missing after apt-get: unset KB_CHROMIUM/KB_JAVA or point them at the installed binaries" >&2; exit 1; }; done; \
	fi

# The test set restores the trimmed packages whole: its tests build sites in other languages.
$(TEST_STAMP): $(BUILD_STAMP) requirements/test.lock
	$(BIN)/python -m scripts.slim_install --restore --pip "$(PIP)"
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/test.lock
	$(COMPILE)  # the restored packages too: the tests and make bench build with this install
	rm -f $(VENV)/.test-* && touch $@

# Everything (build + tests); a writer never needs it: serve, build and live install the build set.
setup: $(TEST_STAMP) $(NODE_STAMP)

setup-build: $(BUILD_STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# One language at its real path, rebuilding only what changed: make live LANG=el
live: $(STAMP)
	@test -n "$(SITE_LANG_ARG)" || { echo "give the language: make live LANG=el"; exit 2; }
	$(BIN)/python -m scripts.cli live $(SITE_LANG_ARG)

build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean

# The site is rebuilt only when a source changed since the last build.
site/.built: $(STAMP) mkdocs.yml $(shell find docs data overrides scripts -type f -not -path '*/__pycache__/*' 2>/dev/null)
	SITE_LANG= $(BIN)/mkdocs build --strict --clean
	touch $@

# Errors fail; warnings (outdated translations, pages of a partial language) are listed and pass.
# The checker runs even when the build fails: then over the sources only (the checks that
# need no built site), so one run reports every problem it can find.
check: $(TEST_STAMP)
	@if $(MAKE) --no-print-directory site/.built; then \
	  $(BIN)/python -m scripts.check $(if $(STRICT),,--allow-warnings); \
	else \
	  echo "make check: the build failed (above); checking the sources without a built site:" >&2; \
	  $(BIN)/python -m scripts.check --only anchors,citations,translations,language $(if $(STRICT),,--allow-warnings); \
	  exit 1; \
	fi

test: system-deps $(TEST_STAMP) $(NODE_STAMP)
	SITE_LANG= $(BIN)/mkdocs build --strict --clean && touch site/.built
	$(BIN)/python -m pytest

bench: system-deps $(TEST_STAMP) $(NODE_STAMP) site/.built
	$(BIN)/python -m scripts.cli bench

status: $(STAMP)
	$(BIN)/python -m scripts.cli status $(if $(FORMAT),--format $(FORMAT)) $(if $(filter command line,$(origin LANG)),--lang $(LANG))

diff: $(STAMP)
	@test -n "$(FILE)" || { echo "give a translated page: make diff FILE=docs/it/playbooks/saying-no.md"; exit 2; }
	$(BIN)/python -m scripts.cli diff $(FILE)

mark-current: $(STAMP)
	@test -n "$(FILE)" || { echo "give the translation: make mark-current FILE=docs/it/playbooks/saying-no.md"; exit 2; }
	$(BIN)/python -m scripts.cli mark-current $(FILE)

new-language: $(STAMP)
	$(BIN)/python -m scripts.cli new-language $(CODE) "$(NAME)"

# Add new section ids to the anchor registry (refuses to drop a published one without a `moved` entry).
anchors: $(STAMP)
	$(BIN)/python -m scripts.anchors update

# Re-pin every dependency with hashes (needs the package index): a build dependency goes in
# requirements/build.in, a test-only one in requirements/test.in.
# pip-tools runs from its own environment, never the writer's. setuptools stays out of the locks
# (mkdocs-bibtex declares it but imports nothing of it; installs use --no-deps).
LOCK_VENV := .cache/pip-tools
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/python -m pip install --quiet pip-tools; }
	cd requirements && ../$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links --output-file build.lock build.in
	cd requirements && ../$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links --output-file test.lock test.in

clean:
	rm -rf site .cache
