# Two commands on a fresh machine: `make serve` and `make test` (see README.md).
VENV := .venv
PYTHON := $(VENV)/bin/python
BIN := $(VENV)/bin
SITE_DIR := site

.PHONY: install serve build test test-fast lock clean lint lesson bench offline

# The virtualenv and node_modules are rebuilt whenever their pinned files change.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

# --dirty: a save re-renders only the pages it reaches (hooks/preview_hook.py decides which);
# overrides/ is watched too, and a template change re-renders every page.
serve: install
	$(BIN)/properdocs serve --dirty -f mkdocs.yml --dev-addr 127.0.0.1:8000 --watch overrides

build: install
	$(BIN)/properdocs build -f mkdocs.yml --clean --site-dir $(SITE_DIR)

# The offline copy of the course, to browse from the file system: site-offline/, zipped as
# site-offline.zip (Material's offline plugin, switched on by COURSE_OFFLINE; see mkdocs.yml).
offline: install
	COURSE_OFFLINE=true $(BIN)/properdocs build -f mkdocs.yml --clean --site-dir site-offline
	rm -f site-offline.zip
	$(PYTHON) -m zipfile -c site-offline.zip site-offline

test: install
	$(BIN)/pytest

# The lesson lint: structure, quizzes, diagrams, safety, spelling and Markdown style of docs/ (CI and pre-commit run it too).
lint: install
	$(PYTHON) tools/lint_lessons.py

# A new lesson from the template, listed in the nav: make lesson BLOCK=01-pm-foundations TITLE="Working with stakeholders"
# Optional: POSITION=2 (its place in the block) or AFTER=01-what-a-product-manager-does.md.
lesson: install
	$(PYTHON) tools/new_lesson.py --block "$(BLOCK)" --title "$(TITLE)" $(if $(POSITION),--position "$(POSITION)") $(if $(AFTER),--after "$(AFTER)")

# This site against a stock Material site (page weight, Lighthouse, build scaling, edit loop): writes
# BENCHMARKS.md and benchmarks/results.json in about 20 minutes. Not part of `make test`.
bench: install
	npm ci --prefix benchmarks --no-audit --no-fund
	$(PYTHON) benchmarks/bench.py $(BENCH_ARGS)

# Unit and build tests only, without the browser: for quick loops while writing.
test-fast: install
	$(BIN)/pytest tests/unit tests/build

# Re-pin the Python dependencies after editing requirements*.in.
lock: install
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(SITE_DIR) test-output .pytest_cache site-offline site-offline.zip
