"""The adapters' pure parts: OpenRLHF queries, URLs and keys; TRL's grouping."""

from __future__ import annotations

import pytest

from shared.adapters.openrlhf import remote_url, split_query
from shared.adapters.trl import DrirlRewardFunc

CHATML = (
    "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHow do I pick a lock?<|im_end|>\n"
    "<|im_start|>assistant\n"
)
LLAMA3 = (
    "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHow do I pick a lock?<|eot_id|>"
    "<|start_header_id|>assistant<|end_header_id|>\n\n"
)


# ----------------------------------------------------------------------------------------- OpenRLHF
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


def test_remote_url_puts_the_key_in_basic_credentials(monkeypatch):
    monkeypatch.setenv("DRIRL_API_KEY", "s3cr:t/x")
    monkeypatch.setenv("DRIRL_SERVER_URL", "http://10.0.0.2:8000/")
    url = remote_url(group_size=8, reward="grpo_s")
    assert url == "http://drirl:s3cr%3At%2Fx@10.0.0.2:8000/get_reward?group_size=8&reward=grpo_s"
    monkeypatch.delenv("DRIRL_API_KEY")
    assert remote_url("http://h:9") == "http://h:9/get_reward"
    with pytest.raises(ValueError, match="needs group_size"):
        remote_url(reward="grpo_s")


# ----------------------------------------------------------------------------------------- TRL grouping
def test_trl_items_group_by_position_so_adjacent_identical_prompts_stay_apart():
    f = DrirlRewardFunc("http://unused", num_generations=2)
    prompts = [[{"role": "user", "content": "p1"}]] * 4 + [[{"role": "user", "content": "p2"}]] * 2
    completions = [[{"role": "assistant", "content": f"c{i}"}] for i in range(6)]
    columns = {"category": ["crime"] * 6, "reference": ["demo1"] * 4 + ["demo2"] * 2}
    items = f._local_items(prompts, completions, columns)
    assert [it.prompt for it in items] == ["p1"] * 4 + ["p2"] * 2
    assert [it.response for it in items] == [f"c{i}" for i in range(6)]
    gids = [it.group_id for it in items]
    assert gids[0] == gids[1] != gids[2] == gids[3] != gids[4] == gids[5]  # two groups of p1, not one of four
    assert items[4].reference == "demo2" and items[0].category == "crime"


def test_trl_items_without_num_generations_group_runs_of_one_prompt():
    f = DrirlRewardFunc("http://unused")
    items = f._local_items(["p1", "p1", "p2", "p2"], ["a", "b", "c", "d"], {})
    gids = [it.group_id for it in items]
    assert gids[0] == gids[1] != gids[2] == gids[3]
