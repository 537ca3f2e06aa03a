"""Dataset validation: every problem named by record (or line), field and what is wrong.

Checks: the schema (fields, categories, kinds, splits, via :class:`Record`), unique ids, no repeated prompt, the
Chain-of-Draft format of demonstrations (``shared.cod.check_cod``), splits assigned, and balance (every category has
the same number of records of each kind, overall and per split). The cross-split near-duplicate check needs
embeddings and lives in :func:`cross_split_problems`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from services.trainer.data.dedup import DEFAULT_THRESHOLD, cross_split_duplicates
from services.trainer.data.files import BadLine, iter_jsonl, shorten
from services.trainer.data.schema import Kind, Record, Split
from shared.categories import Category
from shared.cod import check_cod


@dataclass(frozen=True)
class Problem:
    """One validation problem: where (record id, line, or 'dataset'), which field, what is wrong."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


def validate_rows(rows: Iterable[tuple[int, dict[str, Any] | BadLine]]) -> tuple[list[Record], list[Problem]]:
    """Parse raw JSONL rows into records, collecting one problem per bad field instead of stopping at the first."""
    records: list[Record] = []
    problems: list[Problem] = []
    for line, row in rows:
        if isinstance(row, BadLine):
            problems.append(Problem(f"line {line}", "line", row.error))
            continue
        try:
            records.append(Record.model_validate(row))
        except ValidationError as exc:
            rid = row.get("id")
            where = f"{rid} (line {line})" if isinstance(rid, str) and rid else f"line {line}"
            for err in exc.errors():
                field = ".".join(str(p) for p in err["loc"]) or "record"
                got = "" if err["type"] == "missing" else f" (got {shorten(err['input'], 40)})"
                problems.append(Problem(where, field, f"{err['msg']}{got}"))
    return records, problems


def validate_file(path: Path) -> tuple[list[Record], list[Problem]]:
    """:func:`validate_rows` over a JSONL file.

    Raises:
        DataError: when the file is missing or not UTF-8.
    """
    return validate_rows(iter_jsonl(path))


def validate_records(
    records: Sequence[Record],
    *,
    require_demos: bool = False,
    require_splits: bool = True,
    check_balance: bool = True,
) -> list[Problem]:
    """Problems with a list of schema-valid records (empty when all is well).

    Args:
        records: the dataset.
        require_demos: an empty demonstration is a problem (otherwise only non-empty ones are format-checked).
        require_splits: a record without a split is a problem.
        check_balance: every category must hold the same number of records of each kind, overall and per split.
    """
    problems: list[Problem] = []
    ids = Counter(r.id for r in records)
    first_by_prompt: dict[str, str] = {}
    for record in records:
        if ids[record.id] > 1:
            problems.append(Problem(record.id, "id", f"appears {ids[record.id]} times"))
        key = " ".join(record.prompt.lower().split())
        if key in first_by_prompt:
            problems.append(Problem(record.id, "prompt", f"same text as {first_by_prompt[key]}"))
        else:
            first_by_prompt[key] = record.id
        if record.demonstration.strip():
            problems.extend(Problem(record.id, "demonstration", p) for p in check_cod(record.demonstration))
        elif require_demos:
            problems.append(Problem(record.id, "demonstration", "empty (required by --require-demos)"))
        if require_splits and record.split is None:
            problems.append(Problem(record.id, "split", "not assigned (run `drirl data split`)"))
    if check_balance:
        problems.extend(balance_problems(records))
    return problems


def balance_problems(records: Sequence[Record]) -> list[Problem]:
    """One problem per kind (and per split) whose counts differ across the seven categories."""
    problems = []
    scopes: list[tuple[str, Split | None]] = [("all splits", None)]
    if all(r.split is not None for r in records):
        scopes += [(f"split {s}", s) for s in Split]
    for label, split in scopes:
        for kind in Kind:
            counts = Counter(r.category for r in records if r.kind == kind and (split is None or r.split == split))
            values = {c: counts.get(c, 0) for c in Category}
            if len(set(values.values())) > 1:
                shown = ", ".join(f"{c}={n}" for c, n in values.items())
                problems.append(
                    Problem("dataset", "category", f"{kind} counts differ across categories ({label}): {shown}")
                )
    return problems


def cross_split_problems(
    records: Sequence[Record], embeddings: np.ndarray, *, threshold: float = DEFAULT_THRESHOLD
) -> list[Problem]:
    """One problem per pair of records in different splits whose prompts have cosine >= threshold."""
    return [
        Problem(
            b.id,
            "prompt",
            f"near-duplicate of {a.id} (cosine {cos:.3f} >= {threshold}) across splits {a.split}/{b.split}",
        )
        for a, b, cos in cross_split_duplicates(records, embeddings, threshold=threshold)
    ]
