"""Reward-model forward per runtime, in one process: pairs/s of ``ModelBank.score`` at bs64 and the ratio to eager
torch measured in the same rounds (phases interleaved, medians of per-round ratios; the host drifts).

    python bench/bench_runtimes.py --dtype float32 --runtimes torch torch-compile
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_server import ensure_model_dir
from bench.common import REPO, cores, git_sha, med, pair, write_json
from shared.categories import Category
from shared.model_bank import ModelBank
from shared.runtimes import RUNTIMES


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", type=Path, default=REPO / "var/models/bench")
    ap.add_argument("--runtimes", nargs="+", default=["torch", "torch-compile"], choices=RUNTIMES)
    ap.add_argument("--dtype", default="auto", choices=("auto", "float32", "bfloat16"))
    ap.add_argument("--batches", type=int, default=8, help="batches of 64 pairs per runtime and round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if "torch" not in args.runtimes:
        ap.error("--runtimes must include torch, the baseline of every ratio")
    model_dir = ensure_model_dir(args.model_dir)
    banks, load_s = {}, {}
    for r in args.runtimes:
        t0 = time.perf_counter()
        banks[r] = ModelBank(model_dir, runtime=r, dtype=args.dtype, max_batch_tokens=None)
        load_s[r] = time.perf_counter() - t0
        print(f"{r}: loaded in {load_s[r]:.1f} s", file=sys.stderr)
    pairs = [pair(i) for i in range(64 * args.batches)]
    rows = []
    for rnd in range(args.rounds):
        row = {}
        for r, bank in banks.items():
            t0 = time.perf_counter()
            for j in range(0, len(pairs), 64):
                chunk = pairs[j : j + 64]
                bank.score(Category.VIOLENCE, [p for p, _ in chunk], [q for _, q in chunk])
            row[r] = len(pairs) / (time.perf_counter() - t0)
        rows.append(row)
        print(f"round {rnd + 1}: " + "  ".join(f"{k} {v:.1f}" for k, v in row.items()), file=sys.stderr)
    dtype = str(banks["torch"].dtype).removeprefix("torch.")
    print(f"== ModelBank.score, bs64, ~57 tok/pair · {dtype} · {args.rounds} rounds · {cores()} cores · {git_sha()} ==")
    for r in banks:
        ratio = med([row[r] / row["torch"] for row in rows])
        print(f"{r:14s} {med([row[r] for row in rows]):8.1f} pairs/s  {ratio:.2f}x torch  (load {load_s[r]:.1f} s)")
    write_json(args.json, {"dtype": dtype, "rounds": rows, "load_s": load_s, "git": git_sha(), "cores": cores()})


if __name__ == "__main__":
    main()
