"""The GRPO-S training loop: the I/O around the pure math in ``advantages.py`` and ``loss.py``.

One step reads as its stages: prompts (balanced sampler) → ``_generate`` (rollout engine, G per prompt) →
``_score`` (one RewardClient call, groups with category and demonstration as reference) → advantages × the server's
per-item coefficient α → ``_optimize`` (PPO-clip + k3 KL, micro-batched) → ``_sync`` (new weights into the engine)
→ log, maybe checkpoint, maybe eval.
"""

from __future__ import annotations

import copy
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
import yaml

from services.trainer.config import GRPOSConfig
from services.trainer.data.files import load_records
from services.trainer.eval.quick import pick_eval_records, safety_rates
from services.trainer.grpo.advantages import group_advantages, group_stats
from services.trainer.grpo.checkpoint import latest_checkpoint, load_checkpoint, save_checkpoint
from services.trainer.grpo.errors import TrainingStopped
from services.trainer.grpo.loss import grpo_loss
from services.trainer.grpo.sampler import BalancedSampler
from services.trainer.policy.chat import encode_prompt
from services.trainer.policy.logprobs import Batch, FrozenLower, build_batch, completion_logprobs, frozen_lower
from services.trainer.policy.model import load_policy, mixed_precision, save_merged
from services.trainer.policy.resolve import resolve_policy
from services.trainer.policy.rollout import Completion, RolloutEngine, SamplingConfig, make_engine, worth_compiling
from services.trainer.runlog import RunLog
from shared.categories import Category
from shared.client import RewardClient
from shared.devices import pick_dtype
from shared.errors import RewardError
from shared.schemas import ItemResult, ScoreItem

log = logging.getLogger(__name__)

StepProgress = Callable[[int, dict[str, float]], None]  # (step, its metrics)


@dataclass
class StepResult:
    step: int
    metrics: dict[str, float]
    texts: list[str] = field(default_factory=list)
    prompt_ids: list[str] = field(default_factory=list)
    rewards: list[float | None] = field(default_factory=list)

    def rollouts(self) -> dict[str, Any]:
        """What ``rollouts.jsonl`` keeps per step: which prompts, what was sampled, what it earned."""
        return {"step": self.step, "prompt_ids": self.prompt_ids, "completions": self.texts, "rewards": self.rewards}


def make_training_engine(
    config: GRPOSConfig, policy_path: str, model: torch.nn.Module, tokenizer: Any
) -> RolloutEngine:
    """The rollout engine of a run: vLLM with the configured weight sync, or HF ``generate`` on ``model`` itself."""
    engine, _ = make_engine(
        policy_path,
        engine=config.engine,
        dtype=pick_dtype(config.dtype),
        seed=config.seed,
        max_model_len=config.max_model_len,
        work_dir=config.run_dir / "vllm",
        compile=_compile(config),
        weight_sync=config.weight_sync,
        lora_rank=config.lora_rank,
        gpu_memory_utilization=config.vllm_gpu_memory_utilization,
        model=model,
        tokenizer=tokenizer,
    )
    return engine


