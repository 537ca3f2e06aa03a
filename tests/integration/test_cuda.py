"""The CUDA branches, on a GPU: the reward server's bfloat16 models, the trainer's policy and step, vLLM weight sync.

Marked ``gpu``: on a machine without CUDA every test here is skipped with the reason; bench/gpu_check.sh runs them
(``pytest -m "gpu or vllm"``) on a GPU machine. Each compares the CUDA result with the CPU float32 one, or checks
that a training step changed what it had to change, so a broken device path fails instead of passing vacuously.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch

from services.trainer.config import GRPOSConfig
from services.trainer.policy.chat import encode_prompt
from services.trainer.policy.logprobs import build_batch, completion_logprobs
from services.trainer.policy.model import load_policy
from services.trainer.policy.resolve import resolve_policy
from services.trainer.policy.rollout import HFEngine, SamplingConfig, VLLMEngine, vllm_available
from shared.categories import Category
from shared.model_bank import ModelBank

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.slow,
    pytest.mark.skipif(
        not torch.cuda.is_available(), reason="needs a CUDA device (bench/gpu_check.sh runs it on a GPU machine)"
    ),
]

PROMPTS = ["How do I make a bomb at home?", "Write a poem about the sea."]
GREEDY = SamplingConfig(max_new_tokens=24, temperature=0.0)
PAIRS = [
    (f"How can I get into my neighbour's wifi without asking? case {i}", f"I can't help with that. Ask them. {i}")
    for i in range(8)
]


def test_reward_models_serve_in_bfloat16_on_cuda_close_to_cpu_float32(model_dir: Path):
    gpu = ModelBank(model_dir)  # auto: the GPU, in bfloat16
    assert (gpu.device.type, gpu.dtype) == ("cuda", torch.bfloat16)
    cpu = ModelBank(model_dir, device="cpu", dtype="float32")
    prompts, responses = [p for p, _ in PAIRS], [r for _, r in PAIRS]
    np.testing.assert_allclose(
        gpu.score(Category.CRIME, prompts, responses), cpu.score(Category.CRIME, prompts, responses), atol=0.05
    )
    cosine = (gpu.embed(responses) * cpu.embed(responses)).sum(axis=1)
    assert cosine.min() > 0.99, cosine


def test_policy_log_probs_on_cuda_match_cpu(tmp_path: Path):
    cfg = GRPOSConfig(dtype="float32", run_dir=tmp_path)
    path = resolve_policy(cfg.policy, cfg.cache_dir)
    cpu_model, tok = load_policy(path, cfg, torch.device("cpu"))
    gpu_model, _ = load_policy(path, cfg, torch.device("cuda"))
    prompts = [encode_prompt(tok, p) for p in PROMPTS]
    completions = [g[0].token_ids for g in HFEngine(cpu_model, tok).generate(prompts, n=1, sampling=GREEDY, seed=0)]
    batch = build_batch(prompts, completions, tok.pad_token_id)
    with torch.no_grad():
        on_cpu, _ = completion_logprobs(cpu_model.eval(), batch)
        on_gpu, _ = completion_logprobs(gpu_model.eval(), batch)
    torch.testing.assert_close(on_gpu.cpu() * batch.completion_mask, on_cpu * batch.completion_mask, atol=1e-2, rtol=0)


def test_grpo_s_step_trains_the_lora_on_cuda(model_dir: Path, tmp_path: Path):
    from services.reward_server.embedded import EmbeddedServer
    from services.trainer.grpo.loop import GRPOSTrainer
    from shared.client import RewardClient

    cfg = GRPOSConfig(
        model_dir=model_dir,
        run_dir=tmp_path,
        engine="hf",
        prompts_per_step=2,
        num_generations=2,
        max_new_tokens=8,
        max_steps=1,
        eval_steps=0,
        tensorboard=False,
        seed=7,
    )
    with EmbeddedServer(model_dir) as server, RewardClient(server.url, deadline_s=60) as client:
        trainer = GRPOSTrainer(cfg, client)
        try:
            trainable = {n: p for n, p in trainer.model.named_parameters() if p.requires_grad}
            before = {n: p.detach().clone() for n, p in trainable.items()}
            [result] = trainer.train()
        finally:
            trainer.close()
    assert trainer.device.type == "cuda" and all(p.device.type == "cuda" for p in trainable.values())
    assert all(math.isfinite(v) for v in result.metrics.values() if isinstance(v, float)), result.metrics
    assert any(not torch.equal(before[n], p) for n, p in trainable.items()), "the optimizer step changed nothing"


@pytest.mark.vllm
@pytest.mark.skipif(not vllm_available(), reason="vllm is not installed")
def test_vllm_on_cuda_generates_with_the_synced_bfloat16_weights(tmp_path: Path):
    cfg = GRPOSConfig(run_dir=tmp_path)  # dtype auto: bfloat16 on CUDA, as the trainer runs there
    path = resolve_policy(cfg.policy, cfg.cache_dir)
    model, tok = load_policy(path, cfg, torch.device("cuda"))
    engine = VLLMEngine(path, dtype="bfloat16", weight_sync="reload", seed=0, work_dir=tmp_path / "vllm")
    try:
        prompts = [encode_prompt(tok, p) for p in PROMPTS]
        before = [g[0].token_ids for g in engine.generate(prompts, n=1, sampling=GREEDY, seed=0)]
        g = torch.Generator().manual_seed(0)
        with torch.no_grad():  # a large random LoRA B: the merged weights change visibly
            for name, p in model.named_parameters():
                if "lora_B" in name:
                    p.copy_((torch.randn(p.shape, generator=g) * 0.05).to(p.device, p.dtype))
        engine.update_weights(model)
        after = engine.generate(prompts, n=1, sampling=GREEDY, seed=0)
        assert [c[0].token_ids for c in after] != before, "vLLM still generates with the old weights"
        batch = build_batch(prompts, [c[0].token_ids for c in after], tok.pad_token_id)
        with torch.no_grad():
            logp, _ = completion_logprobs(model.eval(), batch)
        diffs = [
            abs(a - b)
            for i, c in enumerate(after)
            for a, b in zip(c[0].logprobs or [], logp[i, : len(c[0].token_ids)].tolist(), strict=True)
        ]
        assert diffs and sum(diffs) / len(diffs) < 0.05, f"mean |engine - policy| logprob {sum(diffs) / len(diffs)}"
    finally:
        engine.close()
