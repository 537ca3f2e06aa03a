"""IRL with frozen lower layers against IRL without, on the pairs of a finished run (README "Training", demo IRL).

Reads the IRL config and the policy samples of a model directory written by ``drirl irl train`` or ``make run``
(``--model-dir``, default the demo's ``var/demo/models/round1``), rebuilds each category's training pairs exactly as
that run did, and trains each category's reward model once per variant ``N:LR`` (``freeze_layers`` N, learning rate
LR; ``0:1e-4`` is IRLConfig's default), each from the same seeded head, taking turns category by category so that
every variant meets the same machine. Held-out: the test split's evaluation pairs (as ``drirl irl eval`` builds
them) on 2 fresh samples per prompt from the same policy, drawn once and cached beside the run
(``bench-heldout-samples.json``). Prints per category and variant the training seconds and held-out pair accuracy,
then each variant's mean and its time ratio against the first variant of this run.

    python bench/bench_irl_frozen.py --variants 0:1e-4,2:3e-4 --json var/bench/irl_frozen.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np


def parse_variants(text: str) -> list[tuple[int, float]]:
    """``"0:1e-4,2:3e-4"`` → ``[(0, 1e-4), (2, 3e-4)]``; SystemExit naming a bad entry."""
    out = []
    for part in text.split(","):
        n, _, lr = part.partition(":")
        try:
            out.append((int(n), float(lr)))
        except ValueError:
            raise SystemExit(f"--variants: {part!r} is not N:LR (e.g. 2:3e-4)") from None
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", type=Path, default=Path("var/demo/models/round1"))
    ap.add_argument("--variants", default="0:1e-4,2:3e-4", help="freeze_layers:learning_rate, comma-separated")
    ap.add_argument("--categories", default="all", help="comma-separated, or all")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args(argv)
    variants = parse_variants(args.variants)

    from services.trainer.data.files import load_records
    from services.trainer.eval.refusal import EVAL_REFUSALS, is_refusal
    from services.trainer.irl.config import IRLConfig
    from services.trainer.irl.model_dir import fresh_reward_model, rm_scores
    from services.trainer.irl.pairs import build_eval_pairs
    from services.trainer.irl.train import (
        pick_records,
        sample_policy,
        train_reward_model,
        training_pairs,
        worded_refusals,
    )
    from shared.categories import Category

    manifest = args.model_dir / "manifest.json"
    if not manifest.is_file():
        raise SystemExit(f"--model-dir: no manifest.json in {args.model_dir} (run `make run` or `drirl irl train`)")
    entry = next(iter(json.loads(manifest.read_text())["categories"].values()))
    cfg = IRLConfig.model_validate(entry["training"]["config"])
    if cfg.rounds != 1 or cfg.shared_model or cfg.init_from is not None:
        raise SystemExit("the bench rebuilds one round of per-category models from fresh heads; this run is not one")
    samples_file = cfg.run_dir / "samples-round1.jsonl"
    if not samples_file.is_file():
        raise SystemExit(f"no policy samples at {samples_file}: the run's run_dir is gone")
    cats = list(Category) if args.categories == "all" else [Category(c) for c in args.categories.split(",")]

    records = load_records(cfg.data)
    train = pick_records(records, "train", cfg.max_prompts_per_category)
    samples = {}
    for line in samples_file.read_text().splitlines():
        row = json.loads(line)
        samples[row["id"]] = row["samples"]
    pairs = training_pairs(cfg, train, samples, worded_refusals(records), cfg.seed * 1000 + 1)  # irl_train's round 1
    held_file = args.model_dir.parent / "bench-heldout-samples.json"
    test = pick_records(records, "test", None)
    if held_file.is_file():
        held = json.loads(held_file.read_text())
    else:
        held = sample_policy(cfg, test, 2, seed=cfg.seed + 99_991)
        held_file.write_text(json.dumps(held))
    eval_pairs = build_eval_pairs(test, held, refusals=EVAL_REFUSALS, is_refusal=is_refusal, seed=cfg.seed)

    rows = []
    for cat in cats:
        i = list(Category).index(cat)
        ps = [p for p in pairs if p.category == cat]
        es = [p for p in eval_pairs if p.category == cat]
        for n, lr in variants:
            model, tok = fresh_reward_model(cfg.backbone, cfg.seed + i)
            run = cfg.model_copy(update={"freeze_layers": n, "learning_rate": lr})
            t = time.perf_counter()
            result = train_reward_model(model, tok, ps, run, seed=cfg.seed * 1000 + 1 + i)
            seconds = time.perf_counter() - t
            chosen = rm_scores(model, tok, [p.prompt for p in es], [p.chosen for p in es])
            rejected = rm_scores(model, tok, [p.prompt for p in es], [p.rejected for p in es])
            row = {
                "category": cat.value,
                "freeze_layers": n,
                "learning_rate": lr,
                "train_s": round(seconds, 1),
                "pairs": len(ps),
                "train_pair_accuracy": round(result["pair_accuracy"], 3),
                "heldout_pairs": len(es),
                "heldout_pair_accuracy": round(float(np.mean(chosen > rejected)), 3),
            }
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)

    print(f"{'category':<15} {'N:lr':>9} {'train s':>8} {'train acc':>9} {'held-out acc':>12}")
    for r in rows:
        print(
            f"{r['category']:<15} {r['freeze_layers']}:{r['learning_rate']:<7g} {r['train_s']:>8.1f} "
            f"{r['train_pair_accuracy']:>9.3f} {r['heldout_pair_accuracy']:>12.3f}"
        )
    summary = []
    first = None
    for n, lr in variants:
        mine = [r for r in rows if (r["freeze_layers"], r["learning_rate"]) == (n, lr)]
        mean_s = float(np.mean([r["train_s"] for r in mine]))
        first = first or mean_s
        summary.append(
            {
                "variant": f"{n}:{lr:g}",
                "mean_train_s": round(mean_s, 1),
                "speed_vs_first": round(first / mean_s, 2),
                "mean_heldout_pair_accuracy": round(float(np.mean([r["heldout_pair_accuracy"] for r in mine])), 3),
            }
        )
        print(
            f"variant {n}:{lr:g}: {mean_s:.1f} s per category ({first / mean_s:.2f}x the first variant), "
            f"held-out pair accuracy {summary[-1]['mean_heldout_pair_accuracy']:.3f} (mean of {len(mine)})"
        )
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"config": cfg.model_dump(mode="json"), "rows": rows, "summary": summary}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
