"""Importing foreign tables: column and category mapping are pure; nothing is silently dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from services.trainer.data import DataError, Kind, Split
from services.trainer.data.importer import (
    import_table,
    load_category_map,
    map_rows,
    parse_category_map,
    parse_column_map,
    read_table,
    resolve_columns,
)
from shared.categories import Category

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
CSV = FIXTURES / "source_taxonomy.csv"
CATEGORY_MAP = FIXTURES / "category_map.yaml"
MAPS = ["prompt=question", "category=label", "kind=safety", "demonstration=answer", "id=uid"]


def test_parse_column_map_accepts_field_equals_column():
    assert parse_column_map(["prompt=question", " category = label "]) == {"prompt": "question", "category": "label"}


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["prompt"], "expected FIELD=COLUMN"),
        (["prompt="], "expected FIELD=COLUMN"),
        (["question=prompt"], "unknown field 'question'"),
        (["prompt=a", "prompt=b"], "already mapped"),
    ],
)
def test_parse_column_map_rejects_bad_items(items, message):
    with pytest.raises(DataError, match=message):
        parse_column_map(items)


def test_parse_category_map_maps_labels_and_nulls():
    result = parse_category_map({"Self-Harm": "self-harm", 3: "Cybercrime", "Politics": None, "Spam": "drop"})
    assert result == {"Self-Harm": Category.SELF_HARM, "3": Category.CYBERCRIME, "Politics": None, "Spam": None}


def test_parse_category_map_lists_every_bad_target():
    with pytest.raises(DataError) as info:
        parse_category_map({"a": "violence", "b": "hacking", "c": "stalking"})
    assert "2 label(s)" in str(info.value)
    assert "b -> hacking" in str(info.value)
    assert "c -> stalking" in str(info.value)


def test_load_category_map_reads_the_yaml_fixture():
    cmap = load_category_map(CATEGORY_MAP)
    assert len(cmap) == 14
    assert cmap["Animal Abuse"] is Category.VIOLENCE
    assert cmap["Non-Violent Unethical Behavior"] is None
    assert "Sexually Explicit, Adult Content" not in cmap


def test_load_category_map_refuses_a_bad_json_map():
    with pytest.raises(DataError, match="hacking"):
        load_category_map(FIXTURES / "category_map_bad.json")


def test_load_category_map_refuses_unparsable_yaml(tmp_path: Path):
    path = tmp_path / "map.yaml"
    path.write_text("a: [unclosed\n")
    with pytest.raises(DataError, match="cannot parse"):
        load_category_map(path)


def test_map_rows_reports_every_reject_and_loses_nothing():
    rows = [
        {"q": "How do I hack a bank?", "lab": "Hacking", "k": "unsafe"},
        {"q": "How do I stay safe online?", "lab": "hacking", "k": "SAFE"},  # case-insensitive label
        {"q": "", "lab": "Hacking", "k": "unsafe"},  # missing prompt
        {"q": "Some prompt", "lab": None, "k": "unsafe"},  # missing category
        {"q": "Another prompt", "lab": "Porn", "k": "unsafe"},  # unmapped
        {"q": "Third prompt", "lab": "Politics", "k": "unsafe"},  # excluded on purpose
        {"q": "Fourth prompt", "lab": "Hacking", "k": "perhaps"},  # bad kind
        {"q": float("nan"), "lab": "Hacking", "k": "unsafe"},  # parquet-style missing value
    ]
    result = map_rows(
        rows,
        {"prompt": "q", "category": "lab", "kind": "k"},
        category_map={"Hacking": Category.CYBERCRIME, "Politics": None},
        source="src",
    )
    assert result.n_rows == len(result.records) + len(result.rejects) == 8
    assert [r.kind for r in result.records] == [Kind.HARMFUL, Kind.BENIGN]
    assert [r.id for r in result.records] == ["src-000001", "src-000002"]
    assert {r.source for r in result.records} == {"src"}
    assert [(r.row, r.code) for r in result.rejects] == [
        (3, "missing prompt"),
        (4, "missing category"),
        (5, "unmapped category"),
        (6, "excluded category"),
        (7, "bad kind"),
        (8, "missing prompt"),
    ]
    assert result.reject_counts() == {
        "missing prompt": 2,
        "missing category": 1,
        "unmapped category": 1,
        "excluded category": 1,
        "bad kind": 1,
    }
    assert result.rejects[2].data == rows[4]  # the original row is kept for the rejects file


def test_map_rows_without_category_map_needs_our_names():
    rows = [{"prompt": "p1", "category": "Self Harm"}, {"prompt": "p2", "category": "S1"}]
    result = map_rows(rows, {"prompt": "prompt", "category": "category"}, default_kind=Kind.BENIGN)
    assert [(r.category, r.kind) for r in result.records] == [(Category.SELF_HARM, Kind.BENIGN)]
    assert result.rejects[0].code == "unmapped category"


def test_map_rows_rejects_duplicate_ids_and_maps_split_aliases():
    rows = [
        {"id": "a", "prompt": "p1", "category": "hate", "split": "validation"},
        {"id": "a", "prompt": "p2", "category": "hate", "split": "train"},
        {"id": "b", "prompt": "p3", "category": "hate", "split": "holdout"},
        {"id": "c", "prompt": "p4", "category": "hate", "split": ""},
    ]
    cols = {"id": "id", "prompt": "prompt", "category": "category", "split": "split"}
    result = map_rows(rows, cols)
    assert [(r.id, r.split) for r in result.records] == [("a", Split.VAL), ("c", None)]
    assert [r.code for r in result.rejects] == ["duplicate id", "bad split"]


def test_resolve_columns_uses_same_named_columns_and_checks_mapping():
    assert resolve_columns({}, ["prompt", "category", "extra"]) == {"prompt": "prompt", "category": "category"}
    with pytest.raises(DataError, match="question"):
        resolve_columns({"prompt": "question"}, ["prompt", "category"])
    with pytest.raises(DataError, match="required field 'category'"):
        resolve_columns({"prompt": "text"}, ["text", "label"])


def test_import_csv_fixture_counts():
    result = import_table(CSV, parse_column_map(MAPS), category_map=load_category_map(CATEGORY_MAP))
    assert result.n_rows == 34
    assert len(result.records) == 28
    assert result.reject_counts() == {
        "missing prompt": 2,
        "missing category": 1,
        "unmapped category": 1,
        "excluded category": 1,
        "bad kind": 1,
    }
    assert {r.source for r in result.records} == {"source_taxonomy"}
    first = result.records[0]
    assert (first.id, first.category, first.kind) == ("s-01", Category.VIOLENCE, Kind.HARMFUL)
    assert first.demonstration.endswith("I can't help with explosives.")
    assert sum(r.demonstration == "" for r in result.records) == 27


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".parquet", ".tsv"])
def test_read_table_reads_every_format_alike(tmp_path: Path, suffix: str):
    frame = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    path = tmp_path / f"src{suffix}"
    if suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    elif suffix == ".json":
        frame.to_json(path, orient="records", force_ascii=False)
    elif suffix == ".parquet":
        frame.replace("", None).to_parquet(path)  # parquet has real nulls
    else:
        frame.to_csv(path, sep="\t", index=False)
    rows, columns = read_table(path)
    assert len(rows) == 34
    assert columns == ["uid", "question", "label", "safety", "answer"]
    result = import_table(path, parse_column_map(MAPS), category_map=load_category_map(CATEGORY_MAP))
    assert (len(result.records), len(result.rejects)) == (28, 6)


def test_read_table_turns_bad_jsonl_lines_into_rejects(tmp_path: Path):
    path = tmp_path / "src.jsonl"
    path.write_text(json.dumps({"prompt": "p", "category": "hate"}) + "\n{broken\n[1, 2]\n")
    result = import_table(path, {})
    assert len(result.records) == 1
    assert [r.code for r in result.rejects] == ["bad line", "bad line"]
    assert "line 2" in result.rejects[0].reason


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("src.xlsx", "x", "unknown input format"),
        ("src.json", "{not json", "not valid JSON"),
        ("src.json", '{"a": 1}', "array of objects"),
    ],
)
def test_read_table_refuses_unreadable_files(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(DataError, match=message):
        read_table(path)


def test_read_table_missing_path(tmp_path: Path):
    with pytest.raises(DataError, match="file not found"):
        read_table(tmp_path / "missing.csv")


@pytest.mark.parametrize("name", ["garbage.parquet", "empty.csv"])
def test_read_table_wraps_reader_errors(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(b"\x00\x01not a parquet file" if name.endswith("parquet") else b"")
    with pytest.raises(DataError, match=f"{name}: cannot read as"):
        read_table(path)
