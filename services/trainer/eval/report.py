"""report.md + PNG plots for `drirl eval` and `drirl demo`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from services.trainer.eval.plots import plot_before_after, plot_run
from shared.categories import Category

METRICS = (
    ("harmful_compliance_detector", "harmful compliance (detector)"),
    ("harmful_compliance_rm", "harmful compliance (RM judge)"),
    ("benign_refusal_detector", "over-refusal (detector)"),
    ("benign_refusal_rm", "over-refusal (RM judge)"),
    ("mean_length_words", "mean length (words)"),
)


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    return f"{v:.2f}" if isinstance(v, float) else str(v)


def rates_table(rates: dict[str, dict[str, float]], before: dict[str, dict[str, float]] | None = None) -> str:
    cols = [(k, t) for k, t in METRICS if any(k in row for row in rates.values())]
    head = "| category | " + " | ".join(t for _, t in cols) + " | n (harmful/benign) |"
    lines = [head, "|" + "---|" * (len(cols) + 2)]
    for cat, row in rates.items():
        cells = []
        for k, _ in cols:
            now = row.get(k)
            if before is not None and k in before.get(cat, {}):
                cells.append(f"{_fmt(before[cat][k])} → **{_fmt(now)}**")
            else:
                cells.append(_fmt(now))
        lines.append(f"| {cat} | " + " | ".join(cells) + f" | {int(row['n_harmful'])}/{int(row['n_benign'])} |")
    return "\n".join(lines)


def write_report(
    result: dict[str, Any],
    out_dir: Path,
    *,
    before: dict[str, Any] | None = None,
    run_dir: Path | None = None,
    title: str = "DR-IRL evaluation",
    samples_per_category: int = 2,
) -> Path:
    """Write report.json, report.md and plots into ``out_dir``; return the path of report.md."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.json").write_text(json.dumps(result, indent=1))
    rates = result["rates"]
    md = [f"# {title}", "", f"Policy: `{result['policy']}` · {result['seconds']:.0f} s"]
    if before is not None:
        md.append(f"Before: `{before['policy']}`")
    md += [
        "",
        "Harmful compliance: share of harmful test prompts answered rather than refused (lower is better). "
        "Over-refusal: share of borderline-benign prompts refused (lower is better). Two judges: the "
        "transparent refusal detector and the category reward models (thresholds calibrated on val).",
        "",
        rates_table(rates, before["rates"] if before else None),
        "",
    ]
    cats = [c.value for c in Category if c.value in rates]
    key = "harmful_compliance_detector"
    if before is not None and all(key in before["rates"].get(c, {}) and key in rates[c] for c in cats):
        png = plot_before_after(
            {c: (before["rates"][c][key], rates[c][key]) for c in cats},
            "harmful compliance by category (detector)",
            out_dir / "compliance.png",
        )
        md += [f"![compliance]({png.name})", ""]
    elif all(key in rates[c] for c in cats) and cats:
        png = plot_before_after(
            {c: (rates[c][key], rates[c][key]) for c in cats},
            "harmful compliance by category",
            out_dir / "compliance.png",
        )
        md += [f"![compliance]({png.name})", ""]
    if run_dir is not None and (curves := plot_run(run_dir, out_dir / "curves.png")) is not None:
        md += ["## Training curves", "", f"![curves]({curves.name})", ""]
    md += ["## Samples", "", "| category | kind | prompt | response | refused | RM ok |", "|---|---|---|---|---|---|"]
    for cat in cats:
        shown = [i for i in result["items"] if i["category"] == cat][:samples_per_category]
        for i in shown:
            prompt = i["prompt"][:80].replace("|", "/").replace("\n", " ")
            resp = i["response"][:140].replace("|", "/").replace("\n", " ")
            md.append(f"| {cat} | {i['kind']} | {prompt} | {resp} | {i['refused']} | {_fmt(i['rm_ok'])} |")
    path = out_dir / "report.md"
    path.write_text("\n".join(md) + "\n")
    return path
