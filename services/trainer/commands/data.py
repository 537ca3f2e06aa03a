"""`drirl data …`: dataset tools (issue #3). Thin: parse options, call one library function, print, map errors.

Every command reads and writes our JSONL schema (``services.trainer.data.Record``) except ``import``, which reads
foreign tables. Bad input (missing file, bad mapping, unreadable row) exits 2 with ``error: …`` on stderr; ``validate``
exits 1 when it finds problems. Tables and progress go to stderr, except ``stats``, whose table is its result.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from services.trainer.data import DEFAULT_DATASET, DataError, Kind, Record, load_records, write_records
from services.trainer.data.dedup import DEFAULT_THRESHOLD, check_threshold
from shared.resources import ResourceNotFound

if TYPE_CHECKING:
    import numpy as np

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False)

InputArg = Annotated[Path, typer.Argument(help="Dataset JSONL file (our schema).", show_default=False)]
DatasetArg = Annotated[Path, typer.Argument(help="Dataset JSONL file (our schema); default: the shipped dataset.")]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Where to write the resulting JSONL.", show_default=False)]
SeedOpt = Annotated[int, typer.Option(help="Random seed; the same seed and input give the same output.")]
ThresholdOpt = Annotated[
    float, typer.Option(help="Cosine similarity (MiniLM) at or above which two prompts are near-duplicates.")
]


class BalanceModeOpt(StrEnum):
    """How `balance` equalises cells."""

    down = "down"
    up = "up"


def _console(stderr: bool = True) -> Console:
    console = Console(stderr=stderr)
    if not console.is_terminal:
        console.width = 160  # pipes and test runners: don't wrap tables at 80 columns
    return console


@contextmanager
def _cli_errors() -> Iterator[None]:
    """Map known errors to a one-line message and exit code 2 (no traceback)."""
    try:
        yield
    except (DataError, ResourceNotFound) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except OSError as exc:  # unreadable input, unwritable output folder, disk full
        typer.echo(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        raise typer.Exit(2) from None


def _embed(records: Sequence[Record]) -> np.ndarray:
    """MiniLM prompt embeddings, with a progress bar on stderr."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from services.trainer.data.embeddings import get_encoder

    console = _console()
    with console.status("loading all-MiniLM-L6-v2"):
        encoder = get_encoder()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("embedding prompts", total=len(records))
        return encoder.encode([r.prompt for r in records], on_progress=lambda n: progress.advance(task, n))


def _wrote(path: Path, n: int) -> None:
    typer.echo(f"wrote {n} records to {path}")


@app.command("import")
def import_(
    source_path: Annotated[
        Path,
        typer.Argument(
            metavar="SOURCE",
            help="A .jsonl, .json, .csv, .tsv or .parquet file, or a folder saved by datasets' save_to_disk.",
            show_default=False,
        ),
    ],
    out: OutOpt,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="FIELD=COLUMN: read our FIELD (id, category, kind, prompt, demonstration, source, split) from the "
            "source's COLUMN; repeatable. Unmapped fields use a same-named column if present.",
        ),
    ] = None,
    category_map: Annotated[
        Path | None,
        typer.Option(help="YAML or JSON file: source label -> one of our 7 categories (null to exclude)."),
    ] = None,
    kind: Annotated[Kind, typer.Option(help="Kind of rows with no kind column/value.")] = Kind.HARMFUL,
    source: Annotated[str | None, typer.Option(help="The records' `source` field; default: the file stem.")] = None,
    id_prefix: Annotated[str | None, typer.Option(help="Prefix of generated ids; default: the source.")] = None,
    hf_split: Annotated[str | None, typer.Option(help="Split to read from a saved DatasetDict.")] = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Where to write rejected rows (JSONL); default: OUT with .rejects.jsonl.")
    ] = None,
) -> None:
    """Import a foreign dataset into our schema; rows that cannot be mapped go to a rejects file, with reasons."""
    from services.trainer.data.files import write_jsonl
    from services.trainer.data.importer import import_table, load_category_map, parse_column_map
    from services.trainer.data.render import import_table as import_report

    rejects_path = rejects or out.with_name(out.name.removesuffix(".jsonl") + ".rejects.jsonl")
    with _cli_errors():
        column_map = parse_column_map(maps or [])
        cmap = load_category_map(category_map) if category_map is not None else None
        result = import_table(
            source_path,
            column_map,
            category_map=cmap,
            default_kind=kind,
            source=source,
            id_prefix=id_prefix,
            hf_split=hf_split,
        )
        write_records(out, result.records)
        write_jsonl(rejects_path, (r.to_json() for r in result.rejects))
    _console().print(import_report(result))
    _wrote(out, len(result.records))
    typer.echo(f"wrote {len(result.rejects)} rejected rows to {rejects_path}")


@app.command()
def balance(
    input_path: InputArg,
    out: OutOpt,
    mode: Annotated[
        BalanceModeOpt, typer.Option(help="down: sample to the smallest cell; up: copy to the largest.")
    ] = BalanceModeOpt.down,
    harmful: Annotated[int | None, typer.Option(help="Harmful records per category (default: by --mode).")] = None,
    benign: Annotated[int | None, typer.Option(help="Benign records per category (default: by --mode).")] = None,
    seed: SeedOpt = 0,
) -> None:
    """Equalise records per category for each kind by seeded sampling; print the long tail before/after."""
    from services.trainer.data.balance import balance_records
    from services.trainer.data.render import balance_table

    targets = {k: n for k, n in ((Kind.HARMFUL, harmful), (Kind.BENIGN, benign)) if n is not None}
    with _cli_errors():
        records = load_records(input_path)
        result = balance_records(records, seed=seed, mode=mode.value, targets=targets)
        write_records(out, result.records)
    shown = ", ".join(f"{k}={n}" for k, n in result.targets.items())
    _console().print(balance_table(result.before, result.after, title=f"balance ({mode.value}; per category: {shown})"))
    _wrote(out, len(result.records))


