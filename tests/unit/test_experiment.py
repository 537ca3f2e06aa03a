"""The ablation's pure parts: figures of an eval report, mean ± sd over seeds, the table and the plots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.trainer.experiment import (
    ARMS,
    ablation_markdown,
    figures_of,
    mean_sd,
    plot_arms,
    plot_finals,
    summarize,
)


def _report(hc_s: float, hc_g: float, or_s: float | None, useful: float | None) -> dict:
    def cell(v: float | None) -> dict | None:
        return None if v is None else {"k": 0, "n": 10, "value": v, "low": 0.0, "high": 1.0}

    return {
        "metrics": [
            {
                "source": "test",
                "group": "all",
                "metric": "harmful_compliance",
                "n": 10,
                "greedy": cell(hc_g),
                "sampled": cell(hc_s),
                "rm": None,
            },
            {
                "source": "test",
                "group": "all",
                "metric": "over_refusal",
                "n": 10,
                "greedy": cell(0.1),
                "sampled": cell(or_s),
                "rm": None,
            },
            # another group and source must not be picked up
            {
                "source": "test",
                "group": "crime",
                "metric": "harmful_compliance",
                "n": 2,
                "greedy": cell(0.99),
                "sampled": cell(0.99),
                "rm": None,
            },
        ],
        "usefulness": None if useful is None else {"accuracy": cell(useful)},
    }


def test_mean_sd_is_the_sample_standard_deviation():
    assert mean_sd([0.2, 0.4, 0.6]) == pytest.approx((0.4, 0.2))
    assert mean_sd([1.0, 3.0]) == pytest.approx((2.0, 2**0.5))
    assert mean_sd([0.7]) == (0.7, 0.0)
    with pytest.raises(ValueError):
        mean_sd([])


def test_figures_of_reads_the_test_split_all_categories():
    f = figures_of(_report(0.3, 0.5, 0.2, 0.36))
    assert f == {
        "harmful compliance (sampled)": 0.3,
        "harmful compliance (greedy)": 0.5,
        "over-refusal (sampled)": 0.2,
        "over-refusal (greedy)": 0.1,
        "usefulness accuracy": 0.36,
    }
    missing = figures_of(_report(0.3, 0.5, None, None))
    assert missing["over-refusal (sampled)"] is None and missing["usefulness accuracy"] is None


def test_summarize_takes_mean_and_sd_over_seeds_skipping_missing_figures():
    per_run = {
        "none": {s: figures_of(_report(hc, 0.5, 0.2, None)) for s, hc in zip((0, 1, 2), (0.2, 0.4, 0.6), strict=True)},
        "both": {0: figures_of(_report(0.1, 0.3, None, 0.4))},
    }
    out = summarize(per_run)
    assert out["none"]["harmful compliance (sampled)"] == pytest.approx({"mean": 0.4, "sd": 0.2, "n": 3})
    assert out["none"]["over-refusal (greedy)"] == pytest.approx({"mean": 0.1, "sd": 0.0, "n": 3})
    assert "usefulness accuracy" not in out["none"]
    assert "over-refusal (sampled)" not in out["both"] and out["both"]["usefulness accuracy"]["n"] == 1
    md = ablation_markdown(out, steps=5, seeds=(0, 1, 2), model_dir=Path("m"), shared_model_dir=None, plots=[])
    row = next(line for line in md.splitlines() if line.startswith("| none |"))
    assert "0.400 ± 0.200" in row and row.endswith("| – |")


def test_arms_cover_the_papers_ablation():
    assert ARMS["none"] == {"scaling": "none"}
    assert ARMS["both"]["scaling_combine"] == "product" and ARMS["both-sum"]["scaling_combine"] == "sum"
    assert {"data", "model", "shared-rm"} <= set(ARMS)


def test_plots_are_written_from_run_dirs(tmp_path: Path):
    runs = {}
    for arm in ("none", "both"):
        runs[arm] = {}
        for seed in (0, 1):
            d = tmp_path / arm / f"seed{seed}"
            d.mkdir(parents=True)
            rows = [{"step": s, "reward/raw_mean": 0.1 * s + seed} for s in range(1, 6)]
            (d / "metrics.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
            runs[arm][seed] = d
    p = plot_arms(runs, tmp_path / "curve.png")
    summary = summarize({a: {0: figures_of(_report(0.2, 0.3, 0.1, 0.4))} for a in runs})
    q = plot_finals(summary, tmp_path / "finals.png")
    for path in (p, q):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000
