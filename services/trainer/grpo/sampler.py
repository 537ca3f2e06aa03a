"""Which prompts a step trains on: balanced across categories, a pure function of (seed, step).

Global prompt slot k = (step − 1)·B + j (steps count from 1, j < B) goes to category k mod 7 and takes that
category's (k div 7)-th prompt in a per-(seed, category, epoch) permutation of its pool. No state besides the
step: resuming at step s reproduces the exact order. The pool holds each harmful prompt once and each benign prompt
``benign_repeats`` times, so the share of benign prompts a run trains on is a setting rather than the dataset's 3 in
13: a policy that rarely meets a benign prompt under RL learns that refusing is always safe.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from services.trainer.data.schema import Kind, Record
from shared.categories import Category


class BalancedSampler:
    def __init__(self, records: Sequence[Record], *, prompts_per_step: int, seed: int, benign_repeats: int = 1) -> None:
        if benign_repeats < 1:
            raise ValueError(f"benign_repeats must be >= 1, got {benign_repeats}")
        self.by_category = {
            c: [r for r in records if r.category == c for _ in range(benign_repeats if r.kind == Kind.BENIGN else 1)]
            for c in Category
        }
        empty = [c.value for c, rs in self.by_category.items() if not rs]
        if empty:
            raise ValueError(f"no training prompts for categories: {', '.join(empty)}")
        self.prompts_per_step = prompts_per_step
        self.seed = seed
        self._perms: dict[tuple[Category, int], list[int]] = {}

    def _perm(self, category: Category, epoch: int) -> list[int]:
        key = (category, epoch)
        if key not in self._perms:
            order = list(range(len(self.by_category[category])))
            random.Random(f"{self.seed}:{category.value}:{epoch}").shuffle(order)
            self._perms[key] = order
        return self._perms[key]

    def cursor(self, step: int) -> int:
        """Prompt slots consumed before ``step`` (step 1 is the first)."""
        return (step - 1) * self.prompts_per_step

    def batch(self, step: int) -> list[Record]:
        cats = list(Category)
        out = []
        for k in range(self.cursor(step), self.cursor(step) + self.prompts_per_step):
            cat = cats[k % len(cats)]
            i = k // len(cats)
            pool = self.by_category[cat]
            epoch, pos = divmod(i, len(pool))
            out.append(pool[self._perm(cat, epoch)[pos]])
        return out
