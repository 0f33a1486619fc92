# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/newsfuse brief examples/story

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check newsfuse tests bench

bench: install
	$(BIN)/python bench/summarize.py
	$(BIN)/python bench/quotes_polnear.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
