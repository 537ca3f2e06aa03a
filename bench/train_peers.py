"""The phases of ``bench/bench_train.py``: our training loop and TRL's on the same inputs, taking turns step by step.

Each phase builds its inputs once, hands identical copies to both runs (same pairs or examples or prompts, same
backbone and initialisation, same learning rate, batch, steps, schedule, clipping, dtype), runs the two under one
:class:`bench.alternation.Alternation`, and returns both runs' steps (and, for IRL, the trained models).

- ``irl``: :func:`services.trainer.irl.train.train_reward_model` vs TRL ``RewardTrainer`` on the MiniLM cross-encoder,
  the pairs built by :func:`build_training_pairs` from the dataset's cached policy samples;
- ``sft``: :func:`services.trainer.sft.run_sft` vs TRL ``SFTTrainer`` (the same token ids and labels, LoRA r16);
- ``grpo``: :class:`GRPOSTrainer` steps vs TRL ``GRPOTrainer`` (our ``DrirlGRPOTrainer``, the GRPO-S advantage) on
  the same prompts in the same order, against one reward server.
"""

from __future__ import annotations

import collections
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from bench.alternation import Alternation, run_alternating
from bench.train_report import epochs_for_steps, pair_accuracy, trl_batch_units
from services.trainer.irl.pairs import Pair

REPO = Path(__file__).resolve().parents[1]
CACHE_DIR = REPO / "var/cache"


@dataclass(frozen=True)
class Common:
    """What every phase shares: data, dtype setting, seed, warm-up, scratch folder and TRL's optional extras."""

    data: Path
    dtype: str  # the config string: auto | float32 | bfloat16
    seed: int
    workdir: Path
    trl_gradient_checkpointing: bool = False

    def settings(self) -> dict[str, Any]:
        """The RunSettings fields of every config a phase builds for our side."""
        return {"data": self.data, "dtype": self.dtype, "seed": self.seed, "cache_dir": CACHE_DIR}

    @property
    def torch_dtype(self) -> torch.dtype:
        from shared.devices import pick_dtype

        return pick_dtype(self.dtype)


def trl_args(common: Common, name: str) -> dict[str, Any]:
    """TrainingArguments every TRL peer gets: the resolved dtype as TRL expresses it (``bf16`` autocast), no
    gradient checkpointing unless asked (ours never checkpoints; TRL 1.16 defaults to it), nothing saved or
    reported."""
    return {
        "output_dir": str(common.workdir / f"trl-{name}"),
        "bf16": common.torch_dtype == torch.bfloat16,
        "fp16": False,
        "use_cpu": not torch.cuda.is_available(),
        "gradient_checkpointing": common.trl_gradient_checkpointing,
        "seed": common.seed,
        "report_to": [],
        "save_strategy": "no",
        "disable_tqdm": True,
        "dataloader_num_workers": 0,
    }


def pair_alternation(only: str | None) -> Alternation:
    """The baton of a phase's two runs; with ``only`` ("ours" or "trl") that run goes first, so it gets the calling
    thread (run_alternating), and the other is left empty by :func:`run_pair`."""
    if only not in (None, "ours", "trl"):
        raise ValueError(f"only must be 'ours', 'trl' or None, got {only!r}")
    return Alternation(("trl", "ours") if only == "trl" else ("ours", "trl"))


def run_pair(alt: Alternation, loops: dict[str, Callable[[], Any]], only: str | None) -> dict[str, Any]:
    """Both loops taking turns, or with ``only`` that one alone: the other takes the baton once, computes nothing and
    leaves, so the process holds one OpenMP thread team (``bench_train.py --isolate``)."""
    return run_alternating(alt, {n: loops[n] if only in (None, n) else (lambda: None) for n in alt.names})


def baton(alt: Alternation, name: str, units: Callable[[int], int]) -> Any:
    """A ``TrainerCallback`` that ends each optimizer step of ``name`` with :meth:`Alternation.step_done`;
    ``units(global_step)`` says what that step trained on."""
    from transformers import TrainerCallback

    class Baton(TrainerCallback):
        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            alt.step_done(name, units(state.global_step))

    return Baton()


def quiet(trainer: Any) -> Any:
    """Without tqdm the Trainer prints every log dict to stdout, where the report goes."""
    from transformers.trainer_callback import PrinterCallback

    trainer.remove_callback(PrinterCallback)
    return trainer


