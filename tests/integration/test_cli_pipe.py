"""`drirl … --json | …`: stdout carries only the result, whatever the libraries and child processes print."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.procs import REPO, ServerProc

pytestmark = pytest.mark.slow


def test_train_grpo_json_pipes_into_a_json_parser(live_server: ServerProc, tmp_path: Path):
    drirl = f"{shlex.quote(sys.executable)} -m services.trainer.cli"
    settings = "prompts_per_step=2 num_generations=2 max_new_tokens=8 eval_steps=0 tensorboard=false micro_batch_size=4"
    sets = " ".join(f"--set {s}" for s in settings.split())
    cmd = (
        f"set -o pipefail; {drirl} train grpo --server {live_server.url} --run-dir {tmp_path / 'run'} --max-steps 1 "
        f"--engine hf {sets} --json | {shlex.quote(sys.executable)} -c 'import json,sys; "
        "print(json.dumps(json.load(sys.stdin)))'"
    )
    out = subprocess.run(
        ["bash", "-c", cmd],
        cwd=REPO,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout)
    assert summary["steps"] == 1 and Path(summary["final_policy"]).is_dir()
    assert "GRPO-S" in out.stderr  # the progress bar went to stderr
