"""`drirl irl …`: train the seven category reward models by IRL, and evaluate them on held-out prompts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from services.trainer.commands import common
from services.trainer.commands.common import ConfigOpt, JsonOpt, PrintConfigOpt, SetOpt, help_of
from services.trainer.irl.config import IRLConfig

app = typer.Typer(no_args_is_help=True)

TARGETS = {"demo>sample": 0.9, "refusal>compliance": 0.85, "helpful>refusal": 0.85}


def _settings(config: Path | None, overrides: list[str] | None, command: str, **explicit: object) -> IRLConfig:
    return common.load_settings(IRLConfig, config, overrides, command, **explicit)


def _train_human(result: dict) -> str:
    accs = ", ".join(f"{c} {v.get('pair_accuracy', float('nan')):.2f}" for c, v in result["per_category"].items())
    return (
        f"wrote {result['model_dir']} ({result['model_version']}) in {result['wall_time_s']} s\npair accuracy: {accs}"
    )


@app.command("train")
def train(
    out: Annotated[Path | None, typer.Option(help="Model directory to write (what the server loads).")] = None,
    config: ConfigOpt = None,
    overrides: SetOpt = None,
    data: Annotated[Path | None, typer.Option(help=help_of(IRLConfig, "data"))] = None,
    policy: Annotated[
        str | None, typer.Option(help=help_of(IRLConfig, "policy", "Its samples are the negatives."))
    ] = None,
    rounds: Annotated[int | None, typer.Option(help=help_of(IRLConfig, "rounds"))] = None,
    init_from: Annotated[Path | None, typer.Option(help=help_of(IRLConfig, "init_from"))] = None,
    print_config: PrintConfigOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Train RM_c for each category: demonstration ≻ the policy's own samples (Bradley-Terry + magnitude penalty)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from services.trainer.config import ConfigError
    from services.trainer.irl.train import irl_train

    command = "drirl irl train"
    cfg = _settings(config, overrides, command, data=data, policy=policy, rounds=rounds, init_from=init_from)
    if print_config:
        common.print_config(cfg, "drirl irl train settings (IRLConfig); the model dir is --out")
    if out is None:
        raise common.fail("--out is required: the model directory to write")
    columns = (TextColumn("[bold]IRL {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with common.results_only_on_stdout() as write:
        with Progress(*columns, console=Console(stderr=True)) as bar:
            tasks: dict[str, int] = {}

            def progress(label: str, done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = bar.add_task(label, total=total)
                bar.update(tasks[label], completed=done)

            try:
                result = irl_train(cfg, out, progress=progress)
            except ConfigError as e:
                raise common.fail(str(e)) from None
        summary = {
            "model_dir": str(result.model_dir),
            "model_version": result.model_version,
            "wall_time_s": round(result.wall_time_s, 1),
            "per_category": result.per_category,
        }
        common.emit(write, summary, as_json, _train_human)


@app.command("eval")
def evaluate(
    model_dir: Annotated[Path, typer.Option(help="Model directory to evaluate.")],
    config: ConfigOpt = None,
    overrides: SetOpt = None,
    data: Annotated[Path | None, typer.Option(help=help_of(IRLConfig, "data", "Its test split is used."))] = None,
    policy: Annotated[str | None, typer.Option(help=help_of(IRLConfig, "policy", "Its samples are fresh."))] = None,
    samples_per_prompt: Annotated[int, typer.Option(help="Fresh samples per test prompt (K of training).")] = 4,
    as_json: JsonOpt = False,
    json_out: Annotated[Path | None, typer.Option("--json-out", help="Also write the table as JSON here.")] = None,
    misranked_out: Annotated[
        Path | None, typer.Option("--misranked", help="Write the pairs ranked the wrong way here (JSONL).")
    ] = None,
) -> None:
    """Held-out accuracy per category: demo ≻ fresh sample, refusal ≻ compliance, helpful ≻ refusal."""
    from rich.console import Console
    from rich.table import Table

    from services.trainer.irl.train import irl_evaluate
    from shared.manifest import ManifestError

    cfg = _settings(config, overrides, "drirl irl eval", data=data, policy=policy)
    with common.results_only_on_stdout():  # sampling logs and bars on stderr; the table (or JSON) after
        try:
            misranked: list[dict] = []
            table = irl_evaluate(model_dir, cfg, samples_per_prompt=samples_per_prompt, misranked=misranked)
        except ManifestError as e:
            raise common.fail(str(e)) from None
    if as_json:
        typer.echo(json.dumps(table, indent=1))
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
    if not as_json:
        Console(stderr=False).print(out)
    if misranked_out is not None:
        misranked_out.parent.mkdir(parents=True, exist_ok=True)
        misranked_out.write_text("".join(json.dumps(m) + "\n" for m in misranked))
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(table, indent=1))
