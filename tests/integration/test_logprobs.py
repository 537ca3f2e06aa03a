"""The policy log-probabilities GRPO-S trains on: a GRPO group's shared prompt runs once, padding columns are skipped,
and neither changes a value or a gradient; the mixed-precision forward keeps the adapter's master weights float32.

Real SmolLM2-135M with a LoRA adapter (random B, so the adapter changes the output), on real train prompts.
"""

from __future__ import annotations

import random

import pytest
import torch

from services.trainer.config import GRPOSConfig
from services.trainer.data.files import load_records
from services.trainer.policy import logprobs
from services.trainer.policy.chat import encode_prompt
from services.trainer.policy.logprobs import (
    Batch,
    attention_bias,
    build_batch,
    completion_logprobs,
    frozen_depth,
    frozen_lower,
)
from services.trainer.policy.model import load_policy, mixed_precision
from services.trainer.policy.resolve import resolve_policy

pytestmark = pytest.mark.slow

GROUPS, G = 3, 4


def _policy(dtype: str, lora_layers: int | None = None) -> tuple[torch.nn.Module, object, GRPOSConfig]:
    cfg = GRPOSConfig(dtype=dtype, lora_layers=lora_layers)
    model, tok = load_policy(resolve_policy(cfg.policy, cfg.cache_dir), cfg, torch.device("cpu"))
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.copy_(torch.randn(p.shape, generator=g) * 0.02)
    return model, tok, cfg


def _batch(tok, cfg: GRPOSConfig, groups: int = GROUPS, g: int = G) -> Batch:
    """``groups`` prompts of different lengths × ``g`` completions of 3-20 tokens each (one row of 20, so T = 20)."""
    records = [r for r in load_records(cfg.data) if r.split == "train"][:groups]
    prompts = [encode_prompt(tok, r.prompt) for r in records]
    assert len({len(p) for p in prompts}) > 1, "the prompts should need left padding"
    rng = random.Random(0)
    lengths = [20] + [rng.randrange(3, 20) for _ in range(groups * g - 1)]
    completions = [[rng.randrange(1000, 40000) for _ in range(n)] for n in lengths]
    return build_batch([p for p in prompts for _ in range(g)], completions, tok.pad_token_id)


def _logp_and_grad(model, batch: Batch, **kwargs) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    model.zero_grad(set_to_none=True)
    logp, entropy = completion_logprobs(model, batch, with_entropy=True, **kwargs)
    (logp * batch.completion_mask).sum().backward()
    grad = torch.cat([p.grad.flatten() for p in model.parameters() if p.requires_grad])
    return logp.detach(), entropy, grad


def _decoder_tokens(model) -> list[int]:
    """Counts the token positions each decoder call runs (the embedding's input sizes)."""
    seen: list[int] = []
    embed = model.get_input_embeddings()
    embed.register_forward_hook(lambda _m, args, _out: seen.append(args[0].numel()))
    return seen


def test_a_shared_prompt_runs_once_and_changes_nothing():
    model, tok, cfg = _policy("float32")
    batch = _batch(tok, cfg)
    seen = _decoder_tokens(model)

    plain, plain_entropy, plain_grad = _logp_and_grad(model, batch, share_prompts=False)
    plain_tokens, seen[:] = sum(seen), []
    shared, shared_entropy, shared_grad = _logp_and_grad(model, batch)
    mask = batch.completion_mask

    width_p = batch.input_ids.shape[1] - batch.n_completion
    assert plain_tokens == batch.input_ids.numel()  # every row, prompt and completion
    # the prefix once per group (its last token aside), then each row's last prompt token + completion
    assert seen == [GROUPS * (width_p - 1), GROUPS * G * batch.n_completion]
    assert torch.allclose(shared[mask], plain[mask], atol=1e-4, rtol=0)
    assert torch.allclose(shared_entropy[mask], plain_entropy[mask], atol=1e-4, rtol=0)
    assert float((shared_grad - plain_grad).norm() / plain_grad.norm()) < 1e-4
    assert float(plain_grad.norm()) > 0


def test_padding_columns_are_skipped_and_the_shape_kept():
    """A micro-batch of short rows runs on its own width; its values equal the same rows in the full batch."""
    model, tok, cfg = _policy("float32")
    batch = _batch(tok, cfg)
    full, _ = completion_logprobs(model, batch)
    rows = slice(G, 3 * G)  # not the first group: the 20-token row is not among them
    short = batch.rows(rows)
    assert int(short.completion_mask.sum(dim=1).max()) < batch.n_completion

    got, _ = completion_logprobs(model, short)
    assert got.shape == (2 * G, batch.n_completion)
    mask = short.completion_mask
    assert torch.allclose(got[mask], full[rows][mask], atol=1e-4, rtol=0)
    assert torch.all(got[:, int(mask.sum(dim=1).max()) :] == 0)  # past every row's end


def test_one_row_per_prompt_takes_the_plain_path(monkeypatch):
    model, tok, cfg = _policy("float32")
    batch = _batch(tok, cfg)
    one_each = batch.rows(slice(0, 1))
    called = []
    monkeypatch.setattr(logprobs, "_shared_prompt_logits", lambda *a: called.append(a))
    completion_logprobs(model, one_each)
    assert called == []