def _samples(path: Path) -> dict[str, list[str]]:
    """Policy responses of a labelled file (``data/eval/judge_*.jsonl``), keyed by record id (``<id>:<policy>:…``)."""
    from services.trainer.eval.audit import load_labelled

    out: dict[str, list[str]] = collections.defaultdict(list)
    for row in load_labelled(path):
        out[row.id.split(":", 1)[0]].append(row.response)
    return dict(out)


@dataclass
class IRLInputs:
    train: list[Pair]
    heldout: list[Pair]
    train_prompts: int


def irl_inputs(
    data: Path, samples: Path, heldout_samples: Path, *, pairs: int, heldout_pairs: int, seed: int
) -> IRLInputs:
    """Training pairs as ``drirl irl train`` builds them (the IRLConfig defaults, one model for all categories, so no
    cross-category shared prompts), from the cached samples of three policies to train prompts (``samples``);
    whole prompts in a seeded order until at least ``pairs``. Held-out pairs as ``drirl irl eval`` builds them, from
    the samples to val and test prompts (``heldout_samples``), ``heldout_pairs`` of them drawn with the seed."""
    from services.trainer.data.files import load_records
    from services.trainer.data.schema import DataError
    from services.trainer.eval.refusal import EVAL_REFUSALS, is_refusal
    from services.trainer.irl.config import IRLConfig
    from services.trainer.irl.pairs import build_eval_pairs
    from services.trainer.irl.train import training_pairs, worded_refusals

    records = load_records(data)
    by_id = {r.id: r for r in records}
    train_samples, held_samples = _samples(samples), _samples(heldout_samples)
    for path, got in ((samples, train_samples), (heldout_samples, held_samples)):
        missing = sorted(set(got) - set(by_id))
        if missing:
            raise DataError(f"{path}: {len(missing)} record id(s) not in {data}, e.g. {missing[0]}")
    cfg = IRLConfig(shared_prompts=0)
    built = training_pairs(cfg, [by_id[i] for i in train_samples], train_samples, worded_refusals(records), seed)
    by_prompt: dict[str, list[Pair]] = {}
    for p in built:
        by_prompt.setdefault(p.prompt, []).append(p)
    groups = list(by_prompt.values())
    random.Random(seed).shuffle(groups)
    train: list[Pair] = []
    used = 0
    for g in groups:
        if len(train) >= pairs:
            break
        train += g
        used += 1
    held = build_eval_pairs(
        [by_id[i] for i in held_samples], held_samples, refusals=EVAL_REFUSALS, is_refusal=is_refusal, seed=seed
    )
    if heldout_pairs < len(held):
        held = random.Random(seed + 1).sample(held, heldout_pairs)
    return IRLInputs(train, held, used)


def heldout_accuracy(model: Any, tokenizer: Any, pairs: Sequence[Pair], max_length: int, dtype: torch.dtype) -> float:
    """Pair accuracy of a reward model, each distinct (prompt, response) scored once by the code the IRL evaluation
    uses (:func:`rm_scores`)."""
    from services.trainer.irl.model_dir import rm_scores

    keys = list(dict.fromkeys((p.prompt, t) for p in pairs for t in (p.chosen, p.rejected)))
    scores = rm_scores(model, tokenizer, [k[0] for k in keys], [k[1] for k in keys], max_length=max_length, dtype=dtype)
    return pair_accuracy(
        [(p.prompt, p.chosen, p.rejected) for p in pairs], dict(zip(keys, map(float, scores), strict=True))
    )


