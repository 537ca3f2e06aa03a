"""Import a foreign dataset into our schema: read a table, map its columns and its category labels.

Reading (:func:`read_table`) is the I/O edge; mapping (:func:`map_rows`) is pure: rows in, records and rejects out.
Nothing is dropped silently: every input row becomes either a record or a :class:`Reject` naming the reason, so
``n_rows == len(records) + len(rejects)`` always holds.

Column mapping: ``{our field: source column}``. A field not mapped uses the source column of the same name when there
is one (so our own JSONL imports with no mapping). ``prompt`` and ``category`` are required; ``kind`` falls back to a
default (``--kind``); ``id`` is generated from the row number when absent; ``demonstration`` may be empty (imported
rows often have none; ``validate --require-demos`` refuses that); ``split`` stays unset when absent.

Category map: ``{source label: one of our seven | null}``, from a YAML or JSON file. A label mapped to null is
excluded on purpose (rejected with that reason); a label not in the map is rejected as unmapped. Without a map,
labels must name our categories (``parse_category``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from services.trainer.data.files import BadLine, format_validation_error, iter_jsonl, shorten
from services.trainer.data.schema import DataError, Kind, Record, Split
from shared.categories import CATEGORY_NAMES, Category, parse_category

TARGET_FIELDS = ("id", "category", "kind", "prompt", "demonstration", "source", "split")
REQUIRED_FIELDS = ("prompt", "category")
TABLE_SUFFIXES = (".jsonl", ".json", ".csv", ".tsv", ".parquet")

_KIND_ALIASES = {"harmful": Kind.HARMFUL, "unsafe": Kind.HARMFUL, "benign": Kind.BENIGN, "safe": Kind.BENIGN}
_SPLIT_ALIASES = {
    "train": Split.TRAIN,
    "training": Split.TRAIN,
    "val": Split.VAL,
    "valid": Split.VAL,
    "validation": Split.VAL,
    "dev": Split.VAL,
    "test": Split.TEST,
}

CategoryMap = Mapping[str, Category | None]


@dataclass(frozen=True)
class Reject:
    """An input row that did not become a record, and why."""

    row: int
    code: str
    reason: str
    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The rejects-file line: row number (1-based), reason code, message, the original row."""
        return {"row": self.row, "code": self.code, "reason": self.reason, "data": self.data}