@pytest.mark.parametrize("share_prompts", [True, False])
def test_the_frozen_lower_layers_run_once_for_the_policy_and_its_reference_and_change_nothing(share_prompts):
    """LoRA on the top 10 of SmolLM2's 30 layers: the bottom 20 run once (embeddings counted), then the policy's
    forward and the reference's (adapter disabled) run the top 10 from their output, with the values and gradients
    of the whole forward."""
    model, tok, cfg = _policy("float32", lora_layers=10)
    assert frozen_depth(model) == 20
    batch = _batch(tok, cfg)
    whole, whole_entropy, whole_grad = _logp_and_grad(model, batch, share_prompts=share_prompts)
    with torch.no_grad(), model.disable_adapter():
        whole_ref, _ = completion_logprobs(model, batch, share_prompts=share_prompts)

    seen = _decoder_tokens(model)
    lower = frozen_lower(model, batch, share_prompts=share_prompts)
    assert lower is not None and lower.split == 20 and not lower.hidden.requires_grad
    assert (lower.prefix is not None) == share_prompts
    got, got_entropy, got_grad = _logp_and_grad(model, batch, lower=lower)
    with torch.no_grad(), model.disable_adapter():
        got_ref, _ = completion_logprobs(model, batch, lower=lower)
    assert len(seen) == 1  # the token embeddings ran once, for the lower layers; neither forward ran them

    mask = batch.completion_mask
    assert float((whole - whole_ref)[mask].abs().max()) > 1e-3  # the adapter changes the policy
    for a, b in ((got, whole), (got_entropy, whole_entropy), (got_ref, whole_ref)):
        assert torch.allclose(a[mask], b[mask], atol=1e-4, rtol=0)
    assert float((got_grad - whole_grad).norm() / whole_grad.norm()) < 1e-4
    assert float(whole_grad.norm()) > 0


def test_no_frozen_layers_below_an_adapter_on_every_layer_nor_in_a_decoder_not_checked_layer_by_layer():
    model, tok, cfg = _policy("float32")
    assert frozen_depth(model) == 0 and frozen_lower(model, _batch(tok, cfg, groups=2, g=2)) is None
    top, _, _ = _policy("float32", lora_layers=10)
    config = top.get_base_model().config
    config.model_type = "gemma3_text"  # another decoder (local/global rotary): the whole forward, as before
    assert frozen_depth(top) == 0


def test_attention_bias_is_causal_from_its_offset_and_masks_padding_keys():
    valid = torch.tensor([[False, True, True, True], [True, True, True, True]])
    bias = attention_bias(valid, q=2, offset=2, dtype=torch.float32)
    low = torch.finfo(torch.float32).min
    assert bias.shape == (2, 1, 2, 4)
    # query 0 sits at column 2 (sees 0-2), query 1 at column 3 (sees 0-3); row 0's column 0 is padding
    assert bias[0, 0].tolist() == [[low, 0, 0, low], [low, 0, 0, 0]]
    assert bias[1, 0].tolist() == [[0, 0, 0, low], [0, 0, 0, 0]]


def test_mixed_precision_runs_the_adapter_in_bfloat16_and_keeps_float32_masters():
    """As close to a float32 policy as the float32 adapter on the bfloat16 base was (measured: 0.066 vs 0.063 nats
    mean |Δ log p| on these random tokens, 3 groups of 4), with float32 parameters and gradients. 2 groups of 2 here:
    bfloat16 is emulated on AVX2-only CPUs (193 s for 3 groups of 4 on an AMD Zen 3)."""
    reference, tok, cfg32 = _policy("float32")
    batch = _batch(tok, cfg32, groups=2, g=2)
    exact, _, exact_grad = _logp_and_grad(reference, batch)
    model, _, cfg = _policy("bfloat16")
    lora_a = next(m for n, m in model.named_modules() if n.endswith("q_proj.lora_A.default"))
    dtypes: list[torch.dtype] = []
    lora_a.register_forward_hook(lambda _m, args, _out: dtypes.append(args[0].dtype))

    fp32_adapter, _, fp32_adapter_grad = _logp_and_grad(model, batch)
    with mixed_precision(model, cfg):
        mixed, _, mixed_grad = _logp_and_grad(model, batch)

    # two decoder calls each (shared prompt, then the rows): peft's float32 cast, then none under mixed precision
    assert dtypes == [torch.float32] * 2 + [torch.bfloat16] * 2
    trainable = [p for p in model.parameters() if p.requires_grad]
    assert all(p.dtype == torch.float32 and p.grad.dtype == torch.float32 for p in trainable)
    mask = batch.completion_mask
    before = float((fp32_adapter - exact)[mask].abs().mean())
    after = float((mixed - exact)[mask].abs().mean())
    assert 0 < after < 1.5 * before, (after, before)
    cos = torch.nn.functional.cosine_similarity
    assert float(cos(mixed_grad, exact_grad, dim=0)) > 0.99
    assert float(cos(fp32_adapter_grad, exact_grad, dim=0)) > 0.99
    # the context restores peft's casting
    assert all(m.cast_input_dtype_enabled for m in model.modules() if hasattr(m, "cast_input_dtype_enabled"))


def test_mixed_precision_leaves_a_float32_policy_alone():
    model, _, cfg = _policy("float32")
    with mixed_precision(model, cfg):
        assert not torch.is_autocast_enabled("cpu")
