# Developer loop: `make demo`, `make test`, `make bench`, `make goldens`, `make fuzz`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench goldens fuzz clean

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

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: $(STAMP)
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
