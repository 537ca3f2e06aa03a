from __future__ import annotations

import math

import pytest
import torch

from services.trainer.irl.losses import bradley_terry_loss


def test_equal_rewards_cost_log_two():
    loss, stats = bradley_terry_loss(torch.zeros(3), torch.zeros(3), magnitude_coef=0.0)
    assert loss.item() == pytest.approx(math.log(2))
    assert stats.accuracy == 0.0 and stats.margin == 0.0


def test_bt_loss_by_hand():
    # diffs 1 and −1: (−log σ(1) − log σ(−1)) / 2 = (0.31326 + 1.31326) / 2
    loss, stats = bradley_terry_loss(torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0]), magnitude_coef=0.0)
    assert loss.item() == pytest.approx(0.81326, abs=1e-5)
    assert stats.accuracy == 0.5


def test_magnitude_penalty_by_hand():
    # (r⁺² + r⁻²)/2 averaged: ((4 + 0)/2 + (0 + 4)/2) / 2 = 2 → + 0.1 · 2
    plain, _ = bradley_terry_loss(torch.tensor([2.0, 0.0]), torch.tensor([0.0, -2.0]), magnitude_coef=0.0)
    penalised, stats = bradley_terry_loss(torch.tensor([2.0, 0.0]), torch.tensor([0.0, -2.0]), magnitude_coef=0.1)
    assert penalised.item() == pytest.approx(plain.item() + 0.2)
    assert stats.magnitude == pytest.approx(2.0) and stats.accuracy == 1.0


def test_gradient_pushes_chosen_up_and_rejected_down():
    chosen = torch.zeros(1, requires_grad=True)
    rejected = torch.zeros(1, requires_grad=True)
    loss, _ = bradley_terry_loss(chosen, rejected, magnitude_coef=0.0)
    loss.backward()
    assert chosen.grad.item() == pytest.approx(-0.5) and rejected.grad.item() == pytest.approx(0.5)
