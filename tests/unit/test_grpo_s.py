"""GRPO-S advantages on hand-checked groups, the server's group members, and chats reduced to text."""

from __future__ import annotations

import pytest
import torch

from shared.adapters.grpo_s import group_index, grpo_s_advantages
from shared.adapters.text import completion_text, prompt_text


# ----------------------------------------------------------------------------------------- GRPO-S, by hand
def test_grpo_s_on_a_group_of_four_by_hand():
    # r = 0, 0, 1, 1: mean 0.5, unbiased std sqrt(1/3) = 0.57735, so z = ∓0.866; α = 1, 1, 2, 2
    adv = grpo_s_advantages(
        torch.tensor([0.0, 0.0, 1.0, 1.0]), torch.tensor([1.0, 1.0, 2.0, 2.0]), torch.zeros(4, dtype=torch.long), eps=0
    )
    torch.testing.assert_close(adv, torch.tensor([-0.8660, -0.8660, 1.7321, 1.7321]), atol=1e-4, rtol=0)


def test_grpo_s_per_item_alpha_and_two_groups():
    # group 0: r = 1, 2, 3, 6 → mean 3, deviations −2, −1, 0, 3, var 14/3, std 2.16025; α = 1, .5, 2, 1
    # group 1: r = 5, 5, 5, 5 → constant: all 0
    rewards = torch.tensor([1.0, 5.0, 2.0, 5.0, 3.0, 5.0, 6.0, 5.0])
    weights = torch.tensor([1.0, 3.0, 0.5, 3.0, 2.0, 3.0, 1.0, 3.0])
    groups = group_index(["a", "b"] * 4)
    assert groups.tolist() == [0, 1] * 4
    adv = grpo_s_advantages(rewards, weights, groups, eps=0)
    expected = torch.tensor([-0.92582, 0.0, -0.23146, 0.0, 0.0, 0.0, 1.38873, 0.0])
    torch.testing.assert_close(adv, expected, atol=1e-4, rtol=0)


def test_grpo_s_leaves_invalid_items_out_and_lone_items_at_zero():
    # valid 1, 2, 3 (NaN is an item without reward): mean 2, std 1 → −1, 0, +1, times α = 2
    adv = grpo_s_advantages(
        torch.tensor([1.0, 2.0, float("nan"), 3.0, 7.0]),
        torch.full((5,), 2.0),
        torch.tensor([0, 0, 0, 0, 1]),
        torch.tensor([True, True, False, True, True]),
        eps=0,
    )
    torch.testing.assert_close(adv, torch.tensor([-2.0, 0.0, 0.0, 2.0, 0.0]))


def test_grpo_s_with_alpha_one_is_std_normalised_grpo():
    r = torch.tensor([0.3, -1.2, 2.5, 0.0])
    adv = grpo_s_advantages(r, torch.ones(4), torch.zeros(4, dtype=torch.long), eps=1e-4)
    torch.testing.assert_close(adv, (r - r.mean()) / (r.std() + 1e-4))


# ----------------------------------------------------------------------------------------- text of chats
def test_chat_prompts_and_completions_become_their_text_never_repr():
    chat = [
        {"role": "system", "content": "Be helpful."},
        {"role": "user", "content": "first question"},
        {"role": "assistant", "content": "first answer"},
        {
            "role": "user",
            "content": [
                {"type": "image"},
                {"type": "text", "text": "What is in"},
                {"type": "text", "text": "this picture?"},
            ],
        },
    ]
    assert prompt_text(chat) == "What is in\n\nthis picture?"
    assert prompt_text("plain") == "plain"
    assert completion_text([{"role": "assistant", "content": [{"type": "text", "text": "A cat."}]}]) == "A cat."
    assert completion_text(chat) == "first answer"
    with pytest.raises(TypeError, match="got int"):
        prompt_text(3)
