.PHONY: all test test-fast test-slow lint build docs
all: test-fast lint
test:
	python -m pytest
test-fast:
	python -m pytest -m "not slow" -q
test-slow:
	python -m pytest -m slow
lint:
	ruff check kg tests build_graph.py
	mypy
build:
	python build_graph.py
docs:
	python tools/cli_reference.py
