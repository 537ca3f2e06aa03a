"""Reward-model forward per runtime, in one process: pairs/s of ``ModelBank.score`` at bs64 and the ratio to eager
torch measured in the same rounds (phases interleaved, medians of per-round ratios; the host drifts).

A runtime written ``NAME:S`` runs with S forward streams (``ModelBank(streams=S)``, the server's
``DRIRL_FORWARD_STREAMS``): S threads each forward their own batches, as the server's batcher does under load.

    python bench/bench_runtimes.py --dtype float32 --runtimes torch torch-compile
    python bench/bench_runtimes.py --dtype float32 --batch 32 --runtimes torch torch:2 openvino openvino:2
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch

from bench.bench_server import ensure_model_dir
from bench.common import REPO, cores, git_sha, med, pair, write_json
from shared.categories import Category
from shared.model_bank import ModelBank
from shared.runtimes import RUNTIMES


def runtime_spec(text: str) -> tuple[str, int]:
    """``NAME`` or ``NAME:STREAMS`` → (runtime, streams)."""
    name, _, streams = text.partition(":")
    if name not in RUNTIMES or (streams and not (streams.isdigit() and int(streams) >= 1)):
        raise argparse.ArgumentTypeError(f"{text!r}: expected one of {', '.join(RUNTIMES)}, optionally :STREAMS")
    return name, int(streams or 1)


def forward_all(bank: ModelBank, pairs: list[tuple[str, str]], batch: int) -> None:
    """Every batch of ``pairs`` through ``bank.score``, on ``bank.streams`` threads taking batches in turn."""
    chunks = [pairs[j : j + batch] for j in range(0, len(pairs), batch)]
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                if not chunks:
                    return
                chunk = chunks.pop()
            bank.score(Category.VIOLENCE, [p for p, _ in chunk], [q for _, q in chunk])

    threads = [threading.Thread(target=worker) for _ in range(bank.streams)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", type=Path, default=REPO / "var/models/bench")
    ap.add_argument(
        "--runtimes", nargs="+", type=runtime_spec, default=[("torch", 1), ("torch-compile", 1)], metavar="NAME[:S]"
    )
    ap.add_argument("--dtype", default="auto", choices=("auto", "float32", "bfloat16"))
    ap.add_argument("--batch", type=int, default=64, help="pairs per forward")
    ap.add_argument("--batches", type=int, default=8, help="batches per runtime and round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if ("torch", 1) not in args.runtimes:
        ap.error("--runtimes must include torch, the baseline of every ratio")
    model_dir = ensure_model_dir(args.model_dir)
    torch_threads = torch.get_num_threads()
    banks, load_s = {}, {}
    for r, streams in dict.fromkeys(args.runtimes):
        name = r if streams == 1 else f"{r}:{streams}"
        t0 = time.perf_counter()
        banks[name] = ModelBank(model_dir, runtime=r, dtype=args.dtype, max_batch_tokens=None, streams=streams)
        load_s[name] = time.perf_counter() - t0
        print(f"{name}: loaded in {load_s[name]:.1f} s", file=sys.stderr)
    pairs = [pair(i) for i in range(args.batch * args.batches)]
    rows = []
    for rnd in range(args.rounds):
        row = {}
        for name, bank in banks.items():
            # torch's thread count is process-wide: each torch bank's own (a streamed one set its share at load)
            torch.set_num_threads(bank.stream_threads if bank.streams > 1 else torch_threads)
            t0 = time.perf_counter()
            forward_all(bank, pairs, args.batch)
            row[name] = len(pairs) / (time.perf_counter() - t0)
        rows.append(row)
        print(f"round {rnd + 1}: " + "  ".join(f"{k} {v:.1f}" for k, v in row.items()), file=sys.stderr)
    dtype = str(banks["torch"].dtype).removeprefix("torch.")
    print(
        f"== ModelBank.score, bs{args.batch}, ~57 tok/pair · {dtype} · {args.rounds} rounds · {cores()} cores · "
        f"{git_sha()} =="
    )
    for name in banks:
        ratio = med([row[name] / row["torch"] for row in rows])
        rate = med([row[name] for row in rows])
        print(f"{name:16s} {rate:8.1f} pairs/s  {ratio:.2f}x torch  (load {load_s[name]:.1f} s)")
    write_json(args.json, {"dtype": dtype, "rounds": rows, "load_s": load_s, "git": git_sha(), "cores": cores()})


if __name__ == "__main__":
    main()
