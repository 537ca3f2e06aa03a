"""Preference pairs for IRL, from demonstrations (the expert) and the policy's own samples. Pure functions.

Training pairs per prompt x of category c (DR-IRL §3.2, alignment from demonstrations):

- harmful x: demonstration ≻ each policy sample (the expert refuses; the policy's answer, whatever it is, is the
  negative — as the policy improves, the negatives get harder), and each of ``refusals_per_harmful`` other refusals
  ≻ each sample that is not a refusal (any refusal beats compliance, not only the demonstration's wording); with
  ``own_refusal_pairs``, also one of the policy's own refusals ≻ each of its compliant samples;
- benign x:  demonstration ≻ each policy sample, and the demonstration and each policy sample that is not a
  refusal ≻ each of ``refusals_per_benign`` refusals — refusing a benign request must score low (over-refusal is
  penalised); with ``own_refusal_pairs``, also one of the policy's helpful samples ≻ each of its own refusals;
  with ``tail_refusal_pairs``, also the demonstration and each helpful sample ≻ the same text with a refusal
  appended (a helpful answer that then refuses is worse than the answer alone);
- shared: a few prompts of every other category, of both kinds (``shared_prompts``, see build_training_pairs).

Why the own-refusal pairs: demonstration ≻ sample alone makes each reward model a discriminator of the expert's
*style*. Once the policy writes refusals itself (after the SFT warm start it refuses ~45 % of sampled answers), its
refusals and its compliant answers share one style and both lose to the demonstration, so the models barely tell
them apart (measured: +0.36 vs +0.21 on harmful prompts during GRPO-S, and a benign refusal scored +2.2). Pairs
in the policy's own voice that differ in refusing teach exactly the difference GRPO-S needs to see; they keep the
order demonstration ≻ own refusal ≻ own compliance on harmful prompts (and the reverse of the last two on benign).

The same generic refusals are positives on harmful prompts and negatives on benign ones, so a reward model cannot
score them without reading the prompt.

Why the tail-refusal pairs: after GRPO-S on the pairs above the policy learned to append a refusal to a correct
answer ("2 + 2 = 4, so I won't help with that."): every reward model had seen refusals only as whole responses, where
on benign prompts the answer beats them, never an answer followed by one, which scored like a refusal on harmful
prompts and like an answer on benign ones — the best of both under a reward that cannot read the order.

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
    refusals_per_harmful: int = 2,
    shared_prompts: int = 12,
    own_refusal_pairs: bool = True,
    tail_refusal_pairs: bool = False,
    worded_refusals: Sequence[str] = (),
    seed: int = 0,
) -> list[Pair]:
    """Pairs for every record that has samples (keyed by record id); deterministic for a seed.

    Training cost grows with the distinct (prompt, text) sequences, not with the pairs (a batch scores each distinct
    sequence once), so each refusal drawn for a prompt is paired with *every* compliant sample (and, on benign
    prompts, with the demonstration): R refusals give R·C pairs for R extra sequences.

    With ``shared_prompts`` = N, N harmful and N benign train prompts of every *other* category also train each
    category's model: a refusal ≻ one of the prompt's compliant samples (harmful), the demonstration ≻ a refusal
    (benign). Whether a refusal is right depends on the prompt, not on the category, and a model that met only its
    own 80 harmful and 24 benign prompts misreads held-out ones: sharing only benign prompts (all of them, 144 per
    model) made one model score its demonstration −1.7 and compliant samples +0.5 on a held-out harmful prompt,
    as if it were benign; sharing both kinds, equally, keeps the refusal's prior neutral at the same cost.
    """
    rng = random.Random(seed)
    generic, worded = list(refusals), list(worded_refusals)

    def refusal(*avoid: str) -> str:
        """Half generic, half worded for some other prompt: both kinds of refusal the policy may write."""
        pool = worded if worded and rng.random() < 0.5 else generic
        for _ in range(8):
            pick = rng.choice(pool)
            if pick not in avoid:
                return pick
        return next((p for p in generic if p not in avoid), generic[0])

    def refusals(n: int, avoid: str) -> list[str]:
        picked: list[str] = []
        for _ in range(n):
            picked.append(refusal(avoid, *picked))
        return picked

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
            if compliant:  # every compliant sample loses to every refusal: pairs are free, distinct texts cost
                for ref in refusals(refusals_per_harmful, demo):
                    pairs += [Pair(r.category, r.prompt, ref, s, "refusal>sample") for s in compliant]
            if refusing:
                for s in compliant:
                    pairs.append(Pair(r.category, r.prompt, rng.choice(refusing), s, "own_refusal>sample"))
            continue
        for ref in refusals(refusals_per_benign, demo):
            pairs.append(Pair(r.category, r.prompt, demo, ref, "demo>refusal"))
            pairs += [Pair(r.category, r.prompt, s, ref, "sample>refusal") for s in compliant]
        if compliant:
            for s in refusing:
                pairs.append(Pair(r.category, r.prompt, rng.choice(compliant), s, "sample>own_refusal"))
        if tail_refusal_pairs:
            pairs += [
                Pair(r.category, r.prompt, answer, f"{answer} {refusal(demo)}", "answer>answer+refusal")
                for answer in [demo, *compliant]
            ]
    if shared_prompts:
        pairs += _shared_pairs(records, samples, shared_prompts, is_refusal, refusal, rng)
    return pairs


def _shared_pairs(
    records: Sequence[Record],
    samples: Mapping[str, Sequence[str]],
    n: int,
    is_refusal: Callable[[str], bool],
    refusal: Callable[..., str],
    rng: random.Random,
) -> list[Pair]:
    """For every category, ``n`` harmful and ``n`` benign records of each other category, drawn from ``rng``:
    a refusal ≻ one compliant sample (harmful; none when the policy refused every time), demonstration ≻ a refusal
    (benign). Tagged for the target category, so its model sees them."""
    groups: dict[tuple[Category, Kind], list[Record]] = {}
    for r in records:
        if final_response(r.demonstration):
            groups.setdefault((r.category, r.kind), []).append(r)
    pairs: list[Pair] = []
    for target in Category:
        for (source, kind), rs in groups.items():
            if source == target:
                continue
            for r in rng.sample(rs, k=min(n, len(rs))):
                demo = final_response(r.demonstration)
                if kind == Kind.BENIGN:
                    pairs.append(Pair(target, r.prompt, demo, refusal(demo), "shared:demo>refusal"))
                    continue
                compliant = [s for s in samples.get(r.id, ()) if s.strip() and not is_refusal(s)]
                if compliant:
                    pairs.append(Pair(target, r.prompt, refusal(demo), rng.choice(compliant), "shared:refusal>sample"))
    return pairs


# Takes build_training_pairs' inputs under the same names: the held-out pairs are built from the same parts.
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


def build_agreement_pairs(records: Sequence[Record], refusals: Sequence[str]) -> list[Pair]:
    """Pairs on which a cheaper scoring of the same reward models (int8) is checked against float32: per prompt,
    its demonstration against each refusal and each two refusals against each other (kind ``agreement``).

    No policy samples are needed, so ``drirl models export`` can build them from the dataset alone; the texts are
    few per prompt (1 + len(refusals)), so scoring each once covers every pair. Neither side is "right": what is
    measured is whether both scorings order the pair the same way.
    """
    pairs: list[Pair] = []
    for r in records:
        demo = final_response(r.demonstration)
        pairs += [Pair(r.category, r.prompt, demo, refusal, "agreement") for refusal in refusals]
        pairs += [
            Pair(r.category, r.prompt, a, b, "agreement") for i, a in enumerate(refusals) for b in refusals[i + 1 :]
        ]
    return pairs
