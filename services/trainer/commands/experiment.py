"""`drirl experiment …`: comparisons run under one budget and one seed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from services.trainer.commands.common import fail, grpo_bar, grpo_errors

app = typer.Typer(no_args_is_help=True)


@app.command("ablation")
def ablation(
    model_dir: Annotated[Path, typer.Option(help="Trained reward models (drirl irl train).")],
    out: Annotated[Path, typer.Option(help="Where runs and ablation.md go.")] = Path("var/ablation"),
    steps: Annotated[int, typer.Option(help="GRPO steps per arm.")] = 20,
    arms: Annotated[
        str, typer.Option(help="Comma-separated scaling modes, each one of: none, data, model, both.")
    ] = "none,data,model,both",
    seed: Annotated[int, typer.Option(help="Seed shared by every arm.")] = 0,
    engine: Annotated[Literal["auto", "vllm", "hf"], typer.Option(help="Rollout engine.")] = "auto",
    eval_per_category: Annotated[int | None, typer.Option(help="Test prompts per category and kind.")] = None,
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="GRPO-S settings file (drirl train grpo) for every arm.")
    ] = None,
    overrides: Annotated[
        list[str] | None, typer.Option("--set", help="GRPO-S setting for every arm: key=value (repeat).")
    ] = None,
) -> None:
    """Plain GRPO vs GRPO-S (scaling none / data / model / both): reward curves and final compliance in one report."""
    from services.trainer.config import ConfigError, GRPOSConfig, load_config, parse_overrides
    from services.trainer.experiment import ARMS, run_ablation

    chosen = tuple(a.strip() for a in arms.split(",") if a.strip())
    bad = [a for a in chosen if a not in ARMS]
    if bad or not chosen:
        raise fail(f"unknown arms {bad}; choose from {', '.join(ARMS)}")
    try:
        extra = parse_overrides(overrides or [])
        if config is not None:  # the file's settings under the --set ones; validated once, as a whole
            from_file = load_config(GRPOSConfig, config, extra, "drirl experiment ablation settings")
            extra = {**from_file.model_dump(exclude_unset=True), **extra}
    except ConfigError as e:
        raise fail(str(e)) from None
    with grpo_errors(), grpo_bar() as bar:
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
            grpo_progress=bar,
        )
    typer.echo(f"report: {path}")
