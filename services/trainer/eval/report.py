"""report.md + results.png for `drirl eval` and `drirl demo`, laid out as lm-eval-harness and HarmBench lay out
results: a table per task (the test split, each benchmark, usefulness) with n, the metric, its value and its 95 %
interval, before → after when a baseline is given, and sample answers beside each table so the numbers can be read.

The judge's audit figures are a hook: pass ``audit`` (or put it in ``result["audit"]``) as the dict
:func:`services.trainer.eval.stats.agreement_summary` returns, optionally with ``"gold_file"`` (str) and
``"misses"`` (a list of ``{"prompt", "response", "gold", "judge"}``), and the report renders agreement with its
interval, κ overall and per label, the confusion matrix and the misses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from services.trainer.eval.metrics import ALL, METRICS, find_row, pick_samples
from services.trainer.eval.plots import Panel, Series, plot_panels, plot_run
from shared.categories import Category

SAMPLES_PER_TABLE = 10
MAX_MISSES = 20


class ReportError(ValueError):
    """A baseline that is not a report.json of this version."""


def check_result(result: dict[str, Any], what: str = "baseline") -> dict[str, Any]:
    from services.trainer.eval.evaluate import RESULT_FORMAT

    if not isinstance(result, dict) or result.get("format") != RESULT_FORMAT:
        raise ReportError(f"{what} is not a report.json of this version (format {RESULT_FORMAT}): re-run drirl eval")
    return result


# ------------------------------------------------------------------------------------------------ cells
def _v(p: dict[str, Any] | None) -> str:
    return "–" if p is None or p.get("n", 0) == 0 else f"{p['value']:.2f}"


def _ci(p: dict[str, Any] | None) -> str:
    return "–" if p is None or p.get("n", 0) == 0 else f"[{p['low']:.2f}, {p['high']:.2f}]"


def _cells(now: dict[str, Any] | None, before: dict[str, Any] | None, has_before: bool) -> list[str]:
    """(value, interval) cells; with a baseline "before → **after**" in both."""
    if not has_before:
        return [_v(now), _ci(now)]
    return [f"{_v(before)} → **{_v(now)}**", f"{_ci(before)} → {_ci(now)}"]


def _tokens(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in counts.items()) or "–"


def _text(s: str, n: int) -> str:
    s = " ".join(s.split()).replace("|", "/")
    return s if len(s) <= n else s[: n - 1] + "…"


# ------------------------------------------------------------------------------------------------ the headline
def headline(result: dict[str, Any]) -> list[tuple[str, dict[str, Any] | None]]:
    """The figures a reader looks at first: test split (greedy, sampled, RM judge), each benchmark, usefulness."""
    rows = result["metrics"]
    out: list[tuple[str, dict[str, Any] | None]] = []
    for src in result["sources"]:
        for metric, name in METRICS.items():
            row = find_row(rows, src["name"], ALL, metric)
            if row is None:
                continue
            out.append((f"{src['name']}: {name} (greedy)", row["greedy"]))
            if row["sampled"] is not None:
                out.append((f"{src['name']}: {name} (sampled)", row["sampled"]))
            if row["rm"] is not None:
                out.append((f"{src['name']}: {name} (RM judge)", row["rm"]))
    if result.get("usefulness"):
        out.append(("usefulness: accuracy", result["usefulness"]["accuracy"]))
        out.append(("usefulness: refusal rate", result["usefulness"]["refusal"]))
    return out


def headline_table(result: dict[str, Any], before: dict[str, Any] | None = None) -> str:
    """A markdown table of :func:`headline`, before → after when a baseline is given (lower is better except
    usefulness accuracy)."""
    prior = dict(headline(before)) if before is not None else {}
    lines = ["| measure | n | value | 95 % CI |", "|---|---|---|---|"]
    for name, p in headline(result):
        n = p["n"] if p else 0
        lines.append(f"| {name} | {n} | " + " | ".join(_cells(p, prior.get(name), before is not None)) + " |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------ sections
def metric_table(result: dict[str, Any], before: dict[str, Any] | None, source: str) -> list[str]:
    """The lines of one source's table: a row per (group, metric), greedy / sampled / RM judge with intervals."""
    rows = [r for r in result["metrics"] if r["source"] == source]
    has_sampled = any(r["sampled"] for r in rows)
    has_rm = any(r["rm"] for r in rows)
    k = result["settings"]["samples"]
    head = ["group", "metric", "n", "greedy", "±95 % CI"]
    if has_sampled:
        head += [f"sampled (k={k}, T={result['settings']['temperature']:g})", "±95 % CI"]
    if has_rm:
        head += ["RM judge (greedy)", "±95 % CI"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        old = find_row(before["metrics"], source, r["group"], r["metric"]) if before else None
        cells = [r["group"], METRICS[r["metric"]], str(r["n"])]
        cells += _cells(r["greedy"], old and old["greedy"], before is not None)
        if has_sampled:
            cells += _cells(r["sampled"], old and old["sampled"], before is not None)
        if has_rm:
            cells += _cells(r["rm"], old and old["rm"], before is not None)
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _verdict_table(result: dict[str, Any], source: str) -> list[str]:
    mix = result["verdicts"].get(source, {})
    verdicts = ["refusal", "harmful_compliance", "harmless_non_answer", "helpful"]
    lines = ["| prompts | n | " + " | ".join(verdicts) + " |", "|" + "---|" * (len(verdicts) + 2)]
    for kind in ("harmful", "benign"):
        if kind in mix:
            counts = mix[kind]
            lines.append(f"| {kind} | {sum(counts.values())} | " + " | ".join(str(counts[v]) for v in verdicts) + " |")
    return lines


def _mapping_table(src: dict[str, Any], items: list[dict[str, Any]]) -> list[str]:
    lines = ["| source category | our category | harmful | benign |", "|---|---|---|---|"]
    for cat, ours in src["mapping"].items():
        its = [i for i in items if i["source_category"] == cat]
        harmful = sum(i["harmful"] for i in its)
        lines.append(f"| {cat} | {ours} | {harmful} | {len(its) - harmful} |")
    return lines


def _samples_table(items: list[dict[str, Any]], before: dict[str, Any] | None) -> list[str]:
    prior = {(i["source"], i["prompt"]): i for i in before["items"]} if before else {}
    shown = pick_samples(items, "source_category", SAMPLES_PER_TABLE, balance_key="harmful")
    head = "| group | kind | prompt | answer (greedy) | verdict |"
    lines = [head + (" before: answer | before: verdict |" if before else ""), "|" + "---|" * (7 if before else 5)]
    for i in shown:
        kind = "harmful" if i["harmful"] else "benign"
        row = f"| {i['source_category']} | {kind} | {_text(i['prompt'], 90)} | {_text(i['response'], 180)} | "
        row += f"{i['verdict']} |"
        if before:
            old = prior.get((i["source"], i["prompt"]))
            row += f" {_text(old['response'], 180)} | {old['verdict']} |" if old else " – | – |"
        lines.append(row)
    return lines


def _usefulness_section(u: dict[str, Any], before_u: dict[str, Any] | None, has_before: bool) -> list[str]:
    lines = ["| group | n | accuracy | ±95 % CI |", "|---|---|---|---|"]
    groups = [("all", u["accuracy"], (before_u or {}).get("accuracy"))]
    groups += [(f"type: {t}", p, (before_u or {}).get("by_type", {}).get(t)) for t, p in u["by_type"].items()]
    groups += [(f"level: {lv}", p, (before_u or {}).get("by_level", {}).get(lv)) for lv, p in u["by_level"].items()]
    for name, p, old in groups:
        lines.append(f"| {name} | {p['n']} | " + " | ".join(_cells(p, old, has_before)) + " |")
    refusal = _cells(u["refusal"], (before_u or {}).get("refusal"), has_before)
    lines += ["", f"Refusal rate on these tasks (eval judge): {refusal[0]} {refusal[1]} (n = {u['refusal']['n']}).", ""]
    lines += ["| type | prompt | answer (greedy) | correct | verdict |", "|---|---|---|---|---|"]
    for i in pick_samples(u["items"], "type", SAMPLES_PER_TABLE, balance_key="correct"):
        lines.append(
            f"| {i['type']} | {_text(i['prompt'], 90)} | {_text(i['response'], 160)} | "
            f"{'yes' if i['correct'] else 'no'} | {i['verdict']} |"
        )
    return lines


def _audit_section(audit: dict[str, Any] | None) -> list[str]:
    if not audit:
        return [
            "No audit figures were given to this report: the eval judge's agreement with the hand-labelled gold file "
            "is measured by `services/trainer/eval/audit.py` and rendered here when passed in.",
        ]
    a = audit["agreement"]
    lines = [
        f"Gold file: `{audit.get('gold_file', '?')}` · n = {audit['n']} · agreement {_v(a)} {_ci(a)} · "
        f"Cohen's κ {audit['kappa']:.2f}",
        "",
        "| label | gold | judge | both | κ (one vs rest) |",
        "|---|---|---|---|---|",
    ]
    for label, p in audit["per_label"].items():
        lines.append(f"| {label} | {p['gold']} | {p['pred']} | {p['agree']} | {p['kappa']:.2f} |")
    labels = audit["labels"]
    lines += ["", "Confusion (rows: gold, columns: judge):", "", "| gold \\ judge | " + " | ".join(labels) + " |"]
    lines.append("|" + "---|" * (len(labels) + 1))
    for g in labels:
        lines.append(f"| {g} | " + " | ".join(str(audit["confusion"][g][p]) for p in labels) + " |")
    misses = audit.get("misses") or []
    if misses:
        lines += ["", f"Misses ({len(misses)}; first {min(len(misses), MAX_MISSES)}):", ""]
        lines += ["| gold | judge | prompt | response |", "|---|---|---|---|"]
        for m in misses[:MAX_MISSES]:
            lines.append(f"| {m['gold']} | {m['judge']} | {_text(m['prompt'], 80)} | {_text(m['response'], 160)} |")
    return lines


# ------------------------------------------------------------------------------------------------ the plot
def _series(result: dict[str, Any], label: str, keys: list[tuple[str, str, str]]) -> Series:
    rows = [find_row(result["metrics"], *k) for k in keys]
    greedy = [r["greedy"] if r else None for r in rows]
    sampled = [r["sampled"]["value"] if r and r["sampled"] else None for r in rows]
    return Series(
        label,
        [g and g["value"] for g in greedy],
        [g and g["low"] for g in greedy],
        [g and g["high"] for g in greedy],
        sampled if any(s is not None for s in sampled) else None,
    )


def _panels(result: dict[str, Any], before: dict[str, Any] | None) -> list[Panel]:
    runs = [("before", before), ("after", result)] if before else [(Path(result["policy"]).name, result)]
    panels = []
    cats = [ALL] + [c.value for c in Category]
    for metric, name in METRICS.items():
        keys = [("test", g, metric) for g in cats if find_row(result["metrics"], "test", g, metric)]
        if keys:
            series = [_series(r, label, keys) for label, r in runs]
            panels.append(Panel(f"test split: {name} (greedy; ◆ sampled)", [k[1] for k in keys], series, "sampled"))
    bench = [
        (s["name"], ALL, m)
        for s in result["sources"][1:]
        for m in METRICS
        if find_row(result["metrics"], s["name"], ALL, m)
    ]
    if bench:
        series = [_series(r, label, bench) for label, r in runs]
        groups = [f"{k[0]}: {METRICS[k[2]]}" for k in bench]
        panels.append(Panel("benchmarks (greedy; ◆ sampled)", groups, series, "sampled"))
    if result.get("usefulness"):
        groups = ["all", *result["usefulness"]["by_type"]]

        def useful(r: dict[str, Any], label: str) -> Series:
            u = r.get("usefulness") or {}
            ps = [u.get("accuracy") if g == "all" else u.get("by_type", {}).get(g) for g in groups]
            return Series(
                label, [p and p["value"] for p in ps], [p and p["low"] for p in ps], [p and p["high"] for p in ps]
            )

        panels.append(Panel("usefulness accuracy (higher is better)", groups, [useful(r, label) for label, r in runs]))
    return panels


# ------------------------------------------------------------------------------------------------ the report
def write_report(
    result: dict[str, Any],
    out_dir: Path,
    *,
    before: dict[str, Any] | None = None,
    run_dir: Path | None = None,
    audit: dict[str, Any] | None = None,
    title: str = "DR-IRL evaluation",
) -> Path:
    """Write report.json, report.md and results.png into ``out_dir``; return the path of report.md."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if audit is not None:
        result = result | {"audit": audit}
    (out_dir / "report.json").write_text(json.dumps(result, indent=1))
    s = result["settings"]
    md = [f"# {title}", ""]
    if before is not None:
        md.append(f"Before: `{before['policy']}` → after: `{result['policy']}`")
    else:
        md.append(f"Policy: `{result['policy']}`")
    md += [
        "",
        f"Judge: {result['judge']}. Greedy answers and {s['samples']} sampled per prompt at T = {s['temperature']:g}; "
        f"at most {s['max_new_tokens']} new tokens; engine {s['engine']}; limit {s['limit'] or 'none'}; "
        f"{result['seconds']:.0f} s, generated tokens {_tokens(result.get('generated_tokens') or {})}.",
        "",
        "Harmful compliance: share of harmful prompts whose answer gives what was asked (lower is better). "
        "Over-refusal: share of benign prompts refused (lower is better). Intervals are Wilson 95 %; a sampled "
        "figure counts each prompt once (the mean over its answers), so its interval is conservative.",
        "",
        "## Summary",
        "",
        headline_table(result, before),
        "",
    ]
    panels = _panels(result, before)
    if panels:
        png = plot_panels(panels, out_dir / "results.png")
        md += [f"![results]({png.name})", ""]
    md += ["## Judge audit", "", *_audit_section(result.get("audit")), ""]
    for src in result["sources"]:
        items = [i for i in result["items"] if i["source"] == src["name"]]
        if not items:
            continue
        md += [f"## {src['title']}", "", f"`{src['path']}` · {len(items)} prompts", ""]
        md += [*metric_table(result, before, src["name"]), ""]
        md += ["Verdicts of the greedy answers:", "", *_verdict_table(result, src["name"]), ""]
        if src["mapping"] is not None:
            md += ["Categories, mapped onto ours where obvious:", "", *_mapping_table(src, items), ""]
        if src["skipped"]:
            left = ", ".join(f"{k}: {v}" for k, v in src["skipped"].items())
            md += [f"Left out (HarmBench functional categories; `--harmbench-all` keeps them): {left}.", ""]
        md += ["Sample answers:", "", *_samples_table(items, before), ""]
    if result.get("usefulness"):
        md += ["## Usefulness", "", "Hand-written benign tasks with machine-checked answers.", ""]
        md += [*_usefulness_section(result["usefulness"], (before or {}).get("usefulness"), before is not None), ""]
    if result.get("thresholds"):
        md += [
            "## Reward-model judge thresholds",
            "",
            f"Calibrated on the val split with the base policy `{result['base_policy']}` (the same for before and "
            "after): a harmful prompt's answer is safe when r ≥ τ, a benign prompt's helpful when r ≥ β.",
            "",
            "| category | τ (harmful) | β (benign) |",
            "|---|---|---|",
        ]
        md += [f"| {c} | {t['harmful']:.3f} | {t['benign']:.3f} |" for c, t in result["thresholds"].items()] + [""]
    if run_dir is not None and (curves := plot_run(run_dir, out_dir / "curves.png")) is not None:
        md += ["## Training curves", "", f"![curves]({curves.name})", ""]
    path = out_dir / "report.md"
    path.write_text("\n".join(md) + "\n")
    return path
