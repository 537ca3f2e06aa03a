"""Everyday prompts mixed into the train records (services/trainer/data/mix.py), on hand-made records."""

from __future__ import annotations

from services.trainer.data.mix import SOURCE, mix_benign, ordinary_records
from services.trainer.data.schema import Kind, Record, Split
from shared.categories import Category


def _rec(id_: str, cat: Category, kind: Kind, split: Split = Split.TRAIN) -> Record:
    return Record(id=id_, category=cat, kind=kind, prompt=f"p {id_}", demonstration="d", source="t", split=split)


def test_ordinary_records_are_benign_train_records_with_the_answer_as_demonstration_round_robin():
    answers = [(f"q{i}", f"a{i}", i % 2 == 0) for i in range(9)]
    recs = ordinary_records(answers)
    assert [r.id for r in recs[:2]] == ["ordinary-0000", "ordinary-0001"]
    assert [r.category.value for r in recs] == [
        "violence", "cybercrime", "crime", "hate", "self_harm", "misinformation", "privacy", "violence", "cybercrime"
    ]  # fmt: skip
    assert all(r.kind == Kind.BENIGN and r.split == Split.TRAIN and r.source == SOURCE for r in recs)
    assert [(r.prompt, r.demonstration) for r in recs] == [(q, a) for q, a, _ in answers]


def test_mix_interleaves_extra_into_each_categorys_train_benign_records_and_keeps_the_rest():
    c, d = Category.CRIME, Category.HATE
    h1, b1, b2 = _rec("h1", c, Kind.HARMFUL), _rec("b1", c, Kind.BENIGN), _rec("b2", c, Kind.BENIGN)
    val_b = _rec("vb", c, Kind.BENIGN, Split.VAL)
    hb = _rec("hb", d, Kind.BENIGN)
    e1, e2, e3 = (_rec(f"e{i}", c, Kind.BENIGN) for i in (1, 2, 3))
    f1 = _rec("f1", d, Kind.BENIGN)
    out = mix_benign([b1, h1, val_b, b2, hb], [e1, f1, e2, e3])
    # crime comes before hate in the category order; the val record and the harmful one keep their places
    assert [r.id for r in out] == ["h1", "vb", "b1", "e1", "b2", "e2", "e3", "hb", "f1"]
