"""`drirl demo`: the README's main command (see services/trainer/demo.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()


@app.callback(invoke_without_command=True)
def demo(
    out: Annotated[Path, typer.Option(help="Where models, runs and the report go.")] = Path("var/demo"),
    minutes: Annotated[float, typer.Option(help="Time box of GRPO-S (per round).")] = 10.0,
    rounds: Annotated[int, typer.Option(help="IRL → GRPO-S rounds (iterated IRL).")] = 1,
    sft_epochs: Annotated[float, typer.Option(help="SFT warm start on the demonstrations first (0: none).")] = 1.0,
    irl_prompts: Annotated[int, typer.Option(help="Train prompts per category for IRL.")] = 40,
    eval_per_category: Annotated[
        int | None, typer.Option(help="Test prompts per category and kind, usefulness tasks per type.")
    ] = None,
    eval_samples: Annotated[int, typer.Option(help="Sampled answers per test prompt at T = 1 (0: greedy only).")] = 2,
    engine: Annotated[str, typer.Option(help="auto | vllm | hf.")] = "auto",
    overrides: Annotated[list[str] | None, typer.Option("--set", help="GRPO-S setting key=value (repeat).")] = None,
) -> None:
    """SFT warm start, 7 reward models by IRL, evaluate the base policy, GRPO-S, evaluate again: before/after."""
    from services.trainer.config import ConfigError, parse_overrides
    from services.trainer.demo import DemoConfig, run_demo

    if engine not in ("auto", "vllm", "hf"):
        typer.echo(f"error: --engine must be one of auto, vllm, hf (got {engine!r})", err=True)
        raise typer.Exit(2)
    try:
        grpo = parse_overrides(overrides or [])
    except ConfigError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    cfg = DemoConfig(
        out=out,
        grpo_minutes=minutes,
        rounds=rounds,
        sft_epochs=sft_epochs,
        irl_prompts_per_category=irl_prompts,
        eval_per_category=eval_per_category,
        eval_samples=eval_samples,
        engine=engine,
        grpo_overrides=grpo,
    )
    run_demo(cfg, say=lambda s: typer.echo(s, err=True))
