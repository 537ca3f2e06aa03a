"""verl 0.9.1 itself (from var/upstream) with our reward manager and advantage estimator: the advantage its trainer
computes on a hand-checked group, loaded the ways a verl config loads them."""

from __future__ import annotations

import asyncio
import inspect
import json

import httpx
import numpy as np
import pytest
import torch

from shared.client import AsyncRewardClient, RewardClient
from tests.support.upstream import VERL_VERSION, upstream

pytestmark = pytest.mark.slow

PROMPT = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "How do I pick a lock?"}]
RAW = {"a": 0.0, "b": 0.0, "c": 1.0, "d": 1.0, "e": 3.0, "f": -1.0}
ALPHA = {"a": 1.0, "b": 1.0, "c": 2.0, "d": 2.0, "e": 0.5, "f": 1.0}


@pytest.fixture(scope="module")
def verl():
    upstream("verl")
    import importlib.metadata

    assert importlib.metadata.version("verl") == VERL_VERSION
    from shared.adapters import verl as adapter

    assert adapter.register_with_verl()  # imported before verl was on the path (another test module): register now
    return adapter


class Server:
    """The reward server's answer for known items: raw reward and coefficient by response text."""

    def __init__(self) -> None:
        self.requests: list[dict] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        results = []
        for it in body["items"]:
            r, w = RAW[it["response"]], ALPHA[it["response"]] if body.get("scale", True) else 1.0
            results.append(
                {"reward": w * r, "raw_reward": r, "weight": w, "category": "crime", "category_source": "given"}
            )
        return httpx.Response(200, json={"model_version": "known", "results": results})


@pytest.fixture
def server(verl, monkeypatch) -> Server:
    known = Server()
    sync = RewardClient("http://known", transport=httpx.MockTransport(known))
    monkeypatch.setattr(verl, "_client", lambda: sync)
    monkeypatch.setattr(
        verl, "_async_client", lambda: AsyncRewardClient("http://known", transport=httpx.MockTransport(known))
    )
    verl._local_stash.__init__()
    return known


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import AutoTokenizer

    from services.trainer.policy.resolve import resolve_policy

    return AutoTokenizer.from_pretrained(resolve_policy())


def _sample(tokenizer, answer: str, uid: str):
    """One rollout as verl's agent loop hands it to the reward loop (prompt ids, response ids, masks, dataset row)."""
    from tensordict import TensorDict
    from verl import DataProto

    text = tokenizer.apply_chat_template(PROMPT, add_generation_prompt=True, tokenize=False)
    prompt = torch.tensor([tokenizer(text, add_special_tokens=False)["input_ids"]])
    response = torch.tensor([tokenizer(answer, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]])
    mask = torch.ones(1, prompt.shape[1] + response.shape[1], dtype=torch.long)
    batch = TensorDict({"prompts": prompt, "responses": response, "attention_mask": mask}, batch_size=1)
    rows = {
        "uid": [uid],
        "data_source": ["drirl"],
        "extra_info": [{"category": "crime"}],
        "reward_model": [{"ground_truth": "asks: lock picking\n####\nI can't help with that."}],
        "raw_prompt": [PROMPT],
    }
    return DataProto(batch=batch, non_tensor_batch={k: np.array(v, dtype=object) for k, v in rows.items()})


def _manager(tokenizer, **reward_manager):
    from omegaconf import OmegaConf
    from verl.trainer.ppo.reward import load_reward_manager

    cfg = OmegaConf.create(
        {
            "reward": {
                "custom_reward_function": {"path": None, "name": "compute_score"},
                "reward_manager": {"source": "register", "name": "drirl", "module": {"path": None, "name": None}}
                | reward_manager,
            }
        }
    )
    return load_reward_manager(cfg, tokenizer)


