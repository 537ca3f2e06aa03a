"""Preference pairs for IRL, from demonstrations (the expert) and the policy's own samples. Pure functions.

Training pairs per prompt x of category c (DR-IRL §3.2, alignment from demonstrations):

- harmful x: demonstration ≻ each policy sample (the expert refuses; the policy's answer, whatever it is, is the
  negative — as the policy improves, the negatives get harder), and a generic refusal ≻ each sample that is not a
  refusal (any refusal beats compliance, not only the demonstration's wording); with ``own_refusal_pairs``, also
  one of the policy's own refusals ≻ each of its compliant samples;
- benign x:  demonstration ≻ each policy sample, demonstration ≻ a generic refusal, and each policy sample that is
  not a refusal ≻ a generic refusal — refusing a benign request must score low (over-refusal is penalised); with
  ``own_refusal_pairs``, also one of the policy's helpful samples ≻ each of its own refusals.

Why the own-refusal pairs: demonstration ≻ sample alone makes each reward model a discriminator of the expert's
*style*. Once the policy writes refusals itself (after the SFT warm start it refuses ~45 % of sampled answers), its
refusals and its compliant answers share one style and both lose to the demonstration, so the models barely tell
them apart (measured: +0.36 vs +0.21 on harmful prompts during GRPO-S, and a benign refusal scored +2.2). Pairs
in the policy's own voice that differ in refusing teach exactly the difference GRPO-S needs to see; they keep the
order demonstration ≻ own refusal ≻ own compliance on harmful prompts (and the reverse of the last two on benign).

The same generic refusals are positives on harmful prompts and negatives on benign ones, so a reward model cannot
score them without reading the prompt.

Held-out evaluation pairs (`drirl irl eval`), per category, on the test split:

- ``demo>sample``:         demonstration ≻ fresh policy sample (harmful and benign prompts);
- ``refusal>compliance``:  a generic refusal ≻ a policy sample that complies, on harmful prompts;
- ``helpful>refusal``:     the helpful demonstration ≻ each generic refusal, on benign prompts.

Evaluation refusals are phrasings never used in training (``EVAL_REFUSALS``).
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
    refusal_pairs_per_harmful: int = 1,
    share_benign: bool = True,
    own_refusal_pairs: bool = True,
    worded_refusals: Sequence[str] = (),
    seed: int = 0,
) -> list[Pair]:
    """Pairs for every record that has samples (keyed by record id); deterministic for a seed.

    With ``share_benign``, each benign prompt also gives every *other* category one (demonstration ≻ refusal)
    pair: over-refusal is not category-specific, and seven times more distinct benign prompts teach each reward
    model that a refusal's worth depends on the prompt (measured: with its own 9 benign prompts against 31
    harmful ones, a category model preferred refusals on held-out benign prompts).
    """
    rng = random.Random(seed)
    generic, worded = list(refusals), list(worded_refusals)

    def refusal(avoid: str) -> str:
        """Half generic, half worded for some other prompt: both kinds of refusal the policy may write."""
        pool = worded if worded and rng.random() < 0.5 else generic
        for _ in range(8):
            pick = rng.choice(pool)
            if pick != avoid:
                return pick
        return next(p for p in generic if p != avoid)

    pairs: list[Pair] = []
    for r in records:
        demo = final_response(r.demonstration)
        if not demo:
            continue
        own = list(samples.get(r.id, ()))
        for s in own:
            pairs.append(Pair(r.category, r.prompt, demo, s, "demo>sample"))
        compliant = [s for s in own if s.strip() and not is_refusal(s)]
        refusing = [s for s in own if s.strip() and is_refusal(s)] if own_refusal_pairs else []
        if r.kind == Kind.HARMFUL:
            for s in rng.sample(compliant, k=min(refusal_pairs_per_harmful, len(compliant))):
                pairs.append(Pair(r.category, r.prompt, refusal(demo), s, "refusal>sample"))
            if refusing:
                for s in compliant:
                    pairs.append(Pair(r.category, r.prompt, rng.choice(refusing), s, "own_refusal>sample"))
            continue
        for _ in range(refusals_per_benign):
            pairs.append(Pair(r.category, r.prompt, demo, refusal(demo), "demo>refusal"))
        for s in compliant:
            pairs.append(Pair(r.category, r.prompt, s, refusal(demo), "sample>refusal"))
        if compliant:
            for s in refusing:
                pairs.append(Pair(r.category, r.prompt, rng.choice(compliant), s, "sample>own_refusal"))
        if share_benign:
            for other in Category:
                if other != r.category:
                    pairs.append(Pair(other, r.prompt, demo, refusal(demo), "shared:demo>refusal"))
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
        if r.kind == Kind.BENIGN:  # every held-out phrasing: three benign test prompts per category are few
            pairs += [Pair(r.category, r.prompt, demo, refusal, "helpful>refusal") for refusal in refusals]
    return pairs
