"""bench/bench_train.py end to end at a tiny size: the real MiniLM and SmolLM2, TRL 1.16's three trainers, two steps
per run (one warm-up, one measured), and a JSON that carries every figure the report prints."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest

from tests.support.procs import REPO

pytestmark = pytest.mark.slow

TINY = [
    *("--irl-pairs", "24", "--irl-epochs", "1", "--irl-batch-size", "8", "--irl-heldout-pairs", "16"),
    *("--sft-steps", "1", "--sft-batch-size", "1"),
    *("--grpo-steps", "1", "--grpo-prompts", "2", "--grpo-generations", "2", "--grpo-new-tokens", "4"),
    *("--grpo-micro-batch", "2", "--grpo-engine", "hf", "--reward", "known"),
]


def _finite_positive(x: object) -> bool:
    return isinstance(x, float) and math.isfinite(x) and x > 0


def test_bench_train_at_a_tiny_size_reports_every_figure(tmp_path):
    out = tmp_path / "train.json"
    cmd = [sys.executable, "bench/bench_train.py", "--phases", "irl,sft,grpo", "--json", str(out), *TINY]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    r = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-4000:]
    report = json.loads(out.read_text())
    assert report["dtype"] in ("float32", "bfloat16") and report["dtype_setting"] == "auto"
    assert report["cpu"]["model"] and report["versions"]["trl"] == "1.16.0" and report["git"]
    assert list(report["phases"]) == ["irl", "sft", "grpo"]
    for name, phase in report["phases"].items():
        for run in ("ours", "trl"):
            stats = phase[run]
            assert stats["steps_measured"] >= 1 and stats["warmup_steps"] == 1, (name, run, stats)
            for key in ("per_unit_s", "cpu_per_unit_s", "step_p50_s", "step_p99_s", "first_interval_s"):
                assert _finite_positive(stats[key]), (name, run, key, stats[key])
        assert _finite_positive(phase["ratio"]) and _finite_positive(phase["cpu_ratio"]), name
        assert phase["goal"] and "met" in phase and _finite_positive(phase["wall_s"]), name
    irl, sft, grpo = (report["phases"][k] for k in ("irl", "sft", "grpo"))
    assert irl["ratio_name"] == "trl/ours" and irl["goal"] == "goal >= 1.5"
    assert irl["ratio"] == pytest.approx(irl["trl"]["per_unit_s"] / irl["ours"]["per_unit_s"])
    assert all(0 <= irl["accuracy"][k] <= 1 for k in ("ours", "trl")) and isinstance(irl["accuracy"]["matches"], bool)
    assert irl["config"]["pairs"] >= 24 and irl["config"]["heldout_pairs"] == 16
    # both trained on every pair once per epoch, warm-up included
    assert irl["ours"]["units_total"] == irl["trl"]["units_total"] == irl["config"]["pairs"]
    assert sft["ratio_name"] == "ours/trl" and sft["goal"] == "no goal set" and sft["met"] is None
    assert sft["ours"]["units_measured"] == sft["trl"]["units_measured"] == 1
    assert sft["ours"]["units_total"] == sft["trl"]["units_total"] == 2
    assert grpo["ratio_name"] == "ours/trl" and grpo["goal"] == "goal <= 0.25"
    assert grpo["ratio"] == pytest.approx(grpo["ours"]["per_unit_s"] / grpo["trl"]["per_unit_s"])
    assert set(grpo["ours_stages_s"]) == {"generate", "score", "train", "sync"}
    assert grpo["config"]["engine"] == "hf" and grpo["reward"].startswith("stand-in")
    assert grpo["same_prompts"] is True  # step k of TRL's run scored the prompts of our step k
    lines = r.stdout.splitlines()
    assert lines[0].startswith("== bench_train · ours vs TRL 1.16.0 ·")
    for label in ("TRL/ours per pair", "ours/TRL per example", "ours/TRL per step", "held-out pair acc"):
        assert any(label in line for line in lines), (label, r.stdout)


@pytest.mark.parametrize("phase", ["irl", "sft", "grpo"])
def test_a_phase_with_each_loop_in_its_own_process(tmp_path, phase):
    out = tmp_path / f"{phase}.json"
    cmd = [sys.executable, "bench/bench_train.py", "--phases", phase, "--isolate", "--json", str(out), *TINY]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    r = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-4000:]
    result = json.loads(out.read_text())["phases"][phase]
    assert result["isolated_rounds"] == 1
    for run in ("ours", "trl"):  # each child's warm-up step dropped, the rest measured
        assert result[run]["steps_measured"] >= 1 and _finite_positive(result[run]["per_unit_s"]), result[run]
    for side in ("ours", "trl"):
        assert f"{phase}: round 1/1, {side} in its own process" in r.stderr
    assert "each loop in its own process" in r.stdout
    if phase == "grpo":
        assert result["ratio"] == pytest.approx(result["ours"]["per_unit_s"] / result["trl"]["per_unit_s"])
        assert result["same_prompts"] is True and set(result["ours_stages_s"]) == {"generate", "score", "train", "sync"}
        assert sum("ours/TRL per step" in line for line in r.stdout.splitlines()) == 1
    elif phase == "sft":
        assert result["ratio"] == pytest.approx(result["ours"]["per_unit_s"] / result["trl"]["per_unit_s"])
        assert result["ours"]["units_measured"] == result["trl"]["units_measured"] == 1  # bs 1, warm-up dropped
        assert sum("ours/TRL per example" in line for line in r.stdout.splitlines()) == 1
    else:
        assert result["ratio"] == pytest.approx(result["trl"]["per_unit_s"] / result["ours"]["per_unit_s"])
        assert all(0 <= result["accuracy"][k] <= 1 for k in ("ours", "trl"))
        assert {k: len(v) for k, v in result["accuracy_rounds"].items()} == {"ours": 1, "trl": 1}
        assert result["config"]["batch_by"] == "pair" and result["config"]["seed"] == 0
        assert result["config"]["ours_frozen_layers"] == 1
        assert "bs 8, ours by pair" in r.stdout and "the lowest layer" in r.stdout and "seeds 0" in r.stdout
        # one epoch each, its first step (the warm-up, which holds some pairs) dropped
        assert all(0 < result[k]["units_measured"] < result["config"]["pairs"] for k in ("ours", "trl"))
        assert sum("TRL/ours per pair" in line for line in r.stdout.splitlines()) == 1
