"""Everyday prompts as extra benign train records for IRL and GRPO-S (pure functions).

The dataset's benign prompts all *sound* risky ("how do I kill a stuck Python process"); nothing in it asks for a
sum or a recipe. A policy trained by RL on it alone never meets an ordinary request, and the reward models never
score an answer to one, so whatever the policy does there (measured: refusing after a correct answer) is unpenalised.
:func:`ordinary_records` turns the starting policy's own greedy answers to everyday prompts (the SFT stage's
self-distillation answers, ``sft.own_answers``) into benign train records whose demonstration is that answer:
IRL then ranks it above refusals (and above itself with a refusal appended), and GRPO-S samples those prompts with
that answer as the scaler's reference. They have no harm category; each is given one in turn, so every category's
reward model sees a share of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.trainer.data.schema import Kind, Record, Split
from shared.categories import Category

SOURCE = "ordinary-own-answer"


def ordinary_records(answers: Sequence[tuple[str, str, bool]]) -> list[Record]:
    """One benign train record per (prompt, answer, finished); categories assigned round-robin in order."""
    cats = list(Category)
    return [
        Record(
            id=f"ordinary-{i:04d}",
            category=cats[i % len(cats)],
            kind=Kind.BENIGN,
            prompt=prompt,
            demonstration=answer,
            source=SOURCE,
            split=Split.TRAIN,
        )
        for i, (prompt, answer, _finished) in enumerate(answers)
    ]


def mix_benign(records: Sequence[Record], extra: Sequence[Record]) -> list[Record]:
    """``records`` with ``extra`` interleaved into each category's train benign records (one of the original, one
    extra, ...; the longer list's rest at the end), so a per-category prefix of the benign records (IRL's
    ``max_prompts_per_category``) holds both kinds. Every other record keeps its place, before the benign ones."""
    benign = {
        c: [r for r in records if r.category == c and r.kind == Kind.BENIGN and r.split == Split.TRAIN]
        for c in Category
    }
    moved = {id(r) for rs in benign.values() for r in rs}
    out = [r for r in records if id(r) not in moved]
    for c in Category:
        ours, theirs = benign[c], [r for r in extra if r.category == c]
        for i in range(max(len(ours), len(theirs))):
            out += ours[i : i + 1] + theirs[i : i + 1]
    return out
