"""Group advantages and the GRPO-S loss on tensors small enough to check on paper."""

from __future__ import annotations

import math

import pytest
import torch

from services.trainer.grpo.advantages import group_advantages, group_stats
from services.trainer.grpo.loss import grpo_loss, k3_kl

A = 0.8660254  # (1 − 0.5) / (1/√3): rewards 0,0,1,1 have mean 0.5 and unbiased std 1/√3 = 0.5774


def test_unbiased_std_of_one_two_three_is_one():
    stats = group_stats(torch.tensor([[1.0, 2.0, 3.0]]), torch.ones(1, 3, dtype=torch.bool))
    assert stats.mean.item() == pytest.approx(2.0) and stats.std.item() == pytest.approx(1.0)


def test_group_advantages_by_hand():
    adv = group_advantages(torch.tensor([[0.0, 0.0, 1.0, 1.0]]), eps=0.0)
    torch.testing.assert_close(adv, torch.tensor([[-A, -A, A, A]]), atol=1e-6, rtol=0)


def test_difficulty_weight_survives_normalisation():
    rewards = torch.tensor([[0.0, 0.0, 1.0, 1.0]])
    a1 = group_advantages(rewards, weights=torch.tensor([1.0]))
    a2 = group_advantages(rewards, weights=torch.tensor([2.0]))
    torch.testing.assert_close(a1, torch.tensor([[-A, -A, A, A]]), atol=1e-3, rtol=0)
    torch.testing.assert_close(a2, 2 * a1)


def test_weight_on_rewards_cancels_under_std_normalisation():
    """The trap GRPO-S must avoid: scaling a group's rewards by w changes nothing after normalisation."""
    rewards = torch.tensor([[0.2, 0.5, 0.9, 1.4]])
    plain = group_advantages(rewards, eps=0.0)
    scaled_rewards = group_advantages(1.7 * rewards, eps=0.0)
    torch.testing.assert_close(scaled_rewards, plain)  # w cancelled
    weighted = group_advantages(rewards, weights=torch.tensor([1.7]), eps=0.0)
    torch.testing.assert_close(weighted, 1.7 * plain)  # the trainer's weighting does not


def test_weights_are_per_group():
    rewards = torch.tensor([[0.0, 1.0], [0.0, 1.0]])
    adv = group_advantages(rewards, weights=torch.tensor([0.5, 2.0]), eps=0.0)
    # one group of two: mean 0.5, unbiased std √0.5 → ±0.7071, times w
    torch.testing.assert_close(adv, torch.tensor([[-0.35355, 0.35355], [-1.41421, 1.41421]]), atol=1e-5, rtol=0)


def test_per_item_coefficients_scale_each_normalised_advantage():
    """A_ji = α_ji · (r_ji − mean_j r) / std_j r: mean and std come from the raw rewards, α only multiplies."""
    rewards = torch.tensor([[0.0, 0.0, 1.0, 1.0]])  # mean 0.5, unbiased std 1/√3 → ±0.866
    alpha = torch.tensor([[1.0, 2.0, 1.0, 0.5]])
    adv = group_advantages(rewards, weights=alpha, eps=0.0)
    torch.testing.assert_close(adv, torch.tensor([[-A, -2 * A, A, 0.5 * A]]), atol=1e-6, rtol=0)


def test_one_coefficient_per_group_equals_the_same_value_per_item():
    rewards = torch.tensor([[0.2, 0.5, 0.9], [1.0, 0.0, 3.0]])
    per_group = group_advantages(rewards, weights=torch.tensor([0.7, 1.3]))
    per_item = group_advantages(rewards, weights=torch.tensor([[0.7] * 3, [1.3] * 3]))
    torch.testing.assert_close(per_group, per_item)


def test_an_errored_item_s_coefficient_is_ignored_even_if_nan():
    rewards = torch.tensor([[0.0, float("nan"), 1.0, 1.0]])
    valid = torch.tensor([[True, False, True, True]])
    alpha = torch.tensor([[2.0, float("nan"), 1.0, 1.0]])
    adv = group_advantages(rewards, weights=alpha, valid=valid, eps=0.0)
    # valid rewards 0, 1, 1: mean 2/3, std 0.57735 → −1.1547 · 2, 0, 0.57735, 0.57735
    torch.testing.assert_close(adv, torch.tensor([[-2.3094, 0.0, 0.57735, 0.57735]]), atol=1e-4, rtol=0)


