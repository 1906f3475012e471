# Developer loop: `make demo`, `make test`, `make bench`, `make goldens`, `make fuzz`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench goldens fuzz clean browser

# pyvider-components 0.8.1 is the corpus of the pyvider source's tests. It declares
# `plating>=0.6.1`, which this package (1.x, the successor of that tool) satisfies: pip's
# resolver keeps the editable install (tests/test_packaging.py checks it in a fresh venv).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pyvider,serve]' 'pyvider==0.8.1' \
		'pyvider-components==0.8.1'
	touch $(STAMP)

# The demo's pyproject.toml carries its settings ([tool.plating]): no flags needed.
demo: $(STAMP)
	cd demo && ../$(BIN)/plating plate
	@echo "docs written to demo/docs"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The preview's browser tests drive Debian's Chromium (never a browser Playwright would
# download): installed here when missing, with apt as root (as CI runs).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-driver; \
	  else \
	    echo "the browser tests need Chromium: sudo apt-get install chromium chromium-driver" >&2; \
	    exit 1; \
	  fi; }

unit: $(STAMP) browser
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: $(STAMP) browser
	$(BIN)/python benchmarks/run.py

goldens: $(STAMP)
	$(BIN)/python -m pytest tests --update-goldens -q

# The hostile-input suite with a long budget: FUZZ_SCALE times the CI number of fuzz
# examples and SIGKILL/SIGINT runs (the counts are printed at the end of each test).
FUZZ_SCALE ?= 25
fuzz: $(STAMP)
	PLATING_FUZZ_SCALE=$(FUZZ_SCALE) $(BIN)/python -m pytest tests/hostile -q -s

clean:
	rm -rf $(VENV) demo/docs .pytest_cache .mypy_cache .ruff_cache
