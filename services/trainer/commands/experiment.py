"""`drirl experiment …`: comparisons run under one budget, over several seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from services.trainer.commands.common import fail, grpo_bar, grpo_errors

app = typer.Typer(no_args_is_help=True)


@app.command("ablation")
def ablation(
    model_dir: Annotated[Path, typer.Option(help="Trained reward models (drirl irl train).")],
    out: Annotated[Path, typer.Option(help="Where runs, ablation.md and the plots go.")] = Path("var/ablation"),
    steps: Annotated[int, typer.Option(min=1, help="GRPO steps per run (equal budget for every arm).")] = 20,
    arms: Annotated[
        str,
        typer.Option(
            help="Comma-separated arms, each one of: none, data, model, both, both-sum, shared-rm (shared-rm needs "
            "--shared-model-dir)."
        ),
    ] = "none,data,model,both,both-sum",
    seeds: Annotated[str, typer.Option(help="Comma-separated seeds; every arm runs every seed.")] = "0,1,2",
    shared_model_dir: Annotated[
        Path | None,
        typer.Option(help="One reward model for all categories (drirl irl train --set shared_model=true)."),
    ] = None,
    engine: Annotated[Literal["auto", "vllm", "hf"], typer.Option(help="Rollout engine.")] = "auto",
    eval_per_category: Annotated[int | None, typer.Option(help="Test prompts per category and kind.")] = None,
    eval_samples: Annotated[int, typer.Option(min=0, help="Sampled answers (T = 1) per test prompt.")] = 2,
    no_usefulness: Annotated[bool, typer.Option("--no-usefulness", help="Skip the usefulness tasks.")] = False,
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="GRPO-S settings file (drirl train grpo) for every arm.")
    ] = None,
    overrides: Annotated[
        list[str] | None, typer.Option("--set", help="GRPO-S setting for every arm: key=value (repeat).")
    ] = None,
) -> None:
    """The paper's ablations: plain GRPO, α^D, α^M, product, sum, shared reward model; mean ± sd over seeds."""
    from services.trainer.config import ConfigError, GRPOSConfig, load_config, parse_overrides
    from services.trainer.experiment import ARMS, run_ablation

    chosen = tuple(a.strip() for a in arms.split(",") if a.strip())
    bad = [a for a in chosen if a not in ARMS]
    if bad or not chosen:
        raise fail(f"unknown arms {bad}; choose from {', '.join(ARMS)}")
    if "shared-rm" in chosen and shared_model_dir is None:
        raise fail("the shared-rm arm needs --shared-model-dir (drirl irl train --set shared_model=true)")
    try:
        seed_list = tuple(int(s) for s in seeds.split(",") if s.strip())
    except ValueError:
        raise fail(f"--seeds must be comma-separated integers, got {seeds!r}") from None
    if not seed_list:
        raise fail("--seeds names no seed")
    try:
        extra = parse_overrides(overrides or [])
        if config is not None:  # the file's settings under the --set ones; validated once, as a whole
            from_file = load_config(GRPOSConfig, config, extra, "drirl experiment ablation settings")
            extra = {**from_file.model_dump(exclude_unset=True), **extra}
    except ConfigError as e:
        raise fail(str(e)) from None
    with grpo_errors(), grpo_bar() as bar:
        # Every option by name: shaped like rollout.py's LLM(...) call, nothing shared.
        path = run_ablation(
            out=out,
            model_dir=model_dir,
            steps=steps,
            arms=chosen,
            seeds=seed_list,
            shared_model_dir=shared_model_dir,
            engine=engine,
            overrides=extra,
            eval_per_category=eval_per_category,
            eval_samples=eval_samples,
            eval_usefulness=not no_usefulness,
            say=lambda s: typer.echo(s, err=True),
            grpo_progress=bar,
        )
    typer.echo(f"report: {path}")
