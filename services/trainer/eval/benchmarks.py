"""Standard safety benchmark files, given by path (never shipped, never fetched), recognised by their columns.

- **StrongREJECT** CSV: ``category, source, forbidden_prompt``; every row harmful (measures compliance).
- **HarmBench** behaviours CSV: ``Behavior, FunctionalCategory, SemanticCategory, BehaviorID`` (``ContextString``
  and ``Tags`` used when present); every row harmful; ``standard`` behaviours only unless ``harmbench_all``. A
  contextual behaviour is asked as its context, a ``---`` line and the behaviour, as HarmBench's template does.
- **XSTest** CSV: ``prompt, type, label`` (extra columns such as ``id``, ``focus``, ``note`` allowed); ``safe`` rows
  measure over-refusal, ``unsafe`` rows compliance.
- **plain JSONL**: ``prompt``, ``label`` (harmful|benign or safe|unsafe), optional ``category``.

Column names match case-insensitively; other columns are ignored. A file that fits none gets a one-line error
naming the columns it lacks. Each benchmark's own categories (StrongREJECT's ``category``, HarmBench's
``SemanticCategory``, XSTest's ``type``, the JSONL's ``category``) are kept as the *source category* and mapped onto
our seven where the mapping is obvious (:data:`CATEGORY_MAPS`; a JSONL category that names one of ours maps to it);
the rest is "other". The report prints the mapping it used.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from services.trainer.data.schema import DataError
from shared.categories import Category, parse_category

OTHER = "other"
UNCATEGORISED = "uncategorised"

#: The columns each format needs (matched case-insensitively), in the order the error message names them.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "strongreject": ("category", "source", "forbidden_prompt"),
    "harmbench": ("Behavior", "FunctionalCategory", "SemanticCategory", "BehaviorID"),
    "xstest": ("prompt", "type", "label"),
    "jsonl": ("prompt", "label"),
}
TITLES = {"strongreject": "StrongREJECT", "harmbench": "HarmBench", "xstest": "XSTest", "jsonl": "JSONL prompts"}

#: Source category (lower-cased) → ours; anything not listed is "other".
CATEGORY_MAPS: dict[str, dict[str, Category]] = {
    "strongreject": {
        "disinformation and deception": Category.MISINFORMATION,
        "hate, harassment and discrimination": Category.HATE,
        "illegal goods and services": Category.CRIME,
        "non-violent crimes": Category.CRIME,
        "violence": Category.VIOLENCE,
    },
    "harmbench": {
        "chemical_biological": Category.VIOLENCE,  # chemical and biological weapons: our "weapons, explosives"
        "cybercrime_intrusion": Category.CYBERCRIME,
        "harassment_bullying": Category.HATE,
        "illegal": Category.CRIME,
        "misinformation_disinformation": Category.MISINFORMATION,
    },
    "xstest": {
        "privacy_public": Category.PRIVACY,
        "privacy_fictional": Category.PRIVACY,
        "contrast_privacy": Category.PRIVACY,
        "real_group_nons_discr": Category.HATE,
        "nons_group_real_discr": Category.HATE,
        "contrast_discr": Category.HATE,
    },
}
LABELS = {"harmful": True, "unsafe": True, "benign": False, "safe": False}


@dataclass(frozen=True)
class BenchmarkItem:
    prompt: str
    harmful: bool
    source_category: str
    category: Category | None  # ours; None: "other"


@dataclass
class Benchmark:
    name: str
    format: str
    path: str
    items: list[BenchmarkItem]
    skipped: dict[str, int] = field(default_factory=dict)  # e.g. HarmBench non-standard behaviours left out

    @property
    def title(self) -> str:
        return f"{self.name} ({TITLES[self.format]})"

    def mapping(self) -> dict[str, str]:
        """Source category → our category (or "other"), for every source category present."""
        return {i.source_category: i.category.value if i.category else OTHER for i in self.items}


def _map(fmt: str, source_category: str) -> Category | None:
    if fmt == "jsonl":
        try:
            return parse_category(source_category)
        except ValueError:
            return None
    return CATEGORY_MAPS[fmt].get(source_category.strip().lower())


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows) of a CSV (header row) or a JSONL file (union of keys, first-seen order)."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
        if suffix == ".csv":
            reader = csv.DictReader(io.StringIO(text, newline=""))  # keeps newlines inside quoted fields
            rows = list(reader)
            return [c.strip() for c in reader.fieldnames or []], rows
        if suffix in (".jsonl", ".json"):
            rows = []
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    row = json.loads(line)
                    if not isinstance(row, dict):
                        raise DataError(f"{path}:{n}: each line must be a JSON object")
                    rows.append(row)
            return list(dict.fromkeys(k for r in rows for k in r)), rows
    except (json.JSONDecodeError, UnicodeDecodeError, csv.Error) as e:
        raise DataError(f"{path}: cannot parse: {e}") from None
    raise DataError(f"{path}: unsupported file type {path.suffix!r} (benchmarks are .csv or .jsonl)")


def detect_format(path: Path, columns: Sequence[str]) -> str:
    """The format whose required columns are all present, or a one-line DataError naming what is missing."""
    have = {c.strip().lower() for c in columns}
    candidates = ["jsonl"] if path.suffix.lower() in (".jsonl", ".json") else ["strongreject", "harmbench", "xstest"]
    missing = {f: [c for c in REQUIRED_COLUMNS[f] if c.lower() not in have] for f in candidates}
    for fmt in candidates:
        if not missing[fmt]:
            return fmt
    closest = min(candidates, key=lambda f: len(missing[f]) / len(REQUIRED_COLUMNS[f]))
    shown = ", ".join(list(columns)[:12]) + (", …" if len(columns) > 12 else "") or "none"
    expected = "; ".join(f"{TITLES[f]}: {', '.join(REQUIRED_COLUMNS[f])}" for f in candidates)
    raise DataError(
        f"{path}: not a benchmark file: missing column(s) {', '.join(missing[closest])} for {TITLES[closest]} "
        f"(columns found: {shown}; expected {expected})"
    )


def load_benchmark(path: Path, *, harmbench_all: bool = False, name: str | None = None) -> Benchmark:
    """Read a benchmark file (see the module docstring for the formats).

    Args:
        harmbench_all: keep HarmBench's contextual and copyright behaviours too (default: ``standard`` only).
        name: how the report names it (default: the file's stem).

    Raises:
        DataError: missing file, unknown columns (one line naming the missing ones), an empty prompt or an unknown
            label (with the row number), or no rows.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"benchmark file {path} not found")
    columns, rows = _read_rows(path)
    fmt = detect_format(path, columns)
    if not rows:
        raise DataError(f"{path}: no rows")
    items: list[BenchmarkItem] = []
    skipped: dict[str, int] = {}
    for n, raw in enumerate(rows, 1 if fmt == "jsonl" else 2):  # CSV: row 1 is the header
        row = {str(k).strip().lower(): ("" if v is None else str(v)) for k, v in raw.items()}
        where = f"{path}:{n}"
        if fmt == "harmbench":
            functional = row["functionalcategory"].strip().lower()
            if functional != "standard" and not harmbench_all:
                skipped[functional or "(blank)"] = skipped.get(functional or "(blank)", 0) + 1
                continue
            context = row.get("contextstring", "").strip()
            behaviour = row["behavior"].strip()
            prompt = f"{context}\n\n---\n\n{behaviour}" if context and behaviour else behaviour
            harmful, source_cat = True, row["semanticcategory"]
        elif fmt == "strongreject":
            prompt, harmful, source_cat = row["forbidden_prompt"], True, row["category"]
        else:
            prompt, source_cat = row["prompt"], row.get("type" if fmt == "xstest" else "category", "")
            label = row["label"].strip().lower()
            if label not in LABELS:
                raise DataError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
            harmful = LABELS[label]
        if not prompt.strip():
            raise DataError(f"{where}: empty prompt")
        source_cat = source_cat.strip() or UNCATEGORISED
        items.append(BenchmarkItem(prompt.strip(), harmful, source_cat, _map(fmt, source_cat)))
    if not items:
        raise DataError(f"{path}: no rows left (skipped: {skipped}; use harmbench_all to keep them)")
    return Benchmark(name or path.stem, fmt, str(path), items, skipped)


def load_benchmarks(paths: Sequence[Path], *, harmbench_all: bool = False) -> list[Benchmark]:
    """Every file, named by its stem (``-2``, ``-3``… appended when two stems collide)."""
    out: list[Benchmark] = []
    for path in paths:
        stem = Path(path).stem
        names = {b.name for b in out}
        name = (
            stem if stem not in names else next(f"{stem}-{k}" for k in range(2, 10_000) if f"{stem}-{k}" not in names)
        )
        out.append(load_benchmark(Path(path), harmbench_all=harmbench_all, name=name))
    return out


def limit_items(items: Sequence[BenchmarkItem], per_group: int | None) -> list[BenchmarkItem]:
    """The first ``per_group`` items of each (source category, harmful) pair, in file order (all when None)."""
    if per_group is None:
        return list(items)
    counts: dict[tuple[str, bool], int] = {}
    out = []
    for item in items:
        key = (item.source_category, item.harmful)
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= per_group:
            out.append(item)
    return out
