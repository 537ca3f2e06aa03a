"""Near-duplicate removal with hand-made unit vectors, so every cosine is known on paper."""

from __future__ import annotations

import math

import numpy as np
import pytest

from services.trainer.data import DataError, Kind, Record, Split
from services.trainer.data import dedup as dedup_module
from services.trainer.data.dedup import cross_split_duplicates, dedup_records, near_duplicate_pairs
from shared.categories import Category


def rec(rid: str, split: Split | None = None) -> Record:
    return Record(id=rid, category=Category.HATE, kind=Kind.HARMFUL, prompt=f"p {rid}", source="t", split=split)


def angle(deg: float) -> list[float]:
    """A unit vector in the plane at ``deg`` degrees; two of them have cosine cos(difference)."""
    return [math.cos(math.radians(deg)), math.sin(math.radians(deg)), 0.0]


# cos(10°) = 0.985, cos(20°) = 0.940, cos(90°) = 0
EMB = np.array([angle(0), angle(10), angle(90), angle(20), [0.0, 0.0, 5.0]])


def test_pairs_above_threshold_only():
    pairs = near_duplicate_pairs(EMB, threshold=0.95)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1), (1, 3)]
    assert pairs[0][2] == pytest.approx(math.cos(math.radians(10)), abs=1e-6)


def test_threshold_is_inclusive_and_checked():
    exact = np.array([[1.0, 0.0], [0.6, 0.8]])  # cosine 0.6 exactly
    assert len(near_duplicate_pairs(exact, threshold=0.6)) == 1
    assert near_duplicate_pairs(exact, threshold=0.61) == []
    with pytest.raises(DataError, match="threshold"):
        near_duplicate_pairs(exact, threshold=1.5)


def test_dedup_keeps_the_earlier_record_and_reports_the_pair():
    records = [rec(f"r{i}") for i in range(5)]
    result = dedup_records(records, EMB, threshold=0.95)
    # r1 ~ r0 (0.985) goes; r3 is 0.985 from r1 but r1 is gone, and only 0.940 from r0: it stays.
    assert [r.id for r in result.records] == ["r0", "r2", "r3", "r4"]
    assert [(d.removed.id, d.kept.id) for d in result.removed] == [("r1", "r0")]
    assert result.removed[0].cosine == pytest.approx(0.985, abs=1e-3)


def test_dedup_prefers_train_over_val_over_test_regardless_of_order():
    records = [rec("t1", Split.TEST), rec("v1", Split.VAL), rec("tr1", Split.TRAIN)]
    emb = np.array([angle(0), angle(1), angle(2)])
    result = dedup_records(records, emb, threshold=0.95)
    assert [r.id for r in result.records] == ["tr1"]
    assert {(d.removed.id, d.kept.id) for d in result.removed} == {("v1", "tr1"), ("t1", "tr1")}


def test_dedup_output_has_no_pair_at_threshold(monkeypatch):
    monkeypatch.setattr(dedup_module, "_BLOCK", 3)  # exercise the across-block and within-block paths
    rng = np.random.default_rng(0)
    base = rng.normal(size=(6, 16))
    emb = np.concatenate([base, base + rng.normal(scale=0.05, size=base.shape), rng.normal(size=(4, 16))])
    records = [rec(f"r{i}") for i in range(len(emb))]
    result = dedup_records(records, emb, threshold=0.95)
    kept = [int(r.id[1:]) for r in result.records]
    assert near_duplicate_pairs(emb[kept], threshold=0.95) == []
    assert len(result.records) + len(result.removed) == len(records)
    assert {d.removed.id for d in result.removed} == {f"r{i}" for i in range(6, 12)}


def test_cross_split_duplicates_ignores_same_split_pairs():
    records = [rec("a", Split.TRAIN), rec("b", Split.TRAIN), rec("c", Split.TEST)]
    emb = np.array([angle(0), angle(1), angle(2)])
    found = cross_split_duplicates(records, emb, threshold=0.95)
    assert {(a.id, b.id) for a, b, _ in found} == {("a", "c"), ("b", "c")}


def test_shape_mismatch_is_an_error():
    with pytest.raises(ValueError, match="2 records but 5 embeddings"):
        dedup_records([rec("a"), rec("b")], EMB)
