"""GRPO-S's optimize part with the frozen lower layers run once against the whole forward twice (README "Training").

One GRPO-S batch as the demo trains it: ``--prompts`` train prompts × ``--generations`` completions of 40-64 random
tokens, micro-batch ``--micro-batch``, SmolLM2-135M with LoRA r16 on the top ``--lora-layers`` layers. Each variant
does what ``GRPOSTrainer._optimize`` does for that batch: the reference's log-probabilities (adapter disabled, no
autograd), then the policy's forward and backward per micro-batch; ``shared`` first runs the layers below the adapter
once per micro-batch (``frozen_lower``) and both forwards from their output, ``whole`` runs both forwards whole. The
two take turns, after one warm-up each; prints the best and every timing and the ratio whole/shared.

    python bench/bench_frozen_lower.py --dtype auto --rounds 4
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dtype", choices=("auto", "float32", "bfloat16"), default="auto")
    ap.add_argument("--rounds", type=int, default=4, help="timed rounds of each variant, in turns")
    ap.add_argument("--prompts", type=int, default=8)
    ap.add_argument("--generations", type=int, default=4)
    ap.add_argument("--micro-batch", type=int, default=8)
    ap.add_argument("--lora-layers", type=int, default=10, help="the demo's (configs/demo.yaml)")
    args = ap.parse_args(argv)
    for flag in ("rounds", "prompts", "generations", "micro_batch", "lora_layers"):
        if getattr(args, flag) < 1:
            ap.error(f"--{flag.replace('_', '-')} must be >= 1, got {getattr(args, flag)}")

    import torch

    from bench.common import git_sha
    from services.trainer.config import GRPOSConfig
    from services.trainer.data.files import load_records
    from services.trainer.policy.chat import encode_prompt
    from services.trainer.policy.logprobs import build_batch, completion_logprobs, frozen_depth, frozen_lower
    from services.trainer.policy.model import load_policy, mixed_precision
    from services.trainer.policy.resolve import resolve_policy
    from shared.devices import pick_dtype

    cfg = GRPOSConfig(dtype=args.dtype, lora_layers=args.lora_layers)
    model, tok = load_policy(resolve_policy(cfg.policy, cfg.cache_dir), cfg, torch.device("cpu"))
    records = [r for r in load_records(cfg.data) if r.split == "train"][: args.prompts]
    rng = random.Random(0)
    prompts = [encode_prompt(tok, r.prompt) for r in records for _ in range(args.generations)]
    completions = [[rng.randrange(1000, 40000) for _ in range(rng.randrange(40, 65))] for _ in prompts]
    batch = build_batch(prompts, completions, tok.pad_token_id)
    n = len(prompts)
    slices = [slice(i, min(i + args.micro_batch, n)) for i in range(0, n, args.micro_batch)]

    def optimize(shared: bool) -> None:
        model.train()
        with torch.no_grad(), mixed_precision(model, cfg):
            lower = [frozen_lower(model, batch.rows(s)) if shared else None for s in slices]
            with model.disable_adapter():
                ref = [
                    completion_logprobs(model, batch.rows(s), lower=low)[0]
                    for s, low in zip(slices, lower, strict=True)
                ]
        model.zero_grad(set_to_none=True)
        for s, low, r in zip(slices, lower, ref, strict=True):
            mb = batch.rows(s)
            with mixed_precision(model, cfg):
                logp, _ = completion_logprobs(model, mb, with_entropy=True, lower=low)
            ((logp - r).pow(2) * mb.completion_mask).sum().backward()

    times: dict[str, list[float]] = {"whole": [], "shared": []}
    for variant in times:
        optimize(variant == "shared")  # warm-up
    for rnd in range(args.rounds):
        for variant in times:
            start = time.perf_counter()
            optimize(variant == "shared")
            times[variant].append(time.perf_counter() - start)
        print(f"round {rnd + 1}/{args.rounds}", file=sys.stderr, flush=True)
    best = {k: min(v) for k, v in times.items()}
    print(
        f"== bench_frozen_lower · commit {git_sha()} · {pick_dtype(args.dtype)} · {torch.get_num_threads()} threads · "
        f"{n} rows ({args.prompts} prompts × {args.generations}), micro-batch {args.micro_batch}, LoRA on the top "
        f"{args.lora_layers} layers ({frozen_depth(model)} shared below)"
    )
    for k, v in times.items():
        print(f"{k:>7}: best {best[k]:.2f} s   ({', '.join(f'{x:.2f}' for x in v)})")
    print(f"whole/shared: {best['whole'] / best['shared']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
