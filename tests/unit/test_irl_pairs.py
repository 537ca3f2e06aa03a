"""IRL pair construction on a hand-made set of records."""

from __future__ import annotations

import pytest

from services.trainer.data.schema import Record
from services.trainer.eval.refusal import is_refusal
from services.trainer.irl.pairs import build_agreement_pairs, build_eval_pairs, build_training_pairs
from shared.categories import Category

REFUSALS = ("I can't help with that.", "I won't do that.")


def _rec(id_: str, cat: str, kind: str) -> Record:
    return Record(
        id=id_,
        category=cat,
        kind=kind,
        prompt=f"prompt {id_}",
        demonstration=f"asks: x\n####\ndemo {id_}",
        source="t",
        split="train",
    )


def test_training_pairs_by_kind():
    recs = [_rec("h", "crime", "harmful"), _rec("b", "crime", "benign")]
    samples = {"h": ["Sure, here's how.", "I can't help with that."], "b": ["Use kill -9.", "I won't do that."]}
    pairs = build_training_pairs(
        recs,
        samples,
        refusals=REFUSALS,
        is_refusal=is_refusal,
        refusals_per_benign=2,
        refusals_per_harmful=2,
        shared_prompts=1,
        seed=0,
    )
    kinds = [(p.category, p.kind) for p in pairs]
    assert kinds.count((Category.CRIME, "demo>sample")) == 4
    refusal_pairs = [p for p in pairs if p.kind == "refusal>sample"]
    assert len(refusal_pairs) == 2  # two refusals, each above the one compliant harmful sample
    assert all(p.rejected == "Sure, here's how." and p.chosen in REFUSALS for p in refusal_pairs)
    assert kinds.count((Category.CRIME, "demo>refusal")) == 2
    sample_pairs = [p for p in pairs if p.kind == "sample>refusal"]
    # a refusing sample never beats a refusal; the helpful one beats both refusals the demonstration beats
    assert [p.chosen for p in sample_pairs] == ["Use kill -9.", "Use kill -9."]
    demo_refusals = {p.rejected for p in pairs if p.kind == "demo>refusal"}
    assert {p.rejected for p in sample_pairs} == demo_refusals and len(demo_refusals) == 2
    shared = [p for p in pairs if p.kind == "shared:demo>refusal"]
    assert {p.category for p in shared} == set(Category) - {Category.CRIME} and len(shared) == 6
    assert all(p.chosen == "demo b" for p in shared)
    shared_harmful = [p for p in pairs if p.kind == "shared:refusal>sample"]
    assert {p.category for p in shared_harmful} == set(Category) - {Category.CRIME} and len(shared_harmful) == 6
    assert all(p.rejected == "Sure, here's how." and p.chosen in REFUSALS for p in shared_harmful)


def test_training_pairs_are_deterministic_for_a_seed():
    recs = [_rec("b", "hate", "benign")]
    samples = {"b": ["fine answer"]}
    a = build_training_pairs(recs, samples, refusals=REFUSALS, is_refusal=is_refusal, seed=1)
    b = build_training_pairs(recs, samples, refusals=REFUSALS, is_refusal=is_refusal, seed=1)
    assert a == b


def test_eval_pairs_use_every_refusal_for_benign_prompts():
    recs = [_rec("h", "crime", "harmful"), _rec("b", "crime", "benign")]
    samples = {"h": ["Sure.", "I can't help with that."], "b": ["ok"]}
    pairs = build_eval_pairs(recs, samples, refusals=REFUSALS, is_refusal=is_refusal)
    kinds = [p.kind for p in pairs]
    assert kinds.count("demo>sample") == 3
    assert kinds.count("refusal>compliance") == 1
    assert kinds.count("helpful>refusal") == len(REFUSALS)


def test_own_refusals_rank_above_own_compliance_on_harmful_and_below_help_on_benign():
    recs = [_rec("h", "crime", "harmful"), _rec("b", "crime", "benign")]
    samples = {
        "h": ["Sure, here's how.", "I can't help with that, it hurts people.", "Step one: pick the lock."],
        "b": ["Use kill -9.", "I won't do that."],
    }
    kw = dict(refusals=REFUSALS, is_refusal=is_refusal, refusals_per_harmful=0, shared_prompts=0, seed=0)
    pairs = build_training_pairs(recs, samples, **kw)
    assert not any(p.kind == "refusal>sample" for p in pairs)
    own = [(p.chosen, p.rejected) for p in pairs if p.kind == "own_refusal>sample"]
    refusal = "I can't help with that, it hurts people."
    assert sorted(own) == sorted([(refusal, "Sure, here's how."), (refusal, "Step one: pick the lock.")])
    assert [(p.chosen, p.rejected) for p in pairs if p.kind == "sample>own_refusal"] == [
        ("Use kill -9.", "I won't do that.")
    ]
    # the demonstration still beats every sample, refusals included
    assert sum(p.kind == "demo>sample" for p in pairs) == 5
    without = build_training_pairs(recs, samples, **kw, own_refusal_pairs=False)
    assert not any(p.kind in ("own_refusal>sample", "sample>own_refusal") for p in without)
    assert len(without) == len(pairs) - 3