@dataclass(frozen=True)
class ImportResult:
    """Records made from the input rows, the rows rejected, and the input row count."""

    records: list[Record]
    rejects: list[Reject]
    n_rows: int

    def reject_counts(self) -> dict[str, int]:
        """Rejects per reason code (e.g. ``missing prompt``, ``unmapped category``), most frequent first."""
        counts: dict[str, int] = {}
        for reject in self.rejects:
            counts[reject.code] = counts.get(reject.code, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


# ------------------------------------------------------------------------------------------------ options parsing
def parse_column_map(items: Sequence[str]) -> dict[str, str]:
    """Parse ``--map`` options (``field=column``) into ``{field: column}``.

    Raises:
        DataError: on a missing ``=``, an unknown target field, an empty column or a field mapped twice.
    """
    mapping: dict[str, str] = {}
    for item in items:
        target, sep, column = item.partition("=")
        target, column = target.strip(), column.strip()
        if not sep or not target or not column:
            raise DataError(f"bad --map {item!r}: expected FIELD=COLUMN, e.g. prompt=question")
        if target not in TARGET_FIELDS:
            raise DataError(f"bad --map {item!r}: unknown field {target!r}; fields: {', '.join(TARGET_FIELDS)}")
        if target in mapping:
            raise DataError(f"bad --map {item!r}: field {target!r} is already mapped to {mapping[target]!r}")
        mapping[target] = column
    return mapping


def parse_category_map(data: object, origin: str = "category map") -> dict[str, Category | None]:
    """Validate a loaded category map: a mapping of source label to one of our categories or null.

    Raises:
        DataError: listing every value that is not a category (and not null).
    """
    if not isinstance(data, Mapping) or not data:
        raise DataError(f"{origin}: expected a non-empty mapping of source label to category, got {shorten(data)}")
    result: dict[str, Category | None] = {}
    bad = []
    for label, target in data.items():
        if target is None or (isinstance(target, str) and target.strip().lower() in ("", "null", "none", "drop")):
            result[str(label)] = None
            continue
        try:
            result[str(label)] = parse_category(str(target))
        except ValueError:
            bad.append(f"{label!s} -> {target!s}")
    if bad:
        raise DataError(
            f"{origin}: {len(bad)} label(s) map to no known category: {'; '.join(bad[:5])}"
            f"{' ...' if len(bad) > 5 else ''}; valid targets: {', '.join(CATEGORY_NAMES)} or null to exclude"
        )
    return result


def load_category_map(path: Path) -> dict[str, Category | None]:
    """Read a category map from a YAML or JSON file (see :func:`parse_category_map`).

    Raises:
        DataError: when the file is missing, unparsable or maps to unknown categories.
    """
    if not path.is_file():
        raise DataError(f"category map not found: {path}")
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise DataError(f"category map {path}: cannot parse: {str(exc).splitlines()[0]}") from None
    return parse_category_map(data, origin=f"category map {path}")


# ---------------------------------------------------------------------------------------------------- reading
def read_table(path: Path, hf_split: str | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Read a JSONL, JSON (array of objects), CSV/TSV or parquet file, or a ``datasets`` folder (``save_to_disk``).

    JSONL lines that are not JSON objects come back as ``{"__bad_line__": message}`` rows so the mapper rejects them
    (counted, never lost).

    Args:
        path: the file or folder.
        hf_split: for a saved ``DatasetDict``, which split to read (required when it has more than one).

    Returns:
        ``(rows, columns)``: one dict per row, and the column names in first-seen order.

    Raises:
        DataError: when the path is missing, the format unknown, or the file unreadable.
    """
    if not path.exists():
        raise DataError(f"file not found: {path}")
    if path.is_dir():
        return _read_saved_dataset(path, hf_split)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        rows: list[dict[str, Any]] = []
        for _, obj in iter_jsonl(path):
            rows.append({"__bad_line__": f"line {obj.line}: {obj.error}"} if isinstance(obj, BadLine) else obj)
        return rows, _columns(rows)
    if suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DataError(f"{path}: not valid JSON ({exc}); for JSON Lines use the .jsonl suffix") from None
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise DataError(f"{path}: expected a JSON array of objects")
        return data, _columns(data)
    if suffix in (".csv", ".tsv", ".parquet"):
        return _read_with_pandas(path, suffix)
    raise DataError(
        f"unknown input format {suffix or '(no suffix)'!r} for {path}; use one of {', '.join(TABLE_SUFFIXES)} "
        "or a folder written by datasets' save_to_disk"
    )


def _read_with_pandas(path: Path, suffix: str) -> tuple[list[dict[str, Any]], list[str]]:
    import pandas as pd

    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path)
        else:
            # Everything as text and empty cells as "" (not NaN): a label "NA" stays a label, a blank stays missing.
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep="\t" if suffix == ".tsv" else ",")
    except (ValueError, OSError) as exc:  # pandas' ParserError, pyarrow's ArrowInvalid, decode errors: all ValueError
        raise DataError(
            f"{path}: cannot read as {suffix[1:]}: {str(exc).splitlines()[0] if str(exc) else exc!r}"
        ) from None
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict(orient="records"), [str(c) for c in frame.columns]


def _read_saved_dataset(path: Path, hf_split: str | None) -> tuple[list[dict[str, Any]], list[str]]:
    import datasets

    try:
        loaded = datasets.load_from_disk(str(path))
    except (FileNotFoundError, ValueError) as exc:
        raise DataError(f"{path}: not a folder written by datasets' save_to_disk ({exc})") from None
    if isinstance(loaded, datasets.DatasetDict):
        names = list(loaded.keys())
        if hf_split is None and len(names) == 1:
            hf_split = names[0]
        if hf_split is None or hf_split not in loaded:
            raise DataError(f"{path}: a DatasetDict with splits {names}; choose one with --hf-split")
        loaded = loaded[hf_split]
    elif hf_split is not None:
        raise DataError(f"{path}: a single Dataset has no splits; drop --hf-split")
    return loaded.to_list(), list(loaded.column_names)


def _columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key != "__bad_line__":
                seen.setdefault(str(key), None)
    return list(seen)


# ---------------------------------------------------------------------------------------------------- mapping
def resolve_columns(column_map: Mapping[str, str], columns: Sequence[str]) -> dict[str, str]:
    """Complete a column map with same-named columns and check it against the source's columns.

    Raises:
        DataError: when a mapped column does not exist or a required field has no column.
    """
    missing = [f"{t}={c}" for t, c in column_map.items() if c not in columns]
    if missing:
        raise DataError(
            f"--map names column(s) not in the source: {', '.join(missing)}; "
            f"source columns: {', '.join(columns) or '(none)'}"
        )
    resolved = dict(column_map)
    for target in TARGET_FIELDS:
        if target not in resolved and target in columns:
            resolved[target] = target
    for target in REQUIRED_FIELDS:
        if target not in resolved:
            raise DataError(
                f"no source column for required field {target!r}; pass --map {target}=COLUMN "
                f"(source columns: {', '.join(columns) or '(none)'})"
            )
    return resolved


def slugify(text: str) -> str:
    """A lowercase id-safe form of ``text`` (letters, digits, '-')."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "imported"


def map_rows(
    rows: Sequence[Mapping[str, Any]],
    column_map: Mapping[str, str],
    *,
    category_map: CategoryMap | None = None,
    default_kind: Kind = Kind.HARMFUL,
    source: str = "imported",
    id_prefix: str | None = None,
) -> ImportResult:
    """Turn source rows into records (pure: no I/O).

    Args:
        rows: the source rows.
        column_map: ``{our field: source column}``, complete (see :func:`resolve_columns`).
        category_map: source label → category, or None to exclude; None means labels must be our names.
        default_kind: the kind of rows without a ``kind`` column value.
        source: the ``source`` of rows without a ``source`` column value.
        id_prefix: prefix of generated ids (``<prefix>-000001`` from the 1-based row number); default: the source.

    Returns:
        Records, rejects and the row count; ``n_rows == len(records) + len(rejects)``.
    """
    prefix = slugify(id_prefix or source)
    lookup_ci = {label.strip().lower(): target for label, target in (category_map or {}).items()}
    records: list[Record] = []
    rejects: list[Reject] = []
    seen_ids: set[str] = set()
    for number, row in enumerate(rows, start=1):
        try:
            values = _map_one(row, column_map, category_map, lookup_ci, default_kind, source)
        except _RowError as exc:
            rejects.append(Reject(number, exc.code, str(exc), dict(row)))
            continue
        values.setdefault("id", f"{prefix}-{number:06d}")
        if values["id"] in seen_ids:
            rejects.append(Reject(number, "duplicate id", f"duplicate id {shorten(values['id'], 40)}", dict(row)))
            continue
        try:
            record = Record.model_validate(values)
        except ValidationError as exc:
            rejects.append(Reject(number, "invalid record", format_validation_error(exc), dict(row)))
            continue
        seen_ids.add(record.id)
        records.append(record)
    return ImportResult(records, rejects, len(rows))


class _RowError(ValueError):
    """Why one row cannot become a record: a short code (for counting) and a message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _is_missing(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def _map_one(
    row: Mapping[str, Any],
    column_map: Mapping[str, str],
    category_map: CategoryMap | None,
    lookup_ci: Mapping[str, Category | None],
    default_kind: Kind,
    source: str,
) -> dict[str, Any]:
    if "__bad_line__" in row:
        raise _RowError("bad line", str(row["__bad_line__"]))
    values: dict[str, Any] = {}
    for target, column in column_map.items():
        value = row.get(column)
        if _is_missing(value):
            if target in REQUIRED_FIELDS:
                raise _RowError(f"missing {target}", f"missing {target} (column {column!r} is empty)")
            continue
        values[target] = value if isinstance(value, str) else str(value)
    values["category"] = _map_category(values["category"], category_map, lookup_ci)
    values["kind"] = _map_alias(values["kind"], _KIND_ALIASES, "kind") if "kind" in values else default_kind
    if "split" in values:
        values["split"] = _map_alias(values["split"], _SPLIT_ALIASES, "split")
    values.setdefault("source", source)
    return values


def _map_category(label: str, category_map: CategoryMap | None, lookup_ci: Mapping[str, Category | None]) -> Category:
    if category_map is None:
        try:
            return parse_category(label)
        except ValueError:
            raise _RowError(
                "unmapped category", f"unmapped category {shorten(label, 40)} (no category map given)"
            ) from None
    key = label.strip()
    if key in category_map:
        target = category_map[key]
    elif key.lower() in lookup_ci:
        target = lookup_ci[key.lower()]
    else:
        raise _RowError("unmapped category", f"unmapped category {shorten(label, 40)}")
    if target is None:
        raise _RowError("excluded category", f"category {shorten(label, 40)} is excluded by the category map")
    return target


def _map_alias(value: str, aliases: Mapping[str, Any], name: str) -> Any:
    key = value.strip().lower()
    if key not in aliases:
        raise _RowError(f"bad {name}", f"bad {name} {shorten(value, 40)}; expected one of {', '.join(sorted(aliases))}")
    return aliases[key]


def import_table(
    path: Path,
    column_map: Mapping[str, str],
    *,
    category_map: CategoryMap | None = None,
    default_kind: Kind = Kind.HARMFUL,
    source: str | None = None,
    id_prefix: str | None = None,
    hf_split: str | None = None,
) -> ImportResult:
    """Read ``path`` (:func:`read_table`) and map its rows (:func:`map_rows`); ``source`` defaults to the file stem.

    Raises:
        DataError: on an unreadable file or a mapping that does not fit its columns.
    """
    rows, columns = read_table(path, hf_split)
    resolved = resolve_columns(column_map, columns)
    return map_rows(
        rows,
        resolved,
        category_map=category_map,
        default_kind=default_kind,
        source=source or path.stem,
        id_prefix=id_prefix,
    )
