# Developer loop: `make demo`, `make test`, `make bench`, `make goldens`, `make fuzz`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench goldens fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/plating plate --project-root demo --schema demo/schema.json --provider-name kitchen
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

clean:
	rm -rf $(VENV) demo/docs .pytest_cache .mypy_cache .ruff_cache
