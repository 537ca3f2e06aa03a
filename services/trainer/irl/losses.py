"""The IRL reward-model objective: Bradley-Terry preference of the demonstration over the policy's samples.

Pure tensor math. For pairs (x, y⁺ ≻ y⁻) with rewards r⁺ = r(x, y⁺), r⁻ = r(x, y⁻):

    loss = mean( −log σ(r⁺ − r⁻) ) + λ · mean( (r⁺² + r⁻²) / 2 )

The second term is a small penalty on reward magnitude: Bradley-Terry only sees differences, so without it the
scores drift; with it they stay centred near 0, which keeps the scaler's responsiveness gap and the server's
per-category reward means comparable across categories and training rounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class BTStats:
    bt_loss: float
    magnitude: float
    accuracy: float  # share of pairs with r⁺ > r⁻
    margin: float  # mean r⁺ − r⁻


def bradley_terry_loss(
    chosen: torch.Tensor, rejected: torch.Tensor, *, magnitude_coef: float = 0.01
) -> tuple[torch.Tensor, BTStats]:
    """Loss for (P,) rewards of chosen and rejected responses; see the module docstring."""
    if chosen.shape != rejected.shape or chosen.dim() != 1:
        raise ValueError(f"chosen {tuple(chosen.shape)} and rejected {tuple(rejected.shape)} must both be (P,)")
    diff = chosen - rejected
    bt = -F.logsigmoid(diff).mean()
    magnitude = 0.5 * (chosen.pow(2) + rejected.pow(2)).mean()
    loss = bt + magnitude_coef * magnitude
    with torch.no_grad():
        stats = BTStats(
            bt_loss=float(bt),
            magnitude=float(magnitude),
            accuracy=float((diff > 0).float().mean()),
            margin=float(diff.mean()),
        )
    return loss, stats
