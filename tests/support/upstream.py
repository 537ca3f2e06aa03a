"""The real verl and OpenRLHF packages for adapter tests, from ``var/upstream`` (``make upstream``).

Both pull in CUDA-only stacks as dependencies (flash-attn, deepspeed, vLLM GPU builds) and ship top-level ``tests``
and ``scripts`` packages, so they are not installed into the venv: ``make upstream`` installs the pinned wheels and
the few pure-Python modules their CPU-importable parts need with ``pip --no-deps --target var/upstream``. That
folder goes at the *end* of ``sys.path``: it adds modules, it never shadows the venv's (or this repo's ``tests``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

UPSTREAM = Path(__file__).resolve().parents[2] / "var" / "upstream"
VERL_VERSION = "0.9.1"
OPENRLHF_VERSION = "0.11.2"


def upstream(module: str) -> ModuleType:
    """Import ``module`` from the upstream folder, or skip the test saying how to get it."""
    if UPSTREAM.is_dir() and str(UPSTREAM) not in sys.path:
        sys.path.append(str(UPSTREAM))
    return pytest.importorskip(module, reason=f"{module} not importable: run `make upstream` (installs {UPSTREAM})")
