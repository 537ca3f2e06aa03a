"""The SFT warm start on the real SmolLM2 policy: it learns the demonstrations and writes a loadable policy."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from services.trainer.data.files import load_records
from services.trainer.policy.resolve import resolve_policy
from services.trainer.sft import SFTConfig, collate, pick_examples, response_loss, run_sft, sft_example
from shared.cod import final_response

pytestmark = pytest.mark.slow


def _demo_nll(policy: str, cfg: SFTConfig) -> float:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(policy)
    model = AutoModelForCausalLM.from_pretrained(policy, dtype=torch.float32).eval()
    records = pick_examples(load_records(cfg.data), cfg)
    examples = [
        sft_example(tok, r.prompt, final_response(r.demonstration), system_prompt=None, max_tokens=256) for r in records
    ]
    batch = collate(examples, tok.pad_token_id or tok.eos_token_id)
    with torch.no_grad():
        logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    return float(response_loss(logits, batch["labels"]))


def test_sft_learns_the_demonstrations_and_writes_a_merged_policy(tmp_path: Path):
    cfg = SFTConfig(
        max_prompts_per_category=2,  # one harmful and one benign prompt per category: 14 examples
        epochs=3,
        batch_size=7,
        learning_rate=1e-3,
        out=tmp_path / "final",
        run_dir=tmp_path,
    )
    summary = run_sft(cfg)
    assert summary["examples"] == 14 and summary["steps"] == 6
    assert summary["loss_last_10"] < summary["loss_first"]
    out = Path(summary["final_policy"])
    assert (out / "config.json").is_file() and (out / "model.safetensors").is_file()
    assert (out / "adapter" / "adapter_model.safetensors").is_file()
    # the merged folder is a plain causal LM that assigns the demonstrations a lower loss than the base did
    assert _demo_nll(str(out), cfg) < _demo_nll(resolve_policy(cfg.policy, cfg.cache_dir), cfg) - 0.3
    assert (tmp_path / "metrics.jsonl").is_file()