@app.command()
def dedup(
    input_path: InputArg,
    out: OutOpt,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    report: Annotated[
        Path | None, typer.Option(help="Write the removed records (JSONL) with what they duplicate.")
    ] = None,
) -> None:
    """Drop near-duplicate prompts (MiniLM cosine), keeping train over val/test and earlier over later."""
    from services.trainer.data.dedup import dedup_records
    from services.trainer.data.files import write_jsonl
    from services.trainer.data.render import dedup_table

    with _cli_errors():
        check_threshold(threshold)
        records = load_records(input_path)
        result = dedup_records(records, _embed(records), threshold=threshold)
        write_records(out, result.records)
    if report is not None:
        rows = (
            {
                "removed": d.removed.id,
                "kept": d.kept.id,
                "cosine": round(d.cosine, 4),
                "removed_prompt": d.removed.prompt,
                "kept_prompt": d.kept.prompt,
            }
            for d in result.removed
        )
        with _cli_errors():
            write_jsonl(report, rows)
    _console().print(dedup_table(result.removed, len(records), threshold))
    _wrote(out, len(result.records))


@app.command()
def split(
    input_path: InputArg,
    out: OutOpt,
    val: Annotated[float, typer.Option(help="Fraction of each (category, kind) for validation.")] = 0.1,
    test: Annotated[float, typer.Option(help="Fraction of each (category, kind) for test.")] = 0.1,
    seed: SeedOpt = 0,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
) -> None:
    """Assign train/val/test, stratified by category and kind; near-duplicates always share a split."""
    from services.trainer.data.render import split_table
    from services.trainer.data.schema import Split
    from services.trainer.data.split import assign_splits, check_fractions

    with _cli_errors():
        check_threshold(threshold)
        fractions = check_fractions({Split.TRAIN: 1.0 - val - test, Split.VAL: val, Split.TEST: test})
        records = load_records(input_path)
        result = assign_splits(records, seed=seed, fractions=fractions, embeddings=_embed(records), threshold=threshold)
        write_records(out, result)
    _console().print(split_table(result))
    _wrote(out, len(result))


@app.command()
def stats(
    input_path: DatasetArg = DEFAULT_DATASET,
    plot: Annotated[Path | None, typer.Option(help="Write a PNG bar chart here.")] = None,
    diversity: Annotated[
        bool, typer.Option(help="Compute prompt diversity (mean pairwise MiniLM cosine; loads the encoder).")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the statistics as JSON instead of tables.")] = False,
) -> None:
    """Counts per category/kind/split, prompt diversity and demonstration lengths."""
    import json

    from services.trainer.data.render import stats_tables
    from services.trainer.data.stats import compute_stats, plot_stats

    with _cli_errors():
        records = load_records(input_path)
        if not records:
            raise DataError(f"{input_path}: no records")
        result = compute_stats(records, _embed(records) if diversity else None)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        console = _console(stderr=False)
        for table in stats_tables(result):
            console.print(table)
    if plot is not None:
        with _cli_errors():
            plot_stats(result, plot)
        typer.echo(f"wrote plot to {plot}", err=True)


@app.command()
def validate(
    input_path: DatasetArg = DEFAULT_DATASET,
    require_demos: Annotated[bool, typer.Option(help="Refuse empty demonstrations.")] = False,
    allow_unsplit: Annotated[bool, typer.Option(help="Accept records without a split.")] = False,
    check_balance: Annotated[bool, typer.Option(help="Require equal counts per category for each kind.")] = True,
    check_duplicates: Annotated[
        bool, typer.Option(help="Also refuse near-duplicate prompts across splits (loads MiniLM).")
    ] = False,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    max_problems: Annotated[int, typer.Option(help="How many problems to list.")] = 20,
) -> None:
    """Check schema, categories, kinds, splits, CoD format and balance; exit 1 listing the first problems."""
    from services.trainer.data.validate import cross_split_problems, validate_file, validate_records

    with _cli_errors():
        check_threshold(threshold)
        records, problems = validate_file(input_path)
        if not records and not problems:
            raise DataError(f"{input_path}: no records")
        problems += validate_records(
            records, require_demos=require_demos, require_splits=not allow_unsplit, check_balance=check_balance
        )
        if check_duplicates and records:
            problems += cross_split_problems(records, _embed(records), threshold=threshold)
    if problems:
        typer.echo(f"{input_path}: {len(problems)} problem(s):", err=True)
        for problem in problems[:max_problems]:
            typer.echo(f"  {problem}", err=True)
        if len(problems) > max_problems:
            typer.echo(f"  … and {len(problems) - max_problems} more", err=True)
        raise typer.Exit(1)
    typer.echo(f"ok: {input_path}: {len(records)} records valid")


if __name__ == "__main__":  # `python -m services.trainer.commands.data …` works without the root CLI
    app()
