"""The difficulty scaler of GRPO-S (DR-IRL, arXiv 2503.18991 §3.3): pure math on arrays, no I/O.

A *group* is the G responses y_1..y_G to one prompt x (one GRPO group). With E the unit-normalised sentence encoder,
r_c the category reward model, μ_c the category's prompt centroid and r̄*_c its mean reference reward:

- data-level hardness   h_data  = clip(1 − mean_i cos(E(y_i), E(y*)), 0, 1)   with a reference y*,
                        h_data  = clip(1 − cos(E(x), μ_c), 0, 1)             without one;
- model-level responsiveness h_model = sigmoid(g / τ),  g = r_c(x, y*) − mean_i r_c(x, y_i)
                        (r_c(x, y*) := r̄*_c without a reference);
- weight                w = clip(1 + α·h_data + β·h_model − (α+β)/2, w_min, w_max).

A hard prompt (responses far from the demonstration, or scored well below it) gets w > 1, an easy one w < 1.
The weight multiplies the *normalised advantage* in the trainer: a per-group constant applied to rewards cancels
under std normalisation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from shared.schemas import ScalerParams


def unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm (zero rows stay zero). Shape (N, D) → (N, D)."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def data_hardness(response_emb: np.ndarray, anchor_emb: np.ndarray) -> float:
    """h_data = clip(1 − mean_i cos(e_i, anchor), 0, 1).

    Args:
        response_emb: (G, D) embeddings of the group's responses (the reference case), or (1, D) holding the
            prompt's embedding (the no-reference case, where the anchor is the category centroid μ_c).
        anchor_emb: (D,) embedding of the reference y*, or the centroid μ_c.
    """
    cos = unit(np.atleast_2d(response_emb)) @ unit(anchor_emb[None, :])[0]
    return float(np.clip(1.0 - float(np.mean(cos)), 0.0, 1.0))


def sigmoid(x: float) -> float:
    """Numerically stable logistic function."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def model_responsiveness(reference_reward: float, rewards: Sequence[float], tau: float) -> float:
    """h_model = sigmoid((r(x, y*) − mean_i r(x, y_i)) / τ); ``rewards`` are the group's raw rewards (≥ 1)."""
    if not rewards:
        raise ValueError("a group needs at least one reward")
    gap = reference_reward - float(np.mean(rewards))
    return sigmoid(gap / tau)


def difficulty_weight(h_data: float, h_model: float, params: ScalerParams) -> float:
    """w = clip(1 + α·h_data + β·h_model − (α+β)/2, w_min, w_max); both h at 0.5 give w = 1."""
    w = 1.0 + params.alpha * h_data + params.beta * h_model - (params.alpha + params.beta) / 2.0
    return float(min(max(w, params.w_min), params.w_max))


def group_weight(
    *,
    rewards: Sequence[float],
    response_emb: np.ndarray | None,
    reference_emb: np.ndarray | None,
    reference_reward: float | None,
    prompt_emb: np.ndarray,
    centroid: np.ndarray,
    mean_reference_reward: float,
    params: ScalerParams,
) -> tuple[float, float, float]:
    """(w, h_data, h_model) for one group, choosing the reference or no-reference branch of each definition."""
    if reference_emb is not None and response_emb is not None:
        h_data = data_hardness(response_emb, reference_emb)
    else:
        h_data = data_hardness(prompt_emb[None, :], centroid)
    r_star = reference_reward if reference_reward is not None else mean_reference_reward
    h_model = model_responsiveness(r_star, rewards, params.tau)
    return difficulty_weight(h_data, h_model, params), h_data, h_model
