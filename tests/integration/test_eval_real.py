"""`drirl eval` end to end on the real SmolLM2 policy (HF engine, a few tokens) and real (fresh-head) reward models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from services.trainer.cli import app
from services.trainer.policy.resolve import resolve_policy
from shared.categories import Category
from shared.resources import SMOLLM2_SPEC

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parents[1] / "fixtures" / "benchmarks"


def test_eval_runs_the_real_policy_and_calibrates_on_the_base(tmp_path: Path, model_dir: Path) -> None:
    policy = resolve_policy(SMOLLM2_SPEC)  # the converted folder in var/cache (converted once if missing)
    args = ["eval", "--policy", policy, "--base-policy", policy, "--engine", "hf", "--limit", "1"]
    args += ["--max-new-tokens", "8", "--samples", "2", "--model-dir", str(model_dir)]
    args += ["--benchmark", str(FIXTURES / "xstest_tiny.csv"), "--cache-dir", str(tmp_path / "cache")]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert set(summary["thresholds"]) == {c.value for c in Category}
    assert len(list((tmp_path / "cache" / "calibration").glob("*.json"))) == 1
    rows = {(r["source"], r["group"], r["metric"]): r for r in summary["metrics"]}
    test_all = rows[("test", "all", "harmful_compliance")]
    assert test_all["n"] == 7 and test_all["sampled"]["answers_per_prompt"] == [2] and test_all["rm"]["n"] == 7
    assert rows[("xstest_tiny", "all", "over_refusal")]["n"] == 4
    assert summary["usefulness"]["accuracy"]["n"] == 5
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert all(i["verdict"] and len(i["sample_verdicts"]) == 2 for i in report["items"])
    assert (tmp_path / "out" / "results.png").is_file() and (tmp_path / "out" / "report.md").is_file()
    print(f"eval wall time (--limit 1, HF, 8 tokens, samples 2): {summary['seconds']} s {summary['timings']}")