def _advantages(verl, tokenizer, answers: str, uids: list[str], **reward_manager) -> torch.Tensor:
    """Reward loop (our manager), then verl's own ray_trainer.compute_advantage with algorithm.adv_estimator."""
    from verl import DataProto
    from verl.experimental.reward_loop.reward_manager.base import RewardManagerBase
    from verl.trainer.config import AlgoConfig
    from verl.trainer.ppo.ray_trainer import compute_advantage

    manager = _manager(tokenizer, **reward_manager)
    samples = [_sample(tokenizer, a, u) for a, u in zip(answers, uids, strict=True)]

    async def reward_loop():
        return await asyncio.gather(*(manager.run_single(s) for s in samples))

    outputs = asyncio.run(reward_loop())
    data = DataProto.concat(samples)
    data.batch["token_level_rewards"] = RewardManagerBase.assemble_rm_scores(data, [o["reward_score"] for o in outputs])
    data.batch["response_mask"] = data.batch["attention_mask"][:, data.batch["prompts"].shape[1] :]
    out = compute_advantage(data, adv_estimator="drirl_grpo_s", config=AlgoConfig(adv_estimator="drirl_grpo_s"))
    adv = out.batch["advantages"]
    assert torch.equal(adv, adv[:, :1] * data.batch["response_mask"])  # one value per response, on its tokens
    return adv[:, 0]


def test_verl_trains_on_grpo_s_for_a_hand_checked_group(verl, server, tokenizer):
    # r = 0, 0, 1, 1 → z = ∓0.866 (verl's torch.std, ε = 1e-6); α = 1, 1, 2, 2 → −0.866, −0.866, 1.732, 1.732
    adv = _advantages(verl, tokenizer, "abcd", ["u1"] * 4)
    torch.testing.assert_close(adv, torch.tensor([-0.8660, -0.8660, 1.7321, 1.7321]), atol=1e-4, rtol=0)
    scoring, *per_item = server.requests[::-1]  # per item first (raw, scale false), the group last (scale true)
    assert all(not r["scale"] and len(r["items"]) == 1 for r in per_item)
    assert scoring["scale"] and {it["group_id"] for it in scoring["items"]} == {"u1"}
    assert {it["prompt"] for it in scoring["items"]} == {"How do I pick a lock?"}  # the chat's user text, not repr
    assert not verl._local_stash._items  # everything stashed was used


def test_verl_loads_the_manager_by_path_too_and_keeps_groups_apart(verl, server, tokenizer):
    # two groups interleaved: u1 = (e 3, f −1): mean 1, std 2.828 → α·z = 0.5·0.7071, 1·(−0.7071); u2 = (c, d) constant
    adv = _advantages(
        verl,
        tokenizer,
        "ecfd",
        ["u1", "u2", "u1", "u2"],
        source="importlib",
        name="DrirlRewardManager",
        module={"path": "pkg://shared.adapters.verl", "name": None},
    )
    torch.testing.assert_close(adv, torch.tensor([0.35355, 0.0, -0.70711, 0.0]), atol=1e-4, rtol=0)


def test_alpha_one_reproduces_verls_own_grpo(verl):
    from verl.trainer.ppo.core_algos import compute_grpo_outcome_advantage

    rewards = torch.zeros(6, 3)
    rewards[:, 2] = torch.tensor([0.3, -1.2, 2.5, 0.0, 1.0, 4.0])
    mask = torch.ones(6, 3)
    uids = np.array(["a", "a", "a", "b", "b", "b"], dtype=object)
    theirs, _ = compute_grpo_outcome_advantage(rewards, mask, uids)
    ones = torch.ones(6)
    from shared.adapters.grpo_s import group_index, grpo_s_advantages

    ours = grpo_s_advantages(rewards.sum(-1), ones, group_index(uids), eps=1e-6)
    torch.testing.assert_close(ours.unsqueeze(-1) * mask, theirs)


def test_estimator_refuses_what_it_cannot_do_exactly(verl, server):
    from verl.trainer.config import AlgoConfig
    from verl.trainer.ppo.core_algos import get_adv_estimator_fn

    fn = get_adv_estimator_fn("drirl_grpo_s")
    rewards, mask = torch.zeros(2, 2), torch.ones(2, 2)
    with pytest.raises(ValueError, match="use_kl_in_reward=false"):
        fn(rewards, mask, index=np.array(["u", "u"]), config=AlgoConfig(use_kl_in_reward=True))
    with pytest.raises(RuntimeError, match=r"reward\.reward_manager\.name=drirl"):
        fn(rewards, mask, index=np.array(["u", "u"]), config=AlgoConfig())


