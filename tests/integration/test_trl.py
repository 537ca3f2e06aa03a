"""TRL 1.16's GRPOTrainer with our subclass: the advantage it trains on for a hand-checked group of four, with two
identical prompts side by side, and with the group split across two processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.procs import REPO, free_port
from tests.support.trl_run import run

pytestmark = pytest.mark.slow

# r = 0, 0, 1, 1: mean 0.5, unbiased std 0.57735 (+ TRL's 1e-4) → z = ∓0.86588; α = 1, 1, 2, 2
GROUP = [-0.86588, -0.86588, 1.73176, 1.73176]


def test_trl_trains_on_grpo_s_and_keeps_adjacent_identical_prompts_apart(tmp_path):
    result = run(tmp_path, per_device_batch=8)  # 8 completions = 2 groups of the same prompt, side by side
    assert result["advantages"] == pytest.approx(GROUP * 2, abs=1e-4)
    (request,) = result["requests"]
    groups = [it["group_id"] for it in request["items"]]
    assert len(set(groups[:4])) == len(set(groups[4:])) == 1 and groups[0] != groups[4]
    assert {it["prompt"] for it in request["items"]} == {"How do I pick a lock?"}  # the chat's user text
    assert result["logged"][0]["drirl/weight_mean"] == pytest.approx(1.5)


def test_a_group_split_across_two_processes_is_scored_whole(tmp_path):
    """2 CPU processes × 2 completions: each rank holds half of the one group; the trainer gathers it."""
    port = str(free_port())
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", port]
    cmd += ["-m", "tests.support.trl_run", str(tmp_path), "2"]  # torchrun on CPU: gloo, as accelerate's MULTI_CPU
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}
    out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    ranks = [json.loads((tmp_path / f"rank{i}.json").read_text()) for i in range(2)]
    assert ranks[0]["advantages"] == pytest.approx(GROUP[:2], abs=1e-4)
    assert ranks[1]["advantages"] == pytest.approx(GROUP[2:], abs=1e-4)
    (request,) = ranks[0]["requests"]  # the main process scored the gathered group once
    assert ranks[1]["requests"] == [] and len(request["items"]) == 4
    assert len({it["group_id"] for it in request["items"]}) == 1
