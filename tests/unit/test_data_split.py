"""Stratified splitting: exact sizes per (category, kind), near-duplicate clusters never straddle splits."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from services.trainer.data import DataError, Kind, Record, Split
from services.trainer.data.dedup import cross_split_duplicates
from services.trainer.data.split import assign_splits, duplicate_clusters, split_sizes
from shared.categories import Category


def make(n_per_cell: dict[tuple[Category, Kind], int]) -> list[Record]:
    return [
        Record(id=f"{c}-{k}-{i}", category=c, kind=k, prompt=f"{c} {k} {i}", source="t")
        for (c, k), n in n_per_cell.items()
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(100, (80, 10, 10)), (30, (24, 3, 3)), (7, (5, 1, 1)), (3, (3, 0, 0)), (1, (1, 0, 0)), (0, (0, 0, 0))],
)
def test_split_sizes_round_half_up_and_train_takes_the_rest(n, expected):
    sizes = split_sizes(n)
    assert (sizes[Split.TRAIN], sizes[Split.VAL], sizes[Split.TEST]) == expected


def test_split_sizes_rejects_fractions_not_summing_to_one():
    with pytest.raises(DataError, match="sum to 1"):
        split_sizes(10, {Split.TRAIN: 0.8, Split.VAL: 0.3, Split.TEST: 0.1})


def test_assign_splits_is_stratified_and_reproducible():
    records = make(
        {
            (Category.HATE, Kind.HARMFUL): 100,
            (Category.HATE, Kind.BENIGN): 30,
            (Category.CRIME, Kind.HARMFUL): 100,
            (Category.CRIME, Kind.BENIGN): 30,
        }
    )
    result = assign_splits(records, seed=3)
    counts = Counter((r.category, r.kind, r.split) for r in result)
    for category in (Category.HATE, Category.CRIME):
        assert [counts[(category, Kind.HARMFUL, s)] for s in Split] == [80, 10, 10]
        assert [counts[(category, Kind.BENIGN, s)] for s in Split] == [24, 3, 3]
    assert [r.id for r in result] == [r.id for r in records]
    assert [r.split for r in result] == [r.split for r in assign_splits(records, seed=3)]
    assert [r.split for r in result] != [r.split for r in assign_splits(records, seed=4)]


def test_duplicate_clusters_are_connected_components():
    assert duplicate_clusters(5, [(0, 1, 0.99), (1, 3, 0.97)]) == [0, 0, 2, 0, 4]


def test_near_duplicates_share_a_split():
    records = make({(Category.PRIVACY, Kind.HARMFUL): 20})
    rng = np.random.default_rng(1)
    emb = rng.normal(size=(20, 32))
    emb[1] = emb[0] + 0.01  # a cluster of three: 0 ~ 1 ~ 2
    emb[2] = emb[1] + 0.01
    for seed in range(10):
        result = assign_splits(records, seed=seed, embeddings=emb, threshold=0.95)
        assert result[0].split == result[1].split == result[2].split
        assert cross_split_duplicates(result, emb, threshold=0.95) == []
        assert Counter(r.split for r in result) == {Split.TRAIN: 16, Split.VAL: 2, Split.TEST: 2}


def test_a_cluster_spanning_strata_goes_to_train():
    records = make({(Category.HATE, Kind.HARMFUL): 10, (Category.CRIME, Kind.HARMFUL): 10})
    emb = np.eye(20)
    emb[10] = emb[0]  # hate-0 and crime-0 are the same prompt
    for seed in range(5):
        result = assign_splits(records, seed=seed, embeddings=emb, threshold=0.95)
        assert result[0].split is Split.TRAIN
        assert result[10].split is Split.TRAIN
