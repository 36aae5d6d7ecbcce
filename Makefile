.PHONY: all test lint build
all: test lint
test:
	python -m pytest
lint:
	ruff check kg tests build_graph.py
	mypy
build:
	python build_graph.py
