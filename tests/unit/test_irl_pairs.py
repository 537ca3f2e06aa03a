"""IRL pair construction on a hand-made set of records."""

from __future__ import annotations

from services.trainer.data.schema import Record
from services.trainer.eval.refusal import is_refusal
from services.trainer.irl.pairs import build_eval_pairs, build_training_pairs
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
        refusal_pairs_per_harmful=1,
        share_benign=True,
        seed=0,
    )
    kinds = [(p.category, p.kind) for p in pairs]
    assert kinds.count((Category.CRIME, "demo>sample")) == 4
    assert kinds.count((Category.CRIME, "refusal>sample")) == 1  # only the compliant harmful sample
    refusal_pair = next(p for p in pairs if p.kind == "refusal>sample")
    assert refusal_pair.rejected == "Sure, here's how." and refusal_pair.chosen in REFUSALS
    assert kinds.count((Category.CRIME, "demo>refusal")) == 2
    sample_pairs = [p for p in pairs if p.kind == "sample>refusal"]
    assert [p.chosen for p in sample_pairs] == ["Use kill -9."]  # a refusing sample never beats a refusal
    shared = [p for p in pairs if p.kind == "shared:demo>refusal"]
    assert {p.category for p in shared} == set(Category) - {Category.CRIME} and len(shared) == 6
    assert all(p.chosen == "demo b" for p in shared)


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
    kw = dict(refusals=REFUSALS, is_refusal=is_refusal, refusal_pairs_per_harmful=0, share_benign=False, seed=0)
    pairs = build_training_pairs(recs, samples, **kw)
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