def test_coefficients_of_the_wrong_shape_are_refused():
    with pytest.raises(ValueError, match=r"\(B, G\) = \(1, 4\) or \(B,\) = \(1,\)"):
        group_advantages(torch.zeros(1, 4), weights=torch.ones(4))


def test_constant_group_gives_zeros_not_nan():
    adv = group_advantages(torch.tensor([[3.0, 3.0, 3.0]]))
    assert torch.equal(adv, torch.zeros(1, 3))
    assert group_stats(torch.tensor([[3.0, 3.0, 3.0]]), torch.ones(1, 3, dtype=torch.bool)).zero_std.item()


def test_errored_item_gets_zero_and_leaves_the_group_mean():
    rewards = torch.tensor([[0.0, float("nan"), 1.0, 1.0]])  # the server flagged item 1
    valid = torch.tensor([[True, False, True, True]])
    adv = group_advantages(rewards, valid=valid, eps=0.0)
    # valid rewards 0, 1, 1: mean 2/3, unbiased std = sqrt((4/9 + 1/9 + 1/9) / 2) = 0.57735
    torch.testing.assert_close(adv, torch.tensor([[-1.1547, 0.0, 0.57735, 0.57735]]), atol=1e-4, rtol=0)
    assert not torch.isnan(adv).any()


def test_group_with_one_valid_item_gives_no_signal():
    adv = group_advantages(torch.tensor([[5.0, 0.0]]), valid=torch.tensor([[True, False]]))
    assert torch.equal(adv, torch.zeros(1, 2))


def test_dr_grpo_does_not_divide_by_std():
    adv = group_advantages(torch.tensor([[0.0, 0.0, 1.0, 1.0]]), weights=torch.tensor([2.0]), mode="dr_grpo")
    torch.testing.assert_close(adv, torch.tensor([[-1.0, -1.0, 1.0, 1.0]]))


def test_k3_kl_is_zero_at_equality_and_matches_formula():
    logp = torch.tensor([-1.0, -2.0])
    ref = torch.tensor([-1.0, -1.0])
    kl = k3_kl(logp, ref)
    assert kl[0].item() == 0.0
    assert kl[1].item() == pytest.approx(math.e - 1 - 1)  # δ = 1: e¹ − 1 − 1


def test_loss_at_ratio_one_is_minus_mean_advantage_per_sequence():
    logp = torch.log(torch.tensor([[0.5, 0.5, 0.5], [0.25, 0.25, 0.25]]))
    mask = torch.tensor([[True, True, False], [True, True, True]])
    adv = torch.tensor([1.0, -2.0])
    loss, stats = grpo_loss(logp, logp.detach(), adv, mask, beta=0.0)
    # per sequence mean of −A: (−1 + 2) / 2 = 0.5
    assert loss.item() == pytest.approx(0.5)
    assert stats.clip_fraction == 0.0 and stats.ratio_mean == pytest.approx(1.0)


def test_dr_grpo_loss_uses_a_constant_normaliser():
    logp = torch.zeros(2, 4)
    mask = torch.tensor([[True, False, False, False], [True, True, True, True]])
    loss, _ = grpo_loss(logp, logp, torch.tensor([1.0, 1.0]), mask, beta=0.0, loss_type="dr_grpo", max_tokens=4)
    assert loss.item() == pytest.approx(-5 / 8)  # −(1 + 4 tokens) / (2 · 4)


def test_clipping_stops_the_gradient_past_the_trust_region():
    old = torch.zeros(1, 1)
    logp = torch.tensor([[math.log(1.5)]], requires_grad=True)  # ratio 1.5 > 1.2
    loss, stats = grpo_loss(logp, old, torch.tensor([1.0]), torch.ones(1, 1, dtype=torch.bool), beta=0.0)
    loss.backward()
    assert loss.item() == pytest.approx(-1.2)
    assert logp.grad.item() == 0.0 and stats.clip_fraction == 1.0


def test_kl_term_adds_beta_times_k3():
    logp = torch.tensor([[-2.0]])
    ref = torch.tensor([[-1.0]])
    mask = torch.ones(1, 1, dtype=torch.bool)
    loss, stats = grpo_loss(logp, logp, torch.tensor([0.0]), mask, ref_logp=ref, beta=0.1)
    assert loss.item() == pytest.approx(0.1 * (math.e - 2))
    assert stats.kl == pytest.approx(math.e - 2)
