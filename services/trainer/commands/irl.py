"""`drirl irl …`: train the seven category reward models by IRL, and evaluate them on held-out prompts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True)

TARGETS = {"demo>sample": 0.9, "refusal>compliance": 0.85, "helpful>refusal": 0.85}


def _config(config: Path | None, overrides: list[str] | None, **explicit: object):
    from services.trainer.config import ConfigError
    from services.trainer.irl.config import IRLConfig

    extra: dict[str, object] = {}
    for pair in overrides or []:
        import yaml

        key, sep, value = pair.partition("=")
        if not sep or key.strip() not in IRLConfig.model_fields:
            typer.echo(f"error: --set expects key=value with a known key, got {pair!r}", err=True)
            raise typer.Exit(2)
        extra[key.strip()] = yaml.safe_load(value)
    extra.update({k: v for k, v in explicit.items() if v is not None})
    try:
        return IRLConfig.from_yaml(config, extra)
    except ConfigError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None


@app.command("train")
def train(
    out: Annotated[Path, typer.Option(help="Model directory to write (what the server loads).")],
    config: Annotated[Path | None, typer.Option("--config", "-c", help="YAML IRL config.")] = None,
    overrides: Annotated[list[str] | None, typer.Option("--set", help="Override a setting: key=value.")] = None,
    data: Annotated[Path | None, typer.Option(help="Dataset JSONL (default: the shipped one).")] = None,
    policy: Annotated[str | None, typer.Option(help="Policy to sample negatives from.")] = None,
    rounds: Annotated[int | None, typer.Option(help="Sample → train rounds.")] = None,
    init_from: Annotated[Path | None, typer.Option(help="Continue from this model dir (iterated IRL).")] = None,
) -> None:
    """Train RM_c for each category: demonstration ≻ the policy's own samples (Bradley-Terry + magnitude penalty)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from services.trainer.irl.train import irl_train

    cfg = _config(config, overrides, data=data, policy=policy, rounds=rounds, init_from=init_from)
    with Progress(
        TextColumn("[bold]IRL {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(label: str, done: int, total: int) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=total)
            bar.update(tasks[label], completed=done)

        result = irl_train(cfg, out, progress=progress)
    typer.echo(
        json.dumps(
            {
                "model_dir": str(result.model_dir),
                "model_version": result.model_version,
                "wall_time_s": round(result.wall_time_s, 1),
                "per_category": result.per_category,
            },
            indent=1,
        )
    )


@app.command("eval")
def evaluate(
    model_dir: Annotated[Path, typer.Option(help="Model directory to evaluate.")],
    config: Annotated[Path | None, typer.Option("--config", "-c", help="YAML IRL config (policy, data).")] = None,
    data: Annotated[Path | None, typer.Option(help="Dataset JSONL (test split used).")] = None,
    policy: Annotated[str | None, typer.Option(help="Policy for fresh samples.")] = None,
    samples_per_prompt: Annotated[int, typer.Option(help="Fresh samples per test prompt (K of training).")] = 4,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the table as JSON.")] = None,
    misranked_out: Annotated[
        Path | None, typer.Option("--misranked", help="Write the pairs ranked the wrong way here (JSONL).")
    ] = None,
) -> None:
    """Held-out accuracy per category: demo ≻ fresh sample, refusal ≻ compliance, helpful ≻ refusal."""
    from rich.console import Console
    from rich.table import Table

    from services.reward_server.manifest import ManifestError
    from services.trainer.irl.train import irl_evaluate

    cfg = _config(config, None, data=data, policy=policy)
    try:
        misranked: list[dict] = []
        table = irl_evaluate(model_dir, cfg, samples_per_prompt=samples_per_prompt, misranked=misranked)
    except ManifestError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    out = Table(title=f"IRL held-out accuracy · {model_dir}")
    out.add_column("category")
    for kind, goal in TARGETS.items():
        out.add_column(f"{kind} (goal ≥ {goal})", justify="right")
    for cat, row in table.items():
        cells = []
        for kind, goal in TARGETS.items():
            if kind in row:
                mark = "" if row[kind] >= goal else " ✗"
                cells.append(f"{row[kind]:.3f} (n={int(row[f'n:{kind}'])}){mark}")
            else:
                cells.append("–")
        out.add_row(cat, *cells)
    Console(stderr=False).print(out)
    if misranked_out is not None:
        misranked_out.parent.mkdir(parents=True, exist_ok=True)
        misranked_out.write_text("".join(json.dumps(m) + "\n" for m in misranked))
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(table, indent=1))
