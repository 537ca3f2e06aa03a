"""Dataset statistics: counts per category, kind and split, prompt diversity, demonstration lengths.

Diversity is the mean pairwise cosine similarity of prompt embeddings within a group (off-diagonal pairs only):
lower means more varied prompts. For unit vectors the sum over all pairs is ``|sum v|²``, so it costs O(n·dim).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from services.trainer.data.embeddings import normalize
from services.trainer.data.schema import Kind, Record, Split
from shared.categories import Category
from shared.cod import final_response


@dataclass(frozen=True)
class CellStats:
    """Statistics of one (category, kind) cell."""

    category: Category
    kind: Kind
    counts: dict[str, int]  # per split name, plus "unsplit" when any record has no split
    total: int
    diversity: float | None  # mean within-cell pairwise cosine; None without embeddings or with < 2 prompts
    demo_words: float  # mean words of the whole demonstration (drafts + final response)
    demo_chars: float
    response_words: float  # mean words of the final response alone (what reward models score)


@dataclass(frozen=True)
class DatasetStats:
    """Statistics of a dataset: one :class:`CellStats` per non-empty cell, and per-category diversity."""

    cells: list[CellStats]
    category_diversity: dict[Category, float | None]
    overall_diversity: float | None  # mean pairwise cosine over all prompts: the between-category baseline
    total: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "total": self.total,
            "overall_diversity": self.overall_diversity,
            "category_diversity": {str(c): d for c, d in self.category_diversity.items()},
            "cells": [asdict(cell) | {"category": str(cell.category), "kind": str(cell.kind)} for cell in self.cells],
        }


def mean_pairwise_cosine(embeddings: np.ndarray) -> float | None:
    """Mean cosine over the n·(n-1) ordered off-diagonal pairs; None when n < 2.

    >>> round(mean_pairwise_cosine(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])), 4)  # pairs: 0, 1, 0
    0.3333
    """
    n = len(embeddings)
    if n < 2:
        return None
    matrix = normalize(embeddings).astype(np.float64)
    total = matrix.sum(axis=0)
    return float((total @ total - np.einsum("ij,ij->", matrix, matrix)) / (n * (n - 1)))


def _mean(values: Sequence[int]) -> float:
    return float(sum(values) / len(values)) if values else 0.0


def compute_stats(records: Sequence[Record], embeddings: np.ndarray | None = None) -> DatasetStats:
    """Counts, diversity and lengths per (category, kind) cell and per category.

    Args:
        records: the dataset.
        embeddings: ``(len(records), dim)`` prompt embeddings; without them diversity is None.
    """
    if embeddings is not None and len(embeddings) != len(records):
        raise ValueError(f"{len(records)} records but {len(embeddings)} embeddings")
    has_unsplit = any(r.split is None for r in records)
    cells = []
    for category in Category:
        for kind in Kind:
            idx = [i for i, r in enumerate(records) if r.category == category and r.kind == kind]
            if not idx:
                continue
            group = [records[i] for i in idx]
            counts = {str(s): sum(r.split == s for r in group) for s in Split}
            if has_unsplit:
                counts["unsplit"] = sum(r.split is None for r in group)
            cells.append(
                CellStats(
                    category=category,
                    kind=kind,
                    counts=counts,
                    total=len(group),
                    diversity=None if embeddings is None else mean_pairwise_cosine(embeddings[idx]),
                    demo_words=_mean([len(r.demonstration.split()) for r in group]),
                    demo_chars=_mean([len(r.demonstration) for r in group]),
                    response_words=_mean([len(final_response(r.demonstration).split()) for r in group]),
                )
            )
    category_diversity: dict[Category, float | None] = {}
    for category in Category:
        idx = [i for i, r in enumerate(records) if r.category == category]
        if idx:
            category_diversity[category] = None if embeddings is None else mean_pairwise_cosine(embeddings[idx])
    overall = None if embeddings is None else mean_pairwise_cosine(embeddings)
    return DatasetStats(cells, category_diversity, overall, len(records))


def plot_stats(stats: DatasetStats, path: Path) -> Path:
    """Write a PNG: stacked bars of records per category (harmful/benign by split), and diversity per category.

    Returns:
        The path written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    categories = [c for c in Category if c in stats.category_diversity]
    split_names = list(stats.cells[0].counts) if stats.cells else []
    has_div = any(d is not None for d in stats.category_diversity.values())
    fig, axes = plt.subplots(1, 2 if has_div else 1, figsize=(13 if has_div else 8, 4.5), squeeze=False)
    ax = axes[0][0]
    x = np.arange(len(categories))
    width = 0.4
    colors = {"train": "#4c72b0", "val": "#dd8452", "test": "#55a868", "unsplit": "#8c8c8c"}
    for offset, kind, hatch in ((-width / 2, Kind.HARMFUL, ""), (width / 2, Kind.BENIGN, "//")):
        bottom = np.zeros(len(categories))
        by_cat = {cell.category: cell for cell in stats.cells if cell.kind == kind}
        for name in split_names:
            heights = np.array([by_cat[c].counts.get(name, 0) if c in by_cat else 0 for c in categories])
            label = f"{kind} / {name}"
            ax.bar(
                x + offset,
                heights,
                width,
                bottom=bottom,
                color=colors.get(name),
                hatch=hatch,
                label=label,
                edgecolor="white",
            )
            bottom += heights
    ax.set_xticks(x, [str(c) for c in categories], rotation=30, ha="right")
    ax.set_ylabel("records")
    ax.set_title(f"Records per category ({stats.total} total; hatched = benign)")
    ax.legend(fontsize=7, ncols=2)
    if has_div:
        ax2 = axes[0][1]
        values = [stats.category_diversity[c] or 0.0 for c in categories]
        ax2.bar(x, values, color="#937860")
        if stats.overall_diversity is not None:
            ax2.axhline(stats.overall_diversity, color="black", linestyle="--", label="all prompts")
            ax2.legend(fontsize=8)
        ax2.set_xticks(x, [str(c) for c in categories], rotation=30, ha="right")
        ax2.set_ylabel("mean pairwise cosine (lower = more diverse)")
        ax2.set_title("Prompt similarity within category (MiniLM)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
