"""IRLConfig: the knobs of `drirl irl train` (YAML file + CLI overrides, like GRPOSConfig)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.trainer.config import load_config
from services.trainer.data.schema import DEFAULT_DATASET
from shared.resources import MINILM_SPEC, SMOLLM2_SPEC


class IRLConfig(BaseModel):
    """Reward models by IRL: demonstrations ≻ the policy's samples, Bradley-Terry, per category."""

    model_config = ConfigDict(extra="forbid")

    data: Path = Field(DEFAULT_DATASET, description="Dataset JSONL; the train split makes the pairs.")
    policy: str = Field(SMOLLM2_SPEC, description="Policy whose samples are the negatives.")
    cache_dir: Path = Field(Path("var/cache"), description="Where converted policies are cached.")
    backbone: str = Field(MINILM_SPEC, description="Reward-model backbone: package:…, a path or an HF id.")
    init_from: Path | None = Field(None, description="Continue from this model dir's reward models (iterated IRL).")
    rounds: int = Field(1, ge=1, description="Sample → train rounds (each resamples from the policy).")
    samples_per_prompt: int = Field(4, ge=1, description="K: policy samples per training prompt.")
    max_new_tokens: int = Field(48, ge=1, description="Length of policy samples.")
    temperature: float = Field(1.0, gt=0, description="Sampling temperature.")
    engine: Literal["auto", "vllm", "hf"] = Field("auto", description="Rollout engine for sampling.")
    max_prompts_per_category: int | None = Field(
        None, ge=1, description="Use at most this many train prompts per category (small runs, tests)."
    )
    refusals_per_benign: int = Field(
        2, ge=0, description="Refusals per benign prompt, each ranked below the demonstration and every helpful sample."
    )
    refusals_per_harmful: int = Field(
        2, ge=0, description="Refusals per harmful prompt, each ranked above every compliant sample."
    )
    own_refusal_pairs: bool = Field(
        True, description="Rank the policy's own refusals above its compliant samples (harmful), below them (benign)."
    )
    shared_prompts: int = Field(
        12,
        ge=0,
        description="N: N harmful and N benign prompts of every other category also train each model (0: off).",
    )
    freeze_input_embeddings: bool = Field(
        True, description="Keep the token-embedding matrix fixed (MiniLM: 11.7M of 22.7M weights; steps ~25% faster)."
    )
    shared_model: bool = Field(
        False,
        description="Train one reward model on every category's pairs and serve it for all seven (the paper's "
        "shared-reward-model ablation); false: one model per category.",
    )
    epochs: int = Field(2, ge=1, description="Passes over each round's pairs.")
    batch_size: int = Field(16, ge=1, description="Pairs per optimizer step, at least: a prompt's pairs stay together.")
    learning_rate: float = Field(1e-4, gt=0, description="AdamW learning rate.")
    weight_decay: float = Field(0.01, ge=0, description="AdamW weight decay.")
    warmup_ratio: float = Field(0.1, ge=0, lt=1, description="Linear warm-up share of steps.")
    magnitude_coef: float = Field(0.01, ge=0, description="λ of the reward-magnitude penalty.")
    max_seq_tokens: int = Field(256, ge=16, le=512, description="Truncate (prompt, response) pairs to this.")
    dtype: Literal["auto", "float32", "bfloat16"] = Field(
        "auto", description="Autocast dtype (bfloat16 on AMX CPUs/CUDA)."
    )
    seed: int = Field(0, description="Seed of sampling, pair order and head initialisation.")
    run_dir: Path = Field(Path("var/runs/irl"), description="Metrics JSONL and samples of the run.")

    @classmethod
    def from_yaml(cls, path: Path | None, overrides: dict[str, Any] | None = None) -> IRLConfig:
        return load_config(cls, path, overrides, "IRL config")
