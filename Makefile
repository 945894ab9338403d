# Two commands on a fresh machine: `make serve` and `make test` (see README.md).
# `make` alone lists every target (`make help`).
VENV := .venv
PYTHON := $(VENV)/bin/python
BIN := $(VENV)/bin
SITE_DIR := site
# The Python that creates .venv (e.g. make PYTHON3=python3.12) and where `make serve` listens.
PYTHON3 ?= python3
SERVE_ADDR ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help install serve build offline test test-fast lint lesson bench upkeep lock clean

help: ## List the targets, one line each (the default)
	@awk 'BEGIN { FS = ":.*## " } /^[a-z-]+:.*## / { printf "  make %-10s %s\n", $$1, $$2 }' $(firstword $(MAKEFILE_LIST))

# The virtualenv and node_modules are rebuilt whenever their pinned files change. The pins need
# Python 3.11.5 or newer (pymdown-extensions); Node.js 22 LTS with npm installs Mermaid (older Node
# still installs it, but Node 20 reached its end of life on 2026-04-30).
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON3) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' 2>/dev/null || { \
	  echo "make needs Python 3.11.5 or newer as '$(PYTHON3)' (found: $$($(PYTHON3) --version 2>&1)). Install one and run make again, or name it: make PYTHON3=python3.12"; exit 1; }
	$(PYTHON3) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make needs Node.js 22 or newer with npm, to install Mermaid. Install it and run make again."; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

# Chromium draws the diagrams at build time and runs the browser tests: a system Chromium or Chrome
# (CHROMIUM_PATH names another), else Playwright's own, installed once (tools/ensure_chromium.py).
install: $(VENV)/.installed node_modules/.installed ## Install the pinned packages (.venv, node_modules), and Playwright's Chromium if there is no Chromium
	@$(PYTHON) tools/ensure_chromium.py

# Ctrl-C stops the server and make together (the terminal signals both), as does `kill <make's pid>`.
# --dirty: a save re-renders only the pages it reaches (hooks/preview_hook.py decides which);
# overrides/ is watched too, and a template change re-renders every page.
serve: install ## Serve the site at http://127.0.0.1:8000 with live reload (SERVE_ADDR=host:port for another)
	$(BIN)/properdocs serve --dirty -f mkdocs.yml --dev-addr $(SERVE_ADDR) --watch overrides

build: install ## Build the strict site into site/ (any warning, broken link or anchor fails it)
	$(BIN)/properdocs build -f mkdocs.yml --clean --site-dir $(SITE_DIR)

# The offline copy of the course, to browse from the file system: site-offline/, zipped as
# site-offline.zip (Material's offline plugin, switched on by COURSE_OFFLINE; see mkdocs.yml).
offline: install ## Build the offline copy into site-offline/ and site-offline.zip (opens from disk, search included)
	COURSE_OFFLINE=true $(BIN)/properdocs build -f mkdocs.yml --clean --site-dir site-offline
	rm -f site-offline.zip
	$(PYTHON) -m zipfile -c site-offline.zip site-offline

test: install ## Run every test: unit, build and browser
	$(BIN)/pytest

# Unit and build tests only, without the browser: for quick loops while writing.
test-fast: install ## Run the unit and build tests only, without the browser
	$(BIN)/pytest tests/unit tests/build

# The lesson lint: structure, quizzes, diagrams, safety, spelling and Markdown style of docs/ (CI and pre-commit run it too).
lint: install ## Check every page: course rules, spelling and Markdown style
	$(PYTHON) tools/lint_lessons.py

# A new lesson from the template, listed in the nav: make lesson BLOCK=01-pm-foundations TITLE="Working with stakeholders"
# Optional: POSITION=2 (its place in the block) or AFTER=01-what-a-product-manager-does.md.
lesson: install ## Start a lesson from the template: make lesson BLOCK=<block folder> TITLE="<title>"
	$(PYTHON) tools/new_lesson.py --block "$(BLOCK)" --title "$(TITLE)" $(if $(POSITION),--position "$(POSITION)") $(if $(AFTER),--after "$(AFTER)")

# This site against a stock Material site (page weight, Lighthouse, build scaling, edit loop): writes
# BENCHMARKS.md and benchmarks/results.json in about 20 minutes. Not part of `make test`.
bench: install ## Measure the site against stock Material and write BENCHMARKS.md (about 20 minutes)
	npm ci --prefix benchmarks --no-audit --no-fund
	$(PYTHON) benchmarks/bench.py $(BENCH_ARGS)

# What the weekly upkeep workflow checks: known vulnerabilities in the pinned Python and npm
# packages, and the built course's links to other sites (needs the network; see MAINTAINING.md).
upkeep: build ## Audit the pinned packages and check the links to other sites (needs the network)
	$(PYTHON) tools/upkeep.py --site $(SITE_DIR)

# Re-pin the Python dependencies after editing requirements*.in.
lock: install ## Re-pin requirements*.txt after editing requirements*.in
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean: ## Remove what builds and tests leave behind (site/, site-offline/, test-output/)
	rm -rf $(SITE_DIR) test-output .pytest_cache site-offline site-offline.zip
