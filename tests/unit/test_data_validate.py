"""Validation names the record, the field and what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from services.trainer.data import Kind, Record, Split
from services.trainer.data.validate import (
    balance_problems,
    cross_split_problems,
    validate_file,
    validate_records,
)
from shared.categories import Category

DEMO = "asks: x\nharm: y\ndecision: refuse\n####\nNo."


def balanced(n_harmful: int = 2, n_benign: int = 1, split: Split | None = Split.TRAIN) -> list[Record]:
    out = []
    for cat in Category:
        for kind, n in ((Kind.HARMFUL, n_harmful), (Kind.BENIGN, n_benign)):
            out += [
                Record(
                    id=f"{cat}-{kind.value[0]}-{i}",
                    category=cat,
                    kind=kind,
                    prompt=f"{cat} {kind} {i}",
                    demonstration=DEMO,
                    source="t",
                    split=split,
                )
                for i in range(n)
            ]
    return out


def test_a_balanced_valid_dataset_has_no_problems():
    assert validate_records(balanced(), require_demos=True) == []


def test_schema_problems_name_line_id_and_field(tmp_path: Path):
    good = balanced()[0].model_dump(mode="json")
    path = tmp_path / "d.jsonl"
    lines = [
        json.dumps(good),
        json.dumps(good | {"id": "bad-1", "category": "terror", "kind": "evil"}),
        "{oops",
        json.dumps({k: v for k, v in good.items() if k != "prompt"} | {"id": "bad-2", "extra": 1}),
    ]
    path.write_text("\n".join(lines) + "\n")
    records, problems = validate_file(path)
    assert len(records) == 1
    shown = [str(p) for p in problems]
    assert any(s.startswith("bad-1 (line 2): category:") and "'terror'" in s for s in shown)
    assert any(s.startswith("bad-1 (line 2): kind:") for s in shown)
    assert any(s.startswith("line 3: line: invalid JSON") for s in shown)
    assert any(s.startswith("bad-2 (line 4): prompt: Field required") for s in shown)
    assert any(s.startswith("bad-2 (line 4): extra:") for s in shown)


def test_cod_format_duplicates_and_splits_are_checked():
    recs = balanced()
    recs[0] = recs[0].model_copy(update={"demonstration": "just an answer, no drafts"})
    recs[1] = recs[1].model_copy(update={"demonstration": "a b c d e f g\n####\nok"})
    recs[2] = recs[2].model_copy(update={"demonstration": ""})
    recs[3] = recs[3].model_copy(update={"id": recs[4].id, "prompt": "  " + recs[5].prompt.upper()})
    recs[6] = recs[6].model_copy(update={"split": None})
    problems = validate_records(recs, require_demos=True, check_balance=False)
    by_where = {(p.where, p.field): p.message for p in problems}
    assert "separator" in by_where[(recs[0].id, "demonstration")]
    assert "7 words (max 5)" in by_where[(recs[1].id, "demonstration")]
    assert "empty" in by_where[(recs[2].id, "demonstration")]
    assert by_where[(recs[4].id, "id")] == "appears 2 times"
    assert by_where[(recs[5].id, "prompt")] == f"same text as {recs[3].id}"
    assert "not assigned" in by_where[(recs[6].id, "split")]
    assert len(problems) == 7  # the duplicated id is reported on both records


def test_empty_demos_pass_unless_required():
    recs = [r.model_copy(update={"demonstration": ""}) for r in balanced()]
    assert validate_records(recs) == []
    assert len(validate_records(recs, require_demos=True)) == len(recs)


def test_balance_problems_name_the_counts_per_kind_and_split():
    recs = balanced()
    del recs[0]  # violence loses a harmful train record
    problems = balance_problems(recs)
    assert [p.message.split(":")[0] for p in problems] == [
        "harmful counts differ across categories (all splits)",
        "harmful counts differ across categories (split train)",
    ]
    assert "violence=1, cybercrime=2" in problems[0].message
    assert balance_problems(balanced(split=None)) == []
    assert len(balance_problems([r for r in balanced(split=None) if r.category != Category.HATE])) == 2


def test_cross_split_problems_with_known_vectors():
    recs = balanced(n_harmful=1, n_benign=0)[:3]
    recs = [recs[0], recs[1].model_copy(update={"split": Split.TEST}), recs[2].model_copy(update={"split": Split.VAL})]
    emb = np.array([[1.0, 0.0], [0.99, 0.141], [0.0, 1.0]])  # cos(0, 1) = 0.99
    problems = cross_split_problems(recs, emb, threshold=0.95)
    assert len(problems) == 1
    assert problems[0].where == recs[1].id
    assert f"near-duplicate of {recs[0].id}" in problems[0].message
    assert "train/test" in problems[0].message
