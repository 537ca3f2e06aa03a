"""The data tools with the real encoder (all-MiniLM-L6-v2, loaded once per process by ``get_encoder``).

Covers the acceptance checks that need embeddings: no near-duplicate across the shipped splits, the build script
reproduces the shipped file, and the import → balance → dedup → split round trip on a small fixture.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from services.trainer.commands.data import app
from services.trainer.data import DEFAULT_DATASET, Split, load_records
from services.trainer.data.dedup import cross_split_duplicates, near_duplicate_pairs
from services.trainer.data.embeddings import PromptEncoder, get_encoder

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "data"
CSV = FIXTURES / "source_taxonomy.csv"
MAPS = ["--map", "prompt=question", "--map", "category=label", "--map", "kind=safety", "--map", "id=uid"]
runner = CliRunner()


@pytest.fixture(scope="session")
def encoder() -> PromptEncoder:
    return get_encoder()


def invoke(*args: str | Path):
    result = runner.invoke(app, [str(a) for a in args])
    return result


def test_shipped_splits_share_no_near_duplicate(encoder: PromptEncoder):
    records = load_records(DEFAULT_DATASET)
    emb = encoder.encode([r.prompt for r in records])
    assert emb.shape == (910, 384)
    assert cross_split_duplicates(records, emb, threshold=0.95) == []
    sims = emb @ emb.T
    splits = np.array([r.split.value for r in records])
    across = sims[splits[:, None] != splits[None, :]]
    assert 0.5 < across.max() < 0.95  # the check sees real similarity, just none at the threshold
    assert near_duplicate_pairs(emb, threshold=0.95) == []  # dedup ran before splitting, so none within either


def test_build_script_reproduces_the_shipped_file(encoder: PromptEncoder, capsys):
    spec = importlib.util.spec_from_file_location("build_dataset", ROOT / "data" / "src" / "build_dataset.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_validate_check_duplicates_on_the_shipped_dataset(encoder: PromptEncoder):
    result = invoke("validate", "--require-demos", "--check-duplicates")
    assert result.exit_code == 0, result.output
    assert "910 records valid" in result.stdout


def test_import_balance_dedup_split_round_trip(tmp_path: Path, encoder: PromptEncoder):
    imported, balanced, deduped = tmp_path / "imported.jsonl", tmp_path / "balanced.jsonl", tmp_path / "deduped.jsonl"
    result = invoke("import", CSV, "--out", imported, *MAPS, "--category-map", FIXTURES / "category_map.yaml")
    assert result.exit_code == 0, result.output
    rejects = (tmp_path / "imported.rejects.jsonl").read_text().splitlines()
    assert len(load_records(imported)) + len(rejects) == 34

    # dedup straight after import finds exactly the planted pair (s-12 repeats s-11 with '??')
    report = tmp_path / "removed.jsonl"
    result = invoke("dedup", imported, "--out", tmp_path / "direct.jsonl", "--report", report)
    assert result.exit_code == 0, result.output
    removed = [json.loads(line) for line in report.read_text().splitlines()]
    assert [(r["removed"], r["kept"]) for r in removed] == [("s-12", "s-11")]
    assert removed[0]["cosine"] >= 0.95
    assert "s-12" in result.stderr

    assert invoke("balance", imported, "--out", balanced, "--seed", "1").exit_code == 0
    result = invoke("dedup", balanced, "--out", deduped, "--report", report)
    assert result.exit_code == 0, result.output
    kept, before = load_records(deduped), load_records(balanced)
    n_removed = len(report.read_text().splitlines())
    assert len(kept) + n_removed == len(before)  # nothing lost without a report line
    assert near_duplicate_pairs(encoder.encode([r.prompt for r in kept]), threshold=0.95) == []

    final = tmp_path / "split.jsonl"
    result = invoke("split", imported, "--out", final, "--val", "0.25", "--test", "0.25", "--seed", "2")
    assert result.exit_code == 0, result.output
    records = load_records(final)
    assert all(r.split is not None for r in records)
    assert cross_split_duplicates(records, encoder.encode([r.prompt for r in records]), threshold=0.95) == []
    s11, s12 = (next(r for r in records if r.id == i) for i in ("s-11", "s-12"))
    assert s11.split == s12.split  # the near-duplicate pair stays together
    violence_harmful = [r.split for r in records if r.category == "violence" and r.kind == "harmful"]
    assert sorted(violence_harmful) == sorted([Split.TRAIN] * 3 + [Split.VAL, Split.TEST])  # 5 -> 3/1/1


def test_stats_with_diversity_and_plot(tmp_path: Path, encoder: PromptEncoder):
    imported = tmp_path / "imported.jsonl"
    invoke("import", CSV, "--out", imported, *MAPS, "--category-map", FIXTURES / "category_map.yaml")
    plot = tmp_path / "stats.png"
    result = invoke("stats", imported, "--plot", plot)
    assert result.exit_code == 0, result.output
    assert "prompt diversity per category" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("│ violence") and "harmful" in line)
    cos = float(row.split("│")[-5])
    assert 0.0 < cos < 1.0
    assert plot.read_bytes()[:4] == b"\x89PNG"


def test_import_from_a_saved_datasets_folder(tmp_path: Path):
    import datasets
    import pandas as pd

    frame = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    single = tmp_path / "single"
    datasets.Dataset.from_pandas(frame).save_to_disk(str(single))
    out = tmp_path / "o.jsonl"
    result = invoke("import", single, "--out", out, *MAPS, "--category-map", FIXTURES / "category_map.yaml")
    assert result.exit_code == 0, result.output
    assert len(load_records(out)) == 28

    multi = tmp_path / "multi"
    ds = datasets.Dataset.from_pandas(frame)
    datasets.DatasetDict({"train": ds.select(range(20)), "test": ds.select(range(20, 34))}).save_to_disk(str(multi))
    result = invoke("import", multi, "--out", out, *MAPS)
    assert result.exit_code == 2
    assert "splits ['train', 'test']; choose one with --hf-split" in result.stderr
    result = invoke(
        "import", multi, "--out", out, *MAPS, "--category-map", FIXTURES / "category_map.yaml", "--hf-split", "test"
    )
    assert result.exit_code == 0, result.output
    assert len(load_records(out)) + len((tmp_path / "o.rejects.jsonl").read_text().splitlines()) == 14
