"""The pure part of ``bench/bench_train.py``: step times summarised per unit, goals, ratios, accuracies, the lines.

No torch and no models here: what a step costs comes in as :class:`bench.alternation.Step` records, what a model
scored as floats.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.alternation import Step
from bench.common import pct


@dataclass(frozen=True)
class Goal:
    """A ratio's target: ``op`` is ``>=`` or ``<=``; ``None`` value: no goal set (the figure is only reported)."""

    op: str
    value: float | None

    def __post_init__(self) -> None:
        if self.op not in (">=", "<="):
            raise ValueError(f"a goal's op is '>=' or '<=', got {self.op!r}")

    def met(self, ratio: float) -> bool | None:
        if self.value is None or math.isnan(ratio):
            return None
        return ratio >= self.value if self.op == ">=" else ratio <= self.value

    def text(self) -> str:
        return "no goal set" if self.value is None else f"goal {self.op} {self.value:g}"


def summarise(steps: Sequence[Step], warmup: int, who: str) -> dict[str, Any]:
    """Seconds per unit over the steps after the first ``warmup`` ones (total time / total units, so a short last
    batch weighs what it holds), and the step-time spread. ValueError when no step is left to measure."""
    if warmup < 0:
        raise ValueError(f"warmup must be >= 0, got {warmup}")
    measured = list(steps[warmup:])
    if not measured:
        raise ValueError(
            f"{who}: {len(steps)} step(s), all of them warm-up ({warmup}); give the phase more steps or lower "
            "--warmup-steps"
        )
    seconds = [s.seconds for s in measured]
    cpu = sum(s.cpu_seconds for s in measured)
    units = sum(s.units for s in measured)
    if units <= 0:
        raise ValueError(f"{who}: the measured steps trained on no {units} units")
    return {
        "steps_total": len(steps),
        "warmup_steps": warmup,
        "steps_measured": len(measured),
        "units_total": sum(s.units for s in steps),  # warm-up included: what the whole run trained on
        "units_measured": units,
        "seconds_measured": sum(seconds),
        "per_unit_s": sum(seconds) / units,
        "cpu_per_unit_s": cpu / units,
        "step_mean_s": sum(seconds) / len(seconds),
        "step_p50_s": pct(seconds, 50),
        "step_p99_s": pct(seconds, 99),
        "first_interval_s": steps[0].seconds if steps else float("nan"),  # setup + step 1
    }


def pair_accuracy(pairs: Sequence[tuple[str, str, str]], scores: Mapping[tuple[str, str], float]) -> float:
    """Share of (prompt, chosen, rejected) pairs whose chosen response scores strictly higher; ``scores`` maps
    (prompt, response) to the reward. KeyError names a response that was not scored."""
    if not pairs:
        raise ValueError("no pairs to measure accuracy on")
    wins = 0
    for prompt, chosen, rejected in pairs:
        wins += scores[(prompt, chosen)] > scores[(prompt, rejected)]
    return wins / len(pairs)


def accuracy_matches(ours: float, peer: float, tolerance: float) -> bool:
    """The goal's "at equal final pair accuracy": ours is not worse than the peer's by more than ``tolerance``
    (better is fine: the goal is speed without giving accuracy up)."""
    return ours >= peer - tolerance


def trl_batch_units(n_examples: int, batch_size: int, epochs: int) -> list[int]:
    """Examples per optimizer step of a HF ``Trainer`` over ``epochs`` passes of ``n_examples`` (``drop_last``
    false: each epoch ends with its remainder)."""
    if n_examples < 1 or batch_size < 1 or epochs < 1:
        raise ValueError(f"need n_examples, batch_size, epochs >= 1, got {n_examples}, {batch_size}, {epochs}")
    full, rest = divmod(n_examples, batch_size)
    return ([batch_size] * full + ([rest] if rest else [])) * epochs


def epochs_for_steps(steps: int, batch_size: int, n_examples: int) -> float:
    """The ``epochs`` value for which ``ceil(epochs · n_examples / batch_size)`` (SFT's step count) is ``steps``."""
    if steps < 1 or batch_size < 1 or n_examples < 1:
        raise ValueError(f"need steps, batch_size, n_examples >= 1, got {steps}, {batch_size}, {n_examples}")
    epochs = (steps * batch_size - 0.5) / n_examples  # half an example short of `steps` full batches
    assert math.ceil(epochs * n_examples / batch_size) == steps
    return epochs


def compare(ours: dict[str, Any], trl: dict[str, Any], goal: Goal, *, speedup: bool) -> dict[str, Any]:
    """The phase's ratio: TRL/ours per unit when ``speedup`` (how many times faster ours is), else ours/TRL."""
    a, b = ours["per_unit_s"], trl["per_unit_s"]
    ca, cb = ours["cpu_per_unit_s"], trl["cpu_per_unit_s"]
    return {
        "ratio": b / a if speedup else a / b,
        "cpu_ratio": cb / ca if speedup else ca / cb,  # the same ratio of CPU time (bench/alternation.py)
        "ratio_name": "trl/ours" if speedup else "ours/trl",
        "goal": goal.text(),
        "met": goal.met(b / a if speedup else a / b),
    }


def verdict(met: bool | None) -> str:
    return {True: "met", False: "MISSED", None: ""}[met]


def cpu_info(cpuinfo: str | None = None) -> dict[str, Any]:
    """The CPU's model name and the flags that decide the dtype (NOTES.md: two kinds of CPU behind one name)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            cpuinfo = ""
    model, flags = "unknown", set()
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name" and model == "unknown":
            model = value.strip()
        elif key.strip() == "flags" and not flags:
            flags = set(value.split())
    wanted = ("amx_bf16", "avx512_bf16", "avx512f", "avx2")
    return {"model": model, "flags": [f for f in wanted if f in flags]}


def run_line(label: str, unit: str, stats: dict[str, Any], extra: str = "") -> str:
    """One run of a phase: seconds per unit (ms when below one second), the step p50 and p99, then ``extra``."""
    per = stats["per_unit_s"]
    figure = f"{1e3 * per:8.1f} ms/{unit}" if per < 1 else f"{per:8.2f} s/{unit}"
    held = "" if unit == "step" else f", {stats['units_measured']} {unit}s"
    return (
        f"  {label:<34}{figure:<16}  step p50 {stats['step_p50_s']:.2f} s  p99 {stats['step_p99_s']:.2f} s  "
        f"({stats['steps_measured']} steps{held}){extra}"
    )


def ratio_line(label: str, result: dict[str, Any], note: str = "") -> str:
    """The phase's ratio, its goal and verdict; the CPU-time ratio beside it (what a busy machine distorts less)."""
    return (
        f"  {label:<34}{result['ratio']:8.2f}x   cpu-time {result['cpu_ratio']:.2f}x   ({result['goal']}{note})  "
        f"{verdict(result['met'])}"
    ).rstrip()
