"""GRPO-S on the real SmolLM2 policy against the real reward server: steps, checkpoints, exact resume, faults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from services.reward_server.scaler import ALPHA_DATA_MAX, ALPHA_DATA_MIN
from services.trainer.config import GRPOSConfig
from services.trainer.grpo.errors import TrainingStopped
from services.trainer.grpo.loop import GRPOSTrainer
from services.trainer.policy.rollout import Completion, RolloutEngine, SamplingConfig
from services.trainer.runlog import read_metrics
from shared.client import RewardClient
from tests.support.procs import ServerProc

pytestmark = pytest.mark.slow


def _config(run_dir: Path, **kw) -> GRPOSConfig:
    base = dict(
        run_dir=run_dir,
        engine="hf",
        prompts_per_step=2,
        num_generations=2,
        max_new_tokens=8,
        save_steps=1,
        eval_steps=0,
        tensorboard=False,
        micro_batch_size=4,
        seed=7,
    )
    return GRPOSConfig(**{**base, **kw})


def _train(cfg: GRPOSConfig, url: str, *, resume: bool = False):
    with RewardClient(url, deadline_s=30) as client:
        trainer = GRPOSTrainer(cfg, client)
        try:
            return trainer.train(resume=resume)
        finally:
            trainer.close()


def test_two_steps_checkpoint_then_resume_continues_exactly(live_server: ServerProc, tmp_path: Path):
    interrupted = _config(tmp_path / "a", max_steps=2)
    first = _train(interrupted, live_server.url)
    assert [r.step for r in first] == [1, 2]
    ckpt = tmp_path / "a" / "checkpoints" / "step-000002"
    assert (ckpt / "policy" / "adapter_model.safetensors").is_file()
    assert (ckpt / "optimizer.pt").is_file() and (ckpt / "rng.pt").is_file()
    assert json.loads((ckpt / "trainer_state.json").read_text())["cursor"] == 4

    resumed = _train(interrupted.model_copy(update={"max_steps": 3}), live_server.url, resume=True)
    assert [r.step for r in resumed] == [3]

    straight = _train(_config(tmp_path / "b", max_steps=3), live_server.url)
    # same prompts and same samples at step 3: data order, weights, optimizer and RNG all came back
    assert resumed[0].texts == straight[2].texts
    m_resumed, m_straight = read_metrics(tmp_path / "a")[-1], read_metrics(tmp_path / "b")[-1]
    assert m_resumed["step"] == m_straight["step"] == 3
    assert m_resumed["reward/raw_mean"] == pytest.approx(m_straight["reward/raw_mean"], abs=1e-6)
    assert m_resumed["loss"] == pytest.approx(m_straight["loss"], rel=1e-4, abs=1e-6)
    assert [r["step"] for r in read_metrics(tmp_path / "a")] == [1, 2, 3]


def test_step_logs_the_metrics_the_issue_lists(live_server: ServerProc, tmp_path: Path):
    _train(_config(tmp_path, max_steps=1, eval_steps=1, eval_prompts_per_category=1), live_server.url)
    rows = read_metrics(tmp_path)
    assert [r["step"] for r in rows] == [0, 1]  # the baseline eval, then the step
    m = rows[-1]
    for key in (
        "reward/raw_mean",
        "reward/raw_std",
        "reward/scaled_mean",
        "weight/mean",
        "weight/min",
        "weight/max",
        "kl",
        "clip_fraction",
        "entropy",
        "completion/mean_length",
        "frac_zero_std",
        "time/generate",
        "time/score",
        "time/train",
        "time/sync",
        "tokens_per_s",
        "eval/harmful_compliance",
        "eval/benign_refusal",
        "eval/harmful_compliance_sampled",
    ):
        assert key in m, key
    # the default product α = α^D·α^M: α^D ∈ [0.567, 1.762] (δ ∈ [0, 2]), 0 < α^M ≤ 2 (alpha_model_max)
    assert 0.0 < m["weight/min"] <= m["weight/max"] <= ALPHA_DATA_MAX * 2.0
    assert ALPHA_DATA_MIN <= m["alpha_data/mean"] <= ALPHA_DATA_MAX and 0.0 < m["alpha_model/mean"] <= 2.0
    assert any(k.startswith("reward/raw_mean/") for k in m)


def test_server_gone_stops_with_a_checkpoint(model_dir: Path, redis_server, tmp_path: Path):
    server = ServerProc(tmp_path, {"DRIRL_MODEL_DIR": str(model_dir), "DRIRL_REDIS_URL": redis_server.url}).start()
    cfg = _config(tmp_path / "run", max_steps=3)
    try:
        with RewardClient(server.url, deadline_s=2, backoff_base_s=0.05) as client:
            trainer = GRPOSTrainer(cfg, client)
            trainer.step_done = 0
            first = trainer.train()  # 3 steps while the server is up
            assert len(first) == 3
            server.kill()
            trainer.config = cfg.model_copy(update={"max_steps": 4})
            with pytest.raises(TrainingStopped, match="reward server unavailable at step 4"):
                trainer.train(resume=True)
            trainer.close()
    finally:
        server.stop()
    assert (tmp_path / "run" / "checkpoints" / "step-000003").is_dir()


class _DesyncedFromSecondCall(RolloutEngine):
    """The HF engine, but from its second call on it reports log-probabilities far from the policy's: the fault of
    a weight sync that silently failed."""

    name = "desynced"

    def __init__(self, inner: RolloutEngine) -> None:
        self.inner = inner
        self.calls = 0

    def generate(
        self, prompts: list[list[int]], *, n: int, sampling: SamplingConfig, seed: int
    ) -> list[list[Completion]]:
        self.calls += 1
        groups = self.inner.generate(prompts, n=n, sampling=sampling, seed=seed)
        if self.calls >= 2:
            for group in groups:
                for c in group:
                    c.logprobs = [-50.0] * len(c.token_ids)
        return groups

    def update_weights(self, policy: torch.nn.Module) -> None:
        self.inner.update_weights(policy)


def test_engine_desync_stops_before_the_optimizer_step_with_a_checkpoint(live_server: ServerProc, tmp_path: Path):
    secret = "sk-desync-test-not-on-disk"
    cfg = _config(tmp_path, max_steps=3, save_steps=10, api_key=secret)  # no scheduled checkpoint before step 10
    after_step_1: dict[str, torch.Tensor] = {}
    with RewardClient(live_server.url, deadline_s=30) as client:
        trainer = GRPOSTrainer(cfg, client)
        trainer.engine = _DesyncedFromSecondCall(trainer.engine)

        def trainable() -> dict[str, torch.Tensor]:
            return {n: p.detach().clone() for n, p in trainer.model.named_parameters() if p.requires_grad}

        def on_step(step: int, _metrics: dict[str, float]) -> None:
            if step == 1:
                after_step_1.update(trainable())

        try:
            with pytest.raises(TrainingStopped, match=r"out of sync.*step 2 was not applied, checkpointed step 1"):
                trainer.train(progress=on_step)
            now = trainable()
        finally:
            trainer.close()
    assert after_step_1 and all(torch.equal(now[n], v) for n, v in after_step_1.items())  # step 2 never applied
    assert (tmp_path / "checkpoints" / "step-000001" / "optimizer.pt").is_file()  # --resume continues at step 2
    assert secret not in (tmp_path / "config.yaml").read_text()


def test_run_grpo_trains_against_its_embedded_server_started_beside_the_policy_load(model_dir: Path, tmp_path: Path):
    """No server URL: run_grpo starts the embedded server, loads the policy while it starts, and trains against it."""
    from services.trainer.grpo.run import run_grpo

    cfg = _config(tmp_path / "run", max_steps=1, model_dir=model_dir)
    summary = run_grpo(cfg)
    assert summary["steps"] == 1 and Path(summary["final_policy"]).is_dir()
    (row,) = read_metrics(tmp_path / "run")
    assert row["step"] == 1 and row["reward/n_errors"] == 0 and row["time/score"] > 0
