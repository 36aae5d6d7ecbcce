.PHONY: all test lint build docs
all: test lint
test:
	python -m pytest
lint:
	ruff check kg tests build_graph.py
build:
	python build_graph.py
docs:
	python tools/cli_reference.py
