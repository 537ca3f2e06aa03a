"""Balance a dataset: the same number of records in every (category, kind) cell, by seeded sampling.

Each kind is balanced on its own (100 harmful and 30 benign per category, say): harmful and benign prompts play
different roles and need not be equally many. Down-sampling keeps a seeded random subset of each larger cell (in the
original order); up-sampling adds seeded copies (ids ``<id>#up<k>``) to each smaller cell. Up-sampled copies are exact
duplicates: up-sample the training split only, after ``split``, or ``dedup`` will remove them again.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from services.trainer.data.schema import DataError, Kind, Record
from shared.categories import Category

Cell = tuple[Category, Kind]
BalanceMode = Literal["down", "up"]


@dataclass(frozen=True)
class BalanceResult:
    """Balanced records, the cell counts before and after, and the per-kind target used."""

    records: list[Record]
    before: Counter[Cell]
    after: Counter[Cell]
    targets: dict[Kind, int]


def count_cells(records: Sequence[Record]) -> Counter[Cell]:
    """Records per (category, kind)."""
    return Counter((r.category, r.kind) for r in records)


def balance_records(
    records: Sequence[Record],
    *,
    seed: int = 0,
    mode: BalanceMode = "down",
    targets: Mapping[Kind, int] | None = None,
) -> BalanceResult:
    """Sample every (category, kind) cell to the same size per kind.

    Categories absent for a kind are left absent (they cannot be sampled from): ``validate`` reports them.

    Args:
        records: the dataset.
        seed: the sampling seed; the same seed and input give the same output.
        mode: ``down`` (default target: the smallest cell of the kind) or ``up`` (default: the largest).
        targets: an explicit size per kind, overriding the default; in ``down`` mode no cell may be smaller.

    Returns:
        The balanced records (originals in input order, then any up-sampled copies) and the counts.

    Raises:
        DataError: when a target is negative, or in ``down`` mode larger than a cell of its kind.
    """
    if mode not in ("down", "up"):
        raise DataError(f"unknown balance mode {mode!r}; use 'down' or 'up'")
    before = count_cells(records)
    chosen: dict[Kind, int] = {}
    for kind in Kind:
        sizes = [n for (_, k), n in before.items() if k == kind]
        if not sizes:
            continue
        target = (targets or {}).get(kind)
        if target is None:
            target = min(sizes) if mode == "down" else max(sizes)
        if target < 0:
            raise DataError(f"target for {kind} must be >= 0, got {target}")
        short = sorted(f"{c}={n}" for (c, k), n in before.items() if k == kind and n < target)
        if mode == "down" and short:
            raise DataError(
                f"cannot balance {kind} down to {target}: smaller cells {', '.join(short)}; "
                "lower the target or use --mode up"
            )
        chosen[kind] = target

    keep: set[int] = set()
    copies: list[Record] = []
    by_cell: dict[Cell, list[int]] = {}
    for index, record in enumerate(records):
        by_cell.setdefault((record.category, record.kind), []).append(index)
    for cell in sorted(by_cell, key=lambda c: (c[1], c[0])):
        indices = by_cell[cell]
        target = chosen[cell[1]]
        rng = random.Random(f"{seed}:{cell[0]}:{cell[1]}")
        if len(indices) >= target:
            keep.update(rng.sample(indices, target))
            continue
        keep.update(indices)
        for k, index in enumerate(rng.choices(indices, k=target - len(indices)), start=1):
            copies.append(records[index].model_copy(update={"id": f"{records[index].id}#up{k}"}))
    balanced = [r for i, r in enumerate(records) if i in keep] + copies
    return BalanceResult(balanced, before, count_cells(balanced), chosen)
