"""Rich tables for the `drirl data` commands (presentation only; the numbers come from the library)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.table import Table

from services.trainer.data.balance import Cell
from services.trainer.data.dedup import Duplicate
from services.trainer.data.files import shorten
from services.trainer.data.importer import ImportResult
from services.trainer.data.schema import Kind, Record, Split
from services.trainer.data.stats import DatasetStats
from shared.categories import Category


def _fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def import_table(result: ImportResult, examples: int = 5) -> Table:
    """Rows read, records made, rejects per reason with the first few examples."""
    table = Table(title=f"import: {result.n_rows} rows → {len(result.records)} records + {len(result.rejects)} rejects")
    table.add_column("reason")
    table.add_column("rows", justify="right")
    table.add_column("first examples (row: message)")
    for code, count in result.reject_counts().items():
        shown = [f"{r.row}: {r.reason}" for r in result.rejects if r.code == code][:examples]
        table.add_row(code, str(count), "\n".join(shown))
    if not result.rejects:
        table.add_row("(none)", "0", "")
    return table


def balance_table(before: Counter[Cell], after: Counter[Cell], title: str = "balance") -> Table:
    """Records per category and kind, before → after, sorted from the longest to the shortest cell (the tail)."""
    table = Table(title=title)
    table.add_column("category")
    for kind in Kind:
        table.add_column(f"{kind} before", justify="right")
        table.add_column(f"{kind} after", justify="right")
    order = sorted(Category, key=lambda c: -sum(before.get((c, k), 0) for k in Kind))
    for category in order:
        cells = []
        for kind in Kind:
            b, a = before.get((category, kind), 0), after.get((category, kind), 0)
            cells += [str(b) if b else "[red]0[/red]", str(a) if a else "[red]0[/red]"]
        table.add_row(str(category), *cells)
    table.add_row(
        "[bold]total[/bold]",
        *[str(sum(c.get((cat, k), 0) for cat in Category)) for k in Kind for c in (before, after)],
    )
    return table


def dedup_table(removed: Sequence[Duplicate], n_before: int, threshold: float, examples: int = 10) -> Table:
    """How many records were removed, and the first few with the record each duplicates."""
    table = Table(title=f"dedup (cosine >= {threshold}): {n_before} → {n_before - len(removed)} records")
    table.add_column("removed")
    table.add_column("kept")
    table.add_column("cosine", justify="right")
    table.add_column("removed prompt")
    for dup in removed[:examples]:
        table.add_row(
            f"{dup.removed.id} ({dup.removed.split or '-'})",
            f"{dup.kept.id} ({dup.kept.split or '-'})",
            f"{dup.cosine:.3f}",
            shorten(dup.removed.prompt, 60),
        )
    if len(removed) > examples:
        table.add_row(f"… {len(removed) - examples} more", "", "", "")
    return table


def split_table(records: Sequence[Record]) -> Table:
    """Records per category, kind and split."""
    table = Table(title=f"split: {len(records)} records")
    table.add_column("category")
    table.add_column("kind")
    for split in Split:
        table.add_column(str(split), justify="right")
    counts = Counter((r.category, r.kind, r.split) for r in records)
    for category in Category:
        for kind in Kind:
            if any(counts.get((category, kind, s)) for s in Split):
                table.add_row(str(category), str(kind), *[str(counts.get((category, kind, s), 0)) for s in Split])
    return table


def stats_tables(stats: DatasetStats) -> list[Table]:
    """A table per (category, kind) cell, and a per-category summary with diversity."""
    split_names = list(stats.cells[0].counts) if stats.cells else [str(s) for s in Split]
    cells = Table(title=f"dataset: {stats.total} records")
    cells.add_column("category")
    cells.add_column("kind")
    for name in split_names:
        cells.add_column(name, justify="right")
    cells.add_column("total", justify="right")
    cells.add_column("mean cos", justify="right")
    cells.add_column("demo words", justify="right")
    cells.add_column("demo chars", justify="right")
    cells.add_column("resp. words", justify="right")
    for cell in stats.cells:
        cells.add_row(
            str(cell.category),
            str(cell.kind),
            *[str(cell.counts.get(name, 0)) for name in split_names],
            str(cell.total),
            _fmt(cell.diversity),
            f"{cell.demo_words:.1f}",
            f"{cell.demo_chars:.0f}",
            f"{cell.response_words:.1f}",
        )
    summary = Table(title="prompt diversity per category")
    summary.add_column("category")
    summary.add_column("records", justify="right")
    summary.add_column("mean pairwise cos (lower = more varied)", justify="right")
    totals = Counter({c.category: 0 for c in stats.cells})
    for cell in stats.cells:
        totals[cell.category] += cell.total
    for category, diversity in stats.category_diversity.items():
        summary.add_row(str(category), str(totals[category]), _fmt(diversity))
    summary.add_row("[bold]all prompts[/bold]", str(stats.total), _fmt(stats.overall_diversity))
    return [cells, summary]
