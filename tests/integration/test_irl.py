"""IRL on a small config (CPU, real SmolLM2 samples, real MiniLM reward models), then served by the real server."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from services.reward_server.app import create_app
from services.reward_server.settings import ServerSettings
from services.trainer.data.files import load_records
from services.trainer.data.schema import DEFAULT_DATASET, Kind
from services.trainer.irl.config import IRLConfig
from services.trainer.irl.train import irl_train, pick_records, sample_policy
from shared.categories import Category
from shared.cod import final_response
from shared.manifest import verify_model_dir

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("irl")
    cfg = IRLConfig(
        max_prompts_per_category=12,
        samples_per_prompt=2,
        max_new_tokens=32,
        epochs=3,
        # the demo's recipe (configs/demo.yaml): MiniLM's lower 2 layers frozen, run once per text
        freeze_layers=2,
        learning_rate=3e-4,
        engine="hf",
        run_dir=root / "run",
        seed=3,
    )
    result = irl_train(cfg, root / "models")
    return cfg, result


def test_loss_decreases_and_pairs_are_learned(trained):
    cfg, result = trained
    manifest, _ = verify_model_dir(result.model_dir)
    for cat, entry in manifest.categories.items():
        assert entry.trained
        curve = [p["loss"] for p in entry.training["rounds"][0]["curve"]]
        k = max(1, len(curve) // 3)
        assert np.mean(curve[-k:]) < np.mean(curve[:k]), f"{cat}: loss did not decrease"
        assert entry.training["pair_accuracy"] > 0.8, cat
        assert entry.training["data_sha256"] and entry.training["seed"] >= cfg.seed
    rows = [json.loads(line) for line in (cfg.run_dir / "metrics.jsonl").read_text().splitlines()]
    assert {r["category"] for r in rows} == {c.value for c in Category}


def test_served_model_prefers_demonstrations_on_held_out_prompts(trained):
    cfg, result = trained
    # all ten harmful test prompts per category: with three, one unlucky sample decided the test
    held_out = [r for r in pick_records(load_records(DEFAULT_DATASET), "test", None) if r.kind == Kind.HARMFUL]
    samples = sample_policy(cfg, held_out, 1, seed=123)
    with TestClient(create_app(ServerSettings(model_dir=result.model_dir))) as client:
        for cat in Category:
            recs = [r for r in held_out if r.category == cat]
            items = []
            for r in recs:
                items += [
                    {"prompt": r.prompt, "response": final_response(r.demonstration), "category": cat.value},
                    {"prompt": r.prompt, "response": samples[r.id][0], "category": cat.value},
                ]
            res = client.post("/score", json={"items": items, "scale": False}).json()["results"]
            wins = [res[2 * i]["raw_reward"] > res[2 * i + 1]["raw_reward"] for i in range(len(recs))]
            assert len(wins) == 10
            assert np.mean(wins) >= 0.7, f"{cat}: demonstration preferred on {np.mean(wins):.2f} of held-out prompts"


def test_irl_is_deterministic_under_a_seed(trained, tmp_path: Path):
    cfg, _ = trained
    small = cfg.model_copy(
        update={"max_prompts_per_category": 2, "max_new_tokens": 16, "epochs": 1, "run_dir": tmp_path / "a"}
    )
    v1 = irl_train(small, tmp_path / "m1").per_category
    v2 = irl_train(small.model_copy(update={"run_dir": tmp_path / "b"}), tmp_path / "m2").per_category
    assert {c: v["pair_accuracy"] for c, v in v1.items()} == {c: v["pair_accuracy"] for c, v in v2.items()}
    m1, _ = verify_model_dir(tmp_path / "m1")
    m2, _ = verify_model_dir(tmp_path / "m2")
    assert all(m1.categories[c].sha256 == m2.categories[c].sha256 for c in Category)


def test_shared_model_serves_one_reward_model_for_every_category(tmp_path: Path):
    """The paper's shared-reward-model ablation: one model trained on all categories' pairs, behind all seven."""
    cfg = IRLConfig(
        max_prompts_per_category=4,
        samples_per_prompt=1,
        max_new_tokens=16,
        epochs=1,
        engine="hf",
        run_dir=tmp_path / "run",
        shared_model=True,
        seed=5,
    )
    result = irl_train(cfg, tmp_path / "models")
    manifest = json.loads((tmp_path / "models" / "manifest.json").read_text())
    digests = {manifest["categories"][c.value]["sha256"] for c in Category}
    assert len(digests) == 1, "the seven folders must hold the same weights"
    # trained on every category's pairs at once: one pair count, the sum of what per-category models would see
    pairs = {v["pairs"] for v in result.per_category.values()}
    assert len(pairs) == 1 and pairs.pop() > 7 * 4
    logged = {json.loads(line)["category"] for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()}
    assert logged == {"shared"}
