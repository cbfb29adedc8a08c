# Steunpunt Duaal Leren West-Vlaanderen — developer commands. `make help` lists them.
#
# Everything runs in .venv, created with the plain python3 (3.11+) when missing. The pinned
# requirements/dev.txt (which includes requirements/base.txt, the runtime set) is (re)installed
# whenever either is newer than the stamp file in .venv.
# Database: SQLite under var/ unless DATABASE_URL is set (PostgreSQL).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
HOST ?= 127.0.0.1
PORT ?= 8000
# `make test PYTEST_ARGS="-k health -x"`; XDIST="-n 2" or XDIST="" to change parallelism.
PYTEST_ARGS ?=
XDIST ?= -n auto --dist worksteal

# Pins exactly the packages pyproject.toml needs, followed through their own requirements, at the
# versions installed in .venv (stray packages in .venv are left out), into two files:
# requirements/base.txt (the runtime dependencies: what the production image installs) and
# requirements/dev.txt (`-r base.txt` plus the dev extra and what only it needs).
define PIN_SCRIPT
import sys, tomllib
from importlib import metadata
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

def closure(requirements):
    todo, pins, seen = [Requirement(r) for r in requirements], {}, set()
    while todo:
        req = todo.pop()
        key = (canonicalize_name(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            sys.exit(f"{req.name} is not installed in .venv: pip install it first.")
        pins[canonicalize_name(req.name)] = (dist.metadata["Name"], dist.version)
        for line in dist.requires or []:
            sub = Requirement(line)
            extras = req.extras or {""}
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in extras):
                todo.append(sub)
    return pins

def write(path, header, pins):
    with open(path, "w") as out:
        out.write(header)
        for name, version in sorted(pins.values(), key=lambda p: p[0].lower()):
            out.write(f"{name}=={version}\n")

project = tomllib.load(open("pyproject.toml", "rb"))["project"]
base = closure(project["dependencies"])
dev = closure(project.get("optional-dependencies", {}).get("dev", []))
dev_only = {key: pin for key, pin in dev.items() if key not in base}
clash = sorted(dev[key][0] for key in dev if key in base and dev[key] != base[key])
if clash:
    sys.exit(f"pinned differently in base and dev: {clash}")
write("requirements/base.txt", "# Runtime dependencies of pyproject.toml, pinned. Regenerate: make pin\n", base)
write("requirements/dev.txt", "# Development and test dependencies (pyproject's dev extra), pinned. Regenerate: make pin\n-r base.txt\n", dev_only)
print(f"requirements/base.txt: {len(base)} pinned packages; requirements/dev.txt: {len(dev_only)} more.")
endef
export PIN_SCRIPT

.PHONY: help venv run test lint format superuser migrate bench pin clean

help: ## Show this list of commands
	@awk 'BEGIN {FS = ":.*?## "} /^[a-zA-Z_-]+:.*?## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed ($(PYTHON) is $$($(PYTHON) --version 2>&1))."; exit 1; }
	$(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create $(VENV): on Debian/Ubuntu install python3-venv first."; exit 1; }

$(STAMP): requirements/base.txt requirements/dev.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@# The project itself (editable, no dependencies). manage.py and pytest also work from the
	@# repository root without it, so a failure here is reported but does not stop the build.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e . \
		|| echo "warning: 'pip install --no-deps -e .' failed; continuing from the repository root."
	@touch $(STAMP)

venv: $(STAMP) ## Create .venv and install the pinned requirements

run: export DEBUG = 1
run: $(STAMP) ## Migrate, load reference + demo data, then serve on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_content
	$(PY) manage.py seed_demo --scale small
	$(PY) manage.py load_campaign --demo
	$(PY) manage.py demo_moments
	$(PY) manage.py create_demo_coordinator
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP) ## Run the test suite (SQLite, or PostgreSQL with DATABASE_URL); PYTEST_ARGS=...
	$(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

lint: $(STAMP) ## ruff check, ruff format --check and djlint --lint templates
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --lint templates

format: $(STAMP) ## Fix what ruff can fix and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

superuser: $(STAMP) ## Create an administrator account (interactive)
	DEBUG=$${DEBUG:-1} $(PY) manage.py createsuperuser

migrate: $(STAMP) ## Apply database migrations
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput

BENCHMARKS ?= bench/public_pages.py bench/quiz.py bench/orders.py bench/kit_zip.py \
	bench/parent_folders.py bench/mailing.py bench/matching.py bench/pof_agenda.py \
	bench/invitations.py bench/dashboard.py

bench: $(STAMP) ## Run the benchmarks (BENCHMARKS="bench/quiz.py" for one); each prints its figures
	@for script in $(BENCHMARKS); do \
		echo "== $$script"; $(PY) "$$script" || exit $$?; \
	done

pin: $(PY) ## Re-pin requirements/base.txt (runtime) and dev.txt (+dev extra) from .venv
	$(PY) -c "$$PIN_SCRIPT"

clean: ## Remove .venv, caches, collected static files and test output (keeps var/ data)
	rm -rf $(VENV) .pytest_cache .ruff_cache var/static test-results
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
