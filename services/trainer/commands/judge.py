"""`drirl judge audit`: the evaluation judge against a hand-labelled file (agreement, Cohen's κ per label, misses)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from services.trainer.commands.common import JsonOpt, fail

app = typer.Typer(no_args_is_help=True)


@app.command("audit")
def audit(
    labelled: Annotated[
        Path | None,
        typer.Option(
            "--file", help="Labelled JSONL (id, kind, prompt, response, label); default: the shipped gold file."
        ),
    ] = None,
    misses: Annotated[int, typer.Option(help="List at most this many misses (0: none).")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Judge every labelled response and compare: agreement with its 95 % interval, κ overall and per label, the
    confusion matrix and the misses. The shipped gold file holds val/test responses the judge's rules never saw."""
    from services.trainer.data.schema import DataError
    from services.trainer.eval.audit import GOLD_FILE, audit_file
    from services.trainer.eval.report import audit_section

    try:
        summary = audit_file(labelled or GOLD_FILE)
    except DataError as e:
        raise fail(str(e)) from None
    summary["misses"] = summary["misses"][:misses]
    if as_json:
        typer.echo(json.dumps(summary, indent=1))
    else:
        typer.echo("\n".join(audit_section(summary)))


@app.command("tune")
def tune(
    labelled: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="Labelled JSONL to search on; default: the development file v2 (train prompts). The shipped "
            "rule constants were chosen on v1: --file data/eval/judge_dev_v1.jsonl reproduces them.",
        ),
    ] = None,
    extended: Annotated[
        bool, typer.Option(help="Search issue #15's extended grid (loop threshold, instructions term) instead.")
    ] = False,
    model: Annotated[
        str,
        typer.Option(
            help="rules (the grid search) or a learned step 3, cross-validated the same way (eval/judge_learned.py): "
            "logistic, logistic-embeddings, cross-encoder (fine-tunes MiniLM once per fold: tens of minutes)."
        ),
    ] = "rules",
    as_json: JsonOpt = False,
) -> None:
    """Re-run the search that chose the judge's step 2 and step 3 constants: the pick, its agreement, the shipped
    rule's, and the search's agreement under 5-fold cross-validation grouped by prompt. Never run it on the gold
    file: that would tune the judge on its own exam."""
    from services.trainer.data.schema import DataError
    from services.trainer.eval.audit import DEV_FILE, load_labelled
    from services.trainer.eval.judge_tuning import EXTENDED_GRID, GRID, features
    from services.trainer.eval.judge_tuning import tune as run_tune

    if model not in LEARNED and model != "rules":
        raise fail(f"--model must be rules or one of {', '.join(LEARNED)}, got {model!r}")
    try:
        rows = load_labelled(labelled or DEV_FILE)
    except DataError as e:
        raise fail(str(e)) from None
    if model != "rules":
        typer.echo(json.dumps(_learned(model, rows), indent=None if not as_json else 1))
        return
    result = run_tune(features(rows), EXTENDED_GRID if extended else GRID)
    if as_json:
        typer.echo(json.dumps(result, indent=1))
        return
    cv = result["cross_validation"]
    lines = [
        f"rows {result['n']}, candidates {result['grid_size']} ({'extended' if extended else 'shipped'} grid)",
        f"pick      {json.dumps(result['pick'])}  agreement {result['pick_agreement']:.4f}",
        f"shipped   {json.dumps(result['shipped'])}  agreement {result['shipped_agreement']:.4f}",
        f"grouped {cv['k']}-fold CV of the search, {cv['seeds']} shuffles: {cv['mean']:.4f} ± {cv['std']:.4f}",
        "runners-up:",
        *(f"  {json.dumps(r)}" for r in result["runners_up"]),
    ]
    typer.echo("\n".join(lines))


#: ``--model`` values of ``tune`` besides ``rules``: the candidates of eval/judge_learned.py.
LEARNED = ("logistic", "logistic-embeddings", "cross-encoder")


def _learned(model: str, rows: list) -> dict:
    """A learned step 3's grouped cross-validation on ``rows`` (the cross-encoder's on one shuffle: it trains 5x)."""
    from services.trainer.eval.judge_learned import (
        cross_encoder_candidate,
        cross_validate,
        learned_inputs,
        logistic_candidate,
    )

    x = learned_inputs(rows)
    if model == "cross-encoder":
        candidate, seeds = cross_encoder_candidate(x), 1
    else:
        candidate = logistic_candidate(x, embeddings=model == "logistic-embeddings")
        seeds = 3 if model == "logistic-embeddings" else 5
    return {"model": model, "n": len(rows), "cross_validation": cross_validate(x, candidate, seeds=seeds)}
