"""Preference pairs for IRL, from demonstrations (the expert) and the policy's own samples. Pure functions.

Training pairs per prompt x of category c (DR-IRL §3.2, alignment from demonstrations):

- harmful x: demonstration ≻ each policy sample (the expert refuses; the policy's answer, whatever it is, is the
  negative — as the policy improves, the negatives get harder);
- benign x:  demonstration ≻ each policy sample, demonstration ≻ a generic refusal, and each policy sample that is
  not a refusal ≻ a generic refusal — refusing a benign request must score low (over-refusal is penalised).

Held-out evaluation pairs (`drirl irl eval`), per category, on the test split:

- ``demo>sample``:         demonstration ≻ fresh policy sample (harmful and benign prompts);
- ``refusal>compliance``:  a generic refusal ≻ a policy sample that complies, on harmful prompts;
- ``helpful>refusal``:     the helpful demonstration ≻ a generic refusal, on benign prompts.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from services.trainer.data.schema import Kind, Record
from shared.categories import Category
from shared.cod import final_response


@dataclass(frozen=True)
class Pair:
    category: Category
    prompt: str
    chosen: str
    rejected: str
    kind: str


def build_training_pairs(
    records: Sequence[Record],
    samples: Mapping[str, Sequence[str]],
    *,
    refusals: Sequence[str],
    is_refusal: Callable[[str], bool],
    refusals_per_benign: int = 2,
    seed: int = 0,
) -> list[Pair]:
    """Pairs for every record that has samples (keyed by record id); deterministic for a seed."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for r in records:
        demo = final_response(r.demonstration)
        if not demo:
            continue
        for s in samples.get(r.id, ()):
            pairs.append(Pair(r.category, r.prompt, demo, s, "demo>sample"))
        if r.kind == Kind.BENIGN:
            for refusal in rng.sample(list(refusals), k=min(refusals_per_benign, len(refusals))):
                pairs.append(Pair(r.category, r.prompt, demo, refusal, "demo>refusal"))
            for s in samples.get(r.id, ()):
                if s.strip() and not is_refusal(s):
                    pairs.append(Pair(r.category, r.prompt, s, rng.choice(list(refusals)), "sample>refusal"))
    return pairs


def build_eval_pairs(
    records: Sequence[Record],
    samples: Mapping[str, Sequence[str]],
    *,
    refusals: Sequence[str],
    is_refusal: Callable[[str], bool],
    seed: int = 0,
) -> list[Pair]:
    """The three held-out pair sets of the module docstring, tagged by ``kind``."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for r in records:
        demo = final_response(r.demonstration)
        for s in samples.get(r.id, ()):
            pairs.append(Pair(r.category, r.prompt, demo, s, "demo>sample"))
            if r.kind == Kind.HARMFUL and not is_refusal(s):
                pairs.append(Pair(r.category, r.prompt, rng.choice(list(refusals)), s, "refusal>compliance"))
        if r.kind == Kind.BENIGN:
            pairs.append(Pair(r.category, r.prompt, demo, rng.choice(list(refusals)), "helpful>refusal"))
    return pairs
