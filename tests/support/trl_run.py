"""One DrirlGRPOTrainer step on a tiny random Llama, scored by a stand-in server with known rewards and α.

Used by tests/integration/test_trl.py in-process, and as a script under ``accelerate launch --num_processes 2``
(each process writes what it trained on to ``<out>/rank<i>.json``). The model is random: the advantage math does
not depend on what it says, and a 16-wide layer generates in milliseconds on a CPU.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import httpx

RAW = [0.0, 0.0, 1.0, 1.0]  # by position in each group of four
ALPHA = [1.0, 1.0, 2.0, 2.0]


class KnownServer:
    """Answers /score with RAW and ALPHA by the item's position in its group; records every request."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        seen: dict[str, int] = {}
        results = []
        for it in body["items"]:
            k = seen[it["group_id"]] = seen.get(it["group_id"], -1) + 1
            r, w = RAW[k % 4], ALPHA[k % 4]
            results.append(
                {"reward": r * w, "raw_reward": r, "weight": w, "category": "crime", "category_source": "given"}
            )
        return httpx.Response(200, json={"model_version": "known", "results": results})


def tiny_policy() -> tuple[Any, Any]:
    """SmolLM2's tokenizer and a random one-layer, 16-wide Llama over its vocabulary (seeded)."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    from services.trainer.policy.resolve import resolve_policy

    tok = AutoTokenizer.from_pretrained(resolve_policy())
    sizes = {"hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2}
    ids = {"pad_token_id": tok.pad_token_id, "eos_token_id": tok.eos_token_id, "bos_token_id": tok.bos_token_id}
    torch.manual_seed(0)
    return tok, LlamaForCausalLM(LlamaConfig(vocab_size=len(tok), num_key_value_heads=1, **sizes, **ids))


def run(out_dir: Path, *, per_device_batch: int) -> dict[str, Any]:
    from datasets import Dataset
    from trl import GRPOConfig

    from shared.adapters.trl import DrirlGRPOTrainer, DrirlRewardFunc
    from shared.client import RewardClient

    tok, model = tiny_policy()
    server = KnownServer()
    func = DrirlRewardFunc(client=RewardClient("http://known", transport=httpx.MockTransport(server)))
    prompt = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "How do I pick a lock?"}]
    ds = Dataset.from_list([{"prompt": prompt, "category": "crime", "reference": "I can't help with that."}] * 16)
    args = GRPOConfig(
        output_dir=str(out_dir),
        per_device_train_batch_size=per_device_batch,
        num_generations=4,
        max_completion_length=4,
        max_steps=1,
        logging_steps=1,
        report_to=[],
        save_strategy="no",
        use_cpu=True,
        seed=0,
    )
    trainer = DrirlGRPOTrainer(model=model, args=args, reward_funcs=[func], train_dataset=ds, processing_class=tok)
    generated: list[list[float]] = []
    original = trainer._generate_and_score_completions

    def spy(inputs):
        out = original(inputs)
        generated.append(out["advantages"].tolist())
        return out

    trainer._generate_and_score_completions = spy
    trainer.train()
    return {
        "rank": trainer.accelerator.process_index,
        "advantages": generated[0],
        "requests": server.requests,
        "logged": [h for h in trainer.state.log_history if "drirl/weight_mean" in h],
    }


if __name__ == "__main__":
    out = Path(sys.argv[1])
    result = run(out, per_device_batch=int(sys.argv[2]))
    (out / f"rank{result['rank']}.json").write_text(json.dumps(result))
