"""Checkpoints that make ``--resume`` exact: policy (safetensors), optimizer, RNG states, step and data cursor.

Layout: ``RUN/checkpoints/step-000010/{policy/, optimizer.pt, rng.pt, trainer_state.json}``. A checkpoint is written
to ``…tmp`` and renamed when complete, so a kill -9 mid-write leaves the previous one as the latest.
Tensors are loaded with ``torch.load(weights_only=True)``: nothing is unpickled beyond tensors and plain values.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import torch

PREFIX = "step-"


def rng_state() -> dict[str, Any]:
    np_state = np.random.get_state()
    state: dict[str, Any] = {
        "python": random.getstate(),
        "numpy": (np_state[0], np_state[1].tolist(), *np_state[2:]),
        "torch": torch.get_rng_state(),
    }
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict[str, Any]) -> None:
    random.setstate(_tuples(state["python"]))
    name, keys, *rest = state["numpy"]
    np.random.set_state((name, np.asarray(keys, dtype=np.uint32), *rest))
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def _tuples(x: Any) -> Any:
    return tuple(_tuples(i) for i in x) if isinstance(x, (list, tuple)) else x


def save_checkpoint(
    run_dir: Path,
    step: int,
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    state: dict[str, Any],
    *,
    keep: int,
) -> Path:
    root = Path(run_dir) / "checkpoints"
    final = root / f"{PREFIX}{step:06d}"
    staging = root / f"{PREFIX}{step:06d}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    model.save_pretrained(staging / "policy", safe_serialization=True)
    torch.save(optimizer.state_dict(), staging / "optimizer.pt")
    torch.save(rng_state(), staging / "rng.pt")
    (staging / "trainer_state.json").write_text(json.dumps({"step": step, **state}, indent=1))
    shutil.rmtree(final, ignore_errors=True)
    staging.rename(final)
    for old in sorted(p for p in root.glob(f"{PREFIX}*") if not p.name.endswith(".tmp"))[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    return final


def latest_checkpoint(run_dir: Path) -> Path | None:
    root = Path(run_dir) / "checkpoints"
    done = sorted(
        p for p in root.glob(f"{PREFIX}*") if not p.name.endswith(".tmp") and (p / "trainer_state.json").is_file()
    )
    return done[-1] if done else None


def load_checkpoint(path: Path, model: torch.nn.Module, optimizer: torch.optim.Optimizer) -> dict[str, Any]:
    """Restore model weights, optimizer and RNG from ``path``; return its trainer state (step, cursor, …)."""
    from safetensors.torch import load_file

    policy = path / "policy"
    adapter = policy / "adapter_model.safetensors"
    if adapter.is_file():
        from peft import set_peft_model_state_dict

        result = set_peft_model_state_dict(model, load_file(adapter))
        unexpected = getattr(result, "unexpected_keys", [])
        if unexpected:
            raise RuntimeError(f"checkpoint {path} does not fit this policy: unexpected keys {unexpected[:3]}")
    else:
        files = sorted(policy.glob("*.safetensors"))
        if not files:
            raise FileNotFoundError(f"no safetensors weights in {policy}")
        sd: dict[str, torch.Tensor] = {}
        for f in files:
            sd.update(load_file(f))
        model.load_state_dict(sd, strict=False)
    optimizer.load_state_dict(torch.load(path / "optimizer.pt", weights_only=True))
    set_rng_state(torch.load(path / "rng.pt", weights_only=True))
    return json.loads((path / "trainer_state.json").read_text())
