"""GRPO-S advantages for a flat batch with a group id per item: what the verl and TRL adapters hand their trainer.

Pure tensor math (DR-IRL, arXiv 2503.18991 §3). For the valid items i of group j, with raw rewards r_ji and the
server's per-item coefficient α_ji (``ItemResult.weight``):

    mean_j = Σ_i r_ji / n_j
    std_j  = sqrt(Σ_i (r_ji − mean_j)² / (n_j − 1))       unbiased (torch.std), as TRL's and verl's GRPO
    A_ji   = α_ji · (r_ji − mean_j) / (std_j + eps)

The coefficient multiplies the *normalised* advantage: scaling the rewards instead would cancel under the std
normalisation whenever α is constant in a group. An invalid item (no reward) gets A = 0 and stays out of its
group's mean and std; a group with fewer than two valid items gives 0 to all its items (there is no baseline — note
that verl's own GRPO gives a lone item its raw score instead). ``eps`` is the caller's: verl uses 1e-6, TRL 1e-4,
so that α = 1 reproduces each framework's own GRPO exactly.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import torch


def group_index(keys: Iterable[Hashable]) -> torch.Tensor:
    """Dense group ids (N,) from any per-item keys (verl's uid strings, say), numbered by first appearance."""
    ids: dict[Hashable, int] = {}
    return torch.tensor([ids.setdefault(k, len(ids)) for k in keys], dtype=torch.long)


def grpo_s_advantages(
    rewards: torch.Tensor,
    weights: torch.Tensor,
    groups: torch.Tensor,
    valid: torch.Tensor | None = None,
    *,
    eps: float,
) -> torch.Tensor:
    """Per-item GRPO-S advantages (N,) from raw rewards (N,), coefficients (N,) and group ids (N,).

    Args:
        rewards: raw reward of each item (invalid entries may hold anything, NaN included).
        weights: the per-item coefficient α (1 for plain GRPO); ignored where ``valid`` is False.
        groups: integer group id of each item, 0 ≤ id < N (see :func:`group_index`).
        valid: False for items without a reward; None → all valid.
        eps: added to the group std.

    Returns:
        (N,) advantages in ``rewards``' dtype; exactly 0 for invalid items and for groups with < 2 valid items.

    Raises:
        ValueError: the three inputs do not have the same (N,) shape.
    """
    if rewards.dim() != 1 or rewards.shape != weights.shape or rewards.shape != groups.shape:
        raise ValueError(
            f"rewards {tuple(rewards.shape)}, weights {tuple(weights.shape)} and groups {tuple(groups.shape)} "
            "must all be (N,)"
        )
    if valid is None:
        valid = torch.ones_like(rewards, dtype=torch.bool)
    valid = valid & torch.isfinite(rewards)
    n_groups = int(groups.max().item()) + 1 if groups.numel() else 0
    m = valid.to(rewards.dtype)
    r = torch.where(valid, rewards, torch.zeros_like(rewards))

    def per_group(values: torch.Tensor) -> torch.Tensor:
        return torch.zeros(n_groups, dtype=rewards.dtype, device=rewards.device).index_add_(0, groups, values)

    n = per_group(m)
    mean = per_group(r) / n.clamp(min=1)
    centred = (r - mean[groups]) * m
    var = per_group(centred**2) / (n - 1).clamp(min=1)
    alpha = torch.where(valid, weights.to(rewards.dtype), torch.zeros_like(rewards))
    denom = var.sqrt()[groups] + eps
    adv = alpha * centred / torch.where(denom > 0, denom, torch.ones_like(denom))  # a constant group: 0, not 0/0
    usable = valid & (n[groups] >= 2)
    return torch.where(usable, adv, torch.zeros_like(adv))
