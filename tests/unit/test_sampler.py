"""The GRPO prompt sampler: balanced categories, a pure function of (seed, step), benign share as a setting."""

from services.trainer.data.schema import Kind, Record
from services.trainer.grpo.sampler import BalancedSampler
from shared.categories import Category


def _records(harmful: int, benign: int) -> list[Record]:
    out = []
    for cat in Category:
        for kind, n in ((Kind.HARMFUL, harmful), (Kind.BENIGN, benign)):
            out += [
                Record(
                    id=f"{cat.value}-{kind.value[0]}-{i:03d}",
                    category=cat,
                    kind=kind,
                    prompt=f"{cat.value} {kind.value} {i}",
                    demonstration="asks: x\nharm: y\ndecision: z\n####\nok",
                    source="test",
                    split="train",
                )
                for i in range(n)
            ]
    return out


def _benign_share(sampler: BalancedSampler, steps: int) -> float:
    drawn = [r for step in range(1, steps + 1) for r in sampler.batch(step)]
    return sum(r.kind == Kind.BENIGN for r in drawn) / len(drawn)


def test_benign_repeats_sets_the_benign_share():
    records = _records(harmful=8, benign=2)  # 2 of 10 per category
    # one epoch of every category's pool: 7 · 10 slots (repeats 1) and 7 · 16 slots (repeats 4)
    assert _benign_share(BalancedSampler(records, prompts_per_step=7, seed=0), 10) == 0.2
    assert _benign_share(BalancedSampler(records, prompts_per_step=7, seed=0, benign_repeats=4), 16) == 0.5


def test_batches_are_a_pure_function_of_seed_and_step():
    records = _records(harmful=8, benign=2)
    a = BalancedSampler(records, prompts_per_step=8, seed=3, benign_repeats=2)
    b = BalancedSampler(records, prompts_per_step=8, seed=3, benign_repeats=2)
    assert [r.id for r in a.batch(5)] == [r.id for r in b.batch(5)]
    assert [r.category for r in a.batch(1)][:7] == list(Category)
