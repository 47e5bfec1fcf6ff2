# 年报助手 — the README's commands. Every target sets up .venv itself on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test ui bench eval lint clean

$(BIN)/python:
	@echo "首次运行：正在建立 $(VENV) 并安装依赖，约需 1–2 分钟（只在第一次或 pyproject.toml 变化时安装）"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

$(VENV)/.base: pyproject.toml | $(BIN)/python
	@echo "正在安装年报助手及其依赖到 $(VENV)……"
	$(BIN)/pip install -e .
	@echo "安装完成。"
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	@echo "正在安装年报助手及开发依赖（pytest、ruff、mypy 等）到 $(VENV)……"
	$(BIN)/pip install -e ".[dev]"
	@echo "安装完成。"
	touch $@ $(VENV)/.base

## make run: set up and run the main job on the embedded example (no API key, no network)
run: $(VENV)/.base
	$(BIN)/nianbao draft examples/sample-town-2024.yaml -o out/

## make test: lint, type-check and run the tests
test: $(VENV)/.dev
	$(BIN)/ruff check assistant tests evals
	$(BIN)/mypy assistant
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(VENV)/.dev
	$(BIN)/ruff check assistant tests evals
	$(BIN)/mypy assistant

ui: $(VENV)/.base
	$(BIN)/nianbao ui

bench: $(VENV)/.dev
	$(BIN)/python -m evals.bench

eval: $(VENV)/.dev
	$(BIN)/python -m evals.checker.run
	$(BIN)/python -m evals.checker.annotated
	$(BIN)/python -m evals.checker.drafts 2000
	$(BIN)/python -m evals.firewall_leaks

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
