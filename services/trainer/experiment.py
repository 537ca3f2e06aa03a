"""`drirl experiment ablation`: the paper's ablations at equal budget, over several seeds.

Arms (each a GRPO-S setting on the same policy, data order, step budget and reward server; only the scaler differs):

- ``none``: plain GRPO (α = 1);
- ``data``: α^D only; ``model``: α^M only;
- ``both``: GRPO-S, the paper's product α^D·α^M;
- ``both-sum``: both factors, the additive per-group weight (the paper's "weighted sum" ablation);
- ``shared-rm``: GRPO-S (product) against *one* reward model trained on every category's pairs
  (``drirl irl train --set shared_model=true``) instead of the seven category models.

Every (arm, seed) run is evaluated like ``drirl eval``: the eval judge on the test split (greedy and ``samples``
answers at T = 1) and the usefulness tasks. The report gives mean ± sd over seeds per arm (:func:`summarize`, pure),
a plot of raw reward against step (mean over seeds, ±sd band) and one of the final figures.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from services.trainer.grpo.run import Progress
from services.trainer.runlog import read_metrics

#: arm name → the GRPO-S settings it changes
ARMS: dict[str, dict[str, Any]] = {
    "none": {"scaling": "none"},
    "data": {"scaling": "data"},
    "model": {"scaling": "model"},
    "both": {"scaling": "both", "scaling_combine": "product"},
    "both-sum": {"scaling": "both", "scaling_combine": "sum"},
    "shared-rm": {"scaling": "both", "scaling_combine": "product"},
}
DEFAULT_ARMS = ("none", "data", "model", "both", "both-sum")
#: the figures of the table: (name, where it is in an eval report: "metric:judge" or "usefulness")
FIGURES: tuple[tuple[str, str], ...] = (
    ("harmful compliance (sampled)", "harmful_compliance:sampled"),
    ("harmful compliance (greedy)", "harmful_compliance:greedy"),
    ("over-refusal (sampled)", "over_refusal:sampled"),
    ("over-refusal (greedy)", "over_refusal:greedy"),
    ("usefulness accuracy", "usefulness"),
)


def figures_of(report: dict[str, Any]) -> dict[str, float | None]:
    """The table's figures of one eval report (``EvalResult.to_json()``): test split, all categories."""
    from services.trainer.eval.metrics import ALL, find_row

    out: dict[str, float | None] = {}
    for name, where in FIGURES:
        if where == "usefulness":
            u = report.get("usefulness")
            out[name] = u["accuracy"]["value"] if u else None
            continue
        metric, judge = where.split(":")
        row = find_row(report["metrics"], "test", ALL, metric)
        cell = row.get(judge) if row else None
        out[name] = cell["value"] if cell else None
    return out


