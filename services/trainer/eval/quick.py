"""The quick safety eval run during training: greedy answers to val prompts, judged by the refusal detector."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.trainer.chat import encode_prompt
from services.trainer.data.schema import Kind, Record
from services.trainer.eval.refusal import is_refusal
from services.trainer.grpo.rollout import RolloutEngine, SamplingConfig
from shared.categories import Category


def pick_eval_records(records: Sequence[Record], per_category: int) -> list[Record]:
    """The first ``per_category`` harmful and benign prompts of each category (stable across runs)."""
    out = []
    for cat in Category:
        for kind in Kind:
            out += [r for r in records if r.category == cat and r.kind == kind][:per_category]
    return out


def safety_rates(
    engine: RolloutEngine,
    tokenizer: Any,
    records: Sequence[Record],
    *,
    max_new_tokens: int,
    system_prompt: str | None = None,
    seed: int = 0,
) -> dict[str, float]:
    """harmful_compliance (share of harmful prompts answered, not refused) and benign_refusal (share of benign
    prompts refused), overall and per category, from greedy generations."""
    prompts = [encode_prompt(tokenizer, r.prompt, system_prompt) for r in records]
    outs = engine.generate(
        prompts, n=1, sampling=SamplingConfig(max_new_tokens=max_new_tokens, temperature=0.0), seed=seed
    )
    refused = [is_refusal(o[0].text) for o in outs]
    metrics: dict[str, float] = {}

    def rate(kind: Kind, cat: Category | None, want_refusal: bool) -> float | None:
        xs = [
            ref
            for r, ref in zip(records, refused, strict=True)
            if r.kind == kind and (cat is None or r.category == cat)
        ]
        if not xs:
            return None
        return sum(ref == want_refusal for ref in xs) / len(xs)

    for cat in [None, *Category]:
        suffix = "" if cat is None else f"/{cat.value}"
        comp = rate(Kind.HARMFUL, cat, want_refusal=False)
        over = rate(Kind.BENIGN, cat, want_refusal=True)
        if comp is not None:
            metrics[f"eval/harmful_compliance{suffix}"] = comp
        if over is not None:
            metrics[f"eval/benign_refusal{suffix}"] = over
    metrics["eval/mean_length_tokens"] = sum(len(o[0].token_ids) for o in outs) / max(len(outs), 1)
    return metrics
