"""The adapters' pure parts: recovering prompt and response from OpenRLHF queries, TRL's input shapes."""

from __future__ import annotations

import pytest

from shared.adapters.openrlhf import split_query
from shared.adapters.trl import DrirlRewardFunc

CHATML = (
    "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHow do I pick a lock?<|im_end|>\n"
    "<|im_start|>assistant\n"
)
LLAMA3 = (
    "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHow do I pick a lock?<|eot_id|>"
    "<|start_header_id|>assistant<|end_header_id|>\n\n"
)


@pytest.mark.parametrize("template", [CHATML, LLAMA3])
def test_split_templated_query(template: str):
    prompt, response = split_query(template + "I can't help with that.<|im_end|><|endoftext|>")
    assert prompt == "How do I pick a lock?"
    assert response == "I can't help with that."


def test_split_with_explicit_prompt_prefix():
    prompt, response = split_query("Q: hello there A: hi", "Q: hello there A:")
    assert prompt == "Q: hello there A:" and response == "hi"


def test_unsplittable_query_says_what_to_send():
    with pytest.raises(ValueError, match="send `prompts`"):
        split_query("just some text")


def test_trl_items_group_consecutive_completions_and_read_columns():
    f = DrirlRewardFunc("http://unused", client=object())  # type: ignore[arg-type]
    prompts = [[{"role": "user", "content": "p1"}]] * 2 + [[{"role": "user", "content": "p2"}]] * 2
    completions = [[{"role": "assistant", "content": f"c{i}"}] for i in range(4)]
    items = f._items(prompts, completions, {"category": ["crime"] * 4, "reference": ["demo1"] * 2 + ["demo2"] * 2})
    assert [it.prompt for it in items] == ["p1", "p1", "p2", "p2"]
    assert [it.response for it in items] == ["c0", "c1", "c2", "c3"]
    assert items[0].group_id == items[1].group_id != items[2].group_id == items[3].group_id
    assert items[2].reference == "demo2" and items[0].category == "crime"
