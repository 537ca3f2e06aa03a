"""One GRPO-S run end to end: reward server (remote, or started in this process), client, trainer, final policy.

The library entry point behind `drirl train grpo`, the demo and the ablation. It prints nothing and never exits the
process: faults are :mod:`services.trainer.grpo.errors`, progress goes to the ``progress`` callback, and the CLI
decides how both look (rich bar, message, exit code).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import Any

from services.trainer.config import GRPOSConfig
from services.trainer.grpo.errors import RewardServerError, SetupError

#: ``progress(step, total, metrics)``: once with step 0 and no metrics when the trainer is ready, then after every
#: step with that step's metrics.
Progress = Callable[[int, int, Mapping[str, float]], None]

#: The metrics a run's summary keeps of its last step.
SUMMARY_METRICS = ("reward/raw_mean", "eval/harmful_compliance", "eval/benign_refusal", "time/step")


def run_grpo(cfg: GRPOSConfig, *, resume: bool = False, progress: Progress | None = None) -> dict[str, Any]:
    """Train; save the final policy under ``run_dir/final``; return a summary (run dir, steps, final policy, curves,
    the last step's headline metrics).

    Raises:
        SetupError: the in-process reward server's model dir cannot be served, or the policy cannot take a setting.
        RewardServerError: the reward server was not ready in time, or refused the trainer, before the first step.
        TrainingStopped: training stopped on a fault (see :meth:`GRPOSTrainer.train`).
    """
    from services.reward_server.embedded import EmbeddedServer
    from services.trainer.config import ConfigError
    from services.trainer.eval.plots import plot_run
    from services.trainer.grpo.loop import GRPOSTrainer
    from shared.client import RewardClient
    from shared.errors import RewardError
    from shared.manifest import ManifestError

    with contextlib.ExitStack() as stack:
        url = cfg.server_url
        embedded = None
        if url is None:
            try:
                # not waited for here: the server loads its models while the trainer loads the policy and starts
                # vLLM (measured in a demo run, AMD Zen 4: ~12 s of server start-up, ~8 s of trainer set-up)
                embedded = stack.enter_context(EmbeddedServer(cfg.model_dir, wait=False))
            except ManifestError as e:
                raise SetupError(str(e)) from None
            url = embedded.url
        key = cfg.api_key.get_secret_value() if cfg.api_key is not None else None
        client = stack.enter_context(RewardClient(url, api_key=key, deadline_s=cfg.reward_deadline_s))
        try:
            if embedded is None:
                client.wait_ready(timeout_s=min(cfg.reward_deadline_s, 120))
            trainer = GRPOSTrainer(cfg, client)
            stack.callback(trainer.close)
            if embedded is not None:
                embedded.wait_ready()
        except RewardError as e:
            raise RewardServerError(f"reward server at {url}: {e}") from None
        except ConfigError as e:  # a setting the policy cannot take (e.g. lora_layers beyond its depth)
            raise SetupError(str(e)) from None
        on_step = None
        if progress is not None:
            progress(0, cfg.max_steps, {})
            on_step = lambda step, metrics: progress(step, cfg.max_steps, metrics)  # noqa: E731
        results = trainer.train(resume=resume, progress=on_step)
        final = trainer.save_final(cfg.run_dir / "final")
    plot = plot_run(cfg.run_dir)
    last = results[-1].metrics if results else {}
    return {
        "run_dir": str(cfg.run_dir),
        "steps": trainer.step_done,
        "final_policy": str(final),
        "curves": str(plot) if plot else None,
        "last": {k: last[k] for k in SUMMARY_METRICS if k in last},
    }
