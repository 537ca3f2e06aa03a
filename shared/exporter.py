"""``drirl models export``: every graph of a model dir exported for a runtime ahead of serving, and int8's gate
measured: the share of held-out (prompt, chosen, rejected) triples the int8 reward models order as float32 torch
does, stored beside the export (:class:`shared.exports.ExportStore`) for ``ModelBank(quantize="int8")`` to check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from shared.categories import Category
from shared.exports import DEFAULT_CACHE_DIR, INT8_MIN_AGREEMENT
from shared.model_bank import ModelBank, RewardModel
from shared.runtimes import (
    EXPORT_FILE,
    OnnxRuntimeRunner,
    RuntimeSetupError,
    check_runtime_name,
    check_runtime_supports,
    quantize_int8,
    ranking_agreement,
    runtime_version,
)

#: (prompt, chosen, rejected) triples per category, for the int8 agreement measurement.
Triples = Mapping[Category, Sequence[tuple[str, str, str]]]


def _agreement(reference: Any, candidate: Any, triples: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    """How ``candidate`` (prompts, responses) → scores orders ``triples`` compared with ``reference``; each distinct
    (prompt, response) is scored once, in batches of 64."""
    texts = list(dict.fromkeys((p, r) for p, a, b in triples for r in (a, b)))
    ref, got = np.zeros(len(texts), np.float32), np.zeros(len(texts), np.float32)
    for i in range(0, len(texts), 64):
        prompts, responses = [t[0] for t in texts[i : i + 64]], [t[1] for t in texts[i : i + 64]]
        ref[i : i + 64], got[i : i + 64] = reference(prompts, responses), candidate(prompts, responses)
    at = {t: k for k, t in enumerate(texts)}
    a = np.array([at[(p, x)] for p, x, _ in triples])
    b = np.array([at[(p, y)] for p, _, y in triples])
    return {
        "agreement": ranking_agreement(ref[a], ref[b], got[a], got[b]),  # unrounded: the gate compares it
        "pairs": len(triples),
        "max_abs_diff": round(float(np.max(np.abs(got - ref))), 4),
    }


def export_runtime(
    model_dir: Path,
    runtime: str,
    *,
    quantize: str = "none",
    cache_dir: Path = DEFAULT_CACHE_DIR,
    pairs: Triples | None = None,
    pairs_source: str = "",
    num_threads: int | None = None,
    int8_min_agreement: float = INT8_MIN_AGREEMENT,
) -> dict[str, Any]:
    """Export every reward model and the encoder of ``model_dir`` for ``runtime`` (``auto``: the one it picks).

    With ``quantize="int8"`` (onnxruntime) also quantise each reward model and measure, on ``pairs``, the share of
    (prompt, chosen, rejected) triples it orders as float32 torch does; stored beside the export, it is what
    ``ModelBank(quantize="int8")`` checks against ``int8_min_agreement``.

    Returns:
        A JSON-able report: model version, runtime, export folder; with int8 the agreement per category and the
        categories that missed the gate (``refused``, empty when int8 may be served).

    Raises:
        RuntimeSetupError: ``runtime`` is torch or torch-compile (nothing to export), not installed, or int8
            without pairs.
    """
    if check_runtime_name(runtime) in ("torch", "torch-compile"):
        raise RuntimeSetupError(
            f"runtime {runtime} runs the safetensors weights as they are (torch-compile compiles them at start-up): "
            "there is nothing to export"
        )
    if quantize == "int8" and runtime == "auto":
        runtime = "onnxruntime"
    if runtime != "auto":  # fail before any model is loaded
        check_runtime_supports(runtime, dtype=torch.float32, device=torch.device("cpu"), quantize=quantize)
    if quantize == "int8" and (not pairs or any(not pairs.get(c) for c in Category)):
        lacking = [c.value for c in Category if not (pairs or {}).get(c)]
        raise RuntimeSetupError(
            f"int8 needs held-out pairs for every category to measure its agreement; none for: {', '.join(lacking)}"
        )
    bank = ModelBank(
        model_dir, device="cpu", dtype="float32", runtime=runtime, cache_dir=cache_dir, num_threads=num_threads
    )
    report: dict[str, Any] = {
        "model_dir": str(model_dir),
        "model_version": bank.model_version,
        "runtime": bank.runtime,
        "runtime_version": runtime_version(bank.runtime),
        "exports": str(bank.export_store(bank.runtime).root) if bank.runtime in EXPORT_FILE else None,
    }
    if quantize != "int8":
        return report
    assert pairs is not None
    reference = ModelBank(model_dir, device="cpu", dtype="float32", runtime="torch", num_threads=num_threads)
    float32, int8 = bank.export_store(bank.runtime), bank.export_store(bank.runtime, "int8")
    per_category: dict[str, dict[str, Any]] = {}
    for category in Category:
        quantize_int8(float32.model_file(category.value), int8.model_file(category.value))
        runner = OnnxRuntimeRunner(int8.model_file(category.value), num_threads=num_threads)
        rm = RewardModel(category, bank.tokenizers[category], runner)
        per_category[category.value] = _agreement(
            lambda p, r, c=category: reference.score(c, p, r),
            lambda p, r, rm=rm: bank.score_batch(rm, p, r),
            pairs[category],
        )
    path = int8.write_agreement(per_category, pairs_source=pairs_source)
    refused = [c for c, v in per_category.items() if v["agreement"] < int8_min_agreement]
    report["int8"] = {
        "agreement_file": str(path),
        "min_agreement": int8_min_agreement,
        "categories": per_category,
        "refused": refused,
    }
    return report
