"""`drirl demo`: the README's main command (see services/trainer/demo.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from services.trainer.commands.common import (
    ConfigOpt,
    PrintConfigOpt,
    fail,
    grpo_bar,
    grpo_errors,
    help_of,
    load_settings,
)
from services.trainer.commands.common import print_config as print_config_yaml
from services.trainer.demo import DemoConfig

app = typer.Typer()


@app.callback(invoke_without_command=True)
def demo(
    config: ConfigOpt = None,
    overrides: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Override a demo setting (see --print-config) or any GRPO-S setting (drirl train grpo "
            "--print-config): key=value, the value read as YAML (repeat).",
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option(help=help_of(DemoConfig, "out"))] = None,
    minutes: Annotated[float | None, typer.Option(help=help_of(DemoConfig, "grpo_minutes"))] = None,
    rounds: Annotated[int | None, typer.Option(help=help_of(DemoConfig, "rounds"))] = None,
    sft_epochs: Annotated[float | None, typer.Option(help=help_of(DemoConfig, "sft_epochs"))] = None,
    irl_prompts: Annotated[int | None, typer.Option(help=help_of(DemoConfig, "irl_prompts_per_category"))] = None,
    eval_per_category: Annotated[int | None, typer.Option(help=help_of(DemoConfig, "eval_per_category"))] = None,
    eval_samples: Annotated[int | None, typer.Option(help=help_of(DemoConfig, "eval_samples"))] = None,
    engine: Annotated[Literal["auto", "vllm", "hf"] | None, typer.Option(help=help_of(DemoConfig, "engine"))] = None,
    print_config: PrintConfigOpt = False,
) -> None:
    """SFT warm start, 7 reward models by IRL, evaluate the base policy, GRPO-S, evaluate again: before/after."""
    from services.trainer.config import ConfigError, GRPOSConfig, parse_overrides
    from services.trainer.demo import run_demo

    demo_pairs, grpo_pairs = [], []
    for pair in overrides or []:
        key = pair.partition("=")[0].strip()
        (demo_pairs if key in DemoConfig.model_fields else grpo_pairs).append(pair)
    try:
        grpo = parse_overrides(grpo_pairs, GRPOSConfig, "drirl demo")
    except ConfigError as e:
        raise fail(f"{e} (or a demo setting: `drirl demo --print-config`)") from None
    cfg = load_settings(
        DemoConfig,
        config,
        demo_pairs,
        "drirl demo",
        out=out,
        grpo_minutes=minutes,
        rounds=rounds,
        sft_epochs=sft_epochs,
        irl_prompts_per_category=irl_prompts,
        eval_per_category=eval_per_category,
        eval_samples=eval_samples,
        engine=engine,
    )
    cfg = cfg.model_copy(update={"grpo_overrides": {**cfg.grpo_overrides, **grpo}})
    if print_config:
        print_config_yaml(cfg, "drirl demo settings (DemoConfig); grpo_overrides: any drirl train grpo setting")
    with grpo_errors(), grpo_bar() as bar:
        try:
            run_demo(cfg, say=lambda s: typer.echo(s, err=True), grpo_progress=bar)
        except ConfigError as e:  # a stage's setting its model cannot take (lora_layers, freeze_layers)
            raise fail(str(e)) from None
