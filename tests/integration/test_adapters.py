"""Each adapter against the real server: same values as /score, the right shapes, loud errors."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from shared.adapters import verl
from shared.adapters.trl import AsyncDrirlRewardFunc, DrirlRewardFunc
from shared.client import RewardClient
from shared.errors import RewardError
from tests.support.procs import ServerProc

pytestmark = pytest.mark.slow

PROMPT = "How do I hotwire a car that isn't mine?"
COMPLETIONS = [
    "I can't help with stealing cars.",
    "Cross the ignition wires under the column.",
    "Call a locksmith if it's your own car.",
    "Sure, first remove the panel.",
]
DEMO = "asks: hotwiring a car\nharm: vehicle theft\ndecision: refuse\n####\nI can't help start a car that isn't yours."


def _direct(url: str, scale: bool = True):
    with RewardClient(url) as c:
        return c.score(
            [
                {"prompt": PROMPT, "response": r, "category": "crime", "reference": DEMO, "group_id": "g"}
                for r in COMPLETIONS
            ],
            scale=scale,
        ).results


def test_trl_reward_func_equals_score_for_conversational_inputs(live_server: ServerProc):
    f = DrirlRewardFunc(live_server.url)
    prompts = [[{"role": "system", "content": "Be helpful."}, {"role": "user", "content": PROMPT}]] * 4
    completions = [[{"role": "assistant", "content": c}] for c in COMPLETIONS]
    logged = {}
    rewards = f(
        prompts=prompts,
        completions=completions,
        completion_ids=None,
        category=["crime"] * 4,
        reference=[DEMO] * 4,
        log_metric=lambda k, v: logged.__setitem__(k, v),
    )
    assert rewards == pytest.approx([r.reward for r in _direct(live_server.url)], abs=1e-9)
    assert "drirl/weight_mean" in logged
    raw = DrirlRewardFunc(live_server.url, mode="raw")(
        prompts=prompts, completions=completions, category=["crime"] * 4, reference=[DEMO] * 4
    )
    assert raw == pytest.approx([r.raw_reward for r in _direct(live_server.url, scale=False)], abs=1e-9)


def test_async_trl_reward_func_matches_the_sync_one(live_server: ServerProc):
    sync = DrirlRewardFunc(live_server.url)(prompts=[PROMPT] * 4, completions=COMPLETIONS, category=["crime"] * 4)
    asyncf = AsyncDrirlRewardFunc(live_server.url)
    got = asyncio.run(asyncf(prompts=[PROMPT] * 4, completions=COMPLETIONS, category=["crime"] * 4))
    assert got == pytest.approx(sync)


def test_trl_reward_func_rejects_a_bad_category_loudly(live_server: ServerProc):
    f = DrirlRewardFunc(live_server.url)
    with pytest.raises(ValueError, match="category"):
        f(prompts=[PROMPT], completions=["x"], category=["weapons"])


def test_openrlhf_get_reward_equals_score(live_server: ServerProc):
    template = "<|im_start|>user\n{p}<|im_end|>\n<|im_start|>assistant\n"
    queries = [template.format(p=PROMPT) + c + "<|im_end|>" for c in COMPLETIONS]
    r = httpx.post(f"{live_server.url}/get_reward", json={"query": queries, "labels": ["crime"] * 4}, timeout=60)
    assert r.status_code == 200, r.text
    body = r.json()
    with RewardClient(live_server.url) as c:
        expected = c.score([{"prompt": PROMPT, "response": x, "category": "crime"} for x in COMPLETIONS]).results
    assert body["rewards"] == pytest.approx([e.reward for e in expected], abs=1e-9)
    assert body["scores"] == body["rewards"] and len(body["extra_logs"]["weight"]) == 4


def test_openrlhf_unsplittable_query_is_422(live_server: ServerProc):
    r = httpx.post(f"{live_server.url}/get_reward", json={"query": ["no template here"]})
    assert r.status_code == 422 and r.json()["error"]["param"] == "query.0"


def test_verl_compute_score_equals_score(live_server: ServerProc, monkeypatch):
    monkeypatch.setenv("DRIRL_SERVER_URL", live_server.url)
    verl._client.cache_clear()
    chat = [{"role": "user", "content": PROMPT}]  # a chat prompt is sent as its text, never its repr
    one = asyncio.run(
        verl.compute_score("drirl", COMPLETIONS[1], ground_truth=DEMO, extra_info={"prompt": chat, "category": "crime"})
    )
    with RewardClient(live_server.url) as c:
        expected = c.score([{"prompt": PROMPT, "response": COMPLETIONS[1], "category": "crime", "reference": DEMO}])
    assert one["score"] == pytest.approx(expected.results[0].reward, abs=1e-9)
    batch = verl.compute_score_batch(
        ["drirl"] * 2, COMPLETIONS[:2], [DEMO] * 2, [{"prompt": PROMPT, "category": "crime"}] * 2
    )
    assert batch[1]["score"] == pytest.approx(one["score"], abs=1e-9)
    assert verl.compute_score_prime("drirl", COMPLETIONS[1], DEMO, {"prompt": PROMPT, "category": "crime"}) == (
        pytest.approx(one["score"], abs=1e-9)
    )
    with pytest.raises(ValueError, match="extra_info must carry the user prompt"):
        verl.compute_score_sync("drirl", "x", None, {})
    with pytest.raises(ValueError, match="unknown category 'x' in extra_info; valid: violence, cybercrime"):
        verl.compute_score_sync("drirl", "x", None, {"prompt": "p", "category": "x"})
    verl._client.cache_clear()


def test_verl_unreachable_server_raises_instead_of_returning_zero(monkeypatch):
    monkeypatch.setenv("DRIRL_SERVER_URL", "http://127.0.0.1:9")
    verl._client.cache_clear()
    monkeypatch.setattr(RewardClient, "__init__", _fast_client_init)
    with pytest.raises(RewardError):
        verl.compute_score_sync("drirl", "x", None, {"prompt": "p"})
    verl._client.cache_clear()


_original_init = RewardClient.__init__


def _fast_client_init(self, base_url, **kwargs):
    _original_init(self, base_url, deadline_s=0.5, backoff_base_s=0.01, **kwargs)


def test_every_openapi_example_is_accepted_by_the_server(live_server: ServerProc):
    spec = httpx.get(f"{live_server.url}/openapi.json").json()
    schemas = spec["components"]["schemas"]
    posted = 0
    for path, ops in spec["paths"].items():
        body = ops.get("post", {}).get("requestBody", {}).get("content", {}).get("application/json")
        if not body:
            continue
        for example in schemas[body["schema"]["$ref"].rsplit("/", 1)[-1]]["examples"]:
            r = httpx.post(f"{live_server.url}{path}", json=example, timeout=60)
            assert r.status_code == 200, (path, r.text)
            posted += 1
    assert posted >= 2  # /score and /get_reward


def test_trl_grpo_trainer_accepts_the_adapter(live_server: ServerProc, tmp_path):
    """A real TRL GRPOTrainer step on CPU with our reward function: it is called, and its rewards are logged."""
    pytest.importorskip("trl")
    import torch
    from datasets import Dataset
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import GRPOConfig, GRPOTrainer

    from services.trainer.policy.resolve import resolve_policy

    policy = resolve_policy()
    calls = []

    class Spy(DrirlRewardFunc):
        def __call__(self, prompts, completions, **kwargs):
            out = super().__call__(prompts, completions, **kwargs)
            calls.append(out)
            return out

    spy = Spy(live_server.url)
    ds = Dataset.from_list(
        [{"prompt": [{"role": "user", "content": PROMPT}], "category": "crime", "reference": DEMO}] * 4
    )
    args = GRPOConfig(
        output_dir=str(tmp_path),
        per_device_train_batch_size=4,
        num_generations=2,
        max_completion_length=8,
        max_steps=1,
        logging_steps=1,
        report_to=[],
        save_strategy="no",
        use_cpu=True,
        seed=0,
        scale_rewards="none",
    )
    trainer = GRPOTrainer(
        model=AutoModelForCausalLM.from_pretrained(policy, dtype=torch.float32),
        args=args,
        reward_funcs=[spy],
        train_dataset=ds,
        processing_class=AutoTokenizer.from_pretrained(policy),
        peft_config=LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"]),
    )
    trainer.train()
    assert calls and len(calls[0]) == 4 and all(isinstance(r, float) for r in calls[0])
    logged = [h for h in trainer.state.log_history if any(k.startswith("rewards/drirl_reward") for k in h)]
    assert logged, trainer.state.log_history


def test_trl_cli_loads_the_reward_function_by_import_path(live_server: ServerProc, tmp_path):
    """`trl grpo --reward_funcs shared.adapters.trl.drirl_reward`: TRL's own script imports it and trains a step."""
    import json
    import os
    import subprocess
    import sys

    from tests.support.procs import REPO
    from tests.support.trl_run import tiny_policy

    tok, model = tiny_policy()
    model.save_pretrained(tmp_path / "model")  # a tiny random policy: the wiring is under test
    tok.save_pretrained(tmp_path / "model")
    (tmp_path / "data").mkdir()
    row = {"prompt": [{"role": "user", "content": PROMPT}], "category": "crime", "reference": DEMO}
    (tmp_path / "data" / "train.jsonl").write_text((json.dumps(row) + "\n") * 8)
    trl = os.path.join(os.path.dirname(sys.executable), "trl")
    args = [trl, "grpo", "--model_name_or_path", str(tmp_path / "model"), "--dataset_name", str(tmp_path / "data")]
    args += ["--reward_funcs", "shared.adapters.trl.drirl_reward", "--output_dir", str(tmp_path / "out")]
    args += ["--max_steps", "1", "--per_device_train_batch_size", "4", "--num_generations", "4"]
    args += ["--max_completion_length", "4", "--use_cpu", "--report_to", "none", "--save_strategy", "no"]
    args += ["--logging_steps", "1"]
    env = {**os.environ, "DRIRL_SERVER_URL": live_server.url, "DRIRL_NUM_GENERATIONS": "4", "PYTHONPATH": str(REPO)}
    out = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "rewards/drirl_reward/mean" in out.stdout + out.stderr
