# SEC Desktop: `make run` and `make test` set everything up on a fresh machine.
# Setup is skipped when nothing changed (the venv is newer than pyproject.toml).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSDEPS_STAMP := $(VENV)/.system-deps
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)
SOURCES := $(shell find sec_desktop -name '*.py' 2>/dev/null)

.PHONY: bench soak run test lint typecheck pytest bundle translations tr-extract tr-compile clean setup system-deps

run: setup
	$(BIN)/python -m sec_desktop

test: setup lint typecheck pytest

setup: $(STAMP) $(SYSDEPS_STAMP) $(QM_FILES)

# System libraries Qt needs (Debian/Ubuntu); checked once, and again if the script changes.
$(SYSDEPS_STAMP): scripts/system-deps.sh $(STAMP)
	bash scripts/system-deps.sh
	@touch $@

# A venv that is missing, broken (no pip) or older than Python 3.11 is made again.
$(STAMP): pyproject.toml scripts/check-python.sh
	@bash scripts/check-python.sh $(PYTHON)
	@$(BIN)/python -c 'import pip, sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
		{ rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

lint: setup
	$(BIN)/ruff check sec_desktop tests installer bench
	$(BIN)/ruff format --check sec_desktop tests installer bench

typecheck: setup
	$(BIN)/mypy

# One worker per core (tests are independent; each worker has its own Qt and temp files).
PYTEST_WORKERS ?= auto
pytest: setup
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS)

# Long runs kept out of `make test`: thousands of crash kills.
SOAK_KILLS ?= 2000
soak: setup
	SEC_DESKTOP_CRASH_KILLS=$(SOAK_KILLS) $(BIN)/python -m pytest tests/vault/test_crash.py -q

# Benchmarks at demo scales 1, 10 and 100, each against a floor measured in the same run;
# prints a table, writes bench/results.json, ends with "targets met: X/Y" (exit 1 if not
# all). Demo vaults are made once and cached in bench/.cache. Never part of `make test`.
BENCH_REPEAT ?= 7
bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench --repeat $(BENCH_REPEAT)

# Translations: extract every tr() string into a .ts per language, then compile to .qm.
# A new language starts with: make tr-extract LANGS=cy
LANGS ?= $(patsubst resources/translations/sec_desktop_%.ts,%,$(TS_FILES))
tr-extract: setup
	@test -n "$(LANGS)" || { echo "Name a language: make tr-extract LANGS=cy"; exit 1; }
	@mkdir -p resources/translations
	$(BIN)/pyside6-lupdate $(SOURCES) -ts $(foreach l,$(LANGS),resources/translations/sec_desktop_$(l).ts)

tr-compile translations: $(QM_FILES)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease $< -qm $@

bundle: setup
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/sec_desktop.spec
	@echo "Bundle: dist/sec-desktop/ (run dist/sec-desktop/sec-desktop)"

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
