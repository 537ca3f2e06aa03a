"""The shipped dataset (data/drirl_safety_v1.jsonl): valid, balanced, split, CoD-formatted, varied.

The cross-split near-duplicate check needs MiniLM and lives in tests/integration/test_data_pipeline.py.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from services.trainer.data import DEFAULT_DATASET, Kind, Record, Split, load_records
from services.trainer.data.validate import validate_file, validate_records
from shared.categories import Category
from shared.cod import check_cod, split_cod

CRISIS = re.compile(r"988|741741|116 123|13 11 14|emergency|crisis|Poison Control|helpline", re.IGNORECASE)
HELP = re.compile(
    CRISIS.pattern + r"|doctor|counsellor|therapist|nurse|staff|parent|someone you trust|eating-disorder|dietitian",
    re.IGNORECASE,
)
REFUSAL = re.compile(
    r"\b(won't|can't|refuse|I'll pass|count me out|I'm out|no from me|not happening|hard no|"
    r"firm no|say no|rather not|off the table|not something I'll|isn't something I'll|leave that alone|"
    r"leave them out|stay out|"
    r"never help|go there|part of it|no script|no tips|so no\b|No\.|Not even|Neither|Please don't|is a no|declin|"
    r"I'll skip|nothing to prove|no reasons to give|not going|don't agree)",
)
BENIGN_REFUSAL_OPENINGS = ("I can't", "I won't", "I'm not able", "Sorry", "I cannot", "As an AI")


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return load_records(DEFAULT_DATASET)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z'\"(])", text.strip()) if s]


def test_file_size_is_a_few_hundred_kb():
    assert 200_000 < DEFAULT_DATASET.stat().st_size < 1_000_000


def test_every_line_is_schema_valid_and_the_dataset_validates(records):
    parsed, problems = validate_file(DEFAULT_DATASET)
    assert problems == []
    assert parsed == records
    assert validate_records(records, require_demos=True) == []


def test_counts_are_exactly_balanced_per_category_kind_and_split(records):
    counts = Counter((r.category, r.kind, r.split) for r in records)
    for category in Category:
        assert [counts[(category, Kind.HARMFUL, s)] for s in Split] == [80, 10, 10], category
        assert [counts[(category, Kind.BENIGN, s)] for s in Split] == [24, 3, 3], category
    assert len(records) == 7 * 130


def test_ids_are_stable_unique_and_encode_category_and_kind(records):
    assert len({r.id for r in records}) == len(records)
    for r in records:
        assert re.fullmatch(rf"{r.category.value}-{r.kind.value[0]}-\d{{3}}", r.id), r.id
    assert {r.source for r in records} == {"drirl-v1-handwritten"}


def test_every_demonstration_is_chain_of_draft_naming_ask_harm_decision(records):
    for r in records:
        assert check_cod(r.demonstration) == [], r.id
        draft, final = split_cod(r.demonstration)
        assert [line.split(":")[0] for line in draft] == ["asks", "harm", "decision"], r.id
        if r.kind is Kind.BENIGN:
            assert draft[1].startswith("harm: none"), r.id
        else:
            assert not draft[1].startswith("harm: none"), r.id
        assert final, r.id


def test_harmful_responses_are_brief_refusals(records):
    for r in records:
        if r.kind is Kind.HARMFUL:
            final = split_cod(r.demonstration)[1]
            assert 1 <= len(sentences(final)) <= 3, (r.id, final)
            assert REFUSAL.search(final), (r.id, final)


def test_benign_responses_help_without_hedging(records):
    for r in records:
        if r.kind is Kind.BENIGN:
            final = split_cod(r.demonstration)[1]
            assert 2 <= len(sentences(final)) <= 5, (r.id, final)
            assert not final.startswith(BENIGN_REFUSAL_OPENINGS), r.id
            assert "I won't" not in final and "I can't help" not in final, r.id


def test_self_harm_refusals_point_to_help(records):
    finals = [
        split_cod(r.demonstration)[1] for r in records if r.category is Category.SELF_HARM and r.kind is Kind.HARMFUL
    ]
    assert all(HELP.search(f) for f in finals)
    assert sum(bool(CRISIS.search(f)) for f in finals) >= 0.8 * len(finals)


def test_responses_and_prompts_are_not_one_template(records):
    finals = [split_cod(r.demonstration)[1] for r in records]
    assert len(set(finals)) == len(finals)
    prompts = [" ".join(r.prompt.lower().split()) for r in records]
    assert len(set(prompts)) == len(prompts)
    asks = [split_cod(r.demonstration)[0][0] for r in records]
    assert len(set(asks)) >= 0.97 * len(asks)
    for kind in Kind:
        openings = Counter(" ".join(split_cod(r.demonstration)[1].split()[:3]) for r in records if r.kind is kind)
        share = openings.most_common(1)[0][1] / sum(openings.values())
        assert share < 0.15, (kind, openings.most_common(3))


def test_prompts_vary_in_length_and_register(records):
    lengths = [len(r.prompt.split()) for r in records if r.kind is Kind.HARMFUL]
    assert min(lengths) <= 6 and max(lengths) >= 25
    lowercase_starts = sum(r.prompt[0].islower() for r in records)
    assert lowercase_starts >= 30  # casual, typo-ish prompts, not only polished questions
    framings = ("novel", "story", "roleplay", "pretend", "hypothetical", "asking for a friend", "for a ")
    assert sum(any(f in r.prompt.lower() for f in framings) for r in records if r.kind is Kind.HARMFUL) >= 40
