"""PNG plots people look at: training curves of a run, before/after bars with intervals of an evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

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


@dataclass
class Series:
    """One bar per group: ``values`` with asymmetric intervals [lows, highs]; ``markers`` (optional) drawn as ◆ on
    the bars, e.g. the sampled rate beside the greedy one. NaN or None: no bar."""

    label: str
    values: Sequence[float | None]
    lows: Sequence[float | None]
    highs: Sequence[float | None]
    markers: Sequence[float | None] | None = None


@dataclass
class Panel:
    title: str
    groups: Sequence[str]
    series: Sequence[Series]
    marker_label: str = ""


def _num(x: float | None) -> float:
    return float("nan") if x is None else float(x)


def plot_panels(panels: Sequence[Panel], out: Path, *, columns: int = 2) -> Path:
    """One PNG of bar panels on a 0–1 scale, each bar with its 95 % interval as an error bar (before/after: two
    series side by side)."""
    rows = (len(panels) + columns - 1) // columns
    width = max(max(len(p.groups) for p in panels) * 0.9, 5.5)
    fig, axes = plt.subplots(rows, columns, figsize=(width * columns, 3.6 * rows), squeeze=False)
    for ax, panel in zip(axes.flat, panels, strict=False):
        k = len(panel.series)
        bar_w = 0.8 / max(k, 1)
        xs = np.arange(len(panel.groups))
        for j, s in enumerate(panel.series):
            pos = xs - 0.4 + bar_w * (j + 0.5)
            vals = np.array([_num(v) for v in s.values])
            err = np.array(
                [
                    [max(0.0, v - _num(lo)) for v, lo in zip(vals, s.lows, strict=True)],
                    [max(0.0, _num(hi) - v) for v, hi in zip(vals, s.highs, strict=True)],
                ]
            )
            ax.bar(
                pos, np.nan_to_num(vals), width=bar_w, label=s.label, yerr=np.nan_to_num(err), capsize=3, ecolor="0.3"
            )
            if s.markers is not None:
                marks = np.array([_num(m) for m in s.markers])
                ax.plot(pos, marks, "D", color="black", ms=4, label=panel.marker_label if j == 0 else None)
        ax.set_xticks(xs, list(panel.groups), rotation=25, ha="right", fontsize=8)
        ax.set_xlim(-0.6, max(len(panel.groups), 3) - 0.4)  # one or two groups: bars of normal width
        ax.set_ylim(0, 1.05)
        ax.set_title(panel.title, fontsize=10)
        ax.grid(axis="y", alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(panels) :]:
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
