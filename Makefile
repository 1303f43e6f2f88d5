# Two commands do all the set-up on a fresh machine:
#   make demo   -> creates .venv, installs detente, ingests and analyses the sample corpus
#   make test   -> creates .venv, installs detente with test tools, runs lint and the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= detente.db
PYTEST_ARGS ?=

.PHONY: demo test setup lint bench eval clean

$(BIN)/detente: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# pip 23.2 (the machine's) mis-resolves trafilatura's lxml extra: upgrade it first.
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(BIN)/detente

setup: $(BIN)/detente

demo: setup
	$(BIN)/detente demo --db $(DB)

lint: setup
	$(BIN)/ruff check src tests

test: setup lint
	$(BIN)/pytest -q $(PYTEST_ARGS)

bench: setup
	$(BIN)/detente bench

eval: setup
	$(BIN)/detente eval all --markdown

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache $(DB) $(DB)-wal $(DB)-shm
