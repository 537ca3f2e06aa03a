"""PNG plots people look at: training curves of a run, before/after bars of an evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from services.trainer.runlog import read_metrics

CURVES = (
    ("reward/raw_mean", "raw reward (mean)"),
    ("weight/mean", "difficulty weight w (mean)"),
    ("kl", "KL to reference"),
    ("eval/harmful_compliance", "val harmful compliance (greedy)"),
    ("eval/harmful_compliance_sampled", "val harmful compliance (sampled)"),
    ("eval/benign_refusal", "val benign refusal"),
    ("completion/mean_length", "completion length (tokens)"),
)


def _smooth(values: Sequence[float], k: int) -> list[float]:
    out, acc = [], []
    for v in values:
        acc.append(v)
        acc = acc[-k:]
        out.append(sum(acc) / len(acc))
    return out


def plot_run(run_dir: Path, out: Path | None = None) -> Path | None:
    """``curves.png`` in the run dir: the CURVES panels against the step; None when nothing was logged."""
    rows = read_metrics(run_dir)
    if not rows:
        return None
    panels = [(key, title) for key, title in CURVES if any(key in r for r in rows)]
    fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 3.2), squeeze=False)
    for ax, (key, title) in zip(axes[0], panels, strict=True):
        pts = [(r["step"], r[key]) for r in rows if key in r and r[key] == r[key]]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        ax.plot(xs, ys, marker="o" if len(xs) < 30 else None, lw=1, alpha=0.5 if len(xs) >= 10 else 1)
        if len(xs) >= 10:
            ax.plot(xs, _smooth(ys, max(3, len(xs) // 10)), lw=2)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("step")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    out = out or Path(run_dir) / "curves.png"
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def plot_before_after(per_category: dict[str, tuple[float, float]], title: str, out: Path) -> Path:
    """Grouped bars: per category, the metric before (left) and after (right) training."""
    cats = list(per_category)
    before = [per_category[c][0] for c in cats]
    after = [per_category[c][1] for c in cats]
    xs = range(len(cats))
    fig, ax = plt.subplots(figsize=(max(6, 1.1 * len(cats)), 3.4))
    ax.bar([x - 0.2 for x in xs], before, width=0.4, label="before")
    ax.bar([x + 0.2 for x in xs], after, width=0.4, label="after")
    ax.set_xticks(list(xs), cats, rotation=20, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_title(title, fontsize=10)
    ax.legend()
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