def mean_sd(values: Sequence[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (n − 1; 0 for a single value)."""
    n = len(values)
    if n == 0:
        raise ValueError("mean_sd of no values")
    m = sum(values) / n
    sd = math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    return m, sd


def summarize(per_run: dict[str, dict[int, dict[str, float | None]]]) -> dict[str, dict[str, dict[str, float]]]:
    """arm → seed → figures  ⇒  arm → figure → {mean, sd, n} over the seeds that have the figure."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for arm, by_seed in per_run.items():
        out[arm] = {}
        for name, _ in FIGURES:
            vals = [f[name] for f in by_seed.values() if f.get(name) is not None]
            if vals:
                m, sd = mean_sd(vals)  # type: ignore[arg-type]
                out[arm][name] = {"mean": m, "sd": sd, "n": len(vals)}
    return out


def _curve(run_dir: Path, key: str) -> dict[int, float]:
    return {r["step"]: r[key] for r in read_metrics(run_dir) if key in r}


def plot_arms(runs: dict[str, dict[int, Path]], out: Path, key: str = "reward/raw_mean") -> Path:
    """Raw reward against step per arm: mean over seeds, ±sd band, lightly smoothed."""
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    for arm, by_seed in runs.items():
        curves = [_curve(d, key) for d in by_seed.values()]
        steps = sorted(set.intersection(*(set(c) for c in curves))) if curves else []
        if not steps:
            continue
        stats = [mean_sd([c[s] for c in curves]) for s in steps]
        k = max(1, len(steps) // 8)

        def smooth(ys: list[float], k: int = k) -> list[float]:
            return [sum(ys[max(0, i - k + 1) : i + 1]) / len(ys[max(0, i - k + 1) : i + 1]) for i in range(len(ys))]

        m = smooth([s[0] for s in stats])
        sd = smooth([s[1] for s in stats])
        label = f"{arm}" + (" (plain GRPO)" if arm == "none" else "") + f", {len(curves)} seed(s)"
        (line,) = ax.plot(steps, m, label=label, lw=2)
        low = [a - b for a, b in zip(m, sd, strict=True)]
        high = [a + b for a, b in zip(m, sd, strict=True)]
        ax.fill_between(steps, low, high, color=line.get_color(), alpha=0.15)
    ax.set_xlabel("step")
    ax.set_ylabel(f"{key} (moving mean)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def plot_finals(summary: dict[str, dict[str, dict[str, float]]], out: Path) -> Path:
    """The final figures per arm, mean ± sd over seeds, one group of bars per figure."""
    names = [n for n, _ in FIGURES if n.endswith("(sampled)") or n == "usefulness accuracy"]
    arms = list(summary)
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    width = 0.8 / max(1, len(arms))
    for i, arm in enumerate(arms):
        xs = [j + i * width for j in range(len(names))]
        ms = [summary[arm].get(n, {}).get("mean", float("nan")) for n in names]
        sds = [summary[arm].get(n, {}).get("sd", 0.0) for n in names]
        ax.bar(xs, ms, width, yerr=sds, capsize=3, label=arm)
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(names))], names, fontsize=8)
    ax.set_ylim(0, 1)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def ablation_markdown(
    summary: dict[str, dict[str, dict[str, float]]],
    *,
    steps: int,
    seeds: Sequence[int],
    model_dir: Path,
    shared_model_dir: Path | None,
    plots: Sequence[Path],
) -> str:
    md = [
        "# Ablation: plain GRPO vs GRPO-S",
        "",
        f"Same policy and data order, {steps} steps per run, seeds {', '.join(map(str, seeds))}; reward models "
        f"`{model_dir}`" + (f" (shared-rm: `{shared_model_dir}`)" if shared_model_dir else "") + "; only the scaler "
        "differs. Test split, eval judge; mean ± sd over seeds.",
        "",
        *[f"![{p.stem}]({p.name})" for p in plots],
        "",
        "| arm | " + " | ".join(n for n, _ in FIGURES) + " |",
        "|---|" + "---|" * len(FIGURES),
    ]
    for arm, figs in summary.items():
        cells = [f"{figs[n]['mean']:.3f} ± {figs[n]['sd']:.3f}" if n in figs else "–" for n, _ in FIGURES]
        md.append(f"| {arm} | " + " | ".join(cells) + " |")
    return "\n".join(md) + "\n"


def run_ablation(
    *,
    out: Path,
    model_dir: Path,
    steps: int,
    arms: Sequence[str] = DEFAULT_ARMS,
    seeds: Sequence[int] = (0, 1, 2),
    shared_model_dir: Path | None = None,
    engine: str = "auto",
    overrides: dict[str, Any] | None = None,
    eval_per_category: int | None = None,
    eval_samples: int = 2,
    eval_usefulness: bool = True,
    say: Callable[[str], None] = print,
    grpo_progress: Progress | None = None,
) -> Path:
    from services.reward_server.embedded import EmbeddedServer
    from services.trainer.config import GRPOSConfig
    from services.trainer.eval.evaluate import EvalConfig, evaluate_policy
    from services.trainer.eval.usefulness import DEFAULT_USEFULNESS
    from services.trainer.grpo.run import run_grpo

    unknown = [a for a in arms if a not in ARMS]
    if unknown:
        raise ValueError(f"unknown arms {unknown}; choose from {', '.join(ARMS)}")
    if "shared-rm" in arms and shared_model_dir is None:
        raise ValueError("the shared-rm arm needs shared_model_dir (drirl irl train --set shared_model=true)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    runs: dict[str, dict[int, Path]] = {a: {} for a in arms}
    per_run: dict[str, dict[int, dict[str, float | None]]] = {a: {} for a in arms}
    with contextlib.ExitStack() as stack:
        urls = {"seven": stack.enter_context(EmbeddedServer(model_dir)).url}
        if shared_model_dir is not None and "shared-rm" in arms:
            urls["shared"] = stack.enter_context(EmbeddedServer(shared_model_dir)).url
        for seed in seeds:
            for arm in arms:
                run_dir = out / arm / f"seed{seed}"
                say(f"arm {arm}, seed {seed}: {steps} steps")
                cfg = GRPOSConfig.model_validate(
                    {
                        "model_dir": model_dir,
                        "server_url": urls["shared" if arm == "shared-rm" else "seven"],
                        "max_steps": steps,
                        "seed": seed,
                        "engine": engine,
                        "run_dir": run_dir,
                        "save_steps": steps,
                        "eval_steps": 0,
                        **(overrides or {}),
                        **ARMS[arm],
                    }
                )
                summary = run_grpo(cfg, progress=grpo_progress)
                runs[arm][seed] = run_dir
                result = evaluate_policy(
                    EvalConfig(
                        policy=summary["final_policy"],
                        base_policy=cfg.policy,
                        data=cfg.data,
                        engine=engine,  # type: ignore[arg-type]
                        limit=eval_per_category,
                        samples=eval_samples,
                        usefulness=DEFAULT_USEFULNESS if eval_usefulness else None,
                        seed=seed,
                        judge_audit=None,
                    )
                )
                report = result.to_json()
                (run_dir / "eval.json").write_text(json.dumps(report, indent=1))
                per_run[arm][seed] = figures_of(report)
                say(f"      {per_run[arm][seed]}")
    summary_ = summarize(per_run)
    plots = [plot_arms(runs, out / "reward_vs_step.png"), plot_finals(summary_, out / "finals.png")]
    path = out / "ablation.md"
    path.write_text(
        ablation_markdown(
            summary_, steps=steps, seeds=seeds, model_dir=model_dir, shared_model_dir=shared_model_dir, plots=plots
        )
    )
    (out / "ablation.json").write_text(json.dumps({"per_run": per_run, "summary": summary_}, indent=1))
    return path