class GRPOSTrainer:
    """Trains a policy with GRPO-S against a reward server reached through ``client``."""

    def __init__(self, config: GRPOSConfig, client: RewardClient, *, engine: RolloutEngine | None = None) -> None:
        self.config = config
        self.client = client
        _seed_everything(config.seed)
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.policy_path = resolve_policy(config.policy, config.cache_dir)
        self.model, self.tokenizer = load_policy(self.policy_path, config, self.device)
        self.pad_id = self.tokenizer.pad_token_id
        params = [p for p in self.model.parameters() if p.requires_grad]
        self.optimizer = torch.optim.AdamW(
            params, lr=config.learning_rate, betas=config.adam_betas, weight_decay=config.weight_decay
        )
        self.autocast_dtype = pick_dtype(config.dtype)
        self.ref_model: torch.nn.Module | None = None
        if not config.use_lora and config.beta > 0:
            self.ref_model = copy.deepcopy(self.model).to(self.autocast_dtype).eval().requires_grad_(False)
        records = load_records(config.data)
        self.sampler = BalancedSampler(
            [r for r in records if r.split == "train"],
            prompts_per_step=config.prompts_per_step,
            seed=config.seed,
            benign_repeats=config.benign_repeats,
        )
        self.eval_records = pick_eval_records(
            [r for r in records if r.split == "val"], config.eval_prompts_per_category
        )
        self.engine = engine or make_training_engine(config, self.policy_path, self.model, self.tokenizer)
        self._prompts: dict[tuple[str, str | None], list[int]] = {}
        self.step_done = 0

    # ------------------------------------------------------------------------------------------------ driver
    def train(self, *, resume: bool = False, progress: StepProgress | None = None) -> list[StepResult]:
        """Steps until ``max_steps`` (or ``max_time_s``), checkpointing; ``progress(step, metrics)`` after each.

        Raises:
            TrainingStopped: the reward server stayed unavailable past its deadline, or the engine fell out of sync.
        """
        cfg = self.config
        start = 1
        if resume:
            ckpt = latest_checkpoint(cfg.run_dir)
            if ckpt is not None:
                state = load_checkpoint(ckpt, self.model, self.optimizer)
                start = state["step"] + 1
                self._sync()
                log.info(
                    "resumed from %s: continuing at step %d (data cursor %d)", ckpt, start, self.sampler.cursor(start)
                )
            else:
                log.warning("--resume: no checkpoint in %s, starting at step 1", cfg.run_dir)
        self.step_done = start - 1
        runlog = RunLog(cfg.run_dir, tensorboard=cfg.tensorboard, resume_step=start - 1 if resume else None)
        # api_key is excluded from model_dump (config.py): a run dir never holds the secret
        (cfg.run_dir / "config.yaml").write_text(yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False))
        results: list[StepResult] = []
        t_start = time.monotonic()
        try:
            if start == 1 and cfg.eval_steps:
                runlog.log(0, self.evaluate())
            for step in range(start, cfg.max_steps + 1):
                try:
                    result = self.step(step)
                except RewardError as e:
                    self._checkpoint(self.step_done)
                    raise TrainingStopped(
                        f"reward server unavailable at step {step} ({e}); {_saved(self.step_done)}. "
                        f"Start the server and rerun with --resume."
                    ) from e
                except TrainingStopped as e:  # raised before this step's optimizer step: the state is step_done's
                    self._checkpoint(self.step_done)
                    raise TrainingStopped(
                        f"{e}; step {step} was not applied, {_saved(self.step_done)}: rerun with --resume"
                    ) from e
                if cfg.eval_steps and step % cfg.eval_steps == 0:
                    result.metrics.update(self.evaluate(seed=step))
                runlog.log(step, result.metrics)
                runlog.log_rollouts(result.rollouts())
                results.append(result)
                self.step_done = step
                out_of_time = cfg.max_time_s is not None and time.monotonic() - t_start > cfg.max_time_s
                if step % cfg.save_steps == 0 or step == cfg.max_steps or out_of_time:
                    self._checkpoint(step)
                if progress is not None:
                    progress(step, result.metrics)
                if out_of_time:
                    log.info("max_time_s=%.0f reached after step %d", cfg.max_time_s, step)
                    break
        finally:
            runlog.close()
        return results

    def step(self, step: int) -> StepResult:
        cfg = self.config
        timings: dict[str, float] = {}
        records = self.sampler.batch(step)
        prompts = [self._encode(r.prompt) for r in records]

        t = time.perf_counter()
        groups = self.engine.generate(prompts, n=cfg.num_generations, sampling=self._sampling(), seed=_seed(cfg, step))
        timings["generate"] = time.perf_counter() - t

        t = time.perf_counter()
        rewards, valid, weights, score_metrics = self._score(records, groups, step)
        timings["score"] = time.perf_counter() - t

        t = time.perf_counter()
        advantages = group_advantages(rewards, weights, valid, mode=cfg.loss_type, eps=cfg.adv_eps)
        flat = [c for g in groups for c in g]
        batch = build_batch(
            [p for p in prompts for _ in range(cfg.num_generations)], [c.token_ids for c in flat], self.pad_id
        )
        train_metrics = self._optimize(batch, advantages.reshape(-1), flat)
        timings["train"] = time.perf_counter() - t

        t = time.perf_counter()
        self._sync()
        timings["sync"] = time.perf_counter() - t

        n_tokens = sum(len(c.token_ids) for c in flat)
        total = sum(timings.values())
        stats = group_stats(rewards, valid)
        metrics: dict[str, float] = {
            **score_metrics,
            **train_metrics,
            "frac_zero_std": float(stats.zero_std.float().mean()),
            "completion/mean_length": n_tokens / len(flat),
            "completion/clipped_ratio": sum(not c.finished for c in flat) / len(flat),
            **{f"time/{k}": v for k, v in timings.items()},
            "time/step": total,
            "share/score": timings["score"] / total,
            "share/sync": timings["sync"] / total,
            "tokens_per_s": n_tokens / max(timings["generate"], 1e-9),
            "data/cursor": self.sampler.cursor(step + 1),
        }
        rewards_flat = [None if r != r else float(r) for r in rewards.reshape(-1).tolist()]  # NaN (error) → None
        return StepResult(step, metrics, [c.text for c in flat], [r.id for r in records], rewards_flat)

    # ------------------------------------------------------------------------------------------------ stages
    def _encode(self, prompt: str) -> list[int]:
        key = (prompt, self.config.system_prompt)
        if key not in self._prompts:
            self._prompts[key] = encode_prompt(self.tokenizer, prompt, self.config.system_prompt)
        return self._prompts[key]

    def _sampling(self) -> SamplingConfig:
        cfg = self.config
        return SamplingConfig(max_new_tokens=cfg.max_new_tokens, temperature=cfg.temperature, top_p=cfg.top_p)

    def _score(
        self, records: list[Any], groups: list[list[Completion]], step: int
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, dict[str, float]]:
        """Rewards (B, G), validity (B, G), the server's coefficients α (B, G) and reward metrics, from one call.

        The server computes α for the configured scaling (none/data/model/both) and combine rule; the trainer only
        multiplies its normalised advantages by it.
        """
        cfg = self.config
        items = [
            ScoreItem(
                prompt=r.prompt,
                response=c.text,
                category=r.category,
                reference=r.demonstration or None,
                group_id=f"s{step}-p{b}",
            )
            for b, (r, g) in enumerate(zip(records, groups, strict=True))
            for c in g
        ]
        result = self.client.score(items, scale=cfg.scaling != "none", scaling=cfg.scaling, combine=cfg.scaling_combine)
        g = cfg.num_generations
        res = [result.results[b * g : (b + 1) * g] for b in range(len(records))]
        valid = torch.tensor([[x.error is None for x in row] for row in res])
        raw = _field(res, "raw_reward")
        weights = torch.where(valid, _field(res, "weight").nan_to_num(1.0), torch.ones_like(raw))
        scaled = raw * weights
        m: dict[str, float] = {
            "reward/raw_mean": _nanmean(raw),
            "reward/raw_std": _nanstd(raw),
            "reward/scaled_mean": _nanmean(scaled),
            "reward/scaled_std": _nanstd(scaled),
            "weight/mean": _nanmean(weights[valid]),
            "weight/min": float(weights[valid].min()) if valid.any() else float("nan"),
            "weight/max": float(weights[valid].max()) if valid.any() else float("nan"),
            "reward/n_errors": float((~valid).sum()),
        }
        if cfg.scaling != "none":  # the factors behind α; the ones the combine rule does not produce stay out
            for name in ("alpha_data", "alpha_model", "delta", "reward_gap", "hardness", "responsiveness"):
                mean = _nanmean(_field(res, name))
                if mean == mean:
                    m[f"{name}/mean"] = mean
        for cat in Category:
            rows = [b for b, r in enumerate(records) if r.category == cat]
            if rows:
                m[f"reward/raw_mean/{cat.value}"] = _nanmean(raw[rows])
        return raw, valid, weights, m

    def _optimize(self, batch: Batch, advantages: torch.Tensor, completions: list[Completion]) -> dict[str, float]:
        cfg = self.config
        n = batch.input_ids.shape[0]
        slices = [slice(i, min(i + cfg.micro_batch_size, n)) for i in range(0, n, cfg.micro_batch_size)]
        self.model.train()
        ref = old = None
        with torch.no_grad(), self._autocast():
            # the layers below the adapter, once per micro-batch for the reference's and every policy forward
            lower = [frozen_lower(self.model, batch.rows(s)) if self.ref_model is None else None for s in slices]
            if cfg.beta > 0:
                ref = torch.cat([self._ref_logprobs(batch.rows(s), low) for s, low in zip(slices, lower, strict=True)])
            if cfg.num_iterations > 1:
                old = torch.cat(
                    [
                        completion_logprobs(self.model, batch.rows(s), temperature=cfg.temperature, lower=low)[0]
                        for s, low in zip(slices, lower, strict=True)
                    ]
                )
        sums: dict[str, float] = {"loss": 0.0, "policy_loss": 0.0, "kl": 0.0, "clip_fraction": 0.0, "ratio_mean": 0.0}
        entropy_sum, entropy_tokens, diff_sum, diff_tokens = 0.0, 0, 0.0, 0
        grad_norm = 0.0
        for it in range(cfg.num_iterations):
            self.optimizer.zero_grad(set_to_none=True)
            for s, low in zip(slices, lower, strict=True):
                mb = batch.rows(s)
                with self._autocast():
                    logp, entropy = completion_logprobs(
                        self.model, mb, temperature=cfg.temperature, with_entropy=it == 0, lower=low
                    )
                loss, st = grpo_loss(
                    logp,
                    old[s] if old is not None else logp.detach(),
                    advantages[s],
                    mb.completion_mask,
                    ref_logp=ref[s] if ref is not None else None,
                    beta=cfg.beta,
                    eps_low=cfg.epsilon,
                    eps_high=cfg.epsilon_high or cfg.epsilon,
                    loss_type=cfg.loss_type,
                    max_tokens=cfg.max_new_tokens,
                )
                share = (s.stop - s.start) / n
                (loss * share).backward()
                if it == 0:
                    for key, value in (
                        ("loss", float(loss.detach())),
                        ("policy_loss", st.policy_loss),
                        ("kl", st.kl),
                        ("clip_fraction", st.clip_fraction),
                        ("ratio_mean", st.ratio_mean),
                    ):
                        sums[key] += value * share
                    mask = mb.completion_mask
                    assert entropy is not None
                    entropy_sum += float((entropy * mask).sum())
                    entropy_tokens += int(mask.sum())
                    d, k = _engine_logprob_diff(logp.detach(), mask, completions[s])
                    diff_sum, diff_tokens = diff_sum + d, diff_tokens + k
            if it == 0 and diff_tokens:
                # Before the optimizer step: rollouts from an engine that is not running the policy must not
                # train it, and the caller can then checkpoint an unchanged state (no step lost, none half-done).
                _check_sync(diff_sum / diff_tokens, cfg.max_sync_logprob_diff)
            grad_norm = float(
                torch.nn.utils.clip_grad_norm_(
                    [p for p in self.model.parameters() if p.requires_grad], cfg.max_grad_norm
                )
            )
            self.optimizer.step()
        out = {**sums, "grad_norm": grad_norm, "entropy": entropy_sum / max(entropy_tokens, 1)}
        if diff_tokens:
            out["sync/logprob_diff"] = diff_sum / diff_tokens
        return out

    def _ref_logprobs(self, mb: Batch, lower: FrozenLower | None) -> torch.Tensor:
        if self.ref_model is not None:
            return completion_logprobs(self.ref_model, mb, temperature=self.config.temperature)[0]
        with self.model.disable_adapter():  # LoRA: the frozen base is the reference, no second copy
            return completion_logprobs(self.model, mb, temperature=self.config.temperature, lower=lower)[0]

    def _autocast(self) -> Any:
        return mixed_precision(self.model, self.config)

    def _sync(self) -> None:
        self.engine.update_weights(self.model)

    def _checkpoint(self, step: int) -> None:
        if step < 1:
            return
        save_checkpoint(
            self.config.run_dir,
            step,
            self.model,
            self.optimizer,
            {"cursor": self.sampler.cursor(step + 1), "seed": self.config.seed},
            keep=self.config.keep_checkpoints,
        )

    def evaluate(self, seed: int = 0) -> dict[str, float]:
        if not self.eval_records:
            return {}
        return safety_rates(
            self.engine,
            self.tokenizer,
            self.eval_records,
            max_new_tokens=self.config.max_new_tokens,
            system_prompt=self.config.system_prompt,
            seed=seed,
            samples=self.config.eval_samples,
            temperature=self.config.temperature,
        )

    def save_final(self, out: Path) -> Path:
        """The trained policy as a standalone HF folder (LoRA merged), loadable by HF, vLLM and `drirl eval`."""
        return save_merged(self.model, self.tokenizer, out)

    def close(self) -> None:
        self.engine.close()


