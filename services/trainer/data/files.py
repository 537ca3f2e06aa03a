"""Reading and writing dataset files: JSON Lines, one :class:`Record` per line (the edges; the rest is pure)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from services.trainer.data.schema import DataError, Record

#: How many characters of an offending value an error message shows.
MAX_SHOWN_CHARS = 80


@dataclass(frozen=True)
class BadLine:
    """A line of a JSONL file that is not a JSON object."""

    line: int
    error: str
    text: str


def shorten(value: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """``repr`` of a value, cut to ``limit`` characters so messages never echo a whole input."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_validation_error(error: ValidationError, limit: int = 3) -> str:
    """One line per field problem of a pydantic error: ``field: message (got value)``, at most ``limit``."""
    parts = []
    for item in error.errors()[:limit]:
        field = ".".join(str(p) for p in item["loc"]) or "record"
        shown = f" (got {shorten(item['input'], 40)})" if item["type"] != "missing" else ""
        parts.append(f"{field}: {item['msg']}{shown}")
    more = len(error.errors()) - limit
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def check_file(path: Path) -> Path:
    """Return ``path`` if it is an existing file.

    Raises:
        DataError: naming the path when it does not exist or is not a file.
    """
    if not path.exists():
        raise DataError(f"file not found: {path}")
    if not path.is_file():
        raise DataError(f"not a file: {path}")
    return path


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any] | BadLine]]:
    """Yield ``(line number, object or BadLine)`` for each non-blank line of a JSONL file.

    Raises:
        DataError: when the file is missing or not UTF-8.
    """
    check_file(path)
    try:
        with path.open(encoding="utf-8") as fh:
            for number, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError as exc:
                    yield number, BadLine(number, f"invalid JSON: {exc.msg} at column {exc.colno}", text[:200])
                    continue
                if not isinstance(obj, dict):
                    yield number, BadLine(number, f"expected a JSON object, got {type(obj).__name__}", text[:200])
                    continue
                yield number, obj
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def load_records(path: str | os.PathLike[str]) -> list[Record]:
    """Load a dataset JSONL file into records.

    Args:
        path: a JSONL file, one record object per line (blank lines are skipped).

    Returns:
        The records in file order.

    Raises:
        DataError: on a missing file or the first bad line, naming the line, the record id and the field.
    """
    path = Path(path)
    records = []
    for number, obj in iter_jsonl(path):
        if isinstance(obj, BadLine):
            raise DataError(f"{path}:{obj.line}: {obj.error}")
        try:
            records.append(Record.model_validate(obj))
        except ValidationError as exc:
            rid = obj.get("id", "?")
            raise DataError(f"{path}:{number} (id {shorten(rid, 40)}): {format_validation_error(exc)}") from None
    return records


def record_to_json(record: Record) -> str:
    """One JSONL line (without the newline): fields in schema order, non-ASCII kept as is."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False)


def write_records(path: str | os.PathLike[str], records: Iterable[Record]) -> Path:
    """Write records to a JSONL file atomically (a temp file renamed over the target), creating parent folders.

    Returns:
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for record in records:
            fh.write(record_to_json(record) + "\n")
    tmp.replace(path)
    return path


def write_jsonl(path: str | os.PathLike[str], rows: Iterable[dict[str, Any]]) -> Path:
    """Write plain dicts as JSONL (reports, rejects); values JSON cannot encode are written as strings."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    return path
