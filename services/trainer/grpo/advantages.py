"""Group-relative advantages scaled by the reward server's coefficients (GRPO-S; DR-IRL arXiv 2503.18991 §3.3).

Pure tensor math: no I/O, no globals, no device moves.

For one group j (the G responses to one prompt) with raw rewards r_ji, valid mask m_ji (False for items the reward
server flagged as errors) and coefficients α_ji (the server's per-item ``weight``; one per group is the special case
α_ji = w_j):

    mean_j = Σ_i m_ji r_ji / Σ_i m_ji
    std_j  = sqrt(Σ_i m_ji (r_ji − mean_j)² / (Σ_i m_ji − 1))      unbiased, as TRL's GRPO
    A_ji   = α_ji · (r_ji − mean_j) / (std_j + eps)                "grpo"
    A_ji   = α_ji · (r_ji − mean_j)                                "dr_grpo" (Dr. GRPO: no std division)
    A_ji   = 0 where m_ji is False, or when fewer than two items of the group are valid.

The coefficient multiplies the *normalised* advantage: a per-group constant applied to the rewards instead would cancel
under std normalisation (``test_weight_on_rewards_cancels_under_std_normalisation`` shows it). Per-item coefficients
leave mean_j and std_j as they are (they are computed from the raw rewards) but make Σ_i A_ji ≠ 0 in general.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import torch

AdvantageMode = Literal["grpo", "dr_grpo"]


@dataclass(frozen=True)
class GroupStats:
    """Per-group statistics, each of shape (B,)."""

    mean: torch.Tensor
    std: torch.Tensor
    n_valid: torch.Tensor
    zero_std: torch.Tensor  # bool: a group that gives no gradient (constant rewards or < 2 valid items)


def group_stats(rewards: torch.Tensor, valid: torch.Tensor) -> GroupStats:
    """Masked mean and unbiased std of each row of ``rewards`` (B, G); invalid entries are ignored entirely.

    Invalid entries may hold anything (NaN included): they are replaced by 0 before any arithmetic.
    """
    if rewards.shape != valid.shape or rewards.dim() != 2:
        raise ValueError(f"rewards {tuple(rewards.shape)} and valid {tuple(valid.shape)} must both be (B, G)")
    m = valid.to(rewards.dtype)
    r = torch.where(valid, rewards, torch.zeros_like(rewards))
    n = m.sum(dim=1)
    mean = r.sum(dim=1) / n.clamp(min=1)
    var = (((r - mean[:, None]) * m) ** 2).sum(dim=1) / (n - 1).clamp(min=1)
    std = var.sqrt()
    zero = (n < 2) | (std == 0)
    return GroupStats(mean=mean, std=std, n_valid=n, zero_std=zero)


def group_advantages(
    rewards: torch.Tensor,
    weights: torch.Tensor | None = None,
    valid: torch.Tensor | None = None,
    *,
    mode: AdvantageMode = "grpo",
    eps: float = 1e-4,
) -> torch.Tensor:
    """Advantages (B, G) from raw rewards (B, G), coefficients (B, G) or (B,), and a validity mask (B, G).

    Args:
        rewards: raw rewards of B groups of G responses.
        weights: the coefficient α_ji of each item (B, G), or one per group (B,); None → 1. Entries of invalid
            items are ignored.
        valid: False for items without a reward (server error); None → all valid.
        mode: "grpo" divides by the group's std, "dr_grpo" does not.
        eps: added to the std, as TRL (1e-4).

    Returns:
        (B, G) advantages; exactly 0 for invalid items and for groups with fewer than two valid items.
    """
    if valid is None:
        valid = torch.ones_like(rewards, dtype=torch.bool)
    stats = group_stats(rewards, valid)
    r = torch.where(valid, rewards, torch.zeros_like(rewards))
    centred = r - stats.mean[:, None]
    adv = centred / (stats.std[:, None] + eps) if mode == "grpo" else centred
    if weights is not None:
        if weights.shape == rewards.shape[:1]:
            weights = weights[:, None]
        elif weights.shape != rewards.shape:
            b, g = rewards.shape
            raise ValueError(f"weights {tuple(weights.shape)} must be (B, G) = ({b}, {g}) or (B,) = ({b},)")
        adv = adv * torch.where(valid, weights, torch.zeros_like(weights))  # an invalid item's α may be NaN
    usable = valid & (stats.n_valid >= 2)[:, None]
    return torch.where(usable, adv, torch.zeros_like(adv))
