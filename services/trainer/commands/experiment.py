"""`drirl experiment …`: comparisons run under one budget and one seed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True)


@app.command("ablation")
def ablation(
    model_dir: Annotated[Path, typer.Option(help="Trained reward models (drirl irl train).")],
    out: Annotated[Path, typer.Option(help="Where runs and ablation.md go.")] = Path("var/ablation"),
    steps: Annotated[int, typer.Option(help="GRPO steps per arm.")] = 20,
    arms: Annotated[str, typer.Option(help="Comma-separated scaling modes.")] = "none,data,model,both",
    seed: Annotated[int, typer.Option(help="Seed shared by every arm.")] = 0,
    engine: Annotated[str, typer.Option(help="auto | vllm | hf.")] = "auto",
    eval_per_category: Annotated[int | None, typer.Option(help="Test prompts per category and kind.")] = None,
    overrides: Annotated[list[str] | None, typer.Option("--set", help="GRPO-S setting key=value (repeat).")] = None,
) -> None:
    """Plain GRPO vs GRPO-S (scaling none / data / model / both): reward curves and final compliance in one report."""
    from services.trainer.config import ConfigError, parse_overrides
    from services.trainer.experiment import ARMS, run_ablation

    chosen = tuple(a.strip() for a in arms.split(",") if a.strip())
    bad = [a for a in chosen if a not in ARMS]
    if bad or not chosen:
        typer.echo(f"error: unknown arms {bad}; choose from {', '.join(ARMS)}", err=True)
        raise typer.Exit(2)
    try:
        extra = parse_overrides(overrides or [])
    except ConfigError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    path = run_ablation(
        out=out,
        model_dir=model_dir,
        steps=steps,
        arms=chosen,
        seed=seed,
        engine=engine,
        overrides=extra,
        eval_per_category=eval_per_category,
        say=lambda s: typer.echo(s, err=True),
    )
    typer.echo(f"report: {path}")
