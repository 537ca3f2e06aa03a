"""`drirl data …` without the encoder: help, import, balance, validate, stats, and clean errors (exit 2, no traceback).

Commands that need MiniLM (dedup, split, stats with diversity) are exercised in tests/integration/test_data_pipeline.py;
here they only get their argument checks, which run before the model loads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from services.trainer.commands.data import app
from services.trainer.data import DEFAULT_DATASET, load_records
from services.trainer.data.balance import count_cells

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
CSV = FIXTURES / "source_taxonomy.csv"
CATEGORY_MAP = FIXTURES / "category_map.yaml"
MAPS = ["--map", "prompt=question", "--map", "category=label", "--map", "kind=safety", "--map", "id=uid"]

runner = CliRunner()


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def assert_clean_error(result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (None, "import"),
        ("import", "--category-map"),
        ("balance", "--mode"),
        ("dedup", "--threshold"),
        ("split", "--val"),
        ("stats", "--plot"),
        ("validate", "--require-demos"),
    ],
)
def test_help(command, expected):
    result = invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


def test_import_writes_records_and_rejects(tmp_path: Path):
    out = tmp_path / "imported.jsonl"
    result = invoke("import", CSV, "--out", out, *MAPS, "--map", "demonstration=answer", "--category-map", CATEGORY_MAP)
    assert result.exit_code == 0, result.output
    records = load_records(out)
    rejects = [json.loads(line) for line in (tmp_path / "imported.rejects.jsonl").read_text().splitlines()]
    assert len(records) + len(rejects) == 34  # rows in == rows out + rejects
    assert len(rejects) == 6
    assert {r["data"]["uid"] for r in rejects} == {"s-29", "s-30", "s-31", "s-32", "s-33", "s-34"}
    assert {r["code"] for r in rejects} == {
        "missing prompt",
        "missing category",
        "unmapped category",
        "excluded category",
        "bad kind",
    }
    assert "wrote 28 records" in result.stdout
    assert "wrote 6 rejected rows" in result.stdout
    assert "unmapped category" in result.stderr and "Sexually Explicit" in result.stderr  # report with examples


def test_import_missing_file_exits_2(tmp_path: Path):
    result = invoke("import", tmp_path / "nope.csv", "--out", tmp_path / "o.jsonl", *MAPS)
    assert_clean_error(result, 2, "error: file not found", "nope.csv")
    assert not (tmp_path / "o.jsonl").exists()


@pytest.mark.parametrize(
    ("extra", "fragments"),
    [
        (["--map", "prompt"], ["expected FIELD=COLUMN"]),
        (["--map", "prompt=question", "--map", "category=topic"], ["category=topic", "source columns: uid, question"]),
        (["--map", "label=question"], ["unknown field 'label'"]),
        (
            ["--map", "prompt=question", "--category-map", str(FIXTURES / "category_map_bad.json")],
            ["hacking", "valid targets"],
        ),
        (["--map", "prompt=question", "--category-map", "/nonexistent/map.yaml"], ["category map not found"]),
    ],
)
def test_import_bad_mapping_exits_2_with_a_precise_message(tmp_path: Path, extra, fragments):
    result = invoke("import", CSV, "--out", tmp_path / "o.jsonl", *extra)
    assert_clean_error(result, 2, *fragments)


def test_balance_equalises_and_prints_the_tail(tmp_path: Path):
    imported = tmp_path / "imported.jsonl"
    assert invoke("import", CSV, "--out", imported, *MAPS, "--category-map", CATEGORY_MAP).exit_code == 0
    out = tmp_path / "balanced.jsonl"
    result = invoke("balance", imported, "--out", out, "--seed", "5")
    assert result.exit_code == 0, result.output
    cells = count_cells(load_records(out))
    assert set(cells.values()) == {2, 1}
    assert len(cells) == 14
    assert "harmful before" in result.stderr and "violence" in result.stderr
    up = invoke("balance", imported, "--out", tmp_path / "up.jsonl", "--mode", "up")
    assert up.exit_code == 0
    assert set(count_cells(load_records(tmp_path / "up.jsonl")).values()) == {5, 1}


def test_balance_impossible_target_exits_2(tmp_path: Path):
    imported = tmp_path / "imported.jsonl"
    invoke("import", CSV, "--out", imported, *MAPS, "--category-map", CATEGORY_MAP)
    result = invoke("balance", imported, "--out", tmp_path / "b.jsonl", "--harmful", "10")
    assert_clean_error(result, 2, "cannot balance harmful down to 10")


def test_validate_shipped_dataset_passes():
    result = invoke("validate", "--require-demos")
    assert result.exit_code == 0, result.output
    assert f"ok: {DEFAULT_DATASET}: 910 records valid" in result.stdout


def test_validate_lists_problems_with_id_and_field_and_exits_1(tmp_path: Path):
    imported = tmp_path / "imported.jsonl"
    invoke("import", CSV, "--out", imported, *MAPS, "--map", "demonstration=answer", "--category-map", CATEGORY_MAP)
    result = invoke("validate", imported, "--require-demos", "--max-problems", "5")
    assert result.exit_code == 1
    assert "s-02: demonstration: empty (required by --require-demos)" in result.stderr
    assert "split: not assigned" in result.stderr
    # 27 empty demos + 28 unassigned splits + 1 balance problem (harmful 5/3/4/3/2/2/2; benign all 1)
    assert f"{imported}: 56 problem(s):" in result.stderr
    assert "… and 51 more" in result.stderr
    lenient = invoke("validate", imported, "--allow-unsplit", "--no-check-balance")
    assert lenient.exit_code == 0, lenient.output  # empty demos are fine unless required; s-01's is valid CoD


def test_validate_reports_broken_lines(tmp_path: Path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "x-1", "category": "violence"}\nnot json\n')
    result = invoke("validate", path)
    assert result.exit_code == 1
    assert "x-1 (line 1): kind: Field required" in result.stderr
    assert "line 2: line: invalid JSON" in result.stderr


@pytest.mark.parametrize("command", ["validate", "stats", "balance", "dedup", "split"])
def test_missing_input_exits_2(tmp_path: Path, command):
    extra = ["--out", str(tmp_path / "o.jsonl")] if command in ("balance", "dedup", "split") else []
    extra += ["--no-diversity"] if command == "stats" else []
    result = invoke(command, tmp_path / "missing.jsonl", *extra)
    assert_clean_error(result, 2, "error: file not found", "missing.jsonl")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["dedup", "--threshold", "1.5"], "threshold must be in (0, 1]"),
        (["split", "--val", "0.6", "--test", "0.6"], "sum to 1"),
        (["validate", "--check-duplicates", "--threshold", "0"], "threshold must be in (0, 1]"),
    ],
)
def test_bad_numbers_exit_2_before_loading_the_encoder(tmp_path: Path, args, fragment):
    extra = ["--out", str(tmp_path / "o.jsonl")] if args[0] in ("dedup", "split") else []
    result = invoke(args[0], DEFAULT_DATASET, *extra, *args[1:])
    assert_clean_error(result, 2, fragment)


def test_stats_without_diversity_prints_the_table():
    result = invoke("stats", "--no-diversity")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "self_harm" in line and "benign" in line)
    assert [cell.strip() for cell in row.split("│")[3:7]] == ["24", "3", "3", "30"]
    assert "dataset: 910 records" in result.stdout


def test_stats_json(tmp_path: Path):
    result = invoke("stats", "--no-diversity", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["total"] == 910
    assert {(c["category"], c["kind"], c["total"]) for c in data["cells"]} >= {("hate", "harmful", 100)}


def test_unwritable_output_exits_2(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = invoke("balance", DEFAULT_DATASET, "--out", blocker / "out.jsonl")
    assert_clean_error(result, 2, "error: ", "a-file")
