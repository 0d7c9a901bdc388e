# Every target sets up what it needs: a fresh clone needs only `make serve` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml 2>/dev/null | sha1sum | cut -c1-12)
# One language only, for a fast edit loop: make serve SITE_LANG=el
SITE_LANG ?=
export SITE_LANG

.PHONY: help setup serve build test check bench status mark-current new-language anchors lock clean

help:
	@echo "make serve [SITE_LANG=xx]  build and serve on http://127.0.0.1:8000"
	@echo "make build                 strict build of every language into site/"
	@echo "make test                  build, then the whole test suite (browser tests included)"
	@echo "make check                 integrity checks over docs/ and site/"
	@echo "make status                translation status per language"
	@echo "make mark-current FILE=docs/it/page.md   record that a translation matches its English page"
	@echo "make new-language CODE=pt NAME=Português  scaffold a new language"
	@echo "make anchors               register new section anchors in data/anchors.yml"
	@echo "make bench                 benchmarks (checker vs lychee, page weight)"

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean

# The site is rebuilt only when a source changed since the last build.
site/.built: $(STAMP) mkdocs.yml $(shell find docs data overrides scripts -type f -not -path '*/__pycache__/*' 2>/dev/null)
	SITE_LANG= $(BIN)/mkdocs build --strict --clean
	touch $@

check: site/.built
	$(BIN)/python -m scripts.check

test: $(STAMP)
	SITE_LANG= $(BIN)/mkdocs build --strict --clean && touch site/.built
	$(BIN)/python -m pytest

bench: site/.built
	$(BIN)/python -m scripts.cli bench

status: $(STAMP)
	$(BIN)/python -m scripts.cli status $(if $(FORMAT),--format $(FORMAT))

mark-current: $(STAMP)
	$(BIN)/python -m scripts.cli mark-current $(FILE)

new-language: $(STAMP)
	$(BIN)/python -m scripts.cli new-language $(CODE) "$(NAME)"

# Add new section ids to the anchor registry (refuses to drop a published one without a `moved` entry).
anchors: $(STAMP)
	$(BIN)/python -m scripts.anchors update

# Re-pin every dependency (needs the package index).
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --output-file requirements.lock requirements.in

clean:
	rm -rf site .cache