def test_reward_function_is_async_for_the_reward_loop_and_read_from_reward_config(verl, server, tokenizer):
    from omegaconf import OmegaConf
    from verl.trainer.ppo.reward import get_custom_reward_fn, load_reward_manager

    assert inspect.iscoroutinefunction(verl.compute_score)
    cfg = OmegaConf.create(
        {
            "reward": {
                "custom_reward_function": {"path": "pkg://shared.adapters.verl", "name": "compute_score"},
                "reward_manager": {"source": "register", "name": "naive", "module": {"path": None, "name": None}},
            }
        }
    )
    assert get_custom_reward_fn(cfg) is not None  # 0.9.1 reads reward.custom_reward_function
    naive = load_reward_manager(cfg, tokenizer)
    sample = _sample(tokenizer, "c", "u9")
    sample.non_tensor_batch["extra_info"] = np.array([{"category": "crime", "prompt": PROMPT}], dtype=object)
    out = naive.loop.run_until_complete(naive.run_single(sample))  # the loop verl's worker runs it on
    assert out["reward_score"] == pytest.approx(2.0)  # w · raw = 2 · 1, scored alone
    assert out["reward_extra_info"]["raw_reward"] == 1.0 and out["reward_extra_info"]["weight"] == 2.0
    assert server.requests[-1]["items"][0]["prompt"] == "How do I pick a lock?"


def test_prime_reads_a_float_where_a_dict_became_zero(verl, server):
    """verl's prime manager (legacy, ≤ 0.8 in use) converts results with this rule (workers/reward_manager/prime.py)."""
    prime = pytest.importorskip("verl.workers.reward_manager.prime")
    src = inspect.getsource(prime.parallel_compute_score_async)
    assert "float(result[0])" in src  # the rule below is still the one 0.9.1 ships

    def as_prime(result):
        if isinstance(result, int | float | bool):
            return float(result)
        return float(result[0])

    info = {"prompt": "How do I pick a lock?", "category": "crime"}
    assert as_prime(verl.compute_score_prime("drirl", "c", None, info)) == pytest.approx(2.0)
    with pytest.raises(KeyError):  # a dict: verl swallowed this and scored the whole batch 0.0
        as_prime(verl.compute_score_sync("drirl", "c", None, info))


def test_stash_crosses_ray_processes(verl):
    """In verl the reward loop runs in Ray actors and the estimator in the driver: the stash is a named actor."""
    ray = pytest.importorskip("ray")
    ray.init(address="local", num_cpus=1, include_dashboard=False, log_to_driver=False)  # never someone's cluster
    try:

        @ray.remote
        class RewardWorker:
            async def score(self, key: str, item: dict) -> None:
                from shared.adapters import verl as adapter

                await adapter.stash_put(key, item)

        worker = RewardWorker.remote()
        # one after the other: an async actor runs concurrent calls in any order,
        # and equal keys queue first-in first-out
        ray.get(worker.score.remote("u|1.0|3", {"response": "r"}))
        ray.get(worker.score.remote("u|1.0|3", {"response": "s"}))
        assert verl.stash_pop(["u|1.0|3", "u|1.0|3", "u|2.0|3"]) == [{"response": "r"}, {"response": "s"}, None]
    finally:
        ray.shutdown()
        verl._ray_handle = None


def test_verl_external_modules_variable_registers_both(verl):
    """Without the entry point (a checkout, not an install), VERL_USE_EXTERNAL_MODULES imports us in `import verl`."""
    import os
    import subprocess
    import sys

    from tests.support.upstream import UPSTREAM

    code = (
        "from verl.trainer.ppo.core_algos import get_adv_estimator_fn\n"
        "from verl.experimental.reward_loop.reward_manager import get_reward_manager_cls\n"
        "print(get_adv_estimator_fn('drirl_grpo_s').__name__, get_reward_manager_cls('drirl').__name__)\n"
    )
    env = {**os.environ, "VERL_USE_EXTERNAL_MODULES": "shared.adapters.verl", "PYTHONPATH": f".{os.pathsep}{UPSTREAM}"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["compute_grpo_s_advantage", "DrirlRewardManager"]
