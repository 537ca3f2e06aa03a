"""`drirl experiment ablation`: plain GRPO vs GRPO-S (difficulty scaling none / data / model / both).

Every arm starts from the same policy with the same seed, data order and step budget, against the same reward
server; only ``scaling`` differs. The report puts raw reward against step for all arms in one plot and the final
harmful compliance / over-refusal of each arm's policy in one table.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from services.trainer.grpo.run import Progress
from services.trainer.runlog import read_metrics

ARMS = ("none", "data", "model", "both")


def plot_arms(runs: dict[str, Path], out: Path, key: str = "reward/raw_mean") -> Path:
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    for arm, run_dir in runs.items():
        rows = [r for r in read_metrics(run_dir) if key in r]
        xs = [r["step"] for r in rows]
        ys = [r[key] for r in rows]
        k = max(1, len(ys) // 8)
        smooth = [sum(ys[max(0, i - k + 1) : i + 1]) / len(ys[max(0, i - k + 1) : i + 1]) for i in range(len(ys))]
        ax.plot(xs, smooth, label=f"scaling={arm}" + (" (plain GRPO)" if arm == "none" else ""), lw=2)
    ax.set_xlabel("step")
    ax.set_ylabel(f"{key} (moving mean)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def run_ablation(
    *,
    out: Path,
    model_dir: Path,
    steps: int,
    arms: tuple[str, ...] = ARMS,
    seed: int = 0,
    engine: str = "auto",
    overrides: dict[str, Any] | None = None,
    eval_per_category: int | None = None,
    say: Callable[[str], None] = print,
    grpo_progress: Progress | None = None,
) -> Path:
    from services.reward_server.embedded import EmbeddedServer
    from services.trainer.config import GRPOSConfig
    from services.trainer.eval.evaluate import EvalConfig, evaluate_policy
    from services.trainer.eval.metrics import ALL, find_row
    from services.trainer.eval.report import metric_table
    from services.trainer.grpo.run import run_grpo

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    runs: dict[str, Path] = {}
    finals: dict[str, dict[str, Any]] = {}
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(EmbeddedServer(model_dir)).url
        for arm in arms:
            say(f"arm scaling={arm}: {steps} steps")
            cfg = GRPOSConfig.model_validate(
                {
                    "model_dir": model_dir,
                    "server_url": url,
                    "scaling": arm,
                    "max_steps": steps,
                    "seed": seed,
                    "engine": engine,
                    "run_dir": out / arm,
                    "save_steps": steps,
                    "eval_steps": 0,
                    **(overrides or {}),
                }
            )
            summary = run_grpo(cfg, progress=grpo_progress)
            runs[arm] = out / arm
            # greedy answers to the test split only, as before the eval grew samples and usefulness tasks
            report = evaluate_policy(
                EvalConfig(
                    policy=summary["final_policy"],
                    base_policy=cfg.policy,
                    data=cfg.data,
                    model_dir=model_dir,
                    engine=engine,  # type: ignore[arg-type]
                    limit=eval_per_category,
                    samples=0,
                    usefulness=None,
                )
            )
            finals[arm] = report.to_json()
    plot = plot_arms(runs, out / "reward_vs_step.png")
    md = [
        "# Ablation: plain GRPO vs GRPO-S",
        "",
        f"Same policy, seed {seed}, {steps} steps per arm, reward models `{model_dir}`; only `scaling` differs.",
        "",
        f"![reward vs step]({plot.name})",
        "",
        "| arm | final raw reward (last 5 steps) | harmful compliance "
        "(eval judge) | harmful compliance (RM) | over-refusal (eval judge) | over-refusal (RM) |",
        "|---|---|---|---|---|---|",
    ]

    def cell(arm: str, metric: str, judge: str) -> str:
        row = find_row(finals[arm]["metrics"], "test", ALL, metric)
        return f"{row[judge]['value']:.2f}" if row and row[judge] else "–"

    for arm in runs:
        rows = [r["reward/raw_mean"] for r in read_metrics(runs[arm]) if "reward/raw_mean" in r][-5:]
        md.append(
            f"| {arm} | {sum(rows) / len(rows):+.3f} | {cell(arm, 'harmful_compliance', 'greedy')} "
            f"| {cell(arm, 'harmful_compliance', 'rm')} | {cell(arm, 'over_refusal', 'greedy')} "
            f"| {cell(arm, 'over_refusal', 'rm')} |"
        )
    md += ["", "Per category, by arm:", ""]
    for arm in runs:
        md += [f"### scaling={arm}", "", *metric_table(finals[arm], None, "test"), ""]
    path = out / "ablation.md"
    path.write_text("\n".join(md) + "\n")
    (out / "ablation.json").write_text(json.dumps(finals, indent=1))
    return path
