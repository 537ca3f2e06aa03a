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
