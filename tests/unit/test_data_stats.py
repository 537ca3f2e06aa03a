"""Statistics: counts, diversity (checked on paper) and lengths; the PNG plot."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from services.trainer.data import Kind, Record, Split
from services.trainer.data.stats import compute_stats, mean_pairwise_cosine, plot_stats
from shared.categories import Category


def test_mean_pairwise_cosine_by_hand():
    # pairs: (a,b)=0, (a,c)=1, (b,c)=0 -> mean 1/3; scale must not matter
    assert mean_pairwise_cosine(np.array([[2.0, 0.0], [0.0, 1.0], [1.0, 0.0]])) == pytest.approx(1 / 3)
    assert mean_pairwise_cosine(np.array([[1.0, 0.0], [-1.0, 0.0]])) == pytest.approx(-1.0)
    assert mean_pairwise_cosine(np.ones((5, 3))) == pytest.approx(1.0)
    assert mean_pairwise_cosine(np.ones((1, 3))) is None


def records() -> list[Record]:
    demo = "asks: x\nharm: y\ndecision: z\n####\none two three"  # 10 words, 8+8+12+5+13 = 46 chars; response 3 words
    out = []
    for i, split in enumerate([Split.TRAIN, Split.TRAIN, Split.VAL, None]):
        out.append(
            Record(
                id=f"h{i}",
                category=Category.HATE,
                kind=Kind.HARMFUL,
                prompt=f"p{i}",
                source="t",
                demonstration=demo,
                split=split,
            )
        )
    out.append(Record(id="b0", category=Category.HATE, kind=Kind.BENIGN, prompt="q", source="t", split=Split.TEST))
    out.append(Record(id="c0", category=Category.CRIME, kind=Kind.HARMFUL, prompt="r", source="t", split=Split.TEST))
    return out


def test_compute_stats_counts_lengths_and_diversity():
    recs = records()
    emb = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    stats = compute_stats(recs, emb)
    assert stats.total == 6
    cells = {(c.category, c.kind): c for c in stats.cells}
    assert set(cells) == {(Category.HATE, Kind.HARMFUL), (Category.HATE, Kind.BENIGN), (Category.CRIME, Kind.HARMFUL)}
    hate_h = cells[(Category.HATE, Kind.HARMFUL)]
    assert hate_h.counts == {"train": 2, "val": 1, "test": 0, "unsplit": 1}
    assert (hate_h.demo_words, hate_h.demo_chars, hate_h.response_words) == (10.0, 46.0, 3.0)
    assert hate_h.diversity == pytest.approx(1 / 3)  # 4 vectors, 2 equal pairs of 6
    assert cells[(Category.HATE, Kind.BENIGN)].diversity is None  # one prompt
    assert cells[(Category.HATE, Kind.BENIGN)].demo_words == 0.0
    # hate: 5 vectors [e1,e1,e2,e2,e1] -> equal pairs: 3 (e1) + 1 (e2) = 4 of 10
    assert stats.category_diversity[Category.HATE] == pytest.approx(0.4)
    assert stats.category_diversity[Category.CRIME] is None
    assert Category.VIOLENCE not in stats.category_diversity
    assert [(c["category"], c["kind"]) for c in stats.to_dict()["cells"]] == [  # Category order, JSON strings
        ("crime", "harmful"),
        ("hate", "harmful"),
        ("hate", "benign"),
    ]


def test_compute_stats_without_embeddings_has_no_diversity():
    stats = compute_stats(records())
    assert stats.overall_diversity is None
    assert all(c.diversity is None for c in stats.cells)


def test_plot_writes_a_png(tmp_path: Path):
    recs = records()
    path = plot_stats(compute_stats(recs, np.eye(len(recs))), tmp_path / "plots" / "stats.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 10_000
