"""`drirl train grpo`: GRPO-S against a reward server (remote with --server, else started in this process);
`drirl train sft`: the warm start on the demonstrations (services/trainer/sft.py)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from services.trainer.commands import common
from services.trainer.commands.common import ConfigOpt, JsonOpt, PrintConfigOpt, SetOpt, help_of
from services.trainer.config import Engine, GRPOSConfig, PolicyModelSettings

app = typer.Typer(no_args_is_help=True)
log = logging.getLogger(__name__)


def _grpo_human(summary: dict[str, Any]) -> str:
    last = "  ".join(f"{k} {v:.4g}" for k, v in summary["last"].items())
    return f"trained {summary['steps']} steps; final policy: {summary['final_policy']}" + (
        f"\nlast step: {last}" if last else ""
    )


@app.command("grpo")
def grpo(
    config: ConfigOpt = None,
    overrides: SetOpt = None,
    server: Annotated[str | None, typer.Option(help=help_of(GRPOSConfig, "server_url"))] = None,
    model_dir: Annotated[Path | None, typer.Option(help=help_of(GRPOSConfig, "model_dir"))] = None,
    run_dir: Annotated[Path | None, typer.Option(help=help_of(GRPOSConfig, "run_dir"))] = None,
    max_steps: Annotated[int | None, typer.Option(help=help_of(GRPOSConfig, "max_steps"))] = None,
    scaling: Annotated[
        Literal["none", "data", "model", "both"] | None, typer.Option(help=help_of(GRPOSConfig, "scaling"))
    ] = None,
    loss: Annotated[
        Literal["grpo", "dr_grpo"] | None, typer.Option("--loss", help=help_of(GRPOSConfig, "loss_type"))
    ] = None,
    engine: Annotated[Engine | None, typer.Option(help=help_of(GRPOSConfig, "engine"))] = None,
    resume: Annotated[bool, typer.Option(help="Continue from the run dir's latest checkpoint.")] = False,
    print_config: PrintConfigOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Train the policy with GRPO-S: vLLM (or HF) rollouts, scaled rewards from the server, exact resume."""
    cfg = common.load_settings(
        GRPOSConfig,
        config,
        overrides,
        "drirl train grpo",
        server_url=server,
        model_dir=model_dir,
        run_dir=run_dir,
        max_steps=max_steps,
        scaling=scaling,
        loss_type=loss,
        engine=engine,
    )
    if print_config:
        common.print_config(cfg, "drirl train grpo settings (GRPOSConfig)")
    from services.trainer.grpo.run import run_grpo

    with common.results_only_on_stdout() as write:
        with common.grpo_errors(), common.grpo_bar() as bar:
            summary = run_grpo(cfg, resume=resume, progress=bar)
        common.emit(write, summary, as_json, _grpo_human)


def _sft_human(summary: dict[str, Any]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in summary.items())


@app.command("sft")
def sft(
    config: ConfigOpt = None,
    overrides: SetOpt = None,
    policy: Annotated[str | None, typer.Option(help=help_of(PolicyModelSettings, "policy"))] = None,
    out: Annotated[Path | None, typer.Option(help="Folder of the merged policy (default: var/runs/sft/final).")] = None,
    epochs: Annotated[float | None, typer.Option(help="Passes over the demonstrations (fractions allowed).")] = None,
    print_config: PrintConfigOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Warm start: fine-tune the policy on the demonstrations (LoRA, merged); the output feeds IRL and GRPO-S."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from services.trainer.config import ConfigError
    from services.trainer.policy.resolve import PolicyError
    from services.trainer.sft import SFTConfig, run_sft

    cfg = common.load_settings(SFTConfig, config, overrides, "drirl train sft", policy=policy, out=out, epochs=epochs)
    if print_config:
        common.print_config(cfg, "drirl train sft settings (SFTConfig)")
    columns = (TextColumn("[bold]SFT"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with common.results_only_on_stdout() as write:
        with Progress(*columns, TextColumn("{task.fields[live]}"), console=Console(stderr=True)) as bar:
            task = bar.add_task("sft", total=None, live="")

            def on_step(step: int, total: int, loss: float) -> None:
                bar.update(task, total=total, completed=step, live=f"loss {loss:.3f}")

            try:
                summary = run_sft(cfg, progress=on_step)
            except (ConfigError, PolicyError) as e:
                raise common.fail(str(e)) from None
        common.emit(write, summary, as_json, _sft_human)
