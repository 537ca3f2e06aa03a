"""Balancing: every (category, kind) cell ends up the same size per kind, reproducibly."""

from __future__ import annotations

import pytest

from services.trainer.data import DataError, Kind, Record
from services.trainer.data.balance import balance_records, count_cells
from shared.categories import Category


def make(counts: dict[tuple[Category, Kind], int]) -> list[Record]:
    return [
        Record(id=f"{cat}-{kind}-{i}", category=cat, kind=kind, prompt=f"prompt {cat} {kind} {i}", source="t")
        for (cat, kind), n in counts.items()
        for i in range(n)
    ]


H, B = Kind.HARMFUL, Kind.BENIGN
V, C, P = Category.VIOLENCE, Category.CRIME, Category.PRIVACY
RECORDS = make({(V, H): 5, (C, H): 3, (P, H): 8, (V, B): 2, (C, B): 4, (P, B): 3})


def test_down_samples_each_kind_to_its_smallest_cell():
    result = balance_records(RECORDS, seed=1)
    assert result.targets == {H: 3, B: 2}
    assert result.after == {(V, H): 3, (C, H): 3, (P, H): 3, (V, B): 2, (C, B): 2, (P, B): 2}
    assert result.before == count_cells(RECORDS)
    assert {r.id for r in result.records} <= {r.id for r in RECORDS}
    positions = [RECORDS.index(r) for r in result.records]
    assert positions == sorted(positions)  # input order kept


def test_same_seed_same_sample_and_other_seed_differs():
    first = [r.id for r in balance_records(RECORDS, seed=7).records]
    assert first == [r.id for r in balance_records(RECORDS, seed=7).records]
    assert any(first != [r.id for r in balance_records(RECORDS, seed=s).records] for s in range(8, 14))


def test_up_samples_to_the_largest_cell_with_unique_copy_ids():
    result = balance_records(RECORDS, seed=0, mode="up")
    assert result.targets == {H: 8, B: 4}
    assert set(result.after.values()) == {8, 4}
    ids = [r.id for r in result.records]
    assert len(ids) == len(set(ids)) == 3 * 8 + 3 * 4
    copies = [r for r in result.records if "#up" in r.id]
    assert len(copies) == (8 - 5) + (8 - 3) + (4 - 2) + (4 - 3)
    originals = {r.id: r for r in RECORDS}
    assert all(c.prompt == originals[c.id.split("#")[0]].prompt for c in copies)


def test_explicit_targets_override_the_mode():
    result = balance_records(RECORDS, seed=0, targets={H: 2, B: 1})
    assert set(result.after.values()) == {2, 1}
    assert len(result.records) == 3 * 2 + 3 * 1


def test_down_mode_refuses_a_target_larger_than_a_cell():
    with pytest.raises(DataError, match=r"crime=3.*--mode up"):
        balance_records(RECORDS, targets={H: 4})


def test_absent_categories_stay_absent_and_empty_input_is_fine():
    result = balance_records(make({(V, H): 4, (C, H): 2}), seed=0)
    assert result.after == {(V, H): 2, (C, H): 2}
    assert balance_records([], seed=0).records == []


def test_unknown_mode_is_refused():
    with pytest.raises(DataError, match="unknown balance mode"):
        balance_records(RECORDS, mode="sideways")  # type: ignore[arg-type]
