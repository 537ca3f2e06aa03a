"""Stratified train/val/test assignment that never puts near-duplicates in different splits.

Each (category, kind) stratum is split on its own with :func:`split_sizes` (80/10/10 of 100 is 80/10/10, of 30 is
24/3/3). With embeddings, records are first grouped into near-duplicate clusters (connected components of the
"cosine >= threshold" graph) and a cluster is assigned whole, so no pair across splits reaches the threshold; a
cluster that spans strata goes to train. Without embeddings every record is its own cluster.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import numpy as np

from services.trainer.data.dedup import DEFAULT_THRESHOLD, near_duplicate_pairs
from services.trainer.data.schema import DataError, Kind, Record, Split
from shared.categories import Category

DEFAULT_FRACTIONS: dict[Split, float] = {Split.TRAIN: 0.8, Split.VAL: 0.1, Split.TEST: 0.1}


def check_fractions(fractions: Mapping[Split, float]) -> dict[Split, float]:
    """Return the fractions for all three splits if each is in [0, 1] and they sum to 1.

    Raises:
        DataError: naming the values otherwise.
    """
    full = {split: float(fractions.get(split, 0.0)) for split in Split}
    if any(not 0.0 <= f <= 1.0 for f in full.values()) or abs(sum(full.values()) - 1.0) > 1e-6:
        shown = ", ".join(f"{s}={f:g}" for s, f in full.items())
        raise DataError(f"split fractions must each be in [0, 1] and sum to 1, got {shown}")
    return full


def split_sizes(n: int, fractions: Mapping[Split, float] = DEFAULT_FRACTIONS) -> dict[Split, int]:
    """How many of ``n`` records go to each split: val and test rounded half up, train takes the rest.

    >>> split_sizes(30)
    {<Split.TRAIN: 'train'>: 24, <Split.VAL: 'val'>: 3, <Split.TEST: 'test'>: 3}
    """
    full = check_fractions(fractions)
    val = int(n * full[Split.VAL] + 0.5)
    test = min(int(n * full[Split.TEST] + 0.5), n - val)
    return {Split.TRAIN: n - val - test, Split.VAL: val, Split.TEST: test}


def duplicate_clusters(n: int, pairs: Sequence[tuple[int, int, float]]) -> list[int]:
    """Union-find over near-duplicate pairs: the cluster root of each of ``n`` indices."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return [find(i) for i in range(n)]


def assign_splits(
    records: Sequence[Record],
    *,
    seed: int = 0,
    fractions: Mapping[Split, float] = DEFAULT_FRACTIONS,
    embeddings: np.ndarray | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Record]:
    """Assign every record a split, stratified by (category, kind); any existing split is replaced.

    Args:
        records: the dataset (deduplicated first, ideally: clusters that must stay together skew the sizes).
        seed: shuffling seed; the same seed and input give the same assignment.
        fractions: share of each split; must sum to 1.
        embeddings: ``(len(records), dim)`` prompt embeddings; when given, near-duplicates stay in one split.
        threshold: cosine at or above which two prompts count as near-duplicates.

    Returns:
        Copies of the records, in input order, with ``split`` set.
    """
    full = check_fractions(fractions)
    n = len(records)
    pairs = near_duplicate_pairs(embeddings, threshold) if embeddings is not None and n else []
    if embeddings is not None and len(embeddings) != n:
        raise ValueError(f"{n} records but {len(embeddings)} embeddings")
    roots = duplicate_clusters(n, pairs)
    clusters: dict[int, list[int]] = {}
    for index, root in enumerate(roots):
        clusters.setdefault(root, []).append(index)

    assigned: dict[int, Split] = {}
    strata: dict[tuple[Category, Kind], list[list[int]]] = {}
    for members in clusters.values():
        cells = {(records[i].category, records[i].kind) for i in members}
        if len(cells) > 1:
            assigned.update(dict.fromkeys(members, Split.TRAIN))
        else:
            strata.setdefault(cells.pop(), []).append(members)

    for cell in sorted(strata, key=lambda c: (c[0], c[1])):
        units = strata[cell]
        random.Random(f"{seed}:{cell[0]}:{cell[1]}").shuffle(units)
        units.sort(key=len)  # stable: singletons first, in shuffled order, so quotas fill exactly
        quota = split_sizes(sum(len(u) for u in units), full)
        for unit in units:
            split = next(
                (s for s in (Split.TEST, Split.VAL) if 0 < len(unit) <= quota[s]),
                Split.TRAIN,
            )
            quota[split] -= len(unit)
            assigned.update(dict.fromkeys(unit, split))
    return [record.model_copy(update={"split": assigned[i]}) for i, record in enumerate(records)]
