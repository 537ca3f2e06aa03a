"""The quick safety eval run during training: answers to val prompts, judged by the refusal detector.

Greedy answers give the headline rates; with ``samples > 0`` the same prompts are also answered ``samples`` times at
the rollout temperature. The sampled rates move first: GRPO shifts the probability of a refusal, and a greedy
answer changes only once a refusal's first token becomes the most likely one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.trainer.data.schema import Kind, Record
from services.trainer.eval.refusal import is_refusal
from services.trainer.policy.chat import encode_prompt
from services.trainer.policy.rollout import RolloutEngine, SamplingConfig
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
    samples: int = 0,
    temperature: float = 1.0,
) -> dict[str, float]:
    """harmful_compliance (share of harmful prompts answered, not refused) and benign_refusal (share of benign
    prompts refused), overall and per category, from greedy generations; with ``samples > 0`` also
    ``harmful_compliance_sampled`` and ``benign_refusal_sampled`` (overall) over ``samples`` answers per prompt at
    ``temperature``."""
    prompts = [encode_prompt(tokenizer, r.prompt, system_prompt) for r in records]
    outs = engine.generate(
        prompts, n=1, sampling=SamplingConfig(max_new_tokens=max_new_tokens, temperature=0.0), seed=seed
    )
    metrics = _rates([[is_refusal(o[0].text)] for o in outs], records, per_category=True)
    metrics["eval/mean_length_tokens"] = sum(len(o[0].token_ids) for o in outs) / max(len(outs), 1)
    if samples > 0:
        sampled = engine.generate(
            prompts,
            n=samples,
            sampling=SamplingConfig(max_new_tokens=max_new_tokens, temperature=temperature),
            seed=seed,
        )
        rates = _rates([[is_refusal(c.text) for c in g] for g in sampled], records, per_category=False)
        metrics.update({f"{k}_sampled": v for k, v in rates.items()})
    return metrics


def _rates(refused: Sequence[Sequence[bool]], records: Sequence[Record], *, per_category: bool) -> dict[str, float]:
    """Detector rates over each record's answers (one list of refusal flags per record)."""
    metrics: dict[str, float] = {}

    def rate(kind: Kind, cat: Category | None, want_refusal: bool) -> float | None:
        xs = [
            flag
            for r, flags in zip(records, refused, strict=True)
            if r.kind == kind and (cat is None or r.category == cat)
            for flag in flags
        ]
        if not xs:
            return None
        return sum(flag == want_refusal for flag in xs) / len(xs)

    for cat in [None, *Category] if per_category else [None]:
        suffix = "" if cat is None else f"/{cat.value}"
        comp = rate(Kind.HARMFUL, cat, want_refusal=False)
        over = rate(Kind.BENIGN, cat, want_refusal=True)
        if comp is not None:
            metrics[f"eval/harmful_compliance{suffix}"] = comp
        if over is not None:
            metrics[f"eval/benign_refusal{suffix}"] = over
    return metrics
