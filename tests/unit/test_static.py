"""The conventions CI enforces besides behaviour: ruff-clean, and mypy-clean on the contract and the pure math."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TYPED = [
    "shared",
    "services/reward_server/scaler.py",
    "services/trainer/grpo/advantages.py",
    "services/trainer/grpo/loss.py",
    "services/trainer/irl/losses.py",
]


@pytest.mark.skipif(shutil.which("ruff", path=str(Path(sys.executable).parent)) is None, reason="ruff not installed")
def test_ruff_clean():
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "check", "."], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout[-3000:]


@pytest.mark.slow
def test_mypy_clean_on_contract_and_math():
    pytest.importorskip("mypy")
    proc = subprocess.run([sys.executable, "-m", "mypy", *TYPED], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