def irl_phase(
    common: Common,
    inputs: IRLInputs,
    *,
    epochs: int,
    batch_size: int,
    trl_freeze: bool,
    batch_by: str = "pair",
    freeze_layers: int = 0,
    only: str | None = None,
) -> dict[str, Any]:
    """Both reward-model trainings (or ``only`` one, see :func:`run_pair`), ours batching ``batch_by`` with its lower
    ``freeze_layers`` encoder layers fixed (``IRLConfig``'s fields); returns their steps and held-out accuracies."""
    from services.trainer.irl.config import IRLConfig
    from services.trainer.irl.model_dir import fresh_reward_model
    from services.trainer.irl.train import _batches, train_reward_model

    cfg = IRLConfig(
        **common.settings(), epochs=epochs, batch_size=batch_size, batch_by=batch_by, freeze_layers=freeze_layers
    )
    pairs, seed = inputs.train, common.seed
    device = "cuda" if torch.cuda.is_available() else "cpu"
    alt = pair_alternation(only)

    def ours() -> tuple[Any, Any]:
        model, tok = fresh_reward_model(cfg.backbone, seed)
        model.to(device)
        rng = random.Random(seed)  # the draws train_reward_model makes, for each step's pair count
        sizes = [len(b) for _ in range(cfg.epochs) for b in _batches(pairs, cfg.batch_size, rng, cfg.batch_by)]

        def on_step(step: int, total: int, point: dict[str, float]) -> None:
            if total != len(sizes):
                raise RuntimeError(f"train_reward_model plans {total} steps, the bench expected {len(sizes)}")
            alt.step_done("ours", sizes[step - 1])

        train_reward_model(model, tok, pairs, cfg, seed=seed, on_step=on_step)
        return model, tok

    def trl() -> tuple[Any, Any]:
        from datasets import Dataset
        from trl import RewardConfig, RewardTrainer

        model, tok = fresh_reward_model(cfg.backbone, seed)  # the same initial head as ours
        if trl_freeze:
            model.get_input_embeddings().weight.requires_grad_(False)

        def ids(prompt: str, text: str) -> list[int]:  # the (prompt, response) pair encoding ours forwards
            return tok(prompt, text, truncation=True, max_length=cfg.max_seq_tokens)["input_ids"]

        ds = Dataset.from_dict(
            {
                "chosen_ids": [ids(p.prompt, p.chosen) for p in pairs],
                "rejected_ids": [ids(p.prompt, p.rejected) for p in pairs],
            }
        )
        units = trl_batch_units(len(pairs), cfg.batch_size, cfg.epochs)
        args = RewardConfig(
            per_device_train_batch_size=cfg.batch_size,
            num_train_epochs=cfg.epochs,
            learning_rate=cfg.learning_rate,
            weight_decay=cfg.weight_decay,
            warmup_steps=cfg.warmup_ratio,  # < 1: a share of the steps, as ours
            lr_scheduler_type="linear",
            max_grad_norm=1.0,  # ours clips at 1.0
            max_length=cfg.max_seq_tokens,  # nothing is dropped: the ids are cut to it already
            center_rewards_coefficient=cfg.magnitude_coef,  # TRL's own magnitude term, (r⁺ + r⁻)²
            disable_dropout=False,  # ours trains with MiniLM's dropout
            **trl_args(common, "irl"),
        )
        trainer = RewardTrainer(
            model=model,
            args=args,
            train_dataset=ds,
            processing_class=tok,
            callbacks=[baton(alt, "trl", lambda step: units[step - 1])],
        )
        if len(trainer.train_dataset) != len(pairs):
            raise RuntimeError(f"RewardTrainer kept {len(trainer.train_dataset)} of {len(pairs)} pairs")
        quiet(trainer).train()
        return trainer.model, tok

    models = run_pair(alt, {"ours": ours, "trl": trl}, only)
    accuracy = {
        name: heldout_accuracy(got[0], got[1], inputs.heldout, cfg.max_seq_tokens, common.torch_dtype)
        for name, got in models.items()
        if got is not None
    }
    return {
        "steps": alt.steps,
        "accuracy": accuracy,
        "config": {
            "pairs": len(pairs),
            "train_prompts": inputs.train_prompts,
            "heldout_pairs": len(inputs.heldout),
            "epochs": cfg.epochs,
            "batch_size": cfg.batch_size,
            "batch_by": cfg.batch_by,
            "seed": common.seed,
            "learning_rate": cfg.learning_rate,
            "weight_decay": cfg.weight_decay,
            "warmup_ratio": cfg.warmup_ratio,
            "max_seq_tokens": cfg.max_seq_tokens,
            "ours_freezes_input_embeddings": cfg.freeze_input_embeddings,
            "ours_frozen_layers": cfg.freeze_layers,
            "trl_freezes_input_embeddings": trl_freeze,
        },
    }