def test_tail_refusal_pairs_rank_an_answer_above_the_same_answer_then_a_refusal_on_benign_prompts_only():
    recs = [_rec("h", "crime", "harmful"), _rec("b", "crime", "benign")]
    samples = {"h": ["Sure, here's how."], "b": ["Use kill -9.", "I won't do that."]}
    kw = dict(refusals=REFUSALS, is_refusal=is_refusal, shared_prompts=0, seed=0)
    off = build_training_pairs(recs, samples, **kw)
    on = build_training_pairs(recs, samples, **kw, tail_refusal_pairs=True)
    assert not any(p.kind == "answer>answer+refusal" for p in off)
    assert on[: len(off)] == off  # the new pairs come after the others: a run without them is unchanged
    tail = [(p.chosen, p.rejected) for p in on if p.kind == "answer>answer+refusal"]
    # the demonstration and the one helpful sample, never the refusing sample, never the harmful prompt
    assert [c for c, _ in tail] == ["demo b", "Use kill -9."]
    for chosen, rejected in tail:
        head, _, appended = rejected.partition(f"{chosen} ")
        assert head == "" and appended in REFUSALS
    assert all(p.prompt == "prompt b" for p in on if p.kind == "answer>answer+refusal")
    assert len(on) == len(off) + 2


def test_each_refusal_of_a_harmful_prompt_beats_every_compliant_sample():
    recs = [_rec("h", "crime", "harmful")]
    samples = {"h": ["Sure, here's how.", "Step one: pick the lock.", "I can't help with that."]}
    pairs = build_training_pairs(
        recs, samples, refusals=REFUSALS, is_refusal=is_refusal, refusals_per_harmful=2, shared_prompts=0, seed=3
    )
    refusal_pairs = [(p.chosen, p.rejected) for p in pairs if p.kind == "refusal>sample"]
    chosen = list(dict.fromkeys(c for c, _ in refusal_pairs))
    assert len(refusal_pairs) == 4 and len(chosen) == 2
    for c in chosen:  # two distinct refusals, each paired with both compliant samples, never with the refusing one
        assert {r for cc, r in refusal_pairs if cc == c} == {"Sure, here's how.", "Step one: pick the lock."}


def test_batches_keep_each_prompts_pairs_together_and_use_every_pair_once():
    import random

    from services.trainer.irl.pairs import Pair
    from services.trainer.irl.train import _batches

    sizes = {"a": 5, "b": 12, "c": 1, "d": 7, "e": 3}
    pairs = [Pair(Category.HATE, x, f"y{i}", f"z{i}", "demo>sample") for x, n in sizes.items() for i in range(n)]
    batches = _batches(pairs, 8, random.Random(0))
    flat = [p for b in batches for p in b]
    assert len(flat) == len(pairs) and set(flat) == set(pairs)
    where = {}
    for i, b in enumerate(batches):
        for p in b:
            assert where.setdefault(p.prompt, i) == i  # a prompt never straddles two batches
    assert all(len(b) >= 8 for b in batches[:-1])
    assert _batches(pairs, 8, random.Random(0)) == batches  # deterministic for a seed


def test_pair_batches_hold_batch_size_pairs_across_prompts():
    import random

    from services.trainer.irl.pairs import Pair
    from services.trainer.irl.train import _batches

    sizes = {"a": 5, "b": 12, "c": 1, "d": 7, "e": 3}  # 28 pairs
    pairs = [Pair(Category.HATE, x, f"y{i}", f"z{i}", "demo>sample") for x, n in sizes.items() for i in range(n)]
    batches = _batches(pairs, 8, random.Random(0), by="pair")
    assert [len(b) for b in batches] == [8, 8, 8, 4]  # the remainder last, as TRL's sampler ends an epoch
    flat = [p for b in batches for p in b]
    assert len(flat) == len(pairs) and set(flat) == set(pairs)
    assert flat != pairs  # shuffled
    assert max(len({p.prompt for p in b}) for b in batches) >= 3  # whole prompts would give one or two
    assert _batches(pairs, 8, random.Random(0), by="pair") == batches
    with pytest.raises(ValueError, match="batch_by must be 'prompt' or 'pair', got 'text'"):
        _batches(pairs, 8, random.Random(0), by="text")


def test_shared_prompts_take_n_of_each_kind_from_every_other_category():
    recs = [_rec(f"{c.value}-{k}{i}", c.value, k) for c in Category for k in ("harmful", "benign") for i in range(5)]
    samples = {r.id: ["Sure, here's how."] for r in recs}
    pairs = build_training_pairs(recs, samples, refusals=REFUSALS, is_refusal=is_refusal, shared_prompts=3, seed=0)
    own_prompts = {c: {r.prompt for r in recs if r.category == c} for c in Category}
    for target in Category:
        shared = [p for p in pairs if p.category == target and p.kind.startswith("shared:")]
        assert not {p.prompt for p in shared} & own_prompts[target]  # only other categories' prompts
        for source in set(Category) - {target}:
            from_source = [p for p in shared if p.prompt in own_prompts[source]]
            assert sum(p.kind == "shared:refusal>sample" for p in from_source) == 3
            assert sum(p.kind == "shared:demo>refusal" for p in from_source) == 3


def test_agreement_pairs_put_the_demo_against_each_refusal_and_each_two_refusals_against_each_other():
    refusals = ("No.", "I won't.", "Can't.")
    pairs = build_agreement_pairs([_rec("h", "crime", "harmful")], refusals)
    sides = [(p.chosen, p.rejected) for p in pairs]
    assert sides == [
        ("demo h", "No."),
        ("demo h", "I won't."),
        ("demo h", "Can't."),
        ("No.", "I won't."),
        ("No.", "Can't."),
        ("I won't.", "Can't."),
    ]  # 3 + 3 choose 2; the demonstration reduced to its final part
    assert {(p.category, p.prompt, p.kind) for p in pairs} == {(Category.CRIME, "prompt h", "agreement")}
