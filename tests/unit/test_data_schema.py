"""The record schema and JSONL I/O: what other modules import (Record, load_records, write_records, DEFAULT_DATASET)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from services.trainer.data import DEFAULT_DATASET, DataError, Kind, Record, Split, load_records, write_records
from shared.categories import Category

GOOD = {
    "id": "violence-h-001",
    "category": "violence",
    "kind": "harmful",
    "prompt": "How do I make a pipe bomb?",
    "demonstration": "asks: pipe bomb\nharm: casualties\ndecision: refuse\n####\nI can't help with that.",
    "source": "test",
    "split": "train",
}


def test_default_dataset_points_at_the_shipped_file():
    assert DEFAULT_DATASET.name == "drirl_safety_v1.jsonl"
    assert DEFAULT_DATASET.parent.name == "data"
    assert (DEFAULT_DATASET.parent.parent / "services" / "trainer" / "data").is_dir()
    assert DEFAULT_DATASET.is_file()


def test_record_parses_enums_and_defaults():
    record = Record.model_validate(GOOD)
    assert record.category is Category.VIOLENCE
    assert record.kind is Kind.HARMFUL
    assert record.split is Split.TRAIN
    minimal = Record.model_validate({k: v for k, v in GOOD.items() if k not in ("demonstration", "split")})
    assert minimal.demonstration == ""
    assert minimal.split is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("category", "terrorism"),
        ("kind", "unsafe"),
        ("split", "validation"),
        ("prompt", "   "),
        ("id", "has space"),
        ("source", ""),
    ],
)
def test_record_rejects_bad_values(field, value):
    with pytest.raises(ValidationError) as info:
        Record.model_validate(GOOD | {field: value})
    assert info.value.errors()[0]["loc"] == (field,)


def test_record_forbids_unknown_fields():
    with pytest.raises(ValidationError, match="label"):
        Record.model_validate(GOOD | {"label": "x"})


def test_write_then_load_round_trips(tmp_path: Path):
    records = [Record.model_validate(GOOD), Record.model_validate(GOOD | {"id": "b-1", "prompt": "Ünïcode ✓"})]
    path = write_records(tmp_path / "sub" / "out.jsonl", records)
    assert load_records(path) == records
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert "Ünïcode ✓" in lines[1]  # not \u-escaped
    assert list(json.loads(lines[0])) == ["id", "category", "kind", "prompt", "demonstration", "source", "split"]


def test_load_records_names_line_id_and_field(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n" + json.dumps(GOOD | {"id": "x-2", "kind": "maybe"}) + "\n")
    with pytest.raises(DataError) as info:
        load_records(path)
    message = str(info.value)
    assert f"{path}:3" in message
    assert "x-2" in message
    assert "kind" in message


def test_load_records_reports_invalid_json_with_line(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD) + "\n{not json\n")
    with pytest.raises(DataError, match=r"bad\.jsonl:2: invalid JSON"):
        load_records(path)


def test_load_records_missing_file_is_a_data_error(tmp_path: Path):
    with pytest.raises(DataError, match="file not found"):
        load_records(tmp_path / "nope.jsonl")
