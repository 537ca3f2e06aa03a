"""`drirl demo`: the whole method end to end on the embedded default, offline, in bounded time.

prepare the policy → SFT warm start on the demonstrations → IRL reward models (small budget; the negatives are the
warm-started policy's samples) → evaluate the base policy → GRPO-S (time-boxed, reward server in this process, Redis
when DRIRL_REDIS_URL is set) → evaluate again → before/after table and report.md.
With ``rounds > 1`` it alternates IRL and GRPO-S: each round re-trains the reward models on the *current* policy's
samples (iterated IRL), then continues GRPO-S from that policy.

Both evaluations are the same `drirl eval` run (eval judge, test split greedy and sampled, usefulness) on the base
policy and the trained one. The reward-model column of both uses the round-1 reward models and the thresholds
calibrated on the base policy's val answers for "before", so before and after are judged alike.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.trainer.config import GRPOSConfig
from services.trainer.data.files import load_records, write_records
from services.trainer.data.mix import mix_benign, ordinary_records
from services.trainer.data.schema import DEFAULT_DATASET, REPO_ROOT
from services.trainer.grpo.run import Progress
from shared.resources import SMOLLM2_SPEC

log = logging.getLogger(__name__)

#: The SFT stage's everyday prompts (240, hand-written; data/README.md), answered by the base policy itself.
ORDINARY_PROMPTS = REPO_ROOT / "data" / "sft" / "ordinary_v1.jsonl"


class DemoConfig(BaseModel):
    """Budget and recipe of the demo; the defaults are ``configs/demo.yaml`` (README "Measured on this machine").

    The recipe: a light SFT warm start (0.4 epoch; benign demonstrations three times; the base policy's own answers to
    240 everyday prompts, three times), those everyday records also in IRL and GRPO-S (``ordinary_in_rl``), IRL pairs
    that rank a benign answer above the same answer with a refusal appended (``tail_refusal_pairs``), and a GRPO-S
    held near the warm start (KL β 0.2, LoRA learning rate 2e-4, 8 steps): with β 0.04 and 5e-4 the policy learned to
    game the reward models (harmful compliance 0.20 → 0.54 by the eval judge, configs/demo_useful.yaml). For speed,
    IRL keeps MiniLM's lower 2 layers frozen (run once per sequence; lr 3e-4) and GRPO-S puts its LoRA on the top 10
    of 30 layers; the SFT warm start keeps LoRA on every layer (on the top 15 its usefulness fell 0.38 → 0.35).

    Three repeats, not two: with two, the float32 runs (the AVX2-only kind, and an Intel kind whose dtype probe picks
    float32) ended at sampled over-refusal 0.19-0.21, past issue #16's 0.15 (as did the AMX kind's bfloat16 run, 0.21;
    Zen 4 and Zen 5 in bfloat16 met it); with three the AVX2-only kind's float32 run met all three targets
    (over-refusal 0.14, seed 0), and so did the Zen 4 kind's bfloat16 runs (0.14, twice from fresh clones, the same).
    Zen 5 and the AMX kind were measured with two.
    """

    model_config = ConfigDict(extra="forbid")

    out: Path = Field(Path("var/demo"), description="Everything the demo writes.")
    policy: str = Field(SMOLLM2_SPEC, description="Base policy.")
    data: Path = Field(DEFAULT_DATASET, description="Dataset JSONL.")
    rounds: int = Field(1, ge=1, description="IRL → GRPO-S rounds.")
    sft_epochs: float = Field(0.4, ge=0, description="SFT warm start on the demonstrations (0: none).")
    sft_overrides: dict[str, Any] = Field(
        default_factory=lambda: {
            "benign_repeats": 3,
            "ordinary_prompts": str(ORDINARY_PROMPTS),  # a str, as a YAML file gives it
            "ordinary_repeats": 3,
        },
        description="Any SFTConfig field (a dict given replaces the default one as a whole).",
    )
    irl_prompts_per_category: int = Field(40, ge=4, description="Train prompts per category for IRL.")
    irl_samples_per_prompt: int = Field(2, ge=1, description="Policy samples per IRL prompt.")
    irl_overrides: dict[str, Any] = Field(
        default_factory=lambda: {"tail_refusal_pairs": True, "freeze_layers": 2, "learning_rate": 3e-4},
        description="Any IRLConfig field (a dict given replaces the default one as a whole).",
    )
    grpo_minutes: float = Field(11.0, gt=0, description="Time box of GRPO-S per round.")
    grpo_overrides: dict[str, Any] = Field(
        default_factory=lambda: {
            "benign_repeats": 1,
            "beta": 0.2,
            "learning_rate": 2e-4,
            "max_steps": 8,
            "lora_layers": 10,
        },
        description="Any GRPOSConfig field (a dict given replaces the default one as a whole; `drirl demo --set` "
        "adds to it).",
    )
    eval_per_category: int | None = Field(
        None, ge=1, description="Test prompts per category and kind, usefulness tasks per type (None: all)."
    )
    eval_samples: int = Field(
        2,
        ge=0,
        description="Sampled answers per test prompt at T = 1 in each evaluation (drirl eval's default is 4; the "
        "sampled answers are most of an evaluation's tokens, so the demo takes 2).",
    )
    eval_usefulness: bool = Field(True, description="Score the usefulness tasks in each evaluation.")
    eval_warm_start: bool = Field(True, description="Also evaluate the SFT warm start (one more `drirl eval`).")
    ordinary_in_rl: bool = Field(
        True,
        description="Add the SFT stage's everyday prompts, with the base policy's own answers as demonstrations, "
        "to the train records of IRL and GRPO-S (services/trainer/data/mix.py); needs sft_overrides.ordinary_prompts.",
    )
    engine: str = Field("auto", description="auto | vllm | hf.")
    seed: int = Field(0)

    @model_validator(mode="after")
    def _ordinary_needs_prompts(self) -> DemoConfig:
        if self.ordinary_in_rl and not self.sft_overrides.get("ordinary_prompts"):
            raise ValueError(
                "ordinary_in_rl needs sft_overrides.ordinary_prompts (a JSONL of everyday prompts, e.g. "
                "data/sft/ordinary_v1.jsonl), or set ordinary_in_rl: false"
            )
        return self


def run_demo(
    cfg: DemoConfig, *, say: Callable[[str], None] = print, grpo_progress: Progress | None = None
) -> dict[str, Any]:
    from services.trainer.eval.evaluate import EvalConfig, evaluate_policy
    from services.trainer.eval.report import headline_table, write_report
    from services.trainer.eval.usefulness import DEFAULT_USEFULNESS
    from services.trainer.grpo.run import run_grpo
    from services.trainer.irl.config import IRLConfig
    from services.trainer.irl.train import irl_train
    from services.trainer.policy.resolve import resolve_policy
    from services.trainer.sft import SFTConfig, own_answers, read_prompts, run_sft

    t0 = time.perf_counter()
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    say(f"[1/5] preparing the policy {cfg.policy}")
    t = time.perf_counter()
    base = resolve_policy(cfg.policy)
    timings["prepare"] = time.perf_counter() - t
    policy = base
    sft_cfg = SFTConfig.model_validate(
        {
            "data": cfg.data,
            "policy": base,
            **({"epochs": cfg.sft_epochs} if cfg.sft_epochs > 0 else {}),  # 0: the config only answers prompts
            "seed": cfg.seed,
            "out": out / "runs" / "sft" / "final",
            "run_dir": out / "runs" / "sft",
            **cfg.sft_overrides,
        }
    )
    if cfg.sft_epochs > 0:
        say(f"[1/5] SFT warm start: {cfg.sft_epochs:g} epoch(s) on the train demonstrations")
        t = time.perf_counter()
        sft = run_sft(sft_cfg)
        timings["sft"] = time.perf_counter() - t
        policy = sft["final_policy"]
        say(f"      loss {sft['loss_first']:.2f} → {sft['loss_last_10']:.2f}, {sft['steps']} steps → {policy}")
    rl_data = cfg.data
    if cfg.ordinary_in_rl:
        assert sft_cfg.ordinary_prompts is not None  # the validator checked it
        answers = own_answers(base, read_prompts(sft_cfg.ordinary_prompts), sft_cfg)  # cached by the SFT stage
        rl_data = write_records(out / "data-rl.jsonl", mix_benign(load_records(cfg.data), ordinary_records(answers)))
        say(f"      IRL and GRPO-S records: + {len(answers)} everyday prompts with the base's answers ({rl_data})")
    model_dir = out / "models" / "round1"
    judge_models = model_dir  # the reward-model judge of both evaluations: round 1, thresholds of "before"

    def eval_config(evaluated: str) -> EvalConfig:
        return EvalConfig(
            policy=evaluated,
            base_policy=base,
            data=cfg.data,
            model_dir=judge_models,
            samples=cfg.eval_samples,
            usefulness=DEFAULT_USEFULNESS if cfg.eval_usefulness else None,
            limit=cfg.eval_per_category,
            engine=cfg.engine,  # type: ignore[arg-type]
            seed=cfg.seed,
        )

    before = None
    thresholds = None
    for rnd in range(1, cfg.rounds + 1):
        model_dir = out / "models" / f"round{rnd}"
        say(f"[2/5] round {rnd}: IRL — 7 reward models, demonstrations ≻ samples of {policy}")
        t = time.perf_counter()
        irl = IRLConfig.model_validate(
            {
                "data": rl_data,
                "policy": policy,
                "max_prompts_per_category": cfg.irl_prompts_per_category,
                "samples_per_prompt": cfg.irl_samples_per_prompt,
                "epochs": 3,  # 2 (IRLConfig's default): pair accuracy 0.81-0.89, not 0.90-0.96, and GRPO-S gamed them
                "engine": cfg.engine,
                "seed": cfg.seed,
                "init_from": out / "models" / f"round{rnd - 1}" if rnd > 1 else None,
                "run_dir": out / "runs" / f"irl-round{rnd}",
                **cfg.irl_overrides,
            }
        )
        result = irl_train(irl, model_dir)
        timings[f"irl_round{rnd}"] = time.perf_counter() - t
        say(
            f"      reward models: {model_dir} (pair accuracy "
            f"{min(v['pair_accuracy'] for v in result.per_category.values()):.2f}–"
            f"{max(v['pair_accuracy'] for v in result.per_category.values()):.2f})"
        )
        if before is None:
            say("[3/5] evaluating the base policy")
            t = time.perf_counter()
            before_eval = evaluate_policy(eval_config(base), say=say)
            thresholds = before_eval.thresholds
            before = before_eval.to_json()
            write_report(before, out / "eval-before", title="Base policy")
            timings["eval_before"] = time.perf_counter() - t
            if cfg.eval_warm_start and policy != base:
                say("[3/5] evaluating the SFT warm start")
                t = time.perf_counter()
                warm = evaluate_policy(eval_config(policy), thresholds=thresholds, say=say).to_json()
                write_report(warm, out / "eval-warm-start", before=before, title="SFT warm start")
                timings["eval_warm_start"] = time.perf_counter() - t
        say(f"[4/5] round {rnd}: GRPO-S for {cfg.grpo_minutes:g} min")
        t = time.perf_counter()
        grpo = GRPOSConfig.model_validate(
            {
                "policy": policy,
                "data": rl_data,
                "model_dir": model_dir,
                "run_dir": out / "runs" / f"grpo-round{rnd}",
                "max_steps": 10_000,
                "max_time_s": 60 * cfg.grpo_minutes,
                "engine": cfg.engine,
                "seed": cfg.seed,
                "save_steps": 5,
                "eval_steps": 0,  # the full evaluations before and after bracket it
                **cfg.grpo_overrides,
            }
        )
        summary = run_grpo(grpo, progress=grpo_progress)
        timings[f"grpo_round{rnd}"] = time.perf_counter() - t
        policy = summary["final_policy"]
        say(f"      {summary['steps']} steps → {policy}")
    say("[5/5] evaluating the trained policy")
    t = time.perf_counter()
    after = evaluate_policy(eval_config(policy), thresholds=thresholds, say=say).to_json()
    timings["eval_after"] = time.perf_counter() - t
    assert before is not None
    report = write_report(
        after,
        out,
        before=before,
        run_dir=out / "runs" / f"grpo-round{cfg.rounds}",
        title="DR-IRL demo: before → after GRPO-S",
    )
    timings["total"] = time.perf_counter() - t0
    (out / "timings.json").write_text(json.dumps(timings, indent=1))
    say("")
    say(headline_table(after, before))
    say(f"\nreport: {report}   (total {timings['total'] / 60:.1f} min)")
    return {"report": str(report), "timings": timings, "before": before, "after": after}
