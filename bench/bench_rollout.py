"""Rollouts and GRPO-S step time on SmolLM2-135M, ratios from one run (issue #8, NOTES.md "Peers measured").

1. Generation: vLLM (merged-weight sync, and LoRARequest) vs HF ``generate`` tokens/s, 8 prompts × 4 samples ×
   64 new tokens (the GRPO batch), after a warm-up. Goal: vLLM/HF ≥ 1.5.
2. GRPO-S steps (8 prompts × 4 generations × 64 new tokens, LoRA r16) against the in-process reward server: the
   time split generate / score / train / sync. Goals: score share ≤ 15 %, sync share ≤ 10 %.
3. Peer: TRL GRPOTrainer on the same config (LoRA r16, HF generate, same reward server through our TRL adapter),
   seconds per step. Goal: ours ≤ 0.5× TRL's.

    python bench/bench_rollout.py --steps 4 --json var/bench/rollout.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("VLLM_ENABLE_V1_MULTIPROCESSING", "0")

from bench.common import REPO, cores, git_sha

PROMPTS = 8
GENERATIONS = 4
NEW_TOKENS = 64


def vllm_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("vllm") is not None


def device_name() -> str:
    import torch

    return torch.cuda.get_device_name() if torch.cuda.is_available() else f"CPU, {cores()} cores"


VLLM_VARIANTS = {  # label: (weight sync, compiled)
    "vllm_reload": ("reload", False),
    "vllm_lora": ("lora", False),
    "vllm_reload_compiled": ("reload", True),
}


def bench_generation(
    policy_path: str, records, repeats: int, engines: list[str] | None = None
) -> tuple[dict[str, float], object]:
    """tokens/s of HF generate and of vLLM (eager with both sync modes, compiled with weight reload); returns the
    compiled engine too, for the GRPO-S steps (one ~80 s compile, not two). Without vLLM installed, HF only.
    ``engines`` picks among ``hf`` and VLLM_VARIANTS (default: all)."""
    import torch

    from services.trainer.config import GRPOSConfig
    from services.trainer.policy.chat import encode_prompt
    from services.trainer.policy.model import load_policy
    from services.trainer.policy.rollout import HFEngine, SamplingConfig, VLLMEngine
    from shared.devices import pick_dtype

    cfg = GRPOSConfig()
    model, tok = load_policy(policy_path, cfg, torch.device("cuda" if torch.cuda.is_available() else "cpu"))
    prompts = [encode_prompt(tok, r.prompt) for r in records[:PROMPTS]]
    sampling = SamplingConfig(max_new_tokens=NEW_TOKENS, temperature=1.0)
    out: dict[str, float] = {}

    def rate(engine, label: str) -> None:
        engine.generate(prompts[:2], n=2, sampling=sampling, seed=0)  # warm-up
        toks, secs = 0, 0.0
        for i in range(repeats):
            t = time.perf_counter()
            groups = engine.generate(prompts, n=GENERATIONS, sampling=sampling, seed=i)
            secs += time.perf_counter() - t
            toks += sum(len(c.token_ids) for g in groups for c in g)
        out[label] = toks / secs
        print(f"  {label:<28} {out[label]:7.1f} tok/s", file=sys.stderr)

    engines = engines or ["hf", *VLLM_VARIANTS]
    if "hf" in engines:
        rate(HFEngine(model, tok), "hf")
    if not vllm_installed():
        return out, None
    dtype = str(pick_dtype("auto")).removeprefix("torch.")
    compiled = None
    for label in (e for e in VLLM_VARIANTS if e in engines):
        sync, compile_ = VLLM_VARIANTS[label]
        t = time.perf_counter()
        engine = VLLMEngine(
            policy_path,
            dtype=dtype,
            weight_sync=sync,
            lora_rank=cfg.lora_rank,
            compile=compile_,
            work_dir=REPO / "var/bench/vllm" / label,
        )
        out[f"start_{label}_s"] = time.perf_counter() - t
        t = time.perf_counter()
        engine.update_weights(model)  # a real sync, so the lora path generates with an adapter
        out[f"sync_{label}_s"] = time.perf_counter() - t
        rate(engine, label)
        if compile_:
            compiled = engine
        else:
            engine.close()
    return out, compiled


def bench_grpo(model_dir: Path, steps: int, engine: object | None) -> dict[str, float]:
    """Mean time split of GRPO-S steps; on ``engine`` (the compiled vLLM one), or HF generate when it is None."""
    from services.reward_server.embedded import EmbeddedServer
    from services.trainer.config import GRPOSConfig
    from services.trainer.grpo.loop import GRPOSTrainer
    from shared.client import RewardClient

    cfg = GRPOSConfig(
        model_dir=model_dir,
        engine="vllm" if engine is not None else "hf",
        prompts_per_step=PROMPTS,
        num_generations=GENERATIONS,
        max_new_tokens=NEW_TOKENS,
        max_steps=steps + 1,
        eval_steps=0,
        save_steps=1,
        tensorboard=False,
        run_dir=REPO / "var/bench/grpo",
    )
    with EmbeddedServer(model_dir) as server, RewardClient(server.url) as client:
        trainer = GRPOSTrainer(cfg, client, engine=engine)  # type: ignore[arg-type]
        results = trainer.train()[1:]  # step 1 is warm-up; checkpoints every step, as by default
        trainer.close()
    keys = ["generate", "score", "train", "sync"]
    mean = {k: statistics.fmean(r.metrics[f"time/{k}"] for r in results) for k in keys}
    mean["step"] = sum(mean.values())
    mean["tokens_per_s"] = statistics.fmean(r.metrics["tokens_per_s"] for r in results)
    return mean


def bench_trl(model_dir: Path, steps: int, policy_path: str, bf16: bool) -> float:
    """Seconds per TRL GRPOTrainer step on the same config and the same reward server (through our adapter)."""
    import torch
    from datasets import Dataset
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer, TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    from services.reward_server.embedded import EmbeddedServer
    from services.trainer.config import LORA_TARGETS
    from services.trainer.data.files import load_records
    from services.trainer.data.schema import DEFAULT_DATASET
    from shared.adapters.trl import DrirlRewardFunc

    records = [r for r in load_records(DEFAULT_DATASET) if r.split == "train"][: PROMPTS * (steps + 2)]
    ds = Dataset.from_list(
        [
            {
                "prompt": [{"role": "user", "content": r.prompt}],
                "category": r.category.value,
                "reference": r.demonstration,
            }
            for r in records
        ]
    )
    stamps: list[float] = []

    class Stamp(TrainerCallback):
        def on_step_end(self, args, state, control, **kw):
            stamps.append(time.perf_counter())

    with EmbeddedServer(model_dir) as server:
        args = GRPOConfig(
            output_dir=str(REPO / "var/bench/trl"),
            per_device_train_batch_size=PROMPTS * GENERATIONS,
            num_generations=GENERATIONS,
            max_completion_length=NEW_TOKENS,
            max_steps=steps + 1,
            learning_rate=2e-5,
            beta=0.04,
            logging_steps=1,
            report_to=[],
            save_strategy="no",
            use_cpu=not torch.cuda.is_available(),
            bf16=bf16,
            seed=0,
            dataloader_num_workers=0,
        )
        model = AutoModelForCausalLM.from_pretrained(policy_path, dtype=torch.float32)
        trainer = GRPOTrainer(
            model=model,
            reward_funcs=[DrirlRewardFunc(server.url)],
            args=args,
            train_dataset=ds,
            processing_class=AutoTokenizer.from_pretrained(policy_path),
            peft_config=LoraConfig(r=16, lora_alpha=32, target_modules=LORA_TARGETS),
            callbacks=[Stamp()],
        )
        start = time.perf_counter()
        trainer.train()
    marks = [start, *stamps]
    per_step = [b - a for a, b in itertools.pairwise(marks)][1:]  # drop the first (warm-up) step
    return statistics.fmean(per_step)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", type=Path, default=REPO / "var/models/bench")
    ap.add_argument("--steps", type=int, default=3, help="measured steps (after one warm-up) per trainer")
    ap.add_argument("--repeats", type=int, default=2, help="generation repeats per engine")
    ap.add_argument("--trl", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument(
        "--trl-fp32", action=argparse.BooleanOptionalAction, default=True, help="time TRL with float32 weights"
    )
    ap.add_argument("--trl-bf16", action=argparse.BooleanOptionalAction, default=False, help="time TRL with bf16=True")
    ap.add_argument(
        "--engines",
        type=lambda s: s.split(","),
        default=None,
        help=f"generation engines to time, comma-separated, among hf,{','.join(VLLM_VARIANTS)} (default: all); "
        "the GRPO-S steps use vllm_reload_compiled when it is among them, else HF",
    )
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    unknown = set(args.engines or []) - {"hf", *VLLM_VARIANTS}
    if unknown:
        ap.error(f"--engines: unknown {sorted(unknown)}; choose among hf,{','.join(VLLM_VARIANTS)}")

    from bench.bench_server import ensure_model_dir
    from services.trainer.data.files import load_records
    from services.trainer.data.schema import DEFAULT_DATASET
    from services.trainer.policy.resolve import resolve_policy

    model_dir = ensure_model_dir(args.model_dir)
    policy = resolve_policy()
    records = [r for r in load_records(DEFAULT_DATASET) if r.split == "train"]
    res: dict[str, object] = {"git": git_sha(), "cores": cores(), "device": device_name()}
    print("generation ...", file=sys.stderr)
    gen, compiled = bench_generation(policy, records, args.repeats, args.engines)
    print("GRPO-S steps ...", file=sys.stderr)
    ours = bench_grpo(model_dir, args.steps, compiled)
    res.update(generation=gen, grpo=ours)
    trl = trl_bf16 = None
    if args.trl and args.trl_fp32:
        print("TRL GRPOTrainer steps (fp32) ...", file=sys.stderr)
        trl = bench_trl(model_dir, args.steps, policy, bf16=False)
        res["trl_step_s"] = trl
    if args.trl and args.trl_bf16:
        print("TRL GRPOTrainer steps (bf16) ...", file=sys.stderr)
        trl_bf16 = bench_trl(model_dir, args.steps, policy, bf16=True)
        res["trl_bf16_step_s"] = trl_bf16

    print(
        f"== rollouts + GRPO-S · SmolLM2-135M · {PROMPTS} prompts × {GENERATIONS} gens × {NEW_TOKENS} new tokens "
        f"· LoRA r16 · {res['device']} · {res['git']} =="
    )
    hf_rate = gen.get("hf", float("nan"))
    print(f"HF generate                        {hf_rate:7.1f} tok/s")
    for key, label, goal in (
        ("vllm_reload", "eager, merged-weight sync", ""),
        ("vllm_lora", "eager, LoRARequest sync", ""),
        ("vllm_reload_compiled", "compiled, merged-weight sync", "(goal >= 1.5)"),
    ):
        if key not in gen:
            print(f"vLLM {label:<30}   not run (not installed, or not in --engines)")
            continue
        rate = gen[key]
        print(
            f"vLLM {label:<30}{rate:7.1f} tok/s   vLLM/HF {rate / hf_rate:.2f}x {goal:<14}"
            f"start {gen[f'start_{key}_s']:5.1f} s  sync {gen[f'sync_{key}_s']:.2f} s"
        )
    s = ours["step"]
    step_label = f"GRPO-S step ({'vLLM' if compiled is not None else 'HF'})"
    print(
        f"{step_label:<35}{s:7.2f} s    generate {ours['generate']:.2f}  score {ours['score']:.2f}"
        f"  train {ours['train']:.2f}  sync {ours['sync']:.2f}"
    )
    print(f"  score share                      {ours['score'] / s:7.1%}   (goal <= 15%)")
    print(f"  sync share                       {ours['sync'] / s:7.1%}   (goal <= 10%)")
    if trl is not None:
        print(f"TRL GRPOTrainer step (fp32, HF)    {trl:7.2f} s    ours/TRL {s / trl:.2f}x (goal <= 0.5)")
    if trl_bf16 is not None:
        print(f"TRL GRPOTrainer step (bf16, HF)    {trl_bf16:7.2f} s    ours/TRL {s / trl_bf16:.2f}x")
    print("-" * 100)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
