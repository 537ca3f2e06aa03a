"""Near-duplicate prompts by embedding cosine: find them, drop them, and check no two splits share one.

Which copy survives: a training record beats a val/test one (a duplicate leaking *into* evaluation is what matters),
and within the same split rank the earlier record beats the later. The greedy pass keeps a record only when it is
below the threshold against every record already kept, so the output has no pair at or above the threshold.
Similarity is computed in blocks, so memory stays O(block x n) rather than O(n²).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from services.trainer.data.embeddings import normalize
from services.trainer.data.schema import DataError, Record, Split

DEFAULT_THRESHOLD = 0.95
_BLOCK = 512
_SPLIT_RANK = {None: 0, Split.TRAIN: 0, Split.VAL: 1, Split.TEST: 2}


@dataclass(frozen=True)
class Duplicate:
    """A removed record, the kept record it duplicates, and their cosine similarity."""

    removed: Record
    kept: Record
    cosine: float


@dataclass(frozen=True)
class DedupResult:
    """The records kept (input order) and the duplicates removed (in the order found)."""

    records: list[Record]
    removed: list[Duplicate]


def check_threshold(threshold: float) -> float:
    """Return ``threshold`` if it is a usable cosine threshold in (0, 1].

    Raises:
        DataError: otherwise.
    """
    if not 0.0 < threshold <= 1.0:
        raise DataError(f"threshold must be in (0, 1], got {threshold}")
    return threshold


def _check_shapes(records: Sequence[Record], embeddings: np.ndarray) -> np.ndarray:
    matrix = normalize(embeddings) if len(records) else np.zeros((0, 1), dtype=np.float32)
    if matrix.shape[0] != len(records):
        raise ValueError(f"{len(records)} records but {matrix.shape[0]} embeddings")
    return matrix


def near_duplicate_pairs(embeddings: np.ndarray, threshold: float = DEFAULT_THRESHOLD) -> list[tuple[int, int, float]]:
    """All index pairs ``(i, j, cosine)`` with ``i < j`` and cosine >= threshold.

    Args:
        embeddings: ``(n, dim)``; rows are normalised here.
        threshold: the cosine at or above which two prompts are near-duplicates.
    """
    check_threshold(threshold)
    matrix = normalize(embeddings)
    pairs: list[tuple[int, int, float]] = []
    for start in range(0, matrix.shape[0], _BLOCK):
        sims = matrix[start : start + _BLOCK] @ matrix.T
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i = start + r
            if i < c:
                pairs.append((i, c, float(sims[r, c])))
    return pairs


def dedup_records(
    records: Sequence[Record], embeddings: np.ndarray, *, threshold: float = DEFAULT_THRESHOLD
) -> DedupResult:
    """Drop near-duplicate prompts, keeping train over val over test, then earlier over later.

    Args:
        records: the dataset; prompts are compared across categories and kinds too.
        embeddings: ``(len(records), dim)`` prompt embeddings, row i for record i.
        threshold: cosine at or above which the lower-priority record is removed.

    Returns:
        Kept records in input order, and one :class:`Duplicate` per removed record.
    """
    check_threshold(threshold)
    matrix = _check_shapes(records, embeddings)
    order = sorted(range(len(records)), key=lambda i: (_SPLIT_RANK[records[i].split], i))
    kept_idx: list[int] = []
    kept_matrix = np.zeros((0, matrix.shape[1]), dtype=np.float32)
    removed: list[Duplicate] = []
    for start in range(0, len(order), _BLOCK):
        block = order[start : start + _BLOCK]
        vectors = matrix[block]
        against_kept = vectors @ kept_matrix.T
        within = vectors @ vectors.T
        block_kept: list[int] = []  # positions in block
        for pos, index in enumerate(block):
            best_sim, best = -1.0, -1
            if against_kept.shape[1]:
                j = int(np.argmax(against_kept[pos]))
                best_sim, best = float(against_kept[pos, j]), kept_idx[j]
            for q in block_kept:
                if within[pos, q] > best_sim:
                    best_sim, best = float(within[pos, q]), block[q]
            if best_sim >= threshold:
                removed.append(Duplicate(records[index], records[best], best_sim))
            else:
                block_kept.append(pos)
        kept_idx.extend(block[q] for q in block_kept)
        kept_matrix = np.concatenate([kept_matrix, vectors[block_kept]])
    keep = set(kept_idx)
    return DedupResult([r for i, r in enumerate(records) if i in keep], removed)


def cross_split_duplicates(
    records: Sequence[Record], embeddings: np.ndarray, *, threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[Record, Record, float]]:
    """Pairs of records in *different* splits whose prompts have cosine >= threshold (should be empty)."""
    matrix = _check_shapes(records, embeddings)
    return [
        (records[i], records[j], cos)
        for i, j, cos in near_duplicate_pairs(matrix, threshold)
        if records[i].split != records[j].split
    ]
