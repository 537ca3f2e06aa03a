"""Statistics an evaluation needs, as pure functions: a proportion with its Wilson interval, agreement between two
labellings (raw, Cohen's κ overall and per label) and their confusion matrix.

No I/O and no numpy: the inputs are counts and label sequences, the outputs floats and dicts, so every figure in a
report can be checked by hand.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

#: The normal quantile of a two-sided 95 % interval.
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Proportion:
    """``successes`` out of ``n`` with its Wilson interval [low, high]."""

    successes: float
    n: int
    low: float
    high: float

    @property
    def value(self) -> float:
        return self.successes / self.n if self.n else math.nan

    def to_json(self) -> dict[str, float | int]:
        return {"k": self.successes, "n": self.n, "value": self.value, "low": self.low, "high": self.high}


def wilson_interval(successes: float, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a binomial proportion (Wilson 1927), 95 % by default.

    p̂ = k/n, centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z/(1 + z²/n) · sqrt(p̂(1−p̂)/n + z²/4n²).
    Unlike the normal ("Wald") interval it stays inside [0, 1] and is not empty at p̂ = 0 or 1: 0 of 10 gives
    [0, 0.278]. ``successes`` may be fractional (a mean over several answers per prompt, with ``n`` prompts).

    Args:
        successes: k, 0 ≤ k ≤ n.
        n: the number of trials; 0 gives the uninformative [0, 1].
        z: the normal quantile (1.96 for 95 %).

    Raises:
        ValueError: n < 0 or k outside [0, n].
    """
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n, got successes={successes}, n={n}")
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def proportion(successes: float, n: int, z: float = Z_95) -> Proportion:
    """``successes`` of ``n`` with its Wilson interval (see :func:`wilson_interval`)."""
    low, high = wilson_interval(successes, n, z)
    return Proportion(successes, n, low, high)


def _check_pair(a: Sequence[Hashable], b: Sequence[Hashable]) -> None:
    if len(a) != len(b):
        raise ValueError(f"the two labellings differ in length: {len(a)} vs {len(b)}")


def raw_agreement(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Share of items on which the two labellings agree (NaN for no items)."""
    _check_pair(a, b)
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a) if a else math.nan


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's κ = (p_o − p_e) / (1 − p_e): agreement beyond what the two label frequencies give by chance.

    p_o is the raw agreement, p_e = Σ_label (share of ``a`` with label) · (share of ``b`` with label).
    NaN when it is undefined: no items, or p_e = 1 (both labellings use one and the same label throughout).
    """
    _check_pair(a, b)
    n = len(a)
    if n == 0:
        return math.nan
    ca, cb = Counter(a), Counter(b)
    p_o = raw_agreement(a, b)
    p_e = sum(ca[label] * cb[label] for label in ca.keys() | cb.keys()) / (n * n)
    if p_e == 1:
        return math.nan
    return (p_o - p_e) / (1 - p_e)


def per_label_kappa(
    a: Sequence[Hashable], b: Sequence[Hashable], labels: Sequence[Hashable] | None = None
) -> dict[Hashable, float]:
    """κ of each label one-vs-rest: both labellings reduced to "this label or not", then :func:`cohen_kappa`.

    Args:
        labels: the labels to report, in order (default: every label seen, sorted by its string).
    """
    _check_pair(a, b)
    labels = list(labels) if labels is not None else sorted(set(a) | set(b), key=str)
    return {label: cohen_kappa([x == label for x in a], [y == label for y in b]) for label in labels}


def confusion_matrix(
    gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable] | None = None
) -> dict[Hashable, dict[Hashable, int]]:
    """``matrix[g][p]``: how many items labelled ``g`` in ``gold`` got ``p`` in ``pred`` (every cell present).

    Args:
        labels: row and column order (default: every label seen, sorted by its string).
    """
    _check_pair(gold, pred)
    labels = list(labels) if labels is not None else sorted(set(gold) | set(pred), key=str)
    matrix = {g: dict.fromkeys(labels, 0) for g in labels}
    for g, p in zip(gold, pred, strict=True):
        if g not in matrix or p not in matrix:
            raise ValueError(f"label {g if g not in matrix else p!r} is not among labels {labels}")
        matrix[g][p] += 1
    return matrix


def agreement_summary(
    gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable] | None = None
) -> dict[str, Any]:
    """Everything the report's judge-audit section renders, for a judge (``pred``) against gold labels.

    Returns:
        ``{"n", "agreement": Proportion json, "kappa", "per_label": {label: {"kappa", "gold", "pred", "agree"}},
        "labels", "confusion": {gold: {pred: count}}}``; labels as strings so the dict is JSON as it stands.
    """
    labels = list(labels) if labels is not None else sorted(set(gold) | set(pred), key=str)
    agree = sum(g == p for g, p in zip(gold, pred, strict=True))
    kappas = per_label_kappa(gold, pred, labels)
    per_label = {
        str(label): {
            "kappa": kappas[label],
            "gold": sum(g == label for g in gold),
            "pred": sum(p == label for p in pred),
            "agree": sum(g == p == label for g, p in zip(gold, pred, strict=True)),
        }
        for label in labels
    }
    matrix = confusion_matrix(gold, pred, labels)
    return {
        "n": len(gold),
        "agreement": proportion(agree, len(gold)).to_json(),
        "kappa": cohen_kappa(gold, pred),
        "labels": [str(label) for label in labels],
        "per_label": per_label,
        "confusion": {str(g): {str(p): c for p, c in row.items()} for g, row in matrix.items()},
    }
