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
) -> Path:
    from services.trainer.commands.train import run_grpo
    from services.trainer.config import GRPOSConfig
    from services.trainer.embedded_server import EmbeddedServer
    from services.trainer.eval.evaluate import evaluate_policy
    from services.trainer.eval.report import rates_table

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
            summary = run_grpo(cfg)
            runs[arm] = out / arm
            report = evaluate_policy(
                summary["final_policy"],
                data=cfg.data,
                model_dir=model_dir,
                engine=engine,
                limit_per_category=eval_per_category,
                calibration_policy=cfg.policy,
            )
            finals[arm] = report.to_json()["rates"]
    plot = plot_arms(runs, out / "reward_vs_step.png")
    md = [
        "# Ablation: plain GRPO vs GRPO-S",
        "",
        f"Same policy, seed {seed}, {steps} steps per arm, reward models `{model_dir}`; only `scaling` differs.",
        "",
        f"![reward vs step]({plot.name})",
        "",
        "| arm | final raw reward (last 5 steps) | harmful compliance "
        "(detector) | harmful compliance (RM) | over-refusal (detector) | over-refusal (RM) |",
        "|---|---|---|---|---|---|",
    ]
    for arm in runs:
        rows = [r["reward/raw_mean"] for r in read_metrics(runs[arm]) if "reward/raw_mean" in r][-5:]
        a = finals[arm]["all"]
        md.append(
            f"| {arm} | {sum(rows) / len(rows):+.3f} | {a.get('harmful_compliance_detector', float('nan')):.2f} "
            f"| {a.get('harmful_compliance_rm', float('nan')):.2f} | {a.get('benign_refusal_detector', 0):.2f} "
            f"| {a.get('benign_refusal_rm', float('nan')):.2f} |"
        )
    md += ["", "Per category, by arm:", ""]
    for arm in runs:
        md += [f"### scaling={arm}", "", rates_table(finals[arm]), ""]
    path = out / "ablation.md"
    path.write_text("\n".join(md) + "\n")
    (out / "ablation.json").write_text(json.dumps(finals, indent=1))
    return path