def _saved(step: int) -> str:
    """What :meth:`GRPOSTrainer._checkpoint` kept of ``step`` (step 0, before any update, is never saved)."""
    return f"checkpointed step {step}" if step >= 1 else "no step completed to checkpoint"


def _check_sync(logprob_diff: float, limit: float) -> None:
    if logprob_diff > limit:
        raise TrainingStopped(
            f"rollout engine out of sync with the policy: mean |logp_engine − logp_policy| = "
            f"{logprob_diff:.3f} nats > max_sync_logprob_diff={limit}"
        )


def _engine_logprob_diff(logp: torch.Tensor, mask: torch.Tensor, completions: list[Completion]) -> tuple[float, int]:
    total, count = 0.0, 0
    for i, c in enumerate(completions):
        if c.logprobs is None or not c.logprobs:
            continue
        k = min(len(c.logprobs), int(mask[i].sum()))
        engine = torch.tensor(c.logprobs[:k])
        total += float((engine - logp[i, :k].float().cpu()).abs().sum())
        count += k
    return total, count


def _compile(cfg: GRPOSConfig) -> bool:
    if cfg.vllm_compile != "auto":
        return cfg.vllm_compile == "on"
    steps = cfg.max_steps if cfg.max_time_s is None else min(cfg.max_steps, int(cfg.max_time_s / 10))
    return worth_compiling(steps * cfg.prompts_per_step * cfg.num_generations * cfg.max_new_tokens)


def _seed(cfg: GRPOSConfig, step: int) -> int:
    return cfg.seed * 1_000_003 + step * 1009


def _seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _field(rows: list[list[ItemResult]], name: str) -> torch.Tensor:
    """One numeric field of the results as (B, G) float32; NaN where the item has an error or the field is null."""
    values = [[getattr(x, name) if x.error is None else None for x in row] for row in rows]
    return torch.tensor([[float("nan") if v is None else float(v) for v in row] for row in values], dtype=torch.float32)


def _nanmean(x: torch.Tensor) -> float:
    v = x[~torch.isnan(x)]
    return float(v.mean()) if v.numel() else float("nan")


def _nanstd(x: torch.Tensor) -> float:
    v = x[~torch.isnan(x)]
    return float(v.std()) if v.numel() > 1 else 0.0