def sft_phase(common: Common, *, steps: int, batch_size: int, only: str | None = None) -> dict[str, Any]:
    """Both LoRA warm starts for ``steps`` optimizer steps on the same examples; ``only`` ("ours" or "trl") runs
    that loop alone (:func:`run_pair`)."""
    from services.trainer.data.files import load_records
    from services.trainer.sft import SFTConfig, pick_examples, run_sft, sft_example, training_texts

    base = SFTConfig(
        **common.settings(),
        batch_size=batch_size,
        out=common.workdir / "sft-ours" / "final",
        run_dir=common.workdir / "sft-ours",
    )
    texts = training_texts(pick_examples(load_records(common.data), base), [], base)
    cfg = SFTConfig.model_validate({**base.model_dump(), "epochs": epochs_for_steps(steps, batch_size, len(texts))})
    alt = pair_alternation(only)

    def ours() -> dict[str, Any]:
        return run_sft(cfg, progress=lambda step, total, loss: alt.step_done("ours", batch_size))

    def trl() -> None:
        from datasets import Dataset
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from trl import SFTConfig as TRLSFTConfig
        from trl import SFTTrainer

        from services.trainer.policy.model import lora_config
        from services.trainer.policy.resolve import resolve_policy

        path = resolve_policy(cfg.policy, cfg.cache_dir)
        tok = AutoTokenizer.from_pretrained(path)
        if tok.pad_token_id is None:
            tok.pad_token = tok.eos_token
        examples = [
            sft_example(tok, p, t, system_prompt=cfg.system_prompt, max_tokens=cfg.max_seq_tokens, ends=e)
            for p, t, e in texts
        ]
        ds = Dataset.from_dict(
            {"input_ids": [ids for ids, _ in examples], "labels": [[-100] * n + ids[n:] for ids, n in examples]}
        )
        model = AutoModelForCausalLM.from_pretrained(
            path, dtype=common.torch_dtype, attn_implementation=cfg.attn_implementation
        )
        units = trl_batch_units(len(ds), batch_size, -(-steps * batch_size // len(ds)))
        args = TRLSFTConfig(
            per_device_train_batch_size=batch_size,
            max_steps=steps,
            learning_rate=cfg.learning_rate,
            weight_decay=cfg.weight_decay,
            warmup_steps=cfg.warmup_ratio,
            lr_scheduler_type="linear",
            max_grad_norm=cfg.max_grad_norm,
            max_length=cfg.max_seq_tokens,
            packing=False,
            **trl_args(common, "sft"),
        )
        trainer = SFTTrainer(
            model=model,
            args=args,
            train_dataset=ds,
            processing_class=tok,
            peft_config=lora_config(cfg, model.config.num_hidden_layers),
            callbacks=[baton(alt, "trl", lambda step: units[step - 1])],
        )
        quiet(trainer).train()

    run_pair(alt, {"ours": ours, "trl": trl}, only)
    return {
        "steps": alt.steps,
        "config": {
            "examples": len(texts),
            "steps": steps,
            "batch_size": batch_size,
            "learning_rate": cfg.learning_rate,
            "max_seq_tokens": cfg.max_seq_tokens,
            "lora_rank": cfg.lora_rank,
            "lora_alpha": cfg.lora_alpha,
        },
    }


class PromptLog:
    """A reward client that notes the prompts of every ``score`` call before passing it on: each run gets its own,
    and the phase checks that step k of both runs scored the same prompts."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.calls: list[list[str]] = []

    def score(self, items: Sequence[Any], **kwargs: Any) -> Any:
        self.calls.append(sorted({it.prompt for it in items}))
        return self.client.score(items, **kwargs)


def grpo_phase(
    common: Common,
    client: Any,
    *,
    steps: int,
    prompts: int,
    generations: int,
    new_tokens: int,
    micro_batch: int,
    engine: str,
    model_dir: Path,
    only: str | None = None,
) -> dict[str, Any]:
    """``steps`` GRPO-S steps of ours and of TRL's GRPOTrainer, step k of both on the same ``prompts`` prompts.

    ``only`` ("ours" or "trl") runs that loop alone (:func:`run_pair`)."""
    from services.trainer.config import GRPOSConfig
    from services.trainer.data.files import load_records
    from services.trainer.grpo.loop import GRPOSTrainer
    from services.trainer.grpo.sampler import BalancedSampler
    from services.trainer.policy.rollout import engine_kind

    # Every setting by name, as the CLI commands build configs (experiment.py's run_ablation call has this shape).
    cfg = GRPOSConfig(
        **common.settings(),
        prompts_per_step=prompts,
        num_generations=generations,
        max_new_tokens=new_tokens,
        micro_batch_size=micro_batch,
        engine=engine,
        max_steps=steps,
        eval_steps=0,
        save_steps=10**6,
        tensorboard=False,
        run_dir=common.workdir / "grpo-ours",
        model_dir=model_dir,
    )
    rollouts = prompts * generations
    if rollouts % cfg.micro_batch_size:
        raise ValueError(
            f"prompts × generations = {rollouts} must be a multiple of the micro-batch ({cfg.micro_batch_size}): "
            "TRL takes it as its per-device batch and accumulates the rest; change --grpo-micro-batch, "
            "--grpo-prompts or --grpo-generations"
        )
    alt = pair_alternation(only)
    logs = {"ours": PromptLog(client), "trl": PromptLog(client)}

    def ours() -> list[dict[str, float]]:
        trainer = GRPOSTrainer(cfg, logs["ours"])  # type: ignore[arg-type]  # duck-typed: score() only
        metrics = []
        try:
            for step in range(1, steps + 1):
                metrics.append(trainer.step(step).metrics)
                alt.step_done("ours", 1)
        finally:
            trainer.close()
        return metrics

    def trl() -> None:
        from datasets import Dataset
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from trl import GRPOConfig

        from services.trainer.policy.model import lora_config
        from services.trainer.policy.resolve import resolve_policy
        from shared.adapters.trl import DrirlGRPOTrainer, DrirlRewardFunc

        # the prompts of our step k as TRL's step k: the same sampler, the dataset in its order, no shuffling
        sampler = BalancedSampler(
            [r for r in load_records(cfg.data) if r.split == "train"],
            prompts_per_step=prompts,
            seed=cfg.seed,
            benign_repeats=cfg.benign_repeats,
        )
        system = [{"role": "system", "content": cfg.system_prompt}] if cfg.system_prompt else []
        rows = [
            {
                "prompt": [*system, {"role": "user", "content": r.prompt}],
                "category": r.category.value,
                "reference": r.demonstration,
            }
            for step in range(1, steps + 1)
            for r in sampler.batch(step)
        ]
        path = resolve_policy(cfg.policy, cfg.cache_dir)
        tok = AutoTokenizer.from_pretrained(path)
        if tok.pad_token_id is None:
            tok.pad_token = tok.eos_token
        model = AutoModelForCausalLM.from_pretrained(
            path, dtype=common.torch_dtype, attn_implementation=cfg.attn_implementation
        )
        args = GRPOConfig(
            per_device_train_batch_size=cfg.micro_batch_size,
            gradient_accumulation_steps=rollouts // cfg.micro_batch_size,  # one optimizer step per B·G rollouts
            num_generations=generations,
            max_completion_length=new_tokens,
            temperature=cfg.temperature,
            top_p=cfg.top_p,
            learning_rate=cfg.learning_rate,
            adam_beta1=cfg.adam_betas[0],
            adam_beta2=cfg.adam_betas[1],
            weight_decay=cfg.weight_decay,
            max_grad_norm=cfg.max_grad_norm,
            lr_scheduler_type="constant",  # ours has no schedule
            beta=cfg.beta,
            epsilon=cfg.epsilon,
            loss_type=cfg.loss_type,
            num_iterations=cfg.num_iterations,
            max_steps=steps,
            shuffle_dataset=False,
            log_completions=False,
            **trl_args(common, "grpo"),
        )
        trainer = DrirlGRPOTrainer(
            model=model,
            args=args,
            reward_funcs=[DrirlRewardFunc(client=logs["trl"])],  # type: ignore[arg-type]
            train_dataset=Dataset.from_list(rows),
            processing_class=tok,
            peft_config=lora_config(cfg, model.config.num_hidden_layers),
            callbacks=[baton(alt, "trl", lambda step: 1)],
        )
        quiet(trainer).train()

    results = run_pair(alt, {"ours": ours, "trl": trl}, only)
    return {
        "steps": alt.steps,
        "ours_metrics": results.get("ours"),
        "same_prompts": logs["ours"].calls == logs["trl"].calls if only is None else None,
        "prompt_calls": {n: logs[n].calls for n in ("ours", "trl")},
        "config": {
            "prompts": prompts,
            "generations": generations,
            "new_tokens": new_tokens,
            "steps": steps,
            "engine": engine_kind(engine),
            "micro_batch": cfg.micro_batch_size,
            "learning_rate": cfg.learning_rate,
            "beta": cfg.beta,
            "lora_rank": cfg.lora_rank,
            "loss_type": cfg.loss_type,
        },
    }


def stage_split(metrics: Sequence[dict[str, float]], warmup: int) -> dict[str, float]:
    """Mean seconds of our GRPO-S step's stages over the measured steps (``time/<stage>`` of the step metrics)."""
    measured = list(metrics[warmup:])
    stages = ("generate", "score", "train", "sync")
    if not measured:
        return {}
    return {s: sum(m[f"time/{s}"] for m in measured) / len(measured) for s in stages}
