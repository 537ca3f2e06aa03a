"""Where and in which dtype models compute: one rule for the reward server, the policy and the IRL reward models.

Needs torch (the ``server`` extra).
"""

from __future__ import annotations

import functools
import logging
import os
import time
from pathlib import Path
from typing import Any

import torch

log = logging.getLogger(__name__)

#: ``auto`` picks bfloat16 on a CPU with bfloat16 instructions (AMX or AVX512-BF16) only when a bfloat16 matmul of a
#: decoder layer's shape measures at least this many times as fast as float32 there. The flags alone do not say it:
#: eager MiniLM ran 2.2× faster in bfloat16 on AMD EPYC Zen 4 (float32 goes through MKL's sgemm, slow on AMD; README
#: "Reward-model runtimes"), but on an Intel Xeon with AVX512-BF16 and no AMX (family 6 model 207, 2026-12-07),
#: where MKL's float32 is fast, bfloat16 was the slower: a 1024×576×1536 matmul 177 vs 310 GFLOP/s, MiniLM bs64
#: 231 vs 303 texts/s, a SmolLM2 LoRA forward + backward 2.95 vs 1.91 s.
BF16_MIN_SPEEDUP = 1.1
#: The probe's matmul, (M × K) @ (K × N): 512 tokens through SmolLM2's MLP up-projection (576 → 1536).
PROBE_SHAPE = (512, 576, 1536)
PROBE_VERSION = 1


def cpu_bf16_flags() -> bool:
    """The CPU has bfloat16 instructions (AMX-BF16 or AVX512-BF16): bfloat16 may be fast, or emulated (slow) without."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return " amx_bf16" in flags or " avx512_bf16" in flags


def bf16_probe(repeats: int = 5, matmuls: int = 8) -> dict[str, float]:
    """Seconds per :data:`PROBE_SHAPE` matmul in float32 and in bfloat16 on this CPU with torch's current threads,
    each the best of ``repeats`` timings of ``matmuls`` products, the two dtypes in turns after a warm-up."""
    m, k, n = PROBE_SHAPE
    g = torch.Generator().manual_seed(0)
    operands = {
        dt: (torch.randn(m, k, generator=g).to(dt), torch.randn(k, n, generator=g).to(dt))
        for dt in (torch.float32, torch.bfloat16)
    }
    best = {dt: float("inf") for dt in operands}
    for _ in range(repeats + 1):  # the first round warms up and counts too: best-of keeps it out
        for dt, (a, b) in operands.items():
            start = time.perf_counter()
            for _ in range(matmuls):
                a @ b
            best[dt] = min(best[dt], (time.perf_counter() - start) / matmuls)
    return {"float32": best[torch.float32], "bfloat16": best[torch.bfloat16]}


def probe_key() -> dict[str, Any]:
    """What a cached probe holds for: the CPU (model name and flags), torch, the thread count and the probe."""
    from shared.exports import cpu_flags_digest

    return {
        "what": "bf16-probe",
        "cpu": cpu_flags_digest(),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "probe": PROBE_VERSION,
    }


def cache_dir() -> Path:
    """``DRIRL_CACHE_DIR`` (the reward server's setting of that name), else ``var/cache``."""
    return Path(os.environ.get("DRIRL_CACHE_DIR") or "var/cache")


@functools.cache
def bf16_speedup() -> float:
    """float32 / bfloat16 seconds of :func:`bf16_probe` on this CPU: measured once per CPU, torch version and thread
    count, cached in the cache dir (``runtime-calibration/``) so every process of a run agrees, and logged."""
    from shared.exports import read_calibration, write_calibration

    key = probe_key()
    cached = read_calibration(cache_dir(), key)
    if cached is not None:
        seconds = cached["seconds_per_batch"]
    else:
        seconds = bf16_probe()
        picked = "bfloat16" if seconds["float32"] / seconds["bfloat16"] >= BF16_MIN_SPEEDUP else "float32"
        try:
            write_calibration(cache_dir(), key, seconds, picked)
        except OSError as e:  # a read-only cache dir: the next process measures again
            log.warning("bfloat16 probe not cached (%s)", e)
    speedup = seconds["float32"] / seconds["bfloat16"]
    log.info(
        "bfloat16 probe%s: %.2fx float32's speed on this CPU (%d threads): dtype auto = %s",
        " (cached)" if cached is not None else "",
        speedup,
        key["threads"],
        "bfloat16" if speedup >= BF16_MIN_SPEEDUP else "float32",
    )
    return speedup


def cpu_has_fast_bf16() -> bool:
    """bfloat16 instructions, and a bfloat16 matmul measured ≥ :data:`BF16_MIN_SPEEDUP`× float32's speed here."""
    return cpu_bf16_flags() and bf16_speedup() >= BF16_MIN_SPEEDUP


def pick_device(device: str) -> torch.device:
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


def pick_dtype(dtype: str, device: torch.device | None = None) -> torch.dtype:
    """``float32`` / ``bfloat16`` as named; ``auto``: bfloat16 on CUDA, or on a CPU with bfloat16 instructions where
    it measures faster (:func:`cpu_has_fast_bf16`), else float32. ``device`` None: the one :func:`pick_device`
    ("auto") gives."""
    if dtype == "float32":
        return torch.float32
    if dtype == "bfloat16":
        return torch.bfloat16
    if (device or pick_device("auto")).type == "cuda" or cpu_has_fast_bf16():
        return torch.bfloat16
    return torch.float32
