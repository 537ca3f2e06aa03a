"""The GRPO-S policy loss: token-level PPO-clip on group advantages plus a k3 KL penalty to a frozen reference.

Pure tensor math. Shapes: N sequences (B·G), T completion tokens (right-padded, ``mask`` marks real tokens).

    ratio_t   = exp(logp_t − old_logp_t)
    pg_t      = −min(ratio_t · A, clip(ratio_t, 1 − ε_low, 1 + ε_high) · A)
    kl_t      = exp(ref_t − logp_t) − (ref_t − logp_t) − 1          (k3 estimator, Schulman 2020; ≥ 0)
    loss_t    = pg_t + β · kl_t

Aggregation:
- "grpo":    mean over each sequence's tokens, then mean over sequences (DeepSeekMath GRPO).
- "dr_grpo": sum over all tokens / (N · max_tokens), a constant normaliser, so long answers are not favoured
             (Dr. GRPO, Liu et al. 2025).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import torch

LossType = Literal["grpo", "dr_grpo"]


@dataclass(frozen=True)
class LossStats:
    """Detached scalars for logging."""

    policy_loss: float
    kl: float
    clip_fraction: float
    ratio_mean: float


def k3_kl(logp: torch.Tensor, ref_logp: torch.Tensor) -> torch.Tensor:
    """Per-token k3 estimate of KL(π‖π_ref): exp(ref − logp) − (ref − logp) − 1, elementwise, ≥ 0."""
    delta = ref_logp - logp
    return torch.exp(delta) - delta - 1


def _aggregate(values: torch.Tensor, mask: torch.Tensor, loss_type: LossType, max_tokens: int | None) -> torch.Tensor:
    m = mask.to(values.dtype)
    if loss_type == "grpo":
        per_seq = (values * m).sum(dim=1) / m.sum(dim=1).clamp(min=1)
        return per_seq.mean()
    denom = values.shape[0] * (max_tokens or values.shape[1])
    return (values * m).sum() / denom


def grpo_loss(
    logp: torch.Tensor,
    old_logp: torch.Tensor,
    advantages: torch.Tensor,
    mask: torch.Tensor,
    *,
    ref_logp: torch.Tensor | None = None,
    beta: float = 0.04,
    eps_low: float = 0.2,
    eps_high: float = 0.2,
    loss_type: LossType = "grpo",
    max_tokens: int | None = None,
) -> tuple[torch.Tensor, LossStats]:
    """The loss to minimise and its logging stats.

    Args:
        logp: (N, T) log-probabilities of the sampled tokens under the policy being trained (with grad).
        old_logp: (N, T) the same under the policy that sampled them (no grad); equal to ``logp.detach()`` when
            each batch is used for one optimizer step, making the ratio exactly 1.
        advantages: (N,) one advantage per sequence, broadcast over its tokens.
        mask: (N, T) bool, True on completion tokens (EOS included), False on padding.
        ref_logp: (N, T) log-probabilities under the frozen reference; None or beta == 0 → no KL term.
        beta: KL coefficient.
        eps_low, eps_high: clip range of the ratio.
        loss_type: "grpo" or "dr_grpo" aggregation (module docstring).
        max_tokens: dr_grpo's constant normaliser (default: T).
    """
    if not (logp.shape == old_logp.shape == mask.shape) or advantages.shape != logp.shape[:1]:
        raise ValueError(
            f"shapes: logp {tuple(logp.shape)}, old_logp {tuple(old_logp.shape)}, mask {tuple(mask.shape)}, "
            f"advantages {tuple(advantages.shape)} (expected (N, T) ×3 and (N,))"
        )
    ratio = torch.exp(logp - old_logp)
    adv = advantages[:, None]
    unclipped = ratio * adv
    clipped = torch.clamp(ratio, 1 - eps_low, 1 + eps_high) * adv
    per_token = -torch.min(unclipped, clipped)
    kl_value = 0.0
    if ref_logp is not None and beta != 0.0:
        kl = k3_kl(logp, ref_logp)
        per_token = per_token + beta * kl
        kl_value = float(_aggregate(kl.detach(), mask, "grpo", None))
    loss = _aggregate(per_token, mask, loss_type, max_tokens)
    with torch.no_grad():
        m = mask.to(logp.dtype)
        is_clipped = ((ratio < 1 - eps_low) & (adv < 0)) | ((ratio > 1 + eps_high) & (adv > 0))
        n_tok = m.sum().clamp(min=1)
        stats = LossStats(
            policy_loss=float(_aggregate(-torch.min(unclipped, clipped).detach(), mask, loss_type, max_tokens)),
            kl=kl_value,
            clip_fraction=float((is_clipped.to(m.dtype) * m).sum() / n_tok),
            ratio_mean=float((ratio.detach() * m).sum() / n_tok),
        )
    return loss, stats
